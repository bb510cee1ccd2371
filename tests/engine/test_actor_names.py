"""ACLED actor names the actor step gives to the words of a sentence, and the unnamed killer.

Sentences are ours. Expected names follow the codebook's naming (§5, §6: state forces with
the regime's years then a unit; generic actors with the country in brackets; factions in
the movement's brackets) and the seed rows each case is about, never today's output.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.actors import ActorDictionary, find_actors
from coder.engine.knowledge import seed_actors
from coder.engine.roles import Roles, assign_roles, in_de_facto_state

ON_2020 = date(2020, 5, 5)
ON_2025 = date(2025, 8, 7)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def found(actors: ActorDictionary, sentence: str, country: str, on: date) -> dict[str, str]:
    """Each mention's ACLED name, keyed by the words it was read from."""
    return {sentence[m.span[0]:m.span[1]]: m.actor
            for m in find_actors(sentence, actors, country, on) if not m.assoc_label}


def roles_of(actors: ActorDictionary, sentence: str, event_type: str, sub_event_type: str,
             country: str, on: date = ON_2020) -> Roles:
    mentions = find_actors(sentence, actors, country, on)
    return assign_roles(sentence, mentions, event_type, sub_event_type, country, on, actors)


@pytest.mark.parametrize(("sentence", "country", "on", "words", "expected"), [
    pytest.param("Prison guards beat an inmate who asked for food.", "Peru", ON_2020,
                 "Prison guards", "Police Forces of Peru (2018-) Prison Guards",
                 id="prison-guards"),
    pytest.param("Police officers and warders put down the riot.", "Peru", ON_2020,
                 "warders", "Police Forces of Peru (2018-) Prison Guards", id="warders"),
    pytest.param("Drones flown by an unidentified military group hit the base.", "Syria",
                 ON_2020, "unidentified military group", "Unidentified Armed Group (Syria)",
                 id="unidentified-military-group"),
    pytest.param("An unknown armed group opened fire on the market.", "Mali", ON_2020,
                 "unknown armed group", "Unidentified Armed Group (Mali)",
                 id="unknown-armed-group"),
    pytest.param("Seven Raia Mutomboki-Lukoba fighters looted the village.",
                 "Democratic Republic of Congo", ON_2020, "Raia Mutomboki-Lukoba fighters",
                 "Mayi Mayi Militia (Raia Mutomboki-Lukoba)", id="faction-of-a-movement"),
    pytest.param("Raia Mutomboki militiamen raided a mine.", "Democratic Republic of Congo",
                 ON_2020, "Raia Mutomboki militiamen", "Mayi Mayi Militia (Raia Mutomboki)",
                 id="movement"),
    pytest.param("Govt forces clashed with the militants near the town.", "Somalia", ON_2025,
                 "Govt forces", "Military Forces of Somalia (2022-)", id="govt-abbreviation"),
    pytest.param("Pro-Houthi snipers shot a boy near the market.", "Yemen", ON_2020,
                 "Pro-Houthi snipers", "Military Forces of Yemen (2016-) Supreme Political Council",
                 id="pro-houthi-snipers"),
    pytest.param("Somaliland security forces clashed with clan fighters.", "Somalia", ON_2025,
                 "Somaliland security forces", "Military Forces of Somaliland (2024-)",
                 id="somaliland-forces"),
    pytest.param("The Government of Somaliland signed a deal with elders.", "Somalia", ON_2025,
                 "Government of Somaliland", "Government of Somaliland (2024-)",
                 id="somaliland-government"),
    pytest.param("Sool, Sanaag and Cayn militia attacked a patrol.", "Somalia", ON_2025,
                 "Sool, Sanaag and Cayn militia", "SSC: Sool, Sanaag and Cayn Militia",
                 id="ssc-after-2023"),
    pytest.param("A Jubaland police officer shot a trader.", "Somalia", ON_2025,
                 "Jubaland police officer",
                 "Police Forces of Somalia (2022-) Jubaland Police Force",
                 id="state-police-unit"),
    pytest.param("Gunmen ambushed four local policemen at a checkpoint.", "Afghanistan", ON_2020,
                 "local policemen", "Police Forces of Afghanistan (2014-2021) Afghan Local Police",
                 id="afghan-local-police"),
    pytest.param("The regime's Air Force Intelligence raided a house.", "Syria", ON_2020,
                 "Air Force Intelligence",
                 "Military Forces of Syria (2000-2024) Air Force Intelligence Directorate",
                 id="intelligence-branch"),
    pytest.param("Hariin clan militia set up a checkpoint.", "Somalia", ON_2025,
                 "Hariin clan militia", "Rahanweyn-Mirifle-Harin Sub-Clan Militia (Somalia)",
                 id="rahanweyn-lineage"),
    pytest.param("Elay clan militia attacked the village.", "Somalia", ON_2025,
                 "Elay clan militia", "Rahanweyn-Mirifle-Elay Sub-Clan Militia (Somalia)",
                 id="rahanweyn-lineage-spelling"),
    pytest.param("Fellata militiamen raided a farm.", "Sudan", ON_2020,
                 "Fellata militiamen", "Fellata Ethnic Militia (Sudan)", id="sudan-ethnic"),
    pytest.param("Opposition supporters were beaten by unknown people.", "Malawi", ON_2020,
                 "unknown people", "Unidentified Armed Group (Malawi)", id="unknown-people"),
    pytest.param("Unidentified military forces carried out two airstrikes.", "Somalia",
                 ON_2025, "Unidentified military forces", "Unidentified Military Forces",
                 id="unidentified-military-forces"),
])
def test_words_name_the_acled_actor(actors: ActorDictionary, sentence: str, country: str,
                                    on: date, words: str, expected: str) -> None:
    assert found(actors, sentence, country, on).get(words) == expected


@pytest.mark.parametrize(("sentence", "country"), [
    pytest.param("An IED hit a military vehicle belonging to the rebels.", "Syria",
                 id="military-vehicle"),
    pytest.param("Gunmen in military uniform robbed a shop.", "Somalia", id="military-uniform"),
])
def test_a_thing_called_military_is_no_state_force(actors: ActorDictionary, sentence: str,
                                                   country: str) -> None:
    """A bare "military" describing a vehicle or a uniform names no actor (§5: actors are
    the groups acting), so the country's forces are not read from it."""
    named = found(actors, sentence, country, ON_2020)
    assert not any(name.startswith("Military Forces of") for name in named.values())


@pytest.mark.parametrize(("sentence", "country", "expected"), [
    pytest.param("A man was found dead in a neighbourhood of the city.", "Mexico",
                 "Unidentified Armed Group (Mexico)", id="found-dead-is-no-mark"),
    pytest.param("A man was found dead and his body showed he had been beheaded.", "Mexico",
                 "Unidentified Gang (Mexico)", id="beheaded"),
    pytest.param("A man was shot dead at a bar by two armed men.", "Brazil",
                 "Unidentified Armed Group (Brazil)", id="brazil-plain-shooting"),
    pytest.param("A man was killed in a drive-by shooting by armed men on a motorcycle.", "Brazil",
                 "Unidentified Gang and/or Police Militia", id="brazil-drive-by"),
    pytest.param("The partially burnt body of a man was left by a road.", "Brazil",
                 "Unidentified Gang and/or Police Militia", id="brazil-burnt-body"),
])
def test_an_unnamed_killer_is_the_country_gang_only_with_its_marks(
        actors: ActorDictionary, sentence: str, country: str, expected: str) -> None:
    """Where the seeds code an unnamed killer as the country's gang (Mexico, Brazil), a plain
    killing stays an Unidentified Armed Group (codebook §5 inter 3)."""
    roles = roles_of(actors, sentence, "Violence against civilians", "Attack", country)
    assert roles.actor1 is not None and roles.actor1.actor == expected


def test_tribal_affiliates_fight_with_the_force_they_are_named_with(
        actors: ActorDictionary) -> None:
    """"Pro-Hadi and tribal affiliated forces": one side, the state forces first and the
    affiliated militia its associated actor (§6 allies in the fight)."""
    roles = roles_of(actors, "Pro-Hadi and tribal affiliated forces repelled an attack by "
                     "Houthi forces near the town.", "Battles", "Armed clash", "Yemen")
    sides = {roles.actor1.actor if roles.actor1 else None,
             roles.actor2.actor if roles.actor2 else None}
    assert sides == {"Military Forces of Yemen (2012-)",
                     "Military Forces of Yemen (2016-) Supreme Political Council"}
    assert "Militia (Pro-Government)" in (*roles.assoc_actor_1, *roles.assoc_actor_2)


@pytest.mark.parametrize(("sentence", "country", "sub_event_type", "actor1", "actor2"), [
    pytest.param("A landmine planted by an unknown armed group went off in a QSD vehicle, "
                 "killing two fighters.", "Syria", "Remote explosive/landmine/IED",
                 "Unidentified Armed Group (Syria)", "QSD: Syrian Democratic Forces",
                 id="said-unknown-is-a-side"),
    pytest.param("A suspect was shot dead in a vigilante-style attack by unidentified "
                 "gunmen.", "Philippines", "Attack", "Anti-Drug Vigilantes (Philippines)",
                 "Civilians (Philippines)", id="style-names-the-unknown"),
])
def test_a_group_the_text_calls_unknown_is_kept_beside_a_named_one(
        actors: ActorDictionary, sentence: str, country: str, sub_event_type: str,
        actor1: str, actor2: str) -> None:
    """Codebook §5 inter 3: an unidentified armed group is an actor of its own; only a
    named group that describes the unknown men (their style) stands for them."""
    event_type = ("Explosions/Remote violence" if sub_event_type.startswith("Remote")
                  else "Violence against civilians")
    roles = roles_of(actors, sentence, event_type, sub_event_type, country)
    assert (roles.actor1.actor if roles.actor1 else None,
            roles.actor2.actor if roles.actor2 else None) == (actor1, actor2)


@pytest.mark.parametrize(("admin1", "expected"), [
    pytest.param("Woqooyi Galbeed", "Police Forces of Somaliland (2024-)", id="somaliland"),
    pytest.param("Banadir", "Police Forces of Somalia (2022-)", id="federal-somalia"),
    pytest.param(None, "Police Forces of Somalia (2022-)", id="no-region"),
])
def test_state_forces_are_the_de_facto_state_in_its_regions(
        actors: ActorDictionary, admin1: str | None, expected: str) -> None:
    """Police dispersing rioters in a region Somaliland governs are Somaliland's (codebook
    §6 state forces are those of the authority in power where the event is)."""
    roles = roles_of(actors, "Police fired tear gas to disperse rioters who threw stones.",
                     "Riots", "Violent demonstration", "Somalia", ON_2025)
    renamed = in_de_facto_state(roles, "Somalia", admin1, ON_2025, actors)
    assert renamed.actor2 is not None and renamed.actor2.actor == expected
    assert renamed.actor1 == roles.actor1


def test_a_named_gang_with_its_kind_word_is_one_actor(actors: ActorDictionary) -> None:
    """"Members of the Tropa Infierno gang": the word "gang" is the named group's own kind,
    not a second, unnamed gang (codebook §5: one actor per group)."""
    sentence = "Members of the Tropa Infierno gang clashed with soldiers."
    named = [m.actor for m in find_actors(sentence, actors, "Mexico", ON_2020)
             if not m.assoc_label]
    assert "Tropa del Infierno Gang" in named
    assert "Unidentified Gang (Mexico)" not in named
