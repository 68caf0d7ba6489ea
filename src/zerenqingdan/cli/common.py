"""What several commands share: finding the workspace, reading dates and names."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

from zerenqingdan.dates import parse_date
from zerenqingdan.org.chart import OrgChart
from zerenqingdan.workspace import Workspace, find_workspace


def directory(ctx: typer.Context) -> str | None:
    """The --dir given before the command (ZR_DIR is read by the option too)."""
    root = ctx.find_root()
    return (root.obj or {}).get("dir") if isinstance(root.obj, dict) else None


def workspace(ctx: typer.Context) -> Workspace:
    return find_workspace(directory(ctx))


def day_option(text: str | None, org: OrgChart, what: str = "日期") -> dt.date:
    """A typed date, or the default day (today, kept inside the workspace year)."""
    if not text:
        return org.default_day()
    return parse_date(text, year=org.unit.year, what=what)


def split_option(values: list[str] | None) -> list[str]:
    from zerenqingdan.org.names import split_list

    out: list[str] = []
    for value in values or []:
        out.extend(split_list(value))
    return out
