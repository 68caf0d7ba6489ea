"""The signed letters: 党风廉政建设责任书 (the chain) and the 承诺书.

Each letter lists the signee's own duties for the year, taken from the plan,
so what a person signs is what ``zr status`` later measures.
"""

from __future__ import annotations

import datetime as dt

from typing import NamedTuple
from pathlib import Path

from zerenqingdan.documents.collation import stroke_sorted
from zerenqingdan.dates import cn_date
from zerenqingdan.org.chart import Member, OrgChart
from zerenqingdan.plan import HOLDER_ROLES, Plan, plan_json
from zerenqingdan.documents.plandoc import due_text, requirement_text
from zerenqingdan.storage import safe_filename

LEADER_PLEDGES = ("廉洁从政", "公开")
STAFF_PLEDGES = ("廉洁从业", "廉洁从检")
class Letter(NamedTuple):
    party_a: Member
    party_b: Member
    department: str  # party B's department name, or "" for a leader
    co_signer: Member | None = None  # the discipline head, when the bodies sign together
    rule: object | None = None  # the catalog's LetterRule (None: a legacy catalog)
    term: tuple[dt.date, dt.date] | None = None  # when the two are bound within the year


def _term_text(org: OrgChart, letter: Letter) -> str:
    """自签订之日起至2026年6月30日止, or 自2026年7月1日起至2026年12月31日止."""
    start, end = letter.term or (org.unit.start, org.unit.end)
    since = "自签订之日起" if start <= org.unit.start else f"自{cn_date(start)}起"
    return f"{since}至{cn_date(end)}止"


def responsibility_letters(plan: Plan) -> list[Letter]:
    """The regime's chain, from the catalog's [[letter]] rules; a catalog from
    before the rules existed keeps the chain it always had (secretary ↔
    leaders, overseer ↔ overseen heads)."""
    rules = plan.catalog.letters
    if rules is None:
        return _secretary_leaders(plan, None) + _overseer_heads(plan, None)
    letters: list[Letter] = []
    for rule in rules:
        if rule.party_a == "secretary" and rule.party_b == "leaders":
            letters += _secretary_leaders(plan, rule)
        elif rule.party_a == "overseer" and rule.party_b == "overseen_heads":
            letters += _overseer_heads(plan, rule)
        elif rule.party_a == "bodies" and rule.party_b == "heads":
            letters += _bodies_heads(plan, rule)
        elif rule.party_a == "secretary" and rule.party_b == "heads":
            letters += [x._replace(co_signer=None) for x in _bodies_heads(plan, rule)]
        elif rule.party_a == "bodies" and rule.party_b == "leaders":
            letters += _secretary_leaders(plan, rule, with_discipline=True)
        else:  # overseer ↔ every head, or the like: each overseer with the heads they oversee
            letters += _overseer_heads(plan, rule)
    return letters


def _common(org: OrgChart, a: Member, b: Member) -> tuple[dt.date, dt.date]:
    (s1, e1), (s2, e2) = org.term(a), org.term(b)
    return max(s1, s2), min(e1, e2)


def _overlap(org: OrgChart, a: Member, b: Member) -> bool:
    (s1, e1), (s2, e2) = org.term(a), org.term(b)
    return max(s1, s2) <= min(e1, e2)


def _discipline_for(org: OrgChart, year_people: list[Member], other: Member) -> Member | None:
    found = [m for m in year_people if m.role == "discipline" and _overlap(org, m, other)]
    return found[0] if found else None


def _secretary_leaders(plan: Plan, rule, with_discipline: bool = False) -> list[Letter]:
    """The secretary with each 班子成员 in the roles the plan's ``leaders``
    scope counts (003 第十条3: the 纪检组长 and the 检委会专职委员 too, 第十四条),
    including one who joins the 班子 during the year; a 派驻 discipline head,
    or one who signs beside the secretary (``with_discipline``), is no party B."""
    from zerenqingdan.plan import ROLES_OF_SCOPE

    org = plan.org
    roles = ROLES_OF_SCOPE["leaders"]
    if with_discipline or plan.catalog.discipline_stationed:
        roles = tuple(r for r in roles if r != "discipline")
    year_people = [m for m in org.members if _in_year(org, m)]
    letters = []
    for secretary in (m for m in year_people if m.role == "secretary"):
        for leader in (m for m in year_people if m.role in roles):
            if _overlap(org, secretary, leader) and leader.id != secretary.id:
                co = _discipline_for(org, year_people, leader) if with_discipline else None
                letters.append(Letter(secretary, leader, "", co, rule, _common(org, secretary, leader)))
    return letters


def _bodies_heads(plan: Plan, rule) -> list[Letter]:
    """The party body's 主体责任人 (the secretary) and the discipline body's
    监督责任人 with the head of each 科室 and 直属单位 (000 四(一), 004 七(二))."""
    org = plan.org
    year_people = [m for m in org.members if _in_year(org, m)]
    letters = []
    for head in (m for m in year_people if m.role == "head" and m.department):
        secretaries = [m for m in year_people if m.role == "secretary" and _overlap(org, m, head)]
        if not secretaries:
            continue
        letters.append(Letter(secretaries[0], head, org.department(head.department).name,
                              _discipline_for(org, year_people, head), rule, org.term(head)))
    return letters


def _overseer_heads(plan: Plan, rule) -> list[Letter]:
    org = plan.org
    letters: list[Letter] = []
    year_people = [m for m in org.members if _in_year(org, m)]
    for overseer in (m for m in year_people if m.role in ("secretary", "leader", "discipline")):
        seen: list[str] = []
        for item in org.oversights_of(overseer.id):
            start, end = org.oversight_term(item)
            for head in org.members:
                if head.role != "head" or head.department != item.department or head.id in seen:
                    continue
                h_start, h_end = org.term(head)
                if max(start, h_start) <= min(end, h_end):
                    seen.append(head.id)
                    letters.append(Letter(overseer, head, org.department(head.department).name, None, rule,
                                          (max(start, h_start), min(end, h_end))))
    return letters


def _in_year(org: OrgChart, member: Member) -> bool:
    start, end = org.term(member)
    return start <= end


def letters_of(letters: list[Letter], member_id: str) -> list[Letter]:
    return [x for x in letters if member_id in (x.party_a.id, x.party_b.id)]


def _title_of(org: OrgChart, member: Member) -> str:
    """The post as printed on a letter: the title (职务) when set, else the
    role's proper name (党组成员, 财务科负责人)."""
    return org.post_label(member)


def _duties_of(plan: Plan, member: Member, term: tuple[dt.date, dt.date] | None = None) -> list[dict]:
    """What the letter's party B owes in this post (a head promoted in August
    signs a leader's letter listing a leader's duties only), within the
    letter's term: a letter for July to December lists the third and fourth
    quarters, never a deadline before it is signed."""
    data = plan_json(plan, [member.id])
    if not data["holders"]:
        return []
    duties = []
    for duty in data["holders"][0]["duties"]:
        if HOLDER_ROLES.get(duty["holder"]) != member.role:
            continue
        if duty["kind"] == "signing" and "责任书" in (duty["type"] or ""):
            continue  # a letter does not list its own signing as a duty
        if term is not None and duty["slots"] and not duty["unit_defined"]:
            start, end = (d.isoformat() for d in term)
            inside = [s for s in duty["slots"] if start <= s["due"] <= end]
            year_end = plan.org.unit.end.isoformat()
            if not inside and not (end == year_end and duty["period"] == "year"):
                continue
            duty = {**duty, "slots": inside or duty["slots"]}
        duties.append(
            {
                "title": duty["title"],
                "requirement": requirement_text(duty),
                "due": due_text(duty),
                "source": duty["source"],
                "count": duty["count"],
                "quota": duty["quota"],
                "targets": sorted({t["name"] for s in duty["slots"] for t in s["targets"]}),
            }
        )
    return duties


def letter_context(plan: Plan, letter: Letter) -> dict:
    org = plan.org
    a, b = letter.party_a, letter.party_b
    oversees = []
    for item in org.oversights_of(b.id):
        name = org.department(item.department).name
        if name not in oversees:
            oversees.append(name)
    co = letter.co_signer
    rule = letter.rule
    return {
        "unit": {"name": org.unit.name},
        "year": org.unit.year,
        "party_body": org.unit.party_body,
        "discipline_body": org.unit.discipline_body,
        "level": "leader" if b.role in ("leader", "discipline", "assistant") else "head",
        "bodies": co is not None or (rule is not None and rule.party_a == "bodies"),
        "party_a": {"id": a.id, "name": a.name, "title": _title_of(org, a)},
        "co_signer": {"id": co.id, "name": co.name, "title": _title_of(org, co)} if co else None,
        "source": plan.catalog.cite(rule.source) if rule is not None else "",
        "party_b": {
            "id": b.id,
            "name": b.name,
            "title": _title_of(org, b),
            "department": letter.department,
            "oversees": "、".join(oversees),
        },
        "duties": _duties_of(plan, b, letter.term),
        "term_end": cn_date(letter.term[1] if letter.term else org.unit.end),
        "term_text": _term_text(org, letter),
        "copies": rule.copies if rule is not None else "一式两份，双方各执一份",
    }


def _unique(candidates: list[str], taken: set[str]) -> str:
    for candidate in candidates:
        name = safe_filename(candidate) + ".docx"
        if name not in taken:
            taken.add(name)
            return name
    base = safe_filename(candidates[-1])
    number = 2
    while f"{base}_{number}.docx" in taken:
        number += 1
    taken.add(f"{base}_{number}.docx")
    return f"{base}_{number}.docx"


def letter_filename(org: OrgChart, letter: Letter, taken: set[str]) -> str:
    """``2026_责任书_李娜_财务科.docx``; when that is taken (two people of one
    name, or one person in two posts), both parties, then the posts."""
    a, b = letter.party_a, letter.party_b
    where = letter.department or "班子成员"
    stem = f"{org.unit.year}_责任书_"
    return _unique([f"{stem}{b.name}_{where}", f"{stem}{b.name}_{where}_{a.name}",
                    f"{stem}{b.name}（{org.post_label(b)}）_{a.name}（{org.post_label(a)}）"], taken)


def write_letters(plan: Plan, letters: list[Letter], out_dir: Path, unit_templates: Path | None) -> list:
    """Each letter in its own file; every path is checked before any is written."""
    from zerenqingdan import outputs
    from zerenqingdan.documents.build import build_model
    from zerenqingdan.documents.docx_writer import write_docx

    org = plan.org
    out_dir = outputs.prepare_dir(out_dir)
    taken: set[str] = set()
    paths = [outputs.prepare(out_dir / letter_filename(org, letter, taken), ".docx") for letter in letters]
    models = [
        build_model("responsibility.j2", letter_context(plan, letter), unit_templates,
                    title=f"{org.unit.name}{org.unit.year}年度党风廉政建设责任书（{letter.party_b.name}）",
                    author=org.unit.name, subject="党风廉政建设责任书")
        for letter in letters
    ]
    return [write_docx(model, path) for model, path in zip(models, paths)]


def signing_type(catalog, document: str) -> str:
    """The catalog's signing type for a document (责任书, 公开承诺书…), so the
    hinted ``zr log sign --type`` is one the catalog accepts and counts."""
    names = catalog.types.get("signing", ())
    for name in names:
        if name == document:
            return name
    for name in names:
        if document in name or name in document:
            return name
    return document


def sign_commands(letters: list[Letter], catalog=None) -> list[str]:
    """The ``zr log sign`` command that records each party A's signings."""
    by_a: dict[str, list[str]] = {}
    for letter in letters:
        key = letter.party_a.id + (f",{letter.co_signer.id}" if letter.co_signer else "")
        by_a.setdefault(key, []).append(letter.party_b.id)
    kind = signing_type(catalog, "责任书") if catalog is not None else "责任书"
    return [
        f"zr log sign --type {kind} --by {a} --with {','.join(bs)}"
        for a, bs in by_a.items()
    ]


# ---------------------------------------------------------------------------
# 承诺书


class Pledge(NamedTuple):
    member: Member
    type: str
    rule: object | None = None  # the catalog's PledgeRule (None: a legacy catalog)


_SIGNER_ROLES = {"secretary": ("secretary",), "leaders": ("secretary", "leader", "discipline"),
                 "heads": ("head",), "staff": ("staff",), "heads_and_staff": ("head", "staff")}


def pledge_rules_for(plan: Plan, member: Member) -> list:
    """The catalog's pledge rules that apply to this post (a 派驻 discipline
    head signs none of the unit's)."""
    rules = plan.catalog.pledges or ()
    out = []
    for rule in rules:
        roles = _SIGNER_ROLES[rule.signers]
        if member.role == "discipline" and plan.catalog.discipline_stationed:
            continue
        if member.role in roles:
            out.append(rule)
    return out


def default_pledge_type(plan: Plan, member: Member) -> str | None:
    if plan.catalog.pledges is not None:
        rules = pledge_rules_for(plan, member)
        return rules[0].type if rules else None
    leader = member.role in ("secretary", "leader", "discipline")
    return plan.catalog.leader_pledge if leader else plan.catalog.staff_pledge


def _rule_of_type(plan: Plan, member: Member, type_: str):
    for rule in pledge_rules_for(plan, member):
        if rule.type == type_:
            return rule
    return None


def pledges_for(plan: Plan, members: list[Member], type_: str | None) -> list[Pledge]:
    """One pledge of each type per person: a person with two posts in the
    year signs in the later one (a staff member promoted head signs once).
    Without a type, each person signs what the regime asks of their post
    (nothing, where it asks nothing)."""
    chosen: dict[tuple[str, str], Member] = {}
    order: list[tuple[str, str]] = []
    for member in members:
        kind = type_ or default_pledge_type(plan, member)
        if kind is None:
            continue
        key = (member.id, kind)
        if key not in chosen:
            order.append(key)
            chosen[key] = member
        elif (member.since or dt.date.min) > (chosen[key].since or dt.date.min):
            chosen[key] = member
    return [Pledge(chosen[key], key[1], _rule_of_type(plan, chosen[key], key[1])) for key in order]


def pledge_people(plan: Plan, type_: str | None) -> list[Member]:
    """Everyone in post during the year a pledge of this type applies to."""
    org = plan.org
    people = [m for m in org.members if _in_year(org, m)]
    if plan.catalog.pledges is not None:
        return [m for m in people if any(type_ in (None, r.type) for r in pledge_rules_for(plan, m))]
    if type_ in LEADER_PLEDGES:
        people = [m for m in people if m.role in ("secretary", "leader", "discipline")]
    elif type_ in STAFF_PLEDGES:
        people = [m for m in people if m.role in ("head", "staff")]
    return people


def pledge_context(plan: Plan, pledge: Pledge) -> dict:
    org = plan.org
    member = pledge.member
    head = None
    if member.role == "staff" and member.department:
        heads = org.heads_of(member.department, org.default_day())
        head = heads[0].name if heads else None
    rule = pledge.rule
    countersign = None
    if rule is not None and rule.countersign and member.department:
        day = org.default_day()
        if rule.countersign == "head" and member.role != "head":
            heads = org.heads_of(member.department, day)
            countersign = {"label": "科室负责人", "name": heads[0].name if heads else ""}
        elif rule.countersign in ("overseer", "head"):
            overseers = org.overseers_of(member.department, day)
            countersign = {"label": "分管领导", "name": org.member(overseers[0], day).name if overseers else ""}
    return {
        "unit": {"name": org.unit.name},
        "year": org.unit.year,
        "party_body": org.unit.party_body,
        "discipline_body": org.unit.discipline_body,
        "type": pledge.type,
        "person": {
            "id": member.id,
            "name": member.name,
            "title": _title_of(org, member),
            "role": member.role,
            "department": org.department(member.department).name if member.department else "",
            "head": head,
        },
        "countersign": countersign,
        "copies": rule.copies if rule is not None else "",
        "source": plan.catalog.cite(rule.source) if rule is not None else "",
        "legacy": rule is None,
    }


def pledge_filename(org: OrgChart, pledge: Pledge, taken: set[str]) -> str:
    m = pledge.member
    where = org.department(m.department).name if m.department else org.post_label(m)
    stem = f"{org.unit.year}_{pledge.type}承诺书_"
    return _unique([f"{stem}{m.name}_{where}", f"{stem}{m.name}_{org.post_label(m)}"], taken)


def pledge_models(plan: Plan, pledges: list[Pledge], unit_templates: Path | None):
    from zerenqingdan.documents.build import build_model

    org = plan.org
    for pledge in pledges:
        yield pledge, build_model(
            "pledge.j2",
            pledge_context(plan, pledge),
            unit_templates,
            title=f"{pledge.type}承诺书（{pledge.member.name}）",
            author=org.unit.name,
            subject=f"{pledge.type}承诺书",
        )


def write_pledges(plan: Plan, pledges: list[Pledge], out_dir: Path, unit_templates: Path | None) -> list:
    from zerenqingdan import outputs
    from zerenqingdan.documents.docx_writer import write_docx

    out_dir = outputs.prepare_dir(out_dir)
    taken: set[str] = set()
    paths = [outputs.prepare(out_dir / pledge_filename(plan.org, pledge, taken), ".docx") for pledge in pledges]
    models = [model for _, model in pledge_models(plan, pledges, unit_templates)]
    return [write_docx(model, path) for model, path in zip(models, paths)]


def write_combined(plan: Plan, pledges: list[Pledge], path: Path, unit_templates: Path | None):
    """All pledges in one document, in the order they are handed out (see
    ``print_order``), each a section of its own: a new page, its own page
    numbers from 1."""
    from zerenqingdan import outputs
    from zerenqingdan.documents.docx_writer import write_docx
    from zerenqingdan.documents.model import DocumentModel, SectionBreak

    path = outputs.prepare(path, ".docx")
    blocks: list = []
    for index, (_, model) in enumerate(pledge_models(plan, print_order(plan.org, pledges), unit_templates)):
        if index:
            blocks.append(SectionBreak())
        blocks.extend(model.blocks)
    org = plan.org
    kinds = "、".join(dict.fromkeys(p.type for p in pledges))
    return write_docx(DocumentModel(tuple(blocks), title=f"{org.unit.name}{org.unit.year}年度{kinds}承诺书（合订）",
                                    author=org.unit.name, subject="承诺书"), path)


def print_order(org: OrgChart, pledges: list[Pledge]) -> list[Pledge]:
    """The 班子 first in the order zr.toml lists them (书记 first), then each
    department in its order, its head before its staff, and the staff in
    姓氏笔画 order."""
    leaders = ("secretary", "leader", "discipline")
    rank: dict[str, int] = {}
    for index, m in enumerate(org.members):  # a person's first post gives his place
        rank.setdefault(m.id, index)
    depts = {d.id: index for index, d in enumerate(org.departments)}
    strokes = {p.member.id: index for index, p in enumerate(stroke_sorted(pledges, key=lambda p: p.member.name))}

    def key(pledge: Pledge):
        m = pledge.member
        if m.role in leaders or not m.department:
            return (0, m.role != "secretary", rank.get(m.id, 0), 0)
        return (1, depts.get(m.department, len(depts)), m.role != "head", strokes[m.id])

    return sorted(pledges, key=key)


def ordered(members: list[Member]) -> list[Member]:
    return stroke_sorted(members, key=lambda m: m.name)
