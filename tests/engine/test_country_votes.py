"""Country of a document without metadata: how `document_country` weighs names.

Sentences are ours. Codebook §2: the country is where the event happened. A group's name
that its branches in several countries share tells no country; a three-letter name one
group alone bears tells its home; a nationality followed by what stays at home (residents,
their land, the police) says where more than one followed by forces; a name GeoNames spells
otherwise names its country when nothing else points anywhere, and confirms one of the
countries the other words point at; a province closing a place's units is seldom shared.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.document import country_votes, document_country
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import Knowledge

ON = date(2020, 5, 1)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


# (sentences, the country the events happened in; None: nothing in the text says)
DOCUMENTS: list[tuple[list[str], str | None]] = [
    # "IS" is borne by the Islamic State's branches in many countries: no vote.
    (["IS militants attacked an army post and wounded a soldier."], None),
    # Only the Syrian Democratic Forces are called QSD.
    (["QSD fighters arrested two men during a raid."], "Syria"),
    # Residents and the police stay at home; foreign forces and refugees travel.
    (["Israeli forces detained Palestinian residents during a night raid."], "Palestine"),
    (["Kazakh troops and Kyrgyz police clashed at the border post."], "Kyrgyzstan"),
    # A town GeoNames spells "Al Qamishli": no other word points anywhere.
    (["Gunmen threw a grenade at a house in Quamishli city."], "Syria"),
    # Two nationalities tie; the unknown name is another spelling of a town in one of them.
    (["Iraqis and Syrians joined a protest in Quamishli city."], "Syria"),
    # Nothing told as a place, no country: no guess from a capitalised word.
    (["Protesters gathered outside the Ministry and chanted slogans."], None),
]


@pytest.mark.parametrize(("sentences", "country"), DOCUMENTS)
def test_document_country(knowledge: Knowledge, sentences: list[str],
                          country: str | None) -> None:
    assert document_country(sentences, knowledge, ON) == country


@pytest.mark.parametrize(("backed", "country"), [
    ("A Turkey backed faction shelled the checkpoint.", "Turkey"),
    ("Iran supported militias fired rockets at the base.", "Iran"),
])
def test_backing_state_without_hyphen(knowledge: Knowledge, backed: str, country: str) -> None:
    """"Turkey backed", as "Turkey-backed", is a state acting abroad: it counts less than
    the country named plainly."""
    where = f"{country} said militias shelled the checkpoint."
    assert 0 < country_votes([backed], knowledge, ON)[country] < country_votes(
        [where], knowledge, ON)[country]


def test_home_nationality_outweighs_forces(knowledge: Knowledge) -> None:
    """A nationality of residents counts more than the same one of soldiers."""
    residents = country_votes(["Soldiers detained Syrian residents."], knowledge, ON)
    forces = country_votes(["Syrian soldiers detained residents."], knowledge, ON)
    assert residents["Syria"] > forces["Syria"]


@pytest.mark.parametrize("province", ["Bari", "Mudug"])
def test_closing_province_is_not_shared(knowledge: Knowledge, province: str) -> None:
    """A province closing a place's units ("X village, Bari") is that province, though towns
    in other countries bear the name (Bari, Italy): it votes as much as a province no town
    elsewhere shares (Mudug), the codebook's admin1 of the event."""
    sentence = f"Police clashed with militiamen in Carmo village, {province}."
    votes = country_votes([sentence], knowledge, ON)
    assert votes["Somalia"] == pytest.approx(max(votes.values()))
    assert votes["Somalia"] == pytest.approx(
        country_votes(["Police clashed with militiamen in Carmo village, Mudug."],
                      knowledge, ON)["Somalia"])
