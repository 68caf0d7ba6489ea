"""Issue [2/6]: one person across posts, titles in print, editing the org
chart, and a workspace that lives for years."""

import datetime as dt
import hashlib
import json
import tomllib
from pathlib import Path

import pytest
from docx import Document

from tests.docxcheck import all_text
from zerenqingdan import dates


@pytest.fixture
def today(monkeypatch):
    """Set the date zr believes it is."""

    def set_today(day: dt.date) -> None:
        monkeypatch.setattr(dates, "today", lambda: day)

    set_today(dt.date(2026, 12, 1))
    return set_today


def toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def fingerprint(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".zr-cache" not in p.parts}


def ok(result):
    assert result.code == 0, result.err
    return result


# -- persons and posts --------------------------------------------------------


def test_promotion_keeps_one_person_with_two_posts(zr, small_unit, today):
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "钱科长", "--with", "周明", "--date", "2026-05-06"))
    result = ok(zr("org", "move", "周明", "--role", "班子成员", "--since", "2026-08-01", "--title", "党委委员、副局长"))
    assert "周明（P008，财务科）：原任职至 2026年7月31日" in result.out
    assert "自 2026年8月1日 起：党委委员、副局长" in result.out
    data = toml(small_unit / "zr.toml")
    assert [m["name"] for m in data["member"]].count("周明") == 1  # still one person
    posts = [p for p in data["post"] if p["member"] == "P008"]
    assert [(p["role"], p.get("until")) for p in posts] == [("工作人员", dt.date(2026, 7, 31)), ("班子成员", None)]
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "周明", "--date", "2026-09-02"))
    records = json.loads(ok(zr("log", "list", "--json")).out)["entries"]
    assert [r["with"] for r in records] == [["P008"], ["P008"]]  # both under one id

    before = json.loads(ok(zr("org", "show", "--json", "--as-of", "2026-05-01")).out)
    after = json.loads(ok(zr("org", "show", "--json", "--as-of", "2026-09-01")).out)
    [was] = [m for m in before["members"] if m["id"] == "P008"]
    [now] = [m for m in after["members"] if m["id"] == "P008"]
    assert (was["role"], was["department"], was["title"]) == ("staff", "D02", "")
    assert (now["role"], now["department"], now["title"]) == ("leader", None, "党委委员、副局长")
    assert [p["role"] for p in now["posts"]] == ["staff", "leader"]

    # the plan follows the posts' dates: a leader from August owes Q3 and Q4
    plan = json.loads(ok(zr("plan", "--json", "--member", "周明")).out)["holders"][0]
    hear = next(d for d in plan["duties"] if d["duty"] == "L-hear")
    assert [s["period"] for s in hear["slots"]] == ["2026Q3", "2026Q4"]
    assert len(plan["posts"]) == 2


def test_move_needs_a_change_and_a_later_date(zr, small_unit, today):
    result = zr("org", "move", "周明", "--since", "2026-08-01")
    assert result.code != 0 and "任职没有变化" in result.err
    ok(zr("org", "move", "周明", "--role", "科室负责人", "--dept", "业务科", "--since", "2026-08-01"))
    result = zr("org", "move", "周明", "--role", "工作人员", "--dept", "办公室", "--since", "2026-08-01")
    assert result.code != 0 and "--fix" in result.err


def test_names_resolve_by_date(zr, small_unit, today):
    ok(zr("org", "leave", "P009", "--until", "2026-06-30"))  # the second 张伟 leaves in June
    result = zr("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "张伟", "--date", "2026-05-10")
    assert result.code != 0
    assert "在 2026年5月10日有 2 人名叫“张伟”：张伟（P003，党委委员）、张伟（P009，业务科）；请改用编号" in result.err
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "张伟", "--date", "2026-08-10"))
    [entry] = json.loads(ok(zr("log", "list", "--json")).out)["entries"]
    assert entry["with"] == ["P003"]


def test_same_names_are_told_apart_in_lists_and_files(zr, small_unit, today):
    status = ok(zr("status")).out
    assert "【班子成员】张伟（党委委员）（P003）" in status
    assert "未覆盖：孙科长、张伟（业务科）" in status
    ok(zr("docs", "pledge", "--all", "-o", "pledges"))
    names = sorted(p.name for p in (small_unit / "pledges").glob("*.docx"))
    assert "2026_廉洁从政承诺书_张伟_党委委员.docx" in names
    assert "2026_廉洁从业承诺书_张伟_业务科.docx" in names
    assert not [n for n in names if "P0" in n]  # never an internal id


def test_an_id_like_name_is_refused(zr, small_unit, today):
    for name in ("P003", "p12", "D01"):
        result = zr("org", "add", name, "--role", "工作人员", "--dept", "业务科")
        assert result.code != 0 and "像是编号" in result.err, name


# -- titles in print --------------------------------------------------------


def test_letters_and_pledges_show_titles_or_the_proper_role_name(zr, small_unit, today):
    ok(zr("org", "set", "P003", "--title", "党委委员、副局长", "--fix"))
    ok(zr("org", "set", "王书记", "--title", "党委书记、局长", "--fix"))
    ok(zr("docs", "responsibility", "--all", "-o", "letters"))
    zhang = all_text(Document(str(small_unit / "letters" / "2026_责任书_张伟_班子成员.docx")))
    assert "责任人（甲方）：党委书记、局长　王书记" in zhang
    assert "被责任人（乙方）：党委委员、副局长　张伟" in zhang
    li = all_text(Document(str(small_unit / "letters" / "2026_责任书_李娜_班子成员.docx")))
    assert "被责任人（乙方）：党委委员　李娜" in li  # no title: the role's proper name
    assert "班子成员　李娜" not in li
    ok(zr("docs", "pledge", "--member", "李娜", "-o", "p"))
    pledge = all_text(Document(str(next((small_unit / "p").glob("*.docx")))))
    assert "作为某县测试局党委委员" in pledge


# -- editing the org chart ----------------------------------------------------


def test_rename_set_dept_and_unit_keep_comments(zr, small_unit, today):
    config = small_unit / "zr.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# 办公室自己加的备注\n", encoding="utf-8")
    ok(zr("org", "rename", "周明", "周敏"))
    ok(zr("org", "dept", "业务科", "--name", "业务一科", "--kind", "二级机构", "--flag", "审批"))
    ok(zr("org", "unit", "--name", "某县测试局（新）", "--superior-discipline", "中共某县纪委监委"))
    text = config.read_text(encoding="utf-8")
    assert "# 办公室自己加的备注" in text
    data = toml(config)
    assert data["unit"]["name"] == "某县测试局（新）"
    assert data["unit"]["superior_discipline"] == "中共某县纪委监委"
    dept = next(d for d in data["department"] if d["id"] == "D03")
    assert (dept["name"], dept["kind"], dept["flags"]) == ("业务一科", "直属单位", ["审批"])
    assert any(m["name"] == "周敏" for m in data["member"])
    assert "业务一科" in ok(zr("org", "people", "--dept", "业务一科")).out


def test_set_asks_which_kind_of_change(zr, small_unit, today):
    before = (small_unit / "zr.toml").read_bytes()
    for args in (("org", "set", "周明"), ("org", "set", "周明", "--title", "科员"),
                 ("org", "set", "周明", "--title", "科员", "--fix", "--since", "2026-05-01"),
                 ("org", "set", "周明", "--role", "局长", "--fix"),
                 ("org", "dept", "不存在科"), ("org", "unit", "--party-body", "党小组")):
        result = zr(*args)
        assert result.code != 0 and result.err.startswith("错误："), args
    assert (small_unit / "zr.toml").read_bytes() == before


def test_remove_only_when_no_record_names_the_person(zr, small_unit, today):
    ok(zr("org", "add", "误录人员", "--role", "工作人员", "--dept", "办公室"))
    ok(zr("org", "remove", "误录人员"))
    assert "误录人员" not in (small_unit / "zr.toml").read_text(encoding="utf-8")
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "钱科长", "--with", "周明", "--date", "2026-05-06"))
    before = (small_unit / "zr.toml").read_bytes()
    result = zr("org", "remove", "周明")
    assert result.code != 0
    assert "台账中有 2026 年 1 条记录涉及 周明（P008），不能删除" in result.err
    assert "zr org leave P008" in result.err
    assert (small_unit / "zr.toml").read_bytes() == before


# -- years ---------------------------------------------------------------------


def _records_of_2026(zr):
    for args in (("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "P003,李娜", "--date", "2026-03-05"),
                 ("log", "meeting", "--type", "专题会议", "--by", "王书记", "--date", "2026-06-10", "--topic", "研究党风廉政建设"),
                 ("log", "talk", "--type", "廉政谈话", "--by", "P003", "--with", "钱科长", "--date", "2026-11-02")):
        ok(zr(*args))


def test_year_start_leaves_the_old_year_untouched(zr, small_unit, today):
    today(dt.date(2027, 1, 8))
    _records_of_2026(zr)
    before = fingerprint(small_unit)
    status_before = ok(zr("status", "--json")).out
    result = ok(zr("year", "start", "2027"))
    assert "已开始 2027 年度" in result.out
    after = fingerprint(small_unit)
    changed = {k for k in before if after.get(k) != before[k]}
    assert changed == {"zr.toml"}  # ledger/2026.toml, catalog, templates: byte-identical
    assert set(after) - set(before) == {"ledger/2027.toml", "catalog-2026.toml"}
    assert toml(small_unit / "zr.toml")["unit"]["year"] == 2027
    assert ok(zr("status", "--year", "2026", "--json")).out == status_before

    for wrong in (("year", "start", "2027"), ("year", "start", "2025"), ("year", "start", "2029"),
                  ("year", "start", "明年")):
        result = zr(*wrong)
        assert result.code != 0 and "Traceback" not in result.err, wrong
    assert fingerprint(small_unit) == after


def test_january_talks_and_last_years_report_side_by_side(zr, small_unit, today):
    today(dt.date(2027, 1, 12))
    _records_of_2026(zr)
    ok(zr("report", "--year", "2026", "-o", "before.docx"))
    ledger_2026 = (small_unit / "ledger" / "2026.toml").read_bytes()
    status_2026 = ok(zr("status", "--year", "2026", "--json")).out

    # a talk of the new year, before anyone has started it: it goes to its own year's ledger
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "李娜", "--date", "2027-01-10"))
    assert (small_unit / "ledger" / "2026.toml").read_bytes() == ledger_2026
    assert "2027-01-10" in (small_unit / "ledger" / "2027.toml").read_text(encoding="utf-8")
    ok(zr("year", "start", "2027"))
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "孙科长", "--date", "2027-01-11"))

    assert ok(zr("status", "--year", "2026", "--json")).out == status_2026
    ok(zr("report", "--year", "2026", "-o", "after.docx"))
    assert all_text(Document(str(small_unit / "after.docx"))) == all_text(Document(str(small_unit / "before.docx")))
    listed = json.loads(ok(zr("log", "list", "--json")).out)["entries"]
    assert [e["date"] for e in listed] == ["2027-01-10", "2027-01-11"]  # the working year is now 2027
    old = json.loads(ok(zr("log", "list", "--year", "2026", "--json")).out)["entries"]
    assert len(old) == 3


def test_a_bumped_year_gives_no_false_findings(zr, small_unit, today):
    ok(zr("org", "leave", "周明", "--until", "2026-10-31"))
    ok(zr("org", "assign", "李娜", "--oversees", "办公室", "--since", "2026-09-01"))
    ok(zr("check"))
    today(dt.date(2027, 1, 5))
    ok(zr("year", "start", "2027"))
    result = zr("check")
    assert result.code == 0, result.out + result.err


# -- migration -------------------------------------------------------------


OLD_FORMAT = """\
# 手写的旧格式
[unit]
name = "某县旧局"
year = 2026
preset = "city"
party_body = "党委"
discipline_body = "纪委"
superior = "中共某县委"
superior_discipline = "中共某县纪委"

[[department]]
id = "D01"
name = "办公室"
flags = []

[[department]]
id = "D02"
name = "财务科"
flags = ["财务"]

[[member]]
id = "P001"
name = "王书记"
role = "书记"

[[member]]
id = "P002"
name = "李副局长"
role = "班子成员"

[[member]]
id = "P003"
name = "赵科长"
role = "科室负责人"
department = "D02"  # 财务科

[[member]]
id = "P004"
name = "孙干事"
role = "工作人员"
department = "D02"
since = 2026-04-01

[[oversight]]
member = "P001"
department = "D01"

[[oversight]]
member = "P002"
department = "D02"
"""


def test_old_format_upgrades_with_a_backup_and_the_same_numbers(zr, tmp_path, monkeypatch, today):
    root = tmp_path / "old"
    (root / "ledger").mkdir(parents=True)
    (root / "zr.toml").write_text(OLD_FORMAT, encoding="utf-8")
    monkeypatch.chdir(root)
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "李副局长", "--with", "赵科长", "--date", "2026-05-06"))
    plan_before = ok(zr("plan", "--json")).out
    status_before = ok(zr("status", "--json")).out
    assert (root / "zr.toml").read_text(encoding="utf-8") == OLD_FORMAT  # reading changes nothing

    result = ok(zr("org", "add-dept", "业务科"))
    assert "原文件备份为 zr.toml.1.bak" in result.out
    assert (root / "zr.toml.1.bak").read_text(encoding="utf-8") == OLD_FORMAT
    data = toml(root / "zr.toml")
    assert all("role" not in m for m in data["member"])
    assert [(p["member"], p["role"]) for p in data["post"]] == [
        ("P001", "书记"), ("P002", "班子成员"), ("P003", "科室负责人"), ("P004", "工作人员")]
    assert "# 手写的旧格式" in (root / "zr.toml").read_text(encoding="utf-8")
    assert ok(zr("plan", "--json")).out == plan_before
    assert ok(zr("status", "--json")).out == status_before
    assert "zr.toml.2.bak" not in ok(zr("org", "add-dept", "审批科")).out  # upgraded once


def test_a_year_the_workspace_does_not_have_is_refused(zr, small_unit, today):
    for command in (("status",), ("plan",), ("log", "list"), ("report",), ("due",)):
        result = zr(*command, "--year", "2019")
        assert result.code != 0, command
        assert "工作区没有 2019 年度（已有年度：2026）" in result.err, command
    ok(zr("status", "--year", "2027"))  # next year: January talks may come before zr year start


def test_statement_file_names_the_person_not_the_id(zr, small_unit, today):
    ok(zr("report", "--member", "P003"))
    assert [p.name for p in (small_unit / "out").glob("*述责述廉*")] == ["2026_述责述廉数据表_张伟（党委委员）.docx"]


def test_a_promoted_heads_two_letters_each_list_that_posts_duties(zr, small_unit, today):
    ok(zr("org", "move", "钱科长", "--role", "班子成员", "--since", "2026-08-01", "--title", "党委委员、副局长"))
    ok(zr("org", "move", "周明", "--role", "科室负责人", "--since", "2026-08-01", "--title", "财务科科长"))
    ok(zr("docs", "responsibility", "--member", "钱科长", "-o", "letters"))
    names = sorted(p.name for p in (small_unit / "letters").glob("*.docx"))
    assert names == ["2026_责任书_钱科长_班子成员.docx", "2026_责任书_钱科长_财务科.docx"]

    def duties(name):
        document = Document(str(small_unit / "letters" / name))
        return [row.cells[1].text for row in document.tables[0].rows[1:]]

    as_leader = duties("2026_责任书_钱科长_班子成员.docx")
    as_head = duties("2026_责任书_钱科长_财务科.docx")
    assert "听取分管科室党风廉政建设情况汇报" in as_leader
    # a letter never lists its own signing; the head's letter ends on 07-31, so it lists what falls due by then
    assert not any("签订党风廉政建设责任书" in d for d in as_leader + as_head)
    assert "向党委和纪委书面报告上年度履责情况" in as_head  # due 01-15
    assert "与本科室每名人员廉政谈话" not in as_head  # due 12-31: his successor's
    assert "听取分管科室党风廉政建设情况汇报" not in as_head
    text = all_text(Document(str(small_unit / "letters" / "2026_责任书_钱科长_财务科.docx")))
    assert "本责任书自签订之日起至2026年7月31日止" in text
