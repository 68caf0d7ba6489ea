"""Progress: the plan's obligations measured against the ledger's records.

A record counts toward an obligation when its kind (and type, where the duty
names one) match, its date lies in the obligation's slot, and the holder took
part (as ``by``; or also as ``with`` for duties marked ``participation = any``).
For a duty that must reach people or departments, a target is covered by a
record that names it (``with`` for people; ``departments``, or someone of that
department in ``with``, for departments). Void records never count; records
dated after the due date count and are marked late.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from zerenqingdan.ledger.backfill import backfill_note
from zerenqingdan.ledger.store import Entry
from zerenqingdan.org.chart import OrgChart
from zerenqingdan.plan import Obligation, Plan, post_holders

DUE_SOON_DAYS = 14
STATES = {
    "done": "已完成",
    "on_track": "进行中",
    "due_soon": "即将到期",
    "overdue": "已逾期",
    "as_needed": "按需",
    "unit_defined": "本单位自定",
    "open": "待完成（文件未定期限）",
}
# states that are not measured against a quota: left out of the completion rate
UNMEASURED = ("as_needed", "unit_defined", "open")


class Progress(NamedTuple):
    obligation: Obligation
    done: int
    missing: tuple[str, ...]
    records: tuple[str, ...]  # entry ids that counted
    late: tuple[str, ...]  # of those, dated after the due date
    state: str
    backfilled: tuple[str, ...] = ()  # of those, typed in long after the day or after the due date (补记)

    @property
    def required(self) -> int:
        return self.obligation.required


def takes_part(entry: Entry, obligation: Obligation) -> bool:
    if obligation.duty.holder == "party":  # the body acts through any of its members
        return True
    if obligation.holder in entry.by:
        return True
    return obligation.duty.participation == "any" and obligation.holder in entry.with_


def slot_year(obligation: Obligation) -> int:
    """The year an obligation belongs to (2026 for 2026, 2026H1, 2026Q3, a 2026 trigger)."""
    return int(obligation.slot.label[:4])


def in_slot(entry: Entry, obligation: Obligation) -> bool:
    """The record is dated within the slot, or says it is on the slot's year
    (a report on 2026 written in November, before the window of 12月 opens)."""
    slot = obligation.slot
    if entry.for_year is not None:
        year = slot_year(obligation)
        if entry.for_year != year:
            return False  # a report on another year
        return (slot.start <= entry.date or entry.date.year == year) and entry.date <= slot.end
    return slot.start <= entry.date <= slot.end


def may_be_late_for(entry: Entry, obligation: Obligation) -> bool:
    """A record dated after the slot's end may still answer it, late. A report
    is on a period: one handed in after the period answers the earliest slot
    still short (a first-half report filed in July is the first half's). So
    does the follow-up of an event (minutes sent after the week). Other
    records count in the period they happened, unless the record says it is
    on an earlier year (``for-year``: a talk of 2026 made up in January)."""
    if entry.date <= obligation.slot.end:
        return False
    year = slot_year(obligation)
    if entry.for_year is not None:
        return entry.for_year == year
    if obligation.trigger is not None:
        return True
    return obligation.duty.event == "report" and entry.date.year == year


def of_kind(entry: Entry, obligation: Obligation) -> bool:
    duty = obligation.duty
    if entry.kind != duty.event:
        return False
    if duty.type and entry.type != duty.type:
        return False
    return takes_part(entry, obligation)


def matches(entry: Entry, obligation: Obligation) -> bool:
    """On time for the slot: the right kind and type, the holder took part, dated within it."""
    return of_kind(entry, obligation) and in_slot(entry, obligation)


def covered_targets(entry: Entry, obligation: Obligation, org: OrgChart) -> set[str]:
    if obligation.target_kind == "recipient":  # a record that names no recipient went to all of them
        return {t for t in obligation.targets if not entry.to or t in entry.to}
    if obligation.target_kind == "member":
        return {t for t in obligation.targets if t in entry.with_}
    if obligation.target_kind == "department":
        covered = {d for d in obligation.targets if d in entry.departments}
        for person in entry.with_:
            try:
                member = org.member(person)
            except KeyError:
                continue
            if member.department in obligation.targets:
                covered.add(member.department)
        return covered
    return set()


def state_of(obligation: Obligation, done: int, as_of: dt.date) -> str:
    duty = obligation.duty
    if duty.trigger is not None:
        if done >= obligation.required:
            return "done"
        if duty.trigger.before:
            return "overdue"  # the event went ahead without it
        if duty.trigger.within_days is None:
            return "open"
    elif duty.as_needed:
        return "as_needed"
    elif duty.unit_defined:
        return "done" if done >= max(obligation.required, 1) else "unit_defined"
    if done >= obligation.required:
        return "done"
    if as_of > obligation.slot.due:
        return "overdue"
    if (obligation.slot.due - as_of).days <= DUE_SOON_DAYS:
        return "due_soon"
    return "on_track"


def answers(entry: Entry, obligation: Obligation) -> bool:
    """A record answers a triggered obligation when it concerns the same
    people (the opinion on the cadre being appointed) or departments, where
    the triggering record names any; otherwise any matching record does."""
    trigger = obligation.trigger
    if trigger is None or obligation.target_kind is not None or not (trigger.with_ or trigger.departments):
        return True
    if trigger.kind == "meeting":  # the minutes of a meeting are about the meeting, not its people
        return True
    return bool(set(entry.with_) & set(trigger.with_) or set(entry.departments) & set(trigger.departments)
                or set(entry.by) & set(trigger.with_))


def measure(obligation: Obligation, entries: list[Entry], org: OrgChart, as_of: dt.date,
            used: set[str] | None = None) -> Progress:
    """The obligation against ``entries`` (its candidates): the records dated
    within its slot, then, while it is still short, records dated after it
    that answer what is missing (逾期补记). ``used`` holds the records an
    earlier slot of the same duty already took: a record answers one slot."""
    used = used if used is not None else set()
    duty = obligation.duty
    fresh = [e for e in entries if e.date <= as_of and e.id not in used and e.kind == duty.event
             and (not duty.type or e.type == duty.type) and answers(e, obligation)]
    counted = [e for e in fresh if in_slot(e, obligation)]
    later = [e for e in fresh if may_be_late_for(e, obligation)]
    if obligation.target_kind:
        tally: dict[str, int] = {}
        used_here = []
        need = max(obligation.duty.count or 1, 1)

        def take(entry: Entry, only_missing: bool) -> None:
            hits = covered_targets(entry, obligation, org)
            if only_missing:
                hits = {t for t in hits if tally.get(t, 0) < need}
            if hits:
                used_here.append(entry)
            for target in hits:
                tally[target] = tally.get(target, 0) + 1

        for entry in counted:
            take(entry, False)
        for entry in later:
            if all(tally.get(t, 0) >= need for t in obligation.targets):
                break
            take(entry, True)
        missing = tuple(t for t in obligation.targets if tally.get(t, 0) < need)
        done = len(obligation.targets) - len(missing)
        counted = used_here
    else:
        missing = ()
        short = max(obligation.required - len(counted), 0)
        counted = counted + later[:short] if obligation.required else counted
        done = len(counted)
    used.update(e.id for e in counted)
    late = tuple(e.id for e in counted if e.date > obligation.slot.due)
    due = obligation.slot.due
    backfilled = tuple(e.id for e in counted if e.recorded_at is not None and backfill_note(e, None, due))
    return Progress(
        obligation,
        done,
        missing,
        tuple(e.id for e in counted),
        late,
        state_of(obligation, done, as_of),
        backfilled,
    )


def trigger_obligations(plan: Plan, entries: list[Entry], as_of: dt.date) -> list[Obligation]:
    """One obligation per record of the year that triggers a duty: due N days
    after it, or required before it; owed by the post in charge that day."""
    from zerenqingdan.plan import Slot, holders_of

    org = plan.org
    duties = [d for d in plan.catalog.duties if d.trigger is not None]
    if not duties:
        return []
    year = org.unit.year
    out = []
    for entry in entries:
        if entry.date.year != year or entry.date > as_of:
            continue
        for duty in duties:
            t = duty.trigger
            if entry.kind != t.event or (t.type is not None and entry.type != t.type):
                continue
            if t.before:
                start = entry.date - dt.timedelta(days=t.within_days if t.within_days is not None else 366)
                slot = Slot(entry.date.isoformat(), start, entry.date, entry.date)
            else:
                end = entry.date + dt.timedelta(days=t.within_days) if t.within_days is not None else dt.date(year + 1, 12, 31)
                slot = Slot(entry.date.isoformat(), entry.date, end, end)
            for holder in trigger_holders(org, duty, entry, holders_of):
                if duty.scope == "trigger_people":
                    targets = tuple(p for p in entry.with_ if p != holder)
                    out.append(Obligation(holder, duty, slot, targets, "member", entry))
                else:
                    out.append(Obligation(holder, duty, slot, (), None, entry))
    return out


def trigger_holders(org: OrgChart, duty, entry: Entry, holders_of) -> list[str]:
    """Who owes the follow-up of a triggering record (member ids)."""
    if duty.holder == "head":  # the heads of the record's departments: named, else of the people there
        return [m.id for d in trigger_departments(org, entry) for m in org.heads_of(d, entry.date)]
    if duty.holder == "leader":
        return [p for p in entry.by if _role_on(org, p, entry.date) == "leader"]
    return [m.id for m in holders_of(org, duty, entry.date)][:1]


def trigger_departments(org: OrgChart, entry: Entry) -> list[str]:
    """The departments a triggering record concerns (a 科室's 组织生活会): those
    it names, else the departments of the heads and staff who led or attended it."""
    named = [d for d in entry.departments if _known(org, d)]
    if named:
        return named
    found = []
    for person in (*entry.by, *entry.with_):
        try:
            post = org.member(person, entry.date)
        except KeyError:
            continue
        if post.role in ("head", "staff") and post.department and post.department not in found:
            found.append(post.department)
    return found


def _known(org: OrgChart, dept_id: str) -> bool:
    try:
        org.department(dept_id)
    except KeyError:
        return False
    return True


def _role_on(org: OrgChart, member_id: str, day: dt.date) -> str | None:
    try:
        return org.member(member_id, day).role
    except KeyError:
        return None


def measure_plan(plan: Plan, entries: list[Entry], as_of: dt.date) -> list[Progress]:
    # index the records by (kind, person who led) and (kind, person who took part),
    # so each obligation looks only at its holder's own records
    from collections import defaultdict

    led: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    joined: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    by_kind: dict = defaultdict(list)  # kind, and (kind, type), → records
    for entry in entries:  # 10,000s of records: kept to plain appends
        if entry.date > as_of:
            continue
        kind = entry.kind
        by_kind[kind].append(entry)
        by_kind[(kind, entry.type)].append(entry)
        for person in entry.by:
            led[(kind, person)].append(entry)
        for person in entry.with_:
            joined[(kind, person)].append(entry)
    led, joined, by_kind = dict(led), dict(joined), dict(by_kind)  # lookups below must not add keys
    # the slots of one holder's duty in order, so that a late record answers the
    # earliest slot still short before it counts for a later one
    obligations = (*plan.obligations, *trigger_obligations(plan, entries, as_of))
    order = sorted(range(len(obligations)),
                   key=lambda i: (obligations[i].holder, obligations[i].duty.id, obligations[i].slot.start,
                                  obligations[i].slot.label))
    used: dict[tuple[str, str], set[str]] = {}
    results: list[Progress | None] = [None] * len(obligations)
    for i in order:
        o = obligations[i]
        spent = used.setdefault((o.holder, o.duty.id), set())
        if o.duty.holder == "party":  # any member's record (of the duty's type, when it names one)
            pool = by_kind.get((o.duty.event, o.duty.type) if o.duty.type else o.duty.event, [])
            results[i] = measure(o, pool, plan.org, as_of, spent)
            continue
        candidates = []
        for person, start, end in post_holders(plan.org, o):  # whoever held the post on the record's date
            mine = led.get((o.duty.event, person), [])
            if o.duty.participation == "any":
                mine = mine + joined.get((o.duty.event, person), [])
            candidates += [e for e in mine if start <= e.date <= end]
        if len(candidates) > 1:
            candidates = sorted({id(e): e for e in candidates}.values(), key=lambda e: e.date)
        results[i] = measure(o, candidates, plan.org, as_of, spent)
    return results  # in the plan's order


# ---------------------------------------------------------------------------
# summaries and plain data


class PersonSummary(NamedTuple):
    member: str
    required: int
    done: int
    overdue: int
    due_soon: int

    @property
    def percent(self) -> int:
        return 100 if self.required == 0 else round(100 * self.done / self.required)


def summarise(progress: list[Progress]) -> list[PersonSummary]:
    people: dict[str, list[Progress]] = {}
    for p in progress:
        people.setdefault(p.obligation.holder, []).append(p)
    out = []
    for member, rows in people.items():
        counted = [r for r in rows if r.state not in UNMEASURED and not r.obligation.duty.unit_defined]
        out.append(
            PersonSummary(
                member,
                sum(r.required for r in counted),
                sum(min(r.done, r.required) for r in counted),
                sum(1 for r in counted if r.state == "overdue"),
                sum(1 for r in counted if r.state == "due_soon"),
            )
        )
    return out


def target_labels(org: OrgChart, obligation: Obligation, ids) -> list[str]:
    """Targets as people read them: department names, recipients by name, or
    people labelled as on the due day."""
    if obligation.target_kind == "department":
        return [org.department(t).name for t in ids]
    if obligation.target_kind == "recipient":
        from zerenqingdan.plan import recipient_name

        return [recipient_name(org, t, short=True) for t in ids]
    return [org.label(t, obligation.slot.due) for t in ids]


def target_name(org: OrgChart, obligation: Obligation, target: str) -> str:
    """One target's plain name (no distinction between namesakes)."""
    if obligation.target_kind == "department":
        return org.department(target).name
    if obligation.target_kind == "recipient":
        from zerenqingdan.plan import recipient_name

        return recipient_name(org, target, short=True)
    return org.member(target).name


def progress_json(p: Progress, org: OrgChart) -> dict:
    from zerenqingdan.dates import period_name

    o = p.obligation
    duty = o.duty
    return {
        "holder": o.holder,
        "holder_name": org.member(o.holder).name,
        "duty": duty.id,
        "title": duty.title_for(org.unit.party_body, org.unit.discipline_body),
        "item": duty.item,
        "kind": duty.event,
        "type": duty.type,
        "period": o.slot.label,
        "period_label": period_name(o.slot.label),
        "year": org.unit.year,
        "due": o.slot.due.isoformat(),
        "required": p.required,
        "done": p.done,
        "missing": list(p.missing),
        "missing_names": [target_name(org, o, t) for t in p.missing],
        "records": list(p.records),
        "late": list(p.late),
        "backfilled": list(p.backfilled),
        "state": p.state,
        "state_label": STATES[p.state],
        "trigger": None if o.trigger is None else {
            "id": o.trigger.id, "date": o.trigger.date.isoformat(), "kind": o.trigger.kind, "type": o.trigger.type},
        "notice": notice(p, org),
        "holder_label": org.label(o.holder, o.slot.due),
        "missing_labels": target_labels(org, o, p.missing),
    }


def notice(p: Progress, org: OrgChart) -> str:
    """For a triggered duty not yet done, the sentence a clerk reads:
    10月7日民主生活会：会议情况应于10月14日前报某市纪委，尚未记录."""
    o = p.obligation
    if o.trigger is None or p.state == "done":
        return ""
    from zerenqingdan.dates import short_cn_date
    from zerenqingdan.plan import recipients_text

    duty, trigger = o.duty, o.trigger
    what = trigger.type or duty.trigger.describe()
    sent = recipients_text(org, duty)
    due = short_cn_date(o.slot.due)
    if duty.reminder:
        text = duty.reminder.replace("{截止}", due).replace("{送达}", sent or "有关方面")
    elif duty.trigger.before:
        text = f"“{duty.title_for(org.unit.party_body, org.unit.discipline_body)}”应在此前完成"
    elif duty.trigger.within_days is not None:
        text = f"“{duty.title_for(org.unit.party_body, org.unit.discipline_body)}”应于{due}前完成"
    else:
        text = f"“{duty.title_for(org.unit.party_body, org.unit.discipline_body)}”尚待完成"
    if o.target_kind and p.missing:
        names = [org.label(t, trigger.date) for t in p.missing]
        text += f"（{'、'.join(names)}）"
    return f"{short_cn_date(trigger.date)}{what}：{text}，尚未记录"


def why_not_counted(plan: Plan, entry: Entry) -> list[str]:
    """Why a record counts toward nothing, in words a clerk can act on
    (``赵敏 不分管 财务科（分管：行政审批科、执法监督科）``)."""
    org = plan.org
    bodies = (org.unit.party_body, org.unit.discipline_body)
    mine = [o for o in plan.obligations if o.duty.event == entry.kind and takes_part(entry, o)]
    dated = [o for o in mine if o.slot.start <= entry.date <= o.slot.end]
    typed = [o for o in dated if not o.duty.type or o.duty.type == entry.type]
    reasons: list[str] = []

    def name(member_id: str) -> str:
        try:
            return org.label(member_id, entry.date)
        except KeyError:
            return member_id

    by = "、".join(name(p) for p in entry.by)
    for obligation in typed:  # the right duty and period: the people or departments are not its own
        title = obligation.duty.title_for(*bodies)
        if obligation.target_kind == "department":
            named = [d for d in entry.departments]
            named += [org.member(p).department for p in entry.with_ if _has_member(org, p)]
            named = [d for d in dict.fromkeys(named) if d]
            own = "、".join(org.department(d).name for d in obligation.targets) or "无"
            if named:
                depts = "、".join(org.department(d).name for d in named if _known(org, d))
                reasons.append(f"{name(obligation.holder)} 不分管 {depts}（「{title}」的科室：{own}）")
            else:
                reasons.append(f"没有写明科室：「{title}」要写 --dept（{name(obligation.holder)} 分管：{own}）")
        elif obligation.target_kind == "member":
            who = "、".join(name(p) for p in entry.with_) or "（没有写 --with）"
            reasons.append(f"{who} 不是{name(obligation.holder)}「{title}」的对象")
    if reasons:
        return list(dict.fromkeys(reasons))
    if dated and not typed:
        wanted = "、".join(dict.fromkeys(o.duty.type for o in dated if o.duty.type))
        return [f"{by} 的清单中这类事项要求的类型是 {wanted}，这条记录是 {entry.type or '未写类型'}"]
    if mine and not dated:
        return [f"{entry.date.isoformat()} 不在 {by} 这类事项的任何一期之内"]
    return [f"{by} 的清单中没有这一类事项（zr plan --member 查看其清单）"]


def _has_member(org: OrgChart, member_id: str) -> bool:
    try:
        org.member(member_id)
    except KeyError:
        return False
    return True


def counts_toward(plan: Plan, entry: Entry) -> list[tuple[Obligation, set[str]]]:
    """The obligations a (new) record counts toward, with the targets it covers."""
    out = []
    for obligation in plan.obligations:
        if not matches(entry, obligation):
            continue
        hits = covered_targets(entry, obligation, plan.org)
        if obligation.target_kind and not hits:
            continue
        out.append((obligation, hits))
    return out
