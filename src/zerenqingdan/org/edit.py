"""Changing the org chart in zr.toml without losing the user's own edits.

zr.toml is edited through tomlkit, which keeps comments, blank lines and the
order of keys; only the records a command touches change. Every edit is
checked by loading the new text back before it replaces the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from typing import NamedTuple

import tomlkit

from zerenqingdan import glossary
from zerenqingdan.dates import cn_date
from zerenqingdan.errors import InputError
from zerenqingdan.org.names import describe
from zerenqingdan.org.chart import Department, Member, OrgChart, Oversight, org_from_text
from zerenqingdan.storage import atomic_write, display_path, read_text

if TYPE_CHECKING:
    from zerenqingdan.workspace import Workspace  # the facade above: a type only


class MemberDraft(NamedTuple):
    """A member to add, before it has an id."""

    name: str
    role: str
    department: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


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


class OrgEditor:
    """Load zr.toml once, apply changes, validate, and write it back atomically."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.path = workspace.config_path
        text = read_text(self.path)
        self.org = org_from_text(text, self.path)  # reports syntax errors nicely
        self.doc = tomlkit.parse(text)
        self.changed = False
        self._fresh: set[str] = set()  # arrays of tables created since the last parse

    # -- helpers ---------------------------------------------------------
    def _append(self, name: str, table, record) -> None:
        """Add a ``[[name]]`` record laid out like the others, and the same
        record to ``self.org`` (no re-parse: an import adds thousands)."""
        if name not in self.doc:
            self.doc.add(tomlkit.nl())
            self.doc.add(name, tomlkit.aot())
            self._fresh.add(name)
        if name not in self._fresh:  # tomlkit separates only the tables it created
            table.add(tomlkit.nl())
        self.doc[name].append(table)
        org = self.org
        parts = {"department": org.departments, "member": org.members, "oversight": org.oversights}
        parts[name] = (*parts[name], record)
        self.org = OrgChart(org.unit, parts["department"], parts["member"], parts["oversight"], org.path)
        self.changed = True

    def _refresh(self) -> None:
        # re-parse so that every edit starts from a document laid out as read
        text = tomlkit.dumps(self.doc)
        self.doc = tomlkit.parse(text)
        self._fresh = set()
        self.org = org_from_text(text, self.path)
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        text = tomlkit.dumps(self.doc)
        org_from_text(text, self.path)  # never write a file zr cannot read back
        atomic_write(self.path, text)
        from zerenqingdan import journal

        journal.note(f"{display_path(self.path)} 已修改")

    # -- departments -----------------------------------------------------
    def add_department(self, name: str, flags: list[str] = ()) -> Department:
        name = check_name(name, "科室名称")
        if self.org.department_named(name):
            raise InputError(f"科室“{name}”已存在")
        for flag in flags:
            if flag not in glossary.DEPARTMENT_FLAGS:
                raise InputError(
                    f"标记“{flag}”无效（可用：{'、'.join(glossary.DEPARTMENT_FLAGS)}）"
                )
        dept_id = next_id("D", [d.id for d in self.org.departments], 2)
        table = tomlkit.table()
        table.add("id", dept_id)
        table.add("name", name)
        table.add("flags", list(dict.fromkeys(flags)))
        self._append("department", table, Department(dept_id, name, tuple(dict.fromkeys(flags))))
        return self.org.department(dept_id)

    def ensure_department(self, name: str) -> Department:
        return self.org.department_named(name.strip()) or self.add_department(name)

    # -- members ---------------------------------------------------------
    def add_member(self, draft: MemberDraft) -> Member:
        name = check_name(draft.name, "姓名")
        if draft.role not in glossary.ROLES:
            raise InputError(f"角色“{draft.role}”无效（应为 {glossary.role_choices()}）")
        if draft.role in ("head", "staff") and not draft.department:
            raise InputError(f"{glossary.ROLES[draft.role]}“{name}”需要指定科室（--dept）")
        if draft.since and draft.until and draft.since > draft.until:
            raise InputError(
                f"任职起始 {draft.since.isoformat()} 晚于任职结束 {draft.until.isoformat()}"
            )
        self._check_in_year(draft.since, "任职起始", allow_before=True)
        member_id = next_id("P", [m.id for m in self.org.members], 3)
        table = tomlkit.table()
        table.add("id", member_id)
        table.add("name", name)
        table.add("role", glossary.ROLES[draft.role])
        if draft.department:
            table.add("department", draft.department)
        if draft.since:
            table.add("since", draft.since)
        if draft.until:
            table.add("until", draft.until)
        self._append("member", table, Member(member_id, name, draft.role, draft.department, draft.since, draft.until))
        return self.org.member(member_id)

    def set_until(self, member: Member, until: dt.date) -> str:
        start, _ = self.org.term(member)
        if member.since and until < member.since:
            raise InputError(f"离任日期 {until.isoformat()} 早于任职起始 {member.since.isoformat()}")
        table = self._member_table(member.id)
        table["until"] = until
        messages = [f"{describe(self.org, member)} 任职至 {cn_date(until)}"]
        for index, item in enumerate(self.org.oversights):
            if item.member == member.id and (item.until is None or item.until > until):
                self._oversight_table(index)["until"] = until
                dept = self.org.department(item.department)
                messages.append(f"  其分管的 {dept.name} 同时截止于 {cn_date(until)}，请用 zr org assign 另行安排")
        self._refresh()
        return "\n".join(messages)

    def _member_table(self, member_id: str):
        for table in self.doc.get("member", []):
            if table.get("id") == member_id:
                return table
        raise InputError(f"人员 {member_id} 不在 zr.toml 中")

    def _oversight_table(self, index: int):
        return self.doc["oversight"][index]

    def _check_in_year(self, day: dt.date | None, what: str, allow_before: bool = False) -> None:
        if day is None:
            return
        unit = self.org.unit
        if day > unit.end or (not allow_before and day < unit.start):
            raise InputError(f"{what} {day.isoformat()} 不在工作区年度 {unit.year} 年内")

    # -- oversight (分管) -------------------------------------------------
    def assign(self, member: Member, departments: list[Department], since: dt.date) -> list[str]:
        """``member`` oversees each department from ``since``; the previous
        overseer's term ends the day before."""
        org = self.org
        if member.role not in glossary.OVERSEERS:
            raise InputError(
                f"{describe(org, member)} 是{org.role_label(member)}，只有领导班子成员可以分管科室"
            )
        self._check_in_year(since, "分管起始日期")
        if not org.in_post(member, since):
            raise InputError(f"{describe(org, member)} 在 {since.isoformat()} 不在任，不能分管科室")
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
                start, end = org.oversight_term(item)
                if not start <= since <= end:
                    continue
                previous = org.member(item.member)
                if start >= since:
                    drop.append(index)
                    messages.append(f"{dept.name}：撤销 {previous.name} 自 {cn_date(start)} 起的分管")
                else:
                    day_before = since - dt.timedelta(days=1)
                    self._oversight_table(index)["until"] = day_before
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
            org = self.org
            messages.append(f"{dept.name}：自 {cn_date(since)} 起由 {member.name} 分管")
        return messages

    def unassign(self, member: Member, departments: list[Department], until: dt.date) -> list[str]:
        messages = []
        for dept in departments:
            hit = False
            for index, item in enumerate(self.org.oversights):
                if item.member != member.id or item.department != dept.id:
                    continue
                start, end = self.org.oversight_term(item)
                if start <= until <= end:
                    self._oversight_table(index)["until"] = until
                    hit = True
            if not hit:
                raise InputError(f"{member.name} 在 {until.isoformat()} 并不分管 {dept.name}")
            messages.append(f"{dept.name}：{member.name} 分管至 {cn_date(until)}")
        self._refresh()
        return messages
