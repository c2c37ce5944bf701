"""Renditions of members' images, made by the worker after the upload rather than by the first page view.

A profile with three large images took seconds to render once, because Wagtail makes a missing
rendition while it renders the page. The specs below are the ones the profile and offer templates
ask for (catalog/tests/test_uploads.py keeps them in step), so those pages only read finished files.
"""

from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

RENDITION_SPECS = {
    "logo": "format-{avif,webp} max-{160x160,320x320}",
    "gallery": "format-{avif,webp} fill-{320x240,640x480}",
    "offer": "format-{avif,webp} fill-{480x320,360x240,960x640}",
}


@task()
def make_renditions(image_id: int, kind: str) -> int:
    """Make every rendition the pages need of one image; returns how many exist. Idempotent."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # removed before the worker got to it
        return 0
    return len(image.get_renditions(*Filter.expand_spec(RENDITION_SPECS[kind])))
