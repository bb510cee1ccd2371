"""Who is actor1, actor2 and their associated actors: `roles.assign_roles` and the actor step.

Also: units coded under a parent actor, operations fought under, allies without a named
opponent, the post-2022 Ukrainian front, protests that name an armed group.

Sentences are ours. Expected values follow the codebook rule named in each case (reference
§3, §5, §6, §10, §11) or the seed row the case is about, never today's output.
"""

from __future__ import annotations

import csv
from datetime import date
from importlib.resources import files

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
from coder.engine.roles import Roles, assign_roles, is_source

ON_2020 = date(2020, 5, 5)
ON_2023 = date(2023, 5, 5)
ON_2025 = date(2025, 8, 7)


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


def mention(actor: str, inter: int, span: tuple[int, int], role: str = "unknown",
            label: bool = False) -> ActorMention:
    return ActorMention(actor, inter, span, 0.9, role, label)


def tiny_dictionary(*actors: Actor) -> ActorDictionary:
    return ActorDictionary.build(actors, [Regime("Ukraine", 2019, None)], {"Ukraine": "Ukrainian"})


class TestSeedColumns:
    """The optional seed columns frontline, unnamed_in and umbrella (seeds/actors.csv)."""

    def test_optional_columns_are_parsed(self) -> None:
        """Absent columns leave the defaults; present ones are split on ";" and ":"."""
        (plain, rich) = parse_actor_rows([
            {"actor": "A", "inter": "2", "country": "Mali", "aliases": "A"},
            {"actor": "B", "inter": "8", "country": "Yemen", "aliases": "B", "frontline": "F",
             "unnamed_in": "Battles; Riots", "umbrella": "Yemen: Sudan; Chad"},
        ])
        assert (plain.frontline, plain.unnamed_in, plain.umbrella_host) == (None, (), None)
        assert (rich.frontline, rich.unnamed_in) == ("F", ("Battles", "Riots"))
        assert (rich.umbrella_host, rich.umbrella_states) == ("Yemen", ("Sudan", "Chad"))

    def test_a_malformed_umbrella_names_its_row(self) -> None:
        with pytest.raises(ValueError, match="actors row 2"):
            parse_actor_rows([{"actor": "A", "inter": "8", "country": "Yemen", "aliases": "A",
                               "umbrella": "Yemen"}])

    def test_a_front_needs_two_sides_in_their_years(self) -> None:
        """A side whose years are over leaves no front (no unattributed dyad to code)."""
        army = Actor("Military Forces of Ukraine (*)", 1, "Ukraine", ("Ukrainian army",),
                     frontline="Donbas")
        rebels = Actor("Rebels", 2, "Ukraine", ("rebels",), last_year=2021, frontline="Donbas")
        dictionary = tiny_dictionary(army, rebels)
        assert dictionary.frontline("Ukraine", date(2020, 5, 1)) == (
            ("Military Forces of Ukraine (2019-)", 1), ("Rebels", 2))
        assert dictionary.frontline("Ukraine", date(2023, 5, 1)) == ()

    def test_unnamed_and_umbrella_lookups_follow_the_seed(self, actors: ActorDictionary) -> None:
        assert actors.unnamed("Mexico", "Violence against civilians", ON_2020) == (
            "Unidentified Gang (Mexico)", 3)
        assert actors.unnamed("Kenya", "Violence against civilians", ON_2020) is None
        assert actors.umbrella("Yemen", "Saudi Arabia", ON_2020) == (
            "Operation Restoring Hope", 8)
        assert actors.umbrella("Saudi Arabia", "Saudi Arabia", ON_2020) is None


class TestMentions:
    @pytest.mark.parametrize(("sentence", "country", "on", "expected"), [
        pytest.param("Hundreds of bus drivers protested in the capital.", "Kenya", ON_2020,
                     "Labour Group (Kenya)", id="trade-before-2023"),
        pytest.param("Hundreds of bus drivers protested in the capital.", "Kenya", ON_2025,
                     "Labor Group (Kenya)", id="trade-since-2023"),
        pytest.param("Fishermen marched to the port.", "Kenya", ON_2020, "Fishermen (Kenya)",
                     id="fishermen"),
    ])
    def test_trades_give_their_identity_label(self, actors: ActorDictionary, sentence: str,
                                              country: str, on: date, expected: str) -> None:
        """§6: associated actors name identity labels such as Labour Group (Country)."""
        found = find_actors(sentence, actors, country, on)
        assert [m.actor for m in found if m.assoc_label] == [expected]

    @pytest.mark.parametrize(("sentence", "expected"), [
        pytest.param("Bani Ali and Al Badi tribesmen clashed near the market.",
                     ["Bani Ali Tribal Militia (Yemen)", "Al Badi Tribal Militia (Yemen)"],
                     id="tribesmen-pair"),
        pytest.param("Militias from the Hawadle and Jarer Weyne clans fought near the town.",
                     ["Hawadle Clan Militia (Yemen)", "Jarer Weyne Clan Militia (Yemen)"],
                     id="militias-from-clans"),
        pytest.param("Umumbo communal militia attacked the village.",
                     ["Umumbo Communal Militia (Yemen)"], id="communal"),
        pytest.param("The Yemeni tribal militia left.", [], id="a-people-is-no-community"),
    ])
    def test_named_communities_are_named_identity_militias(
        self, actors: ActorDictionary, sentence: str, expected: list[str]
    ) -> None:
        """§5 inter 4, §6: identity militias carry the community's name and the country."""
        found = [m for m in find_actors(sentence, actors, "Yemen", ON_2020)
                 if m.inter == 4 and not m.actor.startswith("Unidentified")]
        assert [m.actor for m in found] == expected

    def test_a_known_clan_keeps_its_dictionary_name(self, actors: ActorDictionary) -> None:
        """The seed row's lineage name wins over the name the pattern would build."""
        found = find_actors("An Abgal clan militia clashed with Al Shabaab.", actors,
                            "Somalia", ON_2025)
        assert [m.actor for m in found] == ["Hawiye-Abgal Sub-Clan Militia (Somalia)",
                                            "Al Shabaab"]

    def test_forces_of_two_states_are_two_mentions(self, actors: ActorDictionary) -> None:
        """§5: a state's forces abroad are External/Other forces (8), at home State forces."""
        found = find_actors("Military forces of India and Pakistan exchanged fire.", actors,
                            "India", ON_2020)
        assert [(m.actor.split(" (")[0], m.inter) for m in found] == [
            ("Military Forces of India", 1), ("Military Forces of Pakistan", 8)]

    def test_forces_under_an_operation_are_the_operation(self, actors: ActorDictionary) -> None:
        """Seed umbrella: Saudi forces in Yemen are Operation Restoring Hope, the state force
        an identity label for the associated actor."""
        found = find_actors("Saudi forces fired rockets at villages.", actors, "Yemen", ON_2020)
        assert [(m.actor.split(" (")[0], m.assoc_label) for m in found] == [
            ("Operation Restoring Hope", False), ("Military Forces of Saudi Arabia", True)]


class TestSource:
    @pytest.mark.parametrize(("sentence", "expected"), [
        pytest.param("Police said gunmen killed two men.", True, id="reporter"),
        pytest.param("Al Shabaab claimed responsibility for the blast.", False,
                     id="claims-the-act"),
        pytest.param("Al Shabaab claimed to have killed five soldiers.", False,
                     id="claims-to-have"),
        pytest.param("The army said they killed ten militants.", False, id="said-they"),
    ])
    def test_a_speaker_is_an_actor_when_it_claims_the_act(self, sentence: str,
                                                          expected: bool) -> None:
        first_word_end = sentence.index(" ", 4) if sentence.startswith("Al ") else \
            sentence.index(" ")
        speaker = mention("X", 2, (0, first_word_end))
        assert is_source(sentence, speaker) is expected


class TestViolenceAgainstCivilians:
    def test_civilians_who_beat_someone_are_a_mob(self, actors: ActorDictionary) -> None:
        """§5: civilians are only victims; people who harm others are Rioters (a mob)."""
        found = roles_of(actors, "Villagers beat a suspected thief.",
                         "Violence against civilians", "Attack", "Kenya")
        assert names(found)[:2] == ("Rioters (Kenya)", "Civilians (Kenya)")

    def test_an_unnamed_killer_takes_the_country_convention(self,
                                                            actors: ActorDictionary) -> None:
        """Seed unnamed_in: anonymous gangland killings in Mexico are an Unidentified Gang's
        (a plain shooting is not: test_an_unnamed_killer_in_mexico_is_a_gang_only_with_its_marks
        below)."""
        found = roles_of(actors, "Armed men shot dead a man in a drive-by shooting.",
                         "Violence against civilians", "Attack", "Mexico")
        assert names(found)[:2] == ("Unidentified Gang (Mexico)", "Civilians (Mexico)")

    def test_a_victims_trade_is_assoc_actor_2(self, actors: ActorDictionary) -> None:
        """§6: the victims' identity label goes with actor2."""
        found = roles_of(actors, "Gunmen shot dead a shopkeeper.",
                         "Violence against civilians", "Attack", "Kenya")
        assert names(found) == ("Unidentified Armed Group (Kenya)", "Civilians (Kenya)", (),
                                ("Labour Group (Kenya)",))


class TestCrowds:
    def test_protesting_workers_are_protesters_with_their_label(
        self, actors: ActorDictionary
    ) -> None:
        """§11 example 3: Protesters (Country) with the trade as associated actor."""
        found = roles_of(actors, "Hundreds of bus drivers protested over unpaid wages.",
                         "Protests", "Peaceful protest", "Kenya")
        assert names(found) == ("Protesters (Kenya)", None, ("Labour Group (Kenya)",), ())

    def test_a_party_that_protests_is_the_crowds_associated_actor(
        self, actors: ActorDictionary
    ) -> None:
        """§6: the party of protesters is an associated actor, not actor1."""
        found = roles_of(actors, "BJP leaders staged a demonstration outside the office.",
                         "Protests", "Peaceful protest", "India")
        assert names(found) == ("Protesters (India)", None, ("BJP: Bharatiya Janata Party",),
                                ())

    def test_two_groups_fighting_each_other_are_both_rioters(
        self, actors: ActorDictionary
    ) -> None:
        """§3 Mob violence: a mob against other rioters."""
        found = roles_of(actors, "A clash between two groups of villagers left five injured.",
                         "Riots", "Mob violence", "India")
        assert names(found)[:2] == ("Rioters (India)", "Rioters (India)")

    def test_a_lynch_mob_is_a_vigilante_group(self, actors: ActorDictionary) -> None:
        """§3 Mob violence includes vigilante mobs."""
        found = roles_of(actors, "A mob lynched a suspected thief in the market.",
                         "Riots", "Mob violence", "Uganda")
        assert found.assoc_actor_1[:1] == ("Vigilante Group (Uganda)",)

    def test_residents_who_riot_are_not_the_other_side(self, actors: ActorDictionary) -> None:
        """§3 Riots: the crowd is actor1; nobody intervening leaves actor2 empty."""
        found = roles_of(actors, "Residents barricaded the road with burning tyres.",
                         "Riots", "Violent demonstration", "South Africa")
        assert names(found)[:2] == ("Rioters (South Africa)", None)


class TestArmedSides:
    def test_a_battle_always_has_two_sides(self, actors: ActorDictionary) -> None:
        """§10: battles need two actors; unnamed ones are Unidentified Armed Groups."""
        found = roles_of(actors, "A shoot-out took place in the neighbourhood.",
                         "Battles", "Armed clash", "Brazil")
        assert names(found)[:2] == ("Unidentified Armed Group (Brazil)",) * 2

    def test_unattributed_fire_on_a_front_is_one_sided(
        self, actors: ActorDictionary
    ) -> None:
        """Seed frontline: shelling no source attributes in Donbas is coded one-sided, with one
        of the front's sides as actor1 (the ACLED dev rows: actor2 empty in all 51)."""
        found = roles_of(actors, "Monitors recorded 12 explosions near Lozove.",
                         "Explosions/Remote violence", "Shelling/artillery/missile attack",
                         "Ukraine")
        assert found.actor1 is not None and found.actor2 is None
        assert found.actor1.actor in {
            "Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya"}

    def test_a_bomb_that_hit_soldiers_was_planted_by_someone(
        self, actors: ActorDictionary
    ) -> None:
        """§11 example 4's reading of an unknown perpetrator, for a planted device."""
        found = roles_of(actors, "A roadside bomb struck a police vehicle.",
                         "Explosions/Remote violence", "Remote explosive/landmine/IED",
                         "Kenya")
        assert names(found)[0] == "Unidentified Armed Group (Kenya)"
        assert found.actor2 is not None and found.actor2.actor.startswith(
            "Police Forces of Kenya")

    def test_allies_named_together_are_one_side(self) -> None:
        """§10: more than two actors keep the main pair, the others are associated actors."""
        sentence = "The army and police attacked the rebels."
        army = mention("Military Forces of Kenya", 1, (4, 8), "agent")
        police = mention("Police Forces of Kenya", 1, (13, 19), "agent")
        rebels = mention("Rebels", 2, (33, 39), "patient")
        found = assign_roles(sentence, [army, police, rebels], "Battles", "Armed clash",
                             "Kenya", ON_2020, tiny_dictionary())
        assert names(found) == ("Military Forces of Kenya", "Rebels",
                                ("Police Forces of Kenya",), ())

    def test_two_named_sides_between_are_opponents(self) -> None:
        """"between X and Y": the two named are the battle's two sides."""
        sentence = "Clashes between Hamza and Murad left two dead."
        hamza = mention("Hamza", 2, (16, 21))
        murad = mention("Murad", 2, (26, 31))
        found = assign_roles(sentence, [hamza, murad], "Battles", "Armed clash", "Syria",
                             ON_2020, tiny_dictionary())
        assert names(found) == ("Hamza", "Murad", (), ())

    def test_a_named_group_replaces_the_vague_militants(self, actors: ActorDictionary) -> None:
        """"Taliban attacked ... killing 9 militants": one non-state side, the Taliban."""
        found = roles_of(actors, "Afghan forces repelled an attack by Taliban militants, "
                                 "killing 9 militants.", "Battles", "Armed clash",
                         "Afghanistan")
        assert {found.actor1.actor if found.actor1 else "",
                found.actor2.actor if found.actor2 else ""} >= {"Taliban"}
        assert not any(a and a.actor.startswith("Unidentified")
                       for a in (found.actor1, found.actor2))

    def test_civilians_hurt_by_a_strike_on_fighters_are_associated(self) -> None:
        """§6, §11 example 5: civilians harmed by a strike on an armed target."""
        sentence = "An airstrike by the army hit rebels and killed civilians."
        army = mention("Military Forces of Kenya", 1, (20, 24), "agent")
        rebels = mention("Rebels", 2, (29, 35), "patient")
        civilians = mention("Civilians (Kenya)", 7, (47, 56), "patient")
        found = assign_roles(sentence, [army, rebels, civilians],
                             "Explosions/Remote violence", "Air/drone strike", "Kenya",
                             ON_2020, tiny_dictionary())
        assert names(found) == ("Military Forces of Kenya", "Rebels", (),
                                ("Civilians (Kenya)",))


class TestStrategicDevelopments:
    def test_an_arrested_party_member_is_a_civilian_of_that_party(self) -> None:
        """§3 Arrests, §5: the arrested are civilians; their party an associated actor."""
        sentence = "Police arrested a leader of the opposition party."
        police = mention("Police Forces of Kenya", 1, (0, 6), "agent")
        party = mention("ODM: Orange Democratic Movement", 3, (32, 48), "patient")
        found = assign_roles(sentence, [police, party], "Strategic developments", "Arrests",
                             "Kenya", ON_2020, tiny_dictionary())
        assert names(found) == ("Police Forces of Kenya", "Civilians (Kenya)", (),
                                ("ODM: Orange Democratic Movement",))

    @pytest.mark.parametrize(("sentence", "expected"), [
        pytest.param("Police seized two tons of marijuana on the highway.",
                     "Unidentified Gang (Brazil)", id="contraband-is-a-gangs"),
        pytest.param("Police demolished a shop on the highway.", "Civilians (Brazil)",
                     id="property-is-civilians"),
    ])
    def test_whose_property_is_destroyed_or_seized(self, sentence: str, expected: str) -> None:
        police = mention("Police Forces of Brazil", 1, (0, 6), "agent")
        found = assign_roles(sentence, [police], "Strategic developments",
                             "Looting/property destruction", "Brazil", ON_2020,
                             tiny_dictionary())
        assert names(found)[:2] == ("Police Forces of Brazil", expected)


def test_sexual_violence_records_the_victims_gender(actors: ActorDictionary) -> None:
    """§3 Sexual violence: the victims' gender goes in the associated actor column."""
    found = roles_of(actors, "Soldiers raped a villager.", "Violence against civilians",
                     "Sexual violence", "Mali")
    assert found.assoc_actor_2[:1] == ("Women (Mali)",)


# --- parents, operations, allies, the Ukrainian front, crowds -------------------------------

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
        """One side of that day's front fired; which one the text does not say: one-sided."""
        found = roles_of(actors, "Explosions were heard near Avdiivka.",
                         "Explosions/Remote violence", "Shelling/artillery/missile attack",
                         "Ukraine", on)
        assert names(found)[0] in {"Military Forces of Ukraine (2019-)", other}
        assert names(found)[1] is None

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


# --- identity labels and associated actors (codebook §6): trades, herders, vigilante mobs,
# forces that protest, operations' members, seed names for uncertain attribution -----------


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


# --- round 4 conventions: trade labels, label order, party workers, property owners, regime
# years, community labels (sentences ours; expected values from the codebook rule named in each
# case, reference §6, or the seed row the case is about) ---------------------------------------


class TestTradeLabels:
    """A trade with a label of its own is filed under it, not also under the Labour Group."""

    @pytest.mark.parametrize(("sentence", "label"), [
        pytest.param("Nurses and hospital workers protested outside the ministry.",
                     "Health Workers (Kenya)", id="health"),
        pytest.param("Journalists and media workers staged a protest in Nairobi.",
                     "Journalists (Kenya)", id="journalists"),
        pytest.param("Plantation workers and other workers protested over unpaid allowances.",
                     "Farmers (Kenya)", id="farmers"),
    ])
    def test_the_trades_own_label_replaces_the_labour_group(
            self, actors: ActorDictionary, sentence: str, label: str) -> None:
        found = roles_of(actors, sentence, "Protests", "Peaceful protest", "Kenya")
        assert label in found.assoc_actor_1
        assert "Labour Group (Kenya)" not in found.assoc_actor_1

    def test_workers_alone_stay_a_labour_group(self, actors: ActorDictionary) -> None:
        """Trades without a label of their own keep the Labour Group (codebook §6)."""
        found = roles_of(actors, "Factory workers protested over unpaid wages.", "Protests",
                         "Peaceful protest", "Kenya")
        assert found.assoc_actor_1 == ("Labour Group (Kenya)",)

    def test_a_correspondent_is_a_journalist(self, actors: ActorDictionary) -> None:
        found = roles_of(actors, "Soldiers assaulted a correspondent of a local daily.",
                         "Violence against civilians", "Attack", "Kenya")
        assert found.assoc_actor_2 == ("Journalists (Kenya)",)


class TestLabelOrder:
    """Where the gender label goes among a side's associated actors."""

    def test_a_crowds_gender_label_comes_last(self, actors: ActorDictionary) -> None:
        found = roles_of(actors, "Female workers of a textile factory protested in Tunis.",
                         "Protests", "Peaceful protest", "Tunisia")
        assert found.assoc_actor_1 == ("Labour Group (Tunisia)", "Women (Tunisia)")

    def test_sexual_violence_names_the_gender_first(self, actors: ActorDictionary) -> None:
        found = roles_of(actors, "Gunmen raped two displaced women in a camp.",
                         "Violence against civilians", "Sexual violence", "Sudan")
        assert found.assoc_actor_2[0] == "Women (Sudan)"


def test_workers_of_a_party_are_its_members_not_a_labour_group(
        actors: ActorDictionary) -> None:
    """The party is the crowd's associated actor (§6 "the party of protesters")."""
    found = roles_of(actors, "Several workers of BJP staged a demonstration in Siliguri.",
                     "Protests", "Peaceful protest", "India")
    assert found.assoc_actor_1 == ("BJP: Bharatiya Janata Party",)


@pytest.mark.parametrize(("sentence", "label"), [
    pytest.param("Militants burned crop fields near the village.", "Farmers (Iraq)",
                 id="crops"),
    pytest.param("Militants attacked and burned a school in the village.", "Teachers (Iraq)",
                 id="school"),
    pytest.param("Gunmen stormed and looted the health office in the town.",
                 "Health Workers (Iraq)", id="clinic"),
    pytest.param("Gunmen set fire to the trucks of a logging company.",
                 "Labour Group (Iraq)", id="company"),
])
def test_destroyed_property_names_its_owners(actors: ActorDictionary, sentence: str,
                                             label: str) -> None:
    """Owners of destroyed property are civilians labelled by the property's use (§6)."""
    found = roles_of(actors, sentence, "Strategic developments",
                     "Looting/property destruction", "Iraq")
    assert found.actor2 is not None and found.actor2.actor == "Civilians (Iraq)"
    assert found.assoc_actor_2 == (label,)


def test_a_companys_owners_are_a_labor_group_from_2023(actors: ActorDictionary) -> None:
    """ACLED spells the label "Labor Group" in its exports from 2023."""
    found = roles_of(actors, "Al Shabaab burned goods seized from shops in the town.",
                     "Strategic developments", "Looting/property destruction", "Somalia",
                     ON_2025)
    assert found.assoc_actor_2 == ("Labor Group (Somalia)",)


@pytest.mark.parametrize(("state", "kind", "on", "expected"), [
    pytest.param("Peru", "police", ON_2020, "Police Forces of Peru (2018-)", id="peru"),
    pytest.param("Jamaica", "police", ON_2020, "Police Forces of Jamaica (2016-)",
                 id="jamaica"),
    pytest.param("Guyana", "military", date(2020, 5, 1), "Military Forces of Guyana (2015-2020)",
                 id="before-handover"),
    pytest.param("Guyana", "military", date(2020, 9, 1), "Military Forces of Guyana (2020-)",
                 id="after-handover"),
])
def test_regime_years(actors: ActorDictionary, state: str, kind: str, on: date,
                      expected: str) -> None:
    """State forces carry the years of the regime in power on the event date (§6)."""
    assert actors.state_force(state, kind, on) == expected


def test_every_regime_row_is_valid_and_unique() -> None:
    """One row per state and start year; starts inside their year (the loader's checks)."""
    with files("coder.seeds").joinpath("regimes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    keys = [(r["country"], r["start_year"]) for r in rows]
    assert len(keys) == len(set(keys))
    for row in rows:
        if row["start_date"]:
            assert row["start_date"].startswith(row["start_year"])


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Armed men shot dead a man in his car.", "Unidentified Armed Group (Mexico)",
                 id="plain-shooting"),
    pytest.param("A man was found dead with his hands tied.", "Unidentified Gang (Mexico)",
                 id="bound-body"),
    pytest.param("Armed men carried out a drive-by shooting against a man.",
                 "Unidentified Gang (Mexico)", id="drive-by"),
])
def test_an_unnamed_killer_in_mexico_is_a_gang_only_with_its_marks(
        actors: ActorDictionary, sentence: str, expected: str) -> None:
    """Seed unnamed_in makes Mexico's unnamed killers a gang; ACLED keeps a plain shooting by
    unknown men an Unidentified Armed Group (codebook §5 inter 3)."""
    found = roles_of(actors, sentence, "Violence against civilians", "Attack", "Mexico")
    assert found.actor1 is not None and found.actor1.actor == expected


class TestCommunityLabels:
    """Civilians or crowds of a named community carry "{Name} {Kind} Group ({Country})"."""

    @pytest.mark.parametrize(("sentence", "country", "label"), [
        pytest.param("Gunmen attempted to kill a citizen from the Subaihi tribe.", "Yemen",
                     "Subaihi Tribal Group (Yemen)", id="tribe"),
        pytest.param("Gunmen killed civilians from the Fulani community near the well.", "Mali",
                     "Fulani Ethnic Group (Mali)", id="known-militia-kind"),
        pytest.param("Militiamen shot and killed a civilian from Abgal clan in the village.",
                     "Somalia", "Hawiye-Abgal Sub-Clan Group (Somalia)", id="lineage-name"),
    ])
    def test_victims_community_is_assoc_actor_2(self, actors: ActorDictionary, sentence: str,
                                                country: str, label: str) -> None:
        found = roles_of(actors, sentence, "Violence against civilians", "Attack", country,
                         ON_2025)
        assert found.actor2 is not None and found.actor2.actor == f"Civilians ({country})"
        assert label in found.assoc_actor_2

    def test_a_crowds_community_is_assoc_actor_1(self, actors: ActorDictionary) -> None:
        found = roles_of(actors, "Residents of the Mallah community staged a protest.",
                         "Protests", "Peaceful protest", "Pakistan")
        assert found.assoc_actor_1 == ("Mallah Communal Group (Pakistan)",)

    def test_two_groups_of_one_community_fighting_are_two_crowds_of_it(
            self, actors: ActorDictionary) -> None:
        """§3 Mob violence: both sides are Rioters, each with the community's label."""
        found = roles_of(actors, "Two groups of the Bugti community attacked each other.",
                         "Riots", "Mob violence", "Pakistan")
        label = ("Bugti Communal Group (Pakistan)",)
        assert (found.actor1 and found.actor1.actor, found.assoc_actor_1) == \
            ("Rioters (Pakistan)", label)
        assert (found.actor2 and found.actor2.actor, found.assoc_actor_2) == \
            ("Rioters (Pakistan)", label)


@pytest.mark.parametrize("sentence", [
    "Two groups of youths engaged in a street fight with knives.",
    "A group of people clashed over the lack of food.",
])
def test_a_fight_within_a_crowd_has_rioters_on_both_sides(actors: ActorDictionary,
                                                          sentence: str) -> None:
    """§3 Mob violence: a crowd fighting another crowd is Rioters against Rioters."""
    found = roles_of(actors, sentence, "Riots", "Mob violence", "Kenya")
    assert (found.actor1 and found.actor1.actor, found.actor2 and found.actor2.actor) == \
        ("Rioters (Kenya)", "Rioters (Kenya)")


@pytest.mark.parametrize(("sentence", "expected"), [
    pytest.param("Congress MLA and 7 of his supporters staged a protest outside the office.",
                 True, id="mla-in-crowd"),
    pytest.param("Councillors of the district council protested in the town.", True,
                 id="councillors"),
    pytest.param("Rioters gathered outside the house of MP Samir and chanted slogans.", False,
                 id="mp-is-the-target"),
    pytest.param("Residents demonstrated and a former MP joined them.", False, id="former"),
])
def test_elected_officials_in_a_crowd_bring_their_government(
        actors: ActorDictionary, sentence: str, expected: bool) -> None:
    """§6: officials taking part are represented by their government as associated actor."""
    found = roles_of(actors, sentence, "Protests", "Peaceful protest", "India")
    assert ("Government of India (2014-)" in found.assoc_actor_1) is expected


def test_a_governorship_decree_is_the_governments(actors: ActorDictionary) -> None:
    """§6: non-military state actors are "Government of {State} ({years})"."""
    found = roles_of(actors, "The provincial governorship halted all entries to the district.",
                     "Strategic developments", "Change to group/activity", "Turkey")
    assert found.actor1 is not None and found.actor1.actor == "Government of Turkey (2016-)"


def test_us_forces_in_syria_fight_under_the_global_coalition(actors: ActorDictionary) -> None:
    """Seed umbrella "Syria: United States" (§6): the operation is the actor, the state force
    its associated actor."""
    found = roles_of(actors, "US forces established a new base near the town.",
                     "Strategic developments", "Change to group/activity", "Syria")
    assert found.actor1 is not None and found.actor1.actor == "Global Coalition Against Daesh"
    assert found.assoc_actor_1 == (actors.state_force("United States", "military", ON_2020),)


def test_a_demonym_before_rocket_fire_names_the_state(actors: ActorDictionary) -> None:
    """"Saudi rocket and artillery shelling": Saudi forces, fighting in Yemen under the
    coalition's operation (seed umbrella)."""
    found = roles_of(actors, "Saudi rocket and artillery shelling hit border villages.",
                     "Explosions/Remote violence", "Shelling/artillery/missile attack", "Yemen")
    assert found.actor1 is not None and found.actor1.actor == "Operation Restoring Hope"
