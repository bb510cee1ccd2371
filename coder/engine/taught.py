"""What the store teaches the engine: the actors, places and outlets of its reference events
(imported, confirmed, adjudicated) and the sub_event_type model `coder train` stored.

Apart from knowledge.py, which loads the seeds, so that a run without a store (`coder
suggest` without --db) never imports the store layer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlmodel import col, func, or_, select

from coder.engine.knowledge import (
    learned_district_places,
    learned_places,
    learned_source_scales,
)
from coder.engine.learned import SubEventModel, clean_notes
from coder.engine.pipeline import Knowledge
from coder.schema.models import Event, LearnedModel
from coder.schema.models import Sentence as SentenceRow
from coder.store import (
    REFERENCE_STATUSES,
    Store,
    reference_actors,
    reference_district_places,
    reference_places,
    reference_sources,
)


def taught(seeds: Knowledge, store: Store,
           notify: Callable[[str], None] = lambda _message: None) -> Knowledge:
    """The seeds' knowledge with the store's reference actors, places, outlets' scales and
    sub_event_type model added (what the store knows ranks first)."""
    return replace(
        seeds,
        gazetteer=seeds.gazetteer.add(
            learned_places(reference_places(store)),
            learned_district_places(reference_district_places(store))),
        actors=seeds.actors.with_learned(reference_actors(store)),
        source_scales={**seeds.source_scales,
                       **learned_source_scales(reference_sources(store))},
        sub_event_model=load_sub_event_model(store, notify),
    )


# --- the learned sub_event_type model (`coder train`) -----------------------------------------

SUB_EVENT_MODEL = "sub_event_type"
# Events confirmed or imported after the last `coder train` that a load still folds into the
# model itself (naive Bayes counts add up exactly); beyond this many, reading their text on
# every load would cost more than it is worth, and the load asks for `coder train` instead.
MAX_FOLDED = 5000
# Long notes are cut: the report's first sentences say what happened; the rest is context.
_MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class TrainingState:
    """What the reference events are now: how many, and the newest `updated_at` among them."""

    events: int
    newest: datetime | None


@dataclass(frozen=True, slots=True)
class StoredModel:
    """A `learned_model` row read back: the model and what it was fitted from."""

    model: SubEventModel
    trained: TrainingState
    texts: int
    cv_accuracy: float | None
    created_at: datetime


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def training_state(store: Store) -> TrainingState:
    """Count and newest update of the reference events: one aggregate query, cheap."""
    with store.session() as session:
        query = (select(func.count(), func.max(col(Event.updated_at)))
                 .where(col(Event.status).in_(REFERENCE_STATUSES)))
        count, newest = session.exec(query).one()
    return TrainingState(int(count), _aware(newest))


def training_pairs(store: Store, since: datetime | None = None,
                   batch: int = 2000) -> Iterator[tuple[str, str]]:
    """(text, sub_event_type) of reference events updated after `since` (all when None).

    The text is the sentence a coder confirmed the event on, else the event's notes with the
    answer leaks cut (`clean_notes`): what the engine will see is what it should learn from.
    Streams in batches, so a large import is never held in memory at once.
    """
    query = (
        select(col(Event.sub_event_type), col(SentenceRow.text), col(Event.notes))
        .join(SentenceRow, col(Event.sentence_id) == col(SentenceRow.id), isouter=True)
        .where(col(Event.status).in_(REFERENCE_STATUSES))
        .where(or_(col(Event.sentence_id).is_not(None), col(Event.notes).is_not(None)))
        .order_by(col(Event.id))
    )
    if since is not None:
        query = query.where(col(Event.updated_at) > since)
    with store.session() as session:
        rows = session.exec(query.execution_options(yield_per=batch))
        for sub_event_type, sentence, notes in rows:
            text = sentence if sentence else clean_notes(notes or "")
            if text:
                yield text[:_MAX_TEXT], sub_event_type


def stored_model(store: Store) -> StoredModel | None:
    """The sub_event_type model `coder train` stored, or None (never trained, or unreadable)."""
    with store.session() as session:
        row = session.exec(
            select(LearnedModel).where(col(LearnedModel.name) == SUB_EVENT_MODEL)).first()
        if row is None:
            return None
        try:
            model = SubEventModel.from_json(json.loads(row.parameters))
        except ValueError:
            return None  # another coder version's model: `coder train` rebuilds it
        return StoredModel(model, TrainingState(row.trained_events, _aware(row.trained_until)),
                           row.texts, row.cv_accuracy, _aware(row.created_at) or row.created_at)


def load_sub_event_model(
    store: Store, notify: Callable[[str], None] = lambda _message: None,
) -> SubEventModel | None:
    """The stored model, with events confirmed or imported since `coder train` counted in.

    Staleness is one aggregate query. Newer events (up to MAX_FOLDED) are added to the counts
    in memory: an edited event is counted again and a withdrawn one is not taken out, until
    the next `coder train` refits from scratch. Nothing is written here.
    """
    stored = stored_model(store)
    if stored is None:
        return None
    if training_state(store) == stored.trained:
        return stored.model
    since = stored.trained.newest
    changed = _changed_since(store, since) if since is not None else None
    if changed is not None and 0 < changed <= MAX_FOLDED:
        return stored.model.add(training_pairs(store, since=since))
    notify("the sub-event model is older than the store's events (some were removed, or "
           f"more than {MAX_FOLDED} are new): run `coder train` to refit it")
    return stored.model


def _changed_since(store: Store, since: datetime) -> int:
    with store.session() as session:
        return int(session.exec(
            select(func.count()).where(col(Event.status).in_(REFERENCE_STATUSES))
            .where(col(Event.updated_at) > since)).one())
