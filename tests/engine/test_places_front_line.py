"""Front-line villages: a numbered settlement lies in its town's province.

On the Donbas front (_THEATRES) a village GeoNames lacks is coded in the province the
sentence names, else the front's first one; "Zolote-4" is a mine settlement named after the
town Zolote and lies beside it, so its province is the town's.
"""

from __future__ import annotations

import pytest

from coder.engine.gazetteer import Gazetteer, normalise
from coder.engine.places import find_places


def _province_of(gazetteer: Gazetteer, town: str) -> str | None:
    """The province the gazetteer gives a front town (Donetsk or Luhansk oblast)."""
    return next(p.admin1 for p in gazetteer.lookup(normalise(town), "Ukraine")
                if p.kind == "place" and p.admin1 in ("Donetsk", "Luhansk"))


@pytest.mark.parametrize(
    ("sentence", "village", "town"),
    [
        pytest.param("The OSCE SMM observed two explosions near Zolote-5.", "Zolote-5",
                     "Zolote", id="smm-numbered-luhansk"),
        pytest.param("The SMM recorded shots near Zolote-4 on Monday.", "Zolote-4", "Zolote",
                     id="smm-numbered-other-number"),
        pytest.param("The SMM observed shelling near Horlivka-2.", "Horlivka-2", "Horlivka",
                     id="smm-numbered-donetsk"),
    ],
)
def test_numbered_settlement_in_its_towns_province(gazetteer: Gazetteer, sentence: str,
                                                   village: str, town: str) -> None:
    found = [e for e in find_places(sentence, gazetteer, "Ukraine") if e.place.kind == "place"]
    assert [e.place.location for e in found] == [village]
    assert found[0].place.admin1 == _province_of(gazetteer, town)
    start, end = found[0].span
    assert sentence[start:end] == village


def test_unknown_front_village_defaults_to_the_fronts_first_province(
        gazetteer: Gazetteer) -> None:
    # No number, no town: the front's first province, where most of its events are.
    sentence = "The OSCE SMM observed explosions near Verkhnozvirove."
    found = [e for e in find_places(sentence, gazetteer, "Ukraine") if e.place.kind == "place"]
    assert [(e.place.location, e.place.admin1) for e in found] == [
        ("Verkhnozvirove", "Donetsk")]


def test_numbered_settlement_off_the_front_is_not_moved(gazetteer: Gazetteer) -> None:
    # Without a front cue the numbered rule does not apply: no village is invented.
    found = find_places("Prices rose in Zolote-5 shops.", gazetteer, "Ukraine")
    assert [e.place.location for e in found if e.place.source == "text"] == []


def test_front_village_with_a_namesake_only_abroad_stays_in_the_fronts_country(
        gazetteer: Gazetteer) -> None:
    # "Elenovka" is also an old name of Sevan (Armenia): on the Donbas front it is the
    # Ukrainian village (Olenivka), written as the text spells it, in the front's province.
    abroad = gazetteer.lookup("elenovka", None)
    assert abroad and all(p.country != "Ukraine" for p in abroad)
    sentence = "The OSCE SMM observed explosions near Elenovka."
    found = [e.place for e in find_places(sentence, gazetteer, "Ukraine")]
    assert [(p.location, p.country, p.admin1) for p in found] == [
        ("Elenovka", "Ukraine", "Donetsk")]
