"""Classifier rules that decide between neighbouring sub-event types [codebook §3].

Sentences are ours, written from the codebook's definitions; the expected type is the
codebook's reading of each. `None` means the sentence reports no event of its own.
"""

from __future__ import annotations

import pytest
from engine_support import best_sub_event

from coder.engine.classify import is_reportable, without_fighting

SHELLING = "Shelling/artillery/missile attack"


@pytest.mark.parametrize(("sentence", "expected"), [
    # Heavy weapons with no other engagement are Shelling (§3); small arms, a reply from the
    # other side or fighting words make the same fire an Armed clash.
    pytest.param("Separatist forces fired heavy machine guns at army positions near the pass.",
                 SHELLING, id="heavy-machine-guns"),
    pytest.param("Rebels fired grenade launchers and 12.7mm machine guns at the village.",
                 SHELLING, id="grenade-launchers-and-calibre"),
    pytest.param("Rebels fired mortars, heavy machine guns and small arms at army positions.",
                 "Armed clash", id="small-arms-engage"),
    pytest.param("Troops fired machine guns at the insurgents, who fired back.", "Armed clash",
                 id="fired-back"),
    pytest.param("Militants fired mortars at the base and the soldiers returned fire.",
                 "Armed clash", id="returned-fire"),
    # Explosions counted by observers at a front line are long-range fire, not a device.
    pytest.param("Monitors recorded 14 explosions of undetermined origin near the village.",
                 SHELLING, id="counted-explosions"),
    pytest.param("Monitors recorded 30 explosions in both directions of the contact line.",
                 "Armed clash", id="explosions-both-directions"),
    pytest.param("An explosion tore through a crowded market, killing four.",
                 "Remote explosive/landmine/IED", id="one-explosion-stays-a-device"),
])
def test_fire_and_explosions(sentence: str, expected: str) -> None:
    """§3: one-sided heavy fire is Shelling; an exchange of fire is an Armed clash."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # Riots: an unorganised crowd with no firearm that beats someone is a mob (§3).
    pytest.param("Angry locals beat a suspected pickpocket near the bus park.", "Mob violence",
                 id="locals-beat"),
    pytest.param("A suspected cattle thief was beaten up by villagers.", "Mob violence",
                 id="beaten-by-villagers"),
    pytest.param("A group of about 30 youths attacked a tax collector with sticks.",
                 "Mob violence", id="group-of-youths"),
    pytest.param("Gunmen killed three residents of the village.", "Attack",
                 id="residents-as-victims-are-no-mob"),
    pytest.param("Gunmen shot two traders who had been attacked by residents.", "Attack",
                 id="firearms-are-no-mob"),
    # A crowd fighting the police is a mob, not a battle: Battles need two armed groups.
    pytest.param("Stranded migrant workers clashed with police at the border post.",
                 "Mob violence", id="workers-clash-with-police"),
    pytest.param("Young members of two rival parties clashed in the market square.",
                 "Mob violence", id="party-youths-clash"),
])
def test_crowds(sentence: str, expected: str) -> None:
    """§3 Riots: rioters are unorganised and use no sophisticated weapons."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # A crowd's grievance words make its riot act a demonstration (§3 Violent demonstration).
    pytest.param("Residents burned tyres on the highway, demanding the return of electricity.",
                 "Violent demonstration", id="tyres-demanding"),
    pytest.param("Demonstrators against the new tax vandalised the town hall.",
                 "Violent demonstration", id="against-then-vandalised"),
    # What a protest is against is its grievance, not an act at the protest.
    pytest.param("Villagers protested against the killing of a farmer by soldiers.",
                 "Peaceful protest", id="against-the-killing"),
    pytest.param("Families of the victims rallied to demand justice for those killed in the "
                 "bombing.", "Peaceful protest", id="justice-for-the-killed"),
    pytest.param("Traders protested over the destruction of their stalls by the council.",
                 "Peaceful protest", id="over-the-destruction"),
    pytest.param("Students marched after a classmate died in a road accident.",
                 "Peaceful protest", id="death-is-the-grievance"),
    pytest.param("Police opened fire on the protesters, killing two.",
                 "Excessive force against protesters", id="force-on-the-crowd"),
    pytest.param("During the march, soldiers shot dead a protester.",
                 "Excessive force against protesters", id="singular-protester"),
])
def test_protest_grievances(sentence: str, expected: str) -> None:
    """§3 Protests: the cause of a gathering is no event at the gathering."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # The head noun of the act's object decides who was attacked.
    pytest.param("Armed men attacked a senior police officer outside the station.", (),
                 "Armed clash", id="chief-police-officer"),
    pytest.param("Gunmen shot dead a member of the army's 5th Brigade in the market.", (),
                 "Armed clash", id="member-of-a-brigade"),
    pytest.param("Gunmen shot dead an off-duty soldier at his home.", (), "Attack",
                 id="off-duty-is-a-civilian"),
    # Only the government regains territory (§3): a state agent taking a place regains it.
    pytest.param("The forces took control of the rebel stronghold after heavy clashes.",
                 (1, 2), "Government regains territory", id="state-takes-control"),
    pytest.param("Militants took control of the district after heavy clashes.", (2, 1),
                 "Non-state actor overtakes territory", id="rebels-take-control"),
    pytest.param("Rebels took control of the town; there were no clashes.", (2,),
                 "Non-violent transfer of territory", id="no-clashes"),
    pytest.param("Police seized an IED and a cache of rifles near the village.", (1,),
                 "Disrupted weapons use", id="seized-weapons-are-no-takeover"),
])
def test_targets_and_territory(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    """§3: Battles need two armed sides; a takeover's type depends on who takes the place."""
    assert best_sub_event(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("The two militias signed a ceasefire in the regional capital.", "Agreement",
                 id="signed"),
    pytest.param("The ceasefire could collapse if the talks fail.", None, id="ceasefire-named"),
    pytest.param("The truce is fragile, observers said.", None, id="truce-described"),
    # Summaries over a long span, in the present perfect, are background.
    pytest.param("Clashes have displaced thousands of families over the past year.", None,
                 id="over-the-past-year"),
    pytest.param("Attacks on schools have risen in recent months.", None, id="in-recent-months"),
    pytest.param("Thousands have fled since the war began.", None, id="since-the-war-began"),
    pytest.param("Displaced families protested since the start of the day.",
                 "Peaceful protest", id="since-without-perfect-is-no-summary"),
    # A reference to an event already told is no new event.
    pytest.param("No group has claimed responsibility for the attack.", None,
                 id="responsibility-for"),
    pytest.param("Police are investigating the killing.", None, id="investigating"),
])
def test_statements_and_summaries(sentence: str, expected: str | None) -> None:
    """Issue: background, speculation and statements get no event; a deal needs a verb."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("There were no clashes.", True),
    ("The army entered the town without any resistance.", True),
    ("Heavy clashes were reported.", False),
])
def test_without_fighting(sentence: str, expected: bool) -> None:
    """The document step asks whether a later sentence denies any fighting."""
    assert without_fighting(sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # A thwarted attack was fought off: a battle (§3 Armed clash: "repulsed an attack").
    pytest.param("Government troops thwarted a rebel incursion on the northern front.",
                 "Armed clash", id="thwarted-incursion"),
    # The weapon never did what it was meant for (§3 Disrupted weapons use).
    pytest.param("Two militants were killed when the mine they were laying exploded "
                 "prematurely.", "Disrupted weapons use", id="exploded-prematurely"),
    pytest.param("Air defences intercepted at least one ballistic missile over the camp.",
                 "Disrupted weapons use", id="intercepted-missile"),
    pytest.param("Soldiers recovered three improvised explosive devices near the bridge.",
                 "Disrupted weapons use", id="recovered-devices"),
    pytest.param("Gunmen intercepted the governor's car and shot him dead.", "Attack",
                 id="intercepted-car-is-no-weapon"),
    # Property set on fire outside another event (§3 Looting/property destruction).
    pytest.param("Unknown people set two tractors of a logging firm on fire.",
                 "Looting/property destruction", id="set-on-fire"),
    # Unorganised groups fighting each other or the police are a mob (§3 Mob violence).
    pytest.param("A clash between two groups of villagers broke out over a water point.",
                 "Mob violence", id="clash-between-groups"),
    pytest.param("Two groups of teenagers engaged in a fight with knives and stones.",
                 "Mob violence", id="engaged-in-a-fight"),
])
def test_more_neighbours(sentence: str, expected: str) -> None:
    """§3: the sub-event type that the codebook's definition gives."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "reason"), [
    ("The militants often attack convoys on this road.", "background"),
    ("The raid is the latest in a series of assaults on the police.", "background"),
    ("The attack comes amid rising tensions between the two communities.", "reference"),
    ("It was not immediately clear who carried out the bombing.", "reference"),
    ("The injured were taken to the provincial hospital.", "reference"),
    ("The army has been fighting the insurgents for more than a decade.", "history"),
])
def test_background_and_references(sentence: str, reason: str) -> None:
    """Issue: habitual events, comments on an event already told and summaries get no event."""
    assert is_reportable(sentence) == (False, reason)


@pytest.mark.parametrize("sentence", [
    "The attack killed five soldiers near the border.",
    "The explosion occurred at a crowded market on Sunday.",
    "Protesters rallied in a series of coordinated marches.",
])
def test_told_events_stay_reportable(sentence: str) -> None:
    """A definite event noun with a verb of happening still reports the event."""
    assert is_reportable(sentence) == (True, "")
