"""South Asian state forces and party names: units tell their home country, bracketed acronyms.

Codebook §5/§6: a state force's unit is "Police Forces of {State} ({years}) {Unit}"; a unit
that only serves at home (India's central armed police forces) tells where a report is from
when nothing else does. ACLED's South Asian names carry brackets ("CPI(M)", "NSCN (IM)").
"""

from __future__ import annotations

import csv
from datetime import date
from importlib.resources import files

import pytest

from coder.engine.actors import (
    Actor,
    ActorDictionary,
    Regime,
    find_actors,
    parse_actor_rows,
    parse_regime_rows,
)

ON = date(2020, 5, 4)
INDIA = Regime("India", 2014, None)
BSF = Actor("Police Forces of India (*) Border Security Force", 1, "India",
            ("BSF", "Border Security Force"))
INDIAN_ARMY = Actor("Military Forces of India (*)", 1, "India", ("Indian Army",))
CPIM = Actor("CPI(M): Communist Party of India (Marxist)", 3, "India", ("CPI(M)",))
NSCN = Actor("NSCN-IM: National Socialist Council of Nagaland-Isak-Muivah", 2, "India",
             ("NSCN (IM)",))


@pytest.fixture(scope="module")
def small() -> ActorDictionary:
    return ActorDictionary.build([BSF, INDIAN_ARMY, CPIM, NSCN], [INDIA], {"India": "Indian"})


def _rendered(template: str, regime: Regime) -> str:
    return template.replace("(*)", regime.years)


def test_a_units_name_for_a_day_has_its_seed_rows_home(small: ActorDictionary) -> None:
    assert small.home_country(_rendered(BSF.name, INDIA)) == BSF.country


def test_a_unit_mentioned_without_a_country_names_its_home(small: ActorDictionary) -> None:
    sentence = "BSF personnel assaulted a reporter at an unspecified location."
    found = [m for m in find_actors(sentence, small, None, ON) if not m.assoc_label]
    assert [m.actor for m in found] == [_rendered(BSF.name, INDIA)]
    assert small.home_country(found[0].actor) == "India"


def test_bare_state_forces_tell_no_home(small: ActorDictionary) -> None:
    # State forces fight abroad too (External/Other forces): they never vote for a country.
    assert small.home_country(_rendered(INDIAN_ARMY.name, INDIA)) is None
    assert small.home_country("Police Forces of India (2014-) Unknown Unit") is None


@pytest.mark.parametrize(("sentence", "surface", "actor"), [
    ("Members of the CPI(M) held a sit-in.", "CPI(M)", CPIM.name),
    ("Members of the CPI (M) held a sit-in.", "CPI (M)", CPIM.name),
    ("NSCN (IM) cadres were arrested.", "NSCN (IM)", NSCN.name),
])
def test_bracketed_acronyms_match(small: ActorDictionary, sentence: str, surface: str,
                                  actor: str) -> None:
    found = [m for m in find_actors(sentence, small, "India", ON) if not m.assoc_label]
    assert [m.actor for m in found] == [actor]
    start = found[0].span[0]
    assert sentence[start:].startswith(surface.split("(")[0])


def _seed_rows(name: str) -> list[dict[str, str]]:
    with (files("coder.seeds") / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def seeds() -> ActorDictionary:
    return ActorDictionary.build(parse_actor_rows(_seed_rows("actors.csv")),
                                 parse_regime_rows(_seed_rows("regimes.csv")), {})


@pytest.mark.parametrize(("acronym", "unit"), [
    ("BSF", "Border Security Force"),
    ("CRPF", "Central Reserve Police Force"),
    ("CISF", "Central Industrial Security Force"),
    ("ITBP", "Indo-Tibetan Border Police"),
    ("SSB", "Sashastra Seema Bal"),
    ("GRP", "Government Railway Police"),
])
def test_indias_central_police_forces_resolve_with_their_home(
        seeds: ActorDictionary, acronym: str, unit: str) -> None:
    regime = seeds.regime_on("India", ON)
    assert regime is not None
    sentence = f"Militants attacked a {acronym} camp."
    names = [m.actor for m in find_actors(sentence, seeds, None, ON) if not m.assoc_label]
    expected = f"Police Forces of India {regime.years} {unit}"
    assert expected in names
    assert seeds.home_country(expected) == "India"


@pytest.mark.parametrize(("sentence", "country", "surface", "kind"), [
    # A police unit named with a military word is police (codebook §6: Police Forces of ...).
    ("A team of district police commandos recovered arms.", "India", "police commandos",
     "Police Forces of India"),
    ("Army commandos raided a hideout.", "India", "commandos", "Military Forces of India"),
    ("Armed Police fired warning shots at the crossing.", "Nepal", "Armed Police",
     "Police Forces of Nepal"),
])
def test_police_and_military_words(seeds: ActorDictionary, sentence: str, country: str,
                                   surface: str, kind: str) -> None:
    found = {sentence[m.span[0]:m.span[1]]: m.actor
             for m in find_actors(sentence, seeds, country, ON) if not m.assoc_label}
    assert found[surface].startswith(kind)


def test_nepals_armed_police_is_not_named_outside_nepal(seeds: ActorDictionary) -> None:
    # A lower-case alias is a generic phrase of the actor's own country only (module docstring).
    sentence = "Armed police fired warning shots at the crossing."
    names = [m.actor for m in find_actors(sentence, seeds, "India", ON)]
    assert not any("Nepal" in name for name in names)


def test_a_bracketed_acronym_is_highlighted_whole(small: ActorDictionary) -> None:
    """The evidence span of "CPI(M)" ends after its closing bracket, not before it."""
    sentence = "Activists of the CPI(M) staged a protest in Kolkata."
    found = [m for m in find_actors(sentence, small, "India", ON) if m.actor == CPIM.name]
    assert [sentence[m.span[0]:m.span[1]] for m in found] == ["CPI(M)"]
