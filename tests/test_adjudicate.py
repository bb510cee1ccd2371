"""`coder adjudicate`: double-coded sentences whose versions differ, settled one key each.

Driven with real keys through textual's pilot on SQLite and PostgreSQL; what the keys leave
in the store (adjudicated events, one settlement per sentence) and in the export is checked.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console
from sqlmodel import col, select
from team_seed import event, ingest
from terminal import tmux, wait_for
from textual.pilot import Pilot

from coder import coding_store, team
from coder.adjudication_tui import AdjudicationApp, versions_table
from coder.cli import cli
from coder.coding_store import Effort
from coder.schema.events import EventFields
from coder.schema.models import Adjudication, Assignment, Event, Sentence
from coder.store import Store
from coder.tui import EventForm, FieldInput

# --- aligning versions (pure) -------------------------------------------------------------------


def test_versions_are_aligned_by_matching_events() -> None:
    clash, protest = event(), event(event_type="Protests", sub_event_type="Peaceful protest",
                                    actor1="Protesters (Afghanistan)", actor2=None, inter1=6,
                                    inter2=None, location="Kabul", fatalities=0)
    rows = team.aligned([team.Version("ana", (clash, protest)),
                         team.Version("ben", (protest, event(fatalities=10)))])
    assert rows == [(clash, event(fatalities=10)), (protest, protest)]
    assert team.differing(rows[0]) == {"fatalities"}
    assert team.differing(rows[1]) == frozenset()


def test_an_event_only_one_coder_saw_differs_on_every_field_it_fills() -> None:
    rows = team.aligned([team.Version("ana", (event(),)), team.Version("ben", ())])
    assert rows == [(event(), None)]
    assert team.differing(rows[0]) >= {"event_type", "actor1", "location", "fatalities"}
    assert team.disagree([team.Version("ana", (event(),)), team.Version("ben", ())])
    assert not team.disagree([team.Version("ana", ()), team.Version("ben", ())])
    assert not team.disagree([team.Version("ana", (event(),)),
                              team.Version("ben", (event(location="RUKHA"),))])


# --- the store --------------------------------------------------------------------------------


def coded(url: str) -> dict[str, int]:
    """Every document coded by ana (first coder) and ben (second); sentence ids by content.

    clash: both saw the battle, ben counted 10 dead (differs). protest: both the same
    protest (agrees). killing: ana saw an event, ben none (differs). Every other sentence:
    both "no event".
    """
    documents = ingest(url)
    store = Store.open(url)
    team.assign(store, ["ana"], double=0)  # ana first coder of every document
    with store.session() as session:
        ben = store.coder_id(session, "ben")
        session.add_all(Assignment(document_id=d, coder_id=ben, second_coder=True)
                        for d in documents)
    protest = event(event_type="Protests", sub_event_type="Peaceful protest",
                    actor1="Protesters (Afghanistan)", actor2=None, inter1=6, inter2=None,
                    location="Kabul", admin1="Kabul", fatalities=0)
    killing = event(event_type="Violence against civilians", sub_event_type="Attack",
                    actor1="Unidentified Armed Group (Afghanistan)",
                    actor2="Civilians (Afghanistan)", inter1=3, inter2=7, location="Jalalabad",
                    admin1="Nangarhar", fatalities=2)
    firsts = [store.sentences(d)[0].id or 0 for d in documents]
    plan = {firsts[0]: (event(), event(fatalities=10)), firsts[1]: (protest, protest),
            firsts[2]: (killing, None)}
    for document_id in documents:
        for sentence in store.sentences(document_id):
            sid = sentence.id or 0
            for name, found in zip(("ana", "ben"), plan.get(sid, (None, None)), strict=True):
                if found is None:
                    coding_store.mark(store, name, sid, "no_event", Effort(1))
                else:
                    coding_store.confirm(store, name, sid, found, None, Effort(1))
    return {"clash": firsts[0], "protest": firsts[1], "killing": firsts[2]}


def exported(url: str) -> list[dict[str, object]]:
    """The JSONL export's rows, checked to be the events the CSV export writes too (on
    SQLite the CSV is rendered by SQL: store._conditions compiled to text)."""
    result = CliRunner().invoke(cli, ["export", "--db", url, "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    as_csv = CliRunner().invoke(cli, ["export", "--db", url])
    assert as_csv.exit_code == 0, as_csv.stderr
    assert sorted(r["event_id_cnty"] for r in csv.DictReader(io.StringIO(as_csv.stdout))) == \
        sorted(str(r["event_id_cnty"]) for r in rows)
    return rows


def test_disagreements_are_the_differing_sentences_first_coder_first(db_url: str) -> None:
    sentences = coded(db_url)
    found = team.disagreements(Store.open(db_url))
    assert [d.sentence_id for d in found] == [sentences["clash"], sentences["killing"]]
    assert all([v.coder for v in d.versions] == ["ana", "ben"] for d in found)
    assert found[0].text.startswith("Taliban fighters clashed")
    assert found[0].published == date(2021, 9, 6)
    for disagreement in found:  # each is its document's first sentence: no previous one
        store = Store.open(db_url)
        with store.session() as session:
            document_id = session.get(Sentence, disagreement.sentence_id).document_id
        texts = [s.text for s in store.sentences(document_id)]
        assert (disagreement.previous, disagreement.text) == (None, texts[0])
        assert disagreement.next == (texts[1] if len(texts) > 1 else None)


def test_a_settlement_replaces_both_versions_in_the_export(db_url: str) -> None:
    sentences = coded(db_url)
    store = Store.open(db_url)
    # Before: the first coder's version of each double-coded sentence, once.
    assert sorted(r["fatalities"] for r in exported(db_url)) == [0, 2, 12]
    team.settle(store, "lead", sentences["clash"], [event(fatalities=10)], "ben")
    team.settle(store, "lead", sentences["killing"], [], "no_event")
    rows = exported(db_url)
    assert sorted((r["status"], r["fatalities"]) for r in rows) == [
        ("adjudicated", 10), ("confirmed", 0)]
    with pytest.raises(ValueError, match="already adjudicated"):
        team.settle(store, "lead", sentences["clash"], [event()], "ana")
    assert len(exported(db_url)) == 2  # the refused settlement changed nothing
    assert team.disagreements(store) == []
    # Agreement still reads the coders' own versions.
    agreement = team.agreement(team.double_coded(store).values())
    assert agreement.pairs[0].matched == 2


# --- the screen, with real keys --------------------------------------------------------------


Script = Callable[[Pilot[None], AdjudicationApp], Awaitable[None]]


def drive(url: str, script: Script) -> AdjudicationApp:
    store = Store.open(url)
    app = AdjudicationApp(store, "lead", team.disagreements(store))

    async def run() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            await script(pilot, app)

    asyncio.run(run())
    return app


def settlements(url: str) -> dict[int, str]:
    with Store.open(url).session() as session:
        return {a.sentence_id: a.chosen for a in session.exec(select(Adjudication))}


def adjudicated(url: str) -> list[EventFields]:
    with Store.open(url).session() as session:
        return [EventFields.model_validate({k: getattr(e, k) for k in EventFields.model_fields})
                for e in session.exec(select(Event).where(col(Event.status) == "adjudicated")
                                      .order_by(col(Event.id)))]


def test_a_digit_takes_a_version_and_n_settles_no_event(db_url: str) -> None:
    sentences = coded(db_url)

    async def script(pilot: Pilot[None], app: AdjudicationApp) -> None:
        assert app.current is not None
        console = Console(record=True, width=120, file=io.StringIO())
        console.print(versions_table(app.current))
        text = console.export_text()
        assert "1 ana" in text and "2 ben" in text
        assert "12" in text and "10" in text
        await pilot.press("2")  # ben's 10 dead
        await pilot.pause()
        assert "took ben's version" in app.message
        await pilot.press("n")  # the killing only ana saw: no event
        await pilot.pause()
        assert "every disagreement is settled" in app.message
        await pilot.press("1")  # a settled sentence is not settled twice
        await pilot.press("q")

    drive(db_url, script)
    assert settlements(db_url) == {sentences["clash"]: "ben", sentences["killing"]: "no_event"}
    assert [e.fatalities for e in adjudicated(db_url)] == [10]


def test_e_edits_from_the_first_version_and_saves_an_adjudicated_event(db_url: str) -> None:
    sentences = coded(db_url)

    async def script(pilot: Pilot[None], app: AdjudicationApp) -> None:
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventForm)
        field = form.field_input("fatalities")
        assert isinstance(field, FieldInput) and field.value == "12"  # ana's, the first
        field.focus()
        await pilot.press("ctrl+a", "ctrl+k", "1", "1")
        await pilot.press("enter")  # Enter in a field saves the form
        await pilot.pause()
        assert not isinstance(app.screen, EventForm), "the form refused to save"
        await pilot.press("q")

    drive(db_url, script)
    assert settlements(db_url) == {sentences["clash"]: "edited"}
    (settled,) = adjudicated(db_url)
    assert (settled.fatalities, settled.location, settled.actor1) == (11, "Rukha", "Taliban")


def test_a_sentence_another_adjudicator_settled_meanwhile_keeps_theirs(db_url: str) -> None:
    sentences = coded(db_url)

    async def script(pilot: Pilot[None], app: AdjudicationApp) -> None:
        # The screen shows the clash; on the shared store, "chief" settles it first.
        team.settle(Store.open(db_url), "chief", sentences["clash"], [], "no_event")
        await pilot.press("1")
        await pilot.pause()
        assert "someone else settled" in app.message
        await pilot.press("q")

    drive(db_url, script)
    assert settlements(db_url) == {sentences["clash"]: "no_event"}
    assert adjudicated(db_url) == []  # lead's version wrote nothing


def test_moving_without_a_key_that_settles_stores_nothing(db_url: str) -> None:
    coded(db_url)

    async def script(pilot: Pilot[None], app: AdjudicationApp) -> None:
        await pilot.press("right", "right", "left", "x", "q")

    app = drive(db_url, script)
    assert settlements(db_url) == {} and app.position == 0


def test_the_command_says_when_nothing_is_left(sqlite_url: str) -> None:
    ingest(sqlite_url)
    result = CliRunner().invoke(cli, ["adjudicate", "--db", sqlite_url, "--coder", "lead"])
    assert result.exit_code == 0 and "no disagreements to settle" in result.stderr


@pytest.mark.slow
def test_in_a_real_terminal_a_settlement_survives_sigkill(sock: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coder.db'}"
    sentences = coded(url)
    command = (f"exec {shlex.quote(sys.executable)} -m coder adjudicate --db "
               f"{shlex.quote(url)} --coder lead")
    tmux(sock, "new-session", "-d", "-x", "140", "-y", "45", "-c", str(tmp_path), command)
    tmux(sock, "resize-window", "-x", "140", "-y", "45")
    screen = wait_for(sock, "1 of 2 disagreements")
    assert "1 ana" in screen and "2 ben" in screen and "fatalities" in screen
    tmux(sock, "send-keys", "2")
    wait_for(sock, "2 of 2 disagreements (1 settled)")
    assert settlements(url) == {sentences["clash"]: "ben"}  # committed before the redraw
    tmux(sock, "send-keys", "e")  # an edit half done when the process dies
    wait_for(sock, "Adjudicated event")
    pid = int(tmux(sock, "display-message", "-p", "#{pane_pid}").strip())
    os.kill(pid, signal.SIGKILL)
    assert settlements(url) == {sentences["clash"]: "ben"}
    assert [e.fatalities for e in adjudicated(url)] == [10]
