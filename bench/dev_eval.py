"""Score the engine on the real ACLED samples: each row's notes as text, the row as gold.

Run from the repository root:
python bench/dev_eval.py [--learn] [--folds K] [--json] [--data DIR] [--dev-fixes FILE]

For every row of ../shared/data/acled-sample.csv and acled-sample-2023.csv, the coder's
`notes` (with the answer leaks cut: a trailing `[size=...]`, a leading label such as
"Arrests:", sentences about how fatalities were coded) becomes the text of one gold line;
published is the row's event_date (notes carry absolute dates), country and source are the
row's, and the row itself (every column) is the gold event; rows that share one note are one
line with several gold events (a story). Rows whose event_id_cnty number is not divisible
by 4 are the dev split, the others the held-out split (the engine's rules may only be mined
from dev); a story is held-out only when all its rows are. The gold files are written to a
temporary directory, never into the repository, and scored in-process with
`coder.suggesting.evaluate_gold`.

--learn first imports the dev rows into a temporary SQLite store (`coder import`) and scores
with the knowledge learned from it, the "suggestions grow with imported events" claim. Dev
numbers are then flattered (the engine has seen those rows' actors and places); the held-out
column is the honest one. It then runs `coder train` on that store and scores again with the
sub_event_type model (pipeline.suggest's `refine_types` step), prints the model's
cross-validated accuracy, and how well the type confidence tells right types from wrong ones
with and without the model's doubt (dev with 5-fold models, held-out with the dev store's
model). --grid compares override policies of
`learned.combine`, cross-validated on dev (each dev line scored by a model fitted on the other
folds). --folds K scores dev K-fold, each fold with the knowledge imported from the other
dev folds (learned places and actors measured honestly on dev). --dev-fixes FILE writes the
dev split's fixes line by line (what to mine rules from; the held-out split's are never
written). Prints a table; --json prints one object for machines.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from coder.engine import pipeline
from coder.engine.classify import TypeEvidence
from coder.engine.evaluate import SCORED_FIELDS, Fix, Report
from coder.engine.knowledge import load_knowledge
from coder.engine.learned import (
    DEFAULT_POLICY,
    Policy,
    SubEventModel,
    clean_notes,
    cross_validate,
    fit,
)
from coder.engine.pipeline import Knowledge
from coder.importer import RowValidator
from coder.schema.events import EventFields
from coder.store import Store
from coder.suggesting import GoldLine, evaluate_gold, fixes_row, read_gold
from coder.training import KEEP_RARE_UP_TO, train

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
SAMPLES = ("acled-sample.csv", "acled-sample-2023.csv")
SPLITS = ("dev", "held-out")

def split_of(event_id_cnty: str) -> str:
    """dev when the id's number is not divisible by 4, held-out otherwise."""
    digits = re.sub(r"\D", "", event_id_cnty)
    return "held-out" if int(digits) % 4 == 0 else "dev"


def gold_line(row: dict[str, str], line: int, path: str, validator: RowValidator,
              with_country: bool = True) -> dict[str, Any]:
    """One sample row as a gold line (contracts.md 4) with the row as its single event."""
    values = validator.validate(row, path, line)
    event = EventFields(**{k: v for k, v in values.items() if v is not None})
    return {
        "id": row["event_id_cnty"],
        "text": clean_notes(row["notes"]),
        "published": event.event_date.isoformat() if event.event_date else None,
        "country": (row["country"] or None) if with_country else None,
        "source": row["source"] or None,
        "events": [event.model_dump(mode="json", exclude_none=True)],
    }


@dataclass(slots=True)
class Story:
    """One text of a sample: its split, its rows and its gold line (one event per row)."""

    split: str
    rows: list[dict[str, str]]
    gold: dict[str, Any]


def read_sample(path: Path, with_country: bool = True) -> Iterator[Story]:
    """The stories of one sample file: its rows grouped by the text of their notes.

    ACLED writes one row per location, day and actor pair, and gives every row of an event
    told once the same notes. Those rows are one text with several gold events, scored as
    one line: scored apart, each copy of the text would count the others' events as wrong
    suggestions. A story is held-out only when all its rows are: a text that a dev row
    also carries has been read while writing rules.
    """
    validator = RowValidator()
    stories: dict[tuple[str | None, ...], Story] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), 2):
            gold = gold_line(row, line, str(path), validator, with_country)
            # An empty text is no story of several rows: each stays its own line.
            # Its rows may list the same outlets in another order ("AFP; Reuters").
            outlets = ";".join(sorted(p.strip() for p in (gold["source"] or "").split(";")))
            key = (gold["text"], gold["country"], outlets) if gold["text"].strip() \
                else (row["event_id_cnty"],)
            story = stories.get(key)
            if story is None:
                stories[key] = Story(split_of(row["event_id_cnty"]), [row], gold)
                continue
            story.rows.append(row)
            story.gold["events"] += gold["events"]
            story.gold["published"] = max(
                (day for day in (story.gold["published"], gold["published"]) if day),
                default=None)
            if split_of(row["event_id_cnty"]) == "dev":
                story.split = "dev"
    yield from stories.values()


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_like(sample: Path, target: Path, rows: Iterable[dict[str, str]]) -> Path:
    """Rows of a sample written as a CSV with the sample's own header (for `coder import`)."""
    with sample.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def build(data: Path, work: Path, with_country: bool = True
          ) -> tuple[dict[str, Path], list[Path]]:
    """Gold files per split, and the dev rows as CSV files for `coder import` (in `work`)."""
    gold: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    dev_csvs: list[Path] = []
    for name in SAMPLES:
        path = data / name
        if not path.exists():
            print(f"skipped {path}: absent", file=sys.stderr)
            continue
        dev_rows: list[dict[str, str]] = []
        for story in read_sample(path, with_country):
            gold[story.split].append(story.gold)
            if story.split == "dev":
                dev_rows.extend(story.rows)
        dev_csvs.append(write_like(path, work / f"dev-{name}", dev_rows))
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


def fold_reports(data: Path, work: Path, folds: int, with_country: bool = True) -> Report:
    """The dev split scored fold by fold, each fold with what the other dev folds teach.

    Dev story n (in file order, per sample) belongs to fold n % folds. For each fold the rows of
    the other folds are imported into a fresh store (`coder import`) and the fold's lines are
    scored with the knowledge learned from it: learned places and actors measured on text
    whose own rows were never imported (no sub_event_type model is trained here).
    """
    total = Report()
    for fold in range(folds):
        folder = work / f"fold-{fold}"
        folder.mkdir()
        lines: list[dict[str, Any]] = []
        csvs: list[Path] = []
        for name in SAMPLES:
            path = data / name
            if not path.exists():
                continue
            dev = [story for story in read_sample(path, with_country) if story.split == "dev"]
            lines.extend(story.gold for n, story in enumerate(dev) if n % folds == fold)
            csvs.append(write_like(path, folder / f"rest-{name}",
                                   (row for n, story in enumerate(dev) if n % folds != fold
                                    for row in story.rows)))
        gold = folder / "gold.jsonl"
        write_jsonl(gold, lines)
        knowledge = load_knowledge(learned_store(folder, csvs))
        total = merged(total, score({"dev": gold}, knowledge)["dev"])
    return total


def score(files: dict[str, Path], knowledge: Knowledge,
          dev_fixes: Path | None = None) -> dict[str, Report]:
    """Each split's report; the dev split's fixes, line by line, to `dev_fixes` if given."""
    reports = {}
    for split, path in files.items():
        target = dev_fixes if split == "dev" and dev_fixes is not None else Path(os.devnull)
        with path.open(encoding="utf-8") as handle, target.open("w", encoding="utf-8") as out:

            def write(line: GoldLine, fixes: list[Fix]) -> None:
                if fixes:
                    print(json.dumps(fixes_row(line, fixes), ensure_ascii=False, default=str),
                          file=out)

            reports[split] = evaluate_gold(read_gold(handle, str(path)), knowledge,
                                           on_fixes=write)
    return reports


@contextmanager
def model_wired(model: SubEventModel | None, policy: Policy = DEFAULT_POLICY) -> Iterator[None]:
    """The pipeline's learned step (`pipeline.suggest` calls `refine_types`) with this model
    and policy in place of the knowledge's own model and the default policy."""
    original = pipeline.refine_types

    def wired(sentence: str, types: list[TypeEvidence], _model: SubEventModel | None,
              _policy: Policy = DEFAULT_POLICY) -> list[TypeEvidence]:
        return original(sentence, types, model, policy)

    pipeline.refine_types = wired  # type: ignore[assignment]
    try:
        yield
    finally:
        pipeline.refine_types = original


@dataclass(frozen=True, slots=True)
class TypeCall:
    """One sentence the rules typed (a single candidate), and what the model made of it."""

    gold: str
    rule: str
    rule_confidence: float
    confidence: float
    doubted: bool


def type_calls(lines: Sequence[dict[str, Any]], model_of: Callable[[int], SubEventModel],
               knowledge: Knowledge) -> list[TypeCall]:
    """Run each gold line through the engine with the line's model wired in; record every
    single-candidate type the rules gave, against the line's gold sub_event_type."""
    original = pipeline.refine_types
    calls: list[TypeCall] = []
    gold = ""
    model: SubEventModel | None = None

    def wired(sentence: str, types: list[TypeEvidence], _model: SubEventModel | None,
              _policy: Policy = DEFAULT_POLICY) -> list[TypeEvidence]:
        refined = original(sentence, types, model)
        if len(types) == 1:
            calls.append(TypeCall(gold, types[0].sub_event_type, types[0].confidence,
                                  refined[0].confidence,
                                  refined[0].confidence < types[0].confidence))
        return refined

    pipeline.refine_types = wired  # type: ignore[assignment]
    try:
        for number, line in enumerate(lines):
            gold, model = line["events"][0]["sub_event_type"], model_of(number)
            evaluate_gold(read_gold([json.dumps(line)], "line"), knowledge)
    finally:
        pipeline.refine_types = original
    return calls


def auc(scores: Sequence[float], right: Sequence[bool]) -> float:
    """Chance that a right answer has a higher score than a wrong one (ties count half)."""
    wrong = sorted(s for s, r in zip(scores, right, strict=True) if not r)
    hits = [s for s, r in zip(scores, right, strict=True) if r]
    if not wrong or not hits:
        return float("nan")
    total = sum(bisect_left(wrong, s) + 0.5 * (bisect_right(wrong, s) - bisect_left(wrong, s))
                for s in hits)
    return total / (len(hits) * len(wrong))


def render_doubt(label: str, calls: Sequence[TypeCall]) -> str:
    """How well the type confidence tells a right type from a wrong one, without and with
    the model's doubt (learned.Policy)."""
    right = [c.rule == c.gold for c in calls]
    doubted = [c for c in calls if c.doubted]
    kept = [c for c in calls if not c.doubted]

    def share(group: Sequence[TypeCall]) -> str:
        return f"{sum(c.rule == c.gold for c in group)}/{len(group)}"

    return (f"{label}: {len(calls)} typed sentences; the rules' type right "
            f"{share(kept)} where the model agrees or is unsure, {share(doubted)} where it "
            f"doubts; AUC of the type confidence for a right type: rules "
            f"{auc([c.rule_confidence for c in calls], right):.3f}, with the doubt "
            f"{auc([c.confidence for c in calls], right):.3f}")


def gold_pairs(lines: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(text, sub_event_type) of gold lines, as `coder train` reads imported notes."""
    return [(line["text"], line["events"][0]["sub_event_type"]) for line in lines if line["text"]]


# The override policies --grid compares (override_probability, max_rule_confidence,
# same_event_type); doubt stays as in DEFAULT_POLICY.
GRID: Final = tuple(
    replace(DEFAULT_POLICY, override_probability=p, max_rule_confidence=r, same_event_type=same)
    for p in (0.6, 0.9, 0.995) for r in (0.55, 0.7, 1.0) for same in (False, True)
)


def policy_grid(dev: Path, knowledge: Knowledge, folds: int = 5) -> list[tuple[Policy, Report]]:
    """Each policy of GRID scored on the dev split by cross-validation: a dev line is scored
    with a model fitted on the other folds only, so no line is seen by its own model."""
    lines = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines()]
    fold_files, models = [], []
    for fold in range(folds):
        path = dev.with_name(f"dev-fold-{fold}.jsonl")
        write_jsonl(path, lines[fold::folds])
        fold_files.append(path)
        rest = [line for i, line in enumerate(lines) if i % folds != fold]
        models.append(fit(gold_pairs(rest), min_count=1 if len(rest) <= KEEP_RARE_UP_TO else 2))
    results = []
    for policy in (None, *GRID):
        total = Report()
        for path, model in zip(fold_files, models, strict=True):
            with model_wired(model if policy else None, policy or DEFAULT_POLICY):
                report = score({"dev": path}, knowledge)["dev"]
            total = merged(total, report)
        results.append((policy or Policy(doubt_probability=2.0), total))
    return results


def merged(a: Report, b: Report) -> Report:
    """Totals of two reports."""
    def add(x: dict[str, int], y: dict[str, int]) -> dict[str, int]:
        return {k: x.get(k, 0) + y.get(k, 0) for k in {*x, *y}}

    return Report(
        lines=a.lines + b.lines, gold_events=a.gold_events + b.gold_events,
        suggested_events=a.suggested_events + b.suggested_events, matched=a.matched + b.matched,
        empty_lines=a.empty_lines + b.empty_lines,
        empty_lines_left_empty=a.empty_lines_left_empty + b.empty_lines_left_empty,
        fixes=a.fixes + b.fixes, fixes_by_field=add(a.fixes_by_field, b.fixes_by_field),
        right=add(a.right, b.right), scored=add(a.scored, b.scored))


def render_grid(results: list[tuple[Policy, Report]]) -> str:
    lines = ["policy (cross-validated on dev; first row: rules alone)".ljust(44)
             + "sub_event  event_type  precision  fixes/event"]
    for policy, report in results:
        name = ("rules alone" if policy.override_probability is None else
                f"p>={policy.override_probability} rule<={policy.max_rule_confidence}"
                + (" same type" if policy.same_event_type else ""))
        lines.append(f"{name:44}{report.accuracy('sub_event_type') or 0:9.3f}"
                     f"{report.accuracy('event_type') or 0:12.3f}{report.precision:11.3f}"
                     f"{report.fields_to_fix:13.2f}")
    return "\n".join(lines)


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
    parser.add_argument("--no-country", action="store_true",
                        help="give the engine no country metadata, as news often comes: the "
                             "country must come from the text")
    parser.add_argument("--folds", type=int, default=0, metavar="K",
                        help="also score dev K-fold: each fold with the knowledge imported "
                             "from the other dev folds (the honest dev measure of learning)")
    parser.add_argument("--dev-fixes", type=Path, default=None, metavar="FILE",
                        help="write the dev split's fixes (seeds only), one JSON line per note "
                             "that costs any, as `coder eval --fixes` does; never the held-out")
    parser.add_argument("--grid", action="store_true",
                        help="compare the policies of combining rules and model (learned.combine),"
                             " cross-validated on dev (stderr)")
    args = parser.parse_args()
    if not any((args.data / name).exists() for name in SAMPLES):
        parser.exit(2, f"no ACLED sample in {args.data}: see ../shared/data/README.md\n")
    with tempfile.TemporaryDirectory(prefix="coder-dev-eval-") as tmp:
        work = Path(tmp)
        files, dev_csvs = build(args.data, work, with_country=not args.no_country)
        started = time.perf_counter()
        seeds = load_knowledge(None)
        runs = {"seeds": score(files, seeds, args.dev_fixes)}
        if args.folds > 1:
            runs["folds"] = {"dev": fold_reports(args.data, work, args.folds,
                                                 with_country=not args.no_country)}
        if args.learn:
            store = learned_store(work, dev_csvs)
            runs["learned"] = score(files, load_knowledge(store))
            trained = train(store)
            if trained is None:
                sys.exit("coder train found nothing to learn from in the imported dev rows")
            knowledge = load_knowledge(store)  # with the stored model: pipeline.suggest uses it
            runs["learned+model"] = score(files, knowledge)
            runs["seeds+model"] = score(files, replace(seeds,
                                                       sub_event_model=knowledge.sub_event_model))
            dev = [json.loads(line) for line in files["dev"].read_text("utf-8").splitlines()]
            held_out = [json.loads(line)
                        for line in files["held-out"].read_text("utf-8").splitlines()]
            cv = cross_validate(gold_pairs(dev))
            model = knowledge.sub_event_model
            assert model is not None
            folds = [fit(gold_pairs([x for i, x in enumerate(dev) if i % 5 != k]), min_count=1)
                     for k in range(5)]
            print(render_doubt("dev, 5-fold models", type_calls(dev, lambda n: folds[n % 5],
                                                                 seeds)), file=sys.stderr)
            print(render_doubt("held-out, model from the dev store",
                               type_calls(held_out, lambda _n: model, seeds)), file=sys.stderr)
            print(f"coder train: {trained.texts} texts; its cross-validated accuracy "
                  f"sub_event_type {trained.cv_accuracy[0]:.3f}, event_type "
                  f"{trained.cv_accuracy[1]:.3f}; model alone on dev notes (5-fold): "
                  f"sub_event_type {cv[0]:.3f}, event_type {cv[1]:.3f}"
                  if trained.cv_accuracy else "", file=sys.stderr)
        if args.grid:
            print(render_grid(policy_grid(files["dev"], seeds)), file=sys.stderr)
        elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps({label: {split: report.as_dict() for split, report in reports.items()}
                          for label, reports in runs.items()}, indent=2))
    else:
        print(render(runs))
    print(f"scored in {elapsed:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
