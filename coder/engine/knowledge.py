"""The engine's only loader: seeds, the gazetteer cache and what the store teaches.

Everything the suggestion steps look things up in is read here once, validated, and handed
on as one immutable `Knowledge`; the steps themselves do no I/O. What the team imports and
confirms (actor names, regimes, places) is added on top of the seeds, so suggestions grow
with the data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

from sqlmodel import col, func, or_, select

from coder.countries import load_countries
from coder.engine.actors import ActorDictionary, parse_actor_rows, parse_regime_rows
from coder.engine.gazetteer import (
    Gazetteer,
    Place,
    cache_path,
    default_cache_dir,
    default_seed_dir,
    load_gazetteer,
)
from coder.engine.learned import SubEventModel, clean_notes
from coder.engine.pipeline import Knowledge
from coder.schema.models import Event, LearnedModel
from coder.schema.models import Sentence as SentenceRow
from coder.store import (
    REFERENCE_STATUSES,
    Store,
    reference_actors,
    reference_places,
    reference_sources,
)


def _rows(name: str) -> list[dict[str, str]]:
    # Traversable.open() has no newline= (only Path.open does); csv needs newline="" to keep
    # line breaks inside quoted fields, so the text layer is built over the bytes here.
    raw = files("coder.seeds").joinpath(name).open("rb")
    with io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_actors() -> ActorDictionary:
    """The actor dictionary of the seeds alone."""
    countries = load_countries().by_name.values()
    return ActorDictionary.build(
        parse_actor_rows(_rows("actors.csv")),
        parse_regime_rows(_rows("regimes.csv")),
        {c.country: c.demonyms for c in countries if c.demonyms},
        {c.country: c.aliases for c in countries if c.aliases},
    )


def learned_places(
    rows: Iterable[tuple[str, str, str | None, str | None, str | None, float, float, int]],
) -> list[Place]:
    """Places of reference events as gazetteer entries; use count stands in for population."""
    return [
        Place(location, country, admin1, admin2, admin3, latitude, longitude, uses, "place",
              "event")
        for location, country, admin1, admin2, admin3, latitude, longitude, uses in rows
    ]


def load_knowledge(
    store: Store | None = None,
    cache_dir: Path | None = None,
    notify: Callable[[str], None] = lambda _message: None,
) -> Knowledge:
    """Seeds plus, when a store is given, the actors and places of its reference events.

    `notify` hears about slow one-off work (the first build of the place index).
    """
    directory = cache_dir or default_cache_dir()
    if not cache_path(directory, default_seed_dir()).exists():
        notify("building the place index once (GeoNames cities500, about 10 s); "
               f"later runs load it from {directory}")
    gazetteer: Gazetteer = load_gazetteer(directory)
    actors = seed_actors()
    if store is not None:
        actors = actors.with_learned(reference_actors(store))
        gazetteer = gazetteer.add(learned_places(reference_places(store)))
    scales = seed_source_scales()
    if store is not None:
        scales.update(learned_source_scales(reference_sources(store)))
    model = load_sub_event_model(store, notify) if store is not None else None
    return Knowledge(gazetteer=gazetteer, actors=actors, source_scales=scales,
                     sub_event_model=model)


def seed_source_scales() -> dict[str, str]:
    """Outlet (case-folded) -> source_scale from seeds/sources.csv."""
    return {row["source"].casefold(): row["source_scale"] for row in _rows("sources.csv")}


def learned_source_scales(rows: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """Outlet -> its most used scale, from single-outlet (source, source_scale, count) rows."""
    best: dict[str, tuple[int, str]] = {}
    for source, scale, uses in rows:
        if ";" in source or "-" in scale:
            continue  # several outlets: which scale belongs to which is not recorded
        key = source.strip().casefold()
        if uses > best.get(key, (0, ""))[0]:
            best[key] = (uses, scale)
    return {key: scale for key, (_uses, scale) in best.items()}


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
