"""Strategic developments and the statements that stay no-event [codebook §3, issue rules].

Sentences are ours, written from the codebook's definitions of the sub-event types: troop
movements, sieges and security measures (Change to group/activity), bases set up, places
handed over or left without fighting (Non-violent transfer of territory), displacement caused
by fighting (Other), property set on fire (Looting/property destruction), and the ranged
weapons that make Shelling or Air/drone strike. `None` means the sentence reports no event.
"""

from __future__ import annotations

import pytest
from engine_support import best_sub_event

CHANGE = "Change to group/activity"
BASE = "Headquarters or base established"
TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"
LOOTING = "Looting/property destruction"
SHELLING = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"
STATE, REBEL, CIVILIANS = 1, 2, 7


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("The insurgents sent hundreds of fighters to the northern valley on Friday.",
                 CHANGE, id="sent-fighters"),
    pytest.param("Hundreds of militia fighters were dispatched to the province.", CHANGE,
                 id="dispatched"),
    pytest.param("Rebel fighters massed at the entrance of the valley on Thursday.", CHANGE,
                 id="massed"),
    pytest.param("Resistance fighters regrouped in the mountains north of the town.", CHANGE,
                 id="regrouped"),
    pytest.param("A column of government troops moved into the city on Tuesday.", CHANGE,
                 id="moved-into"),
    pytest.param("Security forces were stationed around the airport.", CHANGE, id="stationed"),
    pytest.param("Troops were redeployed to the northern border on Sunday.", CHANGE,
                 id="redeployed"),
    pytest.param("Two foreign armies carried out a joint patrol along the highway.", CHANGE,
                 id="joint-patrol"),
    pytest.param("Militia fighters conducted military exercises outside the town.", CHANGE,
                 id="exercises"),
])
def test_troop_movements_are_changes_to_group_activity(sentence: str, expected: str) -> None:
    """§3 Change to group/activity: a troop movement with no violence told."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Rebel forces besieged the valley on Friday, cutting off food supplies.",
                 CHANGE, id="besieged"),
    pytest.param("The militants laid siege to the town on Tuesday.", CHANGE, id="laid-siege"),
    pytest.param("The insurgents imposed a blockade on the district on Monday.", CHANGE,
                 id="blockade-is-no-road-protest"),
    pytest.param("Militia fighters cut off all roads into the valley on Wednesday.", CHANGE,
                 id="cut-off-roads"),
    pytest.param("The provincial governor halted all entries and departures for two weeks.",
                 CHANGE, id="entries-halted"),
    pytest.param("The governor instituted a ban on all travel between the two provinces.",
                 CHANGE, id="travel-ban"),
])
def test_sieges_and_security_measures(sentence: str, expected: str) -> None:
    """§3 Change to group/activity: sieges, blockades and other security measures."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    pytest.param("The rebels set up a base in the forest on Monday.", (), BASE, id="set-up-base"),
    pytest.param("The militants established a checkpoint on the highway on Sunday.", (), BASE,
                 id="checkpoint-by-militants"),
    pytest.param("The group established checkpoints on the main road.", (REBEL,), BASE,
                 id="armed-group-by-hint"),
    pytest.param("The charity opened a new camp on the edge of town.", (), None,
                 id="no-armed-party-no-base"),
])
def test_bases_need_an_armed_party(sentence: str, hints: tuple[int, ...],
                                   expected: str | None) -> None:
    """§3 Headquarters or base established: an armed group sets up a base or post."""
    assert best_sub_event(sentence, hints) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Government forces withdrew from the district centre on Monday.", TRANSFER,
                 id="withdrew"),
    pytest.param("Local elders handed the district over to the rebels on Sunday.", TRANSFER,
                 id="handed-over-to"),
    pytest.param("Resistance forces abandoned their positions in the valley on Tuesday.",
                 TRANSFER, id="abandoned-positions"),
    pytest.param("The rebels took control of the town without resistance on Friday.", TRANSFER,
                 id="without-resistance"),
])
def test_places_changing_hands_without_fighting(sentence: str, expected: str) -> None:
    """§3 Non-violent transfer of territory: withdrew, handed over, took control unopposed."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Thousands of families fled their homes in the district on Saturday.", OTHER,
                 id="fled-homes"),
    pytest.param("Fighting forced hundreds of residents to flee the valley on Saturday.", OTHER,
                 id="fighting-forced"),
    pytest.param("Some 5,000 people were displaced by the clashes in the province.", OTHER,
                 id="displaced-by-clashes"),
    pytest.param("Residents evacuated their villages as the rebels approached.", OTHER,
                 id="evacuated"),
    # the flight of the attackers is no displacement
    pytest.param("The gunmen fled the scene before police arrived.", None, id="attackers-fled"),
    pytest.param("Hundreds of families fled to the provincial capital.", None,
                 id="fled-to-a-refuge"),
    pytest.param("The displaced families are living in tents.", None, id="the-displaced"),
    pytest.param("Internally displaced persons receive food aid each month.", None,
                 id="internally-displaced"),
    # fighting that kills is a battle, whatever flight follows [§3 hierarchy]
    pytest.param("Clashes between the army and rebels killed five and displaced hundreds.",
                 "Armed clash", id="clash-that-kills-stays-a-battle"),
])
def test_displacement_caused_by_fighting_is_other(sentence: str, expected: str | None) -> None:
    """§3 Other: displacement caused by fighting; the fighting named as its cause only."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Unknown people set on fire two houses in the village.", LOOTING,
                 id="set-on-fire"),
    pytest.param("Several crop fields were set on fire by suspected militants.", LOOTING,
                 id="fields-set-on-fire"),
    pytest.param("Soldiers razed farmland near the town.", LOOTING, id="razed"),
    pytest.param("Protesters set on fire a police vehicle in the capital.",
                 "Violent demonstration", id="protesters-burning-is-a-riot"),
    pytest.param("Rebels fired heavy and medium weapons at residential areas of the city.",
                 SHELLING, id="heavy-and-medium-weapons"),
    pytest.param("Rebels destroyed an army bulldozer on the front line with an ATGM.", SHELLING,
                 id="atgm"),
    pytest.param("The rebel air force targeted government positions near the port.", AIR,
                 id="air-force-targeted"),
])
def test_property_destruction_and_ranged_weapons(sentence: str, expected: str) -> None:
    """§3 Looting/property destruction outside violence; ranged weapons are remote violence."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize("sentence", [
    pytest.param("The rebels vowed to take the valley by force.", id="vow"),
    pytest.param("The rebels threatened to send more fighters to the province.", id="threat"),
    pytest.param("Officials said the rebels might deploy more troops in the coming days.",
                 id="might"),
    pytest.param("A spokesman said reinforcements would be sent if needed.", id="modal-after"),
    pytest.param("Thousands could be displaced if fighting continues.", id="could"),
    pytest.param("Troops are expected to withdraw from the area next week.", id="expected"),
    pytest.param("The group plans to set up a base in the district.", id="plans"),
    pytest.param("The government urged residents not to flee their homes.", id="appeal"),
    pytest.param("In 1997 the rebels besieged the valley for months.", id="history-year"),
    pytest.param("The army has stationed troops in the region for years.", id="for-years"),
    pytest.param("The army moved quickly to reassure residents.", id="moved-to-act"),
    pytest.param("The rebels sent a delegation to the valley for talks.", id="delegation"),
    pytest.param("Witnesses said gunmen entered the house at midnight.", id="entered-a-house"),
    pytest.param("Schools were closed and roads were empty.", id="closed-and-roads"),
    pytest.param("Fighters loyal to the commander are stationed across the north.",
                 id="standing-force"),
    # background: a pattern, a past event named by a noun, a ban, a mourned death
    pytest.param("The province has seen frequent clashes between rival militias.",
                 id="has-seen-frequent"),
    pytest.param("Security has worsened since the withdrawal of foreign troops.",
                 id="since-the-withdrawal"),
    pytest.param("Protests have been banned in the capital since the coup.", id="banned-after"),
    pytest.param("Thousands of people attended the funeral of the slain journalist.",
                 id="the-slain"),
    pytest.param("The region is home to several armed groups that fight over mines.",
                 id="mines-without-blast"),
])
def test_statements_threats_and_history_stay_no_event(sentence: str) -> None:
    """The issue's rule: speculation, threats, appeals and history get no event."""
    assert best_sub_event(sentence) is None


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Since the rebels withdrew, the army has shelled the town twice.", SHELLING,
                 id="since-a-clause-is-no-reference"),
    pytest.param("A farmer was killed when he stepped on a landmine near the village.",
                 "Remote explosive/landmine/IED", id="mine-stepped-on"),
])
def test_scope_words_leave_the_events_they_do_not_govern(sentence: str, expected: str) -> None:
    """A noun after "since the" is a past event; a clause after it tells its own event."""
    assert best_sub_event(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # §3 Battles: police killed by militants are an armed side, whatever words look civilian
    pytest.param("Three local policemen were killed during an operation against insurgents.",
                 "Armed clash", id="local-is-an-adjective"),
    pytest.param("Two policemen were killed in attacks by militants in Imam Sahib district.",
                 "Armed clash", id="civilian-word-inside-a-place-name"),
    pytest.param("Gunmen shot dead a local who refused to pay them.", "Attack",
                 id="a-local-is-a-civilian"),
])
def test_civilian_words_that_name_no_victim(sentence: str, expected: str) -> None:
    """A victim word inside a name or used as an adjective names no civilian target."""
    assert best_sub_event(sentence) == expected
