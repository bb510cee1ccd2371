"""`coder train`: the sub_event_type model fitted from the store, stored in it, loaded back.

Every store test runs on SQLite and PostgreSQL (`db_url`). Event texts are invented; the CLI
test reads a real ACLED sample from ../shared/data.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from typing import Any

from click.testing import CliRunner
from sqlalchemy import inspect
from sqlmodel import col, select, update

from coder import migrate
from coder.cli import cli
from coder.engine.knowledge import load_knowledge
from coder.engine.learned import clean_notes
from coder.engine.taught import (
    SUB_EVENT_MODEL,
    StoredModel,
    load_sub_event_model,
    stored_model,
    training_pairs,
    training_state,
)
from coder.schema.models import Document, Event, LearnedModel, Sentence
from coder.store import Store, add_events, create_db_engine
from coder.training import train
from tests.conftest import shared_file

# (notes, sub_event_type): invented reports, five per type, each type with its own words.
NOTES: list[tuple[str, str]] = [
    *[(f"On {d} May, traders marched to the town hall demanding lower taxes. [size=no report]",
       "Peaceful protest") for d in range(1, 6)],
    *[(f"On {d} May, army troops clashed with rebels near the river crossing.",
       "Armed clash") for d in range(1, 6)],
    *[(f"On {d} May, a roadside bomb exploded under a truck on the highway.",
       "Remote explosive/landmine/IED") for d in range(1, 6)],
]
TYPES = {"Peaceful protest": "Protests", "Armed clash": "Battles",
         "Remote explosive/landmine/IED": "Explosions/Remote violence"}
CONFIRMED_TEXT = "Gunmen abducted two aid workers from their vehicle."


def event(sub_event_type: str, status: str, **values: Any) -> dict[str, Any]:
    return {"status": status, "event_date": date(2021, 5, 1), "event_type":
            {**TYPES, "Abduction/forced disappearance": "Violence against civilians"}
            [sub_event_type], "sub_event_type": sub_event_type, **values}


def stored_of(store: Store) -> StoredModel:
    stored = stored_model(store)
    assert stored is not None, "coder train stored no model"
    return stored


def fill(store: Store) -> None:
    """Imported notes, one event confirmed on a sentence, and events that must not count."""
    with store.session() as session:
        add_events(session, [event(sub, "imported", notes=notes) for notes, sub in NOTES],
                   "imported", None)
        added = store.add_document(
            Document(text=CONFIRMED_TEXT, content_hash=hashlib.sha256(
                CONFIRMED_TEXT.encode()).hexdigest()), [(0, len(CONFIRMED_TEXT))], session)
        sentence = session.exec(select(Sentence).where(
            col(Sentence.document_id) == added.document_id)).one()
        add_events(session, [
            event("Abduction/forced disappearance", "confirmed", sentence_id=sentence.id,
                  notes="a note the sentence outranks"),
            # A suggestion nobody confirmed and a rejected one teach nothing.
            event("Armed clash", "suggested", notes="traders marched to the town hall"),
            event("Armed clash", "rejected", notes="traders marched to the town hall"),
        ], "confirmed", "ana")


def test_training_pairs_are_reference_texts_with_the_leaks_cut(db_url: str) -> None:
    store = Store.open(db_url)
    fill(store)
    pairs = list(training_pairs(store))
    assert sorted(pairs) == sorted([(clean_notes(n), s) for n, s in NOTES]
                                   + [(CONFIRMED_TEXT, "Abduction/forced disappearance")])
    assert not any("size=" in text for text, _ in pairs)


def test_train_stores_the_model_and_what_it_was_fitted_from(db_url: str) -> None:
    store = Store.open(db_url)
    fill(store)
    result = train(store)
    assert result is not None
    assert result.texts == len(NOTES) + 1
    assert result.trained == training_state(store)
    assert result.trained.events == len(NOTES) + 1  # suggested and rejected left out
    assert result.by_event_type() == {"Protests": 5, "Battles": 5,
                                      "Explosions/Remote violence": 5,
                                      "Violence against civilians": 1}
    stored = stored_model(store)
    assert stored is not None
    assert stored.trained == result.trained and stored.texts == result.texts
    assert set(stored.model.classes) == {*TYPES, "Abduction/forced disappearance"}
    assert stored.model.predict("Rebels clashed with army troops.").sub_event_type == (
        "Armed clash")


def test_training_again_replaces_the_stored_model(db_url: str) -> None:
    store = Store.open(db_url)
    fill(store)
    train(store)
    with store.session() as session:
        add_events(session, [event("Armed clash", "imported", notes="Troops clashed again.")],
                   "imported", None)
    again = train(store)
    assert again is not None and again.texts == len(NOTES) + 2
    with store.session() as session:
        rows = session.exec(select(LearnedModel)).all()
        assert [(r.name, r.texts) for r in rows] == [(SUB_EVENT_MODEL, len(NOTES) + 2)]


def test_an_empty_store_trains_nothing(db_url: str) -> None:
    store = Store.open(db_url)
    assert train(store) is None
    assert stored_model(store) is None
    assert load_sub_event_model(store) is None


def test_events_confirmed_after_training_are_counted_in_at_load(db_url: str) -> None:
    """The stored model is fitted once; a load adds what coders confirmed since (and leaves
    the stored row alone)."""
    store = Store.open(db_url)
    fill(store)
    train(store)
    assert load_sub_event_model(store) == stored_of(store).model
    with store.session() as session:
        add_events(session, [event("Armed clash", "confirmed", notes="Militias clashed."),
                             event("Armed clash", "suggested", notes="Militias clashed.")],
                   "confirmed", "ana")
    loaded = load_sub_event_model(store)
    stored = stored_model(store)
    assert loaded is not None and stored is not None
    assert loaded.trained_texts == stored.model.trained_texts + 1
    assert loaded.counts["militias clashed"] == {loaded.classes.index("Armed clash"): 1}
    assert stored.texts == len(NOTES) + 1


def test_a_store_that_lost_events_asks_for_coder_train(db_url: str) -> None:
    store = Store.open(db_url)
    fill(store)
    train(store)
    with store.session() as session:
        session.connection().execute(
            update(Event).where(col(Event.status) == "confirmed").values(status="withdrawn"))
    heard: list[str] = []
    loaded = load_sub_event_model(store, heard.append)
    assert loaded == stored_of(store).model
    assert len(heard) == 1 and "coder train" in heard[0]


def test_knowledge_carries_the_stored_model(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    assert load_knowledge(store).sub_event_model is None
    fill(store)
    train(store)
    assert load_knowledge(store).sub_event_model == stored_of(store).model
    assert load_knowledge(None).sub_event_model is None


# --- the command ---------------------------------------------------------------------------------


def test_coder_train_end_to_end_on_an_acled_sample(db_url: str) -> None:
    sample = shared_file("acled-sample-2023.csv")
    with sample.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", "--db", db_url, str(sample)])
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(cli, ["train", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    texts = sum(1 for row in rows if clean_notes(row["notes"]))
    assert f"on {texts} texts of {len(rows)} reference events" in result.stderr
    assert "cross-validated on" in result.stderr and "sub_event_type 0." in result.stderr
    for event_type in {row["event_type"] for row in rows}:
        assert f"  {event_type}: " in result.stderr
    stored = stored_model(Store.open(db_url))
    assert stored is not None and stored.texts == texts
    assert set(stored.model.classes) == {row["sub_event_type"] for row in rows
                                         if clean_notes(row["notes"])}
    assert stored.cv_accuracy is not None and 0.0 < stored.cv_accuracy <= 1.0


def test_coder_train_on_an_empty_store_exits_1_and_says_what_to_do(db_url: str) -> None:
    result = CliRunner().invoke(cli, ["train", "--db", db_url])
    assert result.exit_code == 1
    assert "nothing to train from" in result.stderr and "coder import" in result.stderr
    assert "Traceback" not in result.output


def test_coder_train_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["train", "--help"])
    assert result.exit_code == 0
    assert "coder train --db" in result.stdout and "--db" in result.stdout


# --- the migration -------------------------------------------------------------------------------


def test_migration_0003_down_drops_the_model_and_keeps_the_events(db_url: str) -> None:
    """The model is derived data: downgrading drops it, events stay; upgrading gives an empty
    table that `coder train` fills again."""
    store = Store.open(db_url)
    fill(store)
    train(store)
    engine = create_db_engine(db_url)
    try:
        with store.session() as session:
            events_before = len(session.exec(select(Event)).all())
        migrate.downgrade(engine, "0002_decisions")
        with engine.connect() as connection:
            assert "learned_model" not in inspect(connection).get_table_names()
        migrate.upgrade(engine)
        store = Store.open(db_url)
        assert stored_model(store) is None
        with store.session() as session:
            assert len(session.exec(select(Event)).all()) == events_before
        assert train(store) is not None and stored_model(store) is not None
    finally:
        engine.dispose()
