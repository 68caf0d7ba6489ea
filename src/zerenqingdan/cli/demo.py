"""生成一个完整的示例单位，看看 zr 的全部功能。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zerenqingdan.cli import output


def demo(
    directory: Annotated[Path, typer.Argument(help="示例工作区目录。", metavar="目录")] = Path("zr-demo"),
    preset: Annotated[str, typer.Option("--preset", help="责任清单预设（如 city、renfang，或中文名 人防办、检察院）。")] = "city",
) -> None:
    """生成一个完整的示例单位：组织架构、年度清单、一年的台账、责任书、承诺书和年度报告。"""
    from zerenqingdan.demo import build_demo
    from zerenqingdan.policy.presets import resolve_preset

    summary = build_demo(directory, resolve_preset(preset))
    for line in summary.lines:
        output.say(line)
    output.success(f"示例单位已生成：{summary.root}")
    output.say(f"试试：cd {summary.root}，然后 zr org show、zr plan --member 赵敏、zr status、zr due、zr log list")
