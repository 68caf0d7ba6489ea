"""Every command explains itself, in Chinese."""

import re

import pytest

from zerenqingdan.cli.main import make_app
from typer.main import get_command


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        yield path, command
        if hasattr(command, "commands"):
            yield from _commands(command, path)


ALL = [path for path, _ in _commands(get_command(make_app()))]


@pytest.mark.parametrize("path", ALL, ids=" ".join)
def test_every_command_has_chinese_help(zr, path):
    result = zr(*path, "--help")
    assert result.code == 0
    assert "用法：zr " in result.out
    assert re.search(r"[\u4e00-\u9fff]", result.out.split("用法：")[1])
    for english in ("Usage:", "Show this message", "Options", "Arguments", "[required]", "<bool>"):
        assert english not in result.out


def test_top_level_help_and_no_arguments(zr):
    result = zr()
    assert result.code == 0
    assert "zr（责任清单）" in result.out
    assert "命令" in result.out


def test_usage_errors_are_chinese(zr):
    result = zr("org", "show", "--bogus")
    assert result.code == 2
    assert result.err.splitlines() == ["错误：没有选项 --bogus", "  运行 zr org show --help 查看用法"]
    result = zr("nosuch")
    assert result.code == 2
    assert result.err.splitlines()[0] == "错误：没有命令“nosuch”"
    result = zr("org", "add", "某人")
    assert result.code == 2
    assert result.err.splitlines()[0] == "错误：缺少选项 --role"


def test_python_dash_m_works():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "zerenqingdan", "--version"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.startswith("zr ")


def test_fast_path_options_match_the_full_cli():
    """The fast path parses the same options the Typer commands declare."""
    from zerenqingdan.cli import actions

    command = get_command(make_app())

    def options(*path):
        target = command
        for name in path:
            target = target.commands[name]
        return {opt for p in target.params for opt in p.opts if opt.startswith("--") and opt != "--help"}

    for kind in actions.LOG_COMMANDS:
        assert options("log", kind) == set(actions.LOG_OPTIONS)
    assert options("status") == set(actions.STATUS_OPTIONS)
    assert options("due") == set(actions.DUE_OPTIONS)
    assert options("check") == set(actions.CHECK_OPTIONS)


@pytest.mark.parametrize("argv", [
    ["status", "--bogus"], ["log", "talk", "--by"], ["log", "talk", "extra"], ["due", "--within", "x"],
])
def test_odd_command_lines_leave_the_fast_path_for_proper_errors(zr, argv):
    from zerenqingdan.cli import fast

    result = zr(*argv)
    assert result.code in (1, 2)
    assert result.err.startswith("错误：")
    if argv[-1] != "x":
        assert fast.dispatch(argv) is None
