"""Progress on paper: the 进度表 (one page per person, ``zr status --docx``)
and the list of what is overdue or coming due (``zr due --docx``), for the
Monday meeting. Same rows and words as the screen; the wording in templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zerenqingdan.dates import cn_date, period_name, short_cn_date
from zerenqingdan.ledger.progress import STATES, notice, target_labels
from zerenqingdan.org.chart import OrgChart


def _missing(org: OrgChart, row) -> str:
    return "、".join(target_labels(org, row.obligation, row.missing))


def _row(org: OrgChart, row) -> dict:
    o = row.obligation
    measured = row.state not in ("as_needed", "unit_defined") and not o.duty.unit_defined
    state = STATES["unit_defined" if o.duty.unit_defined and row.state != "done" else row.state]
    due = short_cn_date(o.slot.due) if measured or o.trigger is not None else ""
    title = o.duty.title_for(org.unit.party_body, org.unit.discipline_body)
    if o.trigger is not None:  # the day that set it in motion, as the period
        title = f"{title}（{short_cn_date(o.trigger.date)}{o.trigger.type or ''}后）"
    return {
        "title": title,
        "period": period_name(o.slot.label),
        "due": due or "—",
        "done": f"{row.done}/{row.required}" if measured else f"{row.done}次",
        "state": state,
        "state_due": f"{state}（{due}前）" if due and row.state not in ("done",) else state,
        "missing": "尚未记录" if o.trigger is not None and row.state != "done" else (_missing(org, row) or "—"),
        "overdue": row.state == "overdue",
    }


def status_context(org: OrgChart, rows, summary, day: dt.date) -> dict:
    people = []
    groups: dict[str, list] = {}
    for r in rows:
        groups.setdefault(r.obligation.holder, []).append(r)
    for s in summary:
        member = org.member(s.member, day)
        people.append({
            "name": org.label(member.id, day), "role": org.role_label(member), "title": org.post_label(member),
            "percent": s.percent, "overdue": s.overdue, "due_soon": s.due_soon,
            "rows": [_row(org, r) for r in groups.get(s.member, [])],
        })
    return {"unit": {"name": org.unit.name}, "year": org.unit.year, "as_of": cn_date(day), "people": people}


def due_context(org: OrgChart, pending, open_, day: dt.date, within: int) -> dict:
    overdue, soon = [], []
    for r, org_ in pending:
        o = r.obligation
        item = _row(org_, r)
        item["who"] = org_.label(o.holder, o.slot.due)
        item["due_full"] = cn_date(o.slot.due)
        days = (o.slot.due - day).days
        item["when"] = f"逾期{-days}天" if days < 0 else ("今天到期" if days == 0 else f"还有{days}天")
        (overdue if days < 0 else soon).append(item)
    return {"unit": {"name": org.unit.name}, "year": org.unit.year, "as_of": cn_date(day), "within": within,
            "overdue": overdue, "soon": soon,
            "open": [{"who": org.label(r.obligation.holder, day), "notice": notice(r, org)} for r in open_]}


def write_status_sheet(context: dict, path: Path, unit_templates: Path | None):
    from zerenqingdan.documents.build import write_document

    return write_document("progress.j2", context, unit_templates, path,
                          title=f"{context['unit']['name']}{context['year']}年度党风廉政建设责任落实进度表",
                          author=context["unit"]["name"], subject="进度表")


def write_due_list(context: dict, path: Path, unit_templates: Path | None):
    from zerenqingdan.documents.build import write_document

    return write_document("due.j2", context, unit_templates, path,
                          title=f"{context['unit']['name']}党风廉政建设逾期和即将到期事项（{context['as_of']}）",
                          author=context["unit"]["name"], subject="逾期和即将到期事项")
