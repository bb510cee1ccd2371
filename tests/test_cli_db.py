"""`coder db ...` on both backends, and the help of every command (contracts.md 2).

Data goes to stdout, messages to stderr; bad input exits 2 with one line and no traceback.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import assert_bad_input
from sqlalchemy import inspect

from coder import migrate
from coder.cli import cli
from coder.store import Store, create_db_engine

HEAD = migrate.head_revision()


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, prog_name="coder")


def tables(url: str) -> set[str]:
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


# --- upgrade / current / downgrade / history ------------------------------------------------------


def test_upgrade_current_downgrade_round_trip(db_url: str) -> None:
    result = run("db", "current", "--db", db_url)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "base\n", "")

    result = run("db", "upgrade", "--db", db_url)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"database at revision {HEAD}\n"
    assert "event" in tables(db_url)
    assert Store.open(db_url).revision() == HEAD

    result = run("db", "current", "--db", db_url)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{HEAD} (head)\n", "")

    result = run("db", "upgrade", "--db", db_url)  # already there: nothing to do, still fine
    assert (result.exit_code, result.stderr) == (0, f"database at revision {HEAD}\n")

    result = run("db", "downgrade", "base", "--db", db_url)
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert result.stderr == "database at revision base\n"
    assert tables(db_url) <= {"alembic_version"}

    result = run("db", "current", "--db", db_url)
    assert (result.exit_code, result.stdout) == (0, "base\n")


def test_upgrade_to_a_named_revision(db_url: str) -> None:
    first = migrate.revisions()[-1].revision
    result = run("db", "upgrade", first, "--db", db_url)
    assert (result.exit_code, result.stderr) == (0, f"database at revision {first}\n")
    current = run("db", "current", "--db", db_url).stdout
    assert current == (f"{first} (head)\n" if first == HEAD else f"{first}\n")


def test_history_lists_every_revision_newest_first() -> None:
    result = run("db", "history")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [s.revision for s in migrate.revisions()]
    assert lines[0].split()[0] == HEAD
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines), "each line has a message"


@pytest.mark.parametrize("command", [("upgrade", "nosuch"), ("downgrade", "nosuch")])
def test_bad_revision_exits_2_with_one_line(db_url: str, command: tuple[str, str]) -> None:
    if command[0] == "downgrade":
        assert run("db", "upgrade", "--db", db_url).exit_code == 0
    result = run("db", *command, "--db", db_url)
    assert_bad_input(result, "nosuch")


def test_downgrade_needs_a_revision(sqlite_url: str) -> None:
    result = run("db", "downgrade", "--db", sqlite_url)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Missing argument 'REVISION'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("url", ["nosuchscheme://x/y", "not a url"])
def test_bad_url_exits_2_with_one_line(url: str) -> None:
    assert_bad_input(run("db", "current", "--db", url), "cannot open database")


def test_unreachable_server_exits_2_with_one_line() -> None:
    # Port 9 (discard) on localhost: nothing listens, the connection is refused at once.
    result = run("db", "current", "--db", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert_bad_input(result)


# --- where the database is: --db, CODER_DB, the default --------------------------------------


def test_coder_db_environment_variable_is_honoured(db_url: str) -> None:
    result = run("db", "upgrade", env={"CODER_DB": db_url})
    assert (result.exit_code, result.stderr) == (0, f"database at revision {HEAD}\n")
    assert "event" in tables(db_url)
    assert run("db", "current", env={"CODER_DB": db_url}).stdout == f"{HEAD} (head)\n"


def test_db_option_wins_over_the_environment(tmp_path: Path) -> None:
    from_env, from_option = (f"sqlite:///{tmp_path / name}" for name in ("env.db", "opt.db"))
    result = run("db", "upgrade", "--db", from_option, env={"CODER_DB": from_env})
    assert result.exit_code == 0
    assert "event" in tables(from_option)
    assert tables(from_env) == set()


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODER_DB", raising=False)
    yield tmp_path


def test_default_database_is_coder_db_in_the_working_directory(in_tmp: Path) -> None:
    result = run("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "coder.db").is_file()
    assert "event" in tables(f"sqlite:///{in_tmp / 'coder.db'}")


# --- help: every command shows an example ---------------------------------------------------------


def command_paths(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and group under `group`, as the words that invoke it."""
    yield path
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from command_paths(command, (*path, name))
        else:
            yield (*path, name)


ALL_COMMANDS = list(command_paths(cli))


def test_the_db_commands_are_all_found() -> None:
    assert {("db", name) for name in ("upgrade", "downgrade", "current", "history")} <= set(
        ALL_COMMANDS)


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda p: " ".join(("coder", *p)))
def test_every_help_shows_an_example_of_itself(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith(f"Usage: {' '.join(('coder', *path))}")
    example = re.compile(rf"^ {{2,}}{re.escape(' '.join(('coder', *path)))}(\s|$)", re.MULTILINE)
    assert example.search(result.stdout), f"no indented example in:\n{result.stdout}"


def test_python_dash_m_coder_runs_the_cli(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "coder", "--help"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: coder ")
    assert "db" in done.stdout
    assert done.stderr == ""
