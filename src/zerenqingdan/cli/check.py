"""检查整个工作区。"""

from __future__ import annotations

import typer

from zerenqingdan.cli.common import directory


def check(ctx: typer.Context) -> None:
    """检查整个工作区（组织架构、清单目录、台账）；没有问题时不输出，退出码 0。"""
    from zerenqingdan.cli.actions import check_all

    if check_all(directory(ctx)):
        raise typer.Exit(1)
