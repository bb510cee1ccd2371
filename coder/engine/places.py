"""Find the places ("where") of a sentence in a loaded gazetteer: pure lookup, no I/O.

Only capitalised spans are looked up: GeoNames has a place called "Taliban", one called
"Valley" and one called "Said", so lower-case words and a stoplist of frequent capitalised
non-places are never tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from coder.engine.gazetteer import Gazetteer, Place, normalise

MAX_TOKENS: Final = 4

# A word, with an optional Arabic article written lower-case ("al-Bab", "ash-Shaddadi").
_TOKEN = re.compile(r"(?:(?:al|el|ad|ar|as|ash|at|an|ad|az)-)?[^\W\d_][\w'\u2019-]*", re.UNICODE)
_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|an|az)-[A-Z]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# Lower-case words that may sit inside a name: "Dera Ismail Khan", "Bosnia and Herzegovina".
_CONNECTORS: Final = frozenset(
    {"al", "el", "de", "del", "du", "des", "la", "le", "of", "and", "bin"}
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
    The; A; An; In; On; At; Of; And; Said; Told; Media; News; Press; Agency; Twitter""",
    ";",
)
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
_ADMIN_WORD = re.compile(r"\s+(?:province|state|region|governorate|oblast|prefecture)\b", re.I)
_AREA_WORD = re.compile(r"\s+(?:district|area|county|territory|lga|zone)\b", re.I)
_VALLEY_WORD = re.compile(r"\s+(?:valley|forest|mountains?|hills|river|lake)\b", re.I)
# geo_precision 2 (codebook §7): "near" a town, or a small area represented by it. The
# outskirts count as the town itself (1), so "outskirts of" is deliberately absent.
_NEAR = re.compile(
    r"(?:\bnear(?:by)?|\bclose to|\baround|\boutside(?: of)?|\bvicinity of|\bkm (?:from|of)"
    r"|\bkilomet(?:re|er)s? (?:from|of)|\bmiles? (?:from|of)"
    r"|\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of"
    r"|\bvillages? (?:around|near|of|in)|\bsurroundings of)\s+(?:the\s+)?$",
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


def find_places(sentence: str, gazetteer: Gazetteer, country: str | None) -> list[PlaceEvidence]:
    """Return the places named in ``sentence``, in text order.

    ``country`` is the document's country (metadata first); without it the country named in
    the sentence is used. An admin1 that only qualifies a finer place in the same sentence
    ("in Rukha, Panjshir province") is not returned on its own.
    """
    runs = _runs(sentence)
    if country is None and (named := _country_in(runs, gazetteer)) is not None:
        country = named[0]
    hits = [
        (span, candidates)
        for span in _spans(sentence, runs, gazetteer)
        if (candidates := _candidates(sentence, span, gazetteer, country))
    ]
    context = {c[0].admin1 for _, c in hits if c[0].kind == "admin1"}
    found = [_evidence(sentence, span, cands, country, context) for span, cands in hits]
    finer = {(e.place.country, e.place.admin1) for e in found if e.place.kind != "admin1"}
    # "Mogadishu's Hodan district" names one place, "Mogadishu - Hodan", not two.
    parts = {e.place.location.split(" - ")[0] for e in found if " - " in e.place.location}
    return [
        e
        for i, e in enumerate(found)
        if (e.place.kind != "admin1" or (e.place.country, e.place.admin1) not in finer)
        and e.place.location not in parts
        and not (i and _qualifies(sentence, found[i - 1], e))
    ]


# "in Krymske, Luhansk", "in Limeira (Sao Paulo)": a comma or bracket after a town.
_QUALIFIER_GAP = re.compile(r"\s*[,(]\s*")


def _qualifies(sentence: str, town: PlaceEvidence, named: PlaceEvidence) -> bool:
    """Whether `named` only says which province `town` is in (the province's namesake city).

    The place step reads "Luhansk" as the city that shares its province's name; right after a
    town of that province it names the province, not a second place.
    """
    place = named.place
    return (
        town.place.kind != "admin1"
        and (town.place.country, town.place.admin1) == (place.country, place.admin1)
        and place.admin1 is not None
        and normalise(place.location) == normalise(place.admin1)
        and normalise(town.place.location) != normalise(place.location)
        and _QUALIFIER_GAP.fullmatch(sentence, town.span[1], named.span[0]) is not None
    )


def find_country(sentence: str, gazetteer: Gazetteer) -> tuple[str, tuple[int, int]] | None:
    """Return the first country named in the sentence (name, alias or demonym) and its span."""
    return _country_in(_runs(sentence), gazetteer)


def _country_in(runs: list[_Span], gazetteer: Gazetteer) -> tuple[str, tuple[int, int]] | None:
    for span in runs:
        if (country := gazetteer.country_of(span.key)) is not None:
            return country, (span.start, span.end)
    return None


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
        while len(run) < MAX_TOKENS + 2 and run[-1] + 1 < len(tokens):
            nxt, prev = tokens[run[-1] + 1], tokens[run[-1]]
            gap = sentence[prev.end() : nxt.start()]
            word = nxt.group()
            if _POSSESSIVE.search(prev.group()) or not _JOIN.fullmatch(gap):
                break
            if not (_capitalised(word) or word in _CONNECTORS):
                break
            run.append(run[-1] + 1)
        for length in range(len(run), 0, -1):
            last = tokens[run[length - 1]]
            if last.group() in _CONNECTORS:
                continue
            end = last.start() + len(_POSSESSIVE.sub("", last.group()))
            text = sentence[tokens[i].start() : end]
            spans.append(_Span(tokens[i].start(), end, normalise(text), i == 0, length < len(run)))
        i += 1
    return spans


def _spans(sentence: str, runs: list[_Span], gazetteer: Gazetteer) -> list[_Span]:
    """Spans worth a place lookup: longest match wins, stopwords and countries are consumed."""
    chosen: list[_Span] = []
    covered_to = -1
    for span in runs:
        if span.start < covered_to:
            continue
        if span.key in STOP:
            covered_to = span.end
            continue
        if gazetteer.country_of(span.key) is not None and not _ADMIN_WORD.match(sentence, span.end):
            covered_to = span.end
            continue
        if span.first and span.key in _OPENERS:
            continue
        if (feature := _VALLEY_WORD.match(sentence, span.end)) is not None:
            # "the Panjshir valley": the curated natural feature, when there is one.
            key = f"{span.key} {normalise(feature.group())}"
            if key in gazetteer:
                span = _Span(span.start, feature.end(), key, span.first, span.partial)
        if span.key in gazetteer:
            chosen.append(span)
            covered_to = span.end
    return chosen


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
) -> PlaceEvidence:
    place = _choose(sentence, span, candidates, country, context)
    return PlaceEvidence(
        place,
        _precision(sentence, span, place),
        (span.start, span.end),
        _confidence(span, place, country),
    )


def _choose(
    sentence: str,
    span: _Span,
    candidates: list[Place],
    country: str | None,
    context: set[str | None],
) -> Place:
    pool = [p for p in candidates if p.country == country] or candidates
    in_context = [p for p in pool if p.admin1 in context and p.kind != "admin1"]
    top = (in_context or pool)[0]
    if top.kind == "admin1" and not _ADMIN_WORD.match(sentence, span.end):
        # "in Kandahar": the city that shares its province's name, unless "province" follows.
        same = [p for p in pool if p.kind == "place" and p.admin1 == top.admin1]
        same = [p for p in same if normalise(p.location) == span.key]
        top = same[0] if same else top
    elif top.kind != "admin1" and _ADMIN_WORD.match(sentence, span.end):
        top = next((p for p in pool if p.kind == "admin1"), top)
    return top


def _precision(sentence: str, span: _Span, place: Place) -> int:
    if place.kind in ("admin1", "feature") or _VALLEY_WORD.match(sentence, span.end):
        return 3
    if " - " in place.location:
        return 1  # codebook §7: a district of a large city still counts as the place itself
    if place.kind == "admin2" or _AREA_WORD.match(sentence, span.end):
        return 2
    return 2 if _NEAR.search(sentence, 0, span.start) else 1


def _confidence(span: _Span, place: Place, country: str | None) -> float:
    score = 0.9 if country is not None and place.country == country else 0.6
    if country is not None and place.country != country:
        score = 0.3
    if span.partial:
        score -= 0.1
    if span.first:
        score -= 0.1
    return round(max(score, 0.05), 2)


# A place the gazetteer lacks, where the wording itself says it is a place: "in Kwakwa
# village", "the village of Kwakwa", "attacked Kwakwa town (Gwoza, Borno)". Villages are most
# of ACLED's locations and most are in no gazetteer (issue 4: "Rukha is in none").
_NAMED_PLACE = re.compile(
    r"\b(?:(?:village|town|hamlet|locality|settlement|community) of\s+(?P<a>NAME)"
    r"|(?P<b>NAME)\s+(?:village|town|hamlet|locality|settlement|community)\b)"
    .replace("NAME", r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2}")
)


@dataclass(frozen=True, slots=True)
class NamedPlace:
    """A place the text names as a village or town but no gazetteer knows."""

    location: str
    span: tuple[int, int]
    geo_precision: int


def find_unknown_places(sentence: str, gazetteer: Gazetteer) -> list[NamedPlace]:
    """Villages and towns the sentence names as such that the gazetteer does not know.

    The coder still fills in the coordinates, but not the name or the admin units.
    """
    found: list[NamedPlace] = []
    for match in _NAMED_PLACE.finditer(sentence):
        group = "a" if match.group("a") else "b"
        name = match.group(group)
        key = normalise(name)
        if key in gazetteer or key in STOP or key in _OPENERS or gazetteer.country_of(key):
            continue
        start = match.start(group)
        precision = 2 if _NEAR.search(sentence, 0, start) else 1
        found.append(NamedPlace(name, (start, match.end(group)), precision))
    return found
