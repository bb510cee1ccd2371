"""Settings every layer shares, importing nothing (the command line reads them before it
knows whether a command opens the store at all)."""

from __future__ import annotations

from typing import Final

# The embedded default store: a SQLite file in the working directory (contracts.md 2).
DEFAULT_URL: Final = "sqlite:///coder.db"
