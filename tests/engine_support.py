"""Helpers shared by the engine's case tables (tests/engine/): one definition each."""

from __future__ import annotations

from datetime import date

from coder.engine.actors import ActorMention
from coder.engine.classify import classify, is_reportable
from coder.engine.document import suggest_document
from coder.engine.gazetteer import Gazetteer
from coder.engine.pipeline import DocumentMeta, Knowledge
from coder.engine.places import PlaceEvidence, find_places
from coder.schema.events import EventFields


def best_sub_event(sentence: str, hints: tuple[int, ...] = ()) -> str | None:
    """The best candidate's sub-event type, None when the sentence reports no event."""
    if not is_reportable(sentence)[0]:
        return None
    found = classify(sentence, hints)
    return found[0].sub_event_type if found else None


def mention_at(sentence: str, words: str, actor: str, inter: int, role: str = "unknown",
               nth: int = 0) -> ActorMention:
    """A mention of `actor` on the nth occurrence of `words` in the sentence."""
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(words, start + 1)
    return ActorMention(actor, inter, (start, start + len(words)), 0.9, role)


def places_of(sentence: str, gazetteer: Gazetteer, country: str) -> list[PlaceEvidence]:
    """The places found in the document's country (the pipeline drops the others)."""
    return [e for e in find_places(sentence, gazetteer, country) if e.place.country == country]


def only_place(sentence: str, gazetteer: Gazetteer, country: str) -> PlaceEvidence:
    """The one place found in the document's country (fails the test otherwise)."""
    found = places_of(sentence, gazetteer, country)
    assert len(found) == 1, [e.place.location for e in found]
    return found[0]


# A day of the 2020 ACLED sample: the publication date of the document-level case tables.
SAMPLE_DAY = date(2020, 5, 9)


def document_events(knowledge: Knowledge, sentences: list[str], country: str | None,
                    published: date = SAMPLE_DAY) -> list[EventFields]:
    """Every event the document step suggests for the sentences, in order."""
    found = suggest_document(sentences, DocumentMeta(published=published, country=country),
                             knowledge)
    return [s.event for row in found for s in row]
