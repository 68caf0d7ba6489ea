"""The year plan as a printed 责任清单 (``zr plan --docx``)."""

from __future__ import annotations

from pathlib import Path

from zerenqingdan.plan import Plan, plan_json

QUARTER = {"Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度", "H1": "上半年", "H2": "下半年"}


def due_text(duty: dict) -> str:
    if duty.get("trigger"):
        return duty["trigger"]
    if duty.get("unit_defined") or (duty.get("count") == 0):
        return duty.get("deadline_text") or "本单位自定"
    dues = [s["due"] for s in duty["slots"]]
    if not dues:
        return ""
    if duty.get("due_next_year"):
        return duty["deadline_text"]
    if duty["period"] == "quarter" and len(dues) == 4:
        return "每季度末"
    if duty["period"] == "half" and len(dues) == 2:
        return "6月30日、12月31日前"
    return "、".join(f"{int(d[5:7])}月{int(d[8:])}日" for d in dues) + "前"


def requirement_text(duty: dict) -> str:
    text = duty["quota"]
    if duty["scope"] == "self":
        return text
    groups: list[tuple[list[str], tuple[str, ...]]] = []
    from zerenqingdan.documents.collation import stroke_sorted

    people = duty["scope"] != "overseen_departments"  # departments keep the org chart's order
    for slot in duty["slots"]:
        names = tuple(t["name"] for t in slot["targets"])
        if people:
            names = tuple(stroke_sorted(names))
        label = slot["period"][4:]
        if groups and groups[-1][1] == names:
            groups[-1][0].append(label)
        else:
            groups.append(([label], names))
    parts = []
    for labels, names in groups:
        who = "、".join(names) if names else "无"
        if len(groups) == 1:
            parts.append(f"覆盖{who}")
        else:
            span = QUARTER.get(labels[0], labels[0])
            if len(labels) > 1:
                span += "至" + QUARTER.get(labels[-1], labels[-1])
            parts.append(f"{span}：{who}")
    return text + "；" + "；".join(parts)


def plan_context(plan: Plan) -> dict:
    data = plan_json(plan)
    org = plan.org
    groups: dict[str, list] = {"secretary": [], "leader": [], "head": [], "discipline": [], "assistant": [],
                               "staff": []}
    for holder in data["holders"]:
        for duty in holder["duties"]:
            duty["requirement"] = requirement_text(duty)
            duty["due"] = due_text(duty)
        member = org.member(holder["member"])
        overseen = []
        for dept_id in dict.fromkeys(o.department for o in org.oversights_of(member.id)):
            overseen.append(org.department(dept_id).name)
        holder["oversees"] = "、".join(overseen)
        holder["department"] = org.department(member.department).name if member.department else ""
        groups[holder["role"]].append(holder)
    return {
        "unit": {"name": org.unit.name},
        "year": org.unit.year,
        "party_body": org.unit.party_body,
        "discipline_body": org.unit.discipline_body,
        "secretary": groups["secretary"],
        "leaders": groups["leader"],
        "heads": groups["head"],
        "discipline": groups["discipline"],
        "triggered": [{**d, "requirement": d["quota"], "due": due_text(d)} for d in data["triggered"]],
    }


def write_plan_docx(plan: Plan, path: Path, unit_templates: Path | None):
    from zerenqingdan.documents.build import write_document

    org = plan.org
    return write_document(
        "plan.j2",
        plan_context(plan),
        unit_templates,
        path,
        title=f"{org.unit.name}{org.unit.year}年度党风廉政建设“两个责任”清单",
        author=org.unit.name,
        subject="责任清单",
    )
