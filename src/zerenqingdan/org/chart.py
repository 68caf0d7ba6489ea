"""The unit's org chart: unit settings, departments, members, oversight (分管).

Loaded from ``zr.toml`` into immutable records that remember where they came
from (file, line, key path), so every later error can point at the record.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple
from pathlib import Path

from zerenqingdan import dates, glossary
from zerenqingdan.dates import parse_date, year_bounds
from zerenqingdan.errors import ConfigError, InputError
from zerenqingdan.storage import Source, display_path, load_toml, parse_toml, table_lines, unsafe_chars


class Unit(NamedTuple):
    name: str
    year: int  # the working year: what commands show unless told --year
    preset: str
    party_body: str
    discipline_body: str
    superior: str
    superior_discipline: str
    code: str = ""  # the stable unit code the superior 纪委 gives (for the roll-up)

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
    kind: str = "科室"  # or 直属单位 (二级机构), whose head is covered like a 科室负责人


class Person(NamedTuple):
    """A person of the unit: one stable id across every post they hold."""

    id: str
    name: str
    gender: str = ""
    note: str = ""
    source: Source | None = None


class Member(NamedTuple):
    """A post held by a person (``id`` is the person's): role, department,
    title (职务) and dates. A promotion ends one post and starts another."""

    id: str
    name: str
    role: str
    department: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    source: Source | None = None
    title: str = ""


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
    asks thousands of times (who oversees what on a given day).

    ``members`` are posts (a person promoted in August appears twice, with one
    id); ``persons`` are the people. ``member(id, day)`` is the post a person
    holds on a day. Dates are read against ``unit.year``; ``for_year`` gives
    the same chart seen in another year."""

    __slots__ = ("unit", "departments", "members", "oversights", "path", "persons", "_persons", "_posts",
                 "_depts", "_by_member", "_by_dept", "_people", "_start", "_end", "_position", "_names")

    def __init__(self, unit: Unit, departments, members, oversights, path: Path | None = None, persons=None):
        self.unit = unit
        self.departments = tuple(departments)
        self.members = tuple(members)
        self.oversights = tuple(oversights)
        self.path = path
        if persons is None:  # posts alone: one person per id, in order of first post
            persons = {m.id: Person(m.id, m.name) for m in self.members}
            persons = [persons[i] for i in dict.fromkeys(m.id for m in self.members)]
        self.persons = tuple(persons)
        self._start, self._end = year_bounds(unit.year)
        self._persons = {p.id: p for p in self.persons}
        self._position = {p.id: i for i, p in enumerate(self.persons)}
        self._posts: dict[str, list[Member]] = {}
        for m in self.members:
            self._posts.setdefault(m.id, []).append(m)
        for posts in self._posts.values():
            posts.sort(key=lambda m: m.since or dt.date.min)
        self._names: dict[str, list[str]] = {}
        for p in self.persons:
            self._names.setdefault(p.name, []).append(p.id)
        self._depts = {d.id: d for d in self.departments}
        self._people: dict[str | None, list[Member]] = {}
        for m in self.members:
            self._people.setdefault(m.department, []).append(m)
        # oversight terms clipped to the year and to the overseer's time in post
        self._by_member: dict[str, list[tuple[str, dt.date, dt.date, Oversight]]] = {}
        self._by_dept: dict[str, list[tuple[str, dt.date, dt.date, Oversight]]] = {}
        for item in self.oversights:
            if item.member not in self._posts:
                continue
            start, end = self.oversight_term(item)
            self._by_member.setdefault(item.member, []).append((item.department, start, end, item))
            self._by_dept.setdefault(item.department, []).append((item.member, start, end, item))

    def for_year(self, year: int) -> "OrgChart":
        """The same people and posts, read against another year."""
        if year == self.unit.year:
            return self
        return OrgChart(self.unit._replace(year=year), self.departments, self.members, self.oversights,
                        self.path, self.persons)

    # -- lookups ---------------------------------------------------------
    def member(self, member_id: str, day: dt.date | None = None) -> Member:
        """The post ``member_id`` holds on ``day`` (default: today within the
        year); on a day out of post, the nearest post before it, else the first."""
        posts = self._posts[member_id]
        if len(posts) == 1:
            return posts[0]
        day = day or self.default_day()
        before = None
        for post in posts:
            if _within(day, post.since, post.until):
                return post
            if post.since is None or post.since <= day:
                before = post
        return before or posts[0]

    def posts_of(self, member_id: str) -> list[Member]:
        return list(self._posts.get(member_id, ()))

    def person(self, member_id: str) -> Person:
        return self._persons[member_id]

    def namesakes(self, name: str) -> list[str]:
        """Ids of every person of that name."""
        return list(self._names.get(name, ()))

    def department(self, dept_id: str) -> Department:
        return self._depts[dept_id]

    def position(self, member_id: str) -> int:
        """The person's place in zr.toml (lists keep this order)."""
        return self._position.get(member_id, len(self._position))

    def department_named(self, name: str) -> Department | None:
        for dept in self.departments:
            if dept.name == name:
                return dept
        return None

    def role_label(self, member: Member) -> str:
        return glossary.role_label(member.role, self.unit.discipline_body)

    def post_label(self, member: Member) -> str:
        """How a post is named in print: the title (职务) if set, else the
        role's proper name (党组成员, 办公室负责人…)."""
        if member.title:
            return member.title
        body = self.unit.party_body
        if member.role == "secretary":
            return f"{body}书记"
        if member.role == "leader":
            return f"{body}成员" if body == "党组" else f"{body}委员"  # 党组成员；党委委员
        dept = self._depts.get(member.department) if member.department else None
        if member.role == "head" and dept:
            return f"{dept.name}负责人"
        if member.role == "staff" and dept:
            return f"{dept.name}工作人员"
        return self.role_label(member)

    def label(self, member_id: str, day: dt.date | None = None) -> str:
        """The person's name, told apart by post when another person of the
        unit shares it: 张伟（财务科） / 张伟（党组成员、副局长）."""
        post = self.member(member_id, day)
        if len(self._names.get(post.name, ())) < 2:
            return post.name
        return f"{post.name}（{self.distinction(post)}）"

    def distinction(self, member: Member) -> str:
        """What tells a post apart: the department for heads and staff, the
        title (or role) for leaders."""
        if member.department and member.role in ("head", "staff") and member.department in self._depts:
            return self._depts[member.department].name
        return self.post_label(member)

    # -- terms and dates -----------------------------------------------
    def term(self, member: Member) -> tuple[dt.date, dt.date]:
        """A post's time within the workspace year."""
        start = member.since if member.since and member.since > self._start else self._start
        end = member.until if member.until and member.until < self._end else self._end
        return start, end

    def person_term(self, member_id: str) -> tuple[dt.date, dt.date]:
        """A person's time in any post, within the workspace year."""
        posts = self._posts[member_id]
        firsts = [p.since for p in posts]
        lasts = [p.until for p in posts]
        since = None if None in firsts else min(firsts)
        until = None if None in lasts else max(lasts)
        start = since if since and since > self._start else self._start
        end = until if until and until < self._end else self._end
        return start, end

    def in_post(self, member: Member, day: dt.date) -> bool:
        return _within(day, member.since, member.until)

    def person_in_post(self, member_id: str, day: dt.date) -> bool:
        return any(_within(day, p.since, p.until) for p in self._posts.get(member_id, ()))

    def oversight_span(self, item: Oversight) -> tuple[dt.date, dt.date]:
        """An oversight's whole term, any year (open ends as date.min/max)."""
        posts = self._posts.get(item.member, ())
        firsts = [p.since for p in posts]
        lasts = [p.until for p in posts]
        since = item.since or (None if None in firsts or not firsts else min(firsts)) or dt.date.min
        until = item.until or (None if None in lasts or not lasts else max(lasts)) or dt.date.max
        return since, until

    def oversight_term(self, item: Oversight) -> tuple[dt.date, dt.date]:
        start, end = self.person_term(item.member)
        return max(item.since or start, start), min(item.until or end, end)

    def default_day(self, today: dt.date | None = None) -> dt.date:
        """Today when inside the workspace year, else the nearest end of it."""
        today = today or dates.today()
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


UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
_UNIT_KEYS = {
    "name": "单位名称",
    "year": "年度",
    "preset": "预设",
    "party_body": "党组织类型",
    "discipline_body": "纪检机构类型",
    "superior": "上级党委",
    "superior_discipline": "上级纪委",
    "code": "单位代码",
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


_TOP_TABLES = {"unit": "[unit]", "department": "[[department]]", "member": "[[member]]", "post": "[[post]]",
               "oversight": "[[oversight]]"}


def org_from_data(data: dict, text: str, path: Path) -> OrgChart:
    reader = _Reader(path, text)
    for key in data:
        if key not in _TOP_TABLES:  # [[memeber]]: a person who would silently vanish
            from difflib import get_close_matches

            line = _header_line(text, key) or next(
                (n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith(f"[[{key}")), None)
            close = get_close_matches(key, list(_TOP_TABLES), n=1, cutoff=0.6)
            hint = f"，是否应为 {_TOP_TABLES[close[0]]}？" if close else ""
            reader.problems.append(f"{reader.file}:{line or '?'}: 未知的表“{key}”{hint}"
                                   f"（可用：{'、'.join(_TOP_TABLES.values())}）；拼错的表会被整个忽略，请改正")
    unit = _read_unit(data, reader)
    reader.year = unit.year
    departments = _read_departments(data, reader)
    dept_ids = {d.id for d in departments}
    persons, members = _read_members(data, reader, dept_ids)
    members += _read_posts(data, reader, dept_ids, {p.id: p for p in persons})
    with_posts = {m.id for m in members}
    for person in persons:
        if person.id and person.id not in with_posts:
            reader.problem(person.source, "没有任职记录：请加一个 [[post]]（member、role、department…），"
                                          "或用 zr org add 录入")
    oversights = _read_oversights(data, reader, dept_ids, {p.id: p for p in persons})
    if reader.problems:
        raise ConfigError(
            f"{reader.file} 中有 {len(reader.problems)} 处错误，请改正后再试：", reader.problems
        )
    return OrgChart(unit, tuple(departments), tuple(members), tuple(oversights), path, persons)


def _read_unit(data: dict, reader: _Reader) -> Unit:
    table = data.get("unit")
    source = Source(reader.file, _header_line(reader.text, "unit"), "unit")
    if not isinstance(table, dict):
        raise ConfigError(f"{reader.file}: 缺少 [unit] 表（单位信息）")
    reader.unknown_keys(table, set(_UNIT_KEYS), source)
    year = table.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        reader.problem(source, f"year 应为四位年份，如 2026，现在是 {year!r}")
        year = dates.today().year
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
    if values["code"] and not UNIT_CODE.match(values["code"]):
        reader.problem(source, f"code（单位代码）只能由字母、数字、“-”“_”“.”组成，不超过 40 个字符，现在是“{values['code']}”")
    return Unit(
        name=values["name"],
        year=year,
        preset=values["preset"] or "default",
        party_body=values["party_body"] or "党组",
        discipline_body=values["discipline_body"] or "纪检组",
        superior=values["superior"],
        superior_discipline=values["superior_discipline"],
        code=values["code"],
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
        reader.unknown_keys(table, {"id", "name", "flags", "kind"}, source)
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
        kind_text = reader.text_field(table, "kind", source, required=False)
        kind = glossary.DEPARTMENT_KIND_ALIASES.get(kind_text, None) if kind_text else "科室"
        if kind is None:
            reader.problem(source, f"kind“{kind_text}”无效（可用：科室、直属单位）")
            kind = "科室"
        out.append(Department(dept_id, name, tuple(flags), source, kind))
    return out


_POST_KEYS = ("role", "department", "title", "since", "until")


def _read_post(table: dict, reader: _Reader, source: Source, dept_ids: set[str], member_id: str,
               name: str) -> Member:
    role_text = reader.text_field(table, "role", source)
    role = glossary.role_code(role_text) if role_text else None
    if role_text and role is None:
        reader.problem(source, f"角色“{role_text}”无效（应为 {glossary.role_choices()}）")
    department = reader.text_field(table, "department", source, required=False) or None
    if department and department not in dept_ids:
        reader.problem(source, f"科室 {department} 不存在（见 [[department]] 的 id）")
    title = reader.text_field(table, "title", source, required=False)
    since = reader.date_field(table, "since", source)
    until = reader.date_field(table, "until", source)
    if since and until and since > until:
        reader.problem(source, f"任职起始 {since.isoformat()} 晚于结束 {until.isoformat()}")
    return Member(member_id, name, role or "staff", department, since, until, source, title)


def _read_members(data: dict, reader: _Reader, dept_ids: set[str]) -> tuple[list[Person], list[Member]]:
    """``[[member]]`` tables are people; a member table that still carries a
    role (the format before posts) holds its one post itself."""
    persons: list[Person] = []
    posts: list[Member] = []
    seen: dict[str, Source] = {}
    allowed = {"id", "name", "gender", "note", *_POST_KEYS}
    for table, source in reader.records(data, "member"):
        reader.unknown_keys(table, allowed, source)
        member_id = reader.text_field(table, "id", source)
        name = reader.text_field(table, "name", source)
        if name:
            source = Source(source.file, source.line, f"{source.keypath}（{name}）")
        if member_id in seen:
            reader.problem(source, f"人员编号 {member_id} 重复（另见 {seen[member_id].where()}）")
        seen[member_id] = source
        persons.append(Person(member_id, name, reader.text_field(table, "gender", source, required=False),
                              reader.text_field(table, "note", source, required=False), source))
        if any(key in table for key in _POST_KEYS):
            posts.append(_read_post(table, reader, source, dept_ids, member_id, name))
    return persons, posts


def _read_posts(data: dict, reader: _Reader, dept_ids: set[str], persons: dict[str, Person]) -> list[Member]:
    out: list[Member] = []
    for table, source in reader.records(data, "post"):
        reader.unknown_keys(table, {"member", *_POST_KEYS}, source)
        member_id = reader.text_field(table, "member", source)
        person = persons.get(member_id)
        if member_id and person is None:
            reader.problem(source, f"人员 {member_id} 不存在（见 [[member]] 的 id）")
        name = person.name if person else ""
        if name:
            source = Source(source.file, source.line, f"{source.keypath}（{name}）")
        out.append(_read_post(table, reader, source, dept_ids, member_id, name))
    return out


def _read_oversights(
    data: dict, reader: _Reader, dept_ids: set[str], members: dict[str, Person]
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


def post_json(org: OrgChart, m: Member) -> dict:
    return {
        "role": m.role,
        "role_name": org.role_label(m),
        "title": m.title,
        "department": m.department,
        "since": _iso(m.since),
        "until": _iso(m.until),
    }


def org_as_json(org: OrgChart, day: dt.date) -> dict:
    unit = org.unit
    members = []
    for person in org.persons:
        m = org.member(person.id, day)  # the post in force on the day (or the nearest)
        members.append(
            {
                "id": person.id,
                "name": person.name,
                "role": m.role,
                "role_name": org.role_label(m),
                "title": m.title,
                "label": org.label(person.id, day),
                "department": m.department,
                "since": _iso(m.since),
                "until": _iso(m.until),
                "in_post": org.person_in_post(person.id, day),
                "gender": person.gender,
                "note": person.note,
                "posts": [post_json(org, post) for post in org.posts_of(person.id)],
                "oversees": [
                    {
                        "department": o.department,
                        "since": _iso(o.since),
                        "until": _iso(o.until),
                    }
                    for o in org.oversights_of(person.id)
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
                "kind": d.kind,
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
