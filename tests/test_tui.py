"""`coder code` driven by textual's pilot: real keystrokes, a real database (SQLite and
PostgreSQL through `db_url`), then the rows the keys left behind.

The seed article is stored with hand-written suggestions (tests/coding_seed.py): sentence 1
(index 0) has none, index 1 ("...took control of Kabul nine days ago") has one complete
suggestion, index 2 ("The NRF has set up machine gun nests...") one, and "...Panjshir was
besieged on three sides" two (an incomplete battle, and a low-confidence troop movement).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from coding_seed import PUBLISHED, SUGGESTIONS, Seeded, seed
from sqlmodel import col, select
from textual.pilot import Pilot
from textual.widgets import Label

from coder import coding_store as cs
from coder import migrate
from coder.cli import cli
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import Knowledge
from coder.schema.models import Decision, Event, EventHistory
from coder.store import Store, create_db_engine
from coder.tui import CodingApp, EventForm, FieldInput, Prompt

SIZE = (140, 45)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    """The seeds' actors and the gazetteer, loaded once for the module."""
    return load_knowledge()


@pytest.fixture
def seeded(db_url: str) -> Seeded:
    return seed(db_url)


Script = Callable[[Pilot[None], CodingApp], Awaitable[None]]


def drive(url: str, knowledge: Knowledge, script: Script, coder: str = "ana") -> CodingApp:
    """Run the App headless on the store at `url` and play `script` against it."""
    app = CodingApp(Store.open(url), coder, knowledge=knowledge)

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await script(pilot, app)

    asyncio.run(run())
    return app


def keys_of(text: str) -> list[str]:
    """Textual key names that type `text`."""
    names = {" ": "space", "-": "minus", "/": "slash", ":": "colon", "(": "left_parenthesis",
             ")": "right_parenthesis", ".": "full_stop", ",": "comma"}
    return [names.get(ch, ch) for ch in text]


async def type_into(pilot: Pilot[None], name: str, text: str) -> None:
    """Tab to a field of the open form, clear it and type `text` (real keys)."""
    form = pilot.app.screen
    assert isinstance(form, EventForm)
    for _ in range(40):
        focused = pilot.app.focused
        if isinstance(focused, FieldInput) and focused.field == name:
            break
        await pilot.press("tab")
    else:
        raise AssertionError(f"never reached {name}")
    await pilot.press("end", "ctrl+u", *keys_of(text))  # to the end, delete all left, type
    await pilot.pause()


def events_of(url: str, **where: Any) -> list[Event]:
    with Store.open(url).session() as session:
        query = select(Event)
        for name, value in where.items():
            query = query.where(getattr(Event, name) == value)
        return list(session.exec(query.order_by(col(Event.id))))


def decisions_of(url: str) -> list[Decision]:
    with Store.open(url).session() as session:
        return list(session.exec(select(Decision).order_by(col(Decision.id))))


def history_of(url: str, event_id: int) -> list[EventHistory]:
    with Store.open(url).session() as session:
        return list(session.exec(select(EventHistory).where(EventHistory.event_id == event_id)
                                 .order_by(col(EventHistory.id))))


async def go_to(pilot: Pilot[None], text: str) -> None:
    """`g`, the text, Enter: the search of the queue."""
    await pilot.press("g", *keys_of(text), "enter")
    await pilot.pause()


# --- opening, no event, accept -------------------------------------------------------------


def test_opens_at_the_first_sentence_and_no_event_moves_on(
        db_url: str, seeded: Seeded, knowledge: Knowledge) -> None:
    """`0` records "no event" for the coder and shows the next sentence."""
    seen: list[int] = []

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        assert app.view is not None
        seen.append(app.view.data.index)
        await pilot.press("0")
        seen.append(app.view.data.index)

    drive(db_url, knowledge, script)
    assert seen == [0, 1]
    [decision] = decisions_of(db_url)
    assert (decision.action, decision.sentence_id, decision.keystrokes) == \
        ("no_event", seeded.sentences[0], 1)


def test_accept_copies_the_suggestion_for_the_coder(
        db_url: str, seeded: Seeded, knowledge: Knowledge) -> None:
    """One keystroke confirms a correct suggestion; the shared suggestion stays as it was."""
    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("0", "a")

    drive(db_url, knowledge, script)
    suggestion_id = seeded.suggestions["kabul"]
    [confirmed] = events_of(db_url, status="confirmed")
    expected = SUGGESTIONS["kabul"][1]
    assert {k: getattr(confirmed, k) for k in expected} == expected
    assert confirmed.sentence_id == seeded.sentences[1] and confirmed.coder_id is not None
    assert confirmed.event_id_cnty == f"AFG-C{confirmed.id}"
    [shared] = events_of(db_url, id=suggestion_id)
    assert shared.status == "suggested" and shared.coder_id is None
    assert [(h.action, h.coder) for h in history_of(db_url, confirmed.id or 0)] == \
        [("confirmed", "ana")]
    accept = decisions_of(db_url)[-1]
    assert (accept.action, accept.suggestion_id, accept.event_id, accept.keystrokes) == \
        ("accept", suggestion_id, confirmed.id, 1)


def test_enter_accepts_and_capital_a_accepts_all_complete_ones(
        sqlite_url: str, knowledge: Knowledge) -> None:
    seed(sqlite_url)
    messages: list[str] = []

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("0", "enter")  # the Kabul suggestion
        await go_to(pilot, "besieged")
        await pilot.press("A")
        messages.append(app.message)

    drive(sqlite_url, knowledge, script)
    confirmed = events_of(sqlite_url, status="confirmed")
    # The battle lacks its second actor (codebook §10), so only the troop movement goes in.
    assert [e.sub_event_type for e in confirmed] == ["Non-state actor overtakes territory",
                                                     "Change to group/activity"]
    assert "1 need editing" in messages[0]


# --- reject, incomplete suggestion, edit form ------------------------------------------------


def test_reject_keeps_the_other_suggestion_pending(
        db_url: str, seeded: Seeded, knowledge: Knowledge) -> None:
    """`x` rejects the selected suggestion (the coder's own rejected copy) and stays."""
    pending: list[int] = []

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await go_to(pilot, "besieged")
        await pilot.press("down", "x")
        assert app.view is not None
        pending.extend(row.event.id for row in app.view.rows)

    drive(db_url, knowledge, script)
    assert pending == [seeded.suggestions["besieged"]]
    [rejected] = events_of(db_url, status="rejected")
    assert rejected.sub_event_type == "Change to group/activity"
    assert events_of(db_url, id=seeded.suggestions["besieged_move"])[0].status == "suggested"
    assert decisions_of(db_url)[-1].action == "reject"


def test_accepting_an_incomplete_suggestion_opens_the_form_with_the_reason(
        sqlite_url: str, knowledge: Knowledge) -> None:
    seed(sqlite_url)
    shown: list[str] = []

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await go_to(pilot, "besieged")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, EventForm)
        shown.append(str(form.query_one("#e-actor2", Label).content))
        assert app.focused is form.field_input("actor2")
        await pilot.press(*keys_of("NRF"), "tab")  # completion, and its inter code
        shown.append(form.field_input("actor2").value)
        shown.append(form.field_input("inter2").value)
        await pilot.press("enter")

    drive(sqlite_url, knowledge, script)
    assert "second actor" in shown[0]
    assert shown[1:] == ["NRF: National Resistance Front", "2"]
    [confirmed] = events_of(sqlite_url, status="confirmed")
    assert (confirmed.actor2, confirmed.inter2, confirmed.interaction) == \
        ("NRF: National Resistance Front", 2, 22)
    assert decisions_of(sqlite_url)[-1].action == "accept_edited"


def test_edit_form_changes_each_kind_of_field(
        db_url: str, seeded: Seeded, knowledge: Knowledge) -> None:
    """Date as a phrase, types by completion, an actor with its inter code, a gazetteer
    place filling admin units and coordinates, a number: saved as an edited acceptance."""
    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("0", "e")
        assert isinstance(app.screen, EventForm)
        await type_into(pilot, "event_date", "last Sunday")
        await pilot.press("tab")
        await type_into(pilot, "event_type", "Bat")
        await pilot.press("tab")
        await type_into(pilot, "sub_event_type", "Arm")
        await pilot.press("tab")
        await type_into(pilot, "actor1", "NRF")
        await pilot.press("tab")
        await type_into(pilot, "actor2", "Talib")
        await pilot.press("tab")
        await type_into(pilot, "location", "Bazarak")
        await pilot.press("tab")  # the gazetteer's matches; Enter takes the first
        await pilot.press("enter")
        await type_into(pilot, "fatalities", "3")
        await pilot.press("enter")

    drive(db_url, knowledge, script)
    [event] = events_of(db_url, status="confirmed")
    # Published Tuesday 2021-08-24: "last Sunday" is 2021-08-22.
    assert (event.event_date, event.time_precision) == (date(2021, 8, 22), 1)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    # From 15 August 2021 the Taliban are Afghanistan's state forces (codebook §5): inter 1.
    assert (event.actor1, event.inter1, event.actor2, event.inter2) == \
        ("NRF: National Resistance Front", 2, "Taliban", 1)
    places = knowledge.gazetteer.lookup("Bazarak", "Afghanistan")
    assert (event.location, event.admin1) == (places[0].location, places[0].admin1)
    assert event.latitude == pytest.approx(places[0].latitude, abs=1e-4)
    assert event.fatalities == 3
    assert decisions_of(db_url)[-1].action == "accept_edited"
    [history] = history_of(db_url, event.id or 0)
    assert json.loads(history.before or "{}")["location"] == "Kabul"  # the suggestion's


def test_invalid_values_are_refused_in_place_and_nothing_is_stored(
        sqlite_url: str, knowledge: Knowledge) -> None:
    seed(sqlite_url)
    errors: list[str] = []

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("0", "e")
        form = app.screen
        assert isinstance(form, EventForm)
        await type_into(pilot, "event_type", "Protests")
        await type_into(pilot, "fatalities", "-2")
        await pilot.press("enter")
        assert app.screen is form  # still open
        errors.append(str(form.query_one("#e-sub_event_type", Label).content))
        errors.append(str(form.query_one("#e-fatalities", Label).content))
        await pilot.press("escape")
        assert not isinstance(app.screen, EventForm)

    drive(sqlite_url, knowledge, script)
    assert "belongs to 'Battles', not 'Protests'" in errors[0]
    assert "greater than or equal to 0" in errors[1]
    assert events_of(sqlite_url, status="confirmed") == []


def test_new_event_prefilled_from_the_document(
        db_url: str, seeded: Seeded, knowledge: Knowledge) -> None:
    prefilled: list[str] = []

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, EventForm)
        prefilled.extend((form.field_input("event_date").value,
                          form.field_input("source").value))
        await type_into(pilot, "sub_event_type", "Change to")
        await pilot.press("tab")
        await type_into(pilot, "actor1", "Taliban")
        await pilot.press("tab")
        await type_into(pilot, "country", "Afghanistan")
        await pilot.press("enter")

    drive(db_url, knowledge, script)
    assert prefilled == [PUBLISHED.isoformat(), "AFP"]
    [event] = events_of(db_url, status="confirmed")
    assert (event.sub_event_type, event.event_type, event.actor1, event.inter1) == \
        ("Change to group/activity", "Strategic developments", "Taliban", 1)
    assert event.sentence_id == seeded.sentences[0]
    assert decisions_of(db_url)[-1].action == "add"


# --- undo, navigation, resume ---------------------------------------------------------------


def test_undo_goes_back_across_sentences_and_keeps_history(
        db_url: str, seeded: Seeded, knowledge: Knowledge) -> None:
    where: list[int] = []

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("0", "a")
        assert app.view is not None
        where.append(app.view.data.index)
        await pilot.press("u")  # the acceptance, on the sentence before
        where.append(app.view.data.index)
        where.append(len(app.view.rows))  # its suggestion is pending again
        await pilot.press("u")  # the "no event" before it
        where.append(app.view.data.index)

    drive(db_url, knowledge, script)
    assert where == [2, 1, 1, 0]
    [event] = events_of(db_url, coder_id=cs.coder_id(Store.open(db_url), "ana"))
    assert event.status == "withdrawn"
    assert [h.action for h in history_of(db_url, event.id or 0)] == ["confirmed", "undone"]
    actions = [(d.action, d.undoes_id) for d in decisions_of(db_url)]
    ids = [d.id for d in decisions_of(db_url)]
    assert actions == [("no_event", None), ("accept", None), ("undo", ids[1]),
                       ("undo", ids[0])]


def test_moving_between_sentences_and_going_to_one(
        sqlite_url: str, knowledge: Knowledge) -> None:
    seed(sqlite_url)
    where: list[int] = []

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        for key in ("right", "space", "left", "p", "p"):
            await pilot.press(key)
            assert app.view is not None
            where.append(app.view.data.index)
        await pilot.press("g", "1", "5", "enter")
        where.append(app.view.data.index)

    drive(sqlite_url, knowledge, script)
    assert where == [1, 2, 1, 0, 0, 14]
    assert decisions_of(sqlite_url) == []  # moving decides nothing


def test_quitting_and_starting_again_resumes_for_that_coder(
        db_url: str, seeded: Seeded, knowledge: Knowledge) -> None:
    """Resume at the first uncoded sentence; a coded one shows the confirmed events;
    another coder starts at the beginning."""
    async def code_two(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("0", "a", "q")

    drive(db_url, knowledge, code_two)
    seen: list[Any] = []

    async def resume(pilot: Pilot[None], app: CodingApp) -> None:
        assert app.view is not None
        seen.append(app.view.data.index)
        await pilot.press("left")
        seen.append([(r.confirmed, r.event.status) for r in app.view.rows])

    async def other(pilot: Pilot[None], app: CodingApp) -> None:
        assert app.view is not None
        seen.append(app.view.data.index)

    drive(db_url, knowledge, resume)
    drive(db_url, knowledge, other, coder="ben")
    assert seen == [2, [(True, "confirmed")], 0]


def test_skip_leaves_the_sentence_first_in_the_queue(
        sqlite_url: str, knowledge: Knowledge) -> None:
    seed(sqlite_url)
    seen: list[int] = []

    async def skip(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("s")
        assert app.view is not None
        seen.append(app.view.data.index)

    async def again(pilot: Pilot[None], app: CodingApp) -> None:
        assert app.view is not None
        seen.append(app.view.data.index)

    drive(sqlite_url, knowledge, skip)
    drive(sqlite_url, knowledge, again)
    assert seen == [1, 0]


def test_withdraw_and_edit_a_confirmed_event(sqlite_url: str, knowledge: Knowledge) -> None:
    """On a coded sentence `e` revises the coder's event in place and `x` withdraws it."""
    seed(sqlite_url)

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("0", "a", "left", "e")
        await type_into(pilot, "fatalities", "4")
        await pilot.press("enter", "x")

    drive(sqlite_url, knowledge, script)
    [event] = events_of(sqlite_url, coder_id=cs.coder_id(Store.open(sqlite_url), "ana"))
    assert (event.status, event.fatalities) == ("withdrawn", 4)
    assert [h.action for h in history_of(sqlite_url, event.id or 0)] == \
        ["confirmed", "edited", "withdrawn"]
    assert [d.action for d in decisions_of(sqlite_url)] == ["no_event", "accept", "edit",
                                                           "withdraw"]


def test_comment_and_flag_for_review(sqlite_url: str, knowledge: Knowledge) -> None:
    seed(sqlite_url)

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("c", *keys_of("ask Ana"), "enter")
        await pilot.press("c")
        assert isinstance(app.screen, Prompt)
        await pilot.press(*keys_of("ambiguous"), "ctrl+f")

    drive(sqlite_url, knowledge, script)
    assert [(d.action, d.comment) for d in decisions_of(sqlite_url)] == \
        [("comment", "ask Ana"), ("flag", "ambiguous")]


# --- effort and the command line ------------------------------------------------------------


def test_effort_is_recorded_and_reported_by_stats(sqlite_url: str, knowledge: Knowledge) -> None:
    seed(sqlite_url)

    async def script(pilot: Pilot[None], app: CodingApp) -> None:
        await pilot.press("0", "right", "e")
        await type_into(pilot, "fatalities", "2")  # end, ctrl+u, "2"
        await pilot.press("enter")

    drive(sqlite_url, knowledge, script)
    edit = decisions_of(sqlite_url)[-1]
    # "right" moved on (not a decision's key); then e, the tabs to fatalities, its keys, Enter.
    assert edit.action == "accept_edited" and edit.keystrokes > 5 and edit.active_ms >= 0
    result = CliRunner().invoke(cli, ["stats", "--db", sqlite_url, "--json"])
    assert result.exit_code == 0, result.output
    [effort] = json.loads(result.stdout)["effort"]
    assert (effort["coder"], effort["confirmed"], effort["edited"]) == ("ana", 1, 1.0)
    assert effort["keystrokes_per_event"] == sum(d.keystrokes for d in decisions_of(sqlite_url))


def test_code_without_documents_says_how_to_ingest(sqlite_url: str) -> None:
    result = CliRunner().invoke(cli, ["code", "--db", sqlite_url])
    assert result.exit_code == 1
    assert "coder ingest" in result.stderr


def test_code_on_another_schema_revision_says_to_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate.upgrade(create_db_engine(url), "0001_initial")
    result = CliRunner().invoke(cli, ["code", "--db", url])
    assert result.exit_code == 2
    assert "coder db upgrade" in result.stderr
