"""Identity labels and associated actors (codebook §6): trades, herders, vigilante mobs,
forces that protest, operations' members, and seed names for uncertain attribution.

Sentences are ours. Expected values follow the codebook rule named in each case (reference
§3, §5, §6) or the seed row the case is about, never today's output.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.actors import ActorDictionary, find_actors
from coder.engine.knowledge import seed_actors
from coder.engine.roles import Roles, assign_roles

ON_2020 = date(2020, 5, 5)
ON_2025 = date(2025, 8, 7)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def roles_of(actors: ActorDictionary, sentence: str, event_type: str, sub_event_type: str,
             country: str, on: date = ON_2020) -> Roles:
    mentions = find_actors(sentence, actors, country, on)
    return assign_roles(sentence, mentions, event_type, sub_event_type, country, on, actors)


@pytest.mark.parametrize(("sentence", "country", "label"), [
    # Africa keeps the taxi drivers' own label; elsewhere they are a Labour Group (§6).
    ("Boda boda riders protested against the new fees in the town.", "Uganda",
     "Taxi Drivers (Uganda)"),
    ("Moto-taxi drivers demonstrated outside the town hall.", "Cameroon",
     "Taxi Drivers (Cameroon)"),
    ("Taxi drivers protested against the fuel price in the capital.", "Chile",
     "Labour Group (Chile)"),
    ("Taxi drivers protested against the fuel price in the capital.", "Kenya",
     "Taxi Drivers (Kenya)"),
])
def test_taxi_drivers_label_by_region(actors: ActorDictionary, sentence: str, country: str,
                                      label: str) -> None:
    found = roles_of(actors, sentence, "Protests", "Peaceful protest", country)
    assert found.actor1 is not None and found.actor1.actor == f"Protesters ({country})"
    assert found.assoc_actor_1 == (label,)


@pytest.mark.parametrize("sentence", [
    "Workers of the district hospital protested over unpaid salaries.",
    "Employees of the regional health office staged a protest over salaries.",
    "Hospital staff protested over a lack of protective equipment.",
])
def test_hospital_workers_are_health_workers(actors: ActorDictionary, sentence: str) -> None:
    """§6: hospital and clinic staff carry the Health Workers label, not the Labour Group."""
    found = roles_of(actors, sentence, "Protests", "Peaceful protest", "Peru")
    assert found.assoc_actor_1 == ("Health Workers (Peru)",)


def test_factory_workers_stay_a_labour_group(actors: ActorDictionary) -> None:
    found = roles_of(actors, "Workers of a textile factory protested over unpaid wages.",
                     "Protests", "Peaceful protest", "Peru")
    assert found.assoc_actor_1 == ("Labour Group (Peru)",)


@pytest.mark.parametrize("sentence", [
    "Fulani militias attacked a village and killed 4 residents.",
    "Armed herdsmen attacked a village and killed 4 residents.",
])
def test_the_fulani_militia_carries_the_pastoralists_label(actors: ActorDictionary,
                                                          sentence: str) -> None:
    """§6: the Fulani ethnic militia's associated actor is the herders it comes from."""
    found = roles_of(actors, sentence, "Violence against civilians", "Attack", "Nigeria")
    assert found.actor1 is not None
    assert found.actor1.actor == "Fulani Ethnic Militia (Nigeria)"
    assert found.assoc_actor_1 == ("Pastoralists (Nigeria)",)
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Nigeria)"


def test_attacking_herders_elsewhere_are_a_communal_militia(actors: ActorDictionary) -> None:
    """§5 inter 4: herders who attack are an armed communal group, not civilians."""
    found = roles_of(actors, "Armed pastoralists attacked two farmers near the village.",
                     "Violence against civilians", "Attack", "Sudan")
    assert found.actor1 is not None and found.actor1.inter == 4
    assert found.assoc_actor_1 == ("Pastoralists (Sudan)",)
    assert found.assoc_actor_2 == ("Farmers (Sudan)",)


def test_herders_who_are_attacked_are_civilians(actors: ActorDictionary) -> None:
    found = roles_of(actors, "Gunmen attacked herders at a cattle camp.",
                     "Violence against civilians", "Attack", "South Sudan")
    assert found.actor2 is not None and found.actor2.actor == "Civilians (South Sudan)"
    assert "Pastoralists (South Sudan)" in found.assoc_actor_2


@pytest.mark.parametrize("sentence", [
    "Two men suspected of house break-ins were beaten to death by residents.",
    "Residents lynched a man accused of stealing a goat.",
    "A mob burnt the houses of suspected cultists.",
    "Villagers beat three women branded as witches.",
])
def test_a_mob_punishing_a_suspect_is_a_vigilante_mob(actors: ActorDictionary,
                                                     sentence: str) -> None:
    """§3 Mob violence: a mob punishing suspected wrongdoers is a vigilante group's."""
    found = roles_of(actors, sentence, "Riots", "Mob violence", "Nigeria")
    assert found.actor1 is not None and found.actor1.actor == "Rioters (Nigeria)"
    assert found.assoc_actor_1[:1] == ("Vigilante Group (Nigeria)",)


def test_a_mob_without_a_suspect_is_no_vigilante_mob(actors: ActorDictionary) -> None:
    found = roles_of(actors, "A mob attacked a bus after an accident on the highway.",
                     "Riots", "Mob violence", "Nigeria")
    assert "Vigilante Group (Nigeria)" not in found.assoc_actor_1


def test_soldiers_who_protest_are_protesters_with_their_force(
        actors: ActorDictionary) -> None:
    """§6: members of a force protesting over pay are Protesters, the force associated."""
    found = roles_of(actors, "Puntland Dervish Force soldiers camped at a checkpoint, "
                     "protesting over salary arrears.", "Protests", "Peaceful protest",
                     "Somalia", ON_2025)
    assert found.actor1 is not None and found.actor1.actor == "Protesters (Somalia)"
    assert len(found.assoc_actor_1) == 1
    assert found.assoc_actor_1[0].endswith("Puntland Dervish Force")
    assert found.actor2 is None


def test_police_dispersing_protesters_stay_the_other_side(actors: ActorDictionary) -> None:
    found = roles_of(actors, "Police dispersed protesters who were marching to the palace.",
                     "Protests", "Protest with intervention", "Kenya")
    assert found.actor1 is not None and found.actor1.actor == "Protesters (Kenya)"
    assert found.actor2 is not None and found.actor2.actor.startswith("Police Forces of Kenya")
    assert found.assoc_actor_1 == ()


def test_an_operations_foreign_forces_come_after_its_local_fighters(
        actors: ActorDictionary) -> None:
    """§6: forces under an operation are its associated actors; "factions" belong to the
    group's mention, so the group is not left outside the operation."""
    found = roles_of(actors, "Turkish forces and SNA factions, operating under OPS, shelled "
                     "a village.", "Explosions/Remote violence",
                     "Shelling/artillery/missile attack", "Syria")
    assert found.actor1 is not None and found.actor1.actor == "Operation Peace Spring"
    assert found.assoc_actor_1[0] == "JWS: Syrian National Army"
    assert found.assoc_actor_1[1].startswith("Military Forces of Turkey")


def test_uncertain_attribution_is_the_and_or_actor(actors: ActorDictionary) -> None:
    """§6: "X and/or Y" when the source does not say which of two groups it was."""
    found = find_actors("The army shelled Boko Haram/ISWAP positions near the lake.", actors,
                        "Nigeria", ON_2020)
    assert ("Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah "
            "lid-Dawatai wal-Jihad") in {m.actor for m in found}


@pytest.mark.parametrize(("unit", "state"), [("BNDF", "Burundi"), ("UPDF", "Uganda")])
def test_african_union_contingents_name_their_state(actors: ActorDictionary, unit: str,
                                                    state: str) -> None:
    found = find_actors(f"Al Shabaab attacked AUSSOM {unit} troops near the base.", actors,
                        "Somalia", ON_2025)
    assert found[-1].actor.startswith("AUSSOM: ") and found[-1].actor.endswith(f"({state})")
    assert found[-1].inter == 8


def test_the_attackers_label_is_not_the_victims(actors: ActorDictionary) -> None:
    found = roles_of(actors, "Fulani militias attacked a village.",
                     "Violence against civilians", "Attack", "Nigeria")
    assert found.assoc_actor_1 == ("Pastoralists (Nigeria)",)
    assert "Pastoralists (Nigeria)" not in found.assoc_actor_2


@pytest.mark.parametrize(("on", "group"), [(ON_2020, "Labour Group"), (ON_2025, "Labor Group")])
def test_a_business_destroyed_is_the_labour_groups(actors: ActorDictionary, on: date,
                                                   group: str) -> None:
    """§6: the owners of a business whose property is destroyed are a Labour Group."""
    found = roles_of(actors, "Unknown arsonists set fire to a textile factory in the town.",
                     "Strategic developments", "Looting/property destruction", "Turkey", on)
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Turkey)"
    assert found.assoc_actor_2 == (f"{group} (Turkey)",)


def test_a_house_destroyed_has_no_labour_group(actors: ActorDictionary) -> None:
    found = roles_of(actors, "Unknown arsonists set fire to a house in the town.",
                     "Strategic developments", "Looting/property destruction", "Turkey")
    assert found.assoc_actor_2 == ()


def test_rioters_attacking_a_bank_harm_a_labour_group(actors: ActorDictionary) -> None:
    """§6: a business's owners harmed by rioters are civilians of the Labour Group."""
    found = roles_of(actors, "Rioters hurled Molotov cocktails at a bank in the city.",
                     "Riots", "Violent demonstration", "Lebanon")
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Lebanon)"
    assert found.assoc_actor_2 == ("Labour Group (Lebanon)",)


def test_rioters_on_a_road_harm_no_business(actors: ActorDictionary) -> None:
    found = roles_of(actors, "Rioters burned tyres and blocked the main road.",
                     "Riots", "Violent demonstration", "Lebanon")
    assert found.actor2 is None


def test_a_victims_faith_is_an_identity_label(actors: ActorDictionary) -> None:
    """§6: a religious identity group targeted is associated with the victims."""
    found = roles_of(actors, "A mob attacked a Muslim shopkeeper and his family.", "Riots",
                     "Mob violence", "India")
    assert found.actor2 is not None and found.actor2.actor == "Civilians (India)"
    assert "Muslim Group (India)" in found.assoc_actor_2


@pytest.mark.parametrize(("event_type", "sub_event_type", "expected"), [
    ("Protests", "Peaceful protest", "Protesters (Peru)"),
    ("Riots", "Violent demonstration", "Rioters (Peru)"),
])
def test_a_crowd_of_foreign_nationals_carries_their_country(
        actors: ActorDictionary, event_type: str, sub_event_type: str, expected: str) -> None:
    """§6: a generic actor's parentheses name the group's own country."""
    found = roles_of(actors, "About 50 Peruvian citizens protested outside the consulate.",
                     event_type, sub_event_type, "Chile")
    assert found.actor1 is not None and found.actor1.actor == expected


def test_a_refugee_camp_is_a_place_not_its_people(actors: ActorDictionary) -> None:
    found = roles_of(actors, "Soldiers entered the refugee camp and beat several Malian "
                     "refugees.", "Violence against civilians", "Attack", "Burkina Faso")
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Mali)"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Two men shot at people inside a store.", "Unidentified Armed Group (Kenya)"),
    ("Unknown people beat a man to death.", "Unidentified Armed Group (Kenya)"),
    ("Villagers beat a man to death.", "Rioters (Kenya)"),
])
def test_armed_or_unknown_men_are_no_mob(actors: ActorDictionary, sentence: str,
                                         expected: str) -> None:
    """§3, §5: civilians who harm are a mob (Rioters); men who shoot, or whom nobody knows,
    are an unnamed armed group."""
    found = roles_of(actors, sentence, "Violence against civilians", "Attack", "Kenya")
    assert found.actor1 is not None and found.actor1.actor == expected


def test_a_partys_workers_are_the_party(actors: ActorDictionary) -> None:
    """§6: party workers who attack are the party's; the activist they hurt is a civilian."""
    found = roles_of(actors, "A group of BJP workers assaulted an activist in the town.",
                     "Violence against civilians", "Attack", "India")
    assert found.actor1 is not None and found.actor1.actor == "BJP: Bharatiya Janata Party"
    assert found.actor2 is not None and found.actor2.actor == "Civilians (India)"


def test_cross_border_fire_names_indias_border_guard(actors: ActorDictionary) -> None:
    """India's side of fire across the border with Pakistan has the BSF associated."""
    found = roles_of(actors, "Military forces of India and Pakistan exchanged fire across the "
                     "LoC.", "Battles", "Armed clash", "India")
    indian = actors.state_force("India", "military", ON_2020)
    bsf = actors.state_force("India", "police", ON_2020, "Border Security Force")
    sides = {found.actor1.actor if found.actor1 else None: found.assoc_actor_1,
             found.actor2.actor if found.actor2 else None: found.assoc_actor_2}
    assert sides[indian] == (bsf,)
    assert sides[actors.state_force("Pakistan", "military", ON_2020)] == ()


def test_no_border_guard_against_a_rebel_group(actors: ActorDictionary) -> None:
    found = roles_of(actors, "The Indian army clashed with Hizbul Mujahideen militants.",
                     "Battles", "Armed clash", "India")
    assert not any("Border Security Force" in a
                   for a in (*found.assoc_actor_1, *found.assoc_actor_2))


@pytest.mark.parametrize(("sentence", "label"), [
    ("Gunmen shot a judge outside the court.", "Judges (Kenya)"),
    ("Unknown men attacked a transgender woman in the street.", "LGBT (Kenya)"),
])
def test_victims_identity_labels(actors: ActorDictionary, sentence: str, label: str) -> None:
    found = roles_of(actors, sentence, "Violence against civilians", "Attack", "Kenya")
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Kenya)"
    assert label in found.assoc_actor_2


def test_a_mob_beating_gang_members_is_a_vigilante_mob(actors: ActorDictionary) -> None:
    """§3 Mob violence: the suspected wrongdoers a mob punishes are civilians."""
    found = roles_of(actors, "A mob of locals beat two youth gang members in the market.",
                     "Riots", "Mob violence", "Somalia")
    assert found.assoc_actor_1[:1] == ("Vigilante Group (Somalia)",)
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Somalia)"


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Residents demonstrated in the town and security forces dispersed them.", "police"),
    ("Residents demonstrated in the town and soldiers dispersed them.", "military"),
])
def test_security_forces_facing_a_crowd_are_the_police(actors: ActorDictionary,
                                                       sentence: str, kind: str) -> None:
    """§5: crowd control is policing; soldiers named as such stay the military."""
    found = roles_of(actors, sentence, "Protests", "Protest with intervention", "Mali")
    assert found.actor2 is not None
    assert found.actor2.actor == actors.state_force("Mali", kind, ON_2020)


def test_a_unit_coded_under_the_pmf(actors: ActorDictionary) -> None:
    """§6: a unit under a larger actor is that actor, the unit its associated actor."""
    found = roles_of(actors, "The Badr Organization repelled an IS attack near the village.",
                     "Battles", "Armed clash", "Iraq")
    sides = {found.actor1.actor if found.actor1 else None: found.assoc_actor_1,
             found.actor2.actor if found.actor2 else None: found.assoc_actor_2}
    pmf = actors.state_force("Iraq", "military", ON_2020, "Popular Mobilization Forces")
    assert sides[pmf] == ("Badr Organization",)


def test_labels_of_a_victim_named_twice(actors: ActorDictionary) -> None:
    """§6: "civilian shop owners" are one victim; the trade label is still theirs."""
    found = roles_of(actors, "Al Shabaab attacked civilian shop owners in the town.",
                     "Violence against civilians", "Attack", "Somalia", ON_2025)
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Somalia)"
    assert found.assoc_actor_2 == ("Labor Group (Somalia)",)


@pytest.mark.parametrize(("sentence", "label"), [
    ("Workers of a tea plantation protested over unpaid wages.", "Farmers (Peru)"),
    ("Plantation workers protested over unpaid wages.", "Farmers (Peru)"),
    ("Photojournalists protested outside the press club.", "Journalists (Peru)"),
])
def test_more_trades_labels(actors: ActorDictionary, sentence: str, label: str) -> None:
    found = roles_of(actors, sentence, "Protests", "Peaceful protest", "Peru")
    assert found.assoc_actor_1 == (label,)


def test_a_crowds_faith_is_its_label(actors: ActorDictionary) -> None:
    found = roles_of(actors, "A Muslim mob pelted a police team with stones.", "Riots",
                     "Violent demonstration", "India")
    assert found.actor1 is not None and found.actor1.actor == "Rioters (India)"
    assert "Muslim Group (India)" in found.assoc_actor_1


def test_people_whose_goods_are_looted_are_no_rioters(actors: ActorDictionary) -> None:
    """§3, §5: the object of "looted" is the victim, not a crowd of rioters."""
    found = find_actors("Soldiers looted displaced civilians' properties in the town.",
                        actors, "Syria", ON_2020)
    assert not any(m.actor.startswith("Rioters") for m in found)
    assert "Refugees/IDPs (Syria)" in {m.actor for m in found if m.assoc_label}


def test_a_partys_supporters_beaten_by_a_mob_are_civilians(actors: ActorDictionary) -> None:
    """§5, §6: members of a party who are harmed are civilians; the party is associated."""
    found = roles_of(actors, "A mob beat supporters of the PTI in the market.", "Riots",
                     "Mob violence", "Pakistan")
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Pakistan)"
    assert found.assoc_actor_2 == ("PTI: Pakistan Tehreek-e-Insaf",)
