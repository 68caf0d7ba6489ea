"""补记: records typed into the ledger long after the day, or after the
deadline of the period they count for. The unit sees the mark where it
records and reads (zr log, log show, log list, status, the report's
attachment, the workbook) — never first from its 纪委.

A correction (zr log fix) is not late entry: the corrected copy names the
record it replaces, and its lateness is the original's.
"""

from __future__ import annotations

import datetime as dt

from zerenqingdan.ledger.store import Entry

LATE_DAYS = 30  # 补记: recorded more than this many days after the date


def first_recorded(entry: Entry, by_id: dict[str, Entry] | None = None) -> dt.datetime | None:
    """When the record was first typed in: a correction's is its original's."""
    seen = set()
    while entry.replaces and by_id and entry.replaces in by_id and entry.replaces not in seen:
        seen.add(entry.replaces)
        entry = by_id[entry.replaces]
    return entry.recorded_at


def days_late(entry: Entry, by_id: dict[str, Entry] | None = None) -> int | None:
    """Days between the record's date and the day it was first typed in (the
    recording machine's own clock), or None when zr has no recorded-at."""
    recorded = first_recorded(entry, by_id)
    return None if recorded is None else (recorded.date() - entry.date).days


def backfill_note(entry: Entry, by_id: dict[str, Entry] | None = None, due: dt.date | None = None) -> str:
    """``补记（事后 45 天录入）``, ``补记（录入时已过截止日 3月31日）``, or "" for a record typed in time."""
    recorded = first_recorded(entry, by_id)
    if recorded is None:
        return ""
    days = (recorded.date() - entry.date).days
    if days > LATE_DAYS:
        return f"补记（事后 {days} 天录入）"
    if due is not None and entry.date <= due < recorded.date():
        return f"补记（录入时已过截止日 {due.month}月{due.day}日）"
    return ""
