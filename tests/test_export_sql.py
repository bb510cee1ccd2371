"""`coder export` on SQLite renders rows in SQL: the same bytes as the Python mapping.

The SQL path (`write_acled` given a fresh `Store.stream_events` of a SQLite store) and the
Python path (the same rows given as a plain iterator) must agree byte for byte, on the real
samples (read from ../shared/data at test time) and on events with odd values.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

import pytest
from conftest import shared_file

from coder.export import RowFormat, write_acled
from coder.importer import import_file
from coder.schema.models import Event
from coder.store import EventFilter, Store

FORMATS = [RowFormat(layout, inter) for layout in ("current", "pre2023")
           for inter in (None, "numeric", "label")]


def both_paths(store: Store, fmt: RowFormat) -> tuple[str, str]:
    """(SQL-rendered, Python-rendered) CSV of every event in the store."""
    everything = EventFilter(statuses=None)
    rendered, python = io.StringIO(newline=""), io.StringIO(newline="")
    write_acled(store.stream_events(everything), rendered, fmt)
    write_acled(iter(list(store.stream_events(everything))), python, fmt)
    return rendered.getvalue(), python.getvalue()


def event(**values: Any) -> Event:
    base: dict[str, Any] = {
        "status": "imported", "event_id_cnty": "AFG1", "event_date": date(2021, 9, 5),
        "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Taliban",
        "inter1": 2, "actor2": "Military Forces of Afghanistan", "inter2": 1,
        "country": "Afghanistan", "location": "Rukha", "latitude": 35.3, "longitude": 69.5,
        "notes": "On 5 September, fighting.", "fatalities": 3,
        "updated_at": datetime(2021, 9, 6, 12, 0, 1, 250000, tzinfo=UTC),
    }
    return Event(**{**base, **values})


def odd_events() -> list[Event]:
    """Fresh events (an Event object belongs to one session) with odd values."""
    return [
        event(),
        event(notes='He said "no", then left.\r\nA second line\nand a third\rand a fourth'),
        event(actor1="Militia, the \"Old\" One", location="Saint-Jean, Quartier 4",
              source="Radio; Wire, local", tags='crowd size="dozens"'),
        event(notes="Ünïcödé: 東京, Кабул — ok", admin1="Śląskie", actor2="Żołnierze"),
        event(notes=None, source=None, actor2=None, inter2=None, event_type="Protests",
              sub_event_type="Peaceful protest", inter1=6, actor1="Protesters (Afghanistan)"),
        event(notes="", admin1="", region="", iso3=""),
        event(latitude=35.123456789, longitude=-69.00005),
        event(latitude=-0.0, longitude=0.1 + 0.2),
        event(latitude=None, longitude=None),
        event(latitude=12.3457, longitude=-179.9999),
        event(country="afghanistan"),  # found only by case: the Python mapping's turn
        event(country="Atlantis", iso=None, region=None),
        event(country=None),
        event(interaction=12, year=2021, disorder_type="Political violence", iso=4,
              region="Caucasus and Central Asia", iso3="AFG"),
        event(inter1=None, inter2=None, actor2=None),
        event(inter2=None, actor2=""),
        event(notes="a\x1fb\x1d", location="x\x1ey"),
        event(admin2="Quartier, Nord"),  # one comma too many outside the notes
        event(source='Radio "Libre"'),
        event(status="confirmed", event_id_cnty=None, timestamp=None),
        event(status="confirmed", event_id_cnty=None, country="Atlantis", timestamp=None),
        event(status="suggested", event_id_cnty="MINE-1", timestamp=1234567890),
        event(event_type="", disorder_type=None),
        event(sub_event_type="Armed clash", event_type="Battles", disorder_type="",
              time_precision=3, geo_precision=1, fatalities=0, data_id=99,
              event_id_no_cnty=7),
    ]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f"{f.layout}-{f.inter}")
def test_odd_values_render_the_same_in_sql_and_in_python(sqlite_url: str,
                                                         fmt: RowFormat) -> None:
    """Quotes, commas, line ends, unicode, blanks, long floats, aliases: same bytes."""
    store = Store.open(sqlite_url)
    with store.session() as session:
        session.add_all(odd_events())
    rendered, python = both_paths(store, fmt)
    assert rendered.count("\r\n") >= len(odd_events()) + 1
    assert rendered == python


# Values of another storage type than the column's, as another program could have written
# them (SQLite keeps text it cannot convert, and blobs): (column, SQL literal).
FOREIGN_VALUES = [
    ("fatalities", "'many'"), ("fatalities", "2.5"), ("geo_precision", "X'01'"),
    ("year", "2021.5"), ("data_id", "'12x'"),
    ("time_precision", "1e300"),
]


@pytest.mark.parametrize("fmt", FORMATS[:3], ids=lambda f: f"{f.layout}-{f.inter}")
def test_foreign_storage_types_render_the_same_in_sql_and_in_python(sqlite_url: str,
                                                                    fmt: RowFormat) -> None:
    """Text, reals and blobs in integer and real columns: SQL declines them, same bytes."""
    store = Store.open(sqlite_url)
    with store.session() as session:
        session.add_all([event(event_id_cnty=f"AFG{n}") for n in range(len(FOREIGN_VALUES))])
    with store.engine.begin() as connection:
        for n, (column, literal) in enumerate(FOREIGN_VALUES):
            connection.exec_driver_sql(f"UPDATE event SET {column} = {literal} "
                                       f"WHERE event_id_cnty = 'AFG{n}'")
    rendered, python = both_paths(store, fmt)
    assert rendered.count("\r\n") == len(FOREIGN_VALUES) + 1
    assert rendered == python


@pytest.mark.parametrize("name", ["acled-sample.csv", "acled-sample-2023.csv"])
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f"{f.layout}-{f.inter}")
def test_samples_render_the_same_in_sql_and_in_python(sqlite_url: str, name: str,
                                                      fmt: RowFormat) -> None:
    """Every row of the real samples, in every layout and inter style."""
    store = Store.open(sqlite_url)
    result = import_file(store, shared_file(name))
    rendered, python = both_paths(store, fmt)
    assert len(rendered.splitlines()) >= result.rows + 1
    assert rendered == python


def test_filters_select_the_same_rows_in_sql(sqlite_url: str) -> None:
    """Status, country and date filters mean the same in the SQL path."""
    store = Store.open(sqlite_url)
    with store.session() as session:
        session.add_all([event(event_id_cnty=f"AFG{n}", event_date=date(2021, 9, n),
                               country=("Afghanistan", "Pakistan")[n % 2],
                               status=("imported", "suggested")[n % 3 == 0])
                         for n in range(1, 20)])
    where = EventFilter(countries=("Pakistan",), since=date(2021, 9, 4),
                        until=date(2021, 9, 15))
    rendered, python = io.StringIO(newline=""), io.StringIO(newline="")
    write_acled(store.stream_events(where), rendered)
    write_acled(iter(list(store.stream_events(where))), python)
    assert rendered.getvalue() == python.getvalue()
    keys = [line.split(",")[0] for line in rendered.getvalue().splitlines()[1:]]
    assert keys == [f"AFG{n}" for n in range(5, 16, 2) if n % 3 != 0]
