"""Polish brand content for the demo site, taken from the cluster's 2024 presentation (RESIST project)."""

HOME = {
    "title": "Pomorska Ekonomia Społeczna",
    "hero_title": "Pomorska Ekonomia Społeczna",
    "hero_lead": (
        "Klaster podmiotów ekonomii społecznej województwa pomorskiego: spółdzielnie socjalne, fundacje, "
        "stowarzyszenia, CIS, KIS, WTZ, ZAZ i przedsiębiorstwa społeczne. Kupuj społecznie odpowiedzialnie "
        "— znajdź dostawcę w katalogu."
    ),
}

BRAND_PAGES = [
    {
        "title": "O klastrze",
        "slug": "o-klastrze",
        "intro": (
            "Klaster Pomorska Ekonomia Społeczna powstaje w ramach projektu RESIST (Interreg Baltic Sea "
            "Region), koordynowanego w regionie przez Regionalny Ośrodek Polityki Społecznej w Gdańsku."
        ),
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
    },
    {
        "title": "Deklaracja dostępności",
        "slug": "deklaracja-dostepnosci",
        "intro": (
            "Regionalny Ośrodek Polityki Społecznej w Gdańsku zobowiązuje się zapewnić dostępność tej "
            "strony zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych "
            "i aplikacji mobilnych podmiotów publicznych."
        ),
    },
]
