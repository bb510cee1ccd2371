"""A town's named parts and GeoNames' official full names.

Codebook §7: a neighbourhood or street of a town is coded as the town itself (precision 1);
ACLED writes a town by its official name ("Acapulco de Juarez"), not GeoNames' type words.
Names starting "Qxz" are made up, so no gazetteer knows them.
"""

from __future__ import annotations

import pytest

from coder.engine.gazetteer import Gazetteer
from coder.engine.places import find_places


@pytest.mark.parametrize(
    ("sentence", "country", "town", "admin1"),
    [
        pytest.param("Residents protested in the Qxzabad neighborhood in Barinas, Barinas state.",
                     "Venezuela", "Barinas", "Barinas", id="unknown-part-then-town"),
        pytest.param("Protesters gathered in the Kadikoy neighbourhood of Istanbul.",
                     "Turkey", "Istanbul", "Istanbul", id="known-part-then-town"),
        pytest.param("A bomb exploded in Qxzadi street in Tikrit, Salah al-Din.",
                     "Iraq", "Tikrit", "Sala al-Din", id="street-in"),
    ],
)
def test_part_of_a_town_is_the_town(gazetteer: Gazetteer, sentence: str, country: str,
                                    town: str, admin1: str) -> None:
    found = [e for e in find_places(sentence, gazetteer, country) if e.place.kind == "place"]
    assert [e.place.location for e in found] == [town]
    assert found[0].place.admin1 == admin1
    assert found[0].geo_precision == 1
    start, end = found[0].span
    assert sentence[start:end] == town


def test_part_of_an_unknown_town_stays(gazetteer: Gazetteer) -> None:
    sentence = "Gunmen killed a man in the Kadikoy neighbourhood of Qxzville."
    found = find_places(sentence, gazetteer, "Turkey")
    assert [e.place.location for e in found] == ["Kadikoy"]


@pytest.mark.parametrize(
    ("sentence", "country", "expected"),
    [
        # GeoNames' main name is the official "X de Y" / "Ciudad X" / "Suq X".
        pytest.param("Two men were shot dead in Acapulco, Guerrero.", "Mexico",
                     "Acapulco de Juarez", id="x-de-y"),
        pytest.param("Gunmen killed a police officer in Apodaca, Nuevo Leon.", "Mexico",
                     "Ciudad Apodaca", id="ciudad-x"),
        # GeoNames' type words are not part of ACLED's name.
        pytest.param("Police arrested three men in Marikina, Metro Manila.", "Philippines",
                     "Marikina", id="x-city-kept-short"),
    ],
)
def test_official_name(gazetteer: Gazetteer, sentence: str, country: str,
                       expected: str) -> None:
    found = [e for e in find_places(sentence, gazetteer, country) if e.place.kind == "place"]
    assert found and found[0].place.location == expected

