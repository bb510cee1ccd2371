"""Documents through the engine: `coder suggest` JSONL and `coder eval` gold files.

This module sits above the engine (it splits sentences and calls `pipeline.suggest` per
sentence); the engine's steps stay pure and know nothing of files or the store.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from pydantic import ValidationError

from coder.engine.document import suggest_document
from coder.engine.evaluate import (
    Fix,
    GoldEvent,
    PlaceFill,
    Report,
    accumulate,
    score_line,
    values_agree,
)
from coder.engine.gazetteer import place_fields
from coder.engine.outlets import own_outlet
from coder.engine.pipeline import DocumentMeta, Knowledge, Suggestion
from coder.errors import InputError
from coder.ingest import Defaults, json_object, parse_row
from coder.schema.events import EventFields, field_of, reason_of
from coder.segment import split_sentences

# Lines handed to a worker at a time: large enough to amortise pickling, small enough that
# output keeps flowing on a pipe.
_CHUNK: Final = 16


@dataclass(frozen=True, slots=True)
class Request:
    """One `coder suggest` input line: an id, a text and what is known of its document."""

    id: str | None
    text: str
    meta: DocumentMeta


@dataclass(frozen=True, slots=True)
class GoldLine:
    """One gold line: the request and the true events of its whole text."""

    request: Request
    events: tuple[GoldEvent, ...]
    line: int = 0  # its line number in the gold file


def parse_request(line: str, path: str, number: int) -> Request:
    """A JSONL line as a request; InputError names the file, line and field.

    Only `text` is required (contracts.md 3); it may be empty, which gets an empty answer.
    """
    return request_of(json_object(line, path, number), path, number)


def request_of(row: dict[str, Any], path: str, number: int) -> Request:
    """A parsed JSON object as a request (shared by suggest input and gold lines)."""
    text = row.get("text")
    if not isinstance(text, str):
        reason = "is missing" if text is None else f"must be a string, got {text!r}"
        raise InputError(path, number, "text", reason)
    if text.strip():
        draft = parse_row(row, f"{path}:{number}", path, number, Defaults())
        meta = DocumentMeta(published=draft.published, source=draft.source,
                            country=draft.country)
        return Request(draft.external_id, text, meta)
    # Empty text gets an empty answer, but its metadata is checked all the same: a lone
    # surrogate in `id` would otherwise crash the UTF-8 output instead of exiting 2.
    draft = parse_row({**row, "text": "-"}, f"{path}:{number}", path, number, Defaults())
    return Request(draft.external_id, text, DocumentMeta())


def answer(request: Request, knowledge: Knowledge) -> dict[str, Any]:
    """The contracts.md 3 output object for one request."""
    spans, texts, found = _suggested(request, knowledge)
    sentences = [
        {"start": start, "end": end, "text": text, "events": [_event_json(s) for s in events]}
        for (start, end), text, events in zip(spans, texts, found, strict=True)
    ]
    return {"id": request.id, "sentences": sentences}


def _event_json(suggestion: Suggestion) -> dict[str, Any]:
    data = suggestion.as_json()
    data["evidence"] = {name: list(span) for name, span in suggestion.evidence.items()}
    return data


# --- streaming, with worker processes for large inputs ------------------------------------------

_WORKER_KNOWLEDGE: Knowledge | None = None


def _work(item: tuple[Request, ...]) -> list[str]:
    assert _WORKER_KNOWLEDGE is not None
    return [json.dumps(answer(r, _WORKER_KNOWLEDGE), ensure_ascii=False) for r in item]


def _chunks(requests: Iterable[Request], size: int) -> Iterator[tuple[Request, ...]]:
    batch: list[Request] = []
    for request in requests:
        batch.append(request)
        if len(batch) == size:
            yield tuple(batch)
            batch = []
    if batch:
        yield tuple(batch)


def answer_stream(
    requests: Iterable[Request], knowledge: Knowledge, workers: int = 1
) -> Iterator[str]:
    """JSON output lines in input order; `workers` > 1 spreads the work over processes.

    Workers are forked after the knowledge is loaded, so they share it copy-on-write instead
    of each loading the gazetteer again.
    """
    global _WORKER_KNOWLEDGE
    if workers <= 1:
        for request in requests:
            yield json.dumps(answer(request, knowledge), ensure_ascii=False)
        return
    _WORKER_KNOWLEDGE = knowledge
    failures: list[Exception] = []

    def guarded() -> Iterator[Request]:
        # A bad input line must not reach the pool: imap would ship the exception to a
        # worker to re-raise, InputError does not unpickle there, and the pool hangs. Stop
        # reading instead, answer the lines before it, then raise here as one worker would.
        try:
            yield from requests
        except Exception as exc:
            failures.append(exc)

    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for lines in pool.imap(_work, _chunks(guarded(), _CHUNK)):
            yield from lines
    if failures:
        raise failures[0]


# --- gold files and evaluation ---------------------------------------------------------------

_ALIASES: Final = ("actor1_aliases", "actor2_aliases")


def parse_gold_line(line: str, path: str, number: int) -> GoldLine:
    """A gold line (contracts.md 4); a bad event names its field."""
    row = json_object(line, path, number)
    request = request_of(row, path, number)
    raw_events = row.get("events", [])
    if not isinstance(raw_events, list):
        raise InputError(path, number, "events", "must be a list of event objects")
    return GoldLine(request, tuple(_gold_event(e, path, number) for e in raw_events), number)


def _gold_event(raw: Any, path: str, number: int) -> GoldEvent:
    if not isinstance(raw, dict):
        raise InputError(path, number, "events", f"expected an object, got {raw!r}")
    aliases = {name: tuple(raw.get(name) or ()) for name in _ALIASES}
    fields = {k: v for k, v in raw.items() if k not in _ALIASES}
    try:
        event = EventFields.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(path, number, field_of(dict(first)), reason_of(dict(first))) from exc
    return GoldEvent(event.derived(), aliases["actor1_aliases"], aliases["actor2_aliases"])


def read_gold(lines: Iterable[str], path: str) -> list[GoldLine]:
    """Every non-blank line of a gold file."""
    return [parse_gold_line(line, path, n) for n, line in enumerate(lines, 1) if line.strip()]


def suggestions_for(request: Request, knowledge: Knowledge) -> list[EventFields]:
    """Every event the engine suggests for the whole text of a request."""
    return [s.event for events in _suggested(request, knowledge)[2] for s in events]


def _suggested(request: Request, knowledge: Knowledge
               ) -> tuple[list[tuple[int, int]], list[str], list[list[Suggestion]]]:
    """The request's sentence spans, their texts and the engine's events for each."""
    spans = split_sentences(request.text)
    texts = [request.text[start:end] for start, end in spans]
    return spans, texts, suggest_document(texts, meta_with_source(request, knowledge), knowledge)


def meta_with_source(request: Request, knowledge: Knowledge) -> DocumentMeta:
    """The request's metadata, its source read from the text when the request gives none."""
    if request.meta.source is not None:
        return request.meta
    return replace(request.meta, source=own_outlet(request.text, knowledge.source_scales))


def evaluate_gold(
    gold: Sequence[GoldLine], knowledge: Knowledge,
    progress: Callable[[int], None] = lambda _n: None,
    on_fixes: Callable[[GoldLine, list[Fix]], None] = lambda _line, _fixes: None,
) -> Report:
    """Run the engine over each gold line and score it; `on_fixes` hears each line's fixes.

    What choosing a gold location fills (evaluate's fields to fix) comes from the gazetteer,
    learned places included (`place_fill`).
    """
    report = Report()
    for line in gold:
        fixes = accumulate(
            report, score_line(line.events, suggestions_for(line.request, knowledge)),
            lambda event: place_fill(event, knowledge))
        on_fixes(line, fixes)
        progress(1)
    return report


def fixes_row(line: GoldLine, fixes: Sequence[Fix]) -> dict[str, Any]:
    """One gold line's fixes as `coder eval --fixes` writes them (a JSON object)."""
    return {
        "line": line.line, "text": line.request.text,
        "fixes": [{"event": fix.gold_index, "field": fix.field, "gold": fix.gold,
                   "suggested": fix.suggested} for fix in fixes],
    }


def place_fill(event: EventFields, knowledge: Knowledge) -> PlaceFill:
    """Which of the event's place fields choosing its location in the session fills right.

    The coder picks the gazetteer's place of that name in that country whose centroid is
    the event's (within the coordinate tolerance), or the first one when the event has no
    coordinates; None when there is no such place: everything is typed.
    """
    assert event.location is not None
    for place in knowledge.gazetteer.lookup(event.location, event.country):
        if event.country is not None and place.country != event.country:
            continue
        if event.latitude is None or event.longitude is None or (
                values_agree("latitude", place.latitude, event.latitude)
                and values_agree("longitude", place.longitude, event.longitude)):
            return {name: values_agree(name, value, getattr(event, name))
                    for name, value in place_fields(place).items()}
    return None
