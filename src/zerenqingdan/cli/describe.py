"""How a ledger record reads on screen and in JSON."""

from __future__ import annotations

from zerenqingdan.dates import cn_date
from zerenqingdan.ledger.store import KINDS, Entry, Void
from zerenqingdan.org.chart import OrgChart


def _name(org: OrgChart, member_id: str) -> str:
    try:
        return org.member(member_id).name
    except KeyError:
        return f"{member_id}（不存在）"


def _dept(org: OrgChart, dept_id: str) -> str:
    try:
        return org.department(dept_id).name
    except KeyError:
        return f"{dept_id}（不存在）"


def entry_line(org: OrgChart, entry: Entry) -> str:
    what = entry.type or KINDS[entry.kind]
    parts = [cn_date(entry.date), what, "、".join(_name(org, p) for p in entry.by)]
    if entry.with_:
        parts[-1] += " → " + "、".join(_name(org, p) for p in entry.with_)
    if entry.departments:
        parts.append("〔" + "、".join(_dept(org, d) for d in entry.departments) + "〕")
    if entry.to:
        parts.append("报送" + "、".join(_recipient(org, r) for r in entry.to))
    if entry.for_year is not None and entry.for_year != entry.date.year:
        parts.append(f"（{entry.for_year} 年度）")
    if entry.topic:
        parts.append(f"“{entry.topic}”")
    return " ".join(parts)


def _backfill(entry: Entry) -> str:
    from zerenqingdan.ledger.backfill import backfill_note

    return backfill_note(entry)


def _recipient(org: OrgChart, key: str) -> str:
    from zerenqingdan.plan import recipient_name

    return recipient_name(org, key, short=True)


def entry_json(org: OrgChart, entry: Entry, void: Void | None) -> dict:
    return {
        "id": entry.id,
        "date": entry.date.isoformat(),
        "kind": entry.kind,
        "kind_name": KINDS[entry.kind],
        "type": entry.type,
        "by": list(entry.by),
        "by_names": [_name(org, p) for p in entry.by],
        "with": list(entry.with_),
        "with_names": [_name(org, p) for p in entry.with_],
        "departments": list(entry.departments),
        "department_names": [_dept(org, d) for d in entry.departments],
        "topic": entry.topic,
        "note": entry.note,
        "evidence": [{"path": e.path, "sha256": e.sha256} for e in entry.evidence],
        "recorded_at": entry.recorded_at.isoformat() if entry.recorded_at else None,
        "to": list(entry.to),
        "to_names": [_recipient(org, r) for r in entry.to],
        "for_year": entry.for_year,
        "replaces": entry.replaces or None,
        "backfill": _backfill(entry),
        "source": entry.source.where() if entry.source else None,
        "void": {"reason": void.reason, "voided_at": void.voided_at.isoformat() if void.voided_at else None}
        if void
        else None,
    }
