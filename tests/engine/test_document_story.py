"""How a story's sentences fold into events: retellings, context days, "town, region".

Sentences are ours; the expectations follow the codebook: one event is one place and one
day (§10), concurrent tactics fold into the highest type (§3), a place changing hands with no
fighting is a Non-violent transfer of territory (§3).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.document import suggest_document
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge, suggest


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def _types(knowledge: Knowledge, sentences: list[str], country: str,
           published: date) -> list[list[str | None]]:
    found = suggest_document(sentences, DocumentMeta(published=published, country=country),
                             knowledge)
    return [[s.event.sub_event_type for s in row] for row in found]


@pytest.mark.parametrize(("sentences", "country", "expected"), [
    # A sentence that opens by pointing back at the story tells the same event, even when
    # it names another place (here the group's home town, in its name).
    pytest.param(["On 3 March 2023, hundreds of nurses protested in Nakuru over unpaid wages.",
                  "The protest was organised by a union based in Nairobi."], "Kenya",
                 [["Peaceful protest"], []], id="the-protest-was"),
    # A retelling that adds the takeover raises the clash to it (§3 hierarchy).
    pytest.param(["On 3 March 2023, Al Shabaab fighters clashed with government soldiers in "
                  "Jowhar.", "Al Shabaab took control of the town."], "Somalia",
                 [["Non-state actor overtakes territory"], []], id="retold-takeover"),
    # "There were no clashes": the place changed hands without fighting.
    pytest.param(["On 3 March 2023, Al Shabaab took control of Jowhar.",
                  "There were no clashes."], "Somalia",
                 [["Non-violent transfer of territory"], []], id="no-clashes-later"),
])
def test_story_folds(knowledge: Knowledge, sentences: list[str], country: str,
                     expected: list[list[str | None]]) -> None:
    """Later sentences of one story add to its event instead of making new ones."""
    assert _types(knowledge, sentences, country, date(2023, 3, 4)) == expected


@pytest.mark.parametrize(("sentence", "days"), [
    # A day in a clause about something else is context, not a second day of the event.
    pytest.param("On 6 May 2021, students protested in Nakuru for a lecturer who was "
                 "arrested on 2 May.", [date(2021, 5, 6)], id="who-was-arrested-on"),
    pytest.param("On 6 May 2021, traders protested in Nakuru against a levy in force since "
                 "1 May.", [date(2021, 5, 6)], id="since"),
    # Two days of the event itself stay two events (§10: days are atomic).
    pytest.param("Students protested in Nakuru on 5 May and on 6 May 2021.",
                 [date(2021, 5, 5), date(2021, 5, 6)], id="two-days"),
])
def test_context_days(knowledge: Knowledge, sentence: str, days: list[date]) -> None:
    """§10: one event per day of the event, not per day the sentence names."""
    found = suggest(sentence, DocumentMeta(published=date(2021, 5, 7), country="Kenya"),
                    knowledge)
    assert sorted({s.event.event_date for s in found if s.event.event_date}) == days


def test_town_then_region_is_one_place(knowledge: Knowledge) -> None:
    """"in Nakuru, Nairobi" is written as town and area; a list needs "and" (§10)."""
    found = suggest("On 6 May 2021, students protested in Nakuru, Nairobi.",
                    DocumentMeta(published=date(2021, 5, 7), country="Kenya"), knowledge)
    assert [s.event.location for s in found] == ["Nakuru"]


def test_a_list_of_places_is_several_events(knowledge: Knowledge) -> None:
    """"in Nakuru and Kisumu" lists two places: two events (§10)."""
    found = suggest("On 6 May 2021, students protested in Nakuru and Kisumu.",
                    DocumentMeta(published=date(2021, 5, 7), country="Kenya"), knowledge)
    assert sorted(s.event.location or "" for s in found) == ["Kisumu", "Nakuru"]


@pytest.mark.parametrize("follow_up", [
    "Seven of them were detained by police.",
    "Several arrests were made.",
    "12 arrested for breaking the curfew.",
])
def test_arrests_told_later_are_an_intervention(knowledge: Knowledge, follow_up: str) -> None:
    """§3: arrests at a protest make it a Protest with intervention."""
    found = _types(knowledge, ["On 3 March 2023, students protested in Nakuru over fees.",
                               follow_up], "Kenya", date(2023, 3, 4))
    assert found == [["Protest with intervention"], []]


def test_the_arrest_a_protest_is_about_is_no_intervention(knowledge: Knowledge) -> None:
    """The arrest the protesters protest against happened elsewhere, before."""
    found = _types(knowledge, ["On 3 March 2023, journalists protested in Nakuru against the "
                               "arrest of an editor.", "He was arrested in February."],
                   "Kenya", date(2023, 3, 4))
    assert found[0] == ["Peaceful protest"]


@pytest.mark.parametrize(("follow_up", "expected"), [
    ("Other sources reported that two soldiers were killed.", 2),
    ("Seven soldiers were killed.", 7),
])
def test_a_later_toll(knowledge: Knowledge, follow_up: str, expected: int) -> None:
    """§8: a later toll is the event's; when other sources disagree, the lowest figure."""
    found = suggest_document(
        ["On 3 March 2023, militants attacked an army post in Jowhar, killing five soldiers.",
         follow_up], DocumentMeta(published=date(2023, 3, 4), country="Somalia"), knowledge)
    assert [s.event.fatalities for s in found[0]] == [expected]
