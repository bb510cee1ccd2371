"""Generic actors when no country is known, and seed names for forces reports name loosely.

Codebook §6: a generic actor carries its country in parentheses ("Civilians (Kenya)"); ACLED
never writes an empty "()". With no country anywhere (no document country, none in the text)
the engine gives the bare label, which keeps the actor's kind and inter code for the coder.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.actors import find_actors
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge, suggest

PUBLISHED = date(2023, 6, 23)
ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


@pytest.mark.parametrize("sentence", [
    "Attackers armed with machetes killed five villagers in Mamove on Sunday.",
    "Unidentified gunmen shot dead two teachers near Ndzuvaleko on Monday.",
])
def test_no_country_gives_bare_generic_names(knowledge: Knowledge, sentence: str) -> None:
    found = suggest(sentence, DocumentMeta(published=PUBLISHED), knowledge)
    assert found, "a violent event is suggested"
    event = found[0].event
    assert event.country is None
    names = [n for column in ACTOR_COLUMNS if (v := getattr(event, column))
             for n in v.split("; ")]
    assert names
    assert not any("()" in name for name in names)
    # The bare label keeps the kind: an attacker of civilians is an armed group (§5 inter 3).
    assert event.actor1 == "Unidentified Armed Group"
    assert (event.inter1, event.actor2, event.inter2) == (3, "Civilians", 7)


def test_a_known_country_keeps_its_bracket(knowledge: Knowledge) -> None:
    sentence = "Attackers armed with machetes killed five villagers in Mamove on Sunday."
    found = suggest(sentence, DocumentMeta(published=PUBLISHED,
                                           country="Democratic Republic of Congo"), knowledge)
    assert found[0].event.actor2 == "Civilians (Democratic Republic of Congo)"


@pytest.mark.parametrize(("sentence", "country", "on", "actor"), [
    # Forces of the Southern Transitional Council are coded as its Security Belt Forces.
    ("Pro-STC forces reportedly arrested the protesters in Craiter.", "Yemen",
     date(2020, 5, 9), "Military Forces of Yemen (2012-) Security Belt Forces"),
    ("40 Puntland Dervish soldiers erected a checkpoint in Laag village.", "Somalia",
     date(2025, 6, 4), "Military Forces of Somalia (2022-) Puntland Dervish Force"),
    ("Islah-affiliated Special Forces arrested a journalist in Shabwah.", "Yemen",
     date(2020, 5, 4), "Police Forces of Yemen (2012-) Special Security Forces"),
])
def test_seed_names_for_loosely_named_forces(
    knowledge: Knowledge, sentence: str, country: str, on: date, actor: str
) -> None:
    found = find_actors(sentence, knowledge.actors, country, on)
    assert actor in [m.actor for m in found if not m.assoc_label]
