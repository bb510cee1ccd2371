"""Places given as examples, or as where a movement went, are no list of events.

Codebook §10: an event is one place; "in A, B and C" lists the places of three events. A list
introduced by "such as" or "like" ("in municipalities like A, B and C") only illustrates the
area where one activity happened, so it gives one event, at the first place named. Provinces
a movement went to ("their arrival to A and B states") are context, like "fled to Kabul", not
places of events. Sentences are our own; names starting "Qxz" are made up.
"""

from __future__ import annotations

import pytest

from coder.engine.gazetteer import Place
from coder.engine.pipeline import event_places
from coder.engine.places import PlaceEvidence


def _found(sentence: str, names: list[str], kind: str = "place") -> list[PlaceEvidence]:
    """Place evidence for made-up towns of one province (or made-up provinces, each its own
    admin1, with `kind` "admin1"), in sentence order."""
    places: list[PlaceEvidence] = []
    for name in names:
        start = sentence.index(name, places[-1].span[1] if places else 0)
        admin1 = name if kind == "admin1" else "Qxzland"
        place = Place(name, "Mexico", admin1, None, None, 0.0, 0.0, 0, kind)
        places.append(PlaceEvidence(place, 1 if kind == "place" else 3,
                                    (start, start + len(name)), 0.9))
    return places


@pytest.mark.parametrize(
    ("sentence", "names", "expected"),
    [
        pytest.param("In towns of the north like Qxzton, Qxzburg and Qxzville, a gang handed "
                     "out food.", ["Qxzton", "Qxzburg", "Qxzville"], ["Qxzton"], id="like"),
        pytest.param("Gangs handed out food in several towns, such as Qxzton and Qxzburg.",
                     ["Qxzton", "Qxzburg"], ["Qxzton"], id="such-as"),
        pytest.param("Gangs handed out food in towns such as the Qxzton and Qxzburg areas.",
                     ["Qxzton", "Qxzburg"], ["Qxzton"], id="such-as-the"),
        # the same list without an example word names the places of three events
        pytest.param("Gangs handed out food in Qxzton, Qxzburg and Qxzville.",
                     ["Qxzton", "Qxzburg", "Qxzville"], ["Qxzton", "Qxzburg", "Qxzville"],
                     id="plain-list"),
        # "like" far before the list says nothing of it
        pytest.param("Like last year, gangs handed out food in Qxzton and Qxzburg.",
                     ["Qxzton", "Qxzburg"], ["Qxzton", "Qxzburg"], id="like-elsewhere"),
    ],
)
def test_places_given_as_examples_are_one_event(
    sentence: str, names: list[str], expected: list[str]
) -> None:
    """§10: a list of examples illustrates one area; a plain list is one event per place."""
    cue = (sentence.index("handed"), sentence.index("handed") + len("handed"))
    kept = event_places(sentence, _found(sentence, names), cue)
    assert [p.place.location for p in kept] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("Police arrested 2 men after the arrival of gunmen to Qxzmark and "
                     "Qxzshire states.", ["Qxzmark"], id="destination"),
        pytest.param("Police arrested 2 men in Qxzmark and Qxzshire states.",
                     ["Qxzmark", "Qxzshire"], id="listed-provinces"),
    ],
)
def test_provinces_a_movement_went_to_are_no_list_of_events(
    sentence: str, expected: list[str]
) -> None:
    """§10: provinces listed as where events happened are one event each; provinces named as
    a destination are context, and the first place named stands for the one event."""
    cue = (sentence.index("arrested"), sentence.index("arrested") + len("arrested"))
    kept = event_places(sentence, _found(sentence, ["Qxzmark", "Qxzshire"], "admin1"), cue)
    assert [p.place.location for p in kept] == expected
