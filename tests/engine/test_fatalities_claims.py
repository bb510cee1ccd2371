"""Tolls claimed by the parties to a conflict (codebook §8 and §11, examples 1 and 6).

One party's claim alone ("the Taliban claimed 5 soldiers were killed") gives 0, the claim
being left for the notes (example 6). When both parties give figures, each in a clause of its
own ("the NRF said 40 Taliban were killed, the Taliban said 10 NRF fighters died"), they
disagree, and the lowest credible figure counts (§8; example 1), whether or not the words are
"claimed". Sentences are our own.
"""

from __future__ import annotations

import pytest

from coder.engine.fatalities import find_fatalities


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("Fighters clashed in two districts; the NRF said 40 Taliban were killed, "
                     "the Taliban said 10 NRF fighters died.", 10, id="example-1-said"),
        pytest.param("The rebels claimed to have killed 30 soldiers, while the army claimed "
                     "4 soldiers were killed.", 4, id="both-claimed"),
        pytest.param("Militants claimed to have killed 12 soldiers and injured 9 others, the "
                     "Army and allied militia claimed 3 soldiers were killed.", 3,
                     id="both-claimed-after-wounded"),
        pytest.param("A roadside bomb struck an army vehicle; the Taliban claimed 5 soldiers "
                     "were killed.", 0, id="example-6-one-party"),
        pytest.param("Al Shabaab claimed to have killed 8 soldiers and injured 7.", 0,
                     id="one-party-object-form"),
        # one speaker's two figures are one report of two groups of dead: they add up
        pytest.param("Police said 3 soldiers and 2 civilians were killed.", 5, id="one-speaker"),
        # a narrated toll and a source's report of other dead add up: no rival figures
        pytest.param("3 soldiers were killed in the ambush, and the army said 2 militants died.",
                     5, id="narrated-then-reported"),
    ],
)
def test_parties_claims(sentence: str, expected: int) -> None:
    """§8 lowest of disagreeing figures; §11 example 6: one party's claim alone gives 0."""
    assert find_fatalities(sentence).fatalities == expected


def test_a_party_alone_stays_withheld_and_flagged() -> None:
    """Example 6: the claim is not counted, and the caller learns that a party claimed it."""
    found = find_fatalities("Insurgents claimed they killed 6 policemen at the checkpoint.")
    assert (found.fatalities, found.claimed_by_party) == (0, True)


def test_rival_claims_from_a_party_only_source_stay_zero() -> None:
    """§8: a toll reported only by a party's own outlet (Voice of Jihad) is coded 0, whoever
    it quotes."""
    sentence = ("The militants claimed to have killed 20 soldiers, the army claimed 2 soldiers "
                "were killed.")
    assert find_fatalities(sentence, source="Voice of Jihad").fatalities == 0
