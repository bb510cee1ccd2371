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
from operator import itemgetter
from typing import Any, Final, Literal, TextIO

from sqlalchemy import Row

from coder.countries import Countries, load_countries
from coder.schema import codebook
from coder.store import EXPORT_META

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
    come, in chunks, so memory does not grow with the number of events.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fmt.columns)
    countries, pick, style = load_countries(), _picker(fmt), fmt.inter_style
    return _chunked(events, lambda e: _cells(_complete(_values_of(e), countries), pick, style),
                    writer.writerows, progress)


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
