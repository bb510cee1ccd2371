"""A document's sentences together: what one sentence's suggestions become in the whole story.

News reports tell their lead event, then retell it, add its toll or its second side, or tell
how it ended. The steps of `pipeline.suggest` see one sentence; this module reads the
sentences in order and folds such details into the event they belong to (codebook §3: the
concurrent tactics of one event fold into the highest type; §8: a toll told later is the
event's; §10: one event is one place and one day), and decides a document's country once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Final

from coder.engine.actors import find_actors
from coder.engine.classify import intervention, without_fighting
from coder.engine.dates import find_dates
from coder.engine.fatalities import find_fatalities
from coder.engine.pipeline import DocumentMeta, Knowledge, Suggestion, suggest
from coder.engine.places import country_mentions, find_places
from coder.schema import codebook
from coder.schema.events import EventFields


def suggest_document(
    sentences: Sequence[str], meta: DocumentMeta, knowledge: Knowledge
) -> list[list[Suggestion]]:
    """Suggestions for each sentence of one document, in order.

    The country is decided once for the document when its metadata lacks one. News reports
    retell their lead event ("The attack killed three"): an event that an earlier sentence
    already holds (same type, date and place, agreeing actors) is not suggested again; a
    death toll it adds goes to the first telling, where the coder confirms it.
    """
    if meta.country is None:
        meta = replace(meta, country=document_country(sentences, knowledge))
    result: list[list[Suggestion]] = []
    told: list[tuple[int, int]] = []  # (sentence, position) of each event's first telling
    for sentence in sentences:
        kept: list[Suggestion] = []
        for suggestion in suggest(sentence, meta, knowledge):
            first = next((t for t in told if _retold(suggestion.event, _at(result, kept, t))),
                         None)
            if first is not None and suggestion.event.sub_event_type in _RETOLD_RAISES:
                # A retelling may add a higher tactic of the same event ("Al Shabaab took
                # control of the village" after the clash there): §3 folds it into one.
                _complete(result, kept, first, suggestion.event)
            if (first is None and told and told[-1][0] < len(result)
                    and _detail(suggestion, sentence)):
                first = told[-1]
                _complete(result, kept, first, suggestion.event)
            if first is None:
                told.append((len(result), len(kept)))
                kept.append(suggestion)
                continue
            earlier = _at(result, kept, first)
            if (suggestion.event.fatalities or 0) > (earlier.fatalities or 0):
                _update(result, kept, first, suggestion.event.fatalities or 0)
        if not kept and told:
            _late_toll(sentence, meta, result, kept, told[-1])
            _late_intervention(sentence, meta, knowledge, result, kept, told[-1])
            _late_no_fight(sentence, result, kept, told[-1])
        result.append(kept)
    return result


_OTHER_SOURCES_RE: Final = re.compile(
    r"\b(?:other|another|some|different|conflicting|local|official) (?:sources?|reports?)\b"
    r"|\baccording to other\b|\bother reports\b", re.IGNORECASE)


def _late_toll(sentence: str, meta: DocumentMeta, result: list[list[Suggestion]],
               kept: list[Suggestion], last: tuple[int, int]) -> None:
    """A toll told in a later sentence of no event of its own ("Seven soldiers were killed")
    belongs to the event before it (codebook §8); a dated sentence may be another story."""
    if find_dates(sentence, meta.published or date.today()):
        return
    toll = find_fatalities(sentence).fatalities
    earlier = _at(result, kept, last).fatalities or 0
    if toll and earlier and _OTHER_SOURCES_RE.search(sentence):
        # "Other sources report 2 killed": sources disagree, the lowest figure (§8)
        if toll < earlier:
            _update(result, kept, last, toll)
    elif toll > earlier:
        _update(result, kept, last, toll)


def _late_intervention(sentence: str, meta: DocumentMeta, knowledge: Knowledge,
                       result: list[list[Suggestion]], kept: list[Suggestion],
                       last: tuple[int, int]) -> None:
    """"Police intervened and arrested 20 of them" after a peaceful protest: the protest had an
    intervention (codebook §3), by the actor named or, unnamed, the police."""
    if intervention(sentence) is None or find_dates(sentence, meta.published or date.today()):
        return
    sentence_index, position = last
    row = result[sentence_index] if sentence_index < len(result) else kept
    event = row[position].event
    if event.sub_event_type != "Peaceful protest" or event.country is None:
        return
    on = event.event_date or date.today()
    states = [m for m in find_actors(sentence, knowledge.actors, event.country, on)
              if m.inter in (1, 8) and not m.assoc_label]
    actor2 = (states[0].actor, states[0].inter) if states else (
        knowledge.actors.state_force(event.country, "police", on), 1)
    raised = EventFields(**{**event.filled(), "sub_event_type": "Protest with intervention",
                            "disorder_type": None, "interaction": None,
                            "actor2": actor2[0], "inter2": actor2[1]}).derived()
    row[position] = replace(row[position], event=raised)


# A sentence that opens by pointing back at the story ("The protest was initiated by ...",
# "The attackers fled", "They later killed them") goes on telling the event before it.
_ANAPHORA_RE: Final = re.compile(
    r"\s*(?:(?:The|This|That|These|Those)\s+(?:\w+\s+)?(?:attacks?|assault|protests?"
    r"|demonstrations?|rally|march|clash(?:es)?|fighting|incidents?|explosions?|blasts?"
    r"|bombing|strikes?|airstrikes?|raids?|ambush|violence|events?|killings?|shooting"
    r"|victims?|perpetrators?|attackers?|assailants?|protesters|demonstrators|gunmen|bodies"
    r"|body|deceased)\b|(?:It|They|He|She)\s)"
)


def _late_no_fight(sentence: str, result: list[list[Suggestion]], kept: list[Suggestion],
                   last: tuple[int, int]) -> None:
    """"There were no clashes" after a takeover: the place changed hands without fighting, a
    Non-violent transfer of territory (codebook §3), whoever took it."""
    if not without_fighting(sentence):
        return
    sentence_index, position = last
    row = result[sentence_index] if sentence_index < len(result) else kept
    event = row[position].event
    if event.sub_event_type not in _TERRITORY:
        return
    moved = EventFields(**{**event.filled(), "event_type": "Strategic developments",
                           "sub_event_type": "Non-violent transfer of territory",
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


def _complete(result: list[list[Suggestion]], kept: list[Suggestion], where: tuple[int, int],
              detail: EventFields) -> None:
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
    if upgraded is not None:
        row[position] = replace(row[position], event=upgraded)
        event = upgraded
    if event.event_type != "Battles" or event.actor2 is not None:
        return
    sides = ((detail.actor1, detail.inter1), (detail.actor2, detail.inter2))
    for actor, inter in sides:
        if actor and inter not in (None, 7) and actor != event.actor1:
            update = {"actor2": actor, "inter2": inter, "interaction": None}
            row[position] = replace(row[position],
                                    event=event.model_copy(update=update).derived())
            return


# Protests and riots by rank, highest first (codebook §3 hierarchy; a protest that turns
# violent on the same day is recorded once, as Riots).
_CROWD_RANK: Final = ("Violent demonstration", "Excessive force against protesters",
                      "Protest with intervention", "Peaceful protest")
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


def _at(result: list[list[Suggestion]], kept: list[Suggestion], where: tuple[int, int]
        ) -> EventFields:
    sentence, position = where
    return (result[sentence] if sentence < len(result) else kept)[position].event


def _update(result: list[list[Suggestion]], kept: list[Suggestion], where: tuple[int, int],
            fatalities: int) -> None:
    sentence, position = where
    row = result[sentence] if sentence < len(result) else kept
    row[position] = _with_fatalities(row[position], fatalities)


def _retold(event: EventFields, earlier: EventFields) -> bool:
    """Whether `event` is the same event as `earlier`, told again with no new place or date."""
    if (event.event_type, event.event_date) != (earlier.event_type, earlier.event_date):
        return False
    if event.location is not None and event.location != earlier.location:
        return False
    named = {a for a in (event.actor1, event.actor2) if a}
    return named <= {a for a in (earlier.actor1, earlier.actor2) if a}


def _with_fatalities(suggestion: Suggestion, fatalities: int) -> Suggestion:
    event = suggestion.event.model_copy(update={"fatalities": fatalities})
    evidence = {k: v for k, v in suggestion.evidence.items() if k != "fatalities"}
    return replace(suggestion, event=event, evidence=evidence)


def document_country(sentences: Iterable[str], knowledge: Knowledge) -> str | None:
    """The country a document without metadata is about: the one its text names most.

    A country's name counts double, a place found by its confidence, and a nationality that
    describes an actor ("Turkish forces", "Saudi-led") a quarter: foreign forces act abroad.
    Deciding once per document keeps a stray "Kabul" in a Nigerian story from moving it.
    """
    # Not a Counter: votes are fractional (confidences), and typeshed types Counter's values int.
    votes: defaultdict[str, float] = defaultdict(float)
    for sentence in sentences:
        for named in country_mentions(sentence, knowledge.gazetteer):
            votes[named.country] += 0.5 if named.of_actor else 2.0
        for found in find_places(sentence, knowledge.gazetteer, None):
            votes[found.place.country] += found.confidence
    # max() keeps the first of equal counts, as Counter.most_common(1) did.
    return max(votes, key=votes.__getitem__) if votes else None
