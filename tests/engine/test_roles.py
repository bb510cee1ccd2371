"""Who is actor1, actor2 and their associated actors: `roles.assign_roles` and the actor step.

Sentences are ours. Expected values follow the codebook rule named in each case (reference
§3, §5, §6, §10, §11) or the seed row the case is about, never today's output.
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
from coder.engine.roles import Roles, assign_roles, is_source

ON_2020 = date(2020, 5, 5)
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
        pytest.param("Hundreds of taxi drivers protested in the capital.", "Kenya", ON_2020,
                     "Labour Group (Kenya)", id="trade-before-2023"),
        pytest.param("Hundreds of taxi drivers protested in the capital.", "Kenya", ON_2025,
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
        """Seed unnamed_in: anonymous killings in Mexico are an Unidentified Gang's."""
        found = roles_of(actors, "Armed men shot dead a man in his car.",
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

    def test_unattributed_fire_on_a_front_is_between_its_sides(
        self, actors: ActorDictionary
    ) -> None:
        """Seed frontline: ceasefire violations in Donbas are the army's and the NAF's."""
        found = roles_of(actors, "Monitors recorded 12 explosions near Lozove.",
                         "Explosions/Remote violence", "Shelling/artillery/missile attack",
                         "Ukraine")
        assert {found.actor1.actor if found.actor1 else None,
                found.actor2.actor if found.actor2 else None} == {
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
