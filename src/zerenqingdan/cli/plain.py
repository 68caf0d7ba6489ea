"""Plain terminal text without Rich: aligned tables that count a Chinese
character as two columns, and colour only on a terminal (never with NO_COLOR)."""

from __future__ import annotations

import os
import sys
import unicodedata

_STATE_CODES = {"done": "32", "due_soon": "33", "overdue": "31;1", "as_needed": "2", "on_track": ""}


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


# colour is marked with two private-use characters and turned into ESC
# sequences by output.say only after user text has been made harmless
PAINT_START = "\ue000"


def paint(text: str, code: str) -> str:
    return f"{PAINT_START}{code}m{text}{PAINT_START}0m" if code and _colour() else text


def bold(text: str) -> str:
    return paint(text, "1")


def state(text: str, name: str) -> str:
    return paint(text, _STATE_CODES.get(name, ""))


def table(rows: list[list[str]]) -> list[str]:
    """Rows of cells as aligned lines; the first row is the header."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for index, row in enumerate(rows):
        cells = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)]
        line = "  ".join(cells).rstrip()
        out.append(bold(line) if index == 0 else line)
        if index == 0:
            out.append("  ".join("─" * (w // 1) for w in widths))
    return out
