"""ACLED CSV / JSONL files -> validated event rows (with FILE:LINE errors) -> the store.

Readers accept every layout of codebook §1: current (2023+), pre-2023, monadic (no actor2
columns), inter codes as numbers or labels, and the date forms of `parse_acled_date`. The
header decides which columns a file has: unknown columns are ignored with a warning (ACLED
adds columns over time), missing required ones are an error.

Validation applies `AcledEvent`'s own rules, cell by cell and then per row, with a cache per
column for repeated values (dates, types, inter codes), so a million rows validate in seconds
instead of a minute of whole-row pydantic; error messages are pydantic's (field_of/reason_of).

`import_file` stores rows as events with status "imported", keyed by `event_id_cnty`, in one
transaction: a bad row leaves the database as it was. A row whose key is already imported
updates it when a value differs, with an event_history row ("revised", before and after).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final, Literal, TextIO, get_args

from annotated_types import Ge, Le
from pydantic import ValidationError
from sqlmodel import Session

from coder import store as db
from coder.errors import InputError
from coder.schema import codebook
from coder.schema.events import AcledEvent, EventFields, field_of, reason_of
from coder.schema.models import utcnow
from coder.store import Store

Format = Literal["acled", "jsonl"]

# The key we import by, and the fields a published ACLED row always has (AcledEvent).
REQUIRED: Final = ("event_id_cnty", *(
    name for name, info in AcledEvent.model_fields.items() if info.is_required()
))
# Columns whose cells repeat across rows: validated once per distinct value, then cached.
_CACHED: Final = frozenset({
    "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "inter1", "inter2", "interaction", "civilian_targeting", "iso", "region", "country",
    "geo_precision", "source_scale", "iso3", "fatalities",
})
_CACHE_LIMIT: Final = 50_000  # distinct values kept per column: bounds memory on odd files
_MONADIC_MISSING: Final = frozenset({"actor2", "assoc_actor_2", "inter2"})
# In the table's own column order, so the driver gets the tuples as they are built.
_EVENT_INSERT: Final = ("status", "created_at", "updated_at", *codebook.ALL_COLUMNS)
_HISTORY_INSERT: Final = ("event_id", "coder", "action", "at", "before", "after")
BATCH: Final = 2000  # rows per insert: few round trips, bounded memory


def _bounds(name: str) -> tuple[Any, Any]:
    # The field's own Ge/Le constraints (on the field or on the inner type of its
    # `X | None`), so the fast path cannot drift from the schema.
    info = EventFields.model_fields[name]
    found: list[Any] = list(info.metadata)
    for arg in get_args(info.annotation):
        for item in get_args(arg)[1:]:  # Annotated[float, FieldInfo(...)] -> its metadata
            found.extend(getattr(item, "metadata", [item]))
    low = next((item.ge for item in found if isinstance(item, Ge)), None)
    high = next((item.le for item in found if isinstance(item, Le)), None)
    return low, high


def _kind(name: str) -> str:
    annotation = str(EventFields.model_fields[name].annotation)
    if name in _CACHED:
        return "cached"
    return "float" if "float" in annotation else "int" if "int" in annotation else "text"


class _Bad(Exception):
    """A bad cell or row, before the file and line are known."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class _Row:
    """Attribute access to a row's values for AcledEvent's row rules (no pydantic copy).

    The rules only read attributes; unset ones fall back to AcledEvent's defaults.
    """

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.__dict__.update(values)


for _name, _info in AcledEvent.model_fields.items():
    setattr(_Row, _name, None if _info.is_required() else _info.default)

_MISSING: Final = object()


class RowValidator:
    """Turns one source row (column -> cell) into valid column values, or raises InputError."""

    def __init__(self, *, monadic: bool = False) -> None:
        self.monadic = monadic
        self._kinds = {name: _kind(name) for name in codebook.ALL_COLUMNS}
        self._bounds = {name: _bounds(name) for name in codebook.ALL_COLUMNS}
        self._cache: dict[str, dict[Any, Any]] = {name: {} for name in _CACHED}
        rules = AcledEvent.__pydantic_decorators__.model_validators
        # Monadic files have no actor2 at all, so "Battles need two actors" cannot apply.
        self._rules = tuple(
            info.func for name, info in rules.items()
            if not (monadic and name == "_two_sided")
        )

    def validate(self, cells: Mapping[str, Any], path: str, line: int) -> dict[str, Any]:
        """The row's known columns as typed values (None for blanks); InputError if invalid."""
        try:
            values = self._cells(cells)
            for name in REQUIRED:
                if values.get(name) is None:
                    raise _Bad(name, "required, but blank or missing")
            row = _Row({k: v for k, v in values.items() if v is not None})
            for rule in self._rules:
                try:
                    rule(row)
                except ValueError as exc:
                    error = {"msg": str(exc)}
                    raise _Bad(field_of(error), reason_of(error)) from None
        except _Bad as bad:
            raise InputError(path, line, bad.field, bad.reason) from None
        return values

    def _cells(self, cells: Mapping[str, Any]) -> dict[str, Any]:
        # The hot loop of an import: one pass; plain text and cache hits inline.
        kinds, caches = self._kinds, self._cache
        values: dict[str, Any] = {}
        for name, raw in cells.items():
            kind = kinds[name]
            if raw.__class__ is str:
                if not raw or raw.isspace():
                    values[name] = None
                    continue
                if kind == "text":
                    values[name] = raw
                    continue
            elif raw is None:
                values[name] = None
                continue
            if kind == "cached":
                cache = caches[name]
                found = cache.get(raw, _MISSING)
                if found is _MISSING:
                    found = self._checked(name, raw)
                    if len(cache) < _CACHE_LIMIT:
                        cache[raw] = found
            elif kind == "text":
                found = self._checked(name, raw)
            else:
                found = self._number(name, kind, raw)
            if found.__class__ is _Bad:
                raise found
            values[name] = found
        return values

    def _number(self, name: str, kind: str, raw: Any) -> Any:
        # Fast path for the common case (a numeric string or JSON number within bounds);
        # anything else goes to the schema for its verdict and message.
        value: float | int | None = None
        if isinstance(raw, str) or (isinstance(raw, (int, float)) and not isinstance(raw, bool)):
            try:
                value = float(raw) if kind == "float" else int(raw)
            except ValueError:
                value = None
        low, high = self._bounds[name]
        if value is None or (kind == "int" and isinstance(raw, float)) \
                or (low is not None and not value >= low) \
                or (high is not None and not value <= high):
            return self._checked(name, raw)
        return value

    @staticmethod
    def _checked(name: str, raw: Any) -> Any:
        # The schema's own field validation: the authority on values and on messages.
        try:
            return getattr(EventFields.model_validate({name: raw}), name)
        except ValidationError as exc:
            return _Bad(name, reason_of(dict(exc.errors()[0])))


# --- readers ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Source:
    """An open import file: its known columns, unknown ones, and rows as (line, cells)."""

    path: Path
    rows: Iterator[tuple[int, dict[str, Any]]]
    handle: TextIO
    columns: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    monadic: bool = False
    fmt: Format = "acled"

    def position(self) -> int:
        """Bytes read so far (for a progress bar)."""
        return int(self.handle.buffer.tell())

    def close(self) -> None:
        """Close the file, also when a bad row stopped the reading half way."""
        self.handle.close()


def open_csv(path: Path) -> Source:
    """An ACLED CSV export: header checked now, rows read lazily with their first line number.

    Raises InputError (line 1) for a missing required column or an empty file.
    """
    # utf-8-sig: spreadsheet re-saves often start with a byte-order mark.
    handle = path.open(encoding="utf-8-sig", newline="")
    reader = csv.reader(handle)
    header = next(reader, None)
    if not header:
        handle.close()
        raise InputError(str(path), 1, "header", "the file is empty: no ACLED header")
    names = [h.strip() for h in header]
    known = set(codebook.ALL_COLUMNS)
    for required in REQUIRED:
        if required not in names:
            handle.close()
            raise InputError(str(path), 1, required, "required column is missing from the header")
    keep = [(i, n) for i, n in enumerate(names) if n in known]

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        with handle:
            line = reader.line_num + 1
            for cells in reader:
                if cells:  # csv gives [] for a blank line
                    if len(cells) != len(names):
                        raise InputError(str(path), line, "row",
                                         f"{len(cells)} fields, the header has {len(names)}")
                    yield line, {n: cells[i] for i, n in keep}
                line = reader.line_num + 1

    return Source(path, rows(), handle, tuple(n for _, n in keep),
                  tuple(n for n in names if n not in known),
                  monadic=_MONADIC_MISSING.isdisjoint(names))


def open_jsonl(path: Path) -> Source:
    """A JSONL file, one event object per line with ACLED column names (`coder export`).

    Keys other than ACLED columns and `status` are ignored (status: imports are always
    reference events, contracts.md 2); blank lines are skipped.
    """
    handle = path.open(encoding="utf-8-sig", newline="")
    known = set(codebook.ALL_COLUMNS)
    source = Source(path, iter(()), handle, codebook.ALL_COLUMNS, fmt="jsonl")

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        with handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise InputError(str(path), line, "json", exc.msg) from None
                if not isinstance(obj, dict):
                    raise InputError(str(path), line, "json", "not a JSON object")
                extra = [k for k in obj if k not in known and k != "status"]
                if extra:
                    source.unknown = tuple(sorted({*source.unknown, *extra}))
                yield line, {k: v for k, v in obj.items() if k in known}

    source.rows = rows()
    return source


def open_source(path: Path, fmt: Format | None = None) -> Source:
    """Open `path` as `fmt`, or by its suffix (.jsonl) when None."""
    chosen = fmt or ("jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else "acled")
    return open_jsonl(path) if chosen == "jsonl" else open_csv(path)


# --- import into the store --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: rows read, events added, revised, and left as they were."""

    rows: int
    added: int
    revised: int
    unchanged: int
    ignored_columns: tuple[str, ...] = ()


@dataclass(slots=True)
class _Pending:
    line: int
    values: dict[str, Any]


@dataclass(slots=True)
class _Batch:
    """Rows waiting to be written, and the counts so far."""

    rows: list[_Pending] = field(default_factory=list)
    added: int = 0
    revised: int = 0
    unchanged: int = 0


def _state(status: str, values: Mapping[str, Any]) -> dict[str, Any]:
    # The same shape as store.event_state: status + every ACLED column, dates as ISO text.
    state: dict[str, Any] = {"status": status}
    for column in codebook.ALL_COLUMNS:
        value = values.get(column)
        state[column] = value.isoformat() if isinstance(value, date) else value
    return state


def _flush(session: Session, batch: _Batch, path: str, first_new_id: int,
           now: datetime, look_up: bool) -> None:
    pending, batch.rows = batch.rows, []
    if not pending:
        return
    seen: dict[str, int] = {}
    for row in pending:
        key = row.values["event_id_cnty"]
        if key in seen:
            raise InputError(path, row.line, "event_id_cnty",
                             f"{key!r} repeats line {seen[key]}")
        seen[key] = row.line
    # Nothing to revise in a store without imported events: a file's own repeats across
    # batches are then found once, at the end (`_check_repeats`), not per batch.
    existing = db.imported_events(session, seen) if look_up else {}
    new: list[_Pending] = []
    changes: list[tuple[int, dict[str, Any]]] = []
    history: list[dict[str, Any]] = []
    for row in pending:
        old = existing.get(row.values["event_id_cnty"])
        if old is None:
            new.append(row)
            continue
        if old.id >= first_new_id:
            raise _Repeated(old.event_id_cnty, row.line)
        before = old._asdict()
        diff = {k: v for k, v in row.values.items() if before[k] != v}
        if not diff:
            batch.unchanged += 1
            continue
        changes.append((old.id, {**diff, "updated_at": now}))
        history.append(db.history_values(old.id, "revised", None, _state("imported", before),
                                         _state("imported", {**before, **diff})))
        batch.revised += 1
    db.update_events(session, changes)
    columns = codebook.ALL_COLUMNS
    db.bulk_insert(session, "event", _EVENT_INSERT, [
        ("imported", now, now, *[row.values.get(c) for c in columns]) for row in new
    ])
    db.bulk_insert(session, "event_history", _HISTORY_INSERT, [
        (h["event_id"], h["coder"], h["action"], h["at"], h["before"], h["after"])
        for h in history
    ])
    batch.added += len(new)


class _Repeated(Exception):
    """A key this file already had, found at `line` (the first line is looked up later)."""

    def __init__(self, key: str, line: int | None) -> None:
        super().__init__(key)
        self.key, self.line = key, line


def _repeat_error(source: Source, repeated: _Repeated) -> InputError:
    # Only on the error path is the file read again, to name both lines.
    again = open_source(source.path, source.fmt)
    with closing(again):
        lines = [line for line, cells in again.rows
                 if cells.get("event_id_cnty") == repeated.key]
    return InputError(str(source.path), repeated.line or lines[-1], "event_id_cnty",
                      f"{repeated.key!r} repeats line {lines[0]}")


def _check_repeats(session: Session, first_new_id: int) -> None:
    key = db.repeated_key(session, first_new_id)
    if key is not None:
        raise _Repeated(key, None)


def import_file(store: Store, path: Path, fmt: Format | None = None, *,
                warn: Callable[[str], None] | None = None,
                progress: Callable[[int], None] | None = None) -> ImportResult:
    """Import an ACLED CSV or JSONL file in one transaction; InputError on the first bad row.

    `warn` hears about ignored columns (CSV: before any row is read); `progress` gets the
    number of bytes read since its last call.
    """
    source = open_source(path, fmt)
    warned = source.unknown
    if warned and warn is not None:
        warn(f"{path}: ignoring columns coder does not know: {', '.join(warned)}")
    with closing(source):
        return _import(store, source, warn, progress)


def _import(store: Store, source: Source, warn: Callable[[str], None] | None,
            progress: Callable[[int], None] | None) -> ImportResult:
    try:
        return _write(store, source, warn, progress)
    except _Repeated as repeated:  # the transaction is rolled back by now
        raise _repeat_error(source, repeated) from None


def _write(store: Store, source: Source, warn: Callable[[str], None] | None,
           progress: Callable[[int], None] | None) -> ImportResult:
    path = source.path
    warned = source.unknown
    validator = RowValidator(monadic=source.monadic)
    batch = _Batch()
    rows = 0
    read = 0
    now = utcnow()  # one transaction, one time: it also names this import's new rows
    with store.session() as session:
        first_new_id = db.max_event_id(session) + 1
        look_up = db.has_imported(session)
        # Into an empty store (the first, usually largest import) the event indexes are
        # rebuilt once at the end; nothing below reads them before that.
        with db.indexes_deferred(session, "event"):
            for line, cells in source.rows:
                batch.rows.append(_Pending(line, validator.validate(cells, str(path), line)))
                rows += 1
                if len(batch.rows) >= BATCH:
                    _flush(session, batch, str(path), first_new_id, now, look_up)
                    if progress is not None:
                        now_read = source.position()
                        progress(now_read - read)
                        read = now_read
            _flush(session, batch, str(path), first_new_id, now, look_up)
        if not look_up:
            _check_repeats(session, first_new_id)
        # One history row per new event, written by the database in one statement. It
        # names the file; the state is the event itself (and the `before` of its first
        # revision), not a second copy of every imported row.
        db.record_imported(session, first_new_id, now, {"file": str(path),
                                                        "status": "imported"})
    if source.unknown != warned and warn is not None:  # JSONL: keys found along the way
        warn(f"{path}: ignored keys coder does not know: {', '.join(source.unknown)}")
    return ImportResult(rows, batch.added, batch.revised, batch.unchanged, source.unknown)
