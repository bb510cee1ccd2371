"""Country of a document without metadata: a place named with the unit it lies in.

Sentences are ours. Codebook §2: the country is where the event happened; reports place an
event by its units ("town (district, province)"). A town and a province that each share
their names with places abroad seldom nest in each other in more than one country, so the
pair names the country where each name alone would name its most populous namesake's. A
bracket's last unit may be an abbreviated province ("J&K", "TS"); a particle joins a longer
name ("Concepcion de Oriente"), whose words are no towns. A state's forces named by their
own name ("UPDF") vote a little for their state, more than a nationality ("Ugandan
soldiers"). With the document's country given, the metadata wins (contracts: metadata
first, text second).
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.document import country_votes, document_country, suggest_document
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge

ON = date(2020, 5, 1)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


# (sentence, the country of the place and the unit it is named with)
NESTED: list[tuple[str, str]] = [
    # Dowa is a district of Malawi's Central Region; a larger Dowa lies in China.
    ("Party members beat election monitors in Dowa (Central).", "Malawi"),
    # Carvajal lies in Venezuela's Trujillo state; Peru's Trujillo is a larger city, and
    # Mexico has a Carvajal too.
    ("Residents protested in Carvajal, Trujillo state, demanding water.", "Venezuela"),
    # The town of Colon lies in Panama's Colon province; Honduras' Colon is a department.
    ("Inhabitants protested in Colon (Colon) demanding relief.", "Panama"),
    # Arnissa lies in Greece's Pella regional unit; Pella is also a larger Russian town.
    ("Rioters set fires in Arnissa of Pella and blocked the road.", "Greece"),
    # "J&K" is Jammu and Kashmir, India; Naushera is also the name of a Pakistani town.
    ("Shells hit houses in Naushera sector (Rajouri district, J&K).", "India"),
    # Islamabad city lies in Pakistan's capital territory; "FCT" alone is Nigeria's.
    ("Journalists protested outside the press club in Islamabad city (Islamabad, FCT).",
     "Pakistan"),
]


@pytest.mark.parametrize(("sentence", "country"), NESTED)
def test_a_place_named_with_its_unit_names_the_country(
        knowledge: Knowledge, sentence: str, country: str) -> None:
    assert document_country([sentence], knowledge, ON) == country


def test_the_pair_counts_only_when_the_second_name_is_the_unit(knowledge: Knowledge) -> None:
    nested = country_votes(["Monitors were beaten in Dowa (Central)."], knowledge, ON)
    apart = country_votes(["Monitors were beaten in Dowa by Central committee members."],
                          knowledge, ON)
    assert nested["Malawi"] > apart.get("Malawi", 0.0)


def test_a_bracket_closing_with_an_abbreviated_province_votes_for_it(
        knowledge: Knowledge) -> None:
    # "TS" abbreviates Telangana, a state of India.
    abbreviated = country_votes(["Farmers protested in Warangal city (Warangal, TS)."],
                                knowledge, ON)
    bare = country_votes(["Farmers protested in Warangal city (Warangal)."], knowledge, ON)
    assert abbreviated["India"] > bare["India"]


def test_a_bracket_closing_with_a_groups_acronym_names_no_province(
        knowledge: Knowledge) -> None:
    with_group = country_votes(["Farmers protested in Warangal city (Warangal, ABCD)."],
                               knowledge, ON)
    bare = country_votes(["Farmers protested in Warangal city (Warangal)."], knowledge, ON)
    assert with_group == bare


def test_a_word_of_a_longer_name_nests_in_nothing(knowledge: Knowledge) -> None:
    """"Colon" of "Puerto de Colon" is no town of its own that lies in Colon province."""
    alone = country_votes(["A body was found in Colon (Colon)."], knowledge, ON)
    inside = country_votes(["A body was found in Puerto de Colon (Colon)."], knowledge, ON)
    assert alone["Panama"] > inside["Panama"] > 0


def test_a_states_forces_by_their_own_name_vote_for_it(knowledge: Knowledge) -> None:
    own = country_votes(["A mob threatened a UPDF soldier at the market."], knowledge, ON)
    nationality = country_votes(["A mob threatened a Ugandan soldier at the market."],
                                knowledge, ON)
    place = country_votes(["A mob threatened a soldier in Uganda."], knowledge, ON)
    assert place["Uganda"] > own["Uganda"] > nationality["Uganda"] > 0


def test_villages_of_unknown_population_weigh_alike(knowledge: Knowledge) -> None:
    """A village GeoNames gives no population is as likely as a tiny namesake abroad: the
    name told as a place outweighs a first name before a surname."""
    assert document_country(
        ["Protesters gathered outside the house of Elie Ferzli in Joubb Jannine."],
        knowledge, ON) == "Lebanon"


def test_the_documents_country_wins_over_the_text(knowledge: Knowledge) -> None:
    sentences = ["On 9 May 2020, residents protested in Carvajal, Trujillo state, "
                 "demanding the distribution of water."]
    given = suggest_document(sentences, DocumentMeta(published=date(2020, 5, 9),
                                                     country="Mexico"), knowledge)
    read = suggest_document(sentences, DocumentMeta(published=date(2020, 5, 9)), knowledge)
    assert [s.event.country for s in given[0]] == ["Mexico"]
    assert [s.event.country for s in read[0]] == ["Venezuela"]
