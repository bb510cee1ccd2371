"""Named armed groups in news copy: al-Qaeda's Sahel branch, Fano, the Islamic State in
Mozambique, "linked" groups, and armed attackers who are never a crowd.

Codebook §6: named groups keep their public name ("JNIM: Group for Support of Islam and
Muslims"); a group with branches in several countries is coded as the branch of the country
("Islamic State (Afghanistan)"); victims are Civilians with identity labels, and only people
who riot are Rioters (§5 inter 5).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.actors import ActorDictionary, find_actors
from coder.engine.knowledge import load_knowledge

ON = date(2023, 9, 7)
JNIM = "JNIM: Group for Support of Islam and Muslims"


@pytest.fixture(scope="module")
def seeds() -> ActorDictionary:
    return load_knowledge().actors


def _main(sentence: str, seeds: ActorDictionary, country: str | None,
          on: date = ON) -> list[tuple[str, str]]:
    return [(m.actor, m.role_hint) for m in find_actors(sentence, seeds, country, on)
            if not m.assoc_label]


@pytest.mark.parametrize(("sentence", "country"), [
    ("Fighters of the al-Qaeda-linked JNIM attacked a boat on the river.", "Mali"),
    ("Jihadists linked to al-Qaeda attacked a convoy near the town.", "Mali"),
    ("Al-Qaeda-linked militants killed 12 soldiers near the border.", "Burkina Faso"),
    ("Al Qaeda fighters ambushed an army patrol.", "Niger"),
    ("Hundreds of JNIM fighters attacked a military base.", "Burkina Faso"),
    ("Jama'at Nusrat al-Islam wal-Muslimin claimed the attack.", "Mali"),
])
def test_al_qaeda_in_the_sahel_is_jnim(sentence: str, country: str,
                                       seeds: ActorDictionary) -> None:
    """Al-Qaeda's Sahel affiliate is coded as JNIM, once, as the one who acted."""
    actors = [a for a, _ in _main(sentence, seeds, country)]
    assert actors[0] == JNIM
    assert "Al Qaeda" not in actors
    assert not any(a.startswith("Unidentified Armed Group") for a in actors)


def test_a_linked_group_is_the_agent(seeds: ActorDictionary) -> None:
    """"X-linked Y attacked": the participle is an adjective, Y the subject of the verb."""
    found = _main("Fighters of the al-Qaeda-linked JNIM attacked a boat.", seeds, "Mali")
    assert found[0] == (JNIM, "agent")


@pytest.mark.parametrize(("sentence", "country", "expected"), [
    # Outside the Sahel the network keeps its own name.
    ("Al Qaeda claimed the bombing.", None, "Al Qaeda"),
    # JNIM was founded in 2017: before, al-Qaeda in Mali is not JNIM.
    ("Al Qaeda claimed the bombing.", "Mali", "Al Qaeda"),
])
def test_al_qaeda_elsewhere(sentence: str, country: str | None, expected: str,
                            seeds: ActorDictionary) -> None:
    on = date(2015, 5, 1) if country else ON
    assert [a for a, _ in _main(sentence, seeds, country, on)] == [expected]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Gunmen linked to al-Shabaab killed two elders in the town.", "Al Shabaab"),
    ("The al-Qaeda-linked al-Shabaab attacked a base.", "Al Shabaab"),
])
def test_link_folds_into_one_actor(sentence: str, expected: str,
                                   seeds: ActorDictionary) -> None:
    """The link names one actor, not two, and never an unidentified one."""
    actors = [a for a, _ in _main(sentence, seeds, "Somalia")]
    assert actors[0] == expected
    assert actors.count(expected) == 1
    assert not any(a.startswith(("Unidentified", "Al Qaeda")) for a in actors)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Fano militiamen seized control of the town after clashes.", "Fano Militia"),
    ("Fano fighters ambushed a convoy.", "Fano Militia"),
    # An Amhara militia the text does not name stays the identity militia (§5 inter 4).
    ("Amhara militiamen attacked a village.", "Amhara Ethnic Militia (Ethiopia)"),
])
def test_fano_is_named(sentence: str, expected: str, seeds: ActorDictionary) -> None:
    assert _main(sentence, seeds, "Ethiopia")[0][0] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Islamic State insurgents beheaded three civilians in the district.",
     "Islamic State (Mozambique)"),
    ("The Islamic State Mozambique Province claimed the raid.", "Islamic State (Mozambique)"),
    # Unnamed Islamist insurgents keep ACLED's generic name for them.
    ("Islamist militants attacked the village.", "Islamist Militia (Mozambique)"),
])
def test_islamic_state_branch_in_mozambique(sentence: str, expected: str,
                                            seeds: ActorDictionary) -> None:
    assert _main(sentence, seeds, "Mozambique")[0][0] == expected


def test_armed_attackers_victims_are_not_rioters(seeds: ActorDictionary) -> None:
    """"... killed 20 people, including women and children, and burned homes": the burning
    is the fighters'; the women are victims (Civilians with a Women label), not a crowd."""
    mentions = find_actors(
        "Separatist fighters killed at least 20 people, including women and children, "
        "and burned homes in a village on Monday.", seeds, "Cameroon", ON)
    actors = [m.actor for m in mentions]
    assert actors[0] == "Ambazonian Separatists (Cameroon)"
    assert not any(a.startswith(("Rioters", "Protesters")) for a in actors)
    assert "Women (Cameroon)" in [m.actor for m in mentions if m.assoc_label]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Teachers demonstrating over unpaid salaries blocked a road.", "Protesters (Cameroon)"),
    ("Traders rioted and burned a police post.", "Rioters (Cameroon)"),
    ("Angry traders burned tyres in the market.", "Rioters (Cameroon)"),
])
def test_crowds_in_one_clause_still_riot_or_protest(sentence: str, expected: str,
                                                    seeds: ActorDictionary) -> None:
    assert _main(sentence, seeds, "Cameroon")[0][0] == expected
