"""Score and time the candidate sentence splitters against `coder.segment.split_sentences`.

Run from the repository root:  python bench/bench_segment.py [--megabytes 10]

Prints, from one run, for each candidate that is installed:
- its share of the hard cases of `tests/test_segment.py` split exactly right, raw and behind
  the repairs of `coder.segment.repair_spans`;
- sentences per second over a deterministic news-like corpus (~10 MB, built from the seed
  article and the hard cases, varied), split one document at a time as `coder ingest` does,
  as a ratio to the fastest raw library.
Candidates: blingfire (needs numpy), nupunkt, pysbd, sentencex, syntok; a missing one is
reported and skipped. pysbd and syntok are timed on a slice of the corpus (they are two orders
of magnitude slower); the rate is still sentences per second.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from types import ModuleType

from coder.segment import repair_spans, split_sentences

Span = tuple[int, int]
Splitter = Callable[[str], list[Span]]
HardCase = tuple[str, str, list[str]]
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Candidate:
    name: str
    split: Splitter  # raw library call: spans as the library gives them
    slow: bool = False  # timed on a slice of the corpus only


def candidates() -> list[Candidate]:
    """The installed candidate splitters, each wrapped to return (start, end) spans."""
    found: list[Candidate] = []
    try:
        import blingfire  # type: ignore[import-untyped]  # no type hints shipped

        def blingfire_split(text: str) -> list[Span]:
            return list(blingfire.text_to_sentences_and_offsets(text)[1]) if text.strip() else []

        found.append(Candidate("blingfire", blingfire_split))
    except ImportError as exc:  # blingfire imports numpy without declaring it
        print(f"skipped blingfire: {exc}", file=sys.stderr)
    import nupunkt

    found.append(Candidate("nupunkt", nupunkt.sentence_spans))
    found.append(Candidate("nupunkt lines", lambda t: nupunkt.sentence_spans(t, line_breaks=True)))
    found.append(Candidate("nupunkt adaptive", lambda t: nupunkt.sentence_spans(t, adaptive=True)))
    try:
        import sentencex  # type: ignore[import-untyped]  # no py.typed marker

        def sentencex_split(text: str) -> list[Span]:
            boundaries = sentencex.get_sentence_boundaries("en", text)
            return [(b["start_index"], b["end_index"]) for b in boundaries]

        found.append(Candidate("sentencex", sentencex_split))
    except ImportError as exc:
        print(f"skipped sentencex: {exc}", file=sys.stderr)
    try:
        import pysbd  # type: ignore[import-untyped]  # no type hints shipped

        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        found.append(
            Candidate("pysbd", lambda t: [(s.start, s.end) for s in segmenter.segment(t)], True)
        )
    except ImportError as exc:
        print(f"skipped pysbd: {exc}", file=sys.stderr)
    try:
        from syntok import segmenter as syntok_segmenter  # type: ignore[import-untyped]

        def syntok_split(text: str) -> list[Span]:
            return [
                (sentence[0].offset, sentence[-1].offset + len(sentence[-1].value))
                for paragraph in syntok_segmenter.analyze(text)
                for sentence in map(list, paragraph)
            ]

        found.append(Candidate("syntok", syntok_split, True))
    except ImportError as exc:
        print(f"skipped syntok: {exc}", file=sys.stderr)
    return found


def tight(text: str, spans: list[Span]) -> list[Span]:
    """Spans without surrounding whitespace, empty ones dropped, to compare with the cases."""
    out: list[Span] = []
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = start + (len(piece) - len(piece.lstrip()))
            out.append((first, first + len(stripped)))
    return out


def hard_cases() -> list[HardCase]:
    """HARD_CASES of tests/test_segment.py, loaded by path (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location("test_segment", REPO / "tests/test_segment.py")
    assert spec and spec.loader
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: list[HardCase] = module.HARD_CASES
    return cases


def score(split: Splitter, cases: list[HardCase]) -> int:
    right = 0
    for _, text, expected in cases:
        # A candidate that raises gets the case wrong; the bench goes on.
        with contextlib.suppress(Exception):
            right += [text[a:b] for a, b in split(text)] == expected
    return right


_PLACES = ["Rukha", "Bazarak", "Anaba", "Kabul", "Herat", "Kunduz", "Mazar-i-Sharif", "Khost"]
_ACTORS = ["Taliban", "NRF", "N.R.F.", "U.S.", "Gen. Ahmad Khan", "Lt. Col. Nabi", "Dr. Rahimi"]


def corpus(megabytes: float, cases: list[HardCase]) -> list[str]:
    """Deterministic news-like documents: seed paragraphs and hard cases, shuffled and varied."""
    seed = files("coder.seeds").joinpath("panjshir-2021-08-24.txt").read_text("utf-8")
    paragraphs = [p.strip() for p in seed.split("\n\n")[1:] if p.strip()]
    paragraphs += [text for _, text, _ in cases]
    rng = random.Random(20210824)
    documents: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(8, 20)))
        body = "\n\n".join(_vary(p, rng) for p in chosen)
        headline = f"{rng.choice(_ACTORS)} fighters clash near {rng.choice(_PLACES)}"
        documents.append(f"{headline}\n\n{body}\n")
        size += len(documents[-1])
    return documents


def _vary(paragraph: str, rng: random.Random) -> str:
    """Swap places, actors and numbers so that repeated paragraphs are not identical."""
    paragraph = re.sub(r"\b(?:Kabul|Panjshir|Rukha)\b", lambda _: rng.choice(_PLACES), paragraph)
    paragraph = re.sub(r"\bTaliban\b", lambda _: rng.choice(_ACTORS), paragraph)
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()))), paragraph)


def rate(split: Splitter, documents: list[str], repeat: int) -> tuple[float, float]:
    """(sentences per second, megabytes per second), the best of `repeat` passes.

    The best pass is the one least disturbed by other work on the machine.
    """
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        sentences = sum(len(split(document)) for document in documents)
        best = min(best, time.perf_counter() - began)
    return sentences / best, sum(map(len, documents)) / 1e6 / best


@dataclass(frozen=True)
class Row:
    name: str
    raw: int  # hard cases exactly right, raw
    repaired: int | None  # ... behind repair_spans (None: split_sentences has them built in)
    per_s: float
    mb_s: float
    slow: bool


def measure(candidate: Candidate, cases: list[HardCase], documents: list[str], repeat: int) -> Row:
    def raw(text: str) -> list[Span]:
        return tight(text, candidate.split(text))

    def repaired(text: str) -> list[Span]:
        return repair_spans(text, candidate.split(text))

    sample = documents[: max(1, len(documents) // 50)] if candidate.slow else documents
    per_s, mb_s = rate(candidate.split, sample, 1 if candidate.slow else repeat)
    return Row(
        candidate.name, score(raw, cases), score(repaired, cases), per_s, mb_s, candidate.slow
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3, help="passes per fast splitter")
    args = parser.parse_args()
    cases = hard_cases()
    documents = corpus(args.megabytes, cases)
    total_mb = sum(map(len, documents)) / 1e6
    print(f"{len(cases)} hard cases; corpus {len(documents)} documents, {total_mb:.1f} MB")

    rows = [measure(c, cases, documents, args.repeat) for c in candidates()]
    fastest = max(row.per_s for row in rows)
    per_s, mb_s = rate(split_sentences, documents, args.repeat)
    rows.append(Row("split_sentences", score(split_sentences, cases), None, per_s, mb_s, False))

    print(f"{'splitter':18} {'raw':>7} {'repaired':>9} {'sent/s':>9} {'MB/s':>6} {'ratio':>6}")
    for row in rows:
        fixed = "-" if row.repaired is None else f"{row.repaired}/{len(cases)}"
        note = "  (timed on 1/50 of the corpus)" if row.slow else ""
        print(
            f"{row.name:18} {row.raw:>3}/{len(cases)} {fixed:>9} {row.per_s:>9,.0f}"
            f" {row.mb_s:>6.2f} {row.per_s / fastest:>6.3f}{note}"
        )
    print("ratio: sentences/s over the fastest raw library call in this run")


if __name__ == "__main__":
    main()
