"""The "how many deaths" step: the conservative reported death toll of a sentence [codebook §8].

Only deaths count, never the wounded; "casualties" alone gives 0. Numbers are digits ("1,200"),
number words ("twenty-three", "one hundred and five"), "a dozen", "two dozen" and the
codebook's vague words read conservatively: "dozens" 12, "hundreds" 100, "tens" 10, "scores"
20, "several"/"many"/"a few"/"a group of"/plural "fatalities" 3 (the codebook's figure for a
limited attack), or 10 when the sentence tells a large engagement (a front line, an offensive,
heavy fighting, a massacre: acledR's "large attack in a war zone"). Qualifiers keep the
reported figure ("at least 12" 12, "more than 20" 20, "up to 15" 15 at lower confidence: it is
the only figure the source gives, and ACLED records reported figures); a range gives its lowest
figure ("8-10" 8, "between 43 and 52" 43). Counts listed with commas or "and" add up ("3
soldiers and 2 civilians were killed" 5); figures from disagreeing sources take the lowest; a
death toll that "rose to" a figure replaces earlier ones. A toll claimed only by a party to the
conflict ("the Taliban said they killed 30"), or reported only by a party's own outlet
(`source` "Voice of Jihad"), gives 0 with `claimed_by_party` set, as ACLED does [§8]; two
parties' figures that answer each other ("the NRF said 40 ..., the Taliban said 10 ...") give
the lowest [§8, §11 example 1]. Deaths
told as the cause or the past of the event ("protested over the killing of two students",
"attacked police after two children were killed", "who killed a resident earlier that day") are
another event's toll and give 0; so does a vague plural whose report is doubted ("fatalities
were denied"). The suicide bomber counts in a suicide attack carried out ("blew himself up,
killing 10" 11), once ("killing himself and 10 others" 11).

`later_toll` folds a later sentence's toll into an event told before (more dead "also" killed
add up, other sources disagree, a retelling updates); `days_spanned` tells how many days a toll
covers, and `places_listed` how many places a sentence lists for its event, so that the engine
splits it over them [§7, §8, §10]; places each told with their own units ("(Dand, Kandahar)
... (Arghandab, Kandahar)") count apart. "Killing and injuring 8" counts half of a figure
above the least vague one as dead, as "8 were killed and wounded" does ("dozens" 6, "several"
stays 3); "killed, injured or captured" tells no death count (0). The dead among the wounded
count ("one of the injured died", "one of them fatally"), as does one pronoun ("he later died")
when nothing else is counted; a later figure that contests the one before gives the lowest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Final


@dataclass(frozen=True, slots=True)
class FatalityEvidence:
    """A death count, the span (start, end) of its phrase or None, a confidence and claim flag."""

    fatalities: int
    span: tuple[int, int] | None
    confidence: float
    claimed_by_party: bool


_UNITS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_SCALES: Final = {"hundred": 100, "thousand": 1000}
# Vague words [§8]: "dozens" 12, "hundreds" 100, "tens" 10; "several"/"many" 3 (conservative).
_VAGUE: Final = {
    "dozens": 12, "hundreds": 100, "thousands": 1000, "tens": 10, "scores": 20, "several": 3,
    "many": 3, "a few": 3, "few": 3, "numerous": 3, "a number": 3, "multiple": 3, "some": 3,
    "an unknown number": 3, "a handful": 3, "a couple": 2, "both": 2, "a dozen": 12,
    "himself": 1, "herself": 1, "a": 1, "an": 1, "the": 1, "his": 1, "her": 1, "him": 1,
}
_NUMWORD: Final = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_QUAL: Final = (
    r"(?:(?:at least|at most|more than|over|nearly|almost|about|around|some|up to|as many as"
    r"|approximately|roughly|an estimated|a total of|a further|another|an additional|only|just"
    r"|between|from"
    r"|a reported|reportedly)\s+"
    # "a mother and her 3 children": a possessive before a count
    r"|(?:his|her|their)\s+(?=\d|(?:" + _NUMWORD + r")\b))?"
)
# A range ("8-10", "two or three", "between 43 and 52"): the lowest figure is the
# conservative one [§8], read by `_number`.
_RANGE: Final = (
    r"\d+\s*[-\u2013]\s*\d+(?![-\u2013\d])|\d+\s+(?:to|or)\s+\d+"
    r"|(?<=between )\d+\s+and\s+\d+"
    r"|(?:" + _NUMWORD + r")\s+(?:to|or)\s+(?:" + _NUMWORD + r")(?![-\w])"
)
_COUNT: Final = (
    r"(?<![Nn]o )(?<!\w)(?P<qual>" + _QUAL + r")(?P<num>" + _RANGE + r"|\d{1,3}(?:,\d{3})+|\d+"
    r"|(?:" + _NUMWORD + r")(?:(?:[- ]|\s+and\s+)(?:" + _NUMWORD + r"))*(?:\s+dozen)?"
    r"|an?\s+(?:hundred|thousand)|a dozen|dozens|hundreds|thousands|tens|scores|several|many"
    r"|a few|few|numerous|a number"
    r"|multiple|some|(?:an?\s+)?(?:unknown|unspecified|undetermined|undisclosed) number"
    r"|a handful|a couple|both|himself|herself|him|an?|the|his|her)"
    r"(?!\w)"
    # "two of them", "one of whom": a part of a group named before
    r"(?:\s+of(?:\s+whom)?\b)?"
)
_PERSON: Final = (
    r"(?:man|woman|boy|girl|child|civilian|soldier|police(?:man|woman)|officer|member|fighter"
    r"|militant|commander|person|farmer|teacher|student|elder|journalist|leader|official"
    r"|resident|villager|driver|worker|trader|shopkeeper|guard|cleric|imam|priest|pastor|chief"
    r"|doctor|nurse|businessman|suspect|thief|youth|teenager|infant|baby|activist|councillor"
    r"|mayor|governor|judge|lawyer|employee|militiaman|insurgent|rebel|jihadist|gunman|attacker"
    r"|assailant|bomber|herder|herdsman|fisherman|passenger|pilgrim|worshipper|relative|brother"
    r"|son|daughter|father|mother|wife|husband|colonel|general|captain|sergeant|lieutenant"
    r"|victim|adolescent|operator|politician|lawmaker|legislator|guerrilla|sniper|policeman"
    r"|bystander|owner|sibling|citizen|local|shepherd|merchant|vendor|hostage|prisoner"
    r"|detainee|inmate|supporter|tribesman|clansman|spokesman|smuggler|trafficker"
    r"|major|chairman|candidate|trooper|pilot|individual|protester|demonstrator|contractor"
    r"|cop|agent|perpetrator|other|corpse|body"
    # people named by a role or a way of life ("a fugitive", "the district head of police")
    r"|head|deputy|minister|secretary|commissioner|administrator|emir|sheikh|mullah|monk|nun"
    r"|catechist|ruler|king|prince|chieftain|fugitive|criminal|gangster|bandit|kidnapper"
    r"|robber|terrorist|combatant|recruit|cadre|operative|informant|spy|collaborator|vigilante"
    r"|gendarme|marine|commando|conscript|corporal|ranger|poacher|motorcyclist|cyclist"
    r"|motorist|rider|pedestrian|tourist|refugee|migrant|peasant|miner|labou?rer|engineer"
    r"|medic|paramedic|physician|surgeon|midwife|lecturer|professor|pupil|entrepreneur"
    r"|landowner|rancher|hunter|widow|grandmother|grandfather|uncle|aunt|nephew|niece|cousin"
    r"|toddler|newborn|girlfriend|boyfriend|friend|neighbou?r|customer)"
)
# Words that end a noun phrase: verbs, clause words, wound words.
_STOP: Final = (
    r"(?:and|or|but|were|was|are|is|been|be|being|have|has|had|got|killed|killing|dead|died"
    r"|wounded|wounding|injured|injuring|hurt|said|says|while|including|among|whom|which|who"
    r"|that|in|on|at|by|during|after|when|as|with|from|to|shot|gunned|lost|perished|later"
    r"|near|inside|outside|across|along|into|for|under|behind|while|before"
    r"|also|reportedly|kill|kills|executed|beheaded|murdered|bodies|deaths|others?"
    r"|claimed|claims|claim|stated|announced|confirmed|reported|added)"
)
# Case-sensitive stop check, so that "IS militants" is a noun phrase and not "is".
_PERSON_RE: Final = re.compile(r"\b" + _PERSON + r"\b", re.IGNORECASE)
_NP: Final = (
    r"(?P<np>(?:\s+(?!(?-i:" + _STOP + r")\b)[\w'/-]+){0,4}"
    # "members of the regime's Air Force Intelligence", "two civilians from Sino town": an
    # "of" or "from" phrase stays in the noun phrase ("BH/IS fighters": a slash joins names)
    r"(?:\s+(?:of|from)(?:\s+(?!(?-i:" + _STOP + r")\b)[\w'/-]+){1,6})?)"
)
_OTHERS: Final = r"(?:\s+others?)?"
_WOUND_NEXT: Final = re.compile(
    r"\s*(?:(?:were|was|are|have been|had been)\s+)?(?:also\s+)?(?:wounded|injured|hurt)\b"
    r"|\s+or\s+(?:were\s+)?(?:wounded|injured|hurt)\b",
    re.IGNORECASE,
)
_ITEM_RE: Final = re.compile(_COUNT + _NP + _OTHERS, re.IGNORECASE)
_CASUALTIES_NEXT: Final = re.compile(
    r"\s+(?:or|and)\s+(?:were\s+)?(?:wounded|injured|hurt)\b(?!\s+(?:\d|two|three|four|five"
    r"|six|seven|eight|nine|ten|several|others?|another|a |an ))", re.IGNORECASE)
# "8 rebels were killed, wounded or captured", "killed or captured": how many of them died
# is untold, so the figure is no death count (§8: unclear whether anyone died gives 0).
_MIXED_NEXT: Final = re.compile(
    r"\s*,\s*(?:wounded|injured|hurt|captured|arrested|detained)\b[^.;\d]{0,30}?\b(?:or|and)\s+"
    r"(?:wounded|injured|hurt|captured|arrested|detained|missing|surrendered)\b"
    r"|\s+or\s+(?:were\s+)?(?:captured|arrested|detained)\b", re.IGNORECASE)
_BOTH_OBJECT_RE: Final = re.compile(
    r"(?<=killing)\s+and\s+(?:injuring|wounding)(?=\s)|(?<=killed)\s+and\s+(?:injured|wounded)"
    r"(?=\s+(?!(?:by|in|at|during|when|after|on)\b)\w)", re.IGNORECASE)
# A verb of saying right after a listed noun phrase makes it the speaker of the report.
_SPEAKER_NEXT: Final = re.compile(
    r"\s+(?:said|says|say|told|reported|added|confirmed|stated|announced)\b", re.IGNORECASE)
_SPEAKER_IN: Final = re.compile(r"\b(?:told|tells)\b", re.IGNORECASE)
_JOIN_RE: Final = re.compile(r"\s*(?:,\s*and|,|and|as well as|plus)\s+", re.IGNORECASE)

# Death anchors. Object form: the count follows ("killing 3"); subject form: it precedes
# ("3 soldiers were killed"); toll form: "death toll rose to 40".
_OBJECT_VERB_RE: Final = re.compile(
    r"\b(?:killed|killing|kills|kill|shot dead|shooting dead|shot and killed|gunned down|executed"
    r"|executing|beheaded|beheading|murdered|murdering|massacred|slaughtered|lynched"
    r"|assassinated|assassinating|body of|remains of|shot to death|death of"
    r"|claimed the lives of|claiming the lives of|took the lives of|left|leaving|bodies of"
    r"|deaths of|the death of|killed at least|hacked to death|stabbed to death|beat to death"
    r"|(?:the )?killings? of|(?:the )?corpses? of|fatally (?:shot|stabbed|wounded|injured|beat)"
    r"|beaten to death|burn(?:ed|t) to death|burn(?:ed|t) alive)\b",
    re.IGNORECASE,
)
_SUBJECT_VERB_RE: Final = re.compile(
    r"\b(?:killed|dead|died|die|dies|shot dead|gunned down|executed|beheaded|murdered|lynched"
    r"|lost (?:their|his|her) lives|perished|slain|deaths|fatalities|bodies|lives|succumbed"
    r"|hacked to death|stabbed to death|beaten to death|burn(?:ed|t) to death|burn(?:ed|t) alive"
    r"|bodies were found|fatality"
    r"|fatally (?:shot|wounded|injured|stabbed|assaulted|beaten|attacked)|assassinated"
    r"|shot and killed|shot to death|found dead)\b",
    re.IGNORECASE,
)
_TOLL_RE: Final = re.compile(
    r"\b(?:death|casualty)?\s*toll(?:\s+[\w'\u2019]+){0,10}?\s+(?:has\s+|had\s+)?(?:rose|risen|climbed|jumped|increased"
    r"|reached|stood|stands|stand|was|is|of|at|to|hit)(?:\s+(?:to|at))?\s+",
    re.IGNORECASE,
)
_TOLL_VERB_RE: Final = re.compile(
    r"\s(?:has\s+|had\s+)?(?:rose|risen|climbed|jumped|increased|reached|stood|stands|was|is"
    r"|hit)(?:\s+(?:to|at))?\s+", re.IGNORECASE)
_TOLL_REACH: Final = 160
# A death verb split around its object: "shot him dead", "stabbed a journalist to death".
_SPLIT_VERB_RE: Final = re.compile(
    r"\b(?:shot|stabbed|beat|hacked|burned|burnt|clubbed|stoned|strangled|hanged|tortured"
    # news tells the death as the result of the act: "..., burning five people to death"
    r"|shooting|stabbing|beating|hacking|burning|clubbing|stoning|bludgeoning)\s+"
    r"(?P<obj>(?!(?:dead|to)\b)[^,.;]{1,50}?)\s+(?:dead|to death)\b",
    re.IGNORECASE,
)
# "A body was found", "one decomposed corpse was recovered": one dead told by the body alone
# (indefinite: "the body was dumped" may be a victim counted before).
_ONE_BODY_RE: Final = re.compile(
    r"\b(?:an?|one)\s+(?:(?:dead|lifeless|decomposed|decomposing|burnt|burned|charred|mutilated"
    r"|headless|bullet-riddled|unidentified|male|female)\s+){0,2}(?:body|corpse)\s+"
    r"(?:was|has been|had been)\s+(?:\w+\s+)?(?:found|discovered|recovered|dumped|retrieved"
    r"|spotted|exhumed)\b", re.IGNORECASE)
# "He later died", "she was killed": one person told by a pronoun, counted once.
_PRONOUN_DEATH_RE: Final = re.compile(
    r"\b(?:he|she)\s+(?:(?:later|also|reportedly|subsequently|eventually|then)\s+)*"
    r"(?:died|succumbed|(?:was|had been)\s+(?:(?:later|also|reportedly)\s+)?(?:killed|shot dead"
    r"|murdered|beheaded|executed|lynched|found dead|stabbed to death|beaten to death"
    r"|hacked to death|burn(?:ed|t) to death))\b", re.IGNORECASE)
# "wounding two, one of them fatally": the dead among the wounded.
_PART_FATALLY_RE: Final = re.compile(
    r"\b(?P<n>one|two|three|four|five|\d+)\s+of\s+(?:them|whom)\s+(?:was\s+|were\s+)?"
    r"(?:fatally|mortally)\b", re.IGNORECASE)
# "shot a civilian, resulting in his death": one death told by its effect.
_HIS_DEATH_RE: Final = re.compile(
    r"\b(?:result(?:ing|ed) in|le(?:d|ading) to|caus(?:ing|ed))\s+(?:his|her)\s+death\b",
    re.IGNORECASE)
_AUX_BEFORE_RE: Final = re.compile(
    r"(?:,?\s+(?:were|was|are|is|have been|has been|had been|had|have|has|got|being|been|all"
    r"|also|later"
    r"|reportedly|confirmed|found|left|[a-z]+ed and|shot and|beaten and|taken and"
    # "a man was seriously injured and later died": adverbs of manner and time
    r"|(?-i:[a-z]+ly)))*\s*$",
    re.IGNORECASE,
)
_ITEM_UNNAMED: Final = re.sub(r"\(\?P<\w+>", "(?:", _COUNT + _NP + _OTHERS)
_SUBJECT_RE: Final = re.compile(
    r"(?:" + _ITEM_UNNAMED + r"(?:\s*(?:,\s*and|,|and|as well as)\s+))*" + _ITEM_UNNAMED
    # "7 soldiers and pro-government fighters": an uncounted group adds nothing to the count.
    + r"(?:\s+and(?:\s+(?!(?-i:" + _STOP + r")\b)[a-z][\w'-]*){1,3})?$",
    re.IGNORECASE,
)
_NEGATED_RE: Final = re.compile(
    r"\b(?:no(?:body| one)|none|no (?:\w+ )?(?:deaths?|casualties|fatalities|one|people|lives"
    r"|killed)|without (?:any )?(?:casualties|deaths|loss of life)|not (?:\w+ )?killed)\b",
    re.IGNORECASE,
)
_VAGUE_PLURAL_RE: Final = re.compile(
    r"\b(?:deaths|fatalities)\b(?!\s+(?:of|toll|n?or)|\s*[:=]?\s*\d)", re.IGNORECASE
)
# A figure after its label, as tallies write it: "Fatalities: 2", "fatalities 2", "Dead: 4".
_LABEL_COUNT_RE: Final = re.compile(
    r"(?:\b(?:fatalities|deaths|dead|killed)\s*[:=]\s*|\b(?:fatalities|deaths)\s+)"
    r"(?P<n>\d{1,5})(?![,.]?\d)(?=\s*(?:[,.;)]|$|and\b))", re.IGNORECASE)
_VAGUE_NEGATION_RE: Final = re.compile(
    r"\b(?:no|any|neither|nor|without|not|unclear|unknown|if|whether)\b[^.;]{0,25}$"
    r"|\b(?:not|unclear|whether)\b[^.;]{0,50}$", re.IGNORECASE
)
# "Deaths were reported but denied", "the number of fatalities could not be confirmed":
# unclear whether anyone died gives 0 [§8].
_VAGUE_DOUBT_RE: Final = re.compile(
    r"[^.;]{0,40}?\b(?:denied|could not be|cannot be|unconfirmed"
    r"|not (?:been )?(?:confirmed|reported)|unclear|unknown|unverified)\b", re.IGNORECASE
)
_CLAIM_RE: Final = re.compile(
    r"\bclaim(?:ed|s|ing)?\b(?!\s+(?:responsibility|the lives|(?:\w+\s+)?lives))"
    r"|\b(?:said|says|stated|announced|boasted)\s+(?:that\s+)?(?:it|they|its|their)\b"
    r"(?:\s+\w+){0,2}\s+(?:had\s+|have\s+)?(?:killed|kill)"
    r"|\baccording to (?:the )?(?:Taliban|Voice of Jihad|VoJ|Al[- ]Shabaa?b|Islamic State|IS"
    r"|ISIS|ISKP|Amaq|Houthis?|the group|the militants|the insurgents)\b|\bVoice of Jihad\b",
    re.IGNORECASE,
)
# Outlets that are a party to the conflict: the Taliban and its Voice of Jihad (VoJ). ACLED
# codes a toll only they report as 0 [§8, "Fatalities coded as 0 (VoJ reported N)"].
_PARTY_SOURCE_RE: Final = re.compile(
    r"\b(?:Taliban|Voice of Jihad|VoJ)\b", re.IGNORECASE)
# A death told as the cause of the event (a protest "over the killing of", an attack "after two
# children were killed") or as a past event belongs to another event: its toll is not this
# one's (§8 counts the deaths of the event; §10 another day or place is another event).
_BACKGROUND_RE: Final = re.compile(
    r"\b(?:after|following|(?:over|against|for|about)(?=\s+(?:the\s+|an?\s+)?(?:\w+\s+)?"
    r"(?:killings?|deaths?|murders?|lynching|assassination)\b)|responsible for|accused of"
    r"|suspected of|in connection with|in protest|in retaliation for|revenge for|to avenge"
    r"|denounc\w+|condemn\w+|demand\w*|mourn\w*|commemorat\w*|anniversary|threaten\w*"
    r"|vow\w*)\b(?!\s+(?:which|that|an? |the )?(?:attack|clash|fighting|ambush|assault|raid"
    r"|operation|exchange|battle)s?)",
    re.IGNORECASE,
)
# "after"/"following" a death is background only to a reaction: a protest, a riot, arrests
# ("Violence erupted after 3 people were killed" may tell the killing itself).
_AFTER: Final = frozenset({"after", "following"})
_REACTION_RE: Final = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|march\w*|riot\w*|sit-in|strike"
    r"|gather\w*|block\w*|mob|angry|anger|outrage\w*|mourn\w*|funeral|vigil|arrest\w*"
    r"|detain\w*|inhabitants|residents|came|followed|retaliat\w*|attacked police"
    # a crowd's destruction is a reaction too ("burnt a vehicle after an accident that
    # killed one of them")
    r"|burn(?:ed|t)|torched|set fire|set ablaze|vandali[sz]ed|pelted|stoned|ransacked)\b",
    re.IGNORECASE,
)
# "a man was reportedly killed, although this was denied by the police": unclear whether
# anyone died gives 0 [§8].
_DENIED_RE: Final = re.compile(
    r"[^.;]{0,30}?\b(?:although|though|but|which)\s+(?:(?:this|it|that|the \w+)\s+)?"
    r"(?:was|were|is|are|has|have|had)\s+(?:\w+\s+)?(?:denied|not been (?:confirmed|verified))\b",
    re.IGNORECASE)
# "stormed the village after dawn prayers and killed 5": the main clause resumes after "and".
_MAIN_AGAIN_RE: Final = re.compile(r"\b(?:and|then|before|but)\b", re.IGNORECASE)
_BACKGROUND_REACH: Final = 60
_EARLIER_RE: Final = re.compile(
    r"\b(?:earlier that day|the previous day|the day before|days? earlier|days? before"
    r"|weeks? (?:earlier|before)|in (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# "last week", "weeks ago" tell the past of the event only when the sentence dates its own
# event otherwise ("On 9 May, ... who killed a man last week"); alone, they are the event's
# own date, as news writes it ("killed several civilians ... last week") [§7].
_RELATIVE_EARLIER_RE: Final = re.compile(
    r"\b(?:weeks? ago|(?:late |early )?last (?:week|month|year))\b", re.IGNORECASE)
_OWN_DATE_RE: Final = re.compile(
    r"\b(?:on|since) (?:\d{1,2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\b"
    r"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:yesterday|today|overnight)\b"
    r"|#{4,}")
_ALTERNATIVE_RE: Final = re.compile(
    r"\b(?:while|whereas|but|however|although|though|other sources|others|according to|put"
    r"|puts|putting|estimate[sd]?|toll)\b",
    re.IGNORECASE,
)
_UPDATE_RE: Final = re.compile(r"\b(?:rose|risen|climbed|jumped|increased)\b", re.IGNORECASE)
_PRECHECK_RE: Final = re.compile(
    r"kill|dead|death|died|\bdie|lives|bodies|toll|execut|behead|murder|massacr|slain|slaughter"
    r"|lynch|perish|fatalit|gunned down|succumbed|body|corpse|remains|to death|assassinat|fatally"
    r"|alive|suicide|blew (?:him|her)self",
    re.IGNORECASE,
)
_ARTICLES: Final = frozenset({"a", "an", "the", "his", "her"})
# The codebook's figures for vague words [§8]: 3 for a limited attack, 10 for a large one.
_FEW: Final = 3
_MANY: Final = 10
# A large engagement (§8, acledR: "a large attack in a war zone" gives 10 for vague words):
# fighting on a front line, an offensive, heavy or fierce fighting, a massacre.
_LARGE_RE: Final = re.compile(
    # lowercase: "National Resistance Front", "Popular Front" are names, not front lines
    r"(?<!in )(?<!in the )\b(?-i:front)(?:[- ]?lines?|s)?\b(?! of\b)"
    r"|\boffensives?\b(?!\s+(?:remarks?|comments?|language|posts?|words|statements?"
    r"|content|behaviou?r|images?|cartoons?|messages?))|\bmassacre[ds]?\b"
    r"|\b(?:heavy|fierce|intense|large-scale) (?:fighting|clashes|battles?|offensive"
    r"|assault|attack)\b", re.IGNORECASE)

# The confidence of a figure the text states (not a vague word).
_DEFINITE: Final = 0.9


def _scale(sentence: str) -> int:
    """What the codebook's vague words stand for in this sentence: 10 in a large engagement
    (`_LARGE_RE`), else 3 [§8]."""
    return _MANY if _LARGE_RE.search(sentence) else _FEW

# Dates are not counts: "On 9 May 2020, 1 soldier was killed" must not read 9 or 2020.
_DATE_RE: Final = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
    r"\.?(?:,?\s+\d{4})?|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\b(?:1[89]|20)\d\d\b|\b\d+(?:mm|km|kg|m)\b"
    r"|\b\d+:\d+|\b\d+\s?(?:am|pm|a\.m\.|p\.m\.|hours|hrs|km|kilometres|kilometers|miles"
    r"|metres|meters|kg|years? old|-year-old)\b"
)


# Asides inside a counted subject: "5 civilians (2 men and 3 women) were killed", "3 villagers,
# including a teacher, were killed". Blanked (same length) so the count meets its verb.
_ASIDE_RE: Final = re.compile(
    r"\([^()]{0,80}\)|,\s*including\s[^,.;]{1,50},|,\s*(?:who|whom)\s[^,.;]{1,40},"
    # "three people, two of them soldiers, were killed": the part is inside the count
    r"|,\s*[\w-]+\s+of\s+(?:them|whom)\s[^,.;]{1,40},"
    r"|,?\sincluding\s[^,.;]{1,50}?(?=\s+(?:were|was|have|has|had)\b)",
    re.IGNORECASE,
)
# "two people who had committed a robbery were lynched": a relative clause between a counted
# subject and its verb (kept when it tells a death of its own: "gunmen who killed 3 were").
_RELATIVE_RE: Final = re.compile(
    r"\swho\s[^,.;]{1,60}?(?=\s+(?:were|was)\s)"
    # "a driver who had been kidnapped from his truck at dawn, was found dead": a longer clause
    # closed by a comma before the verb
    r"|\swho\s[^.;]{1,100}?,(?=\s+(?:were|was|had been|has been|have been)\s)"
    # "two men suspected of robberies in the area were lynched": a participle phrase
    r"|\s(?:suspected|accused|believed|alleged|thought)\s+(?:of|to)\s[^,.;]{1,100}?"
    r"(?=\s+(?:were|was)\s)",
    re.IGNORECASE)
# Quotation marks around a figure ("'some' fighters killed", 'killing "dozens"'): the figure
# is still the report's, so the marks are blanked.
_QUOTES_RE: Final = re.compile(
    r"[\"\u201c\u201d]|(?<!\w)['\u2018](?P<quoted>[^'\u2018\u2019\n]{1,40}?)['\u2019](?!\w)")
# "One of the injured died", "two of the wounded later died": a partitive names the dead
# among the wounded; the wound word is the group there, not a wound count. Replaced by a
# noun of the same length so that spans stay put.
_PARTITIVE_WOUNDED_RE: Final = re.compile(r"(?<=\bof the )(?:injured|wounded)\b", re.IGNORECASE)
# An age is part of the noun phrase ("a 35-year-old farmer died"), not a count.
_AGE_RE: Final = re.compile(r"\b\d+[- ]years?[- ]old\b", re.IGNORECASE)


_RANGE_SPLIT_RE: Final = re.compile(
    r"(?<=\d)\s*[-\u2013]\s*(?=\d)|(?<=\d)\s+and\s+(?=\d)|\s+(?:to|or)\s+(?=\w)")


@dataclass(frozen=True, slots=True)
class _Mention:
    count: int
    start: int
    end: int
    confidence: float
    claimed: bool
    # Not counted: claimed by a party, or from a party-only source [§8].
    withheld: bool
    toll: bool


def _number(text: str, few: int = _FEW) -> int | None:
    """The value of a number expression matched by `_COUNT`'s num group; `few` is what the
    codebook's vague words ("several", "a number of") stand for (3, or 10: see `_scale`)."""
    text = text.lower().replace(",", "")
    if text.endswith(" number") and text != "a number":
        # "an unspecified number of people were killed": a toll of untold size, read as the
        # codebook's conservative vague figure [§8]
        text = "an unknown number"
    low = _RANGE_SPLIT_RE.split(text, maxsplit=1)
    if len(low) == 2:
        return _number(low[0], few)
    if text.isdigit():
        return int(text)
    if text in _VAGUE:
        return few if _VAGUE[text] == _FEW else _VAGUE[text]
    multiplier = 1
    text = re.sub(r"^an?\s+(?=hundred|thousand)", "one ", text)
    if text.endswith(" dozen"):
        multiplier, text = 12, text[: -len(" dozen")]
    total = current = 0
    for word in re.split(r"[- ]+", text):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word == "thousand":
                total, current = total + current, 0
        else:
            return None
    return (total + current) * multiplier


_PLURAL_RE: Final = re.compile(r"(?<![s'])s$|\b(?:men|women|children|people|police)$")
# "killed a group of fighters": a collective noun counts no one by itself.
_COLLECTIVE: Final = frozenset({"group", "number", "series", "couple", "handful", "few", "lot",
                                "total", "band", "crowd", "unit", "squad", "convoy"})
# Death words after which "a"/"an" need not name a person: the dead may be animals, or the
# death the cause of a protest ("over the death of a patient").
_NOT_VICTIM_VERBS: Final = frozenset({"slaughtered", "death of", "the death of", "deaths of"})


_GROUP_OF_RE: Final = re.compile(r"\s+group\s+of\s+(?!\w+\s+(?:vehicles?|houses?|buildings?))")
_SIDES_RE: Final = re.compile(
    r"(?:sides|parties|groups|communities|camps|countries|villages|forces|factions|clans|tribes"
    r"|armies|militias|teams|vehicles)\b")


def _item_value(match: re.Match[str], victim: bool = False, few: int = _FEW
                ) -> tuple[int, float] | None:
    """Count and confidence of one counted noun phrase, or None when it names no person.

    `victim`: the phrase is the object of a death verb ("killed a revenue collector"), where
    "a"/"an" names one person whatever the noun.
    """
    num = match.group("num").lower()
    value = _number(num, few)
    if value is None:
        return None
    np = re.split(r" (?:of|from) ", match.group("np").strip().lower())[0]
    if num == "him" and np:
        return None  # "him" is a whole object; "him and ..." is read item by item
    if num == "both" and _SIDES_RE.match(np):
        return None  # "fighters from both sides": two groups of untold size, not two people
    if num in {"the", "his", "her"} and _PLURAL_RE.search(np):
        return None  # "the mayor's bodyguards": a group of untold size
    if num == "a" and _GROUP_OF_RE.match(match.group("np")):
        return few, 0.5  # "killing a group of fighters": an untold number, a vague word [§8]
    # "a man", "the district governor": one person only when the phrase names a person.
    victim = victim and num in {"a", "an"} and bool(np) and np.split()[0] not in _COLLECTIVE
    if num in _ARTICLES and not victim and not _PERSON_RE.search(np) and not (
        match.group().lower().rstrip().endswith(("other", "others"))
    ):
        return None
    if match.group().lower().split()[-1:] in (["others"], ["other"]) and num in _ARTICLES:
        # "the others" are the rest of a group of unknown size; "the other" is one person
        return None if match.group().lower().endswith("others") else (1, 0.8)
    qual = match.group("qual").strip().lower()
    confidence = 0.9
    if (num in _VAGUE or num.endswith(" number")) and num not in _ARTICLES and num not in {
            "himself", "herself", "both"}:
        confidence = 0.5
    if qual == "up to":
        confidence = 0.6
    return value, confidence


def _object_items(sentence: str, pos: int, victim: bool = True, few: int = _FEW
                  ) -> tuple[int, float, int] | None:
    """Counts listed right after a death verb ("killing 3 soldiers and 2 civilians")."""
    total, confidence, end = 0, 1.0, pos
    while True:
        gap = re.match(r"\s+", sentence[end:]) if end == pos else _JOIN_RE.match(sentence, end)
        if gap is None:
            break
        start = end + gap.end() if end == pos else gap.end()
        item = _ITEM_RE.match(sentence, start)
        if item is None or _WOUND_NEXT.match(sentence, item.end()):
            break
        if end > pos and (_SPEAKER_NEXT.match(sentence, item.end())
                          or _SPEAKER_IN.search(item.group("np"))):
            break  # ", a police spokesman said": the source of the report, not a victim
        value = _item_value(item, victim=victim, few=few)
        if value is None:
            break
        total += value[0]
        confidence = min(confidence, value[1])
        end = item.end()
    return (total, confidence, end) if end > pos else None


# Verbs whose object is no death count; a count right after one is their object.
_OTHER_OBJECT_RE: Final = re.compile(
    r"\b(?:wounded|wounding|injured|injuring|hurt|hurting|abducted|abducting|kidnapped"
    r"|kidnapping|arrested|arresting|captured|capturing|detained|detaining|rescued|displaced"
    r"|freed|released)\s*$", re.IGNORECASE)
_SUBJECT_REACH: Final = 120
_BLANKED: Final = " " * 12


def _subject_items(sentence: str, anchor_start: int, few: int = _FEW
                   ) -> tuple[int, float, int] | None:
    """Counts of a subject before a death verb ("3 soldiers and 2 civilians were killed")."""
    reach = _SUBJECT_REACH
    if _BLANKED in sentence[max(0, anchor_start - reach):anchor_start]:
        reach *= 2  # a blanked aside or relative clause stands between subject and verb
    before = sentence[max(0, anchor_start - reach):anchor_start]
    offset = anchor_start - len(before)
    aux = _AUX_BEFORE_RE.search(before)
    head = before[: aux.start()] if aux else before
    match = _SUBJECT_RE.search(head)
    if match is None:
        return None
    total, confidence, start = 0, 1.0, match.start()
    for item in _ITEM_RE.finditer(head, match.start(), match.end()):
        if item.start() == match.start() and _OTHER_OBJECT_RE.search(head, 0, item.start()):
            # "wounded 3, and 1 civilian was also killed": the first count is the object of
            # the verb before it, not a subject of the death verb
            start = item.end()
            continue
        value = _item_value(item, few=few)
        if value is None:
            if item.group("num").lower() in _ARTICLES:
                continue
            return None
        total += value[0]
        confidence = min(confidence, value[1])
    if total == 0:
        return None
    return total, confidence, offset + start


def _dead_among(count: int, confidence: float) -> int:
    """The dead among `count` killed and wounded together ("killing and injuring 8", "dozens
    were killed and wounded"): ACLED coders record half (rounded down) when the split is not
    reported. The codebook's lowest vague figure (3, "several") is kept whole: it is already
    the least a report of dead can mean [§8]."""
    if confidence >= _DEFINITE or count > _FEW:
        return count // 2
    return count


def _mentions(sentence: str, few: int = _FEW) -> list[_Mention]:
    """Every counted death phrase, in sentence order, without double counting a number
    (`few`: the figure of the codebook's vague words, see `_number`)."""
    found: list[_Mention] = []
    used: list[tuple[int, int]] = []

    def add(count: int, start: int, end: int, confidence: float, toll: bool) -> None:
        if any(a < end and start < b for a, b in used):
            return
        used.append((start, end))
        claimed = bool(_CLAIM_RE.search(sentence, 0, end))
        found.append(_Mention(count, start, end, confidence, claimed, claimed, toll))

    for match in _TOLL_RE.finditer(sentence):
        item = _ITEM_RE.match(sentence, match.end())
        value = _item_value(item, few=few) if item is not None else None
        position = match.end()
        while value is None:
            # "the death toll from Friday's bombing at a mosque in Khar rose to 63": the
            # figure follows a later verb than the first preposition
            verb = _TOLL_VERB_RE.search(sentence, position,
                                        min(len(sentence), match.start() + _TOLL_REACH))
            if verb is None or re.search(r"[,.;]", sentence[match.end():verb.start()]):
                break
            position = verb.end()
            item = _ITEM_RE.match(sentence, position)
            value = _item_value(item, few=few) if item is not None else None
        if item is not None and value is not None:
            add(value[0], match.start(), item.end(), value[1], True)
    for match in _LABEL_COUNT_RE.finditer(sentence):
        add(int(match.group("n")), match.start(), match.end(), 0.9, False)
    for match in _HIS_DEATH_RE.finditer(sentence):
        add(1, match.start(), match.end(), 0.8, False)
    for match in _ONE_BODY_RE.finditer(sentence):
        add(1, match.start(), match.end(), 0.8, False)
    for match in _PRONOUN_DEATH_RE.finditer(sentence):
        add(1, match.start(), match.end(), 0.7, False)
    for match in _PART_FATALLY_RE.finditer(sentence):
        if part := _number(match.group("n")):
            add(part, match.start(), match.end(), 0.8, False)
    for match in _SPLIT_VERB_RE.finditer(sentence):
        item = _ITEM_RE.fullmatch(match.group("obj"))
        value = _item_value(item, victim=True, few=few) if item is not None else None
        if value is not None and value[0] > 0:
            add(value[0], match.start(), match.end(), value[1], False)
    for match in _OBJECT_VERB_RE.finditer(sentence):
        # "killing and injuring 8 fighters": casualties of which the dead are a part, read
        # as the subject form reads "8 were killed and wounded" (half of a definite count)
        both = _BOTH_OBJECT_RE.match(sentence, match.end())
        items = _object_items(sentence, both.end() if both else match.end(),
                              match.group().lower() not in _NOT_VICTIM_VERBS, few)
        if both and items is not None:
            items = (_dead_among(items[0], items[1]), items[1], items[2])
        if items is not None and items[0] > 0:
            word = match.group().lower()
            if word in {"left", "leaving"} and not re.match(
                r"\s*(?:\w+\s+)?(?:dead|killed)\b", sentence[items[2]:]
            ):
                continue
            add(items[0], match.start(), items[2], items[1], False)
    for match in _SUBJECT_VERB_RE.finditer(sentence):
        items = _subject_items(sentence, match.start(), few)
        if items is not None:
            after = sentence[match.end():]
            if match.group().lower() == "killed" and not re.match(r"\s*(?:[,.;]|$|\w+\s)", after):
                continue
            if (match.group().lower() == "lives"
                    and sentence[items[2]:].split(maxsplit=1)[0].lower() in _ARTICLES):
                continue  # "where the prosecutor lives": a verb, not "5 lives" lost
            count = items[0]
            if _MIXED_NEXT.match(after):
                continue
            if _CASUALTIES_NEXT.match(after):
                if re.match(r"\s+or\b", after):
                    continue  # "12 killed or wounded": casualties, not deaths (§8)
                # "7 militants were killed and wounded": the dead are some of the 7
                count = _dead_among(count, items[1])
            if count:
                add(count, items[2], match.end(), items[1], False)
    found.sort(key=lambda m: m.start)
    return found


# "the NRF said 40 Taliban were killed, the Taliban said 10 NRF fighters died": a figure that
# another named speaker tells in a clause of its own is that party's figure against the one
# before. The parties disagree, so the lowest credible figure counts (§8; §11 example 1).
_CLAIM_VERB: Final = r"(?:said|says|claimed|claims|stated|announced)(?:\s+that|\s+to\s+have)?\s*$"
_RIVAL_SPEAKER_RE: Final = re.compile(
    r"[,;]\s*(?:while\s+|whereas\s+|but\s+|and\s+)?(?:the\s+)?[\w'-]+"
    r"(?:\s+[\w'-]+){0,4}?\s+" + _CLAIM_VERB, re.IGNORECASE)
# The figure before it was a speaker's too ("the NRF said 40 ..."): two parties' figures, not
# a narrated toll and one source's report of other dead, which add up.
_SPOKEN_RE: Final = re.compile(r"\b" + _CLAIM_VERB, re.IGNORECASE)
_SPOKEN_REACH: Final = 20


def _rival_claims(sentence: str, claims: list[_Mention]) -> _Mention | None:
    """The lowest of two parties' claims that answer each other ("Al Shabaab claimed to have
    killed 63 soldiers, the army claimed 8 were killed"), counted as reported: the parties'
    figures disagree and the lowest credible one counts (§8; §11 example 1). A claim by one
    party alone stays uncounted (§11 example 6); None when there is no such pair."""
    for previous, mention in pairwise(claims):
        if _RIVAL_SPEAKER_RE.search(sentence, previous.end, mention.start):
            low = min(previous, mention, key=lambda m: m.count)
            return replace(low, withheld=False, confidence=min(low.confidence, 0.7))
    return None


def _combine(sentence: str, mentions: list[_Mention]) -> tuple[int, float, int, int]:
    """Sum listed counts; lowest of disagreeing figures; a risen toll replaces [§8]."""
    total, confidence = mentions[0].count, mentions[0].confidence
    start, end = mentions[0].start, mentions[0].end
    for previous, mention in pairwise(mentions):
        between = sentence[previous.end:mention.start]
        if mention.toll and _UPDATE_RE.search(sentence, mention.start, mention.end):
            total = mention.count
        elif (mention.toll or previous.toll or _ALTERNATIVE_RE.search(between)
              or (_RIVAL_SPEAKER_RE.search(between) and _SPOKEN_RE.search(
                  sentence, max(0, previous.start - _SPOKEN_REACH), previous.start))):
            total = min(total, mention.count)
            confidence = min(confidence, 0.7)
        else:
            total += mention.count
        confidence = min(confidence, mention.confidence)
        start, end = min(start, mention.start), max(end, mention.end)
    return total, confidence, start, end


def _background(sentence: str, mention: _Mention) -> bool:
    """Whether a death is the cause or past of the event told, not its toll: "protested over
    the killing of two civilians", "attacked police after two children were killed"."""
    clause_start = max(sentence.rfind(mark, 0, mention.start) for mark in ",;:") + 1
    cues = [cue for cue in _BACKGROUND_RE.finditer(sentence, clause_start, mention.end)
            if cue.end() <= mention.start]
    cue = cues[-1] if cues else None
    if (cue is not None and mention.start - cue.end() <= _BACKGROUND_REACH
            and not _MAIN_AGAIN_RE.search(sentence, cue.end(), mention.start)
            and (cue.group().lower() not in _AFTER or _REACTION_RE.search(sentence))):
        return True
    clause_end = min((i for mark in ",;:." if (i := sentence.find(mark, mention.end)) >= 0),
                     default=len(sentence))
    end = max(clause_end, mention.end)
    if _EARLIER_RE.search(sentence, mention.start, end):
        return True
    relative = _RELATIVE_EARLIER_RE.search(sentence, mention.start, end)
    return relative is not None and _OWN_DATE_RE.search(
        sentence[:relative.start()] + " " * (relative.end() - relative.start())
        + sentence[relative.end():]) is not None


# A suicide attack carried out: the bomber died in it and counts in its fatalities [§3 Suicide
# bomb, §8], unless the text already counts him ("including the bomber", "killing himself")
# or the attack failed (bomber arrested, shot before the blast, device defused).
_SUICIDE_RE: Final = re.compile(
    r"\bsuicide[- ](?:bomb(?:er|ing)?s?|attack(?:er)?s?|car[- ]bomb(?:er)?s?|vests?|belts?"
    r"|S?VBIEDs?)\b|\bblew (?:him|her)self up\b|\bdetonated (?:his|her) (?:explosive|suicide)",
    re.IGNORECASE)
_BOMBER_COUNTED_RE: Final = re.compile(
    r"\bincluding (?:the |a |one |two )?(?:suicide )?(?:bombers?|attackers?|perpetrators?)\b"
    r"|\b(?:killing|killed) (?:him|her)self\b|\b(?:him|her)self and\b"
    r"|\b(?:bombers?|attackers?)\s+(?:\w+\s+){0,2}?(?:(?:was|were)\s+(?:\w+\s+)?(?:killed|dead)"
    r"|died|perished)\b",
    re.IGNORECASE)
_BOMBER_FAILED_RE: Final = re.compile(
    r"\b(?:foiled|thwarted|intercepted|arrested|captured|detained|defused|failed|would-be"
    r"|prevented|averted|before (?:he|she|they) could|planned|planning|plotting|threat\w*"
    r"|warn\w*|trained"
    # recruiting bombers, not the recruits killed in an attack
    r"|recruit(?:ed|ing|ment|ers?)?(?!s)"
    # a "training camp" is where an attack happened, not a bomber still in training
    r"|training(?!\s+(?:camps?|cent(?:re|er)s?|schools?|bases?|facilit(?:y|ies)|grounds?"
    r"|academ(?:y|ies)|colleges?)))\b",
    re.IGNORECASE)


def _bomber_uncounted(sentence: str, reported: list[_Mention]) -> int:
    """1 when the sentence tells a suicide attack carried out and a toll that does not count
    its bomber. Without a toll it gives nothing: the dead are often told in the next sentence
    ("4 soldiers, including the bomber, were killed"), which the document folds in."""
    if (not reported or _SUICIDE_RE.search(sentence) is None
            or _BOMBER_FAILED_RE.search(sentence) or _BOMBER_COUNTED_RE.search(sentence)):
        return 0
    if any(_ATTACKER_RE.search(sentence, m.start, m.end) for m in reported):
        return 0
    if any(m.toll for m in reported):
        return 0  # "the death toll rose to 63": the total as reported, recorded as it is [§8]
    return 1


# "killing 15 insurgents, the army said": enemies a fighting party says it killed, with that
# party the only source named. ACLED codes such a toll 0 and notes the claim (§8; §11
# example 6; the army's "neutralised" counts).
_ENEMY_DEAD_RE: Final = re.compile(
    r"\b(?:insurgents?|militants?|rebels?|fighters?|jihadists?|terrorists?|bandits?"
    r"|extremists?|guerrillas?|attackers?|assailants?|gunmen|separatists?)\b", re.IGNORECASE)
_PARTY_SPEAKER_RE: Final = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:army|military|armed forces"
    r"|defen[cs]e (?:ministry|forces|headquarters)|ministry of defen[cs]e|(?-i:Command)|navy"
    r"|air force|troops|(?:army|military) (?:spokes(?:man|woman|person)|officials?"
    r"|statement|sources?))(?:\s+[\w-]+){0,2}?\s+(?:said|says|claimed|claims|announced"
    r"|reported|stated)\b[^,;]*[.]?\s*$", re.IGNORECASE)


def _enemy_claim(sentence: str, reported: list[_Mention]) -> bool:
    """Whether every counted death is an enemy a fighting party says it killed and that
    party, named last ("..., the army said."), is the only source (see `_PARTY_SPEAKER_RE`)."""
    speaker = _PARTY_SPEAKER_RE.search(sentence)
    if speaker is None or any(m.end > speaker.start() for m in reported):
        return False
    return all(_ENEMY_DEAD_RE.search(sentence, m.start, m.end) for m in reported)


def party_only(source: str | None) -> bool:
    """Whether every outlet of a document's `source` ("a; b") is a party to the conflict
    whose tolls ACLED codes as 0 (the Taliban's Voice of Jihad) [§8]."""
    if not source:
        return False
    return all(_PARTY_SOURCE_RE.search(outlet) for outlet in source.split(";") if outlet.strip())


def find_fatalities(sentence: str, source: str | None = None) -> FatalityEvidence:
    """The conservative reported death toll of one sentence; 0 with span None when none.

    "No one was killed", "12 wounded" and "casualties" give 0. A toll claimed only by a party
    to the conflict gives 0 with `claimed_by_party` True (the caller may note the claim), as
    does any toll when `source` (the document's outlets, "a; b") names only a party's own
    outlets (`party_only`). The count is for the whole sentence; splitting a total across
    events is the engine's job.
    """
    if not _PRECHECK_RE.search(sentence):
        return FatalityEvidence(0, None, 0.9, False)
    masked = _QUOTES_RE.sub(lambda m: f" {m.group('quoted')} " if m.group("quoted") else " ",
                            sentence)
    masked = _PARTITIVE_WOUNDED_RE.sub("victims", masked)
    masked = _AGE_RE.sub(lambda m: "x" * len(m.group()), masked)
    masked = _DATE_RE.sub(lambda m: "#" * len(m.group()), masked)
    masked = _ASIDE_RE.sub(lambda m: " " * len(m.group()), masked)
    masked = _RELATIVE_RE.sub(
        lambda m: m.group() if _PRECHECK_RE.search(m.group()) else " " * len(m.group()), masked)
    few = _scale(masked)
    mentions = [m for m in _mentions(masked, few)
                if not _NEGATED_RE.search(masked, m.start, m.end) and not _background(masked, m)
                and not _DENIED_RE.match(masked, m.end)]
    if party_only(source):
        mentions = [replace(m, withheld=True) for m in mentions]
    reported = [m for m in mentions if not m.withheld]
    if not party_only(source) and (
            rival := _rival_claims(masked, [m for m in mentions if m.withheld])):
        reported = sorted([*reported, rival], key=lambda m: m.start)
    if len(reported) > 1:
        # "A man was shot dead; police said he was killed by a gang": the pronoun is a person
        # counted already
        reported = [m for m in reported if not _PRONOUN_DEATH_RE.match(masked, m.start)]
    if reported and _enemy_claim(masked, reported):
        return FatalityEvidence(0, None, 0.7, True)
    bomber = _bomber_uncounted(sentence, reported)
    if reported:
        total, confidence, start, end = _combine(sentence, reported)
        return FatalityEvidence(total + bomber, (start, end), confidence, False)
    if mentions:
        return FatalityEvidence(0, None, 0.7, True)
    vague = _VAGUE_PLURAL_RE.search(sentence)
    if (vague and not party_only(source)
            and not _VAGUE_NEGATION_RE.search(sentence, 0, vague.start())
            and not _VAGUE_DOUBT_RE.match(sentence, vague.end())):
        return FatalityEvidence(few, (vague.start(), vague.end()), 0.4, False)
    return FatalityEvidence(0, None, 0.8, False)


# A later sentence that reports other dead ("2 militants were also killed", "Another three
# men were found dead") adds to the event's toll; one from other sources disagrees with it.
_ADDED_RE: Final = re.compile(
    r"\b(?:also|another|additional|further|in addition|as well|too"
    r"|other(?!\s+(?:sources?|reports?|outlets?|media|accounts?)))\b",
    re.IGNORECASE,
)
# "The perpetrator died in the clash": the attacker's death is not the victims' toll told
# before; §8 counts everyone killed in the event, the attacker and a suicide bomber too.
_ATTACKER_RE: Final = re.compile(
    r"\b(?:perpetrators?|assailants?|attackers?|gunm[ae]n|shooters?|bombers?|hijackers?"
    r"|kidnappers?|abductors?)\b", re.IGNORECASE)
# "Local authorities reported that also 4 militants were killed": the word may open the phrase.
_ADDED_REACH: Final = 15
# "Residents contested the figure and said 6 had died": a figure told against the
# one before; the lowest counts [§8].
_DISPUTED_RE: Final = re.compile(
    r"\b(?:contest\w*|disput\w*|reject\w*|challeng\w*|refut\w*)\b"
    r"|\b(?:lower|higher|different|conflicting) (?:figure|toll|number|count)\b", re.IGNORECASE)
_OTHER_SOURCES_RE: Final = re.compile(
    r"\b(?:other|another|some|different|conflicting|local|official) (?:sources?|reports?)\b"
    r"|\baccording to other\b",
    re.IGNORECASE,
)


def later_toll(earlier: int, sentence: str, source: str | None = None) -> int:
    """The toll of an event told before, after a later sentence of no event of its own.

    A later figure from other sources disagrees: the lowest counts [§8]. Dead it reports as
    "also" killed, or "another"/"other" dead, are more victims of the same event and add up
    (§8: the event's fatalities are everyone killed in it). Otherwise the sentence retells the
    toll, and the higher figure is the update ("the toll rose to 12").
    """
    found = find_fatalities(sentence, source)
    days = days_spanned(sentence)
    # a toll told for several days: the first day's share (§8 split, remainder first)
    toll = found.fatalities // days + (1 if found.fatalities % days else 0)
    if not toll or not earlier or found.span is None:
        return max(earlier, toll)
    if _OTHER_SOURCES_RE.search(sentence) or _DISPUTED_RE.search(sentence):
        # another source's figure against the reported one: the lowest [§8]
        return min(earlier, toll)
    if _ADDED_RE.search(sentence, max(0, found.span[0] - _ADDED_REACH), found.span[1]) or (
            _ATTACKER_RE.search(sentence, found.span[0], found.span[1])):
        # the word belongs to the death phrase itself ("were also killed"), not to the
        # wounded or arrested told beside it ("the other two were injured")
        return earlier + toll
    if toll != earlier and _narrated(sentence, found.span):
        # "1 policeman was killed during clashes after the bombing", "Afghan forces attacked
        # back and killed 3 militants": a further killing told in its own clause is more dead
        # of the same event (§8: everyone killed in it), not a retelling of its figure
        return earlier + toll
    return max(earlier, toll)


# A later sentence that retells or reports a figure: a toll, a total, a source's word.
_RETOLD_RE: Final = re.compile(
    r"\b(?:toll|total|overall|in all|altogether|bringing|rose|risen|climbed|increased|updated"
    r"|said|says|say|reported|reports?|according|told|stated|confirmed|claim\w*|contest\w*"
    r"|put|puts|estimated?|sources?|figures?|counted)\b", re.IGNORECASE)
# Wound and arrest figures told beside the dead ("2 killed and 3 injured") are no narrative.
_BESIDE_RE: Final = re.compile(
    r"\b(?:and|,)?\s*(?:\d+(?:\s*[-\u2013]\s*\d+)?|one|two|three|four|five|several|others?)?\s*"
    r"(?:(?:were|was|people|persons)\s+)?(?:injured|wounded|hurt|missing|arrested)\b",
    re.IGNORECASE)
_NARRATIVE_WORDS: Final = 3


def _narrated(sentence: str, span: tuple[int, int]) -> bool:
    """Whether a later sentence tells a killing in a clause of its own (a place in the fight, a
    perpetrator, a moment), not a bare summary line ("2 killed.", "4 fatalities, 3 injured")
    nor a figure a source reports or a total retold (those weigh as before)."""
    if _RETOLD_RE.search(sentence):
        return False
    rest = _BESIDE_RE.sub(" ", sentence[: span[0]] + " " + sentence[span[1]:])
    return len(re.findall(r"[A-Za-z]{2,}", rest)) >= _NARRATIVE_WORDS


_DAY_COUNTS: Final = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_DAYS_RE: Final = re.compile(
    r"\b(?:on|over|across|during|for|in)\s+(?:the\s+)?(?:past\s+|last\s+)?"
    r"(?P<n>two|three|four|five|six|seven|[2-7])\s+(?:consecutive\s+|successive\s+)?days\b"
    r"|\b(?P<m>two|three|four|five|six|seven|[2-7])[- ]day\s+(?:battle|clash(?:es)?|fighting"
    r"|offensive|operation|assault|siege|attack|raid|standoff|confrontation)",
    re.IGNORECASE,
)


def days_spanned(sentence: str) -> int:
    """How many days a sentence says its fighting lasted ("clashed on two consecutive days",
    "a two-day battle"); 1 when it names no span.

    Days are atomic (§7), so a toll told for the whole span is split evenly over its days,
    the odd remainder to the first (§8; the codebook's own example: 12 over 2 days is 6 + 6).
    """
    match = _DAYS_RE.search(sentence)
    if match is None:
        return 1
    word = (match.group("n") or match.group("m")).lower()
    return int(word) if word.isdigit() else _DAY_COUNTS[word]


# A list of places after a locative word: "in Kabul, Ghor, Laghman, and Balkh provinces",
# "in Shah Wali Kot and Maywand districts". Items are capitalised names (up to four words,
# "Al"/"Ad"-style particles and hyphens included); the list ends at punctuation, the end, a
# place-kind word or a lowercase preposition, so that "in Kabul and Taliban fighters" is none.
_PLACE_ITEM: Final = (
    r"(?:[A-Z][\w'\u2019-]*)(?:\s+(?:[A-Z][\w'\u2019-]*|al|el|ad|as|ash|an|ar|de|del|la|le))*")
_PLACE_KIND: Final = (
    r"(?:districts?|provinces?|villages?|areas?|towns?|cities|city|governorates?|regions?"
    r"|count(?:y|ies)|LGAs?|states?|localities|locality|neighbou?rhoods?|camps?|municipalit(?:y|ies)"
    r"|sub-?districts?|communes?|departments?|oblasts?|raions?|tehsils?|wards?|sectors?)"
)
_PLACE_LIST_RE: Final = re.compile(
    r"\b(?:in|at|near|around|across|of)\s+(?:the\s+)?"
    r"(?P<list>" + _PLACE_ITEM + r"(?:\s*,\s*(?!and\b)" + _PLACE_ITEM + r")*"
    r"(?:\s*,?\s+and\s+" + _PLACE_ITEM + r"))"
    r"(?=\s*(?:[,.;()]|$)|\s+" + _PLACE_KIND + r"\b|\s+(?:on|in|of|near|during|where|when"
    r"|while|after|before|killing|leaving)\b)"
)
_MONTHS_RE: Final = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MAX_LISTED: Final = 8
_ADMIN_ASIDE_RE: Final = re.compile(r"\(([A-Z][\w' -]*), [A-Z][\w' -]*\)")


def places_listed(sentence: str) -> int:
    """How many places a sentence lists together as where its event happened ("in Kabul,
    Ghor, Laghman, and Balkh provinces" 4); 1 when it lists none.

    An event is one place (§10), so a toll told for several listed places is split over them
    (§8), even when the place step could name fewer of them.
    """
    best = 1
    for match in _PLACE_LIST_RE.finditer(sentence):
        items = re.split(r"\s*,?\s+and\s+|\s*,\s*", match.group("list"))
        if any(_MONTHS_RE.search(item) for item in items):
            continue
        best = max(best, len(items))
    # "on the front (Dand, Kandahar) and at the checkpoint (Arghandab, Kandahar)":
    # places each told with their own district and province are places apart
    districts = {match.group(1) for match in _ADMIN_ASIDE_RE.finditer(sentence)}
    best = max(best, len(districts))
    return min(best, _MAX_LISTED)
