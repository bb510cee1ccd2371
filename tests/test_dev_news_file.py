"""seeds/examples/dev-news.jsonl keeps the promises of a development set.

Its format and codebook checks are the gold files' (tests/test_gold_files.py runs them on it
too); here: the coverage it promises and the README row that states its numbers.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

from coder.schema.codebook import EVENT_TYPES

EXAMPLES = Path(str(files("coder.seeds"))) / "examples"
LINES: list[dict[str, Any]] = [
    json.loads(raw) for raw in (EXAMPLES / "dev-news.jsonl").read_text("utf-8").splitlines()
]
EVENTS = [event for line in LINES for event in line["events"]]


def test_coverage_of_a_development_set() -> None:
    """80+ lines, 15+ countries, all 6 event types, 20+ sub-event types, a fifth no-event."""
    assert len(LINES) >= 80
    assert len({event["country"] for event in EVENTS}) >= 15
    assert {event["event_type"] for event in EVENTS} == set(EVENT_TYPES)
    assert len({event["sub_event_type"] for event in EVENTS}) >= 20
    assert sum(1 for line in LINES if not line["events"]) * 5 >= len(LINES)


def test_readme_row_states_the_files_numbers() -> None:
    """The dev-news row of seeds/examples/README.md gives the file's real counts."""
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    row = re.search(r"^\| `dev-news\.jsonl` \|[^|]*\|(.*)\|$", readme, re.M)
    assert row, "README.md has no row for dev-news.jsonl"
    assert [int(cell) for cell in row.group(1).split("|")] == [
        len(LINES), len(EVENTS), sum(1 for line in LINES if not line["events"]),
        sum(1 for line in LINES if len(line["events"]) >= 2),
        len({event["country"] for event in EVENTS}),
        len({event["event_type"] for event in EVENTS}),
        len({event["sub_event_type"] for event in EVENTS}),
    ]
