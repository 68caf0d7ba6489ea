"""文书模板：查看内置模板和本单位改过的模板，复制内置模板到工作区修改。"""

from __future__ import annotations

from typing import Annotated

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import workspace

app = typer.Typer(help=__doc__, no_args_is_help=True)


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """列出文书模板，注明哪些已被本单位改写（工作区 templates/ 中的同名文件优先）。"""
    from zerenqingdan.documents.templates import list_templates, template_title

    ws = workspace(ctx)
    for info in list_templates(ws.templates_dir):
        state = "本单位改写" if info.overridden else "内置"
        output.say(f"{info.name}\t{template_title(info.path)}\t{state}\t{info.path}")


@app.command("copy")
def copy(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="模板名，如 responsibility（或中文名 责任书、承诺书、监督责任）。", metavar="模板", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="覆盖工作区中已有的同名模板。")] = False,
) -> None:
    """把内置模板复制到工作区 templates/，之后改这份即可。"""
    from zerenqingdan.documents.templates import copy_template, resolve_template

    target = copy_template(resolve_template(name), workspace(ctx).templates_dir, force)
    output.success(f"已复制到 {target}，修改后重新生成文书即可生效")
