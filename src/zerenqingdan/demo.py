"""The bundled example unit: a realistic org chart built through the same core
functions the commands use, so the demo exercises the real code paths."""

from __future__ import annotations

import datetime as dt
import random
from typing import NamedTuple
from pathlib import Path

from zerenqingdan import dates
from zerenqingdan.newunit import UnitSettings, init_workspace
from zerenqingdan.org.edit import MemberDraft, OrgEditor
from zerenqingdan.storage import locked

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱武戴孔汤庞樊殷施陶洪翟安颜倪严牛温季俞章鲁葛伍申尤毕聂焦向柳邢岳齐梅莫庄辛管祝左涂谷祁时舒耿牟詹关苗凌费纪靳盛童甄项曲成游裴席卫屈鲍霍翁甘景包柏宁柯阮桂闵解"
GIVEN = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
    "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "金凤", "志强", "海燕", "晓东", "春梅", "国庆",
    "红霞", "立新", "子涵", "雨萱", "浩然", "欣怡", "宇航", "思远", "嘉怡", "俊杰", "晨曦", "一鸣", "佳琪",
]

# name, flags, overseer key, head name (None: generated)
DEPARTMENTS = [
    ("办公室", ["办公室"], "secretary"),
    ("人事科", ["人事", "政工"], "张伟"),
    ("财务科", ["财务"], "陈静"),
    ("政策法规科", [], "张伟"),
    ("综合规划科", ["审批"], "李强"),
    ("基建科", ["工程"], "李强"),
    ("采购中心", ["采购"], "陈静"),
    ("行政审批科", ["审批"], "赵敏"),
    ("信息中心", [], "李强"),  # moves to 赵敏 on 07-01: the demo's mid-year change
    ("执法监督科", [], "赵敏"),
    ("宣传教育科", [], "孙立军"),
    ("纪检监察室", ["纪检"], "discipline"),
]
LEADERS = ["张伟", "陈静", "李强", "赵敏", "孙立军"]
MID_YEAR_DEPT, MID_YEAR_TO = "信息中心", "赵敏"


class DemoSummary(NamedTuple):
    root: Path
    lines: tuple[str, ...]


def _people(rng: random.Random, taken: set[str], count: int) -> list[str]:
    names = []
    while len(names) < count:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def demo_year(today: dt.date) -> int:
    """This year once a quarter of it has passed; before April, last year, so
    the example always shows a real stretch of records and deadlines."""
    return today.year if today >= dt.date(today.year, 4, 1) else today.year - 1


TITLES = {"王建国": "党委书记、局长", "刘红梅": "党委委员、纪委书记", "张伟": "党委委员、副局长",
          "陈静": "党委委员、副局长", "李强": "党委委员、副局长", "赵敏": "党委委员、副局长",
          "孙立军": "党委委员、工会主席"}
PROMOTED_FROM, PROMOTED_OVERSEES = "基建科", "采购中心"  # its head joins the 班子 on 08-01


def head_title(dept: str) -> str:
    """科长 of a 科, 主任 of an office or a centre, as units title them."""
    return f"{dept}科长" if dept.endswith("科") else f"{dept}主任"


def build_demo(root: Path, preset: str = "city", year: int | None = None) -> DemoSummary:
    """Two years of a unit: last year complete (its own catalog kept as it
    was), this year up to today — so the report on last year and this year's
    January records sit side by side, as they do in a real office."""
    from zerenqingdan.newunit import start_year

    from zerenqingdan.policy.catalog import load_preset

    year = year or demo_year(dates.today())
    first = year - 1
    regime = load_preset(preset)
    workspace = init_workspace(
        root,
        UnitSettings(
            name="某市示范局",
            code=f"DEMO-{preset}",
            year=first,
            preset=preset,
            superior=regime.demo_superior or "中共某市委",
            superior_discipline=regime.demo_superior_discipline or "中共某市纪委",
        ),
    )
    rng = random.Random(year)
    with locked(workspace.lock_path):
        editor = OrgEditor(workspace)
        depts = {name: editor.add_department(name, flags) for name, flags, _ in DEPARTMENTS}
        body = regime.party_body  # 党委委员 in a 党委, 党组成员 in a 党组
        titles = {name: t.replace("党委委员", "党组成员" if body == "党组" else f"{body}委员").replace("党委", body)
                  for name, t in TITLES.items()}
        if regime.discipline_stationed:
            titles["刘红梅"] = "驻局纪检组组长"
        secretary = editor.add_member(MemberDraft("王建国", "secretary", title=titles["王建国"]))
        discipline = editor.add_member(MemberDraft("刘红梅", "discipline", title=titles["刘红梅"]))
        leaders = {name: editor.add_member(MemberDraft(name, "leader", title=titles[name])) for name in LEADERS}
        overseer = {"secretary": secretary, "discipline": discipline, **leaders}
        start = dt.date(first, 1, 1)
        for name, _, key in DEPARTMENTS:
            editor.assign(overseer[key], [depts[name]], start)
        mid_year = dt.date(year, 7, 1)
        editor.assign(leaders[MID_YEAR_TO], [depts[MID_YEAR_DEPT]], mid_year)

        taken = {secretary.name, discipline.name, *LEADERS}
        staff: dict[str, list] = {}
        heads = {}
        for index, (name, _, _) in enumerate(DEPARTMENTS):
            dept = depts[name]
            head_name, *staff_names = _people(rng, taken, 6 if index % 3 else 7)
            heads[name] = editor.add_member(MemberDraft(head_name, "head", dept.id, title=head_title(name)))
            staff[name] = [editor.add_member(MemberDraft(n, "staff", dept.id)) for n in staff_names]
        # names repeat in real units: a second 张伟, in 财务科
        editor.add_member(MemberDraft("张伟", "staff", depts["财务科"].id))
        # names are free text
        editor.add_member(MemberDraft("阿依古丽·买买提", "staff", depts["信息中心"].id))
        # one leaves in March, one joins in July
        editor.add_member(MemberDraft("周晓梅", "staff", depts["办公室"].id, until=dt.date(year, 3, 31)))
        editor.add_member(MemberDraft("吴志远", "staff", depts["宣传教育科"].id, since=dt.date(year, 7, 1)))
        # a promotion: the head of 基建科 joins the 班子 in August, one of its staff succeeds
        promotion = dt.date(year, 8, 1)
        promoted = heads[PROMOTED_FROM]
        editor.move(promoted, promotion, role="leader", title=titles["张伟"])
        editor.move(staff[PROMOTED_FROM][0], promotion, role="head", title=head_title(PROMOTED_FROM))
        editor.assign(editor.org.member(promoted.id, promotion), [depts[PROMOTED_OVERSEES]], promotion)
        editor.save()
    start_year(workspace, year)  # first, so that last year's January reports find their ledger
    first_lines = add_demo_ledger(workspace, dates.today(), rng, first, void_one=False)
    org = workspace.load_org()
    ledger_lines = add_demo_ledger(workspace, dates.today(), rng, year)
    plan_lines = _plan_and_progress(workspace)
    document_lines = add_demo_documents(workspace)
    lines = (
        f"单位：{org.unit.name}（{year} 年度，预设 {org.unit.preset}，{org.unit.party_body}/{org.unit.discipline_body}）",
        f"组织架构：人员 {len(org.persons)} 名，科室 {len(org.departments)} 个；"
        f"年中调整：{MID_YEAR_DEPT} 自 {year}年7月1日起由 {MID_YEAR_TO} 分管；"
        f"{promoted.name} 自 {year}年8月1日起由{PROMOTED_FROM}负责人提任班子成员",
        f"上一年度：{first} 年台账 " + first_lines[0].removeprefix("台账：") + f"（zr report --year {first}）",
        plan_lines[0],
        *ledger_lines,
        plan_lines[1],
        *document_lines,
    )
    return DemoSummary(workspace.root, lines)


# ---------------------------------------------------------------------------
# a year of records


def _window(org, slot, today, *people):
    """The days of the slot, up to today, when the holder held the post the
    duty is owed in and every other person was in the unit (any post)."""
    lo, hi = slot.start, min(slot.due if slot.due >= slot.start else slot.end, today)
    for index, person in enumerate(people):
        if index == 0:
            since, until = person.since, person.until
        else:
            posts = org.posts_of(person.id)
            since = None if any(p.since is None for p in posts) else min(p.since for p in posts)
            until = None if any(p.until is None for p in posts) else max(p.until for p in posts)
        if since:
            lo = max(lo, since)
        if until:
            hi = min(hi, until)
    return (lo, hi) if lo <= hi else None


def _day(rng: random.Random, window) -> dt.date:
    lo, hi = window
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def demo_entries(org, catalog, today: dt.date, rng: random.Random):
    """Most quotas met, some behind, a few overdue — as a real office's year
    looks; the events that trigger duties (appointments, meetings) mostly
    followed up in time, one left open."""
    from zerenqingdan.ledger.store import Entry
    from zerenqingdan.plan import build_plan

    plan = build_plan(org, catalog)
    entries: list[Entry] = []
    year_end = min(today, org.unit.end)

    def add(day, duty, holder, with_=(), departments=(), topic="", kind=None, type_=None):
        recorded = dt.datetime.combine(day, dt.time(17, 30)).astimezone()
        entries.append(Entry("", day, kind or duty.event, type_ or duty.type, (holder.id,), tuple(with_),
                             tuple(departments),
                             topic or (duty.title_for(org.unit.party_body, org.unit.discipline_body) if duty else ""),
                             recorded_at=recorded.replace(microsecond=0)))

    for o in plan.obligations:
        duty, slot = o.duty, o.slot
        holder = org.member(o.holder, min(slot.due, org.unit.end))  # the post the duty is owed in
        if duty.as_needed or slot.start > today:
            continue
        if duty.unit_defined and duty.count is None:  # the unit keeps its own rhythm
            for _ in range(rng.choice((0, 1, 1, 2))):
                window = _window(org, slot, year_end, holder)
                if window:
                    day = _day(rng, window)
                    add(day, duty, holder, with_=_someone(org, holder, day, rng) if duty.event == "talk" else ())
            continue
        finished = slot.due < today
        roll = rng.random()
        share = (1.0 if roll < 0.82 else 0.6 if roll < 0.94 else 0.0) if finished else rng.choice((0.3, 0.5, 0.8))
        if o.target_kind in (None, "recipient"):  # a report sent 分别 names no recipient: it went to each
            for _ in range(round((duty.count or 1) * (share if share in (0.0, 1.0) else 1.0))):
                window = _window(org, slot, today, holder)
                if window:
                    day = _day(rng, window)
                    add(day, duty, holder, with_=_someone(org, holder, day, rng) if duty.event == "talk" else ())
            continue
        targets = list(o.targets)
        keep = targets[: round(len(targets) * share)]
        for target in keep:
            if o.target_kind == "department":
                window = _window(org, slot, today, holder)
                if window:
                    add(_day(rng, window), duty, holder, departments=(target,))
            else:
                person = org.member(target)
                window = _window(org, slot, today, holder, person)
                if window:
                    add(_day(rng, window), duty, holder, with_=(target,))
    _appointments(org, catalog, year_end, entries, add)
    _follow_triggers(org, catalog, today, entries, add, rng)
    # and one report handed in late: recorded after its deadline, it counts, marked late
    late = next((o for o in plan.obligations if o.duty.holder == "head" and o.duty.event == "report"
                 and o.duty.count and o.target_kind is None and not o.duty.unit_defined), None)
    if late is not None:
        late_day = late.slot.due + dt.timedelta(days=10)
        holder = org.member(late.holder, min(late.slot.due, org.unit.end))
        if late_day <= today and org.in_post(holder, late_day):
            entries[:] = [e for e in entries if not (e.kind == "report" and e.type == late.duty.type
                                                     and e.by == (holder.id,) and late.slot.start <= e.date <= late.slot.end)]
            add(late_day, late.duty, holder, topic="履行主体责任情况报告（逾期补交）")
    entries.sort(key=lambda e: e.date)
    return entries


def _someone(org, holder, day, rng) -> tuple[str, ...]:
    """Whom a talk with no fixed scope was held with: someone in the holder's
    care (a head of an overseen department, or of any department)."""
    heads = [m.id for d in org.overseen_by(holder.id, day) for m in org.heads_of(d, day)]
    heads = heads or [m.id for m in org.members if m.role == "head" and org.in_post(m, day) and m.id != holder.id]
    return (rng.choice(heads),) if heads else ()


def _appointments(org, catalog, today, entries, add) -> None:
    """Two appointments of heads during the year, where the regime tracks them."""
    kinds = catalog.types.get("appointment", ())
    if not kinds or not any(d.trigger and d.trigger.event == "appointment" for d in catalog.duties):
        return
    secretary = org.with_role("secretary", today)[0]
    heads = [m for m in org.members if m.role == "head" and org.in_post(m, today)]
    for index, head in enumerate(heads[:2]):
        day = min(today, org.unit.start + dt.timedelta(days=100 + 60 * index))
        add(day, None, secretary, with_=(head.id,), topic=f"研究决定任用{head.name}", kind="appointment",
            type_=kinds[0])


def _follow_triggers(org, catalog, today, entries, add, rng) -> None:
    """For each record that triggers a duty, the follow-up a diligent office
    records (before it, or within its time limit) — all but the last one."""
    from zerenqingdan.ledger.progress import trigger_holders
    from zerenqingdan.plan import holders_of

    triggered = [d for d in catalog.duties if d.trigger is not None]
    if not triggered:
        return
    pending = []
    for entry in list(entries):
        for duty in triggered:
            t = duty.trigger
            if entry.kind != t.event or (t.type is not None and entry.type != t.type):
                continue
            pending.append((entry, duty))
    # the one an office forgot, for zr status and zr due to show: the last with a time limit now past
    timed = [i for i, (e, d) in enumerate(pending)
             if d.trigger.within_days is not None and not d.trigger.before
             and e.date + dt.timedelta(days=d.trigger.within_days) < today]
    forgotten = timed[-1] if timed else (len(pending) - 1 if len(pending) > 2 else None)
    for index, (entry, duty) in enumerate(pending):
        if index == forgotten:
            continue
        t = duty.trigger
        if t.before:
            day = entry.date - dt.timedelta(days=min(3, t.within_days or 3))
        else:
            span = t.within_days if t.within_days is not None else 20
            day = entry.date + dt.timedelta(days=rng.randint(1, max(1, span)))
        if day > today or day.year != entry.date.year:
            continue
        people = [org.member(p, entry.date) for p in trigger_holders(org, duty, entry, holders_of)]
        if duty.event == "opinion" and duty.holder == "party":  # the discipline body writes the opinion
            people = org.with_role("discipline", entry.date) or people
        if not people:
            continue
        with_ = entry.with_  # the follow-up concerns the same people (the cadre appointed)
        if duty.event == "talk" and not with_:
            with_ = _someone(org, people[0], day, rng)
        add(day, duty, people[0], with_=tuple(p for p in with_ if p != people[0]),
            departments=entry.departments if duty.holder == "head" else ())


def add_demo_ledger(workspace, today: dt.date, rng: random.Random, year: int, void_one: bool = True) -> list[str]:
    """The year's records, each into its own date's ledger (a report on the
    year handed in next January goes into next year's)."""
    from zerenqingdan.ledger.record import append_entries, void_entry

    org = workspace.load_org().for_year(year)
    catalog = workspace.load_catalog(org, year)
    entries = [e for e in demo_entries(org, catalog, today, rng) if e.date <= today]
    if not entries:
        return ["台账：年度尚未开始，没有记录"]
    later = [e for e in entries if e.date.year > year]
    entries = [e for e in entries if e.date.year == year]
    if later and workspace.ledger_path(year + 1).is_file():
        append_entries(workspace, later, year + 1)
    if not void_one:
        written = append_entries(workspace, entries, year)
        return [f"台账：{len(written)} 条记录"]
    # one record typed with the wrong person, voided, then recorded again
    wrong = next(e for e in entries if e.kind == "talk" and e.with_)
    mistaken = wrong._replace(note="重复录入")
    written = append_entries(workspace, [*entries, mistaken], year)
    void_entry(workspace, year, written[-1].id, "重复录入，与前一条为同一次谈话")
    return [f"台账：{len(written)} 条记录（其中 1 条已作废）"]


def _plan_and_progress(workspace) -> list[str]:
    from zerenqingdan.plan import build_plan
    from zerenqingdan.ledger.progress import measure_plan

    org = workspace.load_org()
    plan = build_plan(org, workspace.load_catalog(org))
    rows = measure_plan(plan, workspace.entries_until(org.unit.year, org.default_day()), org.default_day())
    overdue = sum(1 for r in rows if r.state == "overdue")
    return [
        f"年度清单：{len(plan.holders())} 名责任人、{len(plan.obligations)} 项分期任务（zr plan）",
        f"进度：已完成 {sum(1 for r in rows if r.state == 'done')} 项，逾期 {overdue} 项（zr status、zr due）",
    ]


def add_demo_documents(workspace) -> list[str]:
    """The full set of letters and pledges, into out/."""
    from zerenqingdan.documents.letters import (ordered, pledge_people, pledges_for, responsibility_letters,
                                      write_combined, write_letters, write_pledges)
    from zerenqingdan.plan import build_plan

    org = workspace.load_org()
    plan = build_plan(org, workspace.load_catalog(org))
    letters = write_letters(plan, responsibility_letters(plan), workspace.out_dir, workspace.templates_dir)
    pledges = pledges_for(plan, ordered(pledge_people(plan, None)), None)
    files = write_pledges(plan, pledges, workspace.out_dir / "承诺书", workspace.templates_dir)
    write_combined(plan, pledges, workspace.out_dir / f"{org.unit.year}_承诺书_合订.docx", workspace.templates_dir)
    from zerenqingdan.documents.report import gather, write_report

    year = org.unit.year
    today = min(dates.today(), org.unit.end)
    report = workspace.out_dir / f"{year}_履行党风廉政建设主体责任情况的报告.docx"
    ledger = workspace.load_ledger(year)
    write_report(gather(plan, ledger, today, workspace.entries_until(year, today, ledger)), report,
                 workspace.templates_dir)
    return [
        f"文书：责任书 {len(letters)} 份、承诺书 {len(files)} 份（另有合订本），在 out/ 中",
        f"年度报告：out/{report.name}",
    ]
