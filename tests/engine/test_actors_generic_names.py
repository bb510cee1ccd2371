"""Generic and seed actor names: unnamed clans, foreign refugees, units, clan lineages.

Codebook §6: generic actors carry "(Country)" ("Unidentified Clan Militia (Ethiopia)"), and
people of several nationalities are "(International)"; state forces' units follow the years
("Police Forces of {State} ({years}) {Unit}"); named groups keep ACLED's "ACRONYM: Full Name".
§5: a state's forces outside its own country are External/Other forces (inter 8).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.actors import ActorDictionary, find_actors
from coder.engine.knowledge import load_knowledge

ON = date(2020, 5, 4)


@pytest.fixture(scope="module")
def seeds() -> ActorDictionary:
    return load_knowledge().actors


def _main(sentence: str, seeds: ActorDictionary, country: str,
          on: date = ON) -> list[tuple[str, int]]:
    return [(m.actor, m.inter) for m in find_actors(sentence, seeds, country, on)
            if not m.assoc_label]


def _labels(sentence: str, seeds: ActorDictionary, country: str) -> list[str]:
    return [m.actor for m in find_actors(sentence, seeds, country, ON) if m.assoc_label]


@pytest.mark.parametrize(("sentence", "country"), [
    ("Inter-clan violence erupted in the zone, leaving five dead.", "Ethiopia"),
    ("Two rival clans clashed in the town over a land dispute.", "Philippines"),
    ("Clashes between militias from rival clans went on for two days.", "Philippines"),
    ("Feuding clans exchanged fire near the market.", "Lebanon"),
])
def test_clans_fighting_unnamed_are_an_unidentified_clan_militia(
        seeds: ActorDictionary, sentence: str, country: str) -> None:
    # Codebook §6 names the generic form "Unidentified Clan Militia (Country)", inter 4.
    assert (f"Unidentified Clan Militia ({country})", 4) in _main(sentence, seeds, country)


def test_a_named_clan_keeps_its_own_name_beside_the_generic_one(
        seeds: ActorDictionary) -> None:
    sentence = "Hawadle clan militia clashed with another clan's fighters."
    names = [name for name, _ in _main(sentence, seeds, "Somalia", date(2025, 5, 1))]
    assert "Hawiye-Hawadle Sub-Clan Militia (Somalia)" in names


@pytest.mark.parametrize(("sentence", "country", "expected"), [
    # No nationality given: foreigners of several nations (codebook §6 "(International)").
    ("Rioters attacked 57 migrants and refugees at a hotel.", "Greece", "International"),
    ("Police arrested refugees living illegally in the city.", "Malaysia", "International"),
    ("Asylum seekers were beaten by a mob.", "Greece", "International"),
    # A nationality given keeps it.
    ("Syrian refugees were beaten by a mob.", "Turkey", "Syria"),
    # The country's own displaced are its people.
    ("Gunmen attacked IDPs near the town.", "Nigeria", "Nigeria"),
])
def test_refugees_are_of_their_stated_nation_or_international(
        seeds: ActorDictionary, sentence: str, country: str, expected: str) -> None:
    assert f"Civilians ({expected})" in [n for n, _ in _main(sentence, seeds, country)]
    assert f"Refugees/IDPs ({expected})" in _labels(sentence, seeds, country)


def test_a_people_named_before_refugees_is_no_international_crowd(
        seeds: ActorDictionary) -> None:
    # "Rohingya" names a people, not a state: the refugees are not of unknown nations.
    names = [n for n, _ in _main("Gunmen attacked Rohingya refugees.", seeds, "Bangladesh")]
    assert "Civilians (International)" not in names


def test_refugees_who_protest_are_international_protesters(seeds: ActorDictionary) -> None:
    sentence = "About 60 refugees protested at the camp office, demanding relocation."
    assert ("Protesters (International)", 6) in _main(sentence, seeds, "Kenya")


@pytest.mark.parametrize(("sentence", "country", "expected"), [
    ("Indian nationals clashed with Nepal Armed Police personnel at the border.", "Nepal",
     "Civilians (India)"),
    ("Locals clashed with Burkinabe nationals in the village.", "Ivory Coast",
     "Civilians (Burkina Faso)"),
])
def test_nationals_are_people_of_the_state_their_demonym_names(
        seeds: ActorDictionary, sentence: str, country: str, expected: str) -> None:
    assert (expected, 7) in _main(sentence, seeds, country)


def test_a_refugee_camp_is_a_place_not_its_people(seeds: ActorDictionary) -> None:
    sentence = "Two families clashed in the refugee camp."
    assert not any("International" in n for n, _ in _main(sentence, seeds, "Lebanon"))


def _force(seeds: ActorDictionary, state: str, kind: str, unit: str) -> str:
    return seeds.state_force(state, kind, ON, unit)


@pytest.mark.parametrize(("sentence", "country", "state", "kind", "unit", "inter"), [
    ("A firefight broke out between the NPA and the police's Special Action Force.",
     "Philippines", "Philippines", "police", "Special Action Force", 1),
    ("Border guard police and ARSA clashed near the border post.",
     "Myanmar", "Myanmar", "police", "Border Guard Police", 1),
    # Abroad, a state's unit is External/Other forces (codebook §5).
    ("The National Intelligence Organization carried out a ground operation against the PKK.",
     "Iraq", "Turkey", "police", "National Intelligence Organization", 8),
])
def test_state_force_units_are_named_after_the_regime_years(
        seeds: ActorDictionary, sentence: str, country: str, state: str, kind: str,
        unit: str, inter: int) -> None:
    assert (_force(seeds, state, kind, unit), inter) in _main(sentence, seeds, country)


def test_jubalands_intelligence_agency_is_a_unit_of_somalias_forces(
        seeds: ActorDictionary) -> None:
    on = date(2025, 4, 12)
    sentence = "Jubaland Intelligence and Security Agency (JISA) defused an IED."
    expected = seeds.state_force("Somalia", "military", on,
                                 "Jubaland Intelligence and Security Agency")
    assert expected.endswith(") Jubaland Intelligence and Security Agency")
    assert (expected, 1) in _main(sentence, seeds, "Somalia", on)


@pytest.mark.parametrize(("sentence", "country", "expected", "inter"), [
    ("HBDH militants carried out a remote explosive attack.", "Turkey",
     "HBDH: Peoples United Revolutionary Movement", 2),
    ("Opposition factions destroyed a bulldozer with an ATGM.", "Syria",
     "Opposition Rebels (Syria)", 2),
    ("Anti-Houthi National Resistance forces fired at the village.", "Yemen",
     "National Resistance Forces", 3),
    ("Members of the Chand-led outfit exchanged gunfire with the Armed Police.", "Nepal",
     "CPN(M)-NBC: Communist Party of Nepal (Maoist)-Netra Bikram Chand", 3),
])
def test_named_groups_by_their_acled_names(seeds: ActorDictionary, sentence: str,
                                           country: str, expected: str, inter: int) -> None:
    assert (expected, inter) in _main(sentence, seeds, country)


def test_anti_houthi_forces_are_the_internationally_recognised_governments(
        seeds: ActorDictionary) -> None:
    names = [n for n, _ in _main("Anti-Houthi forces opened fire on a house.", seeds, "Yemen")]
    assert names == [seeds.state_force("Yemen", "military", ON)]


@pytest.mark.parametrize(("on", "expected"), [
    # Before 2023 ACLED named Habar Gedir's sub-clans without the clan family.
    (date(2020, 5, 3), "Habar Gedir-Sacad Sub-Clan Militia (Somalia)"),
    (date(2025, 5, 3), "Hawiye-Habar Gedir-Sacad Sub-Clan Militia (Somalia)"),
])
def test_somali_sub_clan_names_follow_the_years_naming(
        seeds: ActorDictionary, on: date, expected: str) -> None:
    sentence = "Sacad clan militiamen clashed with a rival militia west of the town."
    assert (expected, 4) in _main(sentence, seeds, "Somalia", on)


@pytest.mark.parametrize(("on", "expected"), [
    (date(2020, 5, 8), "Jareer-Weyne Sub-Clan Militia (Somalia)"),
    (date(2025, 5, 8), "Bantu-Jareer-Weyne Sub-Clan Militia (Somalia)"),
])
def test_jareer_weyne_spellings_name_one_militia(seeds: ActorDictionary, on: date,
                                                 expected: str) -> None:
    sentence = "Armed militias from the Hawadle and Jarer Weyne clans battled in the village."
    assert expected in [n for n, _ in _main(sentence, seeds, "Somalia", on)]


@pytest.mark.parametrize(("country", "expected"), [
    ("Brazil", "Unidentified Gang (Brazil)"),
    ("El Salvador", "Unidentified Gang (El Salvador)"),
    ("Mexico", None),  # an Unidentified Armed Group, the codebook's default (§6)
])
def test_unnamed_side_of_a_battle_by_country(seeds: ActorDictionary, country: str,
                                             expected: str | None) -> None:
    found = seeds.unnamed(country, "Battles", ON)
    assert (found[0] if found else None) == expected
