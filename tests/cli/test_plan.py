"""zr plan: the catalog expanded over the org chart, with mid-year changes."""

import json
import os

import pytest

PRESETS = ["default", "renfang", "guangzhou", "city", "procuratorate", "finance"]
FOUR_ONES = {"L-hear", "L-talk-heads", "L-heart", "L-lecture"}


def plan_json(zr, *extra):
    result = zr("plan", "--json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


def slots(holder, duty_id):
    duty = next(d for d in holder["duties"] if d["duty"] == duty_id)
    return {s["period"]: s for s in duty["slots"]}


SEEDS = {"default": "002", "renfang": "000", "guangzhou": "001", "city": "002", "procuratorate": "003",
         "finance": "004"}


@pytest.mark.parametrize("preset", PRESETS)
def test_demo_plan_for_every_preset(zr, tmp_path, preset):
    assert zr("demo", tmp_path / preset, "--preset", preset).code == 0
    os.chdir(tmp_path / preset)
    data = plan_json(zr)
    duties = [d for h in data["holders"] for d in h["duties"]] + data["triggered"]
    assert duties and all(d["source"].startswith(SEEDS[preset] + " ") for d in duties)  # its own document only
    assert all(d["source_text"].startswith("《") for d in duties)
    leaders = [h for h in data["holders"] if h["role"] == "leader" and len(h["posts"]) == 1]
    promoted = [h for h in data["holders"] if h["role"] == "leader" and len(h["posts"]) == 2]
    if preset != "procuratorate":  # "四个一" is 003's rule alone
        assert not any(d["period"] == "quarter" for h in leaders for d in h["duties"])
        return
    assert len(leaders) == 5
    assert [p["role"] for p in promoted[0]["posts"]] == ["head", "leader"]  # 基建科 head, leader from August
    assert list(slots(promoted[0], "L-hear")) == [f"{data['year']}Q3", f"{data['year']}Q4"]
    for leader in leaders:
        assert FOUR_ONES <= {d["duty"] for d in leader["duties"]}
        hear = slots(leader, "L-hear")
        assert list(hear) == [f"{data['year']}Q{i}" for i in range(1, 5)]
        assert all(s["targets"] and s["required"] == len(s["targets"]) for s in hear.values())
        assert slots(leader, "L-heart")[str(data["year"])]["targets"]


def test_deadlines_follow_the_preset(zr, tmp_path):
    """The yearly report on the primary responsibility, as each document dates it."""
    dues = {}
    for preset, duty in (("city", "P-report"), ("guangzhou", "P-report"), ("finance", "P04-report"),
                         ("renfang", "P-report")):
        assert zr("init", tmp_path / preset, "--name", "某局", "--year", "2026", "--preset", preset).code == 0
        assert zr("--dir", tmp_path / preset, "org", "add", "王书记", "--role", "书记").code == 0
        os.chdir(tmp_path / preset)
        secretary = next(h for h in plan_json(zr)["holders"] if h["role"] == "secretary")
        found = next(d for d in secretary["duties"] if d["duty"] == duty)
        dues[preset] = ({s["period"]: s["due"] for s in found["slots"]}, found["unit_defined"])
    assert dues == {
        "city": ({"2026": "2027-01-31"}, False),  # 002 §11: on the year, by the end of next January
        "guangzhou": ({"2026": "2026-12-31"}, False),  # 001 四(二): by the end of December
        "finance": ({"2026H1": "2026-06-30", "2026H2": "2026-12-31"}, False),  # 004 七(三)
        "renfang": ({"2026": "2027-03-31"}, False),  # 000 四(二): 年初, read as the end of Q1 (stated)
    }


def test_mid_year_reassignment_moves_the_quarters(zr, small_unit):
    assert zr("org", "assign", "李娜", "--oversees", "财务科", "--since", "2026-07-01").code == 0
    data = plan_json(zr)
    holders = {h["member"]: h for h in data["holders"]}
    lina, zhangwei = holders["P004"], holders["P003"]
    names = lambda s: [t["name"] for t in s["targets"]]  # noqa: E731
    hear = slots(lina, "L-hear")
    assert [names(hear[q]) for q in ("2026Q1", "2026Q2", "2026Q3", "2026Q4")] == [
        ["业务科"], ["业务科"], ["财务科", "业务科"], ["财务科", "业务科"]]
    hear = slots(zhangwei, "L-hear")
    assert [hear[q]["required"] for q in ("2026Q1", "2026Q2", "2026Q3", "2026Q4")] == [1, 1, 0, 0]
    # the yearly heart-to-heart with 财务科's people is owed by whoever oversees it at year end
    assert "周明" in names(slots(lina, "L-heart")["2026"])
    assert "周明" not in names(slots(zhangwei, "L-heart")["2026"])


def test_people_who_leave_or_arrive_are_owed_only_while_there(zr, small_unit):
    assert zr("org", "leave", "钱科长", "--until", "2026-03-15").code == 0
    assert zr("org", "add", "吴新", "--role", "班子成员", "--since", "2026-07-01").code == 0
    assert zr("org", "assign", "吴新", "--oversees", "业务科", "--since", "2026-07-01").code == 0
    data = plan_json(zr)
    holders = {h["member"]: h for h in data["holders"]}
    talks = slots(holders["P003"], "L-talk-heads")
    assert [t["name"] for t in talks["2026Q1"]["targets"]] == ["钱科长"]
    assert talks["2026Q4"]["targets"] == []
    newcomer = next(h for h in data["holders"] if h["name"] == "吴新")
    assert list(slots(newcomer, "L-hear")) == ["2026Q3", "2026Q4"]
    # a department with no head is reported, not a crash
    assert "财务科 在 2026Q2 没有科室负责人：张伟 的“与分管科室负责人廉政谈话”无人可覆盖" in data["warnings"]
    result = zr("plan")
    assert result.code == 0
    assert "注意：财务科 在 2026Q2 没有科室负责人" in result.err


def test_plan_for_one_member(zr, small_unit):
    data = plan_json(zr, "--member", "李娜")
    assert [h["name"] for h in data["holders"]] == ["李娜"]
    text = zr("plan", "--member", "P004").out
    assert "【班子成员】李娜（P004）" in text
    assert "2026Q1，3月31日前，需 1 个：业务科" in text
    result = zr("plan", "--member", "张伟")
    assert result.code == 1 and "有 2 人名叫“张伟”" in result.err


def test_ics_parses_with_a_real_parser(zr, small_unit):
    icalendar = pytest.importorskip("icalendar")
    result = zr("plan", "--ics", "plan.ics")
    assert result.code == 0, result.err
    calendar = icalendar.Calendar.from_ical((small_unit / "plan.ics").read_bytes())
    events = [e for e in calendar.walk("VEVENT")]
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "李娜：听取分管科室党风廉政建设情况汇报（2026Q3）" in summaries
    hear = next(e for e in events if str(e["SUMMARY"]) == "李娜：听取分管科室党风廉政建设情况汇报（2026Q3）")
    assert hear["DTSTART"].dt.isoformat() == "2026-09-30"
    assert "需覆盖（1）：业务科" in str(hear["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_catalog_show_and_check(zr, small_unit):
    assert zr("catalog", "check").code == 0
    text = zr("catalog", "show").out
    assert "八、落实领导干部监管责任" in text
    assert "· 听取分管科室党风廉政建设情况汇报：每季度至少1次（每个分管科室）〔003 第十一条6〕（L-hear）" in text
    shown = json.loads(zr("catalog", "show", "--preset", "procuratorate", "--json").out)
    assert [(p["type"], p["signers"], p["countersign"]) for p in shown["pledges"]] == [
        ("公开", "leaders", None), ("廉洁从检", "staff", "head")]
    assert {(r["party_a"], r["party_b"]) for r in shown["letters"]} == {("secretary", "leaders"),
                                                                       ("overseer", "overseen_heads")}
    text = zr("catalog", "show", "--preset", "city").out
    assert "依据：《关于落实党风廉政建设党委主体责任和纪委监督责任的实施意见》" in text
    assert "〔《实施意见》第十二条〕" in text and "002 §" not in text
    result = zr("catalog", "show", "--preset", "nosuch")
    assert result.code == 1 and "没有名为“nosuch”的预设" in result.err


def test_catalog_errors_point_at_file_line_and_key(zr, small_unit):
    path = small_unit / "catalog.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('id = "L-hear"\nholder = "leader"', 'id = "L-hear"\nholder = "leeder"', 1)
    text = text.replace('period = "quarter"\nscope = "overseen_heads"', 'period = "month"\nscope = "overseen_heads"', 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    hear = lines.index('id = "L-hear"')  # 0-based index == 1-based line of [[duty]] above it
    talk = lines.index('id = "L-talk-heads"')
    result = zr("catalog", "check")
    assert result.code == 1
    assert result.err.splitlines() == [
        "错误：catalog.toml 中有 2 处错误：",
        f"  catalog.toml:{hear}: duty[{_index(lines, hear)}]（L-hear）: holder = 'leeder' 无效（可用：secretary、party、leader、head、discipline、function）",
        f"  catalog.toml:{talk}: duty[{_index(lines, talk)}]（L-talk-heads）: period = 'month' 无效（可用：year、half、quarter）",
    ]
    assert zr("plan").code == 1  # the plan refuses a broken catalog the same way


def _index(lines, line_of_id):
    return sum(1 for line in lines[:line_of_id] if line.strip() == "[[duty]]")


def test_plan_docx_holds_the_ten_items(zr, tmp_path):
    from tests.docxcheck import all_text, assert_gbt9704

    assert zr("demo", tmp_path / "d", "--preset", "procuratorate").code == 0
    os.chdir(tmp_path / "d")
    result = zr("plan", "--docx", "out/清单.docx")
    assert result.code == 0, result.err
    document = assert_gbt9704(tmp_path / "d" / "out" / "清单.docx")
    text = all_text(document)
    data = plan_json(zr)
    secretary = next(h for h in data["holders"] if h["role"] == "secretary")
    for duty in secretary["duties"]:
        assert duty["title"] in text and duty["source_text"].split("、")[0] in text
    assert "《实施办法》第十一条第6项" in text and "003 第" not in text  # citations people read
    assert "党风廉政建设“两个责任”清单" in text
    leader = next(h for h in data["holders"] if h["name"] == "赵敏")
    assert "三季度至四季度：行政审批科、信息中心、执法监督科" in text
    assert all(d["title"] in text for d in leader["duties"])
