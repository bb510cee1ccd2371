"""Document rules: an armed victim told later, one overnight event, document country.

Sentences are ours. Expectations follow the codebook: Battles need two organised armed
groups, so a killing whose victim a later sentence tells was a gang member is an Armed clash
(§3); an event is one day (§10), and "On 8 July, overnight" names that day once; the
country of a document without metadata is the one its places point at, and words of an
institution's name ("Supreme Court", "Padma Bridge"), syllables of a longer name ("La" of
"La Palace"), the neighbouring country and the towns a road joins weigh as the text means them.
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_support import document_events as _events

from coder.engine.document import document_country
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import Knowledge

_DAY = date(2020, 5, 9)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


_KILLING = "On 9 May 2020, in Contagem, Minas Gerais, a man was shot dead by two armed men."


@pytest.mark.parametrize(("follow_up", "expected"), [
    pytest.param("The victim had charges against him for drug trafficking.", "Armed clash",
                 id="drug-charges"),
    pytest.param("The victim had charges against him for several crimes, including drug "
                 "trafficking.", "Armed clash", id="charges-listed"),
    pytest.param("The victim was a street vendor.", "Attack", id="vendor"),
])
def test_a_victim_told_as_a_gang_member_makes_a_clash(knowledge: Knowledge, follow_up: str,
                                                      expected: str) -> None:
    """§3: violence against civilians needs unarmed victims; a victim with charges for drug
    trafficking is coded as a gang member, so the killing is a fight between armed groups."""
    [event] = _events(knowledge, [_KILLING, follow_up], "Brazil")
    assert event.sub_event_type == expected
    if expected == "Armed clash":
        assert event.event_type == "Battles"
        assert event.inter2 not in (None, 7)
        assert event.civilian_targeting is None


@pytest.mark.parametrize("sentence", [
    pytest.param("On 8 May 2020, overnight, militants clashed with soldiers at a base in "
                 "Afgooye.", id="comma"),
    pytest.param("On 8 May 2020 overnight militants clashed with soldiers at a base in Afgooye.",
                 id="no-comma"),
])
def test_an_overnight_event_on_a_stated_day_is_one_event(knowledge: Knowledge,
                                                         sentence: str) -> None:
    """§10: one event per day; "overnight" right after a stated date tells when on that day."""
    found = _events(knowledge, [sentence], "Somalia")
    assert [e.event_date for e in found] == [date(2020, 5, 8)]


def test_overnight_without_a_stated_date_is_the_night_before(knowledge: Knowledge) -> None:
    """A report of the day saying "overnight" alone dates the night that began the day before
    (the date step's reading, kept)."""
    found = _events(knowledge, ["Militants clashed with soldiers overnight in Afgooye."],
                    "Somalia")
    assert [e.event_date for e in found] == [date(2020, 5, 8)]


@pytest.mark.parametrize(("sentences", "expected"), [
    pytest.param(["Construction workers were shot by guards of the Padma Bridge project."],
                 None, id="bridge-of-a-name"),
    pytest.param(["Dozens of residents gathered outside the La Palace hotel in Zahle."],
                 "Lebanon", id="la-of-a-name"),
    pytest.param(["Residents protested in Atakent after floods from the neighbouring "
                  "Uzbekistan."], "Kazakhstan", id="neighbouring-country"),
    pytest.param(["Protesters blocked the Sidon-Beirut highway in both directions."],
                 "Lebanon", id="road-ends"),
])
def test_document_country(knowledge: Knowledge, sentences: list[str],
                          expected: str | None) -> None:
    """The country a document without metadata is about (see the module docstring)."""
    assert document_country(sentences, knowledge, _DAY) == expected


@pytest.mark.parametrize(("follow_up", "expected"), [
    pytest.param("The landmine exploded where fighting occurred in the 1980s.", "Other",
                 id="decade-of-an-old-war"),
    pytest.param("The area is close to the border with Thailand.",
                 "Remote explosive/landmine/IED", id="no-old-war"),
])
def test_a_mine_from_a_war_long_over_is_other(knowledge: Knowledge, follow_up: str,
                                              expected: str) -> None:
    """§3 Other: a remnant of a war long over belongs to no actor of today's conflict."""
    blast = "On 5 May 2020, a villager stepped on a landmine in Samlout district, Battambang."
    [event] = _events(knowledge, [blast, follow_up], "Cambodia")
    assert event.sub_event_type == expected
