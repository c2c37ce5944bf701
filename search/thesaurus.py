"""The sector thesaurus: what buyers call a thing, in Polish and English, and what suppliers write.

Written from knowledge of the social economy and public procurement in Poland (what social
cooperatives, CIS/KIS, WTZ and ZAZ make and sell, and how contracting authorities word their needs),
never from the judged query sets: those measure search and must not shape it. Each concept is a group
of terms that mean the same thing to a buyer; the Polish terms are the words suppliers write in
offers, the English ones what a foreign or expat buyer types. A term is looked up by its stem (see
search.vocabulary), so a term is written once in its base form and its inflections follow.

A synonym that is only sometimes true (vegan ≠ vegetarian, "druk" ≠ "nadruk") does not belong in a group.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    polish: tuple[str, ...]
    english: tuple[str, ...] = ()


def _c(polish: str, english: str = "") -> Concept:
    split = lambda text: tuple(t.strip() for t in text.split(",") if t.strip())  # noqa: E731
    return Concept(split(polish), split(english))


CONCEPTS: list[Concept] = [
    # --- food and catering -----------------------------------------------------------------------
    _c("catering, posiłki, wyżywienie, obiad", "catering, meals, food service, lunch, dinner"),
    _c("przerwa kawowa, serwis kawowy", "coffee break, coffee service, refreshments"),
    _c("bufet, przekąski", "buffet, finger food, snacks"),
    _c("śniadanie", "breakfast"),
    _c("kolacja", "supper"),
    _c("dieta, jadłospis", "diet, menu"),
    _c("wegański, roślinny", "vegan, plant-based"),
    _c("wegetariański, bezmięsny", "vegetarian, meat-free"),
    _c("bezglutenowy, bez glutenu", "gluten-free, gluten, coeliac"),
    _c("bez laktozy, bezlaktozowy", "lactose-free, dairy-free"),
    _c("stołówka, żywienie zbiorowe", "canteen, cafeteria"),
    _c("dożywianie, posiłki szkolne", "school lunches, pupils' meals"),
    _c("catering okolicznościowy, przyjęcie, bankiet", "party, banquet, reception catering, event catering"),
    _c("wypieki, piekarnia, pieczywo, chleb", "bakery, bread, baked goods"),
    _c("ciasto, cukiernia, tort, ciastka", "cake, pastry, confectionery, cookies, biscuits"),
    _c("przetwory, konfitura, dżem, powidła", "preserves, jam, marmalade"),
    _c("miód, pasieka", "honey, apiary, beekeeping"),
    _c("sok, tłoczony", "juice"),
    _c("warzywa, owoce", "vegetables, fruit, produce"),
    _c("kawa, herbata", "coffee, tea"),
    _c("żywność regionalna, produkt lokalny", "regional food, local produce"),
    # --- cleaning and facility services ------------------------------------------------------------
    _c("sprzątanie, utrzymanie czystości, porządkowanie", "cleaning, cleaners, janitorial, housekeeping"),
    _c("mycie okien", "window cleaning"),
    _c("sprzątanie biur", "office cleaning"),
    _c("dezynfekcja", "disinfection, sanitising"),
    _c("pranie, pralnia, magiel", "laundry, washing, ironing"),
    _c("pościel, bielizna pościelowa", "bed linen, bedding, sheets"),
    _c("pranie dywanów, czyszczenie tapicerki", "carpet cleaning, upholstery cleaning"),
    _c("myjnia, mycie samochodów", "car wash, car cleaning"),
    _c("ochrona, dozór, portiernia", "security, guarding, porter, caretaker"),
    _c("recepcja, szatnia", "reception, cloakroom"),
    _c("archiwizacja, digitalizacja, skanowanie", "archiving, digitisation, scanning"),
    _c("niszczenie dokumentów", "document shredding"),
    # --- green spaces --------------------------------------------------------------------------------
    _c(
        "zieleń, ogrodnictwo, pielęgnacja zieleni, ogród",
        "gardening, garden, landscaping, grounds maintenance, green space",
    ),
    _c("koszenie, trawnik, trawa", "mowing, lawn, grass"),
    _c("przycinanie, drzewa, krzewy, żywopłot", "pruning, trees, shrubs, hedge, tree care"),
    _c("odśnieżanie, zima", "snow removal, snow clearing, winter maintenance, gritting"),
    _c("sadzonki, rośliny, kwiaty, rozsada", "plants, seedlings, flowers, nursery"),
    _c("kompozycje kwiatowe, bukiety, wieńce", "floral arrangements, bouquets, wreaths, florist"),
    _c("sprzątanie terenu, liście", "leaf clearing, litter picking"),
    # --- building and repairs ------------------------------------------------------------------------
    _c(
        "remont, remonty, wykończenia, roboty budowlane",
        "renovation, refurbishment, repairs, building work, construction",
    ),
    _c("malowanie, malarskie", "painting, decorating, painter"),
    _c("glazura, płytki", "tiling, tiles"),
    _c("drobne naprawy, złota rączka, konserwacja", "handyman, maintenance, minor repairs"),
    _c("hydraulik, instalacje", "plumbing, plumber"),
    _c("elektryk", "electrician, electrical work"),
    _c("rozbiórka, wywóz gruzu", "demolition, rubble removal"),
    # --- wood, furniture and crafts -----------------------------------------------------------------
    _c("meble, stolarstwo, stolarnia, mebel", "furniture, carpentry, joinery, woodwork"),
    _c("palety, drewno z odzysku", "pallets, reclaimed wood, upcycled wood"),
    _c("ławki, stoły, siedziska", "benches, tables, seating"),
    _c("domki dla ptaków, budki lęgowe", "birdhouses, nest boxes"),
    _c("zabawki", "toys"),
    _c("rękodzieło, wyroby rękodzielnicze", "handicrafts, handmade, crafts, artisan"),
    _c("upominki, prezenty, podarunki, gadżety", "gifts, presents, souvenirs, giveaways, corporate gifts"),
    _c("kosz prezentowy, paczki świąteczne", "gift basket, hamper, gift box, christmas parcels"),
    _c("świece, świeczki", "candles"),
    _c("mydło, kosmetyki naturalne", "soap, natural cosmetics"),
    _c("ceramika, garncarstwo", "ceramics, pottery"),
    _c("biżuteria", "jewellery, jewelry"),
    _c("kartki okolicznościowe, kartki świąteczne", "greeting cards, christmas cards"),
    _c("ozdoby świąteczne, dekoracje", "christmas decorations, decorations, ornaments"),
    _c("wiklina, kosze wiklinowe", "wicker, baskets"),
    _c("filc, wyroby z filcu", "felt"),
    # --- textiles ------------------------------------------------------------------------------------
    _c("szycie, krawiectwo, szwalnia", "sewing, tailoring, dressmaking"),
    _c("odzież, ubrania", "clothing, clothes, garments, apparel"),
    _c("odzież robocza, bhp, odzież ochronna", "workwear, work clothes, protective clothing, uniforms"),
    _c("torby, torba, torby bawełniane, ekotorby", "bags, tote bags, cotton bags, shopping bags"),
    _c("zasłony, firany", "curtains, drapes"),
    _c("obrusy, serwetki", "tablecloths, napkins"),
    _c("maseczki", "face masks"),
    _c("haft, haftowanie", "embroidery"),
    _c("poprawki krawieckie, przeróbki", "alterations, clothing repair"),
    # --- printing, design, IT -------------------------------------------------------------------------
    _c("drukowanie, poligrafia, drukarnia", "printing, print shop, printer"),
    _c("ulotki, plakaty, broszury, wizytówki", "flyers, leaflets, posters, brochures, business cards"),
    _c("nadruk, znakowanie, personalizacja, logo", "branding, logo printing, personalised, custom print"),
    _c("grafika, projektowanie graficzne", "graphic design, design, layout"),
    _c("introligatorstwo, oprawa", "bookbinding, binding"),
    _c("strona internetowa, serwis www", "website, web design, web development, webpage"),
    _c("dostępność cyfrowa, wcag", "accessibility, digital accessibility, accessible"),
    _c("fotografia, zdjęcia", "photography, photos, photographer"),
    _c("film, nagrania wideo", "video, filming"),
    _c("tłumaczenia", "translation, translator"),
    _c("obsługa informatyczna, serwis komputerowy", "it support, computer repair"),
    _c("media społecznościowe, marketing", "social media, marketing, promotion"),
    # --- care and social services ---------------------------------------------------------------------
    _c("osoby starsze, seniorzy, senior", "elderly, older people, seniors, senior"),
    _c("opieka, usługi opiekuńcze, opiekunka", "care, caregiving, carer, home care"),
    _c("asystent osobisty, asystencja", "personal assistant, personal assistance"),
    _c("niepełnosprawności, osoby z niepełnosprawnościami", "disability, disabled, people with disabilities"),
    _c("opieka nad dziećmi, żłobek, przedszkole", "childcare, nursery, daycare, kindergarten"),
    _c("korepetycje, zajęcia edukacyjne", "tutoring, educational activities"),
    _c("warsztaty, szkolenia, kursy", "workshops, training, courses"),
    _c("integracja społeczna, reintegracja", "social integration, reintegration, inclusion"),
    _c("animacje, animator", "entertainment, animation, entertainer"),
    _c("rehabilitacja, fizjoterapia", "rehabilitation, physiotherapy"),
    # --- hospitality, events, tourism ----------------------------------------------------------------
    _c(
        "noclegi, nocleg, zakwaterowanie, pokoje, hostel",
        "accommodation, lodging, rooms, hostel, stay, overnight",
    ),
    _c("hotel, pensjonat, agroturystyka", "hotel, guesthouse, bed and breakfast, farm stay"),
    _c("sala konferencyjna, wynajem sali, sala", "conference room, meeting room, venue, hall, room hire"),
    _c("konferencja, szkolenie, spotkanie", "conference, meeting, seminar"),
    _c(
        "organizacja wydarzeń, imprezy, eventy, festyn",
        "event management, events, event organisation, festival",
    ),
    _c("wycieczki, turystyka, przewodnik", "tours, tourism, sightseeing, guide"),
    _c("kolonie, obozy, wypoczynek", "summer camp, camps, holidays"),
    _c("nagłośnienie, oświetlenie sceny", "sound system, stage lighting"),
    # --- transport, logistics, recycling -------------------------------------------------------------
    _c("transport, przewóz, dowóz", "transport, transportation, delivery, shuttle"),
    _c("przeprowadzki", "removals, moving"),
    _c("przewóz osób, busy", "passenger transport, minibus"),
    _c("kurier, doręczanie", "courier, parcel delivery"),
    _c("rower, rowery, serwis rowerowy", "bicycle, bike, cycling, bike repair"),
    _c("wypożyczalnia", "rental, hire"),
    _c("recykling, odpady, segregacja", "recycling, waste, sorting"),
    _c("używane, second hand, z odzysku", "second-hand, used, reused, upcycled"),
    _c("konfekcjonowanie, pakowanie", "packing, packaging, co-packing"),
    _c("montaż, prace zlecone, składanie", "assembly, subcontracting, outsourcing"),
    _c("magazynowanie", "storage, warehousing"),
    # --- procurement words -----------------------------------------------------------------------------
    _c("zamówienie zastrzeżone, klauzule społeczne", "reserved contract, social clauses, social procurement"),
    _c("spółdzielnia socjalna", "social cooperative, social co-op"),
    _c("przedsiębiorstwo społeczne", "social enterprise"),
]
