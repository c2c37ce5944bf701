"""Deterministic demo catalogue for `make run`: the project's own invented organisations and offers.

Every name, NIP and address here is fictional. The generator is seeded, so two runs produce the same
records and the loader can upsert them by slug without creating duplicates.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from anyascii import anyascii
from django.utils.text import slugify
from stdnum.pl import nip as nip_module

CATEGORIES = [
    ("gastronomia-catering", "Gastronomia i catering", "Food service and catering"),
    ("sprzatanie", "Sprzątanie i utrzymanie czystości", "Cleaning services"),
    ("zielen-ogrodnictwo", "Zieleń i ogrodnictwo", "Green space maintenance and gardening"),
    ("remonty-wykonczenia", "Remonty i wykończenia", "Renovation and finishing works"),
    ("rekodzielo-upominki", "Rękodzieło i upominki", "Handicrafts and gifts"),
    ("szycie-tekstylia", "Szycie i tekstylia", "Sewing and textiles"),
    ("poligrafia-reklama", "Poligrafia i reklama", "Printing and advertising"),
    ("turystyka-noclegi", "Turystyka i noclegi", "Tourism and accommodation"),
    ("uslugi-opiekuncze", "Usługi opiekuńcze", "Care services"),
    ("edukacja-warsztaty", "Edukacja, szkolenia i warsztaty", "Education, training and workshops"),
    ("stolarstwo-meble", "Stolarstwo i meble", "Carpentry and furniture"),
    ("pralnia", "Pralnia i magiel", "Laundry and ironing"),
]

# (town, powiat, subregion, lat, lon)
TOWNS = [
    ("Gdańsk", "Gdańsk", "metropolitalny_poludniowy", 54.352, 18.646),
    ("Sopot", "Sopot", "metropolitalny_poludniowy", 54.441, 18.560),
    ("Kartuzy", "powiat kartuski", "metropolitalny_poludniowy", 54.334, 18.197),
    ("Kościerzyna", "powiat kościerski", "metropolitalny_poludniowy", 54.122, 17.981),
    ("Pruszcz Gdański", "powiat gdański", "metropolitalny_poludniowy", 54.262, 18.636),
    ("Gdynia", "Gdynia", "metropolitalny_polnocny", 54.518, 18.530),
    ("Wejherowo", "powiat wejherowski", "metropolitalny_polnocny", 54.605, 18.235),
    ("Puck", "powiat pucki", "metropolitalny_polnocny", 54.717, 18.408),
    ("Słupsk", "Słupsk", "slupski", 54.464, 17.028),
    ("Lębork", "powiat lęborski", "slupski", 54.539, 17.750),
    ("Bytów", "powiat bytowski", "slupski", 54.170, 17.492),
    ("Malbork", "powiat malborski", "nadwislanski", 54.036, 19.037),
    ("Tczew", "powiat tczewski", "nadwislanski", 54.092, 18.778),
    ("Kwidzyn", "powiat kwidzyński", "nadwislanski", 53.735, 18.931),
    ("Chojnice", "powiat chojnicki", "poludniowy", 53.697, 17.557),
    ("Człuchów", "powiat człuchowski", "poludniowy", 53.664, 17.362),
    ("Starogard Gdański", "powiat starogardzki", "poludniowy", 53.966, 18.530),
]

# (legal form, name pattern, PS status possible)
LEGAL_FORMS = [
    ("spoldzielnia_socjalna", "Spółdzielnia Socjalna „{name}”", True),
    ("fundacja", "Fundacja „{name}”", True),
    ("stowarzyszenie", "Stowarzyszenie „{name}”", True),
    ("spolka_non_profit", "{name} sp. z o.o. non-profit", True),
    ("cis", "Centrum Integracji Społecznej w {town_loc}", False),
    ("wtz", "Warsztat Terapii Zajęciowej „{name}”", False),
    ("zaz", "Zakład Aktywności Zawodowej „{name}”", False),
]

NAMES = [
    "Dobre Ręce",
    "Kaszubska Pracownia",
    "Zielony Zakątek",
    "Pod Dębem",
    "Bursztynowy Szlak",
    "Nowa Droga",
    "Wspólna Sprawa",
    "Pomorski Warsztat",
    "Morska Bryza",
    "Czysta Przestrzeń",
    "Smaki Kociewia",
    "Razem Możemy",
    "Nici i Igły",
    "Drugie Życie",
    "Promyk",
    "Stolarnia Spod Lasu",
    "Pełna Micha",
    "Bory Tucholskie",
    "Żuławskie Pola",
    "Kreatywna Przystań",
    "Latarnia",
    "Słoneczny Dom",
    "Kwiat Lnu",
    "Zdrowy Talerz",
    "Nadzieja",
    "Przystań",
    "Pracownia Pod Żaglami",
    "Ogród Społeczny",
    "Pomocna Dłoń",
    "Wspólny Stół",
    "Czyste Okna",
    "Złota Nitka",
    "Kociewska Chata",
    "Szansa",
]

TOWN_LOCATIVE = {
    "Gdańsk": "Gdańsku",
    "Sopot": "Sopocie",
    "Kartuzy": "Kartuzach",
    "Kościerzyna": "Kościerzynie",
    "Pruszcz Gdański": "Pruszczu Gdańskim",
    "Gdynia": "Gdyni",
    "Wejherowo": "Wejherowie",
    "Puck": "Pucku",
    "Słupsk": "Słupsku",
    "Lębork": "Lęborku",
    "Bytów": "Bytowie",
    "Malbork": "Malborku",
    "Tczew": "Tczewie",
    "Kwidzyn": "Kwidzynie",
    "Chojnice": "Chojnicach",
    "Człuchów": "Człuchowie",
    "Starogard Gdański": "Starogardzie Gdańskim",
}

# category -> [(kind, title, description, cpv codes, price_from PLN, price_to PLN, unit, tags)]
OFFER_TEMPLATES = {
    "gastronomia-catering": [
        (
            "service",
            "Catering na spotkania i konferencje",
            "Przerwy kawowe, lunch w formie bufetu i obiady serwowane. Menu tradycyjne, wegetariańskie i wegańskie. "
            "Dowozimy w termosach i zapewniamy zastawę.",
            ["55520000-1"],
            35,
            90,
            "osoba",
            ["catering", "przerwa kawowa", "lunch", "konferencje"],
        ),
        (
            "service",
            "Obiady dla szkół i przedszkoli",
            "Dwudaniowe obiady przygotowywane codziennie rano według jadłospisu dietetyczki. Diety bezglutenowe i "
            "bezmleczne. Minimum 25 porcji dziennie.",
            ["55523100-3"],
            12,
            17,
            "osoba",
            ["obiady", "żywienie dzieci", "dowóz posiłków"],
        ),
    ],
    "sprzatanie": [
        (
            "service",
            "Sprzątanie biur i budynków użyteczności publicznej",
            "Codzienne i okresowe sprzątanie biur, szkół i urzędów, także po godzinach pracy. Własne środki "
            "i sprzęt, stały zespół przypisany do obiektu.",
            ["90910000-9", "90919200-4"],
            6,
            12,
            "m2",
            ["sprzątanie biur", "utrzymanie czystości", "sprzątanie urzędów"],
        ),
        (
            "service",
            "Mycie okien i witryn",
            "Mycie okien, witryn i przeszkleń do wysokości drugiego piętra. Zlecenia jednorazowe i cykliczne.",
            ["90911300-9"],
            8,
            15,
            "m2",
            ["mycie okien", "witryny", "przeszklenia"],
        ),
    ],
    "zielen-ogrodnictwo": [
        (
            "service",
            "Pielęgnacja terenów zielonych",
            "Koszenie trawników, przycinanie żywopłotów, grabienie liści i sadzenie roślin dla wspólnot, gmin "
            "i firm. Wywóz odpadów zielonych.",
            ["77310000-6", "77314000-4"],
            50,
            80,
            "godz.",
            ["koszenie", "żywopłoty", "tereny zielone", "ogrodnik"],
        ),
    ],
    "remonty-wykonczenia": [
        (
            "service",
            "Malowanie i drobne remonty wnętrz",
            "Malowanie ścian, gładzie, montaż paneli i drobne naprawy w mieszkaniach, szkołach i biurach.",
            ["45442100-8", "45450000-6"],
            25,
            45,
            "m2",
            ["malowanie", "remont", "wykończenia"],
        ),
    ],
    "rekodzielo-upominki": [
        (
            "product",
            "Upominki firmowe z lokalnego rękodzieła",
            "Zestawy prezentowe z ceramiki, wosku pszczelego i lnu, pakowane w pudełka z logo zamawiającego. "
            "Zamówienia od 20 sztuk.",
            ["39298900-6"],
            45,
            160,
            "szt.",
            ["upominki", "rękodzieło", "prezenty firmowe", "kosz prezentowy"],
        ),
    ],
    "szycie-tekstylia": [
        (
            "service",
            "Szycie odzieży roboczej i toreb",
            "Szyjemy fartuchy, odzież roboczą i torby bawełniane z nadrukiem. Krótkie serie i naprawy krawieckie.",
            ["18100000-0", "18930000-7"],
            15,
            120,
            "szt.",
            ["szycie", "odzież robocza", "torby bawełniane"],
        ),
    ],
    "poligrafia-reklama": [
        (
            "service",
            "Druk ulotek, plakatów i wizytówek",
            "Projekt i druk cyfrowy materiałów promocyjnych. Nakłady od 50 sztuk, realizacja w 3 dni robocze.",
            ["79810000-5", "79823000-9"],
            None,
            None,
            "",
            ["druk", "ulotki", "plakaty", "wizytówki"],
        ),
    ],
    "turystyka-noclegi": [
        (
            "service",
            "Noclegi i sale szkoleniowe",
            "Pokoje dwu- i czteroosobowe oraz sala na 40 osób z rzutnikiem. Wyżywienie na miejscu.",
            ["55110000-4", "55120000-7"],
            90,
            180,
            "osoba",
            ["noclegi", "sala szkoleniowa", "wyjazd integracyjny"],
        ),
    ],
    "uslugi-opiekuncze": [
        (
            "service",
            "Usługi opiekuńcze w miejscu zamieszkania",
            "Pomoc w codziennych czynnościach, zakupach i wizytach lekarskich dla osób starszych i z "
            "niepełnosprawnościami. Współpracujemy z ośrodkami pomocy społecznej.",
            ["85312000-9"],
            35,
            45,
            "godz.",
            ["opieka", "seniorzy", "usługi opiekuńcze"],
        ),
    ],
    "edukacja-warsztaty": [
        (
            "service",
            "Warsztaty rękodzieła i ekologii dla grup",
            "Warsztaty dla szkół, firm i seniorów: ceramika, szycie, recykling. Materiały w cenie.",
            ["80500000-9"],
            30,
            60,
            "osoba",
            ["warsztaty", "edukacja ekologiczna", "zajęcia dla szkół"],
        ),
    ],
    "stolarstwo-meble": [
        (
            "product",
            "Meble z drewna na zamówienie",
            "Stoły, ławki, regały i meble ogrodowe z drewna sosnowego i dębowego. Również ławki parkowe dla gmin.",
            ["39100000-3", "39113000-7"],
            300,
            4500,
            "szt.",
            ["meble", "stolarstwo", "ławki parkowe"],
        ),
    ],
    "pralnia": [
        (
            "service",
            "Pranie i maglowanie pościeli",
            "Pranie, suszenie i maglowanie pościeli, obrusów i ręczników dla hoteli, pensjonatów i DPS. "
            "Odbiór i dowóz.",
            ["98310000-9", "98311000-6"],
            8,
            14,
            "kg",
            ["pralnia", "magiel", "pościel"],
        ),
    ],
}


@dataclass
class DemoOffer:
    slug: str
    kind: str
    title: str
    description: str
    category: str
    cpv_codes: list[str]
    price_from: int | None
    price_to: int | None
    price_unit: str
    service_area: list[str]
    lead_time_days: int | None
    tags: list[str]


@dataclass
class DemoOrganisation:
    slug: str
    name: str
    legal_form: str
    ps_status: bool
    nip: str
    krs: str
    street: str
    postal_code: str
    city: str
    powiat: str
    subregion: str
    latitude: float
    longitude: float
    website: str
    email: str
    phone: str
    description: str
    social_mission: str
    employees_total: int
    employees_disadvantaged: int
    certificates: list[str]
    member_since: date
    offers: list[DemoOffer] = field(default_factory=list)


def _valid_nip(rng: random.Random) -> str:
    """A random NIP that python-stdnum accepts (about one random 10-digit number in eleven is valid)."""
    while True:
        candidate = f"{rng.randint(100, 999)}{rng.randint(0, 9999999):07d}"
        if nip_module.is_valid(candidate):
            return candidate


def generate_demo_catalogue(count: int = 34, seed: int = 2024) -> list[DemoOrganisation]:
    """Deterministic organisations with 2–4 offers each, spread over the five OWES subregions."""
    rng = random.Random(seed)
    organisations: list[DemoOrganisation] = []
    for index in range(count):
        name = NAMES[index % len(NAMES)]
        town, powiat, subregion, lat, lon = TOWNS[index % len(TOWNS)]
        legal_form, pattern, ps_possible = LEGAL_FORMS[index % len(LEGAL_FORMS)]
        full_name = pattern.format(name=name, town_loc=TOWN_LOCATIVE[town])
        slug = slugify(anyascii(f"{name}-{town}"))[:100]
        employees_total = rng.randint(4, 40)
        ratio = rng.choice([0.2, 0.3, 0.45, 0.6, 0.8])
        disadvantaged = min(employees_total, round(employees_total * ratio))
        categories = rng.sample(list(OFFER_TEMPLATES), k=rng.randint(1, 2))
        domain = slugify(anyascii(name)).replace("-", "")
        organisation = DemoOrganisation(
            slug=slug,
            name=full_name,
            legal_form=legal_form,
            ps_status=ps_possible and rng.random() < 0.6,
            nip=_valid_nip(rng),
            krs="" if legal_form in {"cis", "wtz", "zaz"} else f"{rng.randint(300000, 999999):010d}",
            street=f"ul. {rng.choice(['Długa', 'Morska', 'Kościuszki', 'Polna', 'Spacerowa', 'Lipowa'])} "
            f"{rng.randint(1, 120)}",
            postal_code=f"{rng.randint(76, 89)}-{rng.randint(100, 999)}",
            city=town,
            powiat=powiat,
            subregion=subregion,
            latitude=round(lat + rng.uniform(-0.01, 0.01), 4),
            longitude=round(lon + rng.uniform(-0.01, 0.01), 4),
            website=f"https://{domain}.example.pl",
            email=f"kontakt@{domain}.example.pl",
            phone=f"+48 58 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            description=(
                f"Działamy w {TOWN_LOCATIVE[town]} od {rng.randint(2008, 2021)} roku. "
                "Łączymy pracę na rynku z integracją społeczną i zawodową naszych pracowników."
            ),
            social_mission=(
                "Zatrudniamy osoby z niepełnosprawnościami, długotrwale bezrobotne i wychodzące z kryzysu "
                "bezdomności, we współpracy z PUP i ośrodkami pomocy społecznej."
            ),
            employees_total=employees_total,
            employees_disadvantaged=disadvantaged,
            certificates=sorted(
                rng.sample(["zakup_prospoleczny", "znak_ekonomii_spolecznej", "haccp"], k=rng.randint(0, 2))
            ),
            member_since=date(2023 + index % 3, 1 + index % 12, 1 + index % 27),
        )
        for category in categories:
            for template in OFFER_TEMPLATES[category]:
                kind, title, description, cpv, low, high, unit, tags = template
                offer_slug = f"{slug[:60]}-{slugify(anyascii(title))[:50]}"
                area = rng.choice([[town], [town, powiat], ["województwo pomorskie"]])
                organisation.offers.append(
                    DemoOffer(
                        slug=offer_slug,
                        kind=kind,
                        title=title,
                        description=description,
                        category=category,
                        cpv_codes=cpv,
                        price_from=None if low is None else low * 100,
                        price_to=None if high is None else high * 100,
                        price_unit=unit,
                        service_area=list(dict.fromkeys(area)),
                        lead_time_days=rng.choice([None, 2, 3, 7, 14]),
                        tags=tags,
                    )
                )
        organisations.append(organisation)
    return organisations
