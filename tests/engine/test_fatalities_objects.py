"""Death tolls told through the object of a death verb [codebook §8].

Sentences are ours. The expected count is the number of people the sentence reports dead:
"killing him" one, "stabbed a journalist to death" one, "killed a group of fighters" the
conservative vague figure (§8: plural deaths of untold number give 3, or 10 in a large attack).
"""

from __future__ import annotations

import pytest

from coder.engine.fatalities import find_fatalities


@pytest.mark.parametrize(("sentence", "expected"), [
    # a pronoun object counts one person
    pytest.param("Snipers opened fire on a shepherd, killing him.", 1, id="killing-him"),
    pytest.param("Gunmen stopped the car and shot him dead.", 1, id="shot-him-dead"),
    # a death verb split around its object
    pytest.param("A man stabbed a well-known radio presenter to death.", 1,
                 id="stabbed-to-death"),
    pytest.param("The crowd beat two suspected thieves to death.", 2, id="beat-two-to-death"),
    # "a"/"an" after a death verb names one victim, whatever the noun
    pytest.param("Unknown gunmen killed a revenue collector at the bus station.", 1,
                 id="killed-a-collector"),
    pytest.param("The blast killed an electrician near the depot.", 1, id="killed-an-x"),
    # a counted noun phrase may carry an "of" phrase of several words
    pytest.param("3 members of the regime's Air Force Intelligence were killed.", 3,
                 id="members-of-long-unit"),
    pytest.param("A local leader of the ruling party was beaten to death.", 1,
                 id="leader-of-party"),
    # plural deaths of untold number
    pytest.param("The fighters killed a group of militants.", 3, id="a-group-is-vague"),
    pytest.param("Farmers slaughtered a goat outside the office in protest.", 0,
                 id="animals-are-no-deaths"),
    pytest.param("Villagers protested over the death of a patient.", 0,
                 id="death-of-a-noun-is-no-victim"),
])
def test_object_counts(sentence: str, expected: int) -> None:
    """§8: the reported number of deaths, read from the victim phrase of a death verb."""
    assert find_fatalities(sentence).fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("The officer died.", 1, id="the-officer-died"),
    pytest.param("The perpetrator died in the exchange of fire.", 1, id="perpetrator"),
    # killed and wounded together: the dead are an unreported part of the count
    pytest.param("Eight militants were killed and wounded in the operation.", 4,
                 id="killed-and-wounded-half"),
    pytest.param("Several soldiers were killed and wounded.", 3, id="vague-killed-and-wounded"),
    pytest.param("Ten people were killed or wounded.", 0, id="killed-or-wounded"),
    pytest.param("Three soldiers were killed and four wounded.", 3, id="separate-counts"),
])
def test_subject_counts(sentence: str, expected: int) -> None:
    """§8: deaths only; a combined count of dead and wounded is not all deaths."""
    assert find_fatalities(sentence).fatalities == expected
