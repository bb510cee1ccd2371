"""Which place a sentence names most precisely, and the province names ACLED writes.

Codebook §7: the named place itself is precision 1; a part of a town (an area, a locality)
is the town itself; admin units after a place only say where it lies. Sentences are our own;
names starting "Qxz" are made up, so no gazetteer knows them.
"""

from __future__ import annotations

import pytest

from coder.engine.gazetteer import Gazetteer, Place
from coder.engine.pipeline import event_places
from coder.engine.places import PlaceEvidence, find_places


def _found(gazetteer: Gazetteer, sentence: str, country: str) -> list[tuple[str, int]]:
    return [(e.place.location, e.geo_precision) for e in find_places(sentence, gazetteer, country)]


@pytest.mark.parametrize(
    ("sentence", "country", "town"),
    [
        pytest.param("Workers protested in the Palanpur area of Surat city.", "India", "Surat",
                     id="known-namesake-area-of-city"),
        pytest.param("Police dispersed a crowd in the Kadikoy area of Istanbul.", "Turkey",
                     "Istanbul", id="area-of-town"),
        pytest.param("Residents rallied in the Dharavi locality of Mumbai.", "India", "Mumbai",
                     id="locality-of-town"),
    ],
)
def test_area_of_a_town_is_the_town(gazetteer: Gazetteer, sentence: str, country: str,
                                    town: str) -> None:
    assert _found(gazetteer, sentence, country) == [(town, 1)]


def test_area_of_a_district_is_not_the_town(gazetteer: Gazetteer) -> None:
    # The unit word after the name says it is the district, not the town: the area stays.
    found = _found(gazetteer, "Fighting took place in the Palanpur area of Surat district, "
                   "Gujarat.", "India")
    assert ("Surat", 1) not in found
    assert found[0][0] == "Palanpur"


@pytest.mark.parametrize(
    ("sentence", "country", "village", "admin1", "admin2"),
    [
        pytest.param("Taliban fighters attacked a post in the Kalakan village of Mir Bacha Kot "
                     "district, Kabul.", "Afghanistan", "Kalakan", "Kabul", "Mir Bacha Kot",
                     id="village-of-district-comma-province"),
        pytest.param("Forces raided a house in Kalakan village in Mir Bacha Kot district "
                     "(Kabul).", "Afghanistan", "Kalakan", "Kabul", "Mir Bacha Kot",
                     id="village-in-district-bracket"),
    ],
)
def test_known_village_of_a_district_is_the_place(
        gazetteer: Gazetteer, sentence: str, country: str, village: str, admin1: str,
        admin2: str) -> None:
    found = find_places(sentence, gazetteer, country)
    assert [(e.place.location, e.geo_precision) for e in found] == [(village, 1)]
    assert (found[0].place.admin1, found[0].place.admin2) == (admin1, admin2)
    start, end = found[0].span
    assert sentence[start:end] == village


def test_unknown_village_of_a_district_keeps_the_district(gazetteer: Gazetteer) -> None:
    # No gazetteer knows the village: ACLED codes it or the district about as often (dev
    # notes), and the district at least has coordinates.
    found = find_places("Troops shelled the Qxzkhel area of Khanfar district, Abyan.",
                        gazetteer, "Yemen")
    assert [(e.place.location, e.geo_precision) for e in found] == [("Khanfar", 2)]


@pytest.mark.parametrize(
    ("town", "region"),
    [
        # Morocco's twelve regions of 2015 (GeoNames' admin1 codes follow them).
        ("Fes", "Fes-Meknes"),
        ("Agadir", "Souss-Massa"),
        ("Berrechid", "Casablanca-Settat"),
        ("Tangier", "Tanger-Tetouan-Al Hoceima"),
        ("Kenitra", "Rabat-Sale-Kenitra"),
        ("Ouarzazate", "Draa-Tafilalet"),
    ],
)
def test_moroccan_towns_lie_in_the_current_regions(gazetteer: Gazetteer, town: str,
                                                  region: str) -> None:
    found = find_places(f"Teachers protested in {town} on Monday.", gazetteer, "Morocco")
    assert [e.place.admin1 for e in found] == [region]


@pytest.mark.parametrize(
    ("written", "official", "state"),
    [
        # ACLED writes Mexican towns by their official names, which GeoNames' main name lacks.
        ("Oaxaca", "Oaxaca de Juarez", "Oaxaca"),
        ("Culiacan", "Culiacan Rosales", "Sinaloa"),
        ("Campeche", "San Francisco de Campeche", "Campeche"),
        ("Durango", "Victoria de Durango", "Durango"),
    ],
)
def test_mexican_towns_take_their_official_names(gazetteer: Gazetteer, written: str,
                                                 official: str, state: str) -> None:
    sentence = f"On Monday, in {written}, {state}, farmers blocked a road."
    town = find_places(sentence, gazetteer, "Mexico")[0]
    assert (town.place.location, town.place.admin1, town.geo_precision) == (official, state, 1)
    assert sentence[town.span[0]:town.span[1]] == written


def test_opening_place_is_the_event_place() -> None:
    # "On <date>, in X, ...": the place that opens the sentence is the event's, not a place
    # named later in it.
    sentence = "On 4 May 2020, in Qxzton, residents who were stuck in Qxzville protested."

    def evidence(name: str, confidence: float) -> PlaceEvidence:
        start = sentence.index(name)
        place = Place(name, "Peru", "Loreto", None, None, 0.0, 0.0, 0, "place")
        return PlaceEvidence(place, 1, (start, start + len(name)), confidence)

    cue = (sentence.index("protested"), sentence.index("protested") + 9)
    places = [evidence("Qxzton", 0.6), evidence("Qxzville", 0.6)]
    assert [p.place.location for p in event_places(sentence, places, cue)] == ["Qxzton"]


@pytest.mark.parametrize(
    ("sentence", "country", "precision"),
    [
        # §7: an area known only by its province is a small part of a region: 2.
        pytest.param("A landmine exploded in the Qxzbaydar area in Homs countryside, killing "
                     "two.", "Syria", 2, id="area-in-province-countryside"),
        pytest.param("A landmine exploded in the Qxzbaydar area in Homs, killing two.", "Syria",
                     2, id="area-in-province"),
        # Its own units in brackets locate the area itself: the locality, 1.
        pytest.param("Forces fired shells at farms in Qxzbaydar area in western Yemen (At "
                     "Tuhayat, Al Hudaydah).", "Yemen", 1, id="area-with-its-units"),
    ],
)
def test_unknown_area_precision(gazetteer: Gazetteer, sentence: str, country: str,
                                precision: int) -> None:
    assert _found(gazetteer, sentence, country) == [("Qxzbaydar", precision)]
