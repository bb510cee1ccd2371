"""Round 4 actor conventions: trade labels, label order, party workers, property owners,
regime years.

Sentences are ours. Expected values follow the codebook rule named in each case (reference §6
identity labels, §6 regime years) or the seed row the case is about, never today's output.
"""

from __future__ import annotations

import csv
from datetime import date
from importlib.resources import files

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
