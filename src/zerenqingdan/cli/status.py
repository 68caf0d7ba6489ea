"""进度：对照清单，查看每人每项完成了多少、还差谁、是否逾期。"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from zerenqingdan.cli.common import directory



def status(
    ctx: typer.Context,
    member: Annotated[Optional[str], typer.Option("--member", help="只看此人（姓名或编号）。", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="以哪一天为准（默认今天）。", show_default=False)] = None,
    year: Annotated[Optional[str], typer.Option("--year", help="哪一年（默认 zr.toml 中的工作年度）。", show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    docx: Annotated[Optional[str], typer.Option("--docx", help="另存为 Word 进度表（每人一页，可打印）。", metavar="文件", show_default=False)] = None,
) -> None:
    """进度：先列每人完成率和逾期项数，再按人列每项的要求数、完成数和未覆盖的人。"""
    from zerenqingdan.cli.actions import show_status

    show_status(directory(ctx), member, as_of, json, year, docx)


def due(
    ctx: typer.Context,
    within: Annotated[str, typer.Option("--within", help="列出多少天内到期的事项（0 到 366 天）。", metavar="天数")] = "14",
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="以哪一天为准（默认今天）。", show_default=False)] = None,
    year: Annotated[Optional[str], typer.Option("--year", help="哪一年（默认 zr.toml 中的工作年度）。", show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    docx: Annotated[Optional[str], typer.Option("--docx", help="另存为 Word 清单（供每周例会打印）。", metavar="文件", show_default=False)] = None,
) -> None:
    """提醒：已逾期和即将到期的事项，最紧急的在前（适合每周一运行）。"""
    from zerenqingdan.cli.actions import show_due

    show_due(directory(ctx), within, as_of, json, year, docx)
