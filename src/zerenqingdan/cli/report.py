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
    number: Annotated[Optional[str], typer.Option("--number", help="发文字号，如 某党发〔2026〕12号（覆盖 report-年度.toml）。", metavar="文字", show_default=False)] = None,
    signer: Annotated[Optional[str], typer.Option("--signer", help="签发人（覆盖 report-年度.toml）。", metavar="姓名", show_default=False)] = None,
    cc: Annotated[Optional[str], typer.Option("--cc", help="抄送单位，多个用逗号或顿号分隔（覆盖 report-年度.toml）。", metavar="单位", show_default=False)] = None,
    notes: Annotated[bool, typer.Option("--notes", help="生成 report-年度.toml：发文字号、签发人、抄送和各项成效由本单位填写。")] = False,
) -> None:
    """年度履行党风廉政建设主体责任情况报告（Word），数字全部来自台账；
    发文字号、签发人、抄送和各项成效写在 report-年度.toml 中（zr report --notes 生成）。"""
    from zerenqingdan.cli.actions import load_year
    from zerenqingdan.storage import safe_filename
    from zerenqingdan.org.names import resolve_member
    from zerenqingdan.documents.notes import load_notes, notes_path
    from zerenqingdan.documents.report import gather, write_report, write_statement

    ws, plan, ledger, day = load_year(directory(ctx), as_of, year)
    org = plan.org
    inputs = gather(plan, ledger, day, ws.entries_until(org.unit.year, day, ledger))
    year = org.unit.year
    notes_file = notes_path(ws.root, year)
    if notes:
        _write_notes_stub(inputs, notes_file)
        return
    if member:
        person = resolve_member(org, member, day)
        path = out or ws.out_dir / safe_filename(f"{year}_述责述廉数据表_{org.label(person.id, day)}.docx")
        done = write_statement(inputs, person.id, path, ws.templates_dir)
    else:
        section = "supervision" if supervision else "report"
        extra = load_notes(notes_file, section).with_options(number, signer, cc)
        kind = "监督" if supervision else "主体"
        path = out or ws.out_dir / f"{year}_履行党风廉政建设{kind}责任情况的报告.docx"
        done = write_report(inputs, path, ws.templates_dir, supervision=supervision, notes=extra)
    output.written(done, "✓ 已生成")
    output.say(f"  统计截至 {day.isoformat()}")
    if not member and not notes_file.is_file():
        output.say(f"  发文字号、签发人、抄送和各项成效可写在 {notes_file.name} 中（zr report --notes 生成）")


def _write_notes_stub(inputs, path: Path) -> None:
    """Start report-YEAR.toml, listing the report's items; never over one that exists."""
    from zerenqingdan import storage
    from zerenqingdan.documents.notes import notes_stub
    from zerenqingdan.documents.report import report_context
    from zerenqingdan.errors import InputError

    if path.exists():
        raise InputError(f"{storage.display_path(path)} 已经存在，不覆盖；请直接编辑它")
    org = inputs.org
    items = {str(i["number"]): i["title"] for i in report_context(inputs)["items"] if i["title"]}
    with storage.locked(path.parent / ".zr.lock"):
        storage.atomic_write(path, notes_stub(org.unit.year, items, org.unit.name))
    output.success(f"已生成 {storage.display_path(path)}：填写后再运行 zr report")
