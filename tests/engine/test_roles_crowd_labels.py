"""Which identity labels belong to a crowd (`roles`): the people protesting, not whom the
crowd speaks of (reference §6: associated actors name the crowd's own identity).

Sentences are ours; label mentions are built by hand (spans found in the sentence).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.actors import ActorDictionary, ActorMention
from coder.engine.knowledge import seed_actors
from coder.engine.roles import assign_roles

ON = date(2020, 5, 5)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def label(sentence: str, words: str, actor: str) -> list[ActorMention]:
    """The label on `words` as the actor step gives it: a Civilians mention and the label."""
    start = sentence.index(words)
    span = (start, start + len(words))
    return [ActorMention("Civilians (India)", 7, span, 0.9, "unknown"),
            ActorMention(actor, 7, span, 0.9, "unknown", True)]


def crowd_labels(actors: ActorDictionary, sentence: str, words: str,
                 actor: str) -> tuple[str, ...]:
    found = assign_roles(sentence, label(sentence, words, actor), "Protests",
                         "Peaceful protest", "India", ON, actors)
    return found.assoc_actor_1


@pytest.mark.parametrize(("sentence", "words", "actor"), [
    ("On 7 May 2020, people held protests in the city against the decision to stop trains "
     "taking migrant workers home.", "migrant workers", "Labour Group (India)"),
    ("On 4 May 2020, residents rallied in the town to protest against refugees being "
     "moved to the island.", "refugees", "Refugees/IDPs (India)"),
    ("On 3 May 2020, a protest was held in the town by relatives of a baby who died due to "
     "negligence of doctors.", "doctors", "Health Workers (India)"),
    ("On 3 May 2020, a rally was held outside the press club in solidarity with jailed "
     "journalists.", "journalists", "Journalists (India)"),
])
def test_whom_the_crowd_speaks_of_is_not_the_crowd(actors: ActorDictionary, sentence: str,
                                                   words: str, actor: str) -> None:
    assert crowd_labels(actors, sentence, words, actor) == ()


@pytest.mark.parametrize(("sentence", "words"), [
    ("On 1 May 2020, workers protested outside the factory demanding their wages.",
     "workers"),
    ("On 1 May 2020, a protest took place in the city; workers and students took part.",
     "workers"),
    ("On 1 May 2020, a prison riot was staged, after workers burned tyres.", "workers"),
])
def test_the_people_protesting_keep_their_label(actors: ActorDictionary, sentence: str,
                                                words: str) -> None:
    assert crowd_labels(actors, sentence, words, "Labour Group (India)") == (
        "Labour Group (India)",)


def test_a_label_named_before_the_crowd_stays_when_named_again_after(
        actors: ActorDictionary) -> None:
    """"Journalists rallied ... in solidarity with journalists": the crowd's own label."""
    s = "On 3 May 2020, journalists held a rally in solidarity with journalists abroad."
    start = s.rindex("journalists")
    mentions = [*label(s, "journalists", "Journalists (India)"),
                ActorMention("Journalists (India)", 7, (start, start + 11), 0.9, "unknown",
                             True)]
    found = assign_roles(s, mentions, "Protests", "Peaceful protest", "India", ON, actors)
    assert found.assoc_actor_1 == ("Journalists (India)",)


@pytest.mark.parametrize(("sentence", "in_crowd"), [
    ("On 1 May 2020, 7 MPs took part in a protest in the capital.", True),
    ("On 1 May 2020, MPs and activists blocked the road to the assembly.", True),
    ("On 1 May 2020, residents protested outside the house of an MP.", False),
])
def test_officials_before_the_crowd_bring_their_government(
        actors: ActorDictionary, sentence: str, in_crowd: bool) -> None:
    """Elected officials named before the crowd first appears are in it (§6: their
    government is an associated actor); one list marks where the crowd appears."""
    found = assign_roles(sentence, [], "Protests", "Peaceful protest", "India", ON, actors)
    government = actors.state_force("India", "government", ON)
    assert (government in found.assoc_actor_1) is in_crowd


def test_two_groups_fighting_are_both_rioters_whoever_was_hurt(
        actors: ActorDictionary) -> None:
    """Two groups attacking each other: both crowds are Rioters (§3 Mob violence), even when
    the report names the hurt, who are of either group."""
    s = ("On 4 May 2020, a clash took place between two groups of villagers over land, "
         "in which three women were injured.")
    start = s.index("women")
    mentions = [ActorMention("Civilians (India)", 7, (start, start + 5), 0.9, "patient"),
                ActorMention("Women (India)", 7, (start, start + 5), 0.9, "patient", True)]
    found = assign_roles(s, mentions, "Riots", "Mob violence", "India", ON, actors)
    assert (found.actor1.actor if found.actor1 else None,
            found.actor2.actor if found.actor2 else None) == ("Rioters (India)",
                                                              "Rioters (India)")
