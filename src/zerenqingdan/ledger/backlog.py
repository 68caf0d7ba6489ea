"""Last year's backlog: what the year before still owes once a new year has begun.

In January the office must still see what is missing from last year. Every
obligation of the year before that is not done stays in view (marked with its
year) until it is done or the unit's report on that year has been filed; after
the report, only the duties that fall due in the new year (the report itself,
the heads' reports on the year, minutes of a late-December meeting) remain.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from zerenqingdan.ledger.progress import UNMEASURED, Progress, measure_plan
from zerenqingdan.org.chart import OrgChart
from zerenqingdan.plan import build_plan


class Backlog(NamedTuple):
    year: int
    org: OrgChart  # the chart read against that year
    rows: list[Progress]  # not done, measured against a quota
    report_filed: bool


def year_report_rows(catalog, rows: list[Progress]) -> list[Progress]:
    """The rows of the unit's own report on the year (``Catalog.year_report``):
    its last slot (004's report at 12月底, not the one at 6月底)."""
    duty = catalog.year_report()
    mine = [r for r in rows if duty is not None and r.obligation.duty.id == duty.id and r.obligation.trigger is None]
    last = max((r.obligation.slot.due for r in mine), default=None)
    return [r for r in mine if r.obligation.slot.due == last]


def backlog(workspace, org: OrgChart, day: dt.date) -> Backlog | None:
    """The year before ``org``'s working year, as of ``day``: None when that
    year has no ledger (a unit that began this year) or cannot be read."""
    from zerenqingdan.errors import ConfigError

    last = org.unit.year - 1
    if not workspace.ledger_path(last).is_file():
        return None
    try:
        old = org.for_year(last)
        plan = build_plan(old, workspace.load_catalog(old, last))
        rows = measure_plan(plan, workspace.entries_until(last, day), day)
    except ConfigError:
        return None
    reports = year_report_rows(plan.catalog, rows)
    filed = bool(reports) and all(r.state == "done" for r in reports)
    open_rows = [r for r in rows if r.state != "done" and r.state not in UNMEASURED]
    if filed:  # only what falls due in the new year stays in view
        open_rows = [r for r in open_rows if r.obligation.slot.due > old.unit.end]
    return Backlog(last, old, open_rows, filed)
