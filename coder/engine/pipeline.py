"""One sentence in, zero or more suggested ACLED events out: the engine's steps composed.

Each step is a pure function of the sentence (dates, classify, actors, places, fatalities);
this module decides how their evidence becomes events: which actor is actor1 and which is
actor2, when one sentence holds several events, what country and source apply. It reads
knowledge only through `Knowledge`, which `knowledge.load_knowledge` builds once. How the
sentences of one document fold together is `document.py`'s job.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from coder.engine.actors import ActorDictionary, ActorMention, find_actors
from coder.engine.classify import TypeEvidence, classify, is_reportable
from coder.engine.dates import DateEvidence, event_days, find_dates
from coder.engine.fatalities import (
    FatalityEvidence,
    days_spanned,
    find_fatalities,
    places_listed,
)
from coder.engine.gazetteer import Gazetteer, Place
from coder.engine.learned import SubEventModel, refine_types
from coder.engine.places import (
    NamedPlace,
    PlaceEvidence,
    find_country,
    find_places,
    find_unknown_places,
    spelled_otherwise,
)
from coder.engine.roles import Roles, assign_roles, in_de_facto_state, is_source
from coder.schema.events import EventFields

Span = tuple[int, int]

# A sentence naming more places or dates than this is a summary, not a list of events.
_MAX_SPLIT: Final = 4


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the engine knows of a sentence's document."""

    published: date | None = None
    source: str | None = None
    source_scale: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything the engine looks things up in; immutable once loaded."""

    gazetteer: Gazetteer
    actors: ActorDictionary
    # Outlet -> ACLED source_scale (codebook §9), from seeds and imported events.
    source_scales: Mapping[str, str] = field(default_factory=dict)
    # The sub_event_type model `coder train` stored (learned.py); None: rules alone.
    sub_event_model: SubEventModel | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested event: its fields, a confidence in [0, 1], and the spans behind each field."""

    event: EventFields
    confidence: float
    evidence: Mapping[str, Span] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The contracts.md 3 event object: ACLED column names, ISO dates, `confidence`."""
        data: dict[str, Any] = self.event.model_dump(mode="json", exclude_none=True)
        data["confidence"] = round(self.confidence, 3)
        return data


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What the steps found in one sentence, shared by every event it yields."""

    text: str
    meta: DocumentMeta
    knowledge: Knowledge
    country: str | None
    mentions: Sequence[ActorMention]
    fatalities: FatalityEvidence
    # A village the gazetteer lacks, and the province the sentence names around it.
    unknown: NamedPlace | None = None
    region: Place | None = None


def suggest(sentence: str, meta: DocumentMeta, knowledge: Knowledge) -> list[Suggestion]:
    """The events a trained ACLED coder would write for this sentence, best first."""
    published = meta.published or date.today()
    dates = find_dates(sentence, published)
    events_dates = event_days(sentence, [d for d in dates if not d.is_history])
    history = bool(dates) and not events_dates
    reportable, _reason = is_reportable(sentence, history=history)
    if not reportable:
        return []
    country = meta.country or _country_from_text(sentence, knowledge)
    first_date = events_dates[0] if events_dates else DateEvidence(published, 1, None)
    mentions = find_actors(sentence, knowledge.actors, country, first_date.event_date)
    types = classify(sentence, tuple(
        m.inter for m in mentions if not m.assoc_label and not is_source(sentence, m)
    ))
    # The learned model may doubt the rules' type (lower its confidence); it never adds an
    # event or changes a type (coder train: on the samples the rules are the more accurate).
    types = refine_types(sentence, types, knowledge.sub_event_model)
    if not types:
        return []
    places = find_places(sentence, knowledge.gazetteer, country)
    if meta.country is not None:
        # The document's country comes first (issue 4): a namesake abroad is not the place.
        places = [p for p in places if p.place.country == meta.country]
    if country is None and places:
        country = places[0].place.country
        mentions = find_actors(sentence, knowledge.actors, country, first_date.event_date)
    elif country is None:
        # Nothing names a place: a group that fights in one country only tells where.
        country = next((home for m in mentions
                        if (home := knowledge.actors.home_country(m.actor)) is not None), None)
        if country is not None:
            mentions = find_actors(sentence, knowledge.actors, country, first_date.event_date)
    unknown = _unknown_place(sentence, places, mentions, knowledge)
    province = next((p.place for p in places if p.place.kind == "admin1"), None)
    # A named village, not the province or feature that only locates it, is the location.
    village = unknown is not None
    if unknown is not None and country is not None and (other := spelled_otherwise(
            unknown, country, province.admin1 if province else None, knowledge.gazetteer)):
        # A GeoNames place spelled otherwise: coordinates and units instead of a bare name.
        places, unknown = [*places, other], None
    found = _Sentence(sentence, meta, knowledge, country, mentions,
                      find_fatalities(sentence, meta.source), unknown, province)
    if village:
        places = [p for p in places if p.place.kind not in ("admin1", "feature")]
    return [
        _assemble(found, kind, when, where, share)
        for kind in types
        for when, where, share in _split(events_dates or [first_date],
                                         event_places(sentence, places, kind.span), sentence)
    ]


def _unknown_place(
    sentence: str, places: Sequence[PlaceEvidence], mentions: Sequence[ActorMention],
    knowledge: Knowledge,
) -> NamedPlace | None:
    """A named village to use when the gazetteer found only a province or region, or nothing.

    Also any unknown name after "in/at/near" (`find_unknown_places(loose=True)`): a wrong or
    missing location costs the coder as much as typing the village, so naming it pays.
    """
    if any(p.place.kind not in ("admin1", "feature") for p in places):
        return None
    actors = [m.span for m in mentions]
    for candidate in find_unknown_places(sentence, knowledge.gazetteer, loose=True):
        start, end = candidate.span
        if not any(a < end and start < b for a, b in actors):
            return candidate
    return None


def _country_from_text(sentence: str, knowledge: Knowledge) -> str | None:
    found = find_country(sentence, knowledge.gazetteer)
    return found[0] if found else None


def _split(
    dates: Sequence[DateEvidence], places: Sequence[PlaceEvidence], sentence: str = ""
) -> list[tuple[DateEvidence, PlaceEvidence | None, tuple[int, int]]]:
    """One (date, place) per event; (index, count) tells how fatalities are split.

    Days are atomic and an event is one place (codebook §7, §10): several exact dates, or
    several places listed together ("in Rukha and Dara"), make several events. Places named
    apart from that list ("fled to Kabul") are context, not events of their own. Two places
    joined by a comma alone ("near Pisky, Donetsk") are a place and the area it lies in, as
    reports and ACLED notes write them, not a list: a list ends with "and" or "or".
    A toll of fighting that lasted several days ("on two consecutive days") is split over
    those days too, though the sentence dates one of them (`fatalities.days_spanned`), and
    over places the sentence lists beyond those the place step named (`places_listed`).
    """
    distinct_dates = list({d.event_date: d for d in dates}.values())[:_MAX_SPLIT]
    if len(places) == 2 and _COMMA_ONLY.fullmatch(sentence[places[0].span[1]:places[1].span[0]]):
        places = places[:1]
    where: list[PlaceEvidence | None] = list(places) or [None]
    combos = [(d, p) for d in distinct_dates for p in where][:_MAX_SPLIT]
    days = days_spanned(sentence) if len(distinct_dates) == 1 else 1
    # places listed beyond those the place step named ("in Kabul, Ghor, Laghman, and Balkh
    # provinces") are events of their own too (§10): the toll is split over all of them (§8)
    spread = max(len(combos), len(distinct_dates) * places_listed(sentence))
    return [(d, p, (i, spread * days)) for i, (d, p) in enumerate(combos)]


_COMMA_ONLY: Final = re.compile(r"\s*,\s*")
# ACLED notes locate each listed place in brackets ("Nihm (Nihm, Sanaa) and Sirwah (Sirwah,
# Marib)"): the bracket, or the end of one whose first name was a place, is part of the gap.
_LIST_GAP: Final = re.compile(
    r"(?:\s*,[^()\[\]]{1,40}\))?(?:\s*[(\[][^()\[\]]{1,60}[)\]])?"
    r"\s*(?:,|and|or|,\s*and|as well as|&)\s*(?:in\s+|at\s+)?", re.I)


def event_places(
    sentence: str, places: Sequence[PlaceEvidence], cue: Span
) -> list[PlaceEvidence]:
    """The places the event happened at: the listed group of places nearest the event cue.

    A list is places joined only by commas or "and" ("in Rukha, Dara and Khenj"); a town and
    its own province ("in Rukha, Panjshir") were already folded by the place step. Places
    given as examples ("in towns such as A, B and C") are one event, at the first named.
    """
    specific = [p for p in places
                if p.place.kind != "admin1" or _listed_region(sentence, places, p)]
    specific = specific or list(places[:1])
    if not specific:
        return []
    groups: list[list[PlaceEvidence]] = [[specific[0]]]
    for previous, current in itertools.pairwise(specific):
        gap = sentence[previous.span[1]:current.span[0]]
        if (_LIST_GAP.fullmatch(gap) and current.place.location != previous.place.location
                and not _spanned(sentence, groups[-1][0])):
            groups[-1].append(current)
        else:
            groups.append([current])

    def distance(group: list[PlaceEvidence]) -> tuple[float, int]:
        first = group[0].span[0]
        gap = first - cue[1] if first >= cue[1] else (cue[0] - group[-1].span[1]) * 2
        return (-max(p.confidence for p in group), max(gap, 0))

    # "in municipalities like Panuco, El Higo and Tempoal": places given as examples of an
    # area are one event there, at the first named: the dev notes that list places so carry
    # one event each.
    groups = [g[:1] if _EXAMPLES.search(sentence, max(0, g[0].span[0] - 20), g[0].span[0])
              else g for g in groups]
    frame = _FRAME.match(sentence)
    opening = next((g for g in groups if frame is not None and g[0].span[0] == frame.end()), None)
    chosen = opening or min(groups, key=distance)
    if (len(chosen) == 2 and _COMMA_ONLY.fullmatch(sentence[chosen[0].span[1]:chosen[1].span[0]])
            and chosen[0].confidence + 0.2 < chosen[1].confidence):
        # "in San Juan, Lagunillas, Merida state": a part and the town it lies in, where the
        # part's only namesake is outside the province named: the town is the sure place.
        return chosen[1:]
    return chosen


def _listed_region(sentence: str, places: Sequence[PlaceEvidence], region: PlaceEvidence) -> bool:
    """Whether a province is listed with places of other provinces ("in Kabul, Ghor and
    Balkh provinces"): then it is one of the events' places (codebook §10), not the area
    that only locates a town."""
    at = places.index(region)
    first = at
    while first > 0 and _LIST_GAP.fullmatch(
            sentence[places[first - 1].span[1]:places[first].span[0]]):
        first -= 1
    start = places[first].span[0]
    if _DESTINATION.search(sentence, max(0, start - 12), start):
        # "the arrival of gunmen to Vargas and Aragua states": provinces a movement went to
        # are its context, like "fled to Kabul", not places of events of their own
        return False
    neighbours = [places[i] for i in (at - 1, at + 1) if 0 <= i < len(places)]
    return any(
        _LIST_GAP.fullmatch(sentence[min(n.span[1], region.span[1]):max(n.span[0], region.span[0])])
        and n.place.admin1 != region.place.admin1
        and not _spanned(sentence, min(n, region, key=lambda p: p.span)) for n in neighbours)


def _spanned(sentence: str, first: PlaceEvidence) -> bool:
    """Whether a list starting at this place names the ends of one place ("on the border
    between A and B", "a road linking A and B"): one event there, not one per name."""
    start = first.span[0]
    return _SPANNING.search(sentence, max(0, start - 40), start) is not None


_DESTINATION: Final = re.compile(r"\b(?:to|towards|into)\s+(?:the\s+)?\Z", re.I)
_EXAMPLES: Final = re.compile(r"\b(?:such as|like)\s+(?:the\s+)?\Z", re.I)
_SPANNING: Final = re.compile(
    r"\b(?:between|linking|connecting|joining)\s+(?:the\s+)?(?:\w+\s+of\s+)?\Z", re.I)


# "On 4 May 2020, in Iquitos, Loreto, ...": the place that opens the sentence after its date
# is where the event is, whatever other places it names later ("stuck in Lima"). Dev notes:
# the opening place (or its city district) is ACLED's location 353 times in 366.
_FRAME: Final = re.compile(
    r"(?:On|Around|As reported on|Reported on|Between|During|Overnight on)\b[^,]{3,60},\s+"
    r"(?:in|at)\s+(?:the\s+)?(?:(?:municipality|city|town|village)\s+of\s+)?", re.I)


def _share(total: int, part: tuple[int, int]) -> int:
    """A total split evenly; the remainder goes to the first events, one each (codebook §8:
    an odd remainder to the first day; ACLED splits 7 deaths over 4 places as 2, 2, 2, 1)."""
    index, count = part
    base, remainder = divmod(total, count)
    return base + (1 if index < remainder else 0)


def _assemble(
    found: _Sentence,
    kind: TypeEvidence,
    when: DateEvidence,
    where: PlaceEvidence | None,
    share: tuple[int, int],
) -> Suggestion:
    """One suggested event from the sentence's evidence, at one date and place."""
    event_country = (where.place.country if where else None) or found.country
    roles = _roles(found, kind, event_country or "", when.event_date,
                   where.place.admin1 if where else None)
    actor1, actor2 = roles.actor1, roles.actor2
    evidence: dict[str, Span] = {"sub_event_type": kind.span}
    fields: dict[str, Any] = {
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "event_date": when.event_date,
        "time_precision": when.time_precision,
        "country": event_country,
        "fatalities": _share(found.fatalities.fatalities, share),
        "source": found.meta.source,
        "source_scale": found.meta.source_scale or _scale_of(found.meta.source, found.knowledge),
    }
    if when.span is not None:
        evidence["event_date"] = when.span
    if found.fatalities.span is not None:
        evidence["fatalities"] = found.fatalities.span
    sides = (("actor1", "inter1", actor1), ("actor2", "inter2", actor2))
    for column, inter_column, chosen in sides:
        if chosen is not None:
            # No country known: roles name generic actors "Civilians ()", which ACLED never
            # writes; the bare label keeps the actor's kind (and inter) for the coder.
            fields[column] = chosen.actor.replace(" ()", "")
            fields[inter_column] = chosen.inter
            if chosen.span != (0, 0):
                evidence[column] = chosen.span
    for column in ("assoc_actor_1", "assoc_actor_2"):
        if labels := getattr(roles, column):
            fields[column] = "; ".join(label.replace(" ()", "") for label in labels)
    if where is None and found.unknown is not None:
        fields.update(location=found.unknown.location, geo_precision=found.unknown.geo_precision,
                      admin1=found.region.admin1 if found.region else None)
        evidence["location"] = found.unknown.span
    if where is not None:
        place = where.place
        fields.update(
            location=place.location, admin1=place.admin1, admin2=place.admin2,
            admin3=place.admin3, geo_precision=where.geo_precision,
        )
        if place.source != "text":  # a place read from the text has no centroid of its own
            fields.update(latitude=round(place.latitude, 4), longitude=round(place.longitude, 4))
        evidence["location"] = where.span
    if kind.event_type == "Violence against civilians" or (
        kind.sub_event_type == "Excessive force against protesters"
    ):
        fields["civilian_targeting"] = "Civilian targeting"
    event = EventFields(**fields).derived()
    confidence = _confidence(kind, actor1, where, when, found.fatalities.confidence)
    return Suggestion(event, confidence, evidence)


def _scale_of(source: str | None, knowledge: Knowledge) -> str | None:
    """ACLED's source_scale for a document's outlets, joined with "-" (codebook §9)."""
    if not source:
        return None
    scales = [knowledge.source_scales.get(s.strip().casefold()) for s in source.split(";")]
    if None in scales:
        return None
    return "-".join(dict.fromkeys(s for s in scales if s))


def _confidence(
    kind: TypeEvidence,
    actor1: ActorMention | None,
    where: PlaceEvidence | None,
    when: DateEvidence,
    fatalities_confidence: float,
) -> float:
    """The event's confidence: the type's, lowered by each field the engine had to guess."""
    parts = [kind.confidence,
             actor1.confidence if actor1 else 0.3,
             where.confidence if where else 0.4,
             0.9 if when.span is not None else 0.7,
             fatalities_confidence]
    weights = (3.0, 2.0, 1.5, 1.0, 0.5)
    return round(sum(p * w for p, w in zip(parts, weights, strict=True)) / sum(weights), 3)


def _roles(found: _Sentence, kind: TypeEvidence, country: str, on: date,
           admin1: str | None = None) -> Roles:
    """actor1, actor2 and their associated actors, by the codebook's rules for the type
    (`roles.assign_roles`), the state forces named for the de facto state governing the
    event's region (`roles.in_de_facto_state`)."""
    roles = assign_roles(found.text, found.mentions, kind.event_type, kind.sub_event_type,
                         country, on, found.knowledge.actors)
    return in_de_facto_state(roles, country, admin1, on, found.knowledge.actors)
