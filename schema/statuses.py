"""The statuses an event row goes through, without the tables (no SQLAlchemy to import).

The command line needs these names to build its options before it knows whether the command
touches the store at all (`coder suggest` without `--db` never does).
"""

from __future__ import annotations

from typing import Final

# "withdrawn": a coder took back their confirmation or rejection (undo in `coder code`);
# the row stays so that event_history remains append-only (migration 0002).
EVENT_STATUSES: Final = ("suggested", "confirmed", "rejected", "adjudicated", "imported",
                         "withdrawn")
# What `coder export` writes unless told otherwise (contracts.md 5).
EXPORTED_STATUSES: Final = ("confirmed", "adjudicated", "imported")
