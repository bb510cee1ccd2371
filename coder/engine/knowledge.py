"""The engine's only loader: seeds, the gazetteer cache and (coder.engine.taught) what the
store teaches.

Everything the suggestion steps look things up in is read here once, validated, and handed
on as one immutable `Knowledge`; the steps themselves do no I/O. What the team imports and
confirms (actor names, regimes, places) is added on top of the seeds, so suggestions grow
with the data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from coder.countries import load_countries
from coder.engine.actors import ActorDictionary, parse_actor_rows, parse_regime_rows
from coder.engine.gazetteer import (
    Place,
    cache_path,
    default_cache_dir,
    default_seed_dir,
    load_gazetteer,
    normalise,
)
from coder.engine.pipeline import Knowledge

if TYPE_CHECKING:
    from coder.store import Store


def _rows(name: str) -> list[dict[str, str]]:
    # Traversable.open() has no newline= (only Path.open does); csv needs newline="" to keep
    # line breaks inside quoted fields, so the text layer is built over the bytes here.
    raw = files("coder.seeds").joinpath(name).open("rb")
    with io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_actors() -> ActorDictionary:
    """The actor dictionary of the seeds alone."""
    countries = load_countries().by_name.values()
    return ActorDictionary.build(
        parse_actor_rows(_rows("actors.csv")),
        parse_regime_rows(_rows("regimes.csv")),
        {c.country: c.demonyms for c in countries if c.demonyms},
        {c.country: c.aliases for c in countries if c.aliases},
    )


def learned_places(
    rows: Iterable[tuple[str, str, str | None, str | None, str | None, float, float, int]],
) -> list[Place]:
    """Places of reference events as gazetteer entries; use count stands in for population."""
    return [
        Place(location, country, admin1, admin2, admin3, latitude, longitude, uses, "place",
              "event")
        for location, country, admin1, admin2, admin3, latitude, longitude, uses in rows
    ]


def learned_district_places(
    rows: Iterable[tuple[str, str, str | None, str, int]],
) -> dict[tuple[str, str], tuple[str, str | None, str]]:
    """(country, admin2 key) -> (location, admin1, admin2) of the place a team codes the
    district's precision-2 events at: its most used one, when no other is used as often.

    ``rows`` are (location, country, admin1, admin2, events) of reference events coded at
    precision 2 (coder.store.reference_district_places). The key is the admin2 name's lookup
    key (`normalise`), so a text's spelling of the district finds it. A tie says the team
    has no habit for that district (dev notes, fold by fold: a tie's pick was wrong as often
    as right), so the district is left out. One event is enough to stand for a district:
    requiring two lost as many right places as wrong ones (dev notes, fold by fold).
    """
    ranked: dict[tuple[str, str], list[tuple[int, tuple[str, str | None, str]]]] = {}
    for location, country, admin1, admin2, uses in rows:
        ranked.setdefault((country, normalise(admin2)), []).append(
            (uses, (location, admin1, admin2)))
    chosen = {}
    for key, places in ranked.items():
        places.sort(key=lambda p: -p[0])
        if len(places) == 1 or places[0][0] > places[1][0]:
            chosen[key] = places[0][1]
    return chosen


def load_knowledge(
    store: Store | None = None,
    cache_dir: Path | None = None,
    notify: Callable[[str], None] = lambda _message: None,
) -> Knowledge:
    """Seeds plus, when a store is given, what its reference events teach (coder.engine.taught).

    `notify` hears about slow one-off work (the first build of the place index).
    """
    directory = cache_dir or default_cache_dir()
    if not cache_path(directory, default_seed_dir()).exists():
        notify("building the place index once (GeoNames cities500, about 20 s); "
               f"later runs load it from {directory}")
    seeds = Knowledge(gazetteer=load_gazetteer(directory), actors=seed_actors(),
                      source_scales=seed_source_scales())
    if store is None:
        return seeds
    # Imported here, not above: the store layer (SQLAlchemy) is a third of the start-up of
    # `coder suggest`, which without --db never opens a store.
    from coder.engine.taught import taught

    return taught(seeds, store, notify)


def seed_source_scales() -> dict[str, str]:
    """Outlet (case-folded) -> source_scale from seeds/sources.csv."""
    return {row["source"].casefold(): row["source_scale"] for row in _rows("sources.csv")}


def learned_source_scales(rows: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """Outlet -> its most used scale, from single-outlet (source, source_scale, count) rows."""
    best: dict[str, tuple[int, str]] = {}
    for source, scale, uses in rows:
        if ";" in source or "-" in scale:
            continue  # several outlets: which scale belongs to which is not recorded
        key = source.strip().casefold()
        if uses > best.get(key, (0, ""))[0]:
            best[key] = (uses, scale)
    return {key: scale for key, (_uses, scale) in best.items()}
