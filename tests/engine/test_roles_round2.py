"""Round-2 WHO rules: units coded under a parent actor, operations fought under, allies
without a named opponent, the post-2022 Ukrainian front, protests that name an armed group.

Sentences are ours. Expected values follow the codebook rule named in each case (reference
§3, §5, §6, §10) or the seed row the case is about, never today's output.
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
    parse_actor_rows,
)
from coder.engine.knowledge import seed_actors
from coder.engine.roles import Roles, assign_roles

ON_2020 = date(2020, 5, 5)
ON_2023 = date(2023, 5, 5)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def roles_of(actors: ActorDictionary, sentence: str, event_type: str, sub_event_type: str,
             country: str, on: date = ON_2020) -> Roles:
    mentions = find_actors(sentence, actors, country, on)
    return assign_roles(sentence, mentions, event_type, sub_event_type, country, on, actors)


def names(found: Roles) -> tuple[str | None, str | None, tuple[str, ...], tuple[str, ...]]:
    return (found.actor1.actor if found.actor1 else None,
            found.actor2.actor if found.actor2 else None,
            found.assoc_actor_1, found.assoc_actor_2)


class TestPartOf:
    """The seed column part_of: a unit is coded as its parent, the unit an associated actor."""

    def test_the_column_is_optional(self) -> None:
        plain, unit = parse_actor_rows([
            {"actor": "Front", "inter": "2", "country": "Ukraine", "aliases": "Front"},
            {"actor": "Unit", "inter": "2", "country": "Ukraine", "aliases": "Unit",
             "part_of": "Front"},
        ])
        assert (plain.part_of, unit.part_of) == (None, "Front")

    def test_a_unit_mention_is_its_parent_with_the_unit_as_label(self) -> None:
        front = Actor("Front", 2, "Ukraine", ("Front",))
        unit = Actor("Eastern Brigade", 2, "Ukraine", ("Eastern Brigade",), part_of="Front")
        dictionary = ActorDictionary.build([front, unit], [Regime("Ukraine", 2019, None)],
                                           {"Ukraine": "Ukrainian"})
        found = find_actors("The Eastern Brigade shelled a village.", dictionary, "Ukraine",
                            ON_2020)
        assert [(m.actor, m.assoc_label) for m in found] == [
            ("Front", False), ("Eastern Brigade", True)]
        assert found[0].span == found[1].span

    def test_the_separatist_militias_go_under_the_naf(self, actors: ActorDictionary) -> None:
        """Seeds: before 2023 the Donetsk militia is coded as the NAF (assoc: the militia)."""
        found = roles_of(actors, "Ukrainian army fired mortars at the positions of the Donbass "
                         "People's Militia near Avdiivka.", "Explosions/Remote violence",
                         "Shelling/artillery/missile attack", "Ukraine")
        assert names(found) == ("Military Forces of Ukraine (2019-)",
                                "NAF: United Armed Forces of Novorossiya", (),
                                ("Donbass People's Militia",))


class TestUnderAnOperation:
    """§6: forces fighting under an operation make the operation the actor."""

    def test_forces_under_an_operation(self, actors: ActorDictionary) -> None:
        found = roles_of(actors, "Turkish forces and opposition rebels under OPS shelled the "
                         "village of Dardara.", "Explosions/Remote violence",
                         "Shelling/artillery/missile attack", "Syria")
        actor1, _actor2, assoc1, _assoc2 = names(found)
        assert actor1 == "Operation Peace Spring"
        assert set(assoc1) == {"Military Forces of Turkey (2016-)", "Opposition Rebels (Syria)"}

    def test_without_under_the_operation_is_an_opponent(self) -> None:
        sentence = "Rebels attacked Coalition positions."
        rebels = ActorMention("Rebels", 2, (0, 6), 0.9, "agent")
        coalition = ActorMention("Coalition", 8, (16, 25), 0.9, "patient")
        dictionary = ActorDictionary.build([], [], {})
        found = assign_roles(sentence, [rebels, coalition], "Battles", "Armed clash", "Syria",
                             ON_2020, dictionary)
        assert names(found)[:2] == ("Rebels", "Coalition")


class TestAlliesWithoutOpponent:
    """§10: allies named together are one actor and its associates, even with no opponent."""

    @pytest.mark.parametrize("gap", [", accompanied by ", " together with ", " and "])
    def test_arresting_allies(self, gap: str) -> None:
        first, second = "Regime police", "Russian forces"
        sentence = f"{first}{gap}{second} arrested four managers."
        police = ActorMention("Police Forces of Syria", 1, (0, len(first)), 0.9, "agent")
        start = len(first) + len(gap)
        russia = ActorMention("Military Forces of Russia", 8, (start, start + len(second)), 0.9,
                              "agent")
        found = assign_roles(sentence, [police, russia], "Strategic developments", "Arrests",
                             "Syria", ON_2020, ActorDictionary.build([], [], {}))
        assert names(found) == ("Police Forces of Syria", "Civilians (Syria)",
                                ("Military Forces of Russia",), ())

    def test_two_sides_of_a_battle_stay_opponents(self) -> None:
        """"X and Y clashed": a battle needs two sides, so "and" does not ally them."""
        sentence = "Rebels and soldiers clashed."
        rebels = ActorMention("Rebels", 2, (0, 6), 0.9, "agent")
        army = ActorMention("Military Forces of Mali", 1, (11, 19), 0.9, "agent")
        found = assign_roles(sentence, [rebels, army], "Battles", "Armed clash", "Mali",
                             ON_2020, ActorDictionary.build([], [], {}))
        assert names(found)[:2] == ("Rebels", "Military Forces of Mali")


class TestUkrainianFront:
    """Unattributed fire on the Ukrainian front: the NAF before 2022, Russia after."""

    @pytest.mark.parametrize(("on", "other"), [
        pytest.param(ON_2020, "NAF: United Armed Forces of Novorossiya", id="2020-naf"),
        pytest.param(ON_2023, "Military Forces of Russia (2000-)", id="2023-russia"),
    ])
    def test_unattributed_shelling(self, actors: ActorDictionary, on: date,
                                   other: str) -> None:
        found = roles_of(actors, "Explosions were heard near Avdiivka.",
                         "Explosions/Remote violence", "Shelling/artillery/missile attack",
                         "Ukraine", on)
        assert {names(found)[0], names(found)[1]} == {"Military Forces of Ukraine (2019-)",
                                                      other}

    def test_russia_is_an_external_force_in_ukraine(self, actors: ActorDictionary) -> None:
        """§5: a state's forces outside its own country are inter 8."""
        front = dict(actors.frontline("Ukraine", ON_2023))
        assert front["Military Forces of Russia (2000-)"] == 8

    def test_a_named_ukrainian_attack_has_russia_opposite(self, actors: ActorDictionary) -> None:
        found = roles_of(actors, "Ukrainian army attacked positions near Bakhmut.", "Battles",
                         "Armed clash", "Ukraine", ON_2023)
        assert names(found)[:2] == ("Military Forces of Ukraine (2019-)",
                                    "Military Forces of Russia (2000-)")


def test_a_protest_against_an_armed_group_is_the_protesters(actors: ActorDictionary) -> None:
    """§3 Protests, §5: protesters are actor1 even when a rebel group is named as a doer."""
    found = roles_of(actors, "Families whose children were kidnapped by the PKK protested in "
                     "front of the party building.", "Protests", "Peaceful protest", "Turkey")
    assert names(found)[0] == "Protesters (Turkey)"


@pytest.mark.parametrize(("sentence", "country", "expected"), [
    pytest.param("Taliban Red Unit militants attacked a checkpoint.", "Afghanistan",
                 "Taliban - Red Unit", id="taliban-unit"),
    pytest.param("Journalists led by PFUJ held a rally.", "Pakistan",
                 "PFUJ: Pakistan Federal Union of Journalists", id="union"),
    pytest.param("Regime security forces arrested three men.", "Syria",
                 "Police Forces of Syria (2000-2024)", id="syrian-security"),
])
def test_seed_names(actors: ActorDictionary, sentence: str, country: str,
                    expected: str) -> None:
    """Seed rows: the long tail of named groups and state units."""
    assert expected in [m.actor for m in find_actors(sentence, actors, country, ON_2020)]


def test_drug_suspects_keep_their_label(actors: ActorDictionary) -> None:
    """§6: victims' identity goes to the associated actor."""
    found = roles_of(actors, "Gunmen shot dead a drug suspect.", "Violence against civilians",
                     "Attack", "Philippines")
    assert "Drug Suspects (Philippines)" in found.assoc_actor_2


@pytest.mark.parametrize("kind", ["communal militia", "ethnic militia", "tribal militia"])
def test_a_known_community_keeps_its_militias_name(kind: str) -> None:
    """§6: an identity militia is named after its community once, whichever kind word a
    report uses ("Rizeigat communal militia" is the seeded Rizeigat Ethnic Militia)."""
    known = Actor("Rizeigat Ethnic Militia (Sudan)", 4, "Sudan", ("Rizeigat militia",))
    dictionary = ActorDictionary.build([known], [], {"Sudan": "Sudanese"})
    found = find_actors(f"Rizeigat {kind} attacked a village.", dictionary, "Sudan", ON_2020)
    assert [m.actor for m in found][:1] == ["Rizeigat Ethnic Militia (Sudan)"]


def test_an_unknown_community_takes_the_reports_kind() -> None:
    dictionary = ActorDictionary.build([], [], {"Sudan": "Sudanese"})
    found = find_actors("Hamar communal militia attacked a village.", dictionary, "Sudan",
                        ON_2020)
    assert [m.actor for m in found][:1] == ["Hamar Communal Militia (Sudan)"]


def test_a_state_forces_affiliates_are_pro_government_militia(actors: ActorDictionary) -> None:
    """§6: allies fighting alongside the state forces are associated actors (seeds: Yemen's
    "affiliates" are pro-government militias)."""
    found = roles_of(actors, "Pro-Hadi forces and affiliates attacked pro-Houthi forces near "
                     "Marib.", "Battles", "Armed clash", "Yemen")
    assert names(found)[0] == "Military Forces of Yemen (2012-)"
    assert found.assoc_actor_1 == ("Militia (Pro-Government)",)


@pytest.mark.parametrize("gap", [", in coordination with ", " in coordination with "])
def test_an_ally_after_a_comma(gap: str) -> None:
    sentence = f"Coalition jets{gap}the army struck militants."
    jets = ActorMention("Coalition", 8, (0, 14), 0.9, "agent")
    start = 14 + len(gap) + len("the ")
    army = ActorMention("Military Forces of Mali", 1, (start, start + 4), 0.9, "agent")
    militants = ActorMention("Unidentified Armed Group (Mali)", 3,
                             (sentence.index("militants"), len(sentence) - 1), 0.9, "patient")
    found = assign_roles(sentence, [jets, army, militants], "Explosions/Remote violence",
                         "Air/drone strike", "Mali", ON_2020, ActorDictionary.build([], [], {}))
    assert names(found)[:3] == ("Coalition", "Unidentified Armed Group (Mali)",
                                ("Military Forces of Mali",))


@pytest.mark.parametrize("sentence", [
    "Residents beat and injured a robber in the market.",
    "Residents beat a man who was stealing phones.",
])
def test_a_mob_punishing_a_thief_is_a_vigilante_mob(actors: ActorDictionary,
                                                    sentence: str) -> None:
    """§3 Mob violence: a mob punishing a wrongdoer is a vigilante group's."""
    found = roles_of(actors, sentence, "Riots", "Mob violence", "Somalia")
    assert names(found)[:2] == ("Rioters (Somalia)", "Civilians (Somalia)")
    assert found.assoc_actor_1[:1] == ("Vigilante Group (Somalia)",)


def test_a_mobs_victims_keep_their_labels(actors: ActorDictionary) -> None:
    """§6: identity labels of the harmed go with actor2, not with the crowd."""
    found = roles_of(actors, "A mob attacked doctors and nurses at a hospital.", "Riots",
                     "Mob violence", "India")
    assert names(found)[:2] == ("Rioters (India)", "Civilians (India)")
    assert found.assoc_actor_1 == ()
    assert found.assoc_actor_2 == ("Health Workers (India)",)


def test_police_harmed_off_duty_are_the_victims_association(actors: ActorDictionary) -> None:
    """§5, §6: a police officer attacked off duty is a civilian; the force is associated."""
    found = roles_of(actors, "Gunmen shot a police officer who was off duty.",
                     "Violence against civilians", "Attack", "Kenya")
    assert names(found)[1] == "Civilians (Kenya)"
    assert any(a.startswith("Police Forces of Kenya") for a in found.assoc_actor_2)


def test_a_unit_in_parentheses_restates_its_force() -> None:
    """§6: "government forces (NISA)" is one side, named by its unit."""
    sentence = "Foreign jets, in coordination with government forces (NISA), struck militants."
    jets = ActorMention("Unidentified Military Forces", 8, (0, 12), 0.9, "unknown")
    start = sentence.index("government")
    army = ActorMention("Military Forces of Somalia", 1, (start, start + 17), 0.9, "unknown")
    start = sentence.index("NISA")
    nisa = ActorMention("Military Forces of Somalia NISA", 1, (start, start + 4), 0.9, "agent")
    start = sentence.index("militants")
    militants = ActorMention("Al Shabaab", 2, (start, start + 9), 0.9, "patient")
    found = assign_roles(sentence, [jets, army, nisa, militants], "Explosions/Remote violence",
                         "Air/drone strike", "Somalia", ON_2020,
                         ActorDictionary.build([], [], {}))
    assert names(found)[:3] == ("Unidentified Military Forces", "Al Shabaab",
                                ("Military Forces of Somalia NISA",))


def test_two_parties_supporters_clashing_are_two_crowds(actors: ActorDictionary) -> None:
    """§3 Mob violence, §6: each crowd of rioters carries its party as associated actor."""
    found = roles_of(actors, "Supporters of the BNP clashed with Awami League activists.",
                     "Riots", "Mob violence", "Bangladesh")
    assert names(found) == ("Rioters (Bangladesh)", "Rioters (Bangladesh)",
                            ("BNP: Bangladesh Nationalist Party",),
                            ("AL: Bangladesh Awami League",))
