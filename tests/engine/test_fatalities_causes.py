"""Fatalities: a death told as what a crowd's destruction reacted to is that earlier
event's toll, not the riot's.

Sentences are ours; the expected counts follow the codebook (§8: the fatalities of an event
are the deaths in it; §10: another day or another kind of act is another event).
"""

from __future__ import annotations

import pytest

from coder.engine.fatalities import find_fatalities


@pytest.mark.parametrize(("sentence", "expected"), [
    # the death is the cause the crowd reacted to, not done by or to it
    pytest.param("On 4 June 2024, motorcycle taxi drivers burnt two buses in the town after a "
                 "crash that resulted in the death of one of their colleagues.", 0,
                 id="burnt-after-a-deadly-crash"),
    pytest.param("On 4 June 2024, villagers torched a police post following the killing of a "
                 "young farmer.", 0, id="torched-following-a-killing"),
    # the crowd's own victims count
    pytest.param("On 4 June 2024, rioters burnt two buses and killed a driver.", 1,
                 id="burnt-and-killed"),
])
def test_a_death_the_crowd_reacted_to_is_not_its_toll(sentence: str, expected: int) -> None:
    assert find_fatalities(sentence).fatalities == expected
