"""Scoring suggestions against gold events (coder.engine.evaluate), on hand-made pairs.

Every expected number follows from the definitions in evaluate.py's docstring: events match
on two or more agreeing key fields, field accuracy is over gold events, actors are an
unordered pair except in Violence against civilians (codebook §6), derived fields cost a fix
only when their parent is right, each unmatched suggestion costs one rejection.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coder.engine.evaluate import (
    SCORED_FIELDS,
    Fix,
    GoldEvent,
    Report,
    accumulate,
    evaluate,
    field_right,
    fixes_needed,
    line_fixes,
    match,
    score_line,
)
from coder.schema.events import EventFields

SEP5 = date(2021, 9, 5)
SEP6 = date(2021, 9, 6)


def ev(**fields: Any) -> EventFields:
    """An event as gold files and the engine give it: the codebook's derived columns filled."""
    return EventFields(**fields).derived()


def clash(**changes: Any) -> EventFields:
    """A battle between Taliban (2) and the NRF (2) in Rukha, Panjshir."""
    fields: dict[str, Any] = {
        "sub_event_type": "Armed clash", "actor1": "Taliban", "inter1": 2,
        "actor2": "NRF: National Resistance Front", "inter2": 2, "country": "Afghanistan",
        "admin1": "Panjshir", "location": "Rukha", "latitude": 35.40, "longitude": 69.65,
        "geo_precision": 1, "event_date": SEP5, "time_precision": 1, "fatalities": 12,
    }
    fields.update(changes)
    return ev(**fields)


def attack(**changes: Any) -> EventFields:
    """Violence against civilians in Gwoza: an unidentified group (3) against civilians (7)."""
    fields: dict[str, Any] = {
        "sub_event_type": "Attack", "actor1": "Unidentified Armed Group (Nigeria)", "inter1": 3,
        "actor2": "Civilians (Nigeria)", "inter2": 7, "country": "Nigeria", "admin1": "Borno",
        "location": "Gwoza", "event_date": SEP5, "time_precision": 1, "fatalities": 3,
    }
    fields.update(changes)
    return ev(**fields)


def swapped(event: EventFields) -> EventFields:
    """The same event with actor1/actor2 (and their inter codes) exchanged."""
    return event.model_copy(update={
        "actor1": event.actor2, "inter1": event.inter2,
        "actor2": event.actor1, "inter2": event.inter1,
    })


def filled(event: EventFields) -> set[str]:
    return {name for name in SCORED_FIELDS if getattr(event, name) is not None}


def report_of(*lines: tuple[list[EventFields], list[EventFields]]) -> Report:
    return evaluate(([GoldEvent(g) for g in gold], suggested) for gold, suggested in lines)


class TestMatching:
    """A suggestion and a gold event pair up when two or more key fields agree."""

    def test_identical_event_matches_and_every_field_is_right(self) -> None:
        """A perfect suggestion: matched, every filled field right, nothing to fix."""
        report = report_of(([clash()], [clash()]))
        assert report.matched == 1
        assert {name: report.accuracy(name) for name in filled(clash())} == dict.fromkeys(
            filled(clash()), 1.0)
        assert report.fields_to_fix == 0.0
        assert (report.precision, report.recall) == (1.0, 1.0)

    def test_one_agreeing_key_field_is_not_a_match(self) -> None:
        """Same date only (other type, actors and place): the gold event stays missed."""
        other = ev(sub_event_type="Peaceful protest", actor1="Protesters (Nigeria)", inter1=6,
                   location="Kano", event_date=SEP5)
        assert match([GoldEvent(clash())], [other]) == []

    def test_two_agreeing_key_fields_match(self) -> None:
        """Type and sub-event type right, everything else wrong: still the same event."""
        guess = ev(sub_event_type="Armed clash", location="Kabul", event_date=SEP6)
        assert match([GoldEvent(clash())], [guess]) == [(0, 0)]

    def test_pairs_are_one_to_one_best_agreement_first(self) -> None:
        """Two events on different days are each paired with the suggestion of their day."""
        gold = [GoldEvent(clash(event_date=SEP5)), GoldEvent(clash(event_date=SEP6))]
        suggested = [clash(event_date=SEP6), clash(event_date=SEP5)]
        assert match(gold, suggested) == [(0, 1), (1, 0)]

    def test_a_suggestion_is_used_once(self) -> None:
        """Two gold events, one suggestion: one match, one missed event."""
        gold = [GoldEvent(clash(location="Rukha")), GoldEvent(clash(location="Bazarak"))]
        line = score_line(gold, [clash(location="Rukha")])
        assert line.pairs == ((0, 0),)


class TestActors:
    """Actor order carries no meaning except in Violence against civilians (§6)."""

    def test_swapped_battle_actors_count_right(self) -> None:
        """Taliban vs NRF written as NRF vs Taliban: actors and inter codes are right."""
        report = report_of(([clash()], [swapped(clash())]))
        for name in ("actor1", "actor2", "inter1", "inter2"):
            assert report.accuracy(name) == 1.0, name
        assert report.fields_to_fix == 0.0

    def test_swapped_civilian_victim_counts_wrong(self) -> None:
        """In VAC the victim is always actor2: the civilians as actor1 is wrong on both."""
        report = report_of(([attack()], [swapped(attack())]))
        assert report.matched == 1
        assert report.accuracy("actor1") == 0.0
        assert report.accuracy("actor2") == 0.0

    def test_gold_aliases_are_accepted(self) -> None:
        """An actor1 alias of the gold line is as good as the name."""
        gold = GoldEvent(clash(actor2="NRF: National Resistance Front"),
                         actor2_aliases=("National Resistance Front",))
        guess = clash(actor2="National Resistance Front")
        assert field_right(gold, guess, "actor2", swapped=False)
        assert not field_right(gold, clash(actor2="Taliban"), "actor2", swapped=False)

    def test_missing_actor_is_wrong(self) -> None:
        """A suggestion without actor2 never gets actor2 right."""
        gold = GoldEvent(clash())
        assert not field_right(gold, clash(actor2=None, inter2=None), "actor2", swapped=False)


@pytest.mark.parametrize(
    ("suggested_latitude", "right"),
    [
        pytest.param(35.40, True, id="same"),
        pytest.param(35.43, True, id="same-place-other-centroid"),
        pytest.param(35.90, False, id="another-place"),
        pytest.param(None, False, id="missing"),
    ],
)
def test_coordinates_are_compared_with_a_tolerance(
    suggested_latitude: float | None, right: bool
) -> None:
    """A few km off is the same place (a different centroid); half a degree is not."""
    guess = clash(latitude=suggested_latitude)
    assert field_right(GoldEvent(clash()), guess, "latitude", swapped=False) is right


@pytest.mark.parametrize(
    ("suggested", "right"),
    [
        pytest.param("Women (Kenya); Teachers (Kenya)", True, id="same"),
        pytest.param("Teachers (Kenya); Women (Kenya)", True, id="other-order"),
        pytest.param("teachers (kenya);women (kenya)", True, id="case-and-spacing"),
        pytest.param("Teachers (Kenya)", False, id="one-missing"),
        pytest.param("Teachers (Kenya); Women (Kenya); Students (Kenya)", False, id="one-more"),
        pytest.param(None, False, id="empty"),
    ],
)
def test_associated_actors_are_a_set_of_names(suggested: str | None, right: bool) -> None:
    """Codebook §1: several associated actors are separated by "; ", in no stated order."""
    gold = GoldEvent(clash(assoc_actor_1="Women (Kenya); Teachers (Kenya)"))
    guess = clash(assoc_actor_1=suggested)
    assert field_right(gold, guess, "assoc_actor_1", swapped=False) is right


class TestMissedAndSpurious:
    """A missed gold event is wrong everywhere; a spurious suggestion costs a rejection."""

    def test_missed_event_counts_wrong_on_every_field_it_fills(self) -> None:
        """No suggestion at all: every filled field is scored, none right, recall 0."""
        gold = clash()
        report = report_of(([gold], []))
        assert set(report.scored) == filled(gold)
        assert all(report.accuracy(name) == 0.0 for name in filled(gold))
        assert report.recall == 0.0
        assert report.precision == 1.0  # nothing suggested, nothing wrongly suggested

    def test_missed_event_costs_its_typed_fields_not_the_derived_ones(self) -> None:
        """Typed: sub_event_type, both actors, location, date, time precision, fatalities.

        event_type follows from sub_event_type, inter codes from the actors, admin units,
        coordinates, country and geo_precision from the (known) location, interaction from
        the inter codes.
        """
        gold = clash()
        typed = {"sub_event_type", "actor1", "actor2", "location", "event_date",
                 "time_precision", "fatalities"}
        assert typed <= filled(gold)
        assert report_of(([gold], [])).fixes == len(typed)

    def test_spurious_suggestion_costs_one_fix(self) -> None:
        """A perfect match plus an invented event: one rejection, precision one half."""
        invented = attack()
        report = report_of(([clash()], [clash(), invented]))
        assert report.fixes == 1
        assert (report.precision, report.recall) == (0.5, 1.0)

    def test_unmatched_pair_costs_the_miss_and_the_rejection(self) -> None:
        """A wrong suggestion on an event line: the event is missed and the guess rejected."""
        gold = clash()
        alone = report_of(([gold], [])).fixes
        assert report_of(([gold], [attack()])).fixes == alone + 1


class TestExtraActors:
    """An actor the gold event does not have is cleared by the coder: one fix each."""

    def test_actor2_on_a_one_sided_event_costs_one_fix(self) -> None:
        gold = attack(actor2=None, inter2=None)
        report = report_of(([gold], [attack()]))
        assert report.matched == 1
        assert report.fixes_by_field == {"actor2": 1}
        assert report.accuracy("actor2") is None  # accuracy stays over events that have one

    def test_associated_actors_the_gold_lacks_cost_a_fix_each(self) -> None:
        suggested = clash(assoc_actor_1="Women (Afghanistan)",
                          assoc_actor_2="Labour Group (Afghanistan)")
        assert report_of(([clash()], [suggested])).fixes_by_field == {
            "assoc_actor_1": 1, "assoc_actor_2": 1}

    def test_swapped_actors_are_compared_side_by_side(self) -> None:
        """A battle named in the other order: the extra associated actor is on the gold's
        actor1 side, where the gold event has one, so nothing is cleared."""
        gold = clash(assoc_actor_1="Women (Afghanistan)")
        suggested = swapped(clash()).model_copy(update={"assoc_actor_2": "Women (Afghanistan)"})
        assert report_of(([gold], [suggested])).fixes == 0

    def test_nothing_extra_costs_nothing(self) -> None:
        assert report_of(([attack(actor2=None, inter2=None)],
                          [attack(actor2=None, inter2=None)])).fixes == 0


class TestNoEventLines:
    """Lines whose text reports no event (background, statements)."""

    def test_empty_line_left_empty(self) -> None:
        """No gold event, no suggestion: counted as a no-event line left empty, no fix."""
        report = report_of(([], []))
        assert (report.empty_lines, report.empty_lines_left_empty) == (1, 1)
        assert report.no_event_left_empty == 1.0
        assert report.fixes == 0

    def test_suggestion_on_empty_line_is_a_rejection(self) -> None:
        """An event suggested for a no-event line: not left empty, precision 0, one fix."""
        report = report_of(([], [clash()]), ([], []))
        assert report.no_event_left_empty == 0.5
        assert report.precision == 0.0
        assert report.fixes == 1
        assert report.fields_to_fix == 1.0  # no gold events: the fixes themselves

    def test_no_empty_lines_gives_no_rate(self) -> None:
        """Without no-event lines the rate is unknown, not 0 or 1."""
        assert report_of(([clash()], [clash()])).no_event_left_empty is None


FIX_CASES = [
    pytest.param({"sub_event_type": True, "event_type": True}, True, 0, id="all-right"),
    pytest.param({"sub_event_type": False, "event_type": False}, True, 1,
                 id="child-of-wrong-parent-is-free"),
    pytest.param({"sub_event_type": True, "event_type": False}, True, 1,
                 id="child-of-right-parent-costs"),
    pytest.param({"actor1": True, "inter1": False}, True, 1, id="inter-of-right-actor-costs"),
    pytest.param({"actor1": False, "inter1": False}, True, 1, id="inter-follows-the-actor"),
    pytest.param({"location": False, "admin1": False, "latitude": False, "country": False},
                 True, 1, id="place-fixes-its-admin-units"),
    pytest.param({"interaction": False}, True, 0, id="interaction-always-derived"),
    pytest.param({"interaction": False}, False, 0, id="interaction-free-when-missed"),
    pytest.param({"country": False}, False, 1, id="missed-country-without-location-typed"),
    pytest.param({"country": False, "location": False}, False, 1,
                 id="missed-country-follows-location"),
    pytest.param({"fatalities": False, "event_date": False}, True, 2, id="typed-fields"),
]


@pytest.mark.parametrize(("right", "matched", "expected"), FIX_CASES)
def test_fixes_needed_parent_rules(right: dict[str, bool], matched: bool, expected: int) -> None:
    """A derived field costs a fix only when its parent is right (or absent) and it is wrong."""
    assert fixes_needed(right, matched=matched) == expected


PLACE_FILL_CASES = [
    pytest.param({"location": False, "admin1": False, "latitude": False, "longitude": False,
                  "country": True}, True, None, 4, id="unknown-place-typed-with-its-units"),
    pytest.param({"location": False, "admin1": True, "latitude": False}, True, None, 2,
                 id="a-right-admin1-is-kept"),
    pytest.param({"location": True, "latitude": False, "longitude": False}, True, None, 2,
                 id="right-unknown-village-still-needs-coordinates"),
    pytest.param({"location": False, "admin1": False, "country": False}, False, None, 3,
                 id="missed-event-at-an-unknown-place-types-everything"),
    pytest.param({"location": False, "admin2": False, "geo_precision": False}, True,
                 {"admin2": False, "geo_precision": True}, 2,
                 id="the-gazetteer-lacks-acled-admin2"),
    pytest.param({"location": True, "admin2": False}, True, {"admin2": True}, 1,
                 id="right-location-wrong-admin2-costs-whatever-the-gazetteer"),
    pytest.param({"location": False, "geo_precision": False}, False, {}, 1,
                 id="precision-comes-with-the-known-place"),
    pytest.param({"sub_event_type": False, "event_type": False}, True, None, 1,
                 id="other-parents-unchanged"),
]


@pytest.mark.parametrize(("right", "matched", "fill", "expected"), PLACE_FILL_CASES)
def test_a_chosen_place_fills_only_what_the_gazetteer_knows(
        right: dict[str, bool], matched: bool, fill: dict[str, bool] | None,
        expected: int) -> None:
    """Choosing the gold place fills its units, coordinates and precision from the
    gazetteer: what that leaves wrong, or everything of a place it lacks, is a fix."""
    assert fixes_needed(right, matched=matched, fill=fill) == expected


def test_place_fill_decides_per_gold_event() -> None:
    """The same wrong suggestion costs more where the gold village is unknown."""
    gold, guess = clash(), clash(location="Bazarak", latitude=35.31, longitude=69.52)
    line = score_line([GoldEvent(gold)], [guess])
    known, unknown = Report(), Report()
    accumulate(known, line, lambda _event: {})
    accumulate(unknown, line, lambda event: None if event.location == "Rukha" else {})
    assert known.fixes_by_field == {"location": 1}
    assert unknown.fixes_by_field == {"location": 1, "latitude": 1, "longitude": 1}


class TestReport:
    """Totals, rates and the names `--min` uses."""

    def test_precision_and_recall_over_lines(self) -> None:
        """3 gold events, 4 suggestions, 2 matches: precision 2/4, recall 2/3."""
        report = report_of(
            ([clash(), attack()], [clash(), attack()]),
            ([clash(location="Bazarak")], [attack(location="Kano", event_date=SEP6)]),
            ([], [clash(location="Anaba")]),
        )
        assert (report.gold_events, report.suggested_events, report.matched) == (3, 4, 2)
        assert report.precision == pytest.approx(2 / 4)
        assert report.recall == pytest.approx(2 / 3)

    def test_empty_report_is_perfect_by_convention(self) -> None:
        """Nothing to find and nothing suggested: precision and recall are 1."""
        assert (Report().precision, Report().recall, Report().fields_to_fix) == (1.0, 1.0, 0.0)

    def test_fields_to_fix_is_per_gold_event(self) -> None:
        """Two gold events, one perfect and one with a wrong fatality count: 0.5 per event."""
        report = report_of(([clash(), attack()], [clash(), attack(fatalities=30)]))
        assert report.fields_to_fix == 0.5
        assert report.accuracy("fatalities") == 0.5

    def test_fixes_by_field_names_where_the_fixes_go(self) -> None:
        """A wrong count and a wrong date on one event, a spurious event on another line."""
        report = report_of(
            ([clash()], [clash(fatalities=30, event_date=SEP6)]),
            ([], [attack()]),
        )
        assert report.fixes_by_field == {"fatalities": 1, "event_date": 1, "rejection": 1}
        assert sum(report.fixes_by_field.values()) == report.fixes
        assert report.as_dict()["fixes_by_field"]["rejection"] == 1

    def test_as_dict_has_the_eval_json_keys(self) -> None:
        """The `coder eval --json` object: counts, rates and per-field accuracy."""
        data = report_of(([clash()], [clash(fatalities=0)])).as_dict()
        assert set(data) >= {
            "lines", "gold_events", "suggested_events", "matched_events", "precision",
            "recall", "no_event_left_empty", "fields_to_fix_per_event", "fields",
        }
        assert data["fields"]["fatalities"] == {"accuracy": 0.0, "scored": 1}
        assert data["fields"]["location"] == {"accuracy": 1.0, "scored": 1}
        assert "assoc_actor_1" not in data["fields"]  # no gold event fills it

    @pytest.mark.parametrize("name", ["precision", "recall", "no_event", "fields_to_fix",
                                      *SCORED_FIELDS])
    def test_metric_knows_every_min_name(self, name: str) -> None:
        """Each name `coder eval --min` accepts resolves to a value or None."""
        value = report_of(([clash()], [clash()])).metric(name)
        assert value is None or 0.0 <= value <= 1.0

    def test_metric_rejects_unknown_names(self) -> None:
        """An unknown name is a KeyError (the command turns it into exit 2)."""
        with pytest.raises(KeyError):
            Report().metric("nonsense")


class TestLineFixes:
    """`line_fixes` names each fix the report counts: gold event, field and both values."""

    def test_a_right_suggestion_costs_nothing(self) -> None:
        assert line_fixes(score_line([GoldEvent(clash())], [clash()])) == []

    def test_a_wrong_field_shows_both_values(self) -> None:
        fixes = line_fixes(score_line([GoldEvent(clash())], [clash(fatalities=3)]))
        assert fixes == [Fix(0, "fatalities", 12, 3)]

    def test_swapped_actors_show_the_matching_side(self) -> None:
        """A battle named in the other order: the wrong associated actor is read from the
        suggestion's side that answers the gold's actor1."""
        gold = clash(assoc_actor_1="Women (Afghanistan)")
        suggested = swapped(clash()).model_copy(update={"assoc_actor_2": "Students (Afghanistan)"})
        assert line_fixes(score_line([GoldEvent(gold)], [suggested])) == [
            Fix(0, "assoc_actor_1", "Women (Afghanistan)", "Students (Afghanistan)")]

    def test_missed_event_and_rejection(self) -> None:
        """An unmatched suggestion: the gold event's typed fields, then one rejection."""
        gold = clash()
        fixes = line_fixes(score_line([GoldEvent(gold)], [attack()]))
        assert fixes[-1] == Fix(None, "rejection", None, "Attack at Gwoza")
        assert {fix.gold_index for fix in fixes[:-1]} == {0}
        assert all(fix.suggested is None for fix in fixes[:-1])
        assert len(fixes) - 1 == report_of(([gold], [])).fixes

    def test_extra_actor_is_cleared(self) -> None:
        gold = attack(actor2=None, inter2=None)
        assert line_fixes(score_line([GoldEvent(gold)], [attack()])) == [
            Fix(0, "actor2", None, "Civilians (Nigeria)")]

    def test_the_fixes_are_what_the_report_counts(self) -> None:
        line = score_line([GoldEvent(clash()), GoldEvent(attack())],
                          [clash(location="Bazarak", latitude=None), attack(fatalities=0)])
        report = Report()
        assert accumulate(report, line) == line_fixes(line)
        assert report.fixes == len(line_fixes(line))
