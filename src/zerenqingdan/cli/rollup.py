"""汇总（上级纪委用）：导入所属单位用 zr export bundle 导出的上报数据包，查看各单位完成情况，生成汇总报告和 Excel。"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import directory

app = typer.Typer(help=__doc__, no_args_is_help=True)
export_app = typer.Typer(help="导出汇总数据：Excel 工作簿（每种视图一张工作表）。", no_args_is_help=True)
app.add_typer(export_app, name="export")

YEAR_HELP = "哪一年（默认 rollup.toml 中的年度）。"


def _home(ctx: typer.Context):
    from zerenqingdan.rollup.home import find_home

    return find_home(directory(ctx))


def _year(text: str | None, home) -> int:
    from zerenqingdan.dates import parse_year

    return home.settings().year if text is None or text == "" else parse_year(text)


@app.command("init")
def init(
    folder: Annotated[Path, typer.Argument(help="汇总工作区目录。", metavar="目录", show_default=False)],
    name: Annotated[Optional[str], typer.Option("--name", help="汇总单位名称，如 中共某县纪委（必填）。", show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="汇总哪一年，默认今年。", show_default=False)] = None,
) -> None:
    """新建汇总工作区。

    其中有 rollup.toml（名称、年度、应上报的单位，可手工编辑）、汇总数据库、收到的数据包和生成的文件。"""
    from zerenqingdan.errors import InputError
    from zerenqingdan.org.edit import check_name
    from zerenqingdan.rollup.home import create_home

    if not name or not name.strip():
        raise InputError("缺少 --name（汇总单位名称）", [f"例如：zr rollup init {folder} --name 中共某县纪委"])
    chosen = year or dt.date.today().year
    if not 2000 <= chosen <= 2100:
        raise InputError(f"--year 应为四位年份，如 2026，现在是 {chosen}")
    home = create_home(folder, check_name(name, "汇总单位名称"), chosen)
    output.success(f"已新建汇总工作区 {home.root}（{name.strip()}，{chosen} 年度）")
    output.say(f"下一步：cd {folder}，再用 zr rollup import 数据包.zip（或放数据包的目录）导入各单位的上报")


def _files(paths: list[Path]) -> list[Path]:
    from zerenqingdan.errors import InputError

    out: list[Path] = []
    for path in paths:
        path = path.expanduser()
        if path.is_dir():
            found = sorted(p for p in path.glob("*.zip") if p.is_file())
            if not found:
                raise InputError(f"目录 {path} 中没有 .zip 数据包")
            out += found
        elif path.is_file():
            out.append(path)
        else:
            raise InputError(f"找不到文件 {path}", ["请写数据包（.zip）或放数据包的目录的路径"])
    return out


@app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[str], typer.Argument(help="各单位的上报数据包（.zip），或放数据包的目录。", metavar="文件",
                                               show_default=False)],
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出每个数据包的结果。")] = False,
) -> None:
    """导入各单位的上报数据包：逐包核对，整包导入或整包拒绝。

    核对每个文件的 SHA-256、数据格式，并按单位自己的 zr 同样读取、算出相同的完成情况。
    同一单位的新数据包替代旧的；列出已上报记录的修改、删去，以及补记（录入晚于日期 30 天以上）。"""
    from zerenqingdan.rollup.load import as_json, import_bundles

    home = _home(ctx)
    paths = _files([Path(f) for f in files])
    outcomes = import_bundles(home, paths)
    refused = [o for o in outcomes if o.state == "refused"]
    if json:
        output.emit_json([as_json(o) for o in outcomes])
    else:
        for o in outcomes:
            if o.state == "refused":
                output.error(o.message)
                continue
            if o.state == "duplicate":
                output.say(f"- {o.message}")
                continue
            output.success(o.message)
            for line in o.warnings + o.changes:
                output.warn(f"{o.unit}：{line}")
            for line in o.late:
                output.say(f"  {line}")
            if o.late_count > len(o.late):
                output.say(f"  …… 补记共 {o.late_count} 条（zr rollup export xlsx 的“补记”表中有全部）")
        imported = sum(1 for o in outcomes if o.state in ("imported", "older"))
        output.say(f"共 {len(outcomes)} 个数据包：导入 {imported} 个" + (f"，拒绝 {len(refused)} 个" if refused else "")
                   + (f"，已导入过 {sum(1 for o in outcomes if o.state == 'duplicate')} 个"
                      if any(o.state == "duplicate" for o in outcomes) else ""))
    if refused:
        raise typer.Exit(1)


@app.command("status")
def status(
    ctx: typer.Context,
    year: Annotated[Optional[str], typer.Option("--year", help=YEAR_HELP, show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出（含各单位每人的完成情况，与该单位 zr status --json 相同）。")] = False,
) -> None:
    """各单位完成情况，每单位一行；以及未上报的单位。

    列出完成率、逾期项数、班子成员“四个一”（或“一岗双责”）没有逾期的人数、补记占比、记录改动、最近一次上报的截至日。"""
    from zerenqingdan.cli import plain
    from zerenqingdan.rollup.views import totals, unit_rows

    home = _home(ctx)
    chosen = _year(year, home)
    from zerenqingdan.rollup.db import translated

    with translated(home.db_path):
        rows, missing = unit_rows(home, chosen, with_people=json)
    if json:
        output.emit_json({"rollup": home.settings().name, "year": chosen, "totals": totals(rows, missing),
                          "units": rows, "missing": missing})
        return
    settings = home.settings()
    t = totals(rows, missing)
    lines = [f"{settings.name} {chosen} 年度汇总：应报送 {t['expected']} 个单位，已报送 {t['submitted']} 个，"
             f"完成率 {t['percent']}%，逾期 {t['overdue']} 项"]
    table = [["单位", "代码", "截至", "完成率", "逾期", "班子成员无逾期", "补记占比", "记录改动", "上报次数"]]
    for r in sorted(rows, key=lambda r: (r["percent"], -r["overdue"], r["code"])):
        table.append([r["name"], r["code"], r["as_of"], f"{r['percent']}%", str(r["overdue"]),
                      f"{r['leaders_on_track']}/{r['leaders']}（{r['leader_scope']}）" if r["leader_required"] else "—",
                      f"{r['late_percent']}%",
                      str(r["changed"] + r["disappeared"]), str(r["bundles"])])
    if rows:
        lines += plain.table(table)
    else:
        lines.append(f"还没有导入 {chosen} 年度的上报数据包：zr rollup import 数据包.zip（或放数据包的目录）")
    if missing:
        lines.append("")
        lines.append(f"未报送（{len(missing)} 个）：" + "、".join(f"{m['name'] or m['code']}（{m['code']}）" for m in missing))
    output.say("\n".join(lines))


@app.command("report")
def report(
    ctx: typer.Context,
    file: Annotated[Optional[Path], typer.Option("-o", "--output", help="输出的 Word 文件（默认 out/年度汇总.docx）。",
                                                 metavar="文件", show_default=False)] = None,
    year: Annotated[Optional[str], typer.Option("--year", help=YEAR_HELP, show_default=False)] = None,
) -> None:
    """汇总报告（Word，GB/T 9704 版式）。

    总体情况、完成情况较差的单位、未上报的单位、已上报记录的改动、各单位一张表。"""
    from zerenqingdan.rollup.report import write_report

    home = _home(ctx)
    chosen = _year(year, home)
    target = file if file is not None else home.out_dir / f"{chosen}年度汇总.docx"
    from zerenqingdan.rollup.db import translated

    with translated(home.db_path):
        done, count = write_report(home, chosen, target)
    output.written(done, "✓ 已生成汇总报告")
    output.say(f"  共 {count} 个单位")


@app.command("template")
def template(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="覆盖汇总工作区中已有的模板。")] = False,
) -> None:
    """把汇总报告的内置模板复制到汇总工作区 templates/，改这份即可改报告的措辞。"""
    from zerenqingdan.documents.templates import copy_template, resolve_template

    target = copy_template(resolve_template("rollup", rollup=True), _home(ctx).templates_dir, force)
    output.success(f"已复制到 {target}，修改后重新运行 zr rollup report 即可生效")


@export_app.command("xlsx")
def export_xlsx(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="输出的 Excel 文件（.xlsx）。", metavar="文件", show_default=False)],
    year: Annotated[Optional[str], typer.Option("--year", help=YEAR_HELP, show_default=False)] = None,
) -> None:
    """导出 Excel 工作簿，每种视图一张工作表。

    “各单位”（每单位一行）、“逾期事项”、“补记”、“记录改动”、“未上报”。"""
    from zerenqingdan.rollup.report import write_workbook

    home = _home(ctx)
    chosen = _year(year, home)
    from zerenqingdan.rollup.db import translated

    with translated(home.db_path):
        done, counts = write_workbook(home, chosen, file)
    output.written(done, "✓ 已导出")
    output.say("  " + "、".join(f"{name} {count} 行" for name, count in counts.items()))
