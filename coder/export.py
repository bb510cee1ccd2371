"""Event -> ACLED row for each layout (pure mapping), and the streaming CSV / JSONL writers.

The mapping reads an event by column name, so it takes a stored `Event` or a row streamed by
`Store.stream_events` alike. Columns a layout has and an event lacks are derived where the
codebook defines them (year, event_type, disorder_type, interaction; iso, iso3 and region from
the country table) and left blank otherwise (codebook §2, §4, §5).

Events we code ourselves have no ACLED `event_id_cnty`; export gives them `own_event_id`
(e.g. `AFG-C42`: the hyphen cannot occur in ACLED's letters-then-digits ids, and the event's
own id keeps it stable across exports) and their `updated_at` as Unix `timestamp`. A caller
that wants to freeze the id at confirmation time stores `own_event_id(...)` in the event.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import chain, repeat
from operator import itemgetter
from typing import Any, Final, Literal, TextIO

from sqlalchemy import Row
from sqlmodel import SQLModel

from coder.countries import Countries, load_countries
from coder.schema import codebook, models  # noqa: F401 (models: the event table's metadata)
from coder.store import EXPORT_META, EventStream, LookupTable, events_by_id, stream_lines

Layout = Literal["current", "pre2023"]
InterStyle = Literal["numeric", "label"]

# ACLED writes numbers in the pre-2023 layout and text labels since 2023 [§1].
DEFAULT_INTER: Final[Mapping[str, InterStyle]] = {"current": "label", "pre2023": "numeric"}
_INTER_COLUMNS: Final = frozenset({"inter1", "inter2", "interaction"})
_FLOAT_COLUMNS: Final = frozenset({"latitude", "longitude"})


def own_event_id(event_id: int, iso3: str | None) -> str:
    """The export id of an event we coded: ISO3 letters, '-C', our id (XXX without a country)."""
    return f"{iso3 or 'XXX'}-C{event_id}"


def format_coordinate(value: float) -> str:
    """A latitude/longitude with ACLED's 4 decimals, or every digit when 4 would lose some."""
    text = f"{value:.4f}"
    return text if float(text) == value else repr(value)


def _unix(moment: datetime | str) -> int:
    # Streamed rows carry updated_at as text (cheaper than a datetime per row). SQLite gives
    # naive UTC text; the store writes UTC, so naive means UTC.
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


# Where each column sits in a streamed row (Store.stream_events) and in `_values_of`.
STREAM_COLUMNS: Final = (*EXPORT_META, *codebook.ALL_COLUMNS)
_AT: Final = {name: i for i, name in enumerate(STREAM_COLUMNS)}
_ID, _STATUS, _UPDATED = _AT["id"], _AT["status"], _AT["updated_at"]
_DATE, _YEAR = _AT["event_date"], _AT["year"]
_EVENT_TYPE, _SUB, _DISORDER = _AT["event_type"], _AT["sub_event_type"], _AT["disorder_type"]
_INTER1, _INTER2, _INTERACTION = _AT["inter1"], _AT["inter2"], _AT["interaction"]
_ACTOR2, _COUNTRY = _AT["actor2"], _AT["country"]
_ISO, _ISO3, _REGION = _AT["iso"], _AT["iso3"], _AT["region"]
_KEY, _TIMESTAMP = _AT["event_id_cnty"], _AT["timestamp"]


def _values_of(event: Any) -> list[Any]:
    # A streamed row already is a sequence in STREAM_COLUMNS order; an Event is read by name.
    if isinstance(event, Row | tuple | list):
        return list(event)
    return [getattr(event, name, None) for name in STREAM_COLUMNS]


def _complete(values: list[Any], countries: Countries) -> list[Any]:
    """Fill, in place, the blanks the codebook or the country table derives [§2, §4, §5]."""
    when = values[_DATE]
    if isinstance(when, date):
        when = values[_DATE] = when.isoformat()
    if values[_YEAR] is None and when is not None:
        values[_YEAR] = int(when[:4])
    if values[_DISORDER] is None or values[_EVENT_TYPE] is None:
        sub = codebook.SUB_EVENT_TYPES.get(values[_SUB] or "")
        if sub is not None:
            values[_EVENT_TYPE] = values[_EVENT_TYPE] or sub.event_type
            values[_DISORDER] = values[_DISORDER] or sub.disorder_type
    if values[_INTERACTION] is None and values[_INTER1] is not None:
        values[_INTERACTION] = codebook.interaction(values[_INTER1], values[_INTER2])
    if values[_ISO] is None or values[_REGION] is None or values[_ISO3] is None:
        country = countries.find(values[_COUNTRY])
        if country is not None:
            values[_ISO] = country.iso if values[_ISO] is None else values[_ISO]
            values[_REGION] = values[_REGION] or country.region
            values[_ISO3] = values[_ISO3] or country.iso3
    if values[_STATUS] not in (None, "imported"):
        # Our own events: an id and a timestamp ACLED would have given them.
        if values[_KEY] is None and values[_ID] is not None:
            values[_KEY] = own_event_id(values[_ID], values[_ISO3])
        if values[_TIMESTAMP] is None and values[_UPDATED] is not None:
            values[_TIMESTAMP] = _unix(values[_UPDATED])
    return values


def acled_values(event: Any, countries: Countries | None = None) -> dict[str, Any]:
    """Every ACLED column of `event` as typed values, with derivable blanks filled.

    `event` is an `Event` or a row of `Store.stream_events`; event_date comes back as ISO
    text. Values stay None where nothing derives them.
    """
    values = _complete(_values_of(event), countries or load_countries())
    return {name: values[_AT[name]] for name in codebook.ALL_COLUMNS}


def _inter_text(code: int | None, column: str, values: Sequence[Any], style: InterStyle) -> str:
    if column == "interaction":
        if code is None:
            return ""
        return str(code) if style == "numeric" else codebook.interaction_label(code)
    if code is None:
        # Old numeric exports write 0 for "no second actor"; current ones leave it blank [§5].
        no_actor2 = column == "inter2" and values[_INTER1] is not None and not values[_ACTOR2]
        return "0" if no_actor2 and style == "numeric" else ""
    return str(code) if style == "numeric" else codebook.INTER_LABELS[code]


@dataclass(frozen=True, slots=True)
class RowFormat:
    """How export writes rows: the layout's columns in order and the inter-code style."""

    layout: Layout = "current"
    inter: InterStyle | None = None  # None: the layout's own style (DEFAULT_INTER)

    @property
    def columns(self) -> tuple[str, ...]:
        """The layout's ACLED columns, in ACLED's order."""
        return codebook.LAYOUTS[self.layout]

    @property
    def inter_style(self) -> InterStyle:
        """Numbers or labels for inter1/inter2/interaction."""
        return self.inter or DEFAULT_INTER[self.layout]


def _picker(fmt: RowFormat) -> Callable[[list[Any]], tuple[Any, ...]]:
    # The layout's columns, in order, out of a row (itemgetter: one C call per row).
    return itemgetter(*(_AT[c] for c in fmt.columns))


_LAT, _LON = _AT["latitude"], _AT["longitude"]


def _cells(values: list[Any], pick: Callable[[list[Any]], tuple[Any, ...]],
           style: InterStyle) -> tuple[Any, ...]:
    # In place: inter codes and coordinates become their text; the rest stays typed, as csv
    # writes None as "" and numbers with str() itself (the cheapest way per row).
    inter1, inter2, pair = values[_INTER1], values[_INTER2], values[_INTERACTION]
    values[_INTER2] = _inter_text(inter2, "inter2", values, style)
    values[_INTER1] = _inter_text(inter1, "inter1", values, style)
    values[_INTERACTION] = _inter_text(pair, "interaction", values, style)
    for at in (_LAT, _LON):
        if values[at] is not None:
            values[at] = format_coordinate(values[at])
    return pick(values)


def to_acled_row(event: Any, fmt: RowFormat = RowFormat(),
                 countries: Countries | None = None) -> list[str]:
    """The CSV cells of one event in the layout's column order (blank for missing values).

    `event` is an `Event` or a row of `Store.stream_events`.
    """
    values = _complete(_values_of(event), countries or load_countries())
    return ["" if cell is None else str(cell)
            for cell in _cells(values, _picker(fmt), fmt.inter_style)]


def to_json_object(event: Any, fmt: RowFormat = RowFormat(),
                   countries: Countries | None = None) -> dict[str, Any]:
    """One JSONL object: the layout's columns (null for blanks, numbers as numbers) + status.

    Inter codes are numbers unless `fmt.inter` is "label" (JSON keeps types, so the
    layout's default style does not apply here).
    """
    values = _complete(_values_of(event), countries or load_countries())
    style: InterStyle = fmt.inter or "numeric"
    found: dict[str, Any] = {}
    for column in fmt.columns:
        value = values[_AT[column]]
        if column in _INTER_COLUMNS and style == "label":
            value = _inter_text(value, column, values, style) or None
        found[column] = value
    found["status"] = values[_STATUS]
    return found


def write_acled(events: Iterable[Any], out: TextIO, fmt: RowFormat = RowFormat(),
                progress: Callable[[int], None] | None = None) -> int:
    """Write a header and one RFC 4180 row per event to `out`; the number of rows.

    `out` must be opened with newline="" (csv writes CRLF itself). Rows are written as they
    come, in chunks, so memory does not grow with the number of events. A fresh
    `Store.stream_events` of a SQLite store is rendered by SQLite itself (`render_sql`),
    with the same bytes.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fmt.columns)
    if isinstance(events, EventStream) and not events.started \
            and events.store.engine.dialect.name == "sqlite":
        return _write_rendered(events, out, fmt, progress)
    countries, pick, style = load_countries(), _picker(fmt), fmt.inter_style
    return _chunked(events, lambda e: _cells(_complete(_values_of(e), countries), pick, style),
                    writer.writerows, progress)


def _write_rendered(events: EventStream, out: TextIO, fmt: RowFormat,
                    progress: Callable[[int], None] | None) -> int:
    # SQLite computes each row's cells (derivations, labels, coordinates) as three strings:
    # the cells before the notes joined by commas, the notes already quoted, the cells after
    # them. A chunk whose cells outside the notes hold nothing csv would quote (the usual
    # case) becomes CSV text in a few C-speed string operations (_csv_text); any other goes
    # row by row (_csv_rows).
    rendered = render_sql(fmt, load_countries())
    commas = len(fmt.columns) - 3  # inside the cells before and after the notes
    count = 0
    for chunk in stream_lines(events.store, events.where, rendered.cells, rendered.lookups):
        text = _csv_text(chunk, commas)
        out.write(text if text is not None else _csv_rows(chunk, commas, events, fmt))
        count += len(chunk)
        if progress is not None:
            progress(len(chunk))
    return count


def _csv_text(chunk: Sequence[tuple[Any, ...]], commas: int) -> str | None:
    """The CSV text of a chunk of (id, before, notes, after), or None for a closer look.

    Exact by counting: SQL writes `commas` commas per row outside the notes and a cell can
    only add some, so the total matches only when no cell holds one.
    """
    _ids, befores, notes, afters = zip(*chunk, strict=True)
    if None in befores:  # a row SQL declined
        return None
    outside = "".join(chain(befores, afters))
    if '"' in outside or "\n" in outside or "\r" in outside \
            or outside.count(",") != commas * len(chunk):
        return None
    return "".join(chain.from_iterable(
        zip(befores, repeat(","), notes, repeat(","), afters, repeat("\r\n"))))


def _csv_rows(chunk: Sequence[tuple[Any, ...]], commas: int, events: EventStream,
              fmt: RowFormat) -> str:
    # Row by row, each a chunk of one for _csv_text: a row SQLite declined (NULL), or whose
    # cells outside the notes csv would quote (a comma, a quote, a line end: rare in ACLED
    # data), is written by the Python mapping, fetched by id, so both paths always agree on
    # every byte.
    parts: list[str] = []
    declined = []
    for row in chunk:
        text = _csv_text((row,), commas)
        if text is None:
            declined.append(len(parts))
            parts.append(str(row[0]))
        else:
            parts.append(text)
    if declined:
        ids = [int(parts[at]) for at in declined]
        for at, text in zip(declined, _python_lines(events, ids, fmt), strict=True):
            parts[at] = text
    return "".join(parts)


class _Appender:
    """A file-like target for csv.writer that collects each written row in a list."""

    def __init__(self, parts: list[str]) -> None:
        self.write = parts.append


def _python_lines(events: EventStream, ids: list[int], fmt: RowFormat) -> list[str]:
    countries, pick, style = load_countries(), _picker(fmt), fmt.inter_style
    lines: list[str] = []
    writer = csv.writer(_Appender(lines), lineterminator="\r\n")
    for row in events_by_id(events.store, ids):
        writer.writerow(_cells(_complete(_values_of(row), countries), pick, style))
    return lines


def write_jsonl(events: Iterable[Any], out: TextIO, fmt: RowFormat = RowFormat(),
                progress: Callable[[int], None] | None = None) -> int:
    """Write one JSON object per event and line to `out`; the number of rows."""
    countries = load_countries()

    def line(event: Any) -> str:
        obj = to_json_object(event, fmt, countries)
        return json.dumps(obj, ensure_ascii=False, separators=(", ", ": ")) + "\n"

    return _chunked(events, line, out.writelines, progress)


def _chunked(events: Iterable[Any], convert: Callable[[Any], Any],
             write: Callable[[list[Any]], Any],
             progress: Callable[[int], None] | None, size: int = 1000) -> int:
    count = 0
    chunk: list[Any] = []
    for event in events:
        chunk.append(convert(event))
        if len(chunk) >= size:
            write(chunk)
            count += len(chunk)
            if progress is not None:
                progress(len(chunk))
            chunk = []
    write(chunk)
    count += len(chunk)
    if progress is not None and chunk:
        progress(len(chunk))
    return count


# --- the same mapping, as one SQL expression per event (SQLite) --------------------------------

# Stored as text by SQLite whatever their Python type (dates and times as ISO text).
_TEXT_COLUMNS: Final = frozenset({"event_date", "updated_at", "status"})
@dataclass(frozen=True, slots=True)
class RenderedSql:
    """A row as three SQL expressions (cells before the notes, the notes, cells after them).

    The cells are as csv would write them, joined by commas; the notes cell is already
    quoted. `before` is NULL for a row SQL cannot render exactly like `to_acled_row` (a value
    of an unexpected storage type, a coordinate needing more than 4 decimals, a country
    known only by an alias, an inter code without a label...); the caller formats such rows
    in Python, and those whose cells outside the notes need quoting too.
    """

    cells: tuple[str, str, str]
    lookups: tuple[LookupTable, ...]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quoted(value: str) -> str:
    # Python's csv writer (QUOTE_MINIMAL, CRLF) quotes a cell holding a comma, a quote or a
    # line end, doubling the quotes inside. NULL stays NULL (printf's %s prints it blank).
    special = (f"instr({value}, ',') OR instr({value}, '\"') OR instr({value}, char(13)) "
               f"OR instr({value}, char(10))")
    return (f"CASE WHEN {special} THEN '\"' || replace({value}, '\"', '\"\"') || '\"' "
            f"ELSE {value} END")


def _sql_cases(value: str, table: Mapping[int, str]) -> str:
    whens = " ".join(f"WHEN {code} THEN {_literal(text)}" for code, text in table.items())
    return f"CASE {value} {whens} END"


def _interaction_labels() -> dict[int, str]:
    labels = {}
    for code in range(10, 90):
        try:
            labels[code] = codebook.interaction_label(code)
        except ValueError:
            continue
    return labels


_PAIR: Final = ("coalesce(e.interaction, CASE WHEN e.inter1 IS NOT NULL THEN CASE WHEN "
                "coalesce(e.inter2, 0) = 0 THEN e.inter1 * 10 ELSE min(e.inter1, e.inter2) * 10 "
                "+ max(e.inter1, e.inter2) END END)")


def _inter_cells(style: InterStyle) -> tuple[dict[str, str], list[str]]:
    # _complete + _inter_text: interaction derived from inter1/inter2 when blank [§5];
    # inter2 "0" for "no second actor" in numeric exports only. Also the conditions under
    # which SQL has the label (Python raises for a code without one: so does its path).
    if style == "numeric":
        return {"inter1": "e.inter1", "interaction": _PAIR,
                "inter2": "coalesce(e.inter2, CASE WHEN e.inter1 IS NOT NULL AND "
                          "coalesce(e.actor2, '') = '' THEN '0' END)"}, []
    labels, pairs = dict(codebook.INTER_LABELS), _interaction_labels()
    # The inter codes with a label are one run of integers (the columns are checked to hold
    # integers): a range test instead of an IN list's lookup per row.
    low, high = min(labels), max(labels)
    assert sorted(labels) == list(range(low, high + 1)), "inter labels are not one range"
    return {"inter1": _sql_cases("e.inter1", labels), "inter2": _sql_cases("e.inter2", labels),
            "interaction": _sql_cases(_PAIR, pairs)}, [
        f"(e.inter1 IS NULL OR e.inter1 BETWEEN {low} AND {high})",
        f"(e.inter2 IS NULL OR e.inter2 BETWEEN {low} AND {high})",
        f"({_PAIR} IS NULL OR {_PAIR} IN ({', '.join(map(str, pairs))}))",
    ]


_NEED_SUB: Final = "(e.disorder_type IS NULL OR e.event_type IS NULL) AND s.name IS NOT NULL"
_NEED_COUNTRY: Final = "(e.iso IS NULL OR e.region IS NULL OR e.iso3 IS NULL)"
_OWN: Final = "e.status IS NOT NULL AND e.status <> 'imported'"
_ISO3_SQL: Final = (f"CASE WHEN {_NEED_COUNTRY} AND c.name IS NOT NULL THEN "
                "coalesce(nullif(e.iso3, ''), c.iso3) ELSE e.iso3 END")
_YEAR_FROM_DATE: Final = "e.event_date GLOB '[1-9][0-9][0-9][0-9]-*'"
# _unix: naive UTC text; strftime('%s') truncates as int() does, after 1970.
_UNIX: Final = "CAST(strftime('%s', e.updated_at) AS INTEGER)"
_NEED_UNIX: Final = f"{_OWN} AND e.timestamp IS NULL AND e.updated_at IS NOT NULL"


def _derived_values() -> dict[str, str]:
    # _complete's rules over e (the event), s (its sub-event type), c (its country), as SQL
    # values; Python's `x or y` (blank or None) is coalesce(nullif(x, ''), y).
    country = f"{_NEED_COUNTRY} AND c.name IS NOT NULL"
    return {
        "year": f"coalesce(e.year, CASE WHEN {_YEAR_FROM_DATE} "
                "THEN substr(e.event_date, 1, 4) END)",
        "event_type": f"CASE WHEN {_NEED_SUB} THEN coalesce(nullif(e.event_type, ''), "
                      "s.event_type) ELSE e.event_type END",
        "disorder_type": f"CASE WHEN {_NEED_SUB} THEN coalesce(nullif(e.disorder_type, ''), "
                         "s.disorder_type) ELSE e.disorder_type END",
        "iso": f"CASE WHEN {country} THEN coalesce(e.iso, c.iso) ELSE e.iso END",
        "region": f"CASE WHEN {country} THEN coalesce(nullif(e.region, ''), c.region) "
                  "ELSE e.region END",
        "iso3": _ISO3_SQL,
        "event_id_cnty": f"CASE WHEN {_OWN} AND e.event_id_cnty IS NULL THEN "
                         f"coalesce(nullif({_ISO3_SQL}, ''), 'XXX') || '-C' || e.id "
                         "ELSE e.event_id_cnty END",
        "timestamp": f"CASE WHEN {_NEED_UNIX} THEN {_UNIX} ELSE e.timestamp END",
    }


def _coordinate(value: str) -> tuple[str, str]:
    # format_coordinate: 4 decimals unless they lose digits. When SQLite's 4-decimal text
    # reads back as the same double, Python's text is that one too (the value is then the
    # double nearest a 4-decimal number, far from any rounding tie); else Python renders.
    # The check needs no second printf: k / 10000.0 is the double nearest the decimal k/10^4
    # (IEEE division is correctly rounded), so it equals the value exactly when 4 decimals
    # lose nothing, which is when the text reads back as the same double. round() without
    # digits takes SQLite's arithmetic path, not its printf.
    four = f"printf('%.4f', {value})"
    return (f"CASE WHEN {value} IS NOT NULL THEN {four} END",
            f"({value} IS NULL OR (abs({value}) <= 1e6 AND "
            f"round({value} * 10000) / 10000.0 = {value}))")


def _renderable(fmt: RowFormat) -> list[str]:
    # Rows the SQL cannot render like Python: values of another storage type than the
    # column's (Python would str() them), a country found only by alias or case, a year
    # or timestamp Python would derive differently.
    checks = []
    for name in (*EXPORT_META, *codebook.ALL_COLUMNS):
        kind = "text" if name in _TEXT_COLUMNS else _kind_of(name)
        # Text columns are left out (a check per cell costs more than the cell): SQLite turns
        # any number bound to them into text, and coder never binds bytes. Coordinates are
        # checked by _coordinate, which declines text and blobs too. An integer column holds
        # an integer or NULL exactly when the value IS its own CAST (a real loses its
        # fraction, text and blobs compare unequal to numbers): opcodes, not typeof() calls.
        if name != "id" and kind == "integer":
            checks.append(f"e.{name} IS CAST(e.{name} AS INTEGER)")
    checks += [
        f"NOT ({_NEED_COUNTRY} AND c.name IS NULL AND coalesce(e.country, '') <> '')",
        f"(e.year IS NOT NULL OR e.event_date IS NULL OR {_YEAR_FROM_DATE})",
        f"NOT ({_NEED_UNIX} AND (e.updated_at < '1970' OR {_UNIX} IS NULL))",
    ]
    checks += _inter_cells(fmt.inter_style)[1]
    return checks


def _kind_of(name: str) -> str:
    python = SQLModel.metadata.tables["event"].c[name].type.python_type
    return "integer" if python is int else "real" if python is float else "text"


def render_sql(fmt: RowFormat, countries: Countries) -> RenderedSql:
    """The SQLite expressions of `fmt`'s row: its cells as csv would get them (RenderedSql).

    One printf builds each side of the notes (no intermediate strings); NULL cells print
    blank. Quoting the cells outside the notes is left to the caller (`_write_rendered`).
    """
    values = _derived_values()
    inter = _inter_cells(fmt.inter_style)[0]
    checks = _renderable(fmt)
    sides: tuple[list[str], list[str]] = ([], [])  # the cells before and after the notes
    notes, side = "''", sides[0]
    for name in fmt.columns:
        value = inter.get(name) or values.get(name, f"e.{name}")
        if name in _FLOAT_COLUMNS:
            value, check = _coordinate(value)
            checks.append(check)
        if name == "notes":
            notes, side = f"coalesce({_quoted(value)}, '')", sides[1]
        else:
            side.append(value)
    before, after = (f"printf({_literal(','.join(['%s'] * len(side)))}, {', '.join(side)})"
                     for side in sides)
    subs = LookupTable("s", ("name", "event_type", "disorder_type"), tuple(
        (sub.name, sub.event_type, sub.disorder_type)
        for sub in codebook.SUB_EVENT_TYPES.values()), "sub_event_type")
    table = LookupTable("c", ("name", "iso", "iso3", "region"), tuple(
        (c.country, c.iso, c.iso3, c.region) for c in countries.by_name.values()), "country")
    return RenderedSql((f"CASE WHEN {' AND '.join(checks)} THEN {before} END", notes, after),
                       (subs, table))
