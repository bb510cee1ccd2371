"""The day a body is found is the day of the discovery, not of the death [codebook §7].

Sentences are ours. ACLED records a killing known only from a body found on the discovery
day, at week precision (§7 code 2): the death happened at some unknown time before.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.dates import EXACT_DAY, MONTH, WEEK, event_days, find_dates

PUBLISHED = date(2020, 5, 4)  # a Monday


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("On 2 May 2020, a man was found dead near the market.", WEEK,
                 id="found-dead"),
    pytest.param("On Sunday, the bodies of three men were discovered on a road.", WEEK,
                 id="bodies-discovered"),
    pytest.param("Police recovered the body of a trader on 1 May.", WEEK, id="recovered-body"),
    pytest.param("On 2 May 2020, gunmen shot dead a man near the market.", EXACT_DAY,
                 id="killing-day-known"),
    pytest.param("On 2 May 2020, a man was found with gunshot wounds and taken to hospital.",
                 EXACT_DAY, id="found-alive"),
    # a vaguer date stays as vague
    pytest.param("In early April 2020, a mass grave with remains of 12 people was found.", MONTH,
                 id="month-stays"),
])
def test_found_dead_precision(sentence: str, expected: int) -> None:
    """§7: a discovery day is known to the week, not the day of death."""
    days = event_days(sentence, find_dates(sentence, PUBLISHED))
    assert days
    assert days[0].time_precision == expected


def test_found_dead_keeps_the_discovery_day() -> None:
    """The recorded day is the day the body was found."""
    sentence = "On 2 May 2020, a woman was found dead in her house."
    (day,) = event_days(sentence, find_dates(sentence, PUBLISHED))
    assert day.event_date == date(2020, 5, 2)
