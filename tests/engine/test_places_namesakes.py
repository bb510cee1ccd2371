"""Which of several places of one name a sentence means, and when a name is a province.

Codebook §7: the location is the place the text names; a province named as such is coded at
precision 3, a place on a road between two towns or in the area around one at precision 2.
GeoNames gives towns their neighbours' names among its alternates and files some towns under
another province than ACLED's; the text's own words (its province, its district, the word
"province" or "governorship") tell the namesakes apart. Expected values are read from the
gazetteer itself, never pasted; names starting "Qxz" are made up.
"""

from __future__ import annotations

import math

import pytest
from engine_support import only_place, places_of

from coder.engine.gazetteer import Gazetteer, Place, normalise


def namesakes(gazetteer: Gazetteer, name: str, country: str, admin1: str | None = None
              ) -> list[Place]:
    """GeoNames places of the country (and province) whose own name is ``name``."""
    return [p for p in gazetteer.lookup(name, country)
            if p.country == country and p.kind == "place" and p.source == "geonames"
            and normalise(p.location) == normalise(name)
            and admin1 in (None, p.admin1)]


class TestOwnNameFirst:
    """A place called so by its own name comes before a larger one that has the name only
    among its alternates."""

    def test_village_of_the_named_district(self, gazetteer: Gazetteer) -> None:
        """GeoNames lists "Mora" among Bilimora's names; the village called Mora is meant."""
        candidates = [p for p in gazetteer.lookup("Mora", "India") if p.admin1 == "Gujarat"]
        assert normalise(candidates[0].location) != "mora"  # the larger town comes first
        mora = namesakes(gazetteer, "Mora", "India", "Gujarat")[0]
        found = only_place("Workers pelted stones at Mora village (Surat, Gujarat).",
                           gazetteer, "India")
        assert (found.place.latitude, found.place.longitude) == (mora.latitude, mora.longitude)

    def test_city_without_a_province(self, gazetteer: Gazetteer) -> None:
        """No province named: the city called so, not a namesake entry that is larger."""
        city = namesakes(gazetteer, "Visakhapatnam", "India")[0]
        found = only_place("Workers held a protest in Visakhapatnam city.", gazetteer, "India")
        assert found.place.latitude == city.latitude

    def test_front_village_is_not_the_city_of_that_alternate_name(
            self, gazetteer: Gazetteer) -> None:
        """On the Donbas front the nearest Oleksandrivka to the capitals, never Donetsk city,
        whose alternates include the name."""
        villages = namesakes(gazetteer, "Oleksandrivka", "Ukraine", "Donetsk")
        assert len(villages) > 1
        found = only_place("The Donbass People's Militia fired at positions in the area of "
                           "Oleksandrivka, Donetsk.", gazetteer, "Ukraine")
        assert found.place.latitude in {p.latitude for p in villages}

    def test_a_municipality_seat_before_its_namesake(self, gazetteer: Gazetteer) -> None:
        """Two El Saltos in Jalisco: the one that is its municipality's seat."""
        towns = namesakes(gazetteer, "El Salto", "Mexico", "Jalisco")
        seats = [p for p in towns if p.admin2 == p.location]
        assert len(towns) == 2 and len(seats) == 1 and towns[0] is not seats[0]
        found = only_place("Police clashed with armed men in El Salto, Jalisco.", gazetteer,
                           "Mexico")
        assert found.place.latitude == seats[0].latitude

    def test_official_long_name_is_not_demoted(self, gazetteer: Gazetteer) -> None:
        """"Culiacan" is a part of GeoNames' own name "Culiacan Rosales": that city stays."""
        found = places_of("Armed men shot a man in Culiacan.", gazetteer, "Mexico")[0]
        assert found.place.population >= 100_000


class TestProvinceTheTextGets:
    """A qualifier names a province where the gazetteer has no place of that name."""

    def test_a_large_city_of_the_name_wins_over_the_province(self, gazetteer: Gazetteer
                                                            ) -> None:
        """"Mariupol, Zaporizhia": the only Mariupol is a large city of another oblast."""
        (city,) = namesakes(gazetteer, "Mariupol", "Ukraine")
        assert city.admin1 != "Zaporizhia"
        found = only_place("Medics protested in Mariupol, Zaporizhia.", gazetteer, "Ukraine")
        assert (found.place.admin1, found.place.latitude) == (city.admin1, city.latitude)

    def test_a_name_many_towns_share_stays_in_the_named_province(
            self, gazetteer: Gazetteer) -> None:
        """Many Benito Juarez, none in Nuevo Leon: the name as written, in the province."""
        assert not namesakes(gazetteer, "Benito Juarez", "Mexico", "Nuevo Leon")
        assert len(namesakes(gazetteer, "Benito Juarez", "Mexico")) > 1
        found = only_place("Two men were shot in Benito Juarez, Nuevo Leon.", gazetteer,
                           "Mexico")
        assert found.place.admin1 == "Nuevo Leon" and found.place.source == "text"
        assert math.isnan(found.place.latitude)

    def test_a_town_next_to_the_named_district_keeps_the_texts_units(
            self, gazetteer: Gazetteer) -> None:
        """Kakiri lies by Wakiso, but GeoNames files it under a region: its centroid, the
        text's district as its unit."""
        (kakiri,) = namesakes(gazetteer, "Kakiri", "Uganda")
        assert kakiri.admin1 != "Wakiso"
        found = only_place("A lynch mob attacked a thief in Kakiri (Wakiso district).",
                           gazetteer, "Uganda")
        assert found.place.admin1 == "Wakiso"
        assert found.place.latitude == kakiri.latitude

    def test_a_far_namesake_is_not_taken(self, gazetteer: Gazetteer) -> None:
        """The only Mehrabpur GeoNames has is a town of Balochistan, far from Sindh's places
        and too small to be what any report means: the name as written, in Sindh, with no
        borrowed centroid."""
        (far,) = namesakes(gazetteer, "Mehrabpur", "Pakistan")
        assert far.admin1 != "Sindh" and far.population < 100_000
        found = only_place("Traders protested in Mehrabpur town (Sindh).", gazetteer,
                           "Pakistan")
        assert (found.place.admin1, found.place.source) == ("Sindh", "text")
        assert math.isnan(found.place.latitude)


class TestProvinceWords:
    """Words that make a name a province (codebook §7: precision 3)."""

    @pytest.mark.parametrize("sentence,country,names", [
        ("Militants were killed in operations in Kabul, Ghor, Laghman, and Balkh provinces.",
         "Afghanistan", ("Kabul", "Ghor", "Laghman", "Balkh")),
        ("Gangs delivered food at the border between Chihuahua and Sonora states.", "Mexico",
         ("Chihuahua", "Sonora")),
        ("In the province of Salta, residents banged pots.", "Argentina", ("Salta",)),
        ("The Aydin Governorship banned all protests in the province.", "Turkey", ("Aydin",)),
    ])
    def test_each_province_of_the_words(self, gazetteer: Gazetteer, sentence: str,
                                        country: str, names: tuple[str, ...]) -> None:
        found = places_of(sentence, gazetteer, country)
        assert [e.place.admin1 for e in found] == list(names)
        assert {(e.place.kind, e.geo_precision) for e in found} == {("admin1", 3)}

    def test_a_district_governorship_is_the_district(self, gazetteer: Gazetteer) -> None:
        """Cizre is no province: its governorship speaks for the district (precision 2)."""
        assert not any(p.kind == "admin1" for p in gazetteer.lookup("Cizre", "Turkey"))
        found = only_place("The Cizre Governorship declared a curfew.", gazetteer, "Turkey")
        assert (found.place.kind, found.geo_precision) == ("place", 2)

    def test_a_city_with_its_provinces_name_alone_is_the_city(self, gazetteer: Gazetteer
                                                             ) -> None:
        found = only_place("Protesters marched in Kabul on Friday.", gazetteer, "Afghanistan")
        assert (found.place.kind, found.geo_precision) == ("place", 1)


class TestNearWords:
    """Codebook §7: on a road between towns, or around one, is near them (precision 2)."""

    @pytest.mark.parametrize("sentence,country,expected", [
        ("On the federal road that connects Frontera to Villahermosa, a man was shot.",
         "Mexico", ["Villahermosa"]),
        ("Bus drivers blocked the road linking Acapulco and Zihuatanejo.", "Mexico",
         ["Acapulco de Juarez", "Zihuatanejo"]),
        ("Turkish forces shelled the area surrounding Tal Tamer in Al-Hasakeh.", "Syria",
         ["Tal Tamer"]),
    ])
    def test_named_places_are_near(self, gazetteer: Gazetteer, sentence: str, country: str,
                                   expected: list[str]) -> None:
        found = places_of(sentence, gazetteer, country)
        near = [e for e in found if e.place.location in expected]
        assert len(near) == len(expected)
        assert all(e.geo_precision == 2 for e in near)

    def test_a_town_alone_is_the_town(self, gazetteer: Gazetteer) -> None:
        found = only_place("A nurse was shot in Villahermosa.", gazetteer, "Mexico")
        assert found.geo_precision == 1

    def test_frontlines_plural(self, gazetteer: Gazetteer) -> None:
        """"the Marib frontlines": the front, not the town itself."""
        found = [e for e in places_of("Reinforcements arrived on the Marib frontlines.",
                                      gazetteer, "Yemen") if e.place.location == "Marib"]
        assert [e.geo_precision for e in found] == [2]


class TestUnitOfTheTown:
    """A town followed by its own district or province names one place, not two."""

    def test_town_of_its_district(self, gazetteer: Gazetteer) -> None:
        """"in Arnissa of Pella": Pella, a town too, is Arnissa's regional unit."""
        (arnissa,) = namesakes(gazetteer, "Arnissa", "Greece")
        assert arnissa.admin2 == "Pella"
        found = only_place("Rioters in Arnissa of Pella set fires.", gazetteer, "Greece")
        assert found.place.location == "Arnissa"

    def test_town_of_its_region(self, gazetteer: Gazetteer) -> None:
        found = only_place("A protest was held in Lida of the Grodno region.", gazetteer,
                           "Belarus")
        assert (found.place.location, found.place.admin1) == ("Lida", "Grodno")

    def test_two_towns_of_one_district_are_two_places(self, gazetteer: Gazetteer) -> None:
        """Pella is no unit of Giannitsa's name: "Giannitsa and Pella" lists two towns."""
        found = places_of("Farmers protested in Giannitsa and Pella.", gazetteer, "Greece")
        assert len(found) == 2


class TestUnitWords:
    """One list of unit words: second-level ones fill admin2, third-level ones admin3."""

    @pytest.mark.parametrize("word,level", [
        ("district", 2), ("raion", 2), ("municipality", 2), ("LGA", 2),
        ("tehsil", 3), ("sub-district", 3), ("subdivision", 3), ("payam", 3),
    ])
    def test_own_unit_of_a_town(self, gazetteer: Gazetteer, word: str, level: int) -> None:
        """A GeoNames town without units, named with a unit word: that unit is its own."""
        town = next(p for p in namesakes(gazetteer, "Qalat", "Afghanistan"))
        assert town.admin2 is None and town.admin3 is None
        found = only_place(f"Clashes were reported in Qalat {word}.", gazetteer,
                           "Afghanistan")
        units = (found.place.admin2, found.place.admin3)
        assert units[level - 2] == "Qalat"
