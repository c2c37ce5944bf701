"""Screenshots of the key pages for review: `make screenshots` → var/screenshots/<lang>-<width>-<page>.png.

Builds a throw-away SQLite site with the demo content (and one approved stand application), serves it with
Django on a free local port and photographs each page in Polish and English at 375 and 1280 px, full
length, with Playwright driving Debian's Chromium. Nothing is asserted: the pictures are for people.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.servers import free_port, wait_until_up  # noqa: E402

OUT = ROOT / "var" / "screenshots"
WIDTHS = [375, 1280]
LANGUAGES = ["pl", "en"]
PATHS_SCRIPT = """
import json
from catalog.models import Offer, Organisation
from events import services
from events.models import Fair
fair = Fair.objects.order_by("slug").first()
stand = fair.stand_types.order_by("sort_order").last()
data = {
    "organisation_name": "Fundacja Dobre Ręce", "nip": "5833118969", "legal_form": "fundacja",
    "address": "ul. Długa 1, 80-001 Gdańsk", "invoice_name": "Fundacja Dobre Ręce", "invoice_nip": "5833118969",
    "invoice_address": "ul. Długa 1, 80-001 Gdańsk", "invoice_email": "faktury@dobre-rece.example.pl",
    "contact_name": "Anna Nowak", "contact_email": "anna@dobre-rece.example.pl", "contact_phone": "+48 600 000 000",
    "exhibits": "Ceramika i rękodzieło", "sells_food": False, "sanitary_requirements_confirmed": False,
    "accessibility_needs": "", "consent_terms": True, "consent_privacy": True, "language": "pl",
}
application = services.approve_application(
    services.apply_for_stand(fair=fair, stand_type=stand, addons=[], data=data, user=None, organisation=None)
)
print(json.dumps({
    "offer": Offer.objects.public().order_by("slug").first().get_absolute_url(),
    "organisation": Organisation.objects.public().order_by("slug").first().get_absolute_url(),
    "fair": fair.get_absolute_url(),
    "apply": fair.get_absolute_url() + "zgloszenie/",
    "application": application.get_absolute_url(),
}))
"""


def manage(env, *args) -> str:
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(  # noqa: S603 - fixed command
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def pages(paths: dict) -> list[tuple[str, str]]:
    return [
        ("home", "/"),
        ("catalogue-query", "/katalog/?q=catering"),
        ("offer", paths["offer"]),
        ("organisation", paths["organisation"]),
        ("shortlist", "/katalog/wybrane/"),
        ("quote-form", "/katalog/zapytanie-ofertowe/"),
        ("fair", paths["fair"]),
        ("event-page", "/wydarzenia/targi-ekonomii-spolecznej/"),
        ("stand-form", paths["apply"]),
        ("application-status", paths["application"]),
        ("about", "/o-klastrze/"),
        ("cluster-model", "/model-klastra/"),
        ("news", "/aktualnosci/"),
        ("membership", "/czlonkostwo/"),
        ("contact", "/kontakt/"),
        ("site-map", "/mapa-strony/"),
    ]


def photograph(base: str, paths: dict, chrome: str) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    taken = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome, headless=True, args=["--no-sandbox"])
        for language in LANGUAGES:
            prefix = "" if language == "pl" else "/en"
            for width in WIDTHS:
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, locale=f"{language}-PL"
                )
                page = context.new_page()
                # The shortlist and the quote form need something on the shortlist.
                page.goto(base + prefix + paths["offer"])
                page.locator("form[action$='/wybrane/dodaj/'] button").first.click()
                for name, path in pages(paths):
                    page.goto(base + prefix + path)
                    target = OUT / f"{language}-{width}-{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    taken += 1
                context.close()
        browser.close()
    return taken


def main() -> None:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    workdir = Path(tempfile.mkdtemp(prefix="pes-screenshots-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "VAR_DIR": str(workdir),
        "ELASTICSEARCH_URL": "",
        "STRIPE_SECRET_KEY": "",
        "LOG_LEVEL": "WARNING",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    paths = json.loads(manage(env, "shell", "-c", PATHS_SCRIPT).strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed command
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/")
        taken = photograph(base, paths, chrome)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{taken} screenshots in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
