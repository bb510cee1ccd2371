"""One event told over several sentences: the story's place and day, its claimant, its sides.

Sentences are ours; the expectations follow the codebook (§10: one event is one place and one
day, battles always have two actors; §6: an unnamed armed side is an Unidentified Armed Group
of the country; §11 example 6: the group that claims an attack is its actor1) or are read from
the inputs (the gazetteer's entry for the place a sentence names).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.document import suggest_document
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge, Suggestion
from coder.engine.places import find_places

PUBLISHED = date(2023, 3, 20)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def _events(knowledge: Knowledge, sentences: list[str], country: str
            ) -> list[tuple[int, Suggestion]]:
    found = suggest_document(sentences, DocumentMeta(published=PUBLISHED, country=country),
                             knowledge)
    return [(index, s) for index, row in enumerate(found) for s in row]


def test_an_event_whose_sentence_names_no_place_or_day_is_at_the_storys(
        knowledge: Knowledge) -> None:
    """The shoot-out happened where and when the sentence before set the story (§10)."""
    opening = "On 3 March 2023, in Jowhar, elders met to settle a land dispute between two clans."
    events = _events(knowledge, [opening, "A shoot-out broke out and two people were killed."],
                     "Somalia")
    assert [i for i, _ in events] == [1]
    event = events[0][1].event
    place = find_places(opening, knowledge.gazetteer, "Somalia")[0].place
    assert event.location == place.location == "Jowhar"
    assert event.admin1 == place.admin1
    assert event.event_date == date(2023, 3, 3)
    assert event.event_type == "Battles"


def test_a_place_somebody_went_to_is_not_the_storys_place(knowledge: Knowledge) -> None:
    """"fled to Jowhar" is context: the shoot-out's place stays for the coder to fill."""
    events = _events(knowledge, ["On 3 March 2023, hundreds of families fled to Jowhar.",
                                 "A shoot-out broke out and two people were killed."], "Somalia")
    assert [s.event.location for _, s in events] == [None]
    assert [s.event.event_date for _, s in events] == [date(2023, 3, 3)]


@pytest.mark.parametrize(("later", "expected"), [
    pytest.param("The incident occurred in Thessaloniki.", "Thessaloniki", id="occurred-in"),
    pytest.param("The owner later moved to Thessaloniki.", None, id="moved-to"),
])
def test_a_later_sentence_gives_a_placeless_event_its_place(
        knowledge: Knowledge, later: str, expected: str | None) -> None:
    """A later sentence of no event of its own tells where the event before it happened."""
    events = _events(knowledge, ["On 3 March 2023, unidentified arsonists set fire to a car "
                                 "belonging to a bank.", later], "Greece")
    assert [i for i, _ in events] == [0]
    event = events[0][1].event
    assert event.location == expected
    if expected is not None:
        place = find_places(later, knowledge.gazetteer, "Greece")[0].place
        assert event.admin1 == place.admin1


@pytest.mark.parametrize("country", ["Kenya", "Mexico"])
def test_a_battle_nobody_names_the_other_side_of_has_an_unidentified_one(
        knowledge: Knowledge, country: str) -> None:
    """Battles always have two actors (§10); an unnamed armed side is an Unidentified Armed
    Group of the country (§6), inter 3 (§5)."""
    events = _events(knowledge, ["On 7 March 2023, police officers exchanged fire with "
                                 "someone near the market.", "No casualties were reported."],
                     country)
    assert len(events) == 1
    event = events[0][1].event
    assert event.event_type == "Battles"
    assert event.actor1 is not None and event.actor1.startswith("Police Forces of ")
    assert (event.actor2, event.inter2) == (f"Unidentified Armed Group ({country})", 3)
    assert event.interaction == 13


@pytest.mark.parametrize(("later", "actor1"), [
    pytest.param("Al Shabaab claimed responsibility for the attack.", "Al Shabaab",
                 id="claimed-responsibility"),
    pytest.param("No group has claimed responsibility for the attack.",
                 "Unidentified Armed Group (Somalia)", id="no-claim"),
    pytest.param("Officials blamed Al Shabaab, which has not claimed the attack.",
                 "Unidentified Armed Group (Somalia)", id="not-claimed"),
])
def test_a_claim_names_the_perpetrator_of_an_unattributed_bombing(
        knowledge: Knowledge, later: str, actor1: str) -> None:
    """The group that claims a bombing is its actor1 (§11 example 6); no claim, no change."""
    events = _events(knowledge, ["On 7 March 2023, a roadside bomb exploded next to a military "
                                 "convoy near Afgooye.", later], "Somalia")
    assert len(events) == 1
    event = events[0][1].event
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1 == actor1


@pytest.mark.parametrize(("later", "sub_event_type"), [
    pytest.param("Al Shabaab seized Jowhar without a fight, residents said.",
                 "Non-violent transfer of territory", id="without-a-fight"),
    pytest.param("Thousands of residents fled after Al Shabaab captured Jowhar.",
                 "Non-state actor overtakes territory", id="fled-after"),
])
def test_an_undated_retelling_is_the_same_event(
        knowledge: Knowledge, later: str, sub_event_type: str) -> None:
    """A sentence naming no day retells the dated event of the same place and type: one
    event (§10), a Non-violent transfer when the retelling says no fighting took place (§3)."""
    events = _events(knowledge, ["On 15 March 2023, Al Shabaab took control of Jowhar.", later],
                     "Somalia")
    assert [(i, s.event.sub_event_type, s.event.event_date) for i, s in events] == [
        (0, sub_event_type, date(2023, 3, 15))]


@pytest.mark.parametrize(("opening", "later", "sides"), [
    # "A shoot-out broke out": the sides are the groups the story just named.
    pytest.param("On 3 March 2023, in Jowhar, Al Shabaab fighters entered a village guarded by "
                 "Somali soldiers.", "A shoot-out broke out and two people were killed.",
                 {"Al Shabaab", "Military Forces of Somalia"}, id="shoot-out"),
    # "The militants" is the group the sentence before named.
    pytest.param("On 3 March 2023, Al Shabaab militants stopped a bus near Jowhar.",
                 "The militants shot dead two passengers.", {"Al Shabaab", "Civilians (Somalia)"},
                 id="the-militants"),
])
def test_an_unnamed_side_is_the_group_the_story_named(
        knowledge: Knowledge, opening: str, later: str, sides: set[str]) -> None:
    """An armed side a sentence leaves unnamed, or names as "the militants", is the group the
    story named just before; it is unidentified only when no source names it (§6)."""
    events = _events(knowledge, [opening, later], "Somalia")
    assert len(events) == 1
    event = events[0][1].event
    named = {a.split(" (20")[0] for a in (event.actor1, event.actor2) if a}
    assert named == sides


@pytest.mark.parametrize(("opening", "later"), [
    # "Unidentified gunmen" are unidentified whatever the story named before.
    pytest.param("On 3 March 2023, Al Shabaab militants stopped a bus near Jowhar.",
                 "Unidentified gunmen shot dead two passengers.", id="unidentified-gunmen"),
    # "The gunmen" are not the police the sentence before named: unnamed attackers are
    # never the state.
    pytest.param("On 3 March 2023, police officers patrolled the market in Jowhar.",
                 "The gunmen shot dead two traders.", id="not-the-police"),
])
def test_an_unnamed_attacker_stays_unidentified(
        knowledge: Knowledge, opening: str, later: str) -> None:
    """An Unidentified Armed Group the sentence names as such, or that no earlier group of its
    kind fits, stays one (§6)."""
    events = _events(knowledge, [opening, later], "Somalia")
    assert [s.event.actor1 for _, s in events][-1] == "Unidentified Armed Group (Somalia)"


def test_the_storys_day_brings_its_year(knowledge: Knowledge) -> None:
    """A day taken from the story across new year is coded with that day's year (year is
    derived from event_date)."""
    found = suggest_document(
        ["On 31 December 2022, in Jowhar, elders met to settle a land dispute between two clans.",
         "A shoot-out broke out and two people were killed."],
        DocumentMeta(published=date(2023, 1, 2), country="Somalia"), knowledge)
    events = [s.event for row in found for s in row]
    assert [(e.event_date, e.year) for e in events] == [(date(2022, 12, 31), 2022)]
