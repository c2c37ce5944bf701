"""Curated query-time synonyms: the words buyers type mapped to the words suppliers write.

Keys are folded words (see search.analysis.fold); values are phrases in proper Polish.
Expansion happens at query time only, so the list can change without a reindex. Keep it to real
buyer vocabulary: a synonym that is only sometimes true (vegan ≠ vegetarian) does not belong here.
"""

from .analysis import words

SYNONYMS: dict[str, list[str]] = {
    # food
    "obiad": ["catering", "posiłki", "wyżywienie"],
    "obiady": ["catering", "posiłki", "wyżywienie"],
    "jedzenie": ["catering", "posiłki"],
    "posilki": ["catering", "obiady"],
    "wyzywienie": ["catering", "posiłki"],
    "lunch": ["catering", "obiad"],
    "bufet": ["catering"],
    "przerwa": ["przerwa kawowa", "catering"],
    "kawowa": ["przerwa kawowa", "catering"],
    "weganski": ["roślinny"],
    "weganskie": ["roślinne"],
    "wegetarianski": ["bezmięsny"],
    "ciasta": ["wypieki", "cukiernia"],
    "ciasto": ["wypieki", "cukiernia"],
    # cleaning
    "sprzatanie": ["utrzymanie czystości"],
    "czyszczenie": ["sprzątanie"],
    "mycie": ["sprzątanie", "czyszczenie"],
    "porzadkowanie": ["sprzątanie"],
    # green
    "ogrodnik": ["zieleń", "ogrodnictwo", "pielęgnacja zieleni", "ogród"],
    "ogrodnicze": ["zieleń", "ogrodnictwo", "pielęgnacja zieleni"],
    "ogrod": ["zieleń", "ogrodnictwo"],
    "trawnik": ["koszenie trawy", "zieleń"],
    "trawa": ["koszenie", "trawnik"],
    "kosiarka": ["koszenie trawy"],
    "drzewa": ["przycinanie", "zieleń"],
    "zima": ["odśnieżanie"],
    "snieg": ["odśnieżanie"],
    # care
    "senior": ["osoby starsze", "opieka"],
    "seniorem": ["osoby starsze", "opieka"],
    "seniorow": ["osoby starsze", "opieka"],
    "starsi": ["seniorzy", "osoby starsze"],
    "opiekunka": ["opieka"],
    "niepelnosprawnych": ["niepełnosprawności"],
    "niepelnosprawni": ["niepełnosprawności"],
    # hospitality
    "nocleg": ["zakwaterowanie", "pokoje", "hostel"],
    "noclegi": ["zakwaterowanie", "pokoje", "hostel"],
    "hotel": ["noclegi", "hotelowa"],
    "sala": ["sala konferencyjna", "wynajem sali"],
    # goods and crafts
    "upominki": ["prezenty", "gadżety", "podarunki"],
    "upominek": ["prezent", "gadżet"],
    "prezent": ["upominek", "podarunek"],
    "prezentowy": ["upominkowy", "prezent"],
    "gadzety": ["upominki", "gadżety reklamowe"],
    "logo": ["nadruk", "znakowanie", "personalizacja"],
    "torby": ["torba", "torebki"],
    "meble": ["stolarstwo", "mebel"],
    "palet": ["paleta", "drewno z odzysku"],
    "odziez": ["ubrania", "odzież"],
    "robocza": ["robocze", "bhp"],
    "zaslony": ["firany", "zasłony"],
    "zaslon": ["firany", "zasłony"],
    "szycie": ["krawiectwo", "szycie na miarę"],
    "pranie": ["pralnia"],
    "pralnia": ["pranie", "magiel"],
    "posciel": ["bielizna pościelowa"],
    # printing and web
    "druk": ["drukowanie", "poligrafia"],
    "drukarnia": ["druk", "poligrafia"],
    "ulotki": ["ulotka", "druk"],
    "strona": ["strona internetowa", "serwis www"],
    "www": ["strona internetowa"],
    "wcag": ["dostępność cyfrowa"],
    # repairs and transport
    "remont": ["remonty", "wykończenia"],
    "malowanie": ["malarskie", "remont"],
    "rower": ["rowery", "serwis rowerowy"],
    "rowerow": ["rowery", "serwis rowerowy"],
    "przewoz": ["transport"],
    "dowoz": ["transport"],
}


def expand(query: str) -> list[str]:
    """The synonym phrases for the words of a query, without duplicates and without the query's own words."""
    own = set(words(query))
    expansions: list[str] = []
    for word in own:
        for phrase in SYNONYMS.get(word, []):
            if phrase not in expansions and not set(words(phrase)) <= own:
                expansions.append(phrase)
    return expansions
