"""The one output module. Plain lines go straight to the streams (fast, and
user text is never read as markup); tables and trees use Rich, loaded lazily
with markup off. Errors and warnings go to stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable


def _colour(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _paint(text: str, code: str, stream) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if _colour(stream) else text


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def success(text: str) -> None:
    sys.stdout.write(_paint("✓ ", "32", sys.stdout) + text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(_paint("注意：", "33", sys.stderr) + text + "\n")


def error(text: str, details: Iterable[str] = ()) -> None:
    sys.stderr.write(_paint("错误：", "31;1", sys.stderr) + text + "\n")
    for line in details:
        sys.stderr.write(f"  {line}\n")


def emit_json(data) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def console(stderr: bool = False):
    """A Rich console that never interprets user text as markup or emoji."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, highlight=False, emoji=False)
