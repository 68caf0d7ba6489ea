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
    zr = zr_command()
    output.say(f"试试：cd {summary.root}，然后 {zr} org show、{zr} plan --member 赵敏、{zr} status、{zr} due、"
               f"{zr} log list")
    if zr != "zr":
        output.say(f"  （zr 不在 PATH 中，所以写了全路径；激活虚拟环境后可以只写 zr：{activate_hint()}）")


def zr_command() -> str:
    """How to call this zr from any folder: ``zr`` when it is the one on PATH, else its full path."""
    import shutil
    import sys

    me = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    found = shutil.which("zr")
    if me is not None and me.name.startswith("zr") and me.is_file():
        if found and Path(found).resolve() == me:
            return "zr"
        return str(me)
    if found:
        return "zr"
    return f"{sys.executable} -m zerenqingdan"


def activate_hint() -> str:
    import os
    import sys

    scripts = Path(sys.executable).parent
    if os.name == "nt":
        return str(scripts / "activate")
    return f"source {scripts / 'activate'}"
