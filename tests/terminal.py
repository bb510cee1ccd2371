"""A real terminal for tests: a private tmux server per test, keys in, screen out.

Each test gets its own server (`tmux -L <unique>`, the `sock` fixture in conftest.py) and
kills that one only.
"""

from __future__ import annotations

import subprocess
import time


def tmux(sock: str, *args: str) -> str:
    """Run a tmux command on the test's private server; what it printed."""
    done = subprocess.run(["tmux", "-L", sock, *args], check=True, capture_output=True,
                          text=True)
    return done.stdout


def wait_for(sock: str, text: str, timeout: float = 20.0) -> str:
    """Poll the pane until `text` shows; the screen it showed on."""
    deadline = time.monotonic() + timeout
    while text not in (screen := tmux(sock, "capture-pane", "-p")):
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared:\n{screen}")
        time.sleep(0.05)
    return screen
