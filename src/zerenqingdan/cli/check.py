"""检查整个工作区。"""

from __future__ import annotations

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import workspace


def check(ctx: typer.Context) -> None:
    """检查整个工作区（组织架构、清单目录、台账）；没有问题时不输出，退出码 0。"""
    from zerenqingdan.wscheck import check_workspace

    findings = check_workspace(workspace(ctx))
    for line in findings:
        output.say(line)
    if findings:
        output.error(f"发现 {len(findings)} 处问题")
        raise typer.Exit(1)
