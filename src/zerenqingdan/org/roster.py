"""Importing a roster (花名册) saved from Excel or WPS as CSV.

Header: 姓名,角色,部门,分管部门,任职起始,任职结束 and, optionally, 职务,
性别,备注 (any order). UTF-8 (with or without BOM)
or GBK, detected. Every bad row is reported by line; nothing is imported
while any row is bad.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import NamedTuple
from pathlib import Path

from zerenqingdan import glossary
from zerenqingdan.dates import parse_date
from zerenqingdan.errors import InputError
from zerenqingdan.org.edit import MemberDraft, OrgEditor, check_name
from zerenqingdan.storage import display_path

HEADER = ("姓名", "角色", "部门", "分管部门", "任职起始", "任职结束", "职务", "性别", "备注")
REQUIRED = ("姓名", "角色")


class RosterRow(NamedTuple):
    line: int
    name: str
    role: str
    department: str | None
    oversees: tuple[str, ...]
    since: dt.date | None
    until: dt.date | None
    title: str = ""
    gender: str = ""
    note: str = ""


class ImportResult(NamedTuple):
    departments: tuple[str, ...]
    added: int
    skipped: tuple[str, ...]
    oversights: int


def decode(data: bytes, where: str) -> str:
    """UTF-8 (BOM or not) first; Excel on a Chinese Windows saves GBK."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{where}:{line}: 无法识别文件编码（应为 UTF-8 或 GBK）") from None


def read_roster(path: Path, year: int) -> list[RosterRow]:
    where = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"找不到花名册文件 {where}") from None
    except OSError as exc:
        raise InputError(f"无法读取 {where}：{exc.strerror}") from None
    text = decode(data, where)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError(f"{where} 是空文件") from None
    missing = [h for h in REQUIRED if h not in header]
    unknown = [h for h in header if h and h not in HEADER]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"缺少列 {'、'.join(missing)}")
        if unknown:
            parts.append(f"无法识别的列 {'、'.join(unknown)}")
        raise InputError(
            f"{where}:1: 表头不对：{'；'.join(parts)}", [f"表头应为：{','.join(HEADER)}"]
        )
    index = {h: i for i, h in enumerate(header)}
    rows: list[RosterRow] = []
    problems: list[str] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(f"{where}:{line}: 列数多于表头（{len(cells)} 列，表头 {len(header)} 列）")
            continue

        def cell(name: str) -> str:
            i = index.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        try:
            rows.append(_row(line, cell, year))
        except InputError as exc:
            problems.append(f"{where}:{line}: {exc.message}")
    if problems:
        raise InputError(f"花名册有 {len(problems)} 行错误，未导入任何内容：", problems)
    if not rows:
        raise InputError(f"{where} 中没有人员")
    return rows


def _row(line: int, cell, year: int) -> RosterRow:
    name = check_name(cell("姓名"), "姓名")
    role_text = cell("角色")
    role = glossary.role_code(role_text) if role_text else None
    if role is None:
        raise InputError(f"{name}：角色“{role_text}”无效（应为 {glossary.role_choices()}）")
    department = cell("部门") or None
    if department:
        check_name(department, "部门")
    if role in ("head", "staff") and not department:
        raise InputError(f"{name}：{glossary.ROLES[role]}必须填写部门")
    oversees = tuple(
        part.strip() for part in cell("分管部门").replace("，", "、").replace(",", "、").split("、") if part.strip()
    )
    if oversees and role not in glossary.OVERSEERS:
        raise InputError(f"{name}：{glossary.ROLES[role]}不能分管部门（只有领导班子成员可以）")
    since = parse_date(cell("任职起始"), year=year, what="任职起始") if cell("任职起始") else None
    until = parse_date(cell("任职结束"), year=year, what="任职结束") if cell("任职结束") else None
    if since and until and since > until:
        raise InputError(f"{name}：任职起始 {since} 晚于任职结束 {until}")
    title = check_name(cell("职务"), "职务") if cell("职务") else ""
    gender = cell("性别")
    if gender not in ("", "男", "女"):
        raise InputError(f"{name}：性别“{gender}”无效（应为 男 或 女，或不填）")
    note = check_name(cell("备注"), "备注") if cell("备注") else ""
    return RosterRow(line, name, role, department, oversees, since, until, title, gender, note)


def import_roster(editor: OrgEditor, rows: list[RosterRow]) -> ImportResult:
    """Add every row to the org chart (the caller saves)."""
    before = {d.name for d in editor.org.departments}
    added, skipped, oversights = 0, [], 0
    for row in rows:
        for name in ((row.department,) if row.department else ()) + row.oversees:
            editor.ensure_department(name)
    known: dict[tuple, object] = {}
    for post in editor.posts():
        known.setdefault((post.name, post.role, post.department), post)
    for row in rows:
        dept_id = editor.department_named(row.department).id if row.department else None
        existing = known.get((row.name, row.role, dept_id))
        if existing:
            skipped.append(f"第{row.line}行 {row.name}（已有 {existing.id}）")
            member = existing
        else:
            member = editor.add_member(MemberDraft(row.name, row.role, dept_id, row.since, row.until, row.title,
                                                   row.gender, row.note))
            known[(row.name, row.role, dept_id)] = member
            added += 1
        if not row.oversees:
            continue
        depts = [editor.department_named(n) for n in row.oversees]
        todo = [d for d in depts if member.id not in editor.org.overseers_of(d.id, row.since or editor.org.unit.start)]
        if todo:
            editor.assign(member, todo, max(row.since or editor.org.unit.start, editor.org.unit.start))
            oversights += len(todo)
    created = tuple(d.name for d in editor.org.departments if d.name not in before)  # one rebuild, at the end
    return ImportResult(created, added, tuple(skipped), oversights)
