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
from zerenqingdan.dates import period_name
from zerenqingdan.ledger.store import Entry, Ledger
from zerenqingdan.org.chart import OrgChart
from zerenqingdan.plan import Plan
from zerenqingdan.ledger.progress import target_labels, UNMEASURED, Progress, measure_plan, notice
from zerenqingdan.ledger.figures import FOUR_ONES, has_four_ones

CN_NUMBERS = "一二三四五六七八九十"


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
    return target_labels(org, row.obligation, [target])[0]


def measure(rows: list[Progress]) -> str:
    """What a coverage duty counts: 人 (people), 个 (departments), or both."""
    kinds = {row.obligation.target_kind for row in rows} - {None}
    return {frozenset({"member"}): "人", frozenset({"department"}): "个",
            frozenset({"recipient"}): "份"}.get(frozenset(kinds), "人（个）")


def duty_summary(inputs: Inputs, rows: list[Progress], *, with_names: bool = False) -> dict:
    """One duty's rows (its slots, for one or more holders) added up; the
    remark counts who is not covered (``with_names``: names them, for one
    person's own data sheet)."""
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
    uncovered = sum(len(gap["names"]) for gap in missing)
    if with_names:
        for gap in missing:
            prefix = "" if len(rows) == 1 else f"{gap['period']}"
            remark.append(f"{prefix}未覆盖：{'、'.join(gap['names'])}")
    elif uncovered and kind in ("coverage", "triggered"):
        behind = inputs.as_of >= org.unit.end or any(r.state == "overdue" and r.missing for r in rows)
        remark.append(f"未覆盖{uncovered}{measure(rows)}次" + ("，见附件" if behind else "，尚未到期"))
    if kind == "count" and done < planned:
        remark.append(f"尚差{planned - done}次")
    if late:
        remark.append(f"逾期补记{len(late)}次（{'、'.join(short_cn_date(entries[r].date) for r in late)}）")
    return {
        "id": duty.id,
        "title": duty.title_for(org.unit.party_body, org.unit.discipline_body),
        "item": duty.item,
        "kind": kind,
        "planned": {"as_needed": "按需", "unit_defined": "自定"}.get(kind, planned),
        "done": len(counted) if kind in ("as_needed", "unit_defined") else done,
        "rate": rate(done, planned) if kind in ("count", "coverage", "triggered") else "—",
        "records": len(counted),
        "dates": "、".join(short_cn_date(d) for d in dates),
        "missing": missing,
        "late": len(late),
        "remark": "；".join(remark),
        "source": duty.source,
        "topics": _topics([entries[r] for r in counted], duty.title_for(org.unit.party_body, org.unit.discipline_body)),
        "holders": len({r.obligation.holder for r in rows}),
        "behind": sum(1 for r in rows if r.state == "overdue"),
        "measure": measure(rows),
    }


def _topics(entries: list[Entry], title: str) -> list[str]:
    """What the records were about, in the ledger's own words (at most five),
    leaving out topics that only repeat the duty's name."""
    seen = []
    for entry in entries:
        topic = entry.topic.strip().rstrip("。")
        if topic and topic not in seen and topic not in title and title not in topic:
            seen.append(topic)
    return seen[:5]


def _rows_by_duty(rows: list[Progress]) -> dict[str, list[Progress]]:
    grouped: dict[str, list[Progress]] = {}
    for row in rows:
        grouped.setdefault(row.obligation.duty.id, []).append(row)
    return grouped


def behind(inputs: Inputs, rows: list[Progress]):
    """The rows behind as of the report date — due and not done; at year end,
    anything not done — each with the names it misses, in stroke order."""
    org = inputs.org
    year_over = inputs.as_of >= org.unit.end
    for row in rows:
        if row.state in UNMEASURED or row.done >= row.required:
            continue
        if row.state != "overdue" and not year_over:
            continue
        names = [_target_name(org, row, t) for t in row.missing]
        if row.obligation.target_kind == "member":
            names = stroke_sorted(names)
        yield row, names


def problems(inputs: Inputs, rows: list[Progress]) -> list[dict]:
    """Every obligation that is overdue (or, at year end, not done), plainly
    (kept for unit templates written before the grouped problems)."""
    org = inputs.org
    out = []
    for row, names in behind(inputs, rows):
        o = row.obligation
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


MAX_PROBLEMS = 6


def grouped_problems(inputs: Inputs, rows: list[Progress]) -> list[dict]:
    """What is behind as of the report date (due and not done; at year end,
    anything not done), one problem per duty, the largest first; past six,
    the rest are named together in one last problem. The per-person rows
    are the attachment's."""
    org = inputs.org
    by_duty: dict[str, list[Progress]] = {}
    for row, _ in behind(inputs, rows):
        by_duty.setdefault(row.obligation.duty.id, []).append(row)
    groups = []
    for duty_id, group in by_duty.items():
        duty = group[0].obligation.duty
        holders = list(dict.fromkeys(r.obligation.holder for r in group))
        roles = {org.member(h, group[0].obligation.slot.due).role for h in holders}
        missing = [t for r in group for t in r.missing]
        kind = "triggered" if duty.trigger is not None else ("coverage" if group[0].obligation.target_kind else "count")
        groups.append({
            "id": duty_id,
            "title": duty.title_for(org.unit.party_body, org.unit.discipline_body),
            "kind": kind,
            "holder": duty.holder,
            "holders": len(holders),
            "role": _role_word(org, roles),
            "missing": len(set(missing)),
            "missing_times": len(missing),
            "target_kind": group[0].obligation.target_kind,
            "measure": measure(group),
            "required": sum(r.required for r in group),
            "done": sum(min(r.done, r.required) for r in group),
            "periods": len(group),
            "triggers": [short_cn_date(r.obligation.trigger.date) + (r.obligation.trigger.type or "")
                         for r in group if r.obligation.trigger is not None],
            "weight": len(missing) or sum(r.required - min(r.done, r.required) for r in group),
        })
    groups.sort(key=lambda g: -g["weight"])
    if len(groups) > MAX_PROBLEMS:
        rest = groups[MAX_PROBLEMS - 1:]
        groups = groups[:MAX_PROBLEMS - 1] + [{
            "id": "", "title": "、".join(f"“{g['title']}”" for g in rest), "kind": "others", "holder": "",
            "holders": sum(g["holders"] for g in rest), "role": "", "missing": 0, "missing_times": 0,
            "target_kind": None, "measure": "", "required": 0, "done": 0, "periods": 0, "triggers": [], "weight": 0,
            "count": len(rest)}]
    return groups


def _role_word(org: OrgChart, roles: set[str]) -> str:
    if roles <= {"leader"}:
        return "班子成员"
    if roles <= {"head"}:
        return "科室负责人"
    if roles <= {"discipline"}:
        return org.role_label(org.with_role("discipline")[0]) if org.with_role("discipline") else "纪检负责人"
    return ""


def attachment_rows(inputs: Inputs, rows: list[Progress]) -> list[dict]:
    """The per-person rows behind §三: who, what, which period, what is missing."""
    org = inputs.org
    out = []
    for row, names in behind(inputs, rows):
        o = row.obligation
        what = notice(row, org) if o.trigger is not None else "、".join(names) or f"尚差{row.required - row.done}次"
        out.append({
            "who": org.label(o.holder, o.slot.due),
            "title": o.duty.title_for(org.unit.party_body, org.unit.discipline_body),
            "period": period_name(o.slot.label),
            "due": short_cn_date(o.slot.due),
            "required": row.required,
            "done": min(row.done, row.required),
            "missing": what,
            "backfilled": len(row.backfilled),  # of the done, typed in after the day (补记)
        })
    return out


def four_ones_table(inputs: Inputs) -> list[dict]:
    """Each leader's "四个一" (003 第十一条6), where the regime has all four."""
    org = inputs.org
    if not has_four_ones(inputs.plan.catalog):
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


def report_context(inputs: Inputs, holder_role: str = "secretary", notes=None) -> dict:
    """What report.j2 / supervision.j2 print; ``notes`` (``ReportNotes``) adds
    what only the office can write: 发文字号, 签发人, 抄送, each item's 成效."""
    from zerenqingdan.documents.notes import ReportNotes

    notes = notes or ReportNotes()
    org, catalog = inputs.org, inputs.plan.catalog
    inputs = inputs._replace(rows=_without_itself(inputs.rows, catalog.year_report(holder_role != "secretary")))
    holders = ("party", "secretary", "function") if holder_role == "secretary" else (holder_role,)
    rows = [r for r in inputs.rows if r.obligation.duty.holder in holders]
    grouped = _rows_by_duty(rows)
    mine = [d for d in catalog.duties if d.holder in holders and d.id in grouped]
    items = []
    if holder_role == "secretary":
        if catalog.items:
            for number, title in sorted(catalog.items.items(), key=lambda kv: int(kv[0])):
                duties = [duty_summary(inputs, grouped[d.id]) for d in mine if d.item == int(number)]
                items.append({"number": int(number), "title": title, "duties": duties})
            rest = [d for d in mine if d.item is None]
        else:
            rest = mine
        for kinds, title in ((("party",), f"{org.unit.party_body}领导班子履行集体责任"),
                             (("secretary",), f"{org.unit.party_body}书记履行第一责任人责任"),
                             (("function",), "职能部门履行相关责任")):
            duties = [duty_summary(inputs, grouped[d.id]) for d in rest if d.holder in kinds]
            if duties:
                items.append({"number": len(items) + 1, "title": title, "duties": duties})
        # the leaders' 一岗双责 and the heads' part are the primary responsibility too
        everyone = _rows_by_duty(inputs.rows)
        for holder, title in (("leader", "班子成员履行“一岗双责”"), ("head", "科室负责人履行主体责任")):
            duties = [duty_summary(inputs, everyone[d.id]) for d in catalog.duties
                      if d.holder == holder and d.id in everyone]
            if duties:
                items.append({"number": len(items) + 1, "title": title, "duties": duties})
        actions = [d for item in items for d in item["duties"]]
    else:
        actions = [duty_summary(inputs, grouped[d.id]) for d in mine]
        title = "落实主体责任" if holder_role == "secretary" else ""
        items = [{"number": 1, "title": title, "duties": actions}]
    found = problems(inputs, rows)
    if holder_role == "secretary":  # the leaders' 一岗双责 is part of the primary responsibility
        found += problems(inputs, [r for r in inputs.rows if r.obligation.duty.holder == "leader"])
    if holder_role == "secretary":
        notes.check_effects({str(item["number"]): item["title"] for item in items if item["title"]})
    for item in items:
        item["effect"] = notes.effect_of(item["number"], item["title"]) if holder_role == "secretary" else ""
    unit = org.unit
    addressees = report_recipients(org, catalog, holder_role)
    return {
        "number": notes.number,
        "signer": notes.signer,
        "cc": list(notes.cc),
        "issued_by": notes.issued_by,
        "effect": notes.effect,
        "petitions": notes.petitions,
        "unit": {"name": unit.name},
        "year": unit.year,
        "party_body": unit.party_body,
        "discipline_body": unit.discipline_body,
        "sender": _sender(org, catalog, holder_role),
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
        "groups": grouped_problems(inputs, rows if holder_role != "secretary" else
                                   [r for r in inputs.rows if r.obligation.duty.holder in (*holders, "leader", "head")]),
        "attachment": attachment_rows(inputs, rows if holder_role != "secretary" else
                                      [r for r in inputs.rows if r.obligation.duty.holder in (*holders, "leader", "head")]),
        "has_items": bool(catalog.items) and holder_role == "secretary",
        "next_quarter": _next_quarter_end(inputs.as_of),
        "records": len(inputs.ledger.valid()),
        "voided": len(inputs.ledger.voids),
    }


def _without_itself(rows: list[Progress], own) -> list[Progress]:
    """The report is not work it reports on: the rows of its own duty's last
    slot (the report on the year; 004's 12月底 report, not the one of 6月底)
    are left out of it."""
    if own is None:
        return rows
    last = max((r.obligation.slot.due for r in rows if r.obligation.duty.id == own.id), default=None)
    return [r for r in rows if not (r.obligation.duty.id == own.id and r.obligation.slot.due == last)]


def _sender(org: OrgChart, catalog, holder_role: str) -> str:
    """Who reports: 中共某局党组; the unit's own 纪检组; a stationed one under
    the name of the commission that stations it (中共某市纪委驻某局纪检组)."""
    unit = org.unit
    if holder_role == "secretary":
        return f"中共{unit.name}{unit.party_body}"
    if catalog.discipline_stationed:
        return f"{unit.superior_discipline or '上级纪委'}驻{unit.name}纪检组"
    return f"中共{unit.name}{unit.discipline_body}"


def _next_quarter_end(day: dt.date) -> str:
    """The end of the quarter after ``day``: the date measures are due by."""
    month = ((day.month - 1) // 3 + 1) * 3 + 3
    year = day.year + (month > 12)
    month = month - 12 if month > 12 else month
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    return cn_date(last)


def report_recipients(org: OrgChart, catalog, holder_role: str) -> list[str]:
    """Whom the report goes to, as the regime's report duty names them
    (003: 县委、县纪委 and 市院; 004's 纪检组: 市纪委 only); without one, the
    superiors in zr.toml. After a first 中共…, the others drop their 中共."""
    from zerenqingdan.plan import recipient_name

    best = catalog.year_report(discipline=holder_role != "secretary")
    if best is not None and best.recipient_names:
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
        summary = duty_summary(inputs, group, with_names=True)
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
                "topic": entry.topic if entry.topic and entry.topic != summary["title"] else "—",
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


def write_report(inputs: Inputs, path: Path, unit_templates: Path | None, *, supervision: bool = False,
                 notes=None):
    from zerenqingdan.documents.build import write_document

    org = inputs.org
    role = "discipline" if supervision else "secretary"
    context = report_context(inputs, role, notes)
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
