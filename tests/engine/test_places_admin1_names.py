"""Places: ACLED's admin1 names, capital cities of their own, institution words and
whole names spelled otherwise.

Codebook §7: admin1 is the unit's name as ACLED writes it; the location is the place the
text names. Names starting "Qxz" are made up, so no gazetteer knows them.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from coder.engine.gazetteer import Gazetteer, normalise
from coder.engine.places import INSTITUTION_WORDS, find_places

REPO = Path(__file__).resolve().parents[2]
ADMIN1_CSV = REPO / "seeds" / "gazetteer" / "admin1.csv"
SAMPLES = REPO.parent / "shared" / "data"

# Countries whose every admin1 in the dev rows of the samples is a unit of GeoNames' layout:
# there the table must carry ACLED's name for each (older regions elsewhere, such as Nepal's
# or Morocco's, do not map onto GeoNames' units).
CHECKED = {"Iraq": "IQ", "Libya": "LY", "Azerbaijan": "AZ", "Chile": "CL", "Argentina": "AR",
           "Brazil": "BR", "Mexico": "MX", "Venezuela": "VE", "Pakistan": "PK", "Iran": "IR",
           "Tunisia": "TN", "Madagascar": "MG"}


def _dev_admin1s() -> dict[str, set[str]]:
    """The admin1 names the dev split (id number not divisible by 4) writes, per country."""
    found: dict[str, set[str]] = defaultdict(set)
    paths = [SAMPLES / n for n in ("acled-sample.csv", "acled-sample-2023.csv")]
    if not any(p.exists() for p in paths):
        pytest.skip(f"ACLED samples absent from {SAMPLES}")
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if int(re.sub(r"\D", "", row["event_id_cnty"])) % 4 and row["admin1"]:
                    found[row["country"]].add(row["admin1"])
    return found


def _table() -> list[dict[str, str]]:
    with ADMIN1_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("country", sorted(CHECKED))
def test_admin1_table_writes_acled_names(country: str) -> None:
    names = {normalise(r["admin1"]) for r in _table() if r["geonames_code"] == CHECKED[country]}
    missing = {a for a in _dev_admin1s().get(country, set()) if normalise(a) not in names}
    assert not missing


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [("Duhok", "Iraq", "Dahuk"), ("Al Jfara", "Libya", "Aljfara"),
     ("Fuzuli", "Azerbaijan", "Fizuli"), ("Santiago Metropolitan", "Chile", "Metropolitana")],
)
def test_former_name_still_finds_the_unit(gazetteer: Gazetteer, name: str, country: str,
                                          admin1: str) -> None:
    # The name the table carried before is an alias: text written with it finds the unit.
    units = [p for p in gazetteer.lookup(normalise(name), country) if p.kind == "admin1"]
    assert [p.admin1 for p in units] == [admin1]


@pytest.mark.parametrize(
    ("sentence", "country", "town", "admin1"),
    [
        pytest.param("A bomb exploded in Tikrit, Salah al-Din.", "Iraq", "Tikrit",
                     "Sala al-Din", id="former-name-in-text"),
        pytest.param("Protesters gathered in Belgrade on Monday.", "Serbia", "Belgrade",
                     "Belgrade", id="capital-city-admin1"),
        pytest.param("Protesters gathered in Nis on Monday.", "Serbia", "Nis",
                     "Central Serbia", id="rest-of-central-serbia"),
        pytest.param("Gunmen killed two men in Ceel Dheer on Friday.", "Somalia", "Ceel Dheer",
                     "Galgaduud", id="whole-name-spelled-otherwise"),
        pytest.param("Gunmen attacked Kabul Qxzabad on Friday.", "Afghanistan", "Kabul",
                     "Kabul", id="first-word-when-whole-name-unknown"),
    ],
)
def test_place_and_admin1(gazetteer: Gazetteer, sentence: str, country: str, town: str,
                          admin1: str) -> None:
    found = [e for e in find_places(sentence, gazetteer, country) if e.place.kind == "place"]
    assert [e.place.location for e in found] == [town]
    assert found[0].place.admin1 == admin1
    start, end = found[0].span
    assert sentence[start:end] == town


@pytest.mark.parametrize(
    ("sentence", "country", "places"),
    [
        pytest.param("The Padma Bridge was opened.", None, [], id="bridge"),
        pytest.param("The Chamber of Commerce met on Monday.", None, [], id="commerce"),
        pytest.param("The Padma Bridge was opened in Dhaka.", "Bangladesh", ["Dhaka"],
                     id="foreign-piece-of-a-name"),
    ],
)
def test_institution_names_are_no_places(gazetteer: Gazetteer, sentence: str,
                                         country: str | None, places: list[str]) -> None:
    assert [e.place.location for e in find_places(sentence, gazetteer, country)] == places


def test_institution_words_are_lower_case_single_words() -> None:
    assert all(w == w.lower() and " " not in w for w in INSTITUTION_WORDS)
