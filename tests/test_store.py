"""The store on both backends: documents and sentences, coders, history rows, transactions."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from coder.schema.codebook import ALL_COLUMNS
from coder.schema.models import Coder, Document, Event, EventHistory, Sentence
from coder.store import Store, event_state

# Non-ASCII on purpose: offsets are characters, not bytes, on both backends.
TEXT = "Rukha, 5 Sept: fighting resumed. \u2018Two died,\u2019 a fighter said 🙏. قتال في بنجشير."


def spans_of(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """The (start, end) of each piece, searched in order."""
    spans, at = [], 0
    for piece in pieces:
        start = text.index(piece, at)
        spans.append((start, start + len(piece)))
        at = start + len(piece)
    return spans


PIECES = ["Rukha, 5 Sept: fighting resumed.", "\u2018Two died,\u2019 a fighter said 🙏.",
          "قتال في بنجشير."]


def document(text: str = TEXT, **meta: object) -> Document:
    return Document.model_validate({
        "text": text, "content_hash": hashlib.sha256(text.strip().encode()).hexdigest(), **meta})


@pytest.fixture
def store(db_url: str) -> Store:
    return Store.open(db_url)


def new_event(**values: object) -> Event:
    return Event.model_validate({
        "status": "suggested", "event_date": date(2021, 9, 5), "event_type": "Battles",
        "sub_event_type": "Armed clash", **values})


# --- documents and sentences ---------------------------------------------------------------------


def test_add_document_stores_sentences_with_exact_offsets(store: Store) -> None:
    spans = spans_of(TEXT, PIECES)
    added = store.add_document(document(title="Valley", published=date(2021, 9, 6)), spans)
    assert added.created and added.sentences == len(PIECES)

    (stored,) = store.documents()
    assert stored.id == added.document_id
    assert stored.text == TEXT
    assert (stored.title, stored.published) == ("Valley", date(2021, 9, 6))
    sentences = store.sentences(added.document_id)
    assert [s.index for s in sentences] == [0, 1, 2]
    assert [(s.start_char, s.end_char) for s in sentences] == spans
    assert [s.text for s in sentences] == PIECES
    assert all(stored.text[s.start_char:s.end_char] == s.text for s in sentences)


def test_same_text_twice_adds_nothing(store: Store) -> None:
    spans = spans_of(TEXT, PIECES)
    first = store.add_document(document(), spans)
    again = store.add_document(document(title="Other title"), spans)
    assert (again.document_id, again.created, again.sentences) == (first.document_id, False, 0)
    assert store.count(Document) == 1
    assert store.count(Sentence) == len(PIECES)
    other = store.add_document(document(TEXT + " More."), spans)
    assert other.created and other.document_id != first.document_id
    assert store.count(Document) == 2


def test_document_without_sentences(store: Store) -> None:
    added = store.add_document(document("   "), [])
    assert added.created and added.sentences == 0
    assert store.sentences(added.document_id) == []


# --- coders --------------------------------------------------------------------------------------


def test_coder_id_is_idempotent(store: Store) -> None:
    with store.session() as session:
        ana = store.coder_id(session, "ana")
        assert store.coder_id(session, "ana") == ana
        bo = store.coder_id(session, "bo")
    with store.session() as session:
        assert store.coder_id(session, "ana") == ana
        assert store.coder_id(session, "bo") == bo
    assert ana != bo
    assert store.count(Coder) == 2


# --- history -------------------------------------------------------------------------------------


def test_record_writes_history_with_json_before_and_after(store: Store) -> None:
    with store.session() as session:
        event = new_event(actor1="Taliban", inter1=2, fatalities=1)
        session.add(event)
        session.flush()
        Store.record(session, event, "suggested", None, None)
        before = event_state(event)
        event.status, event.fatalities = "confirmed", 12
        session.flush()
        Store.record(session, event, "confirmed", "ana", before)
        event_id = event.id

    with store.session() as session:
        rows = session.exec(select(EventHistory).order_by(col(EventHistory.id))).all()
    assert [(r.event_id, r.action, r.coder) for r in rows] == [
        (event_id, "suggested", None), (event_id, "confirmed", "ana")]
    assert rows[0].before is None
    created, confirmed = (json.loads(r.after or "") for r in rows)
    assert json.loads(rows[1].before or "") == created
    assert set(created) == {"status", *ALL_COLUMNS}
    assert (created["status"], created["fatalities"]) == ("suggested", 1)
    assert (confirmed["status"], confirmed["fatalities"]) == ("confirmed", 12)
    assert confirmed["event_date"] == "2021-09-05" and confirmed["actor1"] == "Taliban"
    assert confirmed["actor2"] is None


def test_event_state_holds_plain_values() -> None:
    state = event_state(new_event(latitude=35.3, inter1=1))
    assert state["event_date"] == "2021-09-05"
    assert (state["latitude"], state["inter1"], state["status"]) == (35.3, 1, "suggested")
    assert json.loads(json.dumps(state)) == state


# --- transactions --------------------------------------------------------------------------------


def test_session_rolls_back_everything_on_error(store: Store) -> None:
    spans = spans_of(TEXT, PIECES)
    with pytest.raises(RuntimeError, match="after the document"), store.session() as session:
        store.add_document(document(), spans, session)
        store.coder_id(session, "ana")
        raise RuntimeError("after the document")
    assert (store.count(Document), store.count(Sentence), store.count(Coder)) == (0, 0, 0)


def test_database_error_leaves_nothing_half_stored(store: Store) -> None:
    with store.session() as session:
        store.coder_id(session, "ana")
    with pytest.raises(IntegrityError), store.session() as session:
        store.add_document(document(), spans_of(TEXT, PIECES), session)
        session.add(Coder(name="ana"))  # the name is unique
        session.flush()
    assert (store.count(Document), store.count(Sentence), store.count(Coder)) == (0, 0, 1)
    assert store.add_document(document(), spans_of(TEXT, PIECES)).created


def test_deleting_a_document_deletes_its_sentences_and_unlinks_events(store: Store) -> None:
    """Foreign keys hold on both backends (SQLite only enforces them when asked)."""
    added = store.add_document(document(), spans_of(TEXT, PIECES))
    first = store.sentences(added.document_id)[0]
    with store.session() as session:
        session.add(new_event(sentence_id=first.id))
    with store.session() as session:
        session.delete(session.get(Document, added.document_id))
    assert store.count(Sentence) == 0
    with store.session() as session:
        (event,) = session.exec(select(Event)).all()
    assert event.sentence_id is None


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(IntegrityError), store.session() as session:
        session.add(new_event(sentence_id=999))
    assert store.count(Event) == 0
