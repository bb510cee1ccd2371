"""Document rules: a force that polices a gathering in a later sentence, and gang victims.

Sentences are ours. Expectations follow the codebook: a peaceful protest that a force
physically acts on is a Protest with intervention, and the force is its second side; a
violent demonstration's second side is the force that faced the rioters (§3); crowd control
is policing, so "security forces" facing a crowd are the police (§5); a victim told to be a
gang member makes the killing a clash of armed groups (§3), and the unnamed sides take the
names ACLED gives unnamed armed groups in that country (§6, the actor dictionary).
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


_RIOT = ("On 9 May 2020, in La Plata, Buenos Aires, factory workers set fire to tires in front "
         "of the plant over unpaid wages.")
_PROTEST = ("On 9 May 2020, in Gombe, Gombe, traders staged a protest against the closure of "
            "the main market.")


@pytest.mark.parametrize("follow_up", [
    pytest.param("The police tried to contain the demonstration.", id="tried-to-contain"),
    pytest.param("The police had to intervene.", id="had-to-intervene"),
    pytest.param("Police officers were able to control the riot.", id="control-the-riot"),
    pytest.param("The police responded and contained the situation.", id="responded"),
    pytest.param("Police brought the situation under control.", id="under-control"),
])
def test_police_named_later_face_the_rioters(knowledge: Knowledge, follow_up: str) -> None:
    """§3 Violent demonstration: the force that faced the rioters is the second side."""
    [event] = _events(knowledge, [_RIOT, follow_up], "Argentina")
    assert event.sub_event_type == "Violent demonstration"
    assert event.actor2 == knowledge.actors.state_force("Argentina", "police", _DAY)
    assert event.inter2 == 1


@pytest.mark.parametrize("follow_up", [
    pytest.param("The workers urged the police to intervene.", id="asked-to-intervene"),
    pytest.param("They asked the authorities to control prices.", id="asked-to-control"),
    pytest.param("Police said the workers wanted to contain costs.", id="not-a-crowd"),
])
def test_a_request_or_another_object_is_no_intervention(knowledge: Knowledge,
                                                        follow_up: str) -> None:
    """A force asked to act, or acting on something other than the crowd, did not face it."""
    [event] = _events(knowledge, [_RIOT, follow_up], "Argentina")
    assert event.actor2 is None


def test_a_wider_cue_after_a_peaceful_protest_is_an_intervention(knowledge: Knowledge) -> None:
    """§3: a peaceful protest a force acts on is a Protest with intervention."""
    [event] = _events(knowledge, [_PROTEST, "Soldiers had to intervene."], "Nigeria")
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor2 == knowledge.actors.state_force("Nigeria", "military", _DAY)


@pytest.mark.parametrize(("follow_up", "force"), [
    pytest.param("Security forces dispersed the crowd.", "police", id="security-forces"),
    pytest.param("Soldiers dispersed the crowd.", "military", id="soldiers"),
])
def test_security_forces_facing_a_crowd_are_the_police(knowledge: Knowledge, follow_up: str,
                                                       force: str) -> None:
    """§5: crowd control is policing; soldiers named are the military."""
    [event] = _events(knowledge, [_PROTEST, follow_up], "Nigeria")
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor2 == knowledge.actors.state_force("Nigeria", force, _DAY)


_SHOOTING = "On 9 May 2020, in {place}, a man was shot and injured by an armed man."
_CHARGES = "The victim had charges against him for drug trafficking."


def test_a_gang_victim_takes_the_countrys_unnamed_gang(knowledge: Knowledge) -> None:
    """§6: where ACLED names unnamed armed sides after the country's gangs, the victim's side
    and the unnamed shooter take those names (the actor dictionary's unnamed names)."""
    [event] = _events(knowledge, [_SHOOTING.format(place="Contagem, Minas Gerais"), _CHARGES],
                      "Brazil")
    battles = knowledge.actors.unnamed("Brazil", "Battles", _DAY)
    killers = knowledge.actors.unnamed("Brazil", "Violence against civilians", _DAY)
    assert battles is not None and killers is not None
    assert event.sub_event_type == "Armed clash"
    assert event.actor2 == battles[0]
    assert event.actor1 == killers[0]


def test_a_gang_victim_elsewhere_is_an_unidentified_armed_group(knowledge: Knowledge) -> None:
    """§6: with no country-specific name, the unnamed sides are Unidentified Armed Groups."""
    assert knowledge.actors.unnamed("Colombia", "Battles", _DAY) is None
    [event] = _events(knowledge, [_SHOOTING.format(place="Cali, Valle del Cauca"), _CHARGES],
                      "Colombia")
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 == "Unidentified Armed Group (Colombia)"
    assert event.actor2 == "Unidentified Armed Group (Colombia)"
