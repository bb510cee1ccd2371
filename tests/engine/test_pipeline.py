"""One sentence through the whole engine: how the steps' evidence becomes ACLED events.

Sentences are ours; every expected value follows from the codebook section named in the case.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge, Suggestion, suggest

PUBLISHED = date(2021, 9, 7)  # a Tuesday


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def run(knowledge: Knowledge, sentence: str, country: str | None = "Afghanistan",
        source: str | None = None) -> list[Suggestion]:
    return suggest(sentence, DocumentMeta(published=PUBLISHED, source=source, country=country),
                   knowledge)


class TestSeveralEventsInOneSentence:
    def test_places_listed_together_are_one_event_each_with_the_toll_split(
        self, knowledge: Knowledge
    ) -> None:
        """§7, §10: an event is one place; §8: a total is split evenly, remainder first."""
        found = run(knowledge, "Taliban fighters clashed with NRF forces in Rukha and Bazarak "
                               "on Sunday, killing 7 people.")
        assert [(s.event.location, s.event.fatalities) for s in found] == [
            ("Rukha", 4), ("Bazarak", 3)]
        assert {s.event.event_date for s in found} == {date(2021, 9, 5)}

    def test_two_dates_are_two_events(self, knowledge: Knowledge) -> None:
        """§7: days are atomic."""
        found = run(knowledge, "Taliban fighters clashed with NRF forces in Rukha on Sunday "
                               "and again on Monday.")
        assert sorted(s.event.event_date for s in found) == [date(2021, 9, 5),
                                                             date(2021, 9, 6)]

    def test_a_place_named_apart_from_the_event_is_context(self, knowledge: Knowledge) -> None:
        """Only the places listed where the event happened count, not where people fled to."""
        found = run(knowledge, "Gunmen killed three villagers in Gwoza on Sunday before "
                               "fleeing towards Maiduguri.", country="Nigeria")
        assert [s.event.location for s in found] == ["Gwoza"]


class TestActorRoles:
    def test_unnamed_gunmen_attack_civilians_of_the_country(self, knowledge: Knowledge) -> None:
        """§3, §6: the victim is actor2; unnamed gunmen are an Unidentified Armed Group."""
        (event,) = [s.event for s in run(knowledge, "Gunmen shot dead two farmers in Gwoza.",
                                         country="Nigeria")]
        assert (event.sub_event_type, event.actor1, event.actor2, event.interaction) == (
            "Attack", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", 37)
        assert event.civilian_targeting == "Civilian targeting"

    def test_protesters_are_actor1_with_their_labels_as_associated_actors(
        self, knowledge: Knowledge
    ) -> None:
        """§6: protesters' identity labels go to assoc_actor_1; a peaceful protest is one-sided."""
        (event,) = [s.event for s in run(
            knowledge, "Hundreds of teachers protested in Nairobi over unpaid salaries.",
            country="Kenya")]
        assert (event.sub_event_type, event.actor1, event.actor2, event.inter1,
                event.interaction) == ("Peaceful protest", "Protesters (Kenya)", None, 6, 60)
        assert event.assoc_actor_1 == "Teachers (Kenya)"

    def test_a_reporting_police_force_is_no_side_of_the_event(self, knowledge: Knowledge) -> None:
        """'Police said gunmen killed ...' is violence against civilians, not a battle."""
        (event,) = [s.event for s in run(knowledge, "Police said gunmen killed three people "
                                                    "in Gwoza.", country="Nigeria")]
        assert (event.event_type, event.actor1, event.actor2) == (
            "Violence against civilians", "Unidentified Armed Group (Nigeria)",
            "Civilians (Nigeria)")


class TestWhereAndWho:
    def test_the_documents_country_wins_over_a_namesake_abroad(
        self, knowledge: Knowledge
    ) -> None:
        """Issue 4: country from the document metadata first."""
        found = run(knowledge, "Gunmen killed two traders in Bama.", country="Nigeria")
        assert {s.event.country for s in found} == {"Nigeria"}
        assert {s.event.admin1 for s in found} == {"Borno"}

    def test_a_village_no_gazetteer_knows_keeps_its_name_and_province(
        self, knowledge: Knowledge
    ) -> None:
        """A place the text calls a village is the location, with the province named beside it."""
        (event,) = [s.event for s in run(
            knowledge, "Gunmen killed two farmers in Kwaraboni village in Borno state.",
            country="Nigeria")]
        assert (event.location, event.admin1, event.latitude, event.geo_precision) == (
            "Kwaraboni", "Borno", None, 1)

    def test_source_scale_comes_from_the_outlet(self, knowledge: Knowledge) -> None:
        """§9: the scale of the document's source."""
        found = run(knowledge, "Gunmen killed two traders in Bama.", country="Nigeria",
                    source="AFP")
        assert {(s.event.source, s.event.source_scale) for s in found} == {
            ("AFP", "International")}


class TestNoEvent:
    @pytest.mark.parametrize("sentence", [
        "In 1996 the Taliban captured Kabul after years of civil war.",
        "Analysts warned that the government could collapse within weeks.",
        "The minister called on all sides to respect the ceasefire.",
        "Assault rifles and rocket-propelled grenades are among the weapons they carry.",
    ])
    def test_background_speculation_appeals_and_arms_lists_get_no_event(
        self, knowledge: Knowledge, sentence: str
    ) -> None:
        """Issue 4: history, speculation, statements and appeals are not events."""
        assert run(knowledge, sentence) == []


def test_every_suggestion_has_a_confidence_and_spans_inside_the_sentence(
    knowledge: Knowledge,
) -> None:
    sentence = "Suspected Boko Haram gunmen killed 12 farmers near Gwoza on Sunday."
    for found in run(knowledge, sentence, country="Nigeria"):
        assert 0.0 <= found.confidence <= 1.0
        assert all(0 <= start < end <= len(sentence) for start, end in found.evidence.values())
