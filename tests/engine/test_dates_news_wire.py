"""Month spans as news copy tells them [codebook §7; seeds/examples/README.md conventions].

"earlier this month" records the middle of the month, the 15th, when it lies before
publication; in the first half of a month the span is the 1st to publication, so its middle.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.dates import find_dates


@pytest.mark.parametrize(("published", "expected"), [
    pytest.param(date(2023, 12, 19), date(2023, 12, 15), id="after-the-15th"),
    pytest.param(date(2024, 5, 28), date(2024, 5, 15), id="late-in-the-month"),
    pytest.param(date(2024, 5, 9), date(2024, 5, 5), id="before-the-15th"),
    pytest.param(date(2024, 5, 15), date(2024, 5, 8), id="on-the-15th"),
])
def test_earlier_this_month_is_the_middle_of_the_month(published: date,
                                                        expected: date) -> None:
    """Month precision (3) on the 15th, or the span's middle when the 15th is not past."""
    found = find_dates("Police arrested the senator earlier this month, his party said.",
                       published)
    assert [(d.event_date, d.time_precision) for d in found] == [(expected, 3)]
