"""zr status, zr due and zr check against a scripted year."""

import json

import pytest


def rows(zr, *args):
    result = zr("status", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def row(data, holder, duty, period):
    return next(r for r in data["rows"] if (r["holder"], r["duty"], r["period"]) == (holder, duty, period))


def pick(r):
    return {k: r[k] for k in ("required", "done", "missing", "state")}


@pytest.fixture
def scripted(zr, small_unit):
    """李娜 takes over 财务科 from 张伟 on 07-01; a scripted third quarter."""
    assert zr("org", "assign", "李娜", "--oversees", "财务科", "--since", "2026-07-01").code == 0
    script = [
        ("hearing", "--by", "P003", "--dept", "财务科", "--date", "2026-02-10"),
        ("hearing", "--by", "李娜", "--dept", "业务科", "--date", "2026-07-10"),
        ("hearing", "--by", "李娜", "--dept", "财务科", "--date", "2026-08-05"),
        ("talk", "--type", "廉政谈话", "--by", "李娜", "--with", "孙科长", "--date", "2026-07-15"),
        ("talk", "--type", "廉政谈话", "--by", "李娜", "--with", "钱科长", "--date", "2026-07-16"),
        ("talk", "--type", "谈心谈话", "--by", "李娜", "--with", "周明,P009", "--date", "2026-09-01"),
        ("meeting", "--type", "专题会议", "--by", "王书记", "--date", "2026-03-01"),
    ]
    for args in script:
        result = zr("log", *args)
        assert result.code == 0, (args, result.err)
    # the talk with 钱科长 was recorded by mistake
    assert zr("log", "void", "2026-0005", "--reason", "当天未谈成").code == 0
    return small_unit


def test_status_json_after_a_scripted_quarter(zr, scripted):
    data = rows(zr, "--as-of", "2026-09-25")
    assert pick(row(data, "P004", "L-hear", "2026Q3")) == {"required": 2, "done": 2, "missing": [], "state": "done"}
    assert pick(row(data, "P004", "L-talk-heads", "2026Q3")) == {
        "required": 2, "done": 1, "missing": ["P006"], "state": "due_soon"}
    assert pick(row(data, "P004", "L-hear", "2026Q1")) == {
        "required": 1, "done": 0, "missing": ["D03"], "state": "overdue"}
    assert pick(row(data, "P003", "L-hear", "2026Q1")) == {"required": 1, "done": 1, "missing": [], "state": "done"}
    # after the hand-over 张伟 oversees nothing: nothing owed in Q3
    assert pick(row(data, "P003", "L-hear", "2026Q3")) == {"required": 0, "done": 0, "missing": [], "state": "done"}
    heart = row(data, "P004", "L-heart", "2026")
    assert pick(heart) == {"required": 4, "done": 2, "missing": ["P006", "P007"], "state": "on_track"}
    assert heart["missing_names"] == ["钱科长", "孙科长"]
    meeting = row(data, "P001", "S01-meeting", "2026")
    assert pick(meeting) == {"required": 2, "done": 1, "missing": [], "state": "on_track"}
    for r in data["rows"]:
        assert {"holder", "duty", "title", "kind", "type", "period", "required", "done", "missing", "state"} <= set(r)
    summary = {s["holder"]: s for s in data["summary"]}
    assert summary["P004"]["overdue"] >= 1


def test_status_as_of_earlier_ignores_later_records(zr, scripted):
    data = rows(zr, "--as-of", "2026-07-12", "--member", "李娜")
    assert {r["holder"] for r in data["rows"]} == {"P004"}
    assert pick(row(data, "P004", "L-hear", "2026Q3")) == {
        "required": 2, "done": 1, "missing": ["D02"], "state": "on_track"}


def test_status_text_shows_uncovered_names(zr, scripted):
    result = zr("status", "--member", "李娜", "--as-of", "2026-09-25")
    assert result.code == 0
    assert "与分管科室人员谈心谈话 全年 2/4 〔进行中，12月31日前〕 — 未覆盖：钱科长、孙科长" in result.out
    assert "第三季度 1/2 〔即将到期，9月30日前〕 — 未覆盖：钱科长" in result.out
    assert "2026Q3" not in result.out  # the codes stay in --json only


def test_status_groups_the_detail_by_person(zr, scripted):
    out = zr("status", "--as-of", "2026-09-25").out
    headers = [line for line in out.splitlines() if line.startswith("【")]
    assert len(headers) == len(set(headers))  # each person's header once, their duties beneath it
    data = rows(zr, "--as-of", "2026-09-25")
    assert {r["period_label"] for r in data["rows"]} >= {"全年", "第三季度"}  # --json adds the label, keeps the code


def test_due_lists_overdue_first(zr, scripted):
    result = zr("due", "--as-of", "2026-09-25", "--within", "10")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("已逾期（")
    assert "  2026-03-31 逾期 178 天  李娜：听取分管科室党风廉政建设情况汇报（第一季度）0/1 — 未覆盖：业务科" in lines
    soon = lines.index(next(line for line in lines if line.startswith("10 天内到期")))
    assert "  2026-09-30 还有 5 天  李娜：与分管科室负责人廉政谈话（第三季度）1/2 — 未覆盖：钱科长" in lines[soon:]
    data = json.loads(zr("due", "--as-of", "2026-09-25", "--json").out)
    dues = [r["due"] for r in data["rows"]]
    assert dues == sorted(dues)


def test_syntax_error_in_the_ledger_is_reported_with_its_line(zr, scripted):
    path = scripted / "ledger" / "2026.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(10, "topic = 廉政谈话")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = "ledger/2026.toml:11:9: TOML 语法错误：值无效（字符串要加引号，日期写成 2026-03-05）"
    result = zr("status")
    assert result.code == 1
    assert result.err.splitlines()[0] == "错误：" + message
    assert "11 | topic = 廉政谈话" in result.err
    result = zr("check")
    assert result.code == 1
    assert result.out.splitlines()[0] == message


def test_check_finds_what_hand_edits_break(zr, scripted):
    assert zr("check").code == 0
    path = scripted / "ledger" / "2026.toml"
    text = path.read_text(encoding="utf-8")
    text += '\n[[entry]]\nid = "2026-0001"\ndate = 2026-04-01\nkind = "hearing"\nby = ["P077"]\n'
    text += '\n[[void]]\nentry = "2026-0002"\n'
    path.write_text(text, encoding="utf-8")
    result = zr("check")
    assert result.code == 1
    out = result.out.splitlines()
    dup_line = text.splitlines().index('id = "2026-0001"', 10)  # 1-based line of the [[entry]] header
    assert f"ledger/2026.toml:{dup_line}: 2026-0001: 编号重复（另见 ledger/2026.toml:5）" in out
    assert f"ledger/2026.toml:{dup_line}: 2026-0001: 人员 P077 不存在" in out
    assert any(line.endswith("作废 2026-0002: 没有写作废原因（reason）") for line in out)
    assert result.err == "错误：发现 3 处问题\n"


def test_check_flags_records_outside_a_term(zr, scripted):
    assert zr("org", "leave", "周明", "--until", "2026-08-31").code == 0
    result = zr("check")
    assert result.code == 1
    assert "2026-0006: 周明（P008）在 2026年9月1日 不在任" in result.out


def test_status_and_due_print_for_the_monday_meeting(zr, scripted):
    from docx import Document

    from tests.docxcheck import all_text, assert_gbt9704

    assert zr("status", "--as-of", "2026-09-25", "--docx", "进度表.docx").code == 0
    sheet = assert_gbt9704(scripted / "进度表.docx")
    status = json.loads(zr("status", "--json", "--as-of", "2026-09-25").out)
    people = [p.text for p in sheet.paragraphs if p.text.startswith("责任人：")]
    assert len(people) == len(status["summary"])  # one sheet per person
    breaks = [p for p in sheet.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == len(people) - 1  # each person starts a page
    rows = sum(len(t.rows) - 1 for t in sheet.tables)
    assert rows == len(status["rows"])
    assert "2026Q" not in all_text(sheet)

    assert zr("due", "--as-of", "2026-09-25", "--within", "10", "--docx", "逾期.docx").code == 0
    due = json.loads(zr("due", "--json", "--as-of", "2026-09-25", "--within", "10").out)
    document = assert_gbt9704(scripted / "逾期.docx")
    listed = sum(len(t.rows) - 1 for t in document.tables)
    assert listed == len(due["rows"])
    overdue = [r for r in due["rows"] if r["state"] == "overdue"]
    assert f"一、已逾期（{len(overdue)}项）" in all_text(document)
    assert Document(str(scripted / "逾期.docx")).core_properties.author == "某县测试局"
