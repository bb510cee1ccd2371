"""Migrations own the schema: up and down on both backends, rows survive, models never drift.

Every test runs on SQLite and PostgreSQL (`db_url`). The step-down tests walk the revisions
`migrate.revisions()` reports, so a new revision is exercised without touching this file; a
rehearsal revision that rebuilds tables in batch mode shows today what a future one must keep.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, func, inspect, text
from sqlmodel import SQLModel, select

from coder import migrate
from coder.errors import StoreError
from coder.schema.codebook import ALL_COLUMNS
from coder.schema.models import Decision, Document, Event, Sentence
from coder.store import Store, create_db_engine, event_state

ARTICLE = "Fighting broke out in the valley. Two fighters were killed. Talks resumed."


def article_spans(text_: str) -> list[tuple[int, int]]:
    """Sentence spans of ARTICLE-like text: each '. '-terminated piece, full stop included."""
    spans, start = [], 0
    while start < len(text_):
        end = text_.find(". ", start)
        end = len(text_) if end == -1 else end + 1
        spans.append((start, end))
        start = end + 1
    return spans


# Every ACLED column filled, with invented values that obey the codebook (§2-§5).
ACLED_VALUES: dict[str, Any] = {
    "event_id_cnty": "XAA17", "event_date": date(2021, 8, 23), "year": 2021,
    "time_precision": 1, "disorder_type": "Political violence", "event_type": "Battles",
    "sub_event_type": "Armed clash", "actor1": "Rebel Group A", "assoc_actor_1": "Ally A",
    "inter1": 2, "actor2": "Military Forces of X (2020-)", "assoc_actor_2": "Ally B",
    "inter2": 1, "interaction": 12, "civilian_targeting": "Civilian targeting", "iso": 999,
    "region": "Region R", "country": "Country X", "admin1": "Province P", "admin2": "District D",
    "admin3": "Subdistrict S", "location": "Village V", "latitude": 35.3123,
    "longitude": 69.5123, "geo_precision": 2, "source": "Outlet O; Outlet Q",
    "source_scale": "National-International", "notes": "Invented note for a test.",
    "fatalities": 2, "tags": "crowd size=no report", "timestamp": 1_700_000_000,
    "data_id": 8_000_000_001, "event_id_no_cnty": 17, "iso3": "XAA",
}


def test_acled_values_cover_every_column() -> None:
    """The fixture row fills each codebook column, so the round trips below miss none."""
    assert set(ACLED_VALUES) == set(ALL_COLUMNS)


def populate(store: Store) -> None:
    """One row or more in every table: a document, its sentences, a coder, an event, history."""
    with store.session() as session:
        added = store.add_document(
            Document(text=ARTICLE, title="Valley", published=date(2021, 8, 24),
                     content_hash=hashlib.sha256(ARTICLE.strip().encode()).hexdigest()),
            article_spans(ARTICLE), session)
        sentence_id = session.exec(select(func.min(Sentence.id))).one()
        event = Event(status="confirmed", coder_id=store.coder_id(session, "ana"),
                      sentence_id=sentence_id, confidence=0.5, evidence='{"actor1": [0, 8]}',
                      **ACLED_VALUES)
        session.add(event)
        session.flush()
        Store.record(session, event, "confirmed", "ana", None)
        before = event_state(event)
        event.fatalities = 3
        session.flush()
        Store.record(session, event, "edited", "ana", before)
        session.add(Decision(coder_id=event.coder_id, sentence_id=sentence_id, action="accept",
                             event_id=event.id, keystrokes=1, active_ms=900))
    assert added.created and added.sentences == 3


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the database has now (reflected, not from the models)."""
    reflected = MetaData()
    with engine.connect() as connection:
        reflected.reflect(connection)
        return {
            name: [dict(row._mapping) for row in
                   connection.execute(table.select().order_by(*table.primary_key.columns))]
            for name, table in sorted(reflected.tables.items())
            if name != "alembic_version"
        }


def schema_of(engine: Engine) -> dict[str, Any]:
    """Tables, columns, indexes, keys and constraints as the database reports them."""
    with engine.connect() as connection:
        found = inspect(connection)
        return {
            name: {
                "columns": [(c["name"], str(c["type"]), c["nullable"])
                            for c in found.get_columns(name)],
                "pk": found.get_pk_constraint(name)["constrained_columns"],
                "fks": sorted((fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"],
                               fk.get("options", {}).get("ondelete"))
                              for fk in found.get_foreign_keys(name)),
                "indexes": sorted((ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                                  for ix in found.get_indexes(name)),
                "unique": sorted((uq["name"], tuple(uq["column_names"]))
                                 for uq in found.get_unique_constraints(name)),
            }
            for name in sorted(found.get_table_names())
        }


def revision_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return migrate.current_revision(connection)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    made = create_db_engine(db_url)
    yield made
    made.dispose()


# --- an empty database -------------------------------------------------------------------------


def test_upgrade_on_empty_database_creates_every_model_table(engine: Engine) -> None:
    """Upgrading an empty database to head gives exactly the tables of schema.models."""
    assert revision_of(engine) is None
    migrate.upgrade(engine)
    assert revision_of(engine) == migrate.head_revision()
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    assert tables == set(SQLModel.metadata.tables) | {"alembic_version"}


def test_the_models_revision_is_the_head_of_the_migrations() -> None:
    """Store.open compares databases with SCHEMA_REVISION: it must be alembic's head."""
    assert migrate.head_revision() == migrate.SCHEMA_REVISION


def test_current_revision_answers_as_alembic_does_at_every_step(engine: Engine) -> None:
    """The one-query revision equals alembic's MigrationContext answer, empty to head."""
    from alembic.runtime.migration import MigrationContext

    def alembic_says() -> str | None:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    assert revision_of(engine) is None is alembic_says()
    for script in reversed(migrate.revisions()):
        migrate.upgrade(engine, script.revision)
        assert revision_of(engine) == alembic_says() == script.revision


def test_migrations_match_the_models(engine: Engine) -> None:
    """After upgrading, autogenerate finds nothing to add: the migrations and models agree."""
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


# --- round trips -------------------------------------------------------------------------------


def test_head_to_base_to_head_leaves_a_fresh_schema(db_url: str, engine: Engine) -> None:
    """Down to base removes every table and row; back up gives the schema a fresh upgrade gave."""
    store = Store.open(db_url)
    fresh = schema_of(engine)
    populate(store)
    migrate.downgrade(engine, "base")
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() in ([], ["alembic_version"])
    assert revision_of(engine) is None
    migrate.upgrade(engine)
    assert schema_of(engine) == fresh
    assert all(rows == [] for rows in snapshot(engine).values())


def step_down_and_up(
    engine: Engine,
    steps: list[tuple[str, str]],
    downgrade: Callable[[str], None],
    upgrade: Callable[[str], None],
) -> None:
    """From head, go down to each revision's parent and back to head.

    Rows of every table the parent has never change; a table the step itself creates (0002
    creates `decision`) comes back empty, since dropping it is what its downgrade means.
    """
    before = snapshot(engine)
    for revision, parent in steps:
        downgrade(parent)
        assert revision_of(engine) == parent
        kept = set(snapshot(engine))
        upgrade("head")
        assert revision_of(engine) == steps[0][0]
        after = snapshot(engine)
        assert {t: after[t] for t in kept} == {t: before[t] for t in kept}, (
            f"rows changed going {revision} -> {parent} -> head")
        assert all(after[t] == [] for t in set(after) - kept)
        before = after


def steps_of(scripts: ScriptDirectory) -> list[tuple[str, str]]:
    """(revision, parent) for every revision that has a parent, newest first."""
    return [(script.revision, script.down_revision) for script in scripts.walk_revisions()
            if isinstance(script.down_revision, str)]


def test_each_step_down_and_up_keeps_rows(db_url: str, engine: Engine) -> None:
    """Every revision with a parent can be undone and redone with data present, rows unchanged."""
    store = Store.open(db_url)
    populate(store)
    expected = snapshot(engine)
    steps = [(s.revision, s.down_revision) for s in migrate.revisions()
             if isinstance(s.down_revision, str)]
    step_down_and_up(engine, steps,
                     lambda rev: migrate.downgrade(engine, rev),
                     lambda rev: migrate.upgrade(engine, rev))
    after = snapshot(engine)
    # Everything but the decisions, which 0002's downgrade drops with its table.
    assert {t: r for t, r in after.items() if t != "decision"} == {
        t: r for t, r in expected.items() if t != "decision"}
    assert expected["event"][0]["fatalities"] == 3
    assert [row["action"] for row in expected["event_history"]] == ["confirmed", "edited"]
    assert {k: expected["event"][0][k] for k in ALL_COLUMNS if k != "fatalities"} == {
        k: v for k, v in ACLED_VALUES.items() if k != "fatalities"}


# The tables populate() fills, and the rehearsal rebuilds.
POPULATED = ("document", "sentence", "coder", "event", "event_history", "decision")

REHEARSAL = '''"""rehearsal: rebuild every table in batch mode

Revision ID: 9999_rehearsal
Revises: {head}
"""

from alembic import op
import sqlalchemy as sa

revision = "9999_rehearsal"
down_revision = "{head}"
branch_labels = None
depends_on = None

TABLES = {tables!r}


def recreate() -> str:
    # SQLite rebuilds the table (copy, drop, rename); PostgreSQL alters it in place.
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, recreate=recreate()) as batch:
            batch.add_column(sa.Column("rehearsal", sa.Integer(), nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, recreate=recreate()) as batch:
            batch.drop_column("rehearsal")
'''


@pytest.fixture
def rehearsal_config(tmp_path: Path) -> Iterator[Config]:
    """The installed migrations plus a revision that rebuilds every table (as SQLite must)."""
    location = tmp_path / "migrations"
    with as_file(files("coder.migrations")) as installed:
        shutil.copytree(installed, location, ignore=shutil.ignore_patterns("__pycache__"))
    (location / "versions" / "9999_rehearsal.py").write_text(
        REHEARSAL.format(head=migrate.head_revision(), tables=POPULATED))
    config = Config()
    config.set_main_option("script_location", str(location))
    yield config


def test_rebuilding_tables_in_a_migration_keeps_rows(
    db_url: str, engine: Engine, rehearsal_config: Config
) -> None:
    """A batch-mode revision over every table goes down and up with foreign keys intact and
    rows unchanged: SQLite rebuilds tables there, which must not cascade-delete children."""
    populate(Store.open(db_url))
    migrate.upgrade(engine, config=rehearsal_config)
    assert revision_of(engine) == "9999_rehearsal"
    before = snapshot(engine)
    assert all(before[table] for table in POPULATED), "populate() should fill these tables"
    steps = steps_of(ScriptDirectory.from_config(rehearsal_config))
    assert steps[0] == ("9999_rehearsal", migrate.head_revision())
    step_down_and_up(engine, steps,
                     lambda rev: migrate.downgrade(engine, rev, config=rehearsal_config),
                     lambda rev: migrate.upgrade(engine, rev, config=rehearsal_config))
    after = snapshot(engine)
    assert {t: rows for t, rows in after.items() if t != "decision"} == {
        t: rows for t, rows in before.items() if t != "decision"}


# --- Store.open and revisions ------------------------------------------------------------------


def test_store_open_upgrades_an_empty_database_quietly(
    db_url: str, engine: Engine, capfd: pytest.CaptureFixture[str]
) -> None:
    """Opening an empty database creates the schema and prints nothing on either stream."""
    store = Store.open(db_url)
    assert store.revision() == migrate.head_revision()
    assert revision_of(engine) == migrate.head_revision()
    assert capfd.readouterr() == ("", "")


def test_store_open_refuses_tables_without_a_revision(db_url: str, engine: Engine) -> None:
    """A database with tables but no alembic revision is not ours to migrate."""
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE unrelated (id INTEGER PRIMARY KEY)"))
    with pytest.raises(StoreError, match="has tables but no coder schema revision"):
        Store.open(db_url)
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == ["unrelated"]


def test_store_open_names_coder_db_upgrade_for_another_revision(
    db_url: str, engine: Engine
) -> None:
    """A database at a revision this coder does not run is left alone, with what to run."""
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_unknown'"))
    with pytest.raises(StoreError, match="coder db upgrade") as raised:
        Store.open(db_url)
    assert "ffff_unknown" in str(raised.value)
    assert migrate.head_revision() in str(raised.value)
    assert revision_of(engine) == "ffff_unknown"


def test_store_open_names_coder_db_upgrade_for_an_older_revision(
    db_url: str, engine: Engine
) -> None:
    """A shared database one revision behind is not upgraded behind the team's back."""
    older = [s.down_revision for s in migrate.revisions() if isinstance(s.down_revision, str)]
    if not older:
        pytest.skip("only one revision exists: no older revision to stamp yet")
    migrate.upgrade(engine, older[0])
    with pytest.raises(StoreError, match="coder db upgrade"):
        Store.open(db_url)
    assert revision_of(engine) == older[0]
