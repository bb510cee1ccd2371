"""The store: engines and sessions from a URL, transactions, and every query.

SQLite is the embedded default; PostgreSQL serves teams. Both run the same code: nothing
here branches on the dialect except connection set-up.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import repeat
from types import MappingProxyType
from typing import Any, Final
from typing import cast as typed

from sqlalchemy import (
    ColumnElement,
    Dialect,
    Engine,
    Row,
    Select,
    String,
    bindparam,
    cast,
    create_engine,
    event,
    exists,
    func,
    insert,
    inspect,
    literal,
    literal_column,
    union,
    update,
)
from sqlalchemy import column as sql_column
from sqlalchemy import select as sa_select
from sqlalchemy import table as sql_table
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped
from sqlalchemy.sql import FromClause
from sqlmodel import Session, SQLModel, col, select

from coder import migrate
from coder.config import DEFAULT_URL
from coder.errors import StoreError, first_line
from coder.schema.codebook import ALL_COLUMNS
from coder.schema.models import (
    CODING_ACTIONS,
    Coder,
    Document,
    Event,
    EventHistory,
    Sentence,
    utcnow,
)
from coder.schema.statuses import EVENT_STATUSES, EXPORTED_STATUSES


def normalise_url(url: str) -> str:
    """Map plain `postgresql://` to the psycopg 3 driver we ship (psycopg2 is not installed)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def shown_url(url: str) -> str:
    """A URL fit for messages: the password masked (messages end up in logs and tickets)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL has no password we could find
        return url


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    # SQLite ignores FOREIGN KEY clauses unless each connection asks for them. WAL with
    # synchronous=NORMAL commits without waiting for the disk each time (ingest was bound by
    # one fsync per file) and still loses nothing when the process is killed: only a power
    # cut can take the last commits, which is the trade SQLite documents for WAL.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def create_db_engine(url: str) -> Engine:
    """An engine for the URL; SQLite connections enforce foreign keys."""
    try:
        engine = create_engine(normalise_url(url))
    except Exception as exc:  # sqlalchemy raises several types for a bad URL or driver
        raise StoreError(f"cannot open database {shown_url(url)!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _enable_sqlite_foreign_keys(engine)
    return engine


@dataclass(frozen=True, slots=True)
class AddedDocument:
    """What ingesting one document did: its id, whether it was new, its sentence count."""

    document_id: int
    created: bool
    sentences: int


class Store:
    """One database: open it with `Store.open(url)`, which brings a fresh one up to date."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- opening and migrations ---------------------------------------------------------------

    @classmethod
    def open(cls, url: str = DEFAULT_URL, *, migrate_default: bool = True) -> Store:
        """Open the store at `url`, creating the schema in an empty database.

        A database at an older revision is upgraded only when it is the default SQLite file
        (a shared team database is upgraded deliberately, with `coder db upgrade`); otherwise
        StoreError says what to run.
        """
        engine = create_db_engine(url)
        try:
            with engine.connect() as connection:
                current = migrate.current_revision(connection)
                empty = current is None and not inspect(connection).get_table_names()
        except Exception as exc:
            raise StoreError(
                f"cannot open database {shown_url(url)!r}: {first_line(exc)}"
            ) from exc
        head = migrate.SCHEMA_REVISION
        if current == head:
            return cls(engine)
        if empty or (migrate_default and url == DEFAULT_URL and current is not None):
            migrate.upgrade(engine)
            return cls(engine)
        if current is None:
            raise StoreError(
                f"database {shown_url(url)!r} has tables but no coder schema revision"
            )
        raise StoreError(
            f"database is at schema revision {current}, this coder needs {head}: "
            f"run `coder db upgrade --db {shown_url(url)}`"
        )

    def revision(self) -> str | None:
        """The schema revision the database is at; StoreError when it cannot be reached."""
        try:
            with self.engine.connect() as connection:
                return migrate.current_revision(connection)
        except DBAPIError as exc:
            raise StoreError(f"cannot open database {self.engine.url}: {first_line(exc)}") from exc

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # --- coders -------------------------------------------------------------------------------

    def coder_id(self, session: Session, name: str) -> int:
        """The id of the coder called `name`, adding them on first use."""
        found = session.exec(select(Coder.id).where(Coder.name == name)).first()
        if found is not None:
            return found
        coder = Coder(name=name)
        session.add(coder)
        session.flush()
        assert coder.id is not None
        return coder.id

    # --- documents and sentences --------------------------------------------------------------

    def add_document(
        self,
        document: Document,
        spans: Sequence[tuple[int, int]],
        session: Session | None = None,
    ) -> AddedDocument:
        """Store a document and its sentence spans in one transaction; a known text adds nothing.

        `spans` are (start, end) character offsets into `document.text`.
        """
        if session is None:
            with self.session() as own:
                return self.add_document(document, spans, own)
        known = session.exec(
            select(Document.id).where(Document.content_hash == document.content_hash)
        ).first()
        if known is not None:
            return AddedDocument(known, created=False, sentences=0)
        session.add(document)
        session.flush()
        assert document.id is not None
        # One executemany for the sentences: ORM objects cost more than the inserts themselves.
        bulk_insert(session, "sentence", ("document_id", "index", "start_char", "end_char", "text"),
                    [(document.id, i, start, end, document.text[start:end])
                     for i, (start, end) in enumerate(spans)])
        return AddedDocument(document.id, created=True, sentences=len(spans))

    def count(self, model: type[Any]) -> int:
        """Rows in a table."""
        with self.session() as session:
            return session.exec(select(func.count()).select_from(model)).one()

    def documents(self) -> list[Document]:
        """Every document, oldest first."""
        with self.session() as session:
            return list(session.exec(select(Document).order_by(col(Document.id))))

    def sentences(self, document_id: int) -> list[Sentence]:
        """The sentences of one document in text order."""
        with self.session() as session:
            query = select(Sentence).where(Sentence.document_id == document_id)
            return list(session.exec(query.order_by(col(Sentence.index))))

    # --- history ------------------------------------------------------------------------------

    @staticmethod
    def record(session: Session, event: Event, action: str, coder: str | None,
               before: dict[str, Any] | None) -> None:
        """Append a history row for `event` (already flushed), with its state after the change."""
        assert event.id is not None
        session.add(EventHistory(**history_values(event.id, action, coder, before,
                                                  event_state(event))))

    # --- events for export and stats (helpers below the class) ----------------------------------

    def count_events(self, where: EventFilter) -> int:
        """How many events the filter selects."""
        return _store_count(self, where)

    def stream_events(self, where: EventFilter, batch: int = 2000) -> EventStream:
        """The selected events in id order, streamed: rows carry EXPORT_META + ALL_COLUMNS.

        `event_date` comes as its YYYY-MM-DD text, `updated_at` as ISO-like text. Close the
        iterator (or exhaust it) to release the connection. The stream also knows its store
        and filter, so a writer may ask the database to format the rows instead.
        """
        return EventStream(self, where, batch)

    def stats(self) -> Stats:
        """Documents, sentences, sentences coded, events by status and by coder."""
        return _store_stats(self)


def event_state(event: Event) -> dict[str, Any]:
    """An event's status and ACLED columns as plain values, for history rows."""
    return _state_of({"status": event.status, **{c: getattr(event, c) for c in ALL_COLUMNS}})


# --- events: export, import and stats (coder export / import / stats) ---------------------------
# Module functions rather than Store methods where they work inside a caller's session, so the
# importer can run a whole file in one transaction (contracts.md 2: a bad row costs nothing).

# Statuses whose events count as a decision on their sentence (`coder stats`, sentences coded).
DECIDED_STATUSES: Final = ("confirmed", "adjudicated", "rejected")
# The columns an export reads: the ACLED ones plus what own-event derivations need.
EXPORT_META: Final = ("id", "status", "updated_at")
# Core tables (typed as Table: sqlmodel's classes do not declare __table__ to mypy).
_EVENTS: Final = SQLModel.metadata.tables["event"]
_CODERS: Final = SQLModel.metadata.tables["coder"]
_HISTORY: Final = SQLModel.metadata.tables["event_history"]
_ASSIGNMENTS: Final = SQLModel.metadata.tables["assignment"]
_SENTENCES: Final = SQLModel.metadata.tables["sentence"]
_ADJUDICATIONS: Final = SQLModel.metadata.tables["adjudication"]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events an export reads; `statuses=None` means every status."""

    statuses: tuple[str, ...] | None = EXPORTED_STATUSES
    countries: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    # The events second coders confirmed on double-coded documents (`coder assign`) and the
    # coders' versions of adjudicated sentences: they exist to measure agreement, and the
    # dataset holds the first coder's version until an adjudication replaces both.
    second_coders: bool = False


@dataclass(frozen=True, slots=True)
class Stats:
    """What `coder stats` reports. A sentence is coded when it has a decided event."""

    documents: int
    sentences: int
    sentences_coded: int
    events_by_status: Mapping[str, int]
    events_by_coder: Mapping[str, Mapping[str, int]]

    def as_json(self) -> dict[str, Any]:
        """Plain values for `coder stats --json` (a later issue adds effort metrics here)."""
        return {
            "documents": self.documents,
            "sentences": self.sentences,
            "sentences_coded": self.sentences_coded,
            "events_by_status": dict(self.events_by_status),
            "events_by_coder": {k: dict(v) for k, v in self.events_by_coder.items()},
        }


def _event_query(where: EventFilter) -> Select[Any]:
    table = _EVENTS
    columns = [
        # A date cast to text is YYYY-MM-DD on both backends: no date object per row to format.
        # Dates and times cast to text: YYYY-MM-DD on both backends, and no datetime object
        # per row for an updated_at that only our own events need.
        cast(table.c[name], String).label(name) if name in ("event_date", "updated_at")
        else table.c[name]
        for name in (*EXPORT_META, *ALL_COLUMNS)
    ]
    return select(*columns).where(*_conditions(where, table))


def _conditions(where: EventFilter, events: FromClause) -> list[ColumnElement[bool]]:
    """What `where` asks of an event row, over `events` (the table or an alias of it): one
    statement of the filter for both export paths (`_event_query`, `stream_lines`)."""
    found: list[ColumnElement[bool]] = []
    if where.statuses is not None:
        found.append(events.c.status.in_(where.statuses))
    if where.countries:
        found.append(events.c.country.in_(where.countries))
    if where.since is not None:
        found.append(events.c.event_date >= where.since)
    if where.until is not None:
        found.append(events.c.event_date <= where.until)
    if not where.second_coders:
        # The status test comes first: imported events, nearly all of a large export, skip
        # the lookups.
        assigned, settled = _ASSIGNMENTS, _ADJUDICATIONS
        found.append(~((events.c.status == "confirmed") & (exists().where(
            assigned.c.second_coder, assigned.c.coder_id == events.c.coder_id,
            assigned.c.document_id == _SENTENCES.c.document_id,
            _SENTENCES.c.id == events.c.sentence_id) | exists().where(
            settled.c.sentence_id == events.c.sentence_id))))
    return found


def _store_count(store: Store, where: EventFilter) -> int:
    with store.engine.connect() as connection:
        sub = _event_query(where).subquery()
        return int(connection.execute(select(func.count()).select_from(sub)).scalar_one())


def _store_stream(store: Store, where: EventFilter, batch: int) -> Iterator[Row[Any]]:
    # yield_per streams (a server-side cursor on PostgreSQL): memory stays flat at any size.
    with store.engine.connect() as connection:
        result = connection.execution_options(yield_per=batch).execute(
            _event_query(where).order_by(_EVENTS.c.id)
        )
        yield from result


class EventStream(Iterator[Row[Any]]):
    """The rows of `Store.stream_events`, read lazily (no connection before the first row)."""

    def __init__(self, store: Store, where: EventFilter, batch: int) -> None:
        self.store, self.where, self.batch = store, where, batch
        self._rows: Iterator[Row[Any]] | None = None

    @property
    def started(self) -> bool:
        """Whether a row was asked for (a writer that renders in SQL needs a fresh stream)."""
        return self._rows is not None

    def __next__(self) -> Row[Any]:
        if self._rows is None:
            self._rows = _store_stream(self.store, self.where, self.batch)
        return next(self._rows)

    def close(self) -> None:
        """Release the connection of a stream left half read."""
        rows, self._rows = self._rows, iter(())
        close = getattr(rows, "close", None)
        if close is not None:
            close()


@dataclass(frozen=True, slots=True)
class LookupTable:
    """A small constant table joined to each event for a rendered line (`stream_lines`)."""

    name: str
    columns: tuple[str, ...]  # the first is the join key
    rows: tuple[tuple[Any, ...], ...]
    joins_on: str  # the event column matched against the key


def stream_lines(store: Store, where: EventFilter, expressions: Sequence[str],
                 lookups: Sequence[LookupTable] = (), batch: int = 5000
                 ) -> Iterator[list[tuple[Any, ...]]]:
    """SQLite only: (id, *expressions) of the selected events in id order, chunk by chunk.

    The expressions are SQL over `e` (the event) and the lookup tables by name, computed by
    SQLite (C speed, no Python object per cell). The raw driver cursor keeps the per-row
    cost at one tuple. Memory stays flat: rows are fetched `batch` at a time.
    """
    # Lookups go to TEMP tables with a primary key: SQLite builds no index on a CTE, and a
    # scan of 250 countries per event cost more than the whole line.
    temp = {t.name: f"temp.coder_lookup_{t.name}" for t in lookups}
    aliased = _EVENTS.alias("e")
    joined: FromClause = aliased
    for t in lookups:
        lookup = sql_table(f"coder_lookup_{t.name}", sql_column(t.columns[0]),
                           schema="temp").alias(t.name)
        joined = joined.outerjoin(lookup, lookup.c[t.columns[0]] == aliased.c[t.joins_on])
    # The filter's values are rendered into the text (SQLAlchemy quotes them): the raw
    # driver cursor below takes plain SQL.
    sql = str(sa_select(aliased.c.id, *(literal_column(x) for x in expressions))
              .select_from(joined).where(*_conditions(where, aliased)).order_by(aliased.c.id)
              .compile(dialect=store.engine.dialect, compile_kwargs={"literal_binds": True}))
    connection = store.engine.raw_connection()
    try:
        cursor = connection.cursor()
        for table in lookups:
            cursor.execute(f"DROP TABLE IF EXISTS {temp[table.name]}")
            cursor.execute(f"CREATE TABLE {temp[table.name]} ({table.columns[0]} PRIMARY KEY, "
                           f"{', '.join(table.columns[1:])})")
            cursor.executemany(f"INSERT INTO {temp[table.name]} VALUES "
                               f"({', '.join('?' * len(table.columns))})", table.rows)
        connection.commit()
        try:
            cursor.execute(sql)
            while chunk := cursor.fetchmany(batch):
                yield typed("list[tuple[Any, ...]]", chunk)
        finally:
            for table in lookups:
                cursor.execute(f"DROP TABLE IF EXISTS {temp[table.name]}")
            connection.commit()
            cursor.close()
    finally:
        connection.close()


def events_by_id(store: Store, ids: Collection[int]) -> list[Row[Any]]:
    """The events with these ids as `stream_events` rows (EXPORT_META + ALL_COLUMNS), by id."""
    query = _event_query(EventFilter(statuses=None)).where(_EVENTS.c.id.in_(list(ids)))
    with store.engine.connect() as connection:
        return list(connection.execute(query.order_by(_EVENTS.c.id)))


def _store_stats(store: Store) -> Stats:
    table = _EVENTS
    with store.engine.connect() as connection:
        documents = connection.execute(select(func.count()).select_from(Document)).scalar_one()
        sentences = connection.execute(select(func.count()).select_from(Sentence)).scalar_one()
        # Coded: a coder decided what happened in the sentence (events, or "no event"), and
        # the decision was not undone; or an event of it was confirmed outside the session.
        decisions = SQLModel.metadata.tables["decision"]
        later = decisions.alias("later")
        decided = select(decisions.c.sentence_id).where(
            decisions.c.action.in_(CODING_ACTIONS),
            ~exists().where(later.c.undoes_id == decisions.c.id))
        confirmed = select(table.c.sentence_id).where(
            table.c.status.in_(DECIDED_STATUSES), table.c.sentence_id.is_not(None))
        either = union(decided, confirmed).subquery()
        coded = connection.execute(select(func.count()).select_from(either)).scalar_one()
        by_status = {status: 0 for status in EVENT_STATUSES}
        for status, n in connection.execute(
            select(table.c.status, func.count()).group_by(table.c.status)
        ):
            by_status[status] = n
        by_coder: dict[str, dict[str, int]] = {}
        for name, status, n in connection.execute(
            select(_CODERS.c.name, table.c.status, func.count())
            .join(_CODERS, _CODERS.c.id == table.c.coder_id)
            .group_by(_CODERS.c.name, table.c.status)
            .order_by(_CODERS.c.name, table.c.status)
        ):
            by_coder.setdefault(name, {})[status] = n
    return Stats(documents, sentences, coded, MappingProxyType(by_status),
                 MappingProxyType({k: MappingProxyType(v) for k, v in by_coder.items()}))


def max_event_id(session: Session) -> int:
    """The highest event id (0 when empty): rows above it were added after this call."""
    return int(session.connection().execute(select(func.max(_EVENTS.c.id))).scalar()
               or 0)


def has_imported(session: Session) -> bool:
    """Whether the store holds any imported event."""
    query = select(_EVENTS.c.id).where(_EVENTS.c.status == "imported").limit(1)
    return session.connection().execute(query).first() is not None


def repeated_key(session: Session, min_id: int, *, all_ours: bool = False) -> str | None:
    """An event_id_cnty that two imported events with id >= min_id share, if any.

    `all_ours`: the caller knows every event in the table is an imported one with an id
    >= min_id (an import into an empty SQLite table, which holds the write lock); the
    question is then answered from the event_id_cnty index alone, without reading a row.
    """
    query = select(_EVENTS.c.event_id_cnty)
    if all_ours:
        query = query.where(_EVENTS.c.event_id_cnty.is_not(None))
    else:
        query = query.where(_EVENTS.c.id >= min_id, _EVENTS.c.status == "imported")
    query = query.group_by(_EVENTS.c.event_id_cnty).having(func.count() > 1).limit(1)
    return session.connection().execute(query).scalar()


def imported_events(session: Session, event_ids: Collection[str]) -> dict[str, Row[Any]]:
    """The imported events with these event_id_cnty values (id and ACLED columns), by key."""
    table = _EVENTS
    query = select(table.c.id, *(table.c[c] for c in ALL_COLUMNS)).where(
        table.c.event_id_cnty.in_(list(event_ids)), table.c.status == "imported"
    )
    return {row.event_id_cnty: row for row in session.connection().execute(query)}


def bulk_insert(session: Session, table_name: str, columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    """Insert rows of values (in `columns` order) with the driver's own executemany.

    Core's executemany costs about as much per row as SQLite's insert itself; this keeps
    the column types' bind processing (dates on SQLite) and the dialect's SQL and
    parameter style, and drops the rest. For imports of millions of rows.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    table = SQLModel.metadata.tables[table_name]
    compiled = insert(table).values(
        {name: bindparam(name, type_=table.c[name].type) for name in columns}
    ).compile(dialect=dialect)
    processors = [(i, p) for i, name in enumerate(columns)
                  if (p := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
                  is not None]
    if processors:
        # Processed values repeat (dates, the import's one timestamp): convert each once.
        memos: list[dict[Any, Any]] = [{} for _ in processors]
        converted: list[tuple[Any, ...]] = []
        for row in rows:
            values = list(row)
            for (i, process), memo in zip(processors, memos, strict=True):
                value = values[i]
                if value is not None:
                    done = memo.get(value)
                    if done is None:
                        done = memo[value] = process(value)
                    values[i] = done
            converted.append(tuple(values))
        rows = converted
    if compiled.positional:
        order = [columns.index(name) for name in compiled.positiontup or ()]
        params: list[Any] = (
            [tuple(row) for row in rows] if order == list(range(len(columns)))
            else [tuple(row[i] for i in order) for row in rows]
        )
    else:
        params = [dict(zip(columns, row, strict=True)) for row in rows]
    connection.exec_driver_sql(str(compiled), params)


def insert_columns(session: Session, table_name: str, constants: Mapping[str, Any],
                   names: Sequence[str], columns: Sequence[Sequence[Any]],
                   memos: dict[str, dict[Any, Any]] | None = None) -> None:
    """Insert rows given column by column (`columns[i]` holds column `names[i]`).

    Every row also gets `constants`; table columns in neither stay NULL. Bind processing
    (dates on SQLite) runs once per distinct value of a column (once per import when the
    caller passes the same `memos` with each batch), and the rows are built by zip, not
    per row in Python: for imports of millions of rows.
    """
    if not columns or not columns[0]:
        return
    connection = session.connection()
    dialect = connection.dialect
    table = SQLModel.metadata.tables[table_name]
    order = (*constants, *names)
    sql, positions = _insert_sql(table_name, order, dialect)
    processed: list[Any] = []
    for name, values in zip(order, (*([v] for v in constants.values()), *columns),
                            strict=True):
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            memo = {} if memos is None else memos.setdefault(name, {})
            if len(memo) > _MEMO_LIMIT:  # an odd file: bound the memory, start again
                memo.clear()
            for value in set(values).difference(memo):
                if value is not None:
                    memo[value] = process(value)
            values = list(map(memo.get, values))
        processed.append(values)
    count = len(columns[0])
    # A constant is a one-item column: repeat its one processed value for every row.
    full = [repeat(values[0], count) if i < len(constants) else values
            for i, values in enumerate(processed)]
    if positions is not None:
        # strict=False: the constants' repeat() runs exactly as long as the columns.
        params: list[Any] = list(zip(*(full[i] for i in positions), strict=False))
    else:
        params = [dict(zip(order, row, strict=True)) for row in zip(*full, strict=False)]
    connection.exec_driver_sql(sql, params)


_MEMO_LIMIT: Final = 100_000  # processed values kept per column by insert_columns


@lru_cache(maxsize=32)
def _insert_sql(table_name: str, order: tuple[str, ...],
                dialect: Dialect) -> tuple[str, tuple[int, ...] | None]:
    # The dialect's INSERT for these columns, and the position of each bound column in
    # `order` when its paramstyle is positional (None: named parameters).
    table = SQLModel.metadata.tables[table_name]
    compiled = insert(table).values(
        {name: bindparam(name, type_=table.c[name].type) for name in order}
    ).compile(dialect=dialect)
    if not compiled.positional:
        return str(compiled), None
    return str(compiled), tuple(order.index(name) for name in compiled.positiontup or ())


@contextmanager
def rollback_journal(engine: Engine) -> Iterator[bool]:
    """SQLite file: write one bulk transaction through a rollback journal instead of WAL.

    In WAL mode every page of a large transaction is written twice (into the log, then copied
    into the database by the checkpoint), and a page the cache spills is logged again each
    time it changes; a rollback journal writes new pages once, straight into the file, and
    journals only the pages that existed before. Equally safe against a killed process.
    Switching needs the database to ourselves: while another connection has it open SQLite
    stays in WAL, and so do we. WAL comes back when the block ends. Yields whether it switched.
    """
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        yield False
        return
    # One pooled connection: the block's session reuses it, so the journal mode set here
    # (and not the WAL that a freshly opened connection would set) applies to its writes.
    engine.dispose()
    try:
        with engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode=DELETE").scalar()
    except DBAPIError:  # "database is locked": another connection has it open
        mode = "wal"
    switched = str(mode).lower() == "delete"
    try:
        yield switched
    finally:
        if switched:
            # Best effort: every new connection asks for WAL again (_on_connect) anyway.
            with suppress(DBAPIError), engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")


@contextmanager
def indexes_deferred(session: Session, table_name: str) -> Iterator[bool]:
    """SQLite, an empty table: drop its secondary indexes, rebuild them when the block ends.

    For bulk loads: SQLite builds an index from sorted keys much faster than it grows one
    row by row. Drop and rebuild happen in the session's transaction (SQLite's DDL is
    transactional), so an error in the block rolls the indexes back with the rows; the
    caller must not rely on the indexes inside the block. Yields whether it deferred
    (never on PostgreSQL or on a table with rows).
    """
    connection = session.connection()
    table = SQLModel.metadata.tables[table_name]
    if connection.dialect.name != "sqlite":
        yield False
        return
    driver = connection.connection.driver_connection
    if driver is not None and not driver.in_transaction:
        # pysqlite only opens a transaction before DML: without this, DROP INDEX would
        # commit on its own and a failed import would leave the table without indexes.
        # Opened before the look at the table, so the table stays as seen (a writer in
        # between makes our first write fail instead) and callers may rely on it.
        connection.exec_driver_sql("BEGIN")
    if connection.execute(sa_select(literal(1)).select_from(table).limit(1)).first() \
            is not None:
        yield False
        return
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL", (table_name,)).all()
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield True
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)


def update_events(session: Session, changes: Sequence[tuple[int, Mapping[str, Any]]]) -> None:
    """Set columns of events by id; each change names its own columns."""
    table = _EVENTS
    for event_id, values in changes:
        session.connection().execute(
            update(table).where(table.c.id == event_id).values(dict(values))
        )


def record_imported(session: Session, first_id: int, created_at: datetime,
                    after: Mapping[str, Any]) -> int:
    """Add an "imported" history row for each imported event created at `created_at`
    with an id >= first_id (one INSERT ... SELECT); how many were added."""
    values: list[Any] = [
        _EVENTS.c.id, literal(None, String), literal("imported"),
        literal(created_at, _HISTORY.c.at.type), literal(None, String),
        literal(state_json(after)),
    ]
    query = select(*values).where(_EVENTS.c.id >= first_id, _EVENTS.c.status == "imported",
            _EVENTS.c.created_at == created_at)
    result = session.connection().execute(
        insert(_HISTORY).from_select(
            ["event_id", "coder", "action", "at", "before", "after"], query)
    )
    return int(result.rowcount)


def state_json(state: Mapping[str, Any] | None) -> str | None:
    """A history state as JSON (sorted keys, dates as text), for every history row."""
    return None if state is None else json.dumps(state, default=str, sort_keys=True)


def history_values(event_id: int, action: str, coder: str | None,
                   before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> dict[str, Any]:
    """One event_history row as column values (for `bulk_insert` into event_history)."""
    return {"event_id": event_id, "coder": coder, "action": action, "at": utcnow(),
            "before": state_json(before), "after": state_json(after)}


# --- what the engine learns from (imported, confirmed and adjudicated events) -----------------

REFERENCE_STATUSES: Final = ("confirmed", "adjudicated", "imported")


def reference_actors(store: Store) -> list[tuple[str, int, str | None, date | None]]:
    """Distinct (actor, inter, country, latest event_date) of reference events, both sides."""
    rows: list[tuple[str, int, str | None, date | None]] = []
    with store.session() as session:
        sides = ((col(Event.actor1), col(Event.inter1)), (col(Event.actor2), col(Event.inter2)))
        for actor, inter in sides:
            query = (
                select(actor, inter, col(Event.country), func.max(col(Event.event_date)))
                .where(col(Event.status).in_(REFERENCE_STATUSES))
                .where(actor.is_not(None), inter.is_not(None))
                .group_by(actor, inter, col(Event.country))
            )
            rows.extend((a, i, c, d) for a, i, c, d in session.exec(query) if a and i)
    return rows


def _average(column: Mapped[float | None]) -> ColumnElement[float]:
    """AVG() of a Float column, typed: SQLAlchemy types `func.avg` as Function[Any], which makes
    mypy fall back to an untyped select. AVG of floats is a float (or NULL on no rows, which a
    GROUP BY never yields)."""
    return typing.cast("ColumnElement[float]", func.avg(column))


def reference_places(
    store: Store,
) -> list[tuple[str, str, str | None, str | None, str | None, float, float, int]]:
    """Distinct places of reference events with their admin units, centroid and use count."""
    with store.session() as session:
        # SQLAlchemy's own select: sqlmodel's is typed for at most four columns.
        query = (
            sa_select(col(Event.location), col(Event.country), col(Event.admin1),
                      col(Event.admin2), col(Event.admin3), _average(col(Event.latitude)),
                      _average(col(Event.longitude)), func.count())
            .where(col(Event.status).in_(REFERENCE_STATUSES))
            .where(col(Event.location).is_not(None), col(Event.country).is_not(None),
                   col(Event.latitude).is_not(None), col(Event.longitude).is_not(None))
            .group_by(col(Event.location), col(Event.country), col(Event.admin1),
                      col(Event.admin2), col(Event.admin3))
        )
        # The WHERE clause already keeps NULL names out; the checks tell mypy so.
        return [(loc, cty, a1, a2, a3, float(lat), float(lon), int(n))
                for loc, cty, a1, a2, a3, lat, lon, n in session.connection().execute(query)
                if loc is not None and cty is not None]


def reference_district_places(store: Store) -> list[tuple[str, str, str | None, str, int]]:
    """(location, country, admin1, admin2, events) of reference events coded at precision 2.

    Codebook §7: an event known only to a district is coded at a place representing it
    (precision 2), most often the district's seat; which place a team uses for each
    district is what this tells (see coder.engine.knowledge.learned_district_places).
    """
    with store.session() as session:
        query = (
            sa_select(col(Event.location), col(Event.country), col(Event.admin1),
                      col(Event.admin2), func.count())
            .where(col(Event.status).in_(REFERENCE_STATUSES))
            .where(col(Event.geo_precision) == 2)
            .where(col(Event.location).is_not(None), col(Event.country).is_not(None),
                   col(Event.admin2).is_not(None), col(Event.latitude).is_not(None))
            .group_by(col(Event.location), col(Event.country), col(Event.admin1),
                      col(Event.admin2))
        )
        return [(loc, cty, a1, a2, int(n))
                for loc, cty, a1, a2, n in session.connection().execute(query)
                if loc is not None and cty is not None and a2 is not None]


def reference_sources(store: Store) -> list[tuple[str, str, int]]:
    """(source, source_scale, events) of reference events, for learning outlets' scales."""
    with store.session() as session:
        query = (
            select(col(Event.source), col(Event.source_scale), func.count())
            .where(col(Event.status).in_(REFERENCE_STATUSES))
            .where(col(Event.source).is_not(None), col(Event.source_scale).is_not(None))
            .group_by(col(Event.source), col(Event.source_scale))
        )
        return [(s, sc, int(n)) for s, sc, n in session.exec(query) if s and sc]


_EVENT_WRITE_COLUMNS: Final = (
    "status", "sentence_id", "coder_id", "confidence", "evidence", "created_at", "updated_at",
    *ALL_COLUMNS,
)


def add_events(session: Session, events: Sequence[Mapping[str, Any]], action: str,
               coder: str | None) -> list[int]:
    """Insert events (column -> value; missing columns NULL) with an `action` history row each.

    Core inserts with RETURNING in one round trip per batch: building ORM objects cost more
    than the inserts (ingest stores tens of thousands of suggestions).
    """
    if not events:
        return []
    now = utcnow()
    rows = [{"created_at": now, "updated_at": now,
             **{c: None for c in _EVENT_WRITE_COLUMNS if c not in ("created_at", "updated_at")},
             **event} for event in events]
    result = session.connection().execute(
        insert(_EVENTS).returning(_EVENTS.c.id, sort_by_parameter_order=True), rows
    )
    ids = [int(row[0]) for row in result]
    history = [history_values(event_id, action, coder, None, _state_of(row))
               for event_id, row in zip(ids, rows, strict=True)]
    session.connection().execute(insert(_HISTORY), history)
    return ids


def _state_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The history state of an event row: status and ACLED columns, dates as ISO text."""
    state: dict[str, Any] = {"status": row["status"]}
    for column in ALL_COLUMNS:
        value = row.get(column)
        state[column] = value.isoformat() if isinstance(value, date) else value
    return state
