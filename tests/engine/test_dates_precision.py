"""Approximate days and month parts: time_precision 2 and 3 [codebook §7].

Sentences are ours. A day the source gives only approximately ("around 5 May"), or the day of
its own report ("as reported on 5 May"), is recorded with precision 2; a part of a month
("late last month") by its first, middle or last day with precision 3.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.dates import event_days, find_dates

DAY, WEEK, MONTH = 1, 2, 3
PUBLISHED = date(2021, 9, 20)  # a Monday


@pytest.mark.parametrize(("text", "day", "precision"), [
    pytest.param("Around 5 September, gunmen attacked the post.", date(2021, 9, 5), WEEK,
                 id="around"),
    pytest.param("As reported on 5 September 2021, two soldiers were killed.",
                 date(2021, 9, 5), WEEK, id="as-reported-on"),
    pytest.param("Reported on September 5, a bomb went off in the market.", date(2021, 9, 5),
                 WEEK, id="reported-on-month-first"),
    pytest.param("On 5 September 2021 (or around), the base was shelled.", date(2021, 9, 5),
                 WEEK, id="or-around-after"),
    pytest.param("On 8 September 2021 (week of), rebels raided the village.", date(2021, 9, 8),
                 WEEK, id="week-of"),
    pytest.param("On 15 August 2021 (month of), fighting displaced families.",
                 date(2021, 8, 15), MONTH, id="month-of"),
    pytest.param("On 5 September, gunmen attacked the post.", date(2021, 9, 5), DAY,
                 id="exact-day-stays-exact"),
    pytest.param("On or about 5 September, militants stormed the prison.", date(2021, 9, 5),
                 WEEK, id="on-or-about"),
])
def test_approximate_days(text: str, day: date, precision: int) -> None:
    """§7: an approximate day keeps its date and gets precision 2 (3 for a month)."""
    (found,) = find_dates(text, PUBLISHED)
    assert (found.event_date, found.time_precision) == (day, precision)


@pytest.mark.parametrize(("text", "day"), [
    pytest.param("Late last month, fighting erupted in the valley.", date(2021, 8, 31),
                 id="late-last-month"),
    pytest.param("Early last month, rebels seized the town.", date(2021, 8, 1),
                 id="early-last-month"),
    pytest.param("At the end of last month, the army withdrew.", date(2021, 8, 31),
                 id="end-of-last-month"),
    pytest.param("In mid-last month, protesters rallied.", date(2021, 8, 15), id="mid-last-month"),
    pytest.param("Early this month, the militia attacked.", date(2021, 9, 1),
                 id="early-this-month"),
    pytest.param("Late this month, the militia attacked.", PUBLISHED,
                 id="late-this-month-stops-at-publication"),
    pytest.param("Last month, the militia attacked.", date(2021, 8, 15), id="last-month-middle"),
])
def test_parts_of_a_month(text: str, day: date) -> None:
    """§7: the first day for "early", the last for "late", else the middle, precision 3."""
    (found,) = find_dates(text, PUBLISHED)
    assert (found.event_date, found.time_precision) == (day, MONTH)


def test_a_later_part_of_this_month_is_the_future() -> None:
    """"Later this month" tells a plan: no date."""
    assert find_dates("Talks will resume later this month.", PUBLISHED) == []


@pytest.mark.parametrize(("text", "days"), [
    pytest.param("Rebels attacked the town on 5 and 6 September.",
                 [date(2021, 9, 5), date(2021, 9, 6)], id="listed-days"),
    pytest.param("Fighting went on on Saturday and on Sunday.",
                 [date(2021, 9, 18), date(2021, 9, 19)], id="listed-weekdays"),
    pytest.param("On 6 September, students protested for a teacher who was arrested on "
                 "2 September.", [date(2021, 9, 6)], id="day-in-a-relative-clause"),
    pytest.param("Gunmen attacked the village on 6 September, a week after a raid on "
                 "30 August.", [date(2021, 9, 6)], id="day-named-apart"),
    pytest.param("On 6 September, residents recalled the floods of last month.",
                 [date(2021, 9, 6)], id="vaguer-day"),
])
def test_event_days(text: str, days: list[date]) -> None:
    """§10: one event per day of the event; a day named apart from the first is context."""
    assert [d.event_date for d in event_days(text, find_dates(text, PUBLISHED))] == days
