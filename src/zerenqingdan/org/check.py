"""Rules the org chart should obey, each a small function returning findings.

A finding names the record (file:line), says what is wrong in plain Chinese,
and cites the source article it comes from (see shared domain notes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import NamedTuple

from zerenqingdan import glossary
from zerenqingdan.dates import cn_date
from zerenqingdan.org.names import describe
from zerenqingdan.org.chart import OrgChart, Source
from zerenqingdan.storage import display_path

ONE_DAY = dt.timedelta(days=1)


class Finding(NamedTuple):
    message: str
    basis: str  # the source article, e.g. "001 三(三)"; or "数据一致性"
    source: Source | None = None

    def render(self) -> str:
        where = f"{self.source.where()}: " if self.source else ""
        return f"{where}{self.message}〔依据：{self.basis}〕"


def _spans(points: list[tuple[dt.date, dt.date]], start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The parts of [start, end] that no (a, b) range covers."""
    gaps = []
    cursor = start
    for a, b in sorted(points):
        if a > cursor:
            gaps.append((cursor, min(a - ONE_DAY, end)))
        cursor = max(cursor, b + ONE_DAY)
        if cursor > end:
            break
    if cursor <= end:
        gaps.append((cursor, end))
    return [(a, b) for a, b in gaps if a <= b]


def _range(a: dt.date, b: dt.date) -> str:
    return cn_date(a) if a == b else f"{cn_date(a)}至{cn_date(b)}"


def each_department_overseen_once(org: OrgChart) -> Iterator[Finding]:
    basis = "003 第十一条；000 二(三)1"
    for dept in org.departments:
        if glossary.DISCIPLINE_FLAG in dept.flags:
            continue  # the discipline body's own office answers to its head
        terms = [
            (org.oversight_term(o), o)
            for o in org.oversights
            if o.department == dept.id
        ]
        terms = [(t, o) for t, o in terms if t[0] <= t[1]]
        for (a, b) in _spans([t for t, _ in terms], org.unit.start, org.unit.end):
            yield Finding(f"{dept.name}（{dept.id}）在 {_range(a, b)} 没有分管领导", basis, dept.source)
        for i, ((a1, b1), o1) in enumerate(terms):
            for (a2, b2), o2 in terms[i + 1 :]:
                if o1.member == o2.member:
                    continue
                a, b = max(a1, a2), min(b1, b2)
                if a <= b:
                    m1, m2 = org.member(o1.member), org.member(o2.member)
                    yield Finding(
                        f"{dept.name}（{dept.id}）在 {_range(a, b)} 同时由 {describe(org, m1)} 和 "
                        f"{describe(org, m2)} 分管，应只由一名班子成员分管",
                        basis,
                        o2.source,
                    )


def _posts_during(org: OrgChart, item) -> list:
    """The overseer's posts that overlap the oversight's term (the posts at
    its start when none do)."""
    start, end = org.oversight_span(item)
    posts = org.posts_of(item.member)
    during = [p for p in posts if (p.since or dt.date.min) <= end and start <= (p.until or dt.date.max)]
    return during or [org.member(item.member, max(start, org.unit.start))]


def is_principal(member, titles: tuple[str, ...]) -> bool:
    """The administrative head by title (局长, 主任…; a 副局长 is not)."""
    for word in titles:
        start = member.title.find(word)
        while start >= 0:
            if start == 0 or member.title[start - 1] != "副":
                return True
            start = member.title.find(word, start + 1)
    return False


class OrgRule(NamedTuple):  # the shape of policy.catalog.OrgRule (org comes before policy)
    name: str
    holders: tuple[str, ...]
    source: str
    flags: tuple[str, ...] = ()
    business: bool = False
    titles: tuple[str, ...] = ()


# a catalog from before [[org_rule]] existed keeps the two rules zr always checked
LEGACY_RULES = (
    OrgRule("纪检负责人不分管业务工作", ("discipline",), "000 二7(2)；001 纪委意见三(六)", business=True),
    OrgRule("五个不直接分管", ("secretary",), "001 三(三)；004 三(六)", flags=glossary.SENSITIVE_FLAGS),
)


def breaches(org: OrgChart, rule: OrgRule, member, dept) -> list[str]:
    """What of ``dept`` ``member`` may not oversee under ``rule`` ([] when allowed)."""
    holder = (member.role == "secretary" and "secretary" in rule.holders
              or member.role == "discipline" and "discipline" in rule.holders
              or "principal" in rule.holders and member.role in ("secretary", "leader")
              and is_principal(member, rule.titles))
    if not holder:
        return []
    if rule.business:
        return [] if glossary.DISCIPLINE_FLAG in dept.flags else ["业务工作"]
    return [f for f in dept.flags if f in rule.flags]


def oversight_rules(org: OrgChart, rules, cite=str) -> Iterator[Finding]:
    """Each of the regime's own rules on who may oversee what, cited as the
    regime's document reads (``cite``); none where the document is silent."""
    for item in org.oversights:
        dept = org.department(item.department)
        for rule in rules:
            for member in _posts_during(org, item):
                found = breaches(org, rule, member, dept)
                if found:
                    what = "" if rule.business else f"（{'、'.join(found)}）"
                    yield Finding(f"{org.post_label(member)} {describe(org, member)} 直接分管 {dept.name}{what}，"
                                  f"违反“{rule.name}”", cite(rule.source), item.source)
                    break


def overseers_are_leaders(org: OrgChart) -> Iterator[Finding]:
    for item in org.oversights:
        for member in _posts_during(org, item):
            if member.role not in glossary.OVERSEERS:
                start, end = org.oversight_span(item)
                a = max(start, member.since or start)
                b = min(end, member.until or end)
                when = f"{_range(a, b)} " if b < dt.date.max and a > dt.date.min else ""
                yield Finding(
                    f"{describe(org, member)} {when}是{org.role_label(member)}，不是领导班子成员，不能分管科室",
                    "003 第十一条",
                    item.source,
                )
                break


def dates_consistent(org: OrgChart) -> Iterator[Finding]:
    """Dates that contradict each other. A post that ended in an earlier year
    is history, not a mistake: the workspace lives for years."""
    basis = "数据一致性"
    for member in org.members:
        if member.since and member.until and member.since > member.until:
            yield Finding(
                f"{describe(org, member)} 的任职起始 {member.since} 晚于任职结束 {member.until}",
                basis,
                member.source,
            )
    for person in org.persons:
        posts = [p for p in org.posts_of(person.id) if not (p.since and p.until and p.since > p.until)]
        for i, first in enumerate(posts):
            for second in posts[i + 1:]:
                a = max(first.since or dt.date.min, second.since or dt.date.min)
                b = min(first.until or dt.date.max, second.until or dt.date.max)
                if a <= b:
                    shown = f"自 {cn_date(a)} 起" if b == dt.date.max else _range(a, b) if a > dt.date.min else ""
                    yield Finding(
                        f"{person.name}（{person.id}）的两项任职（{org.post_label(first)}、{org.post_label(second)}）"
                        f"{shown}重叠；调整任职请用 zr org move，前一项会截止到前一天",
                        basis,
                        second.source,
                    )
    for item in org.oversights:
        member = org.member(item.member)
        if item.since and item.until and item.since > item.until:
            yield Finding(f"分管记录的起始 {item.since} 晚于结束 {item.until}", basis, item.source)
            continue
        posts = org.posts_of(item.member)
        firsts = [p.since for p in posts]
        lasts = [p.until for p in posts]
        p_start = dt.date.min if None in firsts else min(firsts)
        p_end = dt.date.max if None in lasts else max(lasts)
        if (item.since and item.since < p_start) or (item.until or p_end) > p_end:
            yield Finding(
                f"{describe(org, member)} 分管 {org.department(item.department).name} 的日期超出其任职期",
                basis,
                item.source,
            )


def one_holder_at_a_time(org: OrgChart) -> Iterator[Finding]:
    """One secretary, one discipline head, one head per department at a time;
    and no stretch of the year without a secretary or a department head."""
    basis = "数据一致性"
    groups = [
        ("书记", [m for m in org.members if m.role == "secretary"], None),
        ("纪检负责人", [m for m in org.members if m.role == "discipline"], None),
    ]
    for dept in org.departments:
        heads = [m for m in org.members if m.role == "head" and m.department == dept.id]
        groups.append((f"{dept.name}负责人", heads, dept))
    for title, people, dept in groups:
        terms = [(org.term(m), m) for m in people]
        terms = [(t, m) for t, m in terms if t[0] <= t[1]]
        for i, ((a1, b1), m1) in enumerate(terms):
            for (a2, b2), m2 in terms[i + 1 :]:
                a, b = max(a1, a2), min(b1, b2)
                if a <= b and m1.id != m2.id:
                    yield Finding(
                        f"{_range(a, b)} 同时有两名{title}：{describe(org, m1)}、{describe(org, m2)}",
                        basis,
                        m2.source,
                    )
        gaps = _spans([t for t, _ in terms], org.unit.start, org.unit.end)
        if title == "书记":
            for a, b in gaps:
                yield Finding(f"{_range(a, b)} 没有书记（第一责任人）", "002 §8", None)
        elif dept is not None and org.people_of(dept.id):
            for a, b in gaps:
                yield Finding(
                    f"{dept.name}（{dept.id}）在 {_range(a, b)} 没有科室负责人", "004 五", dept.source
                )


def superiors_named(org: OrgChart) -> Iterator[Finding]:
    if not org.unit.superior or not org.unit.superior_discipline:
        file = display_path(org.path) if org.path else "zr.toml"
        yield Finding(
            "[unit] 未填写上级党委（superior）或上级纪委（superior_discipline），年度报告要写明主送机关",
            "002 §11",
            Source(file, None, "unit"),
        )


RULES: tuple[Callable[[OrgChart], Iterator[Finding]], ...] = (
    each_department_overseen_once,
    overseers_are_leaders,
    dates_consistent,
    one_holder_at_a_time,
    superiors_named,
)


def check_org(org: OrgChart, catalog=None) -> list[Finding]:
    """Every rule; the oversight rules are the regime's own (``catalog``), the
    two zr always checked for a catalog without them."""
    findings: list[Finding] = []
    for rule in RULES[:2]:
        findings.extend(rule(org))
    own = catalog.org_rules if catalog is not None else None
    findings.extend(oversight_rules(org, LEGACY_RULES if own is None else own,
                                    catalog.cite if catalog is not None else str))
    for rule in RULES[2:]:
        findings.extend(rule(org))
    return findings
