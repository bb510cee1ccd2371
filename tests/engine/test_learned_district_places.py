"""What a store's reference events teach about districts (codebook §7): the place a team
codes a district's precision-2 events at, read back from the store into the gazetteer.

Every store test runs on SQLite and PostgreSQL (`db_url`); the events are made up.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coder.engine.knowledge import learned_district_places, load_knowledge
from coder.engine.places import find_places
from coder.store import Store, add_events, reference_district_places

AF = "Afghanistan"


def _event(status: str, location: str, admin2: str | None, precision: int,
           **values: Any) -> dict[str, Any]:
    return {"status": status, "event_date": date(2021, 5, 1), "event_type": "Battles",
            "sub_event_type": "Armed clash", "country": AF, "admin1": "Kabul",
            "admin2": admin2, "location": location, "latitude": 34.70, "longitude": 69.10,
            "geo_precision": precision, **values}


def _fill(store: Store) -> None:
    with store.session() as session:
        add_events(session, [
            _event("imported", "Qala Zarqun", "Zarqun Dara", 2),
            _event("imported", "Qala Zarqun", "Zarqun Dara", 2),
            _event("imported", "Deh Zarqun", "Zarqun Dara", 2, latitude=34.75),
            # At precision 1 a village is its own place, not the district's.
            _event("imported", "Deh Zarqun", "Zarqun Dara", 1, latitude=34.75),
            _event("imported", "Deh Zarqun", "Zarqun Dara", 1, latitude=34.75),
            # No admin2: no district to stand for.
            _event("imported", "Bagh Zarqun", None, 2),
        ], "imported", None)
        add_events(session, [
            _event("confirmed", "Qala Zarqun", "Zarqun Dara", 2),
            # A suggestion nobody confirmed and a rejected one teach nothing.
            _event("suggested", "Deh Zarqun", "Zarqun Dara", 2, latitude=34.75),
            _event("rejected", "Deh Zarqun", "Zarqun Dara", 2, latitude=34.75),
            _event("suggested", "Deh Zarqun", "Zarqun Dara", 2, latitude=34.75),
        ], "confirmed", "ana")


def test_reference_district_places_count_reference_events_at_precision_2(
        db_url: str) -> None:
    store = Store.open(db_url)
    _fill(store)
    rows = sorted(reference_district_places(store))
    assert rows == [("Deh Zarqun", AF, "Kabul", "Zarqun Dara", 1),
                    ("Qala Zarqun", AF, "Kabul", "Zarqun Dara", 3)]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([("Qala", AF, "Kabul", "Dara", 3), ("Deh", AF, "Kabul", "Dara", 1)],
                     {(AF, "dara"): ("Qala", "Kabul", "Dara")}, id="most-used"),
        pytest.param([("Deh", AF, "Kabul", "Dara", 1), ("Qala", AF, "Kabul", "Dara", 3)],
                     {(AF, "dara"): ("Qala", "Kabul", "Dara")}, id="order-aside"),
        pytest.param([("Qala", AF, "Kabul", "Dara", 2), ("Deh", AF, "Kabul", "Dara", 2)],
                     {}, id="a-tie-is-no-habit"),
        pytest.param([("Qala", AF, "Kabul", "Dara-i Sof", 1)],
                     {(AF, "dara i sof"): ("Qala", "Kabul", "Dara-i Sof")},
                     id="keyed-by-lookup-key"),
        pytest.param([("Qala", AF, "Kabul", "Dara", 1), ("Qala", "Pakistan", "Sindh", "Dara", 1)],
                     {(AF, "dara"): ("Qala", "Kabul", "Dara"),
                      ("Pakistan", "dara"): ("Qala", "Sindh", "Dara")}, id="per-country"),
    ],
)
def test_learned_district_places(
        rows: list[tuple[str, str, str | None, str, int]],
        expected: dict[tuple[str, str], tuple[str, str | None, str]]) -> None:
    assert learned_district_places(rows) == expected


def test_knowledge_codes_a_named_district_at_the_teams_place_for_it(
        db_url: str, shared_cache: Path) -> None:
    store = Store.open(db_url)
    _fill(store)
    sentence = "On 2 May, 1 soldier was killed by a sniper in Zarqun Dara district, Kabul."
    learned = load_knowledge(store, shared_cache)
    found = find_places(sentence, learned.gazetteer, AF)
    assert [(e.place.location, e.place.admin2, e.geo_precision) for e in found] == [
        ("Qala Zarqun", "Zarqun Dara", 2)]
    assert (found[0].place.latitude, found[0].place.longitude) == pytest.approx((34.70, 69.10))
    seeds = find_places(sentence, load_knowledge(None, shared_cache).gazetteer, AF)
    assert [e.place.location for e in seeds] == ["Zarqun Dara"]
