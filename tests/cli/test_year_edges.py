"""Issue [1/5]: the year's edges — the new year, 年初 duties, years typed wrong,
records found in their own year."""

import datetime as dt
import json as _json  # noqa: F401
import json
import os
import tomllib

import pytest


def ok(result):
    assert result.code == 0, result.err
    return result


def records(zr, *args) -> list[dict]:
    return json.loads(ok(zr("log", "list", "--json", *args)).out)["entries"]


def void_year_report(zr, year: int) -> None:
    """Take back the demo's report on ``year`` so the year's report is not filed."""
    for entry in records(zr, "--year", str(year)) + records(zr, "--year", str(year + 1)):
        if entry.get("type") in ("年度报告",) and not entry.get("void"):
            ok(zr("log", "void", entry["id"], "--reason", "测试：报告尚未报送"))


# -- 1. last year's backlog stays in view -------------------------------------------


def test_last_years_backlog_stays_until_done_or_reported(zr, demo, today):
    demo("renfang")
    void_year_report(zr, 2026)
    before = json.loads(ok(zr("due", "--json", "--as-of", "2026-12-31", "--within", "0")).out)
    overdue_2026 = [r for r in before["rows"] if r["state"] == "overdue"]
    today(dt.date(2027, 1, 2))
    started = ok(zr("year", "start", "2027"))
    assert "2026 年度尚有" in started.err and "项未完成" in started.err
    today(dt.date(2027, 1, 5))
    due = ok(zr("due"))
    assert "（2026 年度全年）" in due.out
    rows = json.loads(ok(zr("due", "--json")).out)["rows"]
    carried = [r for r in rows if r["year"] == 2026 and r["state"] == "overdue"]
    assert len(carried) >= len(overdue_2026) > 0
    status = ok(zr("status"))
    assert "【2026 年度尚未完成的事项】" in status.out
    assert json.loads(ok(zr("status", "--json")).out)["carried_over"]
    # the report on 2026 is filed: the 2026 items fall away
    secretary = json.loads(ok(zr("org", "show", "--json")).out)
    sec = next(m for m in secretary["members"] if m["role"] == "secretary")
    ok(zr("log", "report", "--type", "年度报告", "--by", sec["id"], "--date", "2027-01-05",
          "--topic", "关于2026年度履行党风廉政建设主体责任情况的报告"))
    after = json.loads(ok(zr("due", "--json")).out)["rows"]
    assert not [r for r in after if r["year"] == 2026 and r["due"] <= "2026-12-31"]
    assert "尚未完成的事项" not in ok(zr("status")).out


# -- 2. a record id names its year ---------------------------------------------------


def test_last_years_records_found_by_id_after_year_start(zr, demo, today):
    demo("renfang")
    first = records(zr, "--year", "2026")[5]["id"]
    today(dt.date(2027, 1, 2))
    ok(zr("year", "start", "2027"))
    shown = ok(zr("log", "show", first))
    assert first in shown.out
    assert json.loads(ok(zr("log", "show", first, "--json")).out)["id"] == first
    ok(zr("log", "void", first, "--reason", "记错了"))
    assert next(e for e in records(zr, "--year", "2026") if e["id"] == first)["void"]
    missing = zr("log", "show", "2026-9999")
    assert missing.code != 0 and "2026 年度台账中没有编号为 2026-9999 的记录" in missing.err


# -- 3. years typed wrong, dates as clerks type them --------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "1999-03-05", "2031-01-01"])
def test_a_date_outside_the_workspaces_years_is_refused(zr, demo, day):
    root = demo("city")
    before = sorted(p.name for p in (root / "ledger").iterdir())
    result = zr("log", "talk", "--type", "廉政谈话", "--by", "P001", "--with", "P002", "--date", day)
    assert result.code != 0
    assert "工作区没有" in result.err or "还没到" in result.err
    assert "已有年度：2025、2026" in result.err or "还没到" in result.err
    assert sorted(p.name for p in (root / "ledger").iterdir()) == before


@pytest.mark.parametrize("typed", ["3月5号", "三月五日", "2026年3月5号", "二〇二六年三月五日"])
def test_dates_as_clerks_type_them(zr, demo, typed):
    demo("city")
    ok(zr("log", "talk", "--type", "廉政谈话", "--by", "P001", "--with", "P002", "--date", typed,
          "--topic", f"测试{typed}"))
    assert [e["date"] for e in records(zr) if e["topic"] == f"测试{typed}"] == ["2026-03-05"]


def test_an_ambiguous_date_is_refused(zr, demo):
    demo("city")
    result = zr("log", "talk", "--type", "廉政谈话", "--by", "P001", "--with", "P002", "--date", "三月五")
    assert result.code != 0 and "无法识别" in result.err


# -- 4. 年初 read as a stated date ----------------------------------------------------


def test_early_year_report_falls_due_at_the_stated_reading(zr, demo):
    demo("renfang")
    plan = json.loads(ok(zr("plan", "--json")).out)
    secretary = next(h for h in plan["holders"] if h["role"] == "secretary")
    report = next(d for d in secretary["duties"] if d["duty"] == "P-report")
    assert report["unit_defined"] is False
    assert [s["due"] for s in report["slots"]] == ["2027-03-31"]
    assert report["deadline_text"] == "次年年初（按3月31日计，可在 catalog.toml 中改）"
    assert "按3月31日计" in ok(zr("plan", "--member", secretary["member"])).out


def test_the_unit_sets_its_own_date_for_early_year(zr, demo):
    root = demo("procuratorate")
    text = (root / "catalog.toml").read_text(encoding="utf-8")
    (root / "catalog.toml").write_text(text + '\n[when]\n"年初" = "02-28"\n', encoding="utf-8")
    plan = json.loads(ok(zr("plan", "--json")).out)
    secretary = next(h for h in plan["holders"] if h["role"] == "secretary")
    letters = next(d for d in secretary["duties"] if d["duty"] == "S-letters")
    assert {s["due"] for s in letters["slots"]} == {"2026-02-28"}
    assert "按2月28日计" in letters["deadline_text"]
    (root / "catalog.toml").write_text(text + '\n[when]\n"年初" = "02-30"\n', encoding="utf-8")
    bad = zr("catalog", "check")
    assert bad.code != 0 and "when.年初" in bad.err and "catalog.toml:" in bad.err


def test_a_misspelt_catalog_table_is_named_with_its_line(zr, demo):
    root = demo("city")
    text = (root / "catalog.toml").read_text(encoding="utf-8")
    (root / "catalog.toml").write_text(text.replace("[[duty]]", "[[dutty]]", 1), encoding="utf-8")
    result = zr("check")
    assert result.code != 0 and "dutty" in result.out + result.err


# -- 17. the workspace above --------------------------------------------------------------


def test_a_write_into_a_workspace_above_names_it_and_init_refuses_to_nest(zr, demo):
    root = demo("city")
    inner = root / "下载" / "新单位"
    inner.mkdir(parents=True)
    os.chdir(inner)
    nested = zr("init", ".", "--name", "新单位", "--preset", "city")
    assert nested.code != 0 and "之中" in nested.err and "--force" in nested.err
    assert not (inner / "zr.toml").exists()
    written = ok(zr("log", "talk", "--type", "廉政谈话", "--by", "P001", "--with", "P003", "--date", "2026-03-04"))
    assert "工作区：../..（" in written.err and "上两级目录" in written.err
    quiet = ok(zr("status"))
    assert "工作区：" not in quiet.err  # reading says nothing
    ok(zr("init", ".", "--name", "新单位", "--preset", "city", "--force"))


# -- 18. departments typed twice, and removing one -----------------------------------------


def test_a_roster_with_a_misspelt_department_is_refused_and_a_department_removed(zr, tmp_path):
    ok(zr("init", tmp_path / "u", "--name", "某局", "--year", "2026", "--preset", "city"))
    os.chdir(tmp_path / "u")
    roster = tmp_path / "花名册.csv"
    roster.write_text("姓名,角色,科室\n王一,科室负责人,计划财务处\n王二,工作人员,计划财物处\n"
                      "王三,科室负责人,第一检察部\n王四,科室负责人,第二检察部\n", encoding="utf-8")
    refused = zr("org", "import", roster)
    assert refused.code != 0 and "计划财物处" in refused.err and "第3行" in refused.err
    assert "第一检察部" not in refused.err  # numbered departments are not typos
    assert "department" not in tomllib.loads((tmp_path / "u" / "zr.toml").read_text(encoding="utf-8"))
    ok(zr("org", "import", roster, "--new-depts"))
    ok(zr("org", "add-dept", "临时科"))
    ok(zr("org", "dept", "临时科", "--remove"))
    names = [d["name"] for d in tomllib.loads((tmp_path / "u" / "zr.toml").read_text(encoding="utf-8"))["department"]]
    assert "临时科" not in names
    used = zr("org", "dept", "计划财物处", "--remove")
    assert used.code != 0 and "王二" in used.err


# -- 19. hand-edited files are held to zr's own rules -----------------------------------------


@pytest.mark.parametrize("table", ["memeber", "psot"])
def test_a_misspelt_org_table_is_named_with_its_line(zr, demo, table):
    root = demo("city")
    path = root / "zr.toml"
    text = path.read_text(encoding="utf-8")
    name = {"memeber": "member", "psot": "post"}[table]
    path.write_text(text.replace(f"[[{name}]]", f"[[{table}]]", 1), encoding="utf-8")
    result = zr("check")
    assert result.code != 0
    shown = result.out + result.err
    assert f"未知的表“{table}”" in shown and f"是否应为 [[{name}]]" in shown and "zr.toml:" in shown


@pytest.mark.parametrize("field, value, message", [
    ("id", '"abc"', "应写作 年度-序号"),
    ("topic", "5", "topic 应为字符串"),
    ("note", "{a=1}", "note 应为字符串"),
    ("recorded-at", '"x"', "recorded-at 应为时间"),
])
def test_odd_values_in_a_hand_edited_record_are_named(zr, demo, field, value, message):
    root = demo("city")
    ledger = root / "ledger" / "2026.toml"
    extra = {"id": '"2026-0999"', "date": "2026-03-05", "kind": '"talk"', "type": '"廉政谈话"',
             "by": '["P001"]', "with": '["P003"]'}
    extra[field] = value
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("\n[[entry]]\n" + "".join(f"{k} = {v}\n" for k, v in extra.items()))
    result = zr("check")
    assert result.code != 0 and message in result.out and "ledger/2026.toml:" in result.out


def test_a_huge_topic_and_deep_nesting_are_refused_not_crashed(zr, demo):
    root = demo("city")
    ledger = root / "ledger" / "2026.toml"
    original = ledger.read_bytes()
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write('\n[[entry]]\nid = "2026-0998"\ndate = 2026-03-05\nkind = "talk"\nby = ["P001"]\n'
                     f'with = ["P003"]\ntopic = "{"长" * 200000}"\n')
    result = zr("check")
    assert result.code != 0 and "太长" in result.out
    ledger.write_bytes(original + b'\n[[entry]]\nid = "2026-0997"\nnote = ' + b"[" * 5000 + b"]" * 5000 + b"\n")
    for command in (("check",), ("status",), ("log", "list")):
        crashed = zr(*command)
        assert crashed.code != 70 and "内部错误" not in crashed.err
    assert "嵌套过深" in zr("check").out + zr("check").err


def test_year_start_refuses_to_freeze_a_broken_catalog(zr, demo, today):
    import datetime as dt

    root = demo("city")
    path = root / "catalog.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('deadline = "01-31"', 'deadline = "02-30"', 1),
                    encoding="utf-8")
    today(dt.date(2027, 1, 3))
    result = zr("year", "start", "2027")
    assert result.code != 0 and "02-30" in result.err and "catalog.toml:" in result.err
    assert not (root / "catalog-2026.toml").exists() and not (root / "ledger" / "2027.toml").exists()


def test_log_show_of_a_repeated_id_says_so(zr, demo):
    root = demo("city")
    ledger = root / "ledger" / "2026.toml"
    first = records(zr)[0]["id"]
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[[entry]]\nid = "{first}"\ndate = 2026-03-05\nkind = "talk"\ntype = "廉政谈话"\n'
                     'by = ["P001"]\nwith = ["P003"]\n')
    shown = ok(zr("log", "show", first))
    assert "出现了 2 次" in shown.err


# -- 16. 补记 on the unit's side ----------------------------------------------------------------


def test_a_record_typed_in_long_after_is_marked_where_the_clerk_looks(zr, demo):
    root = demo("city")
    result = ok(zr("log", "talk", "--type", "廉政谈话", "--by", "P001", "--with", "P003", "--date", "2026-03-05",
                   "--topic", "迟到的记录"))
    assert "补记（事后 274 天录入）" in result.out
    new_id = result.out.split("已记录 ")[1].split("：")[0]
    assert f"{new_id}  " in ok(zr("log", "list")).out and "〔补记（事后 274 天录入）〕" in ok(zr("log", "list")).out
    assert "录入情况：补记（事后 274 天录入）" in ok(zr("log", "show", new_id)).out
    rows = json.loads(ok(zr("status", "--json")).out)["rows"]
    assert any(new_id in r["backfilled"] for r in rows)
    assert f"（补记：{new_id}，事后录入）" in ok(zr("status")).out or any(
        new_id in r["late"] for r in rows if new_id in r["backfilled"])
    ok(zr("export", "xlsx", root / "台账.xlsx"))
    from openpyxl import load_workbook

    sheet = load_workbook(root / "台账.xlsx")["台账"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == new_id)
    assert row[header.index("补记")] == "补记（事后 274 天录入）"


def test_a_correction_is_not_late_entry(zr, demo):
    demo("city")
    result = ok(zr("log", "talk", "--type", "廉政谈话", "--by", "P001", "--with", "P003", "--topic", "当天记录"))
    first = result.out.split("已记录 ")[1].split("：")[0]
    assert "补记" not in result.out
    ok(zr("log", "fix", first, "--topic", "当天记录（改正错字）"))
    fixed = next(e for e in records(zr) if e["topic"] == "当天记录（改正错字）")
    assert fixed["replaces"] == first and fixed["backfill"] == ""
    assert fixed["recorded_at"] == next(e for e in records(zr) if e["id"] == first)["recorded_at"]
