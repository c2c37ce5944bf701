"""Places of Pomorskie: the towns a buyer may name in a query, their counties and coordinates.

Used to recognise "… gdańsk" or "… w Tczewie" in a query (the place then boosts offers whose service
area covers it instead of being matched as a word), and to turn `town=` into a point for the
geo-distance filter. A place is covered by an offer when its service area lists the town, the town's
county or the whole region (see the catalogue's data format).
"""

from dataclasses import dataclass

from catalog.choices import WHOLE_REGION

from .analysis import fold


@dataclass(frozen=True)
class Place:
    name: str
    powiat: str
    latitude: float
    longitude: float

    @property
    def covering_areas(self) -> list[str]:
        """Folded service-area values that cover this place: itself, its county, the whole region."""
        return sorted({fold(self.name), fold(self.powiat), fold(WHOLE_REGION)})


TOWNS = [
    Place("Gdańsk", "Gdańsk", 54.352, 18.646),
    Place("Gdynia", "Gdynia", 54.518, 18.530),
    Place("Sopot", "Sopot", 54.441, 18.560),
    Place("Słupsk", "Słupsk", 54.464, 17.028),
    Place("Pruszcz Gdański", "powiat gdański", 54.262, 18.636),
    Place("Kartuzy", "powiat kartuski", 54.334, 18.197),
    Place("Żukowo", "powiat kartuski", 54.342, 18.365),
    Place("Kościerzyna", "powiat kościerski", 54.122, 17.981),
    Place("Wejherowo", "powiat wejherowski", 54.605, 18.235),
    Place("Rumia", "powiat wejherowski", 54.571, 18.392),
    Place("Reda", "powiat wejherowski", 54.605, 18.349),
    Place("Puck", "powiat pucki", 54.717, 18.408),
    Place("Władysławowo", "powiat pucki", 54.791, 18.401),
    Place("Jastarnia", "powiat pucki", 54.696, 18.679),
    Place("Hel", "powiat pucki", 54.608, 18.801),
    Place("Lębork", "powiat lęborski", 54.539, 17.750),
    Place("Łeba", "powiat lęborski", 54.760, 17.556),
    Place("Bytów", "powiat bytowski", 54.170, 17.492),
    Place("Miastko", "powiat bytowski", 54.003, 16.983),
    Place("Ustka", "powiat słupski", 54.580, 16.862),
    Place("Kobylnica", "powiat słupski", 54.438, 16.996),
    Place("Malbork", "powiat malborski", 54.036, 19.037),
    Place("Tczew", "powiat tczewski", 54.092, 18.778),
    Place("Pelplin", "powiat tczewski", 53.929, 18.697),
    Place("Gniew", "powiat tczewski", 53.838, 18.823),
    Place("Kwidzyn", "powiat kwidzyński", 53.735, 18.931),
    Place("Prabuty", "powiat kwidzyński", 53.756, 19.197),
    Place("Sztum", "powiat sztumski", 53.921, 19.030),
    Place("Dzierzgoń", "powiat sztumski", 53.923, 19.346),
    Place("Nowy Dwór Gdański", "powiat nowodworski", 54.213, 19.117),
    Place("Krynica Morska", "powiat nowodworski", 54.381, 19.444),
    Place("Chojnice", "powiat chojnicki", 53.697, 17.557),
    Place("Czersk", "powiat chojnicki", 53.796, 17.977),
    Place("Brusy", "powiat chojnicki", 53.884, 17.718),
    Place("Człuchów", "powiat człuchowski", 53.664, 17.362),
    Place("Debrzno", "powiat człuchowski", 53.537, 16.994),
    Place("Starogard Gdański", "powiat starogardzki", 53.966, 18.530),
    Place("Skórcz", "powiat starogardzki", 53.793, 18.526),
]

_BY_NAME = {fold(place.name): place for place in TOWNS}

# Inflected forms that the prefix rule below cannot derive (consonant alternation, short names).
_IRREGULAR = {
    "sopocie": "sopot",
    "helu": "hel",
    "lebie": "leba",
    "leby": "leba",
    "redzie": "reda",
    "redy": "reda",
    "ustce": "ustka",
    "ustki": "ustka",
    "gdyni": "gdynia",
    "rumi": "rumia",
    "kartuzach": "kartuzy",
    "brusach": "brusy",
    "prabutach": "prabuty",
    "chojnicach": "chojnice",
}

# Words that name a place only as a second word ("Starogard Gdański"); alone they are no place.
_SECOND_WORDS = {"gdanski", "gdanskim", "gdanskiego", "morska", "morskiej"}


def _word_matches(token: str, name_word: str) -> bool:
    """Does a folded query word look like an inflected form of a one-word place name?"""
    if token == name_word or _IRREGULAR.get(token) == name_word:
        return True
    base = name_word[:-1] if name_word[-1] in "aeiouy" else name_word
    return len(base) >= 4 and token.startswith(base) and len(token) - len(base) <= 3


def find_place(tokens: list[str]) -> tuple[Place, int, int] | None:
    """The first place named in a list of folded words, as (place, start, end) word positions."""
    for start, token in enumerate(tokens):
        if token in _SECOND_WORDS:
            continue
        for folded_name, place in _BY_NAME.items():
            name_words = folded_name.split()
            if not _word_matches(token, name_words[0]):
                continue
            end = start + 1
            # A multi-word name ("nowy dwor gdanski") must be typed with its distinctive words.
            for name_word in name_words[1:]:
                if end < len(tokens) and _word_matches(tokens[end], name_word):
                    end += 1
                elif name_word in {"gdanski", "morska"}:
                    break
                else:
                    end = -1
                    break
            if end > start:
                return place, start, end
    return None


def town(name: str) -> Place | None:
    """The place for a town name typed in any case, with or without diacritics."""
    return _BY_NAME.get(fold(name).strip())
