"""A wheel built from the repo carries code, migrations and seeds under `coder` (contracts.md 1).

The wheel is built offline from a copy of the source (so no build/ lands in the checkout), then
unpacked into a target directory and run from elsewhere: migrations and seeds must come from
inside the installed package, never from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from coder import migrate

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
# Folder in the repo -> where it lands in the wheel (pyproject's package-dir).
LANDS_AT = {"coder": "coder", "schema": "coder/schema", "migrations": "coder/migrations",
            "seeds": "coder/seeds"}
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    for folder in LANDS_AT:
        shutil.copytree(REPO / folder, source / folder, ignore=SKIP)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out)],
        cwd=source, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("acled_coder-*.whl")
    return built


@pytest.fixture(scope="module")
def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.parametrize("path", [
    "coder/schema/codebook.py",
    "coder/migrations/env.py",
    "coder/migrations/versions/0001_initial.py",
    "coder/migrations/script.py.mako",
    "coder/seeds/panjshir-2021-08-24.txt",
    "coder/__main__.py",
])
def test_wheel_contains(names: set[str], path: str) -> None:
    assert path in names


def test_wheel_installs_nothing_beside_coder(names: set[str]) -> None:
    """PyPI's `schema` lives at the top of site-packages: ours must not land there."""
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"coder"}


def test_wheel_carries_every_source_and_seed_file(names: set[str]) -> None:
    """A new subpackage or seed file type missing from pyproject would be left out silently."""
    missing = [
        f"{folder}/{path.relative_to(REPO / folder).as_posix()}"
        for folder, target in LANDS_AT.items()
        for path in sorted((REPO / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        and f"{target}/{path.relative_to(REPO / folder).as_posix()}" not in names
    ]
    assert missing == []


def test_wheel_declares_the_coder_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
        assert "coder = coder.cli:cli" in archive.read(entry_points).decode()


def test_unpacked_wheel_migrates_and_reads_seeds_from_anywhere(
    wheel: Path, tmp_path: Path
) -> None:
    """Run from an empty directory with the wheel's files first on the path, not the checkout."""
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("CODER_DB", None)
    probe = ("import coder, coder.migrate as m; from importlib.resources import files; "
             "print(coder.__file__); print(m.head_revision()); "
             "print(files('coder.seeds').joinpath('panjshir-2021-08-24.txt').is_file())")
    done = subprocess.run([sys.executable, "-c", probe], cwd=work, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    where, head, seed = done.stdout.splitlines()
    assert Path(where).is_relative_to(target)
    assert head == migrate.head_revision()  # the same revisions as the checkout
    assert seed == "True"

    done = subprocess.run([sys.executable, "-m", "coder", "db", "upgrade"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"database at revision {head}"
    assert (work / "coder.db").is_file()
