"""Details a later sentence of a report tells about the event before it.

Sentences are ours; the expectations follow the codebook: a protest that turns violent on
the same day is one Violent demonstration (§3), organisers and identity labels of a crowd
are its associated actors (§6, §11 example 3), civilians hurt by a strike on an armed side
are associated actor 2 and never in a battle (§6, §11 example 5), an explosion inside a
fight is a Battles event (§3), a claimed or attributed attack has its perpetrator as actor1
(§11 example 6). A later sentence that tells a new, dated event stays its own event (§10).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.document import suggest_document
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge
from coder.schema.events import EventFields

_DAY = date(2023, 3, 4)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def _events(knowledge: Knowledge, sentences: list[str], country: str) -> list[list[EventFields]]:
    found = suggest_document(sentences, DocumentMeta(published=_DAY, country=country), knowledge)
    return [[s.event for s in row] for row in found]


def _assoc(value: str | None) -> list[str]:
    return [a for a in (value or "").split("; ") if a]


_PROTEST = "On 3 March 2023, traders protested in Nakuru over market fees."


@pytest.mark.parametrize("follow_up", [
    pytest.param("The demonstrators burned a police station.", id="the-demonstrators-burned"),
    pytest.param("Chairs were burnt and property destroyed.", id="property-destroyed"),
    pytest.param("Journalists were beaten up by protesters.", id="beaten-by-protesters"),
    pytest.param("Several of them attacked the policemen with machetes.", id="several-of-them"),
    pytest.param("They threw rocks at passing buses.", id="they-threw-rocks"),
])
def test_a_protest_that_turns_violent_is_a_riot(knowledge: Knowledge, follow_up: str) -> None:
    """§3: a protest that turns violent on the same day is recorded once, as Riots, and
    its crowd are Rioters."""
    found = _events(knowledge, [_PROTEST, follow_up], "Kenya")
    assert [[e.sub_event_type for e in row] for row in found] == [["Violent demonstration"], []]
    event = found[0][0]
    assert (event.event_type, event.actor1, event.inter1) == ("Riots", "Rioters (Kenya)", 5)


@pytest.mark.parametrize("follow_up", [
    pytest.param("Police beat the protesters with batons.", id="force-on-the-crowd"),
    pytest.param("The demonstrators blocked the highway for two hours.", id="blockade-only"),
    pytest.param("Residents said police attacked their stalls.", id="said-police-attacked"),
    pytest.param("Their shops were destroyed by the county government last year.",
                 id="the-grievance"),
])
def test_violence_not_by_the_crowd_keeps_the_protest(knowledge: Knowledge,
                                                     follow_up: str) -> None:
    """Force used on the crowd, a blockade alone or the damage the crowd protests about do
    not make the protesters rioters."""
    found = _events(knowledge, [_PROTEST, follow_up], "Kenya")
    assert found[0] and found[0][0].event_type == "Protests"


def test_a_riot_then_police_dispersal_has_the_police_as_second_side(
        knowledge: Knowledge) -> None:
    """§3 Violent demonstration: the force that faces the rioters is actor2 (state forces,
    inter 1)."""
    found = _events(knowledge, ["On 3 March 2023, residents burned tyres and pelted stones "
                                "in Nakuru over water shortages.",
                                "Police dispersed the crowd."], "Kenya")
    event = found[0][0]
    assert event.sub_event_type == "Violent demonstration"
    assert event.inter2 == 1 and (event.actor2 or "").startswith("Police Forces of Kenya")


@pytest.mark.parametrize(("follow_up", "expected"), [
    pytest.param("Al Shabaab organised the protest.", "Al Shabaab", id="x-organised"),
    pytest.param("The protest was initiated by Al Shabaab.", "Al Shabaab", id="initiated-by"),
])
def test_organisers_told_later_are_associated(knowledge: Knowledge, follow_up: str,
                                              expected: str) -> None:
    """§6: who organised the protesters goes in assoc_actor_1."""
    found = _events(knowledge, ["On 3 March 2023, residents protested in Jilib against "
                                "the government.", follow_up], "Somalia")
    assert expected in _assoc(found[0][0].assoc_actor_1)


def test_an_identity_label_told_later_is_associated(knowledge: Knowledge) -> None:
    """§11 example 3: teachers among the protesters give Teachers (Country) in
    assoc_actor_1."""
    found = _events(knowledge, [_PROTEST, "Teachers also joined the protest."], "Kenya")
    assert "Teachers (Kenya)" in _assoc(found[0][0].assoc_actor_1)


def test_another_protests_organisers_are_not_this_ones(knowledge: Knowledge) -> None:
    """A second gathering told beside the story is not who organised this one."""
    found = _events(knowledge, ["On 3 March 2023, residents protested in Jilib against the "
                                "government.", "Another protest was organised by Al Shabaab "
                                "in the town last year."], "Somalia")
    assert "Al Shabaab" not in _assoc(found[0][0].assoc_actor_1)


def test_a_counter_protest_is_the_second_side(knowledge: Knowledge) -> None:
    """§10: with more than two sides the main pair is recorded: counter-protesters facing
    the protest are its actor2, Protesters (inter 6)."""
    found = _events(knowledge, [_PROTEST, "A counter-protest was held nearby."], "Kenya")
    event = found[0][0]
    assert (event.actor2, event.inter2) == ("Protesters (Kenya)", 6)


def test_civilians_hurt_by_an_untargeted_blast_are_its_actor2(knowledge: Knowledge) -> None:
    """§6: civilians hurt by an explosion with no other target are its second side
    (inter 7)."""
    found = _events(knowledge, ["On 3 March 2023, a bomb exploded at a market in Baidoa.",
                                "Two people were killed and eleven were injured."], "Somalia")
    event = found[0][0]
    assert event.event_type == "Explosions/Remote violence"
    assert (event.actor2, event.inter2) == ("Civilians (Somalia)", 7)


def test_civilians_hurt_by_shelling_of_fighters_are_associated(knowledge: Knowledge) -> None:
    """§11 example 5: a strike on an armed side that also hurts civilians keeps the armed
    side as actor2 and gives Civilians (Country) in assoc_actor_2."""
    found = _events(knowledge, ["On 3 March 2023, Al Shabaab shelled an army base in "
                                "Baidoa.", "Three civilians were wounded."], "Somalia")
    event = found[0][0]
    assert event.inter2 == 1
    assert "Civilians (Somalia)" in _assoc(event.assoc_actor_2)


def test_civilians_are_never_associated_in_a_battle(knowledge: Knowledge) -> None:
    """§6: civilians are never associated actors in a Battles event."""
    found = _events(knowledge, ["On 3 March 2023, Al Shabaab fighters clashed with "
                                "government soldiers in Baidoa.",
                                "Two civilians were killed in the crossfire."], "Somalia")
    event = found[0][0]
    assert event.event_type == "Battles"
    assert "Civilians (Somalia)" not in _assoc(event.assoc_actor_2)


def test_a_strike_answered_with_fire_is_a_battle(knowledge: Knowledge) -> None:
    """§3: an explosion inside a fight is one Battles event, its two armed sides."""
    found = _events(knowledge, ["On 3 March 2023, Al Shabaab militants threw a hand grenade "
                                "at a police checkpoint in Baidoa.",
                                "The police officers returned fire."], "Somalia")
    event = found[0][0]
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert {event.inter1, event.inter2} == {1, 2}


_BOMB = "On 3 March 2023, a roadside bomb killed two farmers near Baidoa."


@pytest.mark.parametrize("follow_up", [
    pytest.param("Local officials said Al Shabaab planted the bomb.", id="x-planted"),
    pytest.param("The device was planted by Al Shabaab militants.", id="planted-by-x"),
    pytest.param("Al Shabaab were the suspected perpetrators.", id="suspected"),
])
def test_a_perpetrator_named_later_is_actor1(knowledge: Knowledge, follow_up: str) -> None:
    """§11 example 6: the group named as having carried out an attack is its actor1."""
    found = _events(knowledge, [_BOMB, follow_up], "Somalia")
    assert found[0][0].actor1 == "Al Shabaab"


def test_a_denied_attack_keeps_the_unidentified_actor(knowledge: Knowledge) -> None:
    """A group that denies planting the bomb is not named as its perpetrator (§6)."""
    found = _events(knowledge, [_BOMB, "Al Shabaab denied that it planted the bomb."],
                    "Somalia")
    assert found[0][0].actor1 == "Unidentified Armed Group (Somalia)"


def test_fire_to_disperse_the_crowd_is_the_same_gathering(knowledge: Knowledge) -> None:
    """§3, §10: force used on "the crowd" of the story is that protest's, one event of the
    highest crowd type, even when a word of the sentence reads as a place."""
    found = _events(knowledge, ["On 3 March 2023, residents protested in Mogadishu against "
                                "evictions.", "Police from the Banadir Regional "
                                "Administration opened fire to disperse the crowd."],
                    "Somalia")
    assert [[e.sub_event_type for e in row] for row in found] == [
        ["Excessive force against protesters"], []]


def test_a_new_dated_event_stays_its_own(knowledge: Knowledge) -> None:
    """§10: another day is another event, even with the story's crowd and violence."""
    found = _events(knowledge, [_PROTEST, "On 2 March 2023, the demonstrators burned tyres "
                                          "in Kisumu."], "Kenya")
    assert len(found[1]) == 1
    assert found[0][0].sub_event_type == "Peaceful protest"


def test_strikes_told_after_the_fight_are_the_same_battle(knowledge: Knowledge) -> None:
    """§3, §10: shelling between the same sides at the place and day of their clash is part
    of that battle, not a second event."""
    found = _events(knowledge, ["On 3 March 2023, Al Shabaab fighters clashed with government "
                                "soldiers in Baidoa.",
                                "Al Shabaab also fired mortars at the soldiers in Baidoa."],
                    "Somalia")
    assert [[e.event_type for e in row] for row in found] == [["Battles"], []]


def test_a_retold_strike_that_reads_as_fire_is_not_raised(knowledge: Knowledge) -> None:
    """An observation of fire "in both directions" retells the shelling; without the other
    side fighting back it stays an Explosions/Remote violence event (§3)."""
    found = _events(knowledge, ["On 3 March 2023, Al Shabaab fired mortars at government "
                                "soldiers in Baidoa.",
                                "Observers counted shots in both directions near Baidoa."],
                    "Somalia")
    assert found[0][0].event_type == "Explosions/Remote violence"


def test_an_earlier_day_at_no_place_of_its_own_is_background(knowledge: Knowledge) -> None:
    """§10: an event is one place and one day; a protest on an earlier day that the report
    places nowhere is the story's background, not a second event at the story's place."""
    found = _events(knowledge, [_PROTEST, "The traders had been protesting since "
                                          "1 March 2023."], "Kenya")
    assert [len(row) for row in found] == [1, 0]


def test_an_earlier_day_with_its_own_place_stays_an_event(knowledge: Knowledge) -> None:
    """Another day at a place of its own is another event (§10)."""
    found = _events(knowledge, [_PROTEST, "On 1 March 2023, traders also protested in "
                                          "Kisumu."], "Kenya")
    assert [len(row) for row in found] == [1, 1]
