"""Keeping the index true: versioned indices behind aliases, the outbox, draining, verifying.

Every save or delete of an offer or organisation writes a PendingIndexUpdate row in the same transaction
(so an Elasticsearch outage loses nothing) and, after commit, enqueues `drain_index_updates` through
django-tasks. Draining resolves each row against the database at that moment (a published offer is
indexed, anything else is deleted from the index), deletes the rows it applied and reschedules failed
ones with exponential backoff.
"""

import logging
import re
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError
from elasticsearch.dsl import Index
from elasticsearch.helpers import scan, streaming_bulk

from catalog.models import Offer, Organisation

from .client import get_client
from .documents import (
    DOCUMENTS,
    OfferSources,
    alias_name,
    index_settings,
    indexable_offers,
    indexable_organisations,
    offer_rows,
    source_for,
)
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
DRAIN_BATCH = 500
BULK_CHUNK = 1000
# Two chunks indexing on a 2-core node's two write threads while the next one travels; measured by
# `make bench-search --index-only`: 500×2 ≈ 3,250/s, 1000×2 ≈ 3,480/s, 1000×3 ≈ 3,700/s.
BULK_IN_FLIGHT = 3
PAGE_SIZE = 2000
PROGRESS_EVERY = 5000


class IndexingUnavailable(Exception):
    """Elasticsearch is not configured or not reachable; pending updates stay in the outbox."""


def _client():
    client = get_client()
    if client is None:
        raise IndexingUnavailable("ELASTICSEARCH_URL is not set")
    # Index maintenance may wait longer than a search: creating an index on a busy node takes seconds.
    return client.options(request_timeout=30)


# --- index lifecycle -------------------------------------------------------------------------------


def create_index(document: str, name: str, client=None):
    """Create a concrete index with the document's mapping and analysis."""
    client = client or _client()
    index = Index(name, using=client)
    index.settings(**index_settings())
    index.document(DOCUMENTS[document])
    index.create(using=client)
    return name


def _versioned_name(document: str) -> str:
    return f"{alias_name(document)}_v{time.strftime('%Y%m%d%H%M%S')}_{time.monotonic_ns() % 100000:05d}"


def _indices_behind(client, alias: str) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias).body)
    except NotFoundError:
        return []


def _pages(queryset, size: int = PAGE_SIZE) -> Iterator[list]:
    """Rows in primary-key pages: bounded memory, and prefetches (which .iterator() drops) still work."""
    last_pk = 0
    while True:
        page = list(queryset.filter(pk__gt=last_pk)[:size])
        if not page:
            return
        yield page
        last_pk = page[-1].pk


def _sources(document: str) -> Iterator[tuple[str, dict]]:
    """(id, source) of every indexable row, read from the database page by page."""
    if document == "offer":
        sources = OfferSources()
        for page in _pages(offer_rows()):
            sources.load(page)
            for offer in page:
                yield offer.slug, sources(offer)
        return
    for page in _pages(indexable_organisations()):
        for organisation in page:
            yield organisation.slug, source_for(document, organisation)


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _send_chunk(client, actions: list[dict]) -> list[tuple[bool, dict]]:
    return list(streaming_bulk(client, actions, chunk_size=len(actions), raise_on_error=False))


def _bulk_load(client, index: str, document: str, report: "RebuildReport", progress) -> None:
    """Stream every source into `index`, sending each bulk chunk while the next one is being built.

    Reading and building stay on this thread, and so on the caller's database connection and
    transaction (parallel_bulk would read the rows from its own threads); only the HTTP requests move
    to a worker, so the database, Python and Elasticsearch work at the same time instead of in turn.
    """
    in_flight: deque[Future] = deque()
    next_progress = PROGRESS_EVERY

    def collect(future: Future) -> None:
        nonlocal next_progress
        for ok, item in future.result():
            report.indexed += ok
            if not ok:
                report.record_failure(item)
        if progress and report.indexed >= next_progress:
            progress(report.indexed)
            next_progress = (report.indexed // PROGRESS_EVERY + 1) * PROGRESS_EVERY

    with ThreadPoolExecutor(max_workers=BULK_IN_FLIGHT, thread_name_prefix="bulk") as pool:
        for batch in _batches(_sources(document), BULK_CHUNK):
            actions = [{"_index": index, "_id": object_id, "_source": source} for object_id, source in batch]
            in_flight.append(pool.submit(_send_chunk, client, actions))
            while len(in_flight) > BULK_IN_FLIGHT:
                collect(in_flight.popleft())
        while in_flight:
            collect(in_flight.popleft())


@dataclass
class RebuildReport:
    document: str
    index: str
    indexed: int = 0
    errors: int = 0
    seconds: float = 0.0
    removed: list[str] = field(default_factory=list)
    swapped: bool = False
    # Why documents were rejected: "status type: reason" → (count, first ids). A count alone told
    # nobody whether a rejected bulk was load (429) or a mapping bug in the documents (400).
    failures: dict[str, tuple[int, list[str]]] = field(default_factory=dict)

    def record_failure(self, item: dict) -> None:
        self.errors += 1
        result = next(iter(item.values()), {})
        error = result.get("error") or {}
        if not isinstance(error, dict):
            error = {"type": "error", "reason": str(error)}
        # Without the parse offset ("[1:1639] ") and the document id, one cause is one line.
        reason = re.sub(r"^\[\d+:\d+\] ", "", str(error.get("reason")))
        cause = error.get("caused_by") or {}
        if cause:
            reason += f" (caused by {cause.get('type')}: {cause.get('reason')})"
        key = f"{result.get('status')} {error.get('type')}: {reason}".replace(str(result.get("_id")), "…")[
            :500
        ]
        count, ids = self.failures.get(key, (0, []))
        self.failures[key] = (count + 1, ids if len(ids) >= 5 else [*ids, str(result.get("_id"))])


def rebuild_index(document: str, progress: Callable[[int], None] | None = None, client=None) -> RebuildReport:
    """Build a new versioned index from the database and swap the alias to it atomically.

    Searches keep using the old index until the swap. Rows are streamed in primary-key pages and sent in
    bulk chunks, so memory stays bounded whatever the catalogue size. Updates that happen during the
    build go to the old index through the alias and stay in the outbox history via updated_at; they are
    replayed into the new index right after the swap.
    """
    client = client or _client()
    alias = alias_name(document)
    name = _versioned_name(document)
    started = timezone.now()
    clock = time.monotonic()
    create_index(document, name, client)
    # Nobody reads the new index before the swap, and a crash only means running the rebuild again: skip
    # the refreshes and the per-request translog fsync while loading, as Elasticsearch advises.
    client.indices.put_settings(
        index=name, settings={"refresh_interval": "-1", "translog.durability": "async"}
    )
    report = RebuildReport(document=document, index=name)
    _bulk_load(client.options(request_timeout=120), name, document, report, progress)
    client.indices.put_settings(
        index=name, settings={"refresh_interval": "1s", "translog.durability": "request"}
    )
    client.indices.refresh(index=name)
    if report.errors:
        # An index missing rejected documents must never replace a complete one: searches keep the old
        # index and the caller gets the reasons.
        client.indices.delete(index=name, ignore_unavailable=True)
        report.seconds = time.monotonic() - clock
        return report
    old = list(_indices_behind(client, alias))
    if client.indices.exists(index=alias).body and not old:
        client.indices.delete(index=alias)  # a concrete index squatting on the alias name
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)
    report.removed = old
    report.swapped = True
    _replay_changes_since(document, started)
    report.seconds = time.monotonic() - clock
    return report


def _replay_changes_since(document: str, since) -> None:
    model = Offer if document == "offer" else Organisation
    slugs = list(model.objects.filter(updated_at__gte=since).values_list("slug", flat=True))
    if slugs:
        record_index_updates(document, slugs)
        drain_pending_updates()


def installation_patterns() -> list[str]:
    """The names of this installation's indices: each alias and its versioned indices.

    Not `<prefix>_*`: that also matched the indices of every prefix that starts with this one, so a
    test run with prefix `pes_search` deleted the benchmark's `pes_search_bench_*` indices in the middle
    of their bulk load.
    """
    return [
        pattern for document in DOCUMENTS for pattern in (alias_name(document), f"{alias_name(document)}_v*")
    ]


def delete_indices(client=None) -> None:
    """Drop every index of this installation (tests and benchmarks only), and no other prefix's."""
    client = client or _client()
    pattern = ",".join(installation_patterns())
    names = list(client.indices.get(index=pattern, ignore_unavailable=True, allow_no_indices=True).body)
    for name in names:  # one by one: the cluster refuses wildcard deletes
        client.indices.delete(index=name, ignore_unavailable=True)


# --- the outbox -------------------------------------------------------------------------------------


def record_index_updates(document: str, object_ids: list[str], action: str = PendingIndexUpdate.Action.INDEX):
    """Upsert outbox rows for these documents, due now. Call it inside the transaction of the change."""
    now = timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [
            PendingIndexUpdate(document=document, object_id=object_id, action=action, next_attempt_at=now)
            for object_id in dict.fromkeys(object_ids)
        ],
        update_conflicts=True,
        unique_fields=["document", "object_id"],
        update_fields=["action", "next_attempt_at", "attempts", "last_error"],
    )


def backoff(attempts: int) -> timedelta:
    """Delay before the next try: 10 s, 20 s, 40 s … capped at an hour."""
    return min(timedelta(seconds=10 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _bulk_actions(rows: list[PendingIndexUpdate]) -> Iterator[dict]:
    offers = {
        offer.slug: offer
        for offer in indexable_offers().filter(slug__in=[r.object_id for r in rows if r.document == "offer"])
    }
    organisations = {
        organisation.slug: organisation
        for organisation in indexable_organisations().filter(
            slug__in=[r.object_id for r in rows if r.document == "organisation"]
        )
    }
    for row in rows:
        instance = (offers if row.document == "offer" else organisations).get(row.object_id)
        index = alias_name(row.document)
        if instance is None:
            yield {"_op_type": "delete", "_index": index, "_id": row.object_id}
        else:
            yield {"_index": index, "_id": row.object_id, "_source": source_for(row.document, instance)}


def drain_pending_updates(due_only: bool = False, limit: int | None = None) -> tuple[int, int]:
    """Apply pending outbox rows to the index; returns (applied, failed).

    Idempotent: a document is always rebuilt from the current database state. A row changed by a new
    save while it was being applied is kept (its next_attempt_at moved), so no update is lost.
    """
    client = _client()
    applied = failed = 0
    while True:
        rows = PendingIndexUpdate.objects.order_by("next_attempt_at", "pk")
        if due_only:
            rows = rows.filter(next_attempt_at__lte=timezone.now())
        rows = list(rows[:DRAIN_BATCH])
        if not rows:
            break
        try:
            results = list(
                streaming_bulk(
                    client,
                    _bulk_actions(rows),
                    raise_on_error=False,
                    raise_on_exception=True,
                    refresh=True,
                    require_alias=True,
                )
            )
        except (ApiError, TransportError) as error:
            _reschedule(rows, str(error))
            failed += len(rows)
            break
        ok_ids = set()
        for (ok, item), row in zip(results, rows, strict=True):
            result = next(iter(item.values()))
            if ok or result.get("status") == 404:  # deleting what is already gone is success
                ok_ids.add(row.pk)
            else:
                _reschedule([row], str(result.get("error", "bulk item failed")))
                failed += 1
        for row in rows:
            if row.pk in ok_ids:
                PendingIndexUpdate.objects.filter(pk=row.pk, next_attempt_at=row.next_attempt_at).delete()
                applied += 1
        if failed or (limit and applied >= limit) or len(rows) < DRAIN_BATCH:
            break
    return applied, failed


def _reschedule(rows: list[PendingIndexUpdate], error: str) -> None:
    now = timezone.now()
    for row in rows:
        PendingIndexUpdate.objects.filter(pk=row.pk, next_attempt_at=row.next_attempt_at).update(
            attempts=F("attempts") + 1,
            next_attempt_at=now + backoff(row.attempts + 1),
            last_error=error[:2000],
        )


@task()
def drain_index_updates() -> dict:
    """Background task: apply due outbox rows. Failures stay in the outbox and are retried with backoff."""
    try:
        applied, failed = drain_pending_updates(due_only=True)
    except IndexingUnavailable:
        return {"applied": 0, "failed": 0, "skipped": True}
    if failed:
        logger.warning("Search index: %s update(s) failed and will be retried with backoff", failed)
    return {"applied": applied, "failed": failed}


def _enqueue_drain() -> None:
    try:
        drain_index_updates.enqueue()
    except Exception:  # a broken queue must never break a save; the rows wait in the outbox
        logger.exception("Could not enqueue the search index drain; outbox rows wait for the next drain")


def queue_index_update(document: str, object_ids: list[str]) -> None:
    """Record the change in the outbox now and drain it after commit (the signal receivers call this)."""
    record_index_updates(document, object_ids)
    transaction.on_commit(_enqueue_drain)


# --- verify -----------------------------------------------------------------------------------------


@dataclass
class DriftReport:
    document: str
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def drift(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)


def verify_index(document: str, repair: bool = False, client=None) -> DriftReport:
    """Compare the index with the database by fingerprint; with repair, fix every difference found."""
    client = client or _client()
    indexed = {
        hit["_id"]: hit["_source"].get("fingerprint")
        for hit in scan(client, index=alias_name(document), _source=["fingerprint"], size=2000)
    }
    report = DriftReport(document=document)
    expected = set()
    for object_id, source in _sources(document):
        expected.add(object_id)
        if object_id not in indexed:
            report.missing.append(object_id)
        elif indexed[object_id] != source["fingerprint"]:
            report.stale.append(object_id)
    report.extra = sorted(set(indexed) - expected)
    if repair and report.drift:
        record_index_updates(document, report.missing + report.stale + report.extra)
        drain_pending_updates()
    return report
