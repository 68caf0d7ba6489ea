"""The year plan: the catalog expanded over the org chart.

Each duty of each holder becomes one obligation per period slot (the year,
each half, each quarter), with the exact people or departments it must reach.

Who owes what, when the org chart changes during the year:
- a holder owes a slot when in post on the slot's due date (a leader who
  starts in July owes Q3 and Q4; one who leaves in March owes only Q1);
- a person or department is owed in a slot when the holder is responsible
  for them on the due date, or, for a person who left during the slot, on
  their last day (someone who left in March is owed nothing in Q4).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from zerenqingdan.policy.catalog import Catalog, Duty
from zerenqingdan.org.chart import Member, OrgChart

# the post that owes a duty of each holder: the body's duties are the secretary's to see done
# (the 第一责任人 convenes it); a functional department's are its head's
HOLDER_ROLES = {"secretary": "secretary", "party": "secretary", "leader": "leader", "head": "head",
                "discipline": "discipline", "function": "head"}
# a report on the year, due next year, with no date in the document: the window it may be
# handed in ends before the next year's own window opens
_NEXT_YEAR_WINDOW = ((12, 1), (11, 30))


class Slot(NamedTuple):
    label: str  # 2026, 2026H1, 2026Q3
    start: dt.date
    end: dt.date
    due: dt.date


class Obligation(NamedTuple):
    holder: str  # member id
    duty: Duty
    slot: Slot
    targets: tuple[str, ...]  # member or department ids, or recipient keys; empty for a plain count
    target_kind: str | None  # "member", "department", "recipient" (a report sent 分别) or None
    trigger: object | None = None  # the ledger Entry that created it (triggered duties)

    @property
    def required(self) -> int:
        if self.target_kind:
            return len(self.targets)
        if self.trigger is not None:
            return 1
        return self.duty.count or 0


class Plan(NamedTuple):
    org: OrgChart
    catalog: Catalog
    obligations: tuple[Obligation, ...]
    warnings: tuple[str, ...]

    def for_holder(self, member_id: str) -> list[Obligation]:
        return [o for o in self.obligations if o.holder == member_id]

    def holders(self) -> list[Member]:
        """Each holder once, as the post they hold now (within the year)."""
        seen = list(dict.fromkeys(o.holder for o in self.obligations))
        return [self.org.member(m) for m in seen]


def slots_for(duty: Duty, year: int) -> list[Slot]:
    def day(month: int, dom: int) -> dt.date:
        return dt.date(year, month, dom)

    if duty.period == "year" and duty.due_next_year:
        (m1, d1), (m2, d2) = _NEXT_YEAR_WINDOW
        end = dt.date(year + 1, m2, d2)  # handed in late, it still counts (marked late)
        due = dt.date(year + 1, *duty.deadline) if duty.deadline else end
        return [Slot(str(year), day(m1, d1), end, due)]
    if duty.period == "year":
        due = day(*duty.deadline) if duty.deadline else day(12, 31)
        start = day(10, 1) if duty.when in ("年底", "年终") else day(1, 1)  # a year-end check in March is not one
        return [Slot(str(year), start, day(12, 31), due)]
    if duty.period == "half":
        bounds = [(day(1, 1), day(6, 30)), (day(7, 1), day(12, 31))]
        prefix = "H"
    else:
        bounds = [(day(1, 1), day(3, 31)), (day(4, 1), day(6, 30)), (day(7, 1), day(9, 30)), (day(10, 1), day(12, 31))]
        prefix = "Q"
    return [Slot(f"{year}{prefix}{i}", a, b, b) for i, (a, b) in enumerate(bounds, 1)]


def _last_day(member: Member, slot: Slot) -> dt.date | None:
    """The day the relationship with ``member`` is judged in ``slot``, or None
    when the member is not there at all in the slot."""
    if member.since and member.since > slot.due:
        return None
    if member.until and member.until < slot.start:
        return None
    return min(slot.due, member.until) if member.until else slot.due


ROLES_OF_SCOPE = {
    "leaders": ("leader", "discipline", "assistant"),
    "heads": ("head",),
    "leaders_and_heads": ("leader", "discipline", "assistant", "head"),
    "discipline_head": ("discipline",),
}


def _candidates(org: OrgChart, holder: Member, scope: str, slot: Slot, stationed: bool = False) -> list[Member]:
    """Who might be a target, narrowed by department or role (the plan asks
    this for every holder, duty and slot, so it must not scan everyone). A
    派驻 discipline head is not one of the unit's leaders."""
    if scope in ("overseen_heads", "overseen_people"):
        depts = org.overseen_between(holder.id, slot.start, slot.due)
        return [m for d in depts for m in org.people_of(d)]
    if scope == "own_people":
        return org.people_of(holder.department) if holder.department else []
    roles = ROLES_OF_SCOPE.get(scope, ())
    if stationed and scope != "discipline_head":
        roles = tuple(r for r in roles if r != "discipline")
    return [m for m in org.members if m.role in roles]


def judged_on(org: OrgChart, person_id: str, slot: Slot) -> dt.date | None:
    """The day a person is judged in a slot: its due day when they are in the
    unit then (in whatever post: a head promoted in July is a leader at the
    year's end), else their last day in the slot; None when not there at all."""
    if org.person_in_post(person_id, slot.due):
        return slot.due
    last = None
    for post in org.posts_of(person_id):
        if (post.since and post.since > slot.due) or (post.until and post.until < slot.start):
            continue
        end = min(slot.due, post.until) if post.until else slot.due
        last = end if last is None or end > last else last
    return last


def _member_targets(org: OrgChart, holder: Member, scope: str, slot: Slot, stationed: bool = False) -> list[str]:
    """The people a holder's duty must reach in a slot: each person once, in
    the post they hold on the day they are judged (``judged_on``), and only
    if that day falls while the holder is in post (a head who took over on
    9月1日 owes nothing to someone who left on 8月31日)."""
    out = []
    since = holder.since or dt.date.min
    for m in _candidates(org, holder, scope, slot, stationed):
        if m.id == holder.id or m.id in out:
            continue
        day = judged_on(org, m.id, slot)
        if day is None or day < since or org.member(m.id, day) != m:
            continue  # not there, gone before the holder came, or judged in another post
        if scope in ("overseen_heads", "overseen_people"):
            if m.department not in org.overseen_by(holder.id, day):
                continue
            if scope == "overseen_heads" and m.role != "head":
                continue
        if scope == "own_people" and m.department != holder.department:
            continue
        out.append(m.id)
    if scope in ("overseen_heads", "overseen_people"):
        out.sort(key=org.position)
    return out


def post_holders(org: OrgChart, obligation: "Obligation") -> list[tuple[str, dt.date, dt.date]]:
    """Who acted in the obligation's post during its slot, as (person, from,
    to): a record counts for the post its holder held on the record's date.
    A department head's, the secretary's and the discipline head's post passes
    from one person to the next (the May talks of a head promoted in July
    still count for the department); a leader's post is the leader's own."""
    duty, slot = obligation.duty, obligation.slot
    role = HOLDER_ROLES[duty.holder]
    holder = org.member(obligation.holder, slot.due)
    shared = role in ("secretary", "discipline") or (role == "head" and holder.department)
    out = []
    for post in org.members if shared else org.posts_of(obligation.holder):
        if post.role != role or (role == "head" and shared and post.department != holder.department):
            continue
        start = post.since or dt.date.min
        end = post.until or dt.date.max
        if end < slot.start or start > slot.end:
            continue
        out.append((post.id, start, end))
    return out or [(obligation.holder, dt.date.min, dt.date.max)]


def build_plan(org: OrgChart, catalog: Catalog, only: set[str] | None = None) -> Plan:
    """Every obligation of the year; ``only`` limits it to some holders' ids."""
    obligations: list[Obligation] = []
    warnings: list[str] = []
    candidates = [m for m in org.members if only is None or m.id in only]
    stationed = catalog.discipline_stationed
    for duty in catalog.duties:
        if duty.trigger is not None:  # owed once per triggering record: see ledger.progress
            continue
        for slot in slots_for(duty, org.unit.year):
            holders = holders_of(org, duty, slot.due, candidates)
            for holder in holders:
                if duty.scope == "self" and duty.separately and len(duty.recipients) > 1:
                    # 分别报送: one copy to each recipient, each counted
                    obligations.append(Obligation(holder.id, duty, slot, tuple(duty.recipients), "recipient"))
                elif duty.scope == "self":
                    obligations.append(Obligation(holder.id, duty, slot, (), None))
                elif duty.scope == "overseen_departments":
                    order = [d.id for d in org.departments]
                    depts = tuple(sorted(org.overseen_by(holder.id, slot.due), key=order.index))
                    obligations.append(Obligation(holder.id, duty, slot, depts, "department"))
                else:
                    targets = tuple(_member_targets(org, holder, duty.scope, slot, stationed))
                    obligations.append(Obligation(holder.id, duty, slot, targets, "member"))
                    if duty.scope == "overseen_heads":
                        for dept_id in org.overseen_by(holder.id, slot.due):
                            if not org.heads_of(dept_id, slot.due):
                                warnings.append(
                                    f"{org.department(dept_id).name} 在 {slot.label} 没有科室负责人："
                                    f"{holder.name} 的“{duty.title}”无人可覆盖"
                                )
                    if duty.scope == "own_people" and holder.department is None:
                        warnings.append(f"{holder.name}（{holder.id}）没有所在科室：“{duty.title}”无人可覆盖")
    return Plan(org, catalog, tuple(obligations), tuple(dict.fromkeys(warnings)))


def holders_of(org: OrgChart, duty: Duty, day: dt.date, candidates=None) -> list[Member]:
    """The posts that owe ``duty`` on ``day``: by role, and for a functional
    department's duty, the head of the department flagged for it."""
    role = HOLDER_ROLES[duty.holder]
    pool = org.members if candidates is None else candidates

    def owing(on: dt.date) -> list[Member]:
        found = [m for m in pool if m.role == role and org.in_post(m, on)]
        if duty.holder == "function":
            found = [m for m in found if m.department and duty.function in org.department(m.department).flags]
        return found

    # past the year (a report on the year, due next January), whoever held the post at its end
    return owing(day) or (owing(org.unit.end) if day > org.unit.end else [])


# ---------------------------------------------------------------------------
# plain data for --json, the .docx and the .ics


def _target(org: OrgChart, kind: str | None, target_id: str) -> dict:
    if kind == "department":
        return {"id": target_id, "name": org.department(target_id).name}
    if kind == "recipient":
        return {"id": target_id, "name": recipient_name(org, target_id)}
    return {"id": target_id, "name": org.member(target_id).name}


def recipient_name(org: OrgChart, key: str, short: bool = False) -> str:
    """A report's recipient by name: the unit's superiors from zr.toml, the
    unit's own bodies, or (already resolved by the catalog) a name of its own."""
    unit = org.unit
    if key == "上级党委":
        name = unit.superior or "上级党委"
    elif key == "上级纪委":
        name = unit.superior_discipline or "上级纪委"
    elif key == "党组":
        name = f"中共{unit.name}{unit.party_body}"
    elif key == "纪检组":
        name = f"{unit.name}{unit.discipline_body}"
    else:
        name = key
    return name.removeprefix("中共") if short and name.startswith("中共") and len(name) > 4 else name


def recipients_text(org: OrgChart, duty: Duty, short: bool = True) -> str:
    names = [recipient_name(org, key, short) for key in duty.recipient_names]
    return "、".join(names) + ("（分别报送）" if duty.separately and len(names) > 1 else "")


def duty_json(plan: Plan, duty: Duty, obligations: list[Obligation]) -> dict:
    org = plan.org
    return {
        "duty": duty.id,
        "holder": duty.holder,
        "title": duty.title_for(org.unit.party_body, org.unit.discipline_body),
        "item": duty.item,
        "kind": duty.event,
        "type": duty.type,
        "count": duty.count,
        "period": duty.period,
        "scope": duty.scope,
        "quota": duty.quota_text(),
        "deadline": f"{duty.deadline[0]:02d}-{duty.deadline[1]:02d}" if duty.deadline else None,
        "source": duty.source,
        "source_text": plan.catalog.cite(duty.source),
        "note": duty.note,
        "unit_defined": duty.unit_defined,
        "frequency": duty.frequency,
        "when": duty.when,
        "due_next_year": duty.due_next_year,
        "deadline_text": duty.deadline_text(),
        "recipients": [recipient_name(org, r) for r in duty.recipient_names],
        "separately": duty.separately,
        "audience": duty.audience,
        "trigger": duty.trigger.describe() if duty.trigger else None,
        "slots": [
            {
                "period": o.slot.label,
                "start": o.slot.start.isoformat(),
                "end": o.slot.end.isoformat(),
                "due": o.slot.due.isoformat(),
                "required": o.required,
                "targets": [_target(org, o.target_kind, t) for t in o.targets],
            }
            for o in obligations
        ],
    }


def plan_json(plan: Plan, member_ids: list[str] | None = None) -> dict:
    org, catalog = plan.org, plan.catalog
    holders = []
    for member in plan.holders():
        if member_ids is not None and member.id not in member_ids:
            continue
        mine = plan.for_holder(member.id)
        by_duty: dict[str, list[Obligation]] = {}
        for o in mine:
            by_duty.setdefault(o.duty.id, []).append(o)
        duties = [duty_json(plan, catalog.duty(d), obs) for d, obs in by_duty.items()]
        entry = {
            "member": member.id,
            "name": member.name,
            "role": member.role,
            "role_name": org.role_label(member),
            "department": member.department,
            "title": member.title,
            "label": org.label(member.id),
            "posts": [
                {"role": p.role, "role_name": org.role_label(p), "post": org.post_label(p),
                 "department": p.department, "since": p.since.isoformat() if p.since else None,
                 "until": p.until.isoformat() if p.until else None}
                for p in org.posts_of(member.id)
                if org.term(p)[0] <= org.term(p)[1]
            ],
            "duties": duties,
        }
        if member.role == "secretary":
            entry["items"] = [
                {
                    "number": int(number),
                    "title": title,
                    "duties": [d for d in duties if d["item"] == int(number)],
                }
                for number, title in sorted(catalog.items.items(), key=lambda kv: int(kv[0]))
            ]
        holders.append(entry)
    return {
        "unit": org.unit.name,
        "year": org.unit.year,
        "catalog": catalog.name,
        "party_body": org.unit.party_body,
        "discipline_body": org.unit.discipline_body,
        "holders": holders,
        "triggered": [
            {**duty_json(plan, d, []), "holder_name": HOLDER_NAMES[d.holder]}
            for d in catalog.duties if d.trigger is not None
        ],
        "warnings": list(plan.warnings),
    }


HOLDER_NAMES = {"secretary": "书记", "party": "领导班子", "leader": "班子成员", "head": "科室负责人",
                "discipline": "纪检机构", "function": "职能部门"}
