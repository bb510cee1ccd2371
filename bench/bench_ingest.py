"""Benchmark: `coder ingest` sentences per second against the sentence splitter alone.

Builds a deterministic news-like corpus (~10 MB by default) as many small `.txt` files with
the seed article's `date YYYY-MM-DD Title` header: paragraphs of the seed article and
generated event sentences, shuffled, with a serial number so that no two texts are equal
(ingest would skip a repeated text). Nothing comes from ../shared/data. Then, in one run:

    (a) split     `split_sentences` over the texts of the same files (already read)
    (b) ingest    `ingest_files` without suggestions into a fresh SQLite store
    (c) suggest   `ingest_files` with the engine's suggestions (`load_knowledge(None)`;
                  its load time is printed apart and not counted)

and prints sentences per second for each and the ratios (b)/(a) and (c)/(a). (b) and (c)
include reading and parsing the files, as the command does.

    python bench/bench_ingest.py                 # ~10 MB, 2,000 files of ~5 kB
    python bench/bench_ingest.py --mb 1          # smaller
    python bench/bench_ingest.py --mb 2 --profile ingest   # where (b) spends its time
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path

from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import Knowledge
from coder.ingest import Defaults, read_documents
from coder.intake import IngestTotals, ingest_files
from coder.schema.models import Sentence
from coder.segment import split_sentences
from coder.store import Store

FILE_BYTES = 5_000

_ACTORS = ("Taliban fighters", "Government forces", "Unidentified gunmen", "Police",
           "Protesters", "Rioters", "Military forces", "Militia members", "Rebels",
           "Security forces", "Al Shabaab militants", "NRF fighters")
_VERBS = ("clashed with", "attacked", "ambushed", "shelled positions of", "fired on",
          "abducted", "arrested", "dispersed", "exchanged fire with", "raided a base of")
_TARGETS = ("villagers", "a police convoy", "residents", "the army", "a checkpoint",
            "demonstrators", "a market", "civilians", "local militia members", "rebels")
_PLACES = ("Rukha", "Bazarak", "Kabul", "Gwoza", "Maiduguri", "Beni", "Mogadishu", "Kharkiv",
           "Lagos", "Kisumu", "Kandahar", "Herat", "Goma", "Baidoa", "Jalalabad")
_WHEN = ("on Monday", "on Sunday night", "yesterday", "two days ago", "early on Friday",
         "last week", "on 5 September", "overnight", "on Tuesday morning", "nine days ago")
_TAILS = ("officials said.", "a local source told reporters.", "according to residents.",
          "the ministry said in a statement.", "witnesses said.", "police said.")


def seed_paragraphs() -> list[str]:
    """The seed article's paragraphs (its header line dropped)."""
    article = files("coder.seeds").joinpath("panjshir-2021-08-24.txt").read_text("utf-8")
    body = article.partition("\n")[2]
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def event_sentence(rng: random.Random) -> str:
    """One generated news sentence about an event, with a number and a place."""
    killed = rng.choice((0, 1, 2, 3, 5, 12, 40))
    toll = (f", killing {killed} people" if killed else "") if rng.random() < 0.6 else ""
    return (f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} {rng.choice(_TARGETS)} near "
            f"{rng.choice(_PLACES)} {rng.choice(_WHEN)}{toll}, {rng.choice(_TAILS)}")


def article(number: int, rng: random.Random, paragraphs: list[str]) -> str:
    """One file's content, about FILE_BYTES long, unique by its serial number."""
    published = date(2021, 1, 1) + timedelta(days=rng.randrange(900))
    parts = [f"date {published.isoformat()} Report {number}: fighting near "
             f"{rng.choice(_PLACES)}", "", f"Dispatch {number} from our correspondents."]
    size = len(parts[0]) + len(parts[2])
    while size < FILE_BYTES:
        if rng.random() < 0.3:
            paragraph = rng.choice(paragraphs)
        else:
            paragraph = " ".join(event_sentence(rng) for _ in range(rng.randint(2, 5)))
        parts += ["", paragraph]
        size += len(paragraph) + 2
    return "\n".join(parts) + "\n"


def build_corpus(folder: Path, megabytes: float, seed: int = 2021) -> list[Path]:
    """Write ~`megabytes` MB of articles into `folder`; return their paths in order."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    count = max(1, round(megabytes * 1_000_000 / FILE_BYTES))
    paths = []
    for number in range(1, count + 1):
        path = folder / f"article-{number:05}.txt"
        path.write_text(article(number, rng, paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


def time_split(texts: list[str]) -> tuple[int, float]:
    """(sentences, seconds) for `split_sentences` over each text."""
    start = time.perf_counter()
    sentences = sum(len(split_sentences(text)) for text in texts)
    return sentences, time.perf_counter() - start


def time_ingest(url: str, paths: list[Path], knowledge: Knowledge | None,
                profile: bool) -> tuple[IngestTotals, float]:
    """(totals, seconds) for `ingest_files` into a fresh store; the store is opened first."""
    store = Store.open(url)  # migrations are not ingest's cost
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    totals = ingest_files(store, paths, Defaults(), knowledge)
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - start
    assert store.count(Sentence) == totals.sentences
    if profiler is not None:
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(18)
    return totals, seconds


def timed(label: str, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.1f} s", file=sys.stderr)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--profile", choices=("ingest", "suggest"), default=None,
                        help="print the top functions of (b) ingest or (c) suggest")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        root = Path(tmp)
        (root / "corpus").mkdir()
        paths = build_corpus(root / "corpus", args.mb)
        size = sum(p.stat().st_size for p in paths)
        texts = [d.text for p in paths for d in read_documents(p, Defaults())]
        print(f"corpus: {len(paths)} files, {size / 1e6:.1f} MB", file=sys.stderr)

        split_n, split_s = time_split(texts)
        plain, plain_s = time_ingest(f"sqlite:///{root / 'plain.db'}", paths, None,
                                     args.profile == "ingest")
        knowledge: list[Knowledge] = []
        timed("knowledge load (not counted)", lambda: knowledge.append(load_knowledge(None)))
        full, full_s = time_ingest(f"sqlite:///{root / 'suggest.db'}", paths, knowledge[0],
                                   args.profile == "suggest")

    assert plain.sentences == full.sentences == split_n, (plain, full, split_n)
    split_rate, plain_rate, full_rate = split_n / split_s, split_n / plain_s, split_n / full_s
    print(f"\n{split_n:,} sentences in {len(paths):,} files ({size / 1e6:.1f} MB); "
          f"{full.suggestions:,} suggested events")
    print(f"{'':24} {'seconds':>8} {'sentences/s':>12} {'vs split':>9}")
    print(f"{'(a) split_sentences':24} {split_s:8.1f} {split_rate:12,.0f} {1:9.3f}")
    print(f"{'(b) ingest --no-suggest':24} {plain_s:8.1f} {plain_rate:12,.0f} "
          f"{plain_rate / split_rate:9.3f}")
    print(f"{'(c) ingest (suggest)':24} {full_s:8.1f} {full_rate:12,.0f} "
          f"{full_rate / split_rate:9.3f}")


if __name__ == "__main__":
    main()
