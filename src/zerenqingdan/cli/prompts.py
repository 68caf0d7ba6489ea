"""The questions zr asks at a terminal when a command line leaves out what it
needs: who held the talk, with whom, of which type, which department. Each
list is filtered by what fits (a head talk offers the heads the person
oversees, not everyone) and a shared name is picked by post. Nothing here
writes: the answers are handed back to the command as if typed."""

from __future__ import annotations

import datetime as dt

from zerenqingdan import dates
from zerenqingdan.cli import ask, output
from zerenqingdan.errors import InputError, NameAmbiguous, NameNotFound
from zerenqingdan.org.names import describe, resolve_member, split_list


def _day(org, date: str | None) -> dt.date:
    from zerenqingdan.dates import parse_date

    if date is None:
        return dates.today()
    try:
        return parse_date(date, year=org.unit.year, what="--date")
    except InputError:
        return dates.today()  # the command itself reports the bad date, after the questions


def people_in_post(org, day: dt.date) -> list:
    seen, out = set(), []
    for member in org.members:
        if member.id in seen or not org.person_in_post(member.id, day):
            continue
        seen.add(member.id)
        out.append(org.member(member.id, day))
    return out


def choose_people(org, text: str, day: dt.date) -> str:
    """Names as typed, each made certain: a name several people share is
    picked by post, a misspelt one from the nearest names. Returns ids."""
    ids = []
    for part in split_list(text):
        try:
            ids.append(resolve_member(org, part, day).id)
        except NameAmbiguous as exc:
            choices = [(describe(org, org.member(i, day)), i) for i in exc.candidates]
            ids.append(ask.pick(f"有几人名叫“{part}”，是哪一位？", choices))
        except NameNotFound as exc:
            if not exc.candidates:
                raise
            choices = [(describe(org, org.member(i, day)), i) for i in exc.candidates]
            ids.append(ask.pick(f"找不到“{part}”，是不是：", choices))
    return ",".join(dict.fromkeys(ids))


def _holders_first(org, catalog, kind: str, day: dt.date) -> list[tuple[str, str]]:
    from zerenqingdan.plan import build_plan

    plan = build_plan(org, catalog)
    holders = {o.holder for o in plan.obligations if o.duty.event == kind and o.slot.start <= day <= o.slot.end}
    people = people_in_post(org, day)
    people.sort(key=lambda m: (m.id not in holders, org.members.index(m) if m in org.members else 0))
    return [(describe(org, m), m.id) for m in people]


def complete_event(ws, org, catalog, kind: str, type_, by: str, with_: str, dept: str, date):
    """Ask for the missing parts of ``zr log KIND`` (a person at a terminal)."""
    from zerenqingdan.ledger.store import KINDS

    day = _day(org, date)
    org = org.for_year(day.year)
    what = KINDS.get(kind, kind)
    types = catalog.types.get(kind, ())
    if not type_ and kind not in catalog.default_types and len(types) > 1:
        type_ = ask.pick(f"{what}类型：", [(t, t) for t in types])
    if by:
        by = choose_people(org, by, day)
    else:
        by = ask.pick(f"{what}的主持人（谈话人、报告人）：", _holders_first(org, catalog, kind, day))
    if with_:
        with_ = choose_people(org, with_, day)
    elif kind in ("talk", "appointment"):
        with_ = _ask_with(org, catalog, kind, type_ or catalog.default_types.get(kind), by, day)
    if kind == "hearing" and not dept and not with_:
        overseen = [d for person in by.split(",") for d in org.overseen_by(person, day)]
        choices = [(org.department(d).name, d) for d in dict.fromkeys(overseen)]
        if not choices:
            choices = [(d.name, d.id) for d in org.departments]
        dept = ",".join(ask.pick_many("听取哪些科室的汇报？", choices))
    return type_, by, with_, dept


def _ask_with(org, catalog, kind: str, type_, by: str, day: dt.date) -> str:
    """The people this talk is owed to first (e.g. the heads the person
    oversees, for a head talk), those not yet talked with marked; then anyone."""
    from zerenqingdan.plan import build_plan

    holders = set(by.split(","))
    plan = build_plan(org, catalog, only=holders)
    owed: list[str] = []
    for obligation in plan.obligations:
        duty = obligation.duty
        if obligation.holder not in holders or duty.event != kind or (duty.type and duty.type != type_):
            continue
        if obligation.target_kind == "member" and obligation.slot.start <= day <= obligation.slot.end:
            owed += [t for t in obligation.targets if t not in owed]
    choices = [(describe(org, org.member(t, day)) + "（清单中的对象）", t) for t in owed]
    choices += [(describe(org, m), m.id) for m in people_in_post(org, day) if m.id not in owed and m.id not in holders]
    picked = ask.pick_many("谈话对象（可多选）：" if kind == "talk" else "任用的人（可多选）：", choices)
    if not picked:
        output.warn("没有选择对象")
    return ",".join(picked)
