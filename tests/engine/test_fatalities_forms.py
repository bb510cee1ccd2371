"""Death tolls in their less common forms [codebook §8, §3 Suicide bomb].

Sentences are ours. Expected values follow the codebook: the reported dead, never the
wounded; the lowest of disagreeing figures; vague words 3 for a limited attack and 10 for a
large one; killed and wounded told together count half of a figure above the least vague one;
the suicide bomber counts among the dead of his attack, once.
"""

from __future__ import annotations

import pytest

from coder.engine.fatalities import find_fatalities, later_toll, places_listed


@pytest.mark.parametrize(("sentence", "expected"), [
    # quotation marks around the figure keep the figure
    pytest.param("Camps were destroyed and 'some' fighters killed.", 3, id="single-quoted"),
    pytest.param('Troops shelled the hill, killing "seven" fighters.', 7, id="double-quoted"),
    # the noun phrase goes on through a "from" phrase and names joined by a slash
    pytest.param("Two farmers from the next village were killed.", 2, id="from-phrase"),
    pytest.param("40 AQAP/IS fighters were killed.", 40, id="slash-names"),
    # "both sides" are two groups, not two people
    pytest.param("An unknown number of gunmen from both sides died.", 3,
                 id="both-sides-vague"),
    pytest.param("Both men were shot dead.", 2, id="both-men"),
    # the dead among the wounded
    pytest.param("One of the injured women died in hospital.", 1, id="one-of-the-injured"),
    pytest.param("Two of the wounded later died.", 2, id="two-of-the-wounded"),
    pytest.param("The blast injured 6 people, one of whom later died.", 1, id="one-of-whom"),
    pytest.param("The gunman shot three guards, one of them fatally.", 1, id="one-fatally"),
    pytest.param("A trader was seriously injured and later died.", 1, id="injured-later-died"),
    # a pronoun tells one dead
    pytest.param("He later died of his wounds.", 1, id="he-died"),
    pytest.param("She was killed on her way home.", 1, id="she-was-killed"),
    pytest.param("A man was shot dead; police said he was killed by a gang.", 1,
                 id="pronoun-counted-once"),
    # a clause or participle phrase between the count and its verb
    pytest.param("A driver who had been kidnapped from his truck on 2 June, was found dead "
                 "near the border.", 1, id="relative-clause-comma"),
    pytest.param("Three men suspected of stealing cattle in the district were lynched.", 3,
                 id="suspected-of"),
    pytest.param("Three people, two of them children, were killed.", 3, id="part-aside"),
    # killed, wounded or captured together: how many died is untold (§8: unclear gives 0)
    pytest.param("8 rebels were killed, wounded or captured in the raid.", 0,
                 id="killed-injured-captured"),
    pytest.param("5 militants were killed or arrested.", 0, id="killed-or-arrested"),
    # a tally's label
    pytest.param("Fatalities: 4, injured: 9.", 4, id="label-colon"),
    pytest.param("The attack was repelled. Fatalities 2 and 3 injured.", 2, id="label-space"),
    pytest.param("The attack killed 1,500 people.", 1500, id="thousands-not-label"),
    # a wound count before a death clause is not part of its subject
    pytest.param("Gunmen killed 2 guards and wounded 3, and 1 passer-by was also killed.", 3,
                 id="wounded-object-not-subject"),
    # one body found
    pytest.param("A decomposed body was found in the forest.", 1, id="a-body-found"),
    pytest.param("The body was taken to the morgue.", 0, id="the-body-is-no-count"),
    # "lives" as a verb is no death
    pytest.param("Protesters gathered outside the building where the minister lives.", 0,
                 id="lives-verb"),
    pytest.param("The floods and the fighting claimed 7 lives.", 7, id="lives-noun"),
    # people named by their role
    pytest.param("A fugitive was killed in the shootout.", 1, id="fugitive"),
    pytest.param("The deputy head of the council was assassinated.", 1, id="head"),
    pytest.param("Two suspected kidnappers were burnt to death.", 2, id="burnt"),
    # number words
    pytest.param("The airstrikes killed over a hundred fighters.", 100, id="a-hundred"),
    # perfect tenses
    pytest.param("By evening, 13 people had died.", 13, id="had-died"),
    pytest.param("3 gunmen have killed 5 villagers.", 5, id="have-killed-object-only"),
])
def test_less_common_forms(sentence: str, expected: int) -> None:
    """§8: the reported dead of the sentence, in these forms."""
    assert find_fatalities(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # §8 acledR: a large attack in a war zone gives 10 for vague words, a limited one 3
    pytest.param("Forces repelled an attack on the northern front, killing several "
                 "fighters.", 10, id="front-several"),
    pytest.param("The offensive left an unknown number of soldiers dead.", 10,
                 id="offensive-unknown-number"),
    pytest.param("Troops repelled the attack on the frontline, incurring fatalities.", 10,
                 id="frontline-plural-deaths"),
    pytest.param("Gunmen shot at a bus, killing several passengers.", 3, id="limited-attack"),
    pytest.param("Taliban fighters clashed with the National Resistance Front, killing several.",
                 3, id="front-in-a-name"),
    pytest.param("Gunmen opened fire in front of the court, killing several people.", 3,
                 id="in-front-of-is-no-front"),
    # killed and wounded together: half of a figure above the least vague one
    pytest.param("Airstrikes hit the base, killing and wounding dozens of militants.", 6,
                 id="killing-injuring-dozens"),
    pytest.param("Troops on the front lines killed and wounded a number of fighters.", 5,
                 id="large-killed-wounded-vague"),
    pytest.param("Gunmen killed and injured several villagers.", 3,
                 id="several-killed-injured-kept"),
    # "a group of" people killed: plural deaths of untold number
    pytest.param("Soldiers ambushed and killed a group of bandits.", 3, id="a-group-of"),
])
def test_vague_figures_follow_the_scale(sentence: str, expected: int) -> None:
    """§8: vague words give 3 or 10 by the scale of the attack; casualties give half."""
    assert find_fatalities(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("A suicide bomber blew himself up at the checkpoint, killing 4 soldiers.", 5,
                 id="bomber-added"),
    pytest.param("A suicide car bomb hit the base; 6 soldiers were killed.", 7,
                 id="car-bomb-added"),
    pytest.param("7 people, including the suicide bomber, died at the market.", 7,
                 id="bomber-counted-including"),
    pytest.param("The bomber detonated his vest, killing himself and 3 others.", 4,
                 id="bomber-counted-himself"),
    pytest.param("Police shot the suicide bomber before he could detonate his vest; a "
                 "policeman was killed.", 1, id="bomber-stopped"),
    pytest.param("A suicide bomber blew himself up near the gate, injuring 3 guards.", 0,
                 id="no-toll-no-bomber"),
])
def test_suicide_bomber_counts_once(sentence: str, expected: int) -> None:
    """§3 Suicide bomb and §8: the bomber counts in his attack's toll, once."""
    assert find_fatalities(sentence).fatalities == expected


@pytest.mark.parametrize(("earlier", "sentence", "expected"), [
    pytest.param(22, "Residents contested the figure and said 13 people had died.", 13,
                 id="contested-lowest"),
    pytest.param(9, "The army disputed the toll and said 5 soldiers died.", 5,
                 id="disputed-lowest"),
])
def test_a_disputed_later_figure_takes_the_lowest(earlier: int, sentence: str,
                                                   expected: int) -> None:
    """§8: sources that disagree give the lowest figure."""
    assert later_toll(earlier, sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Troops retook the hill (Dand, Kandahar) and the checkpoint at Zhari "
                 "(Zhari, Kandahar), killing 9 fighters.", 2, id="two-admin-asides"),
    pytest.param("Police raided a house in Garcia (Garcia, Nuevo Leon).", 1, id="one-aside"),
])
def test_places_told_with_their_own_units_are_apart(sentence: str, expected: int) -> None:
    """§10 one place per event: places each told with their district and province."""
    assert places_listed(sentence) == expected
