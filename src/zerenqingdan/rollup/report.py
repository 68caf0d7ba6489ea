"""The roll-up on paper (``zr rollup report``, template ``rollup.j2``, through
the same document writer as every other document) and in Excel (``zr rollup
export xlsx``, one sheet per view)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zerenqingdan.dates import cn_date, short_cn_date
from zerenqingdan.rollup import db
from zerenqingdan.rollup.home import RollupHome
from zerenqingdan.rollup.load import CHANGE_WORDS
from zerenqingdan.rollup.views import (by_holder_kind, change_rows, late_records, overdue_items, totals, unit_rows,
                                       unmeasured)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _share(part: int, whole: int) -> str:
    """A share as a reader takes it: one decimal place, so that 1 in 382 is not “0%”."""
    if not whole:
        return "0%"
    value = 100 * part / whole
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def report_context(home: RollupHome, year: int) -> dict:
    settings = home.settings()
    conn = db.connect(home.db_path)
    try:
        rows, missing = unit_rows(home, year, conn)
        ids = [r["bundle_id"] for r in rows]
        groups = by_holder_kind(conn, ids)
        left_out = unmeasured(conn, ids)
        changes = change_rows(conn, year)
        overdue = overdue_items(conn, year)
    finally:
        conn.close()
    days = sorted({_day(r["as_of"]) for r in rows})
    if not days:
        span = "—"
    elif len(days) == 1:
        span = cn_date(days[0])
    else:
        span = f"{cn_date(days[0])}至{cn_date(days[-1])}不等"
    names = {r["code"]: r["name"] for r in rows}
    late_units = [r["name"] for r in sorted(rows, key=lambda r: -r["late"]) if r["late"]]
    lagging = sorted((r for r in rows if r["overdue"]), key=lambda r: (-r["overdue"], r["percent"], r["code"]))
    units = []
    for r in sorted(rows, key=lambda r: r["code"]):
        units.append({**r, "as_of": cn_date(_day(r["as_of"])), "changed": r["changed"] + r["disappeared"],
                      "leaders_behind": r["leaders"] - r["leaders_on_track"], "late_share": _share(r["late"], r["timed"]),
                      "groups": groups.get(r["bundle_id"], []), "unmeasured": left_out.get(r["bundle_id"], 0)})
    t = totals(rows, missing)
    return {
        "name": settings.name, "year": year, "today": cn_date(dt.date.today()), "as_of_range": span,
        "totals": {**t, "late_share": _share(t["late"], t["timed"]),
                   "leaders_behind": t["leaders"] - t["leaders_on_track"],
                   "unmeasured": sum(left_out.values())},
        "late_units": late_units[:5],
        "missing": [{"name": m["name"] or m["code"], "code": m["code"]} for m in missing],
        "lagging": [{**r, "as_of": short_cn_date(_day(r["as_of"])),
                     "leaders_behind": r["leaders"] - r["leaders_on_track"]} for r in lagging],
        "overdue": [{**o, "unit": names.get(o["code"], o["unit"]), "due": short_cn_date(_day(o["due"])),
                     "short": o["required"] - min(o["done"], o["required"])} for o in overdue],
        "units": units,
        "changes": [{"unit": c["unit"], "id": c["id"], "words": CHANGE_WORDS[c["change"]], "detail": c["detail"]}
                    for c in changes],
    }


def write_report(home: RollupHome, year: int, path: Path):
    from zerenqingdan import outputs
    from zerenqingdan.documents.build import write_document
    from zerenqingdan.errors import InputError

    path = outputs.prepare(path, ".docx")
    context = report_context(home, year)
    if not context["units"]:
        raise InputError(f"还没有 {year} 年度的上报数据包，无从汇总", ["先用 zr rollup import 数据包.zip 导入"])
    done = write_document("rollup.j2", context, home.templates_dir, path,
                          title=f"{context['name']}关于{year}年度各单位党风廉政建设责任落实情况的汇总报告",
                          author=context["name"], subject="汇总")
    return done, len(context["units"])


def write_workbook(home: RollupHome, year: int, path: Path):
    from openpyxl import Workbook

    from zerenqingdan import outputs
    from zerenqingdan.exports.xlsx import save_streamed, stream_sheet as _sheet

    path = outputs.prepare(path, ".xlsx")
    settings = home.settings()
    conn = db.connect(home.db_path)
    try:
        rows, missing = unit_rows(home, year, conn)
        overdue = overdue_items(conn, year)
        late = late_records(conn, year)
        changes = change_rows(conn, year)
    finally:
        conn.close()
    book = Workbook(write_only=True)
    sheets = {}
    unit_sheet = [[r["code"], r["name"], _day(r["as_of"]), r["percent"] / 100, r["required"], r["done"], r["overdue"],
                   r["due_soon"], r["leader_scope"], r["leaders"], r["leaders_on_track"], r["leader_percent"] / 100,
                   r["records"], r["late"], r["late_percent"] / 100, r["changed"] + r["disappeared"], r["bundles"],
                   r["preset"]] for r in sorted(rows, key=lambda r: r["code"])]
    _sheet(book, "各单位", ["单位代码", "单位", "统计截至", "完成率", "应完成", "已完成", "逾期", "即将到期",
                                  "班子成员口径", "班子成员", "班子成员无逾期", "班子成员完成率", "记录", "补记",
                                  "补记占比", "记录改动", "上报次数", "预设"], unit_sheet, dates={2},
                   percents={3, 11, 14})
    sheets["各单位"] = len(unit_sheet)
    overdue_rows = [[o["code"], o["unit"], o["holder"], o["title"], o["period"], _day(o["due"]), o["done"],
                     o["required"], o["missing"]] for o in overdue]
    _sheet(book, "逾期事项", ["单位代码", "单位", "责任人", "责任事项", "期次", "截止日期", "已完成", "应完成", "未覆盖"],
           overdue_rows, dates={5})
    sheets["逾期事项"] = len(overdue_rows)
    late_rows = [[r["code"], r["unit"], r["id"], _day(r["date"]), r["type"] or "", r["by"], r["with"],
                  dt.datetime.fromisoformat(r["recorded_at"]).replace(tzinfo=None), r["days"]]
                 for r in late]
    _sheet(book, "补记", ["单位代码", "单位", "记录编号", "日期", "类型", "主持人/谈话人", "对象/参加人", "录入时间",
                        "晚录天数"], late_rows, dates={3}, times={7})
    sheets["补记"] = len(late_rows)
    change_sheet = [[c["code"], c["unit"], c["id"], CHANGE_WORDS[c["change"]], c["detail"],
                     _day(c["previous_as_of"]) if c["previous_as_of"] else None, _day(c["as_of"])] for c in changes]
    _sheet(book, "记录改动", ["单位代码", "单位", "记录编号", "改动", "内容", "前次上报截至", "新上报截至"],
           change_sheet, dates={5, 6})
    sheets["记录改动"] = len(change_sheet)
    _sheet(book, "未上报", ["单位代码", "单位"], [[m["code"], m["name"]] for m in missing])
    sheets["未上报"] = len(missing)
    book.properties.title = f"{settings.name}{year}年度所属单位党风廉政建设责任落实情况汇总"
    book.properties.creator = settings.name
    book.properties.description = "由 zr（责任清单）生成"
    return save_streamed(book, path), sheets
