"""The legal-basis templates every installation starts with (staff edit them in the admin afterwards)."""

DEFAULT_LEGAL_BASES = [
    {
        "kind": "below_threshold",
        "sort_order": 10,
        "title_pl": "Zamówienie poniżej progu stosowania ustawy Pzp",
        "title_en": "Contract below the threshold of the Public Procurement Law",
        "text_pl": (
            "Wartość zamówienia nie przekracza kwoty 130 000 zł netto, zatem zgodnie z art. 2 ust. 1 pkt 1 "
            "ustawy z dnia 11 września 2019 r. – Prawo zamówień publicznych ustawy nie stosuje się. "
            "Rozeznanie rynku przeprowadzono zgodnie z wewnętrznym regulaminem zamawiającego, z zachowaniem "
            "zasad uczciwej konkurencji, równego traktowania wykonawców i przejrzystości."
        ),
        "text_en": (
            "The value of the contract does not exceed PLN 130,000 net, so under art. 2(1)(1) of the Public "
            "Procurement Law of 11 September 2019 the Law does not apply. The market was researched under the "
            "buyer's internal rules, respecting fair competition, equal treatment of suppliers and transparency."
        ),
    },
    {
        "kind": "reserved",
        "sort_order": 20,
        "title_pl": "Zamówienie zastrzeżone (art. 94 Pzp)",
        "title_en": "Reserved contract (art. 94 of the Public Procurement Law)",
        "text_pl": (
            "Zamawiający zastrzegł, na podstawie art. 94 ust. 1 ustawy Pzp, że o udzielenie zamówienia mogą "
            "ubiegać się wyłącznie wykonawcy, w szczególności spółdzielnie socjalne, zakłady pracy chronionej "
            "i inne podmioty, których głównym celem lub głównym celem działalności ich wyodrębnionych "
            "organizacyjnie jednostek jest społeczna i zawodowa integracja osób społecznie marginalizowanych, "
            "jeżeli co najmniej 30% zatrudnionych stanowią osoby z tych grup."
        ),
        "text_en": (
            "Under art. 94(1) of the Public Procurement Law the buyer reserved the contract for suppliers, in "
            "particular social cooperatives, sheltered workshops and other entities whose main aim is the "
            "social and professional integration of socially marginalised persons, provided that at least "
            "30% of their employees belong to those groups."
        ),
    },
    {
        "kind": "social_clause",
        "sort_order": 30,
        "title_pl": "Klauzule społeczne (art. 96 Pzp)",
        "title_en": "Social clauses (art. 96 of the Public Procurement Law)",
        "text_pl": (
            "Zamawiający określił wymagania związane z realizacją zamówienia obejmujące aspekty społeczne, "
            "w tym zatrudnienie osób, o których mowa w art. 96 ust. 2 pkt 2 ustawy Pzp, oraz uwzględnił je "
            "przy wyborze wykonawcy."
        ),
        "text_en": (
            "The buyer set requirements for performing the contract covering social aspects, including the "
            "employment of persons referred to in art. 96(2)(2) of the Public Procurement Law, and took them "
            "into account when choosing the supplier."
        ),
    },
]


def seed_legal_bases(sender, app_config, using, apps=None, **kwargs):
    """post_migrate (after `migrate` and after a test flush): a kind without any template gets the default.

    Idempotent, and a kind that already has a template is left as staff wrote it.
    """
    try:
        model = (apps or app_config.apps).get_model("procurement", "LegalBasisTemplate")
    except LookupError:  # migrated back to before the templates existed
        return
    for values in DEFAULT_LEGAL_BASES:
        if not model.objects.using(using).filter(kind=values["kind"]).exists():
            model.objects.using(using).create(**values)
