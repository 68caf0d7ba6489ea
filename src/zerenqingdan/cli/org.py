"""组织架构：科室、人员、分管关系的录入、查看和检查。"""

from __future__ import annotations

import datetime as dt
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
        for line in editor.notices:
            output.say(line)

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


@app.command("dept")
def dept(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="科室名称或编号。", metavar="科室", show_default=False)],
    rename: Annotated[Optional[str], typer.Option("--name", help="新名称。", show_default=False)] = None,
    flags: Annotated[
        Optional[list[str]],
        typer.Option("--flag", "--flags", help="科室性质（整体替换）：人事、财务、工程、审批、采购、纪检；写 --flag 无 表示清空。",
                     show_default=False),
    ] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="类别：科室，或 直属单位（二级机构，其负责人按科室负责人对待）。",
                                                show_default=False)] = None,
    remove: Annotated[bool, typer.Option("--remove", help="删除误录的科室（从没有人在此任职、没有分管和台账记录时才能删除）。")] = False,
) -> None:
    """修改科室：改名、性质、类别；--remove 删除误录的科室。"""
    from zerenqingdan.org.names import resolve_department

    if remove:
        if rename is not None or flags is not None or kind is not None:
            from zerenqingdan.errors import InputError

            raise InputError("--remove 不能与 --name、--flag、--kind 同用")
        ws = workspace(ctx)
        with _editing(ctx) as editor:
            target = resolve_department(editor.org, name)
            message = editor.remove_department(target, ws.years_naming_department(target.id))
        output.success(message)
        return
    values = split_option(flags) if flags is not None else None
    if values is not None and values in (["无"], ["none"]):
        values = []
    with _editing(ctx) as editor:
        messages = editor.update_department(resolve_department(editor.org, name), name=rename, flags=values,
                                            kind=kind)
    for line in messages:
        output.success(line)
    _warn_findings(ctx)


@app.command("unit")
def unit(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Option("--name", help="单位名称。", show_default=False)] = None,
    code: Annotated[Optional[str], typer.Option("--code", help="单位代码（上级纪委统一分配，汇总时识别本单位，如统一社会信用代码）。",
                                                show_default=False)] = None,
    superior: Annotated[Optional[str], typer.Option("--superior", help="上级党委（党组）。", show_default=False)] = None,
    superior_discipline: Annotated[Optional[str], typer.Option("--superior-discipline", help="上级纪委（监委）。",
                                                               show_default=False)] = None,
    party_body: Annotated[Optional[str], typer.Option("--party-body", help="本单位党组织：党组、党委、党工委。",
                                                      show_default=False)] = None,
    discipline_body: Annotated[Optional[str], typer.Option("--discipline-body", help="本单位纪检机构：纪检组、纪委、纪工委、驻局纪检组。",
                                                           show_default=False)] = None,
) -> None:
    """修改单位信息：名称、单位代码、上级党委、上级纪委、党组织和纪检机构类型。不写选项时显示现有信息。"""
    if all(v is None for v in (name, code, superior, superior_discipline, party_body, discipline_body)):
        current = workspace(ctx).load_org().unit
        for label, value in (("单位名称", current.name), ("单位代码", current.code or "（未填：上报汇总前用 zr org unit --code 填写）"),
                             ("年度", str(current.year)), ("预设", current.preset),
                             ("党组织", current.party_body), ("纪检机构", current.discipline_body),
                             ("上级党委", current.superior or "（未填）"),
                             ("上级纪委", current.superior_discipline or "（未填）")):
            output.say(output.visible(f"{label}：{value}"))
        return
    with _editing(ctx) as editor:
        messages = editor.update_unit(name=name, code=code, superior=superior, superior_discipline=superior_discipline,
                                      party_body=party_body, discipline_body=discipline_body)
    output.success("已修改单位信息：" + "；".join(messages))


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
        table.add_column(title, no_wrap=title in ("编号", "科室", "人数"))
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


Title = Annotated[Optional[str], typer.Option("--title", help="职务，如“党组成员、副局长”（打印在责任书、承诺书上）。", show_default=False)]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="姓名（按身份证上的写法，可含·、空格等）。", metavar="姓名", show_default=False)],
    role: Annotated[Optional[str], typer.Option("--role", help="角色：书记、班子成员、纪检组长、专职委员、科室负责人、工作人员（在终端中不写时从列表中选）。", show_default=False)] = None,
    dept: Annotated[Optional[str], typer.Option("--dept", help="所在科室（科室负责人、工作人员必填）。", show_default=False)] = None,
    title: Title = None,
    since: Annotated[Optional[str], typer.Option("--since", help="任职起始日期（年中到任时填写）。", show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="任职结束日期（年中离任时填写）。", show_default=False)] = None,
    gender: Annotated[Optional[str], typer.Option("--gender", help="性别：男、女（可不填）。", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="备注。", show_default=False)] = None,
) -> None:
    """新增人员及其任职。"""
    from zerenqingdan.dates import parse_date
    from zerenqingdan.errors import InputError
    from zerenqingdan.org.names import describe, resolve_department
    from zerenqingdan.org.edit import MemberDraft

    from zerenqingdan.cli import ask

    if role is None:
        if not ask.interactive():
            from zerenqingdan import glossary

            raise InputError(f"请用 --role 写明 {name} 的角色（{glossary.role_choices()}）")
        role, dept = _ask_role_and_dept(ctx, name, dept)
    code = _role(role)
    if gender is not None and gender.strip() not in ("男", "女", ""):
        raise InputError(f"性别“{gender}”无效（应为 男 或 女）")
    with _editing(ctx) as editor:
        year = editor.org.unit.year
        draft = MemberDraft(
            name=name,
            role=code,
            department=resolve_department(editor.org, dept).id if dept else None,
            since=parse_date(since, year=year, what="--since") if since else None,
            until=parse_date(until, year=year, what="--until") if until else None,
            title=title or "",
            gender=(gender or "").strip(),
            note=note or "",
        )
        same = [editor.org.member(i) for i in editor.org.namesakes(name.strip())]
        member = editor.add_member(draft)
        text = describe(editor.org, member)
    output.success(f"已新增{editor.org.post_label(member)} {text}")
    if same:
        output.warn(f"已有同名人员 {'、'.join(describe(editor.org, m) for m in same)}；"
                    f"记录时按当日在任的人区分，同日都在任时请用编号 {member.id}")


def _ask_role_and_dept(ctx, name: str, dept: str | None) -> tuple[str, str | None]:
    from zerenqingdan import glossary
    from zerenqingdan.cli import ask

    roles = [glossary.ROLES[code] for code in ("secretary", "leader", "discipline", "head", "staff", "assistant")
             if code in glossary.ROLES]
    role = ask.pick(f"{name} 的角色：", [(r, r) for r in roles], default="工作人员")
    if glossary.role_code(role) in ("head", "staff") and not dept:
        org = workspace(ctx).load_org()
        if org.departments:
            dept = ask.pick(f"{name} 所在的科室：", [(d.name, d.name) for d in org.departments])
    return role, dept


def _role(text: str) -> str:
    from zerenqingdan import glossary
    from zerenqingdan.errors import InputError

    code = glossary.role_code(text)
    if code is None:
        raise InputError(f"角色“{text}”无效（应为 {glossary.role_choices()}）")
    return code


@app.command("move")
def move(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="姓名或编号。", metavar="姓名", show_default=False)],
    since: Annotated[str, typer.Option("--since", help="新任职自哪天起；原任职截止到前一天。", show_default=False)],
    role: Annotated[Optional[str], typer.Option("--role", help="新角色（不写则不变）。", show_default=False)] = None,
    dept: Annotated[Optional[str], typer.Option("--dept", help="新科室（不写则不变）。", show_default=False)] = None,
    title: Title = None,
) -> None:
    """调整任职（提拔、交流、改任）：同一个人自 --since 起担任新职务，记录不拆分。"""
    _change(ctx, name, role, dept, title, since, fix=False)


@app.command("set")
def set_(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="姓名或编号。", metavar="姓名", show_default=False)],
    role: Annotated[Optional[str], typer.Option("--role", help="角色。", show_default=False)] = None,
    dept: Annotated[Optional[str], typer.Option("--dept", help="科室。", show_default=False)] = None,
    title: Title = None,
    since: Annotated[Optional[str], typer.Option("--since", help="作为新任职，自哪天起（同 zr org move）。", show_default=False)] = None,
    fix: Annotated[bool, typer.Option("--fix", help="录错了：直接改正现任职务，不新增任职。")] = False,
) -> None:
    """修改人员的角色、科室或职务：--since 日期 为新任职，--fix 为改正录入错误。"""
    from zerenqingdan.errors import InputError

    if role is None and dept is None and title is None:
        raise InputError("请写明要改什么：--role 角色、--dept 科室、--title 职务")
    if bool(since) == fix:
        raise InputError("请二选一：--since 日期（自该日起任新职，原任职保留到前一天）"
                         "或 --fix（现任职务录错了，直接改正）")
    _change(ctx, name, role, dept, title, since, fix=fix)


def _change(ctx, name, role, dept, title, since, *, fix: bool) -> None:
    from zerenqingdan.dates import parse_date
    from zerenqingdan.org.names import resolve_department, resolve_member

    code = _role(role) if role else None
    with _editing(ctx) as editor:
        org = editor.org
        day = parse_date(since, year=org.unit.year, what="--since") if since else org.default_day()
        member = resolve_member(org.for_year(day.year), name, day)
        dept_id = resolve_department(org, dept).id if dept else None
        if fix:
            messages = editor.fix_post(member, day, role=code, department=dept_id, title=title)
        else:
            messages = editor.move(member, day, role=code, department=dept_id, title=title)
    for line in messages:
        output.say(line)
    _warn_findings(ctx)


@app.command("rename")
def rename(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="现在的姓名或编号。", metavar="姓名", show_default=False)],
    new: Annotated[str, typer.Argument(help="改正后的姓名。", metavar="新姓名", show_default=False)],
) -> None:
    """改正人员姓名（台账按编号记录，已有记录随之更名）。"""
    from zerenqingdan.org.names import resolve_member

    with _editing(ctx) as editor:
        message = editor.rename(resolve_member(editor.org, name), new)
    output.success(message)


@app.command("remove")
def remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="姓名或编号。", metavar="姓名", show_default=False)],
) -> None:
    """删除误录的人员；台账中已有其记录时不能删除（调离、退休请用 zr org leave）。"""
    from zerenqingdan.errors import InputError
    from zerenqingdan.org.names import resolve_member

    ws = workspace(ctx)
    with _editing(ctx) as editor:
        member = resolve_member(editor.org, name)
        used = ws.years_naming(member.id)
        if used:
            shown = "、".join(f"{year} 年 {count} 条" for year, count in used)
            raise InputError(
                f"台账中有 {shown}记录涉及 {member.name}（{member.id}），不能删除",
                [f"调离、退休请用：zr org leave {member.id} --until 日期",
                 "录错的记录请先用 zr log void 编号 --reason 原因 作废"],
            )
        message = editor.remove(member)
    output.success(message)


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

    count = len({m.id for m in members})
    table = Table(title=output.visible(f"{org.unit.name} 人员（{day.isoformat()}，共 {count} 人）"))
    for title in ("编号", "姓名", "角色", "职务", "科室", "任职"):
        table.add_column(title, no_wrap=title in ("编号", "姓名", "角色"))  # a name or id never breaks in two
    members.sort(key=lambda m: (org.position(m.id), m.since or dt.date.min))
    for m in members:
        term = ""
        if m.since or m.until:
            term = f"{m.since.isoformat() if m.since else ''}～{m.until.isoformat() if m.until else ''}"
        table.add_row(*map(output.visible, (
            m.id, m.name, org.role_label(m), m.title or "—", org.department(m.department).name if m.department else "",
            term
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
    file: Annotated[Path, typer.Argument(help="花名册：Excel/WPS 工作簿（.xlsx）或 CSV（UTF-8 或 GBK）。", metavar="文件", show_default=False)],
    new_depts: Annotated[bool, typer.Option("--new-depts", help="花名册中组织架构没有的科室一并新建（否则视为写错，报告最接近的名称）。")] = False,
    update: Annotated[bool, typer.Option("--update", help="已有人员的角色、部门或职务与花名册不同时，按花名册调整（否则只报告）。")] = False,
) -> None:
    """从花名册导入人员；表头：姓名,角色,部门（或 科室）,分管部门,任职起始,任职结束，可另有 职务,性别,备注,序号；
    表头上方可以有标题行。"""
    from zerenqingdan.org.roster import import_roster, read_roster

    with _editing(ctx) as editor:
        rows = read_roster(file, editor.org.unit.year)
        result = import_roster(editor, rows, new_depts=new_depts, update=update)
    output.success(f"已导入 {result.added} 人，新建科室 {len(result.departments)} 个，分管关系 {result.oversights} 条"
                   + (f"，调整任职 {result.updated} 人" if result.updated else ""))
    if result.departments:
        output.say(f"新建科室：{'、'.join(result.departments)}（科室性质请用 zr.toml 中的 flags 补充）")
    for line in result.skipped:
        output.say(f"跳过（已存在）：{line}")
    if result.changed:
        output.say(("已按花名册调整：" if update else "与组织架构不同（未改动；确要按花名册调整请加 --update）："))
        for line in result.changed:
            output.say(f"  {line}")
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

    findings = check_org(*_org_and_catalog(ctx))
    for finding in findings:
        output.say(finding.render())
    if findings:
        output.error(f"组织架构有 {len(findings)} 处问题")
        raise typer.Exit(1)


def _org_and_catalog(ctx: typer.Context):
    """The org chart and, when it reads, the catalog whose org rules apply."""
    from zerenqingdan.errors import ConfigError

    ws = workspace(ctx)
    org = ws.load_org()
    try:
        return org, ws.load_catalog(org)
    except ConfigError:
        return org, None


def _warn_findings(ctx: typer.Context) -> None:
    """After a change, point out the rules it now breaks (without failing)."""
    from zerenqingdan.org.check import check_org

    findings = check_org(*_org_and_catalog(ctx))
    if findings:
        output.warn(f"组织架构检查发现 {len(findings)} 处问题，运行 zr org check 查看")
