"""Event types: missed event cues, crowds against the state, armed victims [codebook §3].

Sentences are ours, written from the codebook's definitions: a place retaken by the state
(Government regains territory), shots aimed at a person (Attack), state forces that bombed a
place (Air/drone strike), a device set off (Remote explosive), a vessel hijacked with its crew
(Abduction), an illegal checkpoint (Other), an armed group handing out aid or the authorities
making something mandatory (Change to group/activity), peace meetings (Agreement), roads and
bridges blocked (Peaceful protest), leaflets, an order to leave and a mine from a war long
over (Other), property burnt or a truck carjacked (Looting/property destruction); ordinary
people fighting the police are a mob, not a battle (Battles need two organised armed groups);
a killed gang member is a combatant.
`None` means the sentence reports no event.
"""

from __future__ import annotations

import pytest
from engine_support import best_sub_event

from coder.engine.classify import armed_victim, is_reportable

STATE, REBEL, POL_MILITIA, ID_MILITIA, CIVILIANS = 1, 2, 3, 4, 7


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    pytest.param("The army re-captured the district centre on Monday.", (STATE,),
                 "Government regains territory", id="re-captured"),
    pytest.param("Gunmen fired shots at a former councillor in his car.", (POL_MILITIA,),
                 "Attack", id="fired-shots-at-a-person"),
    pytest.param("The defence forces bombed insurgents near the river.", (STATE, REBEL),
                 "Air/drone strike", id="state-bombed"),
    pytest.param("Militants set off explosives and destroyed a bridge.", (REBEL,),
                 "Remote explosive/landmine/IED", id="set-off-explosives"),
    pytest.param("Pirates hijacked a cargo ship and its crew off the coast.", (POL_MILITIA,),
                 "Abduction/forced disappearance", id="hijacked"),
    pytest.param("A clan militia erected an illegal checkpoint outside the town.", (ID_MILITIA,),
                 "Other", id="illegal-checkpoint"),
    pytest.param("Members of the cartel distributed food packages to families in the town.",
                 (POL_MILITIA,), "Change to group/activity", id="armed-group-hands-out-aid"),
    pytest.param("The governor's office announced a mandatory curfew-free use of masks.",
                 (STATE,), "Change to group/activity", id="mandatory-measure"),
    pytest.param("Elders of the two clans held peace meetings in the village.", (),
                 "Agreement", id="peace-meetings"),
    pytest.param("Students blocked with two of their trucks the highway at kilometre 65.", (),
                 "Peaceful protest", id="blocked-highway-long-object"),
    pytest.param("Hundreds of residents blocked the bridge demanding water.", (),
                 "Peaceful protest", id="blocked-bridge"),
    pytest.param("A crowd started shouting slogans against the mayor outside the town hall.", (),
                 "Peaceful protest", id="shouting-slogans"),
    pytest.param("Clan militiamen intercepted and carjacked a truck carrying goods.",
                 (ID_MILITIA,), "Looting/property destruction", id="carjacked"),
    pytest.param("Unidentified individuals burnt the tribune of the town stadium.", (),
                 "Looting/property destruction", id="burnt-property"),
    pytest.param("Government forces dropped leaflets over the town warning civilians.",
                 (STATE,), "Other", id="leaflets"),
    pytest.param("Soldiers ordered all pastoralist civilians to vacate two villages.",
                 (STATE, CIVILIANS), "Other", id="ordered-to-vacate"),
    pytest.param("Two soldiers were injured by a landmine laid during the Iran-Iraq War.",
                 (STATE,), "Other", id="legacy-mine"),
    pytest.param("Two soldiers were injured by a landmine left from the war.", (STATE,),
                 "Remote explosive/landmine/IED", id="mine-of-the-war-going-on"),
])
def test_event_cues_missed_before(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    """Each sentence reports an event of the codebook's sub-event type named."""
    assert best_sub_event(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    pytest.param("Migrant workers clashed with police at a check post.", (CIVILIANS, STATE),
                 "Mob violence", id="workers-clash-with-police"),
    pytest.param("Journalists and forest guards clashed near the sanctuary.", (CIVILIANS,),
                 "Mob violence", id="journalists-and-guards"),
    pytest.param("Villagers fought with police over the closure of the market.",
                 (CIVILIANS, STATE), "Mob violence", id="fought-with-police"),
    pytest.param("Gunmen clashed with police at a check post.", (POL_MILITIA, STATE),
                 "Armed clash", id="gunmen-are-armed"),
    pytest.param("Villagers clashed with police, who opened fire with rifles.",
                 (CIVILIANS, STATE), "Armed clash", id="firearms-named"),
    pytest.param("Fighters of two clans clashed with police near the well.",
                 (CIVILIANS, STATE), "Armed clash", id="clan-fighters"),
])
def test_people_fighting_the_state_are_a_mob(sentence: str, hints: tuple[int, ...],
                                            expected: str) -> None:
    """§3: Battles need two organised armed groups; ordinary people fighting the state's
    forces without firearms are a mob, while gunmen or clan militias stay a battle."""
    assert best_sub_event(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("A gang member was killed by two rival gang members.", "Armed clash",
                 id="gang-member-killed"),
    pytest.param("A trader was killed by two gunmen on a motorcycle.", "Attack",
                 id="trader-killed"),
])
def test_a_killed_gang_member_is_a_combatant(sentence: str, expected: str) -> None:
    """§3: violence against civilians needs unarmed victims; a gang member killed by a rival
    gang is a fight between armed groups."""
    assert best_sub_event(sentence, (POL_MILITIA, POL_MILITIA)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("The victim had charges against him for drug trafficking.", True,
                 id="charges"),
    pytest.param("Both victims had charges against them for theft and drug trafficking.", True,
                 id="charges-listed"),
    pytest.param("A drug dealer was shot dead near the bus station.", True, id="drug-dealer"),
    pytest.param("The victim had a criminal record.", False, id="record-only"),
    pytest.param("Police arrested him on drug trafficking charges.", False, id="arrest"),
])
def test_armed_victim(sentence: str, expected: bool) -> None:
    """Victims told as gang members or with drug-trafficking charges are armed."""
    assert armed_victim(sentence) is expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    pytest.param("Community members looted shops and demanded the sale of alcohol.", (),
                 "Violent demonstration", id="looting-with-grievance"),
    pytest.param("Police fired tear gas at rioting prisoners in the central prison.", (STATE,),
                 "Violent demonstration", id="rioting"),
    pytest.param("A group of people threw petrol bombs at a parking lot.", (),
                 "Mob violence", id="crowd-riot-act"),
    pytest.param("Unknown men set fire to the tractors of a logging company.", (POL_MILITIA,),
                 "Looting/property destruction", id="organised-arson"),
])
def test_crowds_that_destroy(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    """§3 Riots: a crowd's destruction with a grievance is a Violent demonstration, without
    one Mob violence; an armed group's arson stays property destruction."""
    assert best_sub_event(sentence, hints) == expected


def test_several_earlier_attacks_are_background() -> None:
    """A count of unspecified earlier attacks sums up a region's past: no event of its own."""
    assert is_reportable("There have been several attacks in the region by armed groups.") == (
        False, "background")


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    pytest.param("Contract workers engaged in mining staged a protest in the city.", (),
                 "Peaceful protest", id="engaged-in-work"),
    pytest.param("Youths engaged in a street fight with knives near the market.", (),
                 "Mob violence", id="engaged-in-a-fight"),
    pytest.param("They lit candles in the square, weeks after the riots in the city.", (),
                 None, id="riots-named-as-a-time"),
    pytest.param("Protesters rallied for a man who died after the riots in the city.", (),
                 "Peaceful protest", id="protest-about-riots"),
    pytest.param("Police arrested 30 youths for participating in a protest last week.",
                 (STATE, CIVILIANS), "Arrests", id="arrested-for-a-protest"),
    pytest.param("At least 55 people were arrested in several cities.", (CIVILIANS,),
                 "Arrests", id="arrests-by-no-named-agent"),
    pytest.param("Militants arrested two traders at a checkpoint.", (REBEL, CIVILIANS),
                 "Abduction/forced disappearance", id="arrest-by-rebels"),
])
def test_words_that_are_not_the_event(sentence: str, hints: tuple[int, ...],
                                      expected: str | None) -> None:
    """A word of work, an earlier riot or a protest that was the reason for an arrest does
    not make this event's type (§3); only a non-state armed group's arrest is an abduction."""
    assert best_sub_event(sentence, hints) == expected
