"""The one output module. Plain lines go straight to the streams (fast, and
user text is never read as markup); tables and trees use Rich, loaded lazily
with markup off. Errors and warnings go to stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable


# characters a terminal would act on rather than show (ESC sequences, CR,
# backspace, bidi overrides, line separators): shown as \\uXXXX instead
_UNSAFE = {c: f"\\u{c:04x}" for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                                     0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


_JSON_UNSAFE = {c: v for c, v in _UNSAFE.items() if c >= 0x7F}


def visible(text: str) -> str:
    """``text`` with every control character made visible (newlines and
    tabs, which zr's own lines use, are kept)."""
    return text.translate(_UNSAFE)


def _colour(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _paint(text: str, code: str, stream) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if _colour(stream) else text


def say(text: str = "") -> None:
    text = visible(text)
    if "\ue000" in text and _colour(sys.stdout):  # colour marked by cli/plain.paint
        import re

        text = re.sub("\ue000([0-9;]{1,8}m)", "\x1b[\\1", text)
    sys.stdout.write(text + "\n")


def success(text: str) -> None:
    sys.stdout.write(_paint("✓ ", "32", sys.stdout) + visible(text) + "\n")


def warn(text: str) -> None:
    sys.stderr.write(_paint("注意：", "33", sys.stderr) + visible(text) + "\n")


def error(text: str, details: Iterable[str] = ()) -> None:
    sys.stderr.write(_paint("错误：", "31;1", sys.stderr) + visible(text) + "\n")
    for line in details:
        sys.stderr.write(f"  {visible(line)}\n")


def emit_json(data) -> None:
    import json

    # JSON escapes C0 controls itself; the rest are escaped here (still valid JSON)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_UNSAFE) + "\n")


def console(stderr: bool = False):
    """A Rich console that never interprets user text as markup or emoji."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # piped or redirected: no terminal width to fit, so never wrap or cut (a file, Excel, grep read whole lines)
    wide = {} if stream.isatty() else {"width": 1000}
    return Console(stderr=stderr, markup=False, highlight=False, emoji=False, **wide)


def written(item, prefix: str = "已生成") -> None:
    """A generated file (``outputs.Written``), and where an edited earlier
    version of it was kept."""
    from zerenqingdan.storage import display_path

    say(f"{prefix} {display_path(item.path)}")
    if item.kept is not None:
        warn(f"{display_path(item.path)} 在 zr 生成后被修改过（如在 Word/WPS 中编辑），"
             f"原文件已另存为 {display_path(item.kept)}，没有丢失")
