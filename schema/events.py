"""Typed event values that cross boundaries: import rows, suggestions, gold events, exports.

`EventFields` is an event whose fields may be missing (a suggestion, a draft in the editor);
`AcledEvent` is a complete one as ACLED publishes it. Both validate every field they hold
against the codebook, and their errors name the field (pydantic's `loc`) and the rule broken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Final, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from coder.schema import codebook

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The date forms seen in real exports [§1]: API ISO, export tool, spreadsheet re-saves.
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%b-%y", "%d-%B-%y", "%d-%m-%y",
                 "%d-%b-%Y", "%d/%m/%Y")


def parse_acled_date(value: str) -> date:
    """A date in any form ACLED exports use: 2020-05-09, 09 May 2020, 9-May-20, 31-12-19.

    Raises ValueError naming the value when none fits.
    """
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD, 09 May 2020, 9-May-20 or 31-12-19)")


def parse_iso_date(value: str) -> date:
    """A strict YYYY-MM-DD date; ValueError saying so otherwise."""
    text = value.strip()
    if not _ISO_DATE.match(text):
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date") from None


def _date(value: Any) -> Any:
    if isinstance(value, str):
        return parse_acled_date(value)
    return value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _inter(value: Any) -> Any:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return codebook.parse_inter(value)
    return value


def _interaction(value: Any) -> Any:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return codebook.parse_interaction(value)
    return value


def _int(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        return int(text) if text else None
    return value


EventDate = Annotated[date, BeforeValidator(_date)]
Text = Annotated[str | None, BeforeValidator(_blank_to_none)]
# Bounds sit on the inner type: on `int | None` after a BeforeValidator, pydantic applies them
# to None too and raises TypeError (not a ValidationError) for a blank value.
Inter = Annotated[Annotated[int, Field(ge=1, le=8)] | None, BeforeValidator(_inter)]
Precision = Annotated[Annotated[int, Field(ge=1, le=3)] | None, BeforeValidator(_int)]
Count = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_int)]


@dataclass(frozen=True, slots=True)
class RowRule:
    """A codebook rule over several fields of one event.

    `reads` are the fields whose values it looks at, `presence` those it only asks "blank or
    not" of. The declaration lets a bulk importer remember a verdict per combination of those
    values (tests/test_import_bulk.py checks each rule reads nothing else). `check` raises
    ValueError with a message that starts with the field at fault.
    """

    name: str
    reads: frozenset[str]
    presence: frozenset[str]
    check: Callable[[Any], None]


def _types(event: Any) -> None:
    if event.sub_event_type is not None:
        sub = codebook.SUB_EVENT_TYPES.get(event.sub_event_type)
        if sub is None:
            raise ValueError(
                f"sub_event_type: {event.sub_event_type!r} is not one of the 25 sub-event types"
            )
        if event.event_type is not None and sub.event_type != event.event_type:
            raise ValueError(
                f"sub_event_type: {event.sub_event_type!r} belongs to {sub.event_type!r}, "
                f"not {event.event_type!r}"
            )
    elif event.event_type is not None and event.event_type not in codebook.EVENT_TYPES:
        raise ValueError(f"event_type: {event.event_type!r} is not one of the 6 event types")


def _disorder_type(event: Any) -> None:
    if event.disorder_type is not None and event.disorder_type not in codebook.DISORDER_TYPES:
        raise ValueError(f"disorder_type: {event.disorder_type!r} is not a disorder type")


def _civilian_targeting(event: Any) -> None:
    if (event.civilian_targeting is not None
            and event.civilian_targeting not in codebook.CIVILIAN_TARGETING_VALUES):
        raise ValueError(
            f"civilian_targeting: {event.civilian_targeting!r} is not "
            f"{' or '.join(map(repr, codebook.CIVILIAN_TARGETING_VALUES))}"
        )


def _year(event: Any) -> None:
    if event.year is not None and event.event_date is not None \
            and event.year != event.event_date.year:
        raise ValueError(f"year: {event.year} differs from event_date {event.event_date}")


def _two_sided(event: Any) -> None:
    # Battles and Violence against civilians always need two actors [§10].
    if event.actor2 is None and event.event_type in ("Battles", "Violence against civilians"):
        raise ValueError(f"actor2: a {event.event_type} event needs a second actor")
    if (event.actor2 is None) != (event.inter2 is None):
        raise ValueError("inter2: actor2 and inter2 go together (both set or both blank)")


def _rule(name: str, check: Callable[[Any], None], reads: tuple[str, ...],
          presence: tuple[str, ...] = ()) -> RowRule:
    return RowRule(name, frozenset(reads), frozenset(presence), check)


# Rules every event obeys, complete or not.
FIELD_RULES: Final[tuple[RowRule, ...]] = (
    _rule("types", _types, ("event_type", "sub_event_type")),
    _rule("disorder_type", _disorder_type, ("disorder_type",)),
    _rule("civilian_targeting", _civilian_targeting, ("civilian_targeting",)),
    _rule("year", _year, ("year", "event_date")),
)
# Rules of a complete event (AcledEvent). Monadic exports (no actor2 columns) skip two_sided.
COMPLETE_RULES: Final[tuple[RowRule, ...]] = (
    _rule("two_sided", _two_sided, ("event_type",), ("actor2", "inter2")),
)


class EventFields(BaseModel):
    """An ACLED event whose fields may be missing; every present field is valid.

    Field names and meanings are the ACLED export columns (codebook §2); `inter1`, `inter2`
    and `interaction` accept numbers or the current text labels and hold numbers.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=False, frozen=True)

    event_id_cnty: Text = None
    event_date: EventDate | None = None
    year: Annotated[int | None, BeforeValidator(_int)] = None
    time_precision: Precision = None
    disorder_type: Text = None
    event_type: Text = None
    sub_event_type: Text = None
    actor1: Text = None
    assoc_actor_1: Text = None
    inter1: Inter = None
    actor2: Text = None
    assoc_actor_2: Text = None
    inter2: Inter = None
    interaction: Annotated[int | None, BeforeValidator(_interaction)] = None
    civilian_targeting: Text = None
    iso: Count = None
    region: Text = None
    country: Text = None
    admin1: Text = None
    admin2: Text = None
    admin3: Text = None
    location: Text = None
    latitude: Annotated[
        Annotated[float, Field(ge=-90, le=90)] | None, BeforeValidator(_blank_to_none)
    ] = None
    longitude: Annotated[
        Annotated[float, Field(ge=-180, le=180)] | None, BeforeValidator(_blank_to_none)
    ] = None
    geo_precision: Precision = None
    source: Text = None
    source_scale: Text = None
    notes: Text = None
    fatalities: Count = None
    tags: Text = None
    timestamp: Count = None
    # Pre-2023 layout only [§1]: data_id changes between downloads, never a key.
    data_id: Count = None
    event_id_no_cnty: Count = None
    iso3: Text = None

    @model_validator(mode="after")
    def _codebook_rules(self) -> Self:
        for rule in FIELD_RULES:
            rule.check(self)
        return self

    def filled(self) -> dict[str, Any]:
        """The fields that hold a value, by column name."""
        return {k: v for k, v in self if v is not None}

    def derived(self) -> Self:
        """A copy with the columns the codebook derives filled where missing.

        year from event_date, event_type and disorder_type from sub_event_type, interaction
        from inter1/inter2 [§4, §5]. iso/region need the country table and live in the store.
        """
        update: dict[str, Any] = {}
        if self.year is None and self.event_date is not None:
            update["year"] = self.event_date.year
        if self.sub_event_type is not None:
            sub = codebook.SUB_EVENT_TYPES[self.sub_event_type]
            if self.event_type is None:
                update["event_type"] = sub.event_type
            if self.disorder_type is None:
                update["disorder_type"] = sub.disorder_type
        if self.interaction is None and self.inter1 is not None:
            update["interaction"] = codebook.interaction(self.inter1, self.inter2)
        return self.model_copy(update=update) if update else self


class AcledEvent(EventFields):
    """A complete ACLED event: the fields every published row has are required."""

    event_date: EventDate
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: Annotated[int, BeforeValidator(_inter), Field(ge=1, le=8)]
    country: str
    time_precision: Annotated[int, BeforeValidator(_int), Field(ge=1, le=3)] = 1
    fatalities: Annotated[int, BeforeValidator(_int), Field(ge=0)] = 0

    @model_validator(mode="after")
    def _complete_rules(self) -> Self:
        for rule in COMPLETE_RULES:
            rule.check(self)
        return self


def field_of(error: Mapping[str, Any]) -> str:
    """The column a pydantic error is about: its `loc`, or the name our messages start with."""
    loc = error.get("loc") or ()
    if loc:
        return str(loc[0])
    msg = str(error.get("msg", ""))
    head = msg.removeprefix("Value error, ").split(":", 1)[0]
    return head if head in EventFields.model_fields else "event"


def reason_of(error: Mapping[str, Any]) -> str:
    """A pydantic error message without its 'Value error, ' prefix or our field prefix."""
    msg = str(error.get("msg", "")).removeprefix("Value error, ")
    field = field_of(error)
    return msg.removeprefix(f"{field}: ")
