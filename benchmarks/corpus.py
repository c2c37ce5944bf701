"""A synthetic catalogue for `make bench-search`, generated from word lists per category.

Shipped in the repository so that the benchmark runs without ../shared. Titles and descriptions are
combined from a category's products, qualities, audiences and details, so 100,000 offers carry varied
vocabulary (posting lists of realistic lengths) rather than a few hundred templates repeated.
"""

import random
from dataclasses import dataclass

CATEGORIES: list[tuple[str, str, str]] = [
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
    ("transport", "Transport i przewozy", "Transport"),
    ("biuro-it", "Usługi biurowe i IT", "Office and IT services"),
    ("zywnosc-produkty-lokalne", "Żywność i produkty lokalne", "Food products and local produce"),
    ("kultura-wydarzenia", "Kultura i organizacja wydarzeń", "Culture and event organisation"),
    ("stolarstwo-meble", "Stolarstwo i meble", "Carpentry and furniture"),
    ("pralnia", "Pralnia i magiel", "Laundry and ironing"),
    ("naprawa-recykling", "Naprawa, recykling i ponowne użycie", "Repair, recycling and reuse"),
    ("uslugi-pomocnicze", "Portiernia, dozór i konfekcjonowanie", "Reception, security and packing services"),
]

# category → (products/services, CPV codes, unit)
WORDS: dict[str, tuple[list[str], list[str], str]] = {
    "gastronomia-catering": (["catering", "obiady", "przerwa kawowa", "bufet", "śniadania", "kolacje",
                              "lunch box", "posiłki dla szkół", "przyjęcie okolicznościowe", "zupy"],
                             ["55520000-1", "55321000-6", "15894200-3"], "osoba"),
    "sprzatanie": (["sprzątanie biur", "mycie okien", "sprzątanie klatek schodowych", "dezynfekcja",
                    "sprzątanie po remoncie", "pranie tapicerki", "utrzymanie czystości"],
                   ["90910000-9", "90911200-8", "90911300-9"], "m2"),
    "zielen-ogrodnictwo": (["koszenie trawy", "pielęgnacja zieleni", "przycinanie drzew", "odśnieżanie",
                            "zakładanie ogrodów", "sadzonki", "grabienie liści", "nasadzenia"],
                           ["77310000-6", "77211400-6", "90620000-9"], "m2"),
    "remonty-wykonczenia": (["malowanie ścian", "remont mieszkań", "układanie płytek", "drobne naprawy",
                             "gładzie", "wymiana podłóg", "konserwacja budynków"],
                            ["45442100-8", "45431000-7", "45453000-7"], "m2"),
    "rekodzielo-upominki": (["upominki", "świece sojowe", "ceramika", "kartki okolicznościowe", "mydła",
                             "ozdoby świąteczne", "kosze prezentowe", "biżuteria"],
                            ["39298900-6", "18530000-3", "22315000-8"], "szt."),
    "szycie-tekstylia": (["szycie odzieży roboczej", "torby bawełniane", "zasłony", "obrusy", "haft",
                          "poprawki krawieckie", "fartuchy", "poduszki"],
                         ["18100000-0", "39561000-4", "18930000-7"], "szt."),
    "poligrafia-reklama": (["druk ulotek", "wizytówki", "plakaty", "nadruk na koszulkach", "banery",
                            "projekt graficzny", "oprawa introligatorska", "kalendarze"],
                           ["79810000-5", "79822500-7", "22462000-6"], "szt."),
    "turystyka-noclegi": (["noclegi", "pokoje gościnne", "sala konferencyjna", "wycieczki", "hostel",
                           "agroturystyka", "kolonie", "spływ kajakowy"],
                          ["55110000-4", "55120000-7", "63516000-9"], "dzień"),
    "uslugi-opiekuncze": (["opieka nad seniorem", "asystent osobisty", "usługi opiekuńcze",
                           "opieka wytchnieniowa", "dowóz posiłków", "opieka nad dziećmi"],
                          ["85311100-3", "85312110-3", "85320000-8"], "godz."),
    "edukacja-warsztaty": (["warsztaty ceramiczne", "szkolenia", "kurs komputerowy", "zajęcia plastyczne",
                            "warsztaty kulinarne", "korepetycje", "szkolenie bhp"],
                           ["80500000-9", "80530000-8", "92312000-1"], "osoba"),
    "transport": (["przewóz osób", "transport towarów", "przeprowadzki", "dowóz uczniów",
                   "kurier miejski", "wywóz gabarytów"],
                  ["60100000-9", "60130000-8", "98392000-7"], "usługa"),
    "biuro-it": (["strony internetowe", "digitalizacja dokumentów", "archiwizacja", "obsługa biura",
                  "wprowadzanie danych", "serwis komputerów", "audyt dostępności"],
                 ["72413000-8", "79999100-4", "79995100-6"], "godz."),
    "zywnosc-produkty-lokalne": (["miód", "chleb na zakwasie", "przetwory", "soki tłoczone", "pierogi",
                                  "ciasta", "konfitury", "warzywa ekologiczne"],
                                 ["15831600-8", "15811100-7", "15332290-3"], "kg"),
    "kultura-wydarzenia": (["organizacja festynu", "animacje dla dzieci", "nagłośnienie",
                            "obsługa konferencji", "koncert", "teatr"],
                           ["79952000-2", "92331210-5", "79956000-0"], "usługa"),
    "stolarstwo-meble": (["meble z palet", "ławki", "stoły", "regały", "domki dla ptaków",
                          "meble ogrodowe", "zabawki drewniane", "skrzynie"],
                         ["39100000-3", "39143000-1", "39150000-8"], "szt."),
    "pralnia": (["pranie pościeli", "magiel", "pranie odzieży roboczej", "pranie firan", "prasowanie",
                 "pranie obrusów"],
                ["98310000-9", "98311000-6", "98315000-4"], "kg"),
    "naprawa-recykling": (["naprawa rowerów", "serwis rowerowy", "naprawa mebli", "recykling elektroniki",
                           "odzież z drugiej ręki", "naprawa sprzętu AGD"],
                          ["50000000-5", "50110000-9", "90514000-3"], "usługa"),
    "uslugi-pomocnicze": (["portiernia", "dozór obiektu", "konfekcjonowanie", "pakowanie wysyłek",
                           "montaż elementów", "szatnia"],
                          ["79713000-5", "79714000-2", "79342200-5"], "godz."),
}  # fmt: skip

QUALITIES = ["ekologiczne", "tradycyjne", "bezglutenowe", "wegańskie", "na zamówienie", "ekspresowe",
             "premium", "sezonowe", "lokalne", "z dowozem", "kompleksowe", "całoroczne", "rękodzielnicze",
             "niskosłodzone", "z certyfikatem", "w atrakcyjnej cenie"]  # fmt: skip
AUDIENCES = ["dla szkół", "dla urzędów", "dla firm", "dla seniorów", "dla przedszkoli", "dla hoteli",
             "dla wspólnot mieszkaniowych", "dla szpitali", "na wydarzenia", "dla gmin", "dla bibliotek",
             "dla organizacji pozarządowych"]  # fmt: skip
DETAILS = ["Minimalne zamówienie ustalamy indywidualnie.", "Realizacja w ciągu tygodnia.",
           "Pracujemy z osobami z niepełnosprawnościami.", "Wystawiamy faktury VAT.",
           "Zatrudniamy osoby zagrożone wykluczeniem społecznym.", "Dojazd na terenie powiatu gratis.",
           "Możliwe zamówienia cykliczne.", "Używamy materiałów z odzysku.", "Posiadamy certyfikat HACCP.",
           "Obsługujemy zamówienia publiczne i zastrzeżone.", "Dostosowujemy ofertę do budżetu.",
           "Oferujemy próbki przed zamówieniem."]  # fmt: skip

# (city, powiat, subregion, lat, lon)
TOWNS = [
    ("Gdańsk", "Gdańsk", "metropolitalny_poludniowy", 54.352, 18.646),
    ("Gdynia", "Gdynia", "metropolitalny_polnocny", 54.518, 18.530),
    ("Sopot", "Sopot", "metropolitalny_poludniowy", 54.441, 18.560),
    ("Słupsk", "Słupsk", "slupski", 54.464, 17.028),
    ("Wejherowo", "powiat wejherowski", "metropolitalny_polnocny", 54.605, 18.235),
    ("Kartuzy", "powiat kartuski", "metropolitalny_poludniowy", 54.334, 18.197),
    ("Tczew", "powiat tczewski", "nadwislanski", 54.092, 18.777),
    ("Malbork", "powiat malborski", "nadwislanski", 54.036, 19.037),
    ("Chojnice", "powiat chojnicki", "poludniowy", 53.697, 17.557),
    ("Starogard Gdański", "powiat starogardzki", "poludniowy", 53.966, 18.530),
    ("Lębork", "powiat lęborski", "slupski", 54.540, 17.749),
    ("Bytów", "powiat bytowski", "slupski", 54.171, 17.492),
    ("Kościerzyna", "powiat kościerski", "metropolitalny_poludniowy", 54.122, 17.981),
    ("Puck", "powiat pucki", "metropolitalny_polnocny", 54.718, 18.409),
    ("Kwidzyn", "powiat kwidzyński", "nadwislanski", 53.735, 18.931),
]
LEGAL_FORMS = ["spoldzielnia_socjalna", "fundacja", "stowarzyszenie", "spolka_non_profit", "cis", "kis",
               "wtz", "zaz", "spoldzielnia_pracy"]  # fmt: skip
ORGANISATION_WORDS = ["Razem", "Nowy Start", "Pomorze", "Bałtyk", "Kaszuby", "Przystań", "Dobre Ręce",
                      "Wspólna Sprawa", "Horyzont", "Kotwica", "Latarnia", "Most", "Zielony Zakątek"]  # fmt: skip
CERTIFICATES = ["zakup_prospoleczny", "znak_ekonomii_spolecznej", "iso_9001", "haccp", "ekologiczny"]


@dataclass(frozen=True)
class GeneratedOrganisation:
    name: str
    legal_form: str
    ps_status: bool
    city: str
    powiat: str
    subregion: str
    latitude: float
    longitude: float
    description: str
    employees_total: int
    employees_disadvantaged: int
    certificates: list[str]


@dataclass(frozen=True)
class GeneratedOffer:
    category: str
    kind: str
    title: str
    description: str
    cpv: list[str]
    price_from: int | None
    price_unit: str
    service_area: list[str]
    tags: list[str]


def organisation(number: int, rng: random.Random) -> GeneratedOrganisation:
    city, powiat, subregion, lat, lon = TOWNS[number % len(TOWNS)]
    legal_form = LEGAL_FORMS[number % len(LEGAL_FORMS)]
    total = rng.randint(3, 60)
    disadvantaged = rng.randint(0, total)
    return GeneratedOrganisation(
        name=f"{legal_form.replace('_', ' ').title()} „{rng.choice(ORGANISATION_WORDS)}” {number}",
        legal_form=legal_form,
        ps_status=legal_form not in {"cis", "kis", "wtz", "zaz"} and rng.random() < 0.5,
        city=city,
        powiat=powiat,
        subregion=subregion,
        latitude=lat + rng.uniform(-0.05, 0.05),
        longitude=lon + rng.uniform(-0.05, 0.05),
        description=" ".join(rng.sample(DETAILS, 2)),
        employees_total=total,
        employees_disadvantaged=disadvantaged,
        certificates=rng.sample(CERTIFICATES, rng.randint(0, 2)),
    )


def offer(rng: random.Random, town: tuple) -> GeneratedOffer:
    category = rng.choice(CATEGORIES)[0]
    products, codes, unit = WORDS[category]
    product, other = rng.sample(products, 2)
    quality, audience = rng.choice(QUALITIES), rng.choice(AUDIENCES)
    title = f"{product.capitalize()} {quality} {audience}"
    description = f"{product.capitalize()} {audience}, także {other}. Oferta {quality}. " + " ".join(
        rng.sample(DETAILS, 3)
    )
    area = rng.choice([[town[0]], [town[1]], ["województwo pomorskie"], [town[0], town[1]]])
    price = None if rng.random() < 0.15 else rng.randint(5, 5000) * 100
    return GeneratedOffer(
        category=category,
        kind="product" if unit in {"szt.", "kg"} else "service",
        title=title,
        description=description,
        cpv=rng.sample(codes, rng.randint(1, 2)),
        price_from=price,
        price_unit=unit,
        service_area=area,
        tags=sorted({*product.split()[:2], quality.split()[-1], rng.choice(products).split()[0]}),
    )
