"""Places no gazetteer knows, unit chains and abbreviations, and geo_precision cues.

Village names here are made up ("Qxz..."), so no gazetteer can know them; the units around
them are real. Expected values follow codebook §7: the place named as written, located by the
units the text gives, precision 1 for the place itself and 2 near it or for a district.
"""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

import pytest

from coder.engine.gazetteer import Gazetteer
from coder.engine.knowledge import seed_actors
from coder.engine.pipeline import DocumentMeta, Knowledge, suggest
from coder.engine.places import PlaceEvidence, find_places, find_unknown_places

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _one(found: list[PlaceEvidence]) -> PlaceEvidence:
    assert len(found) == 1, found
    return found[0]


# --- any unknown name after in/at/near ----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("Gunmen attacked a checkpoint in Qxzorvatak on Monday.",
                     [("Qxzorvatak", 1)], id="in"),
        pytest.param("Shelling was reported near Qxzorvatak.", [("Qxzorvatak", 2)], id="near"),
        pytest.param("Troops shelled the outskirts of Qxz Kalay.", [("Qxz Kalay", 1)],
                     id="outskirts-of"),
        pytest.param("Protesters gathered in May.", [], id="month"),
        pytest.param("Police raided a house in the UNHCR compound.", [], id="acronym"),
        pytest.param("The meeting was held at Sheikh Qxzali's house.", [], id="title"),
        pytest.param("The minister of Qxzland resigned.", [], id="of-without-place-word"),
    ],
)
def test_loose_unknown_names(gazetteer: Gazetteer, sentence: str,
                             expected: list[tuple[str, int]]) -> None:
    found = find_unknown_places(sentence, gazetteer, loose=True)
    assert [(p.location, p.geo_precision) for p in found][: len(expected) or None] == expected
    for place in found:
        assert sentence[slice(*place.span)] == place.location


def test_loose_names_only_when_asked(gazetteer: Gazetteer) -> None:
    """Without `loose`, only names the wording itself calls villages or towns."""
    assert find_unknown_places("Gunmen attacked a checkpoint in Qxzorvatak.", gazetteer) == []


def test_sentence_naming_only_an_unknown_village_suggests_it(gazetteer: Gazetteer) -> None:
    """No known place at all: the unknown name after "in" is the location (no centroid)."""
    knowledge = Knowledge(gazetteer=gazetteer, actors=seed_actors())
    events = suggest("On 3 May 2021, gunmen killed two farmers in Qxzorvatak.",
                     DocumentMeta(published=date(2021, 5, 3), country="Nigeria"), knowledge)
    assert events
    event = events[0].event
    assert (event.location, event.geo_precision) == ("Qxzorvatak", 1)
    assert event.latitude is None


# --- units after the place: chains, abbreviations, provinces as admin2 ----------------------


@pytest.mark.parametrize(
    ("sentence", "country", "location", "admins", "precision"),
    [
        pytest.param("On 9 May 2020, in Qxz Shin village, Myebon Township, Mrauk-U District, "
                     "Rakhine State, fighting broke out.", "Myanmar", "Qxz Shin",
                     ("Rakhine", "Mrauk-U", "Myebon"), 1, id="village-township-district-state"),
        pytest.param("On 3 May 2020, in Qxzdaung Township, Sittwe District, Rakhine State, "
                     "shelling was reported.", "Myanmar", "Qxzdaung",
                     ("Rakhine", "Sittwe", "Qxzdaung"), 2, id="township-is-the-unit"),
        pytest.param("Workers held a protest in Qxzkode village (Malappuram, KL) on Monday.",
                     "India", "Qxzkode", ("Kerala", "Malappuram", None), 1,
                     id="state-abbreviation"),
        pytest.param("Militants lobbed a grenade in Qxzpora town (Shopian district, J&K).",
                     "India", "Qxzpora", ("Jammu and Kashmir", "Shopian", None), 1,
                     id="ampersand-abbreviation"),
        pytest.param("Gunmen entered the village of Qxzgou (Diapaga, Tapoa) at night.",
                     "Burkina Faso", "Qxzgou", ("Est", "Tapoa", "Diapaga"), 1,
                     id="province-is-admin2-commune-admin3"),
        pytest.param("Regime forces shelled the outskirts of Qxzrab in Idleb using artillery.",
                     "Syria", "Qxzrab", ("Idleb", None, None), 1,
                     id="province-followed-by-lower-case"),
        pytest.param("Rebels looted crops in rural Qxz Tamer in al-Hasakeh.", "Syria",
                     "Qxz Tamer", ("Al-Hasakeh", None, None), 2, id="rural-is-near"),
        pytest.param("Artillery fire was reported in As Qxzbaa (Tripoli) overnight.",
                     "Libya", "As Qxzbaa", ("Tripoli", None, None), 1,
                     id="capitalised-article-after-in"),
        pytest.param("Forces opened fire on civilians in Qaryat ar Qxzbah (Dimnat Khadir, "
                     "Taizz).", "Yemen", "Qaryat ar Qxzbah", ("Taizz", "Dimnat Khadir", None),
                     1, id="arabic-article-connector"),
    ],
)
def test_text_place_with_its_units(
    gazetteer: Gazetteer, sentence: str, country: str, location: str,
    admins: tuple[str | None, str | None, str | None], precision: int,
) -> None:
    found = _one([e for e in find_places(sentence, gazetteer, country)
                  if e.place.source == "text"])
    place = found.place
    assert (place.location, place.country) == (location, country)
    assert (place.admin1, place.admin2, place.admin3) == admins
    assert math.isnan(place.latitude)
    assert found.geo_precision == precision


def test_seat_keeps_its_admin3_when_brackets_name_its_district(gazetteer: Gazetteer) -> None:
    """'(Madurai, TN)' names the district the seat gives its name to: admin3 stays its own."""
    found = _one(find_places("Members held a demonstration in Madurai city (Madurai, TN).",
                             gazetteer, "India"))
    place = found.place
    assert (place.location, place.admin1, place.admin2, place.admin3) == (
        "Madurai", "Tamil Nadu", "Madurai", "Madurai")


def test_list_of_provinces_is_no_place_and_its_province(gazetteer: Gazetteer) -> None:
    """'in Kabul, Ghor, Laghman, and Balkh provinces': Kabul is not a village of Ghor."""
    found = find_places("Militants were killed in Kabul, Ghor, Laghman, and Balkh provinces.",
                        gazetteer, "Afghanistan")
    assert not any(e.place.source == "text" for e in found)


# --- geo_precision cues -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "country", "location", "precision"),
    [
        pytest.param("Forces clashed with militants in the vicinity of Baidoa town.",
                     "Somalia", "Baidoa", 1, id="vicinity-is-the-place"),
        pytest.param("Police found a body near the city of Kandahar.", "Afghanistan",
                     "Kandahar", 2, id="near-the-city-of"),
        pytest.param("Mortars hit houses in Gardez (Qxzkhel) district, Paktia.", "Afghanistan",
                     "Gardez", 2, id="district-after-a-bracketed-alias"),
        pytest.param("Gunmen fired in the Qxzwadaag area of Baidoa town.", "Somalia",
                     "Baidoa", 1, id="area-of-a-town-is-the-town"),
        pytest.param("Kandahar governorship halted all entries to the district.",
                     "Afghanistan", "Kandahar", 2, id="governorship"),
    ],
)
def test_geo_precision_cues(gazetteer: Gazetteer, sentence: str, country: str, location: str,
                            precision: int) -> None:
    found = [e for e in find_places(sentence, gazetteer, country)
             if e.place.location == location]
    assert found, find_places(sentence, gazetteer, country)
    assert found[0].geo_precision == precision


# --- seed consistency ---------------------------------------------------------------------


def test_curated_places_use_admin1_names_of_the_admin1_table() -> None:
    """A curated place's admin1 must be a unit name, or the province context never matches."""
    with (SEEDS / "countries.csv").open(encoding="utf-8", newline="") as handle:
        codes = {row["country"]: row["geonames_code"] for row in csv.DictReader(handle)}
    with (SEEDS / "gazetteer" / "admin1.csv").open(encoding="utf-8", newline="") as handle:
        units = {(row["geonames_code"], row["admin1"]) for row in csv.DictReader(handle)}
    with (SEEDS / "gazetteer" / "supplement.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    wrong = [(r["location"], r["admin1"]) for r in rows
             if r["admin1"] and (codes[r["country"]], r["admin1"]) not in units]
    assert wrong == []


@pytest.mark.parametrize(
    ("written", "country", "admin1"),
    [("J&K", "India", "Jammu and Kashmir"), ("KL", "India", "Kerala"),
     ("KPK", "Pakistan", "Khyber Pakhtunkhwa"), ("Nabatiyeh", "Lebanon", "Nabatiye")],
)
def test_abbreviations_and_spellings_find_the_unit(gazetteer: Gazetteer, written: str,
                                                   country: str, admin1: str) -> None:
    units = [p for p in gazetteer.lookup(written, country)
             if p.country == country and p.kind == "admin1"]
    assert [p.admin1 for p in units] == [admin1]
