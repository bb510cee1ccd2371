"""The country table (seeds/countries.csv) as one immutable value.

ACLED derives `iso`, `iso3` and `region` from `country` (codebook §2); export fills those
columns from here when an event lacks them. The table is loaded once per process.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Country:
    """One row of seeds/countries.csv: ACLED's country name and the codes derived from it."""

    country: str
    iso: int
    iso3: str
    region: str
    geonames_code: str
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Countries:
    """Countries by ACLED name, and by alias (case-insensitive) through `find`."""

    by_name: Mapping[str, Country]
    _by_key: Mapping[str, Country]

    @classmethod
    def of(cls, rows: Iterable[Country]) -> Countries:
        """A table from rows; later rows never shadow an earlier name or alias."""
        by_name: dict[str, Country] = {}
        by_key: dict[str, Country] = {}
        for row in rows:
            by_name.setdefault(row.country, row)
            for key in (row.country, *row.aliases):
                by_key.setdefault(key.casefold(), row)
        return cls(MappingProxyType(by_name), MappingProxyType(by_key))

    def find(self, name: str | None) -> Country | None:
        """The country called `name` (ACLED name first, then aliases, ignoring case)."""
        if not name:
            return None
        exact = self.by_name.get(name)
        return exact if exact is not None else self._by_key.get(name.strip().casefold())


def _split(cell: str | None) -> tuple[str, ...]:
    # Multi-valued cells of the seed use "; " like ACLED's own list columns.
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


def parse_countries(text: str) -> Countries:
    """The table from the CSV text of seeds/countries.csv (header: country, iso, iso3, ...)."""
    rows = csv.DictReader(io.StringIO(text))
    return Countries.of(
        Country(
            country=row["country"].strip(),
            iso=int(row["iso"]),
            iso3=row["iso3"].strip(),
            region=row["region"].strip(),
            geonames_code=(row.get("geonames_code") or "").strip(),
            demonyms=_split(row.get("demonyms")),
            aliases=_split(row.get("aliases")),
        )
        for row in rows
    )


@cache
def load_countries() -> Countries:
    """The bundled table, read once from the installed `coder.seeds` package."""
    text = files("coder.seeds").joinpath("countries.csv").read_text(encoding="utf-8")
    return parse_countries(text)
