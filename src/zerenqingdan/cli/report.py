"""报告：年度履行主体责任情况报告、监督责任报告、个人述责述廉数据表。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import directory


def report(
    ctx: typer.Context,
    out: Annotated[Optional[Path], typer.Option("-o", "--out", help="输出文件（默认 out/ 下按年度命名）。", metavar="文件", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="统计截至哪一天（默认今天）。", show_default=False)] = None,
    member: Annotated[Optional[str], typer.Option("--member", help="改为生成此人的述责述廉数据表。", show_default=False)] = None,
    supervision: Annotated[bool, typer.Option("--supervision", help="改为生成纪检机构履行监督责任情况的报告。")] = False,
    year: Annotated[Optional[str], typer.Option("--year", help="哪一年（默认 zr.toml 中的工作年度）。", show_default=False)] = None,
) -> None:
    """年度履行党风廉政建设主体责任情况报告（Word），数字全部来自台账。"""
    from zerenqingdan.cli.actions import load_year
    from zerenqingdan.storage import safe_filename
    from zerenqingdan.org.names import resolve_member
    from zerenqingdan.documents.report import gather, write_report, write_statement

    ws, plan, ledger, day = load_year(directory(ctx), as_of, year)
    org = plan.org
    inputs = gather(plan, ledger, day, ws.entries_until(org.unit.year, day, ledger))
    year = org.unit.year
    if member:
        person = resolve_member(org, member, day)
        path = out or ws.out_dir / safe_filename(f"{year}_述责述廉数据表_{org.label(person.id, day)}.docx")
        done = write_statement(inputs, person.id, path, ws.templates_dir)
    elif supervision:
        path = out or ws.out_dir / f"{year}_履行党风廉政建设监督责任情况的报告.docx"
        done = write_report(inputs, path, ws.templates_dir, supervision=True)
    else:
        path = out or ws.out_dir / f"{year}_履行党风廉政建设主体责任情况的报告.docx"
        done = write_report(inputs, path, ws.templates_dir)
    output.written(done, "✓ 已生成")
    output.say(f"  统计截至 {day.isoformat()}")
