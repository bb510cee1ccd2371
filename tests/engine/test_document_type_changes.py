"""Document folds: what a later sentence tells of the event before it changes its type.

Sentences are ours; the expectations follow the codebook (§3: a protest that turns into
clashes on the same day is one Riots event, a Violent demonstration; Strategic developments
are non-violent, and looting counts only outside another violent event, so an operation
that meets armed resistance is a battle; §10: one event is one place and one day).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.document import suggest_document
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge
from coder.schema.events import EventFields

PUBLISHED = date(2024, 6, 5)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def _events(knowledge: Knowledge, sentences: list[str], country: str) -> list[EventFields]:
    found = suggest_document(sentences, DocumentMeta(published=PUBLISHED, country=country),
                             knowledge)
    return [s.event for row in found for s in row]


@pytest.mark.parametrize(("later", "expected"), [
    pytest.param("Some of them tried to force their way into the town hall, which turned into "
                 "clashes with the policemen.", "Violent demonstration", id="turned-into-clashes"),
    pytest.param("Several of them later clashed with police officers outside the building.",
                 "Violent demonstration", id="clashed-with-police"),
    # a later sentence that tells nothing violent leaves the protest as it was
    pytest.param("Several of them carried banners about the water shortage.",
                 "Peaceful protest", id="banners"),
])
def test_a_protest_that_turns_into_clashes_is_a_violent_demonstration(
        knowledge: Knowledge, later: str, expected: str) -> None:
    opening = "On 4 June 2024, dozens of residents demonstrated in Gyumri against water cuts."
    events = _events(knowledge, [opening, later], "Armenia")
    assert [e.sub_event_type for e in events] == [expected]


def test_the_police_a_later_clash_names_face_the_crowd(knowledge: Knowledge) -> None:
    """The force the crowd clashed with is the riot's second side (§3, §6)."""
    opening = "On 4 June 2024, dozens of residents demonstrated in Gyumri against water cuts."
    later = "Some of them tried to enter the town hall, which turned into clashes with policemen."
    events = _events(knowledge, [opening, later], "Armenia")
    assert len(events) == 1
    assert events[0].inter2 == 1  # state forces [§5]
    assert events[0].actor1 is not None and events[0].actor1.startswith("Rioters")


@pytest.mark.parametrize(("later", "expected"), [
    pytest.param("Two armed men exchanged fire with the agents during the operation.",
                 "Armed clash", id="exchanged-fire"),
    pytest.param("A shoot-out broke out when the agents reached the house.",
                 "Armed clash", id="shoot-out-broke-out"),
    # what a later sentence tells without a fight leaves the seizure as it was
    pytest.param("A man was arrested at the site.", "Looting/property destruction",
                 id="arrest-only"),
])
def test_an_operation_that_meets_armed_resistance_is_a_battle(
        knowledge: Knowledge, later: str, expected: str) -> None:
    opening = "On 4 June 2024, in Contagem, federal police dismantled a cocaine lab."
    events = _events(knowledge, [opening, later], "Brazil")
    assert [e.sub_event_type for e in events] == [expected]


def test_a_foiled_device_stays_disrupted_when_a_later_sentence_names_a_planned_ambush(
        knowledge: Knowledge) -> None:
    """A plan is no fight (§3 Disrupted weapons use: the weapon was not used)."""
    opening = ("On 4 June 2024, soldiers recovered three improvised explosive devices planted "
               "by rebels near Catbalogan.")
    later = "Officials said the devices were meant to be used in an imminent ambush attempt."
    events = _events(knowledge, [opening, later], "Philippines")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


@pytest.mark.parametrize("later", [
    pytest.param("The individual was kept detained and questioned about army posts in Gao.",
                 id="the-individual"),
    pytest.param("The man was detained in a house in Gao for two days.", id="the-man"),
])
def test_a_later_sentence_about_the_victim_tells_the_same_event(
        knowledge: Knowledge, later: str) -> None:
    """"The individual", like "he", is the person the story told of: the sentence adds to its
    event, even when it names another place, and is no new arrest (§10)."""
    opening = "On 4 June 2024, gunmen abducted a trader near Ansongo."
    events = _events(knowledge, [opening, later], "Mali")
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]


def test_the_dead_of_the_cause_are_not_the_events_toll(knowledge: Knowledge) -> None:
    """"This development follows clashes, which killed two": those dead belong to the clashes
    (§8 counts the deaths of the event; §10 another day is another event)."""
    opening = ("On 4 June 2024, elders of two clans signed a peace agreement in Galkayo to end "
               "a dispute over grazing land.")
    later = ("This development follows recent clashes between the clans, which resulted in the "
             "death of two herders.")
    events = _events(knowledge, [opening, later], "Somalia")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Agreement", 0)]


@pytest.mark.parametrize(("later", "expected"), [
    # found decomposed: the death came days or weeks before, known only to the month (§7)
    pytest.param("The body was in an advanced state of decomposition.", 3, id="decomposed"),
    pytest.param("Only skeletal remains were left.", 3, id="skeletal"),
    # a body found fresh keeps the found day's week precision (§7 code 2)
    pytest.param("The body bore several gunshot wounds.", 2, id="gunshot-wounds"),
])
def test_a_body_found_decomposed_is_dated_to_the_month(
        knowledge: Knowledge, later: str, expected: int) -> None:
    opening = "On 4 June 2024, in Navolato, Sinaloa, a man was found dead beside a canal."
    events = _events(knowledge, [opening, later], "Mexico")
    assert [(e.sub_event_type, e.time_precision) for e in events] == [("Attack", expected)]
