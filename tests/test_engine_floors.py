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

# Measured 2026-11-25, session 2 (coder eval seeds/examples/gold-news.jsonl --json):
# event_type 0.886, sub_event_type 0.829, actor1 0.800, actor2 0.831, country 0.914,
# admin1 0.857, location 0.800, event_date 0.914, fatalities 0.929, no-event left empty
# 0.857, precision 0.944, recall 0.971, fields to fix 1.44.
NEWS_FLOORS = {
    "event_type": 0.85, "sub_event_type": 0.80, "actor1": 0.77, "actor2": 0.80,
    "country": 0.88, "admin1": 0.82, "location": 0.77, "event_date": 0.88,
    "fatalities": 0.90, "no_event": 0.82, "precision": 0.91, "recall": 0.94,
}
NEWS_FIXES_CEILING = 1.6

# Measured the same day (python bench/dev_eval.py --json, held-out split, seeds only):
# precision 0.954, recall 0.949, event_type 0.865, sub_event_type 0.846, actor1 0.814,
# actor2 0.766, admin1 0.806, location 0.677, event_date 0.949, fatalities 0.867,
# fields to fix 2.48.
HELD_OUT_FLOORS = {
    "precision": 0.92, "recall": 0.92, "event_type": 0.83, "sub_event_type": 0.81,
    "actor1": 0.78, "actor2": 0.73, "admin1": 0.77, "location": 0.64, "fatalities": 0.83,
    "event_date": 0.92,
}
HELD_OUT_FIXES_CEILING = 2.7


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
