"""The date step: phrases resolved against publication, expected days read off the calendar.

Publication dates used below, with their weekdays:
  2021-08-24 Tuesday (the seed article)   2021-09-04 Saturday   2021-09-05 Sunday
  2021-09-07 Tuesday   2022-01-01 Saturday   2022-01-03 Monday   2024-03-01 Friday (leap year)
ACLED data weeks run Saturday-Friday (codebook §7).
"""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coder.engine.dates import DateEvidence, find_dates, resolve_date

TUE = date(2021, 8, 24)
SAT = date(2021, 9, 4)
SUN = date(2021, 9, 5)
TUE_SEP = date(2021, 9, 7)
NEW_YEAR_SAT = date(2022, 1, 1)
MON_JAN = date(2022, 1, 3)
LEAP_FRI = date(2024, 3, 1)

DAY, WEEK, MONTH = 1, 2, 3  # codebook §7 time_precision


def p(text: str, published: date, day: date | None, precision: int = DAY, id: str = "") -> object:
    """One row: the sentence has exactly one phrase (day given) or none (day None)."""
    return pytest.param(text, published, day, precision, id=id)


CASES = [
    # Weekdays: the latest such day on or before publication; the publication day counts.
    p("Taliban fighters attacked the post on Sunday.", TUE, date(2021, 8, 22), id="on-sunday"),
    p("Clashes broke out Tuesday night.", TUE, TUE, id="same-weekday-is-publication"),
    p("Shelling resumed late on Saturday.", TUE, date(2021, 8, 21), id="late-on-saturday"),
    p("Gunmen struck early Monday.", TUE, date(2021, 8, 23), id="early-monday"),
    p("Police fired tear gas on Friday morning.", TUE, date(2021, 8, 20), id="friday-morning"),
    p("Sunday's attack killed 12 people.", TUE, date(2021, 8, 22), id="sundays-attack"),
    p("Sunday\u2019s attack killed 12 people.", TUE, date(2021, 8, 22), id="curly-apostrophe"),
    p("They met on Wednesday.", TUE, date(2021, 8, 18), id="wednesday-six-days-back"),
    p("The base fell last Tuesday.", TUE, date(2021, 8, 17), id="last-same-weekday"),
    p("The base fell last Sunday.", TUE, date(2021, 8, 22), id="last-sunday"),
    p("Strikes hit the town overnight Saturday.", TUE, date(2021, 8, 21), id="overnight-saturday"),
    p("A rally is planned for next Sunday.", TUE, None, id="next-sunday-is-future"),
    p("Protesters marched on Sunday.", SUN, SUN, id="sunday-paper-sunday"),
    p("Protesters marched on Saturday.", SUN, date(2021, 9, 4), id="sunday-paper-saturday"),
    p("Protesters marched on Monday.", SUN, date(2021, 8, 30), id="sunday-paper-monday"),
    p("Protesters marched last Sunday.", SUN, date(2021, 8, 29), id="sunday-paper-last-sunday"),
    p("The checkpoint was attacked on Friday.", MON_JAN, date(2021, 12, 31), id="friday-year-back"),
    p("The checkpoint was attacked on Saturday.", MON_JAN, NEW_YEAR_SAT, id="saturday-new-year"),
    # Day words.
    p("Two soldiers were killed yesterday.", TUE, date(2021, 8, 23), id="yesterday"),
    p("Talks resume today.", TUE, TUE, id="today"),
    p("A bomb exploded this morning.", TUE, TUE, id="this-morning"),
    p("Rockets hit the airport last night.", TUE, date(2021, 8, 23), id="last-night"),
    p("Rockets hit the airport overnight.", TUE, date(2021, 8, 23), id="overnight"),
    p("It happened the day before yesterday.", TUE, date(2021, 8, 22), id="day-before-yesterday"),
    p("Officials said it happened the day before.", TUE, date(2021, 8, 23), id="day-before"),
    p("Two soldiers were killed yesterday.", NEW_YEAR_SAT, date(2021, 12, 31), id="yesterday-nye"),
    p("They left the next day.", TUE, None, id="next-day-unanchored-is-future"),
    # N days / weeks ago.
    p("since the Taliban took Kabul nine days ago", TUE, date(2021, 8, 15), id="nine-days-ago"),
    p("shelling 2 days ago near Rukha", TUE, date(2021, 8, 22), id="digits-days-ago"),
    p("Nine days ago the city fell.", TUE, date(2021, 8, 15), id="capitalised"),
    p("He was detained twenty-one days ago.", TUE, date(2021, 8, 3), id="twenty-one-days-ago"),
    p("He was detained two weeks ago.", TUE, date(2021, 8, 10), WEEK, id="two-weeks-ago"),
    p("He was detained a week ago.", TUE, date(2021, 8, 17), WEEK, id="a-week-ago"),
    p("He was detained several days ago.", TUE, None, id="several-days-ago"),
    p("He was detained a few days ago.", TUE, None, id="a-few-days-ago"),
    p("He was detained two months ago.", TUE, None, id="months-ago-unresolved"),
    p("The raid took place five days ago.", MON_JAN, date(2021, 12, 29), id="days-ago-year-back"),
    # "last week": the Thursday of the previous Monday-Sunday calendar week.
    p("In an op-ed last week, he warned.", TUE, date(2021, 8, 19), WEEK, id="last-week-tue"),
    p("Clashes erupted last week.", SUN, date(2021, 8, 26), WEEK, id="last-week-sunday-paper"),
    p("Clashes erupted last week.", SAT, date(2021, 8, 26), WEEK, id="last-week-saturday-paper"),
    p("Clashes erupted last week.", MON_JAN, date(2021, 12, 30), WEEK, id="last-week-new-year"),
    p("Clashes erupted last week.", LEAP_FRI, date(2024, 2, 22), WEEK, id="last-week-friday"),
    p("Clashes erupted the previous week.", TUE, date(2021, 8, 19), WEEK, id="previous-week"),
    p("A march is set for next week.", TUE, None, id="next-week"),
    # Weekends: the Saturday of the latest weekend on or before publication.
    p("On the weekend, a spokesman spoke.", TUE, date(2021, 8, 21), WEEK, id="on-the-weekend"),
    p("Fighting raged over the weekend.", SUN, SAT, WEEK, id="weekend-sunday-paper"),
    p("Fighting raged this weekend.", SAT, SAT, WEEK, id="weekend-saturday-paper"),
    p("Fighting raged last weekend.", SUN, date(2021, 8, 28), WEEK, id="last-weekend-on-sunday"),
    p("Fighting raged last weekend.", TUE, date(2021, 8, 21), WEEK, id="last-weekend-on-tuesday"),
    p("Fighting raged at the weekend.", MON_JAN, NEW_YEAR_SAT, WEEK, id="weekend-new-year"),
    # Months: the 15th, 1st for "early", last day for "late"; never after publication.
    # "earlier this month": the 15th when it lies before publication (seeds/examples/README.md)
    p("Talks failed earlier this month.", TUE, date(2021, 8, 15), MONTH, id="earlier-month"),
    p("Talks failed earlier this month.", TUE_SEP, date(2021, 9, 4), MONTH, id="earlier-early"),
    p("Prices rose this month.", TUE, date(2021, 8, 15), MONTH, id="this-month"),
    p("Prices rose this month.", TUE_SEP, date(2021, 9, 4), MONTH, id="this-month-before-15th"),
    p("Prices rose last month.", TUE, date(2021, 7, 15), MONTH, id="last-month"),
    p("Prices rose last month.", MON_JAN, date(2021, 12, 15), MONTH, id="last-month-new-year"),
    p("The siege began in early September.", TUE_SEP, date(2021, 9, 1), MONTH, id="early-sep"),
    p("The siege began late July.", TUE, date(2021, 7, 31), MONTH, id="late-july"),
    p("The siege began mid-July.", TUE, date(2021, 7, 15), MONTH, id="mid-july"),
    p("The siege began at the end of July.", TUE, date(2021, 7, 31), MONTH, id="end-of-july"),
    p("The siege began in September.", TUE, date(2020, 9, 15), MONTH, id="month-last-year"),
    p("The siege began in December.", MON_JAN, date(2021, 12, 15), MONTH, id="december"),
    p("The siege began late December.", MON_JAN, date(2021, 12, 31), MONTH, id="late-december"),
    p("It began in September 2020.", TUE, date(2020, 9, 15), MONTH, id="month-year"),
    p("Elections are due in October 2021.", TUE, None, id="month-year-future"),
    # Explicit days; without a year, the year that puts them on or before publication.
    p("On 6 September, fighters clashed.", TUE_SEP, date(2021, 9, 6), id="on-6-september"),
    p("Fighters clashed September 6.", TUE_SEP, date(2021, 9, 6), id="september-6"),
    p("Fighters clashed 6 Sept. in Rukha.", TUE_SEP, date(2021, 9, 6), id="6-sept-dot"),
    p("Fighters clashed on 6 September 2021.", TUE_SEP, date(2021, 9, 6), id="with-year"),
    p("Fighters clashed on Sept. 6, 2021.", TUE_SEP, date(2021, 9, 6), id="us-with-year"),
    p("Fighters clashed (2021-09-06).", TUE_SEP, date(2021, 9, 6), id="iso"),
    p("Fighters clashed on the 6th of September.", TUE_SEP, date(2021, 9, 6), id="ordinal"),
    p("On Sunday, 5 September, fighters clashed.", TUE_SEP, SUN, id="weekday-and-date"),
    p("Fighters clashed on 28 December.", MON_JAN, date(2021, 12, 28), id="december-year-back"),
    p("Fighters clashed on December 28, 2021.", MON_JAN, date(2021, 12, 28), id="us-year-end"),
    p("Fighters clashed on 29 February.", LEAP_FRI, date(2024, 2, 29), id="leap-day"),
    p("Protests are called for May 6.", TUE_SEP, date(2021, 5, 6), id="may-6"),
    p("Fighters clashed 6/9/2021.", TUE_SEP, None, id="ambiguous-slashes-skipped"),
    p("A vote is set for 10 October 2021.", TUE_SEP, None, id="explicit-future"),
    p("Fighters clashed on 31 September.", TUE_SEP, None, id="no-such-day"),
    # Numbers that are not dates, and words that only look like months.
    p("The valley begins 80 kilometers (50 miles) north.", TUE, None, id="distances"),
    p("At least 50 people were killed.", TUE, None, id="people-count"),
    p("Gunmen killed 12.", TUE, None, id="killed-12"),
    p("Some 2,000 protesters gathered.", TUE, None, id="thousands"),
    p("It cited Resolution 2334.", TUE, None, id="resolution"),
    p("Troops closed Route 9.", TUE, None, id="route"),
    p("The rebels may march on the capital.", TUE, None, id="may-march-verbs"),
    p("The September offensive stalled.", TUE, None, id="bare-month-name"),
    p("Fighting rose in 2021.", TUE_SEP, None, id="this-year-too-vague"),
    p("Fighting rose this year.", TUE_SEP, None, id="this-year-words"),
]


@pytest.mark.parametrize(("text", "published", "day", "precision"), CASES)
def test_phrase_resolves_to_its_calendar_day(
    text: str, published: date, day: date | None, precision: int
) -> None:
    """Each phrase gives the day the calendar says, at the codebook's precision, as no history."""
    found = [(e.event_date, e.time_precision, e.is_history) for e in find_dates(text, published)]
    assert found == ([] if day is None else [(day, precision, False)])


HISTORY = [
    pytest.param("In 1996, the Taliban took Kabul.", TUE, 1996, 1996, id="in-1996"),
    pytest.param("They fought in the late 1990s.", TUE, 1990, 1999, id="late-1990s"),
    pytest.param("Soviet attacks in the 1980s failed.", TUE, 1980, 1989, id="1980s"),
    pytest.param("The 1980s-era rifles still work.", TUE, 1980, 1989, id="decade-era"),
    pytest.param("They rebelled in the '90s.", TUE, 1990, 1999, id="apostrophe-decade"),
    pytest.param("The deal was signed in 2019.", TUE_SEP, 2019, 2019, id="in-2019"),
    pytest.param("The deal was signed in 2020.", MON_JAN, 2020, 2020, id="previous-year"),
    pytest.param("Control has shifted since 2001.", TUE, 2001, 2001, id="since-2001"),
    pytest.param("The deal was signed last year.", TUE, 2020, 2020, id="last-year"),
    pytest.param("The valley resisted decades ago.", TUE, 1, 2001, id="decades-ago"),
    pytest.param("The valley resisted years ago.", TUE, 1, 2019, id="years-ago"),
    pytest.param("The valley resisted a decade ago.", TUE, 2011, 2011, id="a-decade-ago"),
    pytest.param("The valley resisted 30 years ago.", TUE, 1991, 1991, id="30-years-ago"),
    pytest.param("It fell on 6 September 2019.", TUE_SEP, 2019, 2019, id="exact-but-old"),
    pytest.param("It fell in March 2020.", TUE, 2020, 2020, id="month-over-a-year-old"),
]


@pytest.mark.parametrize(("text", "published", "first_year", "last_year"), HISTORY)
def test_past_years_and_decades_are_history(
    text: str, published: date, first_year: int, last_year: int
) -> None:
    """A past year, decade or a date over a year old marks background, dated within its span."""
    (evidence,) = find_dates(text, published)
    assert evidence.is_history
    assert first_year <= evidence.event_date.year <= last_year
    assert evidence.event_date <= published


def test_history_precision_is_month_for_spans_and_day_for_exact_dates() -> None:
    """A year or decade is vaguer than a month: precision 3; an old exact day keeps 1."""
    (decade,) = find_dates("in the 1980s", TUE)
    (old_day,) = find_dates("on 6 September 2019", TUE)
    assert (decade.time_precision, old_day.time_precision) == (MONTH, DAY)


def test_old_leap_day_is_history() -> None:
    """29 February told in 2021 is 2020-02-29, over a year before: history."""
    (evidence,) = find_dates("Fighters clashed on 29 February.", TUE_SEP)
    assert (evidence.event_date, evidence.is_history) == (date(2020, 2, 29), True)


SPANS = [
    pytest.param("On the weekend, an NRF spokesman spoke.", TUE, "On the weekend", id="weekend"),
    pytest.param("the Taliban took Kabul nine days ago.", TUE, "nine days ago", id="days-ago"),
    pytest.param("In a Washington Post op-ed last week, he said", TUE, "last week", id="last-week"),
    pytest.param("On Sunday, 5 September, they met.", TUE_SEP, "On Sunday, 5 September", id="date"),
    pytest.param("They struck late on Saturday.", TUE, "late on Saturday", id="late-on"),
    pytest.param("Sunday's attack killed 12.", TUE, "Sunday's", id="possessive"),
]


@pytest.mark.parametrize(("text", "published", "words"), SPANS)
def test_span_covers_the_words_that_justify_the_date(
    text: str, published: date, words: str
) -> None:
    """The span is exactly the phrase, so a coder sees why the date was suggested."""
    (evidence,) = find_dates(text, published)
    assert evidence.span is not None
    assert text[slice(*evidence.span)] == words


MULTI = [
    pytest.param(
        "Fighting began late on Saturday and the town fell the day before.",
        TUE_SEP,
        [date(2021, 9, 4), date(2021, 9, 3)],
        id="day-before-counts-from-saturday",
    ),
    pytest.param(
        "Fighters massed on Sunday and attacked the following day.",
        TUE_SEP,
        [SUN, date(2021, 9, 6)],
        id="following-day-counts-from-sunday",
    ),
    pytest.param(
        "After yesterday's raid, on Sunday, the group warned again.",
        TUE_SEP,
        [date(2021, 9, 6), SUN],
        id="text-order",
    ),
    pytest.param(
        "Rebels attacked yesterday and again on Sunday.",
        SUN,
        [SAT, SUN],
        id="sunday-paper-two-days",
    ),
]


@pytest.mark.parametrize(("text", "published", "days"), MULTI)
def test_every_phrase_is_found_in_text_order(text: str, published: date, days: list[date]) -> None:
    """find_dates returns each phrase once, in the order the sentence tells them."""
    assert [e.event_date for e in find_dates(text, published)] == days


class TestResolveDate:
    def test_no_phrase_gives_publication_day(self) -> None:
        """Without a date phrase a wire report tells the events of its own day."""
        assert resolve_date("Fighters clashed in Rukha.", TUE) == DateEvidence(TUE, DAY, None)

    def test_first_phrase_wins(self) -> None:
        """Of two dated phrases the first one dates the sentence."""
        evidence = resolve_date("On Sunday, and again yesterday, they fired.", TUE)
        assert (evidence.event_date, evidence.span) == (date(2021, 8, 22), (0, 9))

    def test_event_phrase_wins_over_earlier_history(self) -> None:
        """A background year does not date a sentence that also tells a recent day."""
        evidence = resolve_date("As in 1996, the Taliban attacked on Sunday.", TUE)
        assert (evidence.event_date, evidence.is_history) == (date(2021, 8, 22), False)

    def test_history_only_sentence_is_marked(self) -> None:
        """A sentence dated only in the past comes back as history for the engine to drop."""
        assert resolve_date("They resisted Soviet attacks in the 1980s.", TUE).is_history

    def test_unresolvable_phrase_falls_back_to_publication(self) -> None:
        """'several days ago' names no day: the convention applies, with no span."""
        assert resolve_date("They fled several days ago.", TUE) == DateEvidence(TUE, DAY, None)


_WORDS = st.sampled_from(
    [
        "on", "Sunday", "late", "last", "next", "week", "weekend", "month", "year", "ago",
        "days", "nine", "twenty-one", "999", "0", "31", "29", "6", "September", "Sept.", "May",
        "February", "in", "the", "1980s", "'90s", "2019", "9999", "1899", "early", "mid-",
        "yesterday", "overnight", "the day before", "the following day", "2021-02-30",
        "2021-09-06", "of", ",", "decades", "centuries", "at", "2,000", "50",
    ]
)  # fmt: skip
_SENTENCES = st.one_of(st.text(), st.lists(_WORDS | st.text(max_size=3)).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(sentence=_SENTENCES, published=st.dates())
def test_never_raises_nor_dates_after_publication(sentence: str, published: date) -> None:
    """Any text and any publication date: no exception, no future date, spans in order."""
    found = find_dates(sentence, published)
    assert all(e.event_date <= published for e in found)
    ends = [0]
    for evidence in found:
        assert evidence.span is not None
        start, end = evidence.span
        assert ends[-1] <= start < end <= len(sentence)
        ends.append(end)
    assert resolve_date(sentence, published).event_date <= published


@pytest.mark.parametrize(("sentence", "days"), [
    pytest.param("On 21 August, overnight, militants attacked a post.", [date(2021, 8, 21)],
                 id="restated-overnight"),
    pytest.param("On 21 August at night rockets hit the base.", [date(2021, 8, 21)],
                 id="restated-at-night"),
    pytest.param("Rockets hit the airport overnight.", [date(2021, 8, 23)], id="overnight-alone"),
])
def test_a_day_part_right_after_a_date_is_that_day_not_another(
    sentence: str, days: list[date]
) -> None:
    """ "On 8 July, overnight" says when on 8 July, not a second date the day before (§10)."""
    assert [d.event_date for d in find_dates(sentence, TUE)] == days
