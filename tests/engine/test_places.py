"""The place step: sentences in, places with geo_precision out (codebook §7).

Also the where rules: admin1 names in common English, unit words, geo_precision cues.
"""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

import pytest

from coder.engine.gazetteer import Gazetteer, Place, normalise
from coder.engine.knowledge import seed_actors
from coder.engine.pipeline import DocumentMeta, Knowledge, suggest
from coder.engine.places import (
    ADMIN3_SEAT_COUNTRIES,
    DISTRICT_SEAT_POPULATION,
    PlaceEvidence,
    country_mentions,
    find_country,
    find_places,
    find_unknown_places,
)

AF, NG, SO = "Afghanistan", "Nigeria", "Somalia"
ADMIN1_CSV = Path(__file__).resolve().parents[2] / "seeds" / "gazetteer" / "admin1.csv"


def _admin1_rows() -> list[dict[str, str]]:
    with ADMIN1_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _one(found: list[PlaceEvidence]) -> PlaceEvidence:
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "country", "location", "admin1", "precision"),
    [
        pytest.param(
            "Clashes erupted in Rukha, Panjshir province.",
            AF,
            "Rukha",
            "Panjshir",
            1,
            id="town-with-province",
        ),
        pytest.param(
            "Shelling hit Panjshir's Rukha district on Sunday.",
            AF,
            "Rukha",
            "Panjshir",
            2,
            id="district-possessive",
        ),
        pytest.param(
            "Resistance fighters regrouped in the Panjshir valley.",
            AF,
            "Panjshir Valley",
            "Panjshir",
            3,
            id="valley-feature",
        ),
        pytest.param(
            "Fighting was reported in Panjshir.",
            AF,
            "Bazarak",
            "Panjshir",
            3,
            id="province-only-capital",
        ),
        pytest.param(
            "Militants raided a camp near Maiduguri.", NG, "Maiduguri", "Borno", 2, id="near"
        ),
        pytest.param("Insurgents attacked Gwoza town at dawn.", NG, "Gwoza", "Borno", 1, id="town"),
        pytest.param(
            "Troops were deployed in Borno state.", NG, "Maiduguri", "Borno", 3, id="state-only"
        ),
        pytest.param(
            "Soldiers patrolled the Sambisa Forest.",
            NG,
            "Sambisa Forest",
            "Borno",
            3,
            id="forest-feature",
        ),
        pytest.param(
            "A mortar hit Mogadishu's Hodan district.",
            SO,
            "Mogadishu - Hodan",
            "Banadir",
            1,
            id="city-district",
        ),
        pytest.param(
            "Al Shabaab attacked a base outside Afgooye.",
            SO,
            "Afgooye",
            "Lower Shabelle",
            2,
            id="outside",
        ),
        pytest.param(
            "Fighters took Ras Kamboni overnight.",
            SO,
            "Ras Kamboni",
            "Lower Juba",
            1,
            id="two-word-town",
        ),
        pytest.param(
            "Clashes broke out in villages around Jowhar.",
            SO,
            "Jowhar",
            "Middle Shabelle",
            2,
            id="villages-around",
        ),
        pytest.param(
            "Police clashed with protesters on the outskirts of Kabul.",
            AF,
            "Kabul",
            "Kabul",
            1,
            id="outskirts-is-1",
        ),
        pytest.param(
            "Gunmen killed two people in Kandahar.",
            AF,
            "Kandahar",
            "Kandahar",
            1,
            id="city-named-like-province",
        ),
        pytest.param(
            "Gunmen killed two people in Kandahar province.",
            AF,
            "Kandahar",
            "Kandahar",
            3,
            id="province-word",
        ),
        pytest.param(
            "Airstrikes hit the Beni area.",
            "Democratic Republic of Congo",
            "Beni",
            "Nord-Kivu",
            2,
            id="area",
        ),
        pytest.param("Rebels shelled al-Bab.", "Syria", "Al Bab", "Aleppo", 1, id="arabic-article"),
        pytest.param(
            "A drone struck Dera Ismail Khan.",
            "Pakistan",
            "Dera Ismail Khan",
            None,
            1,
            id="three-words",
        ),
        pytest.param(
            "Afghan forces retreated towards Charikar.",
            None,
            "Charikar",
            "Parwan",
            1,
            id="country-from-demonym",
        ),
        pytest.param(
            "Taliban fighters entered Andarab district.", AF, "Andarab", "Baghlan", 2, id="admin2"
        ),
    ],
)
def test_place_and_geo_precision(
    gazetteer: Gazetteer,
    sentence: str,
    country: str | None,
    location: str,
    admin1: str | None,
    precision: int,
) -> None:
    found = _one(find_places(sentence, gazetteer, country))
    assert found.place.location == location
    if admin1 is not None:
        assert found.place.admin1 == admin1
    assert found.geo_precision == precision
    named = normalise(sentence[slice(*found.span)])  # the span names the place or its province
    assert normalise(location.split(" - ")[-1]) in named or named == normalise(admin1 or "")


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Taliban fighters said they would hold the valley.", id="taliban-valley-said"),
        pytest.param("The Islamic State claimed the attack on Sunday.", id="islamic-state-sunday"),
        pytest.param(
            "Police said the President met the Army chief in January.", id="titles-months"
        ),
        pytest.param("General Dostum told reporters nothing.", id="person-after-title"),
        pytest.param("clashes were reported in rukha.", id="lower-case-is-never-looked-up"),
    ],
)
def test_non_places_give_nothing(gazetteer: Gazetteer, sentence: str) -> None:
    assert find_places(sentence, gazetteer, AF) == []


def test_several_places_come_in_text_order(gazetteer: Gazetteer) -> None:
    sentence = "Fighting spread from Bazarak to Rukha and Anaba."
    found = find_places(sentence, gazetteer, AF)
    assert [e.place.location for e in found] == ["Bazarak", "Rukha", "Anaba"]
    assert [e.span[0] for e in found] == sorted(e.span[0] for e in found)


@pytest.mark.parametrize(
    ("country", "expected"),
    [("Lebanon", "Lebanon"), ("Libya", "Libya")],
)
def test_ambiguous_name_resolved_by_document_country(
    gazetteer: Gazetteer, country: str, expected: str
) -> None:
    found = _one(find_places("Protesters gathered in Tripoli.", gazetteer, country))
    assert found.place.country == expected


def test_in_country_match_is_more_confident_than_a_foreign_one(gazetteer: Gazetteer) -> None:
    home = _one(find_places("Shelling hit Kandahar.", gazetteer, AF))
    abroad = _one(find_places("Shelling hit Kandahar.", gazetteer, SO))
    assert home.confidence > abroad.confidence


def test_imported_event_place_wins(gazetteer: Gazetteer) -> None:
    event = Place("Rukha", AF, "Panjshir", "Rukha", None, 35.25, 69.49, 0, "place")
    found = _one(find_places("Clashes in Rukha.", gazetteer.add([event]), AF))
    assert found.place == event


@pytest.mark.parametrize(
    ("sentence", "country", "span"),
    [
        ("Afghan forces withdrew.", AF, (0, 6)),
        (
            "Troops entered the Democratic Republic of Congo on Monday.",
            "Democratic Republic of Congo",
            (19, 47),
        ),
        ("Somali troops and US advisers", SO, (0, 6)),
        ("He said US advisers had left.", "United States", (8, 10)),
        ("Clashes were reported in Rukha.", None, None),
        # A nationality that describes the actor gives way to a country named as a place.
        ("Turkish forces shelled villages in Syria.", "Syria", (35, 40)),
        ("Saudi-led coalition jets struck Yemen.", "Yemen", (32, 37)),
        ("Indian nationals clashed with police in Nepal.", "Nepal", (40, 45)),
        ("Kenyan police dispersed protesters.", "Kenya", (0, 6)),  # no other: the actor's
        # A country's name inside a town's name is not the country.
        ("Citizens protested in Mali Zvornik, Serbia.", "Serbia", (36, 42)),
    ],
)
def test_find_country(
    gazetteer: Gazetteer, sentence: str, country: str | None, span: tuple[int, int] | None
) -> None:
    found = find_country(sentence, gazetteer)
    assert (found[0], found[1]) == (country, span) if found else country is None


@pytest.mark.parametrize(
    "sentence",
    [
        "On 9 May, the OSCE SMM observed 6 explosions near the line.",  # SMM: a code in GeoNames
        "Families protested in front of the HDP building.",
        "In the evening, Al shabaab militants ambushed a convoy.",  # "Al": an article alone
    ],
)
def test_acronyms_and_lone_articles_are_not_places(gazetteer: Gazetteer, sentence: str) -> None:
    """All-capitals words and "Al" match alternate names of real towns; they never name one."""
    found = [p.place.location for p in find_places(sentence, gazetteer, None)]
    assert found == []


def test_country_mentions_mark_nationalities_of_actors(gazetteer: Gazetteer) -> None:
    """Each mention, in text order, with whether it describes an actor."""
    found = country_mentions("Israeli forces raided Qalqilya, a Palestinian town.", gazetteer)
    assert [(m.country, m.of_actor) for m in found] == [("Israel", True), ("Palestine", False)]


def test_document_country_beats_a_country_named_in_text(gazetteer: Gazetteer) -> None:
    """Metadata first: a Lebanese document stays in Lebanon even when Libya is mentioned."""
    found = _one(find_places("Libyan envoys arrived in Tripoli.", gazetteer, "Lebanon"))
    assert found.place.country == "Lebanon"


# --- admin units after a place: brackets and commas -----------------------------------------
# "Zarqunabad" and "Qashqabad" are invented names, so no gazetteer can know them.


@pytest.mark.parametrize(
    ("sentence", "country", "location", "admins", "precision"),
    [
        pytest.param(
            "Militants set up a base in Zarqunabad village (Kismaayo, Lower Juba).",
            SO, "Zarqunabad", ("Lower Juba", "Kismaayo", None), 1, id="bracket-admin2-admin1",
        ),
        pytest.param(
            "Gunmen raided Zarqunabad (Gwoza LGA, Borno) at night.",
            NG, "Zarqunabad", ("Borno", "Gwoza", None), 1, id="bracket-unit-word-dropped",
        ),
        pytest.param(
            "Troops clashed with rebels near Zarqunabad village (Beni, Nord-Kivu).",
            "Democratic Republic of Congo", "Zarqunabad", ("Nord-Kivu", "Beni", None), 2,
            id="bracket-near",
        ),
        pytest.param(
            "Fighting was reported in Qashqabad district, Kandahar.",
            AF, "Qashqabad", ("Kandahar", "Qashqabad", None), 2, id="comma-district",
        ),
        pytest.param(
            "Rebels shelled positions near Zarqunabad, Borno.",
            NG, "Zarqunabad", ("Borno", None, None), 2, id="comma-province",
        ),
    ],
)
def test_unknown_place_located_by_its_units(
    gazetteer: Gazetteer,
    sentence: str,
    country: str,
    location: str,
    admins: tuple[str | None, str | None, str | None],
    precision: int,
) -> None:
    """The units only qualify: the place is the name before them, read from the text."""
    found = _one(find_places(sentence, gazetteer, country))
    place = found.place
    assert (place.location, place.country) == (location, country)
    assert (place.admin1, place.admin2, place.admin3) == admins
    assert place.source == "text"
    assert math.isnan(place.latitude) and math.isnan(place.longitude)  # no made-up centroid
    assert found.geo_precision == precision
    assert sentence[slice(*found.span)] == location


def test_bracketed_units_pick_the_known_place_of_that_province(gazetteer: Gazetteer) -> None:
    """A known town followed by its units is that town, with the admin2 the units give."""
    found = _one(find_places("Clashes hit Gwoza town (Gwoza, Borno).", gazetteer, NG))
    assert (found.place.location, found.place.admin1, found.place.admin2) == (
        "Gwoza", "Borno", "Gwoza")
    assert found.place.source != "text"


def test_bracket_after_no_place_names_the_district(gazetteer: Gazetteer) -> None:
    """"villages in the south (Marka, Lower Shabelle)": only the district is known (§7: 2)."""
    found = _one(find_places("Shelling hit villages in the south (Marka, Lower Shabelle).",
                             gazetteer, SO))
    assert (found.place.location, found.place.admin1) == ("Marka", "Lower Shabelle")
    assert found.geo_precision == 2


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The attack was confirmed by Mohammad Nabi, Kandahar police chief.",
                     id="person-and-post"),
        pytest.param("The Islamic State (IS) claimed it.", id="acronym-in-brackets"),
        pytest.param("Fighters of the Taliban, Kandahar, said nothing.", id="stopword-head"),
    ],
)
def test_non_places_before_units_give_no_text_place(gazetteer: Gazetteer, sentence: str) -> None:
    assert all(e.place.source != "text" for e in find_places(sentence, gazetteer, AF))


def test_text_place_has_no_suggested_coordinates(gazetteer: Gazetteer) -> None:
    """A place no gazetteer knows has no centroid: the coder fills it, nothing is made up."""
    knowledge = Knowledge(gazetteer=gazetteer, actors=seed_actors())
    events = suggest("On 3 May 2021, gunmen attacked Zarqunabad village (Gwoza, Borno).",
                     DocumentMeta(published=date(2021, 5, 3), country=NG), knowledge)
    assert events
    event = events[0].event
    assert (event.location, event.admin1, event.admin2) == ("Zarqunabad", "Borno", "Gwoza")
    assert event.latitude is None and event.longitude is None


# --- names, districts and homonyms ------------------------------------------------------------


def test_geonames_alternate_is_written_as_the_text_spells_it(gazetteer: Gazetteer) -> None:
    """GeoNames' main name is a romanisation; ACLED writes the common form the text uses."""
    [entry] = [p for p in gazetteer.lookup("Lashkargah", AF) if p.country == AF][:1]
    assert normalise(entry.location) != normalise("Lashkargah")  # the premise: an alternate
    found = _one(find_places("A bomb exploded in Lashkargah city.", gazetteer, AF))
    assert (found.place.location, found.place.admin1) == ("Lashkargah", entry.admin1)


def test_curated_spelling_is_kept(gazetteer: Gazetteer) -> None:
    found = _one(find_places("Clashes were reported in Rokha.", gazetteer, AF))
    assert found.place.location == "Rukha"


def test_district_seat_takes_its_own_name_as_admin2(gazetteer: Gazetteer) -> None:
    """A GeoNames town of DISTRICT_SEAT_POPULATION or more: admin2 = its name; smaller: none."""
    towns = [p for p in gazetteer.lookup("Kandahar", AF) if p.kind == "place"]
    assert towns and towns[0].population >= DISTRICT_SEAT_POPULATION
    found = _one(find_places("Gunmen killed two people in Kandahar.", gazetteer, AF))
    assert found.place.admin2 == found.place.location == "Kandahar"


def test_small_place_and_curated_place_keep_their_admin2(gazetteer: Gazetteer) -> None:
    small = Place("Qashqabad", AF, "Kandahar", None, None, 31.0, 65.0,
                  DISTRICT_SEAT_POPULATION - 1, "place")
    found = _one(find_places("Clashes in Qashqabad.", gazetteer.add([small]), AF))
    assert found.place.admin2 is None
    curated = _one(find_places("Shelling hit Gulbahar.", gazetteer, AF))
    assert (curated.place.location, curated.place.admin2) == ("Gulbahar", "Jabal Saraj")


def test_homonym_outside_the_named_province_ranks_below(gazetteer: Gazetteer) -> None:
    """"in Rukha, Panjshir ... Spin Boldak": a place outside the named province is less sure."""
    found = find_places("Clashes erupted in Rukha, Panjshir province, and in Spin Boldak.",
                        gazetteer, AF)
    by_name = {e.place.location: e for e in found}
    assert by_name["Spin Boldak"].place.admin1 != "Panjshir"
    assert by_name["Rukha"].confidence > by_name["Spin Boldak"].confidence


@pytest.mark.parametrize(
    ("sentence", "precision"),
    [
        pytest.param("Clashes took place in the area of Kandahar.", 2, id="area-of"),
        pytest.param("Fighting broke out between Kandahar and Spin Boldak.", 2, id="between"),
        pytest.param("Shelling hit rural Kandahar.", 2, id="rural"),
        pytest.param("Clashes continued on the Kandahar front.", 2, id="front"),
        pytest.param("Police dispersed protesters in Kandahar municipality.", 2,
                     id="municipality"),
        pytest.param("Protesters gathered in Kandahar city.", 1, id="city-is-1"),
    ],
)
def test_near_and_part_of_a_region_is_precision_2(
    gazetteer: Gazetteer, sentence: str, precision: int
) -> None:
    """Codebook §7: near a town, or a small part of a region it stands for, is 2."""
    found = find_places(sentence, gazetteer, AF)
    assert found and found[0].place.location == "Kandahar"
    assert found[0].geo_precision == precision


def test_district_in_province_names_a_district_no_gazetteer_knows(gazetteer: Gazetteer) -> None:
    found = _one(find_places("Troops advanced in Qashqabad district in Kandahar province.",
                             gazetteer, AF))
    assert (found.place.location, found.place.admin1, found.place.admin2) == (
        "Qashqabad", "Kandahar", "Qashqabad")
    assert found.geo_precision == 2  # codebook §7: a district stands for a part of a region


def test_person_before_in_province_is_no_place(gazetteer: Gazetteer) -> None:
    found = find_places("Fighters loyal to Zarqun Khan in Kandahar province surrendered.",
                        gazetteer, AF)
    assert all(e.place.source != "text" for e in found)


def test_city_district_written_with_a_hyphen_is_the_city_itself(gazetteer: Gazetteer) -> None:
    """Codebook §7: a district of a large city ("Mogadishu-X") still counts as 1."""
    found = _one(find_places("A mortar hit Mogadishu-Zarqun district (Zarqun, Banadir).",
                             gazetteer, SO))
    assert (found.place.location, found.place.admin1) == ("Mogadishu-Zarqun", "Banadir")
    assert found.geo_precision == 1


def test_name_joined_by_a_lower_case_connector(gazetteer: Gazetteer) -> None:
    """Portuguese names join with "do"/"da": "Catole do Rocha" is one name, not "Rocha"."""
    found = _one(find_places("Gunmen killed two men in Catole do Rocha, Paraiba.",
                             gazetteer, "Brazil"))
    assert found.place.location == "Catole do Rocha"


@pytest.mark.parametrize(("name", "country"), [("Larkana", "Pakistan"), ("Kandahar", AF)])
def test_admin3_takes_the_seat_name_only_where_units_are_named_after_seats(
    gazetteer: Gazetteer, name: str, country: str
) -> None:
    found = _one(find_places(f"Protesters gathered in {name} city.", gazetteer, country))
    assert found.place.admin2 == name
    expected = name if country in ADMIN3_SEAT_COUNTRIES else None
    assert found.place.admin3 == expected


def test_text_spelling_wins_when_only_apostrophes_differ(gazetteer: Gazetteer) -> None:
    """GeoNames writes "Samarra'"; ACLED (and the text) write "Samarra"."""
    entry = next(p for p in gazetteer.lookup("Samarra", "Iraq") if p.country == "Iraq")
    assert entry.location != "Samarra"  # the premise: GeoNames spells it otherwise
    found = _one(find_places("Gunmen attacked a checkpoint in Samarra.", gazetteer, "Iraq"))
    assert found.place.location == "Samarra"


@pytest.mark.parametrize(
    ("sentence", "location", "admin1"),
    [
        pytest.param("Protesters gathered in the town of Zarqunabad in Kandahar province.",
                     "Zarqunabad", "Kandahar", id="town-of-in-province"),
        pytest.param("Troops shelled the Zarqunabad front in Kandahar.",
                     "Zarqunabad", "Kandahar", id="front-in-province"),
    ],
)
def test_named_place_in_a_province(
    gazetteer: Gazetteer, sentence: str, location: str, admin1: str
) -> None:
    found = _one(find_places(sentence, gazetteer, AF))
    assert (found.place.location, found.place.admin1) == (location, admin1)


def test_list_before_a_bracket_is_not_one_name(gazetteer: Gazetteer) -> None:
    """"Qashqabad and Zarqunabad (Borno)": the bracket follows the last place of a list."""
    found = find_places("Gunmen raided Qashqabad and Zarqunabad (Borno).", gazetteer, NG)
    assert "Zarqunabad" in [e.place.location for e in found]
    assert all(" and " not in e.place.location for e in found)


def test_neighbourhood_ranks_below_its_town(gazetteer: Gazetteer) -> None:
    """"in Kandahar ... in Colonia X": a neighbourhood is part of the town named before."""
    found = find_places("Gunmen shot a man in Kandahar, in the Spin Boldak neighbourhood.",
                        gazetteer, AF)
    by_name = {e.place.location: e for e in found}
    assert by_name["Kandahar"].confidence > by_name["Spin Boldak"].confidence


# --- where rules: admin1 names, unit words, geo_precision cues ------------------------------

@pytest.mark.parametrize(
    ("sentence", "country", "location", "admin1", "precision"),
    [
        # A unit word between a town and its province: the province only qualifies it, and
        # the place stands for its municipality (§7: a part of a region, 2).
        pytest.param("Gunmen killed two men in Celaya municipality, Guanajuato, on Sunday.",
                     "Mexico", "Celaya", "Guanajuato", 2, id="municipality-comma-state"),
        pytest.param("Two bodies were found in the Municipality of Trancoso, Zacatecas.",
                     "Mexico", "Trancoso", "Zacatecas", 2, id="municipality-of"),
        # "X of the Y region": Y is X's province, not a second place.
        pytest.param("Dozens rallied in Pinsk of the Brest region on Monday.",
                     "Belarus", "Pinsk", "Brest", 1, id="of-the-region"),
        # Lower-case words inside a name (Spanish "los", Dari "i").
        pytest.param("Police officers were shot in Leon de los Aldama, Guanajuato.",
                     "Mexico", "Leon de los Aldama", "Guanajuato", 1, id="los-inside-name"),
        pytest.param("Militants attacked a checkpoint in Qala i Naw city.",
                     "Afghanistan", "Qala i Naw", "Badghis", 1, id="i-inside-name"),
        # "Kyiv" is the city, a first-level unit of its own, not the oblast around it.
        pytest.param("Hundreds marched in Kyiv.", "Ukraine", "Kyiv", "Kyiv City", 1,
                     id="city-unit-of-its-own"),
        # Common English names of first-level units (admin1.csv, source "english").
        pytest.param("A drone struck a house in Tartar.", "Azerbaijan", "Tartar", "Tartar", 1,
                     id="rayon-without-rayon"),
        pytest.param("Gunmen attacked a checkpoint in Arish.", "Egypt", "Arish", "North Sinai", 1,
                     id="north-sinai"),
        pytest.param("Protesters blocked a road in Tyre.", "Lebanon", "Tyre", "South", 1,
                     id="lebanon-south"),
    ],
)
def test_place_admin1_and_precision(
    gazetteer: Gazetteer, sentence: str, country: str, location: str, admin1: str,
    precision: int,
) -> None:
    found = _one(find_places(sentence, gazetteer, country))
    assert (found.place.location, found.place.admin1, found.geo_precision) == (
        location, admin1, precision)


@pytest.mark.parametrize(
    ("sentence", "country", "location"),
    [
        # Codebook §7: "near" a town is 2; between two towns the event is near each.
        ("A soldier was shot on the road between Qoryooley and Afgooye.", "Somalia", "Afgooye"),
        ("Fighting was reported between Wanlaweyn town and Afgooye.", "Somalia", "Afgooye"),
    ],
)
def test_second_place_of_between_is_near(
    gazetteer: Gazetteer, sentence: str, country: str, location: str
) -> None:
    found = [e for e in find_places(sentence, gazetteer, country)
             if e.place.location == location]
    assert _one(found).geo_precision == 2


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Security forces raided Bamenda subdivision.", "subdivision"),
        ("A family was attacked in Samana tehsil.", "tehsil"),
    ],
)
def test_district_words_give_precision_two(
    gazetteer: Gazetteer, sentence: str, word: str
) -> None:
    """§7: a place standing for a part of a region (its subdivision, tehsil) is 2."""
    found = find_places(sentence, gazetteer, None)
    assert found, word
    assert found[0].geo_precision == 2


def test_village_in_province_countryside_is_read_as_written(gazetteer: Gazetteer) -> None:
    """An unknown village "in X countryside" is the place, located by its province only."""
    found = _one(find_places("Regime artillery shelled Qxzfarin in Idleb countryside.",
                             gazetteer, "Syria"))
    assert (found.place.location, found.place.admin1, found.place.source) == (
        "Qxzfarin", "Idleb", "text")
    assert math.isnan(found.place.latitude)
    assert found.geo_precision == 1


def test_actor_acronym_in_countryside_is_no_place(gazetteer: Gazetteer) -> None:
    found = find_places("HTS fighters in Idleb countryside attacked a post.", gazetteer, "Syria")
    assert all(e.place.source != "text" for e in found)


def test_origin_ranks_below_the_event_place(gazetteer: Gazetteer) -> None:
    """People "from" a town came from there; the event is where they are."""
    found = find_places("In Guadalajara, merchants from Tonala protested.", gazetteer, "Mexico")
    by_name = {e.place.location: e.confidence for e in found}
    assert by_name["Guadalajara"] > by_name["Tonala"]


class TestEnglishAdmin1Rows:
    ROWS = _admin1_rows()

    def test_sources_are_documented_values(self) -> None:
        assert {r["source"] for r in self.ROWS} == {"geonames", "curated", "english"}

    def test_renamed_units_keep_geonames_name_as_alias(self, gazetteer: Gazetteer) -> None:
        """A text that uses GeoNames' form ("Liban-Sud") still finds the unit."""
        units = gazetteer.lookup("Liban-Sud", "Lebanon")
        assert any(p.kind == "admin1" and p.admin1 == "South" for p in units)

    def test_english_names_are_unique_per_country(self) -> None:
        names = [(r["geonames_code"], r["admin1"]) for r in self.ROWS if r["source"] == "english"]
        assert len(names) == len(set(names))


def test_unknown_city_named_as_a_city_is_suggested_as_written(gazetteer: Gazetteer) -> None:
    found = find_unknown_places("Farmers rallied in Qxzanagar city on Monday.", gazetteer)
    assert [(p.location, p.geo_precision) for p in found] == [("Qxzanagar", 1)]
