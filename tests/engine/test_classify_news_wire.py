"""Wire-style news language for the type step [codebook §3, issue rules on no-event lines].

Sentences are ours, written as AFP/Reuters/AP copy words them: death verbs split around their
victims ("hacked seven farmers to death"), causes told with "after a spate of attacks", earlier
events named by a possessive time ("last month's riots"), armies that are rebel groups by
name, foreign forces taking a place, coups, a conflict's cumulative toll and accidents.
Expected types come from the codebook's definitions; `None` means no event.
"""

from __future__ import annotations

import pytest
from engine_support import best_sub_event

ATTACK = "Attack"
ARRESTS = "Arrests"
CHANGE = "Change to group/activity"
AGREEMENT = "Agreement"
OTHER = "Other"
TRANSFER = "Non-violent transfer of territory"
GOV_REGAINS = "Government regains territory"
NSA = "Non-state actor overtakes territory"
IED = "Remote explosive/landmine/IED"
STATE, REBEL, EXTERNAL = 1, 2, 8


@pytest.mark.parametrize(("sentence", "expected"), [
    # §3 Attack: armed men killing unarmed people, the verb split around the victims
    pytest.param("Gunmen hacked four traders to death on a village road on Tuesday, police said.",
                 ATTACK, id="hacked-n-to-death"),
    pytest.param("Militiamen stabbed two herders to death near the river late on Friday.", ATTACK,
                 id="stabbed-n-to-death"),
    pytest.param("Attackers torched a compound on Sunday night, burning three children to death.",
                 ATTACK, id="burning-n-to-death"),
    # §3: detainees count as civilians, so police killing one is an Attack, not a clash
    pytest.param("A detainee was beaten to death by police officers at a station in the capital.",
                 ATTACK, id="one-detainee"),
    # a curfew is a security measure; the attacks after a "spate of" are its cause
    pytest.param("Officials imposed a curfew in the town on Monday after a spate of attacks on "
                 "traders.", CHANGE, id="curfew-after-spate-of-attacks"),
    # §3 Arrests: the riots named by "last month's" are the reason, not the event
    pytest.param("Police arrested an opposition senator on Wednesday over his role in last "
                 "month's riots.", ARRESTS, id="arrest-over-last-months-riots"),
    # §3 Agreement: a ceasefire that begins is a deal made
    pytest.param("The army and the rebels began a 30-day ceasefire on Saturday.", AGREEMENT,
                 id="ceasefire-began"),
    # §3 Other names the coup
    pytest.param("Soldiers seized power in the capital early on Wednesday and suspended the "
                 "constitution.", OTHER, id="coup-seized-power"),
    pytest.param("Mutinous officers ousted the president on Sunday.", OTHER, id="coup-ousted"),
    # §3 Non-violent transfer: a base left to the newcomer
    pytest.param("The army took over a camp vacated by French troops on Monday.", TRANSFER,
                 id="took-over-vacated-by"),
])
def test_news_wording_gives_the_codebook_type(sentence: str, expected: str) -> None:
    """Each wire-style sentence gets the sub-event type the codebook defines for its act."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # §5: a rebel group named "... Army" is no state force, so its capture is no regain
    pytest.param("Kachin Independence Army fighters captured a junta base on Monday.", (), NSA,
                 id="named-army-captures"),
    pytest.param("Government troops captured the town on Monday.", (), GOV_REGAINS,
                 id="state-troops-capture"),
    # §3: "a non-state or foreign state actor" takes territory; only the government regains it
    pytest.param("Foreign troops captured the village after heavy fighting on Thursday.",
                 (EXTERNAL, STATE), NSA, id="foreign-troops-capture"),
    pytest.param("Government troops recaptured the village on Thursday.", (STATE, REBEL),
                 GOV_REGAINS, id="state-recaptures"),
    # a possessive and four words before the place noun still make a place object
    pytest.param("The rebels seized the army's 9th Infantry Brigade headquarters on Tuesday.",
                 (REBEL, STATE), NSA, id="possessive-headquarters"),
])
def test_who_takes_a_place_decides_the_battle_type(
    sentence: str, hints: tuple[int, ...], expected: str
) -> None:
    """Captures: state forces regain, rebel groups and foreign forces overtake (§3)."""
    assert best_sub_event(sentence, hints) == expected


@pytest.mark.parametrize("sentence", [
    pytest.param("The country's two-decade insurgency has killed more than 30,000 people, "
                 "according to the UN.", id="insurgency-cumulative-toll"),
    pytest.param("The war between the army and the rebels has displaced millions.",
                 id="war-has-displaced"),
    pytest.param("Talks in the capital failed to produce a ceasefire.", id="failed-to-ceasefire"),
    pytest.param("Nine people died when a fuel tanker overturned and exploded on the highway "
                 "on Friday.", id="tanker-accident"),
    pytest.param("A gas cylinder exploded in a restaurant, killing two cooks, police said.",
                 id="gas-cylinder-accident-police-source"),
])
def test_background_failures_and_accidents_are_no_event(sentence: str) -> None:
    """A war's cumulative toll, a deal that failed and an accident report no event."""
    assert best_sub_event(sentence) is None


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("A roadside bomb exploded under a fuel tanker on Friday, killing its driver.",
                 IED, id="bomb-under-a-tanker"),
    pytest.param("Gunmen attacked a fuel tanker convoy on the highway on Friday.", None,
                 id="attack-on-tanker-is-not-an-accident"),
    pytest.param("A police officer shot dead a driver after the two cars collided on Friday.",
                 None, id="shooting-after-a-collision"),
    pytest.param("Riders burnt a bus after a road accident killed one of their colleagues.",
                 None, id="reaction-after-a-road-accident"),
])
def test_an_attack_on_a_tanker_is_not_an_accident(sentence: str, expected: str | None) -> None:
    """Accident words give way to a named device or attacker: those are conflict events."""
    if expected is None:
        assert best_sub_event(sentence) is not None
    else:
        assert best_sub_event(sentence) == expected
