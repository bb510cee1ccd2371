"""Death counts as wire copy tells them [codebook §8].

Sentences are ours, in AFP/Reuters/AP style: the speaker named after the count (", a police
spokesman said"), a death told as the result of the act ("burning three people to death"), a
toll named with its whole event ("the death toll from Friday's bombing at the market rose to
40"), a relative date that is the event's own ("last week"), and an army's count of the
enemies it says it killed. Expected values come from §8 and the claims rule (§8; §11 example 6).
"""

from __future__ import annotations

import pytest

from coder.engine.fatalities import find_fatalities


@pytest.mark.parametrize(("sentence", "expected"), [
    # the noun phrase after the comma is the source of the report, not a third victim
    pytest.param("Gunmen shot dead a village chief on Monday, killing two guards, a police "
                 "spokesman said.", 3, id="speaker-after-count"),
    pytest.param("Militants attacked a checkpoint on Sunday, killing four soldiers, a security "
                 "official told AFP.", 4, id="speaker-told"),
    # the death told as the outcome of the act, the verb split around its victims
    pytest.param("Attackers set fire to the house on Sunday night, burning three children to "
                 "death.", 3, id="burning-n-to-death"),
    pytest.param("The mob attacked the two men, beating both of them to death.", 2,
                 id="beating-n-to-death"),
    pytest.param("Assailants hacked seven farmers to death in their fields.", 7,
                 id="hacked-n-to-death"),
    # a toll named with its whole event: the figure follows the later verb
    pytest.param("The death toll from Friday's bombing at the central market in the city rose "
                 "to 40 on Sunday, officials said.", 40, id="long-toll-subject"),
    # §8: the reported total is recorded as reported; a suicide bomber is added only to a
    # count of victims told with the attack
    pytest.param("The death toll from the suicide bombing at the mosque rose to 30 on Monday.",
                 30, id="toll-of-a-suicide-bombing"),
    pytest.param("A suicide bomber blew himself up at a checkpoint, killing five soldiers.", 6,
                 id="bomber-added-to-victims"),
    pytest.param("A suicide bomber struck a police training centre, killing nine recruits, a "
                 "police officer told AFP.", 10, id="training-centre-is-a-place"),
    pytest.param("Police arrested a would-be suicide bomber who was training with explosives.",
                 0, id="bomber-in-training"),
    # "last week" / "late last month" alone date the event itself (§7), so its dead count
    pytest.param("Soldiers killed several civilians in the village last week, residents said.",
                 3, id="last-week-is-the-event-date"),
    pytest.param("A prisoner was beaten to death by guards late last month, an autopsy showed.",
                 1, id="late-last-month-is-the-event-date"),
    # beside the sentence's own date, "last week" tells an earlier event's dead
    pytest.param("On Monday, police arrested a man who killed two neighbours last week.", 0,
                 id="last-week-beside-own-date"),
])
def test_wire_style_death_counts(sentence: str, expected: int) -> None:
    """Each sentence's conservative reported toll (§8)."""
    assert find_fatalities(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected", "claimed"), [
    # a fighting party's count of the enemies it says it killed, that party the only source
    pytest.param("Troops repelled an attack on a base on Saturday, killing 20 insurgents, the "
                 "army said.", 0, True, id="army-said-insurgents"),
    pytest.param("An airstrike killed six militants near the border on Friday, the military "
                 "said in a statement.", 0, True, id="military-said-militants"),
    pytest.param("Soldiers clashed with rebels on Friday, leaving three rebels dead, an army "
                 "spokesman said.", 0, True, id="army-spokesman-said-rebels"),
    pytest.param("A drone strike killed four fighters on Tuesday, the US Africa Command said.",
                 0, True, id="command-said-fighters"),
    # the army reporting its own dead is no claim about an enemy: counted
    pytest.param("Militants ambushed a patrol on Friday, killing five soldiers, the army said.",
                 5, False, id="army-reports-own-dead"),
    # a source that is not a fighting party: counted
    pytest.param("Soldiers killed eight insurgents in the forest on Friday, residents said.", 8,
                 False, id="residents-said"),
])
def test_an_armys_enemy_count_is_a_party_claim(sentence: str, expected: int,
                                              claimed: bool) -> None:
    """Enemies a fighting party alone says it killed give 0 and the claim flag (§8, §11.6)."""
    found = find_fatalities(sentence)
    assert (found.fatalities, found.claimed_by_party) == (expected, claimed)
