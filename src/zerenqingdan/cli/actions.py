"""The everyday commands' bodies, importable without Typer.

``zr log``, ``zr status``, ``zr due`` and ``zr check`` run many times a day;
their bodies live here so that the fast path (``cli/fast.py``) can call them
without loading Typer, and the Typer commands call the very same functions.
Each takes the ``--dir`` value and returns an exit code.
"""

from __future__ import annotations

import datetime as dt

from zerenqingdan import dates
from zerenqingdan.cli import output, plain
from zerenqingdan.workspace import find_workspace

LOG_COMMANDS = {  # subcommand → (ledger kind, help)
    "talk": ("talk", "记录一次谈话（廉政谈话、谈心谈话、约谈、任前谈话、诫勉谈话）。"),
    "lecture": ("lecture", "记录一次廉政党课或专题辅导。"),
    "hearing": ("hearing", "记录一次听取汇报（用 --dept 写明听取哪些科室）。"),
    "meeting": ("meeting", "记录一次会议（专题会议、形势分析会、中心组学习、民主生活会等）。"),
    "report": ("report", "记录一份报告（工作计划、年度报告、述责述廉、季报等）。"),
    "sign": ("signing", "记录一次签订（责任书、承诺书）。"),
    "inspect": ("inspection", "记录一次监督检查或调研。"),
    "opinion": ("opinion", "记录一份廉政意见（干部选拔任用前）。"),
    "appoint": ("appointment", "记录一次干部任用或评先评优（用 --with 写明任用的人；会触发任前谈话、事先廉政意见等事项）。"),
    "other": ("other", "记录其他事项。"),
}

# option → (parameter, takes a value, may repeat): the fast path's parser and
# the Typer commands declare the same options (a test keeps them equal)
LOG_OPTIONS = {
    "--type": ("type_", True, False),
    "--by": ("by", True, True),
    "--with": ("with_", True, True),
    "--dept": ("dept", True, True),
    "--date": ("date", True, False),
    "--topic": ("topic", True, False),
    "--note": ("note", True, False),
    "--evidence": ("evidence", True, True),
    "--to": ("to", True, True),
    "--for-year": ("for_year", True, False),
}
STATUS_OPTIONS = {
    "--docx": ("docx", True, False),
    "--member": ("member", True, False),
    "--as-of": ("as_of", True, False),
    "--year": ("year", True, False),
    "--json": ("json", False, False),
}
DUE_OPTIONS = {
    "--docx": ("docx", True, False),
    "--within": ("within", True, False),
    "--as-of": ("as_of", True, False),
    "--year": ("year", True, False),
    "--json": ("json", False, False),
}
CHECK_OPTIONS: dict = {}


def log_event(directory: str | None, kind: str, type_=None, by=None, with_=None, dept=None, date=None,
              topic="", note="", evidence=(), to=None, for_year=None) -> int:
    from zerenqingdan.cli.describe import entry_line
    from zerenqingdan.plan import build_plan
    from zerenqingdan.dates import period_name
    from zerenqingdan.ledger.progress import counts_toward, why_not_counted
    from zerenqingdan.ledger.record import EventInput, append_entry, build_entry

    ws = find_workspace(directory)
    org = ws.load_org()
    catalog = ws.load_catalog(org)
    by, with_, dept = _joined(by), _joined(with_), _joined(dept)
    from zerenqingdan.cli import ask

    if ask.interactive():  # ask for what is missing rather than fail
        from zerenqingdan.cli.prompts import complete_event

        type_, by, with_, dept = complete_event(ws, org, catalog, kind, type_, by, with_, dept, date)
    event = EventInput(kind, type_, by, with_, dept, date, topic or "", note or "", tuple(evidence or ()),
                       _joined(to), for_year)
    draft = build_entry(org, catalog, event, ws)
    # everything that can fail is done before the write: after it, only printing
    year = draft.date.year
    if year != org.unit.year:
        org, catalog = org.for_year(year), ws.load_catalog(org, year)
    plan = build_plan(org, catalog, only=set(draft.people()))
    hits = [(o, "") for o, _ in counts_toward(plan, draft)]
    hits += [(o, "") for o in _triggered_hits(ws, plan, draft)]
    hits += _last_years_hits(ws, org, draft)
    lines = []
    for obligation, which in hits:
        title = obligation.duty.title_for(org.unit.party_body, org.unit.discipline_body)
        late = "（逾期补记）" if draft.date > obligation.slot.due else ""
        period = period_name(obligation.slot.label)
        if obligation.trigger is not None:
            period = f"{obligation.trigger.date.month}月{obligation.trigger.date.day}日{obligation.trigger.type or ''}"
        lines.append(f"  计入：{org.label(obligation.holder, draft.date)}「{title}」{period}{which}{late}")
    _owed_by_someone(org, catalog, draft)
    for duty in catalog.duties:  # what this record sets in motion
        t = duty.trigger
        if t is not None and t.event == draft.kind and t.type in (None, draft.type):
            lines.append(f"  触发：「{duty.title_for(org.unit.party_body, org.unit.discipline_body)}」"
                         f"（{t.describe()}完成）")
    twin = _duplicate_of(ws, draft, year)
    twin_warning = f"看起来与已有的 {twin.id} 重复（同一天、同一类型、同样的人、科室和主题）" if twin else ""
    if twin is not None and ask.interactive():  # a person can be asked before anything is written
        output.warn(twin_warning)
        if not ask.confirm("仍要再记一条吗？", default=False):
            output.say("没有记录")
            return 1
        twin_warning = ""
    from zerenqingdan.ledger.backfill import backfill_note

    dues = [o.slot.due for o, _ in hits if draft.date <= o.slot.due]
    typed_late = backfill_note(draft, None, min(dues) if dues else None)
    if typed_late:
        lines.append(f"  {typed_late}：状态、报告附件和 Excel 台账中都会标明")
    if not any(l.startswith("  计入") for l in lines):
        why = why_not_counted(plan, draft)
        lines.insert(0, "  （未计入任何清单事项：" + "；".join(why) + "）")
    entry = append_entry(ws, draft, year)
    output.say(f"已记录 {entry.id}：{entry_line(org, entry)}")
    output.say("\n".join(lines))
    if twin is not None:
        if twin_warning:  # a script is told once the record is safely written (a failed write says only why)
            output.warn(twin_warning)
        output.say(f"  如确系重复，请作废其中一条：zr log void {entry.id} --reason 重复记录")
    return 0


def _owed_by_someone(org, catalog, draft) -> None:
    """A record that triggers a department head's follow-up (004 七(四): each
    科室's 组织生活会 reported within a week) must say whose department it is:
    a trigger that owes nothing would be silently lost."""
    from zerenqingdan.errors import InputError
    from zerenqingdan.ledger.progress import trigger_departments

    for duty in catalog.duties:
        t = duty.trigger
        if t is None or duty.holder != "head" or t.event != draft.kind or t.type not in (None, draft.type):
            continue
        if trigger_departments(org, draft):
            continue
        names = "、".join(d.name for d in org.departments)
        raise InputError(f"这次{draft.type or t.event}是哪个科室的？请用 --dept 写明（该科室负责人要"
                         f"“{duty.title_for(org.unit.party_body, org.unit.discipline_body)}”）",
                         [f"可选：{names}"] if names else [])


def _duplicate_of(ws, draft, year: int):
    """A valid record of the same kind, type, people, departments, date and topic."""
    key = (draft.kind, draft.type, draft.date, frozenset(draft.by), frozenset(draft.with_),
           frozenset(draft.departments))
    from zerenqingdan.ledger.store import entries_on

    for entry in entries_on(ws.ledger_path(year), draft.date):
        if entry.topic != draft.topic:
            continue  # two meetings on one day, on different subjects
        if entry.date == draft.date and (entry.kind, entry.type, entry.date, frozenset(entry.by),
                                         frozenset(entry.with_), frozenset(entry.departments)) == key:
            return entry
    return None


def _triggered_hits(ws, plan, draft) -> list:
    """The triggered obligations (minutes after a meeting…) the new record
    fulfils, on time or late: measured with it, exactly as zr status will.
    The year's ledger is read only when the catalog has such a duty for it."""
    from zerenqingdan.ledger.progress import measure_plan

    if not any(d.trigger is not None and d.event == draft.kind and d.type in (None, draft.type)
               for d in plan.catalog.duties):
        return []
    entries = ws.load_ledger(plan.org.unit.year).valid()
    mine = draft._replace(id="（新记录）")
    rows = measure_plan(plan._replace(obligations=()), [*entries, mine], draft.date)
    return [r.obligation for r in rows if mine.id in r.records]


def _last_years_hits(ws, org, draft) -> list:
    """A record early in the year may be last year's report (due in January)."""
    from zerenqingdan.errors import ConfigError
    from zerenqingdan.ledger.progress import counts_toward
    from zerenqingdan.plan import build_plan

    last = draft.date.year - 1
    if not (ws.ledger_path(last).is_file() or ws.frozen_catalog_path(last).is_file()):
        return []
    try:
        old = org.for_year(last)
        catalog = ws.load_catalog(old, last)
    except ConfigError:
        return []
    if not any(d.due_next_year for d in catalog.duties):
        return []
    plan = build_plan(old, catalog, only=set(draft.people()))
    return [(o, f"（{last} 年度）") for o, _ in counts_toward(plan, draft) if o.slot.end > old.unit.end]


def _joined(values) -> str:
    """Repeated options (--with A --with B) and comma lists alike, in order."""
    if values is None:
        return ""
    if isinstance(values, str):
        return values
    return ",".join(v for v in values if v is not None)


def year_option(text, org, ws=None) -> int:
    """``--year``: a four-digit year; default the working year in zr.toml.
    With the workspace, a year before its first ledger or past the next one
    is refused (a typo, not a year the unit has)."""
    if text is None or text == "":
        return org.unit.year
    year = dates.parse_year(text)
    if ws is not None:
        ws.check_year(year, org.unit.year)
    return year


def load_year(directory: str | None, as_of: str | None, year=None):
    """Workspace, plan, ledger and as-of day of one year (default the working
    year): what status, due and report share."""
    from zerenqingdan.cli.common import day_option
    from zerenqingdan.plan import build_plan

    ws = find_workspace(directory)
    org = ws.load_org()
    chosen = year_option(year, org, ws)
    org = org.for_year(chosen)
    catalog = ws.load_catalog(org, chosen)
    ledger = ws.load_ledger(chosen)
    plan = build_plan(org, catalog)
    day = day_option(as_of, org, "--as-of")
    if not as_of and dates.today() > org.unit.end:  # the year is over, its reports are still coming in
        latest = max((o.slot.due for o in plan.obligations), default=org.unit.end)
        day = min(dates.today(), max(latest, org.unit.end))
    if ledger.unreadable:
        output.warn(f"台账中有 {ledger.unreadable} 条记录无法读取，未计入；运行 zr check 查看")
    elif ledger.problems:
        output.warn(f"台账中有 {len(ledger.problems)} 处问题；运行 zr check 查看")
    return ws, plan, ledger, day


def _progress(directory: str | None, as_of: str | None, year=None):
    from zerenqingdan.ledger.progress import measure_plan

    ws, plan, ledger, day = load_year(directory, as_of, year)
    return plan.org, plan, measure_plan(plan, ws.entries_until(plan.org.unit.year, day, ledger), day), day


def _names(org, obligation, ids) -> list[str]:
    from zerenqingdan.ledger.progress import target_labels

    return target_labels(org, obligation, ids)


def show_status(directory: str | None, member=None, as_of=None, json=False, year=None, docx=None) -> int:
    from zerenqingdan.org.names import resolve_member
    from zerenqingdan.ledger.figures import summary_json
    from zerenqingdan.ledger.progress import progress_json, summarise

    org, plan, rows, day = _progress(directory, as_of, year)
    carried = []
    if year in (None, ""):  # last year's open items, until its report is filed
        from zerenqingdan.ledger.backlog import backlog

        found = backlog(find_workspace(directory), org, day)
        carried = [(r, found.org) for r in found.rows] if found else []
    if member:
        pid = resolve_member(org, member, day).id
        rows = [r for r in rows if r.obligation.holder == pid]
        carried = [(r, o) for r, o in carried if r.obligation.holder == pid]
    summary = summarise(rows)
    if docx:
        from pathlib import Path

        from zerenqingdan.documents.progress_sheets import status_context, write_status_sheet

        ws = find_workspace(directory)
        done = write_status_sheet(status_context(org, rows, summary, day), Path(docx), ws.templates_dir)
        output.written(done, "✓ 已生成进度表")
        output.say(f"  共 {len(summary)} 人，每人一页；统计截至 {day.isoformat()}")
        return 0
    if json:
        output.emit_json(
            {
                "as_of": day.isoformat(),
                "summary": summary_json(rows, org, day),
                "rows": [progress_json(r, org) for r in rows],
                "carried_over": [progress_json(r, o) for r, o in carried],
            }
        )
        return 0
    lines = [f"{org.unit.name} {org.unit.year} 年度完成情况（截至 {day.isoformat()}）"]
    table = [["人员", "角色", "完成率", "逾期", "即将到期"]]
    for s in summary:
        m = org.member(s.member, day)
        table.append([org.label(m.id, day), org.role_label(m), f"{s.percent}%", str(s.overdue), str(s.due_soon)])
    lines += plain.table(table)
    for holder, group in _by_holder(rows, [s.member for s in summary]):
        m = org.member(holder, day)
        lines.append("")
        lines.append(plain.bold(f"【{org.role_label(m)}】{org.label(m.id, day)}（{m.id}）"))
        lines += [status_line(org, r) for r in group]
    if carried:
        last = carried[0][1]
        lines += ["", plain.bold(f"【{last.unit.year} 年度尚未完成的事项】（{len(carried)} 项，"
                                 f"完成或报送 {last.unit.year} 年度报告后不再列出）")]
        for holder, group in _by_holder([r for r, _ in carried], list(dict.fromkeys(r.obligation.holder for r, _ in carried))):
            lines.append(f"  {last.label(holder, last.unit.end)}（{last.unit.year} 年度）")
            lines += ["  " + status_line(last, r) for r in group]
    output.say("\n".join(lines))
    return 0


def _by_holder(rows, order: list[str]):
    """The rows of each person together, people in the summary's order."""
    groups: dict[str, list] = {}
    for r in rows:
        groups.setdefault(r.obligation.holder, []).append(r)
    rank = {h: i for i, h in enumerate(order)}
    return sorted(groups.items(), key=lambda kv: rank.get(kv[0], len(rank)))


def status_line(org, r) -> str:
    """One duty's period as a line of ``zr status``."""
    from zerenqingdan.dates import period_name
    from zerenqingdan.ledger.progress import STATES, notice

    o = r.obligation
    title = o.duty.title_for(org.unit.party_body, org.unit.discipline_body)
    if o.trigger is not None and r.state != "done":
        return "  " + plain.state(f"{notice(r, org)}〔{STATES[r.state]}〕", r.state)
    period = period_name(o.slot.label)
    if r.state in ("as_needed", "unit_defined") or o.duty.unit_defined:
        count = f"已记 {r.done} 次"
        text = f"  {title} {period} {count} " + plain.state(f"〔{STATES['unit_defined' if o.duty.unit_defined else r.state]}〕", r.state)
    else:
        count = f"{r.done}/{r.required}"
        text = f"  {title} {period} {count} "
        next_year = "次年" if o.slot.due.year > org.unit.year else ""
        text += plain.state(f"〔{STATES[r.state]}，{next_year}{o.slot.due.month}月{o.slot.due.day}日前〕", r.state)
    if r.missing:
        names = _names(org, o, r.missing)
        text += " — 未覆盖：" + "、".join(names[:12]) + (f" 等 {len(names)} 个" if len(names) > 12 else "")
    if r.late:
        text += plain.state(f"（逾期补记：{'、'.join(r.late)}）", "due_soon")
    typed_late = [i for i in r.backfilled if i not in r.late]
    if typed_late:
        text += plain.state(f"（补记：{'、'.join(typed_late)}，事后录入）", "due_soon")
    return text


def show_due(directory: str | None, within=14, as_of=None, json=False, year=None, docx=None) -> int:
    from zerenqingdan.dates import period_name
    from zerenqingdan.errors import InputError
    from zerenqingdan.ledger.progress import notice, progress_json

    try:
        within = int(within)
    except (TypeError, ValueError):
        raise InputError(f"--within 应为天数（整数），现在是“{within}”") from None
    if not 0 <= within <= 366:
        raise InputError(f"--within 应在 0 到 366 天之间，现在是 {within}")
    org, plan, rows, day = _progress(directory, as_of, year)
    horizon = day + dt.timedelta(days=within)
    measured = ("done", "as_needed", "unit_defined", "open")
    pending = [(r, org) for r in rows if r.state not in measured and r.obligation.slot.due <= horizon]
    if year in (None, ""):  # last year's reports and late triggers, still coming due this year
        pending += _carried_over(directory, org, day, horizon, measured)
    pending.sort(key=lambda ro: (ro[0].obligation.slot.due, ro[0].obligation.holder))
    open_ = [r for r in rows if r.state == "open"]
    if docx:
        from pathlib import Path

        from zerenqingdan.documents.progress_sheets import due_context, write_due_list

        ws = find_workspace(directory)
        done = write_due_list(due_context(org, pending, open_, day, within), Path(docx), ws.templates_dir)
        output.written(done, "✓ 已生成逾期和即将到期事项清单")
        return 0
    if json:
        output.emit_json({"as_of": day.isoformat(), "within": within,
                          "rows": [progress_json(r, o) for r, o in pending],
                          "open": [progress_json(r, org) for r in open_]})
        return 0
    if not pending and not open_:
        output.say(f"截至 {day.isoformat()}，{within} 天内没有到期或逾期的事项。")
        return 0
    overdue = [ro for ro in pending if ro[0].state == "overdue"]
    soon = [ro for ro in pending if ro[0].state != "overdue"]
    lines = []
    for title, group in (("已逾期", overdue), (f"{within} 天内到期", soon)):
        if not group:
            continue
        lines.append(f"{title}（{len(group)} 项）：")
        for r, org_ in group:
            o = r.obligation
            m = org_.member(o.holder, o.slot.due)
            days = (o.slot.due - day).days
            when = f"逾期 {-days} 天" if days < 0 else ("今天到期" if days == 0 else f"还有 {days} 天")
            title_text = o.duty.title_for(org_.unit.party_body, org_.unit.discipline_body)
            if o.trigger is not None:
                lines.append(f"  {o.slot.due.isoformat()} {when}  {notice(r, org_)}")
                continue
            year_note = f"{org_.unit.year} 年度" if org_.unit.year != org.unit.year else ""
            period = period_name(o.slot.label)
            text = (f"  {o.slot.due.isoformat()} {when}  {org_.label(m.id, o.slot.due)}：{title_text}"
                    f"（{year_note}{period}）{r.done}/{r.required}")
            if r.missing:
                names = _names(org_, o, r.missing)
                text += f" — 未覆盖：{'、'.join(names[:8])}" + (" 等" if len(names) > 8 else "")
            lines.append(text)
    if open_:
        lines.append(f"待完成（文件未定期限，{len(open_)} 项）：")
        lines += [f"  {notice(r, org)}" for r in open_]
    output.say("\n".join(lines))
    return 0


def _carried_over(directory, org, day, horizon, measured) -> list:
    """Last year's obligations still open in this year (see ledger.backlog):
    all of them until the report on that year is filed, then only those
    falling due in this year; each with that year's chart."""
    from zerenqingdan.ledger.backlog import backlog

    found = backlog(find_workspace(directory), org, day)
    if found is None:
        return []
    return [(r, found.org) for r in found.rows if r.obligation.slot.due <= horizon]


def check_all(directory: str | None) -> int:
    from zerenqingdan.check import check_workspace

    findings = check_workspace(find_workspace(directory))
    if findings:
        output.say("\n".join(findings))
        output.error(f"发现 {len(findings)} 处问题")
        return 1
    return 0
