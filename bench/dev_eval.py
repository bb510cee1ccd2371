"""Score the engine on the real ACLED samples: each row's notes as text, the row as gold.

Run from the repository root:  python bench/dev_eval.py [--learn] [--json] [--data DIR]

For every row of ../shared/data/acled-sample.csv and acled-sample-2023.csv, the coder's
`notes` (with the answer leaks cut: a trailing `[size=...]`, a leading label such as
"Arrests:", sentences about how fatalities were coded) becomes the text of one gold line;
published is the row's event_date (notes carry absolute dates), country and source are the
row's, and the row itself (every column) is the single gold event. Rows whose event_id_cnty
number is not divisible by 4 are the dev split, the others the held-out split (the engine's
rules may only be mined from dev; see notes/helper-common.md). The gold files are written to a
temporary directory, never into the repository, and scored in-process with
`coder.suggesting.evaluate_gold`.

--learn first imports the dev rows into a temporary SQLite store (`coder import`) and scores
with the knowledge learned from it, the "suggestions grow with imported events" claim. Dev
numbers are then flattered (the engine has seen those rows' actors and places); the held-out
column is the honest one. Prints a table; --json prints one object for machines.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from coder.engine.evaluate import SCORED_FIELDS, Report
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import Knowledge
from coder.importer import RowValidator
from coder.schema.events import EventFields
from coder.store import Store
from coder.suggesting import evaluate_gold, read_gold

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
SAMPLES = ("acled-sample.csv", "acled-sample-2023.csv")
SPLITS = ("dev", "held-out")

# Answer leaks in ACLED notes (codebook, "notes"): the crowd-size tag of protests and riots,
# the label some Strategic developments notes open with, and the coder's own remarks on how the
# fatality figure was coded.
_SIZE_TAG = re.compile(r"\s*\[size=[^\]]*\]\s*$")
_LABEL = re.compile(r"^[A-Z][A-Za-z-]*(?: [a-z][A-Za-z/-]*){0,4}:\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])")
_CODER_REMARK = re.compile(
    r"(?i)fatalit(?:y|ies)[^.]{0,40}\b(?:coded|split|spread|divided|unclear)"
    r"|\bcoded (?:as|to|separately|for)\b|\b(?:have|has) been coded\b|\b(?:were|was) coded\b"
    r"|^\W*(?:unclear )?(?:\d+|no|one|two|three) fatalit(?:y|ies)\W*$"
)
# Bracketed coder remarks inside a sentence: "[coded to <place>]", "(coded as <actor>)".
_BRACKET_REMARK = re.compile(r"\s*(?:\[[^\]]*\bcoded\b[^\]]*\]|\([^)]*\bcoded\b[^)]*\))")


def clean_notes(notes: str) -> str:
    """The notes without the parts that state the answer rather than report the event."""
    text = _SIZE_TAG.sub("", notes.strip())
    text = _BRACKET_REMARK.sub("", _LABEL.sub("", text, count=1))
    kept = [s for s in _SENTENCE_END.split(text) if not _CODER_REMARK.search(s)]
    return " ".join(kept).strip()


def split_of(event_id_cnty: str) -> str:
    """dev when the id's number is not divisible by 4, held-out otherwise."""
    digits = re.sub(r"\D", "", event_id_cnty)
    return "held-out" if int(digits) % 4 == 0 else "dev"


def gold_line(row: dict[str, str], line: int, path: str, validator: RowValidator) -> dict[str, Any]:
    """One sample row as a gold line (contracts.md 4) with the row as its single event."""
    values = validator.validate(row, path, line)
    event = EventFields(**{k: v for k, v in values.items() if v is not None})
    return {
        "id": row["event_id_cnty"],
        "text": clean_notes(row["notes"]),
        "published": event.event_date.isoformat() if event.event_date else None,
        "country": row["country"] or None,
        "source": row["source"] or None,
        "events": [event.model_dump(mode="json", exclude_none=True)],
    }


def read_sample(path: Path) -> Iterator[tuple[str, dict[str, str], dict[str, Any]]]:
    """(split, raw row, gold line) for every row of one sample file."""
    validator = RowValidator()
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), 2):
            yield split_of(row["event_id_cnty"]), row, gold_line(row, line, str(path), validator)


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def build(data: Path, work: Path) -> tuple[dict[str, Path], list[Path]]:
    """Gold files per split, and the dev rows as CSV files for `coder import` (in `work`)."""
    gold: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    dev_csvs: list[Path] = []
    for name in SAMPLES:
        path = data / name
        if not path.exists():
            print(f"skipped {path}: absent", file=sys.stderr)
            continue
        dev_rows: list[dict[str, str]] = []
        for split, row, line in read_sample(path):
            gold[split].append(line)
            if split == "dev":
                dev_rows.append(row)
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        dev_csv = work / f"dev-{name}"
        with dev_csv.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(dev_rows)
        dev_csvs.append(dev_csv)
    files = {}
    for split, lines in gold.items():
        files[split] = work / f"gold-{split}.jsonl"
        write_jsonl(files[split], lines)
    return files, dev_csvs


def learned_store(work: Path, dev_csvs: list[Path]) -> Store:
    """A SQLite store holding the dev rows as imported reference events (`coder import`)."""
    url = f"sqlite:///{work / 'learn.db'}"
    for path in dev_csvs:
        done = subprocess.run([sys.executable, "-m", "coder", "import", "--db", url, str(path)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"coder import {path.name} failed:\n{done.stderr}")
    return Store.open(url)


def score(files: dict[str, Path], knowledge: Knowledge) -> dict[str, Report]:
    reports = {}
    for split, path in files.items():
        with path.open(encoding="utf-8") as handle:
            reports[split] = evaluate_gold(read_gold(handle, str(path)), knowledge)
    return reports


def render(runs: dict[str, dict[str, Report]]) -> str:
    """One column per (knowledge, split), one row per measure and per scored field."""
    columns = [(label, split) for label, reports in runs.items() for split in reports]
    width = max(14, *(len(f"{label}:{split}") + 2 for label, split in columns))
    lines = ["".ljust(34) + "".join(f"{label}:{split}".rjust(width) for label, split in columns)]

    def row(name: str, values: Iterable[str]) -> None:
        lines.append(name.ljust(34) + "".join(v.rjust(width) for v in values))

    reports = [runs[label][split] for label, split in columns]
    row("gold lines", (str(r.lines) for r in reports))
    row("gold / suggested / matched",
        (f"{r.gold_events}/{r.suggested_events}/{r.matched}" for r in reports))
    row("precision", (f"{r.precision:.3f}" for r in reports))
    row("recall", (f"{r.recall:.3f}" for r in reports))
    row("fields to fix per event", (f"{r.fields_to_fix:.2f}" for r in reports))
    lines.append("field accuracy (over gold events)")
    for name in SCORED_FIELDS:
        found = [r.accuracy(name) for r in reports]
        if any(v is not None for v in found):
            row(f"  {name}", ("-" if v is None else f"{v:.3f}" for v in found))
    lines.append("fixes per event, by field (where the coder's effort goes)")
    for name in (*SCORED_FIELDS, "rejection"):
        if any(r.fixes_by_field.get(name) for r in reports):
            row(f"  {name}", (f"{r.fixes_by_field.get(name, 0) / max(r.gold_events, 1):.2f}"
                              for r in reports))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the ACLED samples")
    parser.add_argument("--learn", action="store_true",
                        help="also score with knowledge learned from the imported dev rows")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args()
    if not any((args.data / name).exists() for name in SAMPLES):
        parser.exit(2, f"no ACLED sample in {args.data}: see ../shared/data/README.md\n")
    with tempfile.TemporaryDirectory(prefix="coder-dev-eval-") as tmp:
        work = Path(tmp)
        files, dev_csvs = build(args.data, work)
        started = time.perf_counter()
        runs = {"seeds": score(files, load_knowledge(None))}
        if args.learn:
            runs["learned"] = score(files, load_knowledge(learned_store(work, dev_csvs)))
        elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps({label: {split: report.as_dict() for split, report in reports.items()}
                          for label, reports in runs.items()}, indent=2))
    else:
        print(render(runs))
    print(f"scored in {elapsed:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
