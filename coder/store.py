"""The store: engines and sessions from a URL, transactions, and every query.

SQLite is the embedded default; PostgreSQL serves teams. Both run the same code: nothing
here branches on the dialect except connection set-up.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from sqlalchemy import Engine, create_engine, event, func, inspect
from sqlalchemy.engine import make_url
from sqlmodel import Session, col, select

from coder import migrate
from coder.errors import StoreError
from coder.schema.codebook import ALL_COLUMNS
from coder.schema.models import Coder, Document, Event, EventHistory, Sentence, utcnow

DEFAULT_URL: Final = "sqlite:///coder.db"


def normalise_url(url: str) -> str:
    """Map plain `postgresql://` to the psycopg 3 driver we ship (psycopg2 is not installed)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    # SQLite ignores FOREIGN KEY clauses unless each connection asks for them.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def create_db_engine(url: str) -> Engine:
    """An engine for the URL; SQLite connections enforce foreign keys."""
    try:
        engine = create_engine(normalise_url(url))
    except Exception as exc:  # sqlalchemy raises several types for a bad URL or driver
        raise StoreError(f"cannot open database {url!r}: {exc}") from exc
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
            raise StoreError(f"cannot open database {url!r}: {exc}") from exc
        head = migrate.head_revision()
        if current == head:
            return cls(engine)
        if empty or (migrate_default and url == DEFAULT_URL and current is not None):
            migrate.upgrade(engine)
            return cls(engine)
        if current is None:
            raise StoreError(f"database {url!r} has tables but no coder schema revision")
        raise StoreError(
            f"database is at schema revision {current}, this coder needs {head}: "
            f"run `coder db upgrade --db {url}`"
        )

    def revision(self) -> str | None:
        """The schema revision the database is at."""
        with self.engine.connect() as connection:
            return migrate.current_revision(connection)

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
        session.add_all(
            Sentence(document_id=document.id, index=i, start_char=start, end_char=end,
                     text=document.text[start:end])
            for i, (start, end) in enumerate(spans)
        )
        session.flush()
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
        session.add(EventHistory(
            event_id=event.id, coder=coder, action=action, at=utcnow(),
            before=json.dumps(before, default=str, sort_keys=True) if before is not None else None,
            after=json.dumps(event_state(event), default=str, sort_keys=True),
        ))


def event_state(event: Event) -> dict[str, Any]:
    """An event's status and ACLED columns as plain values, for history rows."""
    state: dict[str, Any] = {"status": event.status}
    for column in ALL_COLUMNS:
        value = getattr(event, column)
        state[column] = value.isoformat() if isinstance(value, date) else value
    return state
