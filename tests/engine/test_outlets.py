"""The outlet a text names as its own (coder.engine.outlets), for documents without a source.

Sentences are ours. Codebook §9: `source` is the outlet that reported the event; agency copy
names itself in its dateline and in quotes its reporters were given.
"""

from __future__ import annotations

import pytest

from coder.engine.knowledge import seed_source_scales
from coder.engine.outlets import own_outlet

OUTLETS = ("afp", "reuters", "ap", "associated press", "associated press of pakistan", "bbc")


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("KABUL (AFP) - Gunmen attacked a checkpoint.", "AFP", id="dateline"),
    pytest.param("Mogadishu (Reuters) — Two bombs exploded.", "Reuters", id="dateline-dash"),
    pytest.param("Fighting went on, a commander told AFP on Sunday.", "AFP", id="told"),
    pytest.param("An official told the Associated Press of Pakistan that ten died.",
                 "Associated Press of Pakistan", id="longest-name"),
    pytest.param("Speaking to Reuters, the governor denied it.", "Reuters", id="speaking-to"),
    pytest.param("The BBC reported that the road was closed.", None, id="cited-not-own"),
    pytest.param("Residents said the market burned (AFP).", None, id="no-dateline-mid-text"),
    pytest.param("Police told reporters nothing.", None, id="no-outlet"),
    pytest.param("A witness told AFP, and a doctor told Reuters, that five died.", None,
                 id="two-outlets-unclear"),
    pytest.param("A witness told AFP that five died; an aide later told afp more.", "AFP",
                 id="same-outlet-twice"),
    pytest.param("A mapper said the apartment was hit.", None, id="word-inside-a-word"),
])
def test_own_outlet(text: str, expected: str | None) -> None:
    assert own_outlet(text, OUTLETS) == expected


def test_no_known_outlets_finds_nothing() -> None:
    assert own_outlet("KABUL (AFP) - Gunmen attacked.", ()) is None


def test_the_seed_outlets_are_recognised() -> None:
    """seeds/sources.csv, as the engine loads it (case-folded), names the agencies."""
    assert own_outlet("A spokesman told AFP the valley was calm.", seed_source_scales()) == "AFP"
