"""Phrases that name two actors at once, or one actor through another's name.

Codebook §6: an ally acting with an actor is its associated actor; a state force's unit is
named after the force's years ("Military Forces of Syria (2000-) 4th Armored Division"); a
group some forces are affiliated with is their associated actor, the forces the actor. Taxi
and motorbike-taxi drivers keep their own label in Africa and are a Labor Group elsewhere;
health workers and farmers keep theirs everywhere.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.actors import (
    Actor,
    ActorDictionary,
    ActorMention,
    Regime,
    find_actors,
)

ON = date(2020, 5, 4)
LATER = date(2025, 5, 4)
REGIMES = [Regime("Turkey", 2016, None), Regime("Russia", 2000, None),
           Regime("Syria", 2000, None), Regime("Burundi", 2005, None),
           Regime("Rwanda", 1994, None), Regime("Yemen", 2012, None),
           Regime("Philippines", 2016, None), Regime("Greece", 2019, None),
           Regime("Somalia", 2022, None)]
DEMONYMS = {"Turkey": "Turkish", "Russia": "Russian", "Syria": "Syrian", "Burundi": "Burundian",
            "Rwanda": "Rwandan", "Yemen": "Yemeni", "Philippines": "Filipino",
            "Greece": "Greek", "Somalia": "Somali", "Peru": "Peruvian", "India": "Indian"}
ISLAH = Actor("Al Islah Party", 3, "Yemen", ("Islah",))
SPECIAL = Actor("Police Forces of Yemen (*) Special Security Forces", 1, "Yemen",
                ("special security forces", "special forces"))
DIVISION = Actor("Military Forces of Syria (*) 4th Armored Division", 1, "Syria",
                 ("4th Division", "4th Armored Division"))
SAF = Actor("Police Forces of the Philippines (*) Special Action Force", 1, "Philippines",
            ("Special Action Force",))


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.build([ISLAH, SPECIAL, DIVISION, SAF], REGIMES, DEMONYMS)


def _main(mentions: list[ActorMention]) -> list[str]:
    return [m.actor for m in mentions if not m.assoc_label]


def _labels(mentions: list[ActorMention]) -> list[str]:
    return [m.actor for m in mentions if m.assoc_label]


@pytest.mark.parametrize(("sentence", "actor", "ally"), [
    ("Turkish and Russian forces conducted a joint patrol on the M4 highway.",
     "Military Forces of Turkey (2016-)", "Military Forces of Russia (2000-)"),
    ("A joint patrol by Russian and Turkish troops took place near Ariha.",
     "Military Forces of Russia (2000-)", "Military Forces of Turkey (2016-)"),
])
def test_allies_on_one_noun_are_the_first_state_with_the_second_as_associate(
    actors: ActorDictionary, sentence: str, actor: str, ally: str
) -> None:
    found = find_actors(sentence, actors, "Syria", ON)
    assert _main(found) == [actor]
    assert _labels(found) == [ally]
    # One phrase: both mentions stand on the same words, so they go to one side.
    assert len({m.span for m in found}) == 1


def test_forces_of_two_states_that_clash_are_two_sides(actors: ActorDictionary) -> None:
    found = find_actors("Burundian and Rwandan soldiers clashed near the border.", actors,
                        "Burundi", ON)
    assert _main(found) == ["Military Forces of Burundi (2005-)",
                            "Military Forces of Rwanda (1994-)"]
    assert [m.inter for m in found] == [1, 8]  # the foreign state's forces are external


def test_affiliated_forces_are_the_actor_with_the_party_as_associate(
    actors: ActorDictionary,
) -> None:
    sentence = "Islah-affiliated Special Forces arrested a journalist in Shabwah."
    found = find_actors(sentence, actors, "Yemen", ON)
    assert "Police Forces of Yemen (2012-) Special Security Forces" in _main(found)
    assert "Al Islah Party" not in _main(found)
    party = next(m for m in found if m.actor == "Al Islah Party")
    forces = next(m for m in found if m.actor.endswith("Special Security Forces"))
    assert party.assoc_label and party.span == forces.span


def test_a_party_named_on_its_own_stays_an_actor(actors: ActorDictionary) -> None:
    found = find_actors("Islah fighters attacked a checkpoint.", actors, "Yemen", ON)
    assert _main(found) == ["Al Islah Party"]


@pytest.mark.parametrize(("sentence", "country", "unit"), [
    ("Gunmen killed a member of the regime's 4th Division in Bait Jan.", "Syria",
     "Military Forces of Syria (2000-) 4th Armored Division"),
    ("A firefight with the police's Special Action Force left five dead.", "Philippines",
     "Police Forces of the Philippines (2016-) Special Action Force"),
])
def test_a_unit_named_with_its_forces_word_is_that_unit_alone(
    actors: ActorDictionary, sentence: str, country: str, unit: str
) -> None:
    state_forces = [a for a in _main(find_actors(sentence, actors, country, ON))
                    if a.startswith(("Military Forces", "Police Forces"))]
    assert state_forces == [unit]


def test_forces_named_apart_from_a_unit_stay(actors: ActorDictionary) -> None:
    sentence = "The police and the 4th Division clashed with gunmen in Daraa."
    found = _main(find_actors(sentence, actors, "Syria", ON))
    assert "Police Forces of Syria (2000-)" in found
    assert "Military Forces of Syria (2000-) 4th Armored Division" in found


def test_border_police_of_a_neighbour_are_its_police(actors: ActorDictionary) -> None:
    found = find_actors("Turkish border police fired shots into the air.", actors,
                        "Greece", ON)
    assert _main(found) == ["Police Forces of Turkey (2016-)"]


@pytest.mark.parametrize(("sentence", "country", "label"), [
    ("Police shot and killed a tuk-tuk driver at a checkpoint.", "Somalia",
     "Taxi Drivers (Somalia)"),
    ("A soldier injured a tuktuk driver along the road.", "Somalia", "Taxi Drivers (Somalia)"),
    ("Gunmen shot a civilian motorcycle driver in the market.", "Somalia",
     "Taxi Drivers (Somalia)"),
    # Outside Africa ACLED files the same trade under the Labor Group (2023 spelling).
    ("Gunmen shot a motorcycle driver in the market.", "Peru", "Labor Group (Peru)"),
])
def test_three_wheeler_and_motorbike_drivers_are_taxi_drivers_in_africa(
    actors: ActorDictionary, sentence: str, country: str, label: str
) -> None:
    assert label in _labels(find_actors(sentence, actors, country, LATER))


@pytest.mark.parametrize(("sentence", "label"), [
    # §6: a trade with a label of its own keeps it ("Health Workers", "Farmers").
    ("ASHA workers staged a protest demanding better wages.", "Health Workers (India)"),
    ("Laboratory technicians of the institute held a protest.", "Health Workers (India)"),
    ("Members of the Kisan union staged a protest in Amritsar.", "Farmers (India)"),
])
def test_trade_words_of_south_asia_carry_their_trade_label(
    actors: ActorDictionary, sentence: str, label: str
) -> None:
    found = find_actors(sentence, actors, "India", ON)
    assert label in _labels(found)
    assert "Labour Group (India)" not in _labels(found)
