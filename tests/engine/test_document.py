"""Document-level composition: later sentences that retell an event, and role rules per type.

Sentences are ours; expected values follow the codebook (§3 types, §6 actors, §8 fatalities,
§10 one event per place and day).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.document import suggest_document
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def _events(knowledge: Knowledge, sentences: list[str], country: str,
            published: date) -> list[list[tuple[str | None, ...]]]:
    found = suggest_document(sentences, DocumentMeta(published=published, country=country),
                             knowledge)
    return [[(s.event.sub_event_type, s.event.actor1, s.event.actor2, s.event.location,
              str(s.event.fatalities)) for s in row] for row in found]


# (sentences, country, published, expected events per sentence:
#  (sub_event_type, actor1, actor2, location, fatalities))
DOCUMENTS: list[tuple[list[str], str, date, list[list[tuple[str | None, ...]]]]] = [
    # §8: a toll told in a later sentence with no event of its own goes to the event.
    (["On 3 March 2021, militants attacked an army post in Kabul.",
      "Seven soldiers were killed."], "Afghanistan", date(2021, 3, 4),
     [[("Armed clash", "Unidentified Armed Group (Afghanistan)",
        "Military Forces of Afghanistan (2014-2021)", "Kabul", "7")], []]),
    # §10 and §3 Battles: a later sentence with no date or place of its own is a detail of the
    # event, and it may name the battle's missing second side.
    (["On 3 March 2023, Al Shabaab fighters clashed in Jowhar.",
      "Two government soldiers were wounded in the fighting."], "Somalia", date(2023, 3, 4),
     [[("Armed clash", "Al Shabaab", "Military Forces of Somalia (2022-)", "Jowhar", "0")],
      []]),
    # §3 hierarchy: burning houses during an attack is the same Attack, not a new event.
    (["On 3 March 2023, Al Shabaab fighters attacked a village near Jowhar.",
      "They set fire to several houses."], "Somalia", date(2023, 3, 4),
     [[("Attack", "Al Shabaab", "Civilians (Somalia)", "Jowhar", "0")], []]),
    # §7: "town, Province" names one place; the province's namesake city is no second event.
    (["On 5 June 2022, protesters rallied in Limeira, Sao Paulo, against fuel prices."],
     "Brazil", date(2022, 6, 6),
     [[("Peaceful protest", "Protesters (Brazil)", None, "Limeira", "0")]]),
    # §3 Riots: a mob is always Rioters; the villagers who lynch are the mob, the thief actor2.
    (["On 5 June 2022, angry villagers lynched a suspected thief in Kisumu."],
     "Kenya", date(2022, 6, 6),
     [[("Mob violence", "Rioters (Kenya)", "Civilians (Kenya)", "Kisumu", "1")]]),
]


@pytest.mark.parametrize(("sentences", "country", "published", "expected"), DOCUMENTS)
def test_document_events(knowledge: Knowledge, sentences: list[str], country: str,
                         published: date, expected: list[list[tuple[str | None, ...]]]) -> None:
    """Each sentence yields the events the codebook's rules give, and no retelling twice."""
    assert _events(knowledge, sentences, country, published) == expected


def test_dated_later_sentence_is_its_own_event(knowledge: Knowledge) -> None:
    """A later sentence with its own place and date is a separate event (§10), kept."""
    found = _events(knowledge, [
        "On 3 March 2023, Al Shabaab fighters attacked a village near Jowhar.",
        "On 5 March 2023, gunmen shot dead a trader in Baidoa.",
    ], "Somalia", date(2023, 3, 6))
    assert [len(row) for row in found] == [1, 1]
    assert found[1][0][3] == "Baidoa"


# §3 hierarchy: concurrent tactics of one crowd event fold into the highest-ranked type.
CROWD_DOCUMENTS: list[tuple[list[str], str]] = [
    (["On 4 May 2021, hundreds of workers protested in Nairobi over unpaid wages.",
      "Police fired tear gas to disperse the protesters."], "Protest with intervention"),
    (["On 4 May 2021, traders held a protest in Nairobi against new taxes.",
      "The protesters later burned tyres and hurled stones at the police."],
     "Violent demonstration"),
]


@pytest.mark.parametrize(("sentences", "expected"), CROWD_DOCUMENTS)
def test_a_detail_sentence_raises_a_crowd_event_to_its_higher_type(
    knowledge: Knowledge, sentences: list[str], expected: str
) -> None:
    found = suggest_document(sentences, DocumentMeta(published=date(2021, 5, 5),
                                                     country="Kenya"), knowledge)
    assert [s.event.sub_event_type for s in found[0]] == [expected]
    assert found[1] == []


@pytest.mark.parametrize("follow_up", [
    "Police fired tear gas to disperse them.",
    "Police intervened and arrested 20 of them.",
    "Officers used force to break it up.",
])
def test_an_intervention_told_later_makes_the_protest_one_with_intervention(
    knowledge: Knowledge, follow_up: str
) -> None:
    """§3: someone physically dispersing the gathering; the police when nobody is named."""
    found = suggest_document(
        ["On 4 May 2021, hundreds of workers protested in Nairobi over unpaid wages.",
         follow_up], DocumentMeta(published=date(2021, 5, 5), country="Kenya"), knowledge)
    (protest,) = found[0]
    assert protest.event.sub_event_type == "Protest with intervention"
    assert protest.event.actor2 is not None and protest.event.actor2.startswith(
        "Police Forces of Kenya")
    assert protest.event.interaction == 16
    assert found[1] == []


def test_a_later_plan_to_disperse_is_no_intervention(knowledge: Knowledge) -> None:
    """Speculation scopes the cue: a threat to disperse the crowd leaves the protest peaceful."""
    found = suggest_document(
        ["On 4 May 2021, hundreds of workers protested in Nairobi over unpaid wages.",
         "Police threatened to disperse them."],
        DocumentMeta(published=date(2021, 5, 5), country="Kenya"), knowledge)
    assert [s.event.sub_event_type for s in found[0]] == ["Peaceful protest"]


def test_a_one_country_group_tells_the_country_when_nothing_else_does(
    knowledge: Knowledge,
) -> None:
    """No metadata, no place: the M23 fights in DR Congo only, so the event is Congolese."""
    found = suggest_document(["M23 rebels attacked an army base, killing four soldiers."],
                             DocumentMeta(published=date(2023, 3, 4)), knowledge)
    (event,) = found[0]
    assert event.event.country == "Democratic Republic of Congo"
    assert event.event.actor2 is not None and "Congo" in event.event.actor2


def test_a_clash_that_ends_in_a_takeover_is_the_takeover(knowledge: Knowledge) -> None:
    """§3: only the final takeover is coded as the territory type; it ranks above the clash."""
    found = suggest_document(
        ["On 3 March 2023, government troops clashed with Al Shabaab in Jowhar.",
         "The troops later recaptured the town."],
        DocumentMeta(published=date(2023, 3, 4), country="Somalia"), knowledge)
    assert [s.event.sub_event_type for s in found[0]] == ["Government regains territory"]
    assert found[1] == []
