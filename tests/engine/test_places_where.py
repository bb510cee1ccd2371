"""Where rules: admin1 names in common English, unit words, geo_precision cues (codebook §7)."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from coder.engine.gazetteer import Gazetteer, load_gazetteer
from coder.engine.places import PlaceEvidence, find_places, find_unknown_places

ADMIN1_CSV = Path(__file__).resolve().parents[2] / "seeds" / "gazetteer" / "admin1.csv"


def _admin1_rows() -> list[dict[str, str]]:
    with ADMIN1_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """Shares its cache directory with test_places.py, so one session builds it once."""
    return load_gazetteer(tmp_path_factory.getbasetemp() / "gazetteer-cache")


def _one(found: list[PlaceEvidence]) -> PlaceEvidence:
    assert len(found) == 1, found
    return found[0]


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
