"""The `coder` command line: parse options, call the library, print, choose the exit code.

Behaviour lives in the modules below; this file only translates. The single place where
errors become exit codes is `CoderGroup.invoke` (contracts.md 2: 1 = ran and found a
problem, 2 = bad usage or bad input).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from alembic.util import CommandError

from coder import migrate
from coder.errors import InputError, StoreError
from coder.store import DEFAULT_URL, Store, create_db_engine

F = TypeVar("F", bound=Callable[..., Any])


class BadInput(click.ClickException):
    """Bad input or a store that cannot serve: one stderr line, exit 2."""

    exit_code = 2


class CoderGroup(click.Group):
    """A group that turns our library errors into click's, so no bad input shows a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (InputError, StoreError) as exc:
            raise BadInput(str(exc)) from exc


def db_option(func: F) -> F:
    """`--db URL` on every command (contracts.md 2)."""
    return click.option(
        "--db", "db_url", envvar="CODER_DB", default=DEFAULT_URL, show_default=True,
        help="SQLAlchemy URL of the store (sqlite:///file.db or postgresql+psycopg://...); "
             "also CODER_DB.",
    )(func)


def say(message: str) -> None:
    """Messages go to stderr so stdout carries only data."""
    click.echo(message, err=True)


@click.group(cls=CoderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="acled-coder")
def cli() -> None:
    """Turn news articles into an ACLED-style conflict-event dataset.

    \b
        coder ingest seeds/panjshir-2021-08-24.txt
        coder code
        coder export -o events.csv
    """


# --- coder db ---------------------------------------------------------------------------------


@cli.group(cls=CoderGroup)
def db() -> None:
    """Schema migrations of the store (Alembic).

    \b
        coder db upgrade
        coder db current --db postgresql+psycopg://coder@localhost/acled
    """


@db.command("upgrade")
@db_option
@click.argument("revision", default="head")
def db_upgrade(db_url: str, revision: str) -> None:
    """Upgrade the store to REVISION (default: head); an empty database gets the schema.

    \b
        coder db upgrade
        coder db upgrade 0001_initial --db sqlite:///team.db
    """
    engine = create_db_engine(db_url)
    _alembic(lambda: migrate.upgrade(engine, revision))
    say(f"database at revision {Store(engine).revision()}")


@db.command("downgrade")
@db_option
@click.argument("revision")
def db_downgrade(db_url: str, revision: str) -> None:
    """Downgrade the store to REVISION ("base" removes every table).

    \b
        coder db downgrade base
    """
    engine = create_db_engine(db_url)
    _alembic(lambda: migrate.downgrade(engine, revision))
    say(f"database at revision {Store(engine).revision() or 'base'}")


@db.command("current")
@db_option
def db_current(db_url: str) -> None:
    """Print the revision the store is at ("base" for an empty database).

    \b
        coder db current
    """
    current = Store(create_db_engine(db_url)).revision()
    head = migrate.head_revision()
    click.echo(f"{current or 'base'}{' (head)' if current == head else ''}")


@db.command("history")
def db_history() -> None:
    """List the schema revisions this coder knows, newest first.

    \b
        coder db history
    """
    for revision in migrate.revisions():
        click.echo(f"{revision.revision}  {revision.doc}")


def _alembic(step: Callable[[], None]) -> None:
    try:
        step()
    except CommandError as exc:
        raise BadInput(f"migration: {exc}") from exc


def main() -> None:
    """Entry point for `python -m coder`."""
    cli(prog_name="coder")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
