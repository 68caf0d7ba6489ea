"""A unit's figures as the superior 纪委 reads them: one line per unit.

The same numbers the unit's own ``zr status`` gives (each person's required,
done, overdue; their sums), plus what a 纪委 asks of a unit's ledger: how the
leaders stand on their own duties ("四个一" where the regime has it, 003
第十一条6; else every 班子成员 duty, the 一岗双责), and how many records
were typed long after the day (补记). ``zr export bundle`` writes them into
its manifest; ``zr rollup import`` works them out again from the bundle's
files and refuses a bundle whose figures differ.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from zerenqingdan.ledger.progress import Progress, summarise
from zerenqingdan.ledger.store import Entry

FOUR_ONES = ("L-hear", "L-talk-heads", "L-heart", "L-lecture")  # 003 第十一条6, in the procuratorate preset
from zerenqingdan.ledger.backfill import LATE_DAYS  # noqa: E402  (one definition of 补记)


class UnitFigures(NamedTuple):
    required: int
    done: int
    overdue: int
    due_soon: int
    people: int  # people with duties
    leaders: int  # 班子成员 with duties of their own
    leaders_on_track: int  # of those, with nothing overdue in ``leader_scope``
    leader_required: int
    leader_done: int
    leader_scope: str  # 四个一 or 一岗双责
    records: int  # valid records of the year
    timed: int  # of those, with a recorded-at time
    late: int  # of those, recorded more than LATE_DAYS after their date

    @property
    def percent(self) -> int:
        return 100 if self.required == 0 else round(100 * self.done / self.required)

    @property
    def leader_percent(self) -> int:
        return 100 if self.leader_required == 0 else round(100 * self.leader_done / self.leader_required)

    @property
    def late_percent(self) -> int:
        return 0 if self.timed == 0 else round(100 * self.late / self.timed)

    def as_json(self) -> dict:
        return {**self._asdict(), "percent": self.percent, "leader_percent": self.leader_percent,
                "late_percent": self.late_percent}


def late_days(entry: Entry) -> int | None:
    """Days between a record's date and the day it was typed in, or None. The day
    is read on the recording machine's own clock (the offset zr wrote with it),
    so the unit and its 纪委 count the same whatever their time zones."""
    if entry.recorded_at is None:
        return None
    return (entry.recorded_at.date() - entry.date).days


def has_four_ones(catalog) -> bool:
    """Whether the regime has all of the "四个一" (003 第十一条6): the unit's report and the roll-up ask alike."""
    return set(FOUR_ONES) <= {d.id for d in catalog.duties}


def unit_figures(rows: list[Progress], entries: list[Entry], year: int, catalog) -> UnitFigures:
    """``rows`` from ``measure_plan``; ``entries`` the valid records of the year."""
    summary = summarise(rows)
    four = has_four_ones(catalog)
    scope = "四个一" if four else "一岗双责"
    mine: dict[str, list[Progress]] = {}
    for r in rows:
        duty = r.obligation.duty
        if duty.holder == "leader" and (duty.id in FOUR_ONES if four else True):
            mine.setdefault(r.obligation.holder, []).append(r)
    leader_rows = [r for group in mine.values() for r in group
                   if r.state not in ("as_needed", "unit_defined", "open") and not r.obligation.duty.unit_defined]
    on_track = sum(1 for group in mine.values() if not any(r.state == "overdue" for r in group))
    own = [e for e in entries if e.date.year == year]
    delays = [late_days(e) for e in own]
    timed = [d for d in delays if d is not None]
    return UnitFigures(
        required=sum(s.required for s in summary), done=sum(s.done for s in summary),
        overdue=sum(s.overdue for s in summary), due_soon=sum(s.due_soon for s in summary),
        people=len(summary), leaders=len(mine), leaders_on_track=on_track,
        leader_required=sum(r.required for r in leader_rows),
        leader_done=sum(min(r.done, r.required) for r in leader_rows), leader_scope=scope,
        records=len(own), timed=len(timed), late=sum(1 for d in timed if d > LATE_DAYS),
    )


def summary_json(rows: list[Progress], org, day: dt.date | None = None) -> list[dict]:
    """Each person's line, exactly as ``zr status --json`` gives it."""
    return [
        {"holder": s.member, "name": org.member(s.member).name, "label": org.label(s.member, day),
         "required": s.required, "done": s.done, "percent": s.percent, "overdue": s.overdue, "due_soon": s.due_soon}
        for s in summarise(rows)
    ]
