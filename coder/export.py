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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final, Literal, TextIO

from coder.countries import Countries, load_countries
from coder.schema import codebook

Layout = Literal["current", "pre2023"]
InterStyle = Literal["numeric", "label"]

# ACLED writes numbers in the pre-2023 layout and text labels since 2023 [§1].
DEFAULT_INTER: Final[Mapping[str, InterStyle]] = {"current": "label", "pre2023": "numeric"}
_INTER_COLUMNS: Final = frozenset({"inter1", "inter2", "interaction"})
_FLOAT_COLUMNS: Final = frozenset({"latitude", "longitude"})
# ACLED's interaction table lists 78 as "External/Other forces-Civilians", the one label not
# in code order (ACLED codebook, interaction table; acledR's code list; the 2023 sample).
# TODO(lead): belongs in codebook.interaction_label; remove here once it is there.
_LABEL_EXCEPTIONS: Final[Mapping[int, str]] = {78: "External/Other forces-Civilians"}


def interaction_text(code: int) -> str:
    """The text form ACLED writes for an interaction code."""
    return _LABEL_EXCEPTIONS.get(code) or codebook.interaction_label(code)


def own_event_id(event_id: int, iso3: str | None) -> str:
    """The export id of an event we coded: ISO3 letters, '-C', our id (XXX without a country)."""
    return f"{iso3 or 'XXX'}-C{event_id}"


def format_coordinate(value: float) -> str:
    """A latitude/longitude with ACLED's 4 decimals, or every digit when 4 would lose some."""
    text = f"{value:.4f}"
    return text if float(text) == value else repr(value)


def _unix(moment: datetime) -> int:
    # SQLite hands back naive datetimes; the store writes UTC, so naive means UTC.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def acled_values(event: Any, countries: Countries | None = None) -> dict[str, Any]:
    """Every ACLED column of `event` as typed values, with derivable blanks filled.

    `event` is an `Event` or a row with the same column names (`Store.stream_events`);
    `event_date` may be a date or its ISO text. Values stay None where nothing derives them.
    """
    values = {column: getattr(event, column) for column in codebook.ALL_COLUMNS}
    when = values["event_date"]
    if isinstance(when, date):
        values["event_date"] = when.isoformat()
    if values["year"] is None and when is not None:
        values["year"] = when.year if isinstance(when, date) else int(str(when)[:4])
    sub = codebook.SUB_EVENT_TYPES.get(values["sub_event_type"] or "")
    if sub is not None:
        values["event_type"] = values["event_type"] or sub.event_type
        values["disorder_type"] = values["disorder_type"] or sub.disorder_type
    if values["interaction"] is None and values["inter1"] is not None:
        values["interaction"] = codebook.interaction(values["inter1"], values["inter2"])
    if values["iso"] is None or values["region"] is None or values["iso3"] is None:
        country = (countries or load_countries()).find(values["country"])
        if country is not None:
            values["iso"] = country.iso if values["iso"] is None else values["iso"]
            values["region"] = values["region"] or country.region
            values["iso3"] = values["iso3"] or country.iso3
    if getattr(event, "status", "imported") != "imported":
        # Our own events: an id and a timestamp ACLED would have given them.
        event_id = getattr(event, "id", None)
        if values["event_id_cnty"] is None and event_id is not None:
            values["event_id_cnty"] = own_event_id(event_id, values["iso3"])
        updated = getattr(event, "updated_at", None)
        if values["timestamp"] is None and isinstance(updated, datetime):
            values["timestamp"] = _unix(updated)
    return values


def _inter_text(values: Mapping[str, Any], column: str, style: InterStyle) -> str:
    code = values[column]
    if column == "interaction":
        if code is None:
            return ""
        return str(code) if style == "numeric" else interaction_text(code)
    if code is None:
        # Old numeric exports write 0 for "no second actor"; current ones leave it blank [§5].
        no_actor2 = column == "inter2" and values["inter1"] is not None and not values["actor2"]
        return "0" if no_actor2 and style == "numeric" else ""
    return str(code) if style == "numeric" else codebook.INTER_LABELS[code]


def _cell(values: Mapping[str, Any], column: str, style: InterStyle) -> str:
    if column in _INTER_COLUMNS:
        return _inter_text(values, column, style)
    value = values[column]
    if value is None:
        return ""
    if column in _FLOAT_COLUMNS:
        return format_coordinate(value)
    return value if isinstance(value, str) else str(value)


def _json_value(values: Mapping[str, Any], column: str, style: InterStyle) -> Any:
    if column in _INTER_COLUMNS and style == "label":
        return _inter_text(values, column, style) or None
    return values[column]


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


def to_acled_row(event: Any, fmt: RowFormat = RowFormat(),
                 countries: Countries | None = None) -> list[str]:
    """The CSV cells of one event in the layout's column order (blank for missing values)."""
    values = acled_values(event, countries)
    style = fmt.inter_style
    return [_cell(values, column, style) for column in fmt.columns]


def to_json_object(event: Any, fmt: RowFormat = RowFormat(),
                   countries: Countries | None = None) -> dict[str, Any]:
    """One JSONL object: the layout's columns (null for blanks, numbers as numbers) + status.

    Inter codes are numbers unless `fmt.inter` is "label" (JSON keeps types, so the
    layout's default style does not apply here).
    """
    values = acled_values(event, countries)
    style: InterStyle = fmt.inter or "numeric"
    found: dict[str, Any] = {c: _json_value(values, c, style) for c in fmt.columns}
    found["status"] = getattr(event, "status", None)
    return found


def write_acled(events: Iterable[Any], out: TextIO, fmt: RowFormat = RowFormat(),
                progress: Callable[[int], None] | None = None) -> int:
    """Write a header and one RFC 4180 row per event to `out`; the number of rows.

    `out` must be opened with newline="" (csv writes CRLF itself). Rows are written as they
    come, in chunks, so memory does not grow with the number of events.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fmt.columns)
    countries = load_countries()
    return _chunked(events, lambda e: to_acled_row(e, fmt, countries), writer.writerows,
                    progress)


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
