"""The codebook as data, the typed event values, and the table that stores them.

Expected values are restated from ../shared/reference/acled-codebook.md (section numbers in
brackets), never taken from the code under test.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError
from sqlmodel import SQLModel

import coder.schema.models  # noqa: F401  (puts the tables on SQLModel.metadata)
from coder.schema import codebook
from coder.schema.events import (
    AcledEvent,
    EventFields,
    field_of,
    parse_acled_date,
    parse_iso_date,
    reason_of,
)

# --- event types and disorder types [§3, §4] ---------------------------------------------------

# §4 written out per disorder type.
DISORDER_OF_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Strategic developments": "Strategic developments",
}
DISORDER_OF_SUB_EVENT = {
    "Mob violence": "Political violence",
    "Peaceful protest": "Demonstrations",
    "Protest with intervention": "Demonstrations",
    "Violent demonstration": "Demonstrations",
    "Excessive force against protesters": "Political violence; Demonstrations",
}


def test_codebook_has_six_event_types_and_25_sub_event_types() -> None:
    assert list(codebook.EVENT_TYPES) == [
        "Battles", "Protests", "Riots", "Explosions/Remote violence",
        "Violence against civilians", "Strategic developments",
    ]
    assert len(codebook.SUB_EVENT_TYPES) == 25
    assert sum(len(subs) for subs in codebook.EVENT_TYPES.values()) == 25
    assert [len(codebook.EVENT_TYPES[t]) for t in codebook.EVENT_TYPES] == [3, 3, 2, 6, 3, 8]


def test_hierarchy_order_within_event_types() -> None:
    """Sub-event types are listed highest first, as the codebook ranks them [§3]."""
    assert codebook.EVENT_TYPES["Battles"] == (
        "Government regains territory", "Non-state actor overtakes territory", "Armed clash")
    assert codebook.EVENT_TYPES["Explosions/Remote violence"][:2] == (
        "Chemical weapon", "Air/drone strike")


@pytest.mark.parametrize("sub_event_type", sorted(codebook.SUB_EVENT_TYPES))
def test_each_sub_event_type_has_the_disorder_type_of_section_4(sub_event_type: str) -> None:
    sub = codebook.SUB_EVENT_TYPES[sub_event_type]
    expected = DISORDER_OF_SUB_EVENT.get(sub_event_type) or DISORDER_OF_EVENT_TYPE[sub.event_type]
    assert codebook.disorder_type_of(sub_event_type) == expected
    assert sub.definition.strip()
    assert codebook.is_valid_pair(sub.event_type, sub_event_type)


@pytest.mark.parametrize(("event_type", "sub_event_type", "valid"), [
    ("Battles", "Armed clash", True),
    ("Riots", "Mob violence", True),
    ("Battles", "Peaceful protest", False),
    ("Battles", "Skirmish", False),
    ("Skirmishes", "Armed clash", False),
])
def test_is_valid_pair(event_type: str, sub_event_type: str, valid: bool) -> None:
    assert codebook.is_valid_pair(event_type, sub_event_type) is valid


# --- inter and interaction [§5] -----------------------------------------------------------------

CODEBOOK_INTERACTIONS = ("10-18, 20, 22-28, 30, 33-38, 40, 44-48, 50, 55-58, 60, 66-68, 70, "
                         "77, 78, 80, 88")


def codes_in_use() -> list[int]:
    """The codebook's list of interaction codes, expanded."""
    codes: list[int] = []
    for part in CODEBOOK_INTERACTIONS.split(", "):
        low, _, high = part.partition("-")
        codes.extend(range(int(low), int(high or low) + 1))
    return codes


@pytest.mark.parametrize(("inter1", "inter2", "expected"), [
    (7, 1, 17), (1, 7, 17), (6, None, 60), (6, 0, 60), (2, 2, 22), (8, 3, 38),
])
def test_interaction_puts_the_smaller_code_first(
    inter1: int, inter2: int | None, expected: int
) -> None:
    assert codebook.interaction(inter1, inter2) == expected


def test_interaction_yields_exactly_the_codes_in_use() -> None:
    made = {codebook.interaction(a, b) for a in range(1, 9) for b in (None, *range(1, 9))}
    assert made == set(codes_in_use())


@pytest.mark.parametrize("code", codes_in_use())
def test_interaction_label_round_trips(code: int) -> None:
    """Labels name both actor types, smaller code first, except 78 as ACLED writes it."""
    label = codebook.interaction_label(code)
    first, second = divmod(code, 10)
    if code == 78:  # ACLED's table: "External/Other forces-Civilians", not in code order
        first, second = second, first
    assert label.startswith(codebook.INTER_LABELS[first])
    assert label.endswith(" only" if not second else codebook.INTER_LABELS[second])
    assert codebook.parse_interaction(label) == code
    assert codebook.parse_interaction(label.upper()) == code
    assert codebook.parse_interaction(str(code)) == code
    assert codebook.parse_interaction(code) == code


@pytest.mark.parametrize("code", [0, 1, 9, 19, 21, 31, 87, 90, 99, 100, -12])
def test_interaction_label_rejects_codes_not_in_use(code: int) -> None:
    with pytest.raises(ValueError, match="not an interaction code"):
        codebook.interaction_label(code)
    with pytest.raises(ValueError, match="not an interaction code"):
        codebook.parse_interaction(code)


@pytest.mark.parametrize(("text", "expected"), [
    ("Civilians-State forces", 17),  # text order need not be numeric order
    ("External/Other forces-Rebel group", 28),
    ("External/Other forces only", 80),
    ("  ", None),
    ("", None),
    (None, None),
])
def test_parse_interaction_text_forms(text: str | None, expected: int | None) -> None:
    assert codebook.parse_interaction(text) == expected


@pytest.mark.parametrize("text", ["State forces-Pirates", "Pirates only", "State forces",
                                  "State forces-", "21"])
def test_parse_interaction_rejects_bad_text(text: str) -> None:
    with pytest.raises(ValueError, match="interaction code"):
        codebook.parse_interaction(text)


@pytest.mark.parametrize(("value", "expected"), [
    *[(label, code) for code, label in codebook.INTER_LABELS.items()],
    ("state forces", 1), (" Rebel group ", 2), ("Communal militia", 4),  # the pre-2020 name
    ("7", 7), (7, 7), (" 3 ", 3),
    ("", None), ("   ", None), (None, None),
    (0, None), ("0", None),  # the old layout's "no actor2"
])
def test_parse_inter(value: str | int | None, expected: int | None) -> None:
    assert codebook.parse_inter(value) == expected


@pytest.mark.parametrize("value", [9, "9", -1, "-1", "Pirates", "1.0", "State"])
def test_parse_inter_rejects_bad_values(value: str | int) -> None:
    with pytest.raises(ValueError, match="is not an inter code"):
        codebook.parse_inter(value)


# --- dates [§1] ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("2020-05-09", date(2020, 5, 9)),    # API, current codebook
    ("09 May 2020", date(2020, 5, 9)),   # export tool
    ("9-May-20", date(2020, 5, 9)),      # spreadsheet re-save
    ("31-12-19", date(2019, 12, 31)),    # spreadsheet re-save, numeric
    (" 2021-08-24 ", date(2021, 8, 24)),
])
def test_the_four_acled_date_forms(text: str, expected: date) -> None:
    assert parse_acled_date(text) == expected
    assert EventFields.model_validate({"event_date": text}).event_date == expected


@pytest.mark.parametrize("text", ["2021-13-01", "yesterday", "", "32 May 2020", "2021/08/24"])
def test_bad_dates_are_refused_naming_the_value(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_acled_date(text)


@pytest.mark.parametrize(("text", "ok"), [
    ("2021-08-24", True), ("2021-8-24", False), ("24 Aug 2021", False), ("2021-02-30", False),
])
def test_parse_iso_date_is_strict(text: str, ok: bool) -> None:
    if ok:
        assert parse_iso_date(text) == date.fromisoformat(text)
    else:
        with pytest.raises(ValueError, match="is not a YYYY-MM-DD date"):
            parse_iso_date(text)


# --- EventFields / AcledEvent validation ---------------------------------------------------------

COMPLETE: dict[str, Any] = {
    "event_date": "2021-08-23", "event_type": "Battles", "sub_event_type": "Armed clash",
    "actor1": "Rebel Group A", "inter1": 2, "actor2": "Military Forces of X", "inter2": 1,
    "country": "Country X",
}


@pytest.mark.parametrize(("values", "field", "rule"), [
    pytest.param({"event_type": "Battles", "sub_event_type": "Peaceful protest"},
                 "sub_event_type", "belongs to 'Protests'", id="bad-pair"),
    pytest.param({"sub_event_type": "Skirmish"}, "sub_event_type", "25 sub-event types",
                 id="unknown-sub-event"),
    pytest.param({"event_type": "Skirmishes", "sub_event_type": None}, "event_type",
                 "6 event types", id="unknown-event-type"),
    pytest.param({"disorder_type": "Unrest"}, "disorder_type", "not a disorder type",
                 id="disorder-type"),
    pytest.param({"inter1": 9}, "inter1", "not an inter code", id="inter-9"),
    pytest.param({"inter2": "Pirates"}, "inter2", "not an inter code", id="inter-label"),
    pytest.param({"interaction": 21}, "interaction", "not an interaction code",
                 id="interaction-order"),
    pytest.param({"latitude": 91}, "latitude", "less than or equal to 90", id="latitude-91"),
    pytest.param({"longitude": -180.5}, "longitude", "greater than or equal to -180",
                 id="longitude"),
    pytest.param({"fatalities": -1}, "fatalities", "greater than or equal to 0",
                 id="fatalities-negative"),
    pytest.param({"time_precision": 4}, "time_precision", "less than or equal to 3",
                 id="time-precision-4"),
    pytest.param({"geo_precision": "0"}, "geo_precision", "greater than or equal to 1",
                 id="geo-precision-0"),
    pytest.param({"event_date": "2021-13-01"}, "event_date", "is not a date", id="bad-date"),
    pytest.param({"event_date": "2021-08-23", "year": 2020}, "year", "differs from event_date",
                 id="year-mismatch"),
    pytest.param({"civilian_targeting": "yes"}, "civilian_targeting", "'Civilian targeting'",
                 id="civilian-targeting"),
    pytest.param({"colour": "red"}, "colour", "Extra inputs are not permitted", id="extra"),
])
def test_invalid_fields_name_the_column_and_the_rule(
    values: dict[str, Any], field: str, rule: str
) -> None:
    cases: list[tuple[type[EventFields], dict[str, Any]]] = [(EventFields, values)]
    if None not in values.values():  # a complete event cannot leave a required field out
        cases.append((AcledEvent, {**COMPLETE, **values}))
    for model, row in cases:
        with pytest.raises(ValidationError) as raised:
            model.model_validate(row)
        errors = raised.value.errors()
        assert [field_of(e) for e in errors] == [field], model
        assert rule in reason_of(errors[0])
        assert not reason_of(errors[0]).startswith(f"{field}:")


@pytest.mark.parametrize(("event_type", "sub_event_type"), [
    ("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
])
def test_two_sided_event_types_need_actor2(event_type: str, sub_event_type: str) -> None:
    """Battles and Violence against civilians always have a second actor [§3, §10]."""
    row = {**COMPLETE, "event_type": event_type, "sub_event_type": sub_event_type,
           "actor2": "", "inter2": ""}
    with pytest.raises(ValidationError) as raised:
        AcledEvent.model_validate(row)
    (error,) = raised.value.errors()
    assert field_of(error) == "actor2"
    assert "needs a second actor" in reason_of(error)
    assert EventFields.model_validate(row).actor2 is None  # a draft may still lack it


def test_actor2_and_inter2_go_together() -> None:
    row = {**COMPLETE, "event_type": "Protests", "sub_event_type": "Peaceful protest",
           "actor1": "Protesters (X)", "inter1": 6, "actor2": None, "inter2": 1}
    with pytest.raises(ValidationError) as raised:
        AcledEvent.model_validate(row)
    assert [field_of(e) for e in raised.value.errors()] == ["inter2"]


@pytest.mark.parametrize("missing", ["event_date", "event_type", "sub_event_type", "actor1",
                                     "inter1", "country"])
def test_acled_event_requires_the_published_fields(missing: str) -> None:
    row = {k: v for k, v in COMPLETE.items() if k != missing}
    with pytest.raises(ValidationError) as raised:
        AcledEvent.model_validate(row)
    assert missing in [field_of(e) for e in raised.value.errors()]
    assert EventFields.model_validate(row).filled().keys() == row.keys()


def test_acled_event_defaults_and_text_inter_codes() -> None:
    event = AcledEvent.model_validate({
        **COMPLETE, "inter1": "Rebel group", "inter2": "State forces",
        "interaction": "State forces-Rebel group", "iso": "4", "notes": " "})
    assert (event.inter1, event.inter2, event.interaction) == (2, 1, 12)
    assert event.time_precision == 1 and event.fatalities == 0  # codebook: 0 when unknown
    assert event.iso == 4 and event.notes is None


def test_blank_strings_are_missing_values() -> None:
    fields = EventFields.model_validate({"actor1": "  ", "fatalities": "", "inter2": "",
                                         "latitude": "", "geo_precision": " ",
                                         "event_date": "2021-08-23"})
    assert fields.filled() == {"event_date": date(2021, 8, 23)}


def test_derived_fills_what_the_codebook_derives() -> None:
    fields = EventFields.model_validate({
        "event_date": "2021-08-23", "inter1": 6, "inter2": 1,
        "sub_event_type": "Excessive force against protesters"})
    derived = fields.derived()
    assert derived.year == 2021
    assert derived.event_type == "Protests"
    assert derived.disorder_type == "Political violence; Demonstrations"
    assert derived.interaction == 16
    assert fields.year is None  # a copy: the original is frozen and unchanged


def test_derived_keeps_given_values_and_one_sided_interaction() -> None:
    fields = EventFields.model_validate({"sub_event_type": "Peaceful protest",
                                         "inter1": "Protesters", "disorder_type": "Demonstrations",
                                         "interaction": 60})
    derived = fields.derived()
    assert derived.interaction == 60 and derived.event_type == "Protests"
    assert EventFields(inter1=6).derived().interaction == 60
    assert EventFields().derived() == EventFields()


# --- the table and the codebook agree [§1, §2] ---------------------------------------------------

WORKFLOW_COLUMNS = {"id", "status", "coder_id", "sentence_id", "confidence", "evidence",
                    "created_at", "updated_at"}


def test_event_table_has_every_acled_column_and_no_other() -> None:
    columns = {c.name for c in SQLModel.metadata.tables["event"].columns}
    assert columns - WORKFLOW_COLUMNS == set(codebook.ALL_COLUMNS)
    assert columns >= WORKFLOW_COLUMNS


def test_event_fields_model_has_every_acled_column_and_no_other() -> None:
    assert set(EventFields.model_fields) == set(codebook.ALL_COLUMNS)


def test_layouts_have_31_columns_and_differ_as_section_1_says() -> None:
    current, old = set(codebook.CURRENT_COLUMNS), set(codebook.PRE2023_COLUMNS)
    assert len(codebook.CURRENT_COLUMNS) == len(current) == 31
    assert len(codebook.PRE2023_COLUMNS) == len(old) == 31
    assert old - current == {"data_id", "event_id_no_cnty", "iso3"}
    assert current - old == {"disorder_type", "civilian_targeting", "tags"}
    assert codebook.PRE2023_COLUMNS[1] == "iso"
    assert codebook.CURRENT_COLUMNS.index("iso") + 1 == codebook.CURRENT_COLUMNS.index("region")
    assert codebook.ALL_COLUMNS[:31] == codebook.CURRENT_COLUMNS
