"""Keeping the index true: outbox after commit, no update lost while ES is down, rebuild, verify, drain."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from catalog.choices import OfferStatus
from catalog.models import Category, Offer, Organisation
from search import indexing
from search.client import get_client
from search.documents import alias_name
from search.filters import SearchParams
from search.indexing import backoff, drain_pending_updates, rebuild_index, verify_index
from search.models import PendingIndexUpdate
from search.query import search_offers

pytestmark = pytest.mark.django_db
CLOSED_PORT = "http://127.0.0.1:9"


def es_ids(q: str) -> list[str]:
    return search_offers(SearchParams(q=q), backend="es").ids


def command(*args) -> str:
    out = io.StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


def test_saved_offer_reaches_the_index_after_commit(search_index, django_capture_on_commit_callbacks):
    offer = Offer.objects.get(slug="so-koszenie-trawy")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        offer.title = "Wertykulacja i aeracja trawników"
        offer.save()
    assert callbacks  # the drain is queued after commit, not during the transaction
    assert es_ids("wertykulacja") == ["so-koszenie-trawy"]
    assert not PendingIndexUpdate.objects.exists()


def test_unpublished_and_deleted_offers_leave_the_index(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Offer.objects.filter(slug="zk-obiady-szkolne").get().delete()
        archived = Offer.objects.get(slug="cd-sprzatanie-biur")
        archived.status = OfferStatus.ARCHIVED
        archived.save()
    assert "zk-obiady-szkolne" not in es_ids("obiady")
    assert "cd-sprzatanie-biur" not in es_ids("sprzątanie")


def test_organisation_change_reaches_its_offer_documents(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = Organisation.objects.get(slug="sps-slupskie-ogrody")
        organisation.ps_status = True
        organisation.save()
    result = search_offers(SearchParams(ps=True), backend="es")
    assert {"so-koszenie-trawy", "so-sprzatanie-slupsk"} <= set(result.ids)


def test_no_update_is_lost_while_elasticsearch_is_down(search_index, django_capture_on_commit_callbacks):
    category = Category.objects.get(slug="sprzatanie")
    organisation = Organisation.objects.get(slug="fund-czysty-dom")
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT):
        for number in range(20):
            with django_capture_on_commit_callbacks(execute=True):
                Offer.objects.create(
                    slug=f"cd-nowa-{number}",
                    organisation=organisation,
                    title=f"Pranie wykładzin numer {number}",
                    description="Pranie wykładzin i tapicerki.",
                    category=category,
                    status=OfferStatus.PUBLISHED,
                )
        pending = PendingIndexUpdate.objects.filter(document="offer")
        assert pending.count() == 20
        assert all(row.attempts == 1 and row.last_error for row in pending)  # the drain ran and failed
    assert es_ids("wykładzin") == []  # ES has not seen them yet

    assert "20 applied" in command("drain") or PendingIndexUpdate.objects.count() == 0
    assert not PendingIndexUpdate.objects.exists()
    assert len(search_offers(SearchParams(q="wykładzin", per_page=50), backend="es").ids) == 20
    assert "total drift: 0" in command("verify")


def test_failed_updates_are_retried_with_growing_backoff(catalogue):
    assert backoff(1).total_seconds() == 10
    assert backoff(2).total_seconds() == 20
    assert backoff(30).total_seconds() == 3600


def test_rebuild_builds_a_new_index_and_swaps_the_alias(search_index):
    client = get_client()
    alias = alias_name("offer")
    before = set(client.indices.get_alias(name=alias).body)
    output = command("rebuild", "--document", "offer")
    after = set(client.indices.get_alias(name=alias).body)
    assert "6 documents" in output and "alias swapped" in output
    assert len(after) == 1 and not before & after
    assert not client.indices.exists(index=",".join(before)).body  # the old version is gone
    assert es_ids("catering")[0] == "zk-catering-weganski"


def test_rejected_documents_are_explained_and_never_replace_the_index(search_index):
    """A rebuild with rejected documents says why (status, type, reason, ids) and keeps the old index."""
    client = get_client()
    alias = alias_name("offer")
    before = set(client.indices.get_alias(name=alias).body)
    Organisation.objects.filter(slug="sps-slupskie-ogrody").update(latitude=123.0)  # no signal
    report = rebuild_index("offer")
    assert report.errors == 2 and not report.swapped
    [(reason, (count, ids))] = report.failures.items()
    assert reason.startswith("400 document_parsing_exception") and "latitude" in reason
    assert count == 2 and set(ids) == {"so-koszenie-trawy", "so-sprzatanie-slupsk"}
    assert set(client.indices.get_alias(name=alias).body) == before
    assert not client.indices.exists(index=report.index).body
    assert "so-koszenie-trawy" in es_ids("koszenie")


def test_verify_reports_and_repairs_drift(search_index):
    client = get_client()
    client.delete(index=alias_name("offer"), id="so-koszenie-trawy", refresh=True)
    Offer.objects.filter(slug="cd-sprzatanie-biur").update(title="Sprzątanie hal magazynowych")  # no signal
    client.index(index=alias_name("offer"), id="ghost-offer", document={"slug": "ghost-offer"}, refresh=True)
    report = verify_index("offer")
    assert (report.missing, report.stale, report.extra) == (
        ["so-koszenie-trawy"],
        ["cd-sprzatanie-biur"],
        ["ghost-offer"],
    )
    repaired = command("verify", "--document", "offer", "--repair")
    assert "drift 3" in repaired and "repaired" in repaired
    assert verify_index("offer").drift == 0
    assert es_ids("magazynowych") == ["cd-sprzatanie-biur"]


def test_drain_without_elasticsearch_keeps_rows_for_later(catalogue):
    PendingIndexUpdate.objects.all().delete()
    Offer.objects.get(slug="zk-obiady-szkolne").save()
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT):
        applied, failed = drain_pending_updates()
    assert applied == 0 and failed == PendingIndexUpdate.objects.count() > 0
    row = PendingIndexUpdate.objects.get(document="offer", object_id="zk-obiady-szkolne")
    assert row.attempts == 1 and row.last_error


def test_rebuild_pipelines_small_chunks_and_pages_without_losing_a_document(search_index, monkeypatch):
    monkeypatch.setattr(indexing, "PAGE_SIZE", 4)
    monkeypatch.setattr(indexing, "BULK_CHUNK", 2)
    monkeypatch.setattr(indexing, "PROGRESS_EVERY", 2)
    seen = []
    report = rebuild_index("offer", progress=seen.append)
    assert (report.indexed, report.errors) == (6, 0)
    assert seen == [2, 4, 6]
    assert verify_index("offer").drift == 0  # every page reached the new index, each source intact


def test_rebuild_streams_in_bounded_chunks_with_progress(search_index):
    seen = []
    report = rebuild_index("offer", progress=seen.append)
    assert report.indexed == 6 and report.errors == 0


def test_deleting_this_installations_indices_leaves_longer_prefixes_alone(search_index):
    """`pes_search` tests must not delete the `pes_search_bench` benchmark's indices while it loads them."""
    from search.client import index_name

    client = get_client()
    other = index_name("bench_offers_v1")  # another installation's index: prefix `<prefix>_bench`
    client.indices.create(index=other)
    try:
        indexing.delete_indices()
        assert client.indices.exists(index=other).body
        assert not client.indices.exists(index=alias_name("offer")).body
    finally:
        client.indices.delete(index=other, ignore_unavailable=True)
