"""zr export xlsx: the 台账 as a workbook, reopened with openpyxl."""

import datetime as dt
import json

from openpyxl import load_workbook


def test_the_workbook_has_its_sheets_headers_and_real_dates(zr, small_unit):
    for args in (("talk", "--type", "廉政谈话", "--by", "王书记", "--with", "李娜", "--date", "3月5日", "--topic", "节前"),
                 ("talk", "--type", "廉政谈话", "--by", "王书记", "--with", "P003", "--date", "2月1日"),
                 ("hearing", "--by", "李娜", "--dept", "业务科", "--date", "4月2日")):
        assert zr("log", *args).code == 0
    assert zr("log", "void", "2026-0002", "--reason", "记错了人").code == 0
    result = zr("export", "xlsx", "台账.xlsx", "--as-of", "2026-06-30")
    assert result.code == 0, result.err
    book = load_workbook(small_unit / "台账.xlsx")
    assert book.sheetnames == ["台账", "进度", "责任清单"]
    ledger = book["台账"]
    header = [c.value for c in ledger[1]]
    assert header[:4] == ["编号", "日期", "类别", "类型"] and "状态" in header and "佐证材料（SHA-256）" in header
    assert ledger.freeze_panes == "A2" and ledger.auto_filter.ref.startswith("A1:")
    rows = [[c.value for c in row] for row in ledger.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == ["2026-0002", "2026-0001", "2026-0003"]  # by date
    assert all(isinstance(r[1], dt.datetime) for r in rows)  # date cells, which Excel sorts as dates
    assert ledger["B2"].number_format == "yyyy-mm-dd"
    state = header.index("状态")
    assert rows[0][state] == "已作废" and rows[0][header.index("作废原因")] == "记错了人"
    assert rows[1][state] == "有效" and rows[1][header.index("主题")] == "节前"
    assert ledger.column_dimensions["A"].width >= 10

    progress = book["进度"]
    status = json.loads(zr("status", "--json", "--as-of", "2026-06-30").out)
    assert progress.max_row - 1 == len(status["rows"])
    head = [c.value for c in progress[1]]
    assert head[:5] == ["责任人", "角色", "责任事项", "期次", "截止日期"]
    periods = {row[3].value for row in progress.iter_rows(min_row=2)}
    assert "全年" in periods and not any(str(p).startswith("2026") for p in periods)
    plan = json.loads(zr("plan", "--json").out)
    slots = sum(len(d["slots"]) for h in plan["holders"] for d in h["duties"])
    assert book["责任清单"].max_row - 1 == slots


def test_a_workbook_edited_in_excel_is_kept_not_overwritten(zr, small_unit):
    assert zr("export", "xlsx", "t.xlsx").code == 0
    assert zr("export", "xlsx", "t.xlsx").code == 0  # zr's own: replaced quietly
    assert not (small_unit / "t.1.xlsx").exists()
    book = load_workbook(small_unit / "t.xlsx")
    book["台账"]["A1"] = "编号（已核对）"
    book.save(small_unit / "t.xlsx")
    result = zr("export", "xlsx", "t.xlsx")
    assert result.code == 0 and "原文件已另存为" in result.err
    assert load_workbook(small_unit / "t.1.xlsx")["台账"]["A1"].value == "编号（已核对）"
