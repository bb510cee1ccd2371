"""A large CSV is read and validated by a second process while the importer writes.

The reader process must change nothing but the wall time: the same stored rows and history,
the same InputError naming the same line of a bad row (and an unchanged store), a clear
ReaderError (not a hang) when it dies, and no process left behind, however the import ends.
`reader_from=0` sends every CSV through it; `None` keeps the reading in the importer.
"""

from __future__ import annotations

import csv
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from coder.errors import InputError
from coder.importer import BATCH, ImportResult, ReaderError, import_file
from coder.schema import codebook
from coder.schema.models import Event, EventHistory
from coder.store import Store

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the reader process is forked, and /proc lists it")


def children() -> set[int]:
    """This process's child processes, zombies included (from /proc)."""
    me, found = str(os.getpid()), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone while we looked
            continue
        if text.rsplit(")", 1)[1].split()[1] == me:  # the field after the state is the ppid
            found.add(int(stat.parent.name))
    return found


def rows(count: int) -> list[dict[str, str]]:
    # Some batches the column-by-column check takes whole, some it hands to row-by-row
    # validation (whitespace-only cells); notes over several lines move the line numbers.
    out = []
    for n in range(1, count + 1):
        battle = n % 3 == 0
        out.append({
            "event_id_cnty": f"SOM{n}", "event_date": f"2020-0{1 + n % 9}-1{n % 10}",
            "year": "2020", "event_type": "Battles" if battle else "Protests",
            "sub_event_type": "Armed clash" if battle else "Peaceful protest",
            "actor1": "Military Forces of Somalia (2022-)" if battle else "Protesters (Somalia)",
            "inter1": "1" if battle else "6",
            "actor2": "Al Shabaab" if battle else ("   " if n % 5 == 0 and n > 3000 else ""),
            "inter2": "2" if battle else "", "country": "Somalia",
            "latitude": f"{n % 90}.5" if n % 7 else "", "longitude": "45.1",
            "fatalities": str(n % 4),
            "notes": f"line one\nline two {n}" if n % 11 == 0 else f"note {n}",
        })
    return out


def write_csv(path: Path, table: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, codebook.CURRENT_COLUMNS)
        writer.writeheader()
        writer.writerows(table)
    return path


def stored(url: str) -> tuple[list[tuple[Any, ...]], int]:
    """Every event's ACLED values in id order, and the number of history rows."""
    store = Store.open(url)
    columns = [getattr(Event, name) for name in codebook.ALL_COLUMNS]
    with store.session() as session:
        events = [tuple(row) for row in session.execute(select(*columns).order_by(Event.id))]
        history = session.execute(select(func.count()).select_from(EventHistory)).scalar_one()
    return events, history


class Watch:
    """A progress listener that notes the bytes reported and the child processes alive."""

    def __init__(self) -> None:
        self.read = 0
        self.seen: set[int] = set()

    def __call__(self, read: int) -> None:
        self.read += read
        self.seen |= children()


def test_the_reader_process_stores_what_the_importer_alone_stores(db_url: str,
                                                                  tmp_path: Path) -> None:
    """Same rows, values, history and counts by both paths; progress reaches the file's size."""
    path = write_csv(tmp_path / "odd.csv", rows(3 * BATCH + 500))
    before = children()
    alone, parallel = Watch(), Watch()
    expected = import_file(Store.open(f"sqlite:///{tmp_path / 'alone.db'}"), path,
                           progress=alone, reader_from=None)
    got = import_file(Store.open(db_url), path, progress=parallel, reader_from=0)
    assert got == expected == ImportResult(3 * BATCH + 500, 3 * BATCH + 500, 0, 0)
    assert stored(db_url) == stored(f"sqlite:///{tmp_path / 'alone.db'}")
    assert alone.read == parallel.read == path.stat().st_size
    assert alone.seen <= before
    assert parallel.seen - before, "no reader process ran"
    assert children() == before


def test_a_second_import_through_the_reader_revises_changed_rows(db_url: str,
                                                                  tmp_path: Path) -> None:
    """Rows already imported are compared and revised as in-process (the store side is one)."""
    table = rows(BATCH + 10)
    import_file(Store.open(db_url), write_csv(tmp_path / "a.csv", table), reader_from=0)
    table[BATCH + 5]["fatalities"] = "7"
    result = import_file(Store.open(db_url), write_csv(tmp_path / "b.csv", table), reader_from=0)
    assert (result.added, result.revised, result.unchanged) == (0, 1, BATCH + 9)


@pytest.mark.parametrize("case", ["bad-cell", "short-row", "repeated-key"])
def test_a_bad_row_found_by_the_reader_names_its_line(db_url: str, tmp_path: Path,
                                                      case: str) -> None:
    """The importer raises the reader's InputError, line counted across notes of several
    lines; nothing is stored and the reader is gone."""
    table = rows(3 * BATCH)
    bad = 2 * BATCH + 200
    if case == "bad-cell":
        table[bad]["inter1"] = "9"  # inter codes are 0-8 [codebook §3]
    elif case == "repeated-key":
        table[bad]["event_id_cnty"] = table[10]["event_id_cnty"]
    path = write_csv(tmp_path / "bad.csv", table)
    line = bad + 2 + sum(row["notes"].count("\n") for row in table[:bad])
    if case == "short-row":
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[line - 1] = lines[line - 1].rsplit(",", 1)[0]
        path.write_text("\n".join(lines), encoding="utf-8")
    before = children()
    with pytest.raises(InputError) as caught:
        import_file(Store.open(db_url), path, reader_from=0)
    field = {"bad-cell": "inter1", "short-row": "row", "repeated-key": "event_id_cnty"}[case]
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), line, field)
    assert stored(db_url) == ([], 0)
    assert children() == before


class Kill(Watch):
    """Kills the reader process (SIGKILL) at the first progress report."""

    def __init__(self, before: set[int]) -> None:
        super().__init__()
        self.before = before

    def __call__(self, read: int) -> None:
        super().__call__(read)
        for pid in self.seen - self.before:
            os.kill(pid, signal.SIGKILL)


def test_a_killed_reader_is_an_error_not_a_hang(db_url: str, tmp_path: Path) -> None:
    """ReaderError names the file and the exit; the transaction rolls back."""
    path = write_csv(tmp_path / "a.csv", rows(20 * BATCH))
    before = children()
    kill = Kill(before)
    with pytest.raises(ReaderError, match=f"{path}: .*exit code -{int(signal.SIGKILL)}"):
        import_file(Store.open(db_url), path, progress=kill, reader_from=0)
    assert kill.seen - before, "no reader process ran"
    assert stored(db_url) == ([], 0)
    assert children() == before


class Interrupt(Watch):
    """Ctrl-C in the importer, at the first progress report."""

    def __call__(self, read: int) -> None:
        super().__call__(read)
        raise KeyboardInterrupt


def test_ctrl_c_in_the_importer_stops_the_reader(db_url: str, tmp_path: Path) -> None:
    """The reader, busy on a long file, is stopped and reaped; nothing is stored."""
    path = write_csv(tmp_path / "a.csv", rows(20 * BATCH))
    before = children()
    interrupt = Interrupt()
    with pytest.raises(KeyboardInterrupt):
        import_file(Store.open(db_url), path, progress=interrupt, reader_from=0)
    assert interrupt.seen - before, "no reader process ran"
    assert stored(db_url) == ([], 0)
    assert children() == before


def test_a_small_file_is_read_in_process(sqlite_url: str, tmp_path: Path) -> None:
    """Below `reader_from` bytes no process is started (it would cost more than it saves)."""
    path = write_csv(tmp_path / "a.csv", rows(2 * BATCH))
    before = children()
    watch = Watch()
    import_file(Store.open(sqlite_url), path, progress=watch,
                reader_from=path.stat().st_size + 1)
    assert watch.seen <= before
    assert watch.read == path.stat().st_size


def test_an_unexpected_error_in_the_reader_is_reported_with_its_traceback(
        db_url: str, tmp_path: Path) -> None:
    """The file gone by the time the reader opens it (by path): ReaderError, not a hang."""
    path = tmp_path / "gone.csv"
    table = rows(BATCH)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [*codebook.CURRENT_COLUMNS, "extra"])
        writer.writeheader()
        writer.writerows(table)
    before = children()
    # The warning about the unknown column comes after the importer opened the file and
    # before the reader starts: the importer's handle stays valid, the path does not.
    with pytest.raises(ReaderError, match=r"(?s)reader process failed.*FileNotFoundError"):
        import_file(Store.open(db_url), path, warn=lambda _: path.unlink(), reader_from=0)
    assert stored(db_url) == ([], 0)
    assert children() == before
