"""Errors that carry where bad input was found. Imports nothing from coder.

The readers that meet bad input know the file, line and field; `cli` renders the error
once, as one stderr line, and exits 2 (contracts.md 2).
"""

from __future__ import annotations


class InputError(Exception):
    """Bad input at a file, line and field: `FILE:LINE: field: reason`."""

    def __init__(self, path: str, line: int, field: str, reason: str) -> None:
        super().__init__(f"{path}:{line}: {field}: {reason}")
        self.path = path
        self.line = line
        self.field = field
        self.reason = reason


class StoreError(Exception):
    """The store cannot serve the request as asked (wrong revision, unknown URL scheme)."""


def first_line(exc: BaseException) -> str:
    """An exception's message cut to its first line: driver errors (psycopg) span several,
    and the command line prints one line per error."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
