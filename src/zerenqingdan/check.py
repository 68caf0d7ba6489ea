"""``zr check``: the whole workspace at once — org chart, catalog, ledger.

Returns findings as ``file:line: message`` strings; an empty list means clean.
"""

from __future__ import annotations

import datetime as dt

import re
from pathlib import Path

from zerenqingdan.policy.catalog import Catalog
from zerenqingdan.dates import cn_date
from zerenqingdan.errors import ConfigError
from zerenqingdan.ledger.store import Ledger
from zerenqingdan.org.chart import OrgChart
from zerenqingdan.storage import file_sha256, unsafe_chars
from zerenqingdan.workspace import Workspace


def check_workspace(ws: Workspace) -> list[str]:
    from zerenqingdan.org.check import check_org

    findings: list[str] = []
    try:
        org = ws.load_org()
    except ConfigError as exc:
        return [*_lines(exc)]
    try:
        catalog = ws.load_catalog(org)
    except ConfigError as exc:
        findings += _lines(exc)
        catalog = None
    findings[:0] = [f.render() for f in check_org(org, catalog)]
    for duty in catalog.duties if catalog is not None else ():
        for key, value in (("title", duty.title), ("note", duty.note)):
            if unsafe_chars(value):
                where = f"{duty.origin.where()}: {duty.origin.keypath}" if duty.origin else duty.id
                findings.append(f"{where}: {key} 含有不可打印的控制字符（{'、'.join(unsafe_chars(value))}），请删除")
    for year in sorted(set(ws.years()) | {org.unit.year}):
        if year != org.unit.year and not ws.ledger_path(year).exists():
            continue
        try:
            ledger = ws.load_ledger(year)
        except ConfigError as exc:
            findings += _lines(exc)
            continue
        year_catalog = catalog
        if year != org.unit.year:
            try:
                year_catalog = ws.load_catalog(org, year)
            except ConfigError as exc:
                findings += _lines(exc)
                year_catalog = None
        findings += check_ledger(ledger, org.for_year(year), year_catalog, ws.root)
        if year_catalog is not None:
            earlier = ws.load_ledger(year - 1).valid() if ws.ledger_path(year - 1).is_file() else []
            findings += check_dates(ledger, year_catalog, earlier)
    return findings


_LOCATED = re.compile(r"^\S+\.toml(:\d+)?(:\d+)?[:：]")


def _lines(exc: ConfigError) -> list[str]:
    """An error as findings: one per located problem it lists, or itself as
    one finding (a syntax error with the line it quotes is one problem)."""
    located = [d.strip() for d in exc.details if _LOCATED.match(d.strip())]
    return located or ["\n  ".join([exc.message, *(d.strip() for d in exc.details)])]


YEAR_END_WORDS = ("年底", "年终")
YEAR_END_FROM = (10, 1)  # a year-end duty done before October is a date typed wrong


def check_dates(ledger: Ledger, catalog: Catalog, earlier: list) -> list[str]:
    """Dates that make no sense for what the record is, which zr does not
    count: a follow-up (minutes, a report after a meeting) with no meeting
    before it; a year-end duty (年底、年终) recorded before October."""
    out = []
    entries = ledger.valid()
    follow_ups = [d for d in catalog.duties if d.trigger is not None and not d.trigger.before]
    year_end = [d for d in catalog.duties if d.trigger is None and d.when in YEAR_END_WORDS]
    other_types = {(d.event, d.type) for d in catalog.duties if d.when not in YEAR_END_WORDS or d.trigger}
    untriggered = {(d.event, d.type) for d in catalog.duties if d.trigger is None}
    for e in entries:
        # every follow-up duty this record may answer, judged together: a 告知书 after
        # an audit is not wrong for lacking a 财政监督检查 before it (004 七(七))
        answering = [d for d in follow_ups if e.kind == d.event and (not d.type or e.type == d.type)
                     and (d.event, d.type) not in untriggered]  # a type untriggered duties share: no telling
        if answering and not any(
                x.kind == d.trigger.event and (d.trigger.type is None or x.type == d.trigger.type) and x.date <= e.date
                for d in answering for x in (*earlier, *entries)):
            wanted = "或".join(dict.fromkeys(d.trigger.type or d.trigger.event for d in answering))
            titles = "”“".join(d.title for d in answering)
            out.append(f"{e.source.where()}: {e.id}: {e.type or e.kind}记于 {cn_date(e.date)}，此前台账中没有"
                       f"{wanted}的记录：日期或类型是否记错？（不计入“{titles}”）")
        for duty in year_end:
            if e.kind == duty.event and e.type == duty.type and (e.kind, e.type) not in other_types \
                    and (e.date.month, e.date.day) < YEAR_END_FROM:
                out.append(f"{e.source.where()}: {e.id}: “{duty.title}”是{duty.when}的事项，却记于 {cn_date(e.date)}："
                           f"日期是否记错？（不计入）")
    return out


def check_ledger(ledger: Ledger, org: OrgChart, catalog: Catalog | None, root: Path) -> list[str]:
    out = list(ledger.problems)
    voided_ids = {v.entry for v in ledger.voids}
    members = {p.id: p for p in org.persons}
    low, high = dt.date.min, dt.date.max
    terms = {pid: [(p.since or low, p.until or high) for p in org.posts_of(pid)] for pid in members}
    spans = {pid: t[0] for pid, t in terms.items() if len(t) == 1}
    depts = {d.id for d in org.departments}
    seen: dict[str, object] = {}
    year = ledger.year
    catalog_types = catalog.types if catalog is not None else None
    for e in ledger.entries:
        found: list[str] = []
        if e.id in seen:
            found.append(f"编号重复（另见 {seen[e.id].where()}）")
        else:
            seen[e.id] = e.source
        if e.id in voided_ids:  # voided: what was wrong with it is why; only a twin id still matters
            if found:
                out.extend(f"{e.source.where()}: {e.id}: {message}" for message in found)
            continue
        if not (e.topic + e.note + (e.type or "")).isprintable() or not "".join(
                (*e.by, *e.with_, *e.departments)).isprintable():  # rare: look closer
            for key, value in (("type", e.type or ""), ("topic", e.topic), ("note", e.note),
                               *(("by", p) for p in e.by), *(("with", p) for p in e.with_),
                               *(("departments", d) for d in e.departments)):
                bad = unsafe_chars(value)
                if bad:
                    found.append(f"{key} 含有不可打印的控制字符（{'、'.join(bad)}），请删除")
        if e.date.year != year:
            found.append(f"日期 {cn_date(e.date)} 不在 {year} 年度")
        if not e.by:
            found.append("没有主持人（by）")
        if e.kind == "talk" and not e.with_:
            found.append("谈话没有谈话对象（with）")
        day = e.date
        for pid in (e.by + e.with_ if e.with_ else e.by):
            span = spans.get(pid)
            if span is not None and span[0] <= day <= span[1]:
                continue  # one post, in it that day: the common case, without a generator
            member = members.get(pid)
            if member is None:
                found.append(f"人员 {pid} 不存在")
            elif not any(a <= day <= b for a, b in terms[pid]):
                found.append(f"{member.name}（{pid}）在 {cn_date(day)} 不在任")
        for did in e.departments:
            if did not in depts:
                found.append(f"科室 {did} 不存在")
        if catalog_types is not None and e.type and e.type not in catalog_types.get(e.kind, ()):
            allowed = catalog_types.get(e.kind, ())
            found.append(f"类型“{e.type}”不在清单目录的 {e.kind} 类型中（可用：{'、'.join(allowed) or '无'}）")
        for item in e.evidence:
            path = root / item.path
            if not path.is_file():
                found.append(f"佐证材料 {item.path} 不存在")
            elif item.sha256 and file_sha256(path) != item.sha256:
                found.append(f"佐证材料 {item.path} 在记录后被修改过（SHA-256 不符）")
        if found:
            where = f"{e.source.where()}: {e.id}"
            out.extend(f"{where}: {message}" for message in found)
    voided: dict[str, str] = {}
    for v in ledger.voids:
        where = f"{v.source.where()}: 作废 {v.entry}"
        if v.entry not in seen:
            out.append(f"{where}: 没有这条记录")
        if unsafe_chars(v.reason):
            out.append(f"{where}: reason 含有不可打印的控制字符（{'、'.join(unsafe_chars(v.reason))}），请删除")
        if not v.reason.strip():
            out.append(f"{where}: 没有写作废原因（reason）")
        if v.entry in voided:
            out.append(f"{where}: 重复作废（另见 {voided[v.entry]}）")
        voided.setdefault(v.entry, v.source.where())
    return out


