"""The English translations of the demo pages: created once, brought up to date without clobbering edits."""

import json
from collections.abc import Iterable, Mapping
from typing import Any

from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Locale, Page


def stream(blocks: Iterable[Mapping[str, Any]]) -> str:
    """Raw StreamField JSON from the demo data's blocks, each a mapping of `type` and `value`."""
    return json.dumps(list(blocks))


def translate_demo_page(
    source: Page,
    locale: Locale,
    fields: Mapping[str, Any],
    former_text: Mapping[str, str] | None = None,
) -> tuple[Page, bool]:
    """The translation of `source` into `locale` carrying the demo's `fields`, and whether it changed.

    A missing translation is copied from the source (with its parents) and given every field. An existing
    one is updated field by field, and only where the field still holds what an earlier demo loader put
    there: a copy of the source's text, or the field's entry in `former_text`. Text an editor wrote stays,
    and so does a page with unpublished changes (a draft in progress). Stream fields are compared by their
    blocks, ignoring block ids. `fields` may hold `tags`, a list of tag names, with the same rule.

    Idempotent: a second call with the same fields finds nothing to change and publishes nothing.
    """
    source = source.specific
    translation = source.get_translation_or_none(locale)
    created = translation is None
    if created:
        translation = source.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    if not created and translation.has_unpublished_changes:
        return translation, False
    former_text = former_text or {}
    changed = created
    for name, value in fields.items():
        if name == "tags":
            current = sorted(tag.name for tag in translation.tags.all())
            if current != sorted(value) and (created or current == sorted(t.name for t in source.tags.all())):
                translation.tags.set(value)
                changed = True
            continue
        field = translation._meta.get_field(name)
        if isinstance(field, StreamField):
            value = stream(value)
        current = _comparable(field, getattr(translation, name))
        if current == _comparable(field, value):
            continue
        if (
            created
            or current == _comparable(field, getattr(source, name))
            or current == former_text.get(name)
        ):
            setattr(translation, name, value)
            changed = True
    if changed:
        translation.save_revision().publish()
    return translation, changed


def _comparable(field, value):
    """A stream field's blocks without their ids (a translated copy gets new ones); other values as they are."""
    if not isinstance(field, StreamField):
        return value
    if not isinstance(value, StreamValue):
        value = field.to_python(value)
    list(value)  # converts every block, so raw demo JSON and stored data come out in one normal form
    return _without_ids(value.get_prep_value())


def _without_ids(data):
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        is_block = "type" in data and "value" in data
        return {key: _without_ids(item) for key, item in data.items() if not (is_block and key == "id")}
    return data
