"""`coder import` at bulk speed, and still one transaction naming the line of a bad row.

Into an empty SQLite store the event indexes are rebuilt once, at the end; the drop and the
rebuild are part of the import's one transaction, so a bad row leaves the store as it was,
indexes included. An SQLite file the import has to itself is written through a rollback
journal rather than WAL. Rows are read in batches, with line numbers found only for errors.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from coder.errors import InputError
from coder.importer import RowValidator, import_file
from coder.schema import codebook
from coder.schema.events import COMPLETE_RULES, FIELD_RULES, RowRule
from coder.store import Store, rollback_journal


def index_sql(url: str) -> list[tuple[str, str]]:
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return sorted(connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'event' AND sql IS NOT NULL"))


def write_file(path: Path, rows: int, bad_last: bool = False) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, codebook.CURRENT_COLUMNS)
        writer.writeheader()
        for n in range(1, rows + 1):
            writer.writerow({
                "event_id_cnty": f"AFG{n}", "event_date": "2021-09-05",
                "event_type": "Protests", "sub_event_type": "Peaceful protest",
                "actor1": "Protesters (Afghanistan)", "inter1": "6", "country": "Afghanistan",
                "fatalities": "x" if bad_last and n == rows else "0",
            })
    return path


def test_import_into_an_empty_store_keeps_every_index(sqlite_url: str, tmp_path: Path) -> None:
    """The same index definitions after the import as before it, and they answer queries."""
    store = Store.open(sqlite_url)
    before = index_sql(sqlite_url)
    assert len(before) >= 6
    result = import_file(store, write_file(tmp_path / "a.csv", 50))
    assert result.added == 50
    assert index_sql(sqlite_url) == before
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        plan = connection.execute("EXPLAIN QUERY PLAN SELECT id FROM event "
                                  "WHERE event_id_cnty = 'AFG7'").fetchall()
        assert "ix_event_event_id_cnty" in str(plan)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_bad_row_rolls_back_rows_and_keeps_the_indexes(sqlite_url: str,
                                                         tmp_path: Path) -> None:
    """The failed import dropped the indexes inside its transaction: they come back."""
    store = Store.open(sqlite_url)
    before = index_sql(sqlite_url)
    with pytest.raises(InputError, match="fatalities"):
        import_file(store, write_file(tmp_path / "bad.csv", 30, bad_last=True))
    assert index_sql(sqlite_url) == before
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM event").fetchone() == (0,)


# --- the column-by-column fast path agrees with row-by-row validation ------------------------


def stored_events(url: str, columns: tuple[str, ...]) -> list[dict[str, object]]:
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(
            f"SELECT {', '.join(columns)} FROM event ORDER BY id")]


def odd_rows(rows: int) -> list[dict[str, str]]:
    # Shapes the fast path hands back to row-by-row validation or must get right itself:
    # whitespace-only cells, blank numbers, repeated and fresh cached values, a note over
    # several lines, battles with and without a second actor.
    out = []
    for n in range(1, rows + 1):
        battle = n % 3 == 0
        out.append({
            "event_id_cnty": f"SOM{n}", "event_date": f"2020-0{1 + n % 9}-1{n % 10}",
            "year": "2020" if n % 4 else "", "event_type": "Battles" if battle else "Protests",
            "sub_event_type": "Armed clash" if battle else "Peaceful protest",
            "actor1": "Military Forces of Somalia (2022-)" if battle else "Protesters (Somalia)",
            "inter1": "1" if battle else "6",
            "actor2": "Al Shabaab" if battle else ("   " if n % 5 == 0 else ""),
            "inter2": "2" if battle else "", "country": "Somalia",
            "latitude": f"{n % 90}.5" if n % 7 else "", "longitude": " " if n == 4500 else "45.1",
            "fatalities": "  " if n == 3100 else str(n % 4),
            "notes": f"line one\nline two {n}" if n % 11 == 0 else f"note {n}",
        })
    return out


def test_batches_store_what_row_by_row_validation_gives(sqlite_url: str,
                                                       tmp_path: Path) -> None:
    """Values stored by an import equal RowValidator.validate's, row for row, odd cells too."""
    rows = odd_rows(5000)
    path = tmp_path / "odd.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, codebook.CURRENT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    store = Store.open(sqlite_url)
    assert import_file(store, path).added == len(rows)
    validator = RowValidator()
    columns = tuple(codebook.CURRENT_COLUMNS)
    full = [{c: row.get(c, "") for c in columns} for row in rows]
    want = [validator.validate(row, "odd.csv", i) for i, row in enumerate(full, start=2)]
    got = stored_events(sqlite_url, columns)
    for expected, stored in zip(want, got, strict=True):
        expected = {k: v.isoformat() if isinstance(v, date) else v for k, v in expected.items()}
        assert stored == expected


def test_a_bad_row_in_a_later_batch_names_its_line(sqlite_url: str, tmp_path: Path) -> None:
    """The error names the first bad row's line, counted across notes of several lines."""
    rows = odd_rows(4500)
    rows[4200]["inter1"] = "9"  # inter codes are 0-8 [codebook §3]
    rows[4300]["fatalities"] = "-1"
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, codebook.CURRENT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    extra_lines = sum(row["notes"].count("\n") for row in rows[:4200])
    store = Store.open(sqlite_url)
    with pytest.raises(InputError) as caught:
        import_file(store, path)
    assert (caught.value.line, caught.value.field) == (4200 + 2 + extra_lines, "inter1")
    assert stored_events(sqlite_url, ("id",)) == []


class _Guard:
    """An event stand-in that refuses every field a rule did not declare."""

    def __init__(self, values: dict[str, object], allowed: frozenset[str]) -> None:
        self._values, self._allowed = values, allowed

    def __getattr__(self, name: str) -> object:
        if name not in self._allowed:
            raise AssertionError(f"the rule reads {name!r} without declaring it")
        return self._values.get(name)


@pytest.mark.parametrize("rule", [*FIELD_RULES, *COMPLETE_RULES], ids=lambda r: r.name)
def test_each_row_rule_reads_only_the_fields_it_declares(rule: RowRule) -> None:
    """The importer remembers verdicts per declared fields: a rule reading more would let a
    bad row through on a remembered verdict."""
    rows: list[dict[str, object]] = [
        {}, {"event_type": "Battles", "sub_event_type": "Armed clash", "actor2": "X",
             "inter2": 2, "year": 2021, "event_date": date(2021, 9, 5)},
        {"event_type": "Battles", "sub_event_type": "Attack", "disorder_type": "Riots",
         "civilian_targeting": "yes", "year": 2020, "event_date": date(2021, 9, 5)},
        {"event_type": "Protests", "actor2": None, "inter2": 6},
    ]
    for values in rows:
        # A verdict either way is fine (ValueError); only undeclared reads fail the test.
        with contextlib.suppress(ValueError):
            rule.check(_Guard(values, rule.reads | rule.presence))


# --- reading batches: line numbers without a Python step per row ----------------------------

@pytest.mark.parametrize("layout", ["plain", "blank-lines", "line-breaks"])
def test_a_short_row_names_its_line_however_the_batch_reads(sqlite_url: str, tmp_path: Path,
                                                           layout: str) -> None:
    """Blank lines and quoted line breaks before it move the bad row's line; both count."""
    rows = odd_rows(30)
    for row in rows:
        row["notes"] = "one\ntwo" if layout == "line-breaks" else "one"
    lines = [",".join(codebook.CURRENT_COLUMNS)]
    for n, row in enumerate(rows):
        buffer = io.StringIO()
        csv.DictWriter(buffer, codebook.CURRENT_COLUMNS, lineterminator="\n").writerow(row)
        text = buffer.getvalue().rstrip("\n")
        if n == 20:
            text = text.rsplit(",", 1)[0]  # one field short
        if layout == "blank-lines" and n % 5 == 0:
            lines.append("")
        lines.extend(text.split("\n"))
        if n == 20:
            bad_line = len(lines) - text.count("\n")
    path = tmp_path / "short.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store.open(sqlite_url)
    with pytest.raises(InputError) as caught:
        import_file(store, path)
    assert (caught.value.line, caught.value.field) == (bad_line, "row")
    assert stored_events(sqlite_url, ("id",)) == []


# --- the journal of a bulk write --------------------------------------------------------------

def journal_mode(url: str) -> str:
    with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])


def test_a_bulk_write_alone_uses_a_rollback_journal_then_wal_again(sqlite_url: str) -> None:
    """Inside the block the file is in DELETE mode; after it, WAL as every connection wants."""
    store = Store.open(sqlite_url)
    with rollback_journal(store.engine) as switched, store.session() as session:
        assert switched
        assert session.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    assert journal_mode(sqlite_url) == "wal"


def test_a_bulk_write_stays_in_wal_while_another_connection_reads(sqlite_url: str,
                                                                 tmp_path: Path) -> None:
    """Another process's open connection keeps WAL: the import still works, nothing lost."""
    store = Store.open(sqlite_url)
    with contextlib.closing(sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))) as reader:
        reader.execute("SELECT count(*) FROM event").fetchone()
        with rollback_journal(store.engine) as switched:
            assert not switched
        assert import_file(store, write_file(tmp_path / "a.csv", 20)).added == 20
        assert reader.execute("SELECT count(*) FROM event").fetchone() == (20,)
    assert journal_mode(sqlite_url) == "wal"


def test_postgresql_has_no_journal_to_switch(db_url: str) -> None:
    """Only an SQLite file switches; PostgreSQL (and SQLite alike when shared) carry on."""
    store = Store.open(db_url)
    with rollback_journal(store.engine) as switched:
        assert switched == db_url.startswith("sqlite")


# --- a NUL character is a damaged file ---------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_nul_character_is_refused_naming_line_and_column(sqlite_url: str, tmp_path: Path,
                                                          fmt: str) -> None:
    """Nothing stored, and the error names the line and the column of the damaged cell."""
    rows = odd_rows(40)
    rows[30]["admin1"] = "Banadir\x00x"
    path = tmp_path / f"nul.{fmt}"
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, codebook.CURRENT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        extra = sum(row["notes"].count("\n") for row in rows[:30])
        line = 30 + 2 + extra
    else:
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        line = 31
    store = Store.open(sqlite_url)
    with pytest.raises(InputError) as caught:
        import_file(store, path, "jsonl" if fmt == "jsonl" else None)
    assert (caught.value.line, caught.value.field) == (line, "admin1")
    assert "NUL" in str(caught.value)
    assert stored_events(sqlite_url, ("id",)) == []
