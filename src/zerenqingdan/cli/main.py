"""The ``zr`` command: joins the command groups and turns errors into messages.

Everyday commands take the fast path (``cli/fast.py``) without loading Typer;
everything else builds the Typer app — only the part the command line needs.
"""


import os
import sys

HELP = (
    "zr（责任清单）：党风廉政建设“两个责任”的组织架构、责任清单、台账与文书。\n\n"
    "先用 zr init 新建单位工作区（或 zr demo 生成示例单位），再用 zr org 录入组织架构。"
)
# command name → (module, attribute, is a group)
COMMANDS = {
    "init": ("init", "init", False),
    "demo": ("demo", "demo", False),
    "org": ("org", "app", True),
    "catalog": ("catalog", "app", True),
    "plan": ("plan", "plan", False),
    "log": ("log", "app", True),
    "status": ("status", "status", False),
    "due": ("status", "due", False),
    "check": ("check", "check", False),
    "docs": ("docs", "app", True),
    "templates": ("templates_cmd", "app", True),
    "report": ("report", "report", False),
    "export": ("export", "app", True),
    "year": ("year", "app", True),
    "rollup": ("rollup", "app", True),
}


_ERRNO = {
    13: "没有权限",  # EACCES
    1: "没有权限",  # EPERM
    28: "磁盘空间已满",  # ENOSPC
    30: "文件系统是只读的",  # EROFS
    122: "超出磁盘配额",  # EDQUOT
    2: "找不到文件或目录",  # ENOENT
    21: "这是一个目录",  # EISDIR
    36: "文件名太长",  # ENAMETOOLONG
}


def _first_word(argv: list[str]) -> str | None:
    rest = list(argv)
    while rest:
        head = rest.pop(0)
        if head == "--dir":
            if rest:
                rest.pop(0)
            continue
        if head.startswith("-"):
            continue
        return head
    return None


def make_app(only: str | None = None):
    """The Typer app; with ``only``, just that command (fast to build)."""
    import importlib
    from pathlib import Path
    from typing import Annotated, Optional

    import typer

    from zerenqingdan import __version__
    from zerenqingdan.cli import output

    app = typer.Typer(
        name="zr",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version_callback(value: bool) -> None:
        if value:
            output.say(f"zr {__version__}")
            raise typer.Exit()

    @app.callback()
    def main(
        ctx: typer.Context,
        directory: Annotated[
            Optional[Path],
            typer.Option("--dir", envvar="ZR_DIR", help="单位工作区目录（默认从当前目录向上查找 zr.toml）。",
                         show_default=False),
        ] = None,
        version: Annotated[
            bool, typer.Option("--version", callback=version_callback, is_eager=True, help="显示版本并退出。")
        ] = False,
    ) -> None:
        ctx.obj = {"dir": str(directory) if directory else None}

    names = [only] if only in COMMANDS else list(COMMANDS)
    for name in names:
        module_name, attribute, group = COMMANDS[name]
        module = importlib.import_module(f"zerenqingdan.cli.{module_name}")
        target = getattr(module, attribute)
        if group:
            app.add_typer(target, name=name)
        else:
            app.command(name, help=target.__doc__)(target)
    return app


def _run_typer(argv: list[str]) -> int:
    import typer
    from typer._click import exceptions as click_errors

    from zerenqingdan.cli import i18n, output, typer_compat

    typer_compat.install()
    words = [a for a in argv if not a.startswith("-")]
    if not argv or "-h" in argv or "--help" in argv or len(words) <= 1:
        i18n.install()  # help may be shown: it loads Rich, so only then
    else:
        i18n.install_light()
    app = make_app(_first_word(argv))
    try:
        result = app(args=argv, prog_name="zr", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except click_errors.NoArgsIsHelpError as exc:
        output.say(exc.format_message())
        return 0
    except click_errors.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "zr"
        output.error(i18n.usage_error(exc.format_message()), [f"运行 {command} --help 查看用法"])
        return 2
    except typer.Abort:
        output.error("已取消")
        return 130


def _after_write(output) -> None:
    """After a failure, say what had already been written for good."""
    from zerenqingdan import journal

    if journal.written:
        output.warn("出错之前已经完成并保存：" + "；".join(journal.written) + "。请不要重复操作，可用 zr log list 等查看")


_DASHES = ("—", "–", "－", "‒", "―", "−")  # — – － ‒ ― −


def normalize_argv(argv: list[str]) -> list[str]:
    """What a clerk types, made into what the parser expects — or refused
    with the reason: an option typed with an input method's or Word's dash
    (``—type``), and ``--dir`` placed after the subcommand (moved to the front)."""
    from zerenqingdan.errors import InputError

    for arg in argv:
        if arg[:1] in _DASHES and arg.lstrip("".join(_DASHES) + "-")[:1].isascii() and arg.lstrip(
                "".join(_DASHES) + "-")[:1].isalpha():
            name = arg.lstrip("".join(_DASHES) + "-").partition("=")[0]
            raise InputError(f"“{arg}”开头是中文输入法或 Word 打出的破折号，请用英文半角 --{name}",
                             [f"例如：--{name} …（两个英文减号，不要用“—”）"])
    if "--" in argv:  # after a lone --, everything is a value
        return list(argv)
    front, rest, index = [], [], 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--dir" and index + 1 < len(argv):
            front += [arg, argv[index + 1]]
            index += 2
            continue
        if arg.startswith("--dir="):
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


def _quiet_stdout() -> None:
    """Point stdout at the null device so the interpreter's own final flush
    cannot fail again on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run(argv: list[str] | None = None) -> None:
    """Entry point: run the command; print every failure as a Chinese message."""
    from zerenqingdan.cli import fast, output
    from zerenqingdan.errors import ZrError

    argv = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    debug = os.environ.get("ZR_DEBUG") == "1"
    from zerenqingdan import journal

    journal.clear()
    try:
        argv = normalize_argv(argv)
        code = fast.dispatch(argv)
        if code is None:
            code = _run_typer(argv)
    except BrokenPipeError:
        # the reader went away (zr … | head): not an error; what was written stays
        _quiet_stdout()
        if journal.written:
            output.warn("输出被截断；" + "；".join(journal.written))
        code = 0 if journal.written else 141
    except ZrError as exc:
        output.error(exc.message, exc.details)
        _after_write(output)
        code = exc.exit_code
    except KeyboardInterrupt:
        output.error("已取消")
        _after_write(output)
        code = 130
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}：" if exc.filename else ""
        reason = _ERRNO.get(exc.errno, exc.strerror or str(exc))
        output.error(f"{where}文件操作失败（{reason}）",
                     [] if journal.written else ["已有的数据没有改动；请检查磁盘空间和权限后重试"])
        _after_write(output)
        code = 1
    except Exception as exc:  # the last line of defence: never a traceback
        if debug:
            raise
        output.error(
            f"zr 内部错误：{type(exc).__name__}: {exc}",
            ["这是 zr 的缺陷，不是您的操作问题" + ("" if journal.written else "；已写入的数据没有改动") + "。",
             "设置环境变量 ZR_DEBUG=1 重新运行可看到详细信息，请报告给开发者。"],
        )
        _after_write(output)
        code = 70
    if journal.written and journal.found_above:  # written into a workspace above this folder: say which
        output.warn(f"工作区：{journal.found_above}；本目录中没有 zr.toml，写入的是上级目录的工作区")
    try:
        sys.stdout.flush()
    except OSError:
        _quiet_stdout()
    sys.exit(code)
