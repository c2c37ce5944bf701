"""Mixed traffic for `make bench-load`: search with facets, offer and profile pages, CMS pages,
quote requests, and 200 fair applicants racing for a stand type with 50 places.

The harness (benchmarks/bench_load.py) prepares the data and passes it in BENCH_FIXTURE.
"""

import json
import os
import random
import re

from locust import HttpUser, between, constant_throughput, task

from benchmarks.load.formfill import find_form

FIXTURE = json.loads(open(os.environ["BENCH_FIXTURE"], encoding="utf-8").read())  # noqa: SIM115
QUERIES = [
    "catering",
    "sprzatanie biur",
    "catering weganski gdansk",
    "ogrodnik",
    "druk ulotek",
    "meble",
    "pranie poscieli",
    "9091",
    "noclegi",
    "warsztaty dla szkol",
]
FACETS = [
    "",
    "&subregion=metropolitalny_poludniowy",
    "&reserved=true",
    "&legal_form=spoldzielnia_socjalna",
    "&ps=true",
    "&sort=price",
]


def unsecure_cookies(client, response) -> None:
    """Production cookies are Secure; the benchmark talks plain HTTP on loopback, so it keeps them itself."""
    for cookie in response.cookies:
        client.cookies.set(cookie.name, cookie.value, domain="", path="/")
    for cookie in list(client.cookies):
        if cookie.secure:  # the jar's own Secure copy would never be sent over HTTP and shadows ours
            client.cookies.clear(cookie.domain, cookie.path, cookie.name)


def csrf_token(client) -> str:
    return next((cookie.value for cookie in client.cookies if cookie.name == "csrftoken"), "")


class Visitor(HttpUser):
    """Anonymous reading traffic at a fixed rate per user."""

    weight = 8
    wait_time = constant_throughput(1.0)

    @task(4)
    def search(self):
        query = random.choice(QUERIES)
        self.client.get(f"/katalog/?q={query}{random.choice(FACETS)}", name="/katalog/?q=&facets")

    @task(1)
    def api_search(self):
        self.client.get(f"/api/v1/offers/?q={random.choice(QUERIES)}", name="/api/v1/offers/?q=")

    @task(3)
    def offer_page(self):
        self.client.get(
            f"/katalog/oferty/{random.choice(FIXTURE['offers'])}/", name="/katalog/oferty/[slug]/"
        )

    @task(2)
    def profile_page(self):
        self.client.get(
            f"/katalog/organizacje/{random.choice(FIXTURE['organisations'])}/",
            name="/katalog/organizacje/[slug]/",
        )

    @task(2)
    def cms_page(self):
        self.client.get(random.choice(FIXTURE["cms_pages"]), name="CMS page")


class Buyer(HttpUser):
    """Shortlists two offers and sends one quote request to both suppliers."""

    weight = 1
    wait_time = between(2, 4)

    @task
    def send_quote_request(self):
        self.client.cookies.clear()
        slugs = random.sample(FIXTURE["offers"], 2)
        page = self.client.get(f"/katalog/oferty/{slugs[0]}/", name="/katalog/oferty/[slug]/")
        unsecure_cookies(self.client, page)
        token = csrf_token(self.client)
        for slug in slugs:
            added = self.client.post(
                "/katalog/wybrane/dodaj/",
                {"kind": "offer", "slug": slug, "csrfmiddlewaretoken": token},
                name="shortlist add",
                allow_redirects=False,
            )
            unsecure_cookies(self.client, added)  # the session now holds the shortlist
        page = self.client.get("/katalog/zapytanie-ofertowe/", name="quote form")
        form = find_form(page.text, "buyer_email")
        data = dict(form["fields"])
        n = random.randint(1, 10**9)
        data.update(
            {
                "description": "Obiad dwudaniowy dla 40 osób na szkolenie, w tym 10 porcji wegańskich.",
                "quantity": "40 porcji",
                "deadline": "2027-03-01",
                "place": "Gdańsk",
                "buyer_type": next((v for v in form["choices"].get("buyer_type", []) if v), "company"),
                "buyer_name": "Anna Nowak",
                "buyer_organisation": "Firma testowa",
                "buyer_phone": "",
                "buyer_email": f"kupujacy{n}@example.org",
                "consent": "on",
                "website": "",
            }
        )
        with self.client.post(
            "/katalog/zapytanie-ofertowe/",
            data,
            name="quote request submit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"quote request not accepted ({response.status_code})")


class FairApplicant(HttpUser):
    """One application each, all at once: 200 applicants for the 50 places of one stand type."""

    fixed_count = 200
    wait_time = constant_throughput(0.01)

    @task
    def apply_and_pay(self):
        fair = FIXTURE["fair"]
        page = self.client.get(f"/targi/{fair['slug']}/zgloszenie/", name="fair application form")
        unsecure_cookies(self.client, page)
        form = find_form(page.text, "nip")
        data = dict(form["fields"])
        nip = random.choice(FIXTURE["nips"])
        data.update(
            {
                "organisation_name": "Spółdzielnia Socjalna Testowa",
                "nip": nip,
                "legal_form": "spoldzielnia_socjalna",
                "address": "ul. Długa 1, 80-001 Gdańsk",
                "invoice_name": "Spółdzielnia Socjalna Testowa",
                "invoice_nip": nip,
                "invoice_address": "ul. Długa 1, 80-001 Gdańsk",
                "invoice_email": "faktury@example.org",
                "contact_name": "Jan Kowalski",
                "contact_email": "jan@example.org",
                "contact_phone": "+48 500 000 000",
                "exhibits": "Rękodzieło",
                "stand_type": str(fair["stand_type_id"]),
                "consent_terms": "on",
                "consent_privacy": "on",
            }
        )
        data.pop("sells_food", None)
        response = self.client.post(
            f"/targi/{fair['slug']}/zgloszenie/", data, name="fair application submit", allow_redirects=False
        )
        match = re.search(r"/targi/zgloszenie/([0-9a-f-]{36})/", response.headers.get("Location", ""))
        if match:
            token = self.client.cookies.get("csrftoken", "")
            self.client.post(
                f"/targi/zgloszenie/{match.group(1)}/zaplac/",
                {"csrfmiddlewaretoken": token},
                name="fair pay (hold)",
                allow_redirects=False,
            )
        self.stop()
