"""A document's sentences together: what one sentence's suggestions become in the whole story.

News reports tell their lead event, then retell it, add its toll or its second side, or tell
how it ended. The steps of `pipeline.suggest` see one sentence; this module reads the
sentences in order and folds such details into the event they belong to (codebook §3: the
concurrent tactics of one event fold into the highest type; §8: a toll told later is the
event's; §10: one event is one place and one day), and decides a document's country once.
A sentence that leaves out what the story already told ("A shoot-out broke out") gets the
story's place, day and named armed sides; a later claim or attribution names an unattributed
attack's perpetrator; a battle no sentence gives a second side has an Unidentified Armed Group.
Later sentences of no new event also tell how a gathering went (the crowd turned violent,
police faced it, who organised or joined it, a counter-protest), who was hurt (victims and
their identity labels), and that a strike was answered with fire (a battle); an event on an
earlier day that the report places nowhere is background, not a new event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Final

from coder.engine.actors import ActorDictionary, ActorMention, find_actors
from coder.engine.classify import (
    armed_victim,
    intervention,
    legacy_device,
    tells_cause,
    without_fighting,
)
from coder.engine.dates import MONTH, event_days, find_dates
from coder.engine.fatalities import days_spanned, later_toll, places_listed
from coder.engine.gazetteer import Gazetteer, Place, normalise
from coder.engine.pipeline import (
    DocumentMeta,
    Knowledge,
    Suggestion,
    _share,
    event_places,
    suggest,
)
from coder.engine.places import (
    INSTITUTION_WORDS,
    CountryMention,
    PlaceName,
    country_mentions,
    find_places,
    place_names,
)
from coder.engine.roles import ORGANISED_CRIME, UNIDENTIFIED, facing_crowd
from coder.schema import codebook
from coder.schema.events import EventFields


def suggest_document(
    sentences: Sequence[str], meta: DocumentMeta, knowledge: Knowledge
) -> list[list[Suggestion]]:
    """Suggestions for each sentence of one document, in order.

    The country is decided once for the document when its metadata lacks one. News reports
    retell their lead event ("The attack killed three"): an event that an earlier sentence
    already holds (same type, date and place, agreeing actors; a retelling that names no
    day of its own matches any date) is not suggested again; a death toll it adds goes to
    the first telling, where the coder confirms it. An event whose sentence names no place
    or day takes the story's (the most recent earlier one), and an armed side it leaves
    unnamed ("A shoot-out broke out", "the militants") the group the story just named; such
    filled fields carry no evidence span, since no word of their sentence shows them.
    """
    if meta.country is None:
        meta = replace(meta, country=document_country(sentences, knowledge, meta.published))
    result: list[list[Suggestion]] = []
    told: list[tuple[int, int]] = []  # (sentence, position) of each event's first telling
    # What earlier sentences of no event tell (their place, their day), each read once: a
    # long report of placeless events would otherwise reread its opening for every one.
    memo: dict[tuple[str, int, str | None], Any] = {}
    for sentence in sentences:
        kept: list[Suggestion] = []
        # Tolls of earlier events before this sentence retold them: a figure it adds later
        # is weighed against these (_late_toll), not against the raise it just made.
        prior: dict[tuple[int, int], int] = {}
        for suggestion in suggest(sentence, meta, knowledge):
            if "event_date" not in suggestion.evidence and result:
                suggestion = _dated(suggestion, sentences, result, meta, memo)
            if suggestion.event.location is None and result:
                suggestion = _placed(suggestion, sentences, result, knowledge, memo)
            if result:
                suggestion = _cast(suggestion, sentence, sentences, len(result), knowledge)
            dated = "event_date" in suggestion.evidence
            first = next((t for t in told
                          if _retold(suggestion.event, _at(result, kept, t), dated)), None)
            if first is None and told and told[-1][0] < len(result):
                first = _same_attack(suggestion, sentence, sentences, result, kept, told)
            if (first is not None and suggestion.event.sub_event_type == _NO_FIGHT
                    and _at(result, kept, first).sub_event_type in _TERRITORY):
                # "The Taliban seized Kabul without a fight" retells the takeover: §3 codes
                # a place that changed hands without fighting as a Non-violent transfer.
                _no_fight(result, kept, first)
            if first is not None and (
                    suggestion.event.sub_event_type in _RETOLD_RAISES
                    or suggestion.event.event_type != _at(result, kept, first).event_type):
                # A retelling may add a higher tactic of the same event ("Al Shabaab took
                # control of the village" after the clash there, "the guards returned fire"
                # after the grenade): §3 folds it into one.
                _complete(result, kept, first, suggestion.event, sentence)
            if (first is None and told and told[-1][0] < len(result)
                    and (_detail(suggestion, sentence)
                         or _crowd_detail(suggestion, sentence, _at(result, kept, told[-1])))):
                first = told[-1]
                _complete(result, kept, first, suggestion.event, sentence)
            if first is None and told and _background(suggestion, _at(result, kept, told[-1])):
                continue
            if first is None:
                told.append((len(result), len(kept)))
                kept.append(suggestion)
                continue
            earlier = _at(result, kept, first)
            if (suggestion.event.fatalities or 0) > (earlier.fatalities or 0):
                prior.setdefault(first, earlier.fatalities or 0)
                _update(result, kept, first, suggestion.event.fatalities or 0)
        if not kept and told and not find_dates(sentence, meta.published or date.today()):
            # What a later sentence of no new event tells of the event before it (codebook
            # §3, §6): the crowd turned violent, who organised or joined it, who was hurt.
            for last in _copies(told, result, kept):
                _late_violence(sentence, knowledge, result, kept, last)
                _late_organisers(sentence, knowledge, result, kept, last)
                _late_victims(sentence, knowledge, result, kept, last)
                _late_armed_victim(sentence, knowledge, result, kept, last)
                _late_gang(sentence, knowledge, result, kept, last)
                _late_fire_back(sentence, knowledge, result, kept, last)
                _late_decomposed(sentence, result, kept, last)
        if not kept and told and not tells_cause(sentence):
            # (what the event came after is its cause: its dead are another event's)
            _late_toll(sentence, sentences, meta, result, kept, told, prior)
            for last in _copies(told, result, kept):
                _late_intervention(sentence, meta, knowledge, result, kept, last)
            _late_no_fight(sentence, result, kept, told[-1])
            _late_legacy(sentence, result, kept, told[-1])
            _late_place(sentence, meta, knowledge, result, kept, told[-1])
        if told:
            for last in _copies(told, result, kept):
                _claimed(sentence, knowledge, result, kept, last)
        result.append(kept)
    for sentence_index, position in told:
        _second_side(result[sentence_index], position, knowledge)
    return result


def _same_attack(suggestion: Suggestion, sentence: str, sentences: Sequence[str],
                 result: list[list[Suggestion]], kept: list[Suggestion],
                 told: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The earlier telling a later sentence's attack details, or None: the same type by the
    same actor1 on the same day, at the story's place or at one its sentence named ("attacked
    the villages of A and B, near C" then "Militiamen killed 4 civilians in A"), its target
    the story's or the civilians a strike on an armed side also hit ("Shells also struck the
    road, killing three civilians"). Codebook §10: one event is one place and one day; §11
    example 5: civilians a strike on an armed side kills are its associated actor 2, their
    deaths its toll. The civilians join assoc_actor_2 of the earlier telling.
    """
    event = suggestion.event
    for where in told:
        if where[0] >= len(result):
            continue
        earlier = _at(result, kept, where)
        # Outside violence against civilians the actors' order carries no meaning (§6).
        swapped = (event.event_type != "Violence against civilians"
                   and (event.actor1, event.actor2) == (earlier.actor2, earlier.actor1))
        if (event.sub_event_type != earlier.sub_event_type
                or (event.actor1 != earlier.actor1 and not swapped)
                or event.event_date != earlier.event_date or event.actor1 is None):
            continue
        span = suggestion.evidence.get("location")
        if event.location != earlier.location and not (
                span is not None and _named_in(sentence[span[0]:span[1]], sentences[where[0]])):
            continue
        civilians = (event.event_type == "Explosions/Remote violence" and event.inter2 == 7
                     and earlier.inter2 in _ARMED)
        if event.actor2 not in (None, earlier.actor2) and not civilians and not swapped:
            continue
        if civilians and event.actor2 is not None:
            assoc = [a for a in (earlier.assoc_actor_2 or "").split("; ") if a]
            if event.actor2 not in assoc:
                update = {"assoc_actor_2": "; ".join([*assoc, event.actor2])}
                sentence_index, position = where
                row = result[sentence_index]
                row[position] = replace(row[position],
                                        event=earlier.model_copy(update=update).derived())
        return where
    return None


def _named_in(name: str, text: str) -> bool:
    """Whether a place name is written in an earlier sentence (as a whole word)."""
    name = name.strip()
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text,
                                    re.IGNORECASE) is not None


def _copies(told: Sequence[tuple[int, int]], result: list[list[Suggestion]],
            kept: list[Suggestion]) -> list[tuple[int, int]]:
    """The story's last event and its copies: the events its sentence split over days or
    places ("overnight", "in A and B") with the same type and actors. A detail a later
    sentence tells (who was hurt, who claimed it) is the same for each (codebook §10)."""
    last = told[-1]
    event = _at(result, kept, last)
    return [t for t in told if t[0] == last[0] and (t == last or (
        (other := _at(result, kept, t)).sub_event_type == event.sub_event_type
        and other.actor1 == event.actor1 and other.actor2 == event.actor2))]


# "fled to Kabul", "came from Herat": a place someone goes to or comes from is context, not
# where the story happens (the same reading as `pipeline._split`'s).
_CONTEXT_BEFORE_RE: Final = re.compile(
    r"\b(?:to|from|towards?|into|for|via)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_PLACE_COLUMNS: Final = ("location", "admin1", "admin2", "admin3", "latitude", "longitude",
                         "geo_precision")


# "The militants", "the forces": a definite unnamed group is one the story already named.
_DEFINITE_RE: Final = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
# How many sentences back a story's named actors are looked for.
_CAST_REACH: Final = 2


def _cast(suggestion: Suggestion, sentence: str, sentences: Sequence[str], index: int,
          knowledge: Knowledge) -> Suggestion:
    """An event whose armed side its sentence leaves unnamed ("A shoot-out broke out", "The
    militants seized the phones"), with the armed actors the story named just before ("drug
    traffickers of the CV invaded a community controlled by the TCP").

    Only an Unidentified Armed Group the sentence did not name, or named as a definite
    group ("the militants"), is replaced (codebook §6: an armed side is unidentified only
    when no source names it).
    """
    event = suggestion.event
    country = event.country
    if country is None:
        return suggestion
    unnamed = UNIDENTIFIED.format(country=country)

    def replaceable(column: str) -> frozenset[int]:
        """Whom the side may be: any armed actor when its sentence names nobody; a
        non-state group when it says "the gunmen" (unnamed attackers are never the state)."""
        if getattr(event, column) != unnamed:
            return frozenset()
        span = suggestion.evidence.get(column)
        if span is None:
            return _ARMED
        return _NON_STATE if _DEFINITE_RE.search(sentence, 0, span[0]) else frozenset()

    columns = [(c, who) for c in ("actor1", "actor2") if (who := replaceable(c))]
    if not columns:
        return suggestion
    on = event.event_date or date.today()
    story: list[tuple[str, int]] = []
    for earlier in sentences[max(0, index - _CAST_REACH):index][::-1]:
        story = list(dict.fromkeys(
            (m.actor, m.inter) for m in find_actors(earlier, knowledge.actors, country, on)
            if m.inter in _ARMED and not m.assoc_label and not m.actor.startswith("Unidentified")
            and not m.actor.endswith(f"({country})")))
        if story:
            break
    update: dict[str, Any] = {}
    taken = {event.actor1, event.actor2}
    for column, who in columns:
        actor = next((a for a in story if a[0] not in taken and a[1] in who), None)
        if actor is None:
            continue
        taken.add(actor[0])
        update[column], update[column.replace("actor", "inter")] = actor
    if not update:
        return suggestion
    update["interaction"] = None
    return replace(suggestion, event=event.model_copy(update=update).derived())


# Who can be an event's armed side (codebook §5): state forces, rebels, militias, external.
_ARMED: Final = frozenset({1, 2, 3, 4, 8})
_NON_STATE: Final = frozenset({2, 3, 4})


def _dated(suggestion: Suggestion, sentences: Sequence[str], result: list[list[Suggestion]],
           meta: DocumentMeta, memo: dict[tuple[str, int, str | None], Any]) -> Suggestion:
    """An event whose sentence names no day, on the story's day: the day of the most recent
    earlier sentence that names one ("On 3 March, elders met in Jowhar. A shoot-out broke
    out"), not the report's (codebook §10: one event is one day).

    An earlier event's day is taken when its sentence named it; a sentence of no event gives
    its day when it names exactly one that is not background.
    """
    published = meta.published or date.today()
    for index in range(len(result) - 1, -1, -1):
        if result[index]:
            named = [s.event for s in result[index] if "event_date" in s.evidence]
            if not named:
                continue
            day, precision = named[-1].event_date, named[-1].time_precision
        else:
            key = ("day", index, None)
            if key not in memo:
                found = [d for d in find_dates(sentences[index], published) if not d.is_history]
                days = {d.event_date: d for d in event_days(sentences[index], found)}
                only = next(iter(days.values())) if len(days) == 1 else None
                memo[key] = None if only is None else (only.event_date, only.time_precision)
            if memo[key] is None:
                continue
            day, precision = memo[key]
        update = {"event_date": day, "time_precision": precision, "year": None}
        return replace(suggestion, event=suggestion.event.model_copy(update=update).derived())
    return suggestion


def _placed(suggestion: Suggestion, sentences: Sequence[str], result: list[list[Suggestion]],
            knowledge: Knowledge, memo: dict[tuple[str, int, str | None], Any]) -> Suggestion:
    """An event whose sentence names no place, at the story's place: the place of the most
    recent earlier sentence that names one (codebook §10: a report tells one event at one
    place; "The attackers fled" does not move it).

    An earlier event's place is taken as coded; a sentence of no event gives the place it is
    told at, not one somebody went to or came from ("fled to Kabul").
    """
    event = suggestion.event
    for index in range(len(result) - 1, -1, -1):
        placed = [s.event for s in result[index] if s.event.location is not None]
        if placed:
            earlier = placed[-1]
            if earlier.country != event.country:
                return suggestion
            update = {c: getattr(earlier, c) for c in _PLACE_COLUMNS}
            break
        key = ("place", index, event.country)
        if key not in memo:
            memo[key] = _told_at(sentences[index], knowledge, event.country)
        if memo[key] is not None:
            update = memo[key]
            break
    else:
        return suggestion
    return replace(suggestion, event=event.model_copy(update=update))


def _late_place(sentence: str, meta: DocumentMeta, knowledge: Knowledge,
                result: list[list[Suggestion]], kept: list[Suggestion],
                last: tuple[int, int]) -> None:
    """"The incident occurred in Thessaloniki": a later sentence of no event of its own
    gives the place of the event before it when that one had none (codebook §10: one event,
    one place); a dated sentence may be another story."""
    row, position = _slot(result, kept, last)
    event = row[position].event
    if event.location is not None or find_dates(sentence, meta.published or date.today()):
        return
    where = _told_at(sentence, knowledge, event.country)
    if where is not None:
        row[position] = replace(row[position], event=event.model_copy(update=where))


def _told_at(sentence: str, knowledge: Knowledge, country: str | None) -> dict[str, Any] | None:
    """The place a sentence tells its story at, as event columns, or None."""
    if country is None:
        return None
    found = [p for p in find_places(sentence, knowledge.gazetteer, country)
             if p.place.country == country
             and not _CONTEXT_BEFORE_RE.search(sentence, 0, p.span[0])]
    chosen = event_places(sentence, found, (0, 0))
    if not chosen:
        return None
    where = chosen[0]
    place = where.place
    columns: dict[str, Any] = {
        "location": place.location, "admin1": place.admin1, "admin2": place.admin2,
        "admin3": place.admin3, "geo_precision": where.geo_precision}
    if place.source != "text":  # a place read from the text has no centroid of its own
        columns.update(latitude=round(place.latitude, 4), longitude=round(place.longitude, 4))
    return columns


# "Al Shabaab claimed responsibility for the attack", "the group claimed the bombing",
# "militants claimed they killed five soldiers"; not "No group has claimed responsibility".
_CLAIM_RE: Final = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:(?:the\s+)?(?:responsibility|credit)\b"
    r"|(?:the|that|this)\s+(?:\w+\s+)?(?:attacks?|bombings?|blasts?|explosions?|killings?"
    r"|assassination|ambush|raid|abduction|kidnapping)\b"
    r"|(?:that\s+)?(?:they|it)\s+(?:had\s+)?(?:killed|attacked|carried|targeted|planted"
    r"|detonated|shot|ambushed|abducted|kidnapped)\b)",
    re.IGNORECASE)
_NO_CLAIM_RE: Final = re.compile(
    r"\b(?:no|not|none|nobody|never|yet|denied|deny|denies)\b|n't\b", re.IGNORECASE)
# Who a claim can name (codebook §5): rebels, militias, identity militias.
_CLAIMANTS: Final = frozenset({2, 3, 4})
_CLAIMED_TYPES: Final = frozenset({"Explosions/Remote violence", "Violence against civilians",
                                   "Battles"})


def _claimed(sentence: str, knowledge: Knowledge, result: list[list[Suggestion]],
             kept: list[Suggestion], last: tuple[int, int]) -> None:
    """"Al Shabaab claimed responsibility for the attack", "Local authorities said the Taliban
    planted the bomb", "The device was planted by JNIM militants": the group that claims or is
    named as the perpetrator of an attack an Unidentified Armed Group carried out is its
    actor1 (codebook §11 example 6: the claimant of a bombing is its actor1; §6: a suspected
    perpetrator is named, with "and/or" when uncertain)."""
    claim = _CLAIM_RE.search(sentence) or _DONE_BY_RE.search(sentence)
    if claim is None:
        return
    row, position = _slot(result, kept, last)
    event = row[position].event
    if (event.event_type not in _CLAIMED_TYPES or event.country is None
            or event.actor1 != UNIDENTIFIED.format(country=event.country)):
        return
    on = event.event_date or date.today()
    found = [m for m in find_actors(sentence, knowledge.actors, event.country, on)
             if not m.assoc_label]
    if claim.re is _DONE_BY_RE and claim.group("by"):
        # "planted by JNIM militants": the name right after "by".
        after = [m for m in found if m.span[0] >= claim.end()
                 and not sentence[claim.end():m.span[0]].strip(" ,")]
        claimant = after[0] if after else None
        if _NO_CLAIM_RE.search(sentence, 0, claim.start()):
            return
    else:
        before = [m for m in found if m.span[1] <= claim.start()]
        if not before or _NO_CLAIM_RE.search(sentence, before[-1].span[1], claim.start()):
            return
        claimant = before[-1]
    if (claimant is None or claimant.inter not in _CLAIMANTS
            or claimant.actor in (event.actor1, event.actor2)):
        return
    update = {"actor1": claimant.actor, "inter1": claimant.inter, "interaction": None}
    row[position] = replace(row[position], event=event.model_copy(update=update).derived())


# Who is named as the perpetrator in a later sentence: "X planted the bomb", "X are the
# suspected attackers", "X was behind the attack"; or after the act, "planted by X",
# "carried out by X", "attributed to X".
_DONE_BY_RE: Final = re.compile(
    r"\b(?:planted|placed|laid)\s+(?:the|a|an|this)\s+(?:\w+\s+)?(?:bombs?|devices?|IEDs?"
    r"|mines?|landmines?|explosives?)\b"
    r"|\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:the\s+)?(?:suspected|alleged|presumed|likely"
    r"|believed)?\s*(?:attackers|perpetrators|assailants|culprits)\b"
    r"|\b(?:is|are|was|were)\s+(?:\w+\s+)?behind\s+(?:the|this)\s+(?:\w+\s+)?(?:attacks?"
    r"|bombings?|blasts?|explosions?|killings?|ambush|raid|abduction|kidnapping)\b"
    r"|(?P<by>\b(?:planted|placed|laid|carried out|perpetrated|committed|conducted|attributed"
    r"|blamed)\s+(?:on|to|by)\b)",
    re.IGNORECASE)


def _second_side(row: list[Suggestion], position: int, knowledge: Knowledge) -> None:
    """A battle no sentence of the story gave a second side: an Unidentified Armed Group
    of its country (codebook §10: battles always have two actors; §6 names the unnamed
    side), or the name ACLED gives an unnamed armed side there."""
    event = row[position].event
    if event.event_type != "Battles" or event.actor2 is not None or event.country is None:
        return
    on = event.event_date or date.today()
    actor2, inter2 = knowledge.actors.unnamed(event.country, "Battles", on) or (
        UNIDENTIFIED.format(country=event.country), 3)
    update = {"actor2": actor2, "inter2": inter2, "interaction": None}
    row[position] = replace(row[position], event=event.model_copy(update=update).derived())


def _late_toll(sentence: str, sentences: Sequence[str], meta: DocumentMeta,
               result: list[list[Suggestion]], kept: list[Suggestion],
               told: Sequence[tuple[int, int]], prior: Mapping[tuple[int, int], int]) -> None:
    """A toll told in a later sentence of no event of its own ("Seven soldiers were killed")
    belongs to the event before it (codebook §8); a dated sentence may be another story,
    unless it just retold that event. The figure is weighed (fatalities.later_toll: other
    sources' lower figure, dead "also" killed added) against the event's toll before this
    sentence, `prior` when the sentence's retelling already raised it.

    When the event's sentence told it at several places or over several days ("in A and B",
    "on two consecutive days"), the toll is the whole story's and is split over its events
    as a toll in that sentence would be (§8: a total for several days or places is split
    evenly, the remainder to the first).
    """
    copies = _copies(told, result, kept)
    if not any(c in prior for c in copies) and find_dates(sentence, meta.published or date.today()):
        return
    current = [_at(result, kept, c).fatalities or 0 for c in copies]
    before = sum(prior.get(c, now) for c, now in zip(copies, current, strict=True))
    toll = later_toll(before, sentence, meta.source)
    if toll == before and not any(c in prior for c in copies):
        return
    told_in = sentences[copies[0][0]]
    days = {_at(result, kept, c).event_date for c in copies}
    span = days_spanned(told_in) if len(days) == 1 and days_spanned(sentence) == 1 else 1
    # Places the place step did not name count only beside those it did: a lone event at a
    # region may be ACLED's one event for the areas listed in it.
    listed = places_listed(told_in) if len(copies) > 1 else 1
    count = max(len(copies), len(days) * listed) * span
    for index, (where, now) in enumerate(zip(copies, current, strict=True)):
        if (share := _share(toll, (index, count))) != now:
            _update(result, kept, where, share)


def _late_intervention(sentence: str, meta: DocumentMeta, knowledge: Knowledge,
                       result: list[list[Suggestion]], kept: list[Suggestion],
                       last: tuple[int, int]) -> None:
    """"Police intervened and arrested 20 of them" after a peaceful protest: the protest had an
    intervention (codebook §3), by the actor named or, unnamed, the police. After a violent
    demonstration with no second side, the force that intervened is that side (§3 Violent
    demonstration: rioters and the police who face them)."""
    cue = intervention(sentence)
    policing = _POLICING_RE.search(sentence) if cue is None else None
    if (cue is None and policing is None) or find_dates(sentence, meta.published or date.today()):
        return
    row, position = _slot(result, kept, last)
    event = row[position].event
    if event.country is None:
        return
    update: dict[str, Any]
    if event.sub_event_type == "Peaceful protest":
        update = {"sub_event_type": "Protest with intervention", "disorder_type": None}
    elif event.sub_event_type == "Violent demonstration" and event.actor2 is None:
        update = {}
    else:
        return
    on = event.event_date or date.today()
    states = [m for m in find_actors(sentence, knowledge.actors, event.country, on)
              if m.inter in (1, 8) and not m.assoc_label]
    if policing is not None:
        # The wider verbs ("tried to contain", "had to intervene") police a crowd only with
        # a force as their subject: "residents urged the authorities to intervene" is none.
        states = [m for m in states if m.span[1] <= policing.start()
                  and _ASKED_RE.search(sentence, m.span[1], policing.start()) is None
                  and _FORCE_WORD_RE.search(sentence, m.span[0], m.span[1])]
        if not states:
            return
    if states:
        # "Security forces dispersed the crowd" are the police, as roles codes them.
        force = facing_crowd(sentence, states[0], event.country, on, knowledge.actors)
        actor2 = (force.actor, force.inter)
    else:
        actor2 = (knowledge.actors.state_force(event.country, "police", on), 1)
    raised = EventFields(**{**event.filled(), **update, "interaction": None,
                            "actor2": actor2[0], "inter2": actor2[1]}).derived()
    row[position] = replace(row[position], event=raised)


# Verbs of policing a crowd that `classify.intervention` leaves out, since alone they need
# not be about a gathering: a force that "tried to contain the demonstration", "had to
# intervene", "controlled the riot", "responded and contained the situation", "took the
# situation under control", "worked to re-open the road" faced the crowd (codebook §3).
_CROWD_OBJECT: Final = (
    r"(?:the\s+)?(?:situation|crowds?|protests?|protesters|protestors|demonstrations?"
    r"|demonstrators|riots?|rioters|mob|unrest|disturbances?|tension|inmates|prisoners|them"
    r"|roads?|highway|blockades?|barricades?)\b")
_POLICING_RE: Final = re.compile(
    r"\b(?:(?:tried|tries|try|attempted|attempting|had|has|have|were able|was able|managed"
    r"|moved|rushed|came|working|worked|sought)\s+to\s+(?:intervene|contain|control"
    r"|calm|pacify|quell|disperse|re-?open|clear|unblock|restore order)"
    r"|(?:contained|controlled|quelled|pacified|calmed(?:\s+down)?|re-?opened|cleared"
    r"|unblocked)\s+" + _CROWD_OBJECT +
    r"|(?:took|take|taken|brought|bring)\s+(?:control\s+(?:of\s+)?" + _CROWD_OBJECT
    + r"|(?:the\s+)?(?:situation|riot|crowd|mob)\s+under\s+control)"
    r"|restored\s+(?:order|calm)|responded\s+and\s+(?:contained|controlled|dispersed)"
    r"|responded\s+with\s+(?:tear|gunshots|gunfire|live|warning|force|batons|water))",
    re.IGNORECASE)
# A request to act is no act: "protesters urged the police to intervene".
_ASKED_RE: Final = re.compile(
    r"\b(?:urged|asked|called|calls|demanded|demanding|requested|appealed|wanted|want)\b",
    re.IGNORECASE)
# The subject of a wider policing verb is a force by name ("police", "soldiers", "guards"),
# not the government or "the authorities".
_FORCE_WORD_RE: Final = re.compile(
    r"polic|soldier|troop|forces|army|military|guard|officer|gendarm|personnel|agents"
    r"|cops|carabin|militar", re.IGNORECASE)


# Who a crowd is when a later sentence tells what it did: the protesters, "they", "several of
# them" (a story's later sentence about its gathering names the gathering this way).
_CROWD_AGENT: Final = (
    r"(?:the |some |several |many |a few |a group of |hundreds of |dozens of )?(?:of (?:the )?)?"
    r"(?:protesters|protestors|demonstrators|crowd|marchers|participants|rioters|students"
    r"|residents|youths?|they|them|workers|prisoners|inmates|people)")
# Violent or destructive acts (codebook §3 Riots: fights, rock throwing, property
# destruction). Blocking a road alone is not counted: ACLED codes many blockades as peaceful.
_RIOT_VERB: Final = (
    r"(?:threw|throwing|hurled|pelted|stoned|burn(?:ed|t)|torched|set (?:fire|ablaze|alight)"
    r"|set (?:[\w-]+ ){1,4}?(?:on fire|ablaze|alight)|vandali[sz]ed|ransacked|looted|smashed"
    r"|damaged|destroyed|attacked|assaulted|beat(?: up)?|clashed|fought|stormed|barricaded"
    r"|broke (?:into|windows|down)|responded with (?:stones|rocks|sticks)|turned violent"
    r"|rioted)")
# "The demonstrators burned the police station", "several of them attacked the policemen";
# not "they attacked the protesters" (force against the crowd, not by it).
_CROWD_ACTS_RE: Final = re.compile(
    r"(?<!\bat )(?<!\bon )(?<!\bagainst )(?<!\bto )\b" + _CROWD_AGENT
    + r"\b(?:\s+(?!(?:were|was|had|been|said|say|says|told|claimed|accused|alleged|reported"
    r"|police\w*|soldiers|troops|security|forces|army|officers|guards|authorities|gunmen)\b)"
    r"[\w-]+){0,3}?\s+" + _RIOT_VERB
    + r"\b(?!\s+(?:\w+\s+){0,2}?(?:the\s+)?(?:protesters|protestors|demonstrators|crowd"
    r"|marchers|participants|them)\b)",
    re.IGNORECASE)
# "Journalists were beaten up by demonstrators".
_CROWD_PASSIVE_RE: Final = re.compile(
    r"\b(?:were|was|got)\s+(?:\w+\s+)?(?:pelted|stoned|attacked|assaulted|beaten(?: up)?"
    r"|burn(?:ed|t)|torched|vandali[sz]ed|damaged|destroyed|smashed|looted|set on fire|injured"
    r"|hit)(?:\s+\w+){0,3}?\s+by\s+(?:the\s+)?(?:angry\s+)?(?:protesters|protestors"
    r"|demonstrators|crowd|marchers|participants|rioters|mob)\b",
    re.IGNORECASE)
# "Chairs were burnt and property destroyed", "Roads were barricaded with stones": property
# damaged at the gathering with no other agent named.
_PROPERTY_DAMAGED_RE: Final = re.compile(
    r"\b(?:tyres|tires|roads?|property|properties|vehicles?|cars?|windows|chairs|shops?"
    r"|buildings?|offices?|furniture|stones)\s+(?:were|was)\s+(?:\w+\s+)?(?:burn(?:ed|t)"
    r"|set (?:on fire|ablaze|alight)|torched|vandali[sz]ed|damaged|destroyed|smashed|barricaded"
    r"|looted|thrown|hurled)\b(?!\s+by\s+(?:the\s+)?(?:police|security|army|soldiers"
    r"|authorities|government))",
    re.IGNORECASE)


def _late_violence(sentence: str, knowledge: Knowledge, result: list[list[Suggestion]],
                   kept: list[Suggestion], last: tuple[int, int]) -> None:
    """"The demonstrators burned the police station" after a protest: the demonstration turned
    violent, one Riots event (codebook §3: a protest that turns violent on the same day is
    recorded once, as a Violent demonstration), its crowd Rioters; a state force the sentence
    names is its second side when it had none."""
    row, position = _slot(result, kept, last)
    event = row[position].event
    if event.event_type != "Protests" or event.country is None:
        return
    if not (_CROWD_ACTS_RE.search(sentence) or _CROWD_PASSIVE_RE.search(sentence)
            or _PROPERTY_DAMAGED_RE.search(sentence)):
        return
    update: dict[str, Any] = {"event_type": "Riots", "sub_event_type": "Violent demonstration",
                              "disorder_type": None, "interaction": None}
    if event.inter1 == 6:
        update.update(actor1=f"Rioters ({event.country})", inter1=5)
    if event.actor2 is None:
        on = event.event_date or date.today()
        state = next((m for m in find_actors(sentence, knowledge.actors, event.country, on)
                      if m.inter in (1, 8) and not m.assoc_label
                      and not _THING_AFTER_RE.match(sentence, m.span[1])), None)
        if state is not None:
            update.update(actor2=state.actor, inter2=state.inter)
    raised = EventFields(**{**event.filled(), **update}).derived()
    row[position] = replace(row[position], event=raised)


# "military equipment", "the police station": a force's property, not the force facing the crowd.
_THING_AFTER_RE: Final = re.compile(
    r"\s+(?:equipment|vehicles?|cars?|trucks?|property|station|buildings?|bases?|offices?"
    r"|posts?|headquarters|barracks|premises|compound)\b", re.IGNORECASE)


# "The protest was initiated by X", "X organised the protest", "Teachers participated in the
# protest", "Among the protesters were nurses": who organised or joined the gathering.
_JOINED_RE: Final = re.compile(
    r"\b(?:organi[sz](?:ed|ing)|initiated|called|led|staged|convened|coordinated|sponsored"
    r"|mobili[sz]ed|participated|took part|joined|attended)\b"
    r"|\bamong (?:the )?(?:protesters|protestors|demonstrators|participants|marchers)\b",
    re.IGNORECASE)
_GATHERING_RE: Final = re.compile(
    r"\b(?:protests?|demonstrations?|rall(?:y|ies)|march(?:es)?|sit-ins?|strikes?|gatherings?"
    r"|events?|vigils?|protesters|protestors|demonstrators|participants|marchers)\b",
    re.IGNORECASE)
# Another gathering told beside the story's: its organisers are not this one's.
_OTHER_GATHERING_RE: Final = re.compile(
    r"\bcounter-?\s?(?:protests?|demonstrations?|rall(?:y|ies)|march(?:es)?)"
    r"|\b(?:another|a second|a separate|a similar|other)\s+(?:\w+\s+)?(?:protests?"
    r"|demonstrations?|rall(?:y|ies)|march(?:es)?|gatherings?)\b",
    re.IGNORECASE)
# A name right after these is what the crowd is against or for, not who it is.
_NOT_OF_CROWD_RE: Final = re.compile(
    r"\b(?:against|targeting|denouncing|condemning|criticising|criticizing|demanding|from"
    r"|support of|supporting|favou?r of|for|towards?|with|at|of)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE)
_CROWD_TYPES: Final = frozenset({"Peaceful protest", "Protest with intervention",
                                 "Excessive force against protesters", "Violent demonstration"})


def _late_organisers(sentence: str, knowledge: Knowledge, result: list[list[Suggestion]],
                     kept: list[Suggestion], last: tuple[int, int]) -> None:
    """Who a later sentence says organised or joined the story's gathering are the crowd's
    associated actors (codebook §6: the party of protesters and identity labels such as
    Teachers go in assoc_actor_1; §11 example 3); a counter-protest told beside it is its
    second side, Protesters with their organisers associated."""
    row, position = _slot(result, kept, last)
    event = row[position].event
    if (event.sub_event_type not in _CROWD_TYPES or event.inter1 not in (5, 6)
            or event.country is None):
        return
    other = _OTHER_GATHERING_RE.search(sentence)
    counter = other is not None and other.group(0).casefold().startswith("counter")
    if other is not None and not (counter and event.actor2 is None):
        return
    if other is None and not (_JOINED_RE.search(sentence) and _GATHERING_RE.search(sentence)):
        return
    on = event.event_date or date.today()
    names = [m.actor for m in find_actors(sentence, knowledge.actors, event.country, on)
             if (m.assoc_label or (m.inter not in (1, 5, 6, 7) and not _generic(m.actor)))
             and not _NOT_OF_CROWD_RE.search(sentence, max(0, m.span[0] - 30), m.span[0])]
    update: dict[str, Any] = {}
    if counter:
        update.update(actor2=f"Protesters ({event.country})", inter2=6, interaction=None)
        column = "assoc_actor_2"
    else:
        column = "assoc_actor_1"
    have = [a for a in (getattr(event, column) or "").split("; ") if a]
    added = [n for n in dict.fromkeys(names)
             if n not in have and n not in (event.actor1, event.actor2)]
    if added:
        update[column] = "; ".join([*have, *added])
    if update:
        raised = event.model_copy(update=update).derived()
        row[position] = replace(row[position], event=raised)


def _generic(actor: str) -> bool:
    """Whether an actor name is a generic one of a country ("Civilians (Mali)")."""
    return actor.startswith(("Unidentified", "Protesters (", "Rioters (", "Civilians ("))


# A later sentence telling who was hurt ("Four civilians were wounded", "The driver was
# injured") or who the victim was ("The man was a pharmacist").
_HURT_RE: Final = re.compile(
    r"\b(?:killed|killing|kill|injur(?:ed|ing|ies)|wounded|wounding|died|dead|hurt"
    r"|casualties|lost (?:their|his|her) lives)\b"
    r"|^\s*(?:The|Both|All)\s+(?:\w+\s+)?(?:victims?|deceased|dead|man|woman|men|women"
    r"|boy|girl|person|people)\s+(?:was|were)\b",
    re.IGNORECASE)


def _late_victims(sentence: str, knowledge: Knowledge, result: list[list[Suggestion]],
                  kept: list[Suggestion], last: tuple[int, int]) -> None:
    """Victims a later sentence names, added to the event before it (codebook §6, §11 example
    5): civilians hurt by an explosion with no named target are its actor2, by one aimed at an
    armed side its associated actor 2; the identity labels of civilian victims (Women,
    Journalists, Labour Group) join assoc_actor_2. Never in a battle (§6)."""
    row, position = _slot(result, kept, last)
    event = row[position].event
    country = event.country
    if country is None or event.event_type not in _VICTIM_TYPES or not _HURT_RE.search(sentence):
        return
    on = event.event_date or date.today()
    victims = [m for m in find_actors(sentence, knowledge.actors, country, on)
               if m.inter == 7 and m.role_hint != "agent"]
    if not victims:
        return
    civilians = f"Civilians ({country})"
    labels = [m.actor for m in victims if m.assoc_label]
    named = any(not m.assoc_label for m in victims)
    update: dict[str, Any] = {}
    assoc = [a for a in (event.assoc_actor_2 or "").split("; ") if a]
    if event.event_type == "Explosions/Remote violence" and named:
        if event.actor2 is None:
            update.update(actor2=civilians, inter2=7, interaction=None)
        elif event.inter2 != 7:
            labels = [civilians, *labels]
    elif event.inter2 != 7:
        return
    added = [a for a in dict.fromkeys(labels) if a not in assoc]
    if added:
        update["assoc_actor_2"] = "; ".join([*assoc, *added])
    if update:
        raised = event.model_copy(update=update).derived()
        row[position] = replace(row[position], event=raised)


# A body found decomposed ("in an advanced state of decomposition", "skeletal remains"):
# the death came days or weeks before it was found, so its day is known only to the month.
_DECOMPOSED_RE: Final = re.compile(
    r"\b(?:decompos(?:ed|ing|ition)|skeletal|skeletoni[sz]ed|mummified)\b", re.IGNORECASE)


def _late_decomposed(sentence: str, result: list[list[Suggestion]], kept: list[Suggestion],
                     where: tuple[int, int]) -> None:
    """A later sentence telling that the story's body was found decomposed: the killing's day
    is known only to the month (codebook §7, time_precision 3)."""
    event = _at(result, kept, where)
    if (event.event_type != "Violence against civilians" or (event.time_precision or 1) >= MONTH
            or not _DECOMPOSED_RE.search(sentence)):
        return
    row, position = _slot(result, kept, where)
    row[position] = replace(row[position], event=event.model_copy(
        update={"time_precision": MONTH}))


def _late_armed_victim(sentence: str, knowledge: Knowledge, result: list[list[Suggestion]],
                       kept: list[Suggestion], last: tuple[int, int]) -> None:
    """"The victim had charges against him for drug trafficking" after a killing: the victim
    belonged to an armed gang, so the killing is an Armed clash between armed groups, not
    violence against civilians (codebook §3: Battles need two organised armed groups)."""
    row, position = _slot(result, kept, last)
    event = row[position].event
    if (event.sub_event_type != "Attack" or event.country is None
            or not armed_victim(sentence)):
        return
    update: dict[str, Any] = {"event_type": "Battles", "sub_event_type": "Armed clash",
                              "disorder_type": None, "interaction": None,
                              "civilian_targeting": None}
    on = event.event_date or date.today()
    if event.inter2 == 7:
        gang = next((m for m in find_actors(sentence, knowledge.actors, event.country, on)
                     if m.inter in _NON_STATE and not m.assoc_label), None)
        # An unnamed victim's gang is the name ACLED gives an unnamed armed side there
        # ("Unidentified Gang (Brazil)"), as `_second_side` names a battle's.
        actor2, inter2 = ((gang.actor, gang.inter) if gang is not None
                          else knowledge.actors.unnamed(event.country, "Battles", on)
                          or (UNIDENTIFIED.format(country=event.country), 3))
        update.update(actor2=actor2, inter2=inter2, assoc_actor_2=None)
    usual = knowledge.actors.unnamed(event.country, "Violence against civilians", on)
    if (event.actor1 == UNIDENTIFIED.format(country=event.country) and usual is not None
            and usual[0].startswith("Unidentified Gang")):
        # A victim of a gang is a mark of organised crime: the unnamed killer is the
        # country's gang as `_late_gang` names it.
        update.update(actor1=usual[0], inter1=usual[1])
    raised = EventFields(**{**event.filled(), **update}).derived()
    row[position] = replace(row[position], event=raised)


# "The men opened fire at the police", "he shot at the officers": the target of an attack
# that fired back at a force.
_SHOT_AT_FORCE_RE: Final = re.compile(
    r"\b(?:opened fire|shot|fired)\s+(?:back\s+)?(?:at|on)\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:police|policemen|officers|soldiers|troops|security forces|army|agents|guards)\b",
    re.IGNORECASE)
# Who fire back cannot be: civilians are never armed (§5), and rioters who shoot are no mob.
_UNARMED: Final = frozenset({5, 7})


def _late_fire_back(sentence: str, knowledge: Knowledge, result: list[list[Suggestion]],
                    kept: list[Suggestion], last: tuple[int, int]) -> None:
    """"The two sides exchanged fire", "the men opened fire at the police" after an attack or
    a mob's violence: both sides were armed and fought, an Armed clash (codebook §3: Battles
    are violent clashes between armed groups; violence against civilians is one-sided). The
    unarmed side becomes the force the sentence names, or an Unidentified Armed Group."""
    row, position = _slot(result, kept, last)
    event = row[position].event
    country = event.country
    if (event.sub_event_type not in ("Attack", "Mob violence") or country is None
            or not (_FIRE_BACK_RE.search(sentence) or _SHOT_AT_FORCE_RE.search(sentence))):
        return
    on = event.event_date or date.today()
    forces = [(m.actor, m.inter) for m in find_actors(sentence, knowledge.actors, country, on)
              if m.inter in (1, 8) and not m.assoc_label
              and m.actor not in (event.actor1, event.actor2)]
    update: dict[str, Any] = {"event_type": "Battles", "sub_event_type": "Armed clash",
                              "disorder_type": None, "interaction": None,
                              "civilian_targeting": None}
    for side in ("1", "2"):
        if getattr(event, f"inter{side}") in _UNARMED or getattr(event, f"actor{side}") is None:
            actor, inter = forces.pop(0) if forces else (UNIDENTIFIED.format(country=country), 3)
            update.update({f"actor{side}": actor, f"inter{side}": inter,
                           f"assoc_actor_{side}": None})
    raised = EventFields(**{**event.filled(), **update}).derived()
    row[position] = replace(row[position], event=raised)


# "He was later found dead": told after the killing, no mark of a gang's work (on the dev
# split a body found dead is a gang's killing 13 times in 21, the other marks all but once).
_WEAK_MARKS: Final = frozenset({"found dead"})


def _late_gang(sentence: str, knowledge: Knowledge, result: list[list[Suggestion]],
               kept: list[Suggestion], last: tuple[int, int]) -> None:
    """"The bodies had their hands tied", "the killing was related to organised crime" after
    a killing by unnamed men: where ACLED names an unnamed killer after the country's gangs
    (Mexico, El Salvador, Brazil's gangs and police militias), the marks of organised crime
    told anywhere in the report make the Unidentified Armed Group that gang, as the killing's
    own sentence does (`roles`)."""
    row, position = _slot(result, kept, last)
    event = row[position].event
    country = event.country
    if (country is None or event.event_type != "Violence against civilians"
            or event.actor1 != UNIDENTIFIED.format(country=country)
            or not any(m.group(0).casefold() not in _WEAK_MARKS
                       for m in ORGANISED_CRIME.finditer(sentence))):
        return
    usual = knowledge.actors.unnamed(country, "Violence against civilians",
                                     event.event_date or date.today())
    if usual is None or not usual[0].startswith("Unidentified Gang"):
        return
    update = {"actor1": usual[0], "inter1": usual[1], "interaction": None}
    row[position] = replace(row[position], event=event.model_copy(update=update).derived())


# Where later victims belong to the event (Battles never take civilians as associated actors).
_VICTIM_TYPES: Final = frozenset({"Explosions/Remote violence", "Violence against civilians",
                                  "Riots"})


# A sentence that opens by pointing back at the story ("The protest was initiated by ...",
# "The attackers fled", "They later killed them") goes on telling the event before it.
_ANAPHORA_RE: Final = re.compile(
    r"\s*(?:(?:The|This|That|These|Those)\s+(?:\w+\s+)?(?:attacks?|assault|protests?"
    r"|demonstrations?|rally|march|clash(?:es)?|fighting|incidents?|explosions?|blasts?"
    r"|bombing|strikes?|airstrikes?|raids?|ambush|violence|events?|killings?|shooting"
    r"|victims?|perpetrators?|attackers?|assailants?|protesters|demonstrators|gunmen|bodies"
    r"|body|deceased"
    # the person the story told of ("The individual was kept detained"), as "He"/"She"
    r"|individuals?|m[ae]n|wom[ae]n|persons?|hostages?|abductees?|captives?|detainees?)\b"
    r"|(?:It|They|He|She)\s)"
)


def _late_no_fight(sentence: str, result: list[list[Suggestion]], kept: list[Suggestion],
                   last: tuple[int, int]) -> None:
    """"There were no clashes" after a takeover: the place changed hands without fighting, a
    Non-violent transfer of territory (codebook §3), whoever took it."""
    if without_fighting(sentence):
        _no_fight(result, kept, last)


_NO_FIGHT: Final = "Non-violent transfer of territory"


def _late_legacy(sentence: str, result: list[list[Suggestion]], kept: list[Suggestion],
                 last: tuple[int, int]) -> None:
    """"The landmine exploded where fighting occurred in the 1980s" after a blast: a remnant
    of a war long over, coded Strategic developments, Other (codebook §3 Other)."""
    row, position = _slot(result, kept, last)
    event = row[position].event
    if event.sub_event_type != "Remote explosive/landmine/IED" or not legacy_device(sentence):
        return
    moved = EventFields(**{**event.filled(), "event_type": "Strategic developments",
                           "sub_event_type": "Other", "disorder_type": None,
                           "interaction": None, "civilian_targeting": None}).derived()
    row[position] = replace(row[position], event=moved)


def _no_fight(result: list[list[Suggestion]], kept: list[Suggestion],
              where: tuple[int, int]) -> None:
    """The territorial event at `where` as a Non-violent transfer of territory (§3)."""
    row, position = _slot(result, kept, where)
    event = row[position].event
    if event.sub_event_type not in _TERRITORY:
        return
    moved = EventFields(**{**event.filled(), "event_type": "Strategic developments",
                           "sub_event_type": _NO_FIGHT,
                           "disorder_type": None, "interaction": None}).derived()
    row[position] = replace(row[position], event=moved)


def _detail(suggestion: Suggestion, sentence: str = "") -> bool:
    """Whether a later sentence's event names no date and no place of its own, or no date
    and opens by pointing back at the story.

    "Three soldiers were wounded", "They set fire to the village": such a sentence tells more
    of the event before it (codebook §10: one event is one place and day), not a new one.
    """
    if "event_date" in suggestion.evidence:
        return False
    return "location" not in suggestion.evidence or bool(_ANAPHORA_RE.match(sentence))


# "Police opened fire to disperse the crowd": a definite gathering names the story's own.
_THE_CROWD_RE: Final = re.compile(
    r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:crowds?|protests?|protesters|protestors"
    r"|demonstrators|demonstrations?|gatherings?|rall(?:y|ies)|marchers|participants|sit-ins?)\b",
    re.IGNORECASE)


def _crowd_detail(suggestion: Suggestion, sentence: str, last: EventFields) -> bool:
    """Whether a later sentence's crowd event, naming no day of its own, tells how the
    story's gathering went ("Police opened fire to disperse the crowd"), even when a word
    of it reads as a place: one gathering on one day is one event (codebook §3, §10)."""
    return ("event_date" not in suggestion.evidence
            and suggestion.event.sub_event_type in _CROWD_TYPES
            and last.sub_event_type in _CROWD_TYPES
            and _THE_CROWD_RE.search(sentence) is not None)


def _background(suggestion: Suggestion, story: EventFields) -> bool:
    """Whether a later sentence's event is background to the story: the same kind of event
    on an earlier day, at no place of its own ("It was the second day of protests", "Workers
    had been demonstrating since last week"). Its place would only be the story's, and an
    event is one place and one day (codebook §10); the earlier days were their own reports'.
    """
    event = suggestion.event
    if ("event_date" not in suggestion.evidence or event.event_date is None
            or story.event_date is None):
        return False
    if event.event_date < story.event_date - _LONG_BEFORE:
        # "covering the Minsk demonstration in December 2019" in a May report: an event
        # months before the story's is what led to it, coded from its own reports.
        return True
    return ("location" not in suggestion.evidence and event.event_type == story.event_type
            and event.event_date < story.event_date)


# How long before the story's event a later sentence's event is its history, not news.
_LONG_BEFORE: Final = timedelta(days=30)


def _complete(result: list[list[Suggestion]], kept: list[Suggestion], where: tuple[int, int],
              detail: EventFields, text: str = "") -> None:
    """What a later sentence about an event adds to it (codebook §3, §10).

    A battle's missing second side; and a higher-ranked sub-event type of the same event
    ("Police dispersed the protesters" makes a peaceful protest a Protest with intervention,
    "The army took control of the village" makes a clash Government regains territory):
    concurrent tactics of one event fold into the highest one.
    """
    sentence, position = where
    row = result[sentence] if sentence < len(result) else kept
    event = row[position].event
    upgraded = _higher_type(event, detail)
    if (upgraded is None and event.event_type == "Strategic developments"
            and detail.event_type == "Battles" and detail.sub_event_type is not None
            and (_FIRE_BACK_RE.search(text) or _CLASH_BROKE_OUT_RE.search(text))):
        # "Two armed men exchanged fire with the agents during the operation": a raid or
        # seizure that met armed resistance is a battle; Strategic developments are the
        # non-violent context of the conflict, and looting counts only outside another
        # violent event (codebook §3).
        fight: dict[str, Any] = {"event_type": "Battles", "sub_event_type": detail.sub_event_type,
                                 "disorder_type": None, "interaction": None,
                                 "civilian_targeting": None}
        if event.inter2 not in _ARMED and detail.actor2 and detail.inter2 in _ARMED:
            fight.update(actor2=detail.actor2, inter2=detail.inter2, assoc_actor_2=None)
        upgraded = EventFields(**{**event.filled(), **fight}).derived()
    if (upgraded is None and event.event_type == "Explosions/Remote violence"
            and detail.event_type == "Battles" and detail.sub_event_type is not None
            and _FIRE_BACK_RE.search(text)):
        # "The guards returned fire": the strike was part of a fight, and an explosion inside
        # a battle is one Battles event (codebook §3 Explosions/Remote violence). A mere
        # retelling that reads as a clash ("fire in both directions was observed") is not.
        update: dict[str, Any] = {"event_type": "Battles",
                                  "sub_event_type": detail.sub_event_type,
                                  "disorder_type": None, "interaction": None}
        if event.inter2 not in _ARMED:
            update.update(actor2=None, inter2=None)
        upgraded = EventFields(**{**event.filled(), **update}).derived()
    if (upgraded is None and event.sub_event_type == "Attack" and event.country is not None
            and detail.event_type == "Battles" and _CLASH_BROKE_OUT_RE.search(text)):
        # "A clash broke out" after a raid: the raided were armed and fought back, a battle
        # (codebook §3: violence against civilians is one-sided); the armed side the
        # sentence names replaces the civilians.
        armed = [(a, i) for a, i in ((detail.actor1, detail.inter1),
                                     (detail.actor2, detail.inter2))
                 if a and i in _ARMED and a not in (event.actor1, event.actor2)]
        update = {"event_type": "Battles", "sub_event_type": "Armed clash",
                  "disorder_type": None, "interaction": None, "civilian_targeting": None}
        for side in ("1", "2"):
            if getattr(event, f"inter{side}") in _UNARMED:
                fighter, code = armed.pop(0) if armed else (
                    UNIDENTIFIED.format(country=event.country), 3)
                update.update({f"actor{side}": fighter, f"inter{side}": code,
                               f"assoc_actor_{side}": None})
        upgraded = EventFields(**{**event.filled(), **update}).derived()
    if upgraded is not None:
        row[position] = replace(row[position], event=upgraded)
        event = upgraded
    if (event.sub_event_type in _CROWD_TYPES and event.actor2 is None
            and (detail.sub_event_type in _CROWD_TYPES or detail.sub_event_type in _CROWD_FIGHTS)):
        # The force a later sentence has facing the crowd ("Security forces intervened") is
        # the gathering's second side, whichever type ranks higher (§3).
        force = next(((a, i) for a, i in ((detail.actor2, detail.inter2),
                                         (detail.actor1, detail.inter1)) if a and i in (1, 8)),
                     None)
        if force is not None:
            update = {"actor2": force[0], "inter2": force[1], "interaction": None}
            event = event.model_copy(update=update).derived()
            row[position] = replace(row[position], event=event)
    if event.event_type != "Battles" or event.actor2 is not None:
        return
    sides = ((detail.actor1, detail.inter1), (detail.actor2, detail.inter2))
    for actor, inter in sides:
        if actor and inter not in (None, 7) and actor != event.actor1:
            update = {"actor2": actor, "inter2": inter, "interaction": None}
            row[position] = replace(row[position],
                                    event=event.model_copy(update=update).derived())
            return


# The other side fighting back: what makes a strike part of a battle.
_FIRE_BACK_RE: Final = re.compile(
    r"\b(?:fired back|returned fire|returned the fire|shot back|responded with (?:gunfire|fire)"
    r"|reacted with (?:gunfire|fire)|retaliated|exchanged (?:gun)?fire|exchange of (?:gun)?fire"
    r"|clash(?:ed|es) with|gun ?battles?|fire ?fights?)\b",
    re.IGNORECASE)
# A fight told after a raid or an attack: "a clash broke out", "clashes ensued", or the
# other side fighting back (_FIRE_BACK_RE).
_CLASH_BROKE_OUT_RE: Final = re.compile(
    r"\b(?:clash(?:es)?|fighting|gun ?fight|fire ?fight|shoot-?out|exchange of (?:gun)?fire)"
    r"\s+(?:broke out|erupted|ensued|followed|took place)\b"
    r"|\b(?:fired back|returned fire|returned the fire|shot back|exchanged (?:gun)?fire)\b",
    re.IGNORECASE)
# Protests and riots by rank, highest first (codebook §3 hierarchy; a protest that turns
# violent on the same day is recorded once, as Riots).
_CROWD_RANK: Final = ("Violent demonstration", "Excessive force against protesters",
                      "Protest with intervention", "Peaceful protest")
# Fights a later sentence tells of the story's gathering: its turning violent (codebook §3).
_CROWD_FIGHTS: Final = frozenset({"Armed clash", "Mob violence"})
# Within these event types the codebook's table order is its hierarchy (§3): a clash that
# ends in a takeover is the takeover, an abduction followed by a killing is an Attack.
# Strategic developments have no such order.
_TERRITORY: Final = ("Government regains territory", "Non-state actor overtakes territory")
# Types a retelling raises its event to: a takeover ends a battle; a crowd's higher type
# tells how the same gathering went. (A retold blast or abduction names no new tactic.)
_RETOLD_RAISES: Final = frozenset({*_TERRITORY, *_CROWD_RANK})
_RANKED_TYPES: Final = frozenset({"Battles", "Explosions/Remote violence",
                                  "Violence against civilians"})


def _higher_type(event: EventFields, detail: EventFields) -> EventFields | None:
    """The event with the detail's sub-event type when that ranks higher for the same event."""
    if event.sub_event_type is None or detail.sub_event_type is None:
        return None
    if event.sub_event_type in _CROWD_RANK and detail.sub_event_type in _CROWD_FIGHTS:
        # "which turned into clashes with the police" after a protest: the gathering's own
        # fight, and a protest that turns into clashes on the same day is one Riots event,
        # a Violent demonstration (codebook §3).
        detail = detail.model_copy(update={"event_type": "Riots",
                                           "sub_event_type": _CROWD_RANK[0]})
    if event.sub_event_type in _CROWD_RANK and detail.sub_event_type in _CROWD_RANK:
        rank: Sequence[str] = _CROWD_RANK
    elif event.event_type == detail.event_type and event.event_type in _RANKED_TYPES:
        rank = codebook.EVENT_TYPES[event.event_type]
    else:
        return None
    if rank.index(detail.sub_event_type) >= rank.index(event.sub_event_type):
        return None
    sub_event_type = detail.sub_event_type
    if sub_event_type == _TERRITORY[1] and event.inter1 == 1:
        # Who takes the place is the event's own agent: when that is the state, it regains
        # the territory (§3: only the government regains territory).
        sub_event_type = _TERRITORY[0]
    update: dict[str, Any] = {
        "sub_event_type": sub_event_type, "event_type": detail.event_type,
        "disorder_type": None, "interaction": None,
    }
    if detail.event_type == "Riots" and event.inter1 == 6:
        update.update(actor1=f"Rioters ({event.country})" if event.country else None, inter1=5)
    if detail.actor2 and event.actor2 is None:
        update.update(actor2=detail.actor2, inter2=detail.inter2)
    return event.model_copy(update=update).derived()


def _slot(result: list[list[Suggestion]], kept: list[Suggestion], where: tuple[int, int]
          ) -> tuple[list[Suggestion], int]:
    """The row holding the event at `where` (sentence, position), and its position there: a
    sentence's own row, or `kept` for the sentence being read (its index is len(result))."""
    sentence, position = where
    return (result[sentence] if sentence < len(result) else kept), position


def _at(result: list[list[Suggestion]], kept: list[Suggestion], where: tuple[int, int]
        ) -> EventFields:
    row, position = _slot(result, kept, where)
    return row[position].event


def _update(result: list[list[Suggestion]], kept: list[Suggestion], where: tuple[int, int],
            fatalities: int) -> None:
    row, position = _slot(result, kept, where)
    row[position] = _with_fatalities(row[position], fatalities)


# Strikes and fighting between the same sides at one place and day are one Battles event
# (codebook §3: an explosion inside a battle is a Battles event; §10: forms of violence of the
# same actors, place and day merge into the highest).
_FIGHT_AND_STRIKE: Final = frozenset({"Battles", "Explosions/Remote violence"})


def _retold(event: EventFields, earlier: EventFields, dated: bool = True) -> bool:
    """Whether `event` is the same event as `earlier`, told again with no new place or date.

    A sentence that names no date of its own ("after the Taliban seized Kabul") is not dated
    by the report's day: it retells the earlier event whatever that one's date. A place
    changing hands is one event however a retelling words it (overtaken, retaken, or
    handed over without a fight), and so are fighting and strikes between the same sides.
    """
    if dated and event.event_date != earlier.event_date:
        return False
    if event.event_type != earlier.event_type and not (
            {event.sub_event_type, earlier.sub_event_type} <= {*_TERRITORY, _NO_FIGHT}
            or {event.event_type, earlier.event_type} == _FIGHT_AND_STRIKE):
        return False
    if event.location is not None and event.location != earlier.location:
        return False
    named = {a for a in (event.actor1, event.actor2) if a}
    return named <= {a for a in (earlier.actor1, earlier.actor2) if a}


def _with_fatalities(suggestion: Suggestion, fatalities: int) -> Suggestion:
    event = suggestion.event.model_copy(update={"fatalities": fatalities})
    evidence = {k: v for k, v in suggestion.evidence.items() if k != "fatalities"}
    return replace(suggestion, event=event, evidence=evidence)


def document_country(sentences: Iterable[str], knowledge: Knowledge,
                     on: date | None = None) -> str | None:
    """The country a document without metadata is about: the one its places and words agree on.

    Each name the gazetteer knows votes for every country that has a place of that name: a
    province or a large town more than a hamlet, a name told as a place ("in Moscow", "Salagle
    town") more than a capitalised word ("Labor day"), a name many countries share ("San
    Juan") less; so the country that explains most names wins ("Valparaiso, Zacatecas" is
    Mexico). A country named where something happens ("in Syria") counts more than one named
    as where someone comes from or what a protest is against ("from Turkey", "against
    Israel"), and a nationality ("Turkish forces", "Malian refugees") little: foreign forces
    act abroad and victims travel. A group that fights in one country only adds a weak vote.
    Deciding once per document keeps a stray "Kabul" in a Nigerian story from moving it.
    A name told as a place that GeoNames spells otherwise ("in Quamishli" for Al Qamishli,
    `Gazetteer.lookup_loose`) adds a vote to a leading country that has it, and when nothing
    else votes names the country of its nearest spelling. `on` is the report's day (which
    name an actor had then); None when nothing points anywhere.
    """
    texts = list(sentences)
    votes = country_votes(texts, knowledge, on or date.today())
    _confirm_loosely(votes, texts, knowledge.gazetteer)
    best = max(votes, key=votes.__getitem__) if votes else None  # first of equal votes
    if best is not None and votes[best] > 0:
        return best
    return _loose_country(texts, knowledge.gazetteer)


def country_votes(sentences: Iterable[str], knowledge: Knowledge, on: date
                  ) -> dict[str, float]:
    """How much a document's text points at each country, in order of first vote
    (`document_country` tells how each word weighs)."""
    # Not a Counter: votes are fractional, and typeshed types Counter's values int.
    votes: defaultdict[str, float] = defaultdict(float)
    for sentence in sentences:
        for named in country_mentions(sentence, knowledge.gazetteer):
            votes[named.country] += _mention_weight(sentence, named, knowledge.gazetteer)
        names = place_names(sentence, knowledge.gazetteer)
        names = [*names, *_abbreviated_units(sentence, names, knowledge.gazetteer)]
        for name in [*names, *_road_ends(sentence, names, knowledge.gazetteer)]:
            for country, weight in _name_votes(sentence, name).items():
                votes[country] += weight
        for country, weight in _nested_votes(sentence, names).items():
            votes[country] += weight
        for mission in _MISSION_RE.finditer(sentence):
            votes[_MISSIONS[mission.group(1).casefold()]] += _MISSION_VOTE
        # A two-letter acronym names different groups in different countries, and a name
        # every branch of a group bears ("IS" of the Islamic State in Iraq, Syria and
        # Afghanistan) tells no country, whichever branch the dictionary resolved it to.
        shared = _shared_names(knowledge.actors)
        actors = find_actors(sentence, knowledge.actors, None, on)
        homes = {home for m in actors
                 if m.span[1] - m.span[0] > _SHORT_ACRONYM
                 and not _branch_name(sentence[m.span[0]:m.span[1]], shared)
                 and (home := knowledge.actors.home_country(m.actor)) is not None}
        for home in homes:
            votes[home] += _HOME_VOTE
        forces = {state for m in actors
                  if (state := _own_force(sentence, m, knowledge.gazetteer)) is not None}
        for state in forces - homes:
            votes[state] += _FORCE_VOTE
    return dict(votes)


# Weights, set on the dev split of the ACLED samples without metadata (bench/dev_eval.py
# --no-country); the order between them is the rule, the values only its scale.
_IN_COUNTRY_VOTE: Final = 1.5      # "fighting in Syria"
_COUNTRY_VOTE: Final = 1.0         # "Syria" otherwise
_STATE_VOTE: Final = 0.5           # "Syria's army", "Turkey-backed", "US forces"
_AWAY_VOTE: Final = 0.3            # "from Syria", "against Israel"
_NATIONALITY_VOTE: Final = 0.15    # "Malian refugees", "Syrians fled"
_AT_HOME_VOTE: Final = 0.5         # "Palestinian residents", "Kyrgyz authorities"
_QUALIFIER_VOTE: Final = 1.5       # "(Bossaso, Bari)": an admin1 closing a place's units
_ADMIN1_VOTE: Final = 1.0          # "Idleb", "Zacatecas"
_ADMIN2_VOTE: Final = 0.7          # "Pella", "Munshiganj": a district, whatever its size
_HOME_VOTE: Final = 0.6            # a group that fights in one country only
_FORCE_VOTE: Final = 0.3           # "a UPDF soldier": a state's forces by their own name
_MISSION_VOTE: Final = 1.0         # "the OSCE SMM observed"
_NESTED_VOTE: Final = 2.0          # "Dowa (Central)": a town named with its own province
_SHARED_BY: Final = 0.25           # a name of n countries votes 1/n**this for each
_UNCUED: Final = 2.5               # a name not told as a place votes this much less
_INSIDE: Final = 2.0               # a word of a longer unknown name votes this much less
_SHORT_ACRONYM: Final = 2          # "IS": names this short are no group's home
_NEST_DEPTH: Final = 2             # units named after a place that may hold it

# Names this short inside a longer capitalised name are one of its syllables ("Kho" of
# "War Tho Kho", "La" of "La Palace"), not a town of their own.
_SHORT_PART: Final = 3

# Observer missions of one country whose reports name villages the gazetteer may lack; they
# are sources, not actors, so the actor dictionary does not know them.
_MISSIONS: Final = {"smm": "Ukraine", "special monitoring mission": "Ukraine"}
_MISSION_RE: Final = re.compile(r"\bOSCE\s+(SMM|Special Monitoring Mission)\b", re.IGNORECASE)

# Words that tell a name is a place: a preposition of place before it, a unit or a bracket
# or comma after it.
_PLACE_BEFORE_RE: Final = re.compile(
    r"(?:\b(?:in|near|at|outside|around|inside|across|between|into|to|towards?|from|of"
    r"|village|town|city)\s+(?:the\s+)?(?:\w+\s+)?|[(,]\s*)$", re.IGNORECASE)
_PLACE_AFTER_RE: Final = re.compile(
    r"\s*(?:[,()]|(?:town|village|city|district|province|state|region|county|area|municipality"
    r"|governorate|department|commune|sub-county|upazila|township|division|oblast)\b)",
    re.IGNORECASE)
# After a name: the other end of a road named by its two towns ("Sidon-Beirut highway").
_ROAD_END_AFTER_RE: Final = re.compile(
    r"(?:-[A-Z][\w'\u2019]+(?: [A-Z][\w'\u2019]+)?)?\s+(?:road|highway|motorway|expressway"
    r"|route|axis|railway)\b")
# A capitalised word right before a name (no comma or bracket between): the name ends a
# longer one ("Padma Bridge", "Supreme Court").
_NAME_BEFORE_RE: Final = re.compile(
    r"\b(?!(?:In|At|On|Near|From|To|Into|The|A|An|And|Of|By|For|Around|Outside|Inside|Across"
    r"|Between|Along|West|East|North|South|Northern|Southern|Eastern|Western|Central)\s)"
    r"[A-Z][\w'\u2019.-]*\s+$")
# After the last admin unit of a place: a closing bracket, a full stop or a clause's end.
_QUALIFIER_RE: Final = re.compile(r"\s*(?:\)|[.;]|,\s+(?!and\b)[a-z]|$)")
# Before a country's name: where someone or something comes from or goes, or what a
# protest is against, not where the event is.
_AWAY_BEFORE_RE: Final = re.compile(
    r"\b(?:from|to|towards?|into|against|via|for|with|over|on|by)\s+(?:the\s+)?$"
    # "the neighbouring Uzbekistan": the country next door, not the event's
    r"|\bneighbou?ring\s+$",
    re.IGNORECASE)
# Before a country's name: where the event is ("in Syria", "across northern Mali").
_IN_BEFORE_RE: Final = re.compile(
    r"\b(?:in|inside|across|throughout|within)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
# After a nationality: what stays at home, residents and their property, the state's civil
# arms (a country's police and courts act in it; its forces and its refugees travel).
_AT_HOME_AFTER_RE: Final = re.compile(
    r"(?:\s*-\s*owned|\s+(?:residents?|villagers?|farmers?|civilians?|lands?"
    r"|villages?|towns?|police|authorities|government|gendarmerie|courts?|ministry|parliament)\b)",
    re.IGNORECASE)
# After a country's name without a hyphen: "a Turkey backed faction", as "Turkey-backed".
_BACKED_AFTER_RE: Final = re.compile(r"\s+(?:backed|led|sponsored|supported)\b", re.IGNORECASE)
# After a country's name: its embassy or consulate, which stands in another country.
_EMBASSY_AFTER_RE: Final = re.compile(r"\s+(?:embassy|consulate)\b", re.IGNORECASE)
# After a country's name: a possessive ("Israel's recognition"): the state acts.
_POSSESSIVE_AFTER_RE: Final = re.compile(r"(?:'s|\u2019s)\b")
# ... unless a part of the country follows: "Nigeria's Borno state", "Mali's restive north".
_POSSESSIVE_PLACE_RE: Final = re.compile(
    r"(?:'s|\u2019s)\s+(?:[a-z-]+\s+)?(?:capital|north|south|east|west|north-?east|north-?west"
    r"|south-?east|south-?west|northern|southern|eastern|western|central|border|borders"
    r"|region|province|state|city|town|district|county|countryside|coast|interior"
    r"|[A-Z][a-z])")


def _mention_weight(sentence: str, named: CountryMention, gazetteer: Gazetteer) -> float:
    """How much a country's name or nationality says the text is about that country."""
    start, end = named.span
    if gazetteer.is_demonym(sentence[start:end]):
        if _AT_HOME_AFTER_RE.match(sentence, end):
            return _AT_HOME_VOTE  # "Palestinian-owned land", "the Kyrgyz authorities"
        return _NATIONALITY_VOTE  # "Turkish forces", "Malian refugees": who, not where
    if _BACKED_AFTER_RE.match(sentence, end):
        return _STATE_VOTE  # "a Turkey backed faction": the state backs from abroad
    if _EMBASSY_AFTER_RE.match(sentence, end):
        return 0.0  # "outside the US embassy": the embassy is abroad
    if _POSSESSIVE_PLACE_RE.match(sentence, end):
        return _IN_COUNTRY_VOTE  # "Nigeria's Borno state", "Somalia's capital"
    if named.of_actor or _POSSESSIVE_AFTER_RE.match(sentence, end):
        return _STATE_VOTE  # "US forces", "Israel's recognition": the state acts
    if _AWAY_BEFORE_RE.search(sentence, max(0, start - 20), start):
        return _AWAY_VOTE
    if _IN_BEFORE_RE.search(sentence, max(0, start - 30), start):
        return _IN_COUNTRY_VOTE
    return _COUNTRY_VOTE


# "the Sidon-Beirut highway", "the Kahnuj-Ghale Ganj road": the towns a road joins.
_ROAD_ENDS_RE: Final = re.compile(
    r"\b([A-Z][\w'\u2019]+(?: [A-Z][\w'\u2019]+)?)-([A-Z][\w'\u2019]+(?: [A-Z][\w'\u2019]+)?)"
    r"\s+(?:road|highway|motorway|expressway|route|axis|railway)\b")


def _road_ends(sentence: str, found: Sequence[PlaceName], gazetteer: Gazetteer
               ) -> list[PlaceName]:
    """The towns a hyphenated road name joins, which the place step reads as one word."""
    taken = [name.span for name in found]
    ends: list[PlaceName] = []
    for road in _ROAD_ENDS_RE.finditer(sentence):
        for group in (1, 2):
            start, end = road.span(group)
            if any(a < end and start < b for a, b in taken):
                continue
            places = tuple(gazetteer.lookup(road.group(group)))
            if places:
                ends.append(PlaceName((start, end), places, False))
    return ends


def _name_votes(sentence: str, name: PlaceName) -> dict[str, float]:
    """What one place name says of each country that has a place of that name: its best
    namesake there, the one most people know ("Moscow", not Moscow, Idaho) most."""
    start, end = name.span
    word = sentence[start:end]
    inside = name.partial or _NAME_BEFORE_RE.search(sentence, max(0, start - 30), start)
    if word.casefold() in INSTITUTION_WORDS or (inside and len(word) <= _SHORT_PART):
        # "Supreme Court", "Padma Bridge", "La Palace", "War Tho Kho": a word of an
        # institution's or building's name, or a syllable of a longer name, is no town.
        return {}
    cued = bool(_PLACE_BEFORE_RE.search(sentence, max(0, start - 25), start)
                or _PLACE_AFTER_RE.match(sentence, end) or _ROAD_END_AFTER_RE.match(sentence, end))
    # "(Bossaso, Bari)", "in Valparaiso, Zacatecas": the last of a place's admin units.
    qualifier = (_QUALIFIER_RE.match(sentence, end) is not None
                 and sentence[:start].rstrip().endswith((",", "(")))
    best: dict[str, float] = {}
    # GeoNames knows no population for many villages: among namesakes none of which has
    # one, each is as likely ("in Joubb Jannine" against "Elie Ferzli"'s namesake).
    largest = max(p.population for p in name.places)
    for place in name.places:
        relative = place.population / largest if largest else 1.0
        if place.kind == "admin1":
            weight = _QUALIFIER_VOTE if qualifier else max(_ADMIN1_VOTE, relative)
        elif place.kind == "admin2":
            weight = max(_place_weight(place), _ADMIN2_VOTE)
        else:
            weight = _place_weight(place) * (0.5 + 0.5 * relative)
        if weight > best.get(place.country, 0.0):
            best[place.country] = weight
    # Provinces seldom share a name: "(Carmo, Bari)" closing a place's units is Somalia's
    # Bari, not one of the towns elsewhere that bear the name, so only provinces share it.
    provinces = {p.country for p in name.places if p.kind == "admin1"} if qualifier else set()
    sharing = len(provinces) or len(best)
    share = sharing ** _SHARED_BY * (1.0 if cued else _UNCUED) * (_INSIDE if inside else 1.0)
    return {country: weight / share for country, weight in best.items()}


# A state's forces as the dictionary renders them: "Military Forces of Uganda (1986-)".
_STATE_FORCE_RE: Final = re.compile(r"(?:Military|Police) Forces of (?:the )?(.+?)(?: \(|$)")


def _own_force(sentence: str, mention: ActorMention, gazetteer: Gazetteer) -> str | None:
    """The state whose forces a text names by their own name ("UPDF", "the FARDC"), not by
    a nationality or a country ("Turkish forces", "forces of Turkey", which the country
    words already weigh): home reporters name their army so, and it mostly acts at home,
    so a little more than a nationality."""
    state = _STATE_FORCE_RE.match(mention.actor)
    if state is None or country_mentions(sentence[mention.span[0]:mention.span[1]], gazetteer):
        return None
    return gazetteer.country_of(state.group(1))


# Between a place and the unit it lies in: a unit word, then a comma, a bracket or "of"
# ("Carvajal, Trujillo state", "Freetown city (Western Area", "Arnissa of Pella").
_NEST_GAP_RE: Final = re.compile(
    r"\s*(?:(?:city|town|village|district|province|state|region|county|municipality"
    r"|sub-county|upazila|governorate|department|commune|area|sector|neighbou?rhood)\s*)?"
    r"(?:,|\(|\bof\b)\s*(?:the\s+)?", re.IGNORECASE)
# A province closing a bracket of a place's units: "(Rajouri district, J&K)", "(Mahabubnagar,
# TS)", "Dowa (Central)"; the place step reads all-capital words as groups' acronyms and
# compass words as directions, so a bracket's last unit is read here, only as a province.
_ABBREVIATED_UNIT_RE: Final = re.compile(
    r"[(,]\s*([A-Z][\w&'\u2019-]*(?:\s[A-Z][\w'\u2019-]*){0,2})\s*\)")
# Before a name: the start of a longer one joined by a particle ("Concepcion de Oriente").
_PARTICLE_BEFORE_RE: Final = re.compile(
    r"[A-Z][\w'\u2019-]*\s+(?:de|del|de la|do|da|dos|das|di|du|al|el|la)\s+$")


def _abbreviated_units(sentence: str, found: Sequence[PlaceName], gazetteer: Gazetteer
                       ) -> list[PlaceName]:
    """The provinces a bracket closes with an abbreviation ("J&K", "TS") that the place
    step left unread; an acronym that names no province (a group's) is not one."""
    if "(" not in sentence:
        return []
    taken = [name.span for name in found]
    units: list[PlaceName] = []
    for match in _ABBREVIATED_UNIT_RE.finditer(sentence):
        start, end = match.span(1)
        if any(a < end and start < b for a, b in taken):
            continue
        provinces = tuple(p for p in gazetteer.lookup(match.group(1)) if p.kind == "admin1")
        if provinces:
            units.append(PlaceName((start, end), provinces, False))
    return units


def _nested_votes(sentence: str, names: Sequence[PlaceName]) -> dict[str, float]:
    """Votes for the countries where a named place lies in the unit named right after it.

    Reports place an event by its units ("Dowa (Central)", "Carvajal, Trujillo state",
    "Arnissa of Pella"): a town and a province that share names with places abroad seldom
    nest in each other in more than one country, so the pair tells the country where each
    name alone only tells its most populous namesake's.
    """
    ordered = sorted(names, key=lambda n: n.span)
    votes: dict[str, float] = {}
    for i, inner in enumerate(ordered):
        if _PARTICLE_BEFORE_RE.search(
                sentence, max(0, inner.span[0] - 30), inner.span[0]):
            continue  # "Oriente" of "Concepcion de Oriente" is no town of its own
        for j in range(i + 1, min(i + 1 + _NEST_DEPTH, len(ordered))):
            before, outer = ordered[j - 1], ordered[j]
            if not _NEST_GAP_RE.fullmatch(sentence, before.span[1], outer.span[0]):
                break  # units follow each other: a name after other words is not one
            countries = _nesting(sentence[outer.span[0]:outer.span[1]], inner, outer)
            for country in countries:
                votes[country] = votes.get(country, 0.0) + _NESTED_VOTE / len(countries)
    return votes


def _nesting(written: str, inner: PlaceName, outer: PlaceName) -> set[str]:
    """The countries where a place of `inner`'s name lies in a unit of `outer`'s name."""
    key = normalise(written)
    countries: set[str] = set()
    for place in inner.places:
        if place.kind == "admin1" or place.country in countries:
            continue  # a province does not lie in itself ("Colon (Colon)" is the town)
        units = (place.admin1, place.admin2, place.admin3)
        if key in {normalise(u) for u in units if u} or any(
                unit.country == place.country and (
                    (unit.kind == "admin1" and unit.admin1 == place.admin1)
                    or (unit.kind == "admin2" and unit.admin2 is not None
                        and unit.admin2 == place.admin2))
                for unit in outer.places):
            countries.add(place.country)
    return countries


def _place_weight(place: Place) -> float:
    """How much a town votes for its country, by size: a city is seldom a namesake's."""
    if place.population >= 100_000:
        return 0.9
    if place.population >= 10_000:
        return 0.7
    return 0.5


# Per actor dictionary (kept alive with its entry, so its id is not reused): each alias and
# whether actors of different countries bear it. A dictionary is built once per process.
_ALIASES: Final[dict[int, tuple[ActorDictionary, dict[str, bool]]]] = {}


def _shared_names(actors: ActorDictionary) -> dict[str, bool]:
    """Every actor name and alias (casefolded) -> whether actors of several countries bear it."""
    cached = _ALIASES.get(id(actors))
    if cached is not None and cached[0] is actors:
        return cached[1]
    homes: defaultdict[str, set[str | None]] = defaultdict(set)
    for actor in actors.actors:
        for alias in (actor.name, *actor.aliases):
            homes[alias.casefold()].add(actor.country)
    shared = {alias: len(countries) > 1 for alias, countries in homes.items()}
    if len(_ALIASES) >= _CACHED_DICTIONARIES:
        _ALIASES.clear()
    _ALIASES[id(actors)] = (actors, shared)
    return shared


def _branch_name(text: str, shared: Mapping[str, bool]) -> bool:
    """Whether an actor's words start with a name branches in several countries share ("IS
    militants"): its longest leading alias decides."""
    words = text.casefold().split()
    for n in range(len(words), 0, -1):
        found = shared.get(" ".join(words[:n]))
        if found is not None:
            return found
    return False


def _confirm_loosely(votes: dict[str, float], sentences: Sequence[str],
                     gazetteer: Gazetteer) -> None:
    """Add a vote to a leading country for each unknown name told as a place that is another
    spelling of one of its places ("in Quamishli" for Syria's Al Qamishli)."""
    leaders = sorted((c for c, v in votes.items() if v > 0), key=votes.__getitem__,
                     reverse=True)[:_LOOSE_LEADERS]
    if len(leaders) < 2:
        return
    for name in _unknown_names(sentences, gazetteer):
        for country in leaders:
            if gazetteer.lookup_loose(name, country, limit=1):
                votes[country] += _LOOSE_VOTE


def _unknown_names(sentences: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """The names a text tells as places that the gazetteer does not know, first few."""
    names = [match.group() for sentence in sentences
             for match in _UNKNOWN_NAME_RE.finditer(sentence)
             if match.start() > 0 and _told_as_place(sentence, match.start(), match.end())
             and match.group().casefold() not in _NOT_TOWNS
             and not gazetteer.lookup(match.group(), limit=1)]
    return list(dict.fromkeys(names))[:_LOOSE_NAMES]


def _loose_country(sentences: Sequence[str], gazetteer: Gazetteer) -> str | None:
    """The country whose places GeoNames spells closest to the unknown names a text tells as
    places ("in Quamishli", "the Saadnayel highway"), or None.

    Only for a text where nothing else voted: `lookup_loose` needs a candidate country, so
    each is tried, and a spelling several countries match splits its vote among them.
    """
    names = _unknown_names(sentences, gazetteer)
    if not names:
        return None
    votes: defaultdict[str, float] = defaultdict(float)
    for name in names:
        found = [country for country in gazetteer.countries
                 if gazetteer.lookup_loose(name, country, limit=1)]
        for country in found:
            votes[country] += 1 / len(found)
    return max(votes, key=votes.__getitem__) if votes else None


def _told_as_place(sentence: str, start: int, end: int) -> bool:
    """Whether words right before or after a name tell it is a place ("in X", "X town"); a
    comma alone does not, as it would for the votes: a guessed spelling needs more."""
    return bool(_LOOSE_BEFORE_RE.search(sentence, max(0, start - 20), start)
                or _LOOSE_AFTER_RE.match(sentence, end))


# A capitalised name of up to three words, joined by Arabic and Romance particles.
_UNKNOWN_NAME_RE: Final = re.compile(
    r"\b[A-Z][\w'\u2019-]+(?:\s+(?:(?:al|el|e|de|la|an|ar|as)\s+)?[A-Z][\w'\u2019-]+){0,2}")
_LOOSE_BEFORE_RE: Final = re.compile(
    r"\b(?:in|near|at|outside|around|inside|of|village|town|city)\s+(?:the\s+)?$")
_LOOSE_AFTER_RE: Final = re.compile(
    r"\s+(?:town|village|city|district|province|region|county|neighbou?rhood|camp|area"
    r"|road|highway|bridge|triangle|roundabout|junction|intersection)\b", re.IGNORECASE)
# Words of administrative units and state bodies: "in the State", "at Military forces"
# name no town.
_UNIT_WORDS: Final = frozenset({
    "state", "province", "district", "region", "county", "city", "town", "village",
    "governorate", "department", "municipality", "military", "army", "police"})
_NOT_TOWNS: Final = INSTITUTION_WORDS | _UNIT_WORDS
_LOOSE_NAMES: Final = 8          # unknown names tried per text (fallback: each in every country)
_LOOSE_LEADERS: Final = 3        # leading countries a loosely spelled name may confirm
_LOOSE_VOTE: Final = 0.5         # a name GeoNames spells otherwise, in a leading country
_CACHED_DICTIONARIES: Final = 8  # actor dictionaries whose shared aliases are kept
