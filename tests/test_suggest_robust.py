"""Any text gets an answer: no input text makes `coder suggest` fail or lose its spans.

Hypothesis draws texts of every Unicode category (emoji, right-to-left scripts, control
characters, NUL; lone surrogates excluded, since they cannot be written as UTF-8 and the
reader rejects them as bad input). Each answer must have contracts.md 3's shape, sentence
spans inside the text and cutting out the sentence's text. Example counts stay small so the
suite stays fast; one megabyte of unpunctuated text is a single fixed example.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge
from coder.suggesting import Request, answer, parse_request

PUBLISHED = date(2021, 9, 6)
# Loading knowledge takes about a second and hypothesis re-runs the body: share one per module.
FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

NEWS_WORDS = ("Gunmen", "killed", "12", "villagers", "in", "Gwoza", "on", "Sunday", "Taliban",
              "clashed", "with", "police", "Kabul", "protesters", "marched", "yesterday", ".",
              "\u062d\u0644\u0628", "\U0001f4a5", "\u200f", "\x00", "\n", "\u00a0", "(", ")",
              "2021-09-05", "nine days ago", "Mogadishu - Yaqshid", "Cote d'Ivoire", "3,000")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def check(text: str, got: dict[str, Any], ident: str | None = "r") -> None:
    """The answer's shape and spans; it must also survive a JSON round trip."""
    assert got["id"] == ident
    previous_end = 0
    for sentence in got["sentences"]:
        start, end = sentence["start"], sentence["end"]
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == sentence["text"]
        previous_end = end
        for event in sentence["events"]:
            assert 0.0 <= event["confidence"] <= 1.0
    if len(text) < 10_000:  # the megabyte example checks its coverage more cheaply
        covered = {i for s in got["sentences"] for i in range(s["start"], s["end"])}
        assert all(i in covered for i, c in enumerate(text) if not c.isspace())
    if not text.strip():
        assert got["sentences"] == []
    json.dumps(got, ensure_ascii=False).encode("utf-8")


def ask(text: str, knowledge: Knowledge, meta: DocumentMeta | None = None) -> dict[str, Any]:
    return answer(Request("r", text, meta or DocumentMeta(published=PUBLISHED)), knowledge)


@FAST
@given(text=st.text())
def test_any_text_gets_an_answer(knowledge: Knowledge, text: str) -> None:
    """Arbitrary Unicode (no lone surrogates): an answer with spans into the text."""
    check(text, ask(text, knowledge))


@FAST
@given(words=st.lists(st.sampled_from(NEWS_WORDS), max_size=60),
       glue=st.sampled_from([" ", "", ". ", "\t", " \u200b"]))
def test_news_like_noise_gets_an_answer(
    knowledge: Knowledge, words: list[str], glue: str
) -> None:
    """Event words, places, dates, numbers, RTL marks and NUL in any order: still answered."""
    text = glue.join(words)
    check(text, ask(text, knowledge))


@FAST
@given(text=st.text(), meta=st.builds(
    DocumentMeta,
    published=st.none() | st.dates(),
    source=st.none() | st.text(max_size=20),
    country=st.none() | st.sampled_from(["Nigeria", "Afghanistan", "Atlantis", ""]),
))
def test_any_metadata_gets_an_answer(
    knowledge: Knowledge, text: str, meta: DocumentMeta
) -> None:
    """Dates from year 1 to 9999 (the engine counts back and forward), unknown countries."""
    text = f"Gunmen killed 3 villagers in Gwoza on Sunday. {text}"
    check(text, ask(text, knowledge, meta))


@FAST
@given(text=st.text(), ident=st.none() | st.text(max_size=10) | st.integers())
def test_any_json_line_gets_an_answer(
    knowledge: Knowledge, text: str, ident: str | int | None
) -> None:
    """The JSONL path: a request line for any text parses, and ids come back as strings."""
    line = json.dumps({"id": ident, "text": text, "published": "2021-09-06"})
    request = parse_request(line, "<test>", 1)
    expected_id = None if ident is None or not str(ident).strip() else str(ident).strip()
    check(text, answer(request, knowledge), expected_id)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" \n\t\u3000", id="only-space"),
        pytest.param("\x00" * 1000, id="nul"),
        pytest.param("Gunmen killed " + "9" * 5000 + " villagers in Gwoza.", id="long-number"),
        pytest.param("Clashes on 99999999999 September killed 1" + "0" * 40 + " people.",
                     id="huge-day-and-toll"),
        pytest.param("Police arrested 3 men 10000000000000 days ago in Kabul.", id="far-past"),
        pytest.param("Shelling hit Kharkiv on 31 February and 0 January.", id="impossible-days"),
        pytest.param("\u202eGunmen killed 3 in Gwoza\u202c \U0001f1f3\U0001f1ec.", id="bidi-flag"),
        pytest.param("." * 5000, id="only-dots"),
        pytest.param("(" * 3000 + "Kabul" + ")" * 3000, id="deep-brackets"),
    ],
)
def test_odd_texts_get_an_answer(knowledge: Knowledge, text: str) -> None:
    """Edge texts the generators rarely draw."""
    check(text, ask(text, knowledge))


def test_a_megabyte_without_punctuation_gets_an_answer(knowledge: Knowledge) -> None:
    """1 MB with no sentence end: cut into bounded sentences that cover the text."""
    unit = "the people of the region said that talks would go on in the capital next week "
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    got = ask(text, knowledge)
    check(text, got)
    assert len(got["sentences"]) > 1  # one megabyte is never one sentence
    # Sentences do not overlap (check), so they cover the text when their non-blank
    # characters add up to the text's.
    covered = sum(len("".join(s["text"].split())) for s in got["sentences"])
    assert covered == len("".join(text.split()))
