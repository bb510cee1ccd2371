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

# Measured 2026-11-25, session 6 (coder eval seeds/examples/gold-news.jsonl --json):
# event_type 0.914, sub_event_type 0.886, actor1 0.814, actor2 0.881, country 0.957,
# admin1 0.900, location 0.843, event_date 0.971, fatalities 0.971, no-event left empty
# 0.952, precision 0.972, recall 0.986, fields to fix 1.34 (1.57 at the end of session 5).
# Fields to fix counts, since session 3, the place fields a gazetteer pick leaves wrong, and
# since session 5 the actors the coder clears (evaluate.py).
NEWS_FLOORS = {
    "event_type": 0.89, "sub_event_type": 0.85, "actor1": 0.78, "actor2": 0.83,
    "country": 0.94, "admin1": 0.87, "location": 0.82, "event_date": 0.94,
    "fatalities": 0.94, "no_event": 0.92, "precision": 0.94, "recall": 0.95,
}
NEWS_FIXES_CEILING = 1.45

# Measured the same day (python bench/dev_eval.py --json, held-out split, seeds only; rows
# sharing one note are one story since session 5): precision 0.960, recall 0.963, event_type
# 0.895, sub_event_type 0.872, actor1 0.852, actor2 0.814, assoc_actor_1 0.634, assoc_actor_2
# 0.397, country 0.963, admin1 0.871, location 0.777, event_date 0.963, fatalities 0.908,
# fields to fix 2.61 (2.65 at the end of session 5).
HELD_OUT_FLOORS = {
    "precision": 0.95, "recall": 0.94, "event_type": 0.87, "sub_event_type": 0.85,
    "actor1": 0.83, "actor2": 0.79, "assoc_actor_1": 0.61, "assoc_actor_2": 0.37,
    "country": 0.94, "admin1": 0.85, "location": 0.76, "fatalities": 0.88,
    "event_date": 0.94,
}
HELD_OUT_FIXES_CEILING = 2.70


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
