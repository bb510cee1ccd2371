"""Places the team's own events teach (codebook §7): spellings, a city's parts, a district's
place, names written with a lower-case article or connector.

Every learned place here is made up (invented names, "Zarqun"), added to the real gazetteer
the way `coder.engine.taught` adds a store's reference places.
"""

from __future__ import annotations

import pytest

from coder.engine.gazetteer import Gazetteer, Place
from coder.engine.places import PlaceEvidence, find_places

AF, IN, LB, IR, PK = "Afghanistan", "India", "Lebanon", "Iran", "Pakistan"


def _learned(name: str, country: str, admin1: str, admin2: str | None, lat: float,
             lon: float, admin3: str | None = None) -> Place:
    return Place(name, country, admin1, admin2, admin3, lat, lon, 2, "place", "event")


def _town(gazetteer: Gazetteer, name: str, country: str) -> Place:
    towns = [p for p in gazetteer.lookup(name, country)
             if p.kind == "place" and p.source == "geonames" and p.country == country]
    assert towns, f"{name} is no GeoNames town of {country}"
    return towns[0]


def _one(found: list[PlaceEvidence]) -> PlaceEvidence:
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("written", "admin2"),
    [
        pytest.param("Zarqunabad-Dara", "Dara", id="joined-spelling"),
        pytest.param("Zarqunabad - Dara", "Zarqunabad", id="spaced-spelling"),
    ],
)
def test_the_learned_place_spelled_as_the_text_writes_it_wins(
        gazetteer: Gazetteer, written: str, admin2: str) -> None:
    # Two codings of one place whose names share a lookup key, with other units.
    joined = _learned("Zarqunabad-Dara", AF, "Kabul", "Dara", 34.60, 69.30)
    spaced = _learned("Zarqunabad - Dara", AF, "Kabul", "Zarqunabad", 34.60, 69.30)
    for learned in (gazetteer.add([joined, spaced]), gazetteer.add([spaced, joined])):
        found = _one(find_places(f"On 3 May, gunmen attacked a shop in {written}.", learned,
                                 AF))
        assert (found.place.location, found.place.admin2) == (written, admin2)


def test_a_town_is_the_teams_place_of_another_name_at_its_centroid(
        gazetteer: Gazetteer) -> None:
    town = _town(gazetteer, "Jalalabad", AF)
    longer = _learned("Jalalabad Zarqun", AF, "Nangarhar", "Zarqun Dara", town.latitude,
                      town.longitude + 0.005)  # about 0.5 km east: the same place
    found = _one(find_places("On 3 May, traders protested in Jalalabad.",
                             gazetteer.add([longer]), AF))
    assert found.place == longer


def test_a_city_part_at_the_centroid_is_no_other_name_of_the_city(
        gazetteer: Gazetteer) -> None:
    town = _town(gazetteer, "Jalalabad", AF)
    part = _learned("Jalalabad-Zarqun Bagh", AF, "Nangarhar", "Zarqun Dara", town.latitude,
                    town.longitude + 0.005)
    found = _one(find_places("On 3 May, traders protested in Jalalabad.",
                             gazetteer.add([part]), AF))
    assert found.place.location == town.location
    assert found.place.admin2 == part.admin2  # its units, as before (learned reverse geocoding)


def test_a_named_part_of_a_city_is_the_teams_city_part(gazetteer: Gazetteer) -> None:
    town = _town(gazetteer, "Jalalabad", AF)
    part = _learned("Jalalabad-Zarqun Bagh", AF, "Nangarhar", "Zarqun Dara",
                    town.latitude + 0.02, town.longitude)
    learned = gazetteer.add([part])
    found = _one(find_places(
        "On 3 May, protesters gathered in Jalalabad's Zarqun Bagh district.", learned, AF))
    assert (found.place, found.geo_precision) == (part, 1)
    other = _one(find_places("On 3 May, protesters gathered in Jalalabad.", learned, AF))
    assert other.place.location == town.location  # no part named: the city itself


def test_a_loose_match_to_a_learned_place_keeps_the_teams_spelling(
        gazetteer: Gazetteer) -> None:
    village = _learned("Kot Zarqun", PK, "Sindh", "Khairpur", 27.20, 68.80)
    sentence = "On 4 May, two groups clashed in Kotzarqun town (Khairpur, Sindh)."
    found = _one(find_places(sentence, gazetteer.add([village]), PK))
    assert found.place == village
    assert found.span == (sentence.index("Kotzarqun"), sentence.index(" town"))


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        pytest.param("On 1 May, rioters gathered outside a bank in el Zarqun.",
                     _learned("El Zarqun", LB, "North", "Tripoli", 34.45, 35.80),
                     id="lower-case-article"),
        pytest.param("On 9 May, workers in Kut e Zarqun protested unpaid salaries.",
                     _learned("Kut e Zarqun", IR, "Khuzestan", "Karun", 31.20, 48.60),
                     id="persian-ezafe"),
    ],
)
def test_names_with_a_lower_case_word_are_found(gazetteer: Gazetteer, sentence: str,
                                                 place: Place) -> None:
    found = find_places(sentence, gazetteer.add([place]), place.country)
    assert place in [e.place for e in found]


def test_a_named_district_is_the_place_the_team_codes_it_at(gazetteer: Gazetteer) -> None:
    seat = _learned("Qala Zarqun", AF, "Kabul", "Zarqun Dara", 34.70, 69.10)
    districts = {(AF, "zarqun dara"): ("Qala Zarqun", "Kabul", "Zarqun Dara")}
    sentence = "On 2 May, 1 soldier was killed by a sniper in Zarqun Dara district, Kabul."
    found = _one(find_places(sentence, gazetteer.add([seat], districts), AF))
    assert (found.place, found.geo_precision) == (seat, 2)
    # Without the team's habit the district stays as the text names it.
    plain = _one(find_places(sentence, gazetteer.add([seat]), AF))
    assert (plain.place.location, plain.geo_precision) == ("Zarqun Dara", 2)


def test_a_district_place_of_another_province_is_not_used(gazetteer: Gazetteer) -> None:
    seat = _learned("Qala Zarqun", AF, "Logar", "Zarqun Dara", 34.00, 69.10)
    districts = {(AF, "zarqun dara"): ("Qala Zarqun", "Logar", "Zarqun Dara")}
    sentence = "On 2 May, 1 soldier was killed by a sniper in Zarqun Dara district, Kabul."
    found = _one(find_places(sentence, gazetteer.add([seat], districts), AF))
    assert found.place.location == "Zarqun Dara"


def test_a_part_called_by_a_common_word_is_not_looked_for(gazetteer: Gazetteer) -> None:
    town = _town(gazetteer, "Jalalabad", AF)
    central = _learned("Jalalabad-Central", AF, "Nangarhar", "Zarqun Dara",
                       town.latitude + 0.02, town.longitude)
    found = _one(find_places("On 3 May, protesters gathered at the Central Bank in Jalalabad.",
                             gazetteer.add([central]), AF))
    assert found.place.location == town.location


IQ = "Iraq"


def test_a_learned_name_in_brackets_is_the_teams_name_of_the_place(
        gazetteer: Gazetteer) -> None:
    wadi = _learned("Wadi Zarqun", IQ, "Erbil", "Soran", 36.90, 44.80)
    sentence = "On 7 May, airstrikes hit Qxzarqunke (Wadi Zarqun), killing 3 militants."
    found = find_places(sentence, gazetteer.add([wadi]), IQ)
    assert [e.place for e in found] == [wadi]


def test_a_learned_unit_in_brackets_only_locates_the_place(gazetteer: Gazetteer) -> None:
    # "Soran Zarqun" is a learned town and, for another learned place, its district.
    town = _learned("Soran Zarqun", IQ, "Erbil", "Soran Zarqun", 36.90, 44.80)
    village = _learned("Qala Zarqun", IQ, "Erbil", "Soran Zarqun", 36.95, 44.85)
    sentence = "On 7 May, airstrikes hit Qxzarqunke (Soran Zarqun), killing 3 militants."
    found = find_places(sentence, gazetteer.add([town, village]), IQ)
    assert town not in [e.place for e in found]
