"""The date step: event dates from the words of a sentence, resolved against publication.

Every phrase is recognised by our own regular expressions. We deliberately do not run a
general date parser over free text: dateparser's ``search_dates`` reads "50" in
"80 kilometers (50 miles)" as a year, and a count of people or a resolution number must never
become a date. Everything here is pure: the publication date is the only clock.

Rules shared by every phrase (codebook §7):

* ``time_precision`` 1 is an exact day, 2 a week or weekend, 3 a month; a span is recorded by
  its middle, or by its first/last day when the source says "early"/"late".
* No resolved date is ever after publication: a news report tells what has happened. Phrases
  about the future ("next Sunday", an explicit date after publication) resolve to nothing.
* A phrase more than a year before publication, or naming only a past year or decade, places
  the sentence in the background: its evidence has ``is_history=True``.
"""

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

# Codebook §7 precision codes.
EXACT_DAY: Final = 1
WEEK: Final = 2
MONTH: Final = 3

# Older than this, a date is background to a news report, not its event.
_HISTORY_AFTER: Final = timedelta(days=365)

_SATURDAY: Final = 5  # date.weekday(); ACLED's data week runs Saturday to Friday (codebook §7)


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """One resolved date phrase, or the publication-date default (``span`` None)."""

    event_date: date
    time_precision: int  # codebook: 1 exact day, 2 week/weekend, 3 month
    span: tuple[int, int] | None  # characters of the sentence that justify it; None for default
    is_history: bool = False  # the phrase places the sentence in the past (background)


@dataclass(frozen=True, slots=True)
class _Relative:
    """A day counted from the sentence's previous exact day ("the day before")."""

    span: tuple[int, int]
    shift: int


_Outcome = DateEvidence | _Relative | None
_Handler = Callable[[re.Match[str], date], _Outcome]


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    outcome: _Outcome  # None: the words name no usable day, but still hide shorter matches


# --- vocabulary -------------------------------------------------------------------------------

_WEEKDAYS: Final = {
    "mon": 0, "tues": 1, "wednes": 2, "thurs": 3, "fri": 4, "satur": 5, "sun": 6,
}  # fmt: skip
_WEEKDAY: Final = r"(?i:(mon|tues|wednes|thurs|fri|satur|sun)day)"
_WEEKDAY_NC: Final = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)"

_MONTH_NAMES: Final = tuple(calendar.month_name)[1:]
# Month names are matched case-sensitively: "may" and "march" are also ordinary words.
_MONTH_FULL: Final = r"(?:" + "|".join(_MONTH_NAMES) + r")\b"
_MONTH_ANY: Final = _MONTH_FULL + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
_MONTH_NUMBER: Final = {name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, 1)}

_COUNTS: Final = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty",
)  # fmt: skip
_NUMBER_WORDS: Final = {word: n for n, word in enumerate(_COUNTS, 1)} | {
    "a": 1,
    "an": 1,
    "thirty": 30,
}
_VAGUE: Final = r"several|a\s+few|few|some|many|a\s+couple\s+of|couple\s+of"
_UNITS: Final = "one|two|three|four|five|six|seven|eight|nine"
_QUANTITY: Final = rf"\d{{1,3}}|(?:twenty|thirty)-(?:{_UNITS})|{_VAGUE}|" + "|".join(
    sorted(_NUMBER_WORDS, key=len, reverse=True)
)
_YEAR: Final = r"(?:19|20)\d{2}(?![\d]|[-/,]\d)"

# --- calendar helpers ---------------------------------------------------------------------------


def _ev(match: re.Match[str], day: date, precision: int, history: bool = False) -> DateEvidence:
    return DateEvidence(day, precision, match.span(), history)


def _last_on_or_before(published: date, weekday: int) -> date:
    """The most recent given weekday on or before publication; publication day itself counts."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _data_week_start(published: date) -> date:
    """The Saturday opening the ACLED data week (Saturday-Friday) that holds publication."""
    return _last_on_or_before(published, _SATURDAY)


def _month_day(year: int, month: int, where: str, published: date) -> date:
    """A month told without a day: 1st for "early", last day for "late", else the 15th (§7).

    In the publication month only the days up to publication have happened, so the middle is
    taken of that shorter span and "late" stops at publication.
    """
    last = calendar.monthrange(year, month)[1]
    if where in {"early", "beginning", "start"}:
        day = 1
    elif where in {"late", "end"}:
        day = last
    else:
        day = 15
    if (year, month) == (published.year, published.month):
        if day == 15 and published.day < 15:
            day = (1 + published.day) // 2
        day = min(day, published.day)
    return date(year, month, day)


def _history_year(year: int, published: date) -> date:
    """The middle of a past year, never after publication (history dates are only nominal)."""
    return min(date(max(year, 1), 7, 1), published)


# --- handlers: one per phrase family ------------------------------------------------------------

_WEEKDAY_PHRASE: Final = re.compile(
    r"\b(?:(?:late|early|overnight)\s+(?:on\s+)?)?(?:(last|this|next|on)\s+)?"
    + _WEEKDAY
    + r"(?:['\u2019]s)?(?:\s+(?:morning|afternoon|evening|night))?\b",
    re.IGNORECASE,
)


def _weekday(match: re.Match[str], published: date) -> _Outcome:
    # "late on Saturday", "Saturday night" and "early Monday" are that same day: we date by
    # the calendar day the source names, whatever the time of day or time zone.
    which = (match.group(1) or "").lower()
    weekday = _WEEKDAYS[match.group(2).lower()]
    if which == "next":
        return None
    # A weekday named like the publication weekday is the publication day itself (published
    # on Sunday, "on Sunday" is that day); only "last Sunday" goes back a full week.
    day = _last_on_or_before(published, weekday)
    if which == "last" and day == published:
        day -= timedelta(days=7)
    return _ev(match, day, EXACT_DAY)


_DAY_WORD: Final = re.compile(
    r"\b(?:the\s+day\s+before\s+yesterday|(?:earlier\s+)?today|tonight"
    r"|this\s+(?:morning|afternoon|evening)|yesterday|last\s+night|overnight)(?:['\u2019]s)?\b",
    re.IGNORECASE,
)
_DAY_WORD_SHIFT: Final = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    # Wire reports say "overnight" for the night that ends on the day they are filed: the
    # night began the day before, as "last night" does.
    "overnight": -1,
}


def _day_word(match: re.Match[str], published: date) -> _Outcome:
    key = " ".join(match.group().lower().replace("\u2019", "'").removesuffix("'s").split())
    return _ev(match, published + timedelta(days=_DAY_WORD_SHIFT.get(key, 0)), EXACT_DAY)


_RELATIVE_DAY: Final = re.compile(
    r"\b(?:the\s+(day\s+before|previous\s+day|preceding\s+day|day\s+after|following\s+day"
    r"|next\s+day)|a\s+day\s+(earlier|later))\b",
    re.IGNORECASE,
)


def _relative_day(match: re.Match[str], published: date) -> _Outcome:
    words = (match.group(1) or match.group(2)).lower()
    forward = words.startswith(("day after", "following", "next", "later"))
    return _Relative(match.span(), 1 if forward else -1)


_AGO: Final = re.compile(
    rf"(?<![\w-])(?:({_QUANTITY})\s+)?(day|week|month|year|decade|centur|generation)(?:y|ies|s)?\s+ago\b",
    re.IGNORECASE,
)
_HISTORY_YEARS: Final = {"year": 1, "decade": 10, "centur": 100, "generation": 25}


def _count(quantity: str) -> int | None:
    """A number told in digits or words ("9", "nine", "twenty-one"); None for "several"."""
    if quantity.isdigit():
        return int(quantity)
    parts = [_NUMBER_WORDS.get(part) for part in quantity.split("-")]
    return None if None in parts else sum(p for p in parts if p is not None)


def _ago(match: re.Match[str], published: date) -> _Outcome:
    quantity = " ".join((match.group(1) or "").lower().split())
    unit = match.group(2).lower()
    count = _count(quantity)
    if unit in _HISTORY_YEARS:
        # "years ago" without a number still means at least two.
        years = _HISTORY_YEARS[unit] * (count if count is not None else 2)
        return _ev(match, _history_year(published.year - years, published), MONTH, history=True)
    if count is None or unit == "month":
        # "several days ago" names no day; "two months ago" names no month: don't guess one.
        return None
    if unit == "day":
        return _ev(match, published - timedelta(days=count), EXACT_DAY)
    return _ev(match, published - timedelta(weeks=count), WEEK)


_NAMED_SPAN: Final = re.compile(
    r"\b(?:(earlier|later|early|late|mid|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of)"
    r"(?:\s+|-)(?:in\s+)?)?(this|last|past|next|the\s+previous|the\s+past)\s+"
    r"(week|weekend|month|year)(?:['\u2019]s)?\b"
    r"|\b(?:on|over|at|during)\s+the\s+(?:past\s+)?(weekend)\b",
    re.IGNORECASE,
)


def _named_span(match: re.Match[str], published: date) -> _Outcome:
    when = " ".join((match.group(1) or "").lower().split())
    which = " ".join((match.group(2) or "this").lower().split()).removeprefix("the ")
    unit = (match.group(3) or match.group(4)).lower()
    if which == "next" or when == "later":
        return None  # the future
    if unit == "week":
        return _week(match, published, which)
    if unit == "weekend":
        return _weekend(match, published, which)
    if unit == "month":
        if when not in {"", "earlier"} and which in {"last", "previous", "this"}:
            # "late last month", "at the beginning of this month": §7's first or last day
            # of the month, or its middle for "mid".
            month = published if which == "this" else published.replace(day=1) - timedelta(1)
            where = when.removeprefix("at ").removeprefix("the ").split()[0]
            return _ev(match, _month_day(month.year, month.month, where, published), MONTH)
        return _month_span(match, published, which, earlier=when == "earlier")
    if which in {"last", "previous"}:
        return _ev(match, _history_year(published.year - 1, published), MONTH, history=True)
    return None  # "this year", "the past year": vaguer than a month, not recorded (§7)


def _week(match: re.Match[str], published: date, which: str) -> DateEvidence:
    start = _data_week_start(published)
    if which in {"last", "previous"}:
        # §7 records "last week" by the middle of the week, "Wednesday or Thursday". The
        # reporter's "last week" is the calendar week (Monday-Sunday) before the one of
        # publication, not ACLED's data week: a Saturday paper's "last week" ended six days
        # ago. Its Thursday lies in the ACLED week (Saturday-Friday) that holds that week's
        # Monday-Friday, so the choice moves no event into another data week
        # (seeds/examples/README.md states the same convention).
        monday = published - timedelta(days=published.weekday())
        return _ev(match, monday - timedelta(days=4), WEEK)
    if which == "past":
        return _ev(match, published - timedelta(days=3), WEEK)  # the seven days up to today
    # "this week": the data week so far, by its middle day.
    return _ev(match, start + timedelta(days=(published - start).days // 2), WEEK)


def _weekend(match: re.Match[str], published: date, which: str) -> DateEvidence:
    # §7 records the middle of a span; a two-day weekend has no middle day, so we take its
    # Saturday: the only choice that is never after publication when a Saturday paper says
    # "this weekend", and the first day of ACLED's data week.
    saturday = _data_week_start(published)
    if which == "last" and published - saturday <= timedelta(days=1):
        saturday -= timedelta(days=7)  # on a weekend, "last weekend" is the one before
    return _ev(match, saturday, WEEK)


_MID_MONTH: Final = 15


def _month_span(match: re.Match[str], published: date, which: str, earlier: bool) -> DateEvidence:
    if which in {"last", "previous"}:
        last_month = published.replace(day=1) - timedelta(days=1)
        return _ev(match, last_month.replace(day=15), MONTH)
    if which == "past":
        # "the past month": the 30 days up to publication, by their middle (§7).
        return _ev(match, published - timedelta(days=15), MONTH)
    if earlier:
        # "earlier this month": §7 records the middle of the month, the 15th, when it lies
        # before publication; otherwise the span is the 1st to publication, and its middle
        # keeps the date within the stated span (never after publication).
        if published.day > _MID_MONTH:
            return _ev(match, published.replace(day=_MID_MONTH), MONTH)
        return _ev(match, published.replace(day=(1 + published.day) // 2), MONTH)
    return _ev(match, _month_day(published.year, published.month, "mid", published), MONTH)


_DAY_MONTH: Final = re.compile(
    rf"(?:\b(?i:on)\s+)?(?:\b{_WEEKDAY_NC},?\s+)?(?:\b(?i:the)\s+)?(?<![\d,.])(\d{{1,2}})"
    rf"(?:st|nd|rd|th)?(?:\s+(?i:of))?\s+({_MONTH_ANY})(?:,?\s+({_YEAR}))?"
)
_MONTH_DAY: Final = re.compile(
    rf"(?:\b(?i:on)\s+)?(?:\b{_WEEKDAY_NC},?\s+)?\b({_MONTH_ANY})\s+(?:(?i:the)\s+)?"
    rf"(\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.:]\d)(?:,?\s+({_YEAR}))?"
)


def _explicit(day: int, month_name: str, year: str | None, published: date) -> date | None:
    """A calendar day; without a year, the latest such day on or before publication."""
    month = _MONTH_NUMBER[month_name[:3].lower()]
    if year is not None:
        found = date(int(year), month, day)
        return found if found <= published else None  # a plan, not an event
    # Eight years back always reaches a 29 February (1900 and 2100 are not leap years).
    for back in range(9):
        try:
            found = date(published.year - back, month, day)
        except ValueError:
            continue
        if found <= published:
            return found
    return None


# "Around 5 May", "as reported on 5 May", "5 May (week of)": the source gives the day only
# approximately, or gives its own report's day; §7 records such a day with precision 2 (a
# week), or 3 when the source says only the month.
_APPROXIMATE_BEFORE: Final = re.compile(
    r"\b(?:around|about|circa|approximately|roughly|sometime|(?:as\s+)?reported(?:\s+on)?"
    r"|on\s+or\s+(?:about|around))\s+(?:on\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_APPROXIMATE_AFTER: Final = re.compile(
    r"\s*\((?:or around|week of|midweek|weekend|as reported|on or about|around)\b"
    r"|\s*\((?P<month>month of|mid-?month|early|late)\b",
    re.IGNORECASE,
)


def _precision_of(match: re.Match[str]) -> int:
    """An explicit day's precision: 1, unless words around it make it approximate (§7)."""
    text = match.string
    after = _APPROXIMATE_AFTER.match(text, match.end())
    if after is not None:
        return MONTH if after.group("month") else WEEK
    if _APPROXIMATE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return WEEK
    return EXACT_DAY


def _day_month(match: re.Match[str], published: date) -> _Outcome:
    found = _explicit(int(match.group(1)), match.group(2), match.group(3), published)
    return None if found is None else _ev(match, found, _precision_of(match))


# "on 5 and 6 May", "4-5 May": the first day of a list or range takes the month after it.
_DAY_BEFORE_DAY_MONTH: Final = re.compile(
    rf"(?<![\d,.])(\d{{1,2}})(?:st|nd|rd|th)?(?=\s*(?:and|&|,|to|-)\s*\d{{1,2}}(?:st|nd|rd|th)?"
    rf"\s+({_MONTH_ANY})(?:,?\s+({_YEAR}))?)"
)


def _day_before_day_month(match: re.Match[str], published: date) -> _Outcome:
    found = _explicit(int(match.group(1)), match.group(2), match.group(3), published)
    return None if found is None else _ev(match, found, _precision_of(match))


def _month_day_handler(match: re.Match[str], published: date) -> _Outcome:
    found = _explicit(int(match.group(2)), match.group(1), match.group(3), published)
    return None if found is None else _ev(match, found, _precision_of(match))


# Numeric dates: only year-first forms. "6/9/2021" is 6 September or June 9 depending on the
# outlet, so slashed day/month forms are not read at all.
_NUMERIC: Final = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})([-/])(\d{1,2})\2(\d{1,2})(?![\d/.-])")


def _numeric(match: re.Match[str], published: date) -> _Outcome:
    found = date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    return _ev(match, found, EXACT_DAY) if found <= published else None


_MONTH_PHRASE: Final = re.compile(
    r"(?:\b(?i:in|during|throughout)\s+)?"
    r"(?:\b(?i:(early|late|mid|the\s+(?:end|beginning|start|middle)\s+of))(?:-|\s+))?"
    rf"\b({_MONTH_FULL}|Sept\b\.?)(?:,?\s+({_YEAR}))?"
)


def _month_phrase(match: re.Match[str], published: date) -> _Outcome:
    where = (match.group(1) or "").lower().split()
    year_text = match.group(3)
    if not where and year_text is None and match.start() == match.start(2):
        return None  # a bare month name ("September's offensive") is not read as a date
    month = _MONTH_NUMBER[match.group(2)[:3].lower()]
    if year_text is not None:
        year = int(year_text)
        if (year, month) > (published.year, published.month):
            return None
    else:
        year = published.year if month <= published.month else published.year - 1
    position = where[1] if where and where[0] == "the" else (where[0] if where else "mid")
    return _ev(match, _month_day(year, month, position, published), MONTH)


_YEAR_PHRASE: Final = re.compile(
    r"\b(?i:in|since|during|until|till|between|circa|before)\s+"
    rf"(?:(?i:early|late|mid)(?:-|\s+))?({_YEAR})\b"
)


def _year_phrase(match: re.Match[str], published: date) -> _Outcome:
    year = int(match.group(1))
    if year >= published.year:
        return None  # this year is vaguer than a month (§7); a later one is the future
    return _ev(match, _history_year(year, published), MONTH, history=True)


_DECADE: Final = re.compile(
    r"(?:\b(?i:the)\s+)?(?:\b(?i:early|late|mid)(?:-|\s+))?"
    r"(?:\b((?:1[89]|20)\d0)|['\u2019]([3-9]0))['\u2019]?s\b"
)


def _decade(match: re.Match[str], published: date) -> _Outcome:
    start = int(match.group(1)) if match.group(1) else 1900 + int(match.group(2))
    if start + 10 > published.year:
        return None  # the current decade is no background
    return _ev(match, _history_year(start + 5, published), MONTH, history=True)


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    handler: _Handler
    # Lower-case words of which every match holds at least one: the cheap test that spares
    # the pattern's scan of a sentence that cannot match (most sentences, for most rules).
    keys: tuple[str, ...]


_MONTH_KEYS: Final = tuple(_MONTH_NUMBER)
_RULES: Final = (
    _Rule(_WEEKDAY_PHRASE, _weekday, ("day",)),
    _Rule(_DAY_WORD, _day_word, ("day", "night", "morning", "afternoon", "evening")),
    _Rule(_RELATIVE_DAY, _relative_day, ("day",)),
    _Rule(_AGO, _ago, ("ago",)),
    _Rule(_NAMED_SPAN, _named_span, ("week", "month", "year")),
    _Rule(_DAY_MONTH, _day_month, _MONTH_KEYS),
    _Rule(_DAY_BEFORE_DAY_MONTH, _day_before_day_month, _MONTH_KEYS),
    _Rule(_MONTH_DAY, _month_day_handler, _MONTH_KEYS),
    _Rule(_NUMERIC, _numeric, ("-", "/")),
    _Rule(_MONTH_PHRASE, _month_phrase, _MONTH_KEYS),
    _Rule(_YEAR_PHRASE, _year_phrase, ("19", "20")),
    _Rule(_DECADE, _decade, ("0s", "0's", "0\u2019s")),
)


# --- assembly -----------------------------------------------------------------------------------


def _candidates(sentence: str, rules: list[_Rule], published: date) -> Iterator[_Candidate]:
    for rule in rules:
        for match in rule.pattern.finditer(sentence):
            try:
                outcome = rule.handler(match, published)
            except (ValueError, OverflowError):
                # 31 September, or calendar arithmetic past date.min: words, but no day.
                outcome = None
            yield _Candidate(match.start(), match.end(), outcome)


def _longest_first(candidates: Iterator[_Candidate]) -> list[_Candidate]:
    """Overlapping matches keep the longest: "Sunday, 5 September" beats "Sunday"."""
    ordered = sorted(candidates, key=lambda c: (c.start - c.end, c.start))
    kept: list[_Candidate] = []
    for candidate in ordered:
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _settle(
    outcome: DateEvidence | _Relative, anchor: date | None, published: date
) -> DateEvidence | None:
    if isinstance(outcome, DateEvidence):
        return outcome
    # "the day before" counts from the sentence's previous exact day, else from publication.
    day = (anchor or published) + timedelta(days=outcome.shift)
    return DateEvidence(day, EXACT_DAY, outcome.span) if day <= published else None


def find_dates(sentence: str, published: date) -> list[DateEvidence]:
    """Every date phrase in the sentence, in text order, resolved against publication.

    Phrases that name no usable day ("several days ago", "next week", "this year", a date
    after publication) are left out. Evidence with ``is_history`` marks background.
    """
    lowered = sentence.lower()
    rules = [rule for rule in _RULES if any(key in lowered for key in rule.keys)]
    if not rules:
        return []
    found: list[DateEvidence] = []
    anchor: date | None = None
    for candidate in _longest_first(_candidates(sentence, rules, published)):
        if candidate.outcome is None:
            continue
        try:
            evidence = _settle(candidate.outcome, anchor, published)
        except OverflowError:
            continue
        if evidence is None:
            continue
        if not evidence.is_history and published - evidence.event_date > _HISTORY_AFTER:
            evidence = replace(evidence, is_history=True)
        if evidence.time_precision == EXACT_DAY and not evidence.is_history:
            anchor = evidence.event_date
        if found and _restated(sentence, found[-1], evidence):
            continue
        found.append(evidence)
    return found


def _restated(sentence: str, before: DateEvidence, evidence: DateEvidence) -> bool:
    """Whether a day word right after a date only says when on that day it happened: "On
    8 July, overnight, ..." is one night dated 8 July, not a second date the day before."""
    if before.span is None or evidence.span is None:
        return False
    return bool(_DAY_PART_RE.fullmatch(sentence, evidence.span[0], evidence.span[1])
                and _DATE_GAP_RE.fullmatch(sentence, before.span[1], evidence.span[0]))


_DAY_PART_RE: Final = re.compile(r"(?:overnight|at night|last night|tonight)", re.IGNORECASE)
_DATE_GAP_RE: Final = re.compile(r"\s*,?\s*")


def resolve_date(sentence: str, published: date) -> DateEvidence:
    """The event date of a sentence: its first non-history phrase, else the first phrase.

    A history phrase is returned only when the sentence has nothing else, so a caller can
    drop it as background. Without any date phrase the news convention applies: a wire report
    tells the events of its own day, so the publication date with precision 1 and span None.
    """
    found = find_dates(sentence, published)
    for evidence in found:
        if not evidence.is_history:
            return evidence
    if found:
        return found[0]
    return DateEvidence(published, EXACT_DAY, None)


# Days joined in a list ("on 5 and 6 May", "on Saturday and Sunday"): several days of one
# story, each an event (codebook §7, §10: days are atomic). A later day named apart from the
# first ("the blogger, who was arrested on 6 May", "a week after the raid on Friday") is the
# context of the event, not another day of it.
_DAY_LIST_GAP: Final = re.compile(
    r"\s*(?:,|and|or|,\s*and|as well as|&|to|through|until)\s*(?:again\s+)?(?:on\s+)?", re.I)


# "a man was found dead", "the bodies of three men were discovered", "found the body of".
_FOUND_DEAD_RE: Final = re.compile(
    r"\bfound (?:dead|murdered|lifeless|killed|beheaded|shot dead|hanged)\b"
    r"|\b(?:body|bodies|corpses?|remains|skeleton)\b[^.;]{0,80}?\b(?:was|were|had been|have been)"
    r"\s+(?:\w+\s+)?(?:found|discovered|recovered|retrieved|dumped|located)\b"
    r"|\b(?:found|discovered|recovered|retrieved|located)\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:body|bodies|corpses?|remains)\b",
    re.IGNORECASE,
)


def event_days(sentence: str, dates: list[DateEvidence]) -> list[DateEvidence]:
    """The days of the sentence's event among its dates (in text order): the first, and the
    days listed with it that are no vaguer than it.

    The engine makes one event per day (codebook §10); a day named apart from the first is
    context, and the caller drops it.
    """
    if _FOUND_DEAD_RE.search(sentence):
        # A body found tells the day of the discovery, not of the death: ACLED records that
        # day at week precision (§7 code 2; every such dev note reads so, "On" or "Around").
        dates = [replace(d, time_precision=WEEK) if d.time_precision == EXACT_DAY else d
                 for d in dates]
    if len(dates) < 2:
        return dates
    kept = [dates[0]]
    for date_ in dates[1:]:
        previous = kept[-1].span
        if date_.span is None or previous is None or (
                date_.time_precision > dates[0].time_precision):
            continue
        if _DAY_LIST_GAP.fullmatch(sentence, previous[1], date_.span[0]):
            kept.append(date_)
    return kept
