"""Accuracy floors: the engine may not fall below what it reaches today on text it was not
tuned on. Floors sit a little under the measured values (README "Evaluation"); the issue's
targets are above some of them, and the closing notes say which are not met yet.

These run `coder eval --min` over the hand-coded gold files, and the evaluation of the ACLED
notes' held-out split (bench/dev_eval.py: rows no rule was written from).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import REPO, shared_file

from coder.cli import cli

# Measured 2026-11-25, end of session 5 (coder eval seeds/examples/gold-news.jsonl --json):
# event_type 0.900, sub_event_type 0.843, actor1 0.800, actor2 0.847, country 0.943,
# admin1 0.886, location 0.843, event_date 0.943, fatalities 0.957, no-event left empty
# 0.857, precision 0.944, recall 0.971, fields to fix 1.57. Fields to fix counts, since
# session 3, the place fields a gazetteer pick leaves wrong, and since session 5 the actors
# the coder clears (evaluate.py).
NEWS_FLOORS = {
    "event_type": 0.87, "sub_event_type": 0.81, "actor1": 0.77, "actor2": 0.82,
    "country": 0.91, "admin1": 0.85, "location": 0.83, "event_date": 0.91,
    "fatalities": 0.92, "no_event": 0.82, "precision": 0.91, "recall": 0.94,
}
# Session 5: charging the actors a coder clears took the same engine from 1.36 to 1.59.
NEWS_FIXES_CEILING = 1.65

# Measured the same day (python bench/dev_eval.py --json, held-out split, seeds only; rows
# sharing one note are one story since session 5): precision 0.959, recall 0.963, event_type
# 0.896, sub_event_type 0.872, actor1 0.843, actor2 0.793, assoc_actor_1 0.623, assoc_actor_2
# 0.353, country 0.963, admin1 0.868, location 0.775, event_date 0.963, fatalities 0.908,
# fields to fix 2.65 (2.72 at the start of session 5 under its stricter count of actors).
HELD_OUT_FLOORS = {
    "precision": 0.95, "recall": 0.94, "event_type": 0.87, "sub_event_type": 0.85,
    "actor1": 0.82, "actor2": 0.77, "assoc_actor_1": 0.60, "assoc_actor_2": 0.32,
    "country": 0.94, "admin1": 0.84, "location": 0.75, "fatalities": 0.88,
    "event_date": 0.94,
}
HELD_OUT_FIXES_CEILING = 2.75


def test_gold_news_stays_above_its_floors() -> None:
    """The engine's accuracy on the hand-coded news sentences does not regress."""
    args = ["eval", str(REPO / "seeds" / "examples" / "gold-news.jsonl")]
    args += [f"--min={name}={value}" for name, value in NEWS_FLOORS.items()]
    args += [f"--min=fields_to_fix={NEWS_FIXES_CEILING}"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr


def test_gold_panjshir_leaves_background_sentences_empty() -> None:
    """The seed article is mostly background and statements: those stay without events."""
    result = CliRunner().invoke(cli, [
        "eval", str(REPO / "seeds" / "examples" / "gold-panjshir.jsonl"), "--json",
        "--min=no_event=0.85"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["suggested_events"] <= 4


@pytest.mark.slow
def test_held_out_acled_notes_stay_above_their_floors() -> None:
    """On ACLED notes no rule was written from, the engine does not regress."""
    data = shared_file("acled-sample.csv").parent
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "dev_eval.py"), "--json", "--data", str(data)],
        capture_output=True, text=True, check=True, timeout=600,
    )
    held_out = json.loads(done.stdout)["seeds"]["held-out"]
    fields = {name: found["accuracy"] for name, found in held_out["fields"].items()}
    measured = {"precision": held_out["precision"], "recall": held_out["recall"], **fields}
    below = {name: measured[name] for name, floor in HELD_OUT_FLOORS.items()
             if measured[name] < floor}
    assert not below, f"below the floors {HELD_OUT_FLOORS}: {below}"
    assert held_out["fields_to_fix_per_event"] <= HELD_OUT_FIXES_CEILING
