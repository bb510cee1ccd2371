"""Which place a sentence's event is at, when it names several or a namesake is ambiguous.

Codebook §7: the location is the most specific place the text gives (a named village, not the
town or province that only locates it); strategic sites and the districts of big cities are
locations of their own ("City - District" counts as precision 1); a place no gazetteer knows
is suggested as written with no coordinates. Names starting "Qxz" are made up, so no gazetteer
knows them.
"""

from __future__ import annotations

import math

import pytest
from engine_support import only_place, places_of

from coder.engine.gazetteer import Gazetteer, Place
from coder.engine.places import (
    NamedPlace,
    find_unknown_places,
    spelled_otherwise,
)


def km(place: Place, other: Place) -> float:
    return math.hypot(place.latitude - other.latitude,
                      (place.longitude - other.longitude)
                      * math.cos(math.radians(other.latitude))) * 111.2


class TestFrontLine:
    """A village named in a report on the Donbas front is in Donetsk or Luhansk oblast."""

    def test_namesake_elsewhere_gives_way_to_the_front(self, gazetteer: Gazetteer) -> None:
        """GeoNames' only Vodyane of size is far from the front: the hamlet there is meant,
        as written, with no made-up coordinates."""
        assert all(p.admin1 not in ("Donetsk", "Luhansk")
                   for p in gazetteer.lookup("Vodyane", "Ukraine") if p.country == "Ukraine")
        found = only_place("Monitors of the OSCE SMM recorded explosions near Vodyane.",
                           gazetteer, "Ukraine")
        assert found.place.location == "Vodyane"
        assert found.place.admin1 in ("Donetsk", "Luhansk")
        assert math.isnan(found.place.latitude)

    def test_unknown_village_on_the_front_is_in_its_province(self, gazetteer: Gazetteer
                                                             ) -> None:
        """A hamlet no gazetteer knows gets the front's province, not none."""
        found = only_place("The OSCE SMM heard bursts of fire near Qxzivka.", gazetteer,
                           "Ukraine")
        assert (found.place.location, found.place.source) == ("Qxzivka", "text")
        assert found.place.admin1 in ("Donetsk", "Luhansk")

    def test_without_the_front_the_gazetteer_decides(self, gazetteer: Gazetteer) -> None:
        """A protest far from any front keeps the gazetteer's first namesake."""
        first = next(p for p in gazetteer.lookup("Vodyane", "Ukraine") if p.country == "Ukraine")
        found = only_place("Residents protested in Vodyane.", gazetteer, "Ukraine")
        assert (found.place.admin1, found.place.latitude) == (first.admin1, first.latitude)

    def test_namesake_nearest_the_province_capital(self, gazetteer: Gazetteer) -> None:
        """Of several Veseles in Donetsk oblast, the one nearest the oblast's centre, where
        the fighting the DPR reports is."""
        capital = next(p for p in gazetteer.lookup("Donetsk", "Ukraine") if p.kind == "admin1")
        there = [p for p in gazetteer.lookup("Vesele", "Ukraine")
                 if p.country == "Ukraine" and p.admin1 == "Donetsk" and p.kind == "place"]
        assert len(there) > 1
        nearest = min(there, key=lambda p: km(p, capital))
        found = only_place("Rebels shelled Vesele, Donetsk, said the DPR.", gazetteer, "Ukraine")
        assert (found.place.latitude, found.place.longitude) == (nearest.latitude,
                                                                 nearest.longitude)


@pytest.mark.parametrize(
    ("sentence", "country", "location", "admin1", "precision"),
    [
        pytest.param("Artillery hit the village of Qxzara in the countryside of Tell Abiad "
                     "in Ar-Raqqa.", "Syria", "Qxzara", "Ar-Raqqa", 1, id="countryside-of-town"),
        pytest.param("Troops shelled the town of Qxzafra in Jabal al-Zawiya in the southern "
                     "countryside of Idleb.", "Syria", "Qxzafra", "Idleb", 1, id="in-an-area"),
        pytest.param("Rebels shelled the village of Qxzali west of Tell Abiad.", "Syria",
                     "Qxzali", "Ar-Raqqa", 1, id="west-of-town"),
        pytest.param("Shells fell near the village of Qxzali west of Tell Abiad.", "Syria",
                     "Qxzali", "Ar-Raqqa", 2, id="near-the-village"),
        # GeoNames' only Kasama is in Zambia (and Japan): no namesake abroad is the village.
        pytest.param("Artillery hit the village of Kasama in the countryside of Aleppo.",
                     "Syria", "Kasama", "Aleppo", 1, id="namesake-abroad"),
    ],
)
def test_named_village_not_the_place_that_locates_it(
        gazetteer: Gazetteer, sentence: str, country: str, location: str, admin1: str,
        precision: int) -> None:
    """"the village of X in/west of Y": X is the event's place, in Y's province."""
    found = only_place(sentence, gazetteer, country)
    assert (found.place.location, found.place.admin1) == (location, admin1)
    assert found.geo_precision == precision
    assert sentence[found.span[0]:found.span[1]] == location


def test_known_village_is_kept_and_its_town_dropped(gazetteer: Gazetteer) -> None:
    sentence = "Drones struck the town of Saraqab in the eastern countryside of Idleb."
    assert [e.place.location for e in places_of(sentence, gazetteer, "Syria")] == ["Saraqab"]


@pytest.mark.parametrize(
    ("sentence", "country", "town", "location", "precision"),
    [
        pytest.param("Shelling was reported near Donetsk Airport.", "Ukraine", "Donetsk",
                     "Donetsk Airport", 2, id="airport"),
        pytest.param("Bursts of fire were heard near Donetsk Filtration Station.", "Ukraine",
                     "Donetsk", "Donetsk Filtration Station", 2, id="station"),
        pytest.param("A shoot-out took place in the North Zone of Rio de Janeiro, "
                     "Rio de Janeiro.", "Brazil", "Rio de Janeiro", "Rio de Janeiro - North Zone",
                     1, id="zone-of-a-big-city"),
    ],
)
def test_site_or_city_zone_is_a_location(gazetteer: Gazetteer, sentence: str, country: str,
                                         town: str, location: str, precision: int) -> None:
    """Codebook §7: strategic sites and the parts of big cities are locations; they keep the
    town's units and centroid, where the site lies."""
    found = only_place(sentence, gazetteer, country)
    city = next(p for p in gazetteer.lookup(town, country) if p.kind == "place")
    assert (found.place.location, found.place.admin1) == (location, city.admin1)
    assert found.geo_precision == precision
    assert km(found.place, city) < 1


def test_zone_of_a_small_town_is_the_town(gazetteer: Gazetteer) -> None:
    """Only big cities are split (codebook §7): a small town's zone is the town."""
    sentence = "A shoot-out took place in the North Zone of Bonito, Mato Grosso do Sul."
    found = only_place(sentence, gazetteer, "Brazil")
    assert found.place.location == "Bonito"


@pytest.mark.parametrize(
    ("sentence", "country", "location", "admin1", "admin2", "precision"),
    [
        pytest.param("Nurses marched in New Brighton (Nelson Mandela Bay, Eastern Cape).",
                     "South Africa", "New Brighton", "Eastern Cape", "Nelson Mandela Bay", 1,
                     id="stopword-opens-the-name"),
        pytest.param("Surfers protested at a beach in Cape Town (City of Cape Town, "
                     "Western Cape).", "South Africa", "Cape Town", "Western Cape",
                     "City of Cape Town", 1, id="place-word-ends-the-name"),
        pytest.param("A soldier was shot in Qxzran district center, Herat.", "Afghanistan",
                     "Qxzran", "Herat", "Qxzran", 1, id="district-centre-is-the-seat"),
        pytest.param("Shells hit Qxzarr area in northwestern Yemen (Abs, Hajjah).", "Yemen",
                     "Qxzarr", "Hajjah", "Abs", 1, id="country-between-place-and-units"),
        pytest.param("Forces fought east of Durayhimi in western Yemen (Ad Durayhimi, "
                     "Al Hudaydah).", "Yemen", "Ad Durayhimi", "Al Hudaydah", "Ad Durayhimi",
                     2, id="seat-spelled-as-its-district"),
        pytest.param("Forces fired at positions near Qxz Hills (Tartar Region), Tartar.",
                     "Azerbaijan", "Qxz Hills (Tartar Region)", "Tartar", None, 2,
                     id="bracket-tells-a-generic-name-apart"),
    ],
)
def test_place_with_its_units(gazetteer: Gazetteer, sentence: str, country: str, location: str,
                              admin1: str, admin2: str | None, precision: int) -> None:
    """The place named before its admin units, with the name as the text writes it."""
    found = only_place(sentence, gazetteer, country)
    place = found.place
    assert (place.location, place.admin1, place.admin2) == (location, admin1, admin2)
    assert found.geo_precision == precision


def test_attackers_base_is_less_sure_than_the_target(gazetteer: Gazetteer) -> None:
    """"Forces located at X fired at positions near Y": the event is coded at the target."""
    sentence = ("Forces located at hills in Terter region fired at positions near "
                "Qxz Hills (Tartar Region), Tartar.")
    base, target = places_of(sentence, gazetteer, "Azerbaijan")
    assert sentence[base.span[0]:base.span[1]] == "Terter"
    assert target.place.location == "Qxz Hills (Tartar Region)"
    assert base.confidence < target.confidence


def test_neighbourhood_is_less_sure_than_its_town(gazetteer: Gazetteer) -> None:
    """"in Colonia 5 de Mayo": GeoNames' villages called Colonia are not the place; the town
    named with its state is (codebook §7: a neighbourhood is its town)."""
    sentence = "In Guadalajara, Jalisco, a man was found dead in Colonia 5 de Mayo."
    found = places_of(sentence, gazetteer, "Mexico")
    town = next(e for e in found if e.place.location == "Guadalajara")
    assert all(e.confidence < town.confidence for e in found if e is not town)


def province_of(gazetteer: Gazetteer, name: str, country: str) -> str | None:
    """The admin1 the gazetteer gives a province's (or its capital's) name."""
    return next(p.admin1 for p in gazetteer.lookup(name, country) if p.country == country)


@pytest.mark.parametrize(
    ("sentence", "country", "location", "province", "admin2", "admin3", "precision"),
    [
        pytest.param("Jets struck hideouts in Qxzanin region of Dahuk, northern Iraq.", "Iraq",
                     "Qxzanin", "Dahuk", None, None, 2, id="region-of-province"),
        pytest.param("Jets struck hideouts in Qxzap (Qxzadiya) region of Erbil.", "Iraq",
                     "Qxzadiya", "Erbil", None, None, 2, id="region-other-name-in-brackets"),
        pytest.param("A mob attacked policemen in Qxzola village under Qxzhat police station "
                     "area (Gaya, Bihar).", "India", "Qxzhat", "Bihar", "Gaya", None, 2,
                     id="police-station-area"),
        pytest.param("In Qxzrial, Maturin municipality, Monagas state, residents looted shops.",
                     "Venezuela", "Qxzrial", "Monagas", "Maturin", None, 1,
                     id="village-then-municipality"),
        pytest.param("Militants blew up a bridge in Qxzongho, Doucoumbo Commune "
                     "(Bandiagara, Mopti).", "Mali", "Qxzongho", "Mopti", "Bandiagara",
                     "Doucoumbo", 1, id="village-then-commune-then-units"),
    ],
)
def test_unknown_place_in_the_unit_named_after_it(
        gazetteer: Gazetteer, sentence: str, country: str, location: str, province: str,
        admin2: str | None, admin3: str | None, precision: int) -> None:
    """A place no gazetteer knows, located by the area, station or unit that follows it."""
    found = only_place(sentence, gazetteer, country)
    place = found.place
    assert place.source == "text"
    assert (place.location, place.admin2, place.admin3) == (location, admin2, admin3)
    assert place.admin1 == province_of(gazetteer, province, country)
    assert found.geo_precision == precision


@pytest.mark.parametrize(
    ("sentence", "location", "precision"),
    [
        pytest.param("Protesters blocked the Qxzayel highway with burning tyres.", "Qxzayel", 1,
                     id="road-named-after-a-town"),
        pytest.param("Drivers blocked the Qxzaya-Qxzaa road.", "Qxzaya", 2,
                     id="road-between-two-towns"),
    ],
)
def test_road_names_its_town(gazetteer: Gazetteer, sentence: str, location: str,
                             precision: int) -> None:
    """With no known place, a road named after a town is where the blockade is."""
    found = find_unknown_places(sentence, gazetteer, loose=True)
    assert [(p.location, p.geo_precision) for p in found] == [(location, precision)]


class TestOtherSpelling:
    """A place named with its province but spelled otherwise than GeoNames (`lookup_loose`)
    takes that place's centroid and units under the text's spelling (ACLED's)."""

    @pytest.mark.parametrize(("sentence", "country", "written", "gazetteer_name"), [
        ("Regime shells hit Saraqab (Idleb) overnight.", "Syria", "Saraqab", "Saraqib"),
        ("Gunmen attacked Ceel Dheer (Galgaduud) on Friday.", "Somalia", "Ceel Dheer",
         "Ceeldheer"),
    ])
    def test_the_province_vouches_for_the_other_spelling(
        self, gazetteer: Gazetteer, sentence: str, country: str, written: str,
        gazetteer_name: str,
    ) -> None:
        assert not [p for p in gazetteer.lookup(written, country) if p.country == country]
        (geonames,) = [p for p in gazetteer.lookup(gazetteer_name, country)
                       if p.country == country][:1]
        found = only_place(sentence, gazetteer, country)
        assert found.place.location == written
        assert km(found.place, geonames) < 1
        assert found.place.admin1 == geonames.admin1

    def test_a_name_with_no_other_spelling_stays_without_coordinates(
        self, gazetteer: Gazetteer,
    ) -> None:
        found = only_place("Fighting broke out in Qxzwertabad (Idleb) on Friday.", gazetteer,
                           "Syria")
        assert found.place.location == "Qxzwertabad"
        assert math.isnan(found.place.latitude)


def test_an_unknown_village_spelled_otherwise_gets_the_gazetteer_place(
    gazetteer: Gazetteer,
) -> None:
    """`spelled_otherwise`: no province named, so only a near-identical spelling counts."""
    (geonames,) = [p for p in gazetteer.lookup("Ceeldheer", "Somalia")
                   if p.country == "Somalia"][:1]
    named = NamedPlace("Ceeldher", (25, 33), 1)
    found = spelled_otherwise(named, "Somalia", None, gazetteer)
    assert found is not None
    assert found.place.location == "Ceeldher" and km(found.place, geonames) < 1
    assert (found.span, found.geo_precision) == (named.span, 1)
    assert spelled_otherwise(NamedPlace("Qxzdheer", (25, 33), 1), "Somalia", None,
                             gazetteer) is None
