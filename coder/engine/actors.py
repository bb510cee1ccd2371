"""The "who" step: ACLED's actor dictionary and the actor mentions of one sentence.

Pure: the dictionary is built from values (seed rows parsed by the caller, learned names from
imported or confirmed events, a country -> demonyms mapping) and `find_actors` maps a sentence
to `ActorMention`s with character spans. Nothing here reads files or the store.

Naming follows the codebook (§5, §6):
- state forces are "Military Forces of {State} ({start}-{end})", "Police Forces of …" and
  "Government of …", with the years of the regime in power on the event date, then an optional
  unit; a state force outside its own country is External/Other forces (inter 8);
- generic actors carry the country in parentheses: "Civilians (Kenya)", "Protesters (Kenya)",
  "Unidentified Armed Group (Mali)"; named groups use ACLED's "ACRONYM: Full Name".

Seed conventions a caller must know (seeds/actors.csv, seeds/regimes.csv):
- an actor name with "(*)" in place of the years ("Military Forces of Somalia (*) Puntland
  Dervish Force") is re-rendered with the regime on the event date;
- an alias written all in lower case ("peacekeepers", "junta forces") is a generic phrase and
  only names that actor in events of the actor's own country; an alias with no lower-case
  letter ("SNA", "M23") is an acronym and is matched case-sensitively; other aliases match
  case-insensitively, token by token, so "al-Shabaab" and "Al Shabaab" are the same alias;
- a regime row may give `start_date` (the exact cut-over inside the start year) and
  `state_actor`, the actor that *is* the state forces during that regime (the Taliban from
  16 August 2021: codebook §5 says the Taliban became Afghanistan's state forces after the
  takeover of 15 August, which they made as a rebel group);
- optional actor columns: `frontline` (the two actors sharing a value are the sides of
  unattributed fire in their country), `unnamed_in` (event types whose unnamed perpetrator in
  the actor's country is this actor, not an Unidentified Armed Group) and `umbrella`
  ("Host: State; State": those states' forces in the host country are this operation) and
  `part_of` (the named actor this unit is coded as: a mention of the unit is the parent
  actor with the unit as associated actor, "Donbass People's Militia" under the NAF).

Besides the dictionary, a sentence's named communities become identity militias (inter 4)
by ACLED's pattern "{Name} Clan/Tribal/Communal/Ethnic Militia ({Country})".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Final, Literal, NamedTuple

from coder.schema.codebook import interaction

__all__ = [
    "Actor",
    "ActorDictionary",
    "ActorMention",
    "Regime",
    "aliases_for_name",
    "derive_regimes",
    "find_actors",
    "interaction",
    "parse_actor_rows",
    "parse_regime_rows",
]

Kind = Literal["military", "police", "government"]
_KIND_PREFIX: Final[Mapping[str, str]] = {
    "military": "Military Forces of",
    "police": "Police Forces of",
    "government": "Government of",
}
_PREFIX_KIND: Final[Mapping[str, Kind]] = {
    "Military Forces": "military",
    "Police Forces": "police",
    "Government": "government",
}

# ACLED writes these states with the article: "Military Forces of the Philippines (2016-)".
_ARTICLE_STATES: Final = frozenset({
    "Bahamas", "Central African Republic", "Comoros", "Czech Republic",
    "Democratic Republic of Congo", "Dominican Republic", "Gambia", "Ivory Coast", "Maldives",
    "Marshall Islands", "Netherlands", "Philippines", "Republic of Congo", "Seychelles",
    "Solomon Islands", "United Arab Emirates", "United Kingdom", "United States",
})

# "Military Forces of the Philippines (2016-) Marines" / "Government of Kenya (*)".
_STATE_NAME: Final = re.compile(
    r"^(?P<kind>Military Forces|Police Forces|Government) of (?P<the>the )?(?P<state>.+?) "
    r"\((?:(?P<start>\d{4})-(?P<end>\d{4})?|(?P<star>\*))\)(?: (?P<unit>.+))?$"
)
_YEARS_SUFFIX: Final = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
# Names that are generic or uncertain: never turned into aliases of their own.
_GENERIC_NAME: Final = re.compile(
    r"^(?:Protesters|Rioters|Civilians|Unidentified|Private Security Forces|Former |Mutiny |"
    r"Military Forces|Police Forces|Government of|Women|Men|Journalists|Students|Teachers|"
    r"Health Workers|Labou?r Group|Farmers|Prisoners|Refugees|Lawyers|Settlers|Pastoralists|"
    r"Militia \()"
    r"|\band/or\b"
)
_IDENTITY_MILITIA: Final = re.compile(
    r"^(?P<base>.+?) (?:Ethnic|Communal|Clan|Sub-Clan|Tribal|Indigenous) Militia$"
)

_TOKEN: Final = re.compile(r"\w+")
# What may sit between two tokens of one alias: "al-Shabaab", "People's", "U.S.", "KNU/KNLA".
_JOIN: Final = re.compile(r"[\s\-\u2010\u2011\u2013'\u2019./]*")
# Inside one alias, brackets join too: "CPI(M)", "NSCN (IM)", "ULFA (I)" (ACLED's South Asian
# party and faction names); only the dictionary walk uses it, never a demonym qualifier.
# A comma joins too, for names that list places ("Sool, Sanaag and Cayn Militia").
_ALIAS_JOIN: Final = re.compile(r"[\s\-\u2010\u2011\u2013'\u2019./(),]*")
_APOSTROPHES: Final = ("'", "\u2019")

# Confidences: how often a mention of this kind names the right ACLED actor (our estimate).
_NAMED: Final = 0.9
_SHORT_ACRONYM: Final = 0.8
_QUALIFIED: Final = 0.8
_GENERIC: Final = 0.7
_WEAK: Final = 0.5
_LABEL: Final = 0.6
_MODIFIER_FACTOR: Final = 0.6


@dataclass(frozen=True, slots=True)
class Actor:
    """One dictionary actor: ACLED name, inter code, home country (None: several) and aliases.

    `first_year`/`last_year` bound the years in which ACLED used the name (a mission renamed,
    a group absorbed); None is open. `frontline` names a front on which the actor is one of
    the two sides ACLED codes for fire that no source attributes (Donbas: the Ukrainian
    military and the separatist forces face each other, so unattributed shelling there is
    theirs). `unnamed_in` lists event types in which an unnamed perpetrator in the actor's
    country is coded as this actor rather than as an Unidentified Armed Group (ACLED codes
    Mexico's anonymous killings to "Unidentified Gang (Mexico)"). `umbrella_host` and
    `umbrella_states` make the actor an operation that foreign states' forces fight under in
    the host country: there a state's forces are coded as the operation, with the state force
    as associated actor (Saudi forces in Yemen: Operation Restoring Hope). `part_of` names the
    actor a unit is coded under, the unit itself going to the associated actor (codebook §6:
    the NAF's Donetsk and Luhansk militias).
    """

    name: str
    inter: int
    country: str | None
    aliases: tuple[str, ...]
    first_year: int | None = None
    last_year: int | None = None
    frontline: str | None = None
    unnamed_in: tuple[str, ...] = ()
    umbrella_host: str | None = None
    umbrella_states: tuple[str, ...] = ()
    part_of: str | None = None


@dataclass(frozen=True, slots=True)
class Regime:
    """A government in power: ACLED's years for a state's forces, "(2022-)" or "(2013-2022)".

    `country` is the state as ACLED names it without the article ("Philippines", "Somaliland").
    `start_date` is the day the regime took over when known; without it the regime applies from
    1 January of `start_year`. `state_actor` names a non-"Forces of" state actor (the Taliban).
    """

    country: str
    start_year: int
    end_year: int | None
    start_date: date | None = None
    state_actor: str | None = None

    @property
    def years(self) -> str:
        """The parenthesised years ACLED writes after the state: "(2013-2022)", "(2022-)"."""
        return f"({self.start_year}-{self.end_year if self.end_year is not None else ''})"

    @property
    def effective_start(self) -> date:
        """First day the regime's name applies."""
        return self.start_date or date(self.start_year, 1, 1)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a sentence, with where and how sure, and which side it seems to be.

    `role_hint` is "agent" (subject of an active verb, or after "by"), "patient" (object, after
    "against"/"targeting", or subject of a passive verb) or "unknown". `assoc_label` marks an
    identity label ("Teachers (Kenya)") that belongs in assoc_actor_1/2, not in actor1/2.
    """

    actor: str
    inter: int
    span: tuple[int, int]
    confidence: float
    role_hint: str
    assoc_label: bool = False


# --- seed rows --------------------------------------------------------------------------------


def _optional_int(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text else None


def parse_actor_rows(rows: Iterable[Mapping[str, str]]) -> list[Actor]:
    """Actors from seeds/actors.csv rows (columns actor, inter, country, aliases, first_year,
    last_year, frontline, unnamed_in, umbrella, part_of; the last six may be blank or absent);
    aliases and unnamed_in's event types are ";"-separated, umbrella is "Host: State; State".
    Raises ValueError naming the row on bad values."""
    actors: list[Actor] = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        try:
            inter = int(row["inter"])
            if not 1 <= inter <= 8:
                raise ValueError(f"inter {inter} is not 1-8")
            actors.append(Actor(
                name=row["actor"].strip(),
                inter=inter,
                country=(row.get("country") or "").strip() or None,
                aliases=tuple(a.strip() for a in (row.get("aliases") or "").split(";")
                              if a.strip()),
                first_year=_optional_int(row.get("first_year")),
                last_year=_optional_int(row.get("last_year")),
                frontline=(row.get("frontline") or "").strip() or None,
                unnamed_in=tuple(t.strip() for t in (row.get("unnamed_in") or "").split(";")
                                 if t.strip()),
                **_umbrella(row.get("umbrella") or ""),
                part_of=(row.get("part_of") or "").strip() or None,
            ))
        except (KeyError, ValueError) as error:
            raise ValueError(f"actors row {number}: {error}") from error
    return actors


def _umbrella(text: str) -> dict[str, Any]:
    """umbrella_host/umbrella_states from a seed cell "Yemen: Saudi Arabia; Sudan"."""
    if not text.strip():
        return {}
    host, _, states = text.partition(":")
    if not states.strip():
        raise ValueError(f"umbrella {text!r} is not 'Host: State; State'")
    return {"umbrella_host": host.strip(),
            "umbrella_states": tuple(s.strip() for s in states.split(";") if s.strip())}


def parse_regime_rows(rows: Iterable[Mapping[str, str]]) -> list[Regime]:
    """Regimes from seeds/regimes.csv rows (country, start_year, end_year, start_date,
    state_actor; the last three may be blank). Raises ValueError naming the row."""
    regimes: list[Regime] = []
    for number, row in enumerate(rows, start=2):
        try:
            start_date = (row.get("start_date") or "").strip()
            regime = Regime(
                country=row["country"].strip(),
                start_year=int(row["start_year"]),
                end_year=_optional_int(row.get("end_year")),
                start_date=date.fromisoformat(start_date) if start_date else None,
                state_actor=(row.get("state_actor") or "").strip() or None,
            )
            _check_regime(regime)
            regimes.append(regime)
        except (KeyError, ValueError) as error:
            raise ValueError(f"regimes row {number}: {error}") from error
    return regimes


def _check_regime(regime: Regime) -> None:
    if regime.end_year is not None and regime.end_year < regime.start_year:
        raise ValueError(f"{regime.country}: end_year before start_year")
    if regime.start_date is not None and regime.start_date.year != regime.start_year:
        raise ValueError(f"{regime.country}: start_date is not in start_year")


# --- learning from imported names -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _StateName:
    kind: Kind
    state: str
    article: bool
    start: int | None
    end: int | None
    template: bool
    unit: str | None


def _parse_state_name(name: str) -> _StateName | None:
    found = _STATE_NAME.match(name)
    if found is None:
        return None
    return _StateName(
        kind=_PREFIX_KIND[found["kind"]],
        state=found["state"],
        article=found["the"] is not None,
        start=int(found["start"]) if found["start"] else None,
        end=int(found["end"]) if found["end"] else None,
        template=found["star"] is not None,
        unit=found["unit"],
    )


def derive_regimes(observed: Iterable[tuple[str, date | None]]) -> tuple[Regime, ...]:
    """Regimes implied by state-force names seen on event dates in imported data.

    "Military Forces of Chad (2021-)" seen on 2021-05-02 gives Chad from 2021, effective from
    the earliest date it was seen in its start year. Names with a unit ("… (2014-) Haftar
    Faction") are skipped, so rival governments of one state do not pose as successive
    regimes. A closed range seen anywhere ("(2014-2021)") closes the regime.
    """
    ends: dict[tuple[str, int], int | None] = {}
    first_seen: dict[tuple[str, int], date] = {}
    for name, on in observed:
        parsed = _parse_state_name(name)
        if parsed is None or parsed.unit or parsed.start is None:
            continue
        key = (parsed.state, parsed.start)
        if key not in ends or parsed.end is not None:
            ends[key] = parsed.end if parsed.end is not None else ends.get(key)
        if on is not None and on.year == parsed.start:
            seen = first_seen.get(key)
            first_seen[key] = on if seen is None or on < seen else seen
    return tuple(
        Regime(state, start, end, first_seen.get((state, start)))
        for (state, start), end in sorted(ends.items())
    )


def _merge_regimes(seeds: Iterable[Regime], learned: Iterable[Regime]) -> tuple[Regime, ...]:
    """Learned regimes replace the seed regime of the same state and start year.

    Imported data is what ACLED actually wrote, so its years win; the earlier cut-over date of
    the two is kept (a regime seen in the data on a day had started by that day), and the
    seed's state actor stays unless the data shows the state's own "Forces of" name.
    """
    merged: dict[tuple[str, int], Regime] = {(r.country, r.start_year): r for r in seeds}
    for regime in learned:
        key = (regime.country, regime.start_year)
        seed = merged.get(key)
        if seed is None:
            merged[key] = regime
            continue
        starts = [d for d in (seed.start_date, regime.start_date) if d is not None]
        merged[key] = Regime(regime.country, regime.start_year, regime.end_year,
                             min(starts) if starts else None, None)
    return tuple(sorted(merged.values(), key=lambda r: (r.country, r.effective_start)))


def aliases_for_name(name: str) -> tuple[str, ...]:
    """Surface forms implied by an ACLED name itself, for names learned from imported events.

    "NRF: National Resistance Front" gives "NRF" and "National Resistance Front"; "Tiv Ethnic
    Militia (Nigeria)" gives "Tiv Ethnic Militia" and "Tiv militia"; a state-force name with a
    unit gives the unit ("Puntland Dervish Force"). Generic names give nothing.
    """
    parsed = _parse_state_name(name)
    if parsed is not None:
        return aliases_for_name(parsed.unit) if parsed.unit else ()
    if _GENERIC_NAME.search(name):
        return ()
    bare = _YEARS_SUFFIX.sub("", name).strip()
    forms: list[str] = []
    if ": " in bare:
        acronym, full = bare.split(": ", 1)
        forms += [acronym, full]
    else:
        forms.append(bare)
    country_tag = re.match(r"^(?P<base>.+?) \([^()]+\)$", bare)
    if country_tag and ": " not in bare:
        base = country_tag["base"]
        forms = [base]
        militia = _IDENTITY_MILITIA.match(base)
        if militia:
            forms.append(f"{militia['base']} militia")
    return tuple(dict.fromkeys(f for f in forms if _TOKEN.search(f)))


# --- the dictionary ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Generic:
    """A common-noun phrase that names an ACLED actor once a country is known."""

    kind: str  # "military" | "police" | "government" | "people" | "label"
    label: str  # "Civilians", "Unidentified Armed Group", …; unused for state kinds
    inter: int
    confidence: float
    needs_qualifier: bool = False  # "forces", "shelling": only after a demonym
    assoc: str | None = None  # identity label produced alongside ("Teachers")
    unit: str | None = None  # a state force's unit, named after its years ("Prison Guards")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One alias in the trie: what it names and when it may be used."""

    target: Actor | _Generic
    exact: tuple[str, ...] | None  # original-case tokens when matched case-sensitively
    bound: str | None  # only in events of this country
    confidence: float


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    entries: list[_Entry] = field(default_factory=list)


def _is_acronym(alias: str) -> bool:
    return not any(ch.islower() for ch in alias) and any(ch.isupper() for ch in alias)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text))


class ActorDictionary:
    """Immutable actor knowledge: named actors, regimes, generic phrases and demonyms.

    Build it with `build` (seeds) and extend it with `with_learned` (imported and confirmed
    events); both return new dictionaries.
    """

    __slots__ = ("_actors", "_articles", "_forms", "_homes", "_identity", "_regimes",
                 "_state_actors", "_trie")

    def __init__(
        self,
        actors: tuple[Actor, ...],
        regimes: tuple[Regime, ...],
        forms: Mapping[tuple[str, ...], tuple[str, ...]],
        articles: frozenset[str],
        state_actors: Mapping[str, tuple[tuple[str, int], ...]],
    ) -> None:
        self._actors = actors
        self._regimes: dict[str, tuple[Regime, ...]] = {}
        grouped: dict[str, list[Regime]] = defaultdict(list)
        for regime in regimes:
            grouped[regime.country].append(regime)
        for state, items in grouped.items():
            self._regimes[state] = tuple(sorted(items, key=lambda r: r.effective_start))
        # actor name -> (state, start year) of the regimes it embodies; kept when imported
        # data later renames such a regime's forces ("Military Forces of Afghanistan (2021-)").
        self._state_actors = state_actors
        self._forms = forms
        self._articles = articles
        self._trie = _build_trie(actors)
        # name -> its one home country; a name listed in several countries has none.
        homes: dict[str, set[str | None]] = defaultdict(set)
        for actor in actors:
            homes[actor.name].add(actor.country)
        self._homes = {name: next(iter(c)) for name, c in homes.items()
                       if len(c) == 1 and None not in c}
        # (community, country) -> the identity militia ACLED names after it, whatever kind
        # word ("communal", "ethnic") a report uses: "Rizeigat" -> Rizeigat Ethnic Militia.
        self._identity: dict[tuple[str, str], Actor] = {}
        for actor in actors:
            base = _YEARS_SUFFIX.sub("", actor.name)
            base = base.removesuffix(f" ({actor.country})") if actor.country else base
            if actor.inter == 4 and actor.country and \
                    (match := _IDENTITY_MILITIA.match(base)) is not None:
                self._identity.setdefault((match["base"].lower(), actor.country), actor)

    @classmethod
    def build(
        cls,
        actors: Iterable[Actor],
        regimes: Iterable[Regime],
        demonyms: Mapping[str, str | Iterable[str]],
        country_aliases: Mapping[str, str | Iterable[str]] | None = None,
    ) -> ActorDictionary:
        """A dictionary from seed actors, seed regimes and country -> demonyms.

        A demonym value may be one ";"-separated string ("Afghan; Afghans") or a list;
        `country_aliases` ("US; U.S.; America") add more ways to name a country before a
        generic noun ("US troops"). Raises ValueError on an impossible regime or inter code.
        """
        actor_tuple = tuple(actors)
        for actor in actor_tuple:
            if not 1 <= actor.inter <= 8:
                raise ValueError(f"{actor.name}: inter {actor.inter} is not 1-8")
        regime_tuple = tuple(regimes)
        for regime in regime_tuple:
            _check_regime(regime)
        state_actors: dict[str, tuple[tuple[str, int], ...]] = defaultdict(tuple)
        for regime in regime_tuple:
            if regime.state_actor:
                state_actors[regime.state_actor] += ((regime.country, regime.start_year),)
        return cls(actor_tuple, _merge_regimes(regime_tuple, ()),
                   _country_forms(demonyms, country_aliases), _ARTICLE_STATES,
                   dict(state_actors))

    def with_learned(
        self, names: Iterable[tuple[str, int, str | None, date | None]]
    ) -> ActorDictionary:
        """This dictionary plus actors and regimes seen in imported or confirmed events.

        Each item is (actor, inter, country, event_date) as an event row has them. New names
        become actors with the aliases their names imply (`aliases_for_name`); a name seen in
        several countries gets no home country. Seed actors keep their inter codes and aliases.
        State-force names teach regimes (`derive_regimes`), which override the seeds.
        """
        items = list(names)
        known = {a.name for a in self._actors}
        inters: dict[str, Counter[int]] = defaultdict(Counter)
        countries: dict[str, set[str | None]] = defaultdict(set)
        articles = set(self._articles)
        for name, inter, country, _on in items:
            parsed = _parse_state_name(name)
            if parsed is not None and parsed.article:
                articles.add(parsed.state)
            if name in known or not aliases_for_name(name):
                continue
            inters[name][inter] += 1
            countries[name].add(country)
        learned = tuple(
            Actor(name, counts.most_common(1)[0][0],
                  next(iter(countries[name])) if len(countries[name]) == 1 else None,
                  aliases_for_name(name))
            for name, counts in inters.items()
        )
        all_regimes = [r for group in self._regimes.values() for r in group]
        regimes = _merge_regimes(all_regimes, derive_regimes((n, d) for n, _, _, d in items))
        return ActorDictionary(self._actors + learned, regimes, self._forms,
                               frozenset(articles), self._state_actors)

    def home_country(self, name: str) -> str | None:
        """The one country a named actor operates in ("Al Shabaab" -> Somalia), if just one.

        A state force's unit as rendered for a day ("Police Forces of India (2014-) Border
        Security Force") has its seed row's home; the bare state forces have none here (they
        also fight abroad, codebook §6: External/Other forces).
        """
        home = self._homes.get(name)
        parsed = _parse_state_name(name) if home is None else None
        if parsed is not None and parsed.unit and not parsed.template:
            # Seed rows name a unit with "(*)" for the years (module docstring).
            home = self._homes.get(_YEARS_SUFFIX.sub(" (*)", name, count=1))
        return home

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Every actor, seeds first, then learned ones."""
        return self._actors

    def regimes(self, country: str) -> tuple[Regime, ...]:
        """The known regimes of a state, oldest first."""
        return self._regimes.get(country, ())

    def regime_on(self, country: str, on: date) -> Regime | None:
        """The regime in power in a state on a day, or None when unknown."""
        current: Regime | None = None
        for regime in self._regimes.get(country, ()):
            if regime.effective_start <= on:
                current = regime
        if current is None or (current.end_year is not None and on.year > current.end_year):
            return None
        return current

    def state_force(self, country: str, kind: str, on: date, unit: str | None = None) -> str:
        """ACLED's name for a state's military, police or government on a day.

        "Military Forces of Kenya (2022-)"; with an unknown regime the years are left off
        ("Military Forces of Kenya"). A regime with a state actor returns that actor (Taliban).
        Raises ValueError for a kind other than military, police or government.
        """
        if kind not in _KIND_PREFIX:
            raise ValueError(f"kind must be military, police or government, not {kind!r}")
        regime = self.regime_on(country, on)
        if regime is not None and regime.state_actor:
            return regime.state_actor
        state = f"the {country}" if country in self._articles else country
        name = f"{_KIND_PREFIX[kind]} {state}"
        if regime is not None:
            name += f" {regime.years}"
        return f"{name} {unit}" if unit else name

    def resolve(self, actor: Actor, on: date, event_country: str | None) -> tuple[str, int]:
        """The actor's ACLED name and inter code on a day, in an event of a country (§5, §6).

        "(*)" in a name becomes the regime's years on that day. The state actor of the regime
        in power is state forces (1), named as the data names that regime's forces. State
        forces outside their own country are External/Other forces (8).
        """
        name, inter, home = actor.name, actor.inter, actor.country
        parsed = _parse_state_name(name) if "(*)" in name else None
        if parsed is not None:
            name = self.state_force(parsed.state, parsed.kind, on, parsed.unit)
        for state, start_year in self._state_actors.get(actor.name, ()):
            regime = self.regime_on(state, on)
            if regime is not None and regime.start_year == start_year:
                name = regime.state_actor or self.state_force(state, "military", on)
                inter, home = 1, home or state
        if inter == 1 and event_country and home and home != event_country:
            return name, 8
        return name, inter

    def frontline(self, country: str, on: date) -> tuple[tuple[str, int], ...]:
        """The (name, inter) of the sides of a front in a country on a day, or () if none.

        ACLED codes fire that no source attributes on an active front as between its two sides
        (OSCE-reported ceasefire violations in Donbas: the Ukrainian military and the NAF).
        """
        sides = [a for a in self._actors
                 if a.frontline and a.country == country
                 and (a.first_year is None or a.first_year <= on.year)
                 and (a.last_year is None or on.year <= a.last_year)]
        if len({a.frontline for a in sides}) != 1 or len(sides) < 2:
            return ()  # no front, or several: which one a sentence means is unknown
        return tuple(self.resolve(a, on, country) for a in sides)

    def umbrella(self, host: str, state: str, on: date) -> tuple[str, int] | None:
        """The (name, inter) of the operation a state's forces fight under in a host country
        on a day (Saudi Arabia in Yemen: Operation Restoring Hope), or None."""
        for actor in self._actors:
            if actor.umbrella_host == host and state in actor.umbrella_states and \
                    (actor.first_year is None or actor.first_year <= on.year) and \
                    (actor.last_year is None or on.year <= actor.last_year):
                return self.resolve(actor, on, host)
        return None

    def parent(self, actor: Actor, on: date, event_country: str | None
               ) -> tuple[str, int] | None:
        """The (name, inter) of the actor a unit is coded under (`Actor.part_of`), or None."""
        if actor.part_of is None:
            return None
        for candidate in self._actors:
            if candidate.name == actor.part_of and candidate.country in (None, actor.country):
                return self.resolve(candidate, on, event_country)
        return None

    def unnamed(self, country: str, event_type: str, on: date) -> tuple[str, int] | None:
        """The (name, inter) ACLED gives an unnamed perpetrator of this event type in this
        country, when it is not the default Unidentified Armed Group; else None."""
        for actor in self._actors:
            if actor.country == country and event_type in actor.unnamed_in and \
                    (actor.first_year is None or actor.first_year <= on.year) and \
                    (actor.last_year is None or on.year <= actor.last_year):
                return self.resolve(actor, on, country)
        return None

    def identity_militia(self, community: str, country: str, on: date
                         ) -> tuple[str, int] | None:
        """The (name, inter) of the known identity militia of a community in a country."""
        actor = self._identity.get((community.lower(), country))
        return self.resolve(actor, on, country) if actor is not None else None

    def countries_named(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Countries a lower-cased token sequence names ("kenyan" -> Kenya), if any."""
        return self._forms.get(tokens, ())


def _country_forms(
    demonyms: Mapping[str, str | Iterable[str]],
    country_aliases: Mapping[str, str | Iterable[str]] | None,
) -> dict[tuple[str, ...], tuple[str, ...]]:
    forms: dict[tuple[str, ...], list[str]] = defaultdict(list)

    def add(country: str, values: str | Iterable[str]) -> None:
        items = values.split(";") if isinstance(values, str) else list(values)
        for form in items:
            if form.strip() and _is_acronym(form.strip()):
                # "US" before "troops" is matched only as written (not "us").
                key = ("\x00", *_tokens(form.strip()))
            else:
                key = tuple(t.lower() for t in _tokens(form))
            if key and country not in forms[key]:
                forms[key].append(country)

    for country, values in demonyms.items():
        add(country, [country])
        add(country, values)
    for country, values in (country_aliases or {}).items():
        add(country, [country])
        add(country, values)
    return {key: tuple(value) for key, value in forms.items()}


def _build_trie(actors: Iterable[Actor]) -> _Node:
    root = _Node()

    def insert(alias: str, entry_for: _Entry) -> None:
        tokens = _tokens(alias)
        if not tokens:
            return
        node = root
        for token in tokens:
            node = node.children.setdefault(token.lower(), _Node())
        node.entries.append(entry_for)

    for actor in actors:
        for alias in dict.fromkeys((*actor.aliases, *aliases_for_name(actor.name))):
            acronym = _is_acronym(alias)
            generic_phrase = alias == alias.lower()
            travels = acronym or actor.country is None or actor.inter in (1, 8)
            bound = actor.country if (generic_phrase or not travels) else None
            confidence = _SHORT_ACRONYM if acronym and len(alias) <= 3 else _NAMED
            insert(alias, _Entry(actor, _tokens(alias) if acronym else None, bound, confidence))
    for phrases, generic in _GENERIC_PHRASES:
        for phrase in phrases.split(";"):
            exact = _tokens(phrase.strip()) if _is_acronym(phrase.strip()) else None
            insert(phrase, _Entry(generic, exact, None, generic.confidence))
    return root


# Generic phrases (codebook §5, §6). The country comes from a demonym before the phrase
# ("Nigerian troops") or else from the event's country.
_MIL: Final = _Generic("military", "", 1, _GENERIC)
_MIL_Q: Final = _Generic("military", "", 1, _QUALIFIED, needs_qualifier=True)
_POL: Final = _Generic("police", "", 1, _GENERIC)
_POL_WEAK: Final = _Generic("police", "", 1, _WEAK)
_GOV: Final = _Generic("government", "", 1, _WEAK)
# Prison staff are coded as the state's police with the unit "Prison Guards" (ACLED's naming
# for guards of a prison, whatever ministry runs it: 5 dev events in Peru, Venezuela, Ivory
# Coast and Afghanistan).
_PRISON: Final = _Generic("police", "", 1, _GENERIC, unit="Prison Guards")


def _people(label: str, inter: int, confidence: float = _GENERIC,
            assoc: str | None = None) -> _Generic:
    return _Generic("people", label, inter, confidence, assoc=assoc)


_UAG: Final = "Unidentified Armed Group"
_GENERIC_PHRASES: Final[tuple[tuple[str, _Generic], ...]] = (
    ("soldiers; soldier; troops; army; military; security forces; armed forces; "
     "government forces; government troops; government soldiers; state forces; "
     "regime forces; national army; servicemen; paratroopers; special forces; commandos; "
     "marines; navy; air force; gendarmes; gendarmerie; military personnel; "
     "security personnel; army troops; army soldiers; defence forces; defense forces; "
     "army officers; military officers; army officer; military forces; government soldier; "
     "government security forces; government army; governmental forces; governmental troops; "
     "government positions; governmental positions; army positions; military positions; "
     # "Govt forces": the abbreviation of Somali reports.
     "govt forces; govt troops; govt soldiers; govt army", _MIL),
    ("forces; shelling; airstrike; airstrikes; air strike; air strikes; drone strike; "
     "drone strikes; strike; strikes; warplanes; jets; fighter jets; artillery; missiles; "
     "missile; drones; drone; aircraft; helicopters; bombardment; shells; rocket; rockets; "
     "rocket fire; mortar; mortars; mortar shells", _MIL_Q),
    ("police; policemen; policeman; police officers; police officer; riot police; "
     "anti-riot police; law enforcement; cops; police forces; police force; "
     # Police units with a military word are still police ("Imphal West police commandos").
     "police commandos; police commando; police special forces; "
     # "Turkish border police": the demonym qualifies the whole phrase.
     "border police; border policemen; border police officers", _POL),
    ("prison guards; prison guard; prison officers; prison officer; prison wardens; "
     "prison warden; prison warders; warders; jailers; prison staff; prison authorities; "
     "penitentiary guards; police prison guards", _PRISON),
    ("officers; security agents", _POL_WEAK),
    ("government; authorities", _GOV),
    # Civil officials who decree or are targeted stand for the government (codebook §6
    # "Government of {State}" for non-military state actors): governors, ministries, mayors.
    ("governor; governors; governorship; governor's office; governor office; "
     "provincial governor; district governor; deputy governor; governorate authorities; "
     "provincial authorities; local authorities; district authorities; municipal authorities; "
     "ministry of health; health ministry; interior ministry; ministry of interior; "
     "mayor; deputy mayor; district commissioner", _GOV),
    # Codebook §5 (inter 3 covers every Unidentified Armed Group) and §11 example 4.
    # ACLED codes Nigeria's "bandits" as Unidentified Armed Group (Nigeria) because their
    # affiliation is rarely known; the same reading is used for bandits anywhere.
    ("gunmen; gunman; armed men; armed man; assailants; assailant; unknown attackers; "
     "unidentified attackers; unknown gunmen; unidentified gunmen; attackers; attacker; "
     "armed group; armed groups; unidentified armed group; masked men; bandits; bandit; "
     "kidnappers; abductors; hitmen; unknown assailants; unidentified assailants; "
     "unidentified men; unknown men; armed bandits; arsonists; unknown arsonists; "
     "unidentified arsonists; unidentified perpetrators; unknown perpetrators; "
     "unidentified actors; unknown individuals; unidentified individuals; armed individuals; "
     "unidentified armed individuals; unknown armed men; unidentified armed men; "
     # "an unidentified military group" is no state force (the military word describes it).
     "unknown armed group; unidentified military group; unknown military group; "
     "unidentified group; unknown group; unidentified armed groups; unknown armed groups; "
     # People the text calls unknown who attack are no mob (a mob is named by who it is).
     "unknown people; unidentified people; unknown persons; unidentified persons; "
     "unknown person; unidentified person",
     _people(_UAG, 3)),
    ("militants; militant; insurgents; insurgent; jihadists; terrorists; extremists; "
     "suspected militants", _people(_UAG, 3, _WEAK)),
    ("gang; gangs; gang members; gang member; gangster; gangsters; criminal gang; "
     "criminal group; criminal groups; "
     "drug traffickers; drug trafficker; drug dealers; drug dealer; traffickers; "
     "rival gang members", _people("Unidentified Gang", 3)),
    # Clans that fight unnamed are ACLED's generic "Unidentified Clan Militia ({Country})"
    # (codebook §6), whatever the country: inter-clan violence in Ethiopia's Somali region,
    # rival clans' feuds (rido) in the southern Philippines.
    ("clan militia; clan militias; clan militiamen; clan fighters; clan gunmen; "
     "rival clans; rival clan; two clans; two rival clans; feuding clans; warring clans; "
     "inter-clan; interclan; inter-clan fighting; inter-clan violence; clan clashes; "
     "clan violence; clan feud; clan feuds; rival clan militias; militias from rival clans",
     _people("Unidentified Clan Militia", 4)),
    ("communal militia; ethnic militia; community militia; tribal militia",
     _people("Unidentified Communal Militia", 4)),
    ("herders; herdsmen; Fulani herdsmen; Fulani herders; Fulani militia; Fulani gunmen; "
     "armed herders; armed herdsmen; Fulani militants; Fulani militiamen; Fulani militias; "
     "armed Fulani; Fulani assailants; Fulani attackers; armed pastoralists; "
     "Fulani pastoralists; armed nomads",
     _Generic("herders", "", 4, _GENERIC)),
    ("private security guards; security guards; private security; private security forces",
     _people("Private Security Forces", 8)),
    ("protesters; protestors; demonstrators; protester; demonstrator; marchers; "
     "rally participants", _people("Protesters", 6)),
    ("rioters; mob; angry mob; rioter; irate mob", _people("Rioters", 5)),
    ("youths; irate youths; angry youths", _people("Rioters", 5, _WEAK)),
    ("civilians; civilian; villagers; villager; residents; resident; locals; passengers; "
     "passenger; worshippers; worshipers; a man; man; men; boy; boys; children; child; "
     "family members; a family; relatives; motorists; motorist; pedestrians; shoppers; "
     "travellers; travelers; elder; elders; tribal elder; village chief; village head; "
     "aid workers; humanitarian workers; pastor; priest; imam; "
     "cleric; bystanders; non-combatants; teenager; hostages; citizens; inhabitants; "
     "community members; families; tourists; neighbours; neighbors; "
     # "Indian nationals" in Nepal: people of the country the demonym names (§6).
     "nationals; foreign nationals", _people("Civilians", 7)),
    ("people; persons; person", _people("Civilians", 7, _WEAK)),
    ("women; woman; girls; girl; widow; widows; pregnant woman; schoolgirls; schoolgirl",
     _people("Civilians", 7, assoc="Women")),
    # Herders as a community: victims of cattle raids are civilians labelled Pastoralists.
    ("pastoralist; pastoralists; cattle keepers; cattle keeper; cattle herders; "
     "cattle herder; cattle camp; cattle camps; nomads; nomadic herders; herder; herdsman",
     _people("Civilians", 7, assoc="Pastoralists")),
    ("activists; activist; rights activists; human rights defenders; human rights activists",
     _people("Civilians", 7, _WEAK)),
    ("teachers; teacher", _people("Civilians", 7, assoc="Teachers")),
    ("students; student; pupils; schoolchildren", _people("Civilians", 7, assoc="Students")),
    ("journalists; journalist; reporters; reporter; cameraman; media workers; "
     "photojournalists; photojournalist; media personnel; bloggers; blogger; "
     "correspondents; correspondent; newspaper editor; news anchor",
     _people("Civilians", 7, assoc="Journalists")),
    ("health workers; health worker; doctors; doctor; nurses; nurse; medics; medic; "
     "medical workers; healthcare workers; paramedics; medical staff; hospital staff; "
     "hospital workers; hospital employees; health staff; health personnel; "
     "medical personnel; health sector workers; laboratory technicians; lab technicians; "
     # India's accredited social health activists (ASHA) are community health workers.
     "ASHA workers; ASHA worker; ASHA activists; accredited social health activists",
     _people("Civilians", 7, assoc="Health Workers")),
    # Motorcycle and car taxi drivers: ACLED's Africa coding keeps their own label, elsewhere
    # they are a Labor Group like other trades (`_people_mentions`).
    ("taxi drivers; taxi driver; boda boda drivers; boda boda driver; boda boda riders; "
     "boda boda rider; boda bodas; bodaboda riders; okada riders; okada rider; "
     "moto-taxi drivers; moto-taxi driver; moto taxi drivers; mototaxi drivers; "
     "motorcycle taxi drivers; motorbike taxi drivers; taxi bike drivers; taxi bike riders; "
     "taxi-motorcycle drivers; taxi motorcycle drivers; taxi operators; minibus taxi drivers; "
     # Three-wheeler and motorbike drivers carry passengers for hire (Somalia's "tuk-tuk
     # driver" is a Taxi Driver in ACLED's 2025 rows; in Latin America a Labor Group).
     "tuk-tuk drivers; tuk-tuk driver; tuktuk drivers; tuktuk driver; bajaj drivers; "
     "bajaj driver; motorcycle drivers; motorcycle driver; motorbike drivers; "
     "motorbike driver; motor taxi drivers; motor taxi driver",
     _people("Civilians", 7, assoc="Taxi Drivers")),
    ("farmers; farmer; farm workers; farmworkers; agricultural workers; plantation workers; "
     "peasants; peasant farmers; campesinos; growers; cultivators; dairy farmers; "
     "milk producers; cotton growers; "
     # "Kisan" (Hindi: farmer) names farmers' unions and committees; "campesino" the same
     # in Spanish ("the campesino movement").
     "kisan; kisans; campesino", _people("Civilians", 7, assoc="Farmers")),
    ("lawyers; lawyer", _people("Civilians", 7, assoc="Lawyers")),
    ("judges; judge; magistrates; magistrate", _people("Civilians", 7, assoc="Judges")),
    ("transgender woman; transgender women; transgender people; transgender person; "
     "transgender; gay men; gay man; lesbian; lesbians; LGBT people; LGBTQ people; "
     "LGBT activists", _people("Civilians", 7, assoc="LGBT")),
    ("refugees; refugee; IDPs; IDP; displaced people; displaced persons; displaced person; "
     "displaced civilians; displaced families; "
     "asylum seekers",
     _people("Civilians", 7, assoc="Refugees/IDPs")),
    ("prisoners; prisoner; inmates; inmate", _people("Civilians", 7, assoc="Prisoners")),
    # People targeted as drug suspects (the Philippines' anti-drug killings) keep the label.
    ("drug suspects; drug suspect; drug personalities; drug personality; drug users; "
     "drug user; drug pushers; drug pusher", _people("Civilians", 7, assoc="Drug Suspects")),
    # ACLED files people by their trade under one label (codebook §6 "Labor Group"): drivers,
    # traders and shopkeepers protesting for their livelihood, or attacked at work.
    ("workers; employees; trade unionists; union members; miners; labourers; labourer; "
     "laborers; laborer; migrant workers; migrant labourers; daily wage workers; "
     "drivers; driver; bus drivers; bus driver; truck drivers; "
     "truck driver; truckers; lorry drivers; rickshaw drivers; "
     "rickshaw pullers; transporters; transport workers; "
     "traders; trader; merchants; merchant; shopkeepers; shopkeeper; shop owners; "
     "shop owner; vendors; vendor; hawkers; business owners; "
     "businessmen; businessman; businesspeople; entrepreneurs; artisans; musicians; "
     "artists; firefighters; civil servants; public servants; sanitation workers; "
     "contract workers; contractual workers; dock workers; factory workers; "
     "garment workers; bank employees; ration dealers; ration dealer; worker; employee; cleaners; "
     "construction workers; construction worker; owner; owners; store owner; "
     "store owners; bar owner; restaurant owner; company owners; contractor; "
     "contractors; pharmacist; unionists; trade unions; labour unions; labor unions; "
     "labour union; labor union; labour organization; labor organization; "
     "labour organisation; labour groups; labor groups; economic operator; "
     "economic operators; revenue collector; tax collectors",
     _people("Civilians", 7, assoc="Labor Group")),
    # A Labour Day march is a labour group's protest, whoever the sentence says marched.
    ("Labour Day; Labor Day; Workers' Day; International Workers' Day; "
     "International Workers Day; International Labour Day; International Labor Day",
     _people("Civilians", 7, _WEAK, assoc="Labor Group")),
    ("fishermen; fisherman; fishers", _people("Civilians", 7, assoc="Fishermen")),
    # Traders of the street and the market have a label of their own (codebook §6).
    ("street traders; street trader; street vendors; street vendor; market vendors; "
     "market vendor; street hawkers; street hawker; market traders",
     _people("Civilians", 7, assoc="Street Traders")),
    ("Christians; Christian worshippers", _people("Civilians", 7, assoc="Christian Group")),
    ("Muslims; Muslim worshippers", _people("Civilians", 7, assoc="Muslim Group")),
)

# Where "herders" means the Fulani ethnic militia in ACLED's data (West and Central Africa).
_FULANI_COUNTRIES: Final = frozenset({
    "Nigeria", "Mali", "Burkina Faso", "Niger", "Benin", "Cameroon", "Central African Republic",
    "Ghana", "Togo", "Chad", "Guinea", "Senegal", "Ivory Coast", "Mauritania",
})
# ACLED's African countries: there taxi and motorcycle-taxi drivers keep the label "Taxi
# Drivers"; other regions file them under the Labor Group with the other trades.
_AFRICA: Final = frozenset({
    "Algeria", "Angola", "Benin", "Botswana", "Burkina Faso", "Burundi", "Cameroon",
    "Cape Verde", "Central African Republic", "Chad", "Comoros", "Democratic Republic of Congo",
    "Djibouti", "Egypt", "Equatorial Guinea", "Eritrea", "eSwatini", "Ethiopia", "Gabon",
    "Gambia", "Ghana", "Guinea", "Guinea-Bissau", "Ivory Coast", "Kenya", "Lesotho", "Liberia",
    "Libya", "Madagascar", "Malawi", "Mali", "Mauritania", "Mauritius", "Mayotte", "Morocco",
    "Mozambique", "Namibia", "Niger", "Nigeria", "Republic of Congo", "Reunion", "Rwanda",
    "Sao Tome and Principe", "Senegal", "Seychelles", "Sierra Leone", "Somalia", "Somaliland",
    "South Africa", "South Sudan", "Sudan", "Tanzania", "Togo", "Tunisia", "Uganda",
    "Western Sahara", "Zambia", "Zimbabwe",
})
# Words that make "workers of ..." or "... employees" health workers: the codebook's label for
# hospital and clinic staff is Health Workers, not the Labor Group.
_HEALTH_SITES: Final = frozenset({
    "hospital", "hospitals", "health", "clinic", "clinics", "healthcare", "medical",
    "dispensary", "ambulance",
})
_OF_WORDS: Final = frozenset({"of", "from", "at", "in"})
_FARMS: Final = frozenset({"farm", "farms", "plantation", "plantations", "estate", "estates",
                           "ranch", "orchard", "orchards"})
_FEMALE: Final = frozenset({"female", "women", "woman"})
# Nouns after a people word that make it a place's name ("refugee camp", "student hostel").
_PLACE_HEADS: Final = frozenset({
    "camp", "camps", "settlement", "settlements", "hostel", "hostels", "dormitory",
    "quarters", "shelter", "shelters",
})
_FAITHS: Final[Mapping[str, str]] = {
    "muslim": "Muslim Group", "christian": "Christian Group", "hindu": "Hindu Group",
    "catholic": "Catholic Christian Group", "sikh": "Sikh Group",
}
# Labels that follow the people they describe when those people protest or riot.
_PROTEST_CUES: Final = frozenset({
    "protest", "protested", "protesting", "protests", "demonstrated", "demonstrating",
    "marched", "marching", "rallied", "rallying", "staged", "picketed", "gathered", "striking",
    "streets", "sit",
})
_RIOT_CUES: Final = frozenset({
    "rioted", "rioting", "torched", "stoned", "looted", "vandalised", "vandalized", "burned",
    "burnt", "blocked", "set", "pelted", "ransacked",
})
# Words that may follow a named actor and belong to its mention ("Taliban fighters").
_TRAILING_HEADS: Final = frozenset({
    "fighters", "militants", "members", "gunmen", "forces", "insurgents", "rebels",
    "militiamen", "militia", "militias", "troops", "soldiers", "jihadists", "terrorists",
    "elements", "operatives", "combatants", "loyalists", "fighter", "militant", "member",
    "personnel", "jawans", "cadres", "activists", "peacekeepers", "suspects", "units",
    "commanders", "commander", "guards", "officers", "police", "policemen", "army",
    "factions", "faction", "brigades", "battalions", "supporters", "cadre", "squads",
    "workers", "activist", "leaders", "leader", "partisans", "followers", "rebel",
    # "the Tropa del Infierno gang", "Los Viagras cartel": the group's own kind of group.
    "gang", "gangs", "cartel",
})

_TRAILING_PAIRS: Final = frozenset({
    ("air", "force"), ("security", "forces"), ("special", "forces"), ("armed", "forces"),
    ("ground", "forces"), ("naval", "forces"),
})

# --- role hints -------------------------------------------------------------------------------

_PASSIVE_AUX: Final = frozenset({"was", "were", "been", "being", "is", "are", "got", "get"})
_SKIP_AFTER: Final = frozenset({
    "reportedly", "allegedly", "also", "later", "then", "subsequently", "again", "all",
    "both", "who", "which", "that", "had", "have", "has", "yesterday", "today", "apparently",
    "mistakenly", "on", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "night", "morning", "evening", "afternoon", "early", "late",
    "last", "week", "first",
})
_IRREGULAR: Final = frozenset({
    "shot", "hit", "slain", "taken", "beaten", "struck", "held", "caught", "fought", "overran",
    "overrun", "burnt", "threw", "blew", "set", "took", "stole", "beat", "drove", "went",
    "attack", "attacks", "kill", "kills", "clash", "clashes", "fire", "fires", "storm",
    "storms", "abduct", "abducts", "kidnap", "kidnaps", "raid", "raids", "protest",
    "protests", "march", "rally", "shell", "shells", "bomb", "bombs", "target", "targets",
    "ambush", "ambushes", "say", "says", "said", "laid", "made", "rode", "came", "tore",
    "began", "led", "fled", "seize", "seizes", "burn", "burns", "loot", "loots",
    "besieged", "stabbed", "hacked", "lynched", "torched", "executed", "beheaded",
})
_PATIENT_BEFORE: Final = frozenset({
    "against", "on", "targeting", "targeted", "at", "upon", "kill", "attack", "shot", "hit",
    "struck", "beat", "beaten", "lynched", "into", "toward", "towards", "disperse", "arrest",
    "detain", "abduct", "kidnap", "target", "ambush", "shoot", "injure", "wound", "rob",
    "free", "release", "rescue", "evacuate", "protect",
})
_SKIP_BEFORE: Final = frozenset({
    "a", "an", "the", "some", "several", "many", "dozens", "hundreds", "thousands", "scores",
    "unarmed", "innocent", "local", "his", "her", "their", "its", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "one", "least", "more", "than",
    "about", "around", "nearly", "almost", "over", "other", "fellow", "young", "elderly",
    "female", "male", "armed", "unknown", "unidentified", "suspected", "off", "duty", "s",
    "dozen", "few", "up", "to", "number", "group", "members", "alleged", "would", "be", "of",
    "dead", "and", "all", "defenceless", "defenseless",
})
_NOT_VERB_ING: Final = frozenset({"during", "including", "following", "morning", "evening",
                                  "building", "according", "regarding", "concerning"})


class _Tok(NamedTuple):
    # A NamedTuple, not a dataclass: tokens are made by the thousand per second.
    start: int
    end: int
    low: str


def _tokenize(sentence: str) -> list[_Tok]:
    """Word tokens with lower-cased text; the original text is sentence[start:end]."""
    lowered = sentence.lower()
    make = _Tok._make
    if len(lowered) == len(sentence):  # false for a few letters, e.g. "İ" lower-cases to two
        return [make((m.start(), m.end(), m.group())) for m in _TOKEN.finditer(lowered)]
    return [make((m.start(), m.end(), m.group().lower())) for m in _TOKEN.finditer(sentence)]


def _joined(sentence: str, toks: Sequence[_Tok], k: int) -> bool:
    """Whether tokens k and k+1 may belong to one alias ("al-Shabaab", "People's")."""
    return _JOIN.fullmatch(sentence, toks[k].end, toks[k + 1].start) is not None


def _is_verbish(word: str) -> bool:
    return word in _IRREGULAR or (len(word) > 4 and word.endswith("ed"))


def _is_ing(word: str) -> bool:
    return len(word) > 5 and word.endswith("ing") and word not in _NOT_VERB_ING


def _role(toks: Sequence[_Tok], i: int, j: int, sentence: str) -> str:
    """Agent/patient from the words around tokens [i, j) (see ActorMention.role_hint).

    In order: after "by" is the agent ("killed by gunmen"); the subject of a passive verb is
    the patient ("villagers were killed"); the object of a verb or of "against"/"on"/
    "targeting" is the patient ("killed 12 villagers"); the subject of an active verb is the
    agent ("gunmen stormed").
    """
    if j < len(toks) and sentence[toks[j - 1].end:toks[j].start] in ("-", "\u2011"):
        return "unknown"  # "Taliban-controlled": a modifier, not a participant
    before = _word_before(toks, i, sentence)
    if before == "by":
        return "agent"
    if before in _COMPOUND_HEADS and i >= 2 and toks[i - 1].low == before and \
            sentence[toks[i - 2].end:toks[i - 1].start] in ("-", "\u2010", "\u2011"):
        before = None  # "the al-Qaeda-linked JNIM": an adjective, not a verb taking an object
    k = j
    while k < len(toks) and k < j + 5 and toks[k].low in _SKIP_AFTER:
        k += 1
    word = toks[k].low if k < len(toks) else None
    following = toks[k + 1].low if k + 1 < len(toks) else None
    if word in _PASSIVE_AUX and following is not None:
        if _is_ing(following):
            return "agent"  # "were protesting", "were attacking"
        if _is_verbish(following):
            return "patient"
    if before is not None and (before in _PATIENT_BEFORE or _is_verbish(before)
                               or _is_ing(before)):
        return "patient"
    if word is not None and (_is_verbish(word) or word in _PROTEST_CUES or word == "opened"):
        return "agent"
    return "unknown"


# Participles that end a hyphenated adjective before a noun ("Iran-backed", "al-Qaeda-linked").
_COMPOUND_HEADS: Final = frozenset({"linked", "backed", "affiliated", "aligned", "allied"})


def _word_before(toks: Sequence[_Tok], i: int, sentence: str) -> str | None:
    """The nearest meaningful word before token i in the same clause (numbers, articles and
    quantifiers skipped), or None."""
    k = i - 1
    while k >= 0:
        gap = sentence[toks[k].end:toks[k + 1].start]
        if any(ch in gap for ch in ",;:()\"\u201c\u201d"):
            return None
        word = toks[k].low
        if word == "least" and k > 0 and toks[k - 1].low == "at":
            k -= 2
            continue
        if word.isdigit() or word in _SKIP_BEFORE:
            k -= 1
            continue
        return word
    return None


# --- recognition ------------------------------------------------------------------------------


def _usable(entry: _Entry, sentence: str, toks: Sequence[_Tok], i: int, j: int,
            country: str | None, year: int) -> bool:
    if entry.exact is not None and \
            tuple(sentence[t.start:t.end] for t in toks[i:j]) != entry.exact:
        return False
    if entry.bound is not None and entry.bound != country:
        return False
    target = entry.target
    if isinstance(target, Actor):
        if target.first_year is not None and year < target.first_year:
            return False
        if target.last_year is not None and year > target.last_year:
            return False
    return True


def _rank(entry: _Entry, country: str | None) -> tuple[int, int, int]:
    """Home-country actors first, then multi-country ones; named before generic; the most
    recent incarnation of a renamed actor (a mission that changed name) last wins."""
    target = entry.target
    if isinstance(target, _Generic):
        return (1, 0, 0)
    home = 3 if target.country == country else 2 if target.country is None else 0
    return (home, 1, target.first_year or 0)


def _qualifier(toks: Sequence[_Tok], i: int, sentence: str,
               dictionary: ActorDictionary) -> tuple[int, tuple[str, ...]] | None:
    """A country named just before token i ("Nigerian troops", "Kenya's police", "US forces"):
    the index of its first token and the countries it may name."""
    end = i
    if end >= 2 and toks[end - 1].low == "s" and \
            sentence[toks[end - 2].end:toks[end - 1].start] in _APOSTROPHES:
        end -= 1
    elif end >= 1 and not sentence[toks[end - 1].end:toks[end].start].isspace():
        return None
    for size in (3, 2, 1):
        start = end - size
        if start < 0 or not all(_joined(sentence, toks, k) for k in range(start, end - 1)):
            continue
        lowered = tuple(t.low for t in toks[start:end])
        found = dictionary.countries_named(lowered) or dictionary.countries_named(
            ("\0", *(sentence[t.start:t.end] for t in toks[start:end])))
        if found:
            return start, found
    return None


def find_actors(
    sentence: str, dictionary: ActorDictionary, country: str | None, event_date: date
) -> list[ActorMention]:
    """The actors a sentence names, in order, with ACLED names for `country` on `event_date`.

    `country` is the event's (document's) country: generic phrases ("gunmen", "villagers")
    take it, and state forces of another country become External/Other forces (inter 8).
    Without a country, generic phrases count only when a demonym names one ("Malian troops").
    Identity labels ("teachers") come as two mentions with the same span: the main actor
    (Civilians, or Protesters/Rioters when they protest/riot) and the label (`assoc_label`).
    Aliases are matched longest first, on word boundaries, left to right without overlap.
    """
    toks = _tokenize(sentence)
    starts = dictionary._trie.children
    mentions: list[ActorMention] = []
    i = 0
    while i < len(toks):
        found = None
        if toks[i].low in starts:
            found = _longest(sentence, toks, i, dictionary, country, event_date.year)
        if found is None:
            i += 1
            continue
        j, entry = found
        made, i = _mention(sentence, toks, i, j, entry, dictionary, country, event_date)
        mentions.extend(made)
    if country is not None and _IDENTITY_CUE.search(sentence):
        mentions = _with_identity_militias(sentence, toks, mentions, dictionary, country,
                                           event_date)
    if country is not None and any(m.inter == 8 for m in mentions):
        mentions = _under_umbrellas(mentions, dictionary, country, event_date)
    if any(m.actor.startswith(_HERDER_MILITIA) for m in mentions):
        mentions = _with_herder_labels(mentions)
    if country is not None and _COMMUNITY_CUE.search(sentence):
        mentions = _with_community_labels(sentence, mentions, dictionary, country, event_date)
    if "affiliated" in sentence or "aligned" in sentence:
        mentions = _with_affiliations(sentence, mentions)
    if "linked" in sentence:
        mentions = _with_links(sentence, mentions)
    if len(mentions) > 1:
        mentions = _units_over_generics(sentence, mentions)
    return mentions


# What may stand between a state's generic word and its unit named as one phrase: "the
# regime's 4th Division", "the police's Special Action Force", "National Guard (GNB)
# officers", "Border Police officers".
_UNIT_BEFORE_GAP: Final = re.compile(r"(?:['\u2019]s)?\s+")
_UNIT_AFTER_GAP: Final = re.compile(r"\)?\s+|\s*\(")


def _units_over_generics(sentence: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """The mentions without a state's generic force ("regime", "police", "officers") named in
    one phrase with a unit of that state: the unit is the actor (codebook §6 names the unit
    after the state forces' years), not a second, unit-less one."""
    units: list[tuple[ActorMention, str]] = []
    for mention in mentions:
        if mention.inter in (1, 8) and not mention.assoc_label and ") " in mention.actor:
            parsed = _parse_state_name(mention.actor)
            if parsed is not None and parsed.unit:
                units.append((mention, parsed.state))
    if not units:
        return mentions

    def absorbed(generic: ActorMention) -> bool:
        if generic.assoc_label or generic.inter not in (1, 8):
            return False
        parsed = _parse_state_name(generic.actor)
        if parsed is None or parsed.unit:
            return False
        for unit, state in units:
            if state != parsed.state:
                continue
            if generic.span[1] <= unit.span[0] and _UNIT_BEFORE_GAP.fullmatch(
                    sentence, generic.span[1], unit.span[0]):
                return True
            if unit.span[1] <= generic.span[0] and _UNIT_AFTER_GAP.fullmatch(
                    sentence, unit.span[1], generic.span[0]):
                return True
        return False

    return [m for m in mentions if not absorbed(m)]


# "Islah-affiliated Special Forces", "GABRIELA-affiliated women": the forces or people are the
# actor, the group they are affiliated with their associated actor (codebook §6).
_AFFILIATED: Final = re.compile(r"[-\u2010\u2011](?:affiliated|aligned)\s+")


def _with_affiliations(sentence: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """The mentions with each "X-affiliated" group turned into a label on the mention it
    qualifies (its words, so that it goes with that actor's side)."""
    result: list[ActorMention] = []
    for mention in mentions:
        gap = _AFFILIATED.match(sentence, mention.span[1])
        owner = next((m for m in mentions if gap is not None and not m.assoc_label
                      and m.span[0] == gap.end() and m.actor != mention.actor), None) \
            if not mention.assoc_label else None
        if owner is None:
            result.append(mention)
        else:
            result.append(ActorMention(mention.actor, mention.inter, owner.span, _LABEL,
                                       owner.role_hint, True))
    return sorted(result, key=lambda m: m.span)


# "the al-Qaeda-linked JNIM", "al-Qaeda-linked militants", "jihadists linked to al-Qaeda":
# a link names the network a group belongs to, not a second actor. ACLED codes the group
# that acted (codebook §6: a network's local branch is its own actor), so the link folds
# into the linked mention.
_LINKED_BEFORE: Final = re.compile(r"[-\u2010\u2011]linked\s+")
_LINKED_AFTER: Final = re.compile(r",?\s+(?:reportedly\s+|allegedly\s+)?linked\s+(?:to|with)\s+"
                                  r"(?:the\s+)?")


def _with_links(sentence: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """The mentions with each "X-linked Y" / "Y linked to X" pair made one actor: Y when Y is
    named, X (with Y's words and role) when Y is only an Unidentified Armed Group."""
    actors = [m for m in mentions if not m.assoc_label]
    dropped: set[int] = set()
    made: dict[int, ActorMention] = {}
    for n, first in enumerate(actors):
        following = next((m for m in actors[n + 1:] if m.span[0] >= first.span[1]), None)
        if following is None:
            continue
        before = _LINKED_BEFORE.match(sentence, first.span[1])
        after = _LINKED_AFTER.match(sentence, first.span[1])
        if before is not None and before.end() == following.span[0]:
            network, group = first, following
        elif after is not None and after.end() == following.span[0]:
            network, group = following, first
        else:
            continue
        if network.inter not in (2, 3) or group.inter not in (2, 3):
            continue  # only armed groups link this way; "police linked to..." stays as is
        dropped.add(id(network))
        if group.actor.startswith(_UAG):
            made[id(group)] = ActorMention(network.actor, network.inter, group.span,
                                           max(group.confidence, network.confidence),
                                           group.role_hint)
    if not dropped:
        return mentions
    return [made.get(id(m), m) for m in mentions if id(m) not in dropped]


# ACLED codes the Fulani militia with the herders it is drawn from as associated actor
# (codebook §6, identity groups): "Fulani Ethnic Militia (Nigeria)" with "Pastoralists
# (Nigeria)".
_HERDER_MILITIA: Final = "Fulani Ethnic Militia ("


def _with_herder_labels(mentions: list[ActorMention]) -> list[ActorMention]:
    """The mentions with a Pastoralists label on each Fulani militia mention's words."""
    result: list[ActorMention] = []
    for mention in mentions:
        result.append(mention)
        if mention.actor.startswith(_HERDER_MILITIA) and not mention.assoc_label:
            where = mention.actor[len(_HERDER_MILITIA):].rstrip(")")
            label = ActorMention(f"Pastoralists ({where})", 7, mention.span, _LABEL,
                                 mention.role_hint, True)
            if label not in mentions:
                result.append(label)
    return result


def _under_umbrellas(mentions: list[ActorMention], dictionary: ActorDictionary,
                     country: str, on: date) -> list[ActorMention]:
    """Foreign state forces that fight in `country` under an operation are that operation,
    with the state force kept as an identity label for the associated actor (codebook §6)."""
    result: list[ActorMention] = []
    for mention in mentions:
        parsed = _parse_state_name(mention.actor) if mention.inter == 8 else None
        operation = dictionary.umbrella(country, parsed.state, on) if parsed else None
        if operation is None or mention.assoc_label:
            result.append(mention)
            continue
        result += [ActorMention(operation[0], operation[1], mention.span, mention.confidence,
                                mention.role_hint),
                   ActorMention(mention.actor, mention.inter, mention.span, _LABEL,
                                mention.role_hint, True)]
    return result


# Named identity militias the dictionary cannot list (codebook §5 inter 4, §6 naming): a
# community, clan or tribe named before the kind of group ("Hawadle clan militia", "Bani Ali
# tribesmen", "Umumbo and Omor communal militias", "militias from the X and Y clans").
_ID_WORD: Final = r"[A-Z][\w'\u2019]*(?:-[A-Za-z][\w'\u2019]*)*"
_ID_NAMES: Final = rf"{_ID_WORD}(?: {_ID_WORD}){{0,3}}"
_ID_KIND: Final = (r"(?i:(?P<kind>sub-clan|clan|tribal|communal|community|ethnic)\s+"
                   r"(?:militias?|militiamen|militia members|fighters|gunmen)"
                   r"|(?P<group>tribesmen|clans|tribes|communities|clansmen)\b)")
_IDENTITY: Final = re.compile(
    rf"\b(?P<first>{_ID_NAMES})(?: and (?:the )?(?P<second>{_ID_NAMES}))?\s+{_ID_KIND}"
    rf"|\b(?i:militias?|militiamen) from (?:the )?(?P<first2>{_ID_NAMES})"
    rf"(?: and (?:the )?(?P<second2>{_ID_NAMES}))?(?:\s+(?P<group2>clans|tribes|communities))?")
_IDENTITY_CUE: Final = re.compile(
    r"(?i:clan|tribes|tribal|tribesmen|communal|community|communities|ethnic|militias? from)")
_ID_SUFFIX: Final[Mapping[str, str]] = {
    "sub-clan": "Sub-Clan Militia", "clan": "Clan Militia", "clans": "Clan Militia",
    "clansmen": "Clan Militia", "tribal": "Tribal Militia", "tribesmen": "Tribal Militia",
    "tribes": "Tribal Militia", "communal": "Communal Militia", "community": "Communal Militia",
    "communities": "Communal Militia", "ethnic": "Ethnic Militia",
}
# Capitalised words that open a sentence or a phrase, not a community's name.
_NOT_A_NAME: Final = frozenset({
    "on", "in", "the", "a", "an", "two", "three", "armed", "local", "rival", "unidentified",
    "unknown", "suspected", "some", "several", "both", "government", "pro", "anti", "and",
    "around", "at", "as", "reported", "presumed", "alleged", "other", "their", "its", "his",
    "this", "these", "those", "islamist", "islamic", "opposition", "rebel", "militia",
    "feuding", "warring", "opposing", "neighbouring", "neighboring",
})


def _with_identity_militias(sentence: str, toks: Sequence[_Tok],
                            mentions: list[ActorMention], dictionary: ActorDictionary,
                            country: str, on: date) -> list[ActorMention]:
    """The mentions with named identity militias added; they replace the generic mentions
    ("clan militia" -> Unidentified Clan Militia) found on the same words."""
    found: list[ActorMention] = []
    for match in _IDENTITY.finditer(sentence):
        kind = (match["kind"] or match["group"] or match["group2"] or "communal").lower()
        for key in ("first", "second", "first2", "second2"):
            name = _community_name(match[key], dictionary)
            if name is None:
                continue
            span = match.span(key)
            # The kind words close the last name's mention; an earlier name's is its own.
            end = match.end() if key == "second" or (key == "first" and not match["second"]) \
                else span[1]
            i = next(k for k, t in enumerate(toks) if t.start >= span[0])
            j = next((k for k, t in enumerate(toks) if t.start >= match.end()), len(toks))
            # A community the dictionary knows keeps its dictionary name ("Dabarre" alone in
            # "Geledle and Dabarre sub-clan militia" is still the Dabarre militia).
            known = _alias_actor(dictionary, f"{name} {_ID_SUFFIX[kind]}", country, on) or \
                dictionary.identity_militia(name, country, on)
            full = known or (f"{name} {_ID_SUFFIX[kind]} ({country})", 4)
            found.append(ActorMention(full[0], full[1], (span[0], end), _GENERIC,
                                      _role(toks, i, j, sentence)))
    if not found:
        return mentions

    def overlaps(a: ActorMention, b: ActorMention) -> bool:
        return a.span[0] < b.span[1] and b.span[0] < a.span[1]

    named = [m for m in mentions if not m.actor.startswith("Unidentified")]
    kept = [m for m in mentions if not (m.actor.startswith("Unidentified")
                                        and any(overlaps(m, f) for f in found))]
    kept += [f for f in found if not any(overlaps(f, m) for m in named)]
    return sorted(kept, key=lambda m: m.span)


def _alias_actor(dictionary: ActorDictionary, alias: str, country: str,
                 on: date) -> tuple[str, int] | None:
    """The (name, inter) of the named actor an exact alias stands for here, if any."""
    node: _Node | None = dictionary._trie
    for token in _tokens(alias):
        node = node.children.get(token.lower()) if node is not None else None
    if node is None:
        return None
    usable = [e for e in node.entries if isinstance(e.target, Actor) and e.exact is None
              and e.bound in (None, country)
              and (e.target.first_year is None or e.target.first_year <= on.year)
              and (e.target.last_year is None or on.year <= e.target.last_year)]
    if not usable:
        return None
    best = max(usable, key=lambda e: _rank(e, country)).target
    assert isinstance(best, Actor)  # filtered above; mypy cannot carry it through max()
    return dictionary.resolve(best, on, country)


def _community_name(text: str | None, dictionary: ActorDictionary) -> str | None:
    """A community's name from the matched words, or None for words that name no community
    (sentence openers, a country or its people: "Somali clan militia")."""
    if not text:
        return None
    words = text.split(" ")
    while words and words[0].lower() in _NOT_A_NAME:
        words = words[1:]
    if not words or dictionary.countries_named(tuple(w.lower() for w in words)):
        return None
    return " ".join(words)


def _longest(sentence: str, toks: Sequence[_Tok], i: int, dictionary: ActorDictionary,
             country: str | None, year: int) -> tuple[int, _Entry] | None:
    """The longest alias starting at token i that is usable here, with its best entry."""
    node = dictionary._trie
    ends: list[tuple[int, list[_Entry]]] = []
    j = i
    while j < len(toks):
        if j > i and _ALIAS_JOIN.fullmatch(sentence, toks[j - 1].end, toks[j].start) is None:
            break
        child = node.children.get(toks[j].low)
        if child is None:
            break
        node = child
        j += 1
        if node.entries:
            ends.append((j, node.entries))
    for end, entries in reversed(ends):
        usable = [e for e in entries if _usable(e, sentence, toks, i, end, country, year)]
        if usable:
            return end, max(usable, key=lambda e: _rank(e, country))
    return None


def _mention(sentence: str, toks: Sequence[_Tok], i: int, j: int,
             entry: _Entry, dictionary: ActorDictionary, country: str | None,
             on: date) -> tuple[list[ActorMention], int]:
    """The mentions an alias match at tokens [i, j) makes, and the token to go on from."""
    target = entry.target
    if i > 0 and toks[i - 1].low in ("anti", "pro", "non", "ex") and \
            sentence[toks[i - 1].end:toks[i].start] in ("-", "\u2010", "\u2011"):
        return [], j  # "anti-Taliban", "pro-government": not the actor itself
    if isinstance(target, Actor):
        return _named(sentence, toks, i, j, entry, target, dictionary, country, on)
    qualified = _qualifier(toks, i, sentence, dictionary)
    if target.needs_qualifier and qualified is None:
        return [], j
    if target.kind in _KIND_PREFIX and i > 0 and toks[i - 1].low in ("former", "ex"):
        return [], j  # "former government soldiers" are not the state forces of the day
    if qualified is None and j == i + 1 and toks[i].low == "military" and j < len(toks) and \
            toks[j].low in _MILITARY_THINGS and sentence[toks[i].end:toks[j].start].isspace():
        # "a military vehicle belonging to the QSD", "gunmen in military uniform": a thing,
        # not the state's forces (7 of 8 dev notes with a bare "military vehicle" code no
        # forces of the country; the owner is named elsewhere).
        return [], j
    start = qualified[0] if qualified else i
    where = _pick_country(qualified[1], country) if qualified else country
    also: tuple[str, ...] = ()
    allied = False
    if qualified is not None and target.kind in _KIND_PREFIX and \
            (first := _paired_qualifier(toks, qualified[0], sentence, dictionary)) is not None:
        # "Turkish and Russian forces": one noun, two states' forces, the first named first.
        start, also = first[0], (_pick_country(qualified[1], country),)
        where = _pick_country(first[1], country)
        also = () if also == (where,) else also
        # Allies acting together are one side, the second state its associated actor
        # (codebook §6); forces that clash with each other are the two sides.
        allied = not any(t.low in _MUTUAL_VERBS for t in toks[j:j + 4])
    if target.kind in _KIND_PREFIX and qualified is None and \
            (named := _of_country(toks, j, sentence, dictionary)) is not None:
        # "military forces of Armenia", "the police of Kenya": the state comes after.
        j, where = named[0], _pick_country(named[1], country)
        qualified = (start, named[1])
        if j + 1 < len(toks) and toks[j].low == "and" and \
                (second := _country_at(toks, j + 1, sentence, dictionary)) is not None:
            # "military forces of India and Pakistan": one phrase, two states' forces.
            j, also = second[0], second[1][:1]
    if where is None:
        return [], j
    confidence = max(target.confidence, _QUALIFIED) if qualified else target.confidence
    span = (toks[start].start, toks[j - 1].end)
    role = _role(toks, start, j, sentence)
    if target.kind in _KIND_PREFIX:
        made = []
        for state in (where, *also):
            name = dictionary.state_force(state, target.kind, on, target.unit)
            # The regime's state actor (the Taliban) is state forces of its own country too.
            inter = 8 if country and state != country else 1
            label = allied and state != where
            made.append(ActorMention(name, inter, span, _LABEL if label else confidence, role,
                                     label))
        return made, j
    if j < len(toks) and toks[j].low in _PLACE_HEADS:
        return [], j  # "a refugee camp", "the students' hostel": a place, not its people
    if qualified is None and target.assoc == "Refugees/IDPs" and toks[i].low in _FOREIGNERS \
            and not _proper_before(toks, i, sentence):
        # Refugees of no stated nationality are foreigners of several: ACLED writes them
        # "(International)" (Civilians/Protesters and the Refugees/IDPs label alike); the
        # displaced of the country itself (IDPs) keep its name.
        where = "International"
    return _people_mentions(sentence, toks, i, j, target, where, span, confidence, role,
                            on), j


# Verbs after "X and Y forces" that make the two states' forces opponents, not allies.
_MUTUAL_VERBS: Final = frozenset({
    "clashed", "clash", "clashes", "fought", "fight", "exchanged", "traded", "skirmished",
})

# People words that name foreigners when no nationality qualifies them.
_FOREIGNERS: Final = frozenset({"refugees", "refugee", "asylum"})


def _proper_before(toks: Sequence[_Tok], i: int, sentence: str) -> bool:
    """Whether a capitalised word right before token i qualifies it ("Rohingya refugees")."""
    if i == 0 or not sentence[toks[i - 1].end:toks[i].start].isspace():
        return False
    word = sentence[toks[i - 1].start:toks[i - 1].end]
    return word[:1].isupper() and i - 1 > 0 and toks[i - 1].low not in _SKIP_BEFORE


# Things a bare "military" may describe without naming the state's forces.
_MILITARY_THINGS: Final = frozenset({
    "vehicle", "vehicles", "uniform", "uniforms", "fatigues", "medical", "hospital",
    "equipment", "hardware", "court", "courts", "tribunal", "truck", "trucks",
})


# Head words that may follow a generic state phrase before "of {State}" ("military forces of").
_STATE_HEADS: Final = frozenset({"forces", "force", "troops", "personnel", "units", "soldiers"})


def _of_country(toks: Sequence[_Tok], j: int, sentence: str,
                dictionary: ActorDictionary) -> tuple[int, tuple[str, ...]] | None:
    """A country named right after a generic state phrase ("forces of Armenia"): the token
    after its name and the countries it may name."""
    k = j + 1 if j < len(toks) and toks[j].low in _STATE_HEADS else j
    if k >= len(toks) or toks[k].low != "of":
        return None
    return _country_at(toks, k + 1, sentence, dictionary)


def _country_at(toks: Sequence[_Tok], k: int, sentence: str,
                dictionary: ActorDictionary) -> tuple[int, tuple[str, ...]] | None:
    """A country named from token k on ("the" skipped): the token after it and the countries
    it may name."""
    k += 1 if k < len(toks) and toks[k].low == "the" else 0
    for size in (3, 2, 1):
        end = k + size
        if end > len(toks) or not all(_joined(sentence, toks, m) for m in range(k, end - 1)):
            continue
        if not sentence[toks[k].start:toks[k].start + 1].isupper():
            return None
        found = dictionary.countries_named(tuple(t.low for t in toks[k:end]))
        if found:
            return end, found
    return None


def _paired_qualifier(toks: Sequence[_Tok], start: int, sentence: str,
                      dictionary: ActorDictionary) -> tuple[int, tuple[str, ...]] | None:
    """A second country joined by "and" before the one qualifying a state noun ("Turkish and
    Russian forces" -> Turkish): its first token and the countries it may name."""
    if start < 2 or toks[start - 1].low != "and" or \
            not sentence[toks[start - 1].end:toks[start].start].isspace():
        return None
    return _qualifier(toks, start - 1, sentence, dictionary)


def _pick_country(options: tuple[str, ...], country: str | None) -> str:
    return country if country in options else options[0]


def _faction(sentence: str, toks: Sequence[_Tok], i: int, j: int, name: str) -> str | None:
    """ "Raia Mutomboki-Lukoba": ACLED's name of a faction of a movement it names in brackets
    ("Mayi Mayi Militia (Raia Mutomboki)" -> "Mayi Mayi Militia (Raia Mutomboki-Lukoba)"), when
    the alias written is that bracketed name and a capitalised leader's name is hyphened on."""
    if not name.endswith(")") or "(" not in name or j >= len(toks) or \
            sentence[toks[j - 1].end:toks[j].start] not in ("-", "\u2011") or \
            not sentence[toks[j].start].isupper():
        return None
    inner = name[name.rindex("(") + 1:-1]
    if tuple(t.lower() for t in _tokens(inner)) != tuple(t.low for t in toks[i:j]):
        return None
    return f"{name[:-1]}-{sentence[toks[j].start:toks[j].end]})"


def _named(sentence: str, toks: Sequence[_Tok], i: int, j: int,
           entry: _Entry, actor: Actor, dictionary: ActorDictionary, country: str | None,
           on: date) -> tuple[list[ActorMention], int]:
    if (faction := _faction(sentence, toks, i, j, actor.name)) is not None:
        actor = replace(actor, name=faction)
        j += 1
    if j < len(toks) and toks[j].low in _TRAILING_HEADS and \
            sentence[toks[j - 1].end:toks[j].start].isspace():
        j += 1  # "Taliban fighters", "M23 rebels"
    elif j + 1 < len(toks) and (toks[j].low, toks[j + 1].low) in _TRAILING_PAIRS and \
            sentence[toks[j - 1].end:toks[j].start].isspace():
        j += 2  # "GNA air force", "Houthi security forces": one actor, not two
    name, inter = dictionary.resolve(actor, on, country)
    role = _role(toks, i, j, sentence)
    confidence = entry.confidence
    if role == "unknown" and j < len(toks) and \
            sentence[toks[j - 1].end:toks[j].start] in ("-", "\u2011"):
        confidence *= _MODIFIER_FACTOR  # "Taliban-controlled area"
    end = toks[j - 1].end
    if sentence.startswith(")", end) and sentence.count("(", toks[i].start, end) > sentence.count(
            ")", toks[i].start, end):
        end += 1  # "CPI(M)": the alias's closing bracket is part of the name
    span = (toks[i].start, end)
    if (parent := dictionary.parent(actor, on, country)) is not None:
        # A unit coded under a larger actor: the actor, with the unit as its associated actor.
        return [ActorMention(parent[0], parent[1], span, confidence, role),
                ActorMention(name, inter, span, _LABEL, role, True)], j
    return [ActorMention(name, inter, span, confidence, role)], j


def _people_mentions(sentence: str, toks: Sequence[_Tok], i: int, j: int, target: _Generic,
                     where: str, span: tuple[int, int], confidence: float, role: str,
                     on: date) -> list[ActorMention]:
    label, inter = target.label, target.inter
    if target.kind == "herders":
        herders = ActorMention(f"Pastoralists ({where})", 7, span, _LABEL, role, True)
        if role == "patient" or (where not in _FULANI_COUNTRIES and role != "agent"):
            # Herders as victims are civilians; the label keeps who they were.
            return [ActorMention(f"Civilians ({where})", 7, span, _GENERIC, role), herders]
        if where not in _FULANI_COUNTRIES:
            # Herders who attack are an armed communal group (codebook §5 inter 4), still
            # labelled as herders.
            return [ActorMention(f"Unidentified Communal Militia ({where})", 4, span, _WEAK,
                                 role), herders]
        return [ActorMention(f"Fulani Ethnic Militia ({where})", 4, span, confidence, role)]
    if target.assoc is not None:
        # People who riot or protest are that crowd; the object of "looted" is its victim,
        # so for an object only the words after it count ("teachers demonstrating"). The
        # words after count only up to the clause's end: in "killed 20 people, including
        # women and children, and burned homes" the burning is the killers', not a crowd's.
        nearby = {t.low for t in toks[j:_clause_end(toks, j, j + 4, sentence)]}
        if role != "patient":
            nearby |= {t.low for t in toks[max(0, i - 2):i]}
        if nearby & _RIOT_CUES:
            label, inter = "Rioters", 5
        elif nearby & _PROTEST_CUES:
            label, inter = "Protesters", 6
    mentions = [ActorMention(f"{label} ({where})", inter, span, confidence, role)]
    if inter in (5, 6, 7) and target.assoc != "Women" and i > 0 and \
            toks[i - 1].low in _FEMALE:
        # "female IDPs", "women farmers": the victims' gender is recorded too (§6).
        mentions.append(ActorMention(f"Women ({where})", 7, span, _LABEL, role, True))
    if inter in (5, 6, 7) and i > 0 and (faith := _FAITHS.get(toks[i - 1].low)) is not None:
        # "a Muslim shopkeeper": a religious identity group is an associated actor (§6).
        mentions.append(ActorMention(f"{faith} ({where})", 7, span, _LABEL, role, True))
    if target.assoc is not None:
        assoc = target.assoc
        if assoc == "Taxi Drivers" and where not in _AFRICA:
            assoc = "Labor Group"
        elif assoc == "Labor Group" and _at_site(toks, i, j, _HEALTH_SITES):
            assoc = "Health Workers"  # "workers of the district hospital" (codebook §6)
        elif assoc == "Labor Group" and _at_site(toks, i, j, _FARMS):
            assoc = "Farmers"  # "workers of a tea plantation" (codebook §6)
        if assoc == "Labor Group" and on.year < 2023:
            assoc = "Labour Group"  # the spelling of ACLED's pre-2023 exports
        mentions.append(ActorMention(f"{assoc} ({where})", inter, span, _LABEL, role, True))
    return mentions


def _clause_end(toks: Sequence[_Tok], j: int, limit: int, sentence: str) -> int:
    """The index (at most `limit`) of the first token after j that a comma, semicolon or
    colon separates from the token before it."""
    end = min(limit, len(toks))
    for k in range(max(j, 1), end):
        gap = sentence[toks[k - 1].end:toks[k].start]
        if "," in gap or ";" in gap or ":" in gap:
            return k
    return end


def _at_site(toks: Sequence[_Tok], i: int, j: int, sites: frozenset[str]) -> bool:
    """Whether workers are a site's: "hospital workers", "employees of the civil hospital"
    (a site word just before them, or within six words after "of")."""
    if any(t.low in sites for t in toks[max(0, i - 2):i]):
        return True
    return j < len(toks) and toks[j].low in _OF_WORDS and \
        any(t.low in sites for t in toks[j + 1:j + 7])


# Civilians or a crowd of a named community: "civilians from the Abgal clan", "residents of
# the Mallah community", "Saand community residents". ACLED records the community as an
# associated actor named like its militia, "{Name} {Kind} Group ({Country})" (codebook §6
# identity groups): "Hawiye-Abgal Sub-Clan Group (Somalia)", "Subaihi Tribal Group (Yemen)".
_COMMUNITY_CUE: Final = re.compile(r"(?i:clan|tribe|communit|ethnicity)")
_COMMUNITY_KIND: Final = (r"(?i:(?P<kind>sub-clan|clan|tribe|community|ethnic group)"
                          r"(?: group)?)\b")
_COMMUNITY: Final = re.compile(
    rf"\b(?i:from|of|belonging to)\s+(?:the\s+)?(?:same\s+)?(?P<name>{_ID_NAMES})\s+"
    rf"{_COMMUNITY_KIND}"
    rf"|\b(?P<name2>{_ID_NAMES})\s+(?i:(?P<kind2>community|tribe|clan|sub-clan))\s+"
    rf"(?=(?i:residents|members|civilians|elders?|people|youths|villagers|women)\b)")
_COMMUNITY_GROUP: Final[Mapping[str, str]] = {
    "sub-clan": "Sub-Clan Group", "clan": "Clan Group", "tribe": "Tribal Group",
    "community": "Communal Group", "ethnic group": "Ethnic Group",
}
# The people word a community phrase qualifies, next to it: "civilians from the X clan".
_OF_COMMUNITY_GAP: Final = re.compile(r"\s*(?:,\s*)?(?:mainly\s+|mostly\s+)?$")


def _with_community_labels(sentence: str, mentions: list[ActorMention],
                           dictionary: ActorDictionary, country: str,
                           on: date) -> list[ActorMention]:
    """The mentions with a community label on the people it qualifies (their words, so
    that the label goes with their side), or on its own words when no people are named."""
    people = [m for m in mentions if m.inter in (5, 6, 7) and not m.assoc_label]
    added: list[ActorMention] = []
    for match in _COMMUNITY.finditer(sentence):
        key = "name" if match["name"] else "name2"
        name = _community_name(match[key], dictionary)
        if name is None:
            continue
        kind = (match["kind"] or match["kind2"]).lower()
        label = _community_label(name, kind, dictionary, country, on)
        start = match.start() if key == "name" else match.start(key)
        owner = next((m for m in reversed(people) if m.span[1] <= start
                      and _OF_COMMUNITY_GAP.fullmatch(sentence, m.span[1], start)), None) \
            if key == "name" else next((m for m in people if m.span[0] >= match.end() - 1
                                        and m.span[0] - match.end() <= 1), None)
        span = owner.span if owner is not None else match.span()
        role = owner.role_hint if owner is not None else "unknown"
        added.append(ActorMention(label, 7, span, _LABEL, role, True))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: m.span)


def _community_label(name: str, kind: str, dictionary: ActorDictionary, country: str,
                     on: date) -> str:
    """ACLED's name for a community: its known militia's lineage name with "Group" for
    "Militia" ("Abgal" -> "Hawiye-Abgal Sub-Clan Group"), else "{Name} {Kind} Group"."""
    for suffix in ("clan militia", "militia"):
        known = _alias_actor(dictionary, f"{name} {suffix}", country, on)
        if known is not None and (found := _IDENTITY_MILITIA.match(
                known[0].removesuffix(f" ({country})"))) is not None:
            militia_kind = found[0][len(found["base"]) + 1:].removesuffix(" Militia")
            return f"{found['base']} {militia_kind} Group ({country})"
    return f"{name} {_COMMUNITY_GROUP[kind]} ({country})"
