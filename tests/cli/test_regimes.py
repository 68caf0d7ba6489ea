"""[3/6]: each regime as its own document says — the examples a 纪委 would check first."""

import json
import os

import pytest
from docx import Document

from tests.docxcheck import all_text

PRESETS = {"default": "002", "renfang": "000", "guangzhou": "001", "city": "002", "procuratorate": "003",
           "finance": "004"}


def unit(zr, tmp_path, preset, year=2026):
    root = tmp_path / preset
    assert zr("init", root, "--name", "某县测试局", "--year", str(year), "--preset", preset,
              "--superior", "中共某县委", "--superior-discipline", "中共某县纪委").code == 0
    os.chdir(root)
    for args in (("org", "add-dept", "办公室"), ("org", "add-dept", "财务科", "--flag", "财务"),
                 ("org", "add", "王书记", "--role", "书记"), ("org", "add", "刘组长", "--role", "纪检组长"),
                 ("org", "add", "张副", "--role", "班子成员"), ("org", "add", "赵科长", "--role", "科室负责人", "--dept", "办公室"),
                 ("org", "add", "钱科长", "--role", "科室负责人", "--dept", "财务科"),
                 ("org", "add", "周明", "--role", "工作人员", "--dept", "财务科"),
                 ("org", "assign", "张副", "--oversees", "办公室,财务科")):
        result = zr(*args)
        assert result.code == 0, (args, result.err)
    return root


@pytest.mark.parametrize("preset", PRESETS)
def test_demo_overdue_items_are_the_documents_own(zr, tmp_path, preset):
    assert zr("demo", tmp_path / preset, "--preset", preset).code == 0
    os.chdir(tmp_path / preset)
    catalog = {d["id"]: d for d in json.loads(zr("catalog", "show", "--json").out)["duties"]}
    due = json.loads(zr("due", "--json", "--within", "366").out)
    for row in due["rows"] + due["open"]:
        assert catalog[row["duty"]]["source"].startswith(PRESETS[preset] + " "), row
    assert zr("check").code == 0


def test_guangzhou_discipline_report_is_due_by_december_to_the_superior_commission_only(zr, tmp_path):
    unit(zr, tmp_path, "guangzhou")
    data = json.loads(zr("plan", "--json", "--member", "刘组长").out)
    report = next(d for d in data["holders"][0]["duties"] if d["duty"] == "D-report")
    assert [s["due"] for s in report["slots"]] == ["2026-12-31"]
    assert report["recipients"] == ["中共某县纪委"]
    assert not report["due_next_year"]


def test_procuratorate_secretary_signs_the_public_pledge(zr, tmp_path):
    unit(zr, tmp_path, "procuratorate")
    result = zr("docs", "pledge", "--member", "王书记", "-o", "x")
    assert result.code == 0, result.err
    files = list((tmp_path / "procuratorate" / "x").glob("*.docx"))
    assert [f.name for f in files] == ["2026_公开承诺书_王书记_党组书记.docx"]
    assert "公开承诺书" in all_text(Document(str(files[0])))
    assert "zr log sign --type 公开承诺书 --by P001" in result.out  # a type the catalog accepts
    staff = zr("docs", "pledge", "--member", "周明", "-o", "y")
    text = all_text(Document(str(next((tmp_path / "procuratorate" / "y").glob("*.docx")))))
    assert "廉洁从检承诺书" in text and "科室负责人（签字）" in text  # signed with the head (003 第九条7)


def test_finance_letters_are_the_bodies_with_each_department(zr, tmp_path):
    unit(zr, tmp_path, "finance")
    result = zr("docs", "responsibility", "--all", "-o", "letters")
    assert result.code == 0, result.err
    files = sorted((tmp_path / "finance" / "letters").glob("*.docx"))
    assert [f.name for f in files] == ["2026_责任书_赵科长_办公室.docx", "2026_责任书_钱科长_财务科.docx"]
    text = all_text(Document(str(files[0])))
    assert "主体责任人：党组书记　王书记" in text
    assert "监督责任人：" in text and "刘组长" in text
    assert "被责任人（乙方）：办公室负责人　赵科长" in text
    # the stationed 纪检组长 is not one of the unit's leaders to be talked to
    plan = json.loads(zr("plan", "--json", "--member", "王书记").out)
    talk = next(d for d in plan["holders"][0]["duties"] if d["duty"] == "S08-talk")
    assert {t["name"] for s in talk["slots"] for t in s["targets"]} == {"张副", "赵科长", "钱科长"}


def test_guangzhou_prints_no_letters_and_says_why(zr, tmp_path):
    unit(zr, tmp_path, "guangzhou")
    result = zr("docs", "responsibility", "--all")
    assert result.code == 1 and "没有规定逐人签订责任书" in result.err
    result = zr("docs", "pledge", "--all")
    assert result.code == 1 and "没有规定承诺书" in result.err


def test_city_life_meeting_makes_its_minutes_due_in_a_week(zr, tmp_path):
    unit(zr, tmp_path, "city")
    assert zr("log", "meeting", "--type", "民主生活会", "--by", "王书记", "--date", "2026-10-07").code == 0
    line = "10月7日民主生活会：会议情况应于10月14日前报某县纪委，尚未记录"
    soon = zr("due", "--as-of", "2026-10-10")
    assert line in soon.out and "2026-10-14 还有 4 天" in soon.out
    late = zr("due", "--as-of", "2026-10-20")
    assert "已逾期" in late.out and "逾期 6 天" in late.out and line in late.out
    status = json.loads(zr("status", "--json", "--as-of", "2026-10-20").out)
    row = next(r for r in status["rows"] if r["duty"] == "P-life-minutes")
    assert (row["state"], row["trigger"]["date"], row["due"]) == ("overdue", "2026-10-07", "2026-10-14")
    assert row["notice"] == line
    # the minutes are sent on 10-12: done, and nothing is due any more
    assert zr("log", "report", "--type", "民主生活会情况报送", "--by", "王书记", "--date", "2026-10-12").code == 0
    status = json.loads(zr("status", "--json", "--as-of", "2026-10-20").out)
    assert next(r for r in status["rows"] if r["duty"] == "P-life-minutes")["state"] == "done"
    assert line not in zr("due", "--as-of", "2026-10-20").out
    # minutes 'sent' before the meeting never count for it
    assert zr("log", "meeting", "--type", "民主生活会", "--by", "王书记", "--date", "2026-11-20").code == 0
    status = json.loads(zr("status", "--json", "--as-of", "2026-12-01").out)
    second = next(r for r in status["rows"] if r["duty"] == "P-life-minutes" and r["trigger"]["date"] == "2026-11-20")
    assert second["state"] == "overdue" and second["done"] == 0


def test_city_report_on_the_year_is_due_next_january(zr, tmp_path, monkeypatch):
    import datetime as dt

    from zerenqingdan import dates

    monkeypatch.setattr(dates, "today", lambda: dt.date(2027, 1, 26))
    unit(zr, tmp_path, "city")
    assert zr("year", "start", "2027").code == 0
    due = zr("due", "--as-of", "2027-01-20")
    assert due.code == 0, due.err
    assert "2027-01-31 还有 11 天" in due.out
    assert "向上一级党委和纪委分别书面报告上年度履行主体责任情况（2026 年度全年）" in due.out
    # recorded in January 2027, it counts for 2026
    result = zr("log", "report", "--type", "年度报告", "--by", "王书记", "--date", "2027-01-25",
                "--topic", "2026年度履行主体责任情况报告")
    assert result.code == 0, result.err
    assert "2026 年度" in result.out
    status = json.loads(zr("status", "--json", "--year", "2026", "--as-of", "2027-02-01").out)
    row = next(r for r in status["rows"] if r["duty"] == "P-report")
    assert (row["state"], row["due"], row["records"]) == ("done", "2027-01-31", ["2027-0001"])
    assert "上年度履行主体责任情况" not in zr("due", "--as-of", "2027-01-26").out


def test_a_number_the_document_does_not_give_is_shown_as_the_units_own(zr, tmp_path):
    unit(zr, tmp_path, "city")
    status = json.loads(zr("status", "--json", "--as-of", "2026-12-31").out)
    meeting = next(r for r in status["rows"] if r["duty"] == "P-meeting")  # 002 §4(1) 定期
    assert (meeting["state"], meeting["state_label"]) == ("unit_defined", "本单位自定")
    text = zr("plan").out
    assert "召开党风廉政建设和反腐败工作专题会议：“定期”，次数由本单位确定" in text
    assert "〔《实施意见》第四条（1）〕" in text


def test_an_appointment_triggers_the_opinion_before_it_and_the_talk_after_it(zr, tmp_path):
    """000 二(一)4(2) and 四(四): the written opinion of the 纪检组 first, the 任前谈话 after."""
    unit(zr, tmp_path, "renfang")
    assert zr("log", "appoint", "--type", "选拔任用", "--by", "王书记", "--date", "2026-05-10").code == 1  # whom?
    result = zr("log", "appoint", "--type", "选拔任用", "--by", "王书记", "--with", "周明", "--date", "2026-05-10")
    assert result.code == 0, result.err
    assert "触发：「" in result.out
    due = zr("due", "--as-of", "2026-05-20")
    assert "5月10日选拔任用" in due.out and "逾期" in due.out  # no opinion was asked for beforehand
    # an opinion on someone else does not answer for 周明
    assert zr("log", "opinion", "--type", "廉政意见", "--by", "刘组长", "--with", "钱科长", "--date", "2026-05-08").code == 0
    status = json.loads(zr("status", "--json", "--as-of", "2026-05-20").out)
    before = [r for r in status["rows"] if r["trigger"] and r["duty"] == "P-opinion"]
    assert [r["state"] for r in before] == ["overdue"]


def test_check_flags_dates_that_make_no_sense_and_they_do_not_count(zr, tmp_path):
    """Minutes sent before any meeting; a year-end check in March."""
    unit(zr, tmp_path, "city")
    assert zr("log", "report", "--type", "民主生活会情况报送", "--by", "王书记", "--date", "2026-03-09").code == 0
    assert zr("log", "meeting", "--type", "民主生活会", "--by", "王书记", "--date", "2026-10-07").code == 0
    result = zr("check")
    assert result.code == 1
    assert "2026-0001: 民主生活会情况报送记于 2026年3月9日，此前台账中没有民主生活会的记录" in result.out
    status = json.loads(zr("status", "--json", "--as-of", "2026-10-20").out)
    minutes = next(r for r in status["rows"] if r["duty"] == "P-life-minutes")
    assert (minutes["state"], minutes["records"]) == ("overdue", [])  # the March 'minutes' do not answer it
    os.chdir(tmp_path)
    unit(zr, tmp_path / "p", "procuratorate")
    assert zr("log", "inspect", "--type", "检查考核", "--by", "王书记", "--with", "张副", "--date", "2026-03-02").code == 0
    result = zr("check")
    assert result.code == 1 and "是年底的事项，却记于 2026年3月2日" in result.out
    status = json.loads(zr("status", "--json", "--as-of", "2026-12-31").out)
    check = next(r for r in status["rows"] if r["duty"] == "S-check")
    assert check["done"] == 0


def test_a_stationed_discipline_group_reports_under_the_commission_that_stations_it(zr, tmp_path):
    unit(zr, tmp_path, "finance")
    assert zr("report", "--supervision", "--as-of", "2026-12-31", "-o", "s.docx").code == 0
    text = all_text(Document(str(tmp_path / "finance" / "s.docx")))
    assert text.startswith("中共某县纪委驻某县测试局纪检组关于2026年度履行")
    assert "中共某县纪委：" in text  # 004 七(三): to the 市纪委 only
    assert "【请填写：受理信访举报" in text  # what the ledger cannot know is left to the group, marked
