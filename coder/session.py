"""The coding session's logic: pure state transitions, values in and values out, no terminal.

`coder/tui.py` draws what these functions return and calls `coder/coding_store.py` to write;
this module decides what a key means, which rows a sentence shows, when to move on, how a
filled-in form becomes a valid event, and how long a decision took.

Data model (decided here, stored by coding_store, migration 0002):
- Each coder's decision produces that coder's own rows, so two coders can code one sentence
  independently (double coding). Accepting a suggestion creates a new `confirmed` Event with
  the coder's id, the fields copied (plus the coder's edits) and the suggestion's evidence;
  the shared `suggested` row stays as the engine wrote it. Rejecting creates the coder's own
  `rejected` copy, so `event_history` can say who rejected what.
- Every action is a `Decision` row: accept, accept_edited, add, edit (a confirmed event
  revised), reject, withdraw (a confirmed event taken back), no_event, skip, comment, flag,
  undo. It carries the keystrokes and active milliseconds the action took.
- Undo never deletes: it adds an `undo` decision pointing at the one undone, and the coder's
  event becomes `withdrawn` (a new status, listed in EVENT_STATUSES; export leaves it out) or
  returns to its state before an edit. History stays append-only, and effort spent on undone
  work still counts as effort.
- A sentence is coded by a coder when it has a coding decision of theirs still in force (not
  a skip, comment or flag, not undone). A suggestion is pending for a coder until a decision
  of theirs in force answers it; "no event" answers them all.

Effort: the clock starts when a sentence is shown and restarts after each decision; every key
pressed meanwhile (form keys included) counts for the next decision. Gaps between keys of
more than `IDLE_LIMIT_S` (2 minutes) are left out of active time: the coder was away.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from itertools import pairwise
from typing import Any, Final

from pydantic import ValidationError

from coder.coding_store import (
    DocumentInfo,
    Effort,
    SentenceData,
    StoredEvent,
)
from coder.engine.actors import ActorDictionary
from coder.engine.dates import resolve_date
from coder.engine.gazetteer import Place, place_fields
from coder.schema import codebook
from coder.schema.events import AcledEvent, EventFields, field_of, parse_acled_date, reason_of
from coder.schema.models import CODING_ACTIONS

IDLE_LIMIT_S: Final = 120.0
# Below this overall confidence the screen says the engine was unsure of the event.
LOW_CONFIDENCE: Final = 0.5


class Command(Enum):
    """What a key asks the session to do."""

    ACCEPT = "accept"
    ACCEPT_ALL = "accept all"
    EDIT = "edit"
    NEW = "new"
    REJECT = "reject"
    NO_EVENT = "no event"
    SKIP = "skip"
    UNDO = "undo"
    PREVIOUS = "previous"
    NEXT = "next"
    UP = "up"
    DOWN = "down"
    GO = "go"
    COMMENT = "comment"
    HELP = "help"
    QUIT = "quit"


# Textual's key names. Upper-case letters arrive as "A" from the pilot and from terminals
# that report the character, as "shift+a" from terminals that report the modifier.
KEYMAP: Final[Mapping[str, Command]] = {
    "enter": Command.ACCEPT, "a": Command.ACCEPT, "A": Command.ACCEPT_ALL,
    "shift+a": Command.ACCEPT_ALL, "e": Command.EDIT, "n": Command.NEW, "x": Command.REJECT,
    "r": Command.REJECT, "0": Command.NO_EVENT, "s": Command.SKIP, "u": Command.UNDO,
    "left": Command.PREVIOUS, "p": Command.PREVIOUS, "right": Command.NEXT,
    "space": Command.NEXT, "up": Command.UP, "k": Command.UP, "down": Command.DOWN,
    "j": Command.DOWN, "g": Command.GO, "c": Command.COMMENT, "question_mark": Command.HELP,
    "q": Command.QUIT,
}

LEGEND: Final = ("a/Enter accept  A all  e edit  n new  x reject  0 no event  s skip  u undo  "
                 "←/→ move  ↑/↓ select  g go  c comment  ? help  q quit")

HELP: Final = """\
Keys (all actions work without the mouse)

  Enter, a   accept the selected suggestion as it is
  A          accept every suggestion shown that is complete
  e          edit the selected event (a form: Tab between fields, Enter saves, Esc cancels;
             Tab also takes the grey completion; a place name offers gazetteer matches)
  n          new event from scratch (country and date from the document)
  x, r       reject the selected suggestion; on a confirmed event: withdraw it
  0          the sentence has no event
  s          skip it for now (it stays in your queue)
  u          undo your last action, on whatever sentence it was
  ←/→, p/Space   previous / next sentence;  ↑/↓, k/j  select an event
  g          go to sentence N of this document, or search the queue for text
  c          comment on the sentence; Ctrl+F in the box flags it for review
  q          quit (everything you did is already saved)

Dates in the form: 2021-08-22, 22 August 2021, or a phrase such as "last Sunday" or
"nine days ago", read against the document's publication date.
"""


def command_for(key: str) -> Command | None:
    """The command a key stands for, if any."""
    return KEYMAP.get(key)


# --- effort ---------------------------------------------------------------------------------


def active_ms(times: Sequence[float], idle_limit: float = IDLE_LIMIT_S) -> int:
    """Milliseconds of activity in a sorted series of moments (seconds): the sum of the gaps
    between them, leaving out gaps longer than `idle_limit`."""
    total = 0.0
    for earlier, later in pairwise(times):
        gap = later - earlier
        if 0 <= gap <= idle_limit:
            total += gap
    return round(total * 1000)


@dataclass(frozen=True, slots=True)
class EffortMeter:
    """Keys and moments since the sentence was shown or the last decision was made."""

    moments: tuple[float, ...] = ()
    keystrokes: int = 0

    @classmethod
    def start(cls, now: float) -> EffortMeter:
        """A meter whose clock starts now (a sentence was shown, a decision was made)."""
        return cls((now,), 0)

    def pressed(self, now: float) -> EffortMeter:
        """The meter after one more key at `now`."""
        return EffortMeter((*self.moments, now), self.keystrokes + 1)

    def effort(self, now: float) -> Effort:
        """What the decision made at `now` cost."""
        return Effort(self.keystrokes, active_ms((*self.moments, now)))


# --- what a sentence shows ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """An event row on screen: a pending suggestion or one of the coder's confirmed events."""

    event: StoredEvent
    confirmed: bool


def pending(data: SentenceData) -> tuple[StoredEvent, ...]:
    """The suggestions the coder has not answered yet, most confident first."""
    if any(d.action == "no_event" for d in data.decisions):
        return ()
    answered = {d.suggestion_id for d in data.decisions if d.suggestion_id is not None}
    waiting = [s for s in data.suggestions if s.id not in answered]
    return tuple(sorted(waiting, key=lambda s: (-(s.confidence or 0.0), s.id)))


def rows_of(data: SentenceData) -> tuple[Row, ...]:
    """The coder's confirmed events first, then the pending suggestions."""
    return (*(Row(e, True) for e in data.own), *(Row(s, False) for s in pending(data)))


def is_coded(data: SentenceData) -> bool:
    """Whether the coder has a coding decision in force on the sentence."""
    return any(d.action in CODING_ACTIONS for d in data.decisions)


def is_settled(data: SentenceData) -> bool:
    """Coded with nothing left to answer: the session may move on."""
    return is_coded(data) and not pending(data)


def marked_no_event(data: SentenceData) -> bool:
    """Whether the coder said the sentence has no event (and confirmed none since)."""
    return not data.own and any(d.action == "no_event" for d in data.decisions)


@dataclass(frozen=True, slots=True)
class View:
    """One sentence on screen: its data, its rows and which row is selected."""

    data: SentenceData
    rows: tuple[Row, ...]
    selected: int = 0

    @classmethod
    def of(cls, data: SentenceData) -> View:
        """The view of freshly loaded data: the first pending suggestion selected."""
        rows = rows_of(data)
        first_pending = next((i for i, r in enumerate(rows) if not r.confirmed), 0)
        return cls(data, rows, first_pending)

    @property
    def row(self) -> Row | None:
        """The selected row, if the sentence shows any."""
        return self.rows[self.selected] if self.rows else None

    def moved(self, step: int) -> View:
        """The view with the selection moved by `step`, kept within the rows."""
        if not self.rows:
            return self
        return replace(self, selected=min(max(self.selected + step, 0), len(self.rows) - 1))


# After these decisions the session moves to the next uncoded sentence once nothing is left
# to answer; after an addition, an edit, a withdrawal or a note the coder stays to go on.
_MOVE_ON_AFTER: Final = frozenset({"accept", "accept_edited", "reject", "no_event"})


def moves_on(action: str, after: SentenceData) -> bool:
    """Whether the session leaves the sentence after `action` left it as `after`."""
    return action == "skip" or (action in _MOVE_ON_AFTER and is_settled(after))


# --- highlighting and notes -----------------------------------------------------------------

# Field -> the highlight class of the words behind it (actor, place, date, number, cue).
HIGHLIGHT_OF: Final[Mapping[str, str]] = {
    "actor1": "actor", "actor2": "actor", "assoc_actor_1": "actor", "assoc_actor_2": "actor",
    "inter1": "actor", "inter2": "actor",
    "location": "place", "admin1": "place", "admin2": "place", "admin3": "place",
    "country": "place",
    "event_date": "date", "time_precision": "date",
    "fatalities": "number",
    "event_type": "cue", "sub_event_type": "cue",
}


@dataclass(frozen=True, slots=True)
class Highlight:
    """Characters of the sentence that back a field, and the class to colour them by."""

    start: int
    end: int
    kind: str


def highlights(text: str, evidence: Mapping[str, tuple[int, int]]) -> tuple[Highlight, ...]:
    """The spans to highlight, in text order, clipped to the sentence; unknown fields dropped."""
    found = {
        Highlight(max(start, 0), min(end, len(text)), HIGHLIGHT_OF[name])
        for name, (start, end) in evidence.items()
        if name in HIGHLIGHT_OF and 0 <= start < end and start < len(text)
    }
    return tuple(sorted(found, key=lambda h: (h.start, h.end, h.kind)))


def field_notes(event: StoredEvent, confirmed: bool) -> Mapping[str, str]:
    """Per field, where the engine was unsure: a value with no words of the sentence behind it.

    A coder's confirmed event needs no notes: the coder vouched for every value.
    """
    if confirmed:
        return {}
    filled = event.fields.filled()
    return {name: "not in the text" for name in HIGHLIGHT_OF
            if name in filled and name not in event.evidence
            and name not in ("inter1", "inter2", "time_precision", "event_type", "country")}


def is_unsure(event: StoredEvent) -> bool:
    """Whether the engine's confidence in the whole event is low."""
    return event.confidence is not None and event.confidence < LOW_CONFIDENCE


def summary(event: EventFields) -> str:
    """One line for a row: type, actors, place, date, fatalities."""
    actors = " vs ".join(a for a in (event.actor1, event.actor2) if a) or "no actor"
    place = event.location or event.admin1 or event.country or "no place"
    when = event.event_date.isoformat() if event.event_date else "no date"
    dead = f" · {event.fatalities} killed" if event.fatalities else ""
    return f"{event.sub_event_type or event.event_type or 'no type'} · {actors} · {place} · " \
           f"{when}{dead}"


def codebook_note(event_type: str | None, sub_event_type: str | None) -> str:
    """The codebook's definitions of an event type and sub-event type, for the side panel.

    An unknown or missing type lists the valid choices instead.
    """
    sub = codebook.SUB_EVENT_TYPES.get(sub_event_type or "")
    kind = event_type if event_type in codebook.EVENT_TYPES else (sub.event_type if sub else None)
    if kind is None:
        return "Event types:\n" + "\n".join(f"  {t}" for t in codebook.EVENT_TYPES)
    lines = [f"{kind}: {codebook.EVENT_TYPE_DEFINITIONS[kind]}", ""]
    if sub is not None and sub.event_type == kind:
        lines += [f"{sub.name} ({sub.disorder_type}): {sub.definition}"]
    else:
        lines += ["Sub-event types:", *(f"  {s}" for s in codebook.EVENT_TYPES[kind])]
    return "\n".join(lines)


# --- the edit form --------------------------------------------------------------------------

# The form's fields in Tab order: location comes before the admin units and coordinates that
# choosing a gazetteer place fills in.
FORM_FIELDS: Final = (
    "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "inter1", "assoc_actor_1", "actor2", "inter2", "assoc_actor_2",
    "civilian_targeting", "country", "location", "admin1", "admin2", "admin3",
    "latitude", "longitude", "geo_precision", "fatalities",
    "source", "source_scale", "notes", "tags",
)
# Columns the codebook derives from form fields: recomputed after every edit.
_DERIVED: Final = ("year", "disorder_type", "interaction")
# Columns the country table derives: dropped when the country changes.
_COUNTRY_DERIVED: Final = ("iso", "region", "iso3")


def field_text(value: object) -> str:
    """A field's value as the form and the screens write it ("" for missing, ISO dates)."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def form_values(event: EventFields) -> dict[str, str]:
    """The form's text for each field of an event ("" for missing)."""
    return {name: field_text(getattr(event, name)) for name in FORM_FIELDS}


def new_event(document: DocumentInfo) -> EventFields:
    """A new event's starting values: the document's country, date (as the day) and source."""
    return EventFields(country=document.country, event_date=document.published,
                       time_precision=1 if document.published else None,
                       source=document.source)


@dataclass(frozen=True, slots=True)
class FormResult:
    """A parsed form: the event, or the reason each refused field was refused."""

    event: EventFields | None
    errors: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date typed in the form, and the time_precision a phrase implies (None for a date)."""

    event_date: date
    time_precision: int | None


def parse_date_text(text: str, published: date | None) -> ParsedDate:
    """A date as typed: ISO or any ACLED form, else a phrase read against publication.

    Raises ValueError with the reason when neither gives a date.
    """
    try:
        return ParsedDate(parse_acled_date(text), None)
    except ValueError:
        pass
    if published is not None:
        evidence = resolve_date(text, published)
        if evidence.span is not None:
            return ParsedDate(evidence.event_date, evidence.time_precision)
    hint = "" if published is not None else " (phrases need the document's publication date)"
    raise ValueError(f"{text!r} is not a date: type YYYY-MM-DD or a phrase such as "
                     f"'last Sunday'{hint}")


def parse_form(values: Mapping[str, str], base: EventFields,
               published: date | None) -> FormResult:
    """The event the form describes, complete as ACLED requires, or why not, per field.

    `base` is the event the form started from: columns the form does not show are kept,
    except those derived from the fields shown, which are derived again.
    """
    raw: dict[str, Any] = base.model_dump()
    for name in (*_DERIVED, "event_id_cnty"):
        raw[name] = None
    if (values.get("country") or None) != base.country:
        for name in _COUNTRY_DERIVED:
            raw[name] = None
    errors: dict[str, str] = {}
    for name in FORM_FIELDS:
        raw[name] = values.get(name, "").strip() or None
    if raw["event_date"] is not None:
        try:
            parsed = parse_date_text(raw["event_date"], published)
        except ValueError as exc:
            errors["event_date"] = str(exc)
            raw["event_date"] = None
        else:
            raw["event_date"] = parsed.event_date
            if parsed.time_precision is not None:
                raw["time_precision"] = parsed.time_precision
    event = _validate(raw, errors)
    if event is None or errors:
        return FormResult(None, errors)
    missing = acceptance_problems(event)
    return FormResult(None, missing) if missing else FormResult(event)


def _validate(raw: dict[str, Any], errors: dict[str, str]) -> EventFields | None:
    # Pydantic skips the codebook's cross-field rules when a field fails, so the refused
    # fields are blanked and the rest checked again: the coder sees every reason at once.
    for _ in range(2):
        try:
            return EventFields.model_validate(raw).derived()
        except ValidationError as exc:
            found = _errors_of(exc)
            for name, reason in found.items():
                errors.setdefault(name, reason)
                raw[name] = None
    return None


def acceptance_problems(event: EventFields) -> Mapping[str, str]:
    """Why an event cannot be confirmed as it is (empty when it can): ACLED's required fields
    and two-sided rules (AcledEvent)."""
    try:
        # filled(): blanks take AcledEvent's defaults (fatalities 0, time_precision 1), as
        # coding_store.with_defaults stores them.
        AcledEvent.model_validate(event.derived().filled())
    except ValidationError as exc:
        return _errors_of(exc)
    return {}


def _errors_of(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        name = field_of(error)
        reason = reason_of(error)
        # AcledEvent's required fields refuse None as "not a valid string": say "required".
        if error.get("type") == "missing" or (error.get("loc") and error.get("input") is None):
            reason = "required"
        errors.setdefault(name, reason)
    return errors


# --- completion -----------------------------------------------------------------------------


def sub_event_choices(event_type: str) -> tuple[str, ...]:
    """The sub-event types valid for an event type (every one when it is not a known type)."""
    return codebook.EVENT_TYPES.get(event_type.strip(), tuple(codebook.SUB_EVENT_TYPES))


def actor_choices(actors: ActorDictionary, on: date | None,
                  country: str | None) -> dict[str, int]:
    """Actor names with their inter codes as they apply on a day in an event of a country.

    Dictionary actors are resolved for the day (regime years, state forces abroad are 8);
    the country's military, police and government come first when the country is known.
    """
    choices: dict[str, int] = {}
    if on is not None and country:
        for kind in ("military", "police", "government"):
            choices.setdefault(actors.state_force(country, kind, on), 1)
    for actor in actors.actors:
        if actor.country not in (None, country) and country is not None:
            continue
        name, inter = actors.resolve(actor, on, country) if on is not None else (
            actor.name, actor.inter)
        choices.setdefault(name, inter)
    return choices


def complete(value: str, candidates: Sequence[str]) -> str | None:
    """The first candidate that starts with `value` (case-insensitive), if any."""
    folded = value.casefold()
    if not folded:
        return None
    return next((c for c in candidates if c.casefold().startswith(folded)), None)


def place_values(place: Place) -> dict[str, str]:
    """The form fields a chosen gazetteer place fills, as the form writes them."""
    return {name: f"{value:.4f}" if isinstance(value, float) else field_text(value)
            for name, value in place_fields(place).items()}


def place_label(place: Place) -> str:
    """One line naming a gazetteer candidate."""
    units = ", ".join(u for u in (place.admin3, place.admin2, place.admin1) if u)
    return f"{place.location} ({units or place.country}; {place.kind}; " \
           f"{place.latitude:.4f}, {place.longitude:.4f})"


# --- go to ----------------------------------------------------------------------------------

_NUMBER: Final = re.compile(r"^\s*(\d+)\s*$")


def parse_goto(text: str) -> int | str | None:
    """What `g` was given: a sentence number, a search text, or nothing."""
    match = _NUMBER.match(text)
    if match:
        return int(match.group(1))
    stripped = text.strip()
    return stripped or None


def counted(n: int, noun: str) -> str:
    """'1 event', '2 events': a count with its noun for messages and the progress line."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
