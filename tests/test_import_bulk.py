"""`coder import` into an empty SQLite store rebuilds the event indexes once, at the end.

The drop and the rebuild are part of the import's one transaction: a bad row leaves the
store as it was, indexes included.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from coder.errors import InputError
from coder.importer import import_file
from coder.schema import codebook
from coder.store import Store


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
