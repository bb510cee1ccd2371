"""Shared fixtures: a store URL on SQLite and on PostgreSQL, and the paths of shared data.

`db_url` runs each test that takes it twice: on a SQLite file under tmp_path and on a fresh
PostgreSQL database created on the server named by CODER_TEST_PG (contracts.md 6). Locally,
with the variable unset, the PostgreSQL half is skipped; in CI (CI=true) it fails instead,
because a green run that never touched PostgreSQL would prove nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from coder.engine.gazetteer import Gazetteer, default_cache_dir, load_gazetteer

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_ARTICLE = REPO / "seeds" / "panjshir-2021-08-24.txt"


def shared_file(name: str) -> Path:
    """A file of ../shared/data, or a clean skip saying it is absent (never in CI)."""
    path = SHARED / "data" / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repo")
        pytest.skip(f"{path} is absent: real ACLED samples live in ../shared/data")
    return path


def _pg_server() -> str:
    url = os.environ.get("CODER_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CODER_TEST_PG is not set: CI must test PostgreSQL")
        pytest.skip("CODER_TEST_PG is not set: PostgreSQL tests skipped locally")
    return url


def fresh_pg_database() -> tuple[str, str]:
    """Create an empty database on the test server; returns (its URL, the server URL)."""
    server = _pg_server()
    name = f"coder_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    return url, server


def drop_pg_database(url: str, server: str) -> None:
    """Drop a test database, ending any connection a test left open."""
    name = make_url(url).database
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def empty_store_url(backend: str, path: Path) -> Iterator[str]:
    """An empty store on `backend`: a SQLite file at `path`, or a fresh PostgreSQL database
    dropped afterwards. For fixtures (`yield from`)."""
    if backend == "sqlite":
        yield f"sqlite:///{path}"
        return
    url, server = fresh_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url, server)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store URL, once on SQLite and once on PostgreSQL."""
    yield from empty_store_url(request.param, tmp_path / "coder.db")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty SQLite store URL (for tests whose subject is not the backend)."""
    return f"sqlite:///{tmp_path / 'coder.db'}"


def assert_bad_input(result: Result, *expected: str) -> None:
    """Exit 2, nothing on stdout, one `Error:` line naming what went wrong, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert all(text in lines[0] for text in expected), lines[0]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.fixture
def sock() -> Iterator[str]:
    """A private tmux server name, killed (only it) at teardown."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing: CI must install it (.ci/run)")
        pytest.skip("tmux is not installed: the real-terminal test needs it")
    name = f"coder-test-{uuid.uuid4().hex[:10]}"
    try:
        yield name
    finally:
        subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True, check=False)


@pytest.fixture(scope="session")
def shared_cache() -> Path:
    """The place-index cache every `coder` command under test reads: the default one, the
    user's (a built index is the same whoever builds it). Tests that need a cold or edited
    cache make their own under tmp_path."""
    return default_cache_dir()


@pytest.fixture(scope="session", autouse=True)
def _warm_place_index(shared_cache: Path) -> None:
    # A command that finds no index builds it (10 s) and says so on stderr once: built before
    # any test, no test's output depends on whether it ran first. Workers building at the same
    # time are safe (the cache file is replaced atomically).
    load_gazetteer(shared_cache)


@pytest.fixture(scope="session")
def gazetteer(shared_cache: Path) -> Gazetteer:
    """The place index of the seeds and GeoNames (loaded from the warm cache)."""
    return load_gazetteer(shared_cache)
