"""`coder eval GOLD.jsonl`: the report on stdout, thresholds as exit codes, bad gold as exit 2.

The gold files here are written under tmp_path. Thresholds are checked on gold the engine
cannot meet whatever its rules (an event claimed for a sentence that reports none), so the
tests do not depend on today's accuracy. Accuracy floors on the shipped gold files are the
lead's to set; here they only have to parse and score.
"""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from coder.cli import cli
from coder.engine.evaluate import SCORED_FIELDS
from coder.engine.knowledge import load_knowledge
from coder.schema.events import EventFields
from coder.suggesting import place_fill

EXAMPLES = Path(str(files("coder.seeds"))) / "examples"

# Codebook §3, §5, §6: an attack on civilians by unnamed gunmen, coded by hand.
GWOZA_LINE: dict[str, Any] = {
    "id": "T1", "text": "Gunmen killed three villagers in Gwoza on Sunday.",
    "published": "2021-09-06", "source": "Test Wire", "country": "Nigeria",
    "events": [{
        "event_type": "Violence against civilians", "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (Nigeria)", "inter1": 3,
        "actor2": "Civilians (Nigeria)", "inter2": 7, "interaction": 37,
        "country": "Nigeria", "admin1": "Borno", "location": "Gwoza", "geo_precision": 1,
        "event_date": "2021-09-05", "time_precision": 1, "fatalities": 3,
    }],
}
# A sentence with no event in it (a forecast) and no gold event: the no-event rate.
QUIET_LINE: dict[str, Any] = {
    "id": "T2", "text": "The weather service expects light rain in the north next week.",
    "published": "2021-09-06", "events": [],
}
# The same forecast falsely said to hold a battle: no engine can find it, so recall is 0.
IMPOSSIBLE_LINE: dict[str, Any] = {
    "id": "T3", "text": "The weather service expects light rain in the north next week.",
    "published": "2021-09-06",
    "events": [{
        "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Taliban",
        "inter1": 2, "actor2": "NRF: National Resistance Front", "inter2": 2,
        "country": "Afghanistan", "admin1": "Panjshir", "location": "Rukha",
        "event_date": "2021-09-05", "time_precision": 1, "fatalities": 0,
    }],
}


def write_gold(tmp_path: Path, *lines: dict[str, Any] | str, name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["eval", *args])


def test_table_report_names_the_measures(tmp_path: Path) -> None:
    """Without --json: a table with counts, precision, recall, fixes and field accuracy."""
    gold = write_gold(tmp_path, GWOZA_LINE, QUIET_LINE)
    result = run(str(gold))
    assert result.exit_code == 0, result.output
    for label in ("gold lines", "precision", "recall", "fields to fix per event",
                  "no-event sentences left empty", "event_type", "fatalities"):
        assert label in result.stdout, label
    assert "Traceback" not in result.output


def test_json_report_counts_the_gold_file(tmp_path: Path) -> None:
    """--json: one object with the documented keys; counts are the gold file's."""
    gold = write_gold(tmp_path, GWOZA_LINE, QUIET_LINE, IMPOSSIBLE_LINE)
    result = run(str(gold), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "lines", "gold_events", "suggested_events", "matched_events", "precision", "recall",
        "no_event_left_empty", "fields_to_fix_per_event", "fixes_by_field", "fields",
    }
    assert (data["lines"], data["gold_events"]) == (3, 2)
    assert 0 <= data["matched_events"] <= 1  # the battle of T3 cannot be found
    assert 0.0 <= data["precision"] <= 1.0 and 0.0 <= data["recall"] <= 0.5
    assert set(data["fields"]) <= set(SCORED_FIELDS)
    assert data["fields"]["sub_event_type"]["scored"] == 2
    assert data["fields"]["geo_precision"]["scored"] == 1  # only T1's event fills it


def test_min_below_target_exits_1(tmp_path: Path) -> None:
    """event_type can be at most 0.5 here (T3 is unfindable): --min 0.99 fails the run."""
    gold = write_gold(tmp_path, GWOZA_LINE, IMPOSSIBLE_LINE)
    result = run(str(gold), "--json", "--min", "event_type=0.99")
    assert result.exit_code == 1
    assert "event_type" in result.stderr
    assert json.loads(result.stdout)["gold_events"] == 2  # the report is still printed


def test_min_met_exits_0(tmp_path: Path) -> None:
    """A floor of 0 is always met, and so is a very high ceiling on fixes."""
    gold = write_gold(tmp_path, GWOZA_LINE, IMPOSSIBLE_LINE)
    result = run(str(gold), "--json", "--min", "event_type=0", "--min", "fields_to_fix=1000")
    assert result.exit_code == 0, result.output


def test_min_fields_to_fix_is_a_ceiling(tmp_path: Path) -> None:
    """A missed event costs several typed fields, so more than 1 fix per event: exit 1."""
    gold = write_gold(tmp_path, IMPOSSIBLE_LINE)
    result = run(str(gold), "--json", "--min", "fields_to_fix=1")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["fields_to_fix_per_event"] > 1
    assert "fields_to_fix" in result.stderr


@pytest.mark.parametrize("minimum", ["nonsense=1", "event_type", "recall=high"])
def test_bad_min_exits_2(tmp_path: Path, minimum: str) -> None:
    """An unknown measure or a value that is no number is bad usage."""
    gold = write_gold(tmp_path, GWOZA_LINE)
    result = run(str(gold), "--min", minimum)
    assert result.exit_code == 2
    assert "--min" in result.stderr
    assert result.stdout == ""


def test_unknown_sub_event_type_names_file_line_and_field(tmp_path: Path) -> None:
    """A gold event with a sub-event type outside the codebook's 25: FILE:LINE: field, exit 2."""
    bad = json.loads(json.dumps(GWOZA_LINE))
    bad["events"][0].pop("event_type")
    bad["events"][0]["sub_event_type"] = "Skirmish"
    gold = write_gold(tmp_path, QUIET_LINE, bad)
    result = run(str(gold))
    assert result.exit_code == 2
    assert f"{gold}:2: sub_event_type: " in result.stderr
    assert "Skirmish" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("line", "field"),
    [
        pytest.param("{not json", "json", id="not-json"),
        pytest.param({"id": "x", "events": []}, "text", id="no-text"),
        pytest.param({**QUIET_LINE, "published": "06/09/2021"}, "published", id="bad-published"),
        pytest.param({**QUIET_LINE, "events": {"a": 1}}, "events", id="events-not-a-list"),
        pytest.param({**GWOZA_LINE, "events": [{**GWOZA_LINE["events"][0], "fatalities": -1}]},
                     "fatalities", id="negative-fatalities"),
    ],
)
def test_bad_gold_line_exits_2(tmp_path: Path, line: dict[str, Any] | str, field: str) -> None:
    """Every kind of bad gold line is named by file, line and field."""
    gold = write_gold(tmp_path, GWOZA_LINE, "", line)
    result = run(str(gold))
    assert result.exit_code == 2
    assert f"{gold}:3: {field}: " in result.stderr  # line 2 is blank and still counted
    assert "Traceback" not in result.output


SHIPPED = sorted(EXAMPLES.glob("gold-*.jsonl"))


@pytest.mark.skipif(not SHIPPED, reason="no seeds/examples/gold-*.jsonl shipped")
@pytest.mark.parametrize("gold", SHIPPED, ids=lambda p: p.name)
def test_shipped_gold_files_parse_and_score(gold: Path) -> None:
    """The bundled gold files go through `coder eval --json` with every event counted."""
    lines = [json.loads(raw) for raw in gold.read_text(encoding="utf-8").splitlines()
             if raw.strip()]
    result = run(str(gold), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["lines"] == len(lines)
    assert data["gold_events"] == sum(len(line["events"]) for line in lines)
    assert 0.0 <= data["precision"] <= 1.0 and 0.0 <= data["recall"] <= 1.0


def test_place_fill_is_what_choosing_the_gold_place_fills() -> None:
    """evaluate_gold's `place_fill`: the gazetteer's place of that name and country, within
    the coordinate tolerance, and which of the gold fields it fills right."""
    knowledge = load_knowledge()

    def event(location: str, country: str, lat: float | None, lon: float | None,
              **more: Any) -> EventFields:
        return EventFields(event_date=date(2021, 9, 5), event_type="Battles",
                           sub_event_type="Armed clash", location=location, country=country,
                           latitude=lat, longitude=lon, **more)

    kabul = place_fill(event("Kabul", "Afghanistan", 34.53, 69.17, admin1="Kabul",
                             admin2="Not Its District", geo_precision=1), knowledge)
    assert kabul is not None
    assert kabul["latitude"] and kabul["admin1"] and kabul["geo_precision"]
    assert not kabul["admin2"]  # the coder still types ACLED's admin2
    assert place_fill(event("Kabul", "Afghanistan", None, None), knowledge) is not None
    assert place_fill(event("Kabul", "Afghanistan", 30.0, 60.0), knowledge) is None
    assert place_fill(event("Kabul", "Nigeria", None, None), knowledge) is None
    assert place_fill(event("Qqzzyxville", "Afghanistan", None, None), knowledge) is None


def fixes_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_fixes_file_names_each_fix_of_each_line(tmp_path: Path) -> None:
    """--fixes FILE: one JSON line per gold line that costs a fix, with its file line number;
    together they add up to the report's fixes, field by field."""
    gold = write_gold(tmp_path, QUIET_LINE, IMPOSSIBLE_LINE, GWOZA_LINE)
    out = tmp_path / "fixes.jsonl"
    result = run(str(gold), "--json", "--fixes", str(out))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = fixes_of(out)
    by_field: dict[str, int] = {}
    for row in rows:
        for fix in row["fixes"]:
            by_field[fix["field"]] = by_field.get(fix["field"], 0) + 1
    assert by_field == report["fixes_by_field"]
    missed = next(row for row in rows if row["line"] == 2)  # T3: nothing can find its battle
    assert missed["text"] == IMPOSSIBLE_LINE["text"]
    typed = {fix["field"]: fix for fix in missed["fixes"]}
    assert typed["location"] == {"event": 0, "field": "location", "gold": "Rukha",
                                 "suggested": None}
    assert typed["event_date"]["gold"] == "2021-09-05"
    assert all(row["line"] != 1 for row in rows)  # the forecast left empty costs nothing


def test_fixes_name_the_wrong_value_beside_the_right_one(tmp_path: Path) -> None:
    """A gold event that claims 40 deaths where the text reports three: the fatalities fix
    shows both values."""
    wrong = {**GWOZA_LINE, "events": [{**GWOZA_LINE["events"][0], "fatalities": 40}]}
    out = tmp_path / "fixes.jsonl"
    result = run(str(write_gold(tmp_path, wrong)), "--fixes", str(out))
    assert result.exit_code == 0, result.output
    [row] = fixes_of(out)
    assert {"event": 0, "field": "fatalities", "gold": 40, "suggested": 3} in row["fixes"]


def test_fixes_to_stdout_moves_the_report_to_stderr(tmp_path: Path) -> None:
    """--fixes -: the fixes are the data on stdout (for jq and pipes); the report goes to
    stderr."""
    result = run(str(write_gold(tmp_path, IMPOSSIBLE_LINE)), "--json", "--fixes", "-")
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["line"] == 1
    assert '"fields_to_fix_per_event"' in result.stderr
