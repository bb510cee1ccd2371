"""seeds/examples/dev-news.jsonl parses as a gold file and keeps its coverage promises.

The development set follows the gold format (contracts.md section 4; seeds/examples/README.md):
every line is a suggest-input object plus `events` and a `comment`, and every event names
ACLED columns and obeys the codebook (§3 pairs, §5 inter codes and interaction, §7 precisions,
§8 fatalities, §10 two-sided event types). The codebook tables come from `coder.schema`.
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from coder.schema.codebook import EVENT_TYPES, SUB_EVENT_TYPES
from coder.schema.events import EventFields

EXAMPLES = Path(str(files("coder.seeds"))) / "examples"
DEV_NEWS = EXAMPLES / "dev-news.jsonl"
PAIRS = frozenset((sub.event_type, name) for name, sub in SUB_EVENT_TYPES.items())
LINE_REQUIRED = {"id", "text", "published", "source", "events", "comment"}
LINE_OPTIONAL = {"country", "url", "title"}
EVENT_REQUIRED = {
    "event_type", "sub_event_type", "actor1", "inter1", "inter2", "interaction", "country",
    "admin1", "location", "geo_precision", "event_date", "time_precision", "fatalities",
    "source", "notes",
}
EVENT_OPTIONAL = {
    "assoc_actor_1", "actor2", "assoc_actor_2", "admin2", "latitude", "longitude",
    "actor1_aliases", "actor2_aliases",
}
# Codebook §5: generic actor names carry their actor type.
GENERIC_INTER = (
    (re.compile(r"^Civilians \(.+\)$"), 7),
    (re.compile(r"^Protesters \(.+\)$"), 6),
    (re.compile(r"^Rioters \(.+\)$"), 5),
    (re.compile(r"^Unidentified Armed Group \(.+\)$"), 3),
)
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _load() -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every line; a line that is not a JSON object fails."""
    lines = []
    for number, raw in enumerate(DEV_NEWS.read_text(encoding="utf-8").splitlines(), 1):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            pytest.fail(f"dev-news.jsonl:{number}: not JSON: {exc}")
        assert isinstance(data, dict), f"dev-news.jsonl:{number}: not a JSON object"
        lines.append((number, data))
    return lines


LINES = _load()
EVENTS = [(number, event) for number, line in LINES for event in line["events"]]


def _iso(value: object, where: str) -> date:
    assert isinstance(value, str) and ISO.match(value), f"{where}: {value!r} is not YYYY-MM-DD"
    return date.fromisoformat(value)


def _interaction(inter1: int, inter2: int) -> int:
    """Codebook §5: both codes, smaller first; the actor1 code and 0 when one-sided."""
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@pytest.mark.parametrize(("number", "line"), LINES, ids=[f"line{n}" for n, _ in LINES])
def test_line_is_a_gold_line(number: int, line: dict[str, Any]) -> None:
    """Contract keys only, one sentence or snippet of text, a comment, ISO publication date."""
    keys = set(line)
    assert keys >= LINE_REQUIRED, f"line {number}: missing {LINE_REQUIRED - keys}"
    assert not keys - LINE_REQUIRED - LINE_OPTIONAL, f"line {number}: unknown keys"
    assert isinstance(line["text"], str) and line["text"].strip() and "\n" not in line["text"]
    assert isinstance(line["comment"], str) and line["comment"].strip()
    assert isinstance(line["events"], list)
    _iso(line["published"], f"line {number}")


def test_ids_are_unique() -> None:
    """Eval reports per line id, so no id repeats."""
    ids = [line["id"] for _, line in LINES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("number", "event"), EVENTS, ids=[f"line{n}" for n, _ in EVENTS])
def test_event_obeys_the_codebook(number: int, event: dict[str, Any]) -> None:
    """Columns, the §3 pair, §5 inter codes and interaction, §7 ranges, §10 two-sided types."""
    where = f"line {number}"
    keys = set(event)
    assert keys >= EVENT_REQUIRED, f"{where}: missing {EVENT_REQUIRED - keys}"
    assert not keys - EVENT_REQUIRED - EVENT_OPTIONAL, f"{where}: unknown keys"
    assert (event["event_type"], event["sub_event_type"]) in PAIRS, where
    inter1, inter2 = event["inter1"], event["inter2"]
    assert type(inter1) is int and 1 <= inter1 <= 8, where
    assert type(inter2) is int and 0 <= inter2 <= 8, where
    assert (inter2 == 0) == ("actor2" not in event), where
    assert event["interaction"] == _interaction(inter1, inter2), where
    for actor_key, inter_key in (("actor1", "inter1"), ("actor2", "inter2")):
        for pattern, code in GENERIC_INTER:
            if pattern.search(event.get(actor_key, "")):
                assert event[inter_key] == code, f"{where}: {event[actor_key]}"
    if event["event_type"] in ("Battles", "Violence against civilians"):
        assert "actor2" in event, f"{where}: two actors needed (§10)"
    if event["event_type"] == "Violence against civilians":
        assert inter2 == 7, f"{where}: the victim is actor2 (§3)"
    for key in ("time_precision", "geo_precision"):
        assert type(event[key]) is int and 1 <= event[key] <= 3, f"{where}: {key}"
    assert type(event["fatalities"]) is int and event["fatalities"] >= 0, where
    EventFields.model_validate({k: v for k, v in event.items() if not k.endswith("_aliases")})


@pytest.mark.parametrize(("number", "event"), EVENTS, ids=[f"line{n}" for n, _ in EVENTS])
def test_event_date_is_not_after_publication(number: int, event: dict[str, Any]) -> None:
    """An event is reported after it happens (§7)."""
    line = dict(LINES)[number]
    assert _iso(event["event_date"], f"line {number}") <= _iso(line["published"], "")


def test_coverage_of_a_development_set() -> None:
    """80+ lines, 15+ countries, all 6 event types, 20+ sub-event types, a fifth no-event."""
    events = [event for _, event in EVENTS]
    assert len(LINES) >= 80
    assert len({event["country"] for event in events}) >= 15
    assert {event["event_type"] for event in events} == set(EVENT_TYPES)
    assert len({event["sub_event_type"] for event in events}) >= 20
    assert sum(1 for _, line in LINES if not line["events"]) * 5 >= len(LINES)


def test_readme_row_states_the_files_numbers() -> None:
    """The dev-news row of seeds/examples/README.md gives the file's real counts."""
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    row = re.search(r"^\| `dev-news\.jsonl` \|[^|]*\|(.*)\|$", readme, re.M)
    assert row, "README.md has no row for dev-news.jsonl"
    events = [event for _, event in EVENTS]
    assert [int(cell) for cell in row.group(1).split("|")] == [
        len(LINES), len(events), sum(1 for _, line in LINES if not line["events"]),
        sum(1 for _, line in LINES if len(line["events"]) >= 2),
        len({event["country"] for event in events}),
        len({event["event_type"] for event in events}),
        len({event["sub_event_type"] for event in events}),
    ]
