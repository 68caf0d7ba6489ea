"""Importing a roster (花名册): an Excel/WPS workbook (.xlsx) or a CSV.

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
    changed: tuple[str, ...] = ()  # rows that differ from the person's post in zr.toml
    updated: int = 0  # of those, applied (--update)


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


# what a roster's header may say instead of zr's own words
SYNONYMS = {
    "科室": "部门", "所在科室": "部门", "所在部门": "部门", "处室": "部门", "单位": "部门",
    "分管科室": "分管部门", "分管处室": "分管部门", "分管单位": "分管部门",
    "身份": "角色", "人员类别": "角色", "岗位类别": "角色",
    "职务（职级）": "职务", "现任职务": "职务",
    "任职开始": "任职起始", "任职时间": "任职起始", "到任时间": "任职起始", "离任时间": "任职结束",
}
IGNORED = ("序号", "编号", "")


def _cells_csv(path: Path, where: str) -> list[tuple[int, list[str]]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"找不到花名册文件 {where}") from None
    except OSError as exc:
        raise InputError(f"无法读取 {where}：{exc.strerror}") from None
    reader = csv.reader(io.StringIO(decode(data, where), newline=""))
    return [(reader.line_num, [c.strip() for c in cells]) for cells in reader]


def _text(value) -> str:
    """A cell as text: a date cell as 2026-03-05, a whole number without .0."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cells_xlsx(path: Path, where: str) -> list[tuple[int, list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    if not path.is_file():
        raise InputError(f"找不到花名册文件 {where}")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{where} 不是能读取的 Excel 工作簿（.xlsx）", ["WPS/Excel 中另存为 .xlsx 或 CSV 后再导入"]) from exc
    try:
        sheet = book.worksheets[0]
        return [(number, [_text(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        book.close()


def read_roster(path: Path, year: int) -> list[RosterRow]:
    """Rows from a CSV (UTF-8 or GBK) or an .xlsx (its first sheet). A title
    row above the header, a 序号 column and the usual other names of the
    columns (科室 for 部门…) are all accepted; lines are the file's own."""
    where = display_path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _cells_xlsx(path, where)
    elif path.suffix.lower() == ".xls":
        raise InputError(f"{where} 是旧版 Excel（.xls）", ["请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入"])
    else:
        table = _cells_csv(path, where)
    table = [(line, cells) for line, cells in table if any(cells)]
    if not table:
        raise InputError(f"{where} 是空文件")
    # the header is the row with 姓名 (a title row may stand above it); without one, the first row
    start = next((i for i, (_, cells) in enumerate(table[:6]) if "姓名" in cells), 0)
    header_line, raw = table[start]
    header = [SYNONYMS.get(h, h) for h in raw]
    missing = [h for h in REQUIRED if h not in header]
    unknown = [h for h, r in zip(header, raw) if h not in HEADER and h not in IGNORED]
    twice = sorted({h for h in header if h in HEADER and header.count(h) > 1})
    if missing or unknown or twice:
        parts = []
        if missing:
            parts.append(f"缺少列 {'、'.join(missing)}")
        if unknown:
            parts.append(f"无法识别的列 {'、'.join(unknown)}")
        if twice:
            parts.append(f"重复的列 {'、'.join(twice)}")
        raise InputError(
            f"{where}:{header_line}: 表头不对：{'；'.join(parts)}", [f"表头应为：{','.join(HEADER)}（可另有 序号）"]
        )
    index = {h: i for i, h in enumerate(header) if h in HEADER}
    rows: list[RosterRow] = []
    problems: list[str] = []
    for line, cells in table[start + 1:]:
        extra = [c for c in cells[len(header):] if c]
        if extra:
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


def _check_departments(editor: OrgEditor, rows: list[RosterRow], new_depts: bool) -> None:
    """An unknown department is most often a typo (财物科): refused with the
    closest names, unless --new-depts says the roster brings new ones (a unit
    with no departments yet takes them all)."""
    from zerenqingdan.org.names import _closest

    known = [d.name for d in editor.org.departments]
    if new_depts:
        return
    if not known:  # all new: but two names one character apart are one name typed twice
        _check_near_twins(rows)
        return
    problems = []
    for row in rows:
        for name in ((row.department,) if row.department else ()) + row.oversees:
            if name not in known:
                close = _closest(name, known)
                problems.append(f"第{row.line}行 {row.name}：没有科室“{name}”" +
                                (f"，最接近的是：{'、'.join(close)}" if close else ""))
    if problems:
        raise InputError(f"花名册中有 {len(problems)} 处科室名不在组织架构中，未导入任何内容：",
                         [*problems, "如确是新科室，请加 --new-depts 一并新建"])


_ORDINALS = set("一二三四五六七八九十0123456789甲乙丙丁东南西北")


def _check_near_twins(rows: list[RosterRow]) -> None:
    """计划财物处 beside 计划财务处: refused, with both lines, unless --new-depts."""
    import difflib

    first: dict[str, int] = {}
    for row in rows:
        for name in ((row.department,) if row.department else ()) + row.oversees:
            first.setdefault(name, row.line)
    names = list(first)
    problems = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            diff = [(x, y) for x, y in zip(a, b) if x != y] if len(a) == len(b) else None
            if diff is not None and any(x in _ORDINALS or y in _ORDINALS for x, y in diff):
                continue  # 第一检察部 and 第二检察部 are two departments
            one_off = diff is not None and len(diff) == 1 and len(a) >= 4
            if one_off or (min(len(a), len(b)) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85):
                problems.append(f"“{a}”（第{first[a]}行）与“{b}”（第{first[b]}行）只差一两个字")
    if problems:
        raise InputError(f"花名册中有 {len(problems)} 对名称相近的科室，可能是写错了，未导入任何内容：",
                         [*problems, "请改正花名册；如确是不同的科室，请加 --new-depts 一并新建"])


def _differences(editor: OrgEditor, existing, row: RosterRow, dept_id: str | None) -> list[str]:
    org = editor.org
    out = []
    if existing.role != row.role:
        out.append(f"角色 {glossary.ROLES[existing.role]} → {glossary.ROLES[row.role]}")
    if existing.department != dept_id:
        old = org.department(existing.department).name if existing.department else "无"
        out.append(f"部门 {old} → {row.department or '无'}")
    if row.title and row.title != existing.title:
        out.append(f"职务 {existing.title or '无'} → {row.title}")
    return out


def import_roster(editor: OrgEditor, rows: list[RosterRow], *, new_depts: bool = False,
                  update: bool = False) -> ImportResult:
    """Add every row to the org chart (the caller saves). A row for someone
    already there with another role, department or title is reported, and
    applied (as a change of post from the row's 任职起始, else today) only
    with ``update``."""
    _check_departments(editor, rows, new_depts)
    before = {d.name for d in editor.org.departments}
    added, skipped, oversights, changed, updated = 0, [], 0, [], 0
    for row in rows:
        for name in ((row.department,) if row.department else ()) + row.oversees:
            editor.ensure_department(name)
    known: dict[tuple, object] = {}
    by_name: dict[str, list] = {}
    for post in editor.posts():
        known.setdefault((post.name, post.role, post.department), post)
        if post.until is None:
            by_name.setdefault(post.name, [])
            if all(p.id != post.id for p in by_name[post.name]):
                by_name[post.name].append(post)
    for row in rows:
        dept_id = editor.department_named(row.department).id if row.department else None
        member = known.get((row.name, row.role, dept_id))
        same_name = by_name.get(row.name, ())
        if member is None and len(same_name) == 1:  # the same person, in another post than the roster's
            current = editor.org.member(same_name[0].id, editor.org.default_day())
            diff = _differences(editor, current, row, dept_id)
            if diff:
                changed.append(f"第{row.line}行 {row.name}（{current.id}）：{'；'.join(diff)}")
                if update:
                    since = max(row.since or editor.org.default_day(), (current.since or dt.date.min)
                                + dt.timedelta(days=1))
                    editor.move(current, since, role=row.role, department=dept_id, title=row.title or None)
                    updated += 1
            member = current
            if not diff:
                skipped.append(f"第{row.line}行 {row.name}（已有 {member.id}）")
        elif member is not None:
            skipped.append(f"第{row.line}行 {row.name}（已有 {member.id}）")
        if member is None:
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
    return ImportResult(created, added, tuple(skipped), oversights, tuple(changed), updated)
