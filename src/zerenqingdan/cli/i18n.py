"""Chinese for the parts of the help and error screens that Typer writes.

Typer keeps these strings in module constants and in its bundled Click; the
version is pinned in pyproject.toml, and each patch is skipped if the name it
touches is gone, so a newer Typer degrades to English rather than failing.
A test checks that the help screen is Chinese.
"""

from __future__ import annotations

import re

HELP_TEXT = "显示本帮助并退出。"

_PANEL_TITLES = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已取消。",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已弃用）",
}

_USAGE_ERRORS = [
    (re.compile(r"^No such option: (.+?)(?:\s+Did you mean (.+)\?)?$", re.S), "没有选项 {0}{1}"),
    (re.compile(r"^No such command '(.+?)'\.(?:\s*Did you mean '(.+)'\?)?$", re.S), "没有命令“{0}”{1}"),
    (re.compile(r"^Missing option '(.+)'\.?(.*)$"), "缺少选项 {0}{1}"),
    (re.compile(r"^Missing argument '(.+)'\.?(.*)$"), "缺少参数 {0}{1}"),
    (re.compile(r"^Missing parameter: (.+)$"), "缺少参数 {0}"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", re.S), "多余的参数：{0}"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), "选项 {0} 后面需要一个值"),
    (re.compile(r"^Option '(.+)' requires (\d+) arguments\.$"), "选项 {0} 需要 {1} 个值"),
    (re.compile(r"^Invalid value for '(.+?)': (.+)$", re.S), "{0} 的值无效：{1}"),
    (re.compile(r"^Missing command\.$"), "缺少命令"),
]
_VALUE_ERRORS = [
    (re.compile(r"'(.+)' is not a valid integer( range)?\.?"), "“{0}”不是整数"),
    (re.compile(r"'(.+)' is not one of (.+)\.$"), "“{0}”不在可选值 {1} 之中"),
    (re.compile(r"'(.+)' is not a valid boolean\.?"), "“{0}”不是是/否值"),
    (re.compile(r"(?:Path|File|Directory) '(.+)' does not exist\.?"), "路径“{0}”不存在"),
]


def install() -> None:
    """Everything, the help screen's Rich panels included (loads Rich)."""
    try:
        from typer import rich_utils
    except ImportError:  # Typer without Rich: nothing to translate there
        rich_utils = None
    if rich_utils is not None:
        for name, text in _PANEL_TITLES.items():
            if hasattr(rich_utils, name):
                setattr(rich_utils, name, text)
    install_light()


def install_light() -> None:
    """The parts that cost nothing to load."""
    _patch_help_option()
    _patch_usage_prefix()
    _patch_type_labels()


def _patch_help_option() -> None:
    try:
        from typer._click import core as click_core
    except ImportError:
        return
    command = getattr(click_core, "Command", None)
    original = getattr(command, "get_help_option", None)
    if original is None or getattr(original, "_zr_patched", False):
        return

    def get_help_option(self, ctx):
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    get_help_option._zr_patched = True
    command.get_help_option = get_help_option


def usage_error(message: str) -> str:
    """Translate a Click usage message; unknown ones keep their English."""
    message = message.strip()
    for pattern, template in _USAGE_ERRORS:
        match = pattern.match(message)
        if match:
            parts = [g or "" for g in match.groups()]
            if template.startswith(("没有选项", "没有命令")) and len(parts) > 1 and parts[1]:
                parts[1] = f"（是否想用 {parts[1]}？）"
            parts = [_possible(p) for p in parts]
            if template.startswith("{0} 的值无效"):
                parts[1] = value_error(parts[1])
            return template.format(*parts)
    return message


def _possible(text: str) -> str:
    """Click's ``(Possible options: --a, --b)`` in Chinese."""
    return re.sub(r"\s*\(Possible options: (.+?)\)", r"（可用的选项：\1）", text)


def value_error(message: str) -> str:
    for pattern, template in _VALUE_ERRORS:
        match = pattern.search(message)
        if match:
            return template.format(*match.groups())
    return message


_USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND", "命令"), ("[ARGS]...", "[参数]…"))


def usage_words(args: str) -> str:
    for english, chinese in _USAGE_WORDS:
        args = args.replace(english, chinese)
    return args


def _patch_usage_prefix() -> None:
    try:
        from typer._click.formatting import HelpFormatter
    except ImportError:
        return
    original = getattr(HelpFormatter, "write_usage", None)
    if original is None or getattr(original, "_zr_patched", False):
        return

    def write_usage(self, prog, args="", prefix=None):
        return original(self, prog, usage_words(args), "用法：" if prefix is None else prefix)

    write_usage._zr_patched = True
    HelpFormatter.write_usage = write_usage


_TYPE_WORDS = {"str": "文本", "text": "文本", "path": "路径", "int": "整数", "integer": "整数", "float": "数字"}


def _patch_type_labels() -> None:
    """``<bool>`` on a flag says nothing; ``<path>``/``<str>`` become 路径/文本."""
    try:
        from typer import core as typer_core
    except ImportError:
        return
    for cls_name in ("TyperOption", "TyperArgument"):
        cls = getattr(typer_core, cls_name, None)
        original = getattr(cls, "display_type_rich", None)
        if original is None or getattr(original, "_zr_patched", False):
            continue

        def display_type_rich(self, ctx, _original=original):
            label = _original(self, ctx)
            if label is None:
                return None
            core = label.strip("<>").removesuffix("...")
            if core == "bool":
                return None
            if core.startswith("list[") and core.endswith("]"):
                inner = core[5:-1]
                return _TYPE_WORDS.get(inner, inner) + "…"
            if core in _TYPE_WORDS:
                return _TYPE_WORDS[core] + ("…" if label.endswith("...") else "")
            return label

        display_type_rich._zr_patched = True
        cls.display_type_rich = display_type_rich
