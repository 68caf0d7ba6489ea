"""What this run has written for good, so that a failure after a write never
tells the user that nothing was written (and a retry makes a duplicate).

Core code notes each durable write as it completes; the CLI's error handler
reads the notes when something fails later (printing, a broken pipe).
"""

from __future__ import annotations

written: list[str] = []
# the workspace, when it was found in a folder above the current one (shown with what was written)
found_above: str = ""


def note(text: str) -> None:
    written.append(text)


def clear() -> None:
    global found_above
    written.clear()
    found_above = ""
