"""The store's tables (sqlmodel). Alembic migrations own the schema; nothing calls create_all.

Event columns carry the ACLED names (codebook.ALL_COLUMNS); tests/test_schema.py checks that
the table and the codebook agree, so a column cannot be added in one place only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Final

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    Float,
    Index,
    MetaData,
    SmallInteger,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

# Deterministic constraint names, so that downgrades can drop what upgrades created
# (alembic docs, "naming.rst"); SQLite batch mode needs them to find constraints at all.
NAMING_CONVENTION: Final = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)



def utcnow() -> datetime:
    """An aware UTC timestamp: sqlmodel's UTCDateTime refuses naive ones."""
    return datetime.now(UTC)


class Document(SQLModel, table=True):
    """One article: its text and the metadata the engine resolves dates and places against."""

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    title: str | None = None
    published: date | None = Field(default=None, sa_column=Column(Date))
    source: str | None = None
    url: str | None = None
    country: str | None = None
    # sha256 of the stripped text: ingesting the same text twice adds nothing (contracts.md 2).
    content_hash: str = Field(unique=True, max_length=64)
    external_id: str | None = None
    origin: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Sentence(SQLModel, table=True):
    """A sentence of a document: the unit the engine suggests on and the coder decides on."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    index: int
    # Character offsets into Document.text: text == document.text[start_char:end_char].
    start_char: int
    end_char: int
    text: str = Field(sa_column=Column(Text, nullable=False))


class Coder(SQLModel, table=True):
    """A person who codes; events and history rows name them."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class Event(SQLModel, table=True):
    """An event in ACLED's columns plus its workflow state (status, coder, sentence)."""

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(index=True)
    coder_id: int | None = Field(default=None, foreign_key="coder.id", index=True)
    sentence_id: int | None = Field(
        default=None, foreign_key="sentence.id", index=True, ondelete="SET NULL"
    )
    confidence: float | None = None
    # JSON: the character spans of the sentence that support each field (for highlighting).
    evidence: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    # --- ACLED columns (codebook §2), current order, then the pre-2023 extras ---
    event_id_cnty: str | None = Field(default=None, index=True)
    event_date: date = Field(sa_column=Column(Date, nullable=False, index=True))
    year: int | None = None
    time_precision: int | None = Field(default=None, sa_column=Column(SmallInteger))
    disorder_type: str | None = None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = Field(default=None, sa_column=Column(SmallInteger))
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = Field(default=None, sa_column=Column(SmallInteger))
    interaction: int | None = Field(default=None, sa_column=Column(SmallInteger))
    civilian_targeting: str | None = None
    iso: int | None = None
    region: str | None = None
    country: str | None = Field(default=None, index=True)
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = Field(default=None, sa_column=Column(Float))
    longitude: float | None = Field(default=None, sa_column=Column(Float))
    geo_precision: int | None = Field(default=None, sa_column=Column(SmallInteger))
    source: str | None = Field(default=None, sa_column=Column(Text))
    source_scale: str | None = None
    notes: str | None = Field(default=None, sa_column=Column(Text))
    fatalities: int | None = None
    tags: str | None = Field(default=None, sa_column=Column(Text))
    timestamp: int | None = Field(default=None, sa_column=Column(BigInteger))
    data_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    event_id_no_cnty: int | None = Field(default=None, sa_column=Column(BigInteger))
    iso3: str | None = None


class EventHistory(SQLModel, table=True):
    """Append-only: one row per change to an event (who, when, what before, what after)."""

    __tablename__ = "event_history"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    coder: str | None = None
    action: str  # suggested / confirmed / edited / rejected / imported / revised / undone ...
    at: datetime = Field(default_factory=utcnow)
    # JSON objects of the ACLED columns and status before and after; null before a creation.
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))


# What a coder can do to a sentence in `coder code` (migration 0002 checks the column).
DECISION_ACTIONS: Final = ("accept", "accept_edited", "add", "edit", "reject", "withdraw",
                           "no_event", "skip", "comment", "flag", "undo")
# Decisions that answer "what happened in this sentence" (a skip, comment or flag does not).
CODING_ACTIONS: Final = ("accept", "accept_edited", "add", "edit", "reject", "withdraw",
                         "no_event")


class Decision(SQLModel, table=True):
    """Append-only: one coder's action on a sentence in `coder code`, and the effort it took.

    `event_id` is the coder's own event the action created or changed, `suggestion_id` the
    suggested event it answered; an undo row points at the decision it undid (`undoes_id`),
    so no row is ever changed. `before` keeps the event's state (JSON) for undoing an edit.
    """

    __table_args__ = (
        CheckConstraint("action IN ('" + "', '".join(DECISION_ACTIONS) + "')", name="action"),
        # The work queue asks "has this coder decided this sentence?" per sentence.
        Index(None, "coder_id", "sentence_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    coder_id: int = Field(foreign_key="coder.id")
    sentence_id: int = Field(foreign_key="sentence.id", index=True, ondelete="CASCADE")
    action: str
    event_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")
    suggestion_id: int | None = Field(default=None, foreign_key="event.id", ondelete="SET NULL")
    undoes_id: int | None = Field(default=None, foreign_key="decision.id", index=True,
                                  ondelete="SET NULL")
    keystrokes: int = 0
    # Active time from the sentence shown to the decision, idle pauses over 2 minutes left out.
    active_ms: int = 0
    comment: str | None = Field(default=None, sa_column=Column(Text))
    before: str | None = Field(default=None, sa_column=Column(Text))
    at: datetime = Field(default_factory=utcnow)


class Assignment(SQLModel, table=True):
    """Which coder codes which document (`coder assign`); a double-coded document has two.

    The first coder's version is the dataset's; the second coder (`second_coder`) codes the same
    sentences blind, for `coder agree`, and their events are left out of the export until
    `coder adjudicate` settles the sentence (migration 0004).
    """

    __table_args__ = (UniqueConstraint("document_id", "coder_id"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    coder_id: int = Field(foreign_key="coder.id", index=True)
    second_coder: bool = False
    assigned_at: datetime = Field(default_factory=utcnow)


class Adjudication(SQLModel, table=True):
    """How a double-coded sentence was settled (`coder adjudicate`), once per sentence.

    The settled events are stored as `adjudicated` events of the adjudicator; from then on
    the export takes them instead of any coder's version. `chosen` is the coder whose
    version was taken, "edited" or "no_event" (migration 0004).
    """

    id: int | None = Field(default=None, primary_key=True)
    sentence_id: int = Field(foreign_key="sentence.id", unique=True, ondelete="CASCADE")
    coder_id: int = Field(foreign_key="coder.id")
    chosen: str
    at: datetime = Field(default_factory=utcnow)


class LearnedModel(SQLModel, table=True):
    """A fitted learned part of the engine (`coder train`), stored so a team trains once.

    `parameters` is the model as JSON (plain counts, never a pickle: a pickle read from a
    shared database would run code). `trained_events` and `trained_until` (the newest
    `updated_at` among them) tell what it was fitted from, so a later load can see it is stale.
    """

    __tablename__ = "learned_model"

    id: int | None = Field(default=None, primary_key=True)
    # Which part: "sub_event_type" for now; one row per part, replaced by each `coder train`.
    name: str = Field(unique=True)
    kind: str
    parameters: str = Field(sa_column=Column(Text, nullable=False))
    texts: int
    trained_events: int
    trained_until: datetime | None = None
    # Cross-validated sub_event_type accuracy on the training texts (None: too few to split).
    cv_accuracy: float | None = Field(default=None, sa_column=Column(Float))
    created_at: datetime = Field(default_factory=utcnow)
