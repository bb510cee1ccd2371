"""The gazetteer: seed tables, the built index, and its disk cache."""

from __future__ import annotations

import csv
import marshal
import shutil
from pathlib import Path

import pytest
from conftest import shared_file

from coder.engine.gazetteer import (
    Gazetteer,
    Place,
    cache_path,
    default_seed_dir,
    load_gazetteer,
    normalise,
)
from coder.engine.knowledge import learned_places

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class TestCountriesTable:
    def test_agrees_with_every_country_of_the_acled_sample(self) -> None:
        """Each (country, iso, region, iso3) of a real pre-2023 export is a row of the table."""
        table = {
            r["country"]: (r["iso"], r["region"], r["iso3"]) for r in _csv(SEEDS / "countries.csv")
        }
        sample = _csv(shared_file("acled-sample.csv"))
        seen = {(r["country"], r["iso"], r["region"], r["iso3"]) for r in sample}
        wrong = sorted(s for s in seen if table.get(s[0]) != s[1:])
        assert wrong == []

    def test_agrees_with_the_current_layout_sample(self) -> None:
        table = {r["country"]: (r["iso"], r["region"]) for r in _csv(SEEDS / "countries.csv")}
        sample = _csv(shared_file("acled-sample-2023.csv"))
        seen = {(r["country"], r["iso"], r["region"]) for r in sample}
        assert sorted(s for s in seen if table.get(s[0]) != s[1:]) == []

    @pytest.mark.parametrize(
        ("name", "iso"),
        [
            ("Afghanistan", "4"),
            ("Somalia", "706"),
            ("Ethiopia", "231"),
            ("Yemen", "887"),
            ("Democratic Republic of Congo", "180"),
            ("Republic of Congo", "178"),
            ("Ivory Coast", "384"),
            ("eSwatini", "748"),
            ("Palestine", "275"),
        ],
    )
    def test_acled_spelling_and_numeric_iso(self, name: str, iso: str) -> None:
        table = {r["country"]: r["iso"] for r in _csv(SEEDS / "countries.csv")}
        assert table[name] == iso

    def test_names_are_unique_and_every_row_has_a_region(self) -> None:
        rows = _csv(SEEDS / "countries.csv")
        assert len({r["country"] for r in rows}) == len(rows)
        assert all(r["region"] for r in rows)


class TestAdmin1Table:
    @pytest.mark.parametrize("sample", ["acled-sample.csv", "acled-sample-2023.csv"])
    def test_curated_countries_spell_admin1_as_acled_does(self, sample: str) -> None:
        """Where admin1.csv is curated, every admin1 of a real export is one of its names."""
        code = {r["country"]: r["geonames_code"] for r in _csv(SEEDS / "countries.csv")}
        rows = _csv(SEEDS / "gazetteer" / "admin1.csv")
        curated = {r["geonames_code"] for r in rows if r["source"] == "curated"}
        names = {(r["geonames_code"], r["admin1"]) for r in rows}
        sample_rows = _csv(shared_file(sample))
        seen = {(code[r["country"]], r["admin1"]) for r in sample_rows if r["admin1"]}
        assert sorted(s for s in seen if s[0] in curated and s not in names) == []

    def test_codes_are_unique_per_country(self) -> None:
        rows = _csv(SEEDS / "gazetteer" / "admin1.csv")
        assert len({(r["geonames_code"], r["admin1_code"]) for r in rows}) == len(rows)


class TestNormalise:
    @pytest.mark.parametrize(
        ("a", "b"),
        [
            ("al-Bab", "Al Bab"),
            ("Kandahār", "Kandahar"),
            ("Mogadishu - Hodan", "Mogadishu-Hodan"),
            ("Bu'aale", "Buaale"),
            ("Fada N\u2019gourma", "Fada N'Gourma"),
            ("U.S.", "US"),
        ],
    )
    def test_spellings_share_a_key(self, a: str, b: str) -> None:
        assert normalise(a) == normalise(b)


class TestLookup:
    def test_curated_village_missing_from_geonames_is_found(self, gazetteer: Gazetteer) -> None:
        """Rukha is in no package: the supplement gives it with its district and province."""
        best = gazetteer.lookup("Rukha")[0]
        assert (best.location, best.country, best.admin1, best.admin2) == (
            "Rukha",
            "Afghanistan",
            "Panjshir",
            "Rukha",
        )

    def test_admin1_is_a_place_located_at_its_capital(self, gazetteer: Gazetteer) -> None:
        """Codebook §7: a province-only event is represented by the provincial capital."""
        borno = next(p for p in gazetteer.lookup("Borno", "Nigeria") if p.kind == "admin1")
        assert (borno.admin1, borno.location) == ("Borno", "Maiduguri")

    def test_geonames_place_carries_acled_admin1_name(self, gazetteer: Gazetteer) -> None:
        gwoza = [p for p in gazetteer.lookup("Gwoza", "Nigeria") if p.kind == "place"]
        assert gwoza and all(p.admin1 == "Borno" for p in gwoza)

    def test_document_country_ranks_first(self, gazetteer: Gazetteer) -> None:
        """Tripoli is in Libya and in Lebanon: the document's country decides."""
        assert gazetteer.lookup("Tripoli", "Lebanon")[0].country == "Lebanon"
        assert gazetteer.lookup("Tripoli", "Libya")[0].country == "Libya"

    @pytest.mark.parametrize(
        ("name", "kind", "source"),
        [
            ("Rukha", "place", "curated"),
            ("Borno", "admin1", "admin1"),
            ("Gwoza", "place", "curated"),
            ("Kandahar", "place", "geonames"),
        ],
    )
    def test_each_place_says_where_its_spelling_comes_from(
        self, gazetteer: Gazetteer, name: str, kind: str, source: str
    ) -> None:
        """Curated rows carry ACLED's spelling, GeoNames rows GeoNames' (see README)."""
        first = next(p for p in gazetteer.lookup(name) if p.kind == kind)
        assert first.source == source

    def test_learned_event_places_are_marked_as_events(self) -> None:
        [place] = learned_places([("Rukha", "Afghanistan", "Panjshir", "Rukha", None,
                                   35.2, 69.5, 3)])
        assert (place.source, place.population) == ("event", 3)

    def test_unknown_name_gives_nothing(self, gazetteer: Gazetteer) -> None:
        assert gazetteer.lookup("Qxzqxz") == []

    def test_added_event_places_rank_first_in_a_new_gazetteer(self, gazetteer: Gazetteer) -> None:
        event = Place("Rukha", "Afghanistan", "Panjshir", "Rukha", None, 35.2, 69.5, 0, "place")
        added = gazetteer.add([event])
        assert added.lookup("Rukha")[0] == event
        assert gazetteer.lookup("Rukha")[0] != event  # the original is unchanged

    @pytest.mark.parametrize(
        ("name", "country"),
        [
            ("Afghan", "Afghanistan"),
            ("DRC", "Democratic Republic of Congo"),
            ("Congo-Kinshasa", "Democratic Republic of Congo"),
            ("U.S.", "United States"),
            ("Somali", "Somalia"),
            ("Nigerian", "Nigeria"),
            ("Cote d'Ivoire", "Ivory Coast"),
            ("Borno", None),
        ],
    )
    def test_country_of_names_aliases_and_demonyms(
        self, gazetteer: Gazetteer, name: str, country: str | None
    ) -> None:
        assert gazetteer.country_of(name) == country


class TestCache:
    def test_second_load_reads_the_cache_file(
        self, gazetteer: Gazetteer, shared_cache: Path, tmp_path: Path
    ) -> None:
        """A tampered cache shows through: the second load read the file instead of building."""
        cached = cache_path(shared_cache, default_seed_dir())
        assert cached.exists()
        own = tmp_path / "cache"
        own.mkdir()
        with cached.open("rb") as handle:
            tables = marshal.load(handle)
        tables["location"] = tables["location"].replace("\nRukha\n", "\nRukha (from cache)\n")
        with (own / cached.name).open("wb") as handle:
            marshal.dump(tables, handle)
        assert load_gazetteer(own).lookup("Rukha")[0].location == "Rukha (from cache)"

    def test_edited_seed_file_rebuilds_and_replaces_the_cache(self, tmp_path: Path) -> None:
        seeds = tmp_path / "seeds"
        (seeds / "gazetteer").mkdir(parents=True)
        shutil.copy(SEEDS / "countries.csv", seeds / "countries.csv")
        for name in ("admin1.csv", "supplement.csv"):
            shutil.copy(SEEDS / "gazetteer" / name, seeds / "gazetteer" / name)
        cache = tmp_path / "cache"
        cache.mkdir()
        stale = cache / "gazetteer-0000.marshal"
        stale.write_bytes(b"not a cache")
        with (seeds / "gazetteer" / "supplement.csv").open("a", encoding="utf-8") as handle:
            handle.write("Qxzville,,Somalia,Bay,Baydhaba,,3.0,43.0,place,0,curated\n")
        found = load_gazetteer(cache, seeds).lookup("Qxzville")
        assert [p.admin1 for p in found] == ["Bay"]
        assert [p.name for p in cache.iterdir()] == [cache_path(cache, seeds).name]
