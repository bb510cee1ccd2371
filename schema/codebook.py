"""The ACLED codebook as data: the one place that defines columns, types and codes.

Everything else (the store, import, export, the engine, the session) reads these tables;
nothing restates them. Source: ../shared/reference/acled-codebook.md (sections in brackets).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

# --- Event types and sub-event types [§3] ----------------------------------------------------
# Order matters: within each event type the sub-event types are listed in the codebook's
# hierarchy, highest first, and the event types themselves follow the codebook's order.


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One of the 25 sub-event types, with its parent and disorder type [§3, §4]."""

    name: str
    event_type: str
    disorder_type: str
    definition: str


POLITICAL_VIOLENCE: Final = "Political violence"
DEMONSTRATIONS: Final = "Demonstrations"
STRATEGIC: Final = "Strategic developments"
PV_AND_DEMONSTRATIONS: Final = "Political violence; Demonstrations"

DISORDER_TYPES: Final = (POLITICAL_VIOLENCE, DEMONSTRATIONS, STRATEGIC, PV_AND_DEMONSTRATIONS)

_SUB_EVENT_TABLE: Final[tuple[tuple[str, str, str, str], ...]] = (
    # (event_type, sub_event_type, disorder_type, definition in our words)
    ("Battles", "Government regains territory", POLITICAL_VIOLENCE,
     "State forces or their affiliates retake a place through fighting. Control held a day or "
     "less is an Armed clash; a swap between two non-state groups does not count."),
    ("Battles", "Non-state actor overtakes territory", POLITICAL_VIOLENCE,
     "A non-state or foreign actor takes a place by fighting and then holds a monopoly of force "
     "there. Only the final takeover; earlier fights there are Armed clashes."),
    ("Battles", "Armed clash", POLITICAL_VIOLENCE,
     "Two organised armed groups fight with no significant change of control; also long-range "
     "exchanges of fire. The default battle."),
    ("Protests", "Excessive force against protesters", PV_AND_DEMONSTRATIONS,
     "Peaceful protesters met with lethal force or force causing serious injury, including "
     "IEDs and attacks on protesters by armed non-state groups."),
    ("Protests", "Protest with intervention", DEMONSTRATIONS,
     "Someone physically disperses or suppresses a peaceful protest (arrests, tear gas) "
     "without serious injuries."),
    ("Protests", "Peaceful protest", DEMONSTRATIONS,
     "Three or more demonstrators gather, use no violence and meet no intervention."),
    ("Riots", "Violent demonstration", DEMONSTRATIONS,
     "Demonstrators turn violent or destructive: clashes, vandalism, burning tyres, "
     "barricades. Actor order says nothing about who started it."),
    ("Riots", "Mob violence", POLITICAL_VIOLENCE,
     "Outside a demonstration, a mob attacks civilians, other rioters, property or armed "
     "groups; includes vigilante mobs."),
    ("Explosions/Remote violence", "Chemical weapon", POLITICAL_VIOLENCE,
     "Schedule-1 chemical agents (sarin, mustard, chlorine) with no other engagement. Tear gas, "
     "napalm and white phosphorus do not count."),
    ("Explosions/Remote violence", "Air/drone strike", POLITICAL_VIOLENCE,
     "Any air-to-ground attack, helicopters included, with no exchange of fire with the "
     "ground."),
    ("Explosions/Remote violence", "Suicide bomb", POLITICAL_VIOLENCE,
     "A suicide bombing, SVBIEDs included, with no accompanying firefight. The bomber counts "
     "in the fatalities."),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", POLITICAL_VIOLENCE,
     "Artillery, mortars, rockets, missiles, RPGs and other heavy weapons with no other "
     "engagement; manned aircraft shot down."),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", POLITICAL_VIOLENCE,
     "A remotely or victim-triggered device explodes: landmine, roadside bomb, IED, magnetic "
     "bomb, unexploded ordnance."),
    ("Explosions/Remote violence", "Grenade", POLITICAL_VIOLENCE,
     "A hand-thrown grenade. Crude bombs and stun grenades do not count."),
    ("Violence against civilians", "Sexual violence", POLITICAL_VIOLENCE,
     "Harm of a sexual nature against civilians; the victims' gender goes in assoc_actor_2."),
    ("Violence against civilians", "Attack", POLITICAL_VIOLENCE,
     "An organised armed group deliberately harms unarmed civilians (victim is actor2), "
     "including severe overreach by law enforcement."),
    ("Violence against civilians", "Abduction/forced disappearance", POLITICAL_VIOLENCE,
     "Kidnapping or disappearance with no further violence reported; 'arrests' by non-state "
     "groups and extra-legal detentions by state forces."),
    ("Strategic developments", "Agreement", STRATEGIC,
     "Any deal between actors: peace talks, ceasefires, prisoner swaps or releases, "
     "surrenders, evacuation deals."),
    ("Strategic developments", "Arrests", STRATEGIC,
     "State forces (or de facto authorities) detain a prominent person or make politically "
     "significant mass arrests."),
    ("Strategic developments", "Change to group/activity", STRATEGIC,
     "New group, merger, split, defection, recruitment, troop movement or other security "
     "measure (curfew, deployment)."),
    ("Strategic developments", "Disrupted weapons use", STRATEGIC,
     "An explosive is defused, intercepted or goes off by accident while being planted; "
     "weapons caches seized."),
    ("Strategic developments", "Headquarters or base established", STRATEGIC,
     "An armed group sets up a permanent or semi-permanent base."),
    ("Strategic developments", "Looting/property destruction", STRATEGIC,
     "Property looted, seized or destroyed outside another violent event."),
    ("Strategic developments", "Non-violent transfer of territory", STRATEGIC,
     "A place changes hands with no fighting."),
    ("Strategic developments", "Other", STRATEGIC,
     "Anything significant not covered above: a coup, displacement caused by fighting, a mass "
     "grave."),
)

EVENT_TYPE_DEFINITIONS: Final[Mapping[str, str]] = MappingProxyType({
    "Battles": "A violent exchange between two organised armed groups at one time and place.",
    "Protests": "A public gathering of three or more people that is not violent on their side.",
    "Riots": "Violent or destructive acts by an unorganised crowd or mob of three or more.",
    "Explosions/Remote violence": "One side uses weapons that act at range and destroy widely.",
    "Violence against civilians": "An organised armed group deliberately harms unarmed "
                                  "non-combatants; the victim is always actor2.",
    "Strategic developments": "Important non-violent context, coded selectively.",
})

SUB_EVENT_TYPES: Final[Mapping[str, SubEventType]] = MappingProxyType({
    sub: SubEventType(sub, event_type, disorder, definition)
    for event_type, sub, disorder, definition in _SUB_EVENT_TABLE
})

EVENT_TYPES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    event_type: tuple(s.name for s in SUB_EVENT_TYPES.values() if s.event_type == event_type)
    for event_type in EVENT_TYPE_DEFINITIONS
})

assert len(SUB_EVENT_TYPES) == 25, "the codebook has 25 sub-event types"


def is_valid_pair(event_type: str, sub_event_type: str) -> bool:
    """True when the sub-event type belongs to the event type."""
    found = SUB_EVENT_TYPES.get(sub_event_type)
    return found is not None and found.event_type == event_type


def disorder_type_of(sub_event_type: str) -> str:
    """The disorder type the codebook assigns to a sub-event type [§4]."""
    return SUB_EVENT_TYPES[sub_event_type].disorder_type


# --- Actor types and interaction [§5] ---------------------------------------------------------

INTER_LABELS: Final[Mapping[int, str]] = MappingProxyType({
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
})
_INTER_CODES: Final = {label.casefold(): code for code, label in INTER_LABELS.items()}
# The pre-2020 scheme called identity militias "communal militia" [§5].
_INTER_CODES["communal militia"] = 4


def parse_inter(value: str | int | None) -> int | None:
    """An inter code from a number or a label; None for blank (no actor).

    Raises ValueError naming the accepted forms when the value is neither.
    """
    if value is None:
        return None
    if isinstance(value, int):
        code = value
    else:
        text = value.strip()
        if not text:
            return None
        if text.isdigit():
            code = int(text)
        elif text.casefold() in _INTER_CODES:
            return _INTER_CODES[text.casefold()]
        else:
            raise ValueError(f"{value!r} is not an inter code (0-8) or label")
    if not 0 <= code <= 8:
        raise ValueError(f"{code} is not an inter code (0-8)")
    return code or None  # 0 is the old layout's "no actor"


def interaction(inter1: int, inter2: int | None) -> int:
    """The numeric interaction: both codes, smaller first; X0 when one-sided [§5]."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


# ACLED's interaction table writes 78 as "External/Other forces-Civilians", the one label not
# in code order (codebook interaction table; acledR's code list; real 2023+ exports).
_LABEL_EXCEPTIONS: Final[Mapping[int, str]] = MappingProxyType(
    {78: "External/Other forces-Civilians"}
)


def interaction_label(code: int) -> str:
    """The current text form of an interaction code: 'State forces-Rebel group', 'Rioters only'."""
    first, second = divmod(code, 10)
    # The smaller code comes first [§5]: 21 is not a code, 12 is.
    if first not in INTER_LABELS or (second and (second not in INTER_LABELS or second < first)):
        raise ValueError(f"{code} is not an interaction code")
    if not second:
        return f"{INTER_LABELS[first]} only"
    if code in _LABEL_EXCEPTIONS:
        return _LABEL_EXCEPTIONS[code]
    return f"{INTER_LABELS[first]}-{INTER_LABELS[second]}"


def parse_interaction(value: str | int | None) -> int | None:
    """An interaction code from its number or its text form; None for blank."""
    if value is None:
        return None
    if isinstance(value, int):
        interaction_label(value)  # validates
        return value
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return parse_interaction(int(text))
    if text.casefold().endswith(" only"):
        with suppress(ValueError):  # an unknown label: fall through to the message below
            code = parse_inter(text[: -len(" only")])
            if code:
                return code * 10
    else:
        # Labels hold no hyphen except "External/Other", so the split is unambiguous
        # once we try each hyphen position against the label table.
        for cut in (i for i, ch in enumerate(text) if ch == "-"):
            try:
                first, second = parse_inter(text[:cut]), parse_inter(text[cut + 1:])
            except ValueError:
                continue
            if first and second:
                return interaction(first, second)
    raise ValueError(f"{value!r} is not an interaction code or label")


# --- Precision [§7] ----------------------------------------------------------------------------

TIME_PRECISION: Final[Mapping[int, str]] = MappingProxyType({
    1: "the exact day is known",
    2: "only the week, weekend or a similar span is known (its middle is recorded)",
    3: "only the month or a span of a few weeks is known (its middle, or first/last day)",
})

GEO_PRECISION: Final[Mapping[int, str]] = MappingProxyType({
    1: "the named place itself or its outskirts",
    2: "near a place, or a small part of a region represented by a nearby town",
    3: "only a larger region is known (natural feature or provincial capital)",
})

# The codebook says "Civilians targeted"; real 2023+ exports write "Civilian targeting" [§9].
CIVILIAN_TARGETING_VALUES: Final = ("Civilian targeting", "Civilians targeted")

SOURCE_SCALES: Final = (
    "Local", "Subnational", "National", "Regional", "International", "Other",
    "New media", "Local partner",
)

# --- Columns and layouts [§1, §2] -----------------------------------------------------------

CURRENT_COLUMNS: Final[tuple[str, ...]] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)

PRE2023_COLUMNS: Final[tuple[str, ...]] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "timestamp", "iso3",
)

LAYOUTS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "current": CURRENT_COLUMNS,
    "pre2023": PRE2023_COLUMNS,
})

# Every column any layout has, current order first, then the old-layout extras.
ALL_COLUMNS: Final[tuple[str, ...]] = CURRENT_COLUMNS + tuple(
    c for c in PRE2023_COLUMNS if c not in CURRENT_COLUMNS
)

assert len(CURRENT_COLUMNS) == len(PRE2023_COLUMNS) == 31
