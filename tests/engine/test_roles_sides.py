"""Which mentions make one side of an armed event, and which actor leads it (`roles`).

Sentences are ours; mentions are built by hand (their spans found in the sentence) so the
cases test the role rules alone, not the actor dictionary. Expected values follow the
codebook: allies of one side are its associated actors (reference §6, §10); a group that
fights itself is both actors of the battle (§10: battles have two actors).
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_support import mention_at as at

from coder.engine.actors import ActorDictionary, ActorMention
from coder.engine.knowledge import seed_actors
from coder.engine.roles import Roles, assign_roles

ON = date(2025, 8, 7)
SNA = "Military Forces of Somalia (2022-)"
NISA = "Military Forces of Somalia (2022-) National Intelligence and Security Agency"
AS = "Al Shabaab"
CLAN = "Hawiye-Abgal Sub-Clan Militia (Somalia)"
PRO_GOV = "Militia (Pro-Government)"
AFGHAN_ARMY = "Military Forces of Afghanistan (2014-2021)"
TALIBAN = "Taliban"


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def names(found: Roles) -> tuple[str | None, str | None, tuple[str, ...], tuple[str, ...]]:
    return (found.actor1.actor if found.actor1 else None,
            found.actor2.actor if found.actor2 else None,
            found.assoc_actor_1, found.assoc_actor_2)


def battle(actors: ActorDictionary, sentence: str, mentions: list[ActorMention],
           country: str = "Somalia", on: date = ON) -> Roles:
    return assign_roles(sentence, mentions, "Battles", "Armed clash", country, on, actors)


def test_an_acronym_in_parentheses_keeps_the_allies_together(actors: ActorDictionary) -> None:
    """"Forces (SNA) and a clan militia clashed with X": the acronym restates the forces, so
    the militia is their ally and X the other side (§6 allies are associated actors)."""
    s = ("On 5 May 2025, government security forces (SNA) and Abgal clan militia clashed "
         "with Al Shabaab near the village.")
    found = battle(actors, s, [at(s, "government security forces", SNA, 1),
                               at(s, "SNA", SNA, 1),
                               at(s, "Abgal clan militia", CLAN, 4, "agent"),
                               at(s, "Al Shabaab", AS, 2)])
    assert names(found) == (SNA, AS, (CLAN,), ())


def test_a_unit_after_the_restated_acronym_is_an_ally(actors: ActorDictionary) -> None:
    s = "On 5 May 2025, government security forces (SNA and NISA) clashed with Al Shabaab."
    found = battle(actors, s, [at(s, "government security forces", SNA, 1),
                               at(s, "SNA", SNA, 1), at(s, "NISA", NISA, 1),
                               at(s, "Al Shabaab", AS, 2)])
    assert names(found) == (SNA, AS, (NISA,), ())


@pytest.mark.parametrize("sentence", [
    "On 5 May 2025, Al Shabaab clashed with an Abgal clan militia and government forces.",
    "On 5 May 2025, Al Shabaab clashed with Abgal clan militia and government forces.",
])
def test_a_state_force_leads_the_militia_beside_it(actors: ActorDictionary,
                                                   sentence: str) -> None:
    """ACLED makes the state force the actor and the militia with it the associated actor,
    whichever is named first (§6)."""
    found = battle(actors, sentence, [at(sentence, "Al Shabaab", AS, 2, "agent"),
                                      at(sentence, "Abgal clan militia", CLAN, 4),
                                      at(sentence, "government forces", SNA, 1)])
    assert names(found) == (AS, SNA, (), (CLAN,))


def test_a_count_may_open_the_next_ally(actors: ActorDictionary) -> None:
    """"9 soldiers and 5 pro-government militiamen were killed by the Taliban": one side,
    led by the army (§6)."""
    s = ("On 1 May 2020, 9 soldiers and 5 pro-government militia members were killed in "
         "attacks by Taliban militants.")
    found = battle(actors, s, [at(s, "soldiers", AFGHAN_ARMY, 1),
                               at(s, "pro-government militia members", PRO_GOV, 3, "patient"),
                               at(s, "Taliban militants", TALIBAN, 2, "agent")],
                   country="Afghanistan", on=date(2020, 5, 1))
    assert names(found) == (TALIBAN, AFGHAN_ARMY, (), (PRO_GOV,))


@pytest.mark.parametrize(("sentence", "words", "actor", "inter"), [
    ("On 25 June 2025, two Islamic State Somalia Province groups clashed near the village.",
     "Islamic State Somalia Province", "Islamic State Somalia Province", 2),
    ("On 2 June 2025, 2 groups of Al Shabaab clashed near the town.", "Al Shabaab", AS, 2),
    ("On 5 April 2025, a government soldier shot and killed another government soldier at a "
     "checkpoint.", "government soldier", SNA, 1),
])
def test_a_group_fighting_itself_is_both_sides(actors: ActorDictionary, sentence: str,
                                               words: str, actor: str, inter: int) -> None:
    """Two groups of one actor fighting each other: the actor on both sides, not the other
    side of its usual front (§10)."""
    mentions = [at(sentence, words, actor, inter)]
    if sentence.count(words) > 1:
        mentions.append(at(sentence, words, actor, inter, nth=1))
    found = battle(actors, sentence, mentions)
    assert names(found)[:2] == (actor, actor)


def test_another_soldier_between_two_named_states_is_no_infighting(
        actors: ActorDictionary) -> None:
    """Two armies named before "another soldier" are the two sides."""
    india, pakistan = "Military Forces of India (2014-)", "Military Forces of Pakistan (2018-)"
    s = ("On 1 May 2020, the armies of India and Pakistan exchanged fire across the LoC, "
         "injuring a soldier and another soldier.")
    found = battle(actors, s, [at(s, "armies of India", india, 8),
                               at(s, "Pakistan", pakistan, 8)],
                   country="India", on=date(2020, 5, 1))
    assert {names(found)[0], names(found)[1]} == {india, pakistan}


@pytest.mark.parametrize(("sentence", "assoc1", "assoc2"), [
    ("On 5 May 2020, two rival clans both affiliated with the MILF clashed in the town.",
     "MILF: Moro Islamic Liberation Front", "MILF: Moro Islamic Liberation Front"),
    ("On 3 May 2020, militias from rival clans respectively affiliated with the MILF and the "
     "MNLF clashed in the town.",
     "MILF: Moro Islamic Liberation Front", "MNLF: Moro National Liberation Front"),
])
def test_rival_clans_carry_their_affiliations(actors: ActorDictionary, sentence: str,
                                              assoc1: str, assoc2: str) -> None:
    """Clans of one kind fighting: a clan militia on both sides, the fronts they belong to
    their associated actors (§6)."""
    clan = "Unidentified Clan Militia (Philippines)"
    mentions = [at(sentence, "clans", clan, 4), at(sentence, "MILF", assoc1, 2)]
    if "MNLF" in sentence:
        mentions.append(at(sentence, "MNLF", assoc2, 2))
    found = battle(actors, sentence, mentions, country="Philippines", on=date(2020, 5, 5))
    assert names(found) == (clan, clan, (assoc1,), (assoc2,))
