"""Tolls of several places and of casualty phrases [codebook §8, §10].

Sentences are ours. Expected values follow §8: a total over several places is split evenly
(remainder first), an untold number of dead is the conservative vague figure, and killed
and wounded told together count half of a definite figure as dead (as the subject form does).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.fatalities import find_fatalities, places_listed
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge, suggest


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Police raided hideouts in Herat, Farah, Nimroz, and Helmand provinces.", 4,
                 id="four-provinces"),
    pytest.param("Airstrikes hit militants in Dand and Arghandab districts, Kandahar.", 2,
                 id="two-districts"),
    pytest.param("The militias clashed near Alpha and Beta on Sunday.", 2, id="near-then-on"),
    pytest.param("Gunmen attacked a village in Kunduz, Afghanistan.", 1, id="place-and-country"),
    pytest.param("Troops in Kabul and Taliban fighters exchanged fire.", 1, id="actor-not-place"),
    pytest.param("The fighting went on in May and June.", 1, id="months"),
    pytest.param("Soldiers attacked AQAP and IS fighters at the base.", 1, id="no-locative"),
])
def test_places_listed(sentence: str, expected: int) -> None:
    """§10 one place per event: how many places a sentence lists as where it happened."""
    assert places_listed(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("An unspecified number of villagers were killed.", 3, id="unspecified"),
    pytest.param("Gunmen killed an undisclosed number of guards.", 3, id="undisclosed"),
    pytest.param("The blast killed unknown number of soldiers.", 3, id="unknown-no-article"),
    pytest.param("The ambush ended, killing and injuring 8 soldiers.", 4, id="killing-injuring"),
    pytest.param("Troops shelled the hill, killing and wounding several fighters.", 3,
                 id="killing-wounding-vague"),
    pytest.param("Forces killed and injured 6 militants in the raid.", 3, id="killed-injured"),
    pytest.param("Gunmen killed 3 soldiers and wounded 4.", 3, id="separate-counts"),
])
def test_untold_and_casualty_counts(sentence: str, expected: int) -> None:
    """§8 vague words read conservatively; killed and wounded together: half are dead."""
    assert find_fatalities(sentence).fatalities == expected


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def test_a_toll_over_listed_places_is_split_over_them(knowledge: Knowledge) -> None:
    """§8 split and §10 one place per event: 7 dead told for four listed provinces give each
    event its share (2, 2, 2, 1), however many of the provinces the place step names."""
    sentence = ("On 5 May 2020, 7 Taliban militants were killed during police operations in "
                "Kabul, Ghor, Laghman, and Balkh provinces.")
    found = suggest(sentence, DocumentMeta(published=date(2020, 5, 6), country="Afghanistan"),
                    knowledge)
    assert found
    assert [s.event.fatalities for s in found] == [2, 2, 2, 1][: len(found)]
