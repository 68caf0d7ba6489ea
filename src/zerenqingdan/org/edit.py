"""Changing the org chart in zr.toml without losing the user's own edits.

zr.toml is edited through tomlkit, which keeps comments, blank lines and the
order of keys; only the records a command touches change. Every edit is
checked by loading the new text back before it replaces the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import re
from typing import NamedTuple

import tomlkit

from zerenqingdan import glossary
from zerenqingdan.dates import cn_date
from zerenqingdan.errors import InputError
from zerenqingdan.org.names import describe
from zerenqingdan.org.chart import Department, Member, OrgChart, Oversight, Person, org_from_text
from zerenqingdan.storage import atomic_write, display_path, read_text

if TYPE_CHECKING:
    from zerenqingdan.workspace import Workspace  # the facade above: a type only


class MemberDraft(NamedTuple):
    """A person to add, with their first post, before they have an id."""

    name: str
    role: str
    department: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    title: str = ""
    gender: str = ""
    note: str = ""


_ID_LIKE = re.compile(r"^[PDpd]\d+$")
_POST_KEYS = ("role", "department", "title", "since", "until")


def next_id(prefix: str, existing: list[str], width: int) -> str:
    """Ids are never reused: one more than the highest so far."""
    numbers = [int(i[len(prefix) :]) for i in existing if i.startswith(prefix) and i[len(prefix) :].isdigit()]
    return f"{prefix}{(max(numbers) + 1) if numbers else 1:0{width}d}"


def check_name(name: str, what: str) -> str:
    name = name.strip()
    if not name:
        raise InputError(f"{what}不能为空")
    bad = [c for c in name if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) <= 0xDFFF
                               or ord(c) in (0xFFFE, 0xFFFF))]
    if bad:
        shown = "、".join(f"U+{ord(c):04X}" for c in dict.fromkeys(bad))
        raise InputError(f"{what}中含有不可打印的控制字符（{shown}），请删除后再试")
    if len(name) > 60:
        raise InputError(f"{what}太长（{len(name)} 个字符，最多 60 个）")
    return name


def set_key(table, key: str, value) -> None:
    """``table[key] = value``, but a new key goes after the table's last key,
    not after the blank line that separates it from the next table (where a
    reader would take it for the next table's)."""
    if key in table:
        table[key] = value
        return
    body = table.value.body
    trailing = []
    while body and body[-1][0] is None:  # blank lines and comments at the end
        trailing.insert(0, body.pop()[1])
    table.add(key, value)
    for item in trailing:
        table.add(item)


class OrgEditor:
    """Load zr.toml once, apply changes, validate, and write it back atomically."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.path = workspace.config_path
        text = read_text(self.path)
        self.org = org_from_text(text, self.path)  # reports syntax errors nicely
        self.doc = tomlkit.parse(text)
        self.changed = False
        self.notices: list[str] = []  # what the command should tell besides its own result
        self._original: str | None = None  # the text before an upgrade, for the backup
        self._upgrade(text)

    def _upgrade(self, text: str) -> None:
        """The format before posts kept a member's role, department and dates
        in the [[member]] table: move each into a [[post]] of its own (the
        file is rewritten only if the command succeeds, with a backup)."""
        legacy = [t for t in self.doc.get("member", []) if any(k in t for k in _POST_KEYS)]
        if not legacy:
            return
        self._original = text
        posts = []
        for table in legacy:
            post = tomlkit.table()
            post.add("member", str(table.get("id", "")))
            for key in _POST_KEYS:
                if key in table:
                    post.add(key, table[key])
                    del table[key]
            posts.append(post)
        if "post" not in self.doc:
            self.doc.add(tomlkit.nl())
            self.doc.add("post", tomlkit.aot())
        for post in posts:
            self.doc["post"].append(post)
        self._refresh()

    # -- helpers ---------------------------------------------------------
    def _append(self, name: str, table, record) -> None:
        """Add a ``[[name]]`` record laid out like the others, and the same
        record to ``self.org`` (no re-parse: an import adds thousands)."""
        self._append_table(name, table)
        self._parts[name].append(record)  # the chart is rebuilt when next asked for
        self._dirty = True
        self.changed = True

    def _append_table(self, name: str, table) -> None:
        """Add ``table`` to the array ``[[name]]``, one blank line from its neighbours."""
        fresh = name not in self.doc
        if fresh:
            if not tomlkit.dumps(self.doc).endswith("\n\n"):
                self.doc.add(tomlkit.nl())
            self.doc.add(name, tomlkit.aot())
        tables = self.doc[name]
        if len(tables):  # one blank line between tables, as a person writes them
            table.trivia.indent = "" if tables[-1].as_string().endswith("\n\n") else "\n"
        if list(self.doc.keys())[-1] != name:
            table.add(tomlkit.nl())  # and before the next array of tables
        tables.append(table)
        if fresh:  # tomlkit spaces the tables of a new array its own way: read it back as a file
            self.doc = tomlkit.parse(tomlkit.dumps(self.doc))

    @property
    def org(self) -> OrgChart:
        if self._dirty:
            org, parts = self._org, self._parts
            self._org = OrgChart(org.unit, parts["department"], parts["post"], parts["oversight"], org.path,
                                 parts["member"])
            self._dirty = False
        return self._org

    @org.setter
    def org(self, value: OrgChart) -> None:
        self._org = value
        self._parts = {"department": list(value.departments), "member": list(value.persons),
                       "post": list(value.members), "oversight": list(value.oversights)}
        self._dirty = False
        self._numbers: dict[str, int] = {}

    def _next_id(self, prefix: str, width: int) -> str:
        """One more than the highest id so far (never reused)."""
        if prefix not in self._numbers:
            part = "member" if prefix == "P" else "department"
            self._numbers[prefix] = int(next_id(prefix, [r.id for r in self._parts[part]], width)[1:]) - 1
        self._numbers[prefix] += 1
        return f"{prefix}{self._numbers[prefix]:0{width}d}"

    def posts(self) -> list[Member]:
        """The posts so far, without rebuilding the chart (an import adds thousands)."""
        return self._parts["post"]

    def department_named(self, name: str) -> Department | None:
        return next((d for d in self._parts["department"] if d.name == name), None)

    def _refresh(self) -> None:
        # re-parse so that every edit starts from a document laid out as read
        text = tomlkit.dumps(self.doc)
        self.doc = tomlkit.parse(text)
        self.org = org_from_text(text, self.path)
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        text = tomlkit.dumps(self.doc)
        org_from_text(text, self.path)  # never write a file zr cannot read back
        from zerenqingdan import journal
        from zerenqingdan.storage import numbered_backup

        if self._original is not None:
            backup = numbered_backup(self.path)
            atomic_write(backup, self._original)
            self.notices.append(f"zr.toml 已升级为新格式（人员 [[member]] 与任职 [[post]] 分开记录），"
                                f"原文件备份为 {backup.name}")
            self._original = None
        atomic_write(self.path, text)
        journal.note(f"{display_path(self.path)} 已修改")

    # -- departments -----------------------------------------------------
    def add_department(self, name: str, flags: list[str] = ()) -> Department:
        name = check_name(name, "科室名称")
        if self.department_named(name):
            raise InputError(f"科室“{name}”已存在")
        for flag in flags:
            if flag not in glossary.DEPARTMENT_FLAGS:
                raise InputError(
                    f"标记“{flag}”无效（可用：{'、'.join(glossary.DEPARTMENT_FLAGS)}）"
                )
        dept_id = self._next_id("D", 2)
        table = tomlkit.table()
        table.add("id", dept_id)
        table.add("name", name)
        table.add("flags", list(dict.fromkeys(flags)))
        dept = Department(dept_id, name, tuple(dict.fromkeys(flags)))
        self._append("department", table, dept)
        return dept

    def ensure_department(self, name: str) -> Department:
        return self.department_named(name.strip()) or self.add_department(name)

    # -- persons and posts -----------------------------------------------
    def check_person_name(self, name: str) -> str:
        name = check_name(name, "姓名")
        taken = {p.id for p in self._parts["member"]} | {d.id for d in self._parts["department"]}
        if _ID_LIKE.match(name) or name in taken:
            raise InputError(f"姓名“{name}”像是编号（P001、D01 这样的写法留给编号），请写真实姓名")
        return name

    def _check_post(self, role: str, department: str | None, since, until, name: str) -> None:
        if role not in glossary.ROLES:
            raise InputError(f"角色“{role}”无效（应为 {glossary.role_choices()}）")
        if role in ("head", "staff") and not department:
            raise InputError(f"{glossary.ROLES[role]}“{name}”需要指定科室（--dept）")
        if since and until and since > until:
            raise InputError(f"任职起始 {since.isoformat()} 晚于任职结束 {until.isoformat()}")

    def _post_table(self, role: str, department: str | None, since, until, title: str, member_id: str):
        table = tomlkit.table()
        table.add("member", member_id)
        table.add("role", glossary.ROLES[role])
        if department:
            table.add("department", department)
        if title:
            table.add("title", title)
        if since:
            table.add("since", since)
        if until:
            table.add("until", until)
        return table

    def add_member(self, draft: MemberDraft) -> Member:
        name = self.check_person_name(draft.name)
        title = check_name(draft.title, "职务") if draft.title.strip() else ""
        self._check_post(draft.role, draft.department, draft.since, draft.until, name)
        member_id = self._next_id("P", 3)
        table = tomlkit.table()
        table.add("id", member_id)
        table.add("name", name)
        if draft.gender:
            table.add("gender", draft.gender)
        if draft.note:
            table.add("note", check_name(draft.note, "备注"))
        self._append("member", table, Person(member_id, name, draft.gender, draft.note))
        post = Member(member_id, name, draft.role, draft.department, draft.since, draft.until, None, title)
        self._append("post", self._post_table(draft.role, draft.department, draft.since, draft.until, title,
                                              member_id), post)
        return post

    def _post_index(self, post: Member) -> int:
        return list(self.org.members).index(post)

    def _end_oversights(self, member_id: str, until: dt.date, messages: list[str]) -> None:
        """End the person's 分管 on ``until``; one that would only start later is dropped."""
        drop = []
        for index, item in enumerate(self.org.oversights):
            if item.member != member_id or (item.until is not None and item.until <= until):
                continue
            dept = self.org.department(item.department)
            if item.since and item.since > until:
                drop.append(index)
                messages.append(f"  其自 {cn_date(item.since)} 起对 {dept.name} 的分管一并撤销")
                continue
            set_key(self._oversight_table(index), "until", until)
            messages.append(f"  其分管的 {dept.name} 同时截止于 {cn_date(until)}，请用 zr org assign 另行安排")
        for index in reversed(drop):
            del self.doc["oversight"][index]

    def set_until(self, member: Member, until: dt.date) -> str:
        """The person leaves: every post still open after ``until`` ends then."""
        posts = [p for p in self.org.posts_of(member.id) if p.until is None or p.until > until]
        if not posts:
            raise InputError(f"{describe(self.org, member)} 在 {cn_date(until)} 之前已经离任")
        for post in posts:
            if post.since and until < post.since:
                raise InputError(f"离任日期 {until.isoformat()} 早于任职起始 {post.since.isoformat()}")
        for post in posts:
            set_key(self.doc["post"][self._post_index(post)], "until", until)
        messages = [f"{describe(self.org, member)} 任职至 {cn_date(until)}"]
        self._end_oversights(member.id, until, messages)
        self._refresh()
        return "\n".join(messages)

    def move(self, member: Member, since: dt.date, *, role: str | None = None, department: str | None = None,
             title: str | None = None) -> list[str]:
        """A new post from ``since`` (promotion, transfer, new title): the post
        held the day before ends then; what is not given carries over."""
        org = self.org
        current = org.member(member.id, since)
        if not org.in_post(current, since) and not org.in_post(current, since - dt.timedelta(days=1)):
            raise InputError(f"{describe(org, member)} 在 {cn_date(since)} 前后都不在任，不能调整任职；"
                             "新到任的人请用 zr org add")
        role = role or current.role
        if department is None:
            department = current.department if role in ("head", "staff", "assistant") or role == current.role else None
        if role in ("secretary", "leader", "discipline") and current.role in ("head", "staff"):
            department = None if department == current.department else department
        title = current.title if title is None else check_name(title, "职务") if title.strip() else ""
        if (role, department, title) == (current.role, current.department, current.title):
            raise InputError(f"{describe(org, member)} 的任职没有变化（角色、科室、职务都相同）")
        self._check_post(role, department, since, current.until, member.name)
        messages = []
        if current.since and current.since >= since:
            raise InputError(f"{describe(org, member)} 现任职务自 {cn_date(current.since)} 起；新任职的日期应晚于它，"
                             "如是录错了，请加 --fix 直接改正")
        day_before = since - dt.timedelta(days=1)
        set_key(self.doc["post"][self._post_index(current)], "until", day_before)
        messages.append(f"{describe(org, current)}：原任职至 {cn_date(day_before)}")
        if role not in glossary.OVERSEERS and org.overseen_by(member.id, since):
            self._end_oversights(member.id, day_before, messages)
        self._append_table("post", self._post_table(role, department, since, current.until, title, member.id))
        self._refresh()
        new = self.org.member(member.id, since)
        messages.append(f"自 {cn_date(since)} 起：{self.org.post_label(new)}"
                        + (f"（{self.org.department(new.department).name}）" if new.department else ""))
        return messages

    def fix_post(self, member: Member, day: dt.date, *, role: str | None = None, department: str | None = None,
                 title: str | None = None) -> list[str]:
        """Correct the post held on ``day`` in place (a typo, not a change)."""
        post = self.org.member(member.id, day)
        table = self.doc["post"][self._post_index(post)]
        role = role or post.role
        if department is not None:
            set_key(table, "department", department)
        if role != post.role:
            self._check_post(role, department or post.department, post.since, post.until, member.name)
            set_key(table, "role", glossary.ROLES[role])
        if title is not None:
            if title.strip():
                set_key(table, "title", check_name(title, "职务"))
            elif "title" in table:
                del table["title"]
        self._refresh()
        fixed = self.org.member(member.id, day)
        return [f"已改正 {describe(self.org, fixed)} 的任职：{self.org.post_label(fixed)}"]

    def rename(self, member: Member, name: str) -> str:
        name = self.check_person_name(name)
        old = member.name
        self._member_table(member.id)["name"] = name
        self._refresh()
        return f"已将 {old}（{member.id}）改名为 {name}"

    def remove(self, member: Member) -> str:
        """Delete a person entered by mistake, with their posts and 分管."""
        text = describe(self.org, member)
        for key, field in (("member", "id"), ("post", "member"), ("oversight", "member")):
            tables = self.doc.get(key, [])
            for index in reversed(range(len(tables))):
                if tables[index].get(field) == member.id:
                    del tables[index]
        self._refresh()
        return f"已删除 {text}（及其任职和分管记录）"

    def remove_department(self, dept: Department, records: list[tuple[int, int]]) -> str:
        """Delete a department entered by mistake: only when nobody ever
        belonged to it, nobody oversees it and no record (``records``: per
        year, from the ledgers) names it."""
        people = [m for m in self.org.members if m.department == dept.id]
        overseers = [o for o in self.org.oversights if o.department == dept.id]
        reasons = []
        if people:
            names = "、".join(dict.fromkeys(m.name for m in people))
            reasons.append(f"有人在此任职（含已离任的）：{names}")
        if overseers:
            reasons.append("有分管记录：" + "、".join(dict.fromkeys(self.org.member(o.member).name for o in overseers)))
        if records:
            reasons.append("台账中有记录涉及它：" + "、".join(f"{year} 年 {count} 条" for year, count in records))
        if reasons:
            raise InputError(f"{dept.name}（{dept.id}）不能删除：" + "；".join(reasons),
                             ["科室撤销或合并请保留原科室（人员用 zr org move 调整），改名用 zr org dept 科室 --name 新名称"])
        tables = self.doc.get("department", [])
        for index in reversed(range(len(tables))):
            if tables[index].get("id") == dept.id:
                del tables[index]
        self._refresh()
        return f"已删除科室 {dept.name}（{dept.id}）"

    def update_department(self, dept: Department, *, name: str | None = None, flags: list[str] | None = None,
                          kind: str | None = None) -> list[str]:
        table = next(t for t in self.doc["department"] if t.get("id") == dept.id)
        messages = []
        if name is not None:
            name = check_name(name, "科室名称")
            other = self.org.department_named(name)
            if other and other.id != dept.id:
                raise InputError(f"科室“{name}”已存在（{other.id}）")
            set_key(table, "name", name)
            messages.append(f"{dept.name} 改名为 {name}")
        if flags is not None:
            for flag in flags:
                if flag not in glossary.DEPARTMENT_FLAGS:
                    raise InputError(f"标记“{flag}”无效（可用：{'、'.join(glossary.DEPARTMENT_FLAGS)}）")
            set_key(table, "flags", list(dict.fromkeys(flags)))
            messages.append(f"{name or dept.name} 的性质：{'、'.join(flags) or '无'}")
        if kind is not None:
            code = glossary.DEPARTMENT_KIND_ALIASES.get(kind.strip())
            if code is None:
                raise InputError(f"类别“{kind}”无效（可用：科室、直属单位（二级机构））")
            if code == "科室" and "kind" in table:
                del table["kind"]
            elif code != "科室":
                set_key(table, "kind", code)
            messages.append(f"{name or dept.name} 的类别：{code}")
        if not messages:
            raise InputError("请写明要改什么：--name 新名称、--flag 性质、--kind 科室|直属单位")
        self._refresh()
        return messages

    def update_unit(self, **values: str | None) -> list[str]:
        table = self.doc["unit"]
        labels = {"name": "单位名称", "superior": "上级党委", "superior_discipline": "上级纪委",
                  "party_body": "党组织", "discipline_body": "纪检机构", "code": "单位代码"}
        messages = []
        for key, value in values.items():
            if value is None:
                continue
            value = check_name(value, labels[key])
            if key == "party_body" and value not in glossary.PARTY_BODIES:
                raise InputError(f"党组织应为 {'/'.join(glossary.PARTY_BODIES)}")
            if key == "discipline_body" and value not in glossary.DISCIPLINE_BODIES:
                raise InputError(f"纪检机构应为 {'/'.join(glossary.DISCIPLINE_BODIES)}")
            if key == "code":
                check_unit_code(value)
            set_key(table, key, value)
            messages.append(f"{labels[key]}：{value}")
        if not messages:
            raise InputError("请写明要改什么：--name、--code、--superior、--superior-discipline、--party-body、--discipline-body")
        self._refresh()
        return messages

    def set_year(self, year: int) -> None:
        set_key(self.doc["unit"], "year", year)
        self._refresh()

    def _member_table(self, member_id: str):
        for table in self.doc.get("member", []):
            if table.get("id") == member_id:
                return table
        raise InputError(f"人员 {member_id} 不在 zr.toml 中")

    def _oversight_table(self, index: int):
        return self.doc["oversight"][index]

    # -- oversight (分管) -------------------------------------------------
    def assign(self, member: Member, departments: list[Department], since: dt.date) -> list[str]:
        """``member`` oversees each department from ``since``; the previous
        overseer's term ends the day before."""
        org = self.org.for_year(since.year)
        post = org.member(member.id, since)
        if not org.in_post(post, since):
            raise InputError(f"{describe(org, member)} 在 {since.isoformat()} 不在任，不能分管科室")
        if post.role not in glossary.OVERSEERS:
            raise InputError(
                f"{describe(org, post)} 是{org.role_label(post)}，只有领导班子成员可以分管科室"
            )
        messages: list[str] = []
        for dept in departments:
            current = org.overseers_of(dept.id, since)
            if current == [member.id]:
                messages.append(f"{dept.name}：已由 {member.name} 分管，未变更")
                continue
            drop: list[int] = []
            before = len(messages)
            for index, item in enumerate(org.oversights):
                if item.department != dept.id or item.member == member.id:
                    continue
                start, end = org.oversight_span(item)
                if not start <= since <= end:
                    continue
                previous = org.member(item.member)
                if start >= since:
                    drop.append(index)
                    messages.append(f"{dept.name}：撤销 {previous.name} 自 {cn_date(start)} 起的分管")
                else:
                    day_before = since - dt.timedelta(days=1)
                    set_key(self._oversight_table(index), "until", day_before)
                    messages.append(f"{dept.name}：{previous.name} 分管至 {cn_date(day_before)}")
            for index in sorted(drop, reverse=True):
                del self.doc["oversight"][index]
            if len(messages) > before:  # earlier records changed: read the document again
                self._refresh()
            table = tomlkit.table()
            table.add("member", member.id)
            table.add("department", dept.id)
            table.add("since", since)
            self._append("oversight", table, Oversight(member.id, dept.id, since))
            org = self.org.for_year(since.year)
            messages.append(f"{dept.name}：自 {cn_date(since)} 起由 {member.name} 分管")
        return messages

    def unassign(self, member: Member, departments: list[Department], until: dt.date) -> list[str]:
        messages = []
        for dept in departments:
            hit = False
            org = self.org.for_year(until.year)
            for index, item in enumerate(org.oversights):
                if item.member != member.id or item.department != dept.id:
                    continue
                start, end = org.oversight_span(item)
                if start <= until <= end:
                    set_key(self._oversight_table(index), "until", until)
                    hit = True
            if not hit:
                raise InputError(f"{member.name} 在 {until.isoformat()} 并不分管 {dept.name}")
            messages.append(f"{dept.name}：{member.name} 分管至 {cn_date(until)}")
        self._refresh()
        return messages


def check_unit_code(value: str) -> str:
    """A unit code as the superior 纪委 gives it: letters, digits, - _ ."""
    from zerenqingdan.org.chart import UNIT_CODE

    if not UNIT_CODE.match(value):
        raise InputError(f"单位代码“{value}”无效：只能由字母、数字、“-”“_”“.”组成，不超过 40 个字符",
                         ["例如统一社会信用代码 11330100MB0000000X，或上级纪委编的 XJ-017"])
    return value
