"""The year-end report, the discipline body's report and each person's data
sheet. Every number comes from the progress module (the same one behind
``zr status``), so the report and ``zr status --json`` agree for one as-of
date. The wording lives in the templates; this module only passes data.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple
from pathlib import Path

from zerenqingdan.documents.collation import stroke_sorted
from zerenqingdan.dates import cn_date, short_cn_date
from zerenqingdan.ledger.store import Entry, Ledger
from zerenqingdan.org.chart import OrgChart
from zerenqingdan.plan import Plan
from zerenqingdan.ledger.progress import UNMEASURED, Progress, measure_plan, notice

CN_NUMBERS = "一二三四五六七八九十"
FOUR_ONES = ("L-hear", "L-talk-heads", "L-heart", "L-lecture")


def period_name(label: str) -> str:
    if len(label) == 10 and label[4] == "-":  # a triggered duty: the day of its trigger
        return f"{int(label[5:7])}月{int(label[8:])}日"
    tail = label[4:]
    if not tail:
        return "全年"
    if tail.startswith("H"):
        return "上半年" if tail == "H1" else "下半年"
    return f"第{CN_NUMBERS[int(tail[1:]) - 1]}季度"


def rate(done: int, planned: int) -> str:
    return f"{round(100 * done / planned)}%" if planned else "—"


class Inputs(NamedTuple):
    plan: Plan
    ledger: Ledger
    rows: list[Progress]
    as_of: dt.date
    extra: tuple = ()  # records of the next year's ledger that count (reports on the year)

    def entry_map(self) -> dict:
        return {e.id: e for e in (*self.ledger.entries, *self.extra)}

    @property
    def org(self) -> OrgChart:
        return self.plan.org


def gather(plan: Plan, ledger: Ledger, as_of: dt.date, entries: list[Entry] | None = None) -> Inputs:
    """``entries``: the records that count (the year's, and next January's
    for reports on the year); default the year's ledger alone."""
    entries = ledger.valid() if entries is None else entries
    extra = tuple(e for e in entries if e.date.year != plan.org.unit.year)
    return Inputs(plan, ledger, measure_plan(plan, entries, as_of), as_of, extra)


def _target_name(org: OrgChart, row: Progress, target: str) -> str:
    if row.obligation.target_kind == "department":
        return org.department(target).name
    return org.label(target, row.obligation.slot.due)


def duty_summary(inputs: Inputs, rows: list[Progress]) -> dict:
    """One duty's rows (its slots, for one or more holders) added up."""
    org = inputs.org
    entries = inputs.entry_map()
    duty = rows[0].obligation.duty
    counted = list(dict.fromkeys(r for row in rows for r in row.records))
    dates = sorted({entries[r].date for r in counted})
    late = list(dict.fromkeys(r for row in rows for r in row.late))
    planned = sum(r.required for r in rows)
    done = sum(min(r.done, r.required) for r in rows)
    missing = []
    for row in rows:
        if not row.missing:
            continue
        names = [_target_name(org, row, t) for t in row.missing]
        if row.obligation.target_kind == "member":
            names = stroke_sorted(names)
        missing.append({"period": period_name(row.obligation.slot.label), "names": names})
    if duty.trigger is not None:
        kind = "triggered"
    elif duty.as_needed:
        kind = "as_needed"
    elif duty.unit_defined:
        kind = "unit_defined"
    else:
        kind = "coverage" if duty.scope != "self" else "count"
    remark = []
    for gap in missing:
        prefix = "" if len(rows) == 1 else f"{gap['period']}"
        remark.append(f"{prefix}未覆盖：{'、'.join(gap['names'])}")
    if kind == "count" and done < planned:
        remark.append(f"尚差{planned - done}次")
    if late:
        remark.append(f"逾期补记{len(late)}次（{'、'.join(short_cn_date(entries[r].date) for r in late)}）")
    return {
        "id": duty.id,
        "title": duty.title_for(org.unit.party_body, org.unit.discipline_body),
        "item": duty.item,
        "kind": kind,
        "planned": {"as_needed": "按需", "unit_defined": "本单位自定"}.get(kind, planned),
        "done": len(counted) if kind in ("as_needed", "unit_defined") else done,
        "rate": rate(done, planned) if kind in ("count", "coverage", "triggered") else "—",
        "records": len(counted),
        "dates": "、".join(short_cn_date(d) for d in dates),
        "missing": missing,
        "late": len(late),
        "remark": "；".join(remark),
        "source": duty.source,
    }


def _rows_by_duty(rows: list[Progress]) -> dict[str, list[Progress]]:
    grouped: dict[str, list[Progress]] = {}
    for row in rows:
        grouped.setdefault(row.obligation.duty.id, []).append(row)
    return grouped


def problems(inputs: Inputs, rows: list[Progress]) -> list[dict]:
    """Every obligation that is overdue (or, at year end, not done), plainly."""
    org = inputs.org
    year_over = inputs.as_of >= org.unit.end
    out = []
    for row in rows:
        if row.state in UNMEASURED or row.done >= row.required:
            continue
        if row.state != "overdue" and not year_over:
            continue
        o = row.obligation
        names = [_target_name(org, row, t) for t in row.missing]
        if o.target_kind == "member":
            names = stroke_sorted(names)
        out.append(
            {
                "who": org.label(o.holder, o.slot.due),
                "role": org.role_label(org.member(o.holder, o.slot.due)),
                "title": o.duty.title_for(org.unit.party_body, org.unit.discipline_body),
                "period": period_name(o.slot.label),
                "due": cn_date(o.slot.due),
                "required": row.required,
                "done": row.done,
                "missing": names,
                "coverage": o.target_kind is not None,
                "notice": notice(row, org),
            }
        )
    return out


def four_ones_table(inputs: Inputs) -> list[dict]:
    """Each leader's "四个一" (003 第十一条6), where the regime has all four."""
    org = inputs.org
    if not set(FOUR_ONES) <= {d.id for d in inputs.plan.catalog.duties}:
        return []
    table = []
    by_holder: dict[str, dict[str, list[Progress]]] = {}
    for row in inputs.rows:
        if row.obligation.duty.id in FOUR_ONES:
            by_holder.setdefault(row.obligation.holder, {}).setdefault(row.obligation.duty.id, []).append(row)
    for holder, duties in by_holder.items():
        cells = {}
        for duty_id in FOUR_ONES:
            rows = duties.get(duty_id, [])
            planned = sum(r.required for r in rows)
            done = sum(min(r.done, r.required) for r in rows)
            cells[duty_id] = {"planned": planned, "done": done, "text": f"{done}/{planned}"}
        table.append({"name": org.label(holder), "id": holder, "cells": cells})
    return table


def report_context(inputs: Inputs, holder_role: str = "secretary") -> dict:
    org, catalog = inputs.org, inputs.plan.catalog
    holders = ("party", "secretary", "function") if holder_role == "secretary" else (holder_role,)
    rows = [r for r in inputs.rows if r.obligation.duty.holder in holders]
    grouped = _rows_by_duty(rows)
    mine = [d for d in catalog.duties if d.holder in holders and d.id in grouped]
    items = []
    if holder_role == "secretary" and catalog.items:
        for number, title in sorted(catalog.items.items(), key=lambda kv: int(kv[0])):
            duties = [duty_summary(inputs, grouped[d.id]) for d in mine if d.item == int(number)]
            items.append({"number": int(number), "title": title, "duties": duties})
        rest = [duty_summary(inputs, grouped[d.id]) for d in mine if d.item is None]
        if rest:
            items.append({"number": len(items) + 1, "title": "其他事项", "duties": rest})
        actions = [d for item in items for d in item["duties"]]
    else:
        actions = [duty_summary(inputs, grouped[d.id]) for d in mine]
        title = "落实主体责任" if holder_role == "secretary" else ""
        items = [{"number": 1, "title": title, "duties": actions}]
    found = problems(inputs, rows)
    if holder_role == "secretary":  # the leaders' 一岗双责 is part of the primary responsibility
        found += problems(inputs, [r for r in inputs.rows if r.obligation.duty.holder == "leader"])
    unit = org.unit
    addressees = report_recipients(org, catalog, holder_role)
    return {
        "unit": {"name": unit.name},
        "year": unit.year,
        "party_body": unit.party_body,
        "discipline_body": unit.discipline_body,
        "sender": f"中共{unit.name}{unit.party_body if holder_role == 'secretary' else unit.discipline_body}",
        "addressee": "、".join(addressees) + "：" if addressees else "",
        "recipients": addressees,
        "superior": unit.superior,
        "superior_discipline": unit.superior_discipline,
        "as_of": cn_date(inputs.as_of),
        "year_over": inputs.as_of >= unit.end,
        "items": items,
        "actions": actions,
        "four_ones": four_ones_table(inputs) if holder_role == "secretary" else [],
        "problems": found,
        "records": len(inputs.ledger.valid()),
        "voided": len(inputs.ledger.voids),
    }


def report_recipients(org: OrgChart, catalog, holder_role: str) -> list[str]:
    """Whom the report goes to, as the regime's report duty names them
    (003: 县委、县纪委 and 市院; 004's 纪检组: 市纪委 only); without one, the
    superiors in zr.toml. After a first 中共…, the others drop their 中共."""
    from zerenqingdan.plan import recipient_name

    first = "上级党委" if holder_role == "secretary" else "上级纪委"
    holders = ("party", "secretary") if holder_role == "secretary" else ("discipline",)
    found = [d for d in catalog.duties if d.holder in holders and d.event == "report" and first in d.recipients]
    if found:
        best = max(found, key=lambda d: (d.holder == holders[0], len(d.recipients)))
        keys = best.recipient_names
    else:
        keys = ("上级党委", "上级纪委") if holder_role == "secretary" else ("上级纪委", "党组")
    out = []
    for previous, key in zip((None, *keys), keys):
        name = recipient_name(org, key)
        if key == "上级纪委" and previous == "上级党委" and out and out[-1].startswith("中共"):
            name = name.removeprefix("中共")  # 中共某市委、某市纪委
        if name and name not in out and not name.startswith("上级"):
            out.append(name)
    return out


def statement_context(inputs: Inputs, member_id: str) -> dict:
    """One person's 述责述廉 data sheet: quotas, the records, what is missing."""
    org = inputs.org
    member = org.member(member_id)
    entries = inputs.entry_map()
    rows = [r for r in inputs.rows if r.obligation.holder == member_id]
    duties = []
    for duty_id, group in _rows_by_duty(rows).items():
        summary = duty_summary(inputs, group)
        summary["quota"] = group[0].obligation.duty.quota_text()
        records = []
        for record_id in dict.fromkeys(r for row in group for r in row.records):
            entry: Entry = entries[record_id]
            who = stroke_sorted([_name(org, p) for p in entry.with_])
            depts = [org.department(d).name for d in entry.departments if _has_dept(org, d)]
            records.append({
                "id": entry.id,
                "date": short_cn_date(entry.date),
                "with": "、".join(who + depts) or "—",
                "topic": entry.topic or "—",
            })
        summary["entries"] = records
        duties.append(summary)
    return {
        "unit": {"name": org.unit.name},
        "year": org.unit.year,
        "party_body": org.unit.party_body,
        "discipline_body": org.unit.discipline_body,
        "person": {"name": member.name, "id": member.id, "title": org.post_label(member)},
        "as_of": cn_date(inputs.as_of),
        "duties": duties,
    }


def _name(org: OrgChart, member_id: str) -> str:
    try:
        return org.label(member_id)
    except KeyError:
        return member_id


def _has_dept(org: OrgChart, dept_id: str) -> bool:
    return any(d.id == dept_id for d in org.departments)


def write_report(inputs: Inputs, path: Path, unit_templates: Path | None, *, supervision: bool = False):
    from zerenqingdan.documents.build import write_document

    org = inputs.org
    role = "discipline" if supervision else "secretary"
    context = report_context(inputs, role)
    kind = "监督责任" if supervision else "主体责任"
    return write_document(
        "supervision.j2" if supervision else "report.j2",
        context,
        unit_templates,
        path,
        title=f"{context['sender']}关于{org.unit.year}年度履行党风廉政建设{kind}情况的报告",
        author=org.unit.name,
        subject=f"{org.unit.year}年度履行党风廉政建设{kind}情况的报告",
    )


def write_statement(inputs: Inputs, member_id: str, path: Path, unit_templates: Path | None):
    from zerenqingdan.documents.build import write_document

    org = inputs.org
    context = statement_context(inputs, member_id)
    return write_document(
        "statement.j2",
        context,
        unit_templates,
        path,
        title=f"{context['person']['name']}{org.unit.year}年度述责述廉数据表",
        author=org.unit.name,
        subject="述责述廉",
    )
