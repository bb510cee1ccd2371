"""Who takes the place in a territory event: the subject of the takeover verb (codebook §3).

A sentence may name another group as an agent of something else ("the NRF, which has
emerged..."); actor1 of the territory event is the one that took, seized or recaptured it.
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_support import mention_at as at

from coder.engine.actors import ActorDictionary
from coder.engine.knowledge import seed_actors
from coder.engine.roles import assign_roles

NRF = "NRF: National Resistance Front"
SOMALI_ARMY = "Military Forces of Somalia (2022-)"


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def test_the_group_that_took_control_is_actor1(actors: ActorDictionary) -> None:
    s = ("They are members of the National Resistance Front (NRF), which has emerged as the "
         "most visible opposition group since the Taliban took control of Kabul.")
    found = assign_roles(
        s, [at(s, "National Resistance Front", NRF, 2), at(s, "NRF", NRF, 2, "agent"),
            at(s, "Taliban", "Taliban", 2, "agent")],
        "Strategic developments", "Non-state actor overtakes territory", "Afghanistan",
        date(2021, 8, 15), actors)
    assert found.actor1 is not None and found.actor1.actor == "Taliban"


def test_the_force_that_recaptured_the_town_is_actor1(actors: ActorDictionary) -> None:
    s = ("Residents said Al Shabaab, which had controlled the area, fled as soldiers "
         "recaptured the town.")
    found = assign_roles(
        s, [at(s, "Al Shabaab", "Al Shabaab", 2, "agent"),
            at(s, "soldiers", SOMALI_ARMY, 1, "agent")],
        "Battles", "Government regains territory", "Somalia", date(2023, 5, 1), actors)
    assert found.actor1 is not None and found.actor1.actor == SOMALI_ARMY


def test_other_events_keep_the_first_agent(actors: ActorDictionary) -> None:
    """No change of hands: the first side with an agent leads, as before."""
    s = "Al Shabaab, which had controlled the area, attacked soldiers who captured a fighter."
    found = assign_roles(
        s, [at(s, "Al Shabaab", "Al Shabaab", 2, "agent"),
            at(s, "soldiers", SOMALI_ARMY, 1, "agent")],
        "Battles", "Armed clash", "Somalia", date(2023, 5, 1), actors)
    assert found.actor1 is not None and found.actor1.actor == "Al Shabaab"
