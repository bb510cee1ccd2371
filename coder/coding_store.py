"""The work queue and the decisions of `coder code`: every query and write the session makes.

Data model (the why is in coder/session.py's docstring): a coder's decision creates or
changes only that coder's own rows. Accepting a suggestion copies it into a new `confirmed`
Event of that coder; rejecting copies it into a `rejected` one; the shared `suggested` row is
never touched, so two coders can code one sentence independently. Every action adds a
`Decision` row (who, what, which sentence and events, keystrokes, active time) and every change
to an event adds an `event_history` row. Undo adds an `undo` decision pointing at the one it
undoes and sets the coder's event to `withdrawn` (or back to its state before an edit):
nothing is deleted, nothing in history is rewritten.

Each write function is one transaction, committed when it returns: the terminal redraws only
after that, so a killed session never loses an answer it showed as done.

Queries touch one sentence at a time through indexed columns (sentence.id, event.sentence_id,
decision (coder_id, sentence_id)); nothing loads the whole event table. The queue runs in
sentence id order, which is document order: a document's sentences are stored together, in
text order, in one transaction (`Store.add_document`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from pydantic import ValidationError
from sqlalchemy import ColumnElement, exists, func, tuple_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from coder.countries import load_countries
from coder.export import own_event_id
from coder.schema.codebook import ALL_COLUMNS
from coder.schema.events import EventFields
from coder.schema.models import (
    CODING_ACTIONS,
    Assignment,
    Coder,
    Decision,
    Document,
    Event,
    Sentence,
    utcnow,
)
from coder.store import Store, event_state

Span = tuple[int, int]

# Decisions that answered a suggestion (the share accepted unchanged / edited / rejected).
ANSWERS: Final = ("accept", "accept_edited", "reject")
_CONFIRMING: Final = ("accept", "accept_edited", "add")
# History action for each decision that changes an event.
_HISTORY_ACTION: Final[Mapping[str, str]] = {
    "accept": "confirmed", "accept_edited": "confirmed", "add": "confirmed",
    "edit": "edited", "reject": "rejected", "withdraw": "withdrawn",
}


@dataclass(frozen=True, slots=True)
class Queue:
    """Which sentences a session works through: all, one document's, one source's, or the
    documents assigned to one coder (any combination)."""

    document_id: int | None = None
    source: str | None = None
    # A coder id: only the documents `coder assign` gave this coder.
    assigned_to: int | None = None


@dataclass(frozen=True, slots=True)
class Effort:
    """What a decision cost: keystrokes, and active milliseconds since the sentence showed."""

    keystrokes: int = 0
    active_ms: int = 0


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The document metadata the screen shows and a new event starts from."""

    id: int
    title: str | None
    source: str | None
    published: date | None
    country: str | None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event row as the session sees it: id, status, validated fields, engine evidence."""

    id: int
    status: str
    fields: EventFields
    confidence: float | None
    evidence: Mapping[str, Span]


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A live decision (not undone, not itself an undo) of the coder on a sentence."""

    id: int
    action: str
    event_id: int | None
    suggestion_id: int | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class SentenceData:
    """Everything the screen shows for one sentence, for one coder."""

    sentence_id: int
    document: DocumentInfo
    index: int  # 0-based position in the document
    count: int  # sentences in the document
    text: str
    previous: str | None
    next: str | None
    suggestions: tuple[StoredEvent, ...]
    own: tuple[StoredEvent, ...]  # this coder's confirmed events on the sentence
    decisions: tuple[DecisionRecord, ...]
    confirmed_in_document: int


@dataclass(frozen=True, slots=True)
class Progress:
    """Sentences in the queue and how many this coder has coded."""

    total: int
    coded: int

    @property
    def left(self) -> int:
        """Sentences of the queue this coder has not coded yet."""
        return max(self.total - self.coded, 0)


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo took back: the action and the sentence it was on."""

    action: str
    sentence_id: int


# --- reading ------------------------------------------------------------------------------------


def _undone() -> ColumnElement[bool]:
    later = aliased(Decision)
    return exists().where(col(later.undoes_id) == Decision.id)


def _live(coder_id: int) -> list[ColumnElement[bool]]:
    return [col(Decision.coder_id) == coder_id, col(Decision.action) != "undo", ~_undone()]


def _in_queue(queue: Queue) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if queue.document_id is not None:
        where.append(col(Sentence.document_id) == queue.document_id)
    if queue.source is not None:
        where.append(col(Sentence.document_id).in_(
            select(Document.id).where(col(Document.source) == queue.source)))
    if queue.assigned_to is not None:
        where.append(col(Sentence.document_id).in_(
            select(Assignment.document_id).where(col(Assignment.coder_id) == queue.assigned_to)))
    return where


def _coded(coder_id: int) -> ColumnElement[bool]:
    return exists().where(col(Decision.sentence_id) == Sentence.id,
                          col(Decision.action).in_(CODING_ACTIONS), *_live(coder_id))


def coded_pairs(store: Store, in_assigned_documents: bool = False) -> list[tuple[int, int]]:
    """(coder id, sentence id) for every sentence a coder has decided (undos undone).

    With `in_assigned_documents`, only sentences of documents assigned to that coder.
    """
    query = select(Decision.coder_id, Decision.sentence_id).distinct().where(
        col(Decision.action).in_(CODING_ACTIONS), ~_undone())
    if in_assigned_documents:
        query = query.where(exists().where(
            col(Assignment.coder_id) == Decision.coder_id,
            col(Assignment.document_id) == Sentence.document_id,
            col(Sentence.id) == Decision.sentence_id))
    with store.session() as session:
        return [(c, s) for c, s in session.exec(query)]


def has_documents(store: Store) -> bool:
    """Whether anything was ingested at all."""
    with store.session() as session:
        return session.exec(select(Sentence.id).limit(1)).first() is not None


def next_uncoded(store: Store, coder_id: int, queue: Queue, after: int = 0) -> int | None:
    """The first sentence of the queue after sentence id `after` the coder has not coded."""
    with store.session() as session:
        query = (select(Sentence.id).where(col(Sentence.id) > after, ~_coded(coder_id),
                                           *_in_queue(queue))
                 .order_by(col(Sentence.id)).limit(1))
        return session.exec(query).first()


def neighbour(store: Store, sentence_id: int, queue: Queue, step: int) -> int | None:
    """The sentence `step` (+1 or -1) places from `sentence_id` in the queue, if any."""
    with store.session() as session:
        if step > 0:
            query = select(Sentence.id).where(col(Sentence.id) > sentence_id) \
                .order_by(col(Sentence.id))
        else:
            query = select(Sentence.id).where(col(Sentence.id) < sentence_id) \
                .order_by(col(Sentence.id).desc())
        return session.exec(query.where(*_in_queue(queue)).limit(1)).first()


def sentence_of_document(store: Store, document_id: int, number: int) -> int | None:
    """The id of sentence `number` (1-based) of a document."""
    with store.session() as session:
        return session.exec(select(Sentence.id).where(
            col(Sentence.document_id) == document_id, col(Sentence.index) == number - 1)).first()


def search(store: Store, queue: Queue, text: str, after: int) -> int | None:
    """The next sentence of the queue after `after` containing `text` (case-insensitive),
    wrapping round to the start."""
    pattern = f"%{text.casefold()}%"
    with store.session() as session:
        for where in (col(Sentence.id) > after, col(Sentence.id) <= after):
            found = session.exec(
                select(Sentence.id)
                .where(func.lower(Sentence.text).like(pattern), where, *_in_queue(queue))
                .order_by(col(Sentence.id)).limit(1)).first()
            if found is not None:
                return found
    return None


def queue_size(store: Store, queue: Queue) -> int:
    """How many sentences the queue holds (counted once per session: it only grows by ingest)."""
    with store.session() as session:
        return session.exec(select(func.count()).select_from(Sentence)
                            .where(*_in_queue(queue))).one()


def progress(store: Store, coder_id: int, queue: Queue, total: int) -> Progress:
    """The coder's progress through a queue of `total` sentences."""
    with store.session() as session:
        coded = session.exec(
            select(func.count(col(Decision.sentence_id).distinct()))
            .join(Sentence, col(Sentence.id) == Decision.sentence_id)
            .where(col(Decision.action).in_(CODING_ACTIONS), *_live(coder_id),
                   *_in_queue(queue))).one()
    return Progress(total, coded)


def load_sentence(store: Store, sentence_id: int, coder_id: int) -> SentenceData:
    """One sentence, its neighbours, its suggestions and this coder's events and decisions."""
    with store.session() as session:
        sentence = session.get(Sentence, sentence_id)
        if sentence is None:
            raise LookupError(f"no sentence {sentence_id}")
        document = session.get(Document, sentence.document_id)
        assert document is not None
        around = neighbours(session, [sentence])
        count = session.exec(select(func.count()).select_from(Sentence).where(
            col(Sentence.document_id) == sentence.document_id)).one()
        events = session.exec(select(Event).where(col(Event.sentence_id) == sentence_id)
                              .order_by(col(Event.id))).all()
        decisions = session.exec(select(Decision).where(
            col(Decision.sentence_id) == sentence_id, *_live(coder_id))
            .order_by(col(Decision.id))).all()
        # Only the sentence_id condition, filtered here: given coder or status too, SQLite's
        # planner walks every confirmed event (ix_event_status) instead of this document's.
        in_document = session.exec(
            select(Event.coder_id, Event.status).where(col(Event.sentence_id).in_(
                select(Sentence.id).where(col(Sentence.document_id) == sentence.document_id))))
        confirmed = sum(1 for coder, status in in_document
                        if coder == coder_id and status == "confirmed")
    return SentenceData(
        sentence_id=sentence_id,
        document=DocumentInfo(document.id or 0, document.title, document.source,
                              document.published, document.country),
        index=sentence.index, count=count, text=sentence.text,
        previous=around.get((sentence.document_id, sentence.index - 1)),
        next=around.get((sentence.document_id, sentence.index + 1)),
        suggestions=tuple(stored_event(e) for e in events if e.status == "suggested"),
        own=tuple(stored_event(e) for e in events
                  if e.coder_id == coder_id and e.status == "confirmed"),
        decisions=tuple(DecisionRecord(d.id or 0, d.action, d.event_id, d.suggestion_id,
                                       d.comment) for d in decisions),
        confirmed_in_document=confirmed,
    )


def neighbours(session: Session, sentences: Sequence[Sentence]) -> dict[tuple[int, int], str]:
    """The text of the sentences just before and after each of these in its document, by
    (document id, index): one query for the session's sentence, a few for adjudication's
    whole list (500 pairs a query: SQLite caps bound parameters)."""
    wanted = sorted({(s.document_id, s.index + step) for s in sentences for step in (-1, 1)})
    found: dict[tuple[int, int], str] = {}
    for start in range(0, len(wanted), _NEIGHBOURS_PER_QUERY):
        found.update(((d, i), text) for d, i, text in session.exec(
            select(Sentence.document_id, Sentence.index, Sentence.text)
            .where(tuple_(col(Sentence.document_id), col(Sentence.index))
                   .in_(wanted[start:start + _NEIGHBOURS_PER_QUERY]))))
    return found


_NEIGHBOURS_PER_QUERY: Final = 500


def stored_event(event: Event) -> StoredEvent:
    """An Event row as a StoredEvent; a row that breaks a codebook rule keeps its values."""
    values = {c: getattr(event, c) for c in ALL_COLUMNS}
    try:
        fields = EventFields.model_validate(values)
    except ValidationError:  # shown as stored; the edit form then names the broken rule
        fields = EventFields.model_construct(**values)
    return StoredEvent(event.id or 0, event.status, fields, event.confidence,
                       _evidence(event.evidence))


def _evidence(text: str | None) -> Mapping[str, Span]:
    if not text:
        return {}
    try:
        raw = json.loads(text)
    except json.JSONDecodeError:
        return {}
    spans: dict[str, Span] = {}
    if isinstance(raw, dict):
        for name, value in raw.items():
            if (isinstance(value, list) and len(value) == 2
                    and all(isinstance(v, int) for v in value)):
                spans[str(name)] = (value[0], value[1])
    return spans


# --- writing: one transaction each ----------------------------------------------------------


def coder_id(store: Store, name: str) -> int:
    """The coder's id, adding the coder on first use."""
    with store.session() as session:
        return store.coder_id(session, name)


def _decide(session: Session, coder: int, sentence_id: int, action: str, effort: Effort,
            **values: Any) -> Decision:
    decision = Decision(coder_id=coder, sentence_id=sentence_id, action=action,
                        keystrokes=effort.keystrokes, active_ms=effort.active_ms,
                        at=utcnow(), **values)
    session.add(decision)
    session.flush()
    return decision


def with_defaults(fields: EventFields) -> EventFields:
    """The event as confirmed: derived columns filled, and ACLED's defaults where blank
    (fatalities 0 when none are reported, codebook §8; time_precision 1)."""
    derived = fields.derived()
    update: dict[str, Any] = {}
    if derived.fatalities is None:
        update["fatalities"] = 0
    if derived.time_precision is None and derived.event_date is not None:
        update["time_precision"] = 1
    return derived.model_copy(update=update) if update else derived


def _column_values(fields: EventFields) -> dict[str, Any]:
    values = with_defaults(fields).model_dump()
    return {c: values[c] for c in ALL_COLUMNS}


def confirm(store: Store, coder: str, sentence_id: int, fields: EventFields,
            suggestion: StoredEvent | None, effort: Effort) -> int:
    """Store the coder's confirmed event (a suggestion accepted, edited or a new one).

    The action is `accept` when `fields` equal the suggestion's, `accept_edited` when they
    differ, `add` without a suggestion. Returns the new event's id.
    """
    if suggestion is None:
        action = "add"
    elif with_defaults(fields) == with_defaults(suggestion.fields):
        action = "accept"
    else:
        action = "accept_edited"
    with store.session() as session:
        cid = store.coder_id(session, coder)
        before = _suggestion_state(suggestion) if action == "accept_edited" else None
        event = add_event(session, store, coder, sentence_id, fields, "confirmed",
                          _HISTORY_ACTION[action], suggestion, before)
        assert event.id is not None
        _decide(session, cid, sentence_id, action, effort, event_id=event.id,
                suggestion_id=suggestion.id if suggestion else None)
        return event.id


def add_event(session: Session, store: Store, coder: str, sentence_id: int,
              fields: EventFields, status: str, history_action: str,
              suggestion: StoredEvent | None = None,
              before: dict[str, Any] | None = None) -> Event:
    """A coder's new event on a sentence, with its own event id and a history row.

    ACLED's defaults and derived columns are filled (`with_defaults`); the suggestion it
    came from, if any, lends its confidence and evidence spans. Flushed, not committed.
    """
    event = Event(status=status, coder_id=store.coder_id(session, coder),
                  sentence_id=sentence_id,
                  confidence=suggestion.confidence if suggestion else None,
                  evidence=_evidence_json(suggestion), **_column_values(fields))
    event.event_id_cnty = None
    session.add(event)
    session.flush()
    assert event.id is not None
    # Frozen at creation (export.own_event_id): the id stays when the country changes.
    country = load_countries().find(event.country)
    event.event_id_cnty = own_event_id(event.id, event.iso3 or (country.iso3 if country
                                                                 else None))
    session.flush()
    store.record(session, event, history_action, coder, before)
    return event


def _evidence_json(suggestion: StoredEvent | None) -> str | None:
    if suggestion is None or not suggestion.evidence:
        return None
    return json.dumps({k: list(v) for k, v in suggestion.evidence.items()})


def _suggestion_state(suggestion: StoredEvent | None) -> dict[str, Any] | None:
    if suggestion is None:
        return None
    state: dict[str, Any] = {"status": suggestion.status}
    for name, value in suggestion.fields.model_dump().items():
        state[name] = value.isoformat() if isinstance(value, date) else value
    return state


def reject(store: Store, coder: str, sentence_id: int, suggestion: StoredEvent,
           effort: Effort) -> int:
    """Record the coder's rejection of a suggestion as their own `rejected` copy of it."""
    with store.session() as session:
        cid = store.coder_id(session, coder)
        shared = session.get(Event, suggestion.id)
        assert shared is not None
        event = Event(status="rejected", coder_id=cid, sentence_id=sentence_id,
                      confidence=shared.confidence, evidence=shared.evidence,
                      **{c: getattr(shared, c) for c in ALL_COLUMNS})
        session.add(event)
        session.flush()
        assert event.id is not None
        store.record(session, event, "rejected", coder, None)
        _decide(session, cid, sentence_id, "reject", effort, event_id=event.id,
                suggestion_id=suggestion.id)
        return event.id


def revise(store: Store, coder: str, event_id: int, fields: EventFields, effort: Effort) -> None:
    """Change the coder's confirmed event in place (history keeps the state before)."""
    _change(store, coder, event_id, "edit", effort, _column_values(fields) | {"status":
                                                                              "confirmed"})


def withdraw(store: Store, coder: str, event_id: int, effort: Effort) -> None:
    """Take back the coder's confirmed event: it becomes `withdrawn`, not deleted."""
    _change(store, coder, event_id, "withdraw", effort, {"status": "withdrawn"})


def _change(store: Store, coder: str, event_id: int, action: str, effort: Effort,
            values: Mapping[str, Any]) -> None:
    with store.session() as session:
        cid = store.coder_id(session, coder)
        event = session.get(Event, event_id)
        if event is None or event.coder_id != cid:
            raise LookupError(f"event {event_id} is not {coder}'s")
        before = event_state(event)
        for name, value in values.items():
            setattr(event, name, value)
        event.updated_at = utcnow()
        session.flush()
        store.record(session, event, _HISTORY_ACTION[action], coder, before)
        assert event.sentence_id is not None
        _decide(session, cid, event.sentence_id, action, effort, event_id=event_id,
                before=json.dumps(before, default=str, sort_keys=True))


def mark(store: Store, coder: str, sentence_id: int, action: str, effort: Effort,
         comment: str | None = None) -> None:
    """Record a decision about the sentence itself: no_event, skip, comment or flag."""
    if action not in ("no_event", "skip", "comment", "flag"):
        raise ValueError(f"{action!r} is not a sentence mark")
    with store.session() as session:
        _decide(session, store.coder_id(session, coder), sentence_id, action, effort,
                comment=comment)


def undo_last(store: Store, coder: str, effort: Effort) -> Undone | None:
    """Undo the coder's latest decision still in force, on whatever sentence it was.

    Returns what was undone, or None when nothing is left to undo.
    """
    with store.session() as session:
        cid = store.coder_id(session, coder)
        target = session.exec(select(Decision).where(*_live(cid))
                              .order_by(col(Decision.id).desc()).limit(1)).first()
        if target is None:
            return None
        if target.event_id is not None:
            _restore(store, session, coder, target)
        _decide(session, cid, target.sentence_id, "undo", effort, undoes_id=target.id,
                event_id=target.event_id)
        return Undone(target.action, target.sentence_id)


def _restore(store: Store, session: Session, coder: str, target: Decision) -> None:
    event = session.get(Event, target.event_id)
    if event is None:  # deleted since (SET NULL came later): nothing to restore
        return
    before = event_state(event)
    if target.before is None:  # the decision created the event: take it back
        event.status = "withdrawn"
    else:
        state = json.loads(target.before)
        for name in ("status", *ALL_COLUMNS):
            value = state.get(name)
            if name == "event_date" and isinstance(value, str):
                value = date.fromisoformat(value)
            setattr(event, name, value)
    event.updated_at = utcnow()
    session.flush()
    store.record(session, event, "undone", coder, before)


# --- effort (coder stats) -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoderEffort:
    """One coder's effort in `coder code`: confirmed events, time, keys, how they answered.

    Time and keystrokes count every decision, undone ones too (the effort was spent);
    confirmed events and answers count only decisions still in force.
    """

    coder: str
    decisions: int
    confirmed: int
    active_ms: int
    keystrokes: int
    accepted_unchanged: int
    edited: int
    rejected: int

    @property
    def events_per_hour(self) -> float | None:
        """Confirmed events per hour of active time (None before any time was measured)."""
        return self.confirmed * 3_600_000 / self.active_ms if self.active_ms else None

    @property
    def keystrokes_per_event(self) -> float | None:
        """Keystrokes spent per confirmed event (None before any confirmation)."""
        return self.keystrokes / self.confirmed if self.confirmed else None

    def share(self, answer: str) -> float | None:
        """The share of answered suggestions that were `accepted_unchanged`, `edited` or
        `rejected`; None before any suggestion was answered."""
        answered = self.accepted_unchanged + self.edited + self.rejected
        return getattr(self, answer) / answered if answered else None

    def as_json(self) -> dict[str, Any]:
        """Plain values for `coder stats --json`."""
        return {
            "coder": self.coder, "decisions": self.decisions, "confirmed": self.confirmed,
            "active_ms": self.active_ms, "keystrokes": self.keystrokes,
            "events_per_hour": self.events_per_hour,
            "keystrokes_per_event": self.keystrokes_per_event,
            "accepted_unchanged": self.share("accepted_unchanged"),
            "edited": self.share("edited"), "rejected": self.share("rejected"),
        }


def summarise_effort(rows: Iterable[tuple[str, str, bool, int, int, int]]) -> list[CoderEffort]:
    """CoderEffort per coder from (coder, action, undone, decisions, keystrokes, active_ms)
    groups; coders by name."""
    totals: dict[str, dict[str, int]] = {}
    for name, action, undone, n, keys, millis in rows:
        t = totals.setdefault(name, dict.fromkeys(
            ("decisions", "active_ms", "keystrokes", *_CONFIRMING, "reject", "withdraw"), 0))
        t["decisions"] += n
        t["keystrokes"] += keys
        t["active_ms"] += millis
        if not undone and action in t:
            t[action] += n
    return [
        CoderEffort(
            coder=name, decisions=t["decisions"],
            # A withdrawn confirmation no longer counts as a confirmed event.
            confirmed=max(sum(t[a] for a in _CONFIRMING) - t["withdraw"], 0),
            active_ms=t["active_ms"], keystrokes=t["keystrokes"],
            accepted_unchanged=t["accept"], edited=t["accept_edited"], rejected=t["reject"])
        for name, t in sorted(totals.items())
    ]


def effort_by_coder(store: Store) -> list[CoderEffort]:
    """Per coder: events per hour, keystrokes per confirmed event, answers to suggestions."""
    undone = _undone().label("undone")
    with store.session() as session:
        # sqlalchemy's select: sqlmodel's overloads stop at four columns.
        rows = session.execute(
            sa_select(col(Coder.name), col(Decision.action), undone, func.count(),
                      func.sum(Decision.keystrokes), func.sum(Decision.active_ms))
            .join(Coder, col(Coder.id) == Decision.coder_id)
            .where(col(Decision.action) != "undo")
            .group_by(Coder.name, Decision.action, undone)).all()
        # Undo keystrokes are effort too, though they answer nothing.
        undo_rows = session.exec(
            select(Coder.name, func.count(), func.sum(Decision.keystrokes),
                   func.sum(Decision.active_ms))
            .join(Coder, col(Coder.id) == Decision.coder_id)
            .where(col(Decision.action) == "undo").group_by(Coder.name)).all()
    grouped = [(n, a, bool(u), int(c), int(k or 0), int(m or 0)) for n, a, u, c, k, m in rows]
    grouped += [(n, "undo", False, int(c), int(k or 0), int(m or 0))
                for n, c, k, m in undo_rows]
    return summarise_effort(grouped)

