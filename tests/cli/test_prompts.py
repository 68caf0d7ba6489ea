"""At a terminal, zr asks for what a command line leaves out (driven through a
pseudo-terminal with pexpect, as a person would type)."""

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

DOWN, ENTER, SPACE, CTRL_C = "\x1b[B", "\r", " ", "\x03"


def spawn(unit, *args):
    env = dict(os.environ, COLUMNS="120", LINES="50", PYTHONIOENCODING="utf-8")
    env.pop("ZR_NO_PROMPT", None)
    child = pexpect.spawn(sys.executable, ["-m", "zerenqingdan", *args], cwd=str(unit), env=env,
                          encoding="utf-8", timeout=30, dimensions=(50, 120))
    return child


def ledger_text(unit):
    path = unit / "ledger" / "2026.toml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_a_talk_recorded_by_picking_from_lists(small_unit):
    child = spawn(small_unit, "log", "talk", "--date", "3月5日")
    child.expect("谈话类型")  # the test catalog has several talk types and no default
    child.send(ENTER)  # the first: 廉政谈话
    child.expect("主持人")
    child.send(ENTER)  # 王书记 comes first: he holds talk duties
    child.expect("谈话对象")
    child.expect("清单中的对象")  # those the talk is owed to come first, marked
    child.send(SPACE)
    child.send(ENTER)
    child.expect("已记录 2026-0001")
    child.expect(pexpect.EOF)
    text = ledger_text(small_unit)
    assert 'kind = "talk"' in text and 'by = ["P001"]' in text and 'type = "廉政谈话"' in text


def test_a_shared_name_is_picked_by_post(small_unit):
    child = spawn(small_unit, "log", "talk", "--type", "谈心谈话", "--by", "张伟", "--with", "周明",
                  "--date", "3月5日")
    child.expect("有几人名叫“张伟”")
    child.expect("业务科")
    child.send(DOWN)
    child.send(ENTER)
    child.expect("已记录")
    child.expect(pexpect.EOF)
    assert 'by = ["P009"]' in ledger_text(small_unit)  # 张伟 of 业务科, not the leader P003


def test_typing_filters_a_long_list_in_chinese(small_unit, zr):
    for n in range(8):
        assert zr("org", "add", f"吴{'一二三四五六七八'[n]}", "--role", "工作人员", "--dept", "业务科").code == 0
    child = spawn(small_unit, "log", "talk", "--type", "谈心谈话", "--with", "周明", "--date", "3月5日")
    child.expect("主持人")
    child.send("孙")  # typed through an input method: filters to 孙科长
    child.expect("孙科长")
    child.send(ENTER)
    child.expect("已记录")
    child.expect(pexpect.EOF)
    assert 'by = ["P007"]' in ledger_text(small_unit)


def test_ctrl_c_leaves_nothing_written(small_unit):
    before = ledger_text(small_unit)
    child = spawn(small_unit, "log", "talk", "--date", "3月5日")
    child.expect("谈话类型")
    child.send(ENTER)
    child.expect("主持人")
    child.send(CTRL_C)
    child.expect("已取消")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert ledger_text(small_unit) == before


def test_without_a_terminal_the_clear_error_stays(zr, small_unit):
    result = zr("log", "talk", "--type", "廉政谈话", "--date", "3月5日")
    assert result.code == 1 and "请用 --by 写明" in result.err
