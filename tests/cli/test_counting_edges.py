"""Issue [1/5]: what a record counts for — late reports, triggers, reports sent
分别, the period a late record belongs to, and a report on its own year."""

import json
import os

from tests.docxcheck import all_text


def ok(result):
    assert result.code == 0, result.err
    return result


def unit(zr, tmp_path, preset):
    root = tmp_path / preset
    ok(zr("init", root, "--name", "某市测试局", "--year", "2026", "--preset", preset,
          "--superior", "中共某市委", "--superior-discipline", "中共某市纪委"))
    os.chdir(root)
    for args in (("org", "add-dept", "办公室"), ("org", "add-dept", "财务科", "--flag", "财务"),
                 ("org", "add", "王书记", "--role", "书记"), ("org", "add", "刘组长", "--role", "纪检组长"),
                 ("org", "add", "张副", "--role", "班子成员"),
                 ("org", "add", "赵科长", "--role", "科室负责人", "--dept", "办公室"),
                 ("org", "add", "钱科长", "--role", "科室负责人", "--dept", "财务科"),
                 ("org", "add", "周明", "--role", "工作人员", "--dept", "财务科"),
                 ("org", "add", "吴敏", "--role", "工作人员", "--dept", "办公室"),
                 ("org", "assign", "张副", "--oversees", "办公室,财务科")):
        ok(zr(*args))
    return root


def status_rows(zr, *args) -> list[dict]:
    return json.loads(ok(zr("status", "--json", *args)).out)["rows"]


def row(rows, duty, period=None, holder=None):
    return next(r for r in rows if r["duty"] == duty and (period is None or r["period"] == period)
                and (holder is None or r["holder"] == holder))


# -- 6. a late triggered report counts, marked late ---------------------------------


def test_minutes_sent_after_the_week_count_late(zr, tmp_path, today):
    unit(zr, tmp_path, "city")
    ok(zr("log", "meeting", "--type", "民主生活会", "--by", "王书记", "--with", "张副", "--date", "2026-02-18"))
    result = ok(zr("log", "report", "--type", "民主生活会情况报送", "--by", "王书记", "--date", "2026-02-27",
                   "--to", "市纪委"))
    assert "计入" in result.out and "逾期补记" in result.out
    assert "要求的类型是" not in result.out
    minutes = row(status_rows(zr, "--as-of", "2026-03-01"), "P-life-minutes")
    assert minutes["state"] == "done" and minutes["late"]
    assert "尚未记录" not in ok(zr("status", "--as-of", "2026-03-01")).out


# -- 7. a 科室's 组织生活会 always owes its report -------------------------------------


def test_organisation_life_meeting_report_is_owed_by_the_departments_head(zr, tmp_path, today):
    unit(zr, tmp_path, "finance")
    # no 科室 named, but the people there are of 财务科: its head owes the report
    ok(zr("log", "meeting", "--type", "组织生活会", "--by", "钱科长", "--with", "周明", "--date", "2026-05-06"))
    rows = status_rows(zr, "--as-of", "2026-05-20")
    owed = [r for r in rows if r["duty"] == "H-orglife"]
    assert [r["holder_name"] for r in owed] == ["钱科长"] and owed[0]["state"] == "overdue"
    # a meeting nobody can place is refused with the choices, nothing written
    before = json.loads(ok(zr("log", "list", "--json")).out)["entries"]
    refused = zr("log", "meeting", "--type", "组织生活会", "--by", "张副", "--date", "2026-05-07")
    assert refused.code != 0 and "--dept" in refused.err and "财务科" in refused.err
    assert json.loads(ok(zr("log", "list", "--json")).out)["entries"] == before


# -- 8. one opinion answers one appointment ------------------------------------------


def test_one_opinion_does_not_cover_every_later_appointment(zr, tmp_path, today):
    unit(zr, tmp_path, "renfang")
    ok(zr("log", "opinion", "--by", "刘组长", "--with", "周明", "--date", "2026-01-10"))
    first = ok(zr("log", "appoint", "--type", "选拔任用", "--by", "王书记", "--with", "周明", "--date", "2026-03-02"))
    ok(zr("log", "appoint", "--type", "评先评优", "--by", "王书记", "--with", "周明", "--date", "2026-06-15"))
    opinions = [r for r in status_rows(zr, "--as-of", "2026-07-01") if r["duty"] == "P-opinion"]
    assert sorted(r["state"] for r in opinions) == ["done", "overdue"]
    done = next(r for r in opinions if r["state"] == "done")
    assert done["trigger"]["date"] == "2026-03-02"
    assert first.out.count("计入") <= 1  # names only what the record itself fulfils


# -- 9. reports sent 分别 ---------------------------------------------------------------


def test_a_report_sent_separately_is_done_when_each_recipient_has_its_copy(zr, tmp_path, today):
    unit(zr, tmp_path, "finance")
    ok(zr("log", "report", "--type", "主体责任报告", "--by", "王书记", "--date", "2026-06-20", "--to", "市委"))
    h1 = row(status_rows(zr, "--as-of", "2026-07-05"), "P04-report", "2026H1")
    assert (h1["required"], h1["done"], h1["state"]) == (2, 1, "overdue")
    assert h1["missing_names"] == ["某市纪委"]
    assert "未覆盖：某市纪委" in ok(zr("status", "--as-of", "2026-07-05")).out
    shown = json.loads(ok(zr("log", "show", "2026-0001", "--json")).out)
    assert shown["to"] == ["上级党委"] and shown["to_names"] == ["某市委"]
    ok(zr("log", "report", "--type", "主体责任报告", "--by", "王书记", "--date", "2026-06-21", "--to", "中共某市纪委"))
    h1 = row(status_rows(zr, "--as-of", "2026-07-05"), "P04-report", "2026H1")
    assert (h1["done"], h1["state"]) == (2, "done")
    wrong = zr("log", "report", "--type", "主体责任报告", "--by", "王书记", "--date", "2026-06-22", "--to", "省委")
    assert wrong.code != 0 and "不是本单位的报送对象" in wrong.err and "可用" in wrong.err


# -- 10. a late record counts for its own period --------------------------------------


def test_a_first_half_report_filed_in_july_is_the_first_halfs(zr, tmp_path, today):
    unit(zr, tmp_path, "finance")
    ok(zr("log", "report", "--type", "主体责任报告", "--by", "王书记", "--date", "2026-07-08", "--to", "市委,市纪委"))
    rows = status_rows(zr, "--as-of", "2027-01-05")
    h1, h2 = row(rows, "P04-report", "2026H1"), row(rows, "P04-report", "2026H2")
    assert (h1["done"], h1["state"], h1["late"]) == (2, "done", ["2026-0001"])
    assert (h2["done"], h2["state"]) == (0, "overdue")  # the December report is still missing


# -- 11. two 告知书 duties judged together by zr check ---------------------------------


def test_a_notice_after_an_audit_is_not_called_a_mistake(zr, tmp_path, today):
    unit(zr, tmp_path, "finance")
    ok(zr("log", "inspect", "--type", "审计", "--by", "张副", "--dept", "财务科", "--date", "2026-04-01"))
    ok(zr("log", "other", "--type", "廉政风险告知书", "--by", "张副", "--dept", "财务科", "--date", "2026-04-10"))
    result = zr("check")
    assert "财政监督检查的记录" not in result.out
    assert result.code == 0, result.out


# -- 5. a report on year N belongs to year N -------------------------------------------


def test_a_january_report_on_last_year_does_not_count_for_this_year(zr, tmp_path, today):
    import datetime as dt

    unit(zr, tmp_path, "finance")
    today(dt.date(2026, 12, 20))
    ok(zr("log", "report", "--type", "科室履责报告", "--by", "钱科长", "--date", "2026-01-10",
          "--for-year", "2025", "--to", "党组,纪检组"))
    rows = status_rows(zr, "--as-of", "2026-12-20")
    mine = row(rows, "H-report", holder="P005")
    assert mine["done"] == 0 and mine["records"] == []
    shown = ok(zr("log", "show", "2026-0001"))
    assert "所属年度：2025" in shown.out


def test_the_report_on_the_year_is_not_work_done_in_itself(zr, demo):
    root = demo("city")
    report = ok(zr("report"))
    year = 2026
    from docx import Document

    text = all_text(Document(root / "out" / f"{year}_履行党风廉政建设主体责任情况的报告.docx"))
    assert "分别书面报告上年度履行主体责任情况" not in text
    assert report.code == 0


# -- 12. people who change posts -------------------------------------------------------


def test_a_promotion_moves_duties_with_the_post(zr, tmp_path, today):
    unit(zr, tmp_path, "renfang")
    # 赵科长 heads 办公室 until June, and talks with 吴敏 in May as its head
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "赵科长", "--with", "吴敏", "--date", "2026-05-12"))
    ok(zr("org", "move", "赵科长", "--role", "班子成员", "--since", "2026-07-01", "--title", "党组成员、副主任"))
    ok(zr("org", "add", "罗斌", "--role", "科室负责人", "--dept", "办公室", "--since", "2026-07-01"))
    rows = status_rows(zr, "--as-of", "2026-12-31")
    talks = row(rows, "H-talk", holder="P008")  # 罗斌, the new head
    assert "P004" not in talks["missing"] and "P004" not in talks["records"]  # owes nothing to his predecessor
    assert talks["done"] == talks["required"] == 1  # the May talk counts for the department
    heads = row(rows, "S-talk-heads")
    assert heads["required"] == 2  # two 处室, two heads: the promoted one is a leader now
    assert sorted(heads["missing_names"]) == ["罗斌", "钱科长"]
    leaders = json.loads(ok(zr("plan", "--json")).out)
    promoted = next(h for h in leaders["holders"] if h["member"] == "P004")
    assert all(d["duty"] != "H-talk" for d in promoted["duties"])


def test_a_head_owes_nothing_to_someone_who_left_before_he_came(zr, tmp_path, today):
    unit(zr, tmp_path, "renfang")
    ok(zr("org", "leave", "赵科长", "--until", "2026-08-31"))
    ok(zr("org", "leave", "吴敏", "--until", "2026-08-31"))
    ok(zr("org", "add", "罗斌", "--role", "科室负责人", "--dept", "办公室", "--since", "2026-09-01"))
    rows = status_rows(zr, "--as-of", "2026-12-31")
    talks = row(rows, "H-talk", holder="P008")
    assert talks["required"] == 0 and "P007" not in talks["missing"]


# -- 13. 14. letters: planned, printed and tracked from one rule ----------------------------


def test_procuratorate_letters_printed_are_the_letters_planned(zr, demo):
    root = demo("procuratorate")
    plan = json.loads(ok(zr("plan", "--json")).out)
    secretary = next(h for h in plan["holders"] if h["role"] == "secretary")
    planned = {t["id"] for d in secretary["duties"] if d["duty"] == "S-letters" for s in d["slots"]
               for t in s["targets"]}
    result = ok(zr("docs", "responsibility", "--all", "--out", root / "letters"))
    command = next(line.strip() for line in result.out.splitlines()
                   if line.strip().startswith(f"zr log sign --type 责任书 --by {secretary['member']} "))
    signed = set(command.split("--with ")[1].split()[0].split(","))  # and the heads of what the secretary oversees
    leaders = {m["id"] for m in json.loads(ok(zr("org", "show", "--json")).out)["members"]
               if m["role"] in ("leader", "discipline", "assistant")}
    assert planned <= signed & leaders and len(planned) >= 2
    discipline = next(m["id"] for m in json.loads(ok(zr("org", "show", "--json")).out)["members"]
                      if m["role"] == "discipline")
    assert discipline in planned  # 003 第十条3, 第十四条: the 纪检组长 signs with the secretary too


def test_renfang_letters_are_tracked_and_the_printed_hint_works(zr, demo):
    root = demo("renfang")
    before = json.loads(ok(zr("status", "--json")).out)["rows"]
    letters = [r for r in before if r["duty"] == "P-letters"]
    assert letters and letters[0]["required"] >= 2
    result = ok(zr("docs", "responsibility", "--all", "--out", root / "letters"))
    hints = [line.strip() for line in result.out.splitlines() if line.strip().startswith("zr log sign")]
    assert hints
    for hint in hints:
        ok(zr(*hint.split()[1:]))  # pasted as printed
    after = next(r for r in json.loads(ok(zr("status", "--json")).out)["rows"] if r["duty"] == "P-letters")
    assert after["state"] == "done" and after["missing"] == []
