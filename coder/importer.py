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
A large CSV is read and validated by a forked reader process while the importer writes
(`reader_from`): the same batches, in order, over a pipe whose fullness paces the reader.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain, islice
from math import isfinite
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TextIO, get_args, overload

from annotated_types import Ge, Le
from pydantic import ValidationError
from sqlmodel import Session

from coder import store as db
from coder.errors import InputError
from coder.schema import codebook
from coder.schema.events import (
    COMPLETE_RULES,
    FIELD_RULES,
    AcledEvent,
    EventFields,
    RowRule,
    field_of,
    reason_of,
)
from coder.schema.models import utcnow
from coder.store import Store

if TYPE_CHECKING:  # the reader process's types; multiprocessing loads only when used
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

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
# CSV files from this size on are read and validated by a second process while this one
# writes (about half an import's CPU time, on another core); starting it costs ~50 ms.
READER_FROM: Final = 8_000_000
_RULE_MEMO_LIMIT: Final = 200_000  # row-rule outcomes kept (keys of a few values each)


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
_BLANK: Final[dict[str, None]] = {"": None}


class RowValidator:
    """Turns one source row (column -> cell) into valid column values, or raises InputError."""

    def __init__(self, *, monadic: bool = False) -> None:
        self.monadic = monadic
        self._kinds = {name: _kind(name) for name in codebook.ALL_COLUMNS}
        self._bounds = {name: _bounds(name) for name in codebook.ALL_COLUMNS}
        self._cache: dict[str, dict[Any, Any]] = {name: {} for name in _CACHED}
        # Monadic files have no actor2 at all, so "Battles need two actors" cannot apply.
        self._rules = tuple(
            rule for rule in (*FIELD_RULES, *COMPLETE_RULES)
            if not (monadic and rule.name == "two_sided")
        )
        # Per rule and set of file columns: keys (see `_rule_passes`) of rows that passed.
        self._passed: dict[tuple[int, tuple[str, ...]], set[tuple[Any, ...]]] = {}

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
                    rule.check(row)
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

    def columns(self, names: Sequence[str],
                cells: Sequence[Sequence[str]]) -> list[list[Any]] | None:
        """A batch of CSV cells, column by column, as valid values in the same shape.

        `cells[i]` holds column `names[i]` of every row. The values are those `validate`
        gives. None when any row needs a closer look (a bad or odd cell, a missing required
        value, a row rule that fails): the caller then validates row by row, which names
        the first bad row and cell.
        """
        out: list[list[Any]] = []
        kinds = self._kinds
        for name, column in zip(names, cells, strict=True):
            kind = kinds[name]
            values: list[Any] | None
            if kind == "text":
                values = list(map(_BLANK.get, column, column))  # "" -> None, in C
                if any(map(str.isspace, column)):  # whitespace only is blank, as in `_cells`
                    values = [None if raw is None or raw.isspace() else raw for raw in values]
            elif kind == "cached":
                values = self._cached_column(name, column)
            else:
                values = self._number_column(name, kind, column)
            if values is None:
                return None
            out.append(values)
        index = {name: i for i, name in enumerate(names)}
        for name in REQUIRED:
            if name not in index or None in out[index[name]]:
                return None
        return out if self._rules_pass(tuple(names), out) else None

    def _cached_column(self, name: str, column: Sequence[str]) -> list[Any] | None:
        cache = self._cache[name]
        try:
            return list(map(cache.__getitem__, column))
        except KeyError:
            pass
        fresh: dict[Any, Any] = {}
        for raw in set(column).difference(cache):
            found = None if not raw or raw.isspace() else self._checked(name, raw)
            if found.__class__ is _Bad:
                return None
            fresh[raw] = found
        if len(cache) + len(fresh) <= _CACHE_LIMIT:
            cache.update(fresh)
        else:  # an odd file with too many distinct values: keep them for this batch only
            fresh.update((raw, cache[raw]) for raw in set(column).intersection(cache))
            cache = fresh
        return list(map(cache.__getitem__, column))

    def _number_column(self, name: str, kind: str, column: Sequence[str]) -> list[Any] | None:
        # `_number`'s fast path, a column at a time; blanks are None, anything unusual
        # (a bad number, whitespace, out of bounds, nan) goes row by row.
        filled = [raw for raw in column if raw] if "" in column else column
        try:
            numbers: list[Any] = list(map(float if kind == "float" else int, filled))
        except ValueError:
            return None
        if numbers:
            low, high = self._bounds[name]
            if (low is not None or high is not None) and kind == "float" \
                    and not isfinite(sum(numbers)):
                return None
            if (low is not None and min(numbers) < low) \
                    or (high is not None and max(numbers) > high):
                return None
        if len(filled) == len(column):
            return numbers
        found = iter(numbers)
        return [next(found) if raw else None for raw in column]

    def _rules_pass(self, names: tuple[str, ...], out: Sequence[Sequence[Any]]) -> bool:
        return all(self._rule_passes(n, names, out) for n in range(len(self._rules)))

    def _rule_passes(self, n: int, names: tuple[str, ...], out: Sequence[Sequence[Any]]) -> bool:
        # A row rule declares the few fields it reads (RowRule), so a row's verdict is that of
        # any earlier row with the same values of them; only rows with new values run the rule.
        rule = self._rules[n]
        count = len(out[0]) if out else 0
        by_value, by_none = rule.reads, rule.presence - rule.reads
        parts: list[Sequence[Any]] = [out[i] for i, name in enumerate(names) if name in by_value]
        parts += [[value is None for value in out[i]]
                  for i, name in enumerate(names) if name in by_none]
        keys = list(zip(*parts, strict=True)) if parts else [()] * count
        passed = self._passed.setdefault((n, names), set())
        fresh = set(keys).difference(passed)
        for i, key in enumerate(keys):
            if not fresh:
                break
            if key in fresh:
                if not self._rule_holds(rule, names, out, i, by_value | by_none):
                    return False
                fresh.discard(key)
                if len(passed) < _RULE_MEMO_LIMIT:
                    passed.add(key)
        return True

    @staticmethod
    def _rule_holds(rule: RowRule, names: Sequence[str],
                    out: Sequence[Sequence[Any]], i: int, fields: frozenset[str]) -> bool:
        # As in `validate`: blank fields take AcledEvent's defaults (so do fields the rule
        # does not read).
        row = _Row({name: column[i] for name, column in zip(names, out, strict=True)
                    if column[i] is not None and name in fields})
        try:
            rule.check(row)
        except ValueError:
            return False
        return True


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
    # CSV: the same rows in batches of (first lines, cells of `columns`, column by column).
    # Use `rows` or `batches`, not both: they read the same file.
    batches: Callable[[int], Iterator[tuple[Sequence[int], list[Sequence[str]]]]] | None = None

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
    width = len(names)

    def checked(lines: Sequence[int], batch: list[list[str]]) -> None:
        # Rows of the header's width and without NUL, or InputError naming the first bad
        # row: one C-speed scan of the whole batch each, Python only to find the culprit.
        if any(n != width for n in set(map(len, batch))):
            bad = next(i for i, cells in enumerate(batch) if len(cells) != width)
            raise InputError(str(path), lines[bad], "row",
                             f"{len(batch[bad])} fields, the header has {width}")
        if "\0" in "".join(chain.from_iterable(batch)):
            row, column = next((i, j) for i, cells in enumerate(batch)
                               for j, cell in enumerate(cells) if "\0" in cell)
            raise InputError(str(path), lines[row], names[column], NUL_MESSAGE)

    def lists() -> Iterator[tuple[int, list[str]]]:
        with handle:
            line = reader.line_num + 1
            for cells in reader:
                if cells:  # csv gives [] for a blank line
                    checked((line,), [cells])
                    yield line, cells
                line = reader.line_num + 1

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for line, cells in lists():
            yield line, {n: cells[i] for i, n in keep}

    def batches(size: int) -> Iterator[tuple[Sequence[int], list[Sequence[str]]]]:
        # The hot path of a large import: a batch comes off the csv reader in C (islice),
        # not row by row through Python. Line numbers only ever name a bad row, so a batch
        # of one-line rows (the usual case) gets them as a range, and one with quoted line
        # breaks has them looked up, if ever, by reading the file again (_RowLines).
        with handle:
            done, rows_before = reader.line_num, 0
            while batch := list(islice(reader, size)):
                lines: Sequence[int]
                if reader.line_num - done == len(batch):
                    lines = range(done + 1, reader.line_num + 1)
                    if not all(batch):  # csv gives [] for a blank line
                        lines = [line for line, cells in zip(lines, batch, strict=True) if cells]
                        batch = [cells for cells in batch if cells]
                else:
                    batch = [cells for cells in batch if cells]
                    lines = _RowLines(path, rows_before, len(batch))
                done, rows_before = reader.line_num, rows_before + len(batch)
                checked(lines, batch)
                if batch:
                    yield lines, _known(batch)

    def _known(batch: list[list[str]]) -> list[Sequence[str]]:
        table = list(zip(*batch, strict=True))  # rows -> columns, in C
        return [table[i] for i, _ in keep]

    return Source(path, rows(), handle, tuple(n for _, n in keep),
                  tuple(n for n in names if n not in known),
                  monadic=_MONADIC_MISSING.isdisjoint(names), batches=batches)


# No export holds a NUL character: it is a damaged file. Stored, it would also cut the cell
# short in the SQL export (SQLite's printf stops at NUL), so it is refused like a bad value.
NUL_MESSAGE: Final = "holds a NUL character (\\0): not text of an ACLED export (a damaged file?)"


class _RowLines(Sequence[int]):
    """The first lines of `count` CSV rows from row `first` on (0 = the first after the header).

    Found by reading the file again, once, when first asked: only a bad row in a batch with
    quoted line breaks ever asks.
    """

    def __init__(self, path: Path, first: int, count: int) -> None:
        self._path, self._first, self._count = path, first, count
        self._lines: list[int] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...

    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if self._lines is None:
            with closing(open_csv(self._path)) as again:
                wanted = islice(again.rows, self._first, self._first + self._count)
                self._lines = [line for line, _cells in wanted]
        return self._lines[index]


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
                nul = next((k for k, v in obj.items() if isinstance(v, str) and "\0" in v), None)
                if nul is not None:
                    raise InputError(str(path), line, nul, NUL_MESSAGE)
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
class _Counts:
    """Events added, revised and left as they were, so far."""

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


@dataclass(frozen=True, slots=True)
class _Target:
    """Where and when a batch goes: the store's session, the file, this import's time."""

    session: Session
    path: str
    first_new_id: int
    now: datetime
    look_up: bool
    # Values converted for the driver (dates), kept from batch to batch (insert_columns).
    memos: dict[str, dict[Any, Any]] = field(default_factory=dict)


def _flush(target: _Target, counts: _Counts, lines: Sequence[int], names: Sequence[str],
           columns: Sequence[Sequence[Any]],
           row_of: Callable[[int], Mapping[str, Any]] | None = None) -> None:
    # One batch of valid rows, `columns[i]` holding `names[i]`. `row_of(i)` gives row i's
    # values as validated (default: every column of `names`); revisions compare those.
    if not lines:
        return
    keys = columns[names.index("event_id_cnty")]
    if len(set(keys)) != len(keys):
        seen: dict[Any, int] = {}
        for line, key in zip(lines, keys, strict=True):
            if key in seen:
                raise InputError(target.path, line, "event_id_cnty",
                                 f"{key!r} repeats line {seen[key]}")
            seen[key] = line
    # Nothing to revise in a store without imported events: a file's own repeats across
    # batches are then found once, at the end (`_check_repeats`), not per batch.
    existing = db.imported_events(target.session, keys) if target.look_up else {}
    if existing:
        if row_of is None:
            def row_of(i: int) -> Mapping[str, Any]:
                return {name: column[i] for name, column in zip(names, columns, strict=True)}
        new = _revise(target, counts, lines, keys, existing, row_of)
        columns = [[column[i] for i in new] for column in columns]
    db.insert_columns(target.session, "event",
                      {"status": "imported", "created_at": target.now,
                       "updated_at": target.now}, names, columns, target.memos)
    counts.added += len(columns[0]) if columns else 0


def _revise(target: _Target, counts: _Counts, lines: Sequence[int], keys: Sequence[Any],
            existing: Mapping[str, Any], row_of: Callable[[int], Mapping[str, Any]]
            ) -> list[int]:
    # Update the already imported events whose values differ; the new rows' indexes.
    new: list[int] = []
    changes: list[tuple[int, dict[str, Any]]] = []
    history: list[dict[str, Any]] = []
    for i, key in enumerate(keys):
        old = existing.get(key)
        if old is None:
            new.append(i)
            continue
        if old.id >= target.first_new_id:
            raise _Repeated(old.event_id_cnty, lines[i])
        before = old._asdict()
        diff = {k: v for k, v in row_of(i).items() if before[k] != v}
        if not diff:
            counts.unchanged += 1
            continue
        changes.append((old.id, {**diff, "updated_at": target.now}))
        history.append(db.history_values(old.id, "revised", None, _state("imported", before),
                                         _state("imported", {**before, **diff})))
        counts.revised += 1
    db.update_events(target.session, changes)
    db.bulk_insert(target.session, "event_history", _HISTORY_INSERT, [
        (h["event_id"], h["coder"], h["action"], h["at"], h["before"], h["after"])
        for h in history
    ])
    return new


def _flush_rows(target: _Target, counts: _Counts, names: Sequence[str],
                rows: Sequence[tuple[int, dict[str, Any]]]) -> None:
    # Rows validated one by one (JSONL, or a CSV batch with something unusual): a row
    # may lack columns, which then stay NULL and are not compared on a revision.
    _flush(target, counts, [line for line, _ in rows], names,
           [[values.get(name) for _, values in rows] for name in names],
           lambda i: rows[i][1])


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


def _check_repeats(session: Session, first_new_id: int, all_ours: bool) -> None:
    key = db.repeated_key(session, first_new_id, all_ours=all_ours)
    if key is not None:
        raise _Repeated(key, None)


def import_file(store: Store, path: Path, fmt: Format | None = None, *,
                warn: Callable[[str], None] | None = None,
                progress: Callable[[int], None] | None = None,
                reader_from: int | None = READER_FROM) -> ImportResult:
    """Import an ACLED CSV or JSONL file in one transaction; InputError on the first bad row.

    `warn` hears about ignored columns (CSV: before any row is read); `progress` gets the
    number of bytes read since its last call. A CSV file of `reader_from` bytes or more is
    read and validated by a second (forked) process while this one writes (None: never);
    should that process die, ReaderError.
    """
    source = open_source(path, fmt)
    warned = source.unknown
    if warned and warn is not None:
        warn(f"{path}: ignoring columns coder does not know: {', '.join(warned)}")
    with closing(source):
        return _import(store, source, warn, progress, reader_from)


def _import(store: Store, source: Source, warn: Callable[[str], None] | None,
            progress: Callable[[int], None] | None, reader_from: int | None) -> ImportResult:
    try:
        with _csv_batches(source, reader_from) as batches:
            return _write(store, source, batches, warn, progress)
    except _Repeated as repeated:  # the transaction is rolled back by now
        raise _repeat_error(source, repeated) from None


@contextmanager
def _csv_batches(source: Source, reader_from: int | None) -> Iterator[Iterator[_Valid] | None]:
    # A CSV's validated batches, read here or by a reader process; None for JSONL.
    if source.batches is None:
        yield None
    elif reader_from is not None and hasattr(os, "fork") \
            and os.fstat(source.handle.fileno()).st_size >= reader_from:
        # (No fork, as on Windows: the file is read here, as before.)
        with _reader_process(source) as batches:
            yield batches
    else:
        yield _validated(source, RowValidator(monadic=source.monadic))


def _write(store: Store, source: Source, batches: Iterator[_Valid] | None,
           warn: Callable[[str], None] | None,
           progress: Callable[[int], None] | None) -> ImportResult:
    path = source.path
    warned = source.unknown
    counts = _Counts()
    rows = 0
    now = utcnow()  # one transaction, one time: it also names this import's new rows
    with db.rollback_journal(store.engine), store.session() as session:
        first_new_id = db.max_event_id(session) + 1
        look_up = db.has_imported(session)
        target = _Target(session, str(path), first_new_id, now, look_up)
        # Into an empty store (the first, usually largest import) the event indexes are
        # rebuilt once at the end; nothing below reads them before that.
        with db.indexes_deferred(session, "event") as deferred:
            if batches is not None:
                rows = _write_batches(target, counts, source.columns, batches, progress)
            else:
                rows = _write_rows(target, counts, source, progress)
            # One history row per new event, written by the database in one statement. It
            # names the file; the state is the event itself (and the `before` of its first
            # revision), not a second copy of every imported row. Before the indexes come
            # back: the rows are found by id, and the status index would only add reads.
            db.record_imported(session, first_new_id, now, {"file": str(path),
                                                            "status": "imported"})
        if not look_up:
            # Deferred: the table was empty, and SQLite's write lock is ours.
            _check_repeats(session, first_new_id, all_ours=deferred)
    if source.unknown != warned and warn is not None:  # JSONL: keys found along the way
        warn(f"{path}: ignored keys coder does not know: {', '.join(source.unknown)}")
    return ImportResult(rows, counts.added, counts.revised, counts.unchanged, source.unknown)


class _Progress:
    """Reports the bytes read since the last report, if anyone listens."""

    def __init__(self, listener: Callable[[int], None] | None) -> None:
        self.listener, self.read = listener, 0

    def __call__(self, now_read: int) -> None:
        if self.listener is not None:
            self.listener(now_read - self.read)
            self.read = now_read


@dataclass(frozen=True, slots=True)
class _Valid:
    """A batch of valid CSV rows, and the bytes of the file read by then.

    Column by column (`columns[i]` holds column i of the file's known columns) or, for a
    batch with something unusual in it, row by row (`rows`: line and values).
    """

    lines: Sequence[int]
    columns: list[list[Any]] | None
    rows: list[tuple[int, dict[str, Any]]] | None
    position: int


def _validated(source: Source, validator: RowValidator) -> Iterator[_Valid]:
    """The CSV's rows, batch by batch, validated; InputError on the first bad row.

    The one reading and validating loop, in this process or in the reader process.
    """
    # A batch is validated column by column; one with anything unusual in it is validated
    # again row by row, which raises on its first bad row (or copes).
    assert source.batches is not None
    names, path = source.columns, str(source.path)
    for lines, cells in source.batches(BATCH):
        columns = validator.columns(names, cells)
        if columns is None:
            yield _Valid(lines, None, [
                (line, validator.validate(dict(zip(names, row, strict=True)), path, line))
                for line, row in zip(lines, zip(*cells, strict=True), strict=True)
            ], source.position())
        else:
            yield _Valid(lines, columns, None, source.position())


def _write_batches(target: _Target, counts: _Counts, names: Sequence[str],
                   batches: Iterable[_Valid], progress: Callable[[int], None] | None) -> int:
    report = _Progress(progress)
    rows = 0
    for batch in batches:
        if batch.rows is not None:
            _flush_rows(target, counts, names, batch.rows)
        elif batch.columns is not None:
            _flush(target, counts, batch.lines, names, batch.columns)
        rows += len(batch.lines)
        report(batch.position)
    return rows


# --- the reader process -------------------------------------------------------------------------


class ReaderError(RuntimeError):
    """The process reading and validating a CSV file stopped before its end (a bug, or killed).

    Raised in the importing process, whose transaction then rolls back.
    """


@dataclass(frozen=True, slots=True)
class _Failed:
    """A bad row, found by the reader process: InputError's fields (not a pickled error)."""

    path: str
    line: int
    field: str
    reason: str


@dataclass(frozen=True, slots=True)
class _Crashed:
    """An unexpected exception in the reader process, as its traceback text."""

    trace: str


_Message = _Valid | _Failed | _Crashed | None  # None: the end of the file


def _read_in_process(send: Connection, receive: Connection, path: Path) -> None:
    # The reader process: forked from the importer, it re-opens the file by path and never
    # touches the database connections it inherited (a PostgreSQL socket is shared).
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the importer stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    receive.close()  # the importer's end: once it closes its copy, our send fails (EPIPE)
    try:
        source = open_csv(path)
        with closing(source):
            validator = RowValidator(monadic=source.monadic)
            for batch in _validated(source, validator):
                # Blocks while the pipe is full: the importer's pace bounds our memory.
                send.send(batch)
        message: _Message = None
    except InputError as exc:
        message = _Failed(exc.path, exc.line, exc.field, exc.reason)
    except (BrokenPipeError, ConnectionResetError):
        return  # the importer stopped listening (its own error): nothing to tell it
    except BaseException:  # anything else is a bug the importer must report
        message = _Crashed(traceback.format_exc())
    with suppress(BrokenPipeError, ConnectionResetError):
        send.send(message)


@contextmanager
def _reader_process(source: Source) -> Iterator[Iterator[_Valid]]:
    """The validated batches of a CSV, read by a second process while this one writes.

    On leaving (success, error or Ctrl-C) the process is stopped if need be and reaped.
    """
    import multiprocessing  # only large imports pay for loading it

    # fork: the child starts at once with the code loaded (no re-import), and gets the file
    # by path. gc.freeze: the child must never collect (and finalise) garbage it inherited,
    # such as a dropped database connection whose finaliser would talk to the server.
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_read_in_process, args=(send, receive, source.path),
                              name="coder-import-reader", daemon=True)
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
        send.close()  # ours: so that the reader's death ends `recv` with EOFError
    try:
        yield _received(receive, process, source.path)
    finally:
        receive.close()  # a reader blocked on a full pipe gets EPIPE
        if process.is_alive():
            process.terminate()
        process.join()
        process.close()


def _received(receive: Connection, process: BaseProcess, path: Path) -> Iterator[_Valid]:
    # The reader's messages, in order, until the end of the file or its error.
    while True:
        try:
            message: _Message = receive.recv()
        except (EOFError, OSError):  # OSError: it died half way through a message
            process.join(timeout=10)  # it closed its end: it is gone, or going
            raise ReaderError(f"{path}: the reader process stopped (exit code "
                              f"{process.exitcode}) before the end of the file") from None
        if isinstance(message, _Valid):
            yield message
        elif isinstance(message, _Failed):
            raise InputError(message.path, message.line, message.field, message.reason)
        elif isinstance(message, _Crashed):
            raise ReaderError(f"{path}: the reader process failed:\n{message.trace}")
        else:
            return


def _write_rows(target: _Target, counts: _Counts, source: Source,
                progress: Callable[[int], None] | None) -> int:
    # JSONL: validated row by row (a row may lack columns), in this process.
    validator = RowValidator(monadic=source.monadic)
    report = _Progress(progress)
    batch: list[tuple[int, dict[str, Any]]] = []
    rows = 0
    for line, cells in source.rows:
        batch.append((line, validator.validate(cells, target.path, line)))
        rows += 1
        if len(batch) >= BATCH:
            _flush_rows(target, counts, source.columns, batch)
            batch = []
            report(source.position())
    _flush_rows(target, counts, source.columns, batch)
    return rows
