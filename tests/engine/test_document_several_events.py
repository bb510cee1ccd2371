"""Several events in one sentence: a list of places makes one event per place.

Codebook §10: an event is one place and one day, so "in A, B and C" makes three events,
and §8 splits the toll over them. A list of provinces ("in A, B and C provinces") is such
a list too; a list whose names are the ends of one place ("the road between A and B") is
not. Sentences are our own; names starting "Qxz" are made up, so no gazetteer knows them.
"""

from __future__ import annotations

from datetime import date

import pytest

from coder.engine.document import suggest_document
from coder.engine.gazetteer import Place
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta, Knowledge, event_places
from coder.engine.places import PlaceEvidence

# Made-up places: name -> (province, kind). Qxzton and Qxzburg lie in Qxzland.
_PLACES = {
    "Qxzton": ("Qxzland", "place"),
    "Qxzburg": ("Qxzland", "place"),
    "Qxzville": ("Qxzmark", "place"),
    "Qxzdorf": ("Qxzshire", "place"),
    "Qxzland": ("Qxzland", "admin1"),
    "Qxzmark": ("Qxzmark", "admin1"),
    "Qxzshire": ("Qxzshire", "admin1"),
}


def _evidence(sentence: str, name: str, after: int = 0) -> PlaceEvidence:
    admin1, kind = _PLACES[name]
    start = sentence.index(name, after)
    place = Place(name, "Yemen", admin1, None, None, 0.0, 0.0, 0, kind)
    return PlaceEvidence(place, 1 if kind == "place" else 3, (start, start + len(name)), 0.9)


def _listed(sentence: str, names: list[str]) -> list[str]:
    """The places `event_places` keeps when the place step found `names`, in order."""
    places: list[PlaceEvidence] = []
    for name in names:
        after = places[-1].span[1] if places else 0
        places.append(_evidence(sentence, name, after))
    cue = (0, sentence.index(" ") if " " in sentence else 0)
    return [p.place.location for p in event_places(sentence, places, cue)]


@pytest.mark.parametrize(
    ("sentence", "found", "expected"),
    [
        # Each listed place located in brackets, as ACLED notes write them.
        pytest.param("Shelling hit the Qxzton (Qxzland) and Qxzville (Qxzmark) fronts.",
                     ["Qxzton", "Qxzville"], ["Qxzton", "Qxzville"], id="bracketed-pair"),
        pytest.param("Shelling hit Qxzton (Qxzdistrict, Qxzland), Qxzville (Qxzmark) and "
                     "Qxzdorf [Qxzshire].", ["Qxzton", "Qxzville", "Qxzdorf"],
                     ["Qxzton", "Qxzville", "Qxzdorf"], id="bracketed-three"),
        # An unknown village located by a known district: the district stands for it.
        pytest.param("Shelling hit Qxzfarm (Qxzton, Qxzland) and Qxzville (Qxzmark).",
                     ["Qxzton", "Qxzville"], ["Qxzton", "Qxzville"], id="district-in-bracket"),
        # Provinces listed together are places of events, not areas that locate a town.
        pytest.param("Raids took place in Qxzton, Qxzmark and Qxzshire provinces.",
                     ["Qxzton", "Qxzmark", "Qxzshire"], ["Qxzton", "Qxzmark", "Qxzshire"],
                     id="province-list"),
        pytest.param("Raids took place in Qxzmark and Qxzshire.",
                     ["Qxzmark", "Qxzshire"], ["Qxzmark", "Qxzshire"], id="two-provinces"),
        # A province after a town of its own only says where the town lies.
        pytest.param("Raids took place in Qxzton and across Qxzland.",
                     ["Qxzton", "Qxzland"], ["Qxzton"], id="own-province-not-listed"),
        # The ends of one road or border: one place, not a list.
        pytest.param("Gunmen ambushed a bus on the road between Qxzton and Qxzville.",
                     ["Qxzton", "Qxzville"], None, id="road-between"),
        pytest.param("A convoy was attacked on the highway linking Qxzton and Qxzmark province.",
                     ["Qxzton", "Qxzmark"], None, id="road-linking"),
        pytest.param("Farmers protested at the border between Qxzmark and Qxzshire provinces.",
                     ["Qxzmark", "Qxzshire"], None, id="border-between-provinces"),
        pytest.param("Gunmen ambushed a bus between the towns of Qxzton and Qxzville.",
                     ["Qxzton", "Qxzville"], None, id="between-the-towns-of"),
    ],
)
def test_listed_places_are_the_events_places(sentence: str, found: list[str],
                                             expected: list[str] | None) -> None:
    chosen = _listed(sentence, found)
    if expected is None:
        # one event at one of the two ends
        assert len(chosen) == 1 and chosen[0] in found
    else:
        assert chosen == expected


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(None)


# (country, sentence, expected (location, admin1, fatalities) per event). Provincial
# events are coded at the province's capital (codebook §7); §8 splits the toll evenly.
SENTENCES: list[tuple[str, str, list[tuple[str, str, int]]]] = [
    ("Afghanistan", "On 12 June 2021, security forces killed 6 Taliban fighters in "
     "operations in Herat, Farah and Badghis provinces.",
     [("Herat", "Herat", 2), ("Farah", "Farah", 2), ("Qala-e-Naw", "Badghis", 2)]),
    ("Yemen", "On 14 June 2021, Houthi forces shelled the Hays (Hays, Al Hudaydah) and "
     "Nihm (Nihm, Sanaa) fronts.",
     [("Hays", "Al Hudaydah", 0), ("Nihm", "Sanaa", 0)]),
]


@pytest.mark.parametrize(("country", "sentence", "expected"), SENTENCES)
def test_sentence_listing_places_makes_one_event_per_place(
        knowledge: Knowledge, country: str, sentence: str,
        expected: list[tuple[str, str, int]]) -> None:
    meta = DocumentMeta(published=date(2021, 6, 15), country=country)
    [events] = suggest_document([sentence], meta, knowledge)
    assert [(s.event.location, s.event.admin1, s.event.fatalities) for s in events] == expected


@pytest.mark.parametrize(
    ("country", "sentence"),
    [
        ("Afghanistan", "On 12 June 2021, Taliban fighters attacked a police convoy on the "
         "highway between Herat and Farah, killing 2 policemen."),
        ("Afghanistan", "On 12 June 2021, Taliban fighters attacked a police post on the road "
         "linking Kandahar and Helmand province."),
        ("Mexico", "On 3 May 2021, farmers protested at the border between Sonora and "
         "Chihuahua states."),
    ],
)
def test_ends_of_one_place_make_one_event(knowledge: Knowledge, country: str,
                                          sentence: str) -> None:
    meta = DocumentMeta(published=date(2021, 6, 15), country=country)
    [events] = suggest_document([sentence], meta, knowledge)
    assert len(events) == 1
