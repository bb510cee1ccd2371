"""Actor fields ACLED leaves empty: one-sided events and labels that are not the crowd's.

`roles.assign_roles` on sentences of our own. Each case names the rule it follows: the
codebook (reference §3, §6, §10: actor2 is blank for one-sided events, associated actors
describe the actor's own people) or the seed front the case is about. The sentences are
ours, never rows or notes of the ACLED samples.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.actors import ActorDictionary, find_actors
from coder.engine.knowledge import seed_actors
from coder.engine.roles import Roles, assign_roles, harms_people

ON_2020 = date(2020, 5, 5)
ON_2023 = date(2023, 5, 5)

SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
AIRSTRIKE = ("Explosions/Remote violence", "Air/drone strike")
CHANGE = ("Strategic developments", "Change to group/activity")
BASE = ("Strategic developments", "Headquarters or base established")
AGREEMENT = ("Strategic developments", "Agreement")
OTHER = ("Strategic developments", "Other")
RIOT = ("Riots", "Violent demonstration")
PROTEST = ("Protests", "Peaceful protest")


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return seed_actors()


def roles_of(actors: ActorDictionary, sentence: str, kind: tuple[str, str], country: str,
             on: date = ON_2020) -> Roles:
    mentions = find_actors(sentence, actors, country, on)
    return assign_roles(sentence, mentions, kind[0], kind[1], country, on, actors)


def name(found: Roles, side: str) -> str | None:
    mention = found.actor1 if side == "actor1" else found.actor2
    return mention.actor if mention else None


class TestFireNobodyIsSaidToHaveFired:
    """Explosions counted on a front with no shooter named: one side, actor2 blank (§10 lets
    remote violence be one-sided; the shooter's opponent is not named either)."""

    @pytest.mark.parametrize(("sentence", "on"), [
        pytest.param("Monitors counted 14 explosions near Pisky.", ON_2020, id="monitors"),
        pytest.param("Observers heard three bursts of heavy machine-gun fire near Zolote.",
                     ON_2020, id="bursts"),
        pytest.param("Explosions were heard near Avdiivka overnight.", ON_2023, id="2023"),
    ])
    def test_one_side_of_the_front_and_no_second(self, actors: ActorDictionary, sentence: str,
                                                 on: date) -> None:
        found = roles_of(actors, sentence, SHELLING, "Ukraine", on)
        front = {side for side, _ in actors.frontline("Ukraine", on)}
        assert name(found, "actor1") in front
        assert found.actor2 is None

    def test_a_named_shooter_still_has_the_other_side_as_target(
            self, actors: ActorDictionary) -> None:
        """A side that fires at the other's positions: both are named, both are actors."""
        found = roles_of(actors, "Ukrainian forces fired mortars at NAF positions near Pisky.",
                         SHELLING, "Ukraine")
        assert {name(found, "actor1"), name(found, "actor2")} == {
            "Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya"}


class TestAGroupsOwnActivity:
    """Change to group/activity and new bases are what one group does (§3): the country it
    moves in, the residents a curfew keeps home and the army a base supports are no side."""

    @pytest.mark.parametrize(("sentence", "kind", "country", "actor1"), [
        pytest.param("Turkish forces brought military reinforcements to their posts in "
                     "Idlib.", CHANGE, "Syria", "Military Forces of Turkey",
                     id="reinforcements-abroad"),
        pytest.param("The government imposed a weekend curfew, ordering residents to stay at "
                     "home.", CHANGE, "Turkey", "Government of Turkey", id="curfew"),
        pytest.param("UN peacekeepers set up a temporary base near Djugu to support the army.",
                     BASE, "Democratic Republic of Congo", "MONUSCO", id="base"),
    ])
    def test_nobody_else_is_a_side(self, actors: ActorDictionary, sentence: str,
                                   kind: tuple[str, str], country: str, actor1: str) -> None:
        found = roles_of(actors, sentence, kind, country)
        assert (name(found, "actor1") or "").startswith(actor1)
        assert found.actor2 is None
        assert found.assoc_actor_2 == ()

    def test_an_armed_group_acting_in_it_stays(self, actors: ActorDictionary) -> None:
        """Soldiers guarding the village the militants enter act in the event themselves."""
        found = roles_of(actors, "Al Shabaab fighters entered a village guarded by Somali "
                         "soldiers.", CHANGE, "Somalia", ON_2023)
        assert name(found, "actor2") == "Military Forces of Somalia (2022-)"

    @pytest.mark.parametrize(("sentence", "kind", "one_sided"), [
        pytest.param("The government released 40 rebel prisoners from the central jail.",
                     AGREEMENT, True, id="release"),
        pytest.param("The government and the rebels exchanged 40 prisoners.", AGREEMENT, False,
                     id="exchange"),
        pytest.param("Soldiers ordered all civilians to leave the village within a day.",
                     OTHER, True, id="ordered-to-leave"),
    ])
    def test_who_is_released_or_told_to_leave_is_no_side(
            self, actors: ActorDictionary, sentence: str, kind: tuple[str, str],
            one_sided: bool) -> None:
        """A release is the holder's act; an exchange has two sides (§3 Agreement); people
        told to leave are an order's audience."""
        found = roles_of(actors, sentence, kind, "Afghanistan")
        assert (found.actor2 is None) is one_sided


class TestStrikesThatHurtNobody:
    """A strike that only damaged property names no civilian side (§10: remote violence may
    be one-sided); one that killed or hurt civilians has them as victims or associates."""

    @pytest.mark.parametrize(("sentence", "harmed"), [
        pytest.param("Government forces shelled civilian houses in the town. No casualties "
                     "were reported.", False, id="houses-no-casualties"),
        pytest.param("The army's airstrike hit the compound of a villager in the district.",
                     False, id="compound-of-a-villager"),
        pytest.param("Government forces shelled civilian areas with no reports of injuries or "
                     "fatalities.", False, id="no-reports-of-injuries"),
        pytest.param("Government forces shelled civilian houses, killing two civilians.", True,
                     id="killed"),
        pytest.param("Government forces shelled the village, wounding a farmer.", True,
                     id="wounded"),
    ])
    def test_civilians_are_a_side_only_when_harmed(self, actors: ActorDictionary,
                                                   sentence: str, harmed: bool) -> None:
        found = roles_of(actors, sentence, SHELLING, "Yemen")
        assert (name(found, "actor2") == "Civilians (Yemen)") is harmed

    @pytest.mark.parametrize(("sentence", "harmed"), [
        pytest.param("No casualties were reported.", False, id="none-reported"),
        pytest.param("The strike hit a farm, killing livestock.", False, id="livestock"),
        pytest.param("Shells fell in Killi village.", False, id="place-named-killi"),
        pytest.param("One child was killed.", True, id="killed"),
        pytest.param("Neither injuries nor fatalities were reported.", False, id="neither-nor"),
        pytest.param("Two people died in hospital.", True, id="died"),
    ])
    def test_harms_people(self, sentence: str, harmed: bool) -> None:
        assert harms_people(sentence) is harmed

    def test_homes_hit_beside_an_armed_target_add_no_civilians(
            self, actors: ActorDictionary) -> None:
        """§6 makes civilians hurt by a strike on an armed target its associated actors; homes
        hit with nobody hurt make none."""
        found = roles_of(actors, "Al Shabaab shelled army positions and civilian homes in the "
                         "village.", SHELLING, "Somalia", ON_2023)
        assert name(found, "actor2") == "Military Forces of Somalia (2022-)"
        assert "Civilians (Somalia)" not in found.assoc_actor_2

    def test_civilians_hurt_beside_an_armed_target_are_associated(
            self, actors: ActorDictionary) -> None:
        found = roles_of(actors, "Al Shabaab shelled army positions in the village, injuring "
                         "three civilians.", SHELLING, "Somalia", ON_2023)
        assert name(found, "actor2") == "Military Forces of Somalia (2022-)"
        assert "Civilians (Somalia)" in found.assoc_actor_2

    @pytest.mark.parametrize("sentence", [
        pytest.param("An airstrike by government forces killed a woman and her son.", id="woman"),
        pytest.param("An airstrike by government forces killed two women and a child.",
                     id="women"),
    ])
    def test_strike_victims_are_not_labelled_by_gender(self, actors: ActorDictionary,
                                                       sentence: str) -> None:
        found = roles_of(actors, sentence, AIRSTRIKE, "Yemen")
        assert not any(a.startswith("Women") for a in found.assoc_actor_2)


class TestCrowdSides:
    """A crowd's actor2 is whoever engages it physically (§3 Violent demonstration)."""

    @pytest.mark.parametrize(("sentence", "actor2"), [
        pytest.param("Residents burned tyres on the highway to demand food aid from the "
                     "government.", None, id="demand-to-government"),
        pytest.param("Rioters blocked roads with burning tyres, rejecting the new governor.",
                     None, id="rejecting-governor"),
        pytest.param("Police fired tear gas at residents who burned tyres on the highway.",
                     "Police Forces of Algeria (2019-)", id="police-engage"),
    ])
    def test_the_government_addressed_is_no_side(self, actors: ActorDictionary,
                                                 sentence: str, actor2: str | None) -> None:
        found = roles_of(actors, sentence, RIOT, "Algeria")
        assert name(found, "actor2") == actor2


class TestCrowdLabels:
    """Associated actors of a crowd describe who protests (§6 identity labels, "the party of
    protesters"), not whom it protests about, at or for."""

    @pytest.mark.parametrize(("sentence", "country", "absent"), [
        pytest.param("Parents of students protested against higher school fees.", "Peru",
                     "Students (Peru)", id="parents-of-students"),
        pytest.param("Students' parents protested against higher school fees.", "Peru",
                     "Students (Peru)", id="students-parents"),
        pytest.param("Relatives of prisoners protested after several prisoners died in a "
                     "fire.", "Peru", "Prisoners (Peru)", id="relatives-of-prisoners"),
        pytest.param("About 30 people protested, demanding the release of a jailed blogger.",
                     "Belarus", "Journalists (Belarus)", id="release-of-blogger"),
        pytest.param("Residents protested against the release of prisoners.", "Argentina",
                     "Prisoners (Argentina)", id="release-of-prisoners"),
        pytest.param("Residents, including widows, demonstrated for food relief.", "Uganda",
                     "Women (Uganda)", id="including-widows"),
        pytest.param("Activists protested after a dog was beaten to death by a woman.",
                     "India", "Women (India)", id="woman-after-the-crowd"),
        pytest.param("Families held a sit-in in front of the HDP provincial building.",
                     "Turkey", "HDP: Peoples Democratic Party", id="party-building"),
        pytest.param("Hundreds demonstrated in support of the STC.", "Yemen",
                     "STC: Southern Transitional Council", id="in-support-of-party"),
    ])
    def test_not_the_crowd(self, actors: ActorDictionary, sentence: str, country: str,
                           absent: str) -> None:
        found = roles_of(actors, sentence, PROTEST, country)
        assert absent not in found.assoc_actor_1

    @pytest.mark.parametrize(("sentence", "country", "present"), [
        pytest.param("Students protested against higher school fees.", "Peru",
                     "Students (Peru)", id="students"),
        pytest.param("Teachers and parents of students protested against school closures.",
                     "Brazil", "Teachers (Brazil)", id="teachers-beside-parents"),
        pytest.param("Women protested against water shortages.", "Pakistan",
                     "Women (Pakistan)", id="women"),
        pytest.param("HDP members held a sit-in in the city centre.", "Turkey",
                     "HDP: Peoples Democratic Party", id="party-members"),
        pytest.param("A rally was organised by the HDP in the city centre.", "Turkey",
                     "HDP: Peoples Democratic Party", id="organised-by-party"),
    ])
    def test_the_crowd(self, actors: ActorDictionary, sentence: str, country: str,
                       present: str) -> None:
        found = roles_of(actors, sentence, PROTEST, country)
        assert present in found.assoc_actor_1

    def test_rioting_prisoners_are_the_crowd(self, actors: ActorDictionary) -> None:
        """"Rioting prisoners" names the crowd, even when it asks for their release later."""
        found = roles_of(actors, "Police fired tear gas at rioting prisoners who called for "
                         "the release of all prisoners.", RIOT, "Sudan")
        assert "Prisoners (Sudan)" in found.assoc_actor_1
