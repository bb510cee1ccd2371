"""Crowds that turn on armed actors, and unnamed gunmen who are a country's gang (`roles`).

Sentences are ours; mentions are built by hand (their spans found in the sentence) so the
cases test the role rules alone, not the actor dictionary. Expected values follow the
codebook: a crowd that attacks is Rioters, civilians are only ever victims (reference §3 Mob
violence, §5, §6); a side nobody names is an Unidentified Armed Group unless the country's
seeds name its unnamed killers after a gang (seeds/actors.csv `unnamed_in`).
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_support import mention_at as at

from coder.engine.actors import ActorDictionary, ActorMention
from coder.engine.knowledge import seed_actors
from coder.engine.roles import RIOTERS, UNIDENTIFIED, Roles, assign_roles

ON = date(2020, 5, 2)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def sides(found: Roles) -> tuple[str | None, str | None]:
    return (found.actor1.actor if found.actor1 else None,
            found.actor2.actor if found.actor2 else None)


@pytest.mark.parametrize(("event_type", "sub_event_type"), [
    ("Violence against civilians", "Attack"),
    ("Battles", "Armed clash"),
])
@pytest.mark.parametrize(("sentence", "crowd", "force_words", "kind"), [
    ("Residents of the town burnt tyres and shot arrows at soldiers enforcing the curfew.",
     "Residents", "soldiers", "military"),
    ("A group of people that attacked a group of police officers destroyed their car.",
     "people", "police officers", "police"),
    ("Inhabitants began throwing stones at officers after the arrest.",
     "Inhabitants", "officers", "police"),
])
def test_a_crowd_that_attacks_a_force_is_rioters_facing_it(
        actors: ActorDictionary, event_type: str, sub_event_type: str, sentence: str,
        crowd: str, force_words: str, kind: str) -> None:
    """Civilians who stone or beat the police or soldiers are a mob (§3 Mob violence), the
    force they attack the other side, whatever type the event was read as."""
    force = actors.state_force("Nigeria", kind, ON)
    found = assign_roles(sentence, [at(sentence, crowd, "Civilians (Nigeria)", 7, "agent"),
                                    at(sentence, force_words, force, 1, "patient")],
                         event_type, sub_event_type, "Nigeria", ON, actors)
    assert sides(found) == (RIOTERS.format(country="Nigeria"), force)


def test_a_foreign_crowd_keeps_its_country_and_labels(actors: ActorDictionary) -> None:
    """"Venezuelan refugees beat police officers" in Colombia: the rioters are Venezuela's
    (§6: a generic actor's parentheses name the group's own country), refugees their label."""
    s = "A group of Venezuelan refugees beaten and spat at police officers in the town."
    police = actors.state_force("Colombia", "police", ON)
    found = assign_roles(s, [at(s, "Venezuelan refugees", "Civilians (Venezuela)", 7, "agent"),
                             ActorMention("Refugees/IDPs (Venezuela)", 7,
                                          (s.index("Venezuelan refugees"),
                                           s.index("Venezuelan refugees") + 19),
                                          0.9, "agent", True),
                             at(s, "police officers", police, 1, "patient")],
                         "Violence against civilians", "Attack", "Colombia", ON, actors)
    assert sides(found) == (RIOTERS.format(country="Venezuela"), police)
    assert found.assoc_actor_1 == ("Refugees/IDPs (Venezuela)",)


@pytest.mark.parametrize(("sentence", "crowd", "force_words"), [
    # the force does the attacking
    ("Villagers were attacked by soldiers during the night.", "Villagers", "soldiers"),
    # one man is no crowd
    ("A man attacked a police officer with a knife at the market.", "A man", "police officer"),
    # a crowd with guns is an armed group, not a mob
    ("Residents opened fire and attacked soldiers at the checkpoint.", "Residents", "soldiers"),
])
def test_no_mob_without_a_crowd_attacking_unarmed(actors: ActorDictionary, sentence: str,
                                                 crowd: str, force_words: str) -> None:
    military = actors.state_force("Nigeria", "military", ON)
    found = assign_roles(sentence, [at(sentence, crowd, "Civilians (Nigeria)", 7),
                                    at(sentence, force_words, military, 1)],
                         "Violence against civilians", "Attack", "Nigeria", ON, actors)
    assert found.actor1 is None or found.actor1.actor != RIOTERS.format(country="Nigeria")


def _gang(actors: ActorDictionary, country: str) -> str:
    usual = actors.unnamed(country, "Battles", ON) or \
        actors.unnamed(country, "Violence against civilians", ON)
    assert usual is not None
    return usual[0]


@pytest.mark.parametrize(("sentence", "gunmen", "gang"), [
    ("Armed men driving a vehicle carried out a drive-by shooting against police officers.",
     "Armed men", True),
    ("Police officers clashed with armed individuals in three pickup trucks downtown.",
     "armed individuals", True),
    ("Armed men linked to a drug cartel clashed with police officers.", "Armed men", True),
    ("Two armed men clashed with two police officers near the market.", "armed men", False),
])
def test_gunmen_with_the_marks_of_organised_crime_are_the_gang(
        actors: ActorDictionary, sentence: str, gunmen: str, gang: bool) -> None:
    """Mexico names unnamed killers after its gangs (seeds `unnamed_in`): a battle's unnamed
    side is that gang when the sentence bears the marks of organised crime or a shooting
    from a vehicle; plain "armed men" stay an Unidentified Armed Group."""
    police = actors.state_force("Mexico", "police", ON)
    words = "olice officers"
    found = assign_roles(sentence, [at(sentence, gunmen, UNIDENTIFIED.format(country="Mexico"),
                                       3, "agent"),
                                    at(sentence, words, police, 1)],
                         "Battles", "Armed clash", "Mexico", ON, actors)
    expected = _gang(actors, "Mexico") if gang else UNIDENTIFIED.format(country="Mexico")
    assert {a for a in sides(found)} == {expected, police}


def test_no_gang_where_the_country_names_none(actors: ActorDictionary) -> None:
    """A drive-by in a country whose seeds name no gang for unnamed killers stays unnamed."""
    assert actors.unnamed("Nigeria", "Violence against civilians", ON) is None
    s = "Armed men carried out a drive-by shooting against police officers."
    police = actors.state_force("Nigeria", "police", ON)
    found = assign_roles(s, [at(s, "Armed men", UNIDENTIFIED.format(country="Nigeria"), 3,
                                "agent"), at(s, "police officers", police, 1)],
                         "Battles", "Armed clash", "Nigeria", ON, actors)
    assert sides(found) == (UNIDENTIFIED.format(country="Nigeria"), police)


def test_an_unnamed_side_is_left_for_the_story(actors: ActorDictionary) -> None:
    """Only a side the sentence names is renamed: with the police alone named, the other side
    stays open for the story's other sentences (`document`)."""
    s = "Police officers were shot at in a drive-by near the station."
    police = actors.state_force("Mexico", "police", ON)
    found = assign_roles(s, [at(s, "Police officers", police, 1, "patient")],
                         "Battles", "Armed clash", "Mexico", ON, actors)
    assert found.actor1 is not None and found.actor1.actor == police
    assert found.actor2 is None


@pytest.mark.parametrize(("sentence", "words", "actor", "expected"), [
    ("2 groups of unidentified armed human traffickers clashed in the village.",
     "traffickers", "Unidentified Gang (Somalia)", UNIDENTIFIED.format(country="Somalia")),
    ("Two groups of Al Shabaab fighters clashed over taxes in the village.",
     "Al Shabaab", "Al Shabaab", "Al Shabaab"),
])
def test_two_groups_of_one_kind_are_both_sides(actors: ActorDictionary, sentence: str,
                                               words: str, actor: str, expected: str) -> None:
    """"Two groups of X clashed": X on both sides (§10); said to be unidentified, they are an
    Unidentified Armed Group whatever their trade (§5)."""
    found = assign_roles(sentence, [at(sentence, words, actor, 3, "agent")],
                         "Battles", "Armed clash", "Somalia", ON, actors)
    assert sides(found) == (expected, expected)


@pytest.mark.parametrize(("sentence", "rioters_both"), [
    ("Villagers vandalised a shop as they clashed with the shop owner's relatives.", True),
    ("Villagers vandalised a shop and clashed with police in the market.", False),
])
def test_a_mob_fighting_other_civilians_faces_rioters(actors: ActorDictionary, sentence: str,
                                                      rioters_both: bool) -> None:
    """Civilians who clash with other civilians are two crowds, both Rioters (§3 Mob
    violence); a clash with the police has the police facing the mob."""
    police = actors.state_force("India", "police", ON)
    mentions = [at(sentence, "Villagers", "Civilians (India)", 7, "agent")]
    if "police" in sentence:
        mentions.append(at(sentence, "police", police, 1))
    found = assign_roles(sentence, mentions, "Riots", "Mob violence", "India", ON, actors)
    rioters = RIOTERS.format(country="India")
    assert sides(found) == ((rioters, rioters) if rioters_both else (rioters, police))
