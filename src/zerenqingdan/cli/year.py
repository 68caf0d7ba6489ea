"""年度：开始新的年度，查看各年度台账。"""

from __future__ import annotations

from typing import Annotated

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import workspace

app = typer.Typer(help=__doc__, no_args_is_help=True)


@app.command("start")
def start(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="新的年度，如 2027。", metavar="年度", show_default=False)],
) -> None:
    """开始新的年度：组织架构沿用，新建该年台账，上一年度的目录和台账原样保留。"""
    from zerenqingdan.newunit import start_year

    ws = workspace(ctx)
    started = start_year(ws, year)
    old = started.previous
    for line in started.notices:
        output.say(line)
    output.success(f"已开始 {year} 年度；{old} 年度的台账和文件保持原样")
    for line in started.created:
        output.say(f"  新建 {line}")
    if started.outstanding:
        late = f"，其中 {started.overdue} 项已逾期" if started.overdue else ""
        until = "完成为止" if started.report_filed else f"完成或 {old} 年度报告报送为止"
        output.warn(f"{old} 年度尚有 {started.outstanding} 项未完成{late}：zr status 和 zr due 会继续列出（标明"
                    f"“{old} 年度”），直到{until}")
    if ws.catalog_path.is_file():
        output.say(f"本单位目录 catalog.toml 沿用；如要按最新预设刷新：zr catalog reset --force（原文件会备份）")
    output.say(f"{old} 年度的报告：zr report --year {old}；zr plan、status、docs、log list 均可加 --year {old}")


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """列出各年度的台账及记录数，标出当前年度。"""
    ws = workspace(ctx)
    current = ws.load_org().unit.year
    years = sorted(set(ws.years()) | {current})
    for year in years:
        ledger = ws.load_ledger(year) if ws.ledger_path(year).exists() else None
        count = len(ledger.valid()) if ledger else 0
        mark = "（当前年度）" if year == current else ""
        output.say(f"{year} 年度{mark}：{count} 条有效记录" + ("" if ledger else "（尚无台账）"))
