"""年度责任清单：把责任清单目录展开到本单位每个人。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import workspace

CN_NUMBERS = "一二三四五六七八九十"


def plan(
    ctx: typer.Context,
    member: Annotated[Optional[str], typer.Option("--member", help="只看此人的清单（姓名或编号）。", show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    ics: Annotated[Optional[Path], typer.Option("--ics", help="另存为日历文件（.ics），可导入日历软件。", metavar="文件", show_default=False)] = None,
    docx: Annotated[Optional[Path], typer.Option("--docx", help="另存为 Word 文档（责任清单，可打印）。", metavar="文件", show_default=False)] = None,
    year: Annotated[Optional[str], typer.Option("--year", help="哪一年（默认 zr.toml 中的工作年度）。", show_default=False)] = None,
) -> None:
    """年度责任清单：书记十项清单、班子成员“四个一”、科室负责人和纪检机构的清单。"""
    from zerenqingdan.org.names import resolve_member
    from zerenqingdan.plan import build_plan, plan_json
    from zerenqingdan.policy.catalog import HOLDERS as HOLDER_LABELS

    from zerenqingdan.cli.actions import year_option

    ws = workspace(ctx)
    org = ws.load_org()
    chosen = year_option(year, org, ws)
    org = org.for_year(chosen)
    the_plan = build_plan(org, ws.load_catalog(org, chosen))
    only = [resolve_member(org, member).id] if member else None
    if docx:
        from zerenqingdan.documents.plandoc import write_plan_docx

        output.written(write_plan_docx(the_plan, docx, ws.templates_dir), "✓ 已写入")
    if ics:
        from zerenqingdan import outputs
        from zerenqingdan.exports.ics import plan_ics

        path = outputs.prepare(ics, ".ics")
        output.written(outputs.write(path, outputs.seal_text(plan_ics(the_plan), "END:VCALENDAR").encode("utf-8")),
                       "✓ 已写入日历文件")
    if ics or docx:
        return
    data = plan_json(the_plan, only)
    if json:
        output.emit_json(data)
        return
    if only and not data["holders"]:
        output.say(f"{org.member(only[0]).name} 在 {org.unit.year} 年没有需要承担的清单事项")
        return
    output.say(f"{data['unit']} {data['year']} 年度党风廉政建设责任清单（{data['catalog']}）")
    for holder in data["holders"]:
        output.say(f"\n【{holder['role_name']}】{holder['label']}（{holder['member']}）")
        if len(holder["posts"]) > 1:
            output.say("  任职：" + "；".join(
                f"{p['post']} {_term(p)}" for p in holder["posts"]))
        listed = set()
        for item in holder.get("items", ()):
            if not item["duties"]:
                continue
            output.say(f"  {_cn(item['number'])}、{item['title']}")
            for duty in item["duties"]:
                _print_duty(duty, "    ")
                listed.add(duty["duty"])
        rest = [d for d in holder["duties"] if d["duty"] not in listed]
        kinds = list(dict.fromkeys(d["holder"] for d in rest))
        for kind in kinds:
            if len(kinds) > 1 or listed:
                output.say(f"  〔{HOLDER_LABELS.get(kind, kind)}的清单〕")
            for duty in rest:
                if duty["holder"] == kind:
                    _print_duty(duty, "  ")
    if data["triggered"] and not only:
        output.say("\n【由事件触发的事项】（每发生一次，记入台账后自动列出）")
        for duty in data["triggered"]:
            sent = f"，报{'、'.join(duty['recipients'])}" if duty["recipients"] else ""
            output.say(f"  · {duty['holder_name']}：{duty['title']}：{duty['quota']}{sent}〔{duty['source_text']}〕")
    for warning in data["warnings"]:
        output.warn(warning)


def _cn(number: int) -> str:
    from zerenqingdan.policy.catalog import cn_number

    return cn_number(number)


def _term(post: dict) -> str:
    since = post["since"] or ""
    until = post["until"] or ""
    return f"{since}～{until}" if since or until else ""


def _print_duty(duty: dict, indent: str) -> None:
    extra = ""
    if duty["deadline_text"]:
        extra += f"，{duty['deadline_text']}"
    if duty["recipients"]:
        extra += f"，报{'、'.join(duty['recipients'])}" + ("（分别报送）" if duty["separately"] else "")
    if duty["audience"]:
        extra += f"，面向{duty['audience']}"
    output.say(f"{indent}· {duty['title']}：{duty['quota']}{extra}〔{duty['source_text']}〕")
    if duty["unit_defined"] or (duty["count"] == 0 and not duty["trigger"]):
        return
    for slot in duty["slots"]:
        due = slot["due"][5:].replace("-", "月", 1).lstrip("0") + "日"
        due = due.replace("月0", "月")
        if slot["due"][:4] != slot["period"][:4]:  # a report on the year, due the next
            due = f"{slot['due'][:4]}年{due}"
        targets = slot["targets"]
        cover = f"：{'、'.join(t['name'] for t in targets)}" if targets else ""
        if duty["scope"] != "self" and not targets:
            cover = "：无覆盖对象"
        need = f"{slot['required']}" if duty["scope"] == "self" else f"{slot['required']} 个"
        output.say(f"{indent}    {slot['period']}，{due}前，需 {need}{cover}")
