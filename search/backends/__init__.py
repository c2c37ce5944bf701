"""Search backends: Elasticsearch and the database fallback, behind one interface."""

from typing import Protocol

from ..filters import SearchParams
from ..results import OrganisationCounts, SearchResult, Suggestion


class SearchUnavailable(Exception):
    """The backend could not answer in time (down, erroring or slow); the caller falls back."""


class SearchBackend(Protocol):
    name: str

    def search_offers(self, params: SearchParams) -> SearchResult: ...

    def search_organisations(self, params: SearchParams) -> SearchResult: ...

    def suggest(self, text: str, limit: int) -> list[Suggestion]: ...

    def organisation_counts(self, params: SearchParams, document: str, limit: int) -> OrganisationCounts: ...
