"""The "did what" step: event_type and sub_event_type from cue words [codebook §3].

Cues are a data table (`CUES`): one row per cue, a tag and a regular expression over word
forms. A tag is either a sub-event type (the cue names it outright, e.g. "airstrike") or a
context tag (e.g. `kill`, `protest`, `civ`) that decides between sub-event types together with
other cues and the actor hints. All cues are compiled once into one alternation with a named
group per tag, so a sentence is scanned once; a cheap pre-check skips sentences without cues.

Within one event, cues of several types are folded with the codebook hierarchy (ground
fighting + airstrike = Battles; airstrike + shelling = Air/drone strike; abduction + killing =
Attack; protest turning violent = Riots). Several candidates come back only when the sentence
marks a separate incident ("in a separate incident", "the next day", ...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Final

from coder.schema.codebook import SUB_EVENT_TYPES


@dataclass(frozen=True, slots=True)
class TypeEvidence:
    """A suggested event_type/sub_event_type, the cue span (start, end) and a confidence."""

    event_type: str
    sub_event_type: str
    span: tuple[int, int]
    confidence: float


# Sub-event type names, spelled once here from the schema so a typo fails at import.
GOV_REGAINS: Final = SUB_EVENT_TYPES["Government regains territory"].name
NSA_OVERTAKES: Final = SUB_EVENT_TYPES["Non-state actor overtakes territory"].name
ARMED_CLASH: Final = SUB_EVENT_TYPES["Armed clash"].name
EXCESSIVE_FORCE: Final = SUB_EVENT_TYPES["Excessive force against protesters"].name
PROTEST_INTERVENTION: Final = SUB_EVENT_TYPES["Protest with intervention"].name
PEACEFUL_PROTEST: Final = SUB_EVENT_TYPES["Peaceful protest"].name
VIOLENT_DEMO: Final = SUB_EVENT_TYPES["Violent demonstration"].name
MOB_VIOLENCE: Final = SUB_EVENT_TYPES["Mob violence"].name
CHEMICAL: Final = SUB_EVENT_TYPES["Chemical weapon"].name
AIR_STRIKE: Final = SUB_EVENT_TYPES["Air/drone strike"].name
SUICIDE_BOMB: Final = SUB_EVENT_TYPES["Suicide bomb"].name
SHELLING: Final = SUB_EVENT_TYPES["Shelling/artillery/missile attack"].name
IED: Final = SUB_EVENT_TYPES["Remote explosive/landmine/IED"].name
GRENADE: Final = SUB_EVENT_TYPES["Grenade"].name
SEXUAL_VIOLENCE: Final = SUB_EVENT_TYPES["Sexual violence"].name
ATTACK: Final = SUB_EVENT_TYPES["Attack"].name
ABDUCTION: Final = SUB_EVENT_TYPES["Abduction/forced disappearance"].name
AGREEMENT: Final = SUB_EVENT_TYPES["Agreement"].name
ARRESTS: Final = SUB_EVENT_TYPES["Arrests"].name
CHANGE_TO_GROUP: Final = SUB_EVENT_TYPES["Change to group/activity"].name
DISRUPTED: Final = SUB_EVENT_TYPES["Disrupted weapons use"].name
HEADQUARTERS: Final = SUB_EVENT_TYPES["Headquarters or base established"].name
LOOTING: Final = SUB_EVENT_TYPES["Looting/property destruction"].name
NONVIOLENT_TRANSFER: Final = SUB_EVENT_TYPES["Non-violent transfer of territory"].name
OTHER: Final = SUB_EVENT_TYPES["Other"].name

# Inter codes the engine may pass as hints [codebook §5].
_STATE, _REBEL, _POL_MILITIA, _ID_MILITIA, _RIOTERS, _PROTESTERS, _CIVILIANS, _EXTERNAL = range(
    1, 9
)
_ARMED_CODES: Final = frozenset({_STATE, _REBEL, _POL_MILITIA, _ID_MILITIA, _EXTERNAL})

# --- Cue table --------------------------------------------------------------------------------
# (tag, regex). Context tags are lower case; the others are sub-event type names. Within the
# combined regex an earlier row wins when two cues start at the same character, so longer and
# more specific cues come first (e.g. "rocket-propelled grenade" before "grenade", "stun
# grenade" before "grenade" so that it is not read as a Grenade [§3]).
_W = r"(?:\s+[\w'-]+){0,3}?"  # up to three filler words, lazily
_PROT_N = r"(?:protesters|protestors|demonstrators|marchers|crowds?|rally|protest|demonstration)"

CUES: Final[tuple[tuple[str, str], ...]] = (
    # not-a-weapon-cue words that would otherwise be read as a weapon
    ("noise", r"stun grenades?|flash[- ]bangs?|sound bombs?"),
    # crude bombs count as rioting, not as a Grenade or IED [§3 Riots]
    ("riot_act", r"crude bombs?|petrol bombs?|molotov(?: cocktails?)?"),
    (SHELLING, r"rocket[- ]propelled grenades?|RPGs?|grenade launchers?"),
    # Protests: lethal force against protesters [§3 Excessive force]
    (EXCESSIVE_FORCE, r"(?:opened fire|fired(?: live)?(?: rounds| bullets| shots)?|shot)"
                      r"\s+(?:on|at|into)\s+(?:the\s+|a\s+)?(?:\w+\s+)?" + _PROT_N
                      + r"|live (?:ammunition|bullets|rounds|fire)"
                      r"|(?:killed|killing|shot dead|shooting dead|gunned down)" + _W
                      + r"\s+(?:protesters|protestors|demonstrators|marchers)"
                      r"|(?:protesters|protestors|demonstrators|marchers)" + _W
                      + r"\s+(?:were|was|had been|have been)\s+(?:shot dead|killed|shot)"),
    ("disperse", r"dispers(?:ed|ing|e)|broke up|water[- ]cannon|baton[- ]charged?|tear[- ]?gas"
                 r"|lathi[- ]?charged?|cane[- ]charged?|rubber bullets|(?:detained|arrested"
                 r"|rounded up)" + _W
                 + r"\s+(?:protesters|protestors|demonstrators|marchers|participants)"),
    ("riot_act", r"(?:threw|throwing|hurled|pelted)\s+(?:\w+\s+)?(?:stones|rocks|bricks|"
                 r"petrol bombs|molotov)|pelted|stoned|stone[- ]pelting|burn(?:ed|t|ing)\s+"
                 r"(?:\w+\s+)?(?:tyres|tires)|vandali[sz](?:ed|ing)|ransacked|turned violent"
                 r"|set fire to|set ablaze|torched|rampaged|rioted|riots?|rioters"),
    (MOB_VIOLENCE, r"lynch(?:ed|ing)?|mob(?:s)?|vigilantes?|mob justice"
                   r"|beaten to death by (?:angry )?(?:residents|villagers|locals|a crowd)"
                   r"|angry (?:residents|villagers|locals|youths?)|jungle justice"),
    ("crowd", r"(?:a )?group of (?:\w+ )?(?:people|residents|villagers|youths?|men|locals"
              r"|women)|community members|inhabitants|residents"),
    ("protest", r"protest(?:ed|ing|s)?|protesters|protestors|demonstrat(?:ed|ing|ion|ions|ors)"
                r"|rall(?:ied|y|ies)|march(?:ed|es)?|sit-ins?|picket(?:ed|ing)?"
                r"|took to the streets|gathered|motorcades?|caravans?|chant(?:ed|ing)|vigils?"
                r"|blocked (?:\w+ ){0,2}(?:roads?|highways?|streets?|routes?)|road ?blocks?"
                r"|strikes?|boycott(?:ed)?"),
    (DISRUPTED, r"defus(?:ed|ing|al)|intercept(?:ed|ing)|foil(?:ed|ing)|thwart(?:ed|ing)"
                r"|weapons? caches?|arms caches?|cache of|seized (?:\w+ )?(?:weapons|arms"
                r"|explosives|ammunition)|recovered (?:\w+ )?(?:weapons|explosives|IEDs?|bombs?)"
                r"|premature(?:ly)? (?:detonation|exploded|detonated)|while (?:planting|making)"
                r"|bomb disposal|shot down (?:a |an )?(?:\w+ )?drones?"),
    (HEADQUARTERS, r"set up (?:a |an |its |their )?(?:new )?(?:base|camp|headquarters|checkpoint)"
                   r"|establish(?:ed|ing) (?:a |an |its |their )?(?:new )?(?:base|camp"
                   r"|headquarters|outpost)"),
    # Explosions/Remote violence, hierarchy order [§3]
    (CHEMICAL, r"chemical (?:attack|weapons?|agents?)|sarin|mustard gas|chlorine(?: gas)?"),
    (AIR_STRIKE, r"air[- ]?strikes?|air raids?|drone (?:strikes?|attacks?)|warplanes?"
                 r"|(?:fighter )?jets? (?:bombed|struck|hit)|bombed from the air"
                 r"|helicopter gunships?|aerial (?:bombardment|attacks?|strikes?)"
                 r"|(?:armed )?drones?|bombing raids?|airstruck"),
    (SUICIDE_BOMB, r"suicide (?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|car bombs?"
                   r"|vests?|blasts?)|blew (?:him|her|them)sel(?:f|ves) up|SVBIEDs?"
                   r"|self-detonat\w*"),
    (SHELLING, r"shell(?:ed|ing|s)|mortars?|artillery|rockets?|missiles?|Grad|howitzers?"
               r"|shot down (?:a |an )?(?:\w+ )?(?:plane|jet|helicopter|aircraft)"
               r"|heavy weapons|tank fire|projectiles?|katyushas?"),
    (IED, r"IEDs?|improvised explosive devices?|roadside bombs?|landmines?|land mines?|mines?"
          r"|magnetic bombs?|sticky bombs?|car bombs?|VBIEDs?|explosive devices?"
          r"|unexploded ordnance|UXOs?|bomb blasts?|bombings?|bombs?|explosions?|blasts?"
          r"|exploded|detonated|went off"),
    (GRENADE, r"(?:hand[- ])?grenades?"),
    # Violence against civilians
    (SEXUAL_VIOLENCE, r"(?:gang[- ])?rap(?:ed|ing|es|e)|sexual(?:ly)? (?:violence|assault(?:ed)?"
                      r"|abused?|harass(?:ed|ment))|molested"),
    (ABDUCTION, r"abduct(?:ed|ing|ion|ions|s)?|kidnapp?(?:ed|ing|ings|s)?|taken hostage"
                r"|held hostage|took (?:\w+ )?hostages?|forcibly disappeared|disappeared"
                r"|whereabouts (?:are |remain )?unknown"),
    ("harm", r"tortur(?:ed|ing|e)|behead(?:ed|ing)|execut(?:ed|ing|ion)|stabb(?:ed|ing)"
             r"|hack(?:ed|ing) to death|beat(?:en|ing)?(?: to death)?|flogg(?:ed|ing)"
             r"|whipp(?:ed|ing)|assault(?:ed|ing)|burn(?:ed|t) alive|mutilated|massacred?"),
    ("kill", r"shot dead|shooting dead|gunned down|shot and killed|kill(?:ed|ing|s)?"
             r"|opened fire|(?:drive-by )?shootings?|shot to death|fatally|gunshot wounds"
             r"|(?:attempted|tried) to (?:kill|assassinate)|human remains"
             r"|murder(?:ed|ing|s)?|slain|slaughtered|assassinat(?:ed|ing|ion)|shot|wounded"
             r"|injured|bodies|body (?:of|was|were|found)|dead|died|death toll"),
    # Battles
    (GOV_REGAINS, r"recaptur(?:ed|ing|e)|retook|retak(?:en|ing|e)|regain(?:ed|ing)? control"
                  r"|liberat(?:ed|ing)|cleared (?:the )?(?:\w+ )?of (?:militants|insurgents)"),
    ("capture", r"captur(?:ed|ing|e)|seiz(?:ed|ing|e)|overr(?:an|un|unning)|fell to|fall of"
                r"|took (?:full )?control|taken control|tak(?:e|ing) (?:full )?control"
                r"|took over|taken over"),
    (ARMED_CLASH, r"clash(?:ed|es|ing)?|fighting|fought|gun ?fights?|fire ?fights?"
                  r"|exchang(?:e|ed|ing) (?:of )?(?:fire|gunfire)|skirmish(?:es)?"
                  r"|returned fire|shot back|fired back"
                  r"|ambush(?:ed|es|ing)?|repuls(?:ed|ing)|repelled|battled?|engaged"
                  r"|gun battles?|offensive|shoot-?outs?|small arms|(?:heavy )?machine ?guns?"
                  # South Asian usage: security forces' "encounter" with militants is a clash.
                  r"|encounters?"
                  r"|gunfire"),
    # firing on positions is a clash unless heavy weapons alone are named [§3 Shelling]
    ("fire_at", r"fired (?:[\w-]+ ){0,4}(?:on|at) (?:the )?(?:\w+ )?positions"),
    # "assault rifles" name a weapon, not an assault
    ("attack", r"attack(?:ed|ing|s)?|raid(?:ed|ing|s)?|assault(?!\s+rifles?)|storm(?:ed|ing)"),
    # Strategic developments
    (NONVIOLENT_TRANSFER, r"without (?:a )?(?:fight|resistance|fighting|a shot)"
                          r"|withdr(?:ew|awn|awal)|pulled out|handed over|retreated"
                          r"|surrendered (?:the )?(?:town|city|district|base)"),
    (AGREEMENT, r"cease-?fires?|truce|peace (?:talks|deal|agreement|accord)|signed|agreement"
                r"|released (?:\w+ ){0,3}(?:prisoners|detainees|hostages)"
                r"|prisoner (?:swap|exchange)"
                r"|surrender(?:ed|s)?|laid down (?:their )?arms|agreed|deal"),
    (ARRESTS, r"arrest(?:ed|s|ing)?|detain(?:ed|ing)|rounded up|taken into custody|apprehended"),
    (CHANGE_TO_GROUP, r"deploy(?:s|ed|ing|ment)?|reinforcements?|defect(?:ed|ion|ions)"
                      r"|curfews?|joined (?:the )?(?:\w+ )?(?:group|ranks|insurgency)"
                      r"|recruit(?:ed|ing|ment)|merged|formed (?:a |an )?new|troop movements?"
                      r"|moved (?:\w+ )?(?:troops|forces)|state of emergency|lockdown"
                      r"|mobilis(?:ed|ation)|mobiliz(?:ed|ation)|patroll?(?:ed|ing|s)?"
                      r"|(?:military )?(?:columns?|convoys?)|fortifications?|trenches"
                      r"|(?:new )?(?:security )?measures"),
    (LOOTING, r"loot(?:ed|ing)|pillag(?:ed|ing)|burn(?:ed|t) down|destroy(?:ed|ing)"
              r"|demolish(?:ed|ing)|arson|vandalism"),
    (OTHER, r"coup(?: d'[ée]tat)?|mass graves?|displaced|displacement|fled (?:their|the)"),
    # victims and targets, for Attack vs Armed clash [§3: Battles need two armed groups]
    ("civ", r"civilians?|villagers?|residents?|farmers?|wom[ae]n|girls?|boys?|children|child"
            r"|teachers?|students?|pupils|workers?|traders?|journalists?|(?:tribal )?elders?"
            r"|family|passengers?|worshipp?ers|shopkeepers?|drivers?|doctors?|nurses?"
            r"|herders?|fishermen|pilgrims|IDPs|refugees|migrants|locals?|man|men|person"
            r"|people|pastor|priest|imam|cleric|chief|activists?|officials?|councillors?"
            r"|mayor|candidates?|businessman|his (?:wife|son|daughter|brother)|detainees"
            r"|prisoners|relatives|merchants?|owners?"),
    ("mil", r"soldiers?|troops|army|military|police(?:m[ae]n|wom[ae]n)?|officers?"
            r"|security forces|members? of (?:the )?(?:\w+ ){0,3}(?:division|brigade|battalion"
            r"|regiment|forces|army|police)"
            r"|militants?|fighters?|rebels?|insurgents?|checkpoints?|outposts?|posts?|bases?"
            r"|convoys?|patrols?|militia(?:men|s)?|guards?|personnel|ANDSF|forces|positions"
            r"|jihadists?|gunmen|commanders?|Taliban|army post|barracks"),
)

_GROUP_OF: Final = {tag: f"g{i}" for i, tag in enumerate(dict.fromkeys(t for t, _ in CUES))}
_TAG_OF: Final = {g: t for t, g in _GROUP_OF.items()}


_ANY_LETTER: Final = frozenset("abcdefghijklmnopqrstuvwxyz")


def _split_top(pattern: str) -> list[str]:
    """Top-level alternatives of a regex (split on "|" outside groups and classes)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _first_letters(pattern: str) -> frozenset[str]:
    """Lower-case letters a match of `pattern` can start with; all letters when unsure."""
    letters: set[str] = set()
    for alternative in _split_top(pattern):
        if alternative[:1].isalpha():
            letters.add(alternative[0].lower())
        elif alternative.startswith("(?:"):
            depth, end = 0, 0
            for end, char in enumerate(alternative):  # noqa: B007 - end is used after the loop
                depth += char == "("
                depth -= char == ")"
                if depth == 0:
                    break
            letters |= _first_letters(alternative[3:end])
            if alternative[end + 1:end + 2] in {"?", "*"}:
                letters |= _first_letters(alternative[end + 2:])
        else:
            return _ANY_LETTER
    return frozenset(letters)


def _build_cue_regexes() -> dict[str, re.Pattern[str]]:
    """Per first letter, one alternation of the cue rows that can start with it.

    Scanning only word starts with the few rows of their letter is several times faster than
    one alternation tried at every character. Rows keep their table order (an earlier row wins
    at the same start); a tag may have several rows, so groups are named g<tag>_<row>.
    """
    rows = [(row, tag, pattern, _first_letters(pattern)) for row, (tag, pattern) in enumerate(CUES)]
    regexes: dict[str, re.Pattern[str]] = {}
    for letter in sorted(_ANY_LETTER):
        parts = [f"(?P<{_GROUP_OF[tag]}_{row}>{pattern})"
                 for row, tag, pattern, letters in rows if letter in letters]
        if parts:
            regexes[letter] = re.compile(r"(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)
    return regexes


_CUE_RES: Final = _build_cue_regexes()
_WORD_START_RE: Final = re.compile(r"(?<![\w-])[A-Za-z][\w'-]*")
# Frequent words that start no cue: skipping them saves most of the per-word matching.
_NEVER_CUE: Final = frozenset({
    "the", "of", "in", "on", "at", "to", "and", "or", "by", "for", "from", "with", "was", "were",
    "is", "are", "be", "been", "has", "have", "had", "that", "which", "who", "it", "its", "he",
    "she", "they", "their", "this", "these", "those", "as", "an", "said", "says", "according",
    "near", "district", "province", "city", "village", "area", "town", "reported", "reportedly",
    "during", "when", "where", "also", "not", "no", "into", "after", "before",
})


def _cue_matches(sentence: str) -> list[re.Match[str]]:
    """Non-overlapping cue matches at word starts, left to right."""
    matches: list[re.Match[str]] = []
    end = 0
    for word in _WORD_START_RE.finditer(sentence):
        start = word.start()
        if start < end or word.group().lower() in _NEVER_CUE:
            continue
        regex = _CUE_RES.get(sentence[start].lower())
        match = regex.match(sentence, start) if regex is not None else None
        if match is not None:
            matches.append(match)
            end = match.end()
    return matches
_PARTY_TAGS: Final = frozenset({"civ", "mil"})
# Tags that say who, not what happened: never an event cue alone, never scoped.
_UNSCOPED_TAGS: Final = frozenset({"civ", "mil", "noise", "crowd"})
_SOURCE_AFTER_RE: Final = re.compile(
    r"(?:\s+\w+)?\s+(?:said|say|says|reported|told|stated|claimed|spokes\w*|sources?)\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE_RE: Final = re.compile(r"(?:were|was|been|being|got)\s+(?:\w+\s+)?$", re.I)

# Words that put a following cue outside the facts: modality, appeals, statements about
# intentions, negation, denial [issue: speculation, statements and appeals get no event].
_SCOPE_RE: Final = re.compile(
    r"(?i:(?P<negated>\b(?:no|not|never|nor|without|no one|nobody|none|neither|denied|deny|denies"
    r"|denying|unclear)\b|n't\b))"
    r"|(?P<speculation>(?i:\b(?:could|might|would|will|shall|should|must|likely|possible|possibly"
    r"|feared|fears?|risk|expected|expects?|intends?|intended|plans?|planned|planning|aims?"
    r"|seeks?|sought|threat(?:en|ens|ened|ening)|vow(?:s|ed)?|pledged?|promised?|ready|prepare"
    r"|prepared|preparing|anticipat(?:e|es|ed|ing|ion)|set to|going to|if|unless|whether"
    r"|warn(?:s|ed|ing)?|rumou?rs?)\b)"
    r"|\bmay\b)"
    r"|(?i:(?P<appeal>\b(?:call(?:s|ed|ing)? (?:for|on)|urg(?:e|es|ed|ing)|appeal(?:s|ed|ing)?"
    r"|demand(?:s|ed|ing)?|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)"
    r"|blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing)|to stop|to end|to prevent|against the|over the"
    r"|following the|after the)\b))",
)
# The scope of such a word: the next few words, not past a clause break.
_SCOPE_WORDS: Final = 5
_CLAUSE_BREAK_RE: Final = re.compile(r"[;:]|,\s+(?:and|but|while|as|after|before)\b|\bbut\b")

_HISTORY_RE: Final = re.compile(
    r"^\s*(?:in|by|since|back in|until|between)\s+(?:\w+\s+)?(?:1[89]\d\d|20\d\d)\b"
    r"|\b(?:in|during) the (?:19|20)\d0s\b|\b\d+ (?:years|decades) ago\b"
    r"|\bever since\b|\bhistorically\b",
    re.IGNORECASE,
)
# Markers of a second, separate incident in the same sentence [§10: different day, place or
# actors make separate events].
_SPLIT_RE: Final = re.compile(
    r"\b(?:in (?:a |another )?separate (?:incident|attack|event)s?|separately|in another "
    r"(?:incident|attack)|elsewhere|meanwhile|the (?:next|following|previous) day|a day later"
    r"|(?:\w+) days later)\b",
    re.IGNORECASE,
)
_STATE_SUBJECT_RE: Final = re.compile(
    r"\b(?:government|army|military|security forces|troops|soldiers|police|state forces"
    r"|national army|armed forces)\b(?:\s+\w+){0,3}?\s+(?:captured|seized|took|overran)",
    re.IGNORECASE,
)
_PLACE_OBJECT_RE: Final = re.compile(
    r"\s+(?:the\s+)?(?:control\s+)?(?:of\s+(?:the\s+)?)?(?:(?:\w+\s+){0,2}(?:town|city|district|village"
    r"|area|base|province|capital|headquarters|centre|center|airport|port|region|territory"
    r"|positions?|checkpoint|post|outpost|camp|valley|road|hill|crossing|bridge)s?\b|[A-Z])"
)
_CROWD_RE: Final = re.compile(
    r"\b(?:supporters|communities|community|youths|groups of|members of|families|neighbou?rs"
    r"|students|workers|fans|partisans)\b",
    re.IGNORECASE,
)
# The Shelling rows of the cue table, to find a heavy weapon inside another cue's span.
_HEAVY_WEAPON_RE: Final = re.compile(
    r"\b(?:" + "|".join(pattern for tag, pattern in CUES if tag == SHELLING) + r")\b",
    re.IGNORECASE,
)
_HARM_TAGS: Final = frozenset({"attack", "harm", "kill", "riot_act", ARMED_CLASH})
_WEAPON_TAGS: Final = frozenset({CHEMICAL, AIR_STRIKE, SUICIDE_BOMB, SHELLING, IED, GRENADE})


@dataclass(frozen=True, slots=True)
class _Cue:
    tag: str
    start: int
    end: int


def _scoped(sentence: str, start: int) -> str | None:
    """The scope kind ("negated", "speculation", "appeal") governing a cue at `start`, if any."""
    window_start = max(0, start - 60)
    window = sentence[window_start:start]
    breaks = list(_CLAUSE_BREAK_RE.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    kind: str | None = None
    for match in _SCOPE_RE.finditer(window):
        if len(window[match.end():].split()) <= _SCOPE_WORDS:
            kind = match.lastgroup
    return kind


@lru_cache(maxsize=64)
def _cues(sentence: str) -> tuple[tuple[_Cue, ...], tuple[str, ...]]:
    """Asserted cues of the sentence, and the scope kinds of the cues that were dropped.

    Cached: the engine asks `is_reportable` and `classify` about the same sentence in a row.
    """
    found: list[_Cue] = []
    blocked: list[str] = []
    for match in _cue_matches(sentence):
        group = match.lastgroup
        if group is None:
            continue
        tag = _TAG_OF[group.rsplit("_", 1)[0]]
        text = match.group()
        if tag == "protest" and text == "March":  # the month, not a march
            continue
        if tag in _PARTY_TAGS and _SOURCE_AFTER_RE.match(sentence, match.end()):
            continue  # "police said ...": a source of the report, not a target
        if tag in _UNSCOPED_TAGS:
            found.append(_Cue(tag, match.start(), match.end()))
            continue
        kind = _scoped(sentence, match.start())
        if kind is None:
            found.append(_Cue(tag, match.start(), match.end()))
        else:
            blocked.append(kind)
    return tuple(found), tuple(blocked)


# Arms and routine activity named without anything done with them ("assault rifles and
# rocket-propelled grenades are among the weapons carried", "fighters patrol the area")
# describe a force, not an event: they count only beside a verb of use [codebook §3].
_EQUIPMENT_RE: Final = re.compile(
    r"(?:heavy )?machine ?guns?|mortars?|rockets?|rocket[- ]propelled grenades?|RPGs?"
    r"|grenade launchers?|(?:hand[- ])?grenades?|missiles?|artillery|(?:armed )?drones?"
    r"|heavy weapons|howitzers?|small arms|patroll?(?:ed|ing|s)?|(?:military )?(?:columns?"
    r"|convoys?)|fortifications?|trenches|(?:new )?(?:security )?measures",
    re.IGNORECASE,
)
_USE_RE: Final = re.compile(
    r"\b(?:fired|firing|launched|launching|struck|strikes?|hit|shelled|shelling|pounded"
    r"|targeted|targeting|attack(?:ed|ing)|kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)"
    r"|exploded|detonated|landed|destroyed|bombed|hurled|threw|lobbed|dead|died|clash(?:ed|es)"
    r"|ambushed|deployed|intercepted|shot|shots|exchanged|conducted|established|destroy\w*"
    # movements: a convoy or column that entered, crossed or arrived is a troop movement
    r"|entered|crossed|arrived|regrouped|stationed|heading|headed"
    r"|reported|observed|bursts? of fire|(?:artillery|arms|guns?|machineguns?|mortar|rocket"
    r"|tank|sniper) fire)\b",
    re.IGNORECASE,
)


def _equipment_only(sentence: str, cues: Sequence[_Cue]) -> bool:
    """Whether every event cue only names arms or routine activity, with no verb of use."""
    acts = [c for c in cues if c.tag not in _UNSCOPED_TAGS]
    return bool(acts) and all(
        _EQUIPMENT_RE.fullmatch(sentence, c.start, c.end) for c in acts
    ) and not _USE_RE.search(sentence)


# Someone physically stopping a gathering, told in a sentence of its own ("Police intervened
# and arrested 20 of them"): what turns a peaceful protest into one with intervention (§3).
_INTERVENTION_RE: Final = re.compile(
    r"\b(?:dispers(?:e|ed|ing)|broke (?:it |them )?up|water[- ]cannons?|baton[- ]charged?"
    r"|lathi[- ]?charged?|cane[- ]charged?|tear[- ]?gas|rubber bullets|intervened"
    r"|used force|(?:arrested|detained|rounded up|removed|evicted|chased away|pushed back)"
    r"\b(?:\s+[\w-]+){0,3}?\s+(?:them|of them|protesters|protestors|demonstrators"
    r"|participants|the crowd|people))\b",
    re.IGNORECASE,
)


def intervention(sentence: str) -> tuple[int, int] | None:
    """The span of a physical intervention against a gathering, if the sentence tells one."""
    found = _INTERVENTION_RE.search(sentence)
    if found is None or _scoped(sentence, found.start()) is not None:
        return None
    return found.span()


def is_reportable(sentence: str, history: bool = False) -> tuple[bool, str]:
    """Whether the sentence reports an event as fact; False comes with a reason.

    Reasons: "history" (passed by the date step via `history`, or a leading past year such as
    "In 1996 ..."), "negated", "speculation", "appeal" (statements, appeals, condemnations,
    denials) and "no event cue". "No casualties were reported" is not an event cue.
    """
    if history or _HISTORY_RE.search(sentence):
        return False, "history"
    found, blocked = _cues(sentence)
    if _equipment_only(sentence, found):
        return False, "no event cue"
    if any(c.tag not in _UNSCOPED_TAGS for c in found):
        return True, ""
    if blocked:
        return False, max(set(blocked), key=blocked.count)
    return False, "no event cue"


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the parts that split markers set apart as separate incidents."""
    bounds = [0]
    bounds.extend(m.start() for m in _SPLIT_RE.finditer(sentence) if m.start() > 0)
    bounds.append(len(sentence))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def classify(sentence: str, inter_hints: Sequence[int] = ()) -> list[TypeEvidence]:
    """Candidate event types of the sentence, best first; [] when no asserted event cue.

    One candidate per distinct event: cues of one event are folded with the codebook hierarchy;
    a second candidate appears only when a marker sets apart a separate incident (and its
    sub-event type differs). `inter_hints` are inter codes of actors the actor step found
    (7 civilians, 6 protesters, 1 state forces, ...); they decide Attack vs Armed clash,
    Arrests vs Abduction and the like. Negated, modal and appealed cues are ignored; call
    `is_reportable` first to drop history, speculation and statements.
    """
    found, _ = _cues(sentence)
    if not found:
        return []
    results: list[TypeEvidence] = []
    seen: set[str] = set()
    for start, end in _clauses(sentence):
        clause_cues = [c for c in found if start <= c.start < end]
        evidence = _decide(sentence, clause_cues, frozenset(inter_hints))
        if evidence is not None and evidence.sub_event_type not in seen:
            seen.add(evidence.sub_event_type)
            results.append(evidence)
    results.sort(key=lambda e: -e.confidence)
    return results


def _evidence(sub_event_type: str, cue: _Cue, confidence: float) -> TypeEvidence:
    return TypeEvidence(
        SUB_EVENT_TYPES[sub_event_type].event_type, sub_event_type, (cue.start, cue.end), confidence
    )


def _decide(sentence: str, cues: list[_Cue], hints: frozenset[int]) -> TypeEvidence | None:
    """The one sub-event type of one event's cues, by the codebook hierarchy [§3]."""
    first: dict[str, _Cue] = {}
    for cue in cues:
        first.setdefault(cue.tag, cue)
    tags = set(first)
    if not tags - _UNSCOPED_TAGS:
        return None
    for decide in (_protest_or_riot, _battle, _remote):
        evidence = decide(sentence, first, tags, hints)
        if evidence is not None:
            return evidence
    evidence = _violence(sentence, first, tags, hints, cues)
    if evidence is not None:
        return evidence
    return _strategic(sentence, first, tags, hints)


def _protest_or_riot(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int]
) -> TypeEvidence | None:
    """Protests and Riots: who is violent decides [§3 Protests, Riots]."""
    protest = "protest" in tags or _PROTESTERS in hints
    if EXCESSIVE_FORCE in tags:
        return _evidence(EXCESSIVE_FORCE, first[EXCESSIVE_FORCE], 0.85)
    if MOB_VIOLENCE in tags and not protest:
        return _evidence(MOB_VIOLENCE, first[MOB_VIOLENCE], 0.8)
    if "crowd" in tags and not protest and tags & _HARM_TAGS and not tags & _WEAPON_TAGS:
        # A crowd of ordinary people that attacks is a mob, not an armed group [§3 Riots].
        return _evidence(MOB_VIOLENCE, first["crowd"], 0.6)
    armed_fight = tags & {GOV_REGAINS, NSA_OVERTAKES} or (
        ARMED_CLASH in tags and not protest and "riot_act" not in tags
    )
    if armed_fight:
        return None
    if "riot_act" in tags and (protest or _RIOTERS in hints):
        return _evidence(VIOLENT_DEMO, first["riot_act"], 0.8)
    if not protest:
        if "riot_act" in tags and first["riot_act"].end - first["riot_act"].start >= 4 and (
            sentence[first["riot_act"].start:first["riot_act"].end].lower().startswith("riot")
        ):
            return _evidence(VIOLENT_DEMO, first["riot_act"], 0.6)
        return None
    cue = first.get("protest") or next(iter(first.values()))
    if ARMED_CLASH in tags or MOB_VIOLENCE in tags or ("crowd" in tags and tags & _HARM_TAGS):
        # A protest that turns into clashes is one Riots event [§3].
        cue = first.get(ARMED_CLASH) or first.get(MOB_VIOLENCE) or first["crowd"]
        return _evidence(VIOLENT_DEMO, cue, 0.7)
    if "kill" in tags and _lethal(sentence, first["kill"]):
        return _evidence(EXCESSIVE_FORCE, first["kill"], 0.55)
    if "disperse" in tags:
        return _evidence(PROTEST_INTERVENTION, first["disperse"], 0.8)
    if ARRESTS in tags and _arrest_act(sentence, first[ARRESTS]):
        return _evidence(PROTEST_INTERVENTION, first[ARRESTS], 0.65)
    if "protest" not in tags:
        return None
    if _is_noun_only_strike(sentence, cue):
        return None
    return _evidence(PEACEFUL_PROTEST, cue, 0.75)


def _arrest_act(sentence: str, cue: _Cue) -> bool:
    """An arrest made at the protest, not the arrest the protesters protest against."""
    word = sentence[cue.start:cue.end].lower()
    before = sentence[max(0, cue.start - 16):cue.start].lower()
    return word not in {"arrest", "arrests"} and not re.search(
        r"\b(?:the|his|her|their|of|against|over|was|had been|has been)\s+$", before
    )


def _is_noun_only_strike(sentence: str, cue: _Cue) -> bool:
    """'strike' is a protest cue only as a labour strike, not an air or drone strike."""
    text = sentence[cue.start:cue.end].lower()
    return text == "strike" and bool(re.search(r"(?:air|drone|missile)\W*$", sentence[:cue.start]))


def _lethal(sentence: str, cue: _Cue) -> bool:
    """A kill cue that is an act here, not a noun naming an earlier killing ("the killing of")."""
    before = sentence[max(0, cue.start - 12):cue.start].lower()
    word = sentence[cue.start:cue.end].lower()
    nominal = {"killing", "killings", "death", "murder", "murders", "assassination"}
    return not (word in nominal and before.endswith(("the ", "of ", "against ", "over ")))


def _battle(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int]
) -> TypeEvidence | None:
    """Battles: two organised armed groups fight; territory changes refine it [§3 Battles]."""
    if GOV_REGAINS in tags:
        return _evidence(GOV_REGAINS, first[GOV_REGAINS], 0.75)
    capture = first.get("capture")
    fell = capture is not None and sentence[capture.start:capture.end].lower() in {"fell to",
                                                                                  "fall of"}
    if capture is not None and (fell or _PLACE_OBJECT_RE.match(sentence, capture.end)):
        if NONVIOLENT_TRANSFER in tags:
            return _evidence(NONVIOLENT_TRANSFER, first[NONVIOLENT_TRANSFER], 0.7)
        if _STATE_SUBJECT_RE.search(sentence):
            return _evidence(GOV_REGAINS, capture, 0.6)
        return _evidence(NSA_OVERTAKES, capture, 0.7)
    if "fire_at" in tags and ARMED_CLASH not in tags and not tags & _WEAPON_TAGS:
        fired = first["fire_at"]
        if _HEAVY_WEAPON_RE.search(sentence, fired.start, fired.end):
            # "fired 82mm mortars at the positions": heavy weapons with no other engagement
            # are Shelling (codebook §3); the fire_at cue had swallowed the weapon's name.
            return _evidence(SHELLING, fired, 0.7)
        return _evidence(ARMED_CLASH, fired, 0.7)
    if ARMED_CLASH in tags:
        clash_word = sentence[first[ARMED_CLASH].start:first[ARMED_CLASH].end].lower()
        if (clash_word.startswith("clash") and "mil" not in tags and not hints & _ARMED_CODES
                and ("civ" in tags or _CROWD_RE.search(sentence))):
            # Battles need two organised armed groups [§3]; crowds fighting are a mob.
            return _evidence(MOB_VIOLENCE, first[ARMED_CLASH], 0.55)
        return _evidence(ARMED_CLASH, first[ARMED_CLASH], 0.8)
    return None


_REMOTE_ORDER: Final = (CHEMICAL, AIR_STRIKE, SUICIDE_BOMB, SHELLING, IED, GRENADE)


def _remote(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int]
) -> TypeEvidence | None:
    """Explosions/Remote violence, highest-ranked weapon first [§3]."""
    if DISRUPTED in tags:
        return None  # defused or intercepted: the weapon was not used [§3 Disrupted weapons use]
    for sub in _REMOTE_ORDER:
        if sub in tags:
            if sub == SHELLING and re.search(r"exchange", sentence, re.IGNORECASE):
                # Two sides exchanging long-range fire is an Armed clash [§3 Battles].
                return _evidence(ARMED_CLASH, first[sub], 0.6)
            confidence = 0.6 if sub == IED and _generic_blast(sentence, first[sub]) else 0.8
            return _evidence(sub, first[sub], confidence)
    return None


def _generic_blast(sentence: str, cue: _Cue) -> bool:
    return sentence[cue.start:cue.end].lower() in {"explosion", "explosions", "blast", "blasts",
                                                   "exploded", "bomb", "bombs", "went off"}


def _target(sentence: str, cues: Sequence[_Cue], tag: str, act: _Cue) -> bool:
    """A `tag` party word that is the target of the act: after it, or subject of a passive."""
    passive = bool(_PASSIVE_BEFORE_RE.search(sentence, 0, act.start)) or sentence[
        act.start:act.end
    ].lower() in {"dead", "died", "wounded", "injured", "bodies"}
    return any(c.tag == tag and (c.start > act.start or passive) for c in cues)


def _violence(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int],
    cues: Sequence[_Cue] = (),
) -> TypeEvidence | None:
    """Violence against civilians, or a one-sided-looking attack on armed targets [§3]."""
    if SEXUAL_VIOLENCE in tags:
        return _evidence(SEXUAL_VIOLENCE, first[SEXUAL_VIOLENCE], 0.85)
    harm = first.get("kill") or first.get("harm")
    if harm is not None and not _lethal(sentence, harm) and "harm" not in tags:
        harm = None
    attack = first.get("attack")
    act = harm or attack
    civilians = _CIVILIANS in hints or (act is not None and _target(sentence, cues, "civ", act))
    armed_target = act is not None and _target(sentence, cues, "mil", act) and not civilians
    if hints and not civilians and len(hints & _ARMED_CODES) >= 2:
        armed_target = True
    if harm is not None or attack is not None:
        cue = harm or attack
        assert cue is not None
        if armed_target and ABDUCTION not in tags:
            return _evidence(ARMED_CLASH, attack or cue, 0.6)
        if harm is None and ABDUCTION in tags:
            return _evidence(ABDUCTION, first[ABDUCTION], 0.8)
        if harm is None and attack is not None and tags & {LOOTING, "capture"}:
            return None
        return _evidence(ATTACK, cue, 0.75 if civilians else 0.55)
    if ABDUCTION in tags:
        return _evidence(ABDUCTION, first[ABDUCTION], 0.8)
    return None


# Most specific first: a strategic sentence often carries a generic word of another kind.
_STRATEGIC_ORDER: Final = (
    DISRUPTED, HEADQUARTERS, NONVIOLENT_TRANSFER, AGREEMENT, ARRESTS, LOOTING, OTHER,
    CHANGE_TO_GROUP,
)


def _strategic(
    sentence: str, first: dict[str, _Cue], tags: set[str], hints: frozenset[int]
) -> TypeEvidence | None:
    """Strategic developments; arrests by non-state groups are abductions [§3]."""
    if "riot_act" in tags:
        return _evidence(LOOTING, first["riot_act"], 0.6)
    if "capture" in tags and LOOTING not in tags and DISRUPTED not in tags:
        capture_text = sentence[first["capture"].start:first["capture"].end].lower()
        if capture_text.startswith("seiz"):
            return _evidence(LOOTING, first["capture"], 0.5)
    for sub in _STRATEGIC_ORDER:
        if sub in tags:
            if sub == ARRESTS and hints and not hints & {_STATE, _EXTERNAL}:
                return _evidence(ABDUCTION, first[sub], 0.6)
            return _evidence(sub, first[sub], 0.7 if sub != CHANGE_TO_GROUP else 0.55)
    return None
