"""The readable org chart tree for ``zr org show``."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from rich.tree import Tree

from zerenqingdan.glossary import LEADERSHIP
from zerenqingdan.org.chart import OrgChart


def _plain(text: str, style: str = "") -> Text:
    from zerenqingdan.cli.output import visible

    return Text(visible(text), style=style)  # Text, not markup: names print as typed, controls shown


def org_tree(org: OrgChart, day: dt.date) -> Tree:
    unit = org.unit
    tree = Tree(_plain(f"{unit.name}（{unit.year} 年度，{unit.party_body}/{unit.discipline_body}，截至 {day.isoformat()}）", "bold"))
    leadership = tree.add(_plain("领导班子", "bold"))
    for role in LEADERSHIP:
        for member in org.with_role(role, day):
            depts = [org.department(d).name for d in org.overseen_by(member.id, day)]
            title = f"　{member.title}" if member.title else ""
            line = f"{org.role_label(member)} {member.name}（{member.id}）{title}"
            node = leadership.add(_plain(line))
            node.add(_plain("分管：" + ("、".join(depts) if depts else "无"), "dim" if not depts else ""))
    offices = tree.add(_plain("科室", "bold"))
    for dept in org.departments:
        flags = f"［{'、'.join(dept.flags)}］" if dept.flags else ""
        overseers = [org.member(m).name for m in org.overseers_of(dept.id, day)]
        kind = "［直属单位］" if dept.kind != "科室" else ""
        label = f"{dept.name}（{dept.id}）{kind}{flags}　分管领导：{'、'.join(overseers) or '无'}"
        node = offices.add(_plain(label, "" if len(overseers) == 1 else "yellow"))
        heads = org.heads_of(dept.id, day)
        node.add(_plain("负责人：" + ("、".join(f"{h.name}（{h.id}）" for h in heads) or "无")))
        staff = [m for m in org.people_of(dept.id, day) if m.role != "head"]
        if staff:
            node.add(_plain(f"工作人员（{len(staff)}）：" + "、".join(f"{m.name}（{m.id}）" for m in staff)))
    return tree
