"""Imports flow one way: schema <- store <- engine <- session <- cli (style.md §2).

Every module under coder/ and schema/ is parsed (not imported) and its `coder...` imports,
including those inside functions and TYPE_CHECKING blocks, are checked against the layering.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Folder in the repo -> the import package it installs as (pyproject's package-dir).
PACKAGES = {"coder": "coder", "schema": "coder.schema"}


def module_name(path: Path) -> str:
    top, *rest = path.relative_to(REPO).with_suffix("").parts
    parts = [*PACKAGES[top].split("."), *rest]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of ours, by import name."""
    return {module_name(path): path
            for folder in PACKAGES for path in sorted((REPO / folder).rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The coder modules `name` imports (`from coder import store` counts as coder.store)."""
    path = modules()[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if f"{base}.{alias.name}" in modules())
    return {m for m in found if m == "coder" or m.startswith("coder.")}


def under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def ours(prefix: str) -> list[str]:
    return [m for m in sorted(modules()) if under(m, prefix)]


def test_the_parser_sees_imports() -> None:
    """A guard for the tests below: they pass vacuously if no import is found."""
    assert {"coder.schema", "coder.schema.codebook", "coder.schema.events",
            "coder.schema.models", "coder.store", "coder.cli", "coder.errors"} <= set(modules())
    assert "coder.migrate" in imports_of("coder.store")
    assert "coder.schema.codebook" in imports_of("coder.schema.events")
    assert "coder.cli" in imports_of("coder.__main__")


@pytest.mark.parametrize("module", ours("coder.schema"))
def test_schema_imports_only_schema(module: str) -> None:
    assert {m for m in imports_of(module) if not under(m, "coder.schema")} == set()


# style.md §2: engine/knowledge.py alone reads the seeds (the country table included) and
# engine/taught.py the store, into one immutable Knowledge.
ENGINE_MAY_IMPORT = {"coder.engine.knowledge": ("coder.store", "coder.countries"),
                     "coder.engine.taught": ("coder.store",)}


@pytest.mark.parametrize("module", ours("coder.engine"))
def test_engine_imports_only_schema_and_engine(module: str) -> None:
    allowed = ("coder.schema", "coder.engine", *ENGINE_MAY_IMPORT.get(module, ()))
    assert {m for m in imports_of(module)
            if m != "coder" and not any(under(m, a) for a in allowed)} == set()


@pytest.mark.parametrize("module", [m for m in sorted(modules()) if m != "coder.__main__"])
def test_nothing_imports_the_cli(module: str) -> None:
    """Only `python -m coder` (coder/__main__.py) starts the command line."""
    assert not any(under(m, "coder.cli") for m in imports_of(module))


def test_store_does_not_import_the_layers_above_it() -> None:
    above = ("coder.engine", "coder.session", "coder.cli")
    assert {m for m in imports_of("coder.store") if any(under(m, a) for a in above)} == set()


def test_errors_import_nothing_from_coder() -> None:
    assert imports_of("coder.errors") == set()


def test_the_cli_loads_the_engine_only_for_commands_that_run_it() -> None:
    """`coder export`, `import`, `stats` and `db` start without the engine's 0.3 s of loading."""
    probe = ("import sys, coder.cli; print(' '.join(sorted(m for m in sys.modules "
             "if m.startswith(('coder.engine.', 'coder.suggesting', 'coder.session', "
             "'coder.training', 'textual')))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    # evaluate.py is pure scoring (no knowledge, no gazetteer): `--min` names come from it.
    assert done.stdout.split() == ["coder.engine.evaluate"]


def test_suggest_without_a_store_never_loads_sqlalchemy(tmp_path: Path) -> None:
    """The store layer is a third of `coder suggest`'s start-up (issue 4: within 1.5 s); a run
    without --db never opens a store, so it must not pay for one. With --db it does."""
    probe = ("import sys\nfrom coder.cli import cli\n"
             "try:\n    cli.main(sys.argv[1:], prog_name='coder')\n"
             "except SystemExit as done:\n    assert not done.code, done.code\n"
             "print('loaded:', *sorted({m.split('.')[0] for m in sys.modules} "
             "& {'sqlalchemy', 'sqlmodel', 'alembic'}), file=sys.stderr)")
    line = '{"text": "Gunmen killed 3 villagers in Gwoza on Sunday.", "published": "2021-09-06"}\n'

    def loaded(*args: str) -> list[str]:
        done = subprocess.run([sys.executable, "-c", probe, *args], input=line,
                              capture_output=True, text=True, check=True)
        assert '"events"' in done.stdout  # the command answered
        return done.stderr.splitlines()[-1].split()[1:]

    assert loaded("suggest") == []
    db = tmp_path / "learned.db"
    assert "sqlalchemy" in loaded("suggest", "--db", f"sqlite:///{db}")
