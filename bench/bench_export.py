"""Benchmark: `coder export` of N events vs `sqlite3 -csv` over the same table, same run.

The events are generated rows (bench_import.generate) loaded with `coder import`. Three
timings: our writer called in-process into /dev/null, the `coder export` command as a child
process (with its peak RSS), and `sqlite3 -csv` selecting the same columns.

    python bench/bench_export.py --rows 1000000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench_import import Run, generate, median, run

from coder.export import RowFormat, write_acled
from coder.importer import import_file
from coder.schema.codebook import CURRENT_COLUMNS
from coder.store import EventFilter, Store


def main() -> None:
    """Generate and load the events, export three ways, print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="directory to keep (and reuse) files in")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each writer, interleaved; the medians are compared")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="coder-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"export-{args.rows}.db"
    url = f"sqlite:///{db}"
    if not db.exists():
        source = work / f"acled-{args.rows}.csv"
        if not source.exists():
            generate(source, args.rows)
        started = time.perf_counter()
        import_file(Store.open(url), source)
        print(f"loaded {args.rows:,} events in {time.perf_counter() - started:.1f} s: {db}")
    store = Store.open(url)
    everything = EventFilter(statuses=None)

    def in_process_run() -> Run:
        started, cpu = time.perf_counter(), time.process_time()
        with open("/dev/null", "w", encoding="utf-8", newline="") as out:
            written = write_acled(store.stream_events(everything), out, RowFormat("current"))
        assert written == args.rows, written
        return Run(time.perf_counter() - started, time.process_time() - cpu, 0.0)

    # The Python mapping (PostgreSQL's path, and SQLite's for rows SQL declines), for scale.
    started, cpu = time.perf_counter(), time.process_time()
    with open("/dev/null", "w", encoding="utf-8", newline="") as out:
        rows = (row for row in store.stream_events(everything))  # a plain iterator
        write_acled(rows, out, RowFormat("current"))
    python = Run(time.perf_counter() - started, time.process_time() - cpu, 0.0)

    columns = ", ".join(CURRENT_COLUMNS)
    runs: dict[str, list[Run]] = {"in-process": [], "cli": [], "sqlite3": []}
    for _ in range(args.repeat):  # interleaved, so a busy spell hits every writer alike
        runs["in-process"].append(in_process_run())
        runs["cli"].append(run([sys.executable, "-m", "coder", "export", "--db", url,
                                "--status", "all"]))
        runs["sqlite3"].append(run(["sqlite3", "-csv", "-header", str(db),
                                    f"select {columns} from event order by id"]))
    in_process, cli, theirs = (median(found) for found in runs.values())
    if args.repeat > 1:
        print(f"medians of {args.repeat} interleaved runs each (the Python mapping: one run)")
    print(in_process.line("coder export (in-process):", args.rows).split("  peak")[0])
    print(python.line("  Python mapping only:", args.rows).split("  peak")[0])
    print(cli.line("coder export (command):", args.rows))
    print(theirs.line("sqlite3 -csv:", args.rows))
    print(f"speed vs sqlite3: in-process {theirs.wall / in_process.wall:.2f}x wall, "
          f"{theirs.cpu / in_process.cpu:.2f}x CPU; command {theirs.wall / cli.wall:.2f}x "
          f"wall, {theirs.cpu / cli.cpu:.2f}x CPU  (goal: at least 0.5x)")
    print("  (sqlite3 writes the stored cells; ours also derives disorder_type, iso3/region, "
          "year and interaction, and writes inter labels and 4-decimal coordinates)")


if __name__ == "__main__":
    main()
