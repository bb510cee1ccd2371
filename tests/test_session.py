"""The session's pure logic: keys, effort, which rows a sentence shows, the edit form's rules."""

from __future__ import annotations

from datetime import date

import pytest

from coder.coding_store import (
    DecisionRecord,
    DocumentInfo,
    SentenceData,
    StoredEvent,
    summarise_effort,
)
from coder.engine.gazetteer import Place
from coder.schema import codebook
from coder.schema.events import EventFields
from coder.session import (
    FORM_FIELDS,
    Command,
    EffortMeter,
    View,
    acceptance_problems,
    active_ms,
    codebook_note,
    command_for,
    complete,
    form_values,
    highlights,
    is_coded,
    is_settled,
    moves_on,
    new_event,
    parse_date_text,
    parse_form,
    parse_goto,
    pending,
    place_values,
    rows_of,
    sub_event_choices,
)

PUBLISHED = date(2021, 8, 24)  # a Tuesday
DOCUMENT = DocumentInfo(1, "Title", "AFP", PUBLISHED, "Afghanistan")
COMPLETE = EventFields(
    event_date=date(2021, 8, 22), time_precision=1, event_type="Battles",
    sub_event_type="Armed clash", actor1="Taliban", inter1=2,
    actor2="NRF: National Resistance Front", inter2=2, country="Afghanistan",
    admin1="Panjshir", location="Bazarak", geo_precision=1, fatalities=0,
)


def stored(event_id: int, confidence: float = 0.5, status: str = "suggested",
           fields: EventFields = COMPLETE) -> StoredEvent:
    return StoredEvent(event_id, status, fields, confidence, {})


def sentence(suggestions: tuple[StoredEvent, ...] = (), own: tuple[StoredEvent, ...] = (),
             decisions: tuple[DecisionRecord, ...] = ()) -> SentenceData:
    return SentenceData(10, DOCUMENT, 0, 3, "Fighting in Bazarak.", None, None, suggestions,
                        own, decisions, len(own))


def decision(action: str, suggestion_id: int | None = None,
             event_id: int | None = None) -> DecisionRecord:
    return DecisionRecord(1, action, event_id, suggestion_id, None)


class TestKeys:
    @pytest.mark.parametrize(("key", "command"), [
        ("enter", Command.ACCEPT), ("a", Command.ACCEPT), ("A", Command.ACCEPT_ALL),
        ("e", Command.EDIT), ("n", Command.NEW), ("x", Command.REJECT), ("r", Command.REJECT),
        ("0", Command.NO_EVENT), ("s", Command.SKIP), ("u", Command.UNDO),
        ("left", Command.PREVIOUS), ("p", Command.PREVIOUS), ("right", Command.NEXT),
        ("space", Command.NEXT), ("g", Command.GO), ("c", Command.COMMENT),
        ("question_mark", Command.HELP), ("q", Command.QUIT), ("z", None),
    ])
    def test_each_key_of_the_issue_has_its_command(self, key: str,
                                                   command: Command | None) -> None:
        """The keys the issue lists map to their actions; others do nothing."""
        assert command_for(key) == command


class TestEffort:
    @pytest.mark.parametrize(("moments", "expected"), [
        pytest.param([0.0], 0, id="shown-only"),
        pytest.param([0.0, 1.5], 1500, id="one-key"),
        pytest.param([0.0, 1.0, 2.5, 4.0], 4000, id="several-keys"),
        pytest.param([0.0, 1.0, 301.0, 302.0], 2000, id="idle-pause-left-out"),
        pytest.param([0.0, 120.0], 120_000, id="two-minutes-is-still-active"),
        pytest.param([0.0, 120.5], 0, id="over-two-minutes-is-idle"),
    ])
    def test_active_time_leaves_out_pauses_over_two_minutes(self, moments: list[float],
                                                           expected: int) -> None:
        """Gaps between keys count, except gaps of more than two minutes."""
        assert active_ms(moments) == expected

    def test_meter_counts_keys_and_time_since_shown(self) -> None:
        """Three keys after the sentence showed at t=10, decision at t=14: 3 keys, 4 s."""
        meter = EffortMeter.start(10.0).pressed(11.0).pressed(12.0).pressed(14.0)
        effort = meter.effort(14.0)
        assert (effort.keystrokes, effort.active_ms) == (3, 4000)

    def test_effort_summary_per_coder(self) -> None:
        """Undone decisions cost effort but confirm nothing; shares count answers in force."""
        rows = [
            ("ana", "accept", False, 3, 3, 6000),
            ("ana", "accept_edited", False, 1, 20, 30000),
            ("ana", "reject", False, 1, 1, 2000),
            ("ana", "accept", True, 1, 1, 1000),   # undone
            ("ana", "undo", False, 1, 1, 500),
            ("ben", "add", False, 2, 40, 60000),
            ("ben", "withdraw", False, 1, 1, 1000),
        ]
        ana, ben = summarise_effort(rows)
        assert (ana.coder, ana.confirmed, ana.keystrokes, ana.active_ms) == \
            ("ana", 4, 26, 39500)
        assert ana.keystrokes_per_event == 26 / 4
        assert ana.events_per_hour == pytest.approx(4 / (39500 / 3_600_000))
        assert (ana.share("accepted_unchanged"), ana.share("edited"), ana.share("rejected")) \
            == (3 / 5, 1 / 5, 1 / 5)
        assert (ben.confirmed, ben.share("rejected")) == (1, None)


class TestRows:
    def test_pending_suggestions_come_most_confident_first(self) -> None:
        data = sentence((stored(1, 0.3), stored(2, 0.9)))
        assert [s.id for s in pending(data)] == [2, 1]
        assert not is_coded(data)

    def test_an_answered_suggestion_is_no_longer_pending(self) -> None:
        """Accepting one of two leaves the other pending: coded, not settled."""
        data = sentence((stored(1), stored(2)), own=(stored(7, status="confirmed"),),
                        decisions=(decision("accept", 1, 7),))
        assert [s.id for s in pending(data)] == [2]
        assert is_coded(data) and not is_settled(data)
        assert [(r.event.id, r.confirmed) for r in rows_of(data)] == [(7, True), (2, False)]
        assert View.of(data).selected == 1  # the pending suggestion, not the confirmed event

    def test_no_event_answers_every_suggestion(self) -> None:
        data = sentence((stored(1), stored(2)), decisions=(decision("no_event"),))
        assert pending(data) == () and is_settled(data)

    @pytest.mark.parametrize(("action", "decisions", "expected"), [
        pytest.param("accept", (decision("accept", 1),), True, id="accept-settles"),
        pytest.param("reject", (decision("reject", 1),), False, id="reject-leaves-one"),
        pytest.param("skip", (), True, id="skip-always-moves"),
        pytest.param("add", (decision("add"), decision("no_event")), False, id="add-stays"),
        pytest.param("comment", (decision("comment"),), False, id="comment-stays"),
    ])
    def test_when_the_session_moves_on(self, action: str,
                                       decisions: tuple[DecisionRecord, ...],
                                       expected: bool) -> None:
        """It moves on once a sentence is settled by an answer, or when skipped."""
        suggestions = (stored(1),) if action != "reject" else (stored(1), stored(2))
        assert moves_on(action, sentence(suggestions, decisions=decisions)) is expected

    def test_selection_stays_within_the_rows(self) -> None:
        view = View.of(sentence((stored(1), stored(2))))
        assert view.moved(5).selected == 1 and view.moved(-5).selected == 0


class TestHighlights:
    def test_spans_become_classes_in_text_order(self) -> None:
        text = "Taliban fighters clashed in Bazarak on Sunday, killing 3."
        evidence = {"location": (28, 35), "actor1": (0, 7), "event_date": (39, 45),
                    "fatalities": (55, 56), "sub_event_type": (17, 24), "unknown": (0, 2)}
        found = [(text[h.start:h.end], h.kind) for h in highlights(text, evidence)]
        assert found == [("Taliban", "actor"), ("clashed", "cue"), ("Bazarak", "place"),
                         ("Sunday", "date"), ("3", "number")]

    def test_spans_past_the_sentence_are_clipped_or_dropped(self) -> None:
        assert [(h.start, h.end) for h in highlights("short", {"actor1": (2, 99),
                                                              "location": (50, 60)})] == [(2, 5)]


class TestForm:
    def values(self, **changes: str) -> dict[str, str]:
        return form_values(COMPLETE) | changes

    def test_an_unchanged_complete_event_parses_to_itself(self) -> None:
        result = parse_form(self.values(), COMPLETE, PUBLISHED)
        assert result.errors == {}
        assert result.event == COMPLETE.derived()

    @pytest.mark.parametrize(("typed", "expected", "precision"), [
        pytest.param("2021-08-20", date(2021, 8, 20), "1", id="iso"),
        pytest.param("20 August 2021", date(2021, 8, 20), "1", id="acled-form"),
        # Published on Tuesday 24 August 2021: last Sunday is the 22nd.
        pytest.param("last Sunday", date(2021, 8, 22), "1", id="weekday-phrase"),
        pytest.param("nine days ago", date(2021, 8, 15), "1", id="days-ago"),
    ])
    def test_dates_typed_as_iso_or_as_phrases(self, typed: str, expected: date,
                                              precision: str) -> None:
        result = parse_form(self.values(event_date=typed, time_precision=precision),
                            COMPLETE, PUBLISHED)
        assert result.event is not None and result.event.event_date == expected

    @pytest.mark.parametrize(("changes", "field", "reason_part"), [
        pytest.param({"event_date": "someday"}, "event_date", "not a date", id="bad-date"),
        pytest.param({"fatalities": "-2"}, "fatalities", "greater than or equal to 0",
                     id="negative-fatalities"),
        pytest.param({"event_type": "Protests"}, "sub_event_type", "belongs to 'Battles'",
                     id="sub-event-of-another-type"),
        pytest.param({"sub_event_type": "Skirmish"}, "sub_event_type", "not one of the 25",
                     id="unknown-sub-event"),
        pytest.param({"actor2": "", "inter2": ""}, "actor2", "needs a second actor",
                     id="battle-needs-two-actors"),
        pytest.param({"actor1": ""}, "actor1", "required", id="actor1-required"),
        pytest.param({"inter1": "9"}, "inter1", "not an inter code", id="bad-inter"),
        pytest.param({"geo_precision": "4"}, "geo_precision", "less than or equal to 3",
                     id="bad-geo-precision"),
        pytest.param({"latitude": "95"}, "latitude", "less than or equal to 90",
                     id="latitude-out-of-range"),
    ])
    def test_invalid_values_are_refused_with_the_reason(self, changes: dict[str, str],
                                                        field: str, reason_part: str) -> None:
        result = parse_form(self.values(**changes), COMPLETE, PUBLISHED)
        assert result.event is None
        assert reason_part in result.errors[field]

    def test_derived_columns_follow_an_edit(self) -> None:
        """A new sub-event type brings its own event and disorder type (codebook §4)."""
        base = COMPLETE.derived()
        sub = codebook.SUB_EVENT_TYPES["Change to group/activity"]
        result = parse_form(self.values(event_type=sub.event_type, sub_event_type=sub.name,
                                        actor2="", inter2=""), base, PUBLISHED)
        assert result.event is not None
        assert (result.event.disorder_type, result.event.interaction) == \
            (sub.disorder_type, 20)

    def test_acceptance_needs_the_required_fields(self) -> None:
        assert acceptance_problems(COMPLETE) == {}
        assert "country" in acceptance_problems(COMPLETE.model_copy(update={"country": None}))

    def test_new_event_starts_from_the_document(self) -> None:
        values = form_values(new_event(DOCUMENT))
        assert (values["country"], values["event_date"], values["source"]) == \
            ("Afghanistan", "2021-08-24", "AFP")
        assert set(values) == set(FORM_FIELDS)

    def test_phrase_without_publication_date_is_refused(self) -> None:
        with pytest.raises(ValueError, match="publication date"):
            parse_date_text("last Sunday", None)


class TestCompletion:
    @pytest.mark.parametrize("event_type", list(codebook.EVENT_TYPES))
    def test_only_sub_event_types_of_the_chosen_type(self, event_type: str) -> None:
        assert set(sub_event_choices(event_type)) == {
            s.name for s in codebook.SUB_EVENT_TYPES.values() if s.event_type == event_type}

    def test_prefix_completion_ignores_case(self) -> None:
        assert complete("arm", ("Air/drone strike", "Armed clash")) == "Armed clash"
        assert complete("", ("Armed clash",)) is None

    @pytest.mark.parametrize(("kind", "precision"), [
        ("place", "1"), ("admin2", "2"), ("admin1", "3"), ("feature", "3")])
    def test_a_chosen_place_fills_admin_units_coordinates_and_precision(
            self, kind: str, precision: str) -> None:
        place = Place("Bazarak", "Afghanistan", "Panjshir", "Bazarak", None, 35.3129, 69.5152,
                      0, kind)
        assert place_values(place) == {
            "location": "Bazarak", "country": "Afghanistan", "admin1": "Panjshir",
            "admin2": "Bazarak", "admin3": "", "latitude": "35.3129", "longitude": "69.5152",
            "geo_precision": precision}

    def test_codebook_note_gives_both_definitions(self) -> None:
        sub = codebook.SUB_EVENT_TYPES["Armed clash"]
        note = codebook_note("Battles", "Armed clash")
        assert codebook.EVENT_TYPE_DEFINITIONS["Battles"] in note and sub.definition in note

    @pytest.mark.parametrize(("text", "expected"), [
        ("12", 12), (" 3 ", 3), ("besieged", "besieged"), ("  ", None)])
    def test_go_to_takes_a_number_or_a_text(self, text: str, expected: int | str | None) -> None:
        assert parse_goto(text) == expected
