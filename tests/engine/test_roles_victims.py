"""The victims' associated actors in violence against civilians (`roles`).

Codebook §6: civilians harmed for who they are carry that association: a party's member or
supporter the party, police or soldiers harmed off duty their force. The attackers' own force
is never the victims'. Sentences are ours; mentions are built by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_support import mention_at as at

from coder.engine.actors import ActorDictionary, ActorMention
from coder.engine.knowledge import seed_actors
from coder.engine.roles import Roles, assign_roles

ON = date(2020, 5, 5)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def attack(actors: ActorDictionary, sentence: str, mentions: list[ActorMention],
           country: str) -> Roles:
    return assign_roles(sentence, mentions, "Violence against civilians", "Attack", country,
                        ON, actors)


def test_a_party_named_as_the_victims_is_their_association(actors: ActorDictionary) -> None:
    s = ("On 1 May 2020, unidentified gunmen shot dead the leader of the Popular Movement "
         "near his house.")
    party = "Popular Movement"
    found = attack(actors, s, [at(s, "unidentified gunmen", "Unidentified Armed Group (Pakistan)",
                                  3, "agent"),
                               at(s, "Popular Movement", party, 3)], "Pakistan")
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Pakistan)"
    assert found.assoc_actor_2 == (party,)


def test_a_party_on_the_attackers_side_is_not_the_victims(actors: ActorDictionary) -> None:
    s = "On 1 May 2020, Imbonerakure and Youth League members beat a man in the village."
    found = attack(actors, s, [at(s, "Imbonerakure", "Imbonerakure", 3, "agent"),
                               at(s, "Youth League members", "Youth League", 3, "agent"),
                               at(s, "man", "Civilians (Burundi)", 7, "patient")], "Burundi")
    assert "Youth League" not in found.assoc_actor_2


@pytest.mark.parametrize("sentence", [
    "On 4 May 2020, two off-duty police officers were shot and injured in a drive-by.",
    "On 4 May 2020, an off duty police officer was shot dead near his home.",
])
def test_police_off_duty_are_victims_not_attackers(actors: ActorDictionary,
                                                   sentence: str) -> None:
    """Off-duty police shot by unnamed men: an unnamed attacker, civilians with the police
    as their association (§6)."""
    police = "Police Forces of Mexico (2018-2024)"
    found = attack(actors, sentence, [at(sentence, "police officer", police, 1)], "Mexico")
    assert found.actor1 is not None and found.actor1.actor != police
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Mexico)"
    assert found.assoc_actor_2 == (police,)


def test_the_attackers_force_named_again_is_not_the_victims(actors: ActorDictionary) -> None:
    """"Police ... along with other policemen attacked an activist": one attacking force."""
    police = "Police Forces of Yemen (2012-)"
    s = ("On 30 April 2020, the police chief, along with some other policemen, attacked an "
         "activist.")
    found = attack(actors, s, [at(s, "police chief", police, 1, "agent"),
                               at(s, "policemen", police, 1, "patient"),
                               at(s, "activist", "Civilians (Yemen)", 7, "patient")], "Yemen")
    assert found.actor1 is not None and found.actor1.actor == police
    assert police not in found.assoc_actor_2
