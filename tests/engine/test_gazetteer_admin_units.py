"""Admin units the gazetteer gives GeoNames places: every admin1 code named, ACLED's levels.

A GeoNames place whose admin1 code admin1.csv lacks has no admin1 at all, which costs the
coder a field on every event there (Nouakchott, Pedro Juan Caballero, Willemstad). In
Uganda ACLED's admin1 is the district (GeoNames' admin2). Names are plain ASCII, as ACLED
writes them. Expected values are read from the seed files, never pasted.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from coder.engine.gazetteer import ADMIN2_AS_ADMIN1, Gazetteer, _plain

REPO = Path(__file__).resolve().parents[2]
ADMIN1_CSV = REPO / "seeds" / "gazetteer" / "admin1.csv"
ADMIN2_CSV = REPO / "seeds" / "gazetteer" / "admin2.csv"


def _names_of(iso2: str) -> set[str]:
    with ADMIN1_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["admin1"] for row in csv.DictReader(handle) if row["geonames_code"] == iso2}


class TestEveryAdmin1CodeNamed:
    """The largest town of each admin1 code admin1.csv once lacked now has its province."""

    @pytest.mark.parametrize("town,country,iso2", [
        ("Nouakchott", "Mauritania", "MR"),  # GeoNames leaves its code blank
        ("Nouadhibou", "Mauritania", "MR"),
        ("Pedro Juan Caballero", "Paraguay", "PY"),
        ("Willemstad", "Curacao", "CW"),
        ("Jijel", "Algeria", "DZ"),
        ("Wau", "South Sudan", "SS"),
        ("Am Timan", "Chad", "TD"),
        ("Savannakhet", "Laos", "LA"),
        ("Buchanan", "Liberia", "LR"),
        ("Ratnapura", "Sri Lanka", "LK"),
    ])
    def test_town_has_an_admin1_of_its_country(self, gazetteer: Gazetteer, town: str,
                                               country: str, iso2: str) -> None:
        place = next(p for p in gazetteer.lookup(town, country)
                     if p.country == country and p.kind == "place")
        assert place.admin1 in _names_of(iso2)

    def test_blank_code_rows_read_as_codes(self) -> None:
        """A row with an empty admin1_code is GeoNames' blank code, not a malformed row."""
        with ADMIN1_CSV.open(encoding="utf-8", newline="") as handle:
            blank = [row for row in csv.DictReader(handle) if row["admin1_code"] == ""]
        assert {row["geonames_code"] for row in blank} == {"MR", "CW"}
        assert all(row["admin1"] for row in blank)


class TestAdmin2AsAdmin1:
    """Uganda: ACLED's admin1 is the district, GeoNames' admin2."""

    @pytest.mark.parametrize("town", ["Kampala", "Gulu", "Kasese", "Mbarara"])
    def test_district_is_admin1(self, gazetteer: Gazetteer, town: str) -> None:
        place = next(p for p in gazetteer.lookup(town, "Uganda") if p.country == "Uganda"
                     and p.kind == "place")
        assert place.admin1 is not None and not place.admin1.endswith("Region")
        assert place.admin2 is None

    def test_other_countries_keep_their_provinces(self, gazetteer: Gazetteer) -> None:
        """Elsewhere (Kenya, not in ADMIN2_AS_ADMIN1) the admin1 stays GeoNames' province."""
        assert "KE" not in ADMIN2_AS_ADMIN1
        place = next(p for p in gazetteer.lookup("Kisumu", "Kenya") if p.kind == "place")
        assert place.admin1 in _names_of("KE")


class TestPlainNames:
    """ACLED writes names in plain ASCII."""

    @pytest.mark.parametrize("name,plain", [
        ("Ayd\u0131n", "Aydin"),  # the dotless i has no decomposition of its own
        ("Kandah\u0101r", "Kandahar"),
        ("Ciudad Ju\u00e1rez", "Ciudad Juarez"),
        ("\u2018Ayn \u2019Isa", "'Ayn 'Isa"),
    ])
    def test_plain(self, name: str, plain: str) -> None:
        assert _plain(name) == plain

    def test_admin1_capitals_are_plain(self, gazetteer: Gazetteer) -> None:
        """A province located at its largest town carries that town's name in ASCII."""
        for name in ("Aydin", "Chihuahua", "Izmir"):
            unit = next(p for p in gazetteer.lookup(name) if p.kind == "admin1")
            assert unit.location.isascii(), unit.location


class TestAdmin2Names:
    """admin2.csv renames GeoNames' older spellings of Indian districts."""

    def test_renamed_districts(self, gazetteer: Gazetteer) -> None:
        with ADMIN2_CSV.open(encoding="utf-8", newline="") as handle:
            renamed = {row["geonames"]: row["admin2"] for row in csv.DictReader(handle)
                       if row["geonames_code"] == "IN"}
        assert renamed  # Vishakhapatnam, Haora, Hugli
        place = next(p for p in gazetteer.lookup("Visakhapatnam", "India")
                     if p.location == "Visakhapatnam")
        assert place.admin2 == renamed["Vishakhapatnam"]
