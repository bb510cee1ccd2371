"""Alembic commands over the store: the schema is owned by migrations from the first revision.

Each function is a thin call into `alembic.command` with a Config built here, so `coder db`
and `Store.open` share one way of migrating (alembic's own command API, as in its docs).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import TextIO

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import Connection, Engine


def alembic_config(engine: Engine | None = None, *, stdout: TextIO | None = None) -> Config:
    """A Config pointing at the installed migrations (works from a wheel, any directory)."""
    config = Config(stdout=stdout) if stdout is not None else Config()
    config.set_main_option("script_location", str(files("coder.migrations")))
    if engine is not None:
        # Passwords in URLs survive: render_as_string keeps them (str() would mask them).
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        config.set_main_option("sqlalchemy.url", url)
    return config


def head_revision() -> str:
    """The newest revision the installed migrations know."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "migrations/versions is empty"
    return head


def revisions() -> list[Script]:
    """Every revision the installed migrations know, newest first."""
    return list(ScriptDirectory.from_config(alembic_config()).walk_revisions())


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to `revision` (an empty database gets the whole schema)."""
    _run(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database to `revision` ("base" removes every table)."""
    _run(engine, lambda cfg: command.downgrade(cfg, revision))


def _run(engine: Engine, step: Callable[[Config], None]) -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        step(config)

