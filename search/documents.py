"""Index definitions (elasticsearch.dsl) and the functions that turn catalogue rows into documents.

Every text is indexed three times: with Polish lemmas (hunspell), folded to ASCII in Python, and as
folded stems (see search.analysis). Offer documents denormalise their organisation so that filters and
facets never need a join. Only published offers are indexed.
"""

import hashlib

import orjson
from django.conf import settings
from django.db.models import Prefetch
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    GeoPoint,
    Integer,
    Keyword,
    MetaField,
    Text,
)

from catalog.models import Category, Offer, Organisation

from .analysis import fold, folded, folded_stems, lemma_list, polish, suggest_analyzer
from .client import index_name
from .lemmas import learn, lemma_text
from .vocabulary import english_stems


def index_settings() -> dict:
    """Shards and replicas of a new index; replicas come from settings (0 on one node, 1+ on a cluster)."""
    return {
        "number_of_shards": 1,
        "number_of_replicas": settings.SEARCH_INDEX_REPLICAS,
        "max_result_window": 10_000,
    }


# Positions are only indexed where a phrase query reads them (the stems fields and the title's folded
# field, see search.backends.es_query); everywhere else term frequencies are enough for the BM25 score,
# and not writing positions is a good part of Elasticsearch's indexing time saved.
WITHOUT_POSITIONS = "freqs"


def _lemma() -> Text:
    """Lemmas computed by search.lemmas at index time; the query is lemmatised by hunspell as before."""
    return Text(analyzer=lemma_list, search_analyzer=polish, index_options=WITHOUT_POSITIONS)


def _shown() -> Keyword:
    """The original text, kept in the source for display and snippets; searched through its companions."""
    return Keyword(index=False, doc_values=False)


def _folded(phrases: bool = False) -> Text:
    """Folded words; with positions only for a field that phrase queries read."""
    return Text(analyzer=folded) if phrases else Text(analyzer=folded, index_options=WITHOUT_POSITIONS)


def _stems() -> Text:
    """Folded stems; phrase queries read them (compound spellings), so they keep positions."""
    return Text(analyzer=folded)


class _CatalogueDocument(Document):
    """Fields that offer and organisation documents share, so that one set of filters serves both."""

    class Meta:
        # The companions are derived from the shown text and only searched: keeping them out of the
        # stored source halves what Elasticsearch compresses and writes per document. Nothing reads
        # them back (results read the shown fields; a rebuild reads the database, never the source).
        source = MetaField(excludes=["*_lemmas", "*_folded", "*_stems"])

    slug = Keyword()
    title_sort = Keyword()
    description = _shown()
    description_lemmas = _lemma()
    description_folded = _folded()
    description_stems = _stems()
    description_en = Keyword(index=False)  # shown on English pages; searched through its stems
    description_en_stems = _folded()
    category = Keyword()
    category_name = _shown()
    category_name_lemmas = _lemma()
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


class OfferDocument(_CatalogueDocument):
    title = _shown()
    title_lemmas = _lemma()
    title_folded = _folded(phrases=True)
    title_stems = _stems()
    title_en = Keyword(index=False)
    title_en_stems = _folded()
    tags = _shown()
    tags_lemmas = _lemma()
    tags_folded = _folded()
    tags_stems = _stems()
    price_from = Integer()
    price_to = Integer()
    price_unit = Keyword(index=False)
    service_area = Keyword(index=False)
    organisation_id = Keyword()
    organisation_name = _shown()
    organisation_name_lemmas = _lemma()
    organisation_name_folded = _folded()


class OrganisationDocument(_CatalogueDocument):
    name = _shown()
    name_lemmas = _lemma()
    name_folded = _folded(phrases=True)
    name_stems = _stems()
    offer_titles = _shown()
    offer_titles_lemmas = _lemma()
    offer_titles_folded = _folded()
    offer_titles_stems = _stems()


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
    # orjson: the standard json module was the largest single cost of building a document.
    payload = orjson.dumps(source, option=orjson.OPT_SORT_KEYS, default=str)
    source["fingerprint"] = hashlib.sha256(payload).hexdigest()[:16]
    return source


def _text(name: str, text: str) -> dict:
    """A text field with its lemmas and its folded and stemmed companions, folding the text once."""
    folded_text = fold(text)
    return {
        name: text,
        f"{name}_lemmas": lemma_text(text),
        f"{name}_folded": folded_text,
        f"{name}_stems": folded_stems(folded_text),
    }


def _organisation_part(organisation: Organisation) -> dict:
    """What an offer document repeats of its organisation."""
    return {
        "organisation_id": organisation.slug,
        "organisation_name": organisation.name,
        "organisation_name_lemmas": lemma_text(organisation.name),
        "organisation_name_folded": fold(organisation.name),
        **_status_and_place(organisation),
    }


def _status_and_place(organisation: Organisation) -> dict:
    """The organisation's fields that filters and facets use, the same in both kinds of document."""
    return {
        "legal_form": organisation.legal_form,
        "ps_status": organisation.ps_status,
        "reserved": organisation.reserved_contract_eligible,
        "certificates": list(organisation.certificates or []),
        "subregion": organisation.subregion,
        "powiat": organisation.powiat,
        "city": organisation.city,
        "city_folded": fold(organisation.city),
        "location": _location(organisation),
    }


def _category_part(category) -> dict:
    return {
        "category": category.slug,
        "category_name": category.name_pl,
        "category_name_lemmas": lemma_text(category.name_pl),
        "category_name_folded": fold(category.name_pl),
    }


def _offer_own_part(offer: Offer) -> dict:
    tags = " ".join(offer.tags or [])
    title = _text("title", offer.title)
    return {
        "slug": offer.slug,
        **title,
        "title_sort": title["title_folded"][:100],
        **_text("description", offer.description),
        "title_en": offer.title_en,
        "title_en_stems": english_stems(offer.title_en),
        "description_en": offer.description_en,
        "description_en_stems": english_stems(offer.description_en),
        **_text("tags", tags),
        "kind": offer.kind,
        "cpv": list(offer.cpv_codes or []),
        "cpv_digits": _cpv_digits(offer.cpv_codes or []),
        "price_from": offer.price_from,
        "price_to": offer.price_to,
        "price_unit": offer.price_unit,
        "service_area": list(offer.service_area or []),
        "coverage": sorted({fold(area) for area in offer.service_area or []}),
        "created_at": offer.created_at.isoformat() if offer.created_at else None,
        "suggest": {"input": _suggest_inputs(offer.title)},
    }


def offer_source(offer: Offer) -> dict:
    """The indexed form of a published offer (organisation and category must be loaded)."""
    return OfferSources()(offer)


class OfferSources:
    """Offer sources for a stream of offers, building each organisation's and category's part once.

    A rebuild reads offers without joining their organisation and category (most of the indexer's time
    was spent instantiating the same organisation row again for each of its offers): `load` fetches the
    missing ones for a page of offers in two queries.
    """

    def __init__(self) -> None:
        self._organisations: dict[int, dict] = {}
        self._categories: dict[int, dict] = {}

    def load(self, offers: list[Offer]) -> None:
        organisations = Organisation.objects.in_bulk(
            {offer.organisation_id for offer in offers} - self._organisations.keys()
        )
        categories = Category.objects.in_bulk(
            {offer.category_id for offer in offers} - self._categories.keys()
        )
        # The page's new words in a few _analyze requests, not one per document (search.lemmas).
        learn(
            [
                *(
                    text
                    for offer in offers
                    for text in (offer.title, offer.description, " ".join(offer.tags or []))
                ),
                *(organisation.name for organisation in organisations.values()),
                *(category.name_pl for category in categories.values()),
            ]
        )
        for pk, organisation in organisations.items():
            self._organisations[pk] = _organisation_part(organisation)
        for pk, category in categories.items():
            self._categories[pk] = _category_part(category)

    def __call__(self, offer: Offer) -> dict:
        organisation = self._organisations.get(offer.organisation_id)
        if organisation is None:
            organisation = self._organisations[offer.organisation_id] = _organisation_part(offer.organisation)
        category = self._categories.get(offer.category_id)
        if category is None:
            category = self._categories[offer.category_id] = _category_part(offer.category)
        return _with_fingerprint({**_offer_own_part(offer), **category, **organisation})


def organisation_source(organisation: Organisation, offers: list[Offer]) -> dict:
    """The indexed form of an organisation, with what its published offers say about it."""
    titles = " ".join(offer.title for offer in offers)
    categories = {offer.category.slug: offer.category.name_pl for offer in offers}
    category_names = " ".join(sorted(set(categories.values())))
    codes = sorted({code for offer in offers for code in offer.cpv_codes or []})
    text = f"{organisation.description} {organisation.social_mission}"
    name = _text("name", organisation.name)
    return _with_fingerprint(
        {
            "slug": organisation.slug,
            **name,
            "title_sort": name["name_folded"][:100],
            **_text("description", text),
            "description_en": organisation.description_en,
            "description_en_stems": english_stems(
                " ".join([organisation.description_en, *(offer.title_en for offer in offers)])
            ),
            **_text("offer_titles", titles),
            "category": sorted(categories),
            "category_name": category_names,
            "category_name_lemmas": lemma_text(category_names),
            "category_name_folded": fold(category_names),
            "kind": sorted({offer.kind for offer in offers}),
            "cpv": codes,
            "cpv_digits": _cpv_digits(codes),
            "coverage": sorted(
                {fold(area) for offer in offers for area in offer.service_area or []}
                | {fold(organisation.city)}
            ),
            **_status_and_place(organisation),
            "created_at": organisation.created_at.isoformat() if organisation.created_at else None,
            "suggest": {"input": _suggest_inputs(organisation.name)},
        }
    )


def offer_rows():
    """Published offers alone, in a stable order: OfferSources.load adds their organisation and category."""
    return Offer.objects.public().order_by("pk")


def indexable_offers():
    """Published offers with everything their documents need, in a stable order."""
    return Offer.objects.public().select_related("organisation", "category").order_by("pk")


def indexable_organisations():
    """Organisations with their published offers prefetched, in a stable order."""
    # Offers of public organisations: published is public here.
    published = Offer.objects.published().select_related("category").order_by("pk")
    return (
        Organisation.objects.public()
        .prefetch_related(Prefetch("offers", queryset=published, to_attr="published"))
        .order_by("pk")
    )


def source_for(document: str, instance) -> dict:
    """The source of any indexable instance returned by indexable_offers/indexable_organisations."""
    if document == "offer":
        return offer_source(instance)
    offers = instance.published if hasattr(instance, "published") else _published_offers(instance)
    return organisation_source(instance, offers)


def _published_offers(organisation: Organisation) -> list[Offer]:
    return list(organisation.offers.published().select_related("category"))
