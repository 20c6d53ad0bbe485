"""Killing a Chromium at once, as a tablet that runs out of power or memory does:
no page gets to run anything. Used by the tests and by the soak (bench/soak.py)."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path
from typing import Any


def browser_processes(folder: str) -> list[int]:
    """The processes of the Chromium started with its profile in ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if folder.encode() in command and b"chrom" in command:
            found.append(int(entry.name))
    return found


def kill_browser(context: Any, folder: str) -> None:
    """Kills the Chromium whose profile is in ``folder``, then forgets its context."""
    for pid in browser_processes(folder):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(Exception):  # the browser is gone, as intended
        context.close()
