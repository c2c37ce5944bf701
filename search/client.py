"""The one place that builds the Elasticsearch client from settings."""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.serializer import OrjsonSerializer


@lru_cache(maxsize=4)
def _client(url: str, timeout: float, username: str = "", password: str = "") -> Elasticsearch:
    auth = (username, password) if username else None
    # orjson instead of the standard json module: encoding the bulk requests and decoding the answers
    # was a quarter of the indexer's Python time and a good part of a search's time in Django.
    return Elasticsearch(
        url,
        request_timeout=timeout,
        retry_on_timeout=False,
        max_retries=0,
        basic_auth=auth,
        serializer=OrjsonSerializer(),
    )


def get_client() -> Elasticsearch | None:
    """The configured client, or None when ELASTICSEARCH_URL is unset (database fallback)."""
    if not settings.ELASTICSEARCH_URL:
        return None
    return _client(
        settings.ELASTICSEARCH_URL,
        settings.SEARCH_TIMEOUT_SECONDS,
        settings.ELASTICSEARCH_USERNAME,
        settings.ELASTICSEARCH_PASSWORD,
    )


def index_name(name: str) -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}_{name}"
