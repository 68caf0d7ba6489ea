"""The unit's org chart: unit settings, departments, members, oversight (分管).

Loaded from ``zr.toml`` into immutable records that remember where they came
from (file, line, key path), so every later error can point at the record.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple
from pathlib import Path

from zerenqingdan import glossary
from zerenqingdan.dates import parse_date, year_bounds
from zerenqingdan.errors import ConfigError, InputError
from zerenqingdan.storage import Source, display_path, load_toml, parse_toml, table_lines, unsafe_chars


class Unit(NamedTuple):
    name: str
    year: int
    preset: str
    party_body: str
    discipline_body: str
    superior: str
    superior_discipline: str

    @property
    def start(self) -> dt.date:
        return year_bounds(self.year)[0]

    @property
    def end(self) -> dt.date:
        return year_bounds(self.year)[1]


class Department(NamedTuple):
    id: str
    name: str
    flags: tuple[str, ...] = ()
    source: Source | None = None


class Member(NamedTuple):
    id: str
    name: str
    role: str
    department: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    source: Source | None = None


class Oversight(NamedTuple):
    member: str
    department: str
    since: dt.date | None = None
    until: dt.date | None = None
    source: Source | None = None


def _within(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or since <= day) and (until is None or day <= until)


class OrgChart:
    """The whole org chart, read-only, with indexes for the questions the plan
    asks thousands of times (who oversees what on a given day)."""

    __slots__ = ("unit", "departments", "members", "oversights", "path", "_members", "_depts",
                 "_by_member", "_by_dept", "_people", "_start", "_end", "_position")

    def __init__(self, unit: Unit, departments, members, oversights, path: Path | None = None):
        self.unit = unit
        self.departments = tuple(departments)
        self.members = tuple(members)
        self.oversights = tuple(oversights)
        self.path = path
        self._start, self._end = year_bounds(unit.year)
        self._members = {m.id: m for m in self.members}
        self._position = {m.id: i for i, m in enumerate(self.members)}
        self._depts = {d.id: d for d in self.departments}
        self._people: dict[str | None, list[Member]] = {}
        for m in self.members:
            self._people.setdefault(m.department, []).append(m)
        # oversight terms clipped to the year and to the overseer's own term
        self._by_member: dict[str, list[tuple[str, dt.date, dt.date, Oversight]]] = {}
        self._by_dept: dict[str, list[tuple[str, dt.date, dt.date, Oversight]]] = {}
        for item in self.oversights:
            if item.member not in self._members:
                continue
            start, end = self.oversight_term(item)
            self._by_member.setdefault(item.member, []).append((item.department, start, end, item))
            self._by_dept.setdefault(item.department, []).append((item.member, start, end, item))

    # -- lookups ---------------------------------------------------------
    def member(self, member_id: str) -> Member:
        return self._members[member_id]

    def department(self, dept_id: str) -> Department:
        return self._depts[dept_id]

    def position(self, member_id: str) -> int:
        """The member's place in zr.toml (lists keep this order)."""
        return self._position.get(member_id, len(self._position))

    def department_named(self, name: str) -> Department | None:
        for dept in self.departments:
            if dept.name == name:
                return dept
        return None

    def role_label(self, member: Member) -> str:
        return glossary.role_label(member.role, self.unit.discipline_body)

    # -- terms and dates -----------------------------------------------
    def term(self, member: Member) -> tuple[dt.date, dt.date]:
        """The member's time in post within the workspace year."""
        start = member.since if member.since and member.since > self._start else self._start
        end = member.until if member.until and member.until < self._end else self._end
        return start, end

    def in_post(self, member: Member, day: dt.date) -> bool:
        return _within(day, member.since, member.until)

    def oversight_term(self, item: Oversight) -> tuple[dt.date, dt.date]:
        start, end = self.term(self.member(item.member))
        return max(item.since or start, start), min(item.until or end, end)

    def default_day(self, today: dt.date | None = None) -> dt.date:
        """Today when inside the workspace year, else the nearest end of it."""
        today = today or dt.date.today()
        return min(max(today, self._start), self._end)

    # -- who, on a given day --------------------------------------------
    def with_role(self, role: str, day: dt.date | None = None) -> list[Member]:
        return [
            m for m in self.members if m.role == role and (day is None or self.in_post(m, day))
        ]

    def overseers_of(self, dept_id: str, day: dt.date) -> list[str]:
        """Member ids overseeing the department on ``day`` (one, when all is well)."""
        found: list[str] = []
        for member_id, start, end, _ in self._by_dept.get(dept_id, ()):
            if start <= day <= end and member_id not in found:
                found.append(member_id)
        return found

    def overseen_by(self, member_id: str, day: dt.date) -> list[str]:
        """Department ids the member oversees on ``day``."""
        found: list[str] = []
        for dept_id, start, end, _ in self._by_member.get(member_id, ()):
            if start <= day <= end and dept_id not in found:
                found.append(dept_id)
        return found

    def overseen_between(self, member_id: str, start: dt.date, end: dt.date) -> list[str]:
        """Department ids the member oversees on some day of [start, end]."""
        found: list[str] = []
        for dept_id, a, b, _ in self._by_member.get(member_id, ()):
            if a <= end and start <= b and dept_id not in found:
                found.append(dept_id)
        return found

    def oversights_of(self, member_id: str) -> list[Oversight]:
        return [o for o in self.oversights if o.member == member_id]

    def heads_of(self, dept_id: str, day: dt.date) -> list[Member]:
        return [m for m in self._people.get(dept_id, ()) if m.role == "head" and self.in_post(m, day)]

    def people_of(self, dept_id: str, day: dt.date | None = None) -> list[Member]:
        """Everyone whose department it is (head and staff), in post on ``day``."""
        return [m for m in self._people.get(dept_id, ()) if day is None or self.in_post(m, day)]


# ---------------------------------------------------------------------------
# loading


_UNIT_KEYS = {
    "name": "单位名称",
    "year": "年度",
    "preset": "预设",
    "party_body": "党组织类型",
    "discipline_body": "纪检机构类型",
    "superior": "上级党委",
    "superior_discipline": "上级纪委",
}


class _Reader:
    """Reads records out of parsed TOML and collects every problem found."""

    def __init__(self, path: Path, text: str, year: int | None = None):
        self.file = display_path(path)
        self.text = text
        self.year = year
        self.problems: list[str] = []

    def problem(self, source: Source, message: str) -> None:
        self.problems.append(f"{source.where()}: {source.keypath}: {message}")

    def records(self, data: dict, name: str) -> list[tuple[dict, Source]]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problems.append(f"{self.file}: {name}: 应写成 [[{name}]] 表的列表")
            return []
        lines = table_lines(self.text, name)
        out = []
        for index, table in enumerate(value):
            line = lines[index] if len(lines) == len(value) else None
            out.append((table, Source(self.file, line, f"{name}[{index + 1}]")))
        return out

    def text_field(self, table: dict, key: str, source: Source, *, required: bool = True) -> str:
        value = table.get(key)
        if value is None or value == "":
            if required:
                self.problem(source, f"缺少 {key}")
            return ""
        if not isinstance(value, str):
            self.problem(source, f"{key} 应为字符串（加引号），现在是 {value!r}")
            return ""
        bad = unsafe_chars(value)
        if bad:
            self.problem(source, f"{key} 含有不可打印的控制字符（{'、'.join(bad)}），请删除")
            return value.strip()
        return value.strip()

    def date_field(self, table: dict, key: str, source: Source) -> dt.date | None:
        value = table.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return parse_date(value, year=self.year, what=key)
            except InputError as exc:
                self.problem(source, exc.message)
                return None
        self.problem(source, f"{key} 应为日期（如 2026-03-05），现在是 {value!r}")
        return None

    def unknown_keys(self, table: dict, allowed: set[str], source: Source) -> None:
        for key in table:
            if key not in allowed:
                self.problem(source, f"未知的键“{key}”（可用：{'、'.join(sorted(allowed))}）")


def load_org(path: Path, cache_dir: Path | None = None) -> OrgChart:
    data, text = load_toml(path, cache_dir)
    return org_from_data(data, text, path)


def org_from_text(text: str, path: Path) -> OrgChart:
    return org_from_data(parse_toml(text, path), text, path)


def org_from_data(data: dict, text: str, path: Path) -> OrgChart:
    reader = _Reader(path, text)
    unit = _read_unit(data, reader)
    reader.year = unit.year
    departments = _read_departments(data, reader)
    dept_ids = {d.id for d in departments}
    members = _read_members(data, reader, dept_ids)
    oversights = _read_oversights(data, reader, dept_ids, {m.id: m for m in members})
    if reader.problems:
        raise ConfigError(
            f"{reader.file} 中有 {len(reader.problems)} 处错误，请改正后再试：", reader.problems
        )
    return OrgChart(unit, tuple(departments), tuple(members), tuple(oversights), path)


def _read_unit(data: dict, reader: _Reader) -> Unit:
    table = data.get("unit")
    source = Source(reader.file, _header_line(reader.text, "unit"), "unit")
    if not isinstance(table, dict):
        raise ConfigError(f"{reader.file}: 缺少 [unit] 表（单位信息）")
    reader.unknown_keys(table, set(_UNIT_KEYS), source)
    year = table.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        reader.problem(source, f"year 应为四位年份，如 2026，现在是 {year!r}")
        year = dt.date.today().year
    values = {
        key: reader.text_field(table, key, source, required=key in ("name",))
        for key in _UNIT_KEYS
        if key != "year"
    }
    if values["party_body"] and values["party_body"] not in glossary.PARTY_BODIES:
        reader.problem(
            source, f"party_body 应为 {'/'.join(glossary.PARTY_BODIES)}，现在是“{values['party_body']}”"
        )
    if values["discipline_body"] and values["discipline_body"] not in glossary.DISCIPLINE_BODIES:
        reader.problem(
            source,
            f"discipline_body 应为 {'/'.join(glossary.DISCIPLINE_BODIES)}，"
            f"现在是“{values['discipline_body']}”",
        )
    return Unit(
        name=values["name"],
        year=year,
        preset=values["preset"] or "default",
        party_body=values["party_body"] or "党组",
        discipline_body=values["discipline_body"] or "纪检组",
        superior=values["superior"],
        superior_discipline=values["superior_discipline"],
    )


def _header_line(text: str, name: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(f"[{name}]"):
            return number
    return None


def _read_departments(data: dict, reader: _Reader) -> list[Department]:
    out: list[Department] = []
    seen_ids: dict[str, Source] = {}
    seen_names: dict[str, Source] = {}
    for table, source in reader.records(data, "department"):
        reader.unknown_keys(table, {"id", "name", "flags"}, source)
        dept_id = reader.text_field(table, "id", source)
        name = reader.text_field(table, "name", source)
        flags = table.get("flags", [])
        if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
            reader.problem(source, "flags 应为字符串列表，如 [\"财务\", \"采购\"]")
            flags = []
        for flag in flags:
            if flag not in glossary.DEPARTMENT_FLAGS:
                reader.problem(
                    source, f"标记“{flag}”无效（可用：{'、'.join(glossary.DEPARTMENT_FLAGS)}）"
                )
        if dept_id in seen_ids:
            reader.problem(source, f"科室编号 {dept_id} 重复（另见 {seen_ids[dept_id].where()}）")
        if name in seen_names:
            reader.problem(source, f"科室名称“{name}”重复（另见 {seen_names[name].where()}）")
        seen_ids[dept_id] = seen_names[name] = source
        out.append(Department(dept_id, name, tuple(flags), source))
    return out


def _read_members(data: dict, reader: _Reader, dept_ids: set[str]) -> list[Member]:
    out: list[Member] = []
    seen: dict[str, Source] = {}
    allowed = {"id", "name", "role", "department", "since", "until"}
    for table, source in reader.records(data, "member"):
        reader.unknown_keys(table, allowed, source)
        member_id = reader.text_field(table, "id", source)
        name = reader.text_field(table, "name", source)
        if name:
            source = Source(source.file, source.line, f"{source.keypath}（{name}）")
        role_text = reader.text_field(table, "role", source)
        role = glossary.role_code(role_text) if role_text else None
        if role_text and role is None:
            reader.problem(source, f"角色“{role_text}”无效（应为 {glossary.role_choices()}）")
        department = reader.text_field(table, "department", source, required=False) or None
        if department and department not in dept_ids:
            reader.problem(source, f"科室 {department} 不存在（见 [[department]] 的 id）")
        since = reader.date_field(table, "since", source)
        until = reader.date_field(table, "until", source)
        if member_id in seen:
            reader.problem(source, f"人员编号 {member_id} 重复（另见 {seen[member_id].where()}）")
        seen[member_id] = source
        out.append(Member(member_id, name, role or "staff", department, since, until, source))
    return out


def _read_oversights(
    data: dict, reader: _Reader, dept_ids: set[str], members: dict[str, Member]
) -> list[Oversight]:
    out: list[Oversight] = []
    for table, source in reader.records(data, "oversight"):
        reader.unknown_keys(table, {"member", "department", "since", "until"}, source)
        member = reader.text_field(table, "member", source)
        department = reader.text_field(table, "department", source)
        if member and member not in members:
            reader.problem(source, f"人员 {member} 不存在（见 [[member]] 的 id）")
        if department and department not in dept_ids:
            reader.problem(source, f"科室 {department} 不存在（见 [[department]] 的 id）")
        since = reader.date_field(table, "since", source)
        until = reader.date_field(table, "until", source)
        out.append(Oversight(member, department, since, until, source))
    return out


# ---------------------------------------------------------------------------
# plain data for --json and for saving


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def org_as_json(org: OrgChart, day: dt.date) -> dict:
    unit = org.unit
    members = []
    for m in org.members:
        members.append(
            {
                "id": m.id,
                "name": m.name,
                "role": m.role,
                "role_name": org.role_label(m),
                "department": m.department,
                "since": _iso(m.since),
                "until": _iso(m.until),
                "in_post": org.in_post(m, day),
                "oversees": [
                    {
                        "department": o.department,
                        "since": _iso(o.since),
                        "until": _iso(o.until),
                    }
                    for o in org.oversights_of(m.id)
                ],
            }
        )
    departments = []
    for d in org.departments:
        heads = org.heads_of(d.id, day)
        overseers = org.overseers_of(d.id, day)
        departments.append(
            {
                "id": d.id,
                "name": d.name,
                "flags": list(d.flags),
                "head": heads[0].id if heads else None,
                "overseen_by": overseers[0] if overseers else None,
                "staff": [m.id for m in org.people_of(d.id, day) if m.role != "head"],
            }
        )
    return {
        "unit": {
            "name": unit.name,
            "year": unit.year,
            "preset": unit.preset,
            "party_body": unit.party_body,
            "discipline_body": unit.discipline_body,
            "superior": unit.superior,
            "superior_discipline": unit.superior_discipline,
        },
        "as_of": day.isoformat(),
        "members": members,
        "departments": departments,
    }
