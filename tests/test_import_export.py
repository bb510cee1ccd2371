"""`coder import` / `coder export`: ACLED layouts, fidelity, round trips, errors, filters.

Expected values come from the input files (the real samples in ../shared/data, read at test
time, never copied here) or from the codebook and the country table.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import empty_store_url, shared_file
from sqlmodel import col, select

from coder import export
from coder.cli import cli
from coder.countries import load_countries
from coder.errors import InputError
from coder.importer import RowValidator
from coder.schema import codebook
from coder.schema.events import AcledEvent, parse_acled_date
from coder.schema.models import Event, EventHistory
from coder.store import Store

PRE2023 = "acled-sample.csv"
CURRENT = "acled-sample-2023.csv"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def ok(*args: str) -> Result:
    result = run(*args)
    assert result.exit_code == 0, (result.stderr, result.exception)
    return result


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def source_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def second_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """Another empty store on the same backend as `db_url` (for round trips)."""
    backend = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    yield from empty_store_url(backend, tmp_path / "second.db")


# --- fidelity: the three assertions of the issue, on SQLite and PostgreSQL --------------------


def assert_same_values(source: list[dict[str, str]], exported: list[dict[str, str]]) -> None:
    assert [r["event_id_cnty"] for r in exported] == [r["event_id_cnty"] for r in source]
    for want, got in zip(source, exported, strict=True):
        assert set(got) == set(want)
        for column, value in want.items():
            if column == "event_date":
                assert got[column] == parse_acled_date(value).isoformat(), want["event_id_cnty"]
            elif column in ("latitude", "longitude"):
                assert float(got[column]) == float(value), (want["event_id_cnty"], column)
            else:
                assert got[column] == value, (want["event_id_cnty"], column)


def test_pre2023_sample_comes_back_value_for_value(db_url: str) -> None:
    """Import the pre-2023 sample, export --layout pre2023: every row and value comes back.

    event_date is compared after ISO normalisation (the sample has spreadsheet dates like
    9-May-20). latitude/longitude are compared as numbers: export writes ACLED's 4 decimals
    (-106.8660) where the spreadsheet-saved sample trimmed zeros (-106.866). Every other
    column is compared as the exact string.
    """
    path = shared_file(PRE2023)
    ok("import", "--db", db_url, str(path))
    exported = ok("export", "--db", db_url, "--layout", "pre2023").stdout
    assert_same_values(source_rows(path), read_csv(exported))


def test_current_sample_comes_back_value_for_value(db_url: str) -> None:
    """Import the 2023+ sample, export in the current layout (labels): every value comes back.

    The sample already has ISO dates and 4-decimal coordinates; those two columns are still
    compared as numbers, as for the pre-2023 sample, everything else as exact strings.
    """
    path = shared_file(CURRENT)
    ok("import", "--db", db_url, str(path))
    exported = ok("export", "--db", db_url).stdout
    assert_same_values(source_rows(path), read_csv(exported))


@pytest.mark.parametrize(("fmt", "layout"), [
    ("acled", "current"), ("acled", "pre2023"), ("jsonl", "current"),
])
def test_export_import_export_is_byte_identical(db_url: str, second_url: str, tmp_path: Path,
                                                fmt: str, layout: str) -> None:
    """Our own output, imported into an empty store and exported again, gives the same bytes."""
    for name in (PRE2023, CURRENT):
        ok("import", "--db", db_url, str(shared_file(name)))
    first = tmp_path / f"first.{fmt}"
    ok("export", "--db", db_url, "--format", fmt, "--layout", layout, "-o", str(first))
    ok("import", "--db", second_url, "--format", fmt, str(first))
    again = ok("export", "--db", second_url, "--format", fmt, "--layout", layout).stdout_bytes
    assert again == first.read_bytes()
    assert len(again.splitlines()) == 1 + 2356 + 338 - (fmt == "jsonl")


# --- import: errors and the single transaction ---------------------------------------------


def test_bad_row_exits_2_names_file_line_column_and_keeps_nothing_of_the_file(
        db_url: str, tmp_path: Path) -> None:
    rows = source_rows(shared_file(PRE2023))
    header = list(rows[0])
    good = write_rows(tmp_path / "good.csv", header, rows[:5])
    bad_rows = [dict(r) for r in rows[5:10]]
    bad_rows[2]["event_date"] = "2020-13-45"  # third data row: line 4 (header is line 1)
    bad = write_rows(tmp_path / "bad.csv", header, bad_rows)
    ok("import", "--db", db_url, str(good))
    result = run("import", "--db", db_url, str(bad))
    assert result.exit_code == 2
    assert f"{bad}:4: event_date: " in result.stderr
    assert "2020-13-45" in result.stderr and "Traceback" not in result.output
    with Store.open(db_url).session() as session:
        keys = set(session.exec(select(Event.event_id_cnty)))
    assert keys == {r["event_id_cnty"] for r in rows[:5]}


@pytest.mark.parametrize(("column", "value", "field"), [
    pytest.param("sub_event_type", "Picnic", "sub_event_type", id="unknown-sub-event"),
    pytest.param("sub_event_type", "Attack", "sub_event_type", id="sub-event-of-another-type"),
    pytest.param("inter1", "Aliens", "inter1", id="bad-inter-label"),
    pytest.param("inter1", "9", "inter1", id="inter-out-of-range"),
    pytest.param("latitude", "95.0", "latitude", id="latitude-out-of-range"),
    pytest.param("fatalities", "-1", "fatalities", id="negative-fatalities"),
    pytest.param("fatalities", "many", "fatalities", id="fatalities-not-a-number"),
    pytest.param("year", "1999", "year", id="year-disagrees-with-date"),
    pytest.param("event_id_cnty", "", "event_id_cnty", id="no-key"),
    pytest.param("actor1", "", "actor1", id="no-actor1"),
])
def test_bad_cells_name_their_column(sqlite_url: str, tmp_path: Path, column: str, value: str,
                                     field: str) -> None:
    row = dict(next(r for r in source_rows(shared_file(PRE2023))
                    if r["event_type"] == "Battles"))
    row[column] = value
    path = write_rows(tmp_path / "one.csv", list(row), [row])
    result = run("import", "--db", sqlite_url, str(path))
    assert result.exit_code == 2
    assert f"{path}:2: {field}: " in result.stderr
    if field != "event_id_cnty":  # the import's key; the schema itself does not require it
        # The schema agrees that the row is bad (the importer's fast path cannot be laxer).
        # A blank CSV cell is a missing value (AcledEvent would take "" for a required str).
        with pytest.raises(ValueError):  # pydantic's ValidationError is a ValueError
            AcledEvent.model_validate({k: v for k, v in row.items() if v.strip()})


def test_missing_required_column_is_an_error_on_the_header(sqlite_url: str,
                                                           tmp_path: Path) -> None:
    rows = source_rows(shared_file(CURRENT))[:3]
    header = [c for c in rows[0] if c != "sub_event_type"]
    path = write_rows(tmp_path / "short.csv", header,
                      [{k: r[k] for k in header} for r in rows])
    result = run("import", "--db", sqlite_url, str(path))
    assert result.exit_code == 2
    assert f"{path}:1: sub_event_type: " in result.stderr


def test_unknown_columns_are_ignored_with_a_warning(sqlite_url: str, tmp_path: Path) -> None:
    rows = [{**r, "population_best": "12"} for r in source_rows(shared_file(CURRENT))[:4]]
    path = write_rows(tmp_path / "extra.csv", list(rows[0]), rows)
    result = ok("import", "--db", sqlite_url, str(path))
    assert "population_best" in result.stderr
    assert Store.open(sqlite_url).count(Event) == 4


def test_a_key_twice_in_one_file_is_an_error(sqlite_url: str, tmp_path: Path) -> None:
    rows = source_rows(shared_file(CURRENT))[:3]
    path = write_rows(tmp_path / "twice.csv", list(rows[0]), [*rows, rows[1]])
    result = run("import", "--db", sqlite_url, str(path))
    assert result.exit_code == 2
    assert f"{path}:5: event_id_cnty: " in result.stderr
    assert Store.open(sqlite_url).count(Event) == 0


@pytest.mark.parametrize("store_has_imports", [False, True])
def test_a_key_repeated_in_a_later_batch_is_found_too(sqlite_url: str, tmp_path: Path,
                                                       store_has_imports: bool) -> None:
    """More rows than one insert batch (2000), the repeat at the end: exit 2, nothing kept."""
    rows = source_rows(shared_file(PRE2023))
    if store_has_imports:
        ok("import", "--db", sqlite_url, str(shared_file(CURRENT)))
    before = Store.open(sqlite_url).count(Event)
    path = write_rows(tmp_path / "late.csv", list(rows[0]), [*rows, rows[3]])
    result = run("import", "--db", sqlite_url, str(path))
    assert result.exit_code == 2
    assert f"{path}:{len(rows) + 2}: event_id_cnty: " in result.stderr
    assert "line 5" in result.stderr  # the first occurrence: 4th data row
    assert Store.open(sqlite_url).count(Event) == before


def test_bad_jsonl_line_names_its_line(sqlite_url: str, tmp_path: Path) -> None:
    ok("import", "--db", sqlite_url, str(shared_file(CURRENT)))
    lines = ok("export", "--db", sqlite_url, "--format", "jsonl").stdout.splitlines()[:3]
    broken = json.loads(lines[1])
    broken["fatalities"] = -4
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([lines[0], json.dumps(broken), lines[2], "{not json"]) + "\n")
    result = run("import", "--db", sqlite_url, str(path))
    assert result.exit_code == 2 and f"{path}:2: fatalities: " in result.stderr
    path.write_text("\n".join([lines[0], "{not json"]) + "\n")
    result = run("import", "--db", sqlite_url, str(path))
    assert result.exit_code == 2 and f"{path}:2: json: " in result.stderr


# --- import: layouts, date forms, inter codes, revisions ------------------------------------


@pytest.mark.parametrize("form", ["%Y-%m-%d", "%d %B %Y", "{day}-%b-%y", "%d-%m-%y"])
def test_every_date_form_of_acled_exports_imports_as_the_same_day(
        sqlite_url: str, tmp_path: Path, form: str) -> None:
    rows = source_rows(shared_file(PRE2023))[:6]
    days = [parse_acled_date(r["event_date"]) for r in rows]
    for row, day in zip(rows, days, strict=True):
        row["event_date"] = day.strftime(form.replace("{day}", str(day.day)))
    path = write_rows(tmp_path / "dates.csv", list(rows[0]), rows)
    ok("import", "--db", sqlite_url, str(path))
    with Store.open(sqlite_url).session() as session:
        stored = list(session.exec(select(Event.event_date).order_by(Event.id)))
    assert stored == days


def test_inter_codes_as_labels_or_numbers_store_the_same(sqlite_url: str,
                                                          tmp_path: Path) -> None:
    rows = source_rows(shared_file(PRE2023))[:40]
    labelled = []
    for row in rows:
        inter1, inter2 = int(row["inter1"]), int(row["inter2"])
        labelled.append({**row, "event_id_cnty": row["event_id_cnty"] + "L",
                         "inter1": codebook.INTER_LABELS[inter1],
                         "inter2": codebook.INTER_LABELS.get(inter2, ""),
                         "interaction": codebook.interaction_label(int(row["interaction"]))})
    path = write_rows(tmp_path / "both.csv", list(rows[0]), [*rows, *labelled])
    ok("import", "--db", sqlite_url, str(path))
    with Store.open(sqlite_url).session() as session:
        stored = {e.event_id_cnty: (e.inter1, e.inter2, e.interaction)
                  for e in session.exec(select(Event))}
    for row in rows:
        inter2 = int(row["inter2"]) or None
        expected = (int(row["inter1"]), inter2, int(row["interaction"]))
        assert stored[row["event_id_cnty"]] == stored[row["event_id_cnty"] + "L"] == expected


def test_monadic_file_without_actor2_columns_imports(sqlite_url: str, tmp_path: Path) -> None:
    rows = source_rows(shared_file(CURRENT))[:30]
    header = [c for c in rows[0] if c not in ("actor2", "assoc_actor_2", "inter2")]
    path = write_rows(tmp_path / "monadic.csv", header, [{k: r[k] for k in header} for r in rows])
    ok("import", "--db", sqlite_url, str(path))
    exported = read_csv(ok("export", "--db", sqlite_url).stdout)
    assert [r["actor1"] for r in exported] == [r["actor1"] for r in rows]
    assert all(r["actor2"] == "" for r in exported)
    assert [r["interaction"] for r in exported] == [r["interaction"] for r in rows]


def test_reimport_updates_a_revised_row_and_records_the_change(db_url: str,
                                                                tmp_path: Path) -> None:
    rows = source_rows(shared_file(CURRENT))[:5]
    header = list(rows[0])
    ok("import", "--db", db_url, str(write_rows(tmp_path / "v1.csv", header, rows)))
    revised = [dict(r) for r in rows]
    revised[1]["fatalities"] = str(int(rows[1]["fatalities"]) + 3)
    result = ok("import", "--db", db_url, str(write_rows(tmp_path / "v2.csv", header, revised)))
    assert "1 revised" in result.stderr and "4 unchanged" in result.stderr
    key = rows[1]["event_id_cnty"]
    with Store.open(db_url).session() as session:
        events = list(session.exec(select(Event).where(Event.event_id_cnty == key)))
        assert [e.fatalities for e in events] == [int(revised[1]["fatalities"])]
        history = list(session.exec(select(EventHistory).where(
            EventHistory.event_id == events[0].id).order_by(EventHistory.id)))
    assert [h.action for h in history] == ["imported", "revised"]
    before, after = json.loads(history[1].before or ""), json.loads(history[1].after or "")
    assert (before["fatalities"], after["fatalities"]) == (
        int(rows[1]["fatalities"]), int(revised[1]["fatalities"]))
    assert Store.open(db_url).count(Event) == 5


# --- export: derivations, own events, inter styles, filters, streams --------------------------


def own_event(**values: Any) -> Event:
    base: dict[str, Any] = {
        "status": "confirmed", "event_date": date(2021, 9, 5),
        "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Taliban",
        "inter1": 1, "actor2": "NRF: National Resistance Front", "inter2": 2,
        "country": "Afghanistan", "admin1": "Panjshir", "location": "Rukha",
        "latitude": 35.3, "longitude": 69.5, "time_precision": 1, "geo_precision": 2,
        "fatalities": 12,
        "updated_at": datetime(2021, 9, 6, 12, 0, tzinfo=UTC),
    }
    return Event(**{**base, **values})


def test_export_derives_the_columns_the_codebook_defines() -> None:
    event = own_event(id=7)
    row = dict(zip(codebook.PRE2023_COLUMNS,
                   export.to_acled_row(event, export.RowFormat("pre2023")), strict=True))
    afghanistan = load_countries().by_name["Afghanistan"]
    assert row["year"] == "2021"
    assert row["interaction"] == str(codebook.interaction(1, 2))
    assert (row["iso"], row["iso3"], row["region"]) == (
        str(afghanistan.iso), afghanistan.iso3, afghanistan.region)
    assert row["event_id_cnty"] == export.own_event_id(7, afghanistan.iso3)
    assert row["timestamp"] == str(int(datetime(2021, 9, 6, 12, tzinfo=UTC).timestamp()))
    assert row["admin2"] == row["data_id"] == ""
    current = dict(zip(codebook.CURRENT_COLUMNS, export.to_acled_row(event), strict=True))
    assert current["disorder_type"] == codebook.disorder_type_of("Armed clash")


def test_own_event_ids_cannot_look_like_acled_ids() -> None:
    made = export.own_event_id(45123, "AFG")
    assert made != "AFG45123" and not made.isalnum()


@pytest.mark.parametrize(("inter1", "inter2", "actor2", "style", "expected"), [
    pytest.param(1, 2, "X", "numeric", ("1", "2", "12"), id="numeric-two-sided"),
    pytest.param(6, None, None, "numeric", ("6", "0", "60"), id="numeric-one-sided-0"),
    pytest.param(2, 1, "X", "label",
                 ("Rebel group", "State forces", "State forces-Rebel group"), id="labels"),
    pytest.param(6, None, None, "label", ("Protesters", "", "Protesters only"),
                 id="label-one-sided-blank"),
])
def test_inter_codes_are_written_as_acled_writes_them(
        inter1: int, inter2: int | None, actor2: str | None, style: export.InterStyle,
        expected: tuple[str, str, str]) -> None:
    event = own_event(id=1, inter1=inter1, inter2=inter2, actor2=actor2,
                      event_type="Protests", sub_event_type="Peaceful protest")
    fmt = export.RowFormat("current", style)
    row = dict(zip(fmt.columns, export.to_acled_row(event, fmt), strict=True))
    assert (row["inter1"], row["inter2"], row["interaction"]) == expected


def test_inter_option_overrides_the_layout_style(sqlite_url: str) -> None:
    path = shared_file(PRE2023)
    ok("import", "--db", sqlite_url, str(path))
    labels = read_csv(ok("export", "--db", sqlite_url, "--layout", "pre2023",
                         "--inter", "label").stdout)
    numbers = read_csv(ok("export", "--db", sqlite_url, "--inter", "numeric").stdout)
    for source, label, number in zip(source_rows(path), labels, numbers, strict=True):
        assert codebook.parse_inter(label["inter1"]) == int(source["inter1"])
        assert codebook.parse_interaction(label["interaction"]) == int(source["interaction"])
        assert number["interaction"] == source["interaction"]


@pytest.mark.parametrize(("value", "text"), [
    (28.4063, "28.4063"), (45.798, "45.7980"), (-106.866, "-106.8660"), (2.0, "2.0000"),
    (1.234567, "1.234567"),
])
def test_coordinates_keep_four_decimals_and_never_lose_digits(value: float, text: str) -> None:
    assert export.format_coordinate(value) == text
    assert float(export.format_coordinate(value)) == value


def add_events(url: str, *events: Event) -> None:
    with Store.open(url).session() as session:
        session.add_all(events)


def test_default_statuses_and_status_all(db_url: str) -> None:
    add_events(db_url, own_event(status="confirmed"), own_event(status="suggested"),
               own_event(status="rejected"), own_event(status="adjudicated"))
    default = read_csv(ok("export", "--db", db_url).stdout)
    every = read_csv(ok("export", "--db", db_url, "--status", "all").stdout)
    picked = read_csv(ok("export", "--db", db_url, "--status", "suggested,rejected").stdout)
    assert len(default) == 2 and len(every) == 4 and len(picked) == 2
    assert run("export", "--db", db_url, "--status", "maybe").exit_code == 2
    # Our own events get a stable id and their updated_at as timestamp, on either backend.
    with Store.open(db_url).session() as session:
        ids = list(session.exec(select(Event.id).where(
            col(Event.status).in_(("confirmed", "adjudicated"))).order_by(col(Event.id))))
    iso3 = load_countries().by_name["Afghanistan"].iso3
    assert [r["event_id_cnty"] for r in default] == [export.own_event_id(i, iso3) for i in ids]
    assert {r["timestamp"] for r in default} == {
        str(int(datetime(2021, 9, 6, 12, tzinfo=UTC).timestamp()))}


def test_country_and_date_filters(sqlite_url: str) -> None:
    path = shared_file(PRE2023)
    ok("import", "--db", sqlite_url, str(path))
    rows = source_rows(path)
    days = sorted({parse_acled_date(r["event_date"]) for r in rows})
    since, until = days[1], days[-2]
    got = read_csv(ok("export", "--db", sqlite_url, "--country", "Afghanistan,Yemen",
                      "--country", "Mexico", "--since", since.isoformat(),
                      "--until", until.isoformat()).stdout)
    expected = [r["event_id_cnty"] for r in rows
                if r["country"] in ("Afghanistan", "Yemen", "Mexico")
                and since <= parse_acled_date(r["event_date"]) <= until]
    assert [r["event_id_cnty"] for r in got] == expected and expected


def test_bad_since_date_exits_2(sqlite_url: str) -> None:
    result = run("export", "--db", sqlite_url, "--since", "2021-02-30")
    assert result.exit_code == 2 and "--since" in result.stderr
    assert result.stdout == ""


def test_jsonl_has_acled_names_nulls_and_status(sqlite_url: str) -> None:
    path = shared_file(CURRENT)
    ok("import", "--db", sqlite_url, str(path))
    lines = ok("export", "--db", sqlite_url, "--format", "jsonl").stdout.splitlines()
    first, source = json.loads(lines[0]), source_rows(path)[0]
    assert list(first) == [*codebook.CURRENT_COLUMNS, "status"]
    assert first["status"] == "imported"
    assert first["event_id_cnty"] == source["event_id_cnty"]
    assert first["admin3"] is None and source["admin3"] == ""
    assert first["inter1"] == codebook.parse_inter(source["inter1"])


def test_csv_is_rfc4180_with_crlf_and_utf8(sqlite_url: str, tmp_path: Path) -> None:
    ok("import", "--db", sqlite_url, str(shared_file(PRE2023)))
    out = tmp_path / "out.csv"
    ok("export", "--db", sqlite_url, "-o", str(out))
    data = out.read_bytes()
    assert data.count(b"\r\n") >= 2357 and data.decode("utf-8")
    assert data.split(b"\r\n")[0].decode() == ",".join(codebook.CURRENT_COLUMNS)


@pytest.mark.slow
def test_export_into_a_closed_pipe_is_quiet(sqlite_url: str) -> None:
    ok("import", "--db", sqlite_url, str(shared_file(PRE2023)))
    done = subprocess.run(
        f"'{sys.executable}' -m coder export --db '{sqlite_url}' | head -n 2",
        shell=True, capture_output=True, text=True, check=True)
    assert len(done.stdout.splitlines()) == 2
    assert "Traceback" not in done.stderr and "Error" not in done.stderr


# --- the validator itself ---------------------------------------------------------------------


def test_validator_agrees_with_the_schema_on_every_sample_row() -> None:
    """The cached fast path gives what AcledEvent gives, for every real row."""
    for name in (PRE2023, CURRENT):
        validator = RowValidator()
        for line, row in enumerate(source_rows(shared_file(name)), start=2):
            fast = validator.validate(row, name, line)
            full = AcledEvent.model_validate(row)
            assert {k: v for k, v in fast.items() if v is not None} == {
                k: getattr(full, k) for k in fast if getattr(full, k) is not None}


def test_validator_error_carries_path_and_line() -> None:
    with pytest.raises(InputError) as caught:
        RowValidator().validate({"event_id_cnty": "X1", "event_date": "soon"}, "f.csv", 9)
    assert (caught.value.path, caught.value.line, caught.value.field) == (
        "f.csv", 9, "event_date")
