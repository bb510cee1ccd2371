"""Death tolls read in their context [codebook §8]: ranges, deaths that belong to another
event, unclear reports, sources that are a party to the conflict, tolls told in a later
sentence, and tolls of fighting that lasted several days.

Sentences are ours. Expected values follow §8: the lowest figure, deaths of this event only,
0 when it is unclear whether anyone died, a total split evenly over days (remainder first).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.dates import find_dates
from coder.engine.fatalities import days_spanned, find_fatalities, later_toll, party_only
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge, _share, suggest


@pytest.mark.parametrize(("sentence", "expected"), [
    # a range gives its lowest figure (§8: the conservative figure)
    pytest.param("Militants killed 8-10 villagers across the district.", 8, id="digit-range"),
    pytest.param("Between 43 and 52 people were killed in the blast.", 43, id="between"),
    pytest.param("Two or three people died in the fire.", 2, id="word-range"),
    pytest.param("One hundred and five people were killed.", 105, id="and-is-no-range"),
    # deaths that caused the event, or came before it, are another event's toll
    pytest.param("Students protested over the killing of two classmates by police.", 0,
                 id="protest-over-killing"),
    pytest.param("Residents stoned police after two children were killed by gunmen.", 0,
                 id="after-clause"),
    pytest.param("A mob burned the houses of suspects who killed a farmer earlier that day.", 0,
                 id="earlier-that-day"),
    pytest.param("Traders marched to demand justice for a vendor shot dead by police.", 0,
                 id="demand-justice"),
    # ... but an event's own deaths stay, whatever follows them
    pytest.param("A man was killed after exchanging fire with police.", 1, id="killed-after"),
    pytest.param("Gunmen raided the village after midnight, killing 5 farmers.", 5,
                 id="after-then-comma"),
    # unclear whether anyone died gives 0
    pytest.param("The report does not mention whether there were casualties or fatalities.",
                 0, id="does-not-mention"),
    pytest.param("Fatalities were reported by some sources and denied by others.", 0,
                 id="denied"),
    pytest.param("The number of fatalities could not be confirmed.", 0, id="not-confirmed"),
    pytest.param("A man was reportedly killed, although this was denied by the police.", 0,
                 id="death-denied"),
    pytest.param("A man was killed and his brother was wounded, but police denied any arrest.",
                 1, id="denial-of-something-else"),
    # death words found in reports
    pytest.param("The corpses of around thirty fighters were discovered.", 30, id="corpses"),
    pytest.param("Gunmen fatally shot a cleric outside the mosque.", 1, id="fatally-shot"),
    pytest.param("Soldiers detained and tortured a villager to death.", 1, id="tortured"),
    pytest.param("The clash led to the killing of 1 militant and the injuring of 3 others.", 1,
                 id="killing-of"),
    # several victims in one subject
    pytest.param("3 policemen, 2 militia members, and 1 soldier were killed.", 6,
                 id="comma-list"),
    pytest.param("4 soldiers, including the bomber were killed.", 4, id="including-aside"),
    pytest.param("1 militant and 1 soldier, who was a hostage, were killed.", 2,
                 id="who-aside"),
    pytest.param("One man was injured and the other died.", 1, id="the-other"),
    pytest.param("Two men were shot and the others escaped.", 0, id="the-others-uncounted"),
])
def test_context_of_a_toll(sentence: str, expected: int) -> None:
    """§8: the reported deaths of this event, read conservatively."""
    assert find_fatalities(sentence).fatalities == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("Voice of Jihad", True),
    ("Taliban Twitter", True),
    ("Voice of Jihad; Pajhwok Afghan News", False),
    ("Pajhwok Afghan News", False),
    (None, False),
    ("", False),
])
def test_party_only_source(source: str | None, expected: bool) -> None:
    """§8 (Afghan data): a toll only the Taliban's own outlets report is coded 0."""
    assert party_only(source) is expected


def test_a_toll_from_a_party_only_source_is_zero_and_flagged() -> None:
    """The same sentence counts from a reporter and gives 0 from the Voice of Jihad (§8)."""
    sentence = "1 soldier was killed by a sniper."
    assert find_fatalities(sentence, "Pajhwok Afghan News").fatalities == 1
    from_party = find_fatalities(sentence, "Voice of Jihad")
    assert (from_party.fatalities, from_party.claimed_by_party) == (0, True)


@pytest.mark.parametrize(("earlier", "sentence", "expected"), [
    # more dead of the same event add up (§8: everyone killed in it)
    pytest.param(2, "Officials said 3 militants were also killed.", 5, id="also-killed"),
    pytest.param(2, "Local officials reported that also 4 militants were killed.", 6,
                 id="also-before"),
    pytest.param(1, "Another three men were found dead the next day.", 4, id="another"),
    # other sources disagree: the lowest (§8)
    pytest.param(2, "Other sources report that 4 soldiers were killed.", 2, id="other-sources"),
    # a retelling or an update: the higher
    pytest.param(5, "The death toll rose to 8.", 8, id="toll-rose"),
    pytest.param(5, "Five people died.", 5, id="retold"),
    pytest.param(0, "Seven soldiers were killed.", 7, id="first-toll"),
    # words about the wounded beside it do not make the dead new ones
    pytest.param(3, "The other two were injured.", 3, id="other-wounded"),
    pytest.param(1, "One man died and the other two were injured.", 1, id="other-beside"),
    # a toll of two days: the first day's share (§8 split)
    pytest.param(0, "Two members were killed across two days of clashes.", 1, id="two-days"),
    # a further killing told in a clause of its own is more dead of the event (§8)
    pytest.param(2, "One guard was killed in the crossfire as the gunmen fled.", 3,
                 id="further-killing"),
    pytest.param(2, "Troops fired back and killed 4 attackers near the checkpoint.", 6,
                 id="answered-fire"),
    # a bare summary line, a reported figure or a total retells the toll: the higher
    pytest.param(1, "3 killed.", 3, id="summary-line"),
    pytest.param(3, "4 fatalities, 2 injured.", 4, id="summary-with-wounded"),
    pytest.param(2, "Police said 3 people were killed in the attack.", 3, id="reported-figure"),
    pytest.param(2, "In total 5 people were killed in the violence.", 5, id="total"),
    pytest.param(2, "Two villagers were killed by the gunmen in the raid.", 2,
                 id="same-figure-retold"),
])
def test_later_toll(earlier: int, sentence: str, expected: int) -> None:
    """A later sentence's toll adds, disagrees or updates, as its words say."""
    assert later_toll(earlier, sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The militias clashed on two consecutive days.", 2),
    ("During a three-day offensive, the army shelled the town.", 3),
    ("Fighting went on over 4 days.", 4),
    ("The government imposed a 2-day curfew.", 1),  # a curfew is no fighting
    ("Workers protested for a second day.", 1),  # which day of how many is unknown
    ("The militias clashed on Sunday.", 1),
])
def test_days_spanned(sentence: str, expected: int) -> None:
    """§7 days are atomic: how many days the fighting told lasted."""
    assert days_spanned(sentence) == expected


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


def test_a_toll_of_several_days_is_split_over_them(knowledge: Knowledge) -> None:
    """§8: a total over several days is split evenly; this sentence's day gets the first
    share (the remainder goes to the first day)."""
    published = date(2021, 9, 7)
    sentence = ("Taliban fighters clashed with NRF forces in Rukha on Sunday, ending a two-day "
                "battle that killed 7 fighters.")
    found = suggest(sentence, DocumentMeta(published=published, country="Afghanistan"),
                    knowledge)
    assert found
    assert len(find_dates(sentence, published)) == 1
    assert [s.event.fatalities for s in found] == [4]  # 7 over 2 days: 4 + 3


@pytest.mark.parametrize(("total", "count", "expected"), [
    (12, 3, [4, 4, 4]),  # the codebook's own example: 12 over 3 days
    (7, 2, [4, 3]),  # an odd remainder to the first
    (7, 4, [2, 2, 2, 1]),  # a larger remainder, one each to the first events
    (1, 2, [1, 0]),
    (0, 3, [0, 0, 0]),
])
def test_a_total_is_split_evenly_remainder_first(total: int, count: int,
                                                 expected: list[int]) -> None:
    """§8: a total over several events is split evenly; the shares add up to the total."""
    shares = [_share(total, (index, count)) for index in range(count)]
    assert shares == expected
    assert sum(shares) == total
