"""组织架构：科室、人员、分管关系的录入、查看和检查。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import day_option, split_option, workspace

app = typer.Typer(help=__doc__, no_args_is_help=True)

AsOf = Annotated[Optional[str], typer.Option("--as-of", help="以哪一天为准（默认今天）。", show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="以 JSON 输出。")]


def _editing(ctx: typer.Context):
    """Open zr.toml for editing under the workspace lock."""
    from contextlib import contextmanager

    from zerenqingdan.org.edit import OrgEditor
    from zerenqingdan.storage import locked, sweep_leftovers

    ws = workspace(ctx)

    @contextmanager
    def session():
        with locked(ws.lock_path):
            sweep_leftovers([ws.root])
            editor = OrgEditor(ws)
            yield editor
            editor.save()

    return session()


@app.command("add-dept")
def add_dept(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="科室名称。", metavar="科室", show_default=False)],
    flags: Annotated[
        Optional[list[str]],
        typer.Option("--flag", "--flags", help="科室性质：人事、财务、工程、审批、采购、纪检，可多个（逗号或顿号分隔）。", show_default=False),
    ] = None,
) -> None:
    """新增科室。"""
    with _editing(ctx) as editor:
        dept = editor.add_department(name, split_option(flags))
    marks = f"［{'、'.join(dept.flags)}］" if dept.flags else ""
    output.success(f"已新增科室 {dept.name}{marks}，编号 {dept.id}")


@app.command("depts")
def depts(ctx: typer.Context, as_of: AsOf = None, json: Json = False) -> None:
    """列出科室，及其负责人和分管领导。"""
    from zerenqingdan.org.chart import org_as_json

    org = workspace(ctx).load_org()
    day = day_option(as_of, org, "--as-of")
    rows = org_as_json(org, day)["departments"]  # the same head and overseer as zr org show
    for row in rows:
        row["head_name"] = org.member(row["head"]).name if row["head"] else None
        row["overseen_by_name"] = org.member(row["overseen_by"]).name if row["overseen_by"] else None
        row["people"] = len(org.people_of(row["id"], day))
    if json:
        output.emit_json({"as_of": day.isoformat(), "departments": rows})
        return
    from rich.table import Table

    table = Table(title=output.visible(f"{org.unit.name} 科室（{day.isoformat()}）"))
    for title in ("编号", "科室", "性质", "负责人", "分管领导", "人数"):
        table.add_column(title)
    for row in rows:
        table.add_row(*map(output.visible, (
            row["id"],
            row["name"],
            "、".join(row["flags"]),
            row["head_name"] or "—",
            row["overseen_by_name"] or "—",
            str(row["people"]),
        )))
    output.console().print(table)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="姓名（按身份证上的写法，可含·、空格等）。", metavar="姓名", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="角色：书记、班子成员、纪检组长、科室负责人、工作人员。", show_default=False)],
    dept: Annotated[Optional[str], typer.Option("--dept", help="所在科室（科室负责人、工作人员必填）。", show_default=False)] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="任职起始日期（年中到任时填写）。", show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="任职结束日期（年中离任时填写）。", show_default=False)] = None,
) -> None:
    """新增人员。"""
    from zerenqingdan import glossary
    from zerenqingdan.dates import parse_date
    from zerenqingdan.errors import InputError
    from zerenqingdan.org.names import describe, resolve_department
    from zerenqingdan.org.edit import MemberDraft

    code = glossary.role_code(role)
    if code is None:
        raise InputError(f"角色“{role}”无效（应为 {glossary.role_choices()}）")
    with _editing(ctx) as editor:
        year = editor.org.unit.year
        draft = MemberDraft(
            name=name,
            role=code,
            department=resolve_department(editor.org, dept).id if dept else None,
            since=parse_date(since, year=year, what="--since") if since else None,
            until=parse_date(until, year=year, what="--until") if until else None,
        )
        same = [m for m in editor.org.members if m.name == name.strip()]
        member = editor.add_member(draft)
        text = describe(editor.org, member)
    output.success(f"已新增{glossary.role_label(code, editor.org.unit.discipline_body)} {text}")
    if same:
        output.warn(f"已有同名人员 {'、'.join(describe(editor.org, m) for m in same)}；今后请用编号 {member.id} 指代此人")


@app.command("people")
def people(
    ctx: typer.Context,
    dept: Annotated[Optional[str], typer.Option("--dept", help="只列出该科室。", show_default=False)] = None,
    role: Annotated[Optional[str], typer.Option("--role", help="只列出该角色。", show_default=False)] = None,
    as_of: AsOf = None,
    everyone: Annotated[bool, typer.Option("--all", help="包括当日不在任的人员。")] = False,
    json: Json = False,
) -> None:
    """列出人员。"""
    from zerenqingdan import glossary
    from zerenqingdan.errors import InputError
    from zerenqingdan.org.names import resolve_department

    org = workspace(ctx).load_org()
    day = day_option(as_of, org, "--as-of")
    members = list(org.members)
    if dept:
        dept_id = resolve_department(org, dept).id
        members = [m for m in members if m.department == dept_id]
    if role:
        code = glossary.role_code(role)
        if code is None:
            raise InputError(f"角色“{role}”无效（应为 {glossary.role_choices()}）")
        members = [m for m in members if m.role == code]
    if not everyone:
        members = [m for m in members if org.in_post(m, day)]
    if json:
        from zerenqingdan.org.chart import org_as_json

        wanted = {m.id for m in members}
        data = org_as_json(org, day)
        output.emit_json({"as_of": day.isoformat(), "members": [m for m in data["members"] if m["id"] in wanted]})
        return
    from rich.table import Table

    table = Table(title=output.visible(f"{org.unit.name} 人员（{day.isoformat()}，共 {len(members)} 人）"))
    for title in ("编号", "姓名", "角色", "科室", "任职"):
        table.add_column(title)
    for m in members:
        term = ""
        if m.since or m.until:
            term = f"{m.since.isoformat() if m.since else ''}～{m.until.isoformat() if m.until else ''}"
        table.add_row(*map(output.visible, (
            m.id, m.name, org.role_label(m), org.department(m.department).name if m.department else "", term
        )))
    output.console().print(table)


@app.command("assign")
def assign(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="班子成员的姓名或编号。", metavar="姓名", show_default=False)],
    oversees: Annotated[list[str], typer.Option("--oversees", help="分管的科室，多个用逗号或顿号分隔。", show_default=False)],
    since: Annotated[Optional[str], typer.Option("--since", help="自哪天起分管（默认年初）；原分管领导截止到前一天。", show_default=False)] = None,
) -> None:
    """安排或调整分管：姓名 自 --since 起分管这些科室。"""
    from zerenqingdan.dates import parse_date
    from zerenqingdan.org.names import resolve_department, resolve_member

    with _editing(ctx) as editor:
        org = editor.org
        member = resolve_member(org, name)
        departments = [resolve_department(org, d) for d in split_option(oversees)]
        day = parse_date(since, year=org.unit.year, what="--since") if since else org.unit.start
        messages = editor.assign(member, departments, day)
    for line in messages:
        output.say(line)
    _warn_findings(ctx)


@app.command("unassign")
def unassign(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="班子成员的姓名或编号。", metavar="姓名", show_default=False)],
    oversees: Annotated[list[str], typer.Option("--oversees", help="不再分管的科室。", show_default=False)],
    until: Annotated[str, typer.Option("--until", help="分管到哪天为止。", show_default=False)],
) -> None:
    """结束分管：姓名 分管这些科室到 --until 为止。"""
    from zerenqingdan.dates import parse_date
    from zerenqingdan.org.names import resolve_department, resolve_member

    with _editing(ctx) as editor:
        org = editor.org
        member = resolve_member(org, name)
        departments = [resolve_department(org, d) for d in split_option(oversees)]
        messages = editor.unassign(member, departments, parse_date(until, year=org.unit.year, what="--until"))
    for line in messages:
        output.say(line)
    _warn_findings(ctx)


@app.command("leave")
def leave(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="姓名或编号。", metavar="姓名", show_default=False)],
    until: Annotated[str, typer.Option("--until", help="任职到哪天为止。", show_default=False)],
) -> None:
    """人员离任（调出、退休）：任职截止到 --until，其分管同时截止。"""
    from zerenqingdan.dates import parse_date
    from zerenqingdan.org.names import resolve_member

    with _editing(ctx) as editor:
        member = resolve_member(editor.org, name)
        message = editor.set_until(member, parse_date(until, year=editor.org.unit.year, what="--until"))
    output.say(message)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="花名册 CSV（Excel/WPS 另存为 CSV，UTF-8 或 GBK 均可）。", metavar="文件", show_default=False)],
) -> None:
    """从花名册 CSV 导入人员；表头：姓名,角色,部门,分管部门,任职起始,任职结束。"""
    from zerenqingdan.org.roster import import_roster, read_roster

    with _editing(ctx) as editor:
        rows = read_roster(file, editor.org.unit.year)
        result = import_roster(editor, rows)
    output.success(f"已导入 {result.added} 人，新建科室 {len(result.departments)} 个，分管关系 {result.oversights} 条")
    if result.departments:
        output.say(f"新建科室：{'、'.join(result.departments)}（科室性质请用 zr.toml 中的 flags 补充）")
    for line in result.skipped:
        output.say(f"跳过（已存在）：{line}")
    _warn_findings(ctx)


@app.command("show")
def show(ctx: typer.Context, as_of: AsOf = None, json: Json = False) -> None:
    """显示组织架构：单位 → 领导班子及分管科室 → 各科室负责人和人员。"""
    from zerenqingdan.org.chart import org_as_json

    org = workspace(ctx).load_org()
    day = day_option(as_of, org, "--as-of")
    if json:
        output.emit_json(org_as_json(org, day))
        return
    from zerenqingdan.cli.orgtree import org_tree

    output.console().print(org_tree(org, day))


@app.command("check")
def check(ctx: typer.Context) -> None:
    """按规定检查组织架构；没有问题时不输出，退出码 0。"""
    from zerenqingdan.org.check import check_org

    findings = check_org(workspace(ctx).load_org())
    for finding in findings:
        output.say(finding.render())
    if findings:
        output.error(f"组织架构有 {len(findings)} 处问题")
        raise typer.Exit(1)


def _warn_findings(ctx: typer.Context) -> None:
    """After a change, point out the rules it now breaks (without failing)."""
    from zerenqingdan.org.check import check_org

    findings = check_org(workspace(ctx).load_org())
    if findings:
        output.warn(f"组织架构检查发现 {len(findings)} 处问题，运行 zr org check 查看")
