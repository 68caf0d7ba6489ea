"""Turning what a clerk types into a member or a department.

People are referred to by id; a name works when exactly one person bears it.
"""

from __future__ import annotations

import datetime as dt

from zerenqingdan.errors import NameAmbiguous, NameNotFound
from zerenqingdan.org.chart import Department, Member, OrgChart


def describe(org: OrgChart, member: Member) -> str:
    """张伟（P012，办公室）— enough to tell two people of one name apart."""
    parts = [member.id]
    if member.department and member.department in {d.id for d in org.departments}:
        parts.append(org.department(member.department).name)
    else:
        parts.append(org.post_label(member))
    return f"{member.name}（{'，'.join(parts)}）"


def _closest(text: str, candidates: list[str], limit: int = 3) -> list[str]:
    import difflib  # only when a name was not found

    close = difflib.get_close_matches(text, candidates, n=limit, cutoff=0.3)
    if len(close) < limit:
        # a shared character counts for something with two-character names
        extra = [c for c in candidates if c not in close and set(text) & set(c)]
        extra.sort(key=lambda c: -difflib.SequenceMatcher(None, text, c).ratio())
        close.extend(extra[: limit - len(close)])
    return close


def resolve_member(org: OrgChart, text: str, day: dt.date | None = None) -> Member:
    """The person an id or a name stands for, as the post they hold on ``day``
    (default: today within the working year). A name shared by several people
    resolves among those in post that day; only a real tie is refused."""
    query = text.strip()
    day = day or org.default_day()
    try:
        return org.member(query, day)
    except KeyError:
        pass
    ids = org.namesakes(query)
    if len(ids) == 1:
        return org.member(ids[0], day)
    if ids:
        present = [i for i in ids if org.person_in_post(i, day)]
        if len(present) == 1:
            return org.member(present[0], day)
        shown = present or ids
        listed = "、".join(describe(org, org.member(i, day)) for i in shown)
        when = f"在 {day.year}年{day.month}月{day.day}日" if present else ""
        error = NameAmbiguous(f"{when}有 {len(shown)} 人名叫“{query}”：{listed}；请改用编号")
        error.candidates = list(shown)  # for a prompt: pick by post
        raise error
    names = sorted({p.name for p in org.persons})
    close = _closest(query, names)
    hint = ""
    nearest = [i for name in close for i in org.namesakes(name)]
    if close:
        people = [describe(org, org.member(i, day)) for i in nearest]
        hint = f"。最接近的是：{'、'.join(people)}"
    error = NameNotFound(f"找不到人员“{query}”{hint}")
    error.candidates = nearest
    raise error


def resolve_members(org: OrgChart, text: str, day: dt.date | None = None) -> list[Member]:
    """Several people, separated by commas (，,、) as typed."""
    out: list[Member] = []
    for part in split_list(text):
        member = resolve_member(org, part, day)
        if all(m.id != member.id for m in out):
            out.append(member)
    return out


def resolve_department(org: OrgChart, text: str) -> Department:
    query = text.strip()
    for dept in org.departments:
        if query in (dept.id, dept.name):
            return dept
    close = _closest(query, [d.name for d in org.departments])
    hint = f"。最接近的是：{'、'.join(close)}" if close else ""
    raise NameNotFound(f"找不到科室“{query}”{hint}")


def split_list(text: str) -> list[str]:
    """Split ``甲,乙，丙、丁`` into its parts, dropping empty ones."""
    for sep in "，、;；":
        text = text.replace(sep, ",")
    return [part.strip() for part in text.split(",") if part.strip()]
