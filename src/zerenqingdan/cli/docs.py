"""文书：生成责任书、承诺书（Word，GB/T 9704 版式）。"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import workspace

app = typer.Typer(help=__doc__, no_args_is_help=True)

Member = Annotated[Optional[str], typer.Option("--member", help="只生成此人签的（姓名或编号）。", show_default=False)]
All = Annotated[bool, typer.Option("--all", help="生成全部。")]
Year = Annotated[Optional[str], typer.Option("--year", help="哪一年（默认 zr.toml 中的工作年度）。", show_default=False)]
OutDir = Annotated[Optional[Path], typer.Option("-o", "--out", help="输出目录（默认工作区的 out/）。", metavar="目录", show_default=False)]


def _load(ctx: typer.Context, year: str | None):
    from zerenqingdan.cli.actions import year_option
    from zerenqingdan.plan import build_plan

    ws = workspace(ctx)
    org = ws.load_org()
    chosen = year_option(year, org, ws)
    org = org.for_year(chosen)
    return ws, build_plan(org, ws.load_catalog(org, chosen))


def _need_scope(member: str | None, everyone: bool, ctx=None) -> tuple[str | None, bool]:
    """Whose documents: --member or --all; at a terminal, picked from a list."""
    from zerenqingdan.cli import ask
    from zerenqingdan.errors import InputError

    if member or everyone:
        return member, everyone
    if ctx is None or not ask.interactive():
        raise InputError("请用 --member 姓名 指定一个人，或用 --all 生成全部")
    from zerenqingdan.cli.prompts import people_in_post

    org = workspace(ctx).load_org()
    day = org.default_day()
    choices = [("全部（每人一份）", "")] + [(org.label(m.id, day) + f"（{org.post_label(m)}）", m.id)
                                          for m in people_in_post(org, day)]
    picked = ask.pick("为谁生成？", choices)
    return (picked or None), not picked


@app.command("responsibility")
def responsibility(ctx: typer.Context, member: Member = None, everyone: All = False, out: OutDir = None,
                   year: Year = None) -> None:
    """党风廉政建设责任书：书记与每名班子成员、班子成员与所分管科室负责人，每份一个文件。"""
    from zerenqingdan.documents.letters import letters_of, responsibility_letters, sign_commands, write_letters
    from zerenqingdan.org.names import resolve_member

    from zerenqingdan.errors import InputError
    from zerenqingdan.policy.catalog import LETTER_PARTIES_A, LETTER_PARTIES_B

    member, everyone = _need_scope(member, everyone, ctx)
    ws, plan = _load(ctx, year)
    rules = plan.catalog.letters
    if rules is not None and not rules:
        raise InputError(f"本单位的清单目录（{plan.catalog.title}）依据的文件没有规定逐人签订责任书",
                         ["确需打印，请在 catalog.toml 中加 [[letter]]（写法见 config/catalog-schema.md）"])
    letters = responsibility_letters(plan)
    if member:
        person = resolve_member(plan.org, member)
        letters = letters_of(letters, person.id)
        if not letters:
            chain = "；".join(f"{LETTER_PARTIES_A[r.party_a]}与{LETTER_PARTIES_B[r.party_b]}" for r in rules) if rules \
                else "书记与班子成员；分管领导与所分管科室负责人"
            output.say(f"{person.name} 本年度没有需要签订的责任书（本单位签责任书的是：{chain}）")
            return
    paths = write_letters(plan, letters, out or ws.out_dir, ws.templates_dir)
    for path in paths:
        output.written(path)
    output.success(f"共 {len(paths)} 份责任书")
    output.say("签订后，用下面的命令记入台账（今天签订的可原样运行；补记时在后面加 --date 签订日期）：")
    for command in sign_commands(letters, plan.catalog):
        output.say(f"  {command}")


@app.command("pledge")
def pledge(
    ctx: typer.Context,
    type_: Annotated[Optional[str], typer.Option("--type", help="承诺书类型：廉洁从政、公开、廉洁从业、廉洁从检（默认按预设：领导干部一种、其他人员一种）。", show_default=False)] = None,
    member: Member = None,
    everyone: All = False,
    out: OutDir = None,
    combined: Annotated[Optional[Path], typer.Option("--combined", help="全部合成一个文件，便于一次打印：每份另起一页、页码各自从 1 起，先班子成员、再按科室（负责人在前）。", metavar="文件", show_default=False)] = None,
    year: Year = None,
) -> None:
    """承诺书：每人一份；--combined 合成一个文件。"""
    from zerenqingdan.policy.catalog import PLEDGE_TYPES
    from zerenqingdan.errors import InputError
    from zerenqingdan.documents.letters import ordered, pledge_people, pledges_for, write_combined, write_pledges
    from zerenqingdan.org.names import resolve_member

    if type_ and type_.removesuffix("承诺书") not in PLEDGE_TYPES:
        raise InputError(f"承诺书类型“{type_}”无效（可用：{'、'.join(PLEDGE_TYPES)}）")
    type_ = type_.removesuffix("承诺书") if type_ else None
    member, everyone = _need_scope(member, everyone, ctx)
    ws, plan = _load(ctx, year)
    rules = plan.catalog.pledges
    if rules is not None and not rules:
        raise InputError(f"本单位的清单目录（{plan.catalog.title}）依据的文件没有规定承诺书",
                         ["确需打印，请在 catalog.toml 中加 [[pledge]]（写法见 config/catalog-schema.md）"])
    if member:
        people = [resolve_member(plan.org, member)]
    else:
        people = ordered(pledge_people(plan, type_))
    pledges = pledges_for(plan, people, type_)
    if combined:
        output.written(write_combined(plan, pledges, combined, ws.templates_dir), "✓ 已生成")
        output.say(f"  共 {len(pledges)} 份，每份另起一页、页码各自从 1 起")
    else:
        for path in write_pledges(plan, pledges, out or ws.out_dir, ws.templates_dir):
            output.written(path)
        output.success(f"共 {len(pledges)} 份承诺书")
    if not pledges:
        return
    from zerenqingdan.documents.letters import signing_type

    output.say("签订后，用下面的命令记入台账（今天签订的可原样运行；补记时在后面加 --date 签订日期；同一天签的可以一条记下）：")
    for kind in dict.fromkeys(p.type for p in pledges):
        who = ",".join(dict.fromkeys(p.member.id for p in pledges if p.type == kind))
        output.say(f"  zr log sign --type {signing_type(plan.catalog, kind + '承诺书')} --by {who}")
