"""导出：把台账、进度和责任清单导出为 Excel 工作簿，交给上级或自己用 Excel/WPS 整理。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import directory

app = typer.Typer(help=__doc__, no_args_is_help=True)


@app.command("xlsx")
def xlsx(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="输出的 Excel 文件（.xlsx）。", metavar="文件", show_default=False)],
    year: Annotated[Optional[str], typer.Option("--year", help="哪一年（默认 zr.toml 中的工作年度）。", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="进度统计截至哪一天（默认今天）。", show_default=False)] = None,
) -> None:
    """导出 Excel 工作簿：“台账”（全部记录，作废的注明，佐证材料的 SHA-256）、“进度”（每项每期的完成情况）、
    “责任清单”；中文表头、冻结首行、可筛选，日期是 Excel 能排序的日期。"""
    from zerenqingdan.cli.actions import load_year
    from zerenqingdan.exports.xlsx import write_workbook
    from zerenqingdan.ledger.progress import measure_plan

    ws, plan, ledger, day = load_year(directory(ctx), as_of, year)
    org = plan.org
    rows = measure_plan(plan, ws.entries_until(org.unit.year, day, ledger), day)
    done = write_workbook(file, org, plan, ledger, rows, day)
    output.written(done, "✓ 已导出")
    output.say(f"  台账 {len(ledger.entries)} 条、进度 {len(rows)} 行；统计截至 {day.isoformat()}")
