"""The README's promises: two quick-start commands, the second is what CI runs, every
command of the CLI is in the tour."""

from __future__ import annotations

import re

from conftest import REPO

from coder.cli import cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_quick_start_has_exactly_two_one_line_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert commands[0].endswith("coder code"), "the first command starts the coding session"
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(quick_start_commands()[1]) for line in ci)


def test_every_command_is_in_the_tour() -> None:
    for name in cli.commands:
        assert f"coder {name}" in README, f"README does not show `coder {name}`"
