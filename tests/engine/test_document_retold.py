"""Document rules: what later sentences tell of the story's event.

Sentences are ours. Expectations follow the codebook and the actor dictionary's seeds: where
ACLED names an unnamed killer after the country's gangs (the seeds' `unnamed_in`), the marks
of organised crime a later sentence tells make the killer that gang, as in the killing's own
sentence; a total told for several days or places is split evenly over the events, the
remainder to the first (§8); one event is one place and one day (§10), so a later sentence
that tells more of the attack at a place the story named is that event, and civilians a
strike on an armed side also hit are its associated actor 2 (§11 example 5); an event months
before the story's is its background.
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_support import document_events as _events

from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import Knowledge

_DAY = date(2020, 5, 9)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


_MEXICAN_KILLING = "On 9 May 2020, in Culiacan, Sinaloa, two men were shot and killed in a street."


@pytest.mark.parametrize(("sentences", "country", "expected"), [
    pytest.param([_MEXICAN_KILLING, "Their hands were tied."], "Mexico",
                 "Unidentified Gang (Mexico)", id="bound-victims"),
    pytest.param([_MEXICAN_KILLING, "Police said the killing was linked to a criminal group."],
                 "Mexico", "Unidentified Gang (Mexico)", id="criminal-motive"),
    pytest.param(["On 9 May 2020, in Soyapango (San Salvador), a bus driver was shot and killed.",
                  "Gang members were blamed for the killing."], "El Salvador",
                 "Unidentified Gang (El Salvador)", id="el-salvador-gang"),
    pytest.param(["On 9 May 2020, in Sao Goncalo, Rio de Janeiro, a man was shot and killed.",
                  "Police said the killing was linked to drug trafficking."], "Brazil",
                 "Unidentified Gang and/or Police Militia", id="brazil-gang"),
    pytest.param([_MEXICAN_KILLING, "The victims were brothers."], "Mexico",
                 "Unidentified Armed Group (Mexico)", id="no-mark"),
    pytest.param(["On 9 May 2020, in Cali, Valle del Cauca, two men were shot and killed in a "
                  "street.", "Their hands were tied."], "Colombia",
                 "Unidentified Armed Group (Colombia)", id="no-gang-default-there"),
])
def test_later_marks_of_organised_crime_name_the_gang(
        knowledge: Knowledge, sentences: list[str], country: str, expected: str) -> None:
    events = _events(knowledge, sentences, country)
    assert len(events) == 1
    assert events[0].actor1 == expected
    assert events[0].inter1 == 3


def test_later_toll_is_split_over_the_days_the_event_lasted(knowledge: Knowledge) -> None:
    events = _events(knowledge, [
        "On 9 May 2020, Nigerian troops shelled Boko Haram positions near Bama (Borno) on two "
        "consecutive days.", "40 militants were killed."], "Nigeria")
    assert [e.fatalities for e in events] == [40 // 2]


def test_later_toll_is_split_over_the_places_listed(knowledge: Knowledge) -> None:
    events = _events(knowledge, [
        "On 9 May 2020, Nigerian troops shelled Boko Haram positions in Bama and Gwoza (Borno).",
        "Nine militants were killed."], "Nigeria")
    assert [e.location for e in events] == ["Bama", "Gwoza"]
    # 9 over two places: the odd one to the first (§8)
    assert [e.fatalities for e in events] == [5, 4]


def test_later_toll_of_one_place_and_day_is_whole(knowledge: Knowledge) -> None:
    events = _events(knowledge, [
        "On 9 May 2020, Nigerian troops shelled Boko Haram positions near Bama (Borno).",
        "Nine militants were killed."], "Nigeria")
    assert [e.fatalities for e in events] == [9]


def test_killing_at_a_village_the_story_named_is_the_same_attack(knowledge: Knowledge) -> None:
    events = _events(knowledge, [
        "On 9 May 2020, CODECO militiamen raided the villages of Ngoupou and Bahema Nord, near "
        "Bule (Djugu, Ituri).", "The militiamen killed 3 civilians in Ngoupou."],
        "Democratic Republic of Congo")
    assert len(events) == 1
    assert events[0].fatalities == 3


def test_killing_at_a_place_the_story_did_not_name_is_another_event(
        knowledge: Knowledge) -> None:
    events = _events(knowledge, [
        "On 9 May 2020, CODECO militiamen raided the village of Ngoupou, near Bule (Djugu, "
        "Ituri).", "CODECO militiamen killed 3 civilians in Mongbwalu (Djugu, Ituri)."],
        "Democratic Republic of Congo")
    assert len(events) == 2
    assert [e.fatalities for e in events] == [0, 3]


def test_civilians_a_strike_also_hit_join_it(knowledge: Knowledge) -> None:
    events = _events(knowledge, [
        "On 9 May 2020, LNA forces fired rockets at GNA positions in Tagiura (Tripoli).",
        "A rocket also hit a market in Tagiura, killing two civilians."], "Libya")
    assert len(events) == 1
    assert events[0].fatalities == 2
    assert events[0].inter2 != 7  # the armed side stays the target
    assert "Civilians (Libya)" in (events[0].assoc_actor_2 or "").split("; ")


def test_event_months_before_the_story_is_background(knowledge: Knowledge) -> None:
    events = _events(knowledge, [
        "On 9 May 2020, about 30 people protested in Gomel, demanding the release of a "
        "journalist.", "The journalist had covered a demonstration in Minsk in December 2019."],
        "Belarus")
    assert [(e.location, e.event_date) for e in events] == [("Gomel", _DAY)]


_SHOOTING = "On 9 May 2020, in Ponce, gunmen shot at a house in a housing complex."


@pytest.mark.parametrize(("follow_up", "sub_event_type"), [
    pytest.param("The two sides exchanged fire for an hour.", "Armed clash", id="exchange"),
    pytest.param("When police arrived, the gunmen opened fire at the officers, wounding two.",
                 "Armed clash", id="fire-at-police"),
    pytest.param("Two residents were wounded.", "Attack", id="one-sided"),
    pytest.param("The attackers then fired at passing cars.", "Attack", id="fire-at-civilians"),
])
def test_attack_answered_with_fire_is_a_clash(
        knowledge: Knowledge, follow_up: str, sub_event_type: str) -> None:
    events = _events(knowledge, [_SHOOTING, follow_up], "Puerto Rico")
    assert [e.sub_event_type for e in events] == [sub_event_type]
    if sub_event_type == "Armed clash":
        # both sides armed (§3): no civilians left as a side, no civilian targeting
        assert 7 not in (events[0].inter1, events[0].inter2)
        assert events[0].civilian_targeting is None


def test_force_that_was_fired_at_is_the_second_side(knowledge: Knowledge) -> None:
    events = _events(knowledge, [
        _SHOOTING, "When police arrived, the gunmen opened fire at the officers, wounding two."],
        "Puerto Rico")
    assert events[0].inter1 == 3 and events[0].inter2 == 1


@pytest.mark.parametrize(("follow_up", "sub_event_type", "sides"), [
    pytest.param("A clash broke out and two NPA rebels were killed.", "Armed clash", {1, 2},
                 id="clash-after-raid"),
    pytest.param("Two residents were detained.", "Attack", {1, 7}, id="raid-only"),
])
def test_clash_told_after_a_raid_makes_it_a_battle(
        knowledge: Knowledge, follow_up: str, sub_event_type: str, sides: set[int]) -> None:
    events = _events(knowledge, [
        "On 9 May 2020, soldiers raided a house in Bacolod (Negros Occidental).", follow_up],
        "Philippines")
    assert [e.sub_event_type for e in events] == [sub_event_type]
    assert {events[0].inter1, events[0].inter2} == sides
