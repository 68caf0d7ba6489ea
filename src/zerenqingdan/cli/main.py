"""The ``zr`` command: joins the command groups and turns errors into messages."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from zerenqingdan import __version__
from zerenqingdan.cli import i18n, output

i18n.install()

app = typer.Typer(
    name="zr",
    help=(
        "zr（责任清单）：党风廉政建设“两个责任”的组织架构、责任清单、台账与文书。\n\n"
        "先用 zr init 新建单位工作区（或 zr demo 生成示例单位），再用 zr org 录入组织架构。"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        output.say(f"zr {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    directory: Annotated[
        Optional[Path],
        typer.Option(
            "--dir",
            envvar="ZR_DIR",
            help="单位工作区目录（默认从当前目录向上查找 zr.toml）。",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="显示版本并退出。"),
    ] = False,
) -> None:
    ctx.obj = {"dir": str(directory) if directory else None}


def _register() -> None:
    from zerenqingdan.cli import catalog, check, demo, docs, init, log, org, plan, report, status, templates_cmd

    app.command("init", help=init.__doc__)(init.init)
    app.command("demo", help=demo.__doc__)(demo.demo)
    app.add_typer(org.app, name="org")
    app.add_typer(catalog.app, name="catalog")
    app.command("plan", help=plan.__doc__)(plan.plan)
    app.add_typer(log.app, name="log")
    app.command("status", help=status.status.__doc__)(status.status)
    app.command("due", help=status.due.__doc__)(status.due)
    app.command("check", help=check.check.__doc__)(check.check)
    app.add_typer(docs.app, name="docs")
    app.add_typer(templates_cmd.app, name="templates")
    app.command("report", help=report.report.__doc__)(report.report)


_register()


def run(argv: list[str] | None = None) -> None:
    """Entry point: run the app; print every failure as a Chinese message."""
    from typer._click import exceptions as click_errors

    from zerenqingdan.errors import ZrError

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    debug = os.environ.get("ZR_DEBUG") == "1"
    code = 0
    try:
        result = app(args=argv, prog_name="zr", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except click_errors.NoArgsIsHelpError as exc:
        output.say(exc.format_message())
        code = 0
    except click_errors.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "zr"
        output.error(i18n.usage_error(exc.format_message()), [f"运行 {command} --help 查看用法"])
        code = 2
    except typer.Abort:
        output.error("已取消")
        code = 130
    except ZrError as exc:
        output.error(exc.message, exc.details)
        code = exc.exit_code
    except KeyboardInterrupt:
        output.error("已取消")
        code = 130
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}：" if exc.filename else ""
        output.error(f"{where}文件操作失败（{exc.strerror or exc}）", ["已写入的数据没有改动；请检查磁盘空间和权限后重试"])
        code = 1
    except Exception as exc:  # the last line of defence: never a traceback
        if debug:
            raise
        output.error(
            f"zr 内部错误：{type(exc).__name__}: {exc}",
            ["这是 zr 的缺陷，不是您的操作问题；已写入的数据没有改动。", "设置环境变量 ZR_DEBUG=1 重新运行可看到详细信息，请报告给开发者。"],
        )
        code = 70
    sys.stdout.flush()
    sys.exit(code)
