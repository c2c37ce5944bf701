"""`make bench-search`: catalogue search speed at scale. A benchmark, not a test: it asserts nothing.

In one run it
1. generates a deterministic catalogue of N offers (default 100,000) from the word lists of
   benchmarks/corpus.py (shipped here, so ../shared is not needed), straight into PostgreSQL, in a
   database and indices named after SEARCH_INDEX_PREFIX (`<prefix>_bench`);
2. rebuilds the offer index in a child process (`search_index rebuild`) and reports documents/s and
   the child's peak RSS;
3. serves the project with gunicorn on loopback and sends a fixed mix of 200 queries with facets
   through the full Django stack with production settings (persistent connections): the Elasticsearch
   path (/api/v1/offers/, every answer checked to come from Elasticsearch), the database fallback (a
   second server without ELASTICSEARCH_URL, every answer checked to be the fallback's) and a naive ORM
   icontains baseline, every path on the same queries; it also records Elasticsearch's own `took`;
4. prints p50/p95 of each and the ratios between them.

    python -m benchmarks.bench_search [--offers 100000] [--queries 200] [--index-only]
    BENCH_SEARCH_OFFERS=5000 make bench-search
"""

import argparse
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "catalog"
PG = "postgres://pes@127.0.0.1:55432"
# Own database and indices per engineer: the services are shared, so the names follow
# SEARCH_INDEX_PREFIX (e.g. pes_search → database pes_search_bench, indices pes_search_bench_*).
PREFIX = f"{os.environ.get('SEARCH_INDEX_PREFIX') or 'pes'}_bench"
DATABASE = os.environ.get("BENCH_SEARCH_DATABASE", PREFIX)
ES_URL = os.environ.get("BENCH_ELASTICSEARCH_URL", "http://127.0.0.1:9250")
ES_PORT, DB_PORT = (
    int(os.environ.get("BENCH_SEARCH_PORT", "8131")),
    int(os.environ.get("BENCH_SEARCH_PORT", "8131")) + 1,
)
# Production settings refuse to start without the shared cache (the circuit breaker lives there): a
# private Redis for this run unless BENCH_REDIS_URL names one.
REDIS_PORT = free_port()
REDIS_URL = os.environ.get("BENCH_REDIS_URL", f"redis://127.0.0.1:{REDIS_PORT}/0")
SEED = 20261127
CORPUS_VERSION = 2  # bump when benchmarks/corpus.py changes, so a stale catalogue is regenerated
FILTERS = [
    {},
    {"category": "gastronomia-catering"},
    {"subregion": "metropolitalny_poludniowy"},
    {"ps": "true"},
    {"town": "Gdańsk", "radius_km": "30"},
    {"sort": "price"},
    {"reserved": "true", "certificates": "haccp"},
]
# Used with the judged queries of ../shared when it is there, alone otherwise.
EXTRA_QUERIES = [
    "catering",
    "sprzątanie",
    "koszenie",
    "noclegi",
    "meble",
    "",
    "upominki",
    "transport",
    "9091",
    "catering bezglutenowy dla szkół",
    "pranie pościeli gdańsk",
    "opieka nad seniorem",
    "sprzatanie biur",
    "druk ulotek",
    "naprawa rowerow",
    "cleaning",
    "printing",
    "furniture",
]


def env(elasticsearch: bool) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_search_settings",
        "SECRET_KEY": "bench-search-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_CONN_MAX_AGE": "600",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "ELASTICSEARCH_URL": ES_URL if elasticsearch else "",
        "SEARCH_INDEX_PREFIX": PREFIX,
        "SEARCH_TIMEOUT_SECONDS": "5",
        "REDIS_URL": REDIS_URL,
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "PYTHONPATH": str(ROOT),
    }


def manage(*args: str, elasticsearch: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env(elasticsearch),
        capture_output=True,
        text=True,
        check=False,
    )


def ensure_database() -> None:
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-p", "55432", "-U", "pes", DATABASE],
        capture_output=True,
        check=False,
    )
    result = manage("migrate", "--noinput", "--skip-checks", "-v0")
    if result.returncode:
        raise SystemExit(f"migrate failed:\n{result.stdout}\n{result.stderr}")


def _nip(number: int) -> str:
    while True:
        digits = [int(c) for c in f"{number:09d}"]
        check = sum(w * d for w, d in zip([6, 5, 7, 2, 3, 4, 5, 6, 7], digits, strict=True)) % 11
        if check != 10:
            return f"{number:09d}{check}"
        number += 1


def generate_catalogue(size: int) -> float:
    """Write `size` published offers (and one organisation per 50) unless they are already there."""
    import django

    django.setup()
    from benchmarks import corpus
    from catalog.choices import MembershipStatus, OfferStatus
    from catalog.models import Category, Offer, Organisation
    from search.models import PendingIndexUpdate

    marker = f"bench-v{CORPUS_VERSION}-"
    if Offer.objects.filter(slug__startswith=marker).count() == size == Offer.objects.count():
        return 0.0
    started = time.monotonic()
    Offer.objects.all().delete()
    Organisation.objects.all().delete()
    PendingIndexUpdate.objects.all().delete()
    for slug, name_pl, name_en in corpus.CATEGORIES:
        Category.objects.update_or_create(slug=slug, defaults={"name_pl": name_pl, "name_en": name_en})
    category_ids = dict(Category.objects.values_list("slug", "id"))
    rng = random.Random(SEED)
    organisation_count = max(len(corpus.TOWNS), size // 50)
    generated = [corpus.organisation(number, rng) for number in range(organisation_count)]
    Organisation.objects.bulk_create(
        [
            Organisation(
                slug=f"bench-org-{number}",
                nip=_nip(100_000_000 + number * 7),
                reserved_contract_eligible=org.employees_disadvantaged >= 0.3 * org.employees_total,
                membership_status=MembershipStatus.ACTIVE,
                **vars(org),
            )
            for number, org in enumerate(generated)
        ],
        batch_size=2000,
    )
    organisation_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    batch = []
    for number in range(size):
        owner = rng.randrange(organisation_count)
        org = generated[owner]
        item = corpus.offer(rng, (org.city, org.powiat))
        batch.append(
            Offer(
                slug=f"{marker}{number}",
                organisation_id=organisation_ids[owner],
                kind=item.kind,
                title=item.title,
                description=item.description,
                category_id=category_ids[item.category],
                cpv_codes=item.cpv,
                price_from=item.price_from,
                price_to=None,
                price_unit=item.price_unit,
                service_area=item.service_area,
                tags=item.tags,
                status=OfferStatus.PUBLISHED,
            )
        )
        if len(batch) == 5000:
            Offer.objects.bulk_create(batch)
            batch = []
    Offer.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum does after a bulk load: planner statistics
        cursor.execute("VACUUM ANALYZE catalog_offer")
    return time.monotonic() - started


def rebuild() -> tuple[str, float, float, float]:
    """Index in a child process so that its peak RSS and CPU time are the indexer's alone."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    started = time.monotonic()
    result = manage("search_index", "rebuild", "--document", "offer", "--skip-checks")
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime - cpu_before
    if result.returncode:
        raise SystemExit(f"rebuild failed:\n{result.stdout}\n{result.stderr}")
    summary = result.stdout.strip().splitlines()[-1]
    return summary, seconds, peak_mb if peak_mb > before / 1024 else before / 1024, cpu


def indexing_thread_time() -> float:
    """Where the time went: Elasticsearch's own indexing time per document (analysis and Lucene), µs."""
    body = json.load(urllib.request.urlopen(f"{ES_URL}/{PREFIX}_offers/_stats/indexing", timeout=30))  # noqa: S310
    stats = body["_all"]["primaries"]["indexing"]
    return stats["index_time_in_millis"] * 1000 / max(stats["index_total"], 1)


def query_mix(count: int) -> list[dict]:
    queries: list[str] = []
    for name in ("relevance-public.tsv", "relevance-public-en.tsv"):
        if (SHARED / name).exists():  # the judged queries are real buyer queries; timed, never fitted
            lines = (SHARED / name).read_text(encoding="utf-8").splitlines()[1:]
            queries += dict.fromkeys(line.split("\t")[0] for line in lines if line)
    queries = list(dict.fromkeys([*queries, *EXTRA_QUERIES]))
    mix = []
    for number in range(count):
        params = {"q": queries[number % len(queries)], **FILTERS[(number // len(queries)) % len(FILTERS)]}
        mix.append({k: v for k, v in params.items() if v})
    return mix


def start_redis() -> subprocess.Popen | None:
    """A throwaway Redis (no persistence) on loopback for the run, unless BENCH_REDIS_URL is given."""
    if os.environ.get("BENCH_REDIS_URL"):
        return None
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("redis-server did not start (scripts/services.sh prod-tools installs it)")


def serve(port: int, elasticsearch: bool) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
            "--threads", "1", "--timeout", "120", "--log-level", "warning",
        ],
        cwd=ROOT, env=env(elasticsearch), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/api/v1/suggest/?q=ka")
    except SystemExit:
        server.terminate()
        raise
    return server


def measure(base_url: str, path: str, mix: list[dict], expect_simplified: bool | None) -> list[float]:
    """Latency of every query of the mix, in order; the same queries on every path, no time budget.

    `expect_simplified` checks that the path measured is the one named: the ES path must answer every
    query from Elasticsearch (simplified false), the fallback every query from the database.
    """

    def fetch(params: dict) -> bytes:
        url = f"{base_url}{path}?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310
            return response.read()

    for params in mix[:10]:  # warm-up: connections, caches, the hunspell dictionary
        fetch(params)
    timings = []
    for params in mix:
        clock = time.perf_counter()
        body = fetch(params)
        timings.append((time.perf_counter() - clock) * 1000)
        if expect_simplified is not None:
            simplified = json.loads(body).get("simplified")
            if simplified is not expect_simplified:
                raise SystemExit(
                    f"{base_url}{path} answered {params} with simplified={simplified}, "
                    f"expected {expect_simplified}: the figures would not measure what they claim"
                )
    return timings


def es_took(mix: list[dict]) -> list[float]:
    from search.filters import parse_search_params
    from search.query import search_offers

    took = []
    for params in mix:
        result = search_offers(parse_search_params(params), backend="es")  # raises rather than falls back
        if result.simplified or result.took_ms is None:
            raise SystemExit(f"ES took for {params} did not come from Elasticsearch")
        took.append(float(result.took_ms))
    return took


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--offers", type=int, default=int(os.environ.get("BENCH_SEARCH_OFFERS", "100000")))
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep-index", action="store_true", help="leave the bench_search indices in place")
    parser.add_argument("--index-only", action="store_true", help="stop after the indexing figures")
    args = parser.parse_args()

    os.environ.update(env(elasticsearch=True))  # this process reads the same settings as the ES server
    redis = start_redis()
    try:
        run(args)
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=30)


def run(args: argparse.Namespace) -> None:
    ensure_database()
    generated = generate_catalogue(args.offers)
    print(
        f"catalogue: {args.offers} offers"
        + (f" generated in {generated:.0f} s" if generated else " (reused)")
    )

    summary, seconds, peak_mb, indexer_cpu = rebuild()
    print(
        f"indexing: {args.offers / seconds:.0f} offers/s end to end ({seconds:.1f} s), peak RSS {peak_mb:.0f} MB"
    )
    print(f"          {summary}")
    python_us, es_us = indexer_cpu * 1e6 / args.offers, indexing_thread_time()
    # On a shared machine the wall clock measures the neighbours too; CPU per document does not.
    print(
        f"          CPU per document: indexer (Python, database) {python_us:.0f} µs, Elasticsearch indexing "
        f"threads {es_us:.0f} µs (wall time of those threads); about "
        f"{os.cpu_count() * 1e6 / (python_us + es_us):.0f} offers/s if that were all the work on "
        f"{os.cpu_count()} idle cores (an estimate, not the measurement above)"
    )
    if args.index_only:
        return

    mix = query_mix(args.queries)
    rows = {}
    es_server = serve(ES_PORT, elasticsearch=True)
    db_server = serve(DB_PORT, elasticsearch=False)
    try:
        rows["ES path (HTTP, /api/v1/offers/)"] = measure(
            f"http://127.0.0.1:{ES_PORT}", "/api/v1/offers/", mix, expect_simplified=False
        )
        rows["DB fallback (HTTP, no ES)"] = measure(
            f"http://127.0.0.1:{DB_PORT}", "/api/v1/offers/", mix, expect_simplified=True
        )
        rows["naive ORM icontains (HTTP)"] = measure(
            f"http://127.0.0.1:{DB_PORT}", "/bench/naive-offers/", mix, expect_simplified=None
        )
    finally:
        for server in (es_server, db_server):
            server.terminate()
            server.wait(timeout=30)
    rows["ES took (server-side)"] = es_took(mix)

    print(f"\nmeasured {time.strftime('%Y-%m-%d')}, {args.offers} offers, {len(mix)} queries per path")
    print(f"\n{'path':36} {'n':>4} {'p50 ms':>9} {'p95 ms':>9}")
    for name, values in rows.items():
        print(f"{name:36} {len(values):4d} {statistics.median(values):9.1f} {percentile(values, 0.95):9.1f}")
    es95 = percentile(rows["ES path (HTTP, /api/v1/offers/)"], 0.95)
    print("\nratios at p95:")
    print(f"  naive ORM / ES path:   {percentile(rows['naive ORM icontains (HTTP)'], 0.95) / es95:6.1f}x")
    print(f"  DB fallback / ES path: {percentile(rows['DB fallback (HTTP, no ES)'], 0.95) / es95:6.1f}x")
    print(f"  ES path / ES took:     {es95 / percentile(rows['ES took (server-side)'], 0.95):6.1f}x")
    print("  (all ES-path answers came from Elasticsearch; all fallback answers from the database)")

    if not args.keep_index:
        from search.indexing import delete_indices

        delete_indices()


if __name__ == "__main__":
    main()
