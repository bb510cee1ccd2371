"""The seed article stored with hand-written suggestions, for the session's tests and bench.

The suggestions are written here from the article's own words (not by the engine), so the
session tests do not move when the engine's rules change: each one names the words of its
sentence that back its fields, as the engine's evidence does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from coder.ingest import Defaults, read_documents
from coder.schema.models import Document, Event, Sentence
from coder.segment import split_sentences
from coder.store import Store

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "panjshir-2021-08-24.txt"
PUBLISHED = date(2021, 8, 24)


@dataclass(frozen=True)
class Seeded:
    """Ids of what `seed` stored."""

    document_id: int
    sentences: list[int]  # by index in the document
    suggestions: dict[str, int]  # name -> suggested event id


def _span(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


# name -> (words that identify the sentence, values, evidence words per field, confidence)
SUGGESTIONS: dict[str, tuple[str, dict[str, Any], dict[str, str], float]] = {
    # "...since the Taliban took control of Kabul nine days ago": complete, acceptable as is.
    "kabul": ("took control of Kabul", {
        "event_date": date(2021, 8, 15), "time_precision": 1,
        "event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory",
        "actor1": "Taliban", "inter1": 2, "actor2": "Military Forces of Afghanistan (2014-2021)",
        "inter2": 1, "country": "Afghanistan", "admin1": "Kabul", "location": "Kabul",
        "latitude": 34.5281, "longitude": 69.1723, "geo_precision": 1, "fatalities": 0,
    }, {"actor1": "Taliban", "sub_event_type": "took control", "location": "Kabul",
        "event_date": "nine days ago"}, 0.8),
    # "The NRF has set up machine gun nests...": complete, one-sided.
    "nests": ("set up machine gun nests", {
        "event_date": PUBLISHED, "time_precision": 1,
        "event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
        "actor1": "NRF: National Resistance Front", "inter1": 2, "country": "Afghanistan",
        "admin1": "Panjshir", "location": "Panjshir Valley", "latitude": 35.3, "longitude": 69.5,
        "geo_precision": 2, "fatalities": 0,
    }, {"actor1": "NRF", "sub_event_type": "set up", "location": "Panjshir Valley"}, 0.7),
    # "...Panjshir was besieged on three sides": a battle with no second actor (incomplete).
    "besieged": ("was besieged", {
        "event_date": PUBLISHED, "time_precision": 1, "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Taliban", "inter1": 2,
        "country": "Afghanistan", "admin1": "Panjshir", "location": "Panjshir",
        "geo_precision": 3, "fatalities": 0,
    }, {"actor1": "Taliban", "sub_event_type": "besieged", "location": "Panjshir"}, 0.6),
    # The same sentence, read as a troop movement, with low confidence.
    "besieged_move": ("was besieged", {
        "event_date": PUBLISHED, "time_precision": 1,
        "event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
        "actor1": "Taliban", "inter1": 2, "country": "Afghanistan", "admin1": "Panjshir",
        "location": "Panjshir", "geo_precision": 3, "fatalities": 0,
    }, {"actor1": "Taliban", "location": "Panjshir"}, 0.3),
}


def seed(url: str) -> Seeded:
    """Store the seed article (real reader and splitter) and the suggestions above."""
    store = Store.open(url)
    draft = read_documents(SEED_ARTICLE, Defaults())[0]
    document = Document(text=draft.text, title=draft.title, published=draft.published,
                        source="AFP", country=draft.country, content_hash=draft.content_hash)
    added = store.add_document(document, split_sentences(draft.text))
    suggestions: dict[str, int] = {}
    with store.session() as session:
        sentences = list(session.exec(select(Sentence).where(
            col(Sentence.document_id) == added.document_id).order_by(col(Sentence.index))))
        for name, (marker, values, evidence, confidence) in SUGGESTIONS.items():
            sentence = next(s for s in sentences if marker in s.text)
            event = Event(status="suggested", sentence_id=sentence.id, confidence=confidence,
                          evidence=json.dumps({f: _span(sentence.text, w)
                                               for f, w in evidence.items()}), **values)
            session.add(event)
            session.flush()
            assert event.id is not None
            Store.record(session, event, "suggested", None, None)
            suggestions[name] = event.id
    return Seeded(added.document_id, [s.id for s in sentences if s.id is not None],
                  suggestions)
