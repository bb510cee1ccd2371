"""Find the places ("where") of a sentence in a loaded gazetteer: pure lookup, no I/O.

Only capitalised spans are looked up: GeoNames has a place called "Taliban", one called
"Valley" and one called "Said", so lower-case words and a stoplist of frequent capitalised
non-places are never tried.

Admin units written after a place ("Harbole village (Afmadow, Lower Juba)", "near Taramchuk,
Donetsk", "in Nirkh district, Wardak") only qualify it: they fill its admin1-admin3, pick the
namesake in that province, and a place no gazetteer knows is returned as written
(``Place.source == "text"``, with NaN coordinates: nothing is made up). So do chains of
units ("in X village, Y Township, Z District, W State": admin3, admin2, admin1) and state
abbreviations the admin1 seeds list ("(Malappuram, KL)"). `find_unknown_places(loose=True)`
also offers any unknown capitalised name after "in/at/near", for a sentence that names no
known place: in ACLED's notes that is most often the village the event happened in.
GeoNames places get ACLED's conventions on top: the text's spelling, and admin2 (admin3 where
units are named after their seats) = the town's own name for likely district seats.

The place the text names most precisely wins over the places that only locate it: "the
village of X in the countryside of Y", "X, Y municipality", "X region of Z", "X police
station area (...)", a strategic site or a big city's zone ("Donetsk Airport", "the North
Zone of Rio de Janeiro"). A sentence about a named front line ("OSCE SMM", "Donbas") puts
its villages in the front's provinces (`_THEATRES`): the namesake there, nearest their
capitals, else the name as written in that province.

What the team's own events teach (learned places, `Gazetteer.add`) is used as the team codes
it: the learned place spelled as the text writes it, a town under the team's name for it, a
city's parts ("Beirut-Saifi"), the place a district's events are coded at.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Final

from coder.engine.gazetteer import (
    LOOSE_SIMILARITY,
    Gazetteer,
    Place,
    distance_km,
    normalise,
    spelling_similarity,
)

MAX_TOKENS: Final = 4

# Arabic articles a name may carry joined ("al-Bab", "ash-Shaddadi") or a text may leave out
# of a name the gazetteer writes with one ("Hoceima" for Al Hoceima).
_NAME_ARTICLES: Final = ("al", "el", "ad", "ar", "as", "ash", "at", "an", "az")
_ARTICLE_ALT: Final = "|".join(_NAME_ARTICLES)
# A word, with an optional Arabic article written lower-case ("al-Bab", "ash-Shaddadi").
_TOKEN = re.compile(rf"(?:(?:{_ARTICLE_ALT})-)?[^\W\d_][\w'\u2019-]*", re.UNICODE)
_ARTICLE = re.compile(rf"(?:{_ARTICLE_ALT})-[A-Z]")
# A capitalised name word, with an optional joined article.
_NAME: Final = rf"(?:(?:{_ARTICLE_ALT})-)?[A-Z][\w'\u2019-]*"
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# Lower-case words that may sit inside a name: "Dera Ismail Khan", "Bosnia and Herzegovina".
# Portuguese and Romanian names join with "do", "da", "dos", "das", "sub" ("Catole do Rocha"),
# Spanish with "los", "las" ("Leon de los Aldama"), Dari and Persian with "i", "e" and "wa"
# ("Qala i Naw", "Kut e Abdollah", "Keran wa Menjan"), Arabic with its assimilated articles
# ("Qaryat ar Rahbah").
_CONNECTORS: Final = frozenset(
    {"al", "el", "de", "del", "du", "des", "la", "le", "of", "and", "bin",
     "da", "do", "dos", "das", "sub", "los", "las", "i", "e", "wa", "ar", "ad", "ash", "az"}
)
# Gap between two tokens of one name: spaces, or a spaced dash ("Mogadishu - Hodan").
_JOIN = re.compile(r"\s{1,2}|\s?[-\u2013]\s?")


def _keys(text: str, sep: str | None = None) -> frozenset[str]:
    return frozenset(normalise(word) for word in text.split(sep) if word.strip())


STOP: Final = _keys(
    """Taliban; Islamic State; Islamic Emirate; Al Shabaab; Al-Shabaab; Shabaab; Boko Haram;
    ISWAP; ISIS; ISIL; IS; Daesh; NRF; National Resistance Front; Resistance; Front; Army; Police;
    Military; Forces; Government; Ministry; Minister; President; Prime; Governor; Commander;
    General; Colonel; Captain; Major; Spokesman; Spokesperson; Officials; Official; Security;
    Mr; Mrs; Ms; Dr; Sheikh; Mullah; Chief; Deputy; Leader; Reuters; AFP; AP; BBC; Al Jazeera;
    UN; United Nations; NATO; EU; African Union; AU; AMISOM; ATMIS; MONUSCO; Red Cross; ICRC;
    God; Allah; Muslim; Muslims; Christian; Christians; Eid; Ramadan; Friday Prayers;
    Monday; Tuesday; Wednesday; Thursday; Friday; Saturday; Sunday; January; February; March;
    April; May; June; July; August; September; October; November; December;
    North; South; East; West; Northern; Southern; Eastern; Western; Central; Upper; Lower; New;
    District; Province; State; Region; City; Town; Village; Valley; County; Governorate;
    Municipality; Municipio; Department; Commune; Prefecture; Township;
    The; A; An; In; On; At; Of; And; Said; Told; Media; News; Press; Agency; Twitter""",
    ";",
)
# Words of institutions' and buildings' names ("Padma Bridge", "Chamber of Commerce",
# "Supreme Court"): GeoNames has hamlets called Bridge, Commerce or Court, but a text
# naming one of these words alone means the institution, not a town of that name. The one
# list of them: document.py's country vote may import it.
INSTITUTION_WORDS: Final = frozenset({
    "academy", "airport", "all", "assembly", "authority", "avenue", "bank", "banks",
    "barracks", "bridge", "building", "camp", "cathedral", "center", "centre", "chamber",
    "church", "clinic", "club", "college", "commerce", "commission", "committee", "company",
    "consulate", "council", "court", "education", "embassy", "factory", "federation", "force",
    "forces", "four", "hall", "headquarters", "health", "hospital", "hotel", "house",
    "institute", "justice", "labor", "labour", "maritime", "market", "ministry", "mosque",
    "museum", "national", "office", "oil", "one", "palace", "park", "parliament", "party",
    "police", "prison", "road", "school", "secretariat", "security", "square", "stadium",
    "station", "street", "supreme", "temple", "three", "tower", "tree", "two", "union",
    "university", "war", "white",
})
# An all-capitals word: GeoNames lists codes and abbreviations among alternate names.
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}")
_ARTICLES: Final = _keys("al el ar ad ash az")
# Frequent sentence openers that are also place names somewhere ("Police", "Many", "Clashes").
_OPENERS: Final = _keys(
    """after also although as at before but by clashes during earlier fighting following for
    from he her his however if in it its later local many meanwhile more most no on one other
    over residents several she since some that the their there these they this those thousands
    two under unidentified until when while witnesses with yesterday"""
)
_TITLES: Final = _keys(
    """mr mrs ms dr president general gen commander governor minister spokesman spokesperson
    leader sheikh mullah colonel col captain capt lieutenant lt major chief deputy"""
)
_SPEECH = re.compile(r"\s+(?:said|says|told|added|stated|announced|warned)\b")
_ADMIN_WORD = re.compile(r"\s+(?:province|state|region|governorate|oblast|prefecture)s?\b", re.I)
# "in Kabul, Ghor, Laghman, and Balkh provinces", "between Chihuahua and Sonora states": each
# name of the list is a province (codebook §7: precision 3), not its namesake city.
_ADMIN_LIST = re.compile(
    r"(?:\s*,\s*(?:(?:and|or)\s+)?NAME|\s+(?:and|or|&)\s+NAME){1,6}"
    r"\s+(?i:provinces|states|regions|governorates|oblasts|prefectures)\b"
    .replace("NAME", r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2}"))
# "Aydin Governorship banned ... in the province", "Hakkari Governor's Office extended the
# ban ... in the province": a governor who acts for "the province" is its governor (a
# district's governorship speaks for the district, `_AREA_WORD`).
_GOVERNOR = re.compile(
    r"\s+(?:governorship|governor(?:['\u2019]s)?\s+office)\b(?=.*\bthe\s+province\b)",
    re.I | re.S)
# "in the province of Salta": the unit's word before its name.
_ADMIN_BEFORE = re.compile(
    r"\b(?:province|state|governorate|oblast|prefecture)\s+of\s+(?:the\s+)?$", re.I)


def _names_province(sentence: str, span: _Span) -> bool:
    """Whether the words around the span call it a province ("Balkh province", "in the
    province of Salta", "Ghor, Laghman, and Balkh provinces")."""
    return (_ADMIN_WORD.match(sentence, span.end) is not None
            or _ADMIN_LIST.match(sentence, span.end) is not None
            or _GOVERNOR.match(sentence, span.end) is not None
            or _ADMIN_BEFORE.search(sentence, max(0, span.start - 24), span.start) is not None)


# A district-level unit or a front line after the name: the place stands for a part of a
# region (codebook §7, geo_precision 2); on the ACLED dev notes "X sector", "X municipality",
# "X commune", "X subdivision", "X taluka", "X front" are coded 2 nearly always.
# Also after another name in brackets ("Shinwar (Ghani Khel) district"); a district's
# "governorship" (Turkey) speaks for the district.
_AREA_WORD = re.compile(
    r"(?:\s*\([^()]{1,40}\))?"
    r"\s+(?:district(?!\s+cent(?:er|re))|area|county|territory|lga|zone|municipality|commune|"
    r"sector|front(?:line)?s?|"
    r"upazila|township|countryside|subdivision|taluka?|tehsil|desert|governorship)\b",
    re.I,
)
# "the Halwadaag area of Belet Weyne town": a part of the town (§7: the town itself, 1).
_CITY_WORD = re.compile(r"\s+(?:city|town)\b", re.I)
_VALLEY_WORD = re.compile(r"\s+(?:valley|forest|mountains?|hills|river|lake)\b", re.I)
# geo_precision 2 (codebook §7): "near" a town, or a small area represented by it. The
# outskirts count as the town itself (1), so "outskirts of" is deliberately absent.
# "in the vicinity of X" is absent: ACLED's notes write it of the place itself (dev notes:
# precision 1 in two of three).
_NEAR = re.compile(
    r"(?:\bnear(?:by)?(?: the (?:city|town|village) of)?|\bclose to|\baround|\boutside(?: of)?"
    r"|\bkm (?:from|of)"
    r"|\bkilomet(?:re|er)s? (?:from|of)|\bmiles? (?:from|of)"
    r"|\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of"
    r"|\bvillages (?:around|near|of|in)|\bvillage (?:around|near)|\bsurroundings of"
    r"|\barea of|\bbetween|\brural"
    # "the Municipality of Trancoso" is "Trancoso municipality": the unit, not the town
    r"|\b(?:municipality|municipio|district|county|commune|township|upazila) of"
    r"|\bcountryside of"
    # "the road that connects Frontera to Villahermosa": on the road, near each town (§7: 2)
    r"|\b(?:road|highway)s?\s+(?:that\s+)?(?:connects?|connecting|links?|linking)"
    r"(?:\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3}\s+(?:to|and|with))?"
    r"|\b(?:area|areas|villages)\s+surrounding)\s+(?:the\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PlaceEvidence:
    """A place found in a sentence, how precisely it is known, and where it was read."""

    place: Place
    geo_precision: int  # codebook §7: 1 the place itself, 2 near it / part of a region, 3 region
    span: tuple[int, int]  # characters of the sentence naming the place
    confidence: float


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    key: str
    first: bool  # the sentence's first word
    partial: bool  # a shorter piece of a longer capitalised run
    inner: bool = False  # starts inside a capitalised run ("Bridge" of "Padma Bridge")


def find_places(sentence: str, gazetteer: Gazetteer, country: str | None) -> list[PlaceEvidence]:
    """Return the places named in ``sentence``, in text order.

    ``country`` is the document's country (metadata first); without it the country named in
    the sentence is used. An admin1 that only qualifies a finer place in the same sentence
    ("in Rukha, Panjshir province") is not returned on its own, nor are the admin units in
    "X village (A, B)": X is returned with them (see the module docstring). A place of
    source "text" has NaN coordinates.
    """
    runs = _runs(sentence)
    if country is None and (named := _country_in(sentence, runs, gazetteer)) is not None:
        country = named[0]
    hits = [
        (span, candidates)
        for span in _spans(sentence, runs, gazetteer)
        if (candidates := _candidates(sentence, span, gazetteer, country))
        and not (country and (span.partial or span.inner or _compass(span.key))
                 and all(p.country != country for p in candidates))
    ]
    if country:
        hits = [_whole_name(sentence, span, cands, runs, gazetteer, country)
                for span, cands in hits]
    # The provinces the sentence names, as a province or as its namesake city ("in
    # Manzanillo, Colima"): a homonym in another province is then likely the wrong place.
    context = {
        p.admin1
        for span, cands in hits
        for p in cands
        if p.kind == "admin1" and (p is cands[0] or normalise(p.admin1 or "") == span.key)
    }
    theatre = _theatre(sentence, country)
    # On a named front, a namesake is chosen inside its provinces nearest their capitals
    # (the admin1 entries sit at their capitals), the sentence's own provinces first: the
    # fighting is there. Elsewhere GeoNames' order (the larger place) does better (dev).
    anchors = _anchors(context or set(theatre), country, gazetteer) if theatre else ()
    own = set(context)  # the provinces the sentence itself names
    context |= set(theatre)
    found = [_evidence(sentence, span, cands, country, context, gazetteer, anchors, theatre)
             for span, cands in hits]
    if "(" in sentence or "," in sentence or " of " in sentence or " in " in sentence:
        found = _with_qualifiers(sentence, found, gazetteer, country)
    if " of " in sentence or " in " in sentence:
        found = _villages_of_districts(sentence, found, gazetteer)
    if " of " in sentence:
        found = _named_villages(sentence, found)
    if _SITE_WORDS.search(sentence):
        found = [_site(sentence, e) for e in found]
    finer = {(e.place.country, e.place.admin1) for e in found if e.place.kind != "admin1"}
    # "Mogadishu's Hodan district" names one place, "Mogadishu - Hodan", not two.
    parts = {e.place.location.split(" - ")[0] for e in found if " - " in e.place.location}
    kept = _towns_for_parts(sentence, [
        e
        for i, e in enumerate(found)
        if (e.place.kind != "admin1" or (e.place.country, e.place.admin1) not in finer)
        and e.place.location not in parts
        and not (i and _qualifies(sentence, found[i - 1], e))
    ], gazetteer)
    kept = [_city_part(sentence, _district_seat(sentence, _other_name(sentence, e, gazetteer),
                                                gazetteer), gazetteer)
            for e in kept]
    if theatre and country and all(e.place.kind in ("admin1", "feature") for e in kept):
        kept.extend(_front_village(sentence, gazetteer, country,
                                   next((p for p in theatre if p in own), theatre[0]),
                                   () if own else theatre))
    return kept


_COMPASS: Final = _keys("north south east west northern southern eastern western central "
                        "middle far mid upper lower northeast northwest southeast southwest")


def _compass(key: str) -> bool:
    """Whether a name is only compass words ("North-West", "Far North"): many countries
    have a province so called, so one of another country is not the text's."""
    return all(word in _COMPASS for word in key.split())


# "Xakurke (Wadi Khakurik) region", "Inalabag [Tin Elebag]": one name in brackets right
# after a place is its other name.
_OTHER_NAME: Final = re.compile(r"\s*[(\[]([A-Z][^()\[\],;\d]{2,40})[)\]]")


def _other_name(sentence: str, e: PlaceEvidence, gazetteer: Gazetteer) -> PlaceEvidence:
    """A place the gazetteer lacks (or a province) followed by a learned place's name in
    brackets, as that learned place: the team's name for it.

    A bracketed name that is an admin unit (the gazetteer's or the team's) only locates the
    place ("Kinyinya commune (Ruyigi)"), and is left to the qualifiers.
    """
    if (e.place.source != "text" and e.place.kind != "admin1") or (
            match := _OTHER_NAME.match(sentence, e.span[1])) is None:
        return e
    name, country = match.group(1).strip(), e.place.country
    if gazetteer.is_learned_unit(country, name):
        return e
    known = [p for p in gazetteer.lookup(name, country, limit=8) if p.country == country]
    if not known or known[0].source != "event" or any(p.kind == "admin1" for p in known):
        return e
    return PlaceEvidence(known[0], e.geo_precision, e.span, e.confidence)


def _district_seat(sentence: str, e: PlaceEvidence, gazetteer: Gazetteer) -> PlaceEvidence:
    """A district named as such ("in Nirkh district"), as the place the team codes it at.

    Codebook §7: an event known only to its district is coded at a place representing the
    district (precision 2). Which place that is, is the team's habit (its seat, most
    often, under ACLED's name for it): the place of the district's precision-2 reference
    events (`Gazetteer.district_place`). Without any, the district stays as found.
    """
    if e.geo_precision != 2 or not _OWN_ADMIN2.match(sentence, e.span[1]):
        return e
    name = _written(sentence, *e.span)
    seat = gazetteer.district_place(e.place.country, name)
    if seat is None or (e.place.admin1 is not None and seat.admin1 != e.place.admin1):
        return e
    return PlaceEvidence(seat, 2, e.span, e.confidence)


def _city_part(sentence: str, e: PlaceEvidence, gazetteer: Gazetteer) -> PlaceEvidence:
    """A city whose part the sentence names, as the team's "City-Part" place, if it has one.

    Codebook §7: large cities are split into districts, each a location of its own
    ("Beirut-Saifi"). Which parts a team codes is learned (`Gazetteer.parts_of`); a part
    named anywhere in the sentence, as a name ("in Beirut's Saifi district"), is where the
    event is, at precision 1. A part called by a common word ("Moscow-Central") is not
    looked for: "the Central Bank" names no part.
    """
    if e.place.kind not in ("place", "admin1") or " - " in e.place.location:
        return e
    written = _written(sentence, *e.span)
    parts = (gazetteer.parts_of(e.place.country, written)
             or gazetteer.parts_of(e.place.country, e.place.location))
    named = [(at, place) for part, place in parts
             if not _not_a_name(part) and (at := _word_at(sentence, part, e.span)) >= 0]
    if not named:
        return e
    return PlaceEvidence(min(named, key=lambda n: n[0])[1], 1, e.span, e.confidence)


def _written(sentence: str, start: int, end: int) -> str:
    """The sentence's words from `start` to `end`, as written, with single spaces."""
    return " ".join(sentence[start:end].split())


def _word_at(sentence: str, words: str, skip: tuple[int, int]) -> int:
    """Where ``words`` stand in the sentence as whole words outside ``skip``, else -1."""
    at = sentence.find(words)
    while at >= 0:
        end = at + len(words)
        if (not (at and sentence[at - 1].isalnum())
                and not (end < len(sentence) and sentence[end].isalnum())
                and not skip[0] <= at < skip[1]):
            return at
        at = sentence.find(words, at + 1)
    return -1


def _not_a_name(name: str) -> bool:
    """Whether a part's name is a common word ("Central", "Port"), not a name of its own."""
    words = normalise(name).split()
    return not words or words[0] in STOP or words[0] in INSTITUTION_WORDS


def _front_village(sentence: str, gazetteer: Gazetteer, country: str,
                   province: str, theatre: tuple[str, ...] = ()) -> list[PlaceEvidence]:
    """The unknown village a sentence on a front names ("near Zolote-5"), in that province.

    The province is the sentence's own when it names one of the front's, else the front's
    first (where most of its events are); find_unknown_places finds the name. A numbered
    settlement ("Zolote-5") of a town in one of `theatre`'s provinces is in that province.
    """
    for village in find_unknown_places(sentence, gazetteer, loose=True)[:1]:
        province = _numbered_province(village.location, gazetteer, country, theatre) or province
        place = Place(village.location, country, province, None, None, math.nan, math.nan, 0,
                      "place", "text")
        return [PlaceEvidence(place, village.geo_precision, village.span, 0.9)]
    return []


# "Zolote-4", "Zolote-5": a mine settlement or quarter numbered after its town, which
# lies next to it (GeoNames lists the town, seldom the numbered settlements).
_NUMBERED: Final = re.compile(r"(?P<town>.+?)\s*-\s*\d{1,2}")


def _numbered_province(name: str, gazetteer: Gazetteer, country: str,
                       theatre: tuple[str, ...]) -> str | None:
    """The province (one of `theatre`) of the town a numbered settlement is named after."""
    match = _NUMBERED.fullmatch(name) if theatre else None
    if match is None:
        return None
    return next((p.admin1 for p in gazetteer.lookup(normalise(match.group("town")), country)
                 if p.country == country and p.kind == "place" and p.admin1 in theatre), None)


# "the village of Zunnar in the countryside of Tell Abiad", "the town of Bara in Jabal
# al-Zawiya", "the village of Qazali west of Tell Abiad": the text names the village as the
# place and the town, area or province after it as where the village lies. On the dev notes
# ACLED codes the village 21 times in 22 (the town after it once).
_VILLAGE_OF: Final = re.compile(
    r"\b(?:village|town|hamlet|settlement)\s+of\s+"
    rf"(?P<x>{_NAME}(?:[\s-]+{_NAME}){{0,3}})"
    r"(?:\s+(?:village|town))?\s+(?:in|of|near|outside|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of)"
    r"\s+(?:the\s+)?(?:[a-z]+\s+)?(?:(?:countryside|outskirts|suburbs|vicinity|area)\s+of\s+"
    r"(?:the\s+)?)?$"
)


def _named_villages(sentence: str, found: list[PlaceEvidence]) -> list[PlaceEvidence]:
    """`found` with each place that only locates a named village replaced by the village.

    A village the gazetteer knows is already among `found`: the place after it is dropped.
    An unknown one is returned as written (source "text"), in the place's admin1 and admin2.
    """
    out: list[PlaceEvidence] = []
    for e in found:
        match = _VILLAGE_OF.search(sentence, max(0, e.span[0] - 120), e.span[0])
        if match is None:
            out.append(e)
            continue
        span = match.span("x")
        container = e.place
        if any(o.span == span and o.place.country == container.country for o in out):
            continue  # the village itself was found: the place after it only locates it
        out = [o for o in out if o.span != span]  # a namesake abroad is not the village
        admin2 = (container.location if container.kind == "admin2"
                  else container.admin2 if container.kind == "place" else None)
        village = Place(_POSSESSIVE.sub("", match.group("x")), container.country,
                        container.admin1, admin2, None, math.nan, math.nan, 0, "place", "text")
        near = _NEAR.search(sentence, max(0, match.start() - 60), match.start())
        out.append(PlaceEvidence(village, 2 if near else 1, span, e.confidence))
    return out


# "in the Sabzi Kar village of Charbolak district, Balkh", "in Oba town in Idemili South LGA
# (Anambra)", "the Ibrahim Khel area of Gardez district": the text names the village (or a
# locality) and then the district it lies in. ACLED codes the village, in that district's
# units (dev notes: the village 21 times in 31; the district's seat in the others, never the
# district as we had it).
# The one list of the unit words written after a district-level unit's name, second level
# ("Nirkh district", "Guma LGA", "Argelia municipality", "Bakhmut raion") and third
# ("Kotli tehsil", "Marampa subdivision", "Yei payam", "Sinjar sub-district").
_ADMIN2_UNITS: Final = (r"district|county|municipality|municipio|lga|local government area|"
                        r"township|upazila|raion|rayon")
_ADMIN3_UNITS: Final = r"tehsil|taluka?|sub-?division|sub-?district|payam"
_DISTRICT_UNITS: Final = f"{_ADMIN2_UNITS}|{_ADMIN3_UNITS}"
_DISTRICT_AFTER: Final = re.compile(rf"\s+(?:{_DISTRICT_UNITS})\b", re.I)
_UNIT_BEFORE: Final = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?$")
_VILLAGE_WORDS: Final = frozenset(
    {"village", "town", "area", "locality", "settlement", "community", "hamlet"})


def _villages_of_districts(
    sentence: str, found: list[PlaceEvidence], gazetteer: Gazetteer
) -> list[PlaceEvidence]:
    """`found` with each district that only locates a village named before it replaced by
    that village (a gazetteer place of the district's province, else the name as written)."""
    out: list[PlaceEvidence] = []
    dropped: PlaceEvidence | None = None  # the district just replaced by its village
    for e in found:
        if dropped is not None and _qualifies(sentence, dropped, e):
            continue  # "..., Kabul": the province's namesake city after the district
        dropped = None
        district = e.place
        gap = _UNIT_BEFORE.search(sentence, max(0, e.span[0] - 12), e.span[0])
        if (gap is None or district.kind == "admin1" or district.admin1 is None
                or not _DISTRICT_AFTER.match(sentence, e.span[1])):
            out.append(e)
            continue
        head = _head(sentence, gap.start(), gazetteer)
        if head is None or head[1] not in _VILLAGE_WORDS or _not_a_name(
                sentence[head[0][0]:head[0][1]]):
            out.append(e)
            continue
        admin2 = (district.admin2 if district.source != "text" and district.admin2
                  else _written(sentence, *e.span))
        q = _Qualifier(head[0], (head[0][1], e.span[1]), (district.admin1, admin2, None),
                       district, False)
        village = _qualified(sentence, q, gazetteer)
        if village.place.source == "text":
            out.append(e)  # no gazetteer knows it: ACLED codes it or the district, a coin toss
            continue
        out = [o for o in out if not _overlaps(o.span, head[0])]
        out.append(village)
        dropped = e
    return out


# "near Donetsk Airport", "Donetsk Filtration Station", "in the North Zone of Rio de
# Janeiro": a strategic site named after its town, or a zone of a large city, is a location of
# its own in ACLED's data (codebook §7: strategic sites; big cities split into districts,
# "City - District"). Dev notes: the site 7 times in 7, the zone 10 times in 10.
_SITE_AFTER: Final = re.compile(
    r"\s+(Airport|Air\s?[Bb]ase|Filtration\s+Station|Mine)\b(?!\s+(?:Road|Street|[A-Z]))")
_ZONE_OF: Final = re.compile(
    r"\b((?:North|South|East|West|Central|Northern|Southern|Eastern|Western|North-?East|"
    r"North-?West|South-?East|South-?West)\s+Zone)\s+of\s+(?:the\s+)?(?:city\s+of\s+)?$")
_SITE_WORDS: Final = re.compile(r"Airport|Air\s?[Bb]ase|Station|Mine\b|Zone\s+of")


def _site(sentence: str, e: PlaceEvidence) -> PlaceEvidence:
    """The evidence, or the site or city zone it names (as written, in the town's units)."""
    town = e.place
    if town.kind != "place" or town.source == "text":
        return e
    written = _ascii(_written(sentence, *e.span))
    if (after := _SITE_AFTER.match(sentence, e.span[1])) is not None:
        name = f"{written} {' '.join(after.group(1).split())}"
        span = (e.span[0], after.end())
    elif (zone := _ZONE_OF.search(sentence, max(0, e.span[0] - 40), e.span[0])) is not None and (
            town.population >= _LARGE_CITY):
        name, span = f"{written} - {zone.group(1)}", (zone.start(1), e.span[1])
    else:
        return e
    # The town's centroid stays: the site or zone lies in or at the town, which is nearer its
    # own centroid than nothing (the coder moves it when ACLED has the site's own).
    site = replace(town, location=name)
    return PlaceEvidence(site, 1 if " - " in name else e.geo_precision, span, e.confidence)


# "in Raju street of Afrin city", "the Don Samuel neighborhood in Barinas": a street or
# neighbourhood named with its town is coded as the town, precision 1 (codebook §7: a
# town's parts are the town; only large cities written "City-District" are split, and
# those the curated "City - District" entries give). Dev notes: the town 29 times in 34.
_PART_OF: Final = re.compile(
    r"\s+(?:neighbou?rhoods?|streets?|quarters?)\s+(?:of|in)\s+(?:the\s+)?"
    r"(?:(?:city|town)\s+of\s+)?",
    re.I,
)
_TOWN_NAME: Final = re.compile(rf"{_NAME}(?:\s+{_NAME}){{0,2}}")


def _towns_for_parts(
    sentence: str, found: list[PlaceEvidence], gazetteer: Gazetteer
) -> list[PlaceEvidence]:
    """`found` with each named part of a town ("X neighbourhood of Y") replaced by Y."""
    if not found or not _PART_WORD.search(sentence):
        return found
    out: list[PlaceEvidence] = []
    skip = -1
    for i, e in enumerate(found):
        if i == skip:
            continue
        gap = _PART_OF.match(sentence, e.span[1])
        area = gap is None and (gap := _AREA_OF.match(sentence, e.span[1])) is not None
        if gap is None or " - " in e.place.location:
            out.append(e)
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        if (following is not None and following.span[0] == gap.end()
                and following.place.kind == "place"
                and following.place.country == e.place.country
                and not (area and _UNIT_NEXT.match(sentence, following.span[1]))):
            out.append(replace(following, geo_precision=1))
            skip = i + 1
            continue
        town = None if area else _town_at(sentence, gap.end(), e.place, gazetteer)
        out.append(e if town is None else town)
    return out


_PART_WORD: Final = re.compile(r"neighbou?rhood|street|quarter|area|locality", re.I)
# "in Palanpur area of Surat city", "the Ratnapur locality in Gulariya": an area named with
# the town it lies in is that town (codebook §7: a town's parts are the town, 1). Dev notes:
# the town 31 times in 42 when a known town follows (the area when a district or province
# follows: "Ibrahim Khel area of Gardez district", so a unit word after the town rules it out).
_AREA_OF: Final = re.compile(
    r"\s+(?:area|locality)\s+(?:of|in)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?", re.I)
_UNIT_NEXT: Final = re.compile(
    rf"\s+(?:{_DISTRICT_UNITS}|province|state|region|governorate|municipality|countryside)\b",
    re.I)


def _town_at(
    sentence: str, start: int, part: Place, gazetteer: Gazetteer
) -> PlaceEvidence | None:
    """The known town of the part's country (and province, when known) named at `start`."""
    if (name := _TOWN_NAME.match(sentence, start)) is None:
        return None
    ends = [start + m.end() for m in re.finditer(r"\S+", name.group())]
    for end in reversed(ends):
        text = sentence[start:end]
        towns = [p for p in gazetteer.lookup(text, part.country)
                 if p.kind == "place" and p.country == part.country
                 and (part.admin1 is None or p.admin1 == part.admin1)]
        if towns:
            span = _Span(start, end, normalise(text), False, False)
            place = _with_district(_spelled(towns[0], sentence, span), gazetteer)
            return PlaceEvidence(place, 1, (span.start, span.end), 0.9)
    return None


# ---------------------------------------------------------------------------------------------
# A place followed by its admin units: in brackets, finest first ("Harbole village (Afmadow,
# Lower Juba)", "Karakai (Bungudu LGA, Zamfara)"), or after a comma ("near Taramchuk,
# Donetsk", "in Shah Wali Kot district, Kandahar"). ACLED's notes and local reports locate
# villages no gazetteer knows this way; the units say where the place is, not where the
# event is.

_BRACKETS = re.compile(r"\(([^()\d]{2,80})\)")
# ", Kandahar." / ", Borno state)": a province closing the phrase, so that "Nabi, Kunduz
# police chief" (a person and his post) is no place.
_COMMA_UNIT = re.compile(
    rf",\s+({_NAME}(?:\s+{_NAME}){{0,3}})"
    r"(?:\s+(?:province|state|region|governorate|oblast|department|county))?(?=\s*(?:[.,;:)]|$))"
    # "in Lida of the Grodno region", "in Qala district in Badghis province": the unit
    # word is then required.
    rf"|\s+(?:of|in)\s+(?:the\s+)?({_NAME}(?:\s+{_NAME}){{0,3}})"
    r"\s+(?:province|state|region|governorate|oblast|department|county)\b"
    # "Afes front in Idleb.": a bare province after a place word (checked in the code).
    # "Nayrab in Idleb using artillery": the province may also run on into lower-case words.
    rf"|\s+in\s+({_NAME}(?:\s+{_NAME}){{0,3}})(?=\s*(?:[.,;:)]|$)|\s+(?!countryside|city|town)[a-z])"
    # "Bara in Idleb countryside", "Maraanaz in the northern countryside of Aleppo": a
    # village of that province's rural part (ACLED's Syria notes write villages so).
    rf"|\s+in\s+(?:the\s+)?(?:[a-z-]+\s+)?countryside\s+of\s+({_NAME}(?:\s+{_NAME}){{0,3}})"
    rf"|\s+in\s+(?:the\s+)?(?:[a-z-]+\s+)?({_NAME}(?:\s+{_NAME}){{0,3}})\s+countryside\b"
)
_UNIT_WORDS = re.compile(
    r"\s+(?:district|lga|province|state|region|governorate|county|municipality|township|"
    r"subdivision|locality|department|commune|prefecture|oblast|raion|rayon|zone|upazila)$",
    re.I,
)
# Words between a place's name and its units: "Harbole village (...)", "Nirkh district, ...".
_PLACE_WORD = re.compile(
    r"\s+(village|town|city|area|neighbou?rhood|locality|settlement|community|"
    r"district\s+cent(?:er|re)|district|police\s+station(?:\s+(?:limits|area))?|police\s+limits|"
    r"camp|hamlet|market|sector|lga|township|municipality|upazila|county|commune|front)$",
    re.I,
)
_DISTRICT_WORDS: Final = frozenset(
    {"district", "lga", "township", "municipality", "upazila", "county", "commune"}
)
# A comma qualifier needs the name to be introduced as a place ("in", "near", ...).
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|at|near|of|around|outside|from|to|towards|into|on|between)\s+(?:the\s+)?$", re.I
)
_AT_PREPOSITION = re.compile(
    r"\b(?:in|at|near|(?:village|town|city|hamlet|outskirts|vicinity) of)\s+(?:the\s+)?"
    r"(?:rural\s+)?$",
    re.I)


@dataclass(frozen=True, slots=True)
class _Qualifier:
    """A named place and the admin units that follow it; `anchor` is the known unit."""

    head: tuple[int, int]
    inner: tuple[int, int]  # the characters of the units (not places of their own)
    admins: tuple[str | None, str | None, str | None]
    anchor: Place
    district: bool  # the name is itself a district: "Nirkh district", a bracket's admin2 alone


# "in Tin Ma village, Kyauktaw Township, Mrauk-U District, Rakhine State": a chain of units
# after the place, finest first (Myanmar's reports and ACLED's notes write them so):
# township = admin3, district = admin2, state or region = admin1.
_CHAIN = re.compile(
    rf"(?:,\s+(?P<a3>{_NAME}(?:[\s-]+{_NAME}){{0,2}})\s+(?i:township|tehsil|sub-?district))?"
    rf",\s+(?P<a2>{_NAME}(?:[\s-]+{_NAME}){{0,2}})\s+(?i:district)"
    rf",\s+(?P<a1>{_NAME}(?:[\s-]+{_NAME}){{0,2}}?)(?:\s+(?i:state|region|division|province))?"
    r"(?=\s*(?:[.,;:)]|$))"
)


def _qualifiers(sentence: str, gazetteer: Gazetteer, country: str | None) -> list[_Qualifier]:
    found: list[_Qualifier] = []
    for bracket in _BRACKETS.finditer(sentence) if "(" in sentence else ():
        if (q := _bracketed(sentence, bracket, gazetteer, country)) is not None:
            found.append(q)
    for chain in _CHAIN.finditer(sentence) if " District, " in sentence else ():
        if (q := _chained(sentence, chain, gazetteer, country)) is not None:
            found.append(q)
    for comma in _COMMA_UNIT.finditer(sentence):
        if any(q.head[0] <= comma.start() < q.inner[1] for q in found):
            continue
        if (q := _comma_qualified(sentence, comma, gazetteer, country)) is not None:
            found.append(q)
    if " region of " in sentence:
        for region in _REGION_OF.finditer(sentence):
            if (q := _region_qualified(sentence, region, gazetteer, country)) is not None:
                found = [o for o in found if not _overlaps(o.head, q.inner)]
                found.append(q)
    for town in _TOWN_UNIT.finditer(sentence):
        if (q := _village_of_unit(sentence, town, found, gazetteer, country)) is not None:
            found = [o for o in found if not _overlaps(o.head, q.inner)]
            found.append(q)
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# "in El Furrial, Maturin municipality, Monagas state", "in Songho, Doucoumbo Commune
# (Bandiagara, Mopti)": a village, then the municipality or commune it lies in (dev notes:
# the village is ACLED's location whenever the gazetteer lacks it).
_TOWN_UNIT: Final = re.compile(
    rf",\s+({_NAME}(?:\s+{_NAME}){{0,3}}?)\s+"
    r"(?i:municipality|municipio|commune|lga|upazila|township)\b")


def _village_of_unit(sentence: str, town: re.Match[str], found: list[_Qualifier],
                     gazetteer: Gazetteer, country: str | None) -> _Qualifier | None:
    """The unknown village before "X municipality/commune", in that unit's admin units."""
    unit = town.span(1)
    known = next((q for q in found if q.head == unit), None)
    anchor = known.anchor if known is not None else next(
        (p for p in gazetteer.lookup(town.group(1), country, limit=5)
         if p.country == country and p.kind in ("place", "admin2")), None)
    if anchor is None:
        return None
    admin1, admin2 = known.admins[:2] if known is not None else (anchor.admin1, None)
    head = _head(sentence, town.start(), gazetteer)
    if head is None or head[1] or not _AT_PREPOSITION.search(
            sentence, max(0, head[0][0] - 30), head[0][0]):
        return None
    name = sentence[head[0][0] : head[0][1]]
    if normalise(name.split()[0]) in _NEIGHBOURHOOD_WORDS | {"barangay"} or any(
            p.country == anchor.country and p.admin1 == admin1
            for p in gazetteer.lookup(name, anchor.country)):
        return None  # a known place of the province: the ordinary lookup has it
    units = (admin1, admin2, town.group(1)) if admin2 and admin2 != town.group(1) else (
        admin1, town.group(1), None)
    end = max(town.end(), known.inner[1] if known is not None else 0)
    return _Qualifier(head[0], (head[0][1], end), units, anchor, False)


# "in Haftanin region of Dahuk", "in Zap (Amadiya) region of Dahuk": an area of a province;
# a name in brackets is its other (ACLED's) name. Dev notes: the area 7 times in 7, the
# bracketed name whenever there is one.
_REGION_OF: Final = re.compile(
    rf"(?:\(({_NAME}(?:[\s-]+{_NAME}){{0,3}})\)\s+)?region\s+of\s+(?:the\s+)?"
    rf"({_NAME}(?:\s+{_NAME}){{0,2}})(?=\s*(?:[.,;:)]|$))")


def _region_qualified(sentence: str, region: re.Match[str], gazetteer: Gazetteer,
                      country: str | None) -> _Qualifier | None:
    """The area named before "region of <province>", with that province (precision 2)."""
    anchor = _unit(region.group(2), gazetteer, country)
    if anchor is None or not (anchor.kind == "admin1" or anchor.population >= _LARGE_CITY):
        return None
    if region.group(1):
        head: tuple[int, int] = region.span(1)
    elif (found := _head(sentence, region.start(), gazetteer)) is not None and not found[1]:
        head = found[0]
    else:
        return None
    return _Qualifier(head, (head[1], region.end()), (anchor.admin1, None, None), anchor, True)


def _bracketed(
    sentence: str, bracket: re.Match[str], gazetteer: Gazetteer, country: str | None
) -> _Qualifier | None:
    parts = bracket.group(1).split(",")
    names = [_UNIT_WORDS.sub("", part.strip()) for part in parts]
    if not 1 <= len(names) <= 3 or not all(n[:1].isupper() for n in names):
        return None
    anchor = _unit(names[-1], gazetteer, country)
    if anchor is None:
        return None
    finer = [*[None] * (3 - len(names)), *names[:-1]]
    if anchor.kind == "admin2":
        # "(Diapaga, Tapoa)": the last unit is a district (a Burkinabe province), so the
        # ones before it are one level finer: admin3, not admin2.
        finer = [finer[1], anchor.location]
    end = bracket.start()
    if (country_words := _IN_COUNTRY.search(sentence, max(0, end - 40), end)) is not None and (
            gazetteer.country_of(country_words.group(1)) is not None):
        end = country_words.start()  # "Al Jarr area in northwestern Yemen (Abs, Hajjah)"
    found = _head(sentence, end, gazetteer)
    if found is not None:
        head, word = found
        province = _UNIT_AFTER.match(sentence, bracket.end())
        if (len(parts) == 1 and names[0] != parts[0].strip() and province is not None
                and (unit := _unit(province.group(1), gazetteer, country)) is not None
                and unit.admin1 == anchor.admin1):
            # "Nameless Hills (Tartar Region), Tartar": the bracket tells this one from the
            # other places of that generic name, and ACLED's location keeps it; the province
            # follows it.
            return _Qualifier((head[0], bracket.end()), (bracket.start(), province.end()),
                              (anchor.admin1, None, None), anchor, False)
        # "under Barachatti police station area (Gaya, Bihar)": the station's town stands
        # for its area (dev notes: ACLED's location, precision 2, 5 times in 6).
        district = word in _DISTRICT_WORDS or word.startswith("police")
        admin2 = finer[1] or (sentence[head[0] : head[1]] if district else None)
        return _Qualifier(head, bracket.span(), (anchor.admin1, admin2, finer[0]), anchor,
                          district)
    if len(names) < 2:
        return None
    # "in western Yemen (Ad Durayhimi, Al Hudaydah)": no place before the bracket, so the
    # finest unit is where the event is, known to the district only.
    first = bracket.start(1) + len(parts[0]) - len(parts[0].lstrip())
    head = (first, first + len(names[0]))
    return _Qualifier(head, (head[1], bracket.end()), (anchor.admin1, finer[1], finer[0]),
                      anchor, True)


_UNIT_AFTER: Final = re.compile(
    r"\s*,\s*([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)(?=\s*(?:[.,;:)]|$))")
# "in western Yemen" between a place and its bracketed units only says what the units say.
_IN_COUNTRY: Final = re.compile(
    r"\s+in\s+(?:the\s+)?(?:[a-z-]+\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s*$")


def _chained(
    sentence: str, chain: re.Match[str], gazetteer: Gazetteer, country: str | None
) -> _Qualifier | None:
    anchor = _unit(chain.group("a1"), gazetteer, country)
    if anchor is None or anchor.kind != "admin1":
        return None
    found = _head(sentence, chain.start(), gazetteer)
    if found is None:
        return None
    head, word = found
    township = word in _DISTRICT_WORDS  # "in Rathedaung Township, Sittwe District, ...": the unit
    admin3 = chain.group("a3") or (sentence[head[0]:head[1]] if township else None)
    return _Qualifier(head, chain.span(), (anchor.admin1, chain.group("a2"), admin3), anchor,
                      township)


def _comma_qualified(
    sentence: str, comma: re.Match[str], gazetteer: Gazetteer, country: str | None
) -> _Qualifier | None:
    unit = comma.group(1) or comma.group(2) or comma.group(3) or comma.group(4) or comma.group(5)
    anchor = _unit(unit, gazetteer, country)
    if anchor is None or (anchor.kind != "admin1"
                          and normalise(anchor.admin1 or "") != normalise(unit)):
        return None  # only a province qualifies after a comma: "Rukha, Dara" is a list
    found = _head(sentence, comma.start(), gazetteer)
    if found is None:
        return None
    head, word = found
    # Without a place word the name must be introduced as a place, and before "in ...
    # province" only as a location ("in", "at", "near"): "forces of Ahmad Shah in Kandahar
    # province" names a person.
    preposition = _PLACE_PREPOSITION if comma.group(1) else _AT_PREPOSITION
    # "Taliban fighters in Kandahar." names no place before the province: a bare name
    # qualifies only after "in/at/near" ("in Thiban in Deir-ez-Zor.", checked below).
    rural = comma.group(4) or comma.group(5)
    if not (word or rural) and not preposition.search(sentence, max(0, head[0] - 20), head[0]):
        return None
    name = sentence[head[0] : head[1]]
    if rural and _ACRONYM.fullmatch(name):
        return None  # "HTS in Idleb countryside": an actor
    known = gazetteer.lookup(name, anchor.country)
    if any(p.admin1 == anchor.admin1 or p.kind == "admin1" for p in known
           if p.country == anchor.country):
        # A known place of that province: the ordinary lookup has it; another province:
        # "in Kabul, Ghor, Laghman, and Balkh provinces" is a list.
        return None
    district = word in _DISTRICT_WORDS
    # "in Gulran district center, Herat": the district's seat town, named after its district.
    seat = word.startswith("district cent")
    return _Qualifier(head, comma.span(),
                      (anchor.admin1, name if district or seat else None, None), anchor, district)


def _unit(name: str, gazetteer: Gazetteer, country: str | None) -> Place | None:
    """The known admin1 (else place) a qualifier names last; a country is no qualifier here."""
    key = normalise(name)
    if key not in gazetteer and country is not None:
        return _unit_spelled_otherwise(key, gazetteer, country)
    if key not in gazetteer or gazetteer.country_of(key) is not None:
        return None
    candidates = [p for p in gazetteer.lookup(key, country, limit=8)
                  if country in (None, p.country)]
    province = next((p for p in candidates if p.kind == "admin1"), None)
    if key in STOP:
        # "(Kurnool, AP)": a state's abbreviation, though "AP" is also a news agency
        return province if country is not None and _ACRONYM.fullmatch(name.strip()) else None
    return province or next(iter(candidates), None)




def _unit_spelled_otherwise(key: str, gazetteer: Gazetteer, country: str) -> Place | None:
    """The unit of ``country`` a qualifier names without its Arabic article ("(Hoceima)"
    for Al Hoceima) or in another spelling of an admin1 ("(Dessa, Tillabery)").

    Only inside the document's country: elsewhere the bare name is another place or none.
    A place (not a unit) only when it is large enough to be its district's seat: a unit
    qualifies, a small village in brackets is another name ("Zap (Amadiya) region").
    """
    if key not in STOP and " " not in key:
        for article in _NAME_ARTICLES:
            if f"{article} {key}" in gazetteer and (found := [
                    p for p in gazetteer.lookup(f"{article} {key}", country, limit=8)
                    if p.country == country and (
                        p.kind != "place" or p.population >= DISTRICT_SEAT_POPULATION)]):
                return next((p for p in found if p.kind == "admin1"), found[0])
    return gazetteer.admin1_spelled(key, country)


def _head(
    sentence: str, end: int, gazetteer: Gazetteer
) -> tuple[tuple[int, int], str] | None:
    """The capitalised name (1-4 words) ending before `end` or before a place word there."""
    end = len(sentence[:end].rstrip())
    word = ""
    for _ in range(2):  # "Uri sector area (...)": a place word may follow another
        if (found := _PLACE_WORD.search(sentence, max(0, end - 24), end)) is None:
            break
        if found.group(1)[:1].isupper() and _names_with(sentence, found, gazetteer):
            break  # "Cape Town (...)", "Kuwait City": the word is part of the name
        end, word = found.start(), word or " ".join(found.group(1).casefold().split())
    run: list[re.Match[str]] = []
    for token in reversed(list(_TOKEN.finditer(sentence, max(0, end - 80), end))):
        following = run[-1].start() if run else end
        text = token.group()
        joins = run and text in _CONNECTORS and text != "and"  # "X and Y (...)" is a list
        if len(run) == MAX_TOKENS or not (_capitalised(text) or joins):
            break
        if token.end() != following and not _JOIN.fullmatch(sentence, token.end(), following):
            break
        run.append(token)
    while run and ((normalise(run[-1].group()) in STOP | _TITLES
                    and not (len(run) > 1 and normalise(run[-1].group()) in _NAME_PREFIXES))
                   or (normalise(run[-1].group()) in _OPENERS
                       and _SENTENCE_START.search(sentence, 0, run[-1].start()))
                   or run[-1].start() == 0 or run[-1].group() in _CONNECTORS):
        # A sentence opener, title or stopword is no part of the name; "the Municipality of
        # Trancoso" names the unit as "Trancoso municipality" does.
        if not word and normalise(run[-1].group()) in _DISTRICT_WORDS:
            word = normalise(run[-1].group())
        run.pop()
    if not run:
        return None
    key = normalise(sentence[run[-1].start() : end])
    if key in STOP or gazetteer.country_of(key) is not None:
        return None  # a country never heads a qualifier: "in western Yemen (...)"
    return (run[-1].start(), end), word


# Stopwords that open many place names ("New Brighton", "North Waziristan", "Upper Dir"):
# kept before another capitalised word of the name.
_NAME_PREFIXES: Final = _keys("new north south east west upper lower central")


def _names_with(sentence: str, word: re.Match[str], gazetteer: Gazetteer) -> bool:
    """Whether the 1-3 words before a capitalised place word form a known name with it."""
    tokens = list(_TOKEN.finditer(sentence, max(0, word.start() - 40), word.start()))
    return any(normalise(sentence[token.start() : word.end()]) in gazetteer
               for token in tokens[-3:])


# Where a sentence opener may stand: "After", "Residents" open a sentence; after "in" a
# capitalised "As" is an article ("in As Sabaa (Tripoli)").
_SENTENCE_START = re.compile(r"(?:^|[.;:!?\"\u201c]\s*|\d,?\s+)$")


def _with_qualifiers(
    sentence: str, found: list[PlaceEvidence], gazetteer: Gazetteer, country: str | None
) -> list[PlaceEvidence]:
    """The places with their qualifying units applied: the units only say where the place
    is; the place is a gazetteer entry of that province, else the name as written."""
    quals = _qualifiers(sentence, gazetteer, country)
    if not quals:
        return found

    def inside(e: PlaceEvidence, span: tuple[int, int]) -> bool:
        return span[0] <= e.span[0] and e.span[1] <= span[1] + 1

    kept = [e for e in found if not any(inside(e, q.inner) or inside(e, q.head) for q in quals)]
    kept.extend(_qualified(sentence, q, gazetteer) for q in quals)
    return sorted(kept, key=lambda e: e.span)


def _qualified(sentence: str, q: _Qualifier, gazetteer: Gazetteer) -> PlaceEvidence:
    admin1, admin2, admin3 = q.admins
    name = _written(sentence, *q.head)

    def known_in(name: str) -> list[Place]:
        return _named_first(normalise(name), [
            p for p in gazetteer.lookup(name, q.anchor.country)
            if p.country == q.anchor.country and p.admin1 == admin1 and p.kind == "place"])

    renamed = bool(admin2) and normalise(admin2 or "") != normalise(name) and (
        _bare(admin2 or "") == _bare(name))
    if renamed and admin2:
        # "east of Durayhimi in western Yemen (Ad Durayhimi, Al Hudaydah)": the district's
        # seat, spelled as its district is (ACLED's name for both)
        name = admin2
    known = known_in(name)
    of = [m.end() for m in _OF.finditer(sentence, q.head[0], q.head[1])]
    if not known and of and (tail := known_in(_written(sentence, of[-1], q.head[1]))):
        # "Teri Bazar of Chittagong city (Chittagong)", "PD1 of Lashkargah city, Helmand": a
        # part of a known town is coded as the town itself (codebook §7).
        q = replace(q, head=(of[-1], q.head[1]))
        name, known = _written(sentence, of[-1], q.head[1]), tail
    if not known:
        # Another spelling of a place of the named province ("Saraqab" for GeoNames'
        # "Saraqib", "Ceel Dheer" for "Ceeldheer"): its centroid and units under the text's
        # spelling, which is ACLED's. The province keeps the loose match honest (on dev, the
        # closest spelling was right 47 times in 57 inside it, never outside).
        known = _spelled_otherwise(name, q.anchor.country, admin1, gazetteer)
    span = _Span(q.head[0], q.head[1], normalise(name), q.head[0] == 0, False)
    if not known and (city := _large_namesake(name, q.anchor.country, gazetteer)) is not None:
        # "Mariupol, Zaporizhia", "Nawabshah city (Nawabshah, Punjab)": no place of that name
        # in the named province, but a large city of it in the country. A report that names
        # a city this large means it; the province it gives is the slip (dev notes: the city
        # 11 times in 11; a name several towns share was the city 0 times in 2).
        place = _with_district(_spelled(city, sentence, span), gazetteer)
        return PlaceEvidence(place, _precision(sentence, span, place), q.head, 0.8)
    if not known and (near := _namesake_near(name, q.anchor, gazetteer)) is not None:
        # "Kakiri (Wakiso district)": the place of that name next to the named unit, which
        # GeoNames files under another province (a unit border moved, or GeoNames' units are
        # not ACLED's): its centroid, the text's units.
        known = [replace(near, admin1=admin1)]
    if known:
        place = _spelled(_as_written(sentence, span, known, known[0]), sentence, span)
        if renamed:
            place = replace(place, location=name)
        if place.source in ("geonames", "admin1"):
            # The units the place would get on its own (a seat's admin2 and admin3 are its
            # own name) stand where the text names no other: "Madurai city (Madurai, TN)".
            own = _with_district(place, gazetteer)
            admin3 = admin3 or (own.admin3 if admin2 in (None, own.admin2) else place.admin3)
            place = _with_district(replace(place, admin2=admin2 or place.admin2,
                                           admin3=admin3), gazetteer)
    else:
        # No gazetteer entry: the name as written, located by its units only. It has no
        # centroid (NaN): a village's coordinates are not its district's (§7).
        place = Place(name, q.anchor.country, admin1, admin2, admin3, math.nan, math.nan, 0,
                      "place", "text")
    if _city_district(name, place.country, gazetteer) or _SEAT.match(sentence, q.head[1]):
        # codebook §7: a district of a large city is the city itself; a district centre is
        # the seat town itself
        precision = 1
    else:
        precision = 2 if q.district else _precision(sentence, span, place)
    return PlaceEvidence(place, precision, q.head, 0.9)


# How near the named unit's own place (an admin1's capital, a district's seat) a namesake
# filed under another province must lie to be the place the text names. On the dev notes
# 30 km found the one such place right; from 60 km on, the namesakes found were other
# villages (wrong centroids where the name as written has none).
NAMESAKE_NEAR_KM: Final = 30.0


def _namesake_near(name: str, anchor: Place, gazetteer: Gazetteer) -> Place | None:
    """The place called ``name`` nearest the unit ``anchor``, within NAMESAKE_NEAR_KM."""
    if math.isnan(anchor.latitude):
        return None
    key = normalise(name)
    near = [(distance_km(anchor.latitude, anchor.longitude, p.latitude, p.longitude), p)
            for p in gazetteer.lookup(name, anchor.country, limit=8)
            if p.country == anchor.country and p.kind == "place" and p.source != "text"
            and not _other_name_of(p, key)]
    best = min(near, key=lambda n: n[0], default=None)
    return best[1] if best is not None and best[0] <= NAMESAKE_NEAR_KM else None


def _large_namesake(name: str, country: str, gazetteer: Gazetteer) -> Place | None:
    """The large city (`_LARGE_CITY`) of ``country`` called ``name``, if it is the only
    place of the country so called."""
    key = normalise(name)
    named = [p for p in gazetteer.lookup(name, country, limit=8)
             if p.country == country and p.kind == "place" and not _other_name_of(p, key)]
    # A name many towns share ("Benito Juarez", "Rampur") says nothing of which one.
    return named[0] if len(named) == 1 and named[0].population >= _LARGE_CITY else None


_OF: Final = re.compile(r"\s+of\s+")
_LEADING_ARTICLE: Final = re.compile(rf"^(?:{_ARTICLE_ALT})[\s-]+", re.I)


def _bare(name: str) -> str:
    """A name without its leading Arabic article, for comparing two spellings."""
    return normalise(_LEADING_ARTICLE.sub("", name.strip()))
_SEAT: Final = re.compile(r"\s+district\s+cent(?:er|re)\b", re.I)


# ACLED splits only large cities into districts ("Mogadishu-Karan", "Aden-Kraytar").
_LARGE_CITY: Final = 100_000


def _city_district(name: str, country: str, gazetteer: Gazetteer) -> bool:
    """Whether `name` is written "City-District" after a large city of the country."""
    city = name.split("-")[0].strip()
    return city != name and any(
        p.kind == "place" and p.country == country and p.population >= _LARGE_CITY
        for p in gazetteer.lookup(city, country, limit=3)
    )


# "in Krymske, Luhansk", "in Limeira (Sao Paulo)", "in Pinsk of the Brest region": a comma,
# bracket or "of/in" after a town, also after its unit word ("in Celaya municipality,
# Guanajuato").
_QUALIFIER_GAP = re.compile(
    r"(?:\s+(?:municipality|district|county|town|city|village|commune|department|lga|"
    r"township|upazila))?(?:\s*[,(]\s*|\s+(?:of|in)\s+(?:the\s+)?)",
    re.I,
)


def _qualifies(sentence: str, town: PlaceEvidence, named: PlaceEvidence) -> bool:
    """Whether `named` only says which province or district `town` is in (the unit's
    namesake town).

    The place step reads "Luhansk" as the city that shares its province's name; right after a
    town of that province it names the province, not a second place. So does a town named
    as the town's own district after it ("in Arnissa of Pella").
    """
    place = named.place
    # "in Arnissa of Pella": the town's district (Pella regional unit) read as its seat town
    units = {normalise(place.admin1 or ""), normalise(town.place.admin2 or "")} - {""}
    return (
        town.place.kind != "admin1"
        and (town.place.country, town.place.admin1) == (place.country, place.admin1)
        and place.admin1 is not None
        and normalise(place.location) in units
        and normalise(town.place.location) != normalise(place.location)
        and _QUALIFIER_GAP.fullmatch(sentence, town.span[1], named.span[0]) is not None
    )


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country named in a sentence (name, alias or demonym).

    `of_actor`: the name describes who acts ("Turkish forces", "Saudi-led coalition",
    "Indian nationals"), which says little about where: foreign forces fight abroad.
    """

    country: str
    span: tuple[int, int]
    of_actor: bool


# After a country's name, the words that make it an actor's nationality, not a place.
_OF_ACTOR = re.compile(
    r"\s*-\s*(?:led|backed|based|allied|supported|owned|operated)\b"
    r"|\s+(?:armed\s+)?(?:forces?|troops|military|army|soldiers|navy|air\s*force|jets?|aircraft"
    r"|advis[eo]rs|trainers|contractors|mercenaries|personnel|officers|marines|peacekeepers"
    r"|drones?|warplanes?|helicopters?|artillery|nationals|citizens|authorities|police|government"
    r"|officials?|security|militants|fighters|regime|embassy|ambassador|coalition|border\s+guards?"
    r"|intelligence|special\s+forces|patrols?|positions|settlers)\b",
    re.IGNORECASE,
)


# After a country's name: its currency, which is spent everywhere.
_CURRENCY = re.compile(r"\s+(?:dollars?|pounds?|rupees?|dinars?|euros?|currency)\b",
                       re.IGNORECASE)


# A capitalised word joined by a hyphen to a lower-case word ("Palestinian-owned").
_LOWER_AFTER: Final = re.compile(r"([^\W\d_][\w'\u2019]*)-[a-z][\w-]*$")


def country_mentions(sentence: str, gazetteer: Gazetteer) -> list[CountryMention]:
    """The countries a sentence names, in text order.

    A country's name inside a longer place name ("Mali Zvornik", a town in Serbia) is not a
    mention of that country.
    """
    return _country_mentions(sentence, _runs(sentence), gazetteer)


def _country_mentions(sentence: str, runs: list[_Span], gazetteer: Gazetteer
                      ) -> list[CountryMention]:
    found: list[CountryMention] = []
    covered_to = -1
    for span in runs:  # longest first at each start
        if span.start < covered_to:
            continue
        if (country := gazetteer.country_of(span.key)) is None and (
                joined := _LOWER_AFTER.match(sentence, span.start, span.end)) is not None:
            # "Palestinian-owned", "Saudi-led": one token, the demonym before its hyphen
            country = gazetteer.country_of(normalise(joined.group(1)))
            if country is not None:
                span = _Span(span.start, joined.end(1), normalise(joined.group(1)),
                             span.first, span.partial, span.inner)
        if country is not None:
            covered_to = span.end
            if _CURRENCY.match(sentence, span.end):
                continue  # "the US dollar exchange rate" names no place at all
            found.append(CountryMention(country, (span.start, span.end),
                                        _OF_ACTOR.match(sentence, span.end) is not None))
        elif not span.partial and span.key in gazetteer and " " in span.key:
            covered_to = span.end  # a place of several words: its pieces are not countries
    return found


def find_country(sentence: str, gazetteer: Gazetteer) -> tuple[str, tuple[int, int]] | None:
    """Return the country the sentence names as a place, else the first it names at all."""
    return _country_in(sentence, _runs(sentence), gazetteer)


def _country_in(sentence: str, runs: list[_Span], gazetteer: Gazetteer
                ) -> tuple[str, tuple[int, int]] | None:
    mentions = _country_mentions(sentence, runs, gazetteer)
    best = next((m for m in mentions if not m.of_actor), mentions[0] if mentions else None)
    return None if best is None else (best.country, best.span)


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A name the gazetteer knows, with every place of that name in any country.

    `partial`: the name is the start of a longer capitalised run ("La" of "La Palace").
    """

    span: tuple[int, int]
    places: tuple[Place, ...]
    partial: bool


def place_names(sentence: str, gazetteer: Gazetteer) -> list[PlaceName]:
    """Each name the place step would look up, with every place of that name, in text order.

    Unlike `find_places` no country is chosen first: a caller weighing which country a text
    is about sees every namesake ("Tripoli" in Libya and in Lebanon) without the bias a
    nationality word ("Turkish forces shelled Saraqab") would give the choice.
    """
    return [PlaceName((span.start, span.end), tuple(found), span.partial)
            for span in _spans(sentence, _runs(sentence), gazetteer)
            if (found := _candidates(sentence, span, gazetteer, None))]


def _runs(sentence: str) -> list[_Span]:
    """Longest-first capitalised spans of 1-4 tokens; a found span is not looked into again."""
    tokens = [m for m in _TOKEN.finditer(sentence)]
    spans: list[_Span] = []
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i].group()):
            i += 1
            continue
        run = [i]
        inner = i > 0 and _joined(sentence, tokens[i - 1], tokens[i]) and (
            _capitalised(tokens[i - 1].group())
            or (tokens[i - 1].group() in _CONNECTORS and i > 1
                and _capitalised(tokens[i - 2].group())
                and _joined(sentence, tokens[i - 2], tokens[i - 1])))
        while len(run) < MAX_TOKENS + 2 and run[-1] + 1 < len(tokens):
            nxt, prev = tokens[run[-1] + 1], tokens[run[-1]]
            gap = sentence[prev.end() : nxt.start()]
            word = nxt.group()
            if _POSSESSIVE.search(prev.group()) or not _JOIN.fullmatch(gap):
                break
            if not (_capitalised(word) or word in _CONNECTORS):
                break
            run.append(run[-1] + 1)
        while len(run) > 1 and tokens[run[-1]].group() in _CONNECTORS:
            run.pop()  # "Pinsk of the Brest region": a trailing "of" is no part of a name
        for length in range(len(run), 0, -1):
            last = tokens[run[length - 1]]
            if last.group() in _CONNECTORS:
                continue
            end = last.start() + len(_POSSESSIVE.sub("", last.group()))
            text = sentence[tokens[i].start() : end]
            spans.append(_Span(tokens[i].start(), end, normalise(text), i == 0, length < len(run),
                               inner))
        i += 1
    return spans


def _whole_name(sentence: str, span: _Span, candidates: list[Place], runs: list[_Span],
                gazetteer: Gazetteer, country: str) -> tuple[_Span, list[Place]]:
    """The whole capitalised name instead of its first words, when it is a place spelled
    otherwise.

    "in Ceel Dheer": "Ceel" alone is an alternate name of another town (Eyl), while the
    whole name is GeoNames' "Ceeldheer" of the document's country (`lookup_loose`); the name
    the text writes is the place meant. A whole name the gazetteer knows was taken already.
    """
    if not span.partial:
        return span, candidates
    whole = max((r for r in runs if r.start == span.start), key=lambda r: r.end)
    if whole.end <= span.end or whole.key in gazetteer:
        return span, candidates
    loose = gazetteer.lookup_loose(sentence[whole.start:whole.end], country)
    if not loose:
        return span, candidates
    return _Span(whole.start, whole.end, whole.key, whole.first, False, whole.inner), loose


def _joined(sentence: str, prev: re.Match[str], nxt: re.Match[str]) -> bool:
    """Whether two tokens are words of one name: a space or hyphen apart, no possessive."""
    return (_JOIN.fullmatch(sentence, prev.end(), nxt.start()) is not None
            and not _POSSESSIVE.search(prev.group()))


def _spans(sentence: str, runs: list[_Span], gazetteer: Gazetteer) -> list[_Span]:
    """Spans worth a place lookup: longest match wins, stopwords and countries are consumed."""
    chosen: list[_Span] = []
    covered_to = -1
    for span in runs:
        if span.start < covered_to:
            continue
        if span.key in STOP or span.key in INSTITUTION_WORDS:
            covered_to = span.end
            continue
        if span.key.split(" ", 1)[0] in STOP and " of " in span.key:
            continue  # "Municipality of Trancoso": the name starts after "of"
        if gazetteer.country_of(span.key) is not None and not _ADMIN_WORD.match(sentence, span.end):
            covered_to = span.end
            continue
        if span.first and span.key in _OPENERS:
            continue
        if _ACRONYM.fullmatch(sentence, span.start, span.end) or span.key in _ARTICLES:
            # "SMM", "PKK", "UP": organisations and abbreviations, not towns; "Al" alone is
            # the article of a name not found ("Al Dhaher"), not Norway's Ål.
            continue
        if (feature := _VALLEY_WORD.match(sentence, span.end)) is not None:
            # "the Panjshir valley": the curated natural feature, when there is one.
            key = f"{span.key} {normalise(feature.group())}"
            if key in gazetteer:
                span = _Span(span.start, feature.end(), key, span.first, span.partial,
                             span.inner)
        if (article := _LOWER_ARTICLE.search(sentence, max(0, span.start - 5), span.start)
                ) is not None and (key := f"{article.group(1)} {span.key}") in gazetteer:
            # "in el Mina", "in ech Choueifat": the article written lower-case is part of
            # the name the team spells with it ("El Mina")
            span = _Span(article.start(1), span.end, key, False, span.partial, span.inner)
        if span.key in gazetteer:
            chosen.append(span)
            covered_to = span.end
    return chosen


# Only articles that are no English word ("at", "as", "an" are left out: "such as X").
_LOWER_ARTICLE: Final = re.compile(r"(?<![\w-])(al|el|ech|ash|ad|ar|az)\s$")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(_ARTICLE.match(word))


def _candidates(
    sentence: str, span: _Span, gazetteer: Gazetteer, country: str | None
) -> list[Place]:
    before = sentence[: span.start].rstrip().rsplit(None, 1)
    if before and normalise(before[-1]) in _TITLES:
        return []  # "General Dostum": a person
    if _SPEECH.match(sentence, span.end):
        return []  # "Massoud said": a person
    return gazetteer.lookup(span.key, country)


def _evidence(
    sentence: str,
    span: _Span,
    candidates: list[Place],
    country: str | None,
    context: set[str | None],
    gazetteer: Gazetteer | None = None,
    anchors: tuple[tuple[float, float], ...] = (),
    theatre: tuple[str, ...] = (),
) -> PlaceEvidence:
    place = _choose(sentence, span, candidates, country, context, anchors)
    if theatre and place.kind == "place" and place.admin1 not in context:
        # The front the sentence names is in these provinces, and no namesake lies there:
        # the village is one GeoNames lacks (most front-line hamlets are), not a namesake
        # hundreds of km away (or abroad: "Elenovka" is also in Armenia). Its name as written,
        # in the front's country and first province.
        # A known word at the end of a longer name ("Vilny" of "near Khutir Vilny") stands
        # for the whole name: the hamlet is called by all of it.
        start = _name_start(sentence, span) if span.inner else span.start
        written = _ascii(_written(sentence, start, span.end))
        place = Place(written, country or place.country, theatre[0], None, None, math.nan,
                      math.nan, 0, "place", "text")
        span = _Span(start, span.end, normalise(written), span.first, span.partial)
    precision = _precision(sentence, span, place)
    place = _city_admin1(_with_district(_own_unit(_spelled(place, sentence, span), sentence,
                                                  span), gazetteer))
    return PlaceEvidence(
        place,
        precision,
        (span.start, span.end),
        _confidence(sentence, span, place, country, context),
    )


# The capitalised words right before a name, joined to it ("Khutir " before "Vilny").
_RUN_BEFORE: Final = re.compile(r"(?<![\w'\u2019-])(?:[A-Z][\w'\u2019]*[ -])+$")


def _name_start(sentence: str, span: _Span) -> int:
    """Where the capitalised name ending with ``span`` starts: its words before the span,
    less a sentence's first word ("Near Vilny") and stopwords, openers and titles."""
    if (run := _RUN_BEFORE.search(sentence, max(0, span.start - 40), span.start)) is None:
        return span.start
    start = span.start
    for word in reversed(list(_WORD.finditer(sentence, run.start(), span.start))):
        key = normalise(word.group())
        if (key in STOP or key in _OPENERS or key in _TITLES
                or _SENTENCE_START.search(sentence, 0, word.start())):
            break
        start = word.start()
    return start


_WORD: Final = re.compile(r"[^\s-]+")


def _choose(
    sentence: str,
    span: _Span,
    candidates: list[Place],
    country: str | None,
    context: set[str | None],
    anchors: tuple[tuple[float, float], ...] = (),
) -> Place:
    pool = _named_first(span.key, [p for p in candidates if p.country == country]) or candidates
    in_context = _named_first(span.key, [p for p in pool
                                         if p.admin1 in context and p.kind != "admin1"])
    if len(in_context) > 1 and anchors and in_context[0].source == "geonames":
        # Several namesakes in the province ("Vesele, Donetsk": five Veseles there):
        # the one nearest its capital, where the sentence's other places point.
        in_context.sort(key=lambda p: (_other_name_of(p, span.key), _km_to(p, anchors)))
    top = (in_context or pool)[0]
    top = _as_written(sentence, span, in_context or pool, top)
    province = _names_province(sentence, span)
    if top.kind == "admin1" and not province:
        # "in Kandahar": the city that shares its province's name, unless "province" follows.
        same = [p for p in pool if p.kind == "place" and normalise(p.location) == span.key]
        # A city that is a unit of its own ("Kyiv" in "Kyiv City", not in Kyiv oblast)
        # only when it is a large city: a village of that name is not what the text means.
        same = [p for p in same if p.admin1 == top.admin1] or [
            p for p in same if p.country == top.country and p.population >= _LARGE_CITY]
        top = same[0] if same else top
    elif top.kind != "admin1" and province:
        top = next((p for p in pool if p.kind == "admin1"), top)
    return top


def _named_first(key: str, places: list[Place]) -> list[Place]:
    """``places`` (namesakes of the document's country, or of the province the text names)
    with those called ``key`` by their own name first, and among them a seat of the unit
    of its name first; otherwise in the order given.

    GeoNames gives a town its neighbours' names among its alternates ("Mora" for Bilimora,
    "Visakhapatnam" for a suburb's entry, "Oleksandrivka" for Donetsk city), and the order
    puts the larger first; the place that is called so is the one meant. Two towns of one
    name ("El Salto, Jalisco"): the one that is its municipality's seat (admin2 its own
    name) is the one a text names without more. On the dev notes: 7 coordinates right
    more, none lost.
    """
    if len(places) < 2:
        return places
    return sorted(places, key=lambda p: (_other_name_of(p, key),
                                         normalise(p.admin2 or "") != key))


def _other_name_of(place: Place, key: str) -> bool:
    """Whether a GeoNames place has ``key`` only among its alternates, as another place's
    name: not its main name nor a part of it ("Culiacan" of "Culiacan Rosales", the
    official long name ACLED keeps). Curated and learned names are ACLED's own."""
    return place.source == "geonames" and f" {key} " not in f" {normalise(place.location)} "


def _as_written(sentence: str, span: _Span, pool: list[Place], top: Place) -> Place:
    """The learned place spelled exactly as the sentence writes it, else `top`.

    Names that differ only in spacing, hyphens or case share a lookup key ("Mogadishu -
    Hodan", "Mogadishu-Hodan"), yet a team's two spellings are often two codings of the same
    place, with other admin units (ACLED changed its Mogadishu districts' coding between
    years). A report spells a place the way its coders write it, so the exact spelling
    tells which coding the text follows.
    """
    written = _written(sentence, span.start, span.end)
    if top.source != "event" or top.location == written:
        return top
    return next((p for p in pool if p.source == "event" and p.location == written
                 and p.kind == top.kind and p.country == top.country), top)


# Named front lines and the provinces they run through: a village named in a sentence about
# that front is the namesake in those provinces. The OSCE monitors' reports and the
# Donbas war's parties (DPR/LPR, "NAF", "people's militia") place Ukraine's 2014-2022
# fighting in Donetsk and Luhansk oblasts (dev notes: 170 of 171 such events there);
# GeoNames often has a larger namesake elsewhere (Vodyane, Lviv) and lacks the hamlet.
_THEATRES: Final = (
    ("Ukraine", re.compile(
        r"\b(?:OSCE|SMM|Donbass?|DPR|LPR|NAF|Novorossiya|(?:Donetsk|Luhansk|Lugansk)"
        r"\s+People's\s+Republic|People's\s+Militia|contact\s+line|line\s+of\s+contact)\b"),
     ("Donetsk", "Luhansk")),
)


def _theatre(sentence: str, country: str | None) -> tuple[str, ...]:
    """The provinces of the front line the sentence names, if any (see _THEATRES)."""
    for theatre_country, cue, admin1s in _THEATRES:
        if country == theatre_country and cue.search(sentence):
            return admin1s
    return ()


def _anchors(admin1s: set[str | None], country: str | None, gazetteer: Gazetteer
             ) -> tuple[tuple[float, float], ...]:
    """The capitals (centroids) of the named provinces of ``country``."""
    if country is None:
        return ()
    return tuple(
        (p.latitude, p.longitude)
        for name in admin1s if name
        for p in gazetteer.lookup(name, country, limit=5)
        if p.kind == "admin1" and p.country == country and p.admin1 == name
        and not math.isnan(p.latitude)
    )


def _km_to(place: Place, anchors: tuple[tuple[float, float], ...]) -> float:
    """Distance in km (equirectangular: good enough within a province) to the nearest anchor."""
    return min(
        math.hypot(place.latitude - lat,
                   (place.longitude - lon) * math.cos(math.radians(lat))) * 111.2
        for lat, lon in anchors
    )


# A town of this size is most often the seat of its district, and the district takes the
# seat's name (Afghan, Pakistani, Mexican, Brazilian, Turkish districts): on the dev split of
# the ACLED samples, two thirds of the events in such a town have admin2 = location; in
# smaller places hardly any.
DISTRICT_SEAT_POPULATION: Final = 5000


# Countries whose third-level unit is named after its seat town, as the second is: Indian
# and Pakistani tehsils/talukas, Bangladeshi upazilas, Syrian nahiyas, Peruvian districts,
# Chilean communes, Philippine municipalities, Haitian communes, Greek municipal units.
# Elsewhere ACLED leaves admin3 blank or the unit has a name of its own, so no admin3 is
# guessed.
ADMIN3_SEAT_COUNTRIES: Final = frozenset(
    {"India", "Pakistan", "Bangladesh", "Syria", "Peru", "Chile", "Philippines", "Haiti",
     "Greece"}
)
# Countries whose seat towns lie in a third-level unit with a fixed name: an Iranian county
# (shahrestan) seat is in the county's Central District (bakhsh-e markazi).
SEAT_ADMIN3: Final = {"Iran": "Central"}


# Learned reverse geocoding: a GeoNames place lies in the admin units of the team's own
# event place nearest it, when that one is this close (admin3 units are small). On the dev
# notes scored fold by fold (bench/dev_eval.py --folds 5), 2-8 km do about equally well and
# 11 km starts to cost right units. Its admin1 is taken too: GeoNames' admin1 names are not
# always ACLED's, and a unit border within a few km of a town is rare.
LEARNED_UNIT_KM: Final = 5.0


def _with_district(place: Place, gazetteer: Gazetteer | None = None) -> Place:
    """The place with the admin units it most likely lies in.

    Only for GeoNames entries (admin2 from cities1000 where it has one): curated and learned
    places keep the admin2 they were given (or its absence, which is then ACLED's). The units of the
    nearest learned place of the same country (within LEARNED_UNIT_KM) come first, unless
    the text named another admin2; a learned place within LEARNED_SAME_KM under another name
    of the town (`_another_name`) is the town itself, as the team codes it. Else, for a town
    likely its district's seat, admin2 = GeoNames' or its own name, and admin3 its own name
    in the seat-named countries.
    """
    if (
        gazetteer is not None
        and place.source in ("geonames", "admin1")
        and (near := gazetteer.nearest_learned(place.country, place.latitude, place.longitude,
                                               LEARNED_UNIT_KM)) is not None
        and place.admin2 in (None, near[0].admin2)  # units the text names win
    ):
        if near[1] <= LEARNED_SAME_KM and _another_name(near[0].location, place.location):
            return replace(near[0], kind=place.kind)
        return replace(place, admin1=near[0].admin1, admin2=near[0].admin2,
                       admin3=place.admin3 or near[0].admin3)
    if (
        place.admin3 is None
        and place.source in ("geonames", "admin1")
        and place.population >= DISTRICT_SEAT_POPULATION
        and " - " not in place.location
    ):
        # A town this large is likely its district's seat: admin2 is GeoNames' (cities1000)
        # or else its own name, and where ACLED's third level is named after its seat,
        # admin3 too (dev: keeping the seat's admin3 beside a GeoNames admin2 pays).
        admin3 = (place.location if place.country in ADMIN3_SEAT_COUNTRIES
                  else SEAT_ADMIN3.get(place.country))
        return replace(place, admin2=place.admin2 or place.location, admin3=admin3)
    return place


# Capital cities ACLED codes as an admin1 of their own while GeoNames' admin1 holds them in a
# larger unit: (country, GeoNames admin2) -> ACLED's admin1. GeoNames puts the City of
# Belgrade in "Central Serbia"; ACLED's Serbian admin1 are Belgrade, Vojvodina and Central
# Serbia (dev: every Belgrade event).
_CITY_ADMIN1: Final = {("Serbia", "Belgrade"): "Belgrade"}


# A learned place this close to a GeoNames town, under a name like the town's, is the town
# as the team names it: "Culiacan Rosales" for "Culiacan", "Victoria de Durango" for
# "Durango", "Kot Diji" for "Kotdiji" (dev notes fold by fold: 1 and 2 km do alike; with no
# likeness of names asked, villages next to a town took its place).
LEARNED_SAME_KM: Final = 2.0


def _another_name(learned: str, name: str) -> bool:
    """Whether a learned place's name is another name of the town ``name``: the same
    words with more ("Culiacan Rosales"), or another spelling (`spelling_similarity`);
    never a part of it ("Aden-Kraytar" is a part of Aden, see `_city_part`)."""
    a, b = normalise(learned), normalise(name)
    if a == b:
        return True
    rest = learned[len(name):] if learned.casefold().startswith(name.casefold()) else ""
    if rest.lstrip(" ").startswith("-"):
        return False
    if f" {b} " in f" {a} " or f" {a} " in f" {b} ":
        return True
    return spelling_similarity(a, b) >= LOOSE_SIMILARITY


def _city_admin1(place: Place) -> Place:
    """The place with ACLED's admin1 when it lies in a capital city coded as its own admin1."""
    if (city := _CITY_ADMIN1.get((place.country, place.admin2 or ""))) is None:
        return place
    return replace(place, admin1=city)


# "Charkh district", "Argelia municipality", "Dehloran county": the text names the unit the
# town is the seat of, and the unit takes the town's name (codebook §7: the event is coded
# to that unit). A tehsil, taluka, subdivision, sub-district or payam is the third level.
_OWN_ADMIN2: Final = re.compile(rf"\s+(?:{_ADMIN2_UNITS})\b", re.I)
_OWN_ADMIN3: Final = re.compile(rf"\s+(?:{_ADMIN3_UNITS})\b", re.I)


def _own_unit(place: Place, sentence: str, span: _Span) -> Place:
    """A GeoNames town followed by its unit word, with that unit (its own name) filled in."""
    if place.source != "geonames" or place.kind != "place" or place.admin2 is not None:
        return place
    if _OWN_ADMIN2.match(sentence, span.end):
        seat = place.country in ADMIN3_SEAT_COUNTRIES  # its third level is named after it too
        admin3 = place.location if seat else SEAT_ADMIN3.get(place.country)
        return replace(place, admin2=place.location, admin3=admin3)
    if _OWN_ADMIN3.match(sentence, span.end):
        return replace(place, admin3=place.location)
    return place


def _spelled(place: Place, sentence: str, span: _Span) -> Place:
    """The place named as the sentence spells it, when that is one of GeoNames' alternates.

    GeoNames' main name is often a local romanisation ("Lashkar Gah", "Mar'yinka",
    "Ash Shaykh Zuwayd"), while ACLED writes the common English form, which is what the news
    (and the text in hand) uses. Curated and learned entries already use ACLED's spelling.
    """
    written = _ascii(_written(sentence, span.start, span.end))
    if (
        place.source != "geonames"
        or place.kind != "place"
        or span.partial
        or written.casefold() == place.location.casefold()
        or not written[:1].isupper()
        or written.isupper()
        or _extends(normalise(place.location), normalise(written))
    ):
        return place
    # Also when only apostrophes or hyphens differ: ACLED writes "Bir Al-Abd", "Samarra",
    # "Gourma-Rharous" as the text does, not GeoNames' "Bi'r al 'Abd", "Samarra'".
    return replace(place, location=written)


def _extends(main: str, written: str) -> bool:
    """Whether GeoNames' main name is the official full form of the written short name.

    "Acapulco" for "Acapulco de Juarez", "Apodaca" for "Ciudad Apodaca", "Sirwah" for "Suq
    Sirwah": ACLED keeps the official name (dev notes), which is GeoNames' main name. Other
    extra words are GeoNames' type words ("Hukumat-e Nad 'Ali", "Goth Phulji", "Marikina
    City") or another place ("North Lakhimpur"), which ACLED does not write.
    """
    return main.startswith(written + " de ") or main in (f"ciudad {written}", f"suq {written}")


def _ascii(name: str) -> str:
    """The name without diacritics: ACLED's names are plain ASCII ("Kagizman")."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name.replace("\u0131", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _precision(sentence: str, span: _Span, place: Place) -> int:
    if place.kind in ("admin1", "feature") or _VALLEY_WORD.match(sentence, span.end):
        return 3
    if " - " in place.location:
        return 1  # codebook §7: a district of a large city still counts as the place itself
    if place.kind == "admin2" or (
        (area := _AREA_WORD.match(sentence, span.end)) is not None
        # "Ar Rabii area" with no gazetteer entry is the locality itself, while "the Beni
        # area" is around a known town. "Tal Baydar area in Al-Hasakeh": an area known only by
        # its province is a small part of a region (§7: 2; dev notes 5 times in 5).
        and not (place.source == "text" and area.group().strip().casefold() == "area"
                 and not _AREA_IN_PROVINCE.match(sentence, span.end))
    ):
        return 2
    near = _NEAR.search(sentence, max(0, span.start - 60), span.start)
    if near is not None and near.group().casefold().startswith("area") and _CITY_WORD.match(
        sentence, span.end
    ):
        return 1  # "in the Saheb Bazar area of Rajshahi city": a part of the city (§7: 1)
    if near is None and "between" in sentence:
        near = _BETWEEN_AND.search(sentence, max(0, span.start - 80), span.start)
    return 2 if near is not None else 1


# "X area in Homs", not "X area in western Yemen (...)": a capitalised unit right after.
_AREA_IN_PROVINCE: Final = re.compile(r"\s+area\s+in\s+(?:the\s+)?[A-Z]")


# "between Qalimow and Balcad town", "on the road between X and Y": the event is somewhere
# between the two places, near each (§7: 2), the second as much as the first.
_BETWEEN_AND = re.compile(
    r"\bbetween\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:[\s-]+[A-Z][\w'\u2019-]*){0,3}"
    r"(?:\s+(?:town|village|city|district))?(?:\s*\([^()]{1,60}\))?\s+and\s+(?:the\s+)?$"
)


def _confidence(
    sentence: str, span: _Span, place: Place, country: str | None, context: set[str | None]
) -> float:
    score = 0.9 if country is not None and place.country == country else 0.6
    if country is not None and place.country != country:
        score = 0.3
    if context and place.kind == "place" and place.admin1 not in context:
        score -= 0.3  # a namesake outside the province the sentence names
    if _FROM.search(sentence, max(0, span.start - 12), span.start) and not _NEAR.search(
            sentence, max(0, span.start - 60), span.start):
        score -= 0.2  # "merchants from Tonala protested in Guadalajara": where they came from
    if _BASED_AT.search(sentence, max(0, span.start - 50), span.start) and _ATTACK_AFTER.search(
            sentence, span.end):
        score -= 0.1  # "forces located at X fired on positions near Y": the attackers' base
    if span.partial:
        score -= 0.1
    if span.first:
        score -= 0.1
    if place.kind == "feature":
        score -= 0.1  # "a camp at Parisu in Sambisa Forest": the feature is the wider area
    if _NEIGHBOURHOOD_BEFORE.search(sentence, max(0, span.start - 60), span.start) or (
        _NEIGHBOURHOOD_AFTER.match(sentence, span.end)
        or span.key.split(" ", 1)[0] in _NEIGHBOURHOOD_WORDS
    ):
        # "in Moroleon, Guanajuato ... in Colonia El Ranchito": a neighbourhood named after
        # its town is a part of it, and a namesake of it elsewhere is likelier than not.
        score -= 0.2
    return round(max(score, 0.05), 2)


_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
# Where the attackers stand, told before the attack: the event is coded at its target.
_BASED_AT: Final = re.compile(
    r"\b(?:located|stationed|based|positioned)\s+(?:at|in)\b[^.,;()]{0,40}$")
_ATTACK_AFTER: Final = re.compile(r"\b(?:fired|shelled|attacked|targeted|opened\s+fire)\b")
# "in Colonia El Ranchito", "in colonia Lomas de San Miguel" (a place called San Miguel
# elsewhere), "Colonia 5 de Mayo" (GeoNames has villages called Colonia).
_NEIGHBOURHOOD_BEFORE = re.compile(
    r"\b(?:colonia|fraccionamiento|barrio|bairro)\s+(?:[\w'-]+\s+){0,3}$", re.I)
_NEIGHBOURHOOD_WORDS: Final = _keys("colonia fraccionamiento barrio bairro")
_NEIGHBOURHOOD_AFTER = re.compile(
    r"\s+(?:neighbou?rhoods?|suburb|colony|comunidad|community)\b", re.I)


# A place the gazetteer lacks, where the wording itself says it is a place: "in Kwakwa
# village", "the village of Kwakwa", "attacked Kwakwa town (Gwoza, Borno)". Villages are most
# of ACLED's locations and most are in no gazetteer (issue 4: "Rukha is in none").
_NAMED_PLACE = re.compile(
    r"\b(?:(?:village|town|city|hamlet|locality|settlement|community) of\s+(?P<a>NAME)"
    r"|(?P<b>NAME)\s+(?:village|town|city|hamlet|locality|settlement|community)\b)"
    .replace("NAME", r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2}")
)


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """A place the text names as a village or town but no gazetteer knows."""

    location: str
    span: tuple[int, int]
    geo_precision: int


def spelled_otherwise(named: NamedPlace, country: str, admin1: str | None,
                     gazetteer: Gazetteer) -> PlaceEvidence | None:
    """The gazetteer place a name no lookup found is another spelling of, if any.

    `Gazetteer.lookup_loose`: within the province the sentence names (`admin1`) a close
    spelling, without one a near-identical one. The place keeps the text's spelling (ACLED's)
    and the text's precision, and gets the units it lies in; a lower confidence than a place
    found by its own name.
    """
    found = _spelled_otherwise(named.location, country, admin1, gazetteer)
    if not found:
        return None
    return PlaceEvidence(_with_district(found[0], gazetteer), named.geo_precision, named.span,
                         0.6)


def _spelled_otherwise(name: str, country: str, admin1: str | None,
                       gazetteer: Gazetteer) -> list[Place]:
    """The populated places `name` is another spelling of (`Gazetteer.lookup_loose`), best
    first: GeoNames' under the text's spelling (ACLED's), the team's own (learned) under
    the spelling the team gave it."""
    return [p if p.source == "event" else replace(p, location=name)
            for p in gazetteer.lookup_loose(name, country, admin1)
            if p.kind == "place"]


# Any capitalised name after "in", "at" or "near": in ACLED's notes and local reports that is
# where the event is, and when no gazetteer knows any place of the sentence it is most often
# a village (dev notes: the right location about four times in five). Tried after the named
# villages above, which say so themselves.
_AT_NAME = re.compile(
    r"\b(?:in|at|near|outside|around|of)\s+(?:the\s+)?(?:(?:village|town|area) of\s+)?"
    r"(?P<a>(?:(?:al|el|ad|ar|as|ash|an|az)-)?[A-Z][\w'\u2019-]*"
    r"(?:\s+(?:(?:al|el|ad|ar|as|ash|an|az)-)?[A-Z][\w'\u2019-]*){0,2})"
)
# "of X" names a place only after a word for a place or its parts: "outskirts of X".
_OF_PLACE = re.compile(r"\b(?:outskirts|vicinity|surroundings|village|town|area)\s+of\s+"
                       r"(?:the\s+)?$", re.I)


def find_unknown_places(sentence: str, gazetteer: Gazetteer,
                        loose: bool = False) -> list[NamedPlace]:
    """Villages and towns the sentence names as such that the gazetteer does not know.

    The coder still fills in the coordinates, but not the name or the admin units.
    `loose`: also any unknown capitalised name after "in", "at" or "near" (after those
    the sentence names as villages or towns), for a sentence that names no known place.
    """
    found: list[NamedPlace] = []
    for match in _NAMED_PLACE.finditer(sentence):
        group = "a" if match.group("a") else "b"
        if (place := _unknown(sentence, match.group(group), match.start(group),
                              gazetteer)) is not None:
            found.append(place)
    if loose:
        for match in _AT_NAME.finditer(sentence):
            start = match.start("a")
            if (match.group().startswith("of") and not match.group().startswith("of the")
                    and not _OF_PLACE.search(sentence, max(0, start - 30), start)):
                continue
            name = _POSSESSIVE.sub("", match.group("a"))
            words = normalise(name).split()
            if (not words or {words[0], words[-1]} & (STOP | _OPENERS | _TITLES)
                    or _ACRONYM.fullmatch(name.split()[0])):
                continue  # "in May", "at Sheikh Ali's house", "in the UN compound"
            if (place := _unknown(sentence, name, start, gazetteer)) is not None:
                found.append(place)
        for match in _ROAD_OF.finditer(sentence):
            if (place := _unknown(sentence, match.group("a"), match.start("a"),
                                  gazetteer)) is not None:
                # "blocked the Rashayya-Masnaa road": a road between two towns is near each
                found.append(replace(place, geo_precision=2) if match.group("b") else place)
    return found


# "protesters blocked the Miniyeh highway": a road, bridge or junction named after the town
# it serves; with no other place named, that town is where the event is (dev notes: the
# town 5 times in 6 when the sentence names no known place).
_ROAD_OF: Final = re.compile(
    r"\bthe\s+(?P<a>[A-Z][\w'\u2019]*(?:\s+[A-Z][\w'\u2019]*)?)"
    r"(?P<b>-[A-Z][\w'\u2019]*(?:\s+[A-Z][\w'\u2019]*)?)?"
    r"\s+(?:highway|road|bridge|roundabout|intersection|junction|triangle|crossroads?)\b")


def _unknown(sentence: str, name: str, start: int, gazetteer: Gazetteer) -> NamedPlace | None:
    """`name` at `start` as a place no gazetteer knows, if it may be one."""
    key = normalise(name)
    if key in gazetteer or key in STOP or key in _OPENERS or gazetteer.country_of(key):
        return None
    precision = 2 if _NEAR.search(sentence, 0, start) else 1
    return NamedPlace(name, (start, start + len(name)), precision)
