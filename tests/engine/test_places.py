"""The place step: sentences in, places with geo_precision out (codebook §7)."""

from __future__ import annotations

import pytest

from coder.engine.gazetteer import Gazetteer, Place, load_gazetteer, normalise
from coder.engine.places import PlaceEvidence, find_country, find_places

AF, NG, SO = "Afghanistan", "Nigeria", "Somalia"


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """Shares its cache directory with test_gazetteer.py, so one session builds it once."""
    return load_gazetteer(tmp_path_factory.getbasetemp() / "gazetteer-cache")


def _one(found: list[PlaceEvidence]) -> PlaceEvidence:
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "country", "location", "admin1", "precision"),
    [
        pytest.param(
            "Clashes erupted in Rukha, Panjshir province.",
            AF,
            "Rukha",
            "Panjshir",
            1,
            id="town-with-province",
        ),
        pytest.param(
            "Shelling hit Panjshir's Rukha district on Sunday.",
            AF,
            "Rukha",
            "Panjshir",
            2,
            id="district-possessive",
        ),
        pytest.param(
            "Resistance fighters regrouped in the Panjshir valley.",
            AF,
            "Panjshir Valley",
            "Panjshir",
            3,
            id="valley-feature",
        ),
        pytest.param(
            "Fighting was reported in Panjshir.",
            AF,
            "Bazarak",
            "Panjshir",
            3,
            id="province-only-capital",
        ),
        pytest.param(
            "Militants raided a camp near Maiduguri.", NG, "Maiduguri", "Borno", 2, id="near"
        ),
        pytest.param("Insurgents attacked Gwoza town at dawn.", NG, "Gwoza", "Borno", 1, id="town"),
        pytest.param(
            "Troops were deployed in Borno state.", NG, "Maiduguri", "Borno", 3, id="state-only"
        ),
        pytest.param(
            "Soldiers patrolled the Sambisa Forest.",
            NG,
            "Sambisa Forest",
            "Borno",
            3,
            id="forest-feature",
        ),
        pytest.param(
            "A mortar hit Mogadishu's Hodan district.",
            SO,
            "Mogadishu - Hodan",
            "Banadir",
            1,
            id="city-district",
        ),
        pytest.param(
            "Al Shabaab attacked a base outside Afgooye.",
            SO,
            "Afgooye",
            "Lower Shabelle",
            2,
            id="outside",
        ),
        pytest.param(
            "Fighters took Ras Kamboni overnight.",
            SO,
            "Ras Kamboni",
            "Lower Juba",
            1,
            id="two-word-town",
        ),
        pytest.param(
            "Clashes broke out in villages around Jowhar.",
            SO,
            "Jowhar",
            "Middle Shabelle",
            2,
            id="villages-around",
        ),
        pytest.param(
            "Police clashed with protesters on the outskirts of Kabul.",
            AF,
            "Kabul",
            "Kabul",
            1,
            id="outskirts-is-1",
        ),
        pytest.param(
            "Gunmen killed two people in Kandahar.",
            AF,
            "Kandahar",
            "Kandahar",
            1,
            id="city-named-like-province",
        ),
        pytest.param(
            "Gunmen killed two people in Kandahar province.",
            AF,
            "Kandahar",
            "Kandahar",
            3,
            id="province-word",
        ),
        pytest.param(
            "Airstrikes hit the Beni area.",
            "Democratic Republic of Congo",
            "Beni",
            "Nord-Kivu",
            2,
            id="area",
        ),
        pytest.param("Rebels shelled al-Bab.", "Syria", "Al Bab", "Aleppo", 1, id="arabic-article"),
        pytest.param(
            "A drone struck Dera Ismail Khan.",
            "Pakistan",
            "Dera Ismail Khan",
            None,
            1,
            id="three-words",
        ),
        pytest.param(
            "Afghan forces retreated towards Charikar.",
            None,
            "Charikar",
            "Parwan",
            1,
            id="country-from-demonym",
        ),
        pytest.param(
            "Taliban fighters entered Andarab district.", AF, "Andarab", "Baghlan", 2, id="admin2"
        ),
    ],
)
def test_place_and_geo_precision(
    gazetteer: Gazetteer,
    sentence: str,
    country: str | None,
    location: str,
    admin1: str | None,
    precision: int,
) -> None:
    found = _one(find_places(sentence, gazetteer, country))
    assert found.place.location == location
    if admin1 is not None:
        assert found.place.admin1 == admin1
    assert found.geo_precision == precision
    named = normalise(sentence[slice(*found.span)])  # the span names the place or its province
    assert normalise(location.split(" - ")[-1]) in named or named == normalise(admin1 or "")


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Taliban fighters said they would hold the valley.", id="taliban-valley-said"),
        pytest.param("The Islamic State claimed the attack on Sunday.", id="islamic-state-sunday"),
        pytest.param(
            "Police said the President met the Army chief in January.", id="titles-months"
        ),
        pytest.param("General Dostum told reporters nothing.", id="person-after-title"),
        pytest.param("clashes were reported in rukha.", id="lower-case-is-never-looked-up"),
    ],
)
def test_non_places_give_nothing(gazetteer: Gazetteer, sentence: str) -> None:
    assert find_places(sentence, gazetteer, AF) == []


def test_several_places_come_in_text_order(gazetteer: Gazetteer) -> None:
    sentence = "Fighting spread from Bazarak to Rukha and Anaba."
    found = find_places(sentence, gazetteer, AF)
    assert [e.place.location for e in found] == ["Bazarak", "Rukha", "Anaba"]
    assert [e.span[0] for e in found] == sorted(e.span[0] for e in found)


@pytest.mark.parametrize(
    ("country", "expected"),
    [("Lebanon", "Lebanon"), ("Libya", "Libya")],
)
def test_ambiguous_name_resolved_by_document_country(
    gazetteer: Gazetteer, country: str, expected: str
) -> None:
    found = _one(find_places("Protesters gathered in Tripoli.", gazetteer, country))
    assert found.place.country == expected


def test_in_country_match_is_more_confident_than_a_foreign_one(gazetteer: Gazetteer) -> None:
    home = _one(find_places("Shelling hit Kandahar.", gazetteer, AF))
    abroad = _one(find_places("Shelling hit Kandahar.", gazetteer, SO))
    assert home.confidence > abroad.confidence


def test_imported_event_place_wins(gazetteer: Gazetteer) -> None:
    event = Place("Rukha", AF, "Panjshir", "Rukha", None, 35.25, 69.49, 0, "place")
    found = _one(find_places("Clashes in Rukha.", gazetteer.add([event]), AF))
    assert found.place == event


@pytest.mark.parametrize(
    ("sentence", "country", "span"),
    [
        ("Afghan forces withdrew.", AF, (0, 6)),
        (
            "Troops entered the Democratic Republic of Congo on Monday.",
            "Democratic Republic of Congo",
            (19, 47),
        ),
        ("Somali troops and US advisers", SO, (0, 6)),
        ("He said US advisers had left.", "United States", (8, 10)),
        ("Clashes were reported in Rukha.", None, None),
    ],
)
def test_find_country(
    gazetteer: Gazetteer, sentence: str, country: str | None, span: tuple[int, int] | None
) -> None:
    found = find_country(sentence, gazetteer)
    assert (found[0], found[1]) == (country, span) if found else country is None


def test_document_country_beats_a_country_named_in_text(gazetteer: Gazetteer) -> None:
    """Metadata first: a Lebanese document stays in Lebanon even when Libya is mentioned."""
    found = _one(find_places("Libyan envoys arrived in Tripoli.", gazetteer, "Lebanon"))
    assert found.place.country == "Lebanon"
