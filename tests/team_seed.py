"""Documents and events for the team-work tests (`coder assign`, `agree`, `adjudicate`)."""

from __future__ import annotations

import hashlib
from datetime import date

from coder.schema.events import EventFields
from coder.schema.models import Document
from coder.store import Store

TEXTS = [
    "Taliban fighters clashed with the NRF in Rukha. Twelve people were killed. "
    "The fighting went on.",
    "Protesters gathered in Kabul on Sunday. Police dispersed them.",
    "Gunmen shot dead two farmers near Jalalabad.",
]


def ingest(url: str) -> list[int]:
    """The three TEXTS as documents (published 2021-09-06), split at ". "; their ids."""
    store = Store.open(url)
    for text in TEXTS:
        spans, start = [], 0
        for part in text.split(". "):
            end = start + len(part) + (0 if part.endswith(".") else 1)
            spans.append((start, end))
            start = end + 1
        store.add_document(Document(text=text, published=date(2021, 9, 6),
                                    content_hash=hashlib.sha256(text.encode()).hexdigest()),
                           spans)
    return [d.id or 0 for d in store.documents()]


def event(**values: object) -> EventFields:
    """A complete battle event; `values` change some of its fields."""
    base: dict[str, object] = {
        "event_date": date(2021, 9, 5), "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Taliban",
        "actor2": "NRF: National Resistance Front", "inter1": 2, "inter2": 2,
        "country": "Afghanistan",
        "admin1": "Panjshir", "location": "Rukha", "fatalities": 12,
    }
    return EventFields(**(base | values))
