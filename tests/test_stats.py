"""`coder stats`: documents, sentences, sentences coded, events by status and by coder."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from click.testing import CliRunner

from coder import coding_store
from coder.cli import cli
from coder.schema.models import Document, Event
from coder.schema.statuses import EVENT_STATUSES
from coder.store import Store

TEXT = "Fighting was reported in Rukha. Protesters gathered in Kabul. Nothing else happened."
SPANS = [(0, 31), (32, 61), (62, len(TEXT))]


def build(url: str) -> None:
    """One document of three sentences; two coders; events in several statuses.

    Sentence 0: alice confirmed one event and rejected another; sentence 1: only a
    suggestion (not decided); sentence 2: bob adjudicated. One imported event has no coder.
    """
    store = Store.open(url)
    document = Document(text=TEXT, content_hash=hashlib.sha256(TEXT.encode()).hexdigest())
    store.add_document(document, SPANS)
    sentence_ids = [s.id for s in store.sentences(store.documents()[0].id or 0)]
    with store.session() as session:
        alice, bob = store.coder_id(session, "alice"), store.coder_id(session, "bob")

        def event(status: str, coder: int | None, sentence: int | None) -> Event:
            return Event(status=status, coder_id=coder, sentence_id=sentence,
                         event_date=date(2021, 9, 5), event_type="Battles",
                         sub_event_type="Armed clash")

        session.add_all([
            event("confirmed", alice, sentence_ids[0]),
            event("rejected", alice, sentence_ids[0]),
            event("suggested", None, sentence_ids[1]),
            event("adjudicated", bob, sentence_ids[2]),
            event("confirmed", bob, sentence_ids[2]),
            event("imported", None, None),
        ])


def test_stats_json_counts_everything(db_url: str) -> None:
    build(db_url)
    result = CliRunner().invoke(cli, ["stats", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["documents"], found["sentences"], found["sentences_coded"]) == (1, 3, 2)
    assert found["events_by_status"] == {
        **dict.fromkeys(EVENT_STATUSES, 0),
        "confirmed": 2, "rejected": 1, "suggested": 1, "adjudicated": 1, "imported": 1,
    }
    assert found["events_by_coder"] == {
        "alice": {"confirmed": 1, "rejected": 1},
        "bob": {"adjudicated": 1, "confirmed": 1},
    }


def test_stats_table_names_each_count(sqlite_url: str) -> None:
    build(sqlite_url)
    result = CliRunner().invoke(cli, ["stats", "--db", sqlite_url])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()

    def row(label: str) -> list[str]:
        line = next(line for line in lines if f" {label} " in line)
        return [cell.strip() for cell in line.split("│") if cell.strip()]

    assert row("sentences coded") == ["sentences coded", "2"]
    assert row("documents") == ["documents", "1"]
    alice = {"confirmed": 1, "rejected": 1}
    assert row("alice") == ["alice", *(str(alice.get(s, 0)) for s in EVENT_STATUSES)]


def test_stats_of_an_empty_store_are_zero(sqlite_url: str) -> None:
    result = CliRunner().invoke(cli, ["stats", "--db", sqlite_url, "--json"])
    found = json.loads(result.stdout)
    assert found["documents"] == found["sentences"] == found["sentences_coded"] == 0
    assert set(found["events_by_status"].values()) == {0}
    assert found["events_by_coder"] == {}


def test_no_event_decisions_count_as_coded_until_undone(db_url: str) -> None:
    """A sentence marked "no event" in `coder code` is coded; undoing the mark uncodes it."""
    build(db_url)
    store = Store.open(db_url)
    undecided = store.sentences(store.documents()[0].id or 0)[1].id or 0
    skipped = store.sentences(store.documents()[0].id or 0)[2].id or 0
    coding_store.mark(store, "carol", skipped, "skip", coding_store.Effort(1, 500))
    coding_store.mark(store, "carol", undecided, "no_event", coding_store.Effort(1, 800))

    def coded() -> int:
        result = CliRunner().invoke(cli, ["stats", "--db", db_url, "--json"])
        assert result.exit_code == 0, result.stderr
        return int(json.loads(result.stdout)["sentences_coded"])

    assert coded() == 3  # two with decided events (see build), one marked no-event
    coding_store.undo_last(store, "carol", coding_store.Effort(1, 100))
    assert coded() == 2  # a skip never counted; the undone mark no longer does
