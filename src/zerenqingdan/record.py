"""Recording an event in the ledger: check everything, then append one block."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from typing import NamedTuple
from pathlib import Path

from zerenqingdan import ledger as L
from zerenqingdan.catalog import Catalog
from zerenqingdan import dates
from zerenqingdan.dates import cn_date, parse_date
from zerenqingdan.errors import InputError
from zerenqingdan.names import describe, resolve_department, resolve_members
from zerenqingdan.orgchart import OrgChart
from zerenqingdan.storage import locked
from zerenqingdan.workspace import Workspace

MAX_TEXT = 2000


class EventInput(NamedTuple):
    kind: str
    type: str | None = None
    by: str = ""
    with_: str = ""
    departments: str = ""
    date: str | None = None
    topic: str = ""
    note: str = ""
    evidence: tuple[str, ...] = ()


def clean_text(value: str, what: str) -> str:
    value = (value or "").strip()
    bad = sorted({c for c in value if (ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0
                  or 0xD800 <= ord(c) <= 0xDFFF or ord(c) in (0xFFFE, 0xFFFF)})
    if bad:
        shown = "、".join(f"U+{ord(c):04X}" for c in bad)
        raise InputError(f"{what}中含有不可打印的控制字符（{shown}），请删除后再试")
    if len(value) > MAX_TEXT:
        raise InputError(f"{what}太长（{len(value)} 个字符，最多 {MAX_TEXT} 个）")
    return value


def resolve_type(catalog: Catalog, kind: str, type_: str | None) -> str | None:
    allowed = catalog.types.get(kind, ())
    if type_:
        type_ = type_.strip()
        if type_ not in allowed:
            choices = "、".join(allowed) if allowed else "（本类没有类型）"
            raise InputError(f"{L.KINDS[kind]}类型“{type_}”不在本单位清单目录中（可用：{choices}）")
        return type_
    if len(allowed) == 1:
        return allowed[0]
    if len(allowed) > 1:
        raise InputError(f"请用 --type 指明{L.KINDS[kind]}类型（{'、'.join(allowed)}）")
    return None


def build_entry(org: OrgChart, catalog: Catalog, event: EventInput, workspace: Workspace,
                *, entry_id: str = "", now: dt.datetime | None = None) -> L.Entry:
    if event.kind not in L.KINDS:
        raise InputError(f"未知的事件类别“{event.kind}”")
    type_ = resolve_type(catalog, event.kind, event.type)
    year = org.unit.year
    day = parse_date(event.date, year=year, what="--date") if event.date else dates.today()
    if day.year != year:
        raise InputError(f"日期 {cn_date(day)} 不在台账年度 {year} 年内（本工作区是 {year} 年度）")
    if day > dates.today():
        raise InputError(f"日期 {cn_date(day)} 还没到，不能预先记录")
    by = resolve_members(org, event.by) if event.by else []
    with_ = resolve_members(org, event.with_) if event.with_ else []
    if not by:
        raise InputError("请用 --by 写明主持人或谈话人（姓名或编号，多人用逗号分隔）")
    if event.kind == "talk" and not with_:
        raise InputError("谈话要有谈话对象：请用 --with 写明（姓名或编号，多人用逗号分隔）")
    for member in (*by, *with_):
        if not org.in_post(member, day):
            term = []
            if member.since:
                term.append(f"{cn_date(member.since)}起")
            if member.until:
                term.append(f"至{cn_date(member.until)}")
            raise InputError(f"{describe(org, member)} 在 {cn_date(day)} 不在任（任职{''.join(term)}）")
    departments = []
    for part in [p for p in event.departments.replace("，", ",").replace("、", ",").split(",") if p.strip()]:
        dept = resolve_department(org, part)
        if dept.id not in departments:
            departments.append(dept.id)
    evidence = tuple(_evidence(path, workspace) for path in event.evidence)
    return L.Entry(
        id=entry_id,
        date=day,
        kind=event.kind,
        type=type_,
        by=tuple(m.id for m in by),
        with_=tuple(m.id for m in with_ if m not in by),
        departments=tuple(departments),
        topic=clean_text(event.topic, "主题"),
        note=clean_text(event.note, "备注"),
        evidence=evidence,
        recorded_at=now or L.now(),
    )


def _evidence(text: str, workspace: Workspace) -> L.Evidence:
    path = Path(text).expanduser()
    if not path.is_file():
        raise InputError(f"找不到佐证材料文件 {text}")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    relative = os.path.relpath(path.resolve(), workspace.root)
    return L.Evidence(relative.replace(os.sep, "/"), digest.hexdigest())


def append_entry(workspace: Workspace, entry: L.Entry, year: int) -> L.Entry:
    """Give the entry its id and append it, under the lock."""
    path = workspace.ledger_path(year)
    with locked(workspace.lock_path):
        entry = entry._replace(id=L.next_id(path, year))
        L.append_block(path, L.entry_block(entry), year)
    return entry


def append_entries(workspace: Workspace, entries: list[L.Entry], year: int) -> list[L.Entry]:
    """Several entries in one block (used by zr demo), numbered in order."""
    path = workspace.ledger_path(year)
    with locked(workspace.lock_path):
        first = int(L.next_id(path, year).split("-")[1])
        numbered = [e._replace(id=f"{year}-{first + i:04d}") for i, e in enumerate(entries)]
        L.append_block(path, "".join(L.entry_block(e) for e in numbered), year)
    return numbered


def void_entry(workspace: Workspace, year: int, entry_id: str, reason: str) -> L.Void:
    reason = clean_text(reason, "作废原因")
    if not reason:
        raise InputError("作废要写明原因：--reason 原因")
    path = workspace.ledger_path(year)
    with locked(workspace.lock_path):
        ledger = L.read_ledger(path, year)
        if ledger.entry(entry_id) is None:
            raise InputError(f"台账中没有编号为 {entry_id} 的记录")
        if entry_id in ledger.voided():
            raise InputError(f"记录 {entry_id} 已于此前作废（原因：{ledger.voided()[entry_id].reason}）")
        void = L.Void(entry_id, reason, L.now())
        L.append_block(path, L.void_block(void), year)
    return void
