"""Benchmark: `coder import` of N generated ACLED rows vs sqlite3's `.import --csv`.

The rows are generated, not copied: they follow the shapes of the pre-2023 sample (31
columns, dates like 9-May-20, numeric inter codes, blank actor2 with inter2 0 for one-sided
events, notes of a few hundred characters) with values drawn from the codebook and the
country table. Both importers read the same file into a fresh SQLite database in the same
run; peak RSS is each child process's own (os.wait4).

    python bench/bench_import.py --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from coder.countries import load_countries
from coder.schema import codebook

_WORDS = (
    "forces", "clashed", "attacked", "village", "district", "reported", "killed", "police",
    "protest", "gathered", "town", "armed", "group", "military", "province", "residents",
    "security", "demanded", "arrested", "near", "road", "market", "convoy", "explosion",
    "claimed", "fatalities", "unidentified", "local", "officials", "against", "outside",
    "shelling", "positions", "area", "sources", "around",
)
_OUTLETS = ("Daily Courier", "Radio Kilo", "Press Agency", "Morning Wire", "Local Monitor",
            "State Television", "Harbour News", "Undisclosed Source")
_SCALES = ("National", "Subnational", "International", "Regional", "Local partner-National",
           "New media", "Other", "National-International")
# One actor per inter code; "{c}" is the country, as ACLED names generic actors [§6].
_ACTORS = {
    1: "Military Forces of {c} (2014-)", 2: "Liberation Front of {c}",
    3: "Unidentified Armed Group ({c})", 4: "Clan Militia ({c})", 5: "Rioters ({c})",
    6: "Protesters ({c})", 7: "Civilians ({c})", 8: "Foreign Mission in {c}",
}
# (inter1, inter2 or 0) per event type, as the codebook's actor rules allow [§3, §10].
_PAIRS = {
    "Battles": ((1, 2), (1, 3), (2, 3), (3, 4), (1, 8)),
    "Protests": ((6, 0), (6, 1), (6, 0)),
    "Riots": ((5, 1), (5, 7), (5, 0)),
    "Explosions/Remote violence": ((1, 2), (2, 1), (8, 2), (2, 0)),
    "Violence against civilians": ((3, 7), (1, 7), (2, 7)),
    "Strategic developments": ((1, 0), (2, 0), (1, 2)),
}


def generate(path: Path, rows: int, seed: int = 20230) -> None:
    """Write `rows` generated rows in the pre-2023 layout to `path` (header first)."""
    rng = random.Random(seed)
    countries = [c for c in load_countries().by_name.values() if c.iso > 0][:60]
    subs = list(codebook.SUB_EVENT_TYPES.values())
    start = date(2018, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(codebook.PRE2023_COLUMNS)
        for n in range(1, rows + 1):
            country = rng.choice(countries)
            sub = rng.choice(subs)
            inter1, inter2 = rng.choice(_PAIRS[sub.event_type])
            when = start + timedelta(days=rng.randrange(1800))
            number = 10000 + n
            notes = " ".join(rng.choices(_WORDS, k=rng.randint(20, 60)))
            writer.writerow((
                7000000 + n, country.iso, f"{country.iso3}{number}", number,
                f"{when.day}-{when:%b-%y}", when.year, rng.choice((1, 1, 1, 2, 3)),
                sub.event_type, sub.name, _ACTORS[inter1].format(c=country.country),
                rng.choice(("", "", f"Journalists ({country.country})")), inter1,
                _ACTORS[inter2].format(c=country.country) if inter2 else "", "", inter2,
                codebook.interaction(inter1, inter2 or None), country.region, country.country,
                f"Province {rng.randrange(40)}", f"District {rng.randrange(400)}", "",
                f"Town {rng.randrange(5000)}", f"{rng.uniform(-40, 60):.4f}",
                f"{rng.uniform(-120, 150):.4f}", rng.choice((1, 1, 2, 3)),
                "; ".join(rng.sample(_OUTLETS, rng.randint(1, 2))), rng.choice(_SCALES),
                f"On {when.day} {when:%B %Y}, {notes}.", rng.choice((0, 0, 0, 1, 2, 5)),
                1589000000 + n, country.iso3,
            ))


@dataclass(frozen=True, slots=True)
class Run:
    """One child process: wall seconds, CPU seconds (user + system), peak RSS in MB."""

    wall: float
    cpu: float
    rss_mb: float

    def line(self, label: str, rows: int) -> str:
        """A report line; CPU time is the fairer ratio on a busy machine."""
        return (f"{label:<29}{self.wall:8.2f} s wall {self.cpu:8.2f} s CPU "
                f"{rows / self.wall:10,.0f} rows/s  peak RSS {self.rss_mb:5.0f} MB")


def median(runs: list[Run]) -> Run:
    """The run of median wall time (an odd count gives a real run; CPU and RSS come with it)."""
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def run(argv: list[str]) -> Run:
    """Run a child to completion and measure it (os.wait4: its own rusage). Fails loudly."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    # ru_maxrss is in KiB on Linux
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def main() -> None:
    """Generate, import both ways, print times, ratio and peak RSS."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="directory to keep the files in")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each importer, interleaved; the medians are compared")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="coder-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / f"acled-{args.rows}.csv"
    started = time.perf_counter()
    if not source.exists():  # --keep reuses an earlier run's file
        generate(source, args.rows)
    size_mb = source.stat().st_size / 1e6
    print(f"{args.rows:,} generated rows ({size_mb:.0f} MB) ready in "
          f"{time.perf_counter() - started:.1f} s: {source}")
    ours_db, theirs_db, indexed_db = work / "coder.db", work / "sqlite3.db", work / "idx.db"
    # The same number of indexes as our event table (6): ACLED's own three indexed columns,
    # and three low-variety columns standing in for status/coder_id/sentence_id, which the
    # CSV lacks (in an import they hold one value each).
    columns = ", ".join(codebook.PRE2023_COLUMNS)
    indexes = "; ".join(f"CREATE INDEX ix_{c} ON acled ({c})" for c in (
        "event_id_cnty", "event_date", "country", "year", "time_precision", "geo_precision"))
    commands = {
        ours_db: [sys.executable, "-m", "coder", "import", "--db", f"sqlite:///{ours_db}",
                  str(source)],
        theirs_db: ["sqlite3", str(theirs_db), f".import --csv {source} acled"],
        indexed_db: ["sqlite3", str(indexed_db), f"CREATE TABLE acled ({columns}); {indexes}",
                     f".import --csv --skip 1 {source} acled"],
    }
    runs: dict[Path, list[Run]] = {db: [] for db in commands}
    for _ in range(args.repeat):  # interleaved, so a busy spell hits every importer alike
        for db, argv in commands.items():
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            runs[db].append(run(argv))
    ours, theirs, indexed = (median(runs[db]) for db in commands)
    if args.repeat > 1:
        print(f"medians of {args.repeat} interleaved runs each")
    print(ours.line("coder import:", args.rows))
    print(theirs.line("sqlite3 .import:", args.rows))
    print(indexed.line("sqlite3 .import, 6 indexes:", args.rows))
    print(f"coder / sqlite3: {ours.wall / theirs.wall:.2f}x wall, {ours.cpu / theirs.cpu:.2f}x "
          "CPU  (goal: within 3x; RSS goal: under 300 MB)")
    print("  (sqlite3's table has no indexes and no types; ours has 6 indexes, typed and "
          "validated columns, and an import history row per event)")
    print(f"coder / sqlite3 into a table with 6 indexes: {ours.wall / indexed.wall:.2f}x wall, "
          f"{ours.cpu / indexed.cpu:.2f}x CPU")


if __name__ == "__main__":
    main()
