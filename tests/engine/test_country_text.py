"""The country of a document without metadata, read from its text (document_country).

Sentences are ours. The rule (issue: country from metadata first, text second; codebook §2:
the country is where the event happened) is that places the text names outweigh a
nationality word, a country named as an origin or a target, and a currency.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.countries import load_countries
from coder.engine.actors import find_actors
from coder.engine.document import (
    country_votes,
    document_country,
    suggest_document,
)
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge
from coder.engine.places import country_mentions, place_names


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


# (sentences, the country the events happened in)
DOCUMENTS: list[tuple[list[str], str]] = [
    # A foreign force's nationality says who acts, the places where.
    (["On 8 May 2020, Turkish forces shelled regime positions near Saraqeb in Idlib."], "Syria"),
    (["Russian warplanes struck a market in Maarat al-Numan, Idlib province."], "Syria"),
    (["Saudi-led coalition airstrikes hit a house in Saada, killing three."], "Yemen"),
    # A country a protest is against is not where it is held.
    (["Hundreds protested in Mogadishu against Ethiopia's deal with Somaliland."], "Somalia"),
    # Victims' nationality: where they come from, not where it happened.
    (["Gunmen abducted two Chinese engineers near Kaduna."], "Nigeria"),
    # A place's admin1 unit decides between namesakes in several countries.
    (["On 7 May 2020, in Valparaiso, Zacatecas, armed men clashed."], "Mexico"),
    (["Residents blocked a road in San Juan de los Morros, Guarico state."], "Venezuela"),
    # A country's possessive before a part of it is a place ("Nigeria's Zamfara state"), and
    # the province beats a state named only as a nationality of the victims.
    (["Gunmen killed five Chinese miners in Nigeria's Zamfara state, police said."], "Nigeria"),
    # A capital that shares its name with small towns abroad is the capital.
    (["Thousands of people marched in Moscow against the new law."], "Russia"),
    # A country named where the event is beats a stray namesake.
    (["Police dispersed a protest in Lima, Peru, on Monday."], "Peru"),
    # The story's country, decided once: a later sentence naming no place keeps it.
    (["Al Shabaab fighters attacked a base in Afgooye.",
      "The militants later withdrew towards the forest."], "Somalia"),
]


@pytest.mark.parametrize(("sentences", "expected"), DOCUMENTS)
def test_document_country_is_where_the_places_are(
        knowledge: Knowledge, sentences: list[str], expected: str) -> None:
    assert document_country(sentences, knowledge, date(2020, 5, 9)) == expected


@pytest.mark.parametrize("sentence", [
    "Protesters denounced the rising US dollar exchange rate.",
    "Protesters gathered outside the US embassy.",
])
def test_a_currency_or_an_embassy_names_no_country(knowledge: Knowledge, sentence: str) -> None:
    assert document_country([sentence], knowledge) is None


def test_a_currency_is_no_country_mention(knowledge: Knowledge) -> None:
    sentence = "the high US dollar exchange rate angered residents of Zahle"
    assert [m.country for m in country_mentions(sentence, knowledge.gazetteer)] == []


def test_a_country_named_as_the_place_counts_more_than_as_an_origin(
        knowledge: Knowledge) -> None:
    at = country_votes(["Fighting broke out in Mali."], knowledge, date(2020, 1, 1))
    origin = country_votes(["Refugees arrived from Mali."], knowledge, date(2020, 1, 1))
    nationality = country_votes(["Malian refugees arrived."], knowledge, date(2020, 1, 1))
    assert at["Mali"] > origin["Mali"] > 0
    assert at["Mali"] > nationality["Mali"] > 0


def test_a_name_told_as_a_place_votes_more_than_a_capitalised_word(
        knowledge: Knowledge) -> None:
    told = country_votes(["Protesters gathered in Moscow."], knowledge, date(2020, 1, 1))
    word = country_votes(["Moscow protesters gathered."], knowledge, date(2020, 1, 1))
    assert told["Russia"] > word["Russia"] > 0


def test_a_one_country_group_votes_for_its_country(knowledge: Knowledge) -> None:
    # AMISOM, the African Union Mission in Somalia (2007-2022), served in Somalia only.
    sentence = "AMISOM troops patrolled the market."
    on = date(2020, 1, 1)
    named = [m.actor for m in find_actors(sentence, knowledge.actors, None, on)]
    assert [knowledge.actors.home_country(a) for a in named] == ["Somalia"]
    assert document_country([sentence], knowledge, on) == "Somalia"


def test_place_names_lists_every_namesake(knowledge: Knowledge) -> None:
    sentence = "Clashes were reported in Tripoli."
    found = place_names(sentence, knowledge.gazetteer)
    assert [sentence[n.span[0]:n.span[1]] for n in found] == ["Tripoli"]
    countries = {p.country for p in found[0].places}
    assert {"Libya", "Lebanon"} <= countries


def test_the_document_country_reaches_the_events(knowledge: Knowledge) -> None:
    found = suggest_document(
        ["On 8 May 2020, Turkish forces shelled positions near Saraqeb in Idlib."],
        DocumentMeta(published=date(2020, 5, 9)), knowledge)
    assert [s.event.country for row in found for s in row] == ["Syria"]


def test_metadata_country_comes_first(knowledge: Knowledge) -> None:
    found = suggest_document(
        ["On 8 May 2020, gunmen attacked a checkpoint in Tripoli."],
        DocumentMeta(published=date(2020, 5, 9), country="Lebanon"), knowledge)
    assert {s.event.country for row in found for s in row} == {"Lebanon"}


@pytest.mark.parametrize(("demonym", "country"), [
    ("Bulgarian", "Bulgaria"), ("Jamaican", "Jamaica"), ("Costa Rican", "Costa Rica"),
    ("Paraguayan", "Paraguay"), ("Dutch", "Netherlands"), ("Swiss", "Switzerland"),
])
def test_country_table_knows_demonyms(demonym: str, country: str) -> None:
    assert demonym in load_countries().by_name[country].demonyms


def test_every_demonym_of_the_table_is_a_nationality_and_no_name_is(
        knowledge: Knowledge) -> None:
    """The gazetteer reads nationality words from the country table itself."""
    table = load_countries().by_name.values()
    demonyms = {d for c in table for d in c.demonyms}
    names = {n for c in table for n in (c.country, *c.aliases)} - demonyms
    assert all(knowledge.gazetteer.is_demonym(d) for d in demonyms)
    assert [n for n in names if knowledge.gazetteer.is_demonym(n)] == []


@pytest.mark.parametrize(("words", "expected"), [
    ("Turkish", True), ("Malians", True), ("Costa Rican", True), ("Uzbek", True),
    ("Swiss", True), ("Turkey", False), ("DRC", False), ("Burma", False),
    ("Syrian Arab Republic", False),
])
def test_nationality(knowledge: Knowledge, words: str, expected: bool) -> None:
    assert knowledge.gazetteer.is_demonym(words) is expected
