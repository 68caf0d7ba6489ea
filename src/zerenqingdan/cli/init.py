"""新建单位工作区：zr.toml（单位信息与组织架构）、ledger/、templates/、out/。"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output


def _ask(value: str | None, option: str, prompt: str, *, required: bool) -> str:
    from zerenqingdan.cli import ask

    if value:
        return value.strip()
    if ask.interactive():
        answer = ask.text(f"{prompt}：", required=required)
        if answer.strip() or not required:
            return answer.strip()
    if required:
        from zerenqingdan.errors import InputError

        raise InputError(f"缺少 {option}（{prompt}）", [f"例如：zr init 目录 {option} 某市某某局"])
    return ""


def _ask_preset() -> str:
    """At a terminal, the preset from a list (each with its document); else city, said aloud."""
    from zerenqingdan.cli import ask
    from zerenqingdan.policy.presets import preset_info, preset_names

    if ask.interactive():
        choices = [(f"{n}：{preset_info(n).title}", n) for n in preset_names()]
        return ask.pick("本单位的责任清单依据哪份文件（预设）？", choices, default="city")
    output.say("未写 --preset，按 city（市级实施意见）建立；其他预设：zr catalog show --preset 名称 查看，"
               "zr catalog reset --preset 名称 --force 换用")
    return "city"


def init(
    directory: Annotated[Path, typer.Argument(help="工作区目录（默认当前目录）。", metavar="目录", show_default=False)] = Path("."),
    name: Annotated[Optional[str], typer.Option("--name", help="单位名称（必填）。", show_default=False)] = None,
    code: Annotated[Optional[str], typer.Option("--code", help="单位代码（上级纪委统一分配，汇总时识别本单位；可以以后用 zr org unit --code 填写）。", show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="年度，默认今年。", show_default=False)] = None,
    preset: Annotated[Optional[str], typer.Option("--preset", help="责任清单预设：default（默认）、renfang（人防办）、guangzhou（广州）、city（市级）、procuratorate（检察院）、finance（财政局），中文名也可；在终端中不写时从列表中选。", show_default=False)] = None,
    party_body: Annotated[Optional[str], typer.Option("--party-body", help="党组织类型：党组、党委或党工委（默认按预设）。", show_default=False)] = None,
    discipline_body: Annotated[Optional[str], typer.Option("--discipline-body", help="纪检机构：纪检组、纪委、纪工委或驻局纪检组（默认按预设）。", show_default=False)] = None,
    superior: Annotated[Optional[str], typer.Option("--superior", help="上级党委，如 中共某市委。", show_default=False)] = None,
    superior_discipline: Annotated[Optional[str], typer.Option("--superior-discipline", help="上级纪委，如 中共某市纪委。", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="确需在另一个工作区的目录之中新建时使用。")] = False,
) -> None:
    """新建单位工作区：zr.toml（单位信息与组织架构）、ledger/、templates/、out/。"""
    from zerenqingdan.newunit import UnitSettings, init_workspace
    from zerenqingdan.policy.presets import resolve_preset
    from zerenqingdan.workspace import enclosing_workspace

    outer = enclosing_workspace(directory)
    if outer is not None and not force:
        from zerenqingdan.errors import InputError
        from zerenqingdan.storage import display_path

        shown = "当前目录" if str(directory) == "." else display_path(directory)
        raise InputError(f"{shown} 在工作区 {display_path(outer)} 之中：新工作区会嵌在它里面，"
                         f"在其下级目录运行的命令将用新工作区",
                         ["请换一个不在工作区之中的目录；确需如此，加 --force"])

    preset = resolve_preset(preset) if preset else _ask_preset()
    settings = UnitSettings(
        name=_ask(name, "--name", "单位名称", required=True),
        year=year or dt.date.today().year,
        code=code or "",
        preset=preset,
        party_body=party_body,
        discipline_body=discipline_body,
        superior=_ask(superior, "--superior", "上级党委（如 中共某市委，可留空）", required=False),
        superior_discipline=_ask(
            superior_discipline, "--superior-discipline", "上级纪委（如 中共某市纪委，可留空）", required=False
        ),
    )
    workspace = init_workspace(directory, settings)
    from zerenqingdan.policy.catalog import load_preset

    regime = load_preset(preset)
    output.success(f"已新建工作区 {workspace.root}（{settings.name}，{settings.year} 年度，预设 {preset}）")
    output.say(f"责任清单依据：{regime.document or regime.title}（{regime.party_body}/{regime.discipline_body}）；"
               "zr catalog show 查看全部事项")
    output.say("下一步：zr org add-dept 科室名称；zr org add 姓名 --role 班子成员；或 zr org import 花名册.csv")
