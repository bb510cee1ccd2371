"""The outlet a news text names as its own, for a document that came without a source.

ACLED's `source` is the outlet that reported the event (codebook §9). Agency copy says whose
it is in two ways that survive scraping: the dateline ("KABUL (AFP) -") and quotes given to
the outlet's reporters ("an NRF spokesman told AFP"). Other mentions ("the BBC reported")
name an outlet the text cites, not the text's own, so they are not read. Only outlets the
knowledge already has (seeds/sources.csv and imported events) are recognised, and a text
that names two of them in these ways gets none: which one is its own is then unclear.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import Final

# A dateline stands at the very start of a story, after the place it was filed from.
_DATELINE_REACH: Final = 80


def own_outlet(text: str, outlets: Collection[str]) -> str | None:
    """The outlet a text names as its own (dateline or "told X"), as the text writes it;
    None when it names none of `outlets` (case-insensitive names) that way, or several."""
    if not outlets:
        return None
    dateline, told = _patterns(frozenset(outlets))
    found = [m.group(1) for m in dateline.finditer(text[:_DATELINE_REACH])]
    found += [m.group(1) for m in told.finditer(text)]
    names = {name.casefold() for name in found}
    return found[0] if len(names) == 1 else None


@lru_cache(maxsize=4)
def _patterns(outlets: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Longest names first, so that "Associated Press of Pakistan" wins over "Associated Press".
    names = "|".join(re.escape(name) for name in sorted(outlets, key=len, reverse=True))
    # The dateline's dash: hyphen, en dash or em dash (re reads the \u escapes).
    dateline = re.compile(rf"\(\s*({names})\s*\)\s*[-\u2013\u2014:]", re.IGNORECASE)
    told = re.compile(rf"\b(?:told|speaking to|in an interview with)\s+(?:the\s+)?({names})\b",
                      re.IGNORECASE)
    return dateline, told
