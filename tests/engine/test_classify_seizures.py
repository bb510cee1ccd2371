"""Arms seized and people arrested without violence: Strategic developments [codebook §3].

Disrupted weapons use covers weapons caches seized, whatever words count the arms ("seized
10,000 rounds of rifle ammunition", "recovered a large quantity of weapons"); a weapon named
among the goods seized (a rocket launcher, an RPG) is no attack with it. Arrests covers state
forces detaining people; a raid whose only act on people is arresting them is that arrest,
while a raid that shoots someone stays an Attack and a non-state group's "arrest" is an
abduction. Sentences are our own.
"""

from __future__ import annotations

import pytest

from coder.engine.classify import classify

DISRUPTED = "Disrupted weapons use"
ARRESTS = "Arrests"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
STATE, REBEL, CIVILIANS = 1, 2, 7


def _best(sentence: str, hints: tuple[int, ...] = ()) -> str | None:
    found = classify(sentence, hints)
    return found[0].sub_event_type if found else None


@pytest.mark.parametrize(("sentence", "hints", "expected"), [
    pytest.param("Gendarmes seized 5,000 assault rifle ammunition, 4 rifles and one RPG near "
                 "the village.", (STATE,), DISRUPTED, id="seized-counted-ammunition-and-rpg"),
    pytest.param("Police arrested four militants and recovered a large quantity of weapons "
                 "in the forest.", (STATE, REBEL), DISRUPTED, id="recovered-quantity-of-weapons"),
    pytest.param("Soldiers seized weapons at the checkpoint.", (STATE,), DISRUPTED,
                 id="seized-weapons"),
    pytest.param("Police raided the hotel and arrested a senior adviser of the governor.",
                 (STATE,), ARRESTS, id="raid-and-arrest"),
    pytest.param("Security forces stormed the office and detained the party's leader.",
                 (STATE,), ARRESTS, id="storm-and-detain"),
    pytest.param("Police raided the house and shot a man dead.", (STATE, CIVILIANS), ATTACK,
                 id="raid-that-kills"),
    pytest.param("Gunmen raided the village and abducted two teachers.", (CIVILIANS,), ABDUCTION,
                 id="raid-and-abduct"),
])
def test_seizures_and_arrests(sentence: str, hints: tuple[int, ...], expected: str) -> None:
    """§3: seized arms are Disrupted weapons use; a raid that only arrests is Arrests."""
    assert _best(sentence, hints) == expected
