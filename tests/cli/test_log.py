"""zr log: recording events, and every way a clerk can get it wrong."""

import hashlib
import json
import os
import subprocess
import sys
import tomllib

import pytest

from zerenqingdan.ledger.store import read_ledger


def ledger_text(unit):
    return (unit / "ledger" / "2026.toml").read_text(encoding="utf-8")


def entries(unit):
    return tomllib.loads(ledger_text(unit)).get("entry", [])


def test_talk_is_recorded_and_counted(zr, small_unit, today):
    today(__import__("datetime").date(2026, 3, 6))  # recorded the next day: no 补记
    result = zr("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "P003,李娜",
                "--date", "2026年3月5日", "--topic", "年初廉政谈话")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "已记录 2026-0001：2026年3月5日 廉政谈话 王书记 → 张伟、李娜 “年初廉政谈话”",
        "  计入：王书记「与每名班子成员廉政谈话」全年",
    ]
    [entry] = entries(small_unit)
    assert entry["by"] == ["P001"] and entry["with"] == ["P003", "P004"]
    assert entry["date"].isoformat() == "2026-03-05"
    assert entry["type"] == "廉政谈话" and entry["kind"] == "talk"
    assert "recorded-at" in entry


@pytest.mark.parametrize("date", ["2026-03-05", "2026/3/5", "2026年3月5日", "3月5日"])
def test_date_forms(zr, small_unit, date):
    assert zr("log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", date).code == 0
    assert entries(small_unit)[0]["date"].isoformat() == "2026-03-05"


@pytest.mark.parametrize(
    "args, message",
    [
        (("talk", "--type", "廉政谈话", "--by", "王书记", "--date", "3月5日"),
         "错误：谈话要有谈话对象：请用 --with 写明（姓名或编号，多人用逗号分隔）"),
        (("talk", "--by", "王书记", "--with", "李娜", "--date", "3月5日"),
         "错误：请用 --type 指明谈话类型（廉政谈话、谈心谈话、约谈、任前谈话、诫勉谈话）"),
        (("talk", "--type", "谈话", "--by", "王书记", "--with", "李娜"),
         "错误：谈话类型“谈话”不在本单位清单目录中（可用：廉政谈话、谈心谈话、约谈、任前谈话、诫勉谈话）"),
        (("talk", "--type", "廉政谈话", "--by", "张伟", "--with", "李娜", "--date", "3月5日"),
         "错误：在 2026年3月5日有 2 人名叫“张伟”：张伟（P003，党委委员）、张伟（P009，业务科）；请改用编号"),
        (("talk", "--type", "廉政谈话", "--by", "王书纪", "--with", "李娜", "--date", "3月5日"),
         "错误：找不到人员“王书纪”。最接近的是：王书记（P001，党委书记）"),
        (("hearing", "--by", "李娜", "--date", "2026-13-01"),
         "错误：--date“2026-13-01”无效：月份应为 1 至 12"),
        (("hearing", "--by", "李娜", "--date", ""),
         "错误：--date 不能为空（不写 --date 就是今天）"),
        (("hearing", "--date", "3月5日"),
         "错误：请用 --by 写明主持人或谈话人（姓名或编号，多人用逗号分隔）"),
        (("meeting", "--type", "专题会议", "--by", "王书记", "--topic", "a\x07b", "--date", "3月5日"),
         "错误：主题中含有不可打印的控制字符（U+0007），请删除后再试"),
        (("hearing", "--by", "李娜", "--dept", "业务科", "--evidence", "nosuch.pdf", "--date", "3月5日"),
         "错误：找不到佐证材料文件 nosuch.pdf"),
    ],
)
def test_bad_input_writes_nothing(zr, small_unit, args, message):
    result = zr("log", *args)
    assert result.code == 1
    assert result.err.splitlines()[0] == message
    assert not (small_unit / "ledger" / "2026.toml").exists()


def test_future_dates_and_people_out_of_post(zr, small_unit, monkeypatch):
    import datetime as dt

    from zerenqingdan import dates

    monkeypatch.setattr(dates, "today", lambda: dt.date(2026, 5, 1))
    result = zr("log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "2026-05-02")
    assert result.err == "错误：日期 2026年5月2日 还没到，不能预先记录\n"
    assert zr("org", "leave", "周明", "--until", "2026-03-31").code == 0
    result = zr("log", "talk", "--type", "谈心谈话", "--by", "张伟", "--with", "周明", "--date", "4月2日")
    assert result.err.splitlines()[0] == "错误：在 2026年4月2日有 2 人名叫“张伟”：张伟（P003，党委委员）、张伟（P009，业务科）；请改用编号"
    result = zr("log", "talk", "--type", "谈心谈话", "--by", "P003", "--with", "周明", "--date", "4月2日")
    assert result.err == "错误：周明（P008，财务科） 在 2026年4月2日 不在任（任职至2026年3月31日）\n"
    result = zr("log", "talk", "--type", "谈心谈话", "--by", "P003", "--with", "周明", "--date", "昨天")
    assert result.err == "错误：周明（P008，财务科） 在 2026年4月30日 不在任（任职至2026年3月31日）\n"


def test_evidence_is_copied_into_the_workspace_with_its_hash(zr, small_unit, tmp_path):
    outside = tmp_path / "别处" / "材料"
    outside.mkdir(parents=True)
    (outside / "纪要.txt").write_text("会议纪要", encoding="utf-8")
    assert zr("log", "meeting", "--type", "专题会议", "--by", "王书记", "--date", "3月5日",
              "--evidence", outside / "纪要.txt").code == 0
    [entry] = entries(small_unit)
    expected = hashlib.sha256("会议纪要".encode("utf-8")).hexdigest()
    stored = f"evidence/2026/{expected[:12]}_纪要.txt"
    assert entry["evidence"] == [{"path": stored, "sha256": expected}]
    assert (small_unit / stored).read_text(encoding="utf-8") == "会议纪要"
    assert oct((small_unit / stored).stat().st_mode & 0o777) == "0o600"
    (outside / "纪要.txt").unlink()  # the original moves away: the record keeps its copy
    assert zr("check").code == 0
    (small_unit / stored).write_text("改过的纪要", encoding="utf-8")
    result = zr("check")
    assert result.code == 1
    assert f"2026-0001: 佐证材料 {stored} 在记录后被修改过（SHA-256 不符）" in result.out
    (small_unit / stored).unlink()
    assert f"2026-0001: 佐证材料 {stored} 不存在" in zr("check").out


def test_evidence_must_be_a_plain_file(zr, small_unit):
    (small_unit / "材料").mkdir()
    result = zr("log", "meeting", "--type", "专题会议", "--by", "王书记", "--date", "3月5日", "--evidence", "材料")
    assert result.code == 1
    assert "佐证材料 材料 是一个文件夹" in result.err
    result = zr("log", "meeting", "--type", "专题会议", "--by", "王书记", "--date", "3月5日",
                "--evidence", "/dev/null")
    assert result.code == 1
    assert "不是普通文件" in result.err
    assert not (small_unit / "ledger" / "2026.toml").exists()
    assert not (small_unit / "evidence").exists()


def test_hand_edits_and_comments_survive_the_next_log(zr, small_unit):
    assert zr("log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "3月5日").code == 0
    path = small_unit / "ledger" / "2026.toml"
    edited = ledger_text(small_unit).replace('date = 2026-03-05', 'date = 2026-03-06  # 手工改：实际是6日')
    edited += "\n# 以下为二季度记录\n"
    path.write_text(edited, encoding="utf-8")
    assert zr("log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "4月5日").code == 0
    after = ledger_text(small_unit)
    assert after.startswith(edited)
    assert [e["id"] for e in entries(small_unit)] == ["2026-0001", "2026-0002"]
    assert entries(small_unit)[0]["date"].isoformat() == "2026-03-06"


def test_list_show_and_void(zr, small_unit, today):
    today(__import__("datetime").date(2026, 3, 10))
    assert zr("log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "3月5日").code == 0
    assert zr("log", "talk", "--type", "廉政谈话", "--by", "P003", "--with", "钱科长", "--date", "3月6日").code == 0
    result = zr("log", "void", "2026-0001", "--reason", "部门记错")
    assert result.code == 0
    assert result.out.startswith("已作废 2026-0001（原因：部门记错）")
    listing = zr("log", "list").out.splitlines()
    assert listing[0] == "2026-0001  2026年3月5日 听取汇报 李娜 〔业务科〕  〔已作废：部门记错〕"
    assert listing[-1] == "共 2 条，其中作废 1 条"
    data = json.loads(zr("log", "list", "--person", "钱科长", "--json").out)
    assert [e["id"] for e in data["entries"]] == ["2026-0002"]
    data = json.loads(zr("log", "list", "--kind", "听取汇报", "--json").out)
    assert [(e["id"], e["void"]["reason"]) for e in data["entries"]] == [("2026-0001", "部门记错")]
    assert json.loads(zr("log", "list", "--from", "3月6日", "--json").out)["entries"][0]["id"] == "2026-0002"
    assert json.loads(zr("log", "list", "--dept", "财务科", "--json").out)["entries"][0]["id"] == "2026-0002"
    shown = zr("log", "show", "2026-0001").out
    assert "已作废：部门记错" in shown and "位置：ledger/2026.toml:5" in shown
    # the record stays in the file
    assert len(entries(small_unit)) == 2
    assert zr("log", "void", "2026-0001", "--reason", "再来").err.startswith("错误：记录 2026-0001 已于此前作废")
    assert zr("log", "void", "2026-0099", "--reason", "x").err == "错误：台账中没有编号为 2026-0099 的记录\n"
    assert zr("log", "void", "2026-0002", "--reason", " ").err == "错误：作废要写明原因：--reason 原因\n"


def _zr_process(cwd, *args):
    return subprocess.Popen([sys.executable, "-m", "zerenqingdan", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_twenty_processes_at_once_all_land(small_unit):
    procs = [_zr_process(small_unit, "log", "hearing", "--by", "李娜", "--dept", "业务科",
                         "--date", "3月5日", "--topic", f"第{i}次") for i in range(20)]
    outcomes = [p.wait(timeout=120) for p in procs]
    assert outcomes == [0] * 20, [p.stderr.read().decode() for p in procs]
    data = entries(small_unit)
    assert len(data) == 20
    assert len({e["id"] for e in data}) == 20
    assert {e["topic"] for e in data} == {f"第{i}次" for i in range(20)}


def test_killed_processes_never_leave_a_broken_file(small_unit):
    import random
    import signal
    import time

    assert subprocess.run([sys.executable, "-m", "zerenqingdan", "log", "hearing", "--by", "李娜", "--dept", "业务科",
                           "--date", "3月5日", "--topic", "先记的"], cwd=small_unit).returncode == 0
    rng = random.Random(7)
    for _ in range(8):
        proc = _zr_process(small_unit, "log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "3月5日")
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ledger = read_ledger(small_unit / "ledger" / "2026.toml", 2026)  # parses
        assert ledger.entries[0].topic == "先记的"
        assert not ledger.problems


def test_fix_voids_and_records_the_corrected_copy_in_one_step(zr, small_unit):
    assert zr("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "李娜", "--date", "3月5日",
              "--topic", "节前提醒").code == 0
    before = (small_unit / "ledger" / "2026.toml").read_text(encoding="utf-8")
    result = zr("log", "fix", "2026-0001", "--date", "3月6日", "--with", "P003,李娜")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "已作废 2026-0001（改正为 2026-0002）"
    assert result.out.splitlines()[1].startswith("已记录 2026-0002：2026年3月6日 廉政谈话 王书记 → ")
    after = (small_unit / "ledger" / "2026.toml").read_text(encoding="utf-8")
    assert after.startswith(before)  # appended: the old record is still there, voided
    shown = __import__("json").loads(zr("log", "show", "2026-0002", "--json").out)
    assert (shown["date"], shown["topic"], shown["with"]) == ("2026-03-06", "节前提醒", ["P003", "P004"])
    old = __import__("json").loads(zr("log", "show", "2026-0001", "--json").out)
    assert old["void"]["reason"] == "改正为 2026-0002"
    # what cannot be fixed says so and writes nothing
    for args, message in ((("2026-0001", "--date", "3月7日"), "已于此前作废"),
                          (("2026-0002",), "请写明要改正什么"),
                          (("2026-0002", "--date", "2026-03-06"), "完全相同"),
                          (("2026-0002", "--date", "2026-02-30"), "2026年2月没有30日"),
                          (("2026-0099", "--date", "3月7日"), "没有编号为 2026-0099")):
        result = zr("log", "fix", *args)
        assert result.code != 0 and message in result.err, (args, result.err)
    assert (small_unit / "ledger" / "2026.toml").read_text(encoding="utf-8") == after
    assert "2026年" in zr("log", "show", "2026-0002").out.split("记录时间：")[1]  # local time, not ISO


def test_list_filters_by_text_and_sorts_by_date(zr, small_unit):
    for date, topic in (("4月1日", "四月"), ("2月1日", "二月"), ("3月1日", "三月")):
        assert zr("log", "lecture", "--type", "廉政党课", "--by", "王书记", "--date", date, "--topic", topic).code == 0
    lines = zr("log", "list").out.splitlines()[:-1]
    assert [line.split()[0] for line in lines] == ["2026-0002", "2026-0003", "2026-0001"]
    assert zr("log", "list", "--text", "三月").out.splitlines()[0].startswith("2026-0003")
    assert zr("log", "list", "--kind", "lecture").out == zr("log", "list", "--kind", "党课").out
    assert zr("log", "list", "--kind", "sign").code == 0 and zr("log", "list", "--kind", "签订").code == 0


def test_a_record_that_looks_like_a_duplicate_is_flagged_with_the_existing_id(zr, small_unit):
    talk = ("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "李娜", "--date", "3月5日")
    assert "重复" not in zr(*talk).err
    second = zr(*talk)
    assert second.code == 0  # no terminal to ask: recorded, with the warning and how to undo it
    assert "看起来与已有的 2026-0001 重复" in second.err
    assert "zr log void 2026-0002 --reason 重复记录" in second.out
    assert "重复" not in zr(*talk[:-1], "3月6日").err  # another day: another talk
    assert "重复" not in zr(*talk, "--topic", "另一次").err  # another subject
    assert zr("log", "void", "2026-0001", "--reason", "x").code == 0
    assert zr("log", "void", "2026-0002", "--reason", "x").code == 0
    assert "重复" not in zr(*talk).err  # voided records are not duplicates


def test_a_record_that_counts_toward_nothing_says_why(zr, small_unit):
    result = zr("log", "hearing", "--by", "李娜", "--dept", "财务科", "--date", "3月5日")
    assert result.code == 0
    assert "（未计入任何清单事项：李娜 不分管 财务科（「听取分管科室党风廉政建设情况汇报」的科室：业务科））" in result.out
    refused = zr("log", "hearing", "--by", "李娜", "--date", "3月5日")
    assert refused.code != 0 and "李娜（P004，党委委员） 在 2026年3月5日 分管：业务科" in refused.err
    assert "计入：李娜" in zr("log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "3月7日").out
