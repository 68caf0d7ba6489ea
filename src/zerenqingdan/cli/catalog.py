"""责任清单目录：查看预设和本单位的目录，检查本单位修改过的目录。"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.common import workspace

app = typer.Typer(help=__doc__, no_args_is_help=True)

CN_NUMBERS = "一二三四五六七八九十"


@app.command("show")
def show(
    ctx: typer.Context,
    preset: Annotated[Optional[str], typer.Option("--preset", help="查看某个内置预设（默认查看本单位的目录）。", show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """按责任主体和十项清单列出全部事项。"""
    from zerenqingdan.policy.catalog import HOLDERS, load_preset

    if preset:
        catalog = load_preset(preset)
        bodies = (catalog.party_body, catalog.discipline_body)
    else:
        ws = workspace(ctx)
        org = ws.load_org()
        catalog = ws.load_catalog(org)
        bodies = (org.unit.party_body, org.unit.discipline_body)
    if json:
        output.emit_json(
            {
                "name": catalog.name,
                "title": catalog.title,
                "party_body": catalog.party_body,
                "discipline_body": catalog.discipline_body,
                "leader_pledge": catalog.leader_pledge,
                "staff_pledge": catalog.staff_pledge,
                "items": catalog.items,
                "types": {k: list(v) for k, v in catalog.types.items()},
                "duties": [
                    {
                        "id": d.id, "holder": d.holder, "item": d.item, "title": d.title_for(*bodies),
                        "kind": d.event, "type": d.type, "count": d.count, "period": d.period,
                        "scope": d.scope, "quota": d.quota_text(),
                        "deadline": f"{d.deadline[0]:02d}-{d.deadline[1]:02d}" if d.deadline else None,
                        "source": d.source,
                        "source_text": catalog.cite(d.source),
                        "unit_defined": d.unit_defined,
                        "frequency": d.frequency,
                        "when": d.when,
                        "due_next_year": d.due_next_year,
                        "recipients": list(d.recipients),
                        "separately": d.separately,
                        "audience": d.audience,
                        "trigger": None if d.trigger is None else {
                            "event": d.trigger.event, "type": d.trigger.type,
                            "within_days": d.trigger.within_days, "before": d.trigger.before},
                        "note": d.note,
                    }
                    for d in catalog.duties
                ],
                "document": catalog.document,
                "short_title": catalog.short_title,
                "discipline_stationed": catalog.discipline_stationed,
                "letters": [r._asdict() for r in catalog.letters or ()],
                "pledges": [r._asdict() for r in catalog.pledges or ()],
            }
        )
        return
    from zerenqingdan.policy.catalog import LETTER_PARTIES_A, LETTER_PARTIES_B, PLEDGE_COUNTERSIGN, PLEDGE_SIGNERS, cn_number

    output.say(f"责任清单目录：{catalog.title}（{catalog.name}，{catalog.party_body}/{catalog.discipline_body}）")
    if catalog.document:
        output.say(f"依据：{catalog.document}")
    if catalog.letters is None:
        output.warn("这是旧版的通用目录（混有各地文件的规定，责任书按书记↔班子成员、分管领导↔科室负责人签）；"
                    "现在的预设各依据一份文件写成：zr catalog show --preset 名称 对照，"
                    "zr catalog reset --force 换用（原文件会备份）")
    for holder, label in HOLDERS.items():
        duties = catalog.for_holder(holder)
        if not duties:
            continue
        output.say(f"\n【{label}】")
        numbers = sorted({d.item for d in duties if d.item is not None})
        for number in numbers:
            output.say(f"  {cn_number(number)}、{catalog.item_title(number)}")
            for d in (d for d in duties if d.item == number):
                output.say(f"      {_line(d, bodies, catalog)}")
        for d in (d for d in duties if d.item is None):
            output.say(f"  {_line(d, bodies, catalog)}")
    if catalog.letters:
        output.say("\n【责任书】")
        for rule in catalog.letters:
            output.say(f"  · {LETTER_PARTIES_A[rule.party_a]}与{LETTER_PARTIES_B[rule.party_b]}签订〔{catalog.cite(rule.source)}〕")
    if catalog.pledges:
        output.say("\n【承诺书】")
        for rule in catalog.pledges:
            with_ = f"，{PLEDGE_COUNTERSIGN[rule.countersign]}一同签字" if rule.countersign else ""
            output.say(f"  · {rule.type}承诺书：{PLEDGE_SIGNERS[rule.signers]}签{with_}〔{catalog.cite(rule.source)}〕")
    elif catalog.pledges is not None:
        output.say("\n（依据文件没有规定承诺书）")


def _line(duty, bodies, catalog) -> str:
    deadline = f"，{duty.deadline_text()}" if duty.deadline_text() else ""
    sent = f"，报{'、'.join(duty.recipient_names)}" if duty.recipient_names else ""
    return f"· {duty.title_for(*bodies)}：{duty.quota_text()}{deadline}{sent}〔{catalog.cite(duty.source)}〕（{duty.id}）"


@app.command("check")
def check(ctx: typer.Context) -> None:
    """检查本单位的 catalog.toml；没有问题时不输出，退出码 0。"""
    ws = workspace(ctx)
    if not ws.catalog_path.is_file():
        from zerenqingdan.errors import ConfigError

        raise ConfigError("工作区中没有 catalog.toml", ["用 zr catalog reset 从预设重新生成"])
    ws.load_catalog()  # raises with every problem listed


@app.command("reset")
def reset(
    ctx: typer.Context,
    preset: Annotated[Optional[str], typer.Option("--preset", help="改用哪个预设（默认 zr.toml 中的预设）。", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的 catalog.toml（原文件依次备份为 catalog.toml.1.bak、catalog.toml.2.bak…）。")] = False,
) -> None:
    """从内置预设重新生成本单位的 catalog.toml。"""
    from zerenqingdan.policy.catalog import catalog_text
    from zerenqingdan.errors import InputError
    from zerenqingdan.storage import atomic_write, locked, numbered_backup, sweep_leftovers

    ws = workspace(ctx)
    from zerenqingdan.policy.presets import resolve_preset

    name = resolve_preset(preset) if preset else ws.load_org().unit.preset
    text = catalog_text(name)
    backup = None
    with locked(ws.lock_path):
        sweep_leftovers([ws.root])
        if ws.catalog_path.exists():
            if not force:
                raise InputError("catalog.toml 已存在；确要覆盖请加 --force（原文件会备份，不会丢失）")
            backup = numbered_backup(ws.catalog_path)
            atomic_write(backup, ws.catalog_path.read_bytes())
        atomic_write(ws.catalog_path, text)
    if backup is not None:
        output.say(f"原 catalog.toml 已备份为 {backup.name}")
    output.success(f"已从预设 {name} 生成 catalog.toml")
