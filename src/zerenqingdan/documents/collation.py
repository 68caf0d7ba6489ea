"""Official order for lists of names: by the surname's stroke count (姓氏笔画).

Uses ICU's Chinese stroke collation (``zh@collation=stroke``) through the
PyICU wheels; loaded only when a document is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

T = TypeVar("T")


@cache
def _collator():
    try:
        import icu
    except ImportError:  # pragma: no cover - the dependency is declared
        return None
    return icu.Collator.createInstance(icu.Locale("zh@collation=stroke"))


def stroke_key(name: str):
    collator = _collator()
    if collator is None:  # pragma: no cover
        return name
    return collator.getSortKey(name)


def stroke_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """Sort by stroke order of ``key(item)``; ties keep their given order."""
    return sorted(items, key=lambda item: stroke_key(key(item)))
