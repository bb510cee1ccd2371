"""Time `coder suggest`: throughput against bare sentence splitting, workers, start-up, memory.

Run from the repository root:  python bench/bench_suggest.py [--sentences 20000] [--profile]

Builds, in a temporary directory, a JSONL input of about --sentences sentences: the seed
article's paragraphs plus generated news-like reports (no sample text). Then, from one run:
(a) `coder suggest --input` as a real process on one core (--workers 1) and on two; its
    sentences per second with the warm start-up subtracted, and as a ratio to
    `coder.segment.split_sentences` alone on the same texts (in-process);
(b) start-up: wall time of `coder suggest` on one line with a fresh CODER_CACHE_DIR (cold:
    the gazetteer index is built) and then warm, and the peak RSS of each process tree
    (rusage of the child and the workers it reaped; resource.getrusage(RUSAGE_CHILDREN) for
    the whole run).
--profile adds the top functions of an in-process cProfile run over a slice of the input.
Targets (issue 4): >= 500 sentences/s on one core, --workers 2 near 2x, warm start-up
<= 1.5 s, memory < 500 MB.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from coder.segment import split_sentences

TARGET_RATE = 500.0
TARGET_START = 1.5
TARGET_MB = 500.0

AGENTS = ("Gunmen", "Taliban fighters", "Police", "Soldiers", "Hundreds of protesters",
          "Rioters", "Unidentified attackers", "Suspected militants", "Security forces",
          "A mob", "Al Shabaab fighters", "Government troops", "Rebels", "Students")
ACTS = ("attacked a checkpoint in", "clashed with militants near", "fired tear gas at a crowd in",
        "shelled positions around", "marched through the streets of", "set fire to shops in",
        "abducted two aid workers near", "arrested a local leader in", "planted a bomb in",
        "took control of the district centre of", "ambushed a convoy outside",
        "launched a drone strike on", "looted a market in", "gathered peacefully in")
PLACES = ("Kabul", "Gwoza", "Mogadishu", "Lahore", "Kharkiv", "Goma", "Aden", "Mosul",
          "Kandahar", "Maiduguri", "Juba", "Bamako", "Sanaa", "Idlib", "Beni", "Kismayo",
          "Karachi", "Donetsk", "Marib", "Herat")
WHEN = ("on Sunday", "yesterday", "on 3 September", "late on Friday", "two days ago",
        "last week", "this morning", "on Tuesday night", "")
AFTER = ("", "Three people were killed.", "At least 12 died, officials said.",
         "No casualties were reported.", "The attack wounded five civilians.",
         "Officials said the situation was calm by evening.",
         "The ministry promised an investigation.", "Residents fled to nearby villages.",
         "A spokesman declined to comment.", "Talks are expected to resume next month.")
COUNTRIES = (None, "Afghanistan", "Nigeria", "Somalia", "Pakistan", "Ukraine", "Yemen")


@dataclass(frozen=True)
class Run:
    """One measured process: wall time, peak RSS of its tree, exit code."""

    wall: float
    cpu: float  # user + system seconds of the child and the workers it reaped
    max_rss_mb: float
    returncode: int


def generated_document(rng: random.Random, n: int) -> dict[str, Any]:
    """A news-like document of one to five sentences."""
    sentences = []
    for _ in range(rng.randint(1, 5)):
        head = (f"{rng.choice(AGENTS)} {rng.choice(ACTS)} {rng.choice(PLACES)} "
                f"{rng.choice(WHEN)}").rstrip() + "."
        sentences.append(f"{head} {rng.choice(AFTER)}".strip())
    doc: dict[str, Any] = {"id": f"B{n:06d}", "text": " ".join(sentences),
                           "published": "2021-09-06", "source": "Bench Wire"}
    country = rng.choice(COUNTRIES)
    if country:
        doc["country"] = country
    return doc


def seed_documents() -> list[dict[str, Any]]:
    """The seed article, one document per paragraph, dated by its header line."""
    text = files("coder.seeds").joinpath("panjshir-2021-08-24.txt").read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    published = header.split()[1]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    return [{"id": f"S{i:03d}", "text": p, "published": published, "country": "Afghanistan"}
            for i, p in enumerate(paragraphs)]


def build_input(target: int, seed: int = 4) -> tuple[list[dict[str, Any]], int]:
    """Documents until `target` sentences (as the splitter counts them); seed article first."""
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    count = 0
    seeds = seed_documents()
    while count < target:
        # One seed article per ~1,000 sentences keeps its long, real sentences in the mix.
        batch = seeds if len(docs) % 400 == 0 else [generated_document(rng, len(docs))]
        for doc in batch:
            docs.append({**doc, "id": f"{doc['id']}-{len(docs)}"})
            count += len(split_sentences(doc["text"]))
    return docs, count


def measured(cmd: list[str], stdin: Path | None, env: dict[str, str]) -> Run:
    """Run `cmd` to the end; wall time, and peak RSS of the child and workers it reaped."""
    started = time.perf_counter()
    with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as source:
        process = subprocess.Popen(cmd, stdin=source, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, env=env)
        assert process.stderr is not None
        errors = process.stderr.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({process.returncode}):\n{errors.decode()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def splitter_rate(docs: list[dict[str, Any]]) -> tuple[float, int]:
    """Seconds and sentences for `split_sentences` alone over the documents' texts."""
    started = time.perf_counter()
    sentences = sum(len(split_sentences(doc["text"])) for doc in docs)
    return time.perf_counter() - started, sentences


def profile(docs: list[dict[str, Any]], top: int = 20) -> str:
    """The top functions (own time) of an in-process run of `answer` over the documents."""
    from coder.engine.knowledge import load_knowledge
    from coder.suggesting import answer, parse_request

    knowledge = load_knowledge(None)
    requests = [parse_request(json.dumps(d), "<bench>", n) for n, d in enumerate(docs, 1)]
    profiler = cProfile.Profile()
    profiler.enable()
    for request in requests:
        answer(request, knowledge)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--profile", action="store_true",
                        help="also print cProfile's top functions over 2,000 sentences")
    args = parser.parse_args()
    coder = [sys.executable, "-m", "coder", "suggest"]
    with tempfile.TemporaryDirectory(prefix="coder-bench-suggest-") as tmp:
        work = Path(tmp)
        docs, sentences = build_input(args.sentences)
        big = work / "input.jsonl"
        big.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        one = work / "one.jsonl"
        one.write_text(json.dumps(docs[-1]) + "\n", encoding="utf-8")
        env = {**os.environ, "CODER_CACHE_DIR": str(work / "cache")}
        env.pop("CODER_DB", None)  # seeds only: no store to read

        cold = measured([*coder, "--input", str(one)], None, env)
        warm_runs = [measured([*coder, "--input", str(one)], None, env) for _ in range(3)]
        warm = min(warm_runs, key=lambda r: r.wall)
        split_seconds, split_sentences_ = splitter_rate(docs)
        w1 = measured([*coder, "--input", str(big), "--workers", "1"], None, env)
        w2 = measured([*coder, "--input", str(big), "--workers", "2"], None, env)
        via_stdin = measured(coder, big, env)

    rate1 = sentences / max(w1.wall - warm.wall, 1e-9)
    rate2 = sentences / max(w2.wall - warm.wall, 1e-9)
    split_rate = split_sentences_ / split_seconds
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = [
        ("input", f"{len(docs)} documents, {sentences} sentences, "
                  f"{big_size(docs) / 1e6:.1f} MB", ""),
        ("split_sentences alone (in-process)", f"{split_rate:,.0f} sentences/s", ""),
        ("suggest --workers 1, wall", f"{w1.wall:.1f} s", ""),
        ("suggest --workers 1, rate (start-up excluded)", f"{rate1:,.0f} sentences/s",
         f">= {TARGET_RATE:.0f}: {verdict(rate1 >= TARGET_RATE)}"),
        ("suggest / splitter time ratio", f"{split_rate / rate1:,.1f}x slower", ""),
        ("suggest --workers 2, wall", f"{w2.wall:.1f} s", ""),
        ("--workers 2 speed-up (start-up excluded)", f"{rate2 / rate1:.2f}x",
         f"near 2x: {verdict(rate2 / rate1 >= 1.7)}"),
        ("CPU seconds, workers 1 / workers 2 (tree)", f"{w1.cpu:.1f} / {w2.cpu:.1f} s",
         "equal CPU: the pool costs little; wall needs a free 2nd core"),
        ("suggest on stdin --workers 1, wall", f"{via_stdin.wall:.1f} s", ""),
        ("start-up, cold cache (one line)", f"{cold.wall:.2f} s", ""),
        ("start-up, warm (best of 3)", f"{warm.wall:.2f} s",
         f"<= {TARGET_START}: {verdict(warm.wall <= TARGET_START)}"),
        ("peak RSS: one line cold / warm", f"{cold.max_rss_mb:.0f} / {warm.max_rss_mb:.0f} MB",
         f"< {TARGET_MB:.0f}: {verdict(max(cold.max_rss_mb, warm.max_rss_mb) < TARGET_MB)}"),
        ("peak RSS: big input, workers 1 / 2 (tree)",
         f"{w1.max_rss_mb:.0f} / {w2.max_rss_mb:.0f} MB",
         f"< {TARGET_MB:.0f}: {verdict(max(w1.max_rss_mb, w2.max_rss_mb) < TARGET_MB)}"),
        ("peak RSS of any child (RUSAGE_CHILDREN)", f"{children_mb:.0f} MB", ""),
    ]
    width = max(len(r[0]) for r in rows) + 2
    value_width = max(len(r[1]) for r in rows) + 2
    for name, value, target in rows:
        print(f"{name.ljust(width)}{value.ljust(value_width)}{target}")
    print(f"(cpu count {os.cpu_count()}, load average {os.getloadavg()[0]:.2f})")
    if args.profile:
        print(profile(docs[: max(1, len(docs) * 2000 // max(sentences, 1))]))


def big_size(docs: list[dict[str, Any]]) -> int:
    return sum(len(json.dumps(d)) + 1 for d in docs)


if __name__ == "__main__":
    main()
