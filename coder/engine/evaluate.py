"""Scoring suggestions against gold events: the measure of how much a coder must still fix.

Pure functions over values. Definitions (README "Evaluation" repeats them for users):

- Events are matched within one gold line (one text). A suggestion and a gold event match when
  at least two of their key fields agree (event_type, sub_event_type, actor1/actor2 as a pair,
  location, event_date); pairs are taken greedily, best agreement first.
- Field accuracy is over gold events: a field the gold event fills counts right when the matched
  suggestion holds the same value; a missed gold event counts wrong on every field it fills.
- Actors are compared as an unordered pair, because ACLED's actor order carries no meaning
  except in Violence against civilians, where the victim is always actor2 (codebook §6).
- Fields to fix per event: for each gold event, the fields the coder must type or change.
  A field that the session fills from another (inter codes from the actor dictionary, admin
  units and coordinates from the chosen place, event_type from the sub-event type, interaction
  always) costs a fix only when its parent is right and it is still wrong. A missed gold event
  costs every field it fills that has no parent; each suggestion that matches nothing costs
  one more (a rejection); an actor the gold event does not have (an actor2 or associated
  actors where the gold event has none) costs one more each, for the coder clears it; the
  total is divided by the number of gold events.
- Choosing a location in the session fills its country, admin units, coordinates and
  geo_precision from the gazetteer (session.place_values). So when the suggested location is
  wrong or the event missed, each of those costs a fix only if the gazetteer's value for the
  gold place is wrong too (ACLED's admin2 where GeoNames has none, a district's precision),
  and all of them where the gazetteer lacks the place: it is typed with everything. The
  caller says what choosing each gold place fills (`accumulate`'s `place_fill`); without it
  every place is assumed known and filled right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from coder.schema.events import EventFields

# The fields scored, in report order. Coordinates are compared with a tolerance (below).
SCORED_FIELDS: Final = (
    "event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
    "inter1", "inter2", "interaction", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "event_date", "time_precision", "fatalities",
)
_KEY_FIELDS: Final = ("event_type", "sub_event_type", "location", "event_date")
# Actor fields a coder clears when the suggestion fills them and the gold event has none. Place
# fields are not among them: a gold file may leave admin2 out because its coder did not know it.
_CLEARED_IF_ABSENT: Final = ("actor2", "assoc_actor_1", "assoc_actor_2")
_OTHER_SIDE: Final[Mapping[str, str]] = {
    "actor1": "actor2", "actor2": "actor1",
    "assoc_actor_1": "assoc_actor_2", "assoc_actor_2": "assoc_actor_1",
}
# Fields the session fills from another field's choice (see the module docstring). A None
# parent means the field is always derived and never typed.
_FILLED_FROM: Final[Mapping[str, str | None]] = {
    "event_type": "sub_event_type", "inter1": "actor1", "inter2": "actor2",
    "interaction": None, "country": "location", "admin1": "location", "admin2": "location",
    "admin3": "location", "latitude": "location", "longitude": "location",
    "geo_precision": "location",
}
# Which fields choosing the gold location fills right (field -> bool); None: the gazetteer
# lacks the place and fills nothing. A field missing from the mapping counts as filled right.
PlaceFill = Mapping[str, bool] | None
ALL_FILLED: Final[Mapping[str, bool]] = {}
# About 5 km: a different centroid of the same place is not a coder's fix.
_COORD_TOLERANCE: Final = 0.05


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A true event with the names a gold file accepts for its actors."""

    fields: EventFields
    actor1_aliases: tuple[str, ...] = ()
    actor2_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LineResult:
    """One gold line scored: its events matched to suggestions, field by field."""

    gold: tuple[GoldEvent, ...]
    suggested: tuple[EventFields, ...]
    pairs: tuple[tuple[int, int], ...]  # (gold index, suggestion index)


@dataclass(slots=True)
class Report:
    """Totals over a gold file; `as_dict` gives the `coder eval --json` form."""

    lines: int = 0
    gold_events: int = 0
    suggested_events: int = 0
    matched: int = 0
    empty_lines: int = 0
    empty_lines_left_empty: int = 0
    fixes: int = 0
    # Where the fixes go: a field's name, or "rejection" for a suggestion that matched nothing.
    fixes_by_field: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    scored: dict[str, int] = field(default_factory=dict)

    def accuracy(self, name: str) -> float | None:
        total = self.scored.get(name, 0)
        return self.right.get(name, 0) / total if total else None

    @property
    def precision(self) -> float:
        return self.matched / self.suggested_events if self.suggested_events else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold_events if self.gold_events else 1.0

    @property
    def no_event_left_empty(self) -> float | None:
        if not self.empty_lines:
            return None
        return self.empty_lines_left_empty / self.empty_lines

    @property
    def fields_to_fix(self) -> float:
        return self.fixes / self.gold_events if self.gold_events else float(self.fixes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "gold_events": self.gold_events,
            "suggested_events": self.suggested_events,
            "matched_events": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "no_event_left_empty": rounded(self.no_event_left_empty),
            "fields_to_fix_per_event": round(self.fields_to_fix, 4),
            "fixes_by_field": dict(sorted(self.fixes_by_field.items(), key=lambda kv: -kv[1])),
            "fields": {
                name: {"accuracy": rounded(self.accuracy(name)), "scored": self.scored[name]}
                for name in SCORED_FIELDS if self.scored.get(name)
            },
        }

    def metric(self, name: str) -> float | None:
        """A value by the name `--min` uses: a field, or precision/recall/no_event/fields_to_fix."""
        summary = {
            "precision": self.precision,
            "recall": self.recall,
            "no_event": self.no_event_left_empty,
            "no_event_left_empty": self.no_event_left_empty,
            "fields_to_fix": self.fields_to_fix,
        }
        if name in summary:
            return summary[name]
        if name in SCORED_FIELDS:
            return self.accuracy(name)
        raise KeyError(name)


def rounded(value: float | None) -> float | None:
    """A rate as reports print it (4 decimals); None stays None."""
    return None if value is None else round(value, 4)


# Two spellings of one name that the codebook itself produces (§6, §2): a regime's years are
# closed when it ends ("(2017-)" in a 2020 export is "(2017-2022)" today), and city districts
# are written "Mogadishu-Wadajir" in older exports and "Mogadishu - Wadajir" in newer ones.
_CLOSED_YEARS = re.compile(r"\((\d{4})-\d{4}\)")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")


def _norm(value: object) -> object:
    """A value as compared: text case-, accent- and space-folded, with the spellings above."""
    if isinstance(value, str):
        folded = unicodedata.normalize("NFKD", value.casefold())
        text = " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())
        return _SPACED_HYPHEN.sub("-", _CLOSED_YEARS.sub(r"(\1-)", text))
    if isinstance(value, date):
        return value.isoformat()
    return value


def _actor_names(name: str | None, aliases: Sequence[str]) -> set[object]:
    return {_norm(n) for n in (name, *aliases) if n}


def field_right(gold: GoldEvent, suggested: EventFields, name: str, *, swapped: bool) -> bool:
    """Whether the suggestion's value of `name` is what the gold event says."""
    g = gold.fields
    if name in ("actor1", "actor2"):
        own = _own(name, swapped=swapped)
        accepted = _actor_names(getattr(g, name),
                                gold.actor1_aliases if name == "actor1" else gold.actor2_aliases)
        value = getattr(suggested, own)
        return value is not None and _norm(value) in accepted
    if name in ("inter1", "inter2", "assoc_actor_1", "assoc_actor_2"):
        return values_agree(name, getattr(suggested, _own(name, swapped=swapped)),
                            getattr(g, name))
    return values_agree(name, getattr(suggested, name), getattr(g, name))


def _own(name: str, *, swapped: bool) -> str:
    """The suggestion's field that answers gold field `name` (the other side when swapped)."""
    if not swapped:
        return name
    return {"inter1": "inter2", "inter2": "inter1", **_OTHER_SIDE}.get(name, name)


def extra_actors(gold: GoldEvent, suggested: EventFields, *, swapped: bool) -> list[str]:
    """The actor fields the suggestion fills where the gold event has none: each is cleared."""
    return [
        name for name in _CLEARED_IF_ABSENT
        if getattr(gold.fields, name) is None
        and getattr(suggested, _own(name, swapped=swapped)) is not None
    ]


def values_agree(name: str, a: object, b: object) -> bool:
    """Whether two values of field `name` are the same answer (case, accents, spacing and
    the codebook's two spellings aside; coordinates within about 5 km; associated actors as
    a set of names)."""
    if name in ("latitude", "longitude"):
        return (isinstance(a, int | float) and isinstance(b, int | float)
                and abs(a - b) <= _COORD_TOLERANCE)
    if name in ("assoc_actor_1", "assoc_actor_2") and isinstance(a, str) and isinstance(b, str):
        # Codebook §1: several names "separated by '; '", in no stated order: the same names
        # in another order are the same answer (no coder would retype them).
        return _names(a) == _names(b)
    return _norm(a) == _norm(b)


def _names(value: str) -> frozenset[object]:
    return frozenset(_norm(part) for part in value.split(";") if part.strip())


def _swapped(gold: GoldEvent, suggested: EventFields) -> bool:
    """Whether the suggestion names the gold actors in the other order (allowed but VAC)."""
    if gold.fields.event_type == "Violence against civilians":
        return False

    def hits(swap: bool) -> int:
        return sum(field_right(gold, suggested, n, swapped=swap) for n in ("actor1", "actor2"))

    return hits(True) > hits(False)


def _agreement(gold: GoldEvent, suggested: EventFields) -> int:
    swap = _swapped(gold, suggested)
    keys = sum(
        field_right(gold, suggested, n, swapped=swap)
        for n in _KEY_FIELDS if getattr(gold.fields, n) is not None
    )
    actors = field_right(gold, suggested, "actor1", swapped=swap) or (
        gold.fields.actor2 is not None and field_right(gold, suggested, "actor2", swapped=swap)
    )
    return keys + int(actors)


def match(gold: Sequence[GoldEvent], suggested: Sequence[EventFields]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of gold events and suggestions, best agreement first."""
    scored = sorted(
        ((_agreement(g, s), gi, si) for gi, g in enumerate(gold) for si, s in enumerate(suggested)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_gold: set[int] = set()
    used_suggested: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, gi, si in scored:
        if score < 2:
            break
        if gi in used_gold or si in used_suggested:
            continue
        used_gold.add(gi)
        used_suggested.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


def score_line(gold: Sequence[GoldEvent], suggested: Sequence[EventFields]) -> LineResult:
    """Match one line's suggestions to its gold events."""
    return LineResult(tuple(gold), tuple(suggested), tuple(match(gold, suggested)))


@dataclass(frozen=True, slots=True)
class Fix:
    """One field a coder types for one gold event, or one suggestion rejected.

    `gold_index` is the gold event's place in its line (None for a rejection); `gold` and
    `suggested` are the two values of `field` (None where there is none: a missed event, a
    field the suggestion leaves empty; for a rejection, `suggested` names the event).
    """

    gold_index: int | None
    field: str
    gold: object
    suggested: object


@dataclass(frozen=True, slots=True)
class _Judged:
    """One gold event, its matched suggestion (if any) and which of its fields that holds."""

    index: int
    gold: GoldEvent
    suggestion: EventFields | None
    swapped: bool
    right: Mapping[str, bool]


def _judged(line: LineResult) -> list[_Judged]:
    partner: Mapping[int, int] = dict(line.pairs)
    judged = []
    for gi, gold in enumerate(line.gold):
        suggestion = line.suggested[partner[gi]] if gi in partner else None
        swap = suggestion is not None and _swapped(gold, suggestion)
        right = {
            name: suggestion is not None and field_right(gold, suggestion, name, swapped=swap)
            for name in SCORED_FIELDS if getattr(gold.fields, name) is not None
        }
        judged.append(_Judged(gi, gold, suggestion, swap, right))
    return judged


def line_fixes(line: LineResult,
               place_fill: Callable[[EventFields], PlaceFill] | None = None) -> list[Fix]:
    """Every fix one scored line costs the coder, gold event by gold event, then rejections.

    `place_fill(gold event)` tells what choosing the gold location in the session fills
    right (see PlaceFill); None: every place is known and filled right.
    """
    return _fixes(line, _judged(line), place_fill)


def _fixes(line: LineResult, judged: Sequence[_Judged],
           place_fill: Callable[[EventFields], PlaceFill] | None) -> list[Fix]:
    fixes: list[Fix] = []
    for one in judged:
        gold, suggestion = one.gold.fields, one.suggestion
        # Asked only where it counts: after a wrong or missing location (fields_to_fix).
        placed = suggestion is not None and one.right.get("location", False)
        fill = ALL_FILLED if place_fill is None or gold.location is None or placed \
            else place_fill(gold)
        names = fields_to_fix(one.right, matched=suggestion is not None, fill=fill)
        if suggestion is not None:
            names += extra_actors(one.gold, suggestion, swapped=one.swapped)
        fixes += [Fix(one.index, name, getattr(gold, name),
                      None if suggestion is None
                      else getattr(suggestion, _own(name, swapped=one.swapped)))
                  for name in names]
    matched = {si for _gi, si in line.pairs}
    fixes += [Fix(None, "rejection", None, f"{event.sub_event_type} at {event.location}")
              for si, event in enumerate(line.suggested) if si not in matched]
    return fixes


def accumulate(report: Report, line: LineResult,
               place_fill: Callable[[EventFields], PlaceFill] | None = None) -> list[Fix]:
    """Add one scored line to the report's totals and return its fixes (`line_fixes`).

    `place_fill(gold event)` tells what choosing the gold location in the session fills
    right (see PlaceFill); None: every place is known and filled right.
    """
    report.lines += 1
    report.gold_events += len(line.gold)
    report.suggested_events += len(line.suggested)
    report.matched += len(line.pairs)
    if not line.gold:
        report.empty_lines += 1
        report.empty_lines_left_empty += not line.suggested
    judged = _judged(line)
    for one in judged:
        for name, ok in one.right.items():
            report.scored[name] = report.scored.get(name, 0) + 1
            report.right[name] = report.right.get(name, 0) + ok
    fixes = _fixes(line, judged, place_fill)
    for fix in fixes:
        report.fixes += 1
        report.fixes_by_field[fix.field] = report.fixes_by_field.get(fix.field, 0) + 1
    return fixes


def fields_to_fix(right: Mapping[str, bool], *, matched: bool,
                  fill: PlaceFill = ALL_FILLED) -> list[str]:
    """The fields a coder types for one gold event, given which of its fields are right.

    `fill`: what choosing the gold location fills right (PlaceFill; None: nothing).
    """
    fixes: list[str] = []
    for name, ok in right.items():
        if ok:
            continue
        parent = _FILLED_FROM.get(name, name)
        if (parent == "location" != name and "location" in right
                and not (matched and right["location"])):
            if fill is None or not fill.get(name, True):
                fixes.append(name)  # the coder chooses the place, and this is still wrong
        elif parent == name:
            fixes.append(name)
        elif parent is not None and parent not in right and not matched:
            fixes.append(name)  # nothing to fill it from: typed by hand (e.g. country, no location)
        elif parent is not None and matched and right.get(parent, True):
            fixes.append(name)  # the parent was right, yet this one is wrong
    return fixes


def fixes_needed(right: Mapping[str, bool], *, matched: bool,
                 fill: PlaceFill = ALL_FILLED) -> int:
    """How many fields a coder types for one gold event (see `fields_to_fix`)."""
    return len(fields_to_fix(right, matched=matched, fill=fill))


def evaluate(lines: Iterable[tuple[Sequence[GoldEvent], Sequence[EventFields]]]) -> Report:
    """Score (gold events, suggestions) per line into one report."""
    report = Report()
    for gold, suggested in lines:
        accumulate(report, score_line(gold, suggested))
    return report
