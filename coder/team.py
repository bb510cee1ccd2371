"""Team work: who codes what (`coder assign`) and how far coders agree (`coder agree`).

Documents, not sentences, are assigned: a coder needs the whole article to resolve "the town"
or "on Sunday". A sampled share of the sentences is double-coded: its documents get a second
coder who codes them blind (the session shows a coder only their own events), and the export
keeps the first coder's version (store.EventFilter). Agreement compares, sentence by sentence,
what two coders confirmed: whether there was an event, which events (matched as `coder eval`
matches suggestions to gold), and field by field, with Krippendorff's alpha for chance.

An adjudicator then settles each double-coded sentence whose versions differ (`coder
adjudicate`): the chosen or edited events are stored as `adjudicated`, and the export takes
them instead of any coder's version.

Planning, scoring and aligning versions are pure functions; the rest is the store's I/O.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import combinations
from typing import Any, Final, TypeVar

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from coder.coding_store import add_event, coded_pairs, neighbours, stored_event
from coder.engine.evaluate import SCORED_FIELDS, GoldEvent, match, rounded, values_agree
from coder.errors import StoreError
from coder.schema.events import EventFields
from coder.schema.models import Adjudication, Assignment, Coder, Document, Event, Sentence
from coder.store import Store

# The fields agreement is reported on: what a coder decides, in `coder eval`'s order;
# interaction (like disorder_type and year) follows from the others.
AGREED_FIELDS: Final = tuple(n for n in SCORED_FIELDS if n != "interaction")
# Counts, whose alpha weighs how far apart two answers are (interval metric) instead of only
# whether they differ; a pair where one coder left the field empty has no distance and is
# left out of that alpha (it still counts against percent agreement).
INTERVAL_FIELDS: Final = ("fatalities",)


# --- planning (pure) ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assigned:
    """One document given to one coder; `second_coder` for the blind second coding."""

    document_id: int
    coder: str
    second_coder: bool = False


def plan(documents: Sequence[tuple[int, int]], coders: Sequence[str], double: float,
         seed: int = 0, load: Mapping[str, int] | None = None) -> list[Assigned]:
    """Share (document id, sentence count) pairs out among coders, some twice.

    Each document goes to the coder with the fewest sentences so far (largest documents
    first, so the shares come out even; `load` counts what coders already hold). Documents
    drawn at random (seeded: the same call gives the same plan) get a second coder, the
    least loaded other one, until the double-coded sentences come closest to `double` of
    all sentences: with few documents the share can only be approximate, never overshot by
    more than it falls short.
    """
    if not coders:
        raise ValueError("no coders to assign to")
    if not 0 <= double <= 1:
        raise ValueError(f"--double must be between 0 and 1, not {double}")
    if double > 0 and len(coders) < 2:
        raise ValueError("double coding needs at least two coders")
    held = {c: (load or {}).get(c, 0) for c in coders}
    order = {c: i for i, c in enumerate(coders)}

    def least(among: Iterable[str]) -> str:
        return min(among, key=lambda c: (held[c], order[c]))

    first: dict[int, str] = {}
    for document_id, sentences in sorted(documents, key=lambda d: (-d[1], d[0])):
        coder = least(coders)
        first[document_id] = coder
        held[coder] += sentences
    plan_ = [Assigned(d, first[d]) for d, _ in documents]
    target = double * sum(n for _, n in documents)
    drawn = list(documents)
    random.Random(seed).shuffle(drawn)
    doubled = 0
    for document_id, sentences in drawn:
        if abs(doubled + sentences - target) > abs(doubled - target):
            continue
        coder = least(c for c in coders if c != first[document_id])
        plan_.append(Assigned(document_id, coder, second_coder=True))
        held[coder] += sentences
        doubled += sentences
    return plan_


# --- assignments in the store --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoderLoad:
    """What one coder holds: documents and sentences, as first and as second coder."""

    coder: str
    documents: int
    sentences: int
    second_documents: int
    second_sentences: int
    coded: int  # assigned sentences the coder has decided

    def as_json(self) -> dict[str, Any]:
        """Plain values for `coder assign --json`."""
        return asdict(self)


def _sentence_counts(store: Store, source: str | None = None,
                     unassigned: bool = False) -> list[tuple[int, int]]:
    query = (select(Sentence.document_id, func.count())
             .group_by(col(Sentence.document_id)).order_by(col(Sentence.document_id)))
    if source is not None:
        query = query.where(col(Sentence.document_id).in_(
            select(Document.id).where(col(Document.source) == source)))
    if unassigned:
        query = query.where(col(Sentence.document_id).not_in(select(Assignment.document_id)))
    with store.session() as session:
        return [(d, int(n)) for d, n in session.exec(query)]


def assign(store: Store, coders: Sequence[str], double: float, seed: int = 0,
           source: str | None = None) -> list[Assigned]:
    """Assign every document not yet assigned (of `source`, if given); what was added.

    Run again after ingesting more, it assigns only the new documents, counting what each
    coder already holds. One transaction: an interrupted run assigns nothing.
    """
    fresh = _sentence_counts(store, source, unassigned=True)
    current = {c.coder: c.sentences + c.second_sentences for c in loads(store)}
    added = plan(fresh, coders, double, seed, current)
    try:
        with store.session() as session:
            ids = {name: store.coder_id(session, name) for name in coders}
            session.add_all(Assignment(document_id=a.document_id, coder_id=ids[a.coder],
                                       second_coder=a.second_coder) for a in added)
    except IntegrityError as exc:
        # Two leads assigning the same new documents at once on a shared database: the
        # unique (document, coder) pair stops the second, which assigns nothing.
        raise StoreError("another `coder assign` assigned some of these documents at the "
                         "same time: nothing was assigned, run it again") from exc
    return added


def loads(store: Store) -> list[CoderLoad]:
    """Every coder with assignments, by name: what they hold and how much they coded."""
    sizes = dict(_sentence_counts(store))
    with store.session() as session:
        rows = session.exec(select(Coder.name, Assignment.document_id, Assignment.second_coder)
                            .join(Assignment, col(Assignment.coder_id) == col(Coder.id))).all()
        names = dict(session.exec(select(Coder.id, Coder.name)).all())
    coded = Counter(names[cid] for cid, _ in coded_pairs(store, in_assigned_documents=True))
    held: dict[str, Counter[str]] = {}
    for name, document_id, second in rows:
        counts = held.setdefault(name, Counter())
        role = "second_" if second else ""
        counts[role + "documents"] += 1
        counts[role + "sentences"] += sizes.get(document_id, 0)
    return [CoderLoad(name, c["documents"], c["sentences"], c["second_documents"],
                      c["second_sentences"], coded[name]) for name, c in sorted(held.items())]


def has_assignments(store: Store, coder_id: int) -> bool:
    """Whether any document is assigned to this coder (then their queue is those)."""
    with store.session() as session:
        return session.exec(select(Assignment.id).where(col(Assignment.coder_id) == coder_id)
                            .limit(1)).first() is not None


# --- agreement (pure) -----------------------------------------------------------------------------


def alpha(units: Sequence[tuple[object, object]]) -> float | None:
    """Krippendorff's alpha, nominal, for units of two values each (None: undefined).

    1 - observed / expected disagreement, the expectation from how often each value is used
    over all units (Krippendorff 2004, §11.3). Undefined when every value is the same: no
    disagreement was possible.
    """
    if not units:
        return None
    values = Counter(v for unit in units for v in unit)
    n = 2 * len(units)
    expected = 1 - sum(k * (k - 1) for k in values.values()) / (n * (n - 1))
    if expected <= 0:
        return None
    observed = sum(a != b for a, b in units) / len(units)
    return 1 - observed / expected


def interval_alpha(units: Sequence[tuple[float, float]]) -> float | None:
    """Krippendorff's alpha, interval metric (squared difference), for units of two numbers.

    For counts such as fatalities, where 10 against 11 is a smaller disagreement than 10
    against 0. Same form as `alpha`: observed disagreement is the mean squared difference
    within units, expected the mean squared difference over all pairs of values (computed from
    the sums: sum over i != j of (v_i - v_j)^2 = 2n * sum(v^2) - 2 * sum(v)^2).
    """
    if not units:
        return None
    values = [v for unit in units for v in unit]
    n = len(values)
    expected = (2 * n * sum(v * v for v in values) - 2 * sum(values) ** 2) / (n * (n - 1))
    if expected <= 0:
        return None
    observed = sum((a - b) ** 2 for a, b in units) / len(units)
    return 1 - observed / expected


@dataclass(slots=True)
class PairAgreement:
    """Two coders over the sentences both coded."""

    coders: tuple[str, str]
    sentences: int = 0
    events: tuple[int, int] = (0, 0)
    matched: int = 0
    # Per sentence, whether each coder recorded any event (for alpha on "was there one").
    presence: list[tuple[bool, bool]] = field(default_factory=list)
    # Per field, the two values of each matched event pair where either coder filled it.
    values: dict[str, list[tuple[object, object]]] = field(default_factory=dict)

    @property
    def presence_alpha(self) -> float | None:
        """Krippendorff's alpha on whether each sentence had an event."""
        return alpha(self.presence)

    @property
    def event_f1(self) -> float | None:
        """2 x matched / (events of one + events of the other): 1 when the events coincide."""
        total = sum(self.events)
        return None if total == 0 else 2 * self.matched / total

    def field_agreement(self, name: str) -> float | None:
        """Share of matched event pairs that agree on the field."""
        return _agreeing(name, self.values.get(name, []))


def _agreeing(name: str, units: Sequence[tuple[object, object]]) -> float | None:
    """Share of value pairs that are the same answer (evaluate.values_agree)."""
    return sum(values_agree(name, a, b) for a, b in units) / len(units) if units else None


@dataclass(frozen=True, slots=True)
class FieldAgreement:
    """One field over every matched event pair of every coder pair."""

    field: str
    pairs: int
    agreement: float | None
    alpha: float | None


@dataclass(frozen=True, slots=True)
class Agreement:
    """What `coder agree` reports."""

    sentences: int
    pairs: tuple[PairAgreement, ...]
    fields: tuple[FieldAgreement, ...]
    presence_alpha: float | None

    def as_json(self) -> dict[str, Any]:
        """Plain values for `coder agree --json`."""
        return {
            "sentences": self.sentences,
            "event_presence_alpha": rounded(self.presence_alpha),
            "pairs": [{
                "coders": list(p.coders), "sentences": p.sentences, "events": list(p.events),
                "matched": p.matched, "event_f1": rounded(p.event_f1),
                "event_presence_alpha": rounded(p.presence_alpha),
                "fields": {n: rounded(p.field_agreement(n)) for n in AGREED_FIELDS
                           if p.values.get(n)},
            } for p in self.pairs],
            "fields": {f.field: {"pairs": f.pairs, "agreement": rounded(f.agreement),
                                 "alpha": rounded(f.alpha)} for f in self.fields},
        }


def _canonical(name: str, a: object, b: object) -> tuple[object, object]:
    # Alpha counts values: two that agree (a case or coordinate difference within tolerance)
    # must count as one value, else alpha would see a disagreement percent agreement does not.
    return (a, a) if values_agree(name, a, b) else (a, b)


def _field_alpha(name: str, units: Sequence[tuple[object, object]]) -> float | None:
    if name in INTERVAL_FIELDS:
        return interval_alpha([(a, b) for a, b in units
                               if isinstance(a, int | float) and isinstance(b, int | float)])
    return alpha([_canonical(name, a, b) for a, b in units])


def agreement(sentences: Iterable[Mapping[str, Sequence[EventFields]]]) -> Agreement:
    """Score sentences coded by several coders: each maps coder -> their events there.

    Every pair of coders who both coded a sentence is compared on it: events are matched
    one to one as `coder eval` matches suggestions to gold (evaluate.match: two key fields
    agree), unmatched events lower the event F1, and each matched pair adds the two values
    of every field either coder filled.
    """
    pairs: dict[tuple[str, str], PairAgreement] = {}
    count = 0
    for versions in sentences:
        count += 1
        for a, b in combinations(sorted(versions), 2):
            pair = pairs.setdefault((a, b), PairAgreement((a, b)))
            mine, theirs = versions[a], versions[b]
            pair.sentences += 1
            pair.events = (pair.events[0] + len(mine), pair.events[1] + len(theirs))
            pair.presence.append((bool(mine), bool(theirs)))
            matched = match([GoldEvent(e) for e in mine], list(theirs))
            pair.matched += len(matched)
            for i, j in matched:
                for name in AGREED_FIELDS:
                    x, y = getattr(mine[i], name), getattr(theirs[j], name)
                    if x is not None or y is not None:
                        pair.values.setdefault(name, []).append((x, y))
    ordered = tuple(pairs[k] for k in sorted(pairs))
    fields = []
    for name in AGREED_FIELDS:
        units = [u for p in ordered for u in p.values.get(name, [])]
        if units:
            fields.append(FieldAgreement(name, len(units), _agreeing(name, units),
                                         _field_alpha(name, units)))
    presence = [u for p in ordered for u in p.presence]
    return Agreement(count, ordered, tuple(fields), alpha(presence))


T = TypeVar("T")


# --- the double-coded sample in the store ------------------------------------------------------


def double_coded(store: Store, coders: Sequence[str] = ()
                 ) -> dict[int, dict[str, list[EventFields]]]:
    """Each sentence decided by two coders or more, by id: coder -> the events they confirmed.

    A sentence counts for a coder once they decided it in `coder code` (a rejection or "no
    event" is a decision with no event); `coders` limits the comparison to those named.
    """
    with store.session() as session:
        names = dict(session.exec(select(Coder.id, Coder.name)).all())
    wanted = {cid for cid, name in names.items() if not coders or name in coders}
    by_sentence: dict[int, set[int]] = {}
    for cid, sid in coded_pairs(store):
        if cid in wanted:
            by_sentence.setdefault(sid, set()).add(cid)
    versions: dict[int, dict[str, list[EventFields]]] = {
        sid: {names[c]: [] for c in sorted(cids, key=lambda c: names[c])}
        for sid, cids in sorted(by_sentence.items()) if len(cids) > 1}
    with store.session() as session:
        for chunk in _chunks(sorted(versions)):
            events = session.exec(select(Event).where(
                col(Event.sentence_id).in_(chunk), col(Event.status) == "confirmed")
                .order_by(col(Event.id))).all()
            for event in events:
                assert event.sentence_id is not None
                name = names.get(event.coder_id) if event.coder_id is not None else None
                if name is not None and name in versions[event.sentence_id]:
                    versions[event.sentence_id][name].append(stored_event(event).fields)
    return versions


def _chunks(items: Sequence[T], size: int = 500) -> Iterable[Sequence[T]]:
    # Bound the IN list: SQLite caps bound parameters per statement.
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- adjudication (pure) ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Version:
    """One coder's events on a sentence."""

    coder: str
    events: tuple[EventFields, ...]


Row = tuple[EventFields | None, ...]  # one event as each version has it (None: not there)


def aligned(versions: Sequence[Version]) -> list[Row]:
    """The versions' events side by side: each version's events matched to the first's.

    Matching is `coder eval`'s (evaluate.match); an event no other version matches gets a
    row of its own, with None where the others have nothing.
    """
    if not versions:
        return []
    first = versions[0].events
    rows: list[list[EventFields | None]] = [[e] + [None] * (len(versions) - 1) for e in first]
    for k, version in enumerate(versions[1:], start=1):
        pairs = dict((j, i) for i, j in match([GoldEvent(e) for e in first],
                                              list(version.events)))
        for j, event in enumerate(version.events):
            if j in pairs:
                rows[pairs[j]][k] = event
            else:
                row: list[EventFields | None] = [None] * len(versions)
                row[k] = event
                rows.append(row)
    return [tuple(r) for r in rows]


def differing(row: Row) -> frozenset[str]:
    """The fields on which the versions of one event differ (all filled ones if one lacks it)."""
    present = [e for e in row if e is not None]
    found = set()
    for name in AGREED_FIELDS:
        values = [getattr(e, name) for e in present]
        if any(v is not None for v in values) and (
                len(present) < len(row)
                or not all(values_agree(name, values[0], v) for v in values[1:])):
            found.add(name)
    return frozenset(found)


def disagree(versions: Sequence[Version]) -> bool:
    """Whether an adjudicator is needed: some event or some field differs (an event one
    version lacks differs on every field it fills, event_type at least)."""
    return any(differing(row) for row in aligned(versions))


def merged(row: Row) -> EventFields:
    """Where the adjudicator's edit starts: the event as its first version has it."""
    return next(e for e in row if e is not None)


# --- adjudication in the store ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A double-coded sentence whose versions differ, with what the adjudicator reads."""

    sentence_id: int
    text: str
    previous: str | None
    next: str | None
    published: date | None
    title: str | None
    versions: tuple[Version, ...]  # the first coder's first (assignment), then by name


def disagreements(store: Store, coders: Sequence[str] = ()) -> list[Disagreement]:
    """The double-coded sentences not yet adjudicated whose versions differ, in text order.

    A few queries per 500 sentences, not per sentence: a large double-coded sample opens at
    once in `coder adjudicate`.
    """
    found = double_coded(store, coders)
    with store.session() as session:
        settled = set(session.exec(select(Adjudication.sentence_id)).all())
        firsts = {(d, name) for d, name in session.exec(
            select(Assignment.document_id, Coder.name)
            .join(Coder, col(Coder.id) == col(Assignment.coder_id))
            .where(~col(Assignment.second_coder)))}
        open_ids = sorted(sid for sid in found if sid not in settled)
        sentences: dict[int, Sentence] = {}
        for chunk in _chunks(open_ids):
            sentences.update((s.id, s) for s in session.exec(
                select(Sentence).where(col(Sentence.id).in_(chunk))) if s.id is not None)
        differing_ids = []
        versions_of: dict[int, tuple[Version, ...]] = {}
        for sid in open_ids:
            if (sentence := sentences.get(sid)) is None:
                continue
            versions = tuple(sorted(
                (Version(c, tuple(events)) for c, events in found[sid].items()),
                key=lambda v: ((sentence.document_id, v.coder) not in firsts, v.coder)))
            if disagree(versions):
                differing_ids.append(sid)
                versions_of[sid] = versions
        chosen = [sentences[sid] for sid in differing_ids]
        documents = {d.id: d for chunk in _chunks(sorted({s.document_id for s in chosen}))
                     for d in session.exec(select(Document).where(col(Document.id).in_(chunk)))}
        around = neighbours(session, chosen)
        return [Disagreement(s.id or 0, s.text, around.get((s.document_id, s.index - 1)),
                             around.get((s.document_id, s.index + 1)),
                             documents[s.document_id].published,
                             documents[s.document_id].title, versions_of[s.id or 0])
                for s in chosen]


def settle(store: Store, adjudicator: str, sentence_id: int,
           events: Sequence[EventFields], chosen: str) -> list[int]:
    """Store the adjudicated version of a sentence (one transaction); the new event ids.

    `chosen` is the coder whose version was taken, "edited" or "no_event". A sentence is
    settled once: a second settlement raises ValueError and changes nothing.
    """
    ids = []
    try:
        with store.session() as session:
            # The settlement row first: the unique sentence_id refuses a second one, also
            # one another adjudicator commits meanwhile, before any event is written.
            session.add(Adjudication(sentence_id=sentence_id,
                                     coder_id=store.coder_id(session, adjudicator),
                                     chosen=chosen))
            session.flush()
            for fields in events:
                event = add_event(session, store, adjudicator, sentence_id, fields,
                                  "adjudicated", "adjudicated")
                assert event.id is not None
                ids.append(event.id)
    except IntegrityError as exc:
        raise ValueError(f"sentence {sentence_id} is already adjudicated") from exc
    return ids
