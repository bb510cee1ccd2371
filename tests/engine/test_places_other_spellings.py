"""Names written otherwise than the gazetteer writes them, read inside the document's country.

A qualifier may leave out a name's Arabic article ("(Hoceima)" for Al Hoceima) or spell an
admin1 otherwise ("Tilabery" for Tillaberi); a front hamlet may end in a word GeoNames
knows ("Khutir Vilny"); a demonym may be joined to a word by a hyphen ("Palestinian-owned");
a province named only by compass words ("North-West") is not another country's.
"""

from __future__ import annotations

import pytest

from coder.engine.gazetteer import Gazetteer, normalise
from coder.engine.places import country_mentions, find_places


def _admin1_of(gazetteer: Gazetteer, name: str, country: str) -> str | None:
    """The admin1 the gazetteer gives the unit or town ``name`` of ``country``."""
    return next((p.admin1 for p in gazetteer.lookup(name, country)
                 if p.country == country), None)


@pytest.mark.parametrize(
    ("written", "country", "unit"),
    [
        pytest.param("Tilabery", "Niger", "Tillaberi", id="single-l-final-y"),
        pytest.param("Zindar", "Niger", "Zinder", id="vowel"),
    ],
)
def test_admin1_spelled_otherwise(gazetteer: Gazetteer, written: str, country: str,
                                  unit: str) -> None:
    assert normalise(written) not in gazetteer  # the case: lookup alone finds nothing
    found = gazetteer.admin1_spelled(written, country)
    assert found is not None
    assert found.kind == "admin1"
    assert found.admin1 == _admin1_of(gazetteer, unit, country)


@pytest.mark.parametrize(
    ("written", "country"),
    [
        pytest.param("Tilabery", "Mali", id="other-country"),
        pytest.param("Zanzibar", "Niger", id="unlike-any-unit"),
        pytest.param("Til", "Niger", id="too-short"),
    ],
)
def test_admin1_spelled_otherwise_needs_a_close_unit_of_the_country(
        gazetteer: Gazetteer, written: str, country: str) -> None:
    assert gazetteer.admin1_spelled(written, country) is None


def test_qualifier_in_another_spelling_gives_the_province(gazetteer: Gazetteer) -> None:
    sentence = "Militants attacked the village of Gaigorou (Dessa, Tilabery) at night."
    found = find_places(sentence, gazetteer, "Niger")
    assert [e.place.location for e in found] == ["Gaigorou"]
    assert found[0].place.admin1 == _admin1_of(gazetteer, "Tillaberi", "Niger")
    assert found[0].place.admin2 == "Dessa"


def test_qualifier_without_its_article_is_the_unit_of_the_country(gazetteer: Gazetteer
                                                                   ) -> None:
    assert "hoceima" not in gazetteer and "al hoceima" in gazetteer
    sentence = "Workers held a sit-in in Sidi Bouafif (Hoceima) on Monday."
    found = find_places(sentence, gazetteer, "Morocco")
    assert [e.place.location for e in found] == ["Sidi Bouafif"]
    assert found[0].place.admin1 == _admin1_of(gazetteer, "Al Hoceima", "Morocco")


def test_article_is_not_added_outside_the_document_country(gazetteer: Gazetteer) -> None:
    sentence = "Workers held a sit-in in Sidi Bouafif (Hoceima) on Monday."
    moroccan = _admin1_of(gazetteer, "Al Hoceima", "Morocco")
    assert all(e.place.admin1 != moroccan for e in find_places(sentence, gazetteer, "Algeria"))


@pytest.mark.parametrize(
    ("sentence", "hamlet"),
    [
        pytest.param("The OSCE SMM observed 41 explosions near Khutir Vilny.", "Khutir Vilny",
                     id="word-before"),
        pytest.param("The SMM heard shots near Khutir-Vilny.", "Khutir-Vilny", id="hyphen"),
        pytest.param("Near Vilny, the OSCE SMM observed explosions.", "Vilny",
                     id="sentence-opener-is-no-part"),
        pytest.param("The SMM saw the Ukrainian Forces Vilny base.", "Vilny",
                     id="stopword-is-no-part"),
    ],
)
def test_front_hamlet_is_named_by_its_whole_name(gazetteer: Gazetteer, sentence: str,
                                                 hamlet: str) -> None:
    # "Vilny" alone is another spelling of a GeoNames town far from the front; the
    # capitalised name words before it are part of the hamlet's name.
    assert "vilny" in gazetteer and "khutir vilny" not in gazetteer
    found = [e for e in find_places(sentence, gazetteer, "Ukraine") if e.place.kind == "place"]
    assert [e.place.location for e in found] == [hamlet]
    assert sentence[found[0].span[0]:found[0].span[1]] == hamlet


@pytest.mark.parametrize(
    ("sentence", "demonym"),
    [
        pytest.param("Israeli forces seized Palestinian-owned land near the village.",
                     "Palestinian", id="owned"),
        pytest.param("Armenian-populated villages came under fire.", "Armenian",
                     id="populated"),
    ],
)
def test_demonym_joined_by_a_hyphen_is_a_country_mention(gazetteer: Gazetteer, sentence: str,
                                                         demonym: str) -> None:
    country = gazetteer.country_of(normalise(demonym))
    assert country is not None
    start = sentence.index(demonym)
    assert any(m.country == country and m.span == (start, start + len(demonym))
               for m in country_mentions(sentence, gazetteer))


def test_compass_named_province_of_another_country_is_not_read(gazetteer: Gazetteer) -> None:
    # Several countries have a "North-West" province; a Sierra Leonean text's is not
    # Cameroon's, so no place abroad is made of it.
    abroad = {p.country for p in gazetteer.lookup("North-West") if p.kind == "admin1"}
    assert abroad - {"Sierra Leone"}
    sentence = "Youths demonstrated in Lunsar town (Port Loko, North-West) on Friday."
    found = find_places(sentence, gazetteer, "Sierra Leone")
    assert found
    assert {e.place.country for e in found} == {"Sierra Leone"}


def test_two_spellings_of_one_town_give_one_location(gazetteer: Gazetteer) -> None:
    # A note naming a town twice, in two romanisations, must not make two places of it
    # (the document step would make a second event of the second).
    first = find_places("Mortars hit the limits of Puli Alam city, Logar.", gazetteer,
                        "Afghanistan")
    second = find_places("A mortar round went off in Pol-e-Alam city.", gazetteer,
                         "Afghanistan")
    assert len(first) == len(second) == 1
    assert first[0].place.location == second[0].place.location
    assert first[0].place.admin1 == second[0].place.admin1 == "Logar"
