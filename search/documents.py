"""Index definitions (elasticsearch.dsl) and the functions that turn catalogue rows into documents.

Every text is indexed three times: with Polish lemmas (hunspell), folded to ASCII in Python, and as
folded stems (see search.analysis). Offer documents denormalise their organisation so that filters and
facets never need a join. Only published offers are indexed.
"""

import hashlib
import json

from django.db.models import Prefetch
from elasticsearch.dsl import Boolean, Completion, Date, Document, GeoPoint, Integer, Keyword, Text

from catalog.choices import OfferStatus
from catalog.models import Offer, Organisation

from .analysis import fold, folded, polish, stems, suggest_analyzer
from .client import index_name

INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0, "max_result_window": 10_000}


def _lemma() -> Text:
    return Text(analyzer=polish)


def _folded() -> Text:
    return Text(analyzer=folded)


class OfferDocument(Document):
    slug = Keyword()
    title = _lemma()
    title_folded = _folded()
    title_stems = _folded()
    title_sort = Keyword()
    description = _lemma()
    description_folded = _folded()
    description_stems = _folded()
    tags = _lemma()
    tags_folded = _folded()
    tags_stems = _folded()
    category = Keyword()
    category_name = _lemma()
    category_name_folded = _folded()
    kind = Keyword()
    cpv = Keyword()
    cpv_digits = Keyword()
    price_from = Integer()
    price_to = Integer()
    price_unit = Keyword(index=False)
    service_area = Keyword(index=False)
    coverage = Keyword()
    organisation_id = Keyword()
    organisation_name = _lemma()
    organisation_name_folded = _folded()
    legal_form = Keyword()
    ps_status = Boolean()
    reserved = Boolean()
    certificates = Keyword()
    subregion = Keyword()
    powiat = Keyword()
    city = Keyword()
    city_folded = Keyword()
    location = GeoPoint()
    created_at = Date()
    fingerprint = Keyword(index=False)
    suggest = Completion(analyzer=suggest_analyzer, preserve_separators=True)


class OrganisationDocument(Document):
    slug = Keyword()
    name = _lemma()
    name_folded = _folded()
    name_stems = _folded()
    title_sort = Keyword()
    description = _lemma()
    description_folded = _folded()
    description_stems = _folded()
    offer_titles = _lemma()
    offer_titles_folded = _folded()
    offer_titles_stems = _folded()
    category = Keyword()
    category_name = _lemma()
    category_name_folded = _folded()
    kind = Keyword()
    cpv = Keyword()
    cpv_digits = Keyword()
    coverage = Keyword()
    legal_form = Keyword()
    ps_status = Boolean()
    reserved = Boolean()
    certificates = Keyword()
    subregion = Keyword()
    powiat = Keyword()
    city = Keyword()
    city_folded = Keyword()
    location = GeoPoint()
    created_at = Date()
    fingerprint = Keyword(index=False)
    suggest = Completion(analyzer=suggest_analyzer, preserve_separators=True)


DOCUMENTS = {"offer": OfferDocument, "organisation": OrganisationDocument}
ALIASES = {"offer": "offers", "organisation": "organisations"}


def alias_name(document: str) -> str:
    """The alias every search and every single-document update goes through."""
    return index_name(ALIASES[document])


def _suggest_inputs(text: str) -> list[str]:
    """Completion inputs: the text and its folded form, each also from its second and third word on."""
    inputs: list[str] = []
    for variant in (text, fold(text)):
        parts = variant.split()
        for start in range(min(3, len(parts))):
            candidate = " ".join(parts[start:])
            if len(candidate) >= 2 and candidate not in inputs:
                inputs.append(candidate[:200])
    return inputs


def _location(organisation: Organisation) -> dict | None:
    if organisation.latitude is None or organisation.longitude is None:
        return None
    return {"lat": organisation.latitude, "lon": organisation.longitude}


def _cpv_digits(codes: list[str]) -> list[str]:
    return [code.split("-")[0] for code in codes]


def _with_fingerprint(source: dict) -> dict:
    payload = json.dumps(source, sort_keys=True, default=str, ensure_ascii=False)
    source["fingerprint"] = hashlib.sha256(payload.encode()).hexdigest()[:16]
    return source


def offer_source(offer: Offer) -> dict:
    """The indexed form of a published offer (organisation and category must be loaded)."""
    organisation = offer.organisation
    tags = " ".join(offer.tags or [])
    return _with_fingerprint(
        {
            "slug": offer.slug,
            "title": offer.title,
            "title_folded": fold(offer.title),
            "title_stems": stems(offer.title),
            "title_sort": fold(offer.title)[:100],
            "description": offer.description,
            "description_folded": fold(offer.description),
            "description_stems": stems(offer.description),
            "tags": tags,
            "tags_folded": fold(tags),
            "tags_stems": stems(tags),
            "category": offer.category.slug,
            "category_name": offer.category.name_pl,
            "category_name_folded": fold(offer.category.name_pl),
            "kind": offer.kind,
            "cpv": list(offer.cpv_codes or []),
            "cpv_digits": _cpv_digits(offer.cpv_codes or []),
            "price_from": offer.price_from,
            "price_to": offer.price_to,
            "price_unit": offer.price_unit,
            "service_area": list(offer.service_area or []),
            "coverage": sorted({fold(area) for area in offer.service_area or []}),
            "organisation_id": organisation.slug,
            "organisation_name": organisation.name,
            "organisation_name_folded": fold(organisation.name),
            "legal_form": organisation.legal_form,
            "ps_status": organisation.ps_status,
            "reserved": organisation.reserved_contract_eligible,
            "certificates": list(organisation.certificates or []),
            "subregion": organisation.subregion,
            "powiat": organisation.powiat,
            "city": organisation.city,
            "city_folded": fold(organisation.city),
            "location": _location(organisation),
            "created_at": offer.created_at.isoformat() if offer.created_at else None,
            "suggest": {"input": _suggest_inputs(offer.title)},
        }
    )


def organisation_source(organisation: Organisation, offers: list[Offer]) -> dict:
    """The indexed form of an organisation, with what its published offers say about it."""
    titles = " ".join(offer.title for offer in offers)
    categories = {offer.category.slug: offer.category.name_pl for offer in offers}
    category_names = " ".join(sorted(set(categories.values())))
    codes = sorted({code for offer in offers for code in offer.cpv_codes or []})
    text = f"{organisation.description} {organisation.social_mission}"
    return _with_fingerprint(
        {
            "slug": organisation.slug,
            "name": organisation.name,
            "name_folded": fold(organisation.name),
            "name_stems": stems(organisation.name),
            "title_sort": fold(organisation.name)[:100],
            "description": text,
            "description_folded": fold(text),
            "description_stems": stems(text),
            "offer_titles": titles,
            "offer_titles_folded": fold(titles),
            "offer_titles_stems": stems(titles),
            "category": sorted(categories),
            "category_name": category_names,
            "category_name_folded": fold(category_names),
            "kind": sorted({offer.kind for offer in offers}),
            "cpv": codes,
            "cpv_digits": _cpv_digits(codes),
            "coverage": sorted(
                {fold(area) for offer in offers for area in offer.service_area or []}
                | {fold(organisation.city)}
            ),
            "legal_form": organisation.legal_form,
            "ps_status": organisation.ps_status,
            "reserved": organisation.reserved_contract_eligible,
            "certificates": list(organisation.certificates or []),
            "subregion": organisation.subregion,
            "powiat": organisation.powiat,
            "city": organisation.city,
            "city_folded": fold(organisation.city),
            "location": _location(organisation),
            "created_at": organisation.created_at.isoformat() if organisation.created_at else None,
            "suggest": {"input": _suggest_inputs(organisation.name)},
        }
    )


def indexable_offers():
    """Published offers with everything their documents need, in a stable order."""
    return (
        Offer.objects.filter(status=OfferStatus.PUBLISHED)
        .select_related("organisation", "category")
        .order_by("pk")
    )


def indexable_organisations():
    """Organisations with their published offers prefetched, in a stable order."""
    published = Offer.objects.filter(status=OfferStatus.PUBLISHED).select_related("category").order_by("pk")
    return Organisation.objects.prefetch_related(
        Prefetch("offers", queryset=published, to_attr="published")
    ).order_by("pk")


def source_for(document: str, instance) -> dict:
    """The source of any indexable instance returned by indexable_offers/indexable_organisations."""
    if document == "offer":
        return offer_source(instance)
    offers = instance.published if hasattr(instance, "published") else _published_offers(instance)
    return organisation_source(instance, offers)


def _published_offers(organisation: Organisation) -> list[Offer]:
    return list(organisation.offers.filter(status=OfferStatus.PUBLISHED).select_related("category"))
