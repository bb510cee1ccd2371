"""Ingest: files -> stored documents, their sentences and the engine's suggestions.

The suggestions are stored as `suggested` events so the session shows them at once. Kept
apart from coder.suggesting, which never touches the store: `coder suggest` and `coder eval`
then start without SQLAlchemy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from coder.engine.document import suggest_document
from coder.engine.knowledge import seed_source_scales
from coder.engine.outlets import own_outlet
from coder.engine.pipeline import DocumentMeta, Knowledge
from coder.ingest import Defaults, read_documents
from coder.schema.models import Document, Sentence
from coder.segment import split_sentences
from coder.store import Store, add_events

# --- suggestions stored for the session -----------------------------------------------------


def store_suggestions(session: Session, document: Document, knowledge: Knowledge) -> int:
    """Run the engine over a stored document's sentences; store the results as `suggested`.

    Returns how many events were stored. Runs inside the caller's transaction (ingest stores a
    file's documents and their suggestions together).
    """
    sentences = list(session.exec(
        select(Sentence).where(Sentence.document_id == document.id).order_by(col(Sentence.index))
    ))
    meta = DocumentMeta(published=document.published, source=document.source,
                        country=document.country)
    found = suggest_document([s.text for s in sentences], meta, knowledge)
    rows = [
        {"status": "suggested", "sentence_id": sentence.id, "confidence": suggestion.confidence,
         "evidence": json.dumps({k: list(v) for k, v in suggestion.evidence.items()}),
         **suggestion.event.filled()}
        for sentence, suggestions in zip(sentences, found, strict=True)
        for suggestion in suggestions
    ]
    stored = len(add_events(session, rows, "suggested", None))
    return stored


# --- ingest: files -> documents, sentences and their suggestions --------------------------------


@dataclass(slots=True)
class IngestTotals:
    """What an ingest run did, for its closing message."""

    documents: int = 0
    sentences: int = 0
    suggestions: int = 0
    known: int = 0


def ingest_files(
    store: Store,
    paths: Sequence[Path],
    defaults: Defaults,
    knowledge: Knowledge | None,
    progress: Callable[[int], None] = lambda _n: None,
) -> IngestTotals:
    """Store each file's documents, sentences and suggestions: one transaction per file.

    A bad file raises InputError before anything of it is written; files before it stay.
    A document without a source (none in the file, no --source) takes the outlet its text
    names as its own (engine.outlets: a dateline or "told AFP").
    """
    totals = IngestTotals()
    outlets = (knowledge.source_scales if knowledge is not None else seed_source_scales()).keys()
    for path in paths:
        drafts = read_documents(path, defaults)  # all-or-nothing: parse before writing
        with store.session() as session:
            for draft in drafts:
                document = Document(
                    text=draft.text, title=draft.title, published=draft.published,
                    source=draft.source or own_outlet(draft.text, outlets),
                    url=draft.url, country=draft.country,
                    content_hash=draft.content_hash, external_id=draft.external_id,
                    origin=draft.origin,
                )
                added = store.add_document(document, split_sentences(draft.text), session)
                if not added.created:
                    totals.known += 1
                    continue
                totals.documents += 1
                totals.sentences += added.sentences
                if knowledge is not None:
                    totals.suggestions += store_suggestions(session, document, knowledge)
        progress(1)
    return totals
