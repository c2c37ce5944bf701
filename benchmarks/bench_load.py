"""`make bench-load`: mixed traffic at a fixed rate for 60 s against gunicorn with the production settings.

Loopback only and bounded: one gunicorn on 127.0.0.1, one headless locust run with a time limit. It
prints throughput, p50/p95/p99 latency and the error rate, then checks the final state of the fair:
200 applicants raced for a stand type with 50 places, so exactly 50 must hold or own a place.

    python -m benchmarks.bench_load [--seconds 60] [--users 30]
"""

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

from benchmarks.servers import wait_until_up

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench-load"
PORT = 8100
PG = "postgres://pes@127.0.0.1:55432"
CAPACITY = 50
APPLICANTS = 200


def server_env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PG}/pes_bench",
        "ELASTICSEARCH_URL": "http://127.0.0.1:9250",
        "SEARCH_INDEX_PREFIX": "bench",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_WEBHOOK_SECRET": "whsec_bench",
        "STRIPE_API_BASE": "http://127.0.0.1:12111",
        "STATIC_ROOT": str(OUT / "static"),
        "MEDIA_ROOT": str(OUT / "media"),
        "AXES_ENABLED": "false",
        # Production needs the shared cache: the Redis of `make prod-up` (127.0.0.1:6391) or BENCH_REDIS_URL.
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6391/1"),
        # Every simulated buyer comes from 127.0.0.1; the per-IP limit would otherwise refuse all but five.
        "QUOTE_REQUESTS_PER_IP_PER_HOUR": "100000",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


PREPARE = r"""
import json, random
from datetime import timedelta
from django.utils import timezone
from stdnum.pl import nip
from catalog.models import Offer, Organisation
from events.models import Fair, StandType
from wagtail.models import Page

now = timezone.now()
fair, _ = Fair.objects.update_or_create(slug="bench-fair", defaults=dict(
    name="Targi (benchmark)", starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=6),
    venue_name="Hala", venue_address="Gdańsk", requires_approval=False, applications_open=True,
    application_deadline=None))
stand, _ = StandType.objects.update_or_create(fair=fair, name="Stoisko benchmark",
    defaults=dict(capacity=%(capacity)d, price_net=20000, vat_rate=23))
rng = random.Random(7)
nips = []
while len(nips) < 200:
    candidate = f"{rng.randint(100, 999)}{rng.randint(0, 9999999):07d}"
    if nip.is_valid(candidate):
        nips.append(candidate)
print(json.dumps({
    "offers": list(Offer.objects.published().values_list("slug", flat=True)),
    "organisations": list(Organisation.objects.values_list("slug", flat=True)),
    "cms_pages": [p.url for p in Page.objects.live().filter(depth__gte=2)[:20] if p.url],
    "fair": {"slug": fair.slug, "stand_type_id": stand.pk},
    "nips": nips,
}))
"""

FINAL_STATE = r"""
import json
from django.utils import timezone
from events.models import ApplicationStatus, ExhibitorApplication, StandHold, StandType
from events.services import available_places

stand = StandType.objects.get(fair__slug="bench-fair")
now = timezone.now()
holds = StandHold.objects.filter(stand_type=stand, released_at__isnull=True, expires_at__gt=now).count()
sold = ExhibitorApplication.objects.filter(stand_type=stand, status=ApplicationStatus.CONFIRMED).count()
print(json.dumps({"capacity": stand.capacity, "holds": holds, "sold": sold,
                  "applications": ExhibitorApplication.objects.filter(stand_type=stand).count(),
                  "available": available_places(stand)}))
"""


def prepare(env) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["scripts/services.sh", "start"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-p", "55432", "-U", "pes", "--if-exists", "pes_bench"], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-p", "55432", "-U", "pes", "pes_bench"], check=True)
    print("bench-load: migrating and loading demo content …", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    try:
        manage(env, "search_index", "rebuild")
    except SystemExit as error:  # the listing still answers from the database fallback
        print(f"bench-load: index rebuild skipped ({str(error).splitlines()[0]})")
    fixture = OUT / "fixture.json"
    fixture.write_text(manage(env, "shell", "-c", PREPARE % {"capacity": CAPACITY}).strip().splitlines()[-1])
    return fixture


def summarise(stats_csv: Path) -> dict:
    with stats_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    aggregated = next(row for row in rows if row["Name"] == "Aggregated")
    requests = int(aggregated["Request Count"])
    # A scenario that broke off with an exception (e.g. an expected form was missing) is an error too.
    with stats_csv.with_name("stats_exceptions.csv").open(encoding="utf-8") as handle:
        exceptions = sum(int(row["Count"]) for row in csv.DictReader(handle))
    failures = int(aggregated["Failure Count"]) + exceptions
    return {
        "requests": requests,
        "throughput_rps": float(aggregated["Requests/s"]),
        "p50_ms": float(aggregated["50%"]),
        "p95_ms": float(aggregated["95%"]),
        "p99_ms": float(aggregated["99%"]),
        "error_rate": failures / requests if requests else 0.0,
        "scenario_exceptions": exceptions,
        "per_endpoint": {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p95_ms": float(row["95%"]),
            }
            for row in rows
            if row["Name"] != "Aggregated"
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--users", type=int, default=30, help="reading and buying users besides the applicants"
    )
    args = parser.parse_args()

    env = server_env()
    fixture = prepare(env)
    gunicorn = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "3",
            "--threads",
            "4",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{PORT}/health/live/")
        print(
            f"bench-load: {args.seconds}s of mixed traffic, {args.users} users + {APPLICANTS} fair applicants",
            flush=True,
        )
        subprocess.run(  # noqa: S603 - fixed argument list
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                "benchmarks/load/locustfile.py",
                "--headless",
                "-u",
                str(args.users + APPLICANTS),
                "-r",
                "100",
                "-t",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(OUT / "stats"),
                "--only-summary",
                "--stop-timeout",
                "10",
            ],
            cwd=ROOT,
            env={**os.environ, "BENCH_FIXTURE": str(fixture), "PYTHONPATH": str(ROOT)},
            check=False,
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)

    report = summarise(OUT / "stats_stats.csv")
    state = json.loads(manage(env, "shell", "-c", FINAL_STATE).strip().splitlines()[-1])
    taken = state["holds"] + state["sold"]
    report["fair"] = state
    report["fair_check"] = {
        "exactly_capacity_taken": taken == state["capacity"],
        "no_oversell": taken <= state["capacity"],
    }
    (OUT / "report.json").write_text(json.dumps(report, indent=2))

    print("\n=== bench-load report ===")
    print(f"requests        {report['requests']}")
    print(f"throughput      {report['throughput_rps']:.1f} req/s")
    print(f"latency p50     {report['p50_ms']:.0f} ms")
    print(f"latency p95     {report['p95_ms']:.0f} ms")
    print(f"latency p99     {report['p99_ms']:.0f} ms")
    print(f"error rate      {report['error_rate']:.2%} ({report['scenario_exceptions']} scenario exceptions)")
    for name, row in sorted(report["per_endpoint"].items()):
        print(f"  {name:<32} n={row['requests']:<6} failures={row['failures']:<4} p95={row['p95_ms']:.0f} ms")
    print(
        f"fair            {state['applications']} applications for {state['capacity']} places: "
        f"{state['holds']} holds + {state['sold']} sold = {taken}"
    )
    ok = report["fair_check"]["exactly_capacity_taken"] and report["fair_check"]["no_oversell"]
    print(f"final state     {'OK: exactly the capacity taken, no oversell' if ok else 'FAILED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
