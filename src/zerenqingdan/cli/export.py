"""导出：台账、进度和责任清单导出为 Excel 工作簿；上报上级纪委的数据包（zr export bundle）。"""

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


@app.command("bundle")
def bundle(
    ctx: typer.Context,
    file: Annotated[Optional[Path], typer.Option("-o", "--output", help="输出的上报文件（.zip，默认 out/单位名称年度台账上报-日期.zip）。",
                                                 metavar="文件", show_default=False)] = None,
    year: Annotated[Optional[str], typer.Option("--year", help="哪一年（默认 zr.toml 中的工作年度）。", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="统计截至哪一天（默认今天）。", show_default=False)] = None,
    with_evidence: Annotated[bool, typer.Option("--with-evidence", help="把佐证材料文件一并打包（默认只列出其 SHA-256）。")] = False,
) -> None:
    """导出上报上级纪委的数据包（.zip），上级用 zr rollup import 汇总，不必重新录入。

    包中有 zr.toml、责任清单、本年度台账和 manifest.json（单位名称和代码、年度、统计截至日、
    每个文件的 SHA-256、条数和完成情况）。"""
    from zerenqingdan import outputs
    from zerenqingdan.cli.actions import load_year
    from zerenqingdan.exports.bundle import build_bundle, default_name
    from zerenqingdan.ledger.progress import measure_plan

    from zerenqingdan.storage import locked
    from zerenqingdan.workspace import find_workspace

    with locked(find_workspace(directory(ctx)).lock_path):  # the ledger read once, as it is packed: no zr log between
        ws, plan, ledger, day = load_year(directory(ctx), as_of, year)
        org = plan.org
        target = outputs.prepare(file if file is not None else ws.out_dir / default_name(org, day), ".zip")
        entries = ws.entries_until(org.unit.year, day, ledger)
        rows = measure_plan(plan, entries, day)
        data, body, warnings = build_bundle(ws, plan, ledger, entries, rows, day, with_evidence)
        for line in warnings:
            output.warn(line)
        done = outputs.write(target, data)
    output.written(done, "✓ 已导出上报数据包")
    figures = body["figures"]
    packed = sum(1 for e in body["evidence"] if e["included"])
    output.say(f"  {org.unit.name}（代码 {org.unit.code}）{org.unit.year} 年度，统计截至 {day.isoformat()}："
               f"记录 {body['counts']['records']} 条（作废 {body['counts']['voids']} 条），"
               f"完成率 {figures['percent']}%，逾期 {figures['overdue']} 项；"
               f"佐证材料 {len(body['evidence'])} 份" + (f"，已打包 {packed} 份" if with_evidence else "（只列出 SHA-256，未打包）"))
