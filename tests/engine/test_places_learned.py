"""Admin units of places: learned reverse geocoding, unit words, seat rules (codebook §7).

A GeoNames town carries no admin2/admin3; the team's own event places nearby, the unit word
the text puts after the town, and countries whose seat towns lie in a unit of a known name
fill them in.
"""

from __future__ import annotations

import csv
import math
from dataclasses import replace
from pathlib import Path

import pytest

from coder.engine.gazetteer import Gazetteer, Place, distance_km
from coder.engine.pipeline import event_places
from coder.engine.places import (
    LEARNED_UNIT_KM,
    SEAT_ADMIN3,
    PlaceEvidence,
    find_places,
)

AF, IR = "Afghanistan", "Iran"
ADMIN1_CSV = Path(__file__).resolve().parents[2] / "seeds" / "gazetteer" / "admin1.csv"


def _one(found: list[PlaceEvidence]) -> PlaceEvidence:
    assert len(found) == 1, found
    return found[0]


def _town(gazetteer: Gazetteer, name: str, country: str) -> Place:
    towns = [p for p in gazetteer.lookup(name, country)
             if p.kind == "place" and p.source == "geonames" and p.country == country]
    assert towns, f"{name} is no GeoNames town of {country}"
    return towns[0]


def _learned(name: str, country: str, admin1: str, admin2: str, admin3: str | None,
             lat: float, lon: float) -> Place:
    return Place(name, country, admin1, admin2, admin3, lat, lon, 3, "place", "event")


def _north(lat: float, km: float) -> float:
    """The latitude `km` north of `lat` (one degree of latitude is about 111.2 km)."""
    return lat + km / 111.195


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        pytest.param((0.0, 0.0), (1.0, 0.0), 111.195, id="one-degree-of-latitude"),
        pytest.param((0.0, 0.0), (0.0, 1.0), 111.195, id="one-degree-at-the-equator"),
        pytest.param((60.0, 10.0), (60.0, 11.0), 111.195 / 2, id="half-as-much-at-60N"),
        pytest.param((34.5, 69.2), (34.5, 69.2), 0.0, id="same-point"),
    ],
)
def test_distance_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, rel=1e-3, abs=1e-9)


def test_nearest_learned_place_within_the_distance(gazetteer: Gazetteer) -> None:
    near = _learned("Qala Zarqun", AF, "Kabul", "Paghman", None, _north(34.5, 2), 69.0)
    far = _learned("Dih Zarqun", AF, "Kabul", "Shakardara", None, _north(34.5, 4), 69.0)
    abroad = _learned("Zarqun", "Pakistan", "Khyber Pakhtunkhwa", "Kurram", None, 34.5, 69.01)
    learned = gazetteer.add([near, far, abroad])
    found = learned.nearest_learned(AF, 34.5, 69.0, 10.0)
    assert found is not None and found[0] == near
    assert found[1] == pytest.approx(2.0, rel=1e-3)
    assert learned.nearest_learned(AF, 34.5, 69.0, 1.0) is None
    assert learned.nearest_learned(AF, math.nan, math.nan, 10.0) is None
    assert gazetteer.nearest_learned(AF, 34.5, 69.0, 10.0) is None  # nothing learned yet


def test_nearest_learned_reads_cells_beyond_the_first_ring(gazetteer: Gazetteer) -> None:
    place = _learned("Qala Zarqun", AF, "Kabul", "Paghman", None, _north(34.5, 30), 69.0)
    learned = gazetteer.add([place])
    assert learned.nearest_learned(AF, 34.5, 69.0, 35.0) is not None
    assert learned.nearest_learned(AF, 34.5, 69.0, 25.0) is None


def test_town_takes_the_units_of_the_nearest_learned_place(gazetteer: Gazetteer) -> None:
    """An imported event 2 km from a GeoNames town: the town is in that event's units."""
    town = _town(gazetteer, "Dehloran", IR)
    event = _learned("Zarqun Abad", IR, "Ilam", "Zarqun County", "Zarqun District",
                     _north(town.latitude, 2), town.longitude)
    found = _one(find_places("Workers protested in Dehloran.", gazetteer.add([event]), IR))
    assert found.place.location == "Dehloran"
    assert (found.place.admin1, found.place.admin2, found.place.admin3) == (
        "Ilam", "Zarqun County", "Zarqun District")
    assert (found.place.latitude, found.place.longitude) == (town.latitude, town.longitude)


def test_learned_place_too_far_leaves_the_seat_rule(gazetteer: Gazetteer) -> None:
    town = _town(gazetteer, "Dehloran", IR)
    event = _learned("Zarqun Abad", IR, "Ilam", "Zarqun County", "Zarqun District",
                     _north(town.latitude, LEARNED_UNIT_KM + 3), town.longitude)
    found = _one(find_places("Workers protested in Dehloran.", gazetteer.add([event]), IR))
    assert found.place.admin2 == "Dehloran"


def test_units_named_in_the_text_beat_the_learned_ones(gazetteer: Gazetteer) -> None:
    town = _town(gazetteer, "Charkh", AF)
    event = _learned("Qala Zarqun", AF, "Logar", "Zarqun", None,
                     _north(town.latitude, 1), town.longitude)
    found = _one(find_places("An IED hit a convoy in Charkh district, Logar.",
                             gazetteer.add([event]), AF))
    assert (found.place.location, found.place.admin2) == ("Charkh", "Charkh")


@pytest.mark.parametrize(
    ("sentence", "country", "name"),
    [
        pytest.param("An IED hit a convoy in Charkh district, Logar.", AF, "Charkh",
                     id="district"),
        pytest.param("A landmine exploded in Dehloran county.", IR, "Dehloran", id="county"),
    ],
)
def test_town_followed_by_its_unit_word_is_that_units_seat(
    gazetteer: Gazetteer, sentence: str, country: str, name: str
) -> None:
    """"X district": admin2 is X itself, whatever X's population."""
    found = _one(find_places(sentence, gazetteer, country))
    assert (found.place.location, found.place.admin2) == (name, name)
    assert found.geo_precision == 2  # codebook §7: a district stands for a part of a region


@pytest.mark.parametrize("name", ["Zarand", "Dehloran"])
def test_iranian_county_seat_lies_in_the_central_district(
    gazetteer: Gazetteer, name: str
) -> None:
    found = _one(find_places(f"Workers protested in {name}.", gazetteer, IR))
    assert (found.place.admin2, found.place.admin3) == (name, SEAT_ADMIN3[IR])


def test_unknown_place_in_a_province_after_in_is_located_by_it(gazetteer: Gazetteer) -> None:
    """"in Zorbaqa in Deir-ez-Zor.": the village no gazetteer has, in that province."""
    assert "Zorbaqa" not in gazetteer
    found = _one(find_places("Gunmen opened fire at civilians in Zorbaqa in Deir-ez-Zor.",
                             gazetteer, "Syria"))
    assert (found.place.location, found.place.admin1, found.place.source) == (
        "Zorbaqa", "Deir-ez-Zor", "text")


def test_actor_in_a_province_is_still_no_place(gazetteer: Gazetteer) -> None:
    found = find_places("Zarqun fighters in Kandahar surrendered.", gazetteer, AF)
    assert all(e.place.source != "text" for e in found)


@pytest.mark.parametrize(
    ("code", "admin1", "former"),
    [
        pytest.param("HR", "Varazdin", "Varazdinska", id="croatian-county"),
        pytest.param("BJ", "Oueme", "Queme", id="benin-letter-O"),
        pytest.param("MW", "Southern", "Southern Region", id="malawi-region"),
    ],
)
def test_admin1_english_names_keep_the_former_as_alias(
    gazetteer: Gazetteer, code: str, admin1: str, former: str
) -> None:
    with ADMIN1_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["geonames_code"] == code]
    row = next(r for r in rows if r["admin1"] == admin1)
    assert former in [a.strip() for a in row["aliases"].split(";")]
    assert any(p.admin1 == admin1 and p.kind == "admin1" for p in gazetteer.lookup(former))


@pytest.mark.parametrize(
    ("sentence", "country", "town"),
    [
        pytest.param("Traders protested in Zorbaqa Bazar of Chittagong city (Chittagong).",
                     "Bangladesh", "Chittagong", id="bracket"),
        pytest.param("A policeman was shot in PD9 of Lashkargah city, Helmand.", AF,
                     "Lashkargah", id="comma"),
    ],
)
def test_part_of_a_known_town_is_the_town(
    gazetteer: Gazetteer, sentence: str, country: str, town: str
) -> None:
    """Codebook §7: a part of a town is coded as the town itself, precision 1."""
    found = _one(find_places(sentence, gazetteer, country))
    assert (found.place.location, found.place.source, found.geo_precision) == (
        town, "geonames", 1)
    assert sentence[found.span[0] : found.span[1]] == town


def _evidence(place: Place, start: int, end: int, confidence: float) -> PlaceEvidence:
    return PlaceEvidence(place, 1, (start, end), confidence)


def test_part_and_town_pair_keeps_the_surer_town() -> None:
    """"in Zarqa, Lagunillas, Merida state": a namesake outside the named province, then the
    town: the town is where the event is."""
    sentence = "Guards fired tear gas in Zarqa, Lagunillas, Merida state."
    part = Place("Zarqa", "Venezuela", "Nueva Esparta", None, None, 11.0, -63.9, 0, "place")
    town = Place("Lagunillas", "Venezuela", "Merida", None, None, 8.5, -71.4, 0, "place")
    start = sentence.index("Zarqa")
    second = sentence.index("Lagunillas")
    places = [_evidence(part, start, start + 5, 0.6), _evidence(town, second, second + 10, 0.9)]
    assert [p.place for p in event_places(sentence, places, (0, 6))] == [town]
    # Equally sure: "near Pisky, Donetsk" stays a place and its area, both kept for _split.
    even = [replace(places[0], confidence=0.9), places[1]]
    assert [p.place for p in event_places(sentence, even, (0, 6))] == [part, town]
