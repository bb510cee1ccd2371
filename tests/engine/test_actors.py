"""The "who" step: actor dictionary, regimes by date, learning from imported names, mentions.

Expected names follow the codebook's naming rules (reference §5, §6): state forces carry the
regime years in power on the event date, generic actors the country in parentheses, a state
force abroad is inter 8, an unnamed gunman is an Unidentified Armed Group (inter 3).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from importlib.resources import files
from itertools import pairwise
from pathlib import Path

import pytest

from coder.engine.actors import (
    Actor,
    ActorDictionary,
    ActorMention,
    Regime,
    aliases_for_name,
    derive_regimes,
    find_actors,
    interaction,
    parse_actor_rows,
    parse_regime_rows,
)

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"

# Used only when seeds/countries.csv (written separately) is not there yet.
_FALLBACK_DEMONYMS = {
    "Afghanistan": "Afghan", "Ethiopia": "Ethiopian", "Eritrea": "Eritrean", "Israel": "Israeli",
    "Kenya": "Kenyan", "Mali": "Malian", "Niger": "Nigerien", "Nigeria": "Nigerian",
    "Palestine": "Palestinian", "Russia": "Russian", "Somalia": "Somali", "Turkey": "Turkish",
    "Uganda": "Ugandan", "Ukraine": "Ukrainian", "United States": "American",
    "Chad": "Chadian", "Democratic Republic of Congo": "Congolese",
}
_FALLBACK_ALIASES = {"United States": "US; U.S."}


def _seed_rows(name: str) -> list[dict[str, str]]:
    with (files("coder.seeds") / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _country_tables() -> tuple[dict[str, str], dict[str, str]]:
    if not (files("coder.seeds") / "countries.csv").is_file():
        return _FALLBACK_DEMONYMS, _FALLBACK_ALIASES
    rows = _seed_rows("countries.csv")
    return ({r["country"]: r["demonyms"] for r in rows},
            {r["country"]: r["aliases"] for r in rows})


@pytest.fixture(scope="module")
def seed_actors() -> list[Actor]:
    return parse_actor_rows(_seed_rows("actors.csv"))


@pytest.fixture(scope="module")
def seed_regimes() -> list[Regime]:
    return parse_regime_rows(_seed_rows("regimes.csv"))


@pytest.fixture(scope="module")
def dictionary(seed_actors: list[Actor], seed_regimes: list[Regime]) -> ActorDictionary:
    demonyms, aliases = _country_tables()
    return ActorDictionary.build(seed_actors, seed_regimes, demonyms, aliases)


def _by_surface(sentence: str, mentions: list[ActorMention]) -> dict[str, ActorMention]:
    return {sentence[m.span[0]:m.span[1]]: m for m in mentions if not m.assoc_label}


MIL_AFG_OLD = "Military Forces of Afghanistan (2014-2021)"
BH = "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"
SPC = "Military Forces of Yemen (2016-) Supreme Political Council"

# (sentence, event country, event date, [(surface text, actor, inter, role hint), ...])
CASES: list[tuple[str, str | None, date, list[tuple[str, str, int, str]]]] = [
    ("Taliban fighters attacked a police checkpoint in Kunduz.", "Afghanistan", date(2020, 5, 9),
     [("Taliban fighters", "Taliban", 2, "agent"),
      ("police", "Police Forces of Afghanistan (2014-2021)", 1, "patient")]),
    ("Unknown gunmen shot dead a tribal elder in Khost.", "Afghanistan", date(2020, 5, 9),
     [("Unknown gunmen", "Unidentified Armed Group (Afghanistan)", 3, "agent"),
      ("tribal elder", "Civilians (Afghanistan)", 7, "patient")]),
    ("The NRF said its fighters repelled a Taliban assault.", "Afghanistan", date(2021, 9, 1),
     [("NRF", "NRF: National Resistance Front", 2, "agent"),
      ("Taliban", "Taliban", 1, "patient")]),
    ("Afghan forces clashed with the Taliban in Helmand.", "Afghanistan", date(2020, 7, 1),
     [("Afghan forces", MIL_AFG_OLD, 1, "agent"), ("Taliban", "Taliban", 2, "unknown")]),
    ("Villagers were killed by bandits in Zamfara state.", "Nigeria", date(2021, 3, 1),
     [("Villagers", "Civilians (Nigeria)", 7, "patient"),
      ("bandits", "Unidentified Armed Group (Nigeria)", 3, "agent")]),
    ("Boko Haram insurgents abducted 20 women in Borno.", "Nigeria", date(2019, 4, 2),
     [("Boko Haram insurgents", BH, 2, "agent"), ("women", "Civilians (Nigeria)", 7, "patient")]),
    ("ISWAP fighters overran a military base in Marte.", "Nigeria", date(2021, 4, 1),
     [("ISWAP fighters", "Islamic State (West Africa)", 2, "agent"),
      ("military", "Military Forces of Nigeria (2015-2023)", 1, "patient")]),
    ("Nigerian troops killed 12 ISWAP fighters near Damboa.", "Nigeria", date(2023, 8, 1),
     [("Nigerian troops", "Military Forces of Nigeria (2023-)", 1, "agent"),
      ("ISWAP fighters", "Islamic State (West Africa)", 2, "patient")]),
    ("Fulani herdsmen attacked farmers in Benue.", "Nigeria", date(2021, 6, 1),
     [("Fulani herdsmen", "Fulani Ethnic Militia (Nigeria)", 4, "agent"),
      ("farmers", "Civilians (Nigeria)", 7, "patient")]),
    ("Police dispersed protesters in Nairobi with tear gas.", "Kenya", date(2023, 7, 7),
     [("Police", "Police Forces of Kenya (2022-)", 1, "agent"),
      ("protesters", "Protesters (Kenya)", 6, "patient")]),
    ("Kenyan police arrested dozens of protesters in Kisumu.", "Kenya", date(2022, 6, 1),
     [("Kenyan police", "Police Forces of Kenya (2013-2022)", 1, "agent"),
      ("protesters", "Protesters (Kenya)", 6, "patient")]),
    ("Al-Shabaab militants ambushed a KDF convoy in Lamu.", "Kenya", date(2020, 1, 5),
     [("Al-Shabaab militants", "Al Shabaab", 2, "agent"),
      ("KDF", "Military Forces of Kenya (2013-2022)", 1, "patient")]),
    ("Al Shabaab fighters attacked an SNA base in Lower Shabelle.", "Somalia", date(2021, 2, 1),
     [("Al Shabaab fighters", "Al Shabaab", 2, "agent"),
      ("SNA", "Military Forces of Somalia (2017-2022)", 1, "patient")]),
    ("Somali troops backed by AMISOM regained control of the town.", "Somalia", date(2021, 3, 1),
     [("Somali troops", "Military Forces of Somalia (2017-2022)", 1, "agent"),
      ("AMISOM", "AMISOM: African Union Mission in Somalia (2007-2022)", 8, "agent")]),
    ("Clan militias clashed over grazing land near Galkayo.", "Somalia", date(2022, 8, 1),
     [("Clan militias", "Unidentified Clan Militia (Somalia)", 4, "agent")]),
    ("Puntland forces arrested two suspects in Bosaso.", "Somalia", date(2023, 2, 1),
     [("Puntland forces", "Military Forces of Somalia (2022-) Puntland Dervish Force", 1,
       "agent")]),
    ("US forces conducted an airstrike against al-Shabaab near Jilib.", "Somalia",
     date(2023, 3, 1),
     [("US forces", "Military Forces of the United States (2021-2025)", 8, "agent"),
      ("al-Shabaab", "Al Shabaab", 2, "patient")]),
    ("Russian forces shelled residential areas of Kharkiv.", "Ukraine", date(2022, 6, 1),
     [("Russian forces", "Military Forces of Russia (2000-)", 8, "agent")]),
    ("Ukrainian troops repelled an attack near Bakhmut.", "Ukraine", date(2023, 1, 10),
     [("Ukrainian troops", "Military Forces of Ukraine (2019-)", 1, "agent")]),
    ("NAF fighters fired mortars at Ukrainian positions.", "Ukraine", date(2020, 4, 1),
     [("NAF fighters", "NAF: United Armed Forces of Novorossiya", 2, "agent")]),
    ("The Houthis launched a missile attack on Marib.", "Yemen", date(2021, 2, 1),
     [("Houthis", SPC, 1, "agent")]),
    ("Coalition warplanes struck a Houthi camp in Saada.", "Yemen", date(2020, 3, 1),
     [("Coalition warplanes", "Operation Restoring Hope", 8, "agent"),
      ("Houthi", SPC, 1, "patient")]),
    ("Protesters blocked roads in Karachi over power outages.", "Pakistan", date(2020, 6, 1),
     [("Protesters", "Protesters (Pakistan)", 6, "agent")]),
    ("Rioters torched a police station in Lahore.", "Pakistan", date(2021, 4, 13),
     [("Rioters", "Rioters (Pakistan)", 5, "agent"),
      ("police", "Police Forces of Pakistan (2018-2022)", 1, "patient")]),
    ("TTP militants attacked a Frontier Corps post in Bajaur.", "Pakistan", date(2023, 5, 1),
     [("TTP militants", "TTP: Tehrik-i-Taliban", 2, "agent"),
      ("Frontier Corps", "Military Forces of Pakistan (2022-)", 1, "patient")]),
    ("CRPF personnel were injured in an IED blast in Sukma.", "India", date(2020, 3, 1),
     [("CRPF personnel", "Police Forces of India (2014-) Central Reserve Police Force", 1,
       "patient")]),
    ("Maoists killed a villager in Dantewada.", "India", date(2020, 3, 1),
     [("Maoists", "Naxal-Maoist Rebels (India)", 2, "agent"),
      ("villager", "Civilians (India)", 7, "patient")]),
    ("Tatmadaw soldiers torched houses in Sagaing.", "Myanmar", date(2022, 5, 1),
     [("Tatmadaw soldiers", "Military Forces of Myanmar (2021-)", 1, "agent")]),
    ("PDF fighters ambushed junta troops in Magway.", "Myanmar", date(2022, 5, 1),
     [("PDF fighters", "PDF: People's Defense Force", 2, "agent"),
      ("junta troops", "Military Forces of Myanmar (2021-)", 1, "patient")]),
    ("NPA rebels clashed with Philippine Army soldiers in Samar.", "Philippines",
     date(2020, 2, 1),
     [("NPA rebels", "NPA: New People's Army", 2, "agent"),
      ("Philippine Army soldiers", "Military Forces of the Philippines (2016-2022)", 1,
       "unknown")]),
    ("SDF forces detained suspected IS members in Hasakah.", "Syria", date(2020, 2, 1),
     [("SDF forces", "QSD: Syrian Democratic Forces", 2, "agent"),
      ("IS members", "Islamic State (Syria)", 2, "patient")]),
    ("Turkish drones struck a village near Qamishli.", "Syria", date(2021, 8, 1),
     [("Turkish drones", "Military Forces of Turkey (2016-)", 8, "agent")]),
    ("Israeli forces shot dead a Palestinian man in Jenin.", "Palestine", date(2022, 6, 1),
     [("Israeli forces", "Military Forces of Israel (2021-2022)", 8, "agent"),
      ("Palestinian man", "Civilians (Palestine)", 7, "patient")]),
    ("Hezbollah fighters clashed with Israeli troops near the border.", "Lebanon",
     date(2024, 1, 8),
     [("Hezbollah fighters", "Hezbollah", 3, "agent"),
      ("Israeli troops", "Military Forces of Israel (2022-)", 8, "unknown")]),
    ("M23 rebels seized Bunagana from the FARDC.", "Democratic Republic of Congo",
     date(2022, 6, 13),
     [("M23 rebels", "M23: March 23 Movement", 2, "agent"),
      ("FARDC", "Military Forces of the Democratic Republic of Congo (2019-)", 1, "unknown")]),
    ("ADF rebels killed 30 civilians in Beni territory.", "Democratic Republic of Congo",
     date(2021, 5, 1),
     [("ADF rebels", "ADF: Allied Democratic Forces", 2, "agent"),
      ("civilians", "Civilians (Democratic Republic of Congo)", 7, "patient")]),
    ("MONUSCO peacekeepers repelled a CODECO attack in Ituri.", "Democratic Republic of Congo",
     date(2020, 6, 1),
     [("MONUSCO peacekeepers",
       "MONUSCO: United Nations Organization Stabilization Mission in Democratic Republic of "
       "Congo (2010-)", 8, "agent"),
      ("CODECO", "CODECO: Cooperative for Development of Congo", 3, "patient")]),
    ("JNIM militants attacked a FAMa post in Mopti.", "Mali", date(2022, 2, 1),
     [("JNIM militants", "JNIM: Group for Support of Islam and Muslims", 2, "agent"),
      ("FAMa", "Military Forces of Mali (2021-)", 1, "patient")]),
    ("Malian soldiers killed villagers in Moura.", "Mali", date(2022, 3, 27),
     [("Malian soldiers", "Military Forces of Mali (2021-)", 1, "agent"),
      ("villagers", "Civilians (Mali)", 7, "patient")]),
    ("Wagner mercenaries detained traders at the market.", "Mali", date(2022, 3, 27),
     [("Wagner mercenaries", "Wagner Group", 8, "agent"),
      ("traders", "Civilians (Mali)", 7, "patient")]),
    ("Islamic State militants ambushed Nigerien soldiers near Tillaberi.", "Niger",
     date(2020, 1, 9),
     [("Islamic State militants", "Islamic State (Greater Sahara)", 2, "agent"),
      ("Nigerien soldiers", "Military Forces of Niger (2011-2021)", 1, "patient")]),
    ("Islamic State militants ambushed Nigerien soldiers near Tillaberi.", "Niger",
     date(2023, 9, 1),
     [("Islamic State militants", "Islamic State Sahel Province", 2, "agent"),
      ("Nigerien soldiers", "Military Forces of Niger (2023-)", 1, "patient")]),
    ("Students protesting fee increases marched to parliament.", "Uganda", date(2021, 2, 1),
     [("Students", "Protesters (Uganda)", 6, "agent")]),
    ("Police fired tear gas at teachers demonstrating over pay.", "Uganda", date(2021, 2, 1),
     [("Police", "Police Forces of Uganda (1986-)", 1, "agent"),
      ("teachers", "Protesters (Uganda)", 6, "patient")]),
    ("A mob lynched a suspected thief in Kampala.", "Uganda", date(2021, 2, 1),
     [("mob", "Rioters (Uganda)", 5, "agent")]),
    ("Gunmen abducted a journalist in Culiacan.", "Mexico", date(2021, 2, 1),
     [("Gunmen", "Unidentified Armed Group (Mexico)", 3, "agent"),
      ("journalist", "Civilians (Mexico)", 7, "patient")]),
    ("CJNG gunmen clashed with Sinaloa Cartel members in Zacatecas.", "Mexico",
     date(2021, 2, 1),
     [("CJNG gunmen", "CJNG: Jalisco New Generation Cartel", 3, "agent"),
      ("Sinaloa Cartel members", "Sinaloa Cartel", 3, "unknown")]),
    ("RSF fighters looted the market in El Fasher.", "Sudan", date(2023, 6, 1),
     [("RSF fighters", "RSF: Rapid Support Forces", 2, "agent")]),
    ("RSF fighters looted the market in El Fasher.", "Sudan", date(2021, 6, 1),
     [("RSF fighters", "Military Forces of Sudan (2019-) Rapid Support Forces", 1, "agent")]),
    ("Tigrayan forces clashed with the ENDF in Raya.", "Ethiopia", date(2021, 7, 1),
     [("Tigrayan forces", "TPLF: Tigray People's Liberation Front", 2, "agent"),
      ("ENDF", "Military Forces of Ethiopia (2018-)", 1, "unknown")]),
    ("Eritrean troops killed civilians in Axum.", "Ethiopia", date(2020, 11, 28),
     [("Eritrean troops", "Military Forces of Eritrea (1993-)", 8, "agent"),
      ("civilians", "Civilians (Ethiopia)", 7, "patient")]),
    ("Malian troops attacked jihadists near Gao.", None, date(2022, 6, 1),
     [("Malian troops", "Military Forces of Mali (2021-)", 1, "agent")]),
    # the state named after a generic phrase, in another state's event: External forces [§5]
    ("Military forces of Armenia shelled a village.", "Azerbaijan", date(2020, 5, 2),
     [("Military forces of Armenia", "Military Forces of Armenia (2018-)", 8, "agent")]),
    ("Government security forces repelled the attack.", "Somalia", date(2023, 5, 2),
     [("Government security forces", "Military Forces of Somalia (2022-)", 1, "agent")]),
    ("Pro-Houthi forces shelled the city.", "Yemen", date(2020, 5, 2),
     [("Pro-Houthi forces", SPC, 1, "agent")]),
    ("The rebels fired mortars at the governmental positions.", "Ukraine", date(2020, 5, 2),
     [("governmental positions", "Military Forces of Ukraine (2019-)", 1, "patient")]),
]


class TestFindActors:
    @pytest.mark.parametrize(("sentence", "country", "on", "expected"), CASES)
    def test_names_inter_and_role(
        self, dictionary: ActorDictionary, sentence: str, country: str | None, on: date,
        expected: list[tuple[str, str, int, str]],
    ) -> None:
        """Each expected surface text is found with ACLED's name, inter code and role."""
        found = _by_surface(sentence, find_actors(sentence, dictionary, country, on))
        for surface, actor, inter, role in expected:
            assert surface in found, f"{surface!r} not found in {sorted(found)}"
            mention = found[surface]
            assert (mention.actor, mention.inter, mention.role_hint) == (actor, inter, role)
            assert 0 < mention.confidence <= 1

    def test_spans_point_into_the_sentence(self, dictionary: ActorDictionary) -> None:
        """A span is (start, end) into the sentence and mentions come in sentence order."""
        sentence = "Gunmen killed two villagers before soldiers arrived."
        mentions = find_actors(sentence, dictionary, "Kenya", date(2023, 1, 1))
        assert [sentence[s:e] for s, e in (m.span for m in mentions)] == \
            ["Gunmen", "villagers", "soldiers"]

    def test_identity_label_is_an_associated_actor(self, dictionary: ActorDictionary) -> None:
        """"teachers" gives the main actor and a Teachers (Country) label flagged assoc."""
        sentence = "Gunmen abducted three teachers in Kaduna."
        mentions = find_actors(sentence, dictionary, "Nigeria", date(2021, 6, 1))
        labels = [m for m in mentions if m.assoc_label]
        main = [m.actor for m in mentions if not m.assoc_label]
        assert [m.actor for m in labels] == ["Teachers (Nigeria)"]
        assert "Civilians (Nigeria)" in main
        assert labels[0].span == next(m.span for m in mentions if m.actor == "Civilians (Nigeria)")

    @pytest.mark.parametrize(("on", "label"), [
        (date(2020, 5, 1), "Labour Group (India)"),  # pre-2023 exports spell it so
        (date(2024, 5, 1), "Labor Group (India)"),
    ])
    def test_labour_label_follows_acled_spelling_of_the_period(
        self, dictionary: ActorDictionary, on: date, label: str
    ) -> None:
        sentence = "Workers protested outside the factory in Chennai."
        mentions = find_actors(sentence, dictionary, "India", on)
        assert [m.actor for m in mentions if m.assoc_label] == [label]
        assert mentions[0].actor == "Protesters (India)"

    def test_acronyms_are_case_sensitive(self, dictionary: ActorDictionary) -> None:
        """"IS" names the Islamic State; the verb "is" does not."""
        upper = find_actors("IS claimed the attack.", dictionary, "Iraq", date(2020, 1, 1))
        lower = find_actors("It is unclear who attacked.", dictionary, "Iraq", date(2020, 1, 1))
        assert [m.actor for m in upper] == ["Islamic State (Iraq)"]
        assert lower == []

    def test_spelling_variants_of_one_alias(self, dictionary: ActorDictionary) -> None:
        for text in ("al-Shabaab", "Al Shabaab", "Al-Shabaab", "al Shabaab"):
            mentions = find_actors(f"{text} attacked Baidoa.", dictionary, "Somalia",
                                   date(2020, 1, 1))
            assert [m.actor for m in mentions] == ["Al Shabaab"], text

    def test_generic_phrase_alias_stays_in_its_country(
        self, dictionary: ActorDictionary
    ) -> None:
        """"peacekeepers" is MINUSMA in Mali, MONUSCO in Congo, and no one in Kenya."""
        sentence = "Peacekeepers came under fire."
        mali = find_actors(sentence, dictionary, "Mali", date(2019, 1, 1))
        kenya = find_actors(sentence, dictionary, "Kenya", date(2019, 1, 1))
        assert [m.actor for m in mali] == [
            "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in "
            "Mali (2013-2023)"]
        assert kenya == []

    def test_mission_name_follows_the_year(self, dictionary: ActorDictionary) -> None:
        """AU troops in Somalia are AMISOM until 2022, AUSSOM from 2025 (first/last_year)."""
        sentence = "AU troops repelled the attack."
        early = find_actors(sentence, dictionary, "Somalia", date(2020, 1, 1))
        late = find_actors(sentence, dictionary, "Somalia", date(2025, 6, 1))
        assert early[0].actor.startswith("AMISOM:")
        assert late[0].actor.startswith("AUSSOM:")

    def test_anti_prefix_is_not_the_actor(self, dictionary: ActorDictionary) -> None:
        sentence = "Residents joined an anti-Houthi march."
        found = find_actors(sentence, dictionary, "Yemen", date(2020, 1, 1))
        assert [m.actor for m in found] == ["Civilians (Yemen)"]

    def test_modifier_use_has_no_role_and_lower_confidence(
        self, dictionary: ActorDictionary
    ) -> None:
        sentence = "Supplies are blocked in a Taliban-controlled area."
        plain = find_actors("The Taliban attacked Kunduz.", dictionary, "Afghanistan",
                            date(2020, 1, 1))
        modifier = find_actors(sentence, dictionary, "Afghanistan", date(2020, 1, 1))
        assert modifier[0].role_hint == "unknown"
        assert modifier[0].confidence < plain[0].confidence

    def test_former_soldiers_are_not_the_state_forces(self, dictionary: ActorDictionary) -> None:
        sentence = "The NRF counts former government soldiers among its ranks."
        found = find_actors(sentence, dictionary, "Afghanistan", date(2021, 8, 24))
        assert [m.actor for m in found] == ["NRF: National Resistance Front"]

    def test_no_country_and_no_demonym_gives_no_generic_actor(
        self, dictionary: ActorDictionary
    ) -> None:
        assert find_actors("Gunmen killed two people.", dictionary, None, date(2021, 1, 1)) == []


class TestRegimes:
    @pytest.mark.parametrize(("on", "expected"), [
        (date(2021, 12, 31), "Military Forces of Kenya (2013-2022)"),
        (date(2022, 9, 12), "Military Forces of Kenya (2013-2022)"),
        (date(2022, 9, 13), "Military Forces of Kenya (2022-)"),
        (date(2024, 1, 1), "Military Forces of Kenya (2022-)"),
    ])
    def test_kenya_cut_over(self, dictionary: ActorDictionary, on: date, expected: str) -> None:
        """Ruto's regime starts on 13 September 2022; names carry years only (§6)."""
        assert dictionary.state_force("Kenya", "military", on) == expected

    @pytest.mark.parametrize(("kind", "expected"), [
        ("military", "Military Forces of the Philippines (2016-2022)"),
        ("police", "Police Forces of the Philippines (2016-2022)"),
        ("government", "Government of the Philippines (2016-2022)"),
    ])
    def test_kinds_and_the_article(
        self, dictionary: ActorDictionary, kind: str, expected: str
    ) -> None:
        assert dictionary.state_force("Philippines", kind, date(2020, 1, 1)) == expected

    def test_unknown_regime_leaves_years_off(self, dictionary: ActorDictionary) -> None:
        assert dictionary.state_force("Iceland", "police", date(2020, 1, 1)) == \
            "Police Forces of Iceland"

    def test_date_before_any_known_regime_leaves_years_off(
        self, dictionary: ActorDictionary
    ) -> None:
        assert dictionary.state_force("Kenya", "military", date(2005, 1, 1)) == \
            "Military Forces of Kenya"

    def test_bad_kind_is_refused(self, dictionary: ActorDictionary) -> None:
        with pytest.raises(ValueError, match="kind"):
            dictionary.state_force("Kenya", "navy", date(2020, 1, 1))

    @pytest.mark.parametrize(("on", "name", "inter"), [
        (date(2021, 8, 14), MIL_AFG_OLD, 2),
        (date(2021, 8, 15), MIL_AFG_OLD, 2),
        (date(2021, 8, 16), "Taliban", 1),
        (date(2023, 1, 1), "Taliban", 1),
    ])
    def test_taliban_become_state_forces_after_the_takeover_of_15_august_2021(
        self, dictionary: ActorDictionary, on: date, name: str, inter: int
    ) -> None:
        """Codebook §5 and §11 example 1: the Taliban are Afghanistan's state forces *after*
        the takeover; on 15 August they take Kabul as a rebel group (seeds/examples README)."""
        taliban = find_actors("Taliban fighters stormed the district.", dictionary,
                              "Afghanistan", on)
        assert (taliban[0].actor, taliban[0].inter) == ("Taliban", inter)
        army = find_actors("Afghan forces stormed the district.", dictionary, "Afghanistan", on)
        assert army[0].actor == name

    def test_state_forces_abroad_are_external(self, dictionary: ActorDictionary) -> None:
        """A state force outside its country is External/Other forces (inter 8, §5)."""
        home = find_actors("Kenyan troops patrolled Lamu.", dictionary, "Kenya", date(2020, 1, 1))
        away = find_actors("Kenyan troops patrolled Kismayo.", dictionary, "Somalia",
                           date(2020, 1, 1))
        assert (home[0].actor, home[0].inter) == ("Military Forces of Kenya (2013-2022)", 1)
        assert (away[0].actor, away[0].inter) == ("Military Forces of Kenya (2013-2022)", 8)


class TestLearning:
    def test_regime_learned_from_imported_names(self) -> None:
        """"Military Forces of Chad (2021-)" seen in imported data names Chad's forces."""
        bare = ActorDictionary.build([], [], {"Chad": "Chadian"})
        assert bare.state_force("Chad", "military", date(2022, 1, 1)) == "Military Forces of Chad"
        learned = bare.with_learned([
            ("Military Forces of Chad (2021-)", 1, "Chad", date(2021, 5, 2)),
        ])
        assert learned.state_force("Chad", "military", date(2022, 1, 1)) == \
            "Military Forces of Chad (2021-)"
        assert learned.state_force("Chad", "police", date(2022, 1, 1)) == \
            "Police Forces of Chad (2021-)"
        found = find_actors("Chadian soldiers clashed with rebels.", learned, "Chad",
                            date(2022, 1, 1))
        assert found[0].actor == "Military Forces of Chad (2021-)"

    def test_learned_cut_over_is_the_first_day_seen(self) -> None:
        bare = ActorDictionary.build([], [], {"Kenya": "Kenyan"})
        learned = bare.with_learned([
            ("Military Forces of Kenya (2013-2022)", 1, "Kenya", date(2022, 8, 1)),
            ("Military Forces of Kenya (2022-)", 1, "Kenya", date(2022, 10, 2)),
            ("Military Forces of Kenya (2022-)", 1, "Kenya", date(2022, 9, 20)),
        ])
        assert learned.state_force("Kenya", "military", date(2022, 9, 1)) == \
            "Military Forces of Kenya (2013-2022)"
        assert learned.state_force("Kenya", "military", date(2022, 9, 20)) == \
            "Military Forces of Kenya (2022-)"

    def test_imported_years_override_the_seeds(self, dictionary: ActorDictionary) -> None:
        """If the data names the post-2021 forces "(2021-)", the Taliban take that name."""
        learned = dictionary.with_learned([
            ("Military Forces of Afghanistan (2021-)", 1, "Afghanistan", date(2022, 3, 1)),
        ])
        on = date(2022, 3, 1)
        assert learned.state_force("Afghanistan", "military", on) == \
            "Military Forces of Afghanistan (2021-)"
        taliban = find_actors("Taliban fighters raided a house.", learned, "Afghanistan", on)
        assert (taliban[0].actor, taliban[0].inter) == ("Military Forces of Afghanistan (2021-)", 1)
        # The seeds themselves are untouched: with_learned returns a new dictionary.
        assert dictionary.state_force("Afghanistan", "military", on) == "Taliban"

    def test_alias_learned_from_an_imported_actor(self, dictionary: ActorDictionary) -> None:
        """A new "ACRONYM: Full Name" actor is found by its acronym and its full name."""
        name = "KLM: Kivu Liberation Movement"  # invented for the test
        sentence = "KLM fighters attacked Rutshuru; the Kivu Liberation Movement denied it."
        country, on = "Democratic Republic of Congo", date(2024, 2, 1)
        assert all(m.actor != name for m in find_actors(sentence, dictionary, country, on))
        learned = dictionary.with_learned([(name, 2, country, on)])
        found = _by_surface(sentence, find_actors(sentence, learned, country, on))
        assert (found["KLM fighters"].actor, found["KLM fighters"].inter) == (name, 2)
        assert found["Kivu Liberation Movement"].actor == name

    def test_unit_learned_from_an_imported_state_force(self) -> None:
        name = "Military Forces of Somalia (2022-) Galgaduud Brigade"  # invented unit
        learned = ActorDictionary.build([], [], {"Somalia": "Somali"}).with_learned(
            [(name, 1, "Somalia", date(2023, 1, 1))])
        found = find_actors("The Galgaduud Brigade repelled the attack.", learned, "Somalia",
                            date(2023, 5, 1))
        assert [(m.actor, m.inter) for m in found] == [(name, 1)]

    def test_seed_actor_keeps_its_inter_code(self, dictionary: ActorDictionary) -> None:
        learned = dictionary.with_learned([("Al Shabaab", 8, "Kenya", date(2020, 1, 1))])
        found = find_actors("Al Shabaab attacked Mandera.", learned, "Kenya", date(2020, 1, 1))
        assert found[0].inter == 2


@pytest.mark.parametrize(("name", "aliases"), [
    ("NRF: National Resistance Front", ("NRF", "National Resistance Front")),
    ("Tiv Ethnic Militia (Nigeria)", ("Tiv Ethnic Militia", "Tiv militia")),
    ("Islamic State (Afghanistan)", ("Islamic State",)),
    ("UNMISS: United Nations Mission in South Sudan (2011-)",
     ("UNMISS", "United Nations Mission in South Sudan")),
    ("Military Forces of Somalia (2022-) Puntland Dervish Force", ("Puntland Dervish Force",)),
    ("Military Forces of Kenya (2022-)", ()),
    ("Civilians (Kenya)", ()),
    ("Unidentified Armed Group (Mali)", ()),
    ("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)", ()),
    ("Taliban", ("Taliban",)),
    ("Militia (Pro-Government)", ()),
])
def test_aliases_implied_by_a_name(name: str, aliases: tuple[str, ...]) -> None:
    assert aliases_for_name(name) == aliases


@pytest.mark.parametrize(("observed", "expected"), [
    ([("Military Forces of Chad (2021-)", date(2022, 1, 1))], [Regime("Chad", 2021, None)]),
    ([("Police Forces of Chad (2021-)", date(2021, 4, 25)),
      ("Military Forces of Chad (2021-)", date(2021, 6, 1))],
     [Regime("Chad", 2021, None, date(2021, 4, 25))]),
    ([("Military Forces of Afghanistan (2014-)", date(2020, 1, 1)),
      ("Military Forces of Afghanistan (2014-2021)", None)],
     [Regime("Afghanistan", 2014, 2021)]),
    ([("Military Forces of the Philippines (2016-)", None)], [Regime("Philippines", 2016, None)]),
    # A unit's name says nothing about successive regimes (Libya's rival governments).
    ([("Military Forces of Libya (2014-) Haftar Faction", date(2020, 1, 1))], []),
    ([("Taliban", date(2022, 1, 1)), ("Civilians (Chad)", None)], []),
])
def test_derive_regimes(
    observed: list[tuple[str, date | None]], expected: list[Regime]
) -> None:
    assert list(derive_regimes(observed)) == expected


@pytest.mark.parametrize(("inter1", "inter2", "code"), [(1, 7, 17), (7, 1, 17), (6, None, 60),
                                                        (2, 1, 12), (8, 8, 88)])
def test_interaction_smaller_code_first(inter1: int, inter2: int | None, code: int) -> None:
    """Codebook §5: both codes, smaller first; a one-sided event is X0."""
    assert interaction(inter1, inter2) == code


class TestSeeds:
    def test_actor_rows_are_valid(self, seed_actors: list[Actor]) -> None:
        assert len(seed_actors) >= 200
        keys = Counter((a.name, a.country) for a in seed_actors)
        assert [k for k, n in keys.items() if n > 1] == []
        for actor in seed_actors:
            assert 1 <= actor.inter <= 8, actor.name
            assert actor.aliases, actor.name
            if actor.first_year and actor.last_year:
                assert actor.first_year <= actor.last_year, actor.name

    def test_regimes_do_not_overlap(self, seed_regimes: list[Regime]) -> None:
        by_state: dict[str, list[Regime]] = {}
        for regime in seed_regimes:
            by_state.setdefault(regime.country, []).append(regime)
        assert len(by_state) >= 60
        for state, regimes in by_state.items():
            ordered = sorted(regimes, key=lambda r: r.effective_start)
            for earlier, later in pairwise(ordered):
                assert earlier.end_year is not None, state
                # A regime ends in its successor's first year, or the year before when the
                # successor took over on 1 January (Brazil 2019-2022, then 2023-).
                assert later.start_year in (earlier.end_year, earlier.end_year + 1), state

    def test_state_actors_are_dictionary_actors(
        self, seed_actors: list[Actor], seed_regimes: list[Regime]
    ) -> None:
        names = {a.name for a in seed_actors}
        assert {r.state_actor for r in seed_regimes if r.state_actor} <= names

    def test_bad_rows_name_the_row(self) -> None:
        with pytest.raises(ValueError, match="row 3"):
            parse_actor_rows([{"actor": "A", "inter": "2", "aliases": "A"},
                              {"actor": "B", "inter": "9", "aliases": "B"}])
        with pytest.raises(ValueError, match="row 2"):
            parse_regime_rows([{"country": "Kenya", "start_year": "2022", "end_year": "2013"}])


def _dev_rows() -> list[dict[str, str]]:
    """Rows of the development split (event number not divisible by 4) of both samples."""
    rows: list[dict[str, str]] = []
    for name in ("acled-sample.csv", "acled-sample-2023.csv"):
        path = DATA / name
        if not path.is_file():
            pytest.skip(f"{path} not found: ACLED samples are not shipped with the project")
        with path.open(encoding="utf-8", newline="") as handle:
            rows += [r for r in csv.DictReader(handle)
                     if int(re.sub(r"\D", "", r["event_id_cnty"])) % 4]
    return rows


_GENERIC = re.compile(r"^(?:Protesters|Rioters|Civilians|Unidentified|Military Forces|"
                      r"Police Forces|Government of|Private Security)|\([A-Z][a-z ]+\)$")


def test_frequent_named_actors_of_real_data_are_spelled_as_acled(
    seed_actors: list[Actor],
) -> None:
    """Every named actor seen 10+ times in the dev split is a dictionary name, verbatim."""
    counts = Counter(r[k] for r in _dev_rows() for k in ("actor1", "actor2") if r[k])
    frequent = [n for n, c in counts.items() if c >= 10 and not _GENERIC.search(n)]
    assert frequent
    assert sorted(set(frequent) - {a.name for a in seed_actors}) == []


def test_seed_regimes_agree_with_real_state_force_names(dictionary: ActorDictionary) -> None:
    """A state force's start year in real rows is the seed regime's on the event date."""
    pattern = re.compile(r"^(?:Military|Police) Forces of (?:the )?(.+?) \((\d{4})-\d*\)$")
    checked = 0
    for row in _dev_rows():
        for key in ("actor1", "actor2"):
            found = pattern.match(row[key])
            if found is None or not dictionary.regimes(found[1]):
                continue
            text = row["event_date"]
            on = date.fromisoformat(text) if re.match(r"\d{4}-", text) else _parse_dmy(text)
            regime = dictionary.regime_on(found[1], on)
            assert regime is not None and regime.start_year == int(found[2]), (row[key], on)
            checked += 1
    assert checked > 100


def _parse_dmy(text: str) -> date:
    """'9-May-20' as re-saved by a spreadsheet (data README)."""
    day, month, year = text.split("-")
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return date(2000 + int(year), months.index(month) + 1, int(day))
