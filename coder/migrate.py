"""Alembic commands over the store: the schema is owned by migrations from the first revision.

Each function is a thin call into `alembic.command` with a Config built here, so `coder db`
and `Store.open` share one way of migrating (alembic's own command API, as in its docs).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import TYPE_CHECKING, Final, TextIO

from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DBAPIError

from coder.errors import StoreError, first_line

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import Script

# alembic is imported inside the functions: it costs 0.3 s, and `coder suggest` (1.5 s
# start-up budget) never migrates anything.


def alembic_config(engine: Engine | None = None, *, stdout: TextIO | None = None) -> Config:
    """A Config pointing at the installed migrations (works from a wheel, any directory)."""
    from alembic.config import Config

    config = Config(stdout=stdout) if stdout is not None else Config()
    config.set_main_option("script_location", str(files("coder.migrations")))
    if engine is not None:
        # Passwords in URLs survive: render_as_string keeps them (str() would mask them).
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        config.set_main_option("sqlalchemy.url", url)
    return config


def head_revision() -> str:
    """The newest revision the installed migrations know."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "migrations/versions is empty"
    return head


def revisions() -> list[Script]:
    """Every revision the installed migrations know, newest first."""
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(alembic_config()).walk_revisions())


# The revision schema/models.py describes: what this code reads and writes. Every command
# compares the database with it before anything else, so it is a constant, not alembic's
# answer (importing alembic and reading the scripts costs 0.3 s a command);
# tests/test_migrations.py checks that it is the head of migrations/versions.
SCHEMA_REVISION: Final = "0004_team_work"


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at; None for an empty database.

    What alembic's MigrationContext.get_current_revision answers, by one query: the
    migrations are one line of revisions, so alembic_version holds one row at most.
    """
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(found) > 1:
        raise StoreError(f"the database is at several schema revisions at once: "
                         f"{', '.join(sorted(row[0] for row in found))}")
    return str(found[0][0]) if found else None


def upgrade(engine: Engine, revision: str = "head", *, config: Config | None = None) -> None:
    """Upgrade the database to `revision` (an empty database gets the whole schema).

    `config` points at other migration scripts (tests rehearse a revision that way).
    """
    from alembic import command

    _run(engine, lambda cfg: command.upgrade(cfg, revision), config)


def downgrade(engine: Engine, revision: str, *, config: Config | None = None) -> None:
    """Downgrade the database to `revision` ("base" removes every table)."""
    from alembic import command

    _run(engine, lambda cfg: command.downgrade(cfg, revision), config)


def _run(engine: Engine, step: Callable[[Config], None], config: Config | None) -> None:
    from alembic.util import CommandError

    config = config or alembic_config(engine)
    try:
        connection = engine.connect()
    except DBAPIError as exc:
        raise StoreError(f"cannot open database {engine.url}: {first_line(exc)}") from exc
    with connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a SQLite table by copy, DROP and rename; with foreign keys on,
            # the DROP fails or cascade-deletes the children's rows (alembic docs, "batch",
            # "Dealing with Referencing Tables"). The pragma is ignored inside a transaction,
            # so it is set before the migration's transaction and restored after it.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                step(config)
                if sqlite:
                    _check_foreign_keys(connection)
        except CommandError as exc:  # an unknown revision, a broken migration: bad usage
            raise StoreError(f"migration: {exc}") from exc
        finally:
            config.attributes.pop("connection", None)
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _check_foreign_keys(connection: Connection) -> None:
    # With the pragma off nothing checked the rows; a violation rolls the migration back.
    from alembic.util import CommandError

    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise CommandError(f"migration broke {len(broken)} foreign key(s): {broken[:3]}")
