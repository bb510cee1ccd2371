"""`coder code` in a real terminal: tmux types the keys and reads the screen, then the
process is killed with SIGKILL in the middle of an edit; every confirmation made before the
kill must be in the database and in the export.

Each test gets a private tmux server (`tmux -L <unique>`) and kills that one only.
"""

from __future__ import annotations

import csv
import io
import os
import shlex
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from coding_seed import SUGGESTIONS, seed
from sqlmodel import col, select
from terminal import tmux, wait_for

from coder.cli import cli
from coder.schema.models import Decision, Event
from coder.store import Store

pytestmark = pytest.mark.slow


def confirmed_rows(url: str) -> list[Event]:
    with Store.open(url).session() as session:
        return list(session.exec(select(Event).where(Event.status == "confirmed")
                                 .order_by(col(Event.id))))


def test_confirmations_survive_sigkill_in_the_middle_of_an_edit(
        sock: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coder.db'}"
    seeded = seed(url)
    command = (f"exec {shlex.quote(sys.executable)} -m coder code --db {shlex.quote(url)} "
               f"--coder tess")
    tmux(sock, "new-session", "-d", "-x", "140", "-y", "45", "-c", str(tmp_path), command)
    # A detached session may still start at tmux's default 80x24: size the window explicitly.
    tmux(sock, "resize-window", "-x", "140", "-y", "45")
    total = len(seeded.sentences)
    wait_for(sock, f"sentence 1 of {total}")
    tmux(sock, "send-keys", "0")  # no event in the first sentence
    screen = wait_for(sock, f"sentence 2 of {total}")
    assert "Non-state actor overtakes territory" in screen  # the suggestion, shown in full
    tmux(sock, "send-keys", "a")  # accept it
    screen = wait_for(sock, f"sentence 3 of {total}")
    assert "Change to group/activity" in screen
    tmux(sock, "send-keys", "Enter")  # accept the next one with Enter
    wait_for(sock, f"sentence 4 of {total}")
    assert len(confirmed_rows(url)) == 2  # committed before the screen moved on

    tmux(sock, "send-keys", "n")  # a new event: the form opens...
    wait_for(sock, "New event")
    tmux(sock, "send-keys", "Tab", "Tab", "Bat")  # ...and is half typed when the process dies
    wait_for(sock, "Bat")
    pid = int(tmux(sock, "display-message", "-p", "#{pane_pid}").strip())
    os.kill(pid, signal.SIGKILL)

    confirmed = confirmed_rows(url)
    expected = [SUGGESTIONS["kabul"][1], SUGGESTIONS["nests"][1]]
    assert [{k: getattr(e, k) for k in values} for e, values in zip(confirmed, expected,
                                                                     strict=True)] == expected
    with Store.open(url).session() as session:
        actions = [d.action for d in session.exec(select(Decision).order_by(col(Decision.id)))]
    assert actions == ["no_event", "accept", "accept"]

    result = CliRunner().invoke(cli, ["export", "--db", url])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["event_id_cnty"] for r in rows] == [e.event_id_cnty for e in confirmed]
    assert [r["sub_event_type"] for r in rows] == [v["sub_event_type"] for v in expected]
