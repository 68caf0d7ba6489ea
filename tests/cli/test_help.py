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
    result = zr("org", "add", "某人")  # no terminal here: the clear error, not a question
    assert result.code == 1
    assert result.err.splitlines()[0].startswith("错误：请用 --role 写明 某人 的角色")


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


# what may be Latin in zr's own words: options, ids, file names, codes the user types
_ALLOWED = re.compile(
    r"--?[A-Za-z][\w-]*|\b[PD]\d{2,4}\b|\b\d{4}-\d{4}\b|[\w./-]*\.(?:toml|docx|xlsx|csv|ics|j2|json|zip|md|xls)\b"
    r"|\bzr\b|\bZR_[A-Z_]+\b|\bSHA-256\b|\bJSON\b|\bCSV\b|\bExcel\b|\bWPS\b|\bWord\b|\bUTF-8\b|\bGBK\b"
    r"|\b(?:ledger|out|templates|evidence|config)/|\.bak\b|\bGB/T\b|\bTOML\b|\bPostgreSQL\b|\bSQLite\b|\bid\b|\bflags\b|\bCtrl-C\b|\bjinja2\b")


def _latin_words(text: str, allowed_words: set[str]) -> set[str]:
    text = re.sub(r"“[^”]*”", " ", text)  # what the user typed, quoted back
    text = re.sub(r"(?m)^\s*\d+ \|.*$", " ", text)  # a line of the user's own file, shown
    text = _ALLOWED.sub(" ", text)
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in allowed_words}


def _words_users_type():
    """Subcommand names, preset names, kinds and roles: the words of the commands themselves."""
    from zerenqingdan import glossary
    from zerenqingdan.cli.actions import LOG_COMMANDS
    from zerenqingdan.ledger.store import KINDS
    from zerenqingdan.policy.presets import preset_names

    words = {part for path in ALL for part in path} | set(preset_names()) | set(KINDS) | set(LOG_COMMANDS)
    words |= set(glossary.ROLES)
    words |= {"responsibility", "pledge", "report", "supervision", "plan", "statement", "progress", "due"}
    return words


@pytest.mark.parametrize("path", [()] + ALL, ids=lambda p: " ".join(p) or "zr")
def test_no_english_in_any_help(zr, path):
    out = zr(*path, "--help").out
    assert not _latin_words(out, _words_users_type()), (path, sorted(_latin_words(out, _words_users_type())))


@pytest.mark.parametrize("argv", [
    ["stauts"], ["log", "tlak"], ["status", "extra"], ["log", "talk", "--t", "1"], ["log", "talk", "—type", "x"],
    ["status", "--as-of"], ["due", "--within", "x"], ["due", "--within", "999"], ["plan", "--year", "abc"],
    ["log", "list", "--kind", "xx"], ["init", "--preset", "公安", "x"], ["templates", "copy", "公文"],
    ["org", "add", "某", "--role", "神"], ["report", "--as-of", "2026-02-30"], ["log", "show", "2026-9999"],
])
def test_no_english_in_error_messages(zr, small_unit, argv):
    result = zr(*argv)
    assert result.code != 0
    typed = {w for a in argv for w in re.findall(r"[A-Za-z]{2,}", a)}  # the user's own words, shown back
    assert not _latin_words(result.err, _words_users_type() | typed), (argv, result.err)


def test_a_hand_edited_toml_error_is_chinese(zr, small_unit):
    path = small_unit / "zr.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[member]]\nname = "未闭合\n', encoding="utf-8")
    result = zr("org", "show")
    assert result.code != 0 and "zr.toml:" in result.err
    assert not _latin_words(result.err, _words_users_type()), result.err


def test_what_a_clerk_types_on_windows_is_understood(zr, small_unit, tmp_path):
    import os

    os.chdir(tmp_path)  # outside the workspace: --dir after the subcommand finds it
    assert zr("status", "--dir", str(small_unit)).code == 0
    assert zr("log", "list", "--dir", str(small_unit), "--kind", "谈话").code == 0
    result = zr("--dir", str(small_unit), "log", "talk", "—type", "廉政谈话")  # an input method's dash
    assert result.code != 0 and "请用英文半角 --type" in result.err
    assert zr("--dir", str(small_unit), "templates", "copy", "承诺书").code == 0
    assert (small_unit / "templates" / "pledge.j2").is_file()
    init = zr("init", tmp_path / "rf", "--name", "某人防办", "--preset", "人防")
    assert init.code == 0 and "预设 renfang" in init.out
