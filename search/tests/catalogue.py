"""A small, hand-written catalogue for search tests, loaded through the catalogue's own import."""

import json

from catalog.services import import_catalog

CATEGORIES = [
    {"slug": "gastronomia-catering", "name_pl": "Gastronomia i catering", "name_en": "Catering"},
    {"slug": "sprzatanie", "name_pl": "Sprzątanie i utrzymanie czystości", "name_en": "Cleaning services"},
    {"slug": "zielen-ogrodnictwo", "name_pl": "Zieleń i ogrodnictwo", "name_en": "Gardening"},
    {"slug": "rekodzielo-upominki", "name_pl": "Rękodzieło i upominki", "name_en": "Gifts"},
]


def _nip(seed: str) -> str:
    digits = [int(c) for c in seed]
    check = sum(w * d for w, d in zip([6, 5, 7, 2, 3, 4, 5, 6, 7], digits, strict=True)) % 11
    assert check != 10
    return seed + str(check)


def _organisation(slug, name, legal_form, city, powiat, subregion, lat, lon, nip_seed, offers, **extra):
    record = {
        "id": slug,
        "name": name,
        "legal_form": legal_form,
        "ps_status": extra.pop("ps_status", True),
        "nip": _nip(nip_seed),
        "krs": None,
        "street": "ul. Testowa 1",
        "postal_code": "80-001",
        "city": city,
        "powiat": powiat,
        "subregion": subregion,
        "lat": lat,
        "lon": lon,
        "website": "https://example.org",
        "email": "biuro@example.org",
        "phone": "+48 58 000 00 00",
        "description": extra.pop("description", f"{name} działa w mieście {city}."),
        "social_mission": "Zatrudniamy osoby zagrożone wykluczeniem społecznym.",
        "employees_total": extra.pop("employees_total", 10),
        "employees_disadvantaged": extra.pop("employees_disadvantaged", 5),
        "certificates": extra.pop("certificates", []),
        "member_since": "2024-01-15",
        "offers": offers,
    }
    record.update(extra)
    return record


def _offer(slug, title, description, category, cpv, price_from, price_to, area, tags, kind="service"):
    return {
        "id": slug,
        "kind": kind,
        "title": title,
        "description": description,
        "category": category,
        "cpv": cpv,
        "price_from": price_from,
        "price_to": price_to,
        "price_unit": "osoba" if category == "gastronomia-catering" else "usługa",
        "service_area": area,
        "lead_time_days": 3,
        "tags": tags,
    }


ORGANISATIONS = [
    _organisation(
        "sps-zielona-kuchnia",
        "Spółdzielnia Socjalna „Zielona Kuchnia”",
        "spoldzielnia_socjalna",
        "Gdańsk",
        "Gdańsk",
        "metropolitalny_poludniowy",
        54.352,
        18.646,
        "583000003",
        [
            _offer(
                "zk-catering-weganski",
                "Catering wegański na spotkania firmowe",
                "Wegańskie lunche i przekąski z lokalnych warzyw, dowóz w Gdańsku i Sopocie.",
                "gastronomia-catering",
                ["55520000-1"],
                40,
                80,
                ["Gdańsk", "Sopot"],
                ["catering", "wegański", "lunch"],
            ),
            _offer(
                "zk-obiady-szkolne",
                "Obiady dla szkół",
                "Dwudaniowe posiłki dowożone do szkół i przedszkoli.",
                "gastronomia-catering",
                ["55523100-3"],
                12,
                16,
                ["Gdańsk"],
                ["obiady szkolne", "żywienie dzieci"],
            ),
        ],
        certificates=["haccp"],
    ),
    _organisation(
        "fund-czysty-dom",
        "Fundacja „Czysty Dom”",
        "fundacja",
        "Gdańsk",
        "Gdańsk",
        "metropolitalny_poludniowy",
        54.36,
        18.63,
        "583000002",
        [
            _offer(
                "cd-sprzatanie-biur",
                "Sprzątanie biur i klatek schodowych",
                "Codzienne sprzątanie biur, mycie okien i podłóg. Pracujemy po godzinach pracy klienta.",
                "sprzatanie",
                ["90910000-9", "90911200-8"],
                300,
                2000,
                ["Gdańsk", "powiat gdański"],
                ["sprzątanie", "biura", "mycie okien"],
            ),
        ],
        certificates=["zakup_prospoleczny"],
    ),
    _organisation(
        "sps-slupskie-ogrody",
        "Spółdzielnia Socjalna „Słupskie Ogrody”",
        "spoldzielnia_socjalna",
        "Słupsk",
        "Słupsk",
        "slupski",
        54.464,
        17.028,
        "839000003",
        [
            _offer(
                "so-koszenie-trawy",
                "Koszenie trawy i pielęgnacja terenów zielonych",
                "Koszenie trawników, przycinanie żywopłotów, grabienie liści.",
                "zielen-ogrodnictwo",
                ["77310000-6"],
                200,
                1500,
                ["Słupsk", "powiat słupski"],
                ["koszenie", "trawniki", "zieleń"],
            ),
            _offer(
                "so-sprzatanie-slupsk",
                "Sprzątanie po remoncie",
                "Sprzątanie mieszkań i biur po remoncie w Słupsku.",
                "sprzatanie",
                ["90910000-9"],
                400,
                1200,
                ["Słupsk"],
                ["sprzątanie", "po remoncie"],
            ),
        ],
        ps_status=False,
    ),
    _organisation(
        "wtz-pracownia-tczew",
        "Warsztat Terapii Zajęciowej „Pracownia”",
        "wtz",
        "Tczew",
        "powiat tczewski",
        "nadwislanski",
        54.092,
        18.778,
        "593000004",
        [
            _offer(
                "wtz-kosze-prezentowe",
                "Kosze prezentowe na święta",
                "Ręcznie pakowane kosze z miodem i konfiturami, z kartką z logo firmy.",
                "rekodzielo-upominki",
                ["39298900-6"],
                90,
                250,
                ["województwo pomorskie"],
                ["upominki", "kosz prezentowy", "święta"],
                kind="product",
            ),
        ],
        ps_status=False,
        employees_total=4,
        employees_disadvantaged=1,
    ),
]


def load_test_catalogue() -> None:
    """Import the catalogue above (4 organisations, 6 published offers) through catalog.services."""
    lines = [json.dumps(record, ensure_ascii=False) for record in ORGANISATIONS]
    report = import_catalog(lines, categories=CATEGORIES)
    assert not report.errors, [str(error) for error in report.errors]
