"""进度：对照清单，查看每人每项完成了多少、还差谁、是否逾期。"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import day_option, workspace

COLOURS = {"done": "green", "on_track": "", "due_soon": "yellow", "overdue": "red bold", "as_needed": "dim"}


def _progress(ctx: typer.Context, as_of: str | None):
    from zerenqingdan.plan import build_plan
    from zerenqingdan.progress import measure_plan

    ws = workspace(ctx)
    org = ws.load_org()
    catalog = ws.load_catalog(org)
    ledger = ws.load_ledger(org.unit.year)
    day = day_option(as_of, org, "--as-of")
    plan = build_plan(org, catalog)
    if ledger.problems:
        output.warn(f"台账中有 {len(ledger.problems)} 条记录无法读取，未计入；运行 zr check 查看")
    return org, plan, measure_plan(plan, ledger.valid(), day), day


def status(
    ctx: typer.Context,
    member: Annotated[Optional[str], typer.Option("--member", help="只看此人（姓名或编号）。", show_default=False)] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="以哪一天为准（默认今天）。", show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """进度：先列每人完成率和逾期项数，再列每项的要求数、完成数和未覆盖的人。"""
    from zerenqingdan.names import resolve_member
    from zerenqingdan.progress import STATES, progress_json, summarise

    org, plan, rows, day = _progress(ctx, as_of)
    if member:
        pid = resolve_member(org, member).id
        rows = [r for r in rows if r.obligation.holder == pid]
    summary = summarise(rows)
    if json:
        output.emit_json(
            {
                "as_of": day.isoformat(),
                "summary": [
                    {"holder": s.member, "name": org.member(s.member).name, "required": s.required,
                     "done": s.done, "percent": s.percent, "overdue": s.overdue, "due_soon": s.due_soon}
                    for s in summary
                ],
                "rows": [progress_json(r, org) for r in rows],
            }
        )
        return
    from rich.table import Table
    from rich.text import Text

    console = output.console()
    table = Table(title=f"{org.unit.name} {org.unit.year} 年度完成情况（截至 {day.isoformat()}）")
    for title in ("人员", "角色", "完成率", "逾期", "即将到期"):
        table.add_column(title)
    for s in summary:
        m = org.member(s.member)
        table.add_row(
            Text(m.name), org.role_label(m), f"{s.percent}%",
            Text(str(s.overdue), style="red bold" if s.overdue else ""), str(s.due_soon),
        )
    console.print(table)
    current = None
    for r in rows:
        o = r.obligation
        if o.holder != current:
            current = o.holder
            m = org.member(current)
            console.print(Text(f"\n【{org.role_label(m)}】{m.name}（{m.id}）", style="bold"))
        title = o.duty.title_for(org.unit.party_body, org.unit.discipline_body)
        count = f"{r.done}/{r.required}" if r.state != "as_needed" else f"已记 {r.done} 次"
        line = Text(f"  {title} {o.slot.label} {count} ")
        line.append(f"〔{STATES[r.state]}，{o.slot.due.month}月{o.slot.due.day}日前〕", style=COLOURS[r.state])
        if r.missing:
            names = [org.department(t).name if o.target_kind == "department" else org.member(t).name for t in r.missing]
            shown = "、".join(names[:12]) + (f" 等 {len(names)} 个" if len(names) > 12 else "")
            line.append(f" — 未覆盖：{shown}")
        if r.late:
            line.append(f"（逾期补记：{'、'.join(r.late)}）", style="yellow")
        console.print(line, soft_wrap=True)


def due(
    ctx: typer.Context,
    within: Annotated[int, typer.Option("--within", help="列出多少天内到期的事项。", min=0, max=366)] = 14,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="以哪一天为准（默认今天）。", show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """提醒：已逾期和即将到期的事项，最紧急的在前（适合每周一运行）。"""
    import datetime as dt

    from zerenqingdan.progress import progress_json

    org, plan, rows, day = _progress(ctx, as_of)
    horizon = day + dt.timedelta(days=within)
    pending = [
        r for r in rows
        if r.state not in ("done", "as_needed") and r.obligation.slot.due <= horizon
    ]
    pending.sort(key=lambda r: (r.obligation.slot.due, r.obligation.holder))
    if json:
        output.emit_json({"as_of": day.isoformat(), "within": within, "rows": [progress_json(r, org) for r in pending]})
        return
    if not pending:
        output.say(f"截至 {day.isoformat()}，{within} 天内没有到期或逾期的事项。")
        return
    overdue = [r for r in pending if r.state == "overdue"]
    soon = [r for r in pending if r.state != "overdue"]
    for title, group in (("已逾期", overdue), (f"{within} 天内到期", soon)):
        if not group:
            continue
        output.say(f"{title}（{len(group)} 项）：")
        for r in group:
            o = r.obligation
            m = org.member(o.holder)
            days = (o.slot.due - day).days
            when = f"逾期 {-days} 天" if days < 0 else ("今天到期" if days == 0 else f"还有 {days} 天")
            text = f"  {o.slot.due.isoformat()} {when}  {m.name}：{o.duty.title_for(org.unit.party_body, org.unit.discipline_body)} {r.done}/{r.required}"
            if r.missing:
                names = [org.department(t).name if o.target_kind == "department" else org.member(t).name for t in r.missing]
                text += f" — 未覆盖：{'、'.join(names[:8])}" + (" 等" if len(names) > 8 else "")
            output.say(text)
