"""Sub-event rules: who is armed, what a march or a meeting of armed men is, ambushes
of civilians, communal violence, drug seizures, devices that failed.

Sentences are ours; the expected types come from the codebook (§3 definitions and cue
words; §5: identity militias and rebels are armed groups) and the actor hints are the inter
codes the actor step gives (1 state forces, 2 rebels, 4 identity militia, 7 civilians).
"""

from __future__ import annotations

import pytest

from coder.engine.classify import classify, is_reportable

STATE, REBEL, ID_MILITIA, CIVILIANS = 1, 2, 4, 7


def _sub_event_type(sentence: str, hints: tuple[int, ...] = ()) -> str | None:
    found = classify(sentence, hints)
    return found[0].sub_event_type if found else None


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # §3 Change to group/activity: armed men who gather or march are on the move, and a
    # march that ends in an attack on villagers is the attack, not a protest.
    pytest.param("On 4 June 2024, several NRF were deployed and gathered at a forest camp "
                 "east of the town.", (REBEL,), "Change to group/activity",
                 id="rebels-deployed-and-gathered"),
    pytest.param("On 4 June 2024, clan militiamen marched to a hamlet near the river and "
                 "attacked herders grazing their cattle there.", (ID_MILITIA,), "Attack",
                 id="militia-marched-and-attacked"),
    # Protests: the same words from ordinary people stay a protest.
    pytest.param("On 4 June 2024, nurses marched to the ministry to demand unpaid wages.",
                 (), "Peaceful protest", id="nurses-marched"),
    pytest.param("On 4 June 2024, traders blocked the main avenue of the market town to "
                 "demand lower fees.", (), "Peaceful protest", id="blocked-avenue"),
    pytest.param("On 4 June 2024, teacher trainees blocked the tram rails in the city "
                 "centre.", (), "Peaceful protest", id="blocked-rails"),
    pytest.param("On 4 June 2024, drivers blocked traffic on the ring road over fuel prices.",
                 (), "Peaceful protest", id="blocked-traffic"),
])
def test_marches_and_gatherings(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    assert _sub_event_type(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # §3 Violence against civilians: an ambush on unarmed people is an Attack ...
    pytest.param("On 4 June 2024, gunmen ambushed and killed three farmers on their way to "
                 "the market.", (), "Attack", id="ambushed-farmers"),
    pytest.param("On 4 June 2024, bandits ambushed a group of traders and shot two of them.",
                 (), "Attack", id="ambushed-traders"),
    # ... while an ambush on soldiers or armed men stays a battle (§3 Armed clash).
    pytest.param("On 4 June 2024, insurgents ambushed and killed two soldiers on the highway.",
                 (), "Armed clash", id="ambushed-soldiers"),
    pytest.param("On 4 June 2024, militants ambushed armed guards escorting the convoy.",
                 (), "Armed clash", id="ambushed-armed-guards"),
    # Shots traded both ways are an exchange of fire [§3 Armed clash].
    pytest.param("On 4 June 2024, cadres of the outlawed party exchanged gun shots with the "
                 "police near the border post.", (), "Armed clash", id="exchanged-gun-shots"),
    # Communities and clans that fight are identity militias (§5): Battles, not an attack.
    pytest.param("On 4 June 2024, inter-clan violence broke out near the wells, leaving four "
                 "people dead.", (), "Armed clash", id="inter-clan-violence"),
    pytest.param("On 4 June 2024, communal violence erupted between two villages over farmland.",
                 (), "Armed clash", id="communal-violence"),
])
def test_attack_or_clash(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    assert _sub_event_type(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # §3 Riots: a crowd that fights the police with no firearm of its own is a mob; the
    # force's name ("Armed Police") and its warning shots arm no one in the crowd.
    pytest.param("On 4 June 2024, migrant labourers clashed with Armed Police personnel at a "
                 "border crossing after being refused entry.", (STATE,), "Mob violence",
                 id="armed-police-is-a-name"),
    pytest.param("On 4 June 2024, stranded passengers clashed with border guards, who fired "
                 "warning shots to control the situation.", (STATE,), "Mob violence",
                 id="warning-shots-are-the-guards"),
    pytest.param("On 4 June 2024, stranded passengers clashed with border guards, who shot "
                 "into the air.", (STATE,), "Mob violence", id="shots-in-the-air"),
    # A crowd that shoots is armed: not a mob.
    pytest.param("On 4 June 2024, villagers armed with rifles clashed with border guards.",
                 (STATE,), "Armed clash", id="crowd-with-rifles"),
    # "vigilante-style" tells how gunmen killed, not that a mob did (§3 Attack).
    pytest.param("On 4 June 2024, a shopkeeper was shot dead in a vigilante-style killing by "
                 "unidentified gunmen.", (), "Attack", id="vigilante-style"),
    pytest.param("On 4 June 2024, vigilantes beat a suspected thief to death in the market.",
                 (), "Mob violence", id="vigilantes-beat"),
])
def test_crowds_and_arms(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    assert _sub_event_type(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # §3 Looting/property destruction: goods seized outside a violent event, arrests or not.
    pytest.param("On 4 June 2024, federal police seized two tons of cocaine hidden in a "
                 "truck; three people were arrested.", (STATE,),
                 "Looting/property destruction", id="seized-cocaine"),
    pytest.param("On 4 June 2024, police dismantled a drug lab in the hills and arrested the "
                 "owner.", (STATE,), "Looting/property destruction", id="dismantled-drug-lab"),
    # Arrests alone stay Arrests.
    pytest.param("On 4 June 2024, police arrested three opposition leaders in the capital.",
                 (STATE,), "Arrests", id="arrests-alone"),
    # §3 Disrupted weapons use: an explosive that did not go off, a drone brought down.
    pytest.param("On 4 June 2024, militants hurled a grenade at a police post, but the grenade "
                 "did not explode.", (), "Disrupted weapons use", id="grenade-did-not-explode"),
    pytest.param("On 4 June 2024, the army shot down an armed reconnaissance drone over the "
                 "valley.", (STATE,), "Disrupted weapons use", id="shot-down-drone"),
    # §3 Other: people displaced by fighting.
    pytest.param("On 4 June 2024, about 400 villagers were displaced following a clash between "
                 "rebels and the army near their village.", (), "Other",
                 id="displaced-following-a-clash"),
])
def test_strategic_developments(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    assert _sub_event_type(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # §3 Disrupted weapons use: forces that blow up or destroy a device or arms others
    # planted or own (a controlled detonation, a cache destroyed) ...
    pytest.param("On 4 June 2024, police detonated a device planted by unknown men outside "
                 "a church.", (STATE,), "Disrupted weapons use",
                 id="detonated-a-device-planted-by"),
    pytest.param("On 4 June 2024, the army destroyed several depots of arms belonging to the "
                 "rebels in the forest.", (STATE,), "Disrupted weapons use",
                 id="destroyed-arms-belonging-to"),
    # ... while those who set off their own device use it [§3 Remote explosive/landmine/IED].
    pytest.param("On 4 June 2024, militants detonated a bomb planted on the road, killing two "
                 "soldiers.", (), "Remote explosive/landmine/IED", id="own-bomb-detonated"),
    # §3 Suicide bomb only "with no accompanying firefight": met with gunfire it is fought.
    pytest.param("On 4 June 2024, two attackers wearing suicide vests stormed a police post, and "
                 "officers shot dead one of the attackers before the other blew himself up.",
                 (), "Armed clash", id="suicide-attack-met-with-fire"),
    pytest.param("On 4 June 2024, a suicide bomber blew himself up at a checkpoint, killing "
                 "four soldiers.", (), "Suicide bomb", id="suicide-bomb-alone"),
    # §3 Excessive force: shooting at protesters, whatever the verb's form.
    pytest.param("On 4 June 2024, residents protested over power cuts; soldiers arrived and "
                 "started to shoot at protesters' homes.", (), "Excessive force against protesters",
                 id="shooting-at-protesters"),
    # §3 Change to group/activity and Headquarters: a force moved, buildings turned into a
    # base, told with other verb forms.
    pytest.param("On 4 June 2024, a unit of border guards was moved to the crossing to secure "
                 "it.", (), "Change to group/activity", id="guards-were-moved"),
    pytest.param("On 4 June 2024, the governor allowed the brigade's soldiers to convert two "
                 "schools into barracks.", (), "Headquarters or base established",
                 id="to-convert-into-barracks"),
    # people moved are no troop movement
    pytest.param("On 4 June 2024, the detainees were moved to a prison in the capital.", (),
                 None, id="detainees-moved"),
])
def test_weapons_forces_and_bases(sentence: str, hints: tuple[int, ...],
                                  expected: str | None) -> None:
    assert _sub_event_type(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # §3 Protest with intervention / Riots: tear gas shells are no shelling.
    pytest.param("On 4 June 2024, villagers threw stones at the police, who fired tear gas "
                 "shells to push them back.", (STATE,), "Mob violence",
                 id="tear-gas-shells-and-stones"),
    pytest.param("On 4 June 2024, police fired tear gas shells to disperse students "
                 "protesting against fee increases.", (), "Protest with intervention",
                 id="tear-gas-shells-at-a-protest"),
    # §3 Air/drone strike: drones that only watch strike nothing.
    pytest.param("On 4 June 2024, army artillery shelled rebel positions near the dam while "
                 "reconnaissance drones circled over the area.", (STATE, REBEL),
                 "Shelling/artillery/missile attack", id="reconnaissance-drones"),
    # §3 Remote explosive/landmine/IED, told as a remote or explosive attack; fighting named
    # as the device's past is not this event's act.
    pytest.param("On 4 June 2024, militants carried out a remote-controlled explosive attack "
                 "on a bus depot.", (), "Remote explosive/landmine/IED", id="remote-explosive"),
    pytest.param("On 4 June 2024, a boy was killed when a shell left from previous fighting "
                 "exploded in a field.", (), "Remote explosive/landmine/IED",
                 id="previous-fighting"),
    # §3 Headquarters or base established, with other verbs and adjectives.
    pytest.param("On 4 June 2024, the insurgents created a new base near the lake.", (REBEL,),
                 "Headquarters or base established", id="created-a-new-base"),
    pytest.param("On 4 June 2024, peacekeepers installed a temporary military base in the "
                 "village.", (8,), "Headquarters or base established", id="temporary-base"),
])
def test_weapons_named_otherwise(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    assert _sub_event_type(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    # "riot police" names a force: the protest it stops is no riot (§3 Protest with
    # intervention), and police that intervene at a protest intervene in it.
    pytest.param("On 4 June 2024, hundreds of teachers rallied outside parliament, and riot "
                 "police intervened to clear the entrance.", (), "Protest with intervention",
                 id="riot-police-intervened"),
    pytest.param("On 4 June 2024, hundreds of teachers rallied outside parliament, watched by "
                 "riot police.", (), "Peaceful protest", id="riot-police-watched"),
    # §3 Other: a checkpoint or roadblock set up outside the law.
    pytest.param("On 4 June 2024, a clan militia set up an illegal roadblock on the road to the "
                 "port.", (ID_MILITIA,), "Other", id="illegal-roadblock"),
    # §3 Mob violence: local civilians who beat someone are a mob.
    pytest.param("On 4 June 2024, local civilians beat and injured a man accused of theft in "
                 "the market.", (), "Mob violence", id="local-civilians-beat"),
])
def test_crowds_and_forces_named(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    assert _sub_event_type(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "reportable"), [
    # what the story's event came after is its cause, told before or coded apart
    pytest.param("The deployment comes after rebels captured two towns in the north.", False,
                 id="comes-after"),
    pytest.param("This development follows recent clashes between herders and police.", False,
                 id="development-follows"),
    pytest.param("The protest took place after a student was shot by a guard.", False,
                 id="took-place-after"),
    # an event told with a time after another is still news
    pytest.param("After the meeting, gunmen attacked the convoy near the bridge.", True,
                 id="after-the-meeting"),
    pytest.param("The army took the town after two days of fighting.", True,
                 id="took-the-town-after"),
    # the hour it happened is no cause
    pytest.param("The raid took place after midnight, when gunmen stormed the village.", True,
                 id="after-midnight"),
])
def test_a_sentence_telling_the_cause_is_background(sentence: str, reportable: bool) -> None:
    assert is_reportable(sentence)[0] is reportable


@pytest.mark.parametrize(("sentence", "expected"), [
    # a purpose ("to stop the virus") governs its own phrase, not the verb after its comma
    pytest.param("On 4 June 2024, traders stranded by the measures imposed to stop the virus, "
                 "staged a demonstration outside the bus terminal.", "Peaceful protest",
                 id="purpose-ends-at-comma"),
    # within its phrase it still governs: an appeal to stop a protest is no protest
    pytest.param("On 4 June 2024, the mayor urged the council to stop the protest.", None,
                 id="appeal-to-stop"),
])
def test_a_purpose_ends_at_its_comma(sentence: str, expected: str | None) -> None:
    assert _sub_event_type(sentence) == expected
