"""Brand content of the demo site, taken from the cluster's presentation of 22.11.2024 (RESIST project,
Pomorskie Forum Inicjatyw Pozarządowych). The English translations are in `cms.demo_pages_en`.

Every page has a stable slug: `load_demo` upserts by it, so running it twice changes nothing.
"""

from datetime import date

SEED_SOURCE = "Źródło: ROPS w Gdańsku, „Sektor ES w województwie pomorskim 2024” (stan PS na 06.2024 r.)."

HOME = {
    "title": "Pomorska Ekonomia Społeczna",
    "hero_title": "Pomorska Ekonomia Społeczna",
    "hero_lead": (
        "Klaster podmiotów ekonomii społecznej województwa pomorskiego: spółdzielnie socjalne, fundacje, "
        "stowarzyszenia, CIS, KIS, WTZ, ZAZ i przedsiębiorstwa społeczne. Kupuj społecznie odpowiedzialnie "
        "— znajdź dostawcę w katalogu."
    ),
    "sector_figures_source": SEED_SOURCE,
}

# Sektor ES w województwie pomorskim 2024 (change against 2023 in the note).
SECTOR_FIGURES = [
    ("95", "spółdzielni socjalnych", "+23 w ciągu roku"),
    ("50", "warsztatów terapii zajęciowej (WTZ)", "+2"),
    ("24", "centra integracji społecznej (CIS)", "+2"),
    ("14", "klubów integracji społecznej (KIS)", "+1"),
    ("2", "zakłady aktywności zawodowej (ZAZ)", "bez zmian"),
    ("63", "przedsiębiorstwa społeczne ze statusem PS", "w tym 31 spółdzielni socjalnych"),
    ("580", "miejsc pracy w przedsiębiorstwach społecznych", ""),
]

CLUSTER_INTRO = (
    "Klaster Pomorska Ekonomia Społeczna powstaje w ramach projektu RESIST — Responsive Public Services "
    "(Interreg Baltic Sea Region), koordynowanego w regionie przez Regionalny Ośrodek Polityki Społecznej "
    "w Gdańsku. Realizuje Priorytet 2 programu PES 2030 „Silne i stabilne podmioty ekonomii społecznej”, "
    "działanie 2.1: rozwój sieci wsparcia PES/PS, w tym inicjatyw klastrowych i konsorcjów w ramach marki "
    "Pomorska Ekonomia Społeczna."
)

ABOUT_BODY = [
    ("heading", {"text": "Wspólnie tworzymy ekosystem ekonomii społecznej", "level": "h2"}),
    (
        "paragraph",
        "<p>Klastry to grupy wyspecjalizowanych przedsiębiorstw społecznych — często małych i średnich — "
        "oraz innych powiązanych podmiotów wspierających, które ściśle współpracują w określonym miejscu. "
        "Dzięki współpracy mogą być bardziej innowacyjne i tworzyć więcej miejsc pracy, niż gdyby działały "
        "samodzielnie.</p><p>Klaster Innowacji Społecznych i Ekologicznych (CSEI) łączy podmioty gospodarki "
        "społecznej z przedsiębiorstwami głównego nurtu, organizacjami społeczeństwa obywatelskiego, "
        "władzami publicznymi, instytucjami edukacyjnymi i badawczymi.</p>",
    ),
    (
        "quote",
        {
            "text": "Nie możemy stawić czoła wyzwaniom społecznym w pojedynkę — musimy działać razem!",
            "attribution": "Projekt RESIST",
        },
    ),
    ("heading", {"text": "Plan na 2025 rok", "level": "h2"}),
    (
        "paragraph",
        "<ul><li><b>Warsztaty</b>: 4 warsztaty stacjonarne z interesariuszami ekosystemu wsparcia ekonomii "
        "społecznej, które opracują koncepcję struktury klastra, oraz 4 spotkania online o postępach "
        "projektu.</li><li><b>Raport i inicjatywy</b>: raport o potrzebach organizacyjnych i finansowych "
        "ekosystemu i ścieżkach wdrożenia (do listopada 2025 r.) oraz jedna inicjatywa z wykorzystaniem "
        "zasobów klastra — targi przedsiębiorczości społecznej.</li><li><b>Fundusz wsparcia i list "
        "intencyjny</b>: koncepcja funduszu wsparcia przedsiębiorczości społecznej i inkubatorów innowacji "
        "oraz podpisanie listu intencyjnego przez co najmniej 20 interesariuszy.</li></ul>",
    ),
    (
        "figures",
        {
            "title": "Projekt RESIST w liczbach",
            "figures": [
                {"value": "7", "label": "krajów wokół Morza Bałtyckiego", "note": ""},
                {"value": "13", "label": "partnerów projektu", "note": ""},
                {"value": "17", "label": "partnerów stowarzyszonych", "note": ""},
                {"value": "3,62 mln €", "label": "budżet projektu", "note": "lider: Miasto Hamburg"},
            ],
            "source": "Okres realizacji: listopad 2023 – październik 2026.",
        },
    ),
    (
        "faq",
        {
            "title": "Najczęstsze pytania",
            "items": [
                {
                    "question": "Kto może zostać członkiem klastra?",
                    "answer": "<p>Podmioty ekonomii społecznej z województwa pomorskiego: spółdzielnie "
                    "socjalne, fundacje, stowarzyszenia, CIS, KIS, WTZ, ZAZ i przedsiębiorstwa społeczne, "
                    "a także partnerzy z sektora publicznego, prywatnego i akademickiego.</p>",
                },
                {
                    "question": "Ile kosztuje członkostwo?",
                    "answer": "<p>W fazie pilotażu (2025 r.) członkostwo jest bezpłatne. Zasady docelowe "
                    "opisuje wymiar „Model członkostwa” modelu klastra.</p>",
                },
                {
                    "question": "Jak kupić produkt lub usługę od członka klastra?",
                    "answer": "<p>Wyszukaj ofertę w katalogu dostawców i wyślij zapytanie ofertowe "
                    "bezpośrednio z karty oferty.</p>",
                },
            ],
        },
    ),
    (
        "partner_logos",
        {
            "title": "Partnerzy",
            "partners": [
                {"name": "Interreg Baltic Sea Region", "logo": None, "url": "https://interreg-baltic.eu/"},
                {"name": "RESIST", "logo": None, "url": "https://rops.pomorskie.eu/resist"},
                {"name": "ROPS w Gdańsku", "logo": None, "url": "https://rops.pomorskie.eu/"},
                {"name": "Pomorska Sieć COP", "logo": None, "url": ""},
            ],
        },
    ),
]

SECTOR_BODY = [
    (
        "figures",
        {
            "title": "Sektor ES w województwie pomorskim 2024",
            "figures": [{"value": v, "label": label, "note": note} for v, label, note in SECTOR_FIGURES],
            "source": SEED_SOURCE,
        },
    ),
    ("heading", {"text": "Ekosystem wsparcia", "level": "h2"}),
    (
        "paragraph",
        "<p>W ekosystemie ekonomii społecznej województwa współdziałają: Instytucja Zarządzająca, Wojewoda, "
        "podmioty i przedsiębiorstwa społeczne (PES/PS), ośrodki wsparcia ekonomii społecznej (OWES) oraz "
        "Regionalny Ośrodek Polityki Społecznej.</p>",
    ),
]

ACCESSIBILITY_BODY = [
    ("heading", {"text": "Stan dostępności cyfrowej", "level": "h2"}),
    (
        "paragraph",
        "<p>Strona jest zgodna z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych "
        "i aplikacji mobilnych podmiotów publicznych oraz ze standardem WCAG 2.1 na poziomie AA. Każda "
        "zmiana strony jest automatycznie sprawdzana narzędziem axe-core.</p>",
    ),
    ("heading", {"text": "Ułatwienia", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>link „Przejdź do treści” na początku każdej strony,</li><li>widoczny fokus i obsługa "
        "wyłącznie klawiaturą,</li><li>kontrast tekstu co najmniej 4,5:1,</li><li>formularze z etykietami "
        "i podsumowaniem błędów,</li><li>wersja angielska strony.</li></ul>",
    ),
    ("heading", {"text": "Informacje zwrotne i dane kontaktowe", "level": "h2"}),
    (
        "paragraph",
        "<p>Problemy z dostępnością prosimy zgłaszać do Macieja Kochanowskiego: "
        '<a href="mailto:m.kochanowski@pomorskie.eu">m.kochanowski@pomorskie.eu</a>, tel. 789 442 467. '
        "Tą samą drogą można składać wnioski o udostępnienie informacji niedostępnej oraz żądania "
        "zapewnienia dostępności. Odpowiadamy niezwłocznie, nie później niż w ciągu 7 dni.</p>",
    ),
    ("heading", {"text": "Procedura odwoławcza", "level": "h2"}),
    (
        "paragraph",
        "<p>Po odmowie zapewnienia dostępności można złożyć skargę do podmiotu publicznego, a następnie "
        "zawiadomić Rzecznika Praw Obywatelskich.</p>",
    ),
]

STANDARD_PAGES = [
    {
        "title": "O klastrze",
        "slug": "o-klastrze",
        "intro": CLUSTER_INTRO,
        "body": ABOUT_BODY,
        "show_in_menus": True,
    },
    {
        "title": "Sektor ekonomii społecznej na Pomorzu",
        "slug": "sektor-es",
        "intro": (
            "W 2024 r. w województwie pomorskim działało 95 spółdzielni socjalnych, 50 WTZ, 24 CIS, 14 KIS "
            "i 2 ZAZ. Status przedsiębiorstwa społecznego miało 63 podmioty, które dawały 580 miejsc pracy. "
            "Wsparcie zapewnia pięć OWES: w subregionie słupskim, metropolitalnym północnym, "
            "metropolitalnym południowym, nadwiślańskim i południowym."
        ),
        "body": SECTOR_BODY,
        "show_in_menus": False,
    },
    {
        "title": "Deklaracja dostępności",
        "slug": "deklaracja-dostepnosci",
        "intro": (
            "Regionalny Ośrodek Polityki Społecznej w Gdańsku zobowiązuje się zapewnić dostępność tej "
            "strony zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych "
            "i aplikacji mobilnych podmiotów publicznych."
        ),
        "body": ACCESSIBILITY_BODY,
        "show_in_menus": False,
    },
]
# Kept for callers written against the first version of this module.
BRAND_PAGES = STANDARD_PAGES

CLUSTER_MODEL = {
    "title": "Model klastra",
    "slug": "model-klastra",
    "intro": (
        "Model CSEI (klastra innowacji społecznych i ekologicznych) przygotowany w ramach projektu RESIST "
        "opisuje klaster w ośmiu wymiarach. Przy każdym podajemy pytania przewodnie i aktualną odpowiedź "
        "klastra Pomorska Ekonomia Społeczna — wypracowywaną na warsztatach w 2025 r."
    ),
}

# (name, English name, guiding questions, the cluster's current answer)
CLUSTER_DIMENSIONS = [
    (
        "Cel",
        "Purpose",
        ["Jakie wyzwanie społeczne podejmujesz?", "Jakie warunki ramowe temu towarzyszą?"],
        "<p>Wzmocnienie konkurencyjności i aktywności biznesowej podmiotów ekonomii społecznej Pomorza "
        "oraz tworzenie miejsc pracy dla osób zagrożonych wykluczeniem. Ramy: program PES 2030, "
        "Priorytet 2, działanie 2.1.</p>",
    ),
    (
        "Ekosystem",
        "Ecosystem",
        ["Jak należy zorganizować współpracę między interesariuszami, aby osiągnąć zamierzony cel?"],
        "<p>Współpraca PES/PS, pięciu OWES, ROPS, Wojewody i Instytucji Zarządzającej, z udziałem biznesu, "
        "samorządów i uczelni.</p>",
    ),
    (
        "Portfolio działań",
        "Portfolio of Activities",
        ["Jakie usługi i działania powinny być oferowane docelowym grupom?"],
        "<p>Wspólny katalog produktów i usług, targi przedsiębiorczości społecznej, wspólne wykorzystanie "
        "zasobów i wiedzy oraz wsparcie w zamówieniach społecznie odpowiedzialnych.</p>",
    ),
    (
        "Mobilizacja międzysektorowa",
        "Cross-sectoral Mobilization",
        ["W jaki sposób można zintegrować różne sektory i zapewnić ich zaangażowanie?"],
        "<p>Społeczeństwo obywatelskie, sektor publiczny, sektor prywatny, ekonomia społeczna i środowisko "
        "akademickie przy jednym stole: warsztaty stacjonarne i spotkania online.</p>",
    ),
    (
        "Alokacja zasobów i finansowanie",
        "Resource Allocation & Funding",
        [
            "Jakie zasoby są potrzebne do realizacji planowanych działań?",
            "W jaki sposób można je sfinansować?",
        ],
        "<p>Koncepcja funduszu wsparcia dla przedsiębiorczości społecznej i inkubatorów innowacji — "
        "załącznik do raportu z listopada 2025 r.</p>",
    ),
    (
        "Model operacyjny",
        "Operational Model",
        ["Jak zorganizować zarządzanie klastrem w sposób partycypacyjny i demokratyczny?"],
        "",
    ),
    (
        "Ciało koordynujące",
        "Coordinating Body",
        ["Kto jest odpowiedzialny za zarządzanie klastrem?"],
        "<p>W fazie pilotażu klaster koordynuje Regionalny Ośrodek Polityki Społecznej w Gdańsku "
        "(Pomorska Sieć COP).</p>",
    ),
    (
        "Model członkostwa",
        "Membership Model",
        ["Kto może zostać członkiem?", "Jakie są warunki członkostwa?"],
        "<p>Członkami mogą zostać podmioty ekonomii społecznej z województwa pomorskiego i ich partnerzy. "
        "Warunkiem jest podpisanie listu intencyjnego i zgłoszenie członkowskie.</p>",
    ),
]

NEWS_INDEX = {
    "title": "Aktualności",
    "slug": "aktualnosci",
    "intro": "Wiadomości z klastra Pomorska Ekonomia Społeczna i projektu RESIST.",
}

NEWS = [
    {
        "title": "Podejście klastrowe w ekonomii społecznej — regionalne laboratorium strategii",
        "slug": "regionalne-laboratorium-strategii",
        "date": date(2024, 11, 22),
        "author": "Maciej Kochanowski",
        "intro": (
            "Na Pomorskim Forum Inicjatyw Pozarządowych przedstawiliśmy model klastra CSEI i plan pilotażu "
            "klastra Pomorska Ekonomia Społeczna w ramach projektu RESIST."
        ),
        "tags": ["RESIST", "klaster"],
    },
    {
        "title": "Sektor ekonomii społecznej na Pomorzu rośnie: 95 spółdzielni socjalnych",
        "slug": "sektor-es-2024",
        "date": date(2024, 12, 10),
        "author": "ROPS w Gdańsku",
        "intro": (
            "W ciągu roku przybyły 23 spółdzielnie socjalne. Przedsiębiorstwa społeczne ze statusem PS dają "
            "w województwie 580 miejsc pracy."
        ),
        "tags": ["sektor ES", "dane"],
    },
    {
        "title": "Ruszają warsztaty klastra: cztery spotkania stacjonarne w 2025 roku",
        "slug": "warsztaty-klastra-2025",
        "date": date(2025, 2, 3),
        "author": "Maciej Kochanowski",
        "intro": (
            "Zapraszamy interesariuszy ekosystemu wsparcia ekonomii społecznej do współtworzenia struktury "
            "klastra. Między warsztatami spotykamy się online."
        ),
        "tags": ["warsztaty", "klaster"],
    },
    {
        "title": "Podpisz list intencyjny klastra",
        "slug": "list-intencyjny-zaproszenie",
        "date": date(2025, 3, 17),
        "author": "ROPS w Gdańsku",
        "intro": "Celem jest co najmniej 20 interesariuszy, którzy zadeklarują współpracę w klastrze.",
        "tags": ["list intencyjny"],
    },
]

PARTNER_INDEX = {
    "title": "Partnerzy",
    "slug": "partnerzy",
    "intro": "Projekt RESIST, koordynator klastra i pięć ośrodków wsparcia ekonomii społecznej (OWES).",
}

PARTNERS = [
    {
        "title": "RESIST — Interreg Baltic Sea Region",
        "slug": "resist",
        "kind": "programme",
        "short_name": "RESIST",
        "area": "7 krajów regionu Morza Bałtyckiego",
        "intro": (
            "Regionalne Ekosystemy dla Innowacji Społecznych i Transformacji Społecznej: badanie organizacji, "
            "zarządzania i finansowania klastrów innowacji społecznych, wzmocnienie kompetencji władz "
            "regionalnych i tworzenie współpracy międzysektorowej. 13 partnerów, 17 partnerów "
            "stowarzyszonych, budżet 3,62 mln euro, lider: Miasto Hamburg, listopad 2023 – październik 2026."
        ),
        "website": "https://rops.pomorskie.eu/resist",
    },
    {
        "title": "Regionalny Ośrodek Polityki Społecznej w Gdańsku",
        "slug": "rops",
        "kind": "coordinator",
        "short_name": "ROPS",
        "area": "województwo pomorskie",
        "intro": "Koordynator klastra Pomorska Ekonomia Społeczna i polski partner projektu RESIST (Pomorska Sieć COP).",
        "website": "https://rops.pomorskie.eu/",
        "email": "m.kochanowski@pomorskie.eu",
        "phone": "789 442 467",
    },
    {
        "title": "OWES w subregionie słupskim",
        "slug": "owes-slupski",
        "kind": "owes",
        "short_name": "OWES Słupsk",
        "subregion": "slupski",
        "area": "subregion słupski",
        "intro": "Ośrodek Wsparcia Ekonomii Społecznej w Subregionie Słupskim.",
    },
    {
        "title": "POWES „Dla Was” — subregion metropolitalny północny",
        "slug": "owes-metropolitalny-polnocny",
        "kind": "owes",
        "short_name": "POWES Dla Was",
        "subregion": "metropolitalny_polnocny",
        "area": "subregion metropolitalny północny",
        "intro": "Pomorski Ośrodek Wsparcia Ekonomii Społecznej „Dla Was”.",
    },
    {
        "title": "OWES Obszar Gdański — subregion metropolitalny południowy",
        "slug": "owes-metropolitalny-poludniowy",
        "kind": "owes",
        "short_name": "OWES Obszar Gdański",
        "subregion": "metropolitalny_poludniowy",
        "area": "subregion metropolitalny południowy",
        "intro": "Ośrodek Wsparcia Ekonomii Społecznej dla Obszaru Gdańskiego.",
    },
    {
        "title": "Nadwiślański OWES w Dzierzgoniu",
        "slug": "owes-nadwislanski",
        "kind": "owes",
        "short_name": "Nadwiślański OWES",
        "subregion": "nadwislanski",
        "area": "subregion nadwiślański",
        "intro": "Nadwiślański Ośrodek Wsparcia Ekonomii Społecznej w Dzierzgoniu.",
    },
    {
        "title": "OWES Debrzno — subregion południowy",
        "slug": "owes-poludniowy",
        "kind": "owes",
        "short_name": "OWES Debrzno",
        "subregion": "poludniowy",
        "area": "subregion południowy",
        "intro": "Ośrodek Wsparcia Ekonomii Społecznej w Debrznie.",
    },
]

MEMBERSHIP = {
    "title": "Dołącz do klastra",
    "slug": "czlonkostwo",
    "intro": (
        "Prowadzisz spółdzielnię socjalną, fundację, stowarzyszenie, CIS, KIS, WTZ, ZAZ lub przedsiębiorstwo "
        "społeczne w województwie pomorskim? Zgłoś organizację do klastra — po akceptacji pojawi się "
        "w katalogu dostawców."
    ),
    "thank_you_text": "Dziękujemy! Zespół klastra sprawdzi zgłoszenie i skontaktuje się z Tobą.",
}

LETTER_OF_INTENT = {
    "title": "List intencyjny",
    "slug": "list-intencyjny",
    "intro": (
        "Podpisując list intencyjny, organizacja deklaruje współpracę przy tworzeniu klastra Pomorska "
        "Ekonomia Społeczna. Naszym celem jest co najmniej 20 interesariuszy."
    ),
    "letter_text": (
        "<p>My, niżej podpisani, deklarujemy wolę współpracy na rzecz utworzenia klastra Pomorska Ekonomia "
        "Społeczna — sieci wsparcia podmiotów ekonomii społecznej województwa pomorskiego — w ramach "
        "projektu RESIST oraz Priorytetu 2 programu PES 2030.</p><p>List nie rodzi zobowiązań "
        "finansowych.</p>"
    ),
    "target": 20,
    "thank_you_text": "Wysłaliśmy e-mail z linkiem potwierdzającym. Podpis pojawi się na liście po potwierdzeniu.",
}

CONTACT = {
    "title": "Kontakt",
    "slug": "kontakt",
    "intro": "Zapraszamy do kontaktu w sprawie klastra, katalogu i targów.",
    "address": "Regionalny Ośrodek Polityki Społecznej w Gdańsku\nPomorska Sieć COP",
    "email": "m.kochanowski@pomorskie.eu",
    "phone": "789 442 467",
    "thank_you_text": "Dziękujemy, wiadomość została wysłana. Odpowiemy najszybciej, jak to możliwe.",
}
