"""台账：记录谈话、党课、汇报、会议、报告、签订等，查看和作废记录。"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from zerenqingdan.cli import output
from zerenqingdan.cli.actions import LOG_COMMANDS
from zerenqingdan.cli.common import directory, workspace

app = typer.Typer(help=__doc__, no_args_is_help=True)


def _make(kind: str):
    def command(
        ctx: typer.Context,
        type_: Annotated[Optional[str], typer.Option("--type", help="类型，须是本单位清单目录中的类型。", show_default=False)] = None,
        by: Annotated[Optional[list[str]], typer.Option("--by", help="主持人、谈话人或报告人（姓名或编号；多人用逗号分隔，或重复 --by）。", show_default=False)] = None,
        with_: Annotated[Optional[list[str]], typer.Option("--with", help="对象或参加人（姓名或编号；多人用逗号分隔，或重复 --with）。", show_default=False)] = None,
        dept: Annotated[Optional[list[str]], typer.Option("--dept", help="涉及的科室（多个用逗号分隔，或重复 --dept）。", show_default=False)] = None,
        date: Annotated[Optional[str], typer.Option("--date", help="日期，默认今天；可写 2026-03-05、2026/3/5、2026年3月5日、3月5日、昨天。", show_default=False)] = None,
        topic: Annotated[str, typer.Option("--topic", help="主题。", show_default=False)] = "",
        note: Annotated[str, typer.Option("--note", help="备注。", show_default=False)] = "",
        evidence: Annotated[Optional[list[str]], typer.Option("--evidence", help="佐证材料文件（可多次使用），记录路径和 SHA-256。", metavar="文件", show_default=False)] = None,
        to: Annotated[Optional[list[str]], typer.Option("--to", help="报送对象（如 市委、市纪委、党组；多个用逗号分隔）：“分别报送”的报告按对象逐一计数。", metavar="对象", show_default=False)] = None,
        for_year: Annotated[Optional[str], typer.Option("--for-year", help="所属年度：报告的是哪一年度，或补记的是上一年度的事项。", metavar="年度", show_default=False)] = None,
    ) -> None:
        from zerenqingdan.cli.actions import log_event

        code = log_event(directory(ctx), kind, type_, by, with_, dept, date, topic, note, tuple(evidence or ()),
                         to, for_year)
        if code:
            raise typer.Exit(code)

    return command


for _name, (_kind, _help) in LOG_COMMANDS.items():
    app.command(_name, help=_help)(_make(_kind))


@app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[Optional[str], typer.Option("--person", help="只看某人参与的记录。", show_default=False)] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="类别：talk、lecture、hearing、meeting、report、sign、inspect、opinion、appoint、other（同 zr log 的子命令），或其中文名，如 谈话、签订。", show_default=False)] = None,
    text: Annotated[Optional[str], typer.Option("--text", help="只看主题、备注、类型或人名中含此关键词的记录。", metavar="关键词", show_default=False)] = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="类型，如 廉政谈话。", show_default=False)] = None,
    dept: Annotated[Optional[str], typer.Option("--dept", help="只看涉及某科室的记录。", show_default=False)] = None,
    since: Annotated[Optional[str], typer.Option("--from", help="起始日期。", show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option("--to", help="截止日期。", show_default=False)] = None,
    year: Annotated[Optional[str], typer.Option("--year", help="哪一年的台账（默认 zr.toml 中的工作年度）。", show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """列出台账记录（作废的也列出并注明）。"""
    from zerenqingdan.cli.describe import entry_json, entry_line
    from zerenqingdan.dates import parse_date
    from zerenqingdan.errors import InputError
    from zerenqingdan.ledger.store import KINDS
    from zerenqingdan.org.names import resolve_department, resolve_member

    from zerenqingdan.cli.actions import year_option

    ws = workspace(ctx)
    org = ws.load_org()
    org = org.for_year(year_option(year, org, ws))
    ledger = ws.load_ledger(org.unit.year)
    entries = list(ledger.entries)
    if person:
        pid = resolve_member(org, person).id
        entries = [e for e in entries if pid in e.people()]
    if kind:
        code = kind_code(kind)
        entries = [e for e in entries if e.kind == code]
    if text:
        words = text.strip()
        entries = [e for e in entries if words in _searchable(org, e)]
    if type_:
        entries = [e for e in entries if e.type == type_]
    if dept:
        did = resolve_department(org, dept).id
        entries = [e for e in entries if did in e.departments or any(
            _dept_of(org, p) == did for p in e.people())]
    if since:
        start = parse_date(since, year=org.unit.year, what="--from")
        entries = [e for e in entries if e.date >= start]
    if until:
        end = parse_date(until, year=org.unit.year, what="--to")
        entries = [e for e in entries if e.date <= end]
    entries.sort(key=lambda e: (e.date, e.id))  # by date; the id breaks ties
    voided = ledger.voided()
    if json:
        output.emit_json({"year": org.unit.year, "entries": [entry_json(org, e, voided.get(e.id)) for e in entries]})
        return
    from zerenqingdan.ledger.backfill import backfill_note

    for e in entries:
        mark = f"  〔已作废：{voided[e.id].reason}〕" if e.id in voided else ""
        late = backfill_note(e)
        mark += f"  〔{late}〕" if late else ""
        output.say(f"{e.id}  {entry_line(org, e)}{mark}")
    output.say(f"共 {len(entries)} 条" + (f"，其中作废 {sum(1 for e in entries if e.id in voided)} 条" if voided else ""))


def kind_code(kind: str) -> str:
    """``sign``, ``signing``, ``签订`` -> ``signing``: the subcommand's word,
    the ledger's and the Chinese name all work."""
    from zerenqingdan.cli.actions import LOG_COMMANDS
    from zerenqingdan.errors import InputError
    from zerenqingdan.ledger.store import KINDS

    word = kind.strip()
    if word in KINDS:
        return word
    if word in LOG_COMMANDS:
        return LOG_COMMANDS[word][0]
    code = next((k for k, v in KINDS.items() if v == word or word in v.split("（")[0]), None)
    if code is None:
        by_command = {v[0]: k for k, v in LOG_COMMANDS.items()}
        raise InputError(f"类别“{kind}”无效",
                         ["可用：" + "、".join(f"{by_command.get(k, k)}（{v}）" for k, v in KINDS.items())])
    return code


def _searchable(org, entry) -> str:
    """The words a keyword search looks in: topic, note, type and names."""
    names = []
    for pid in entry.people():
        try:
            names.append(org.member(pid).name)
        except KeyError:
            names.append(pid)
    for did in entry.departments:
        try:
            names.append(org.department(did).name)
        except KeyError:
            names.append(did)
    return " ".join([entry.topic, entry.note, entry.type or "", *names])


def _dept_of(org, member_id: str) -> str | None:
    try:
        return org.member(member_id).department
    except KeyError:
        return None


@app.command("show")
def show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(help="记录编号，如 2026-0007。", metavar="编号", show_default=False)],
    json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """显示一条记录的全部内容。"""
    from zerenqingdan.cli.describe import entry_json
    from zerenqingdan.errors import InputError

    ws = workspace(ctx)
    org = ws.load_org()
    year = ws.year_of_record(entry_id, org.unit.year)
    ledger = ws.load_ledger(year)
    entry = ledger.entry(entry_id.strip())
    if entry is None:
        raise InputError(f"{year} 年度台账中没有编号为 {entry_id} 的记录", ["zr log list 查看全部记录"])
    twins = [e for e in ledger.entries if e.id == entry.id]
    if len(twins) > 1:  # a hand edit repeated the id: show that, never one of them silently
        output.warn(f"编号 {entry.id} 在台账中出现了 {len(twins)} 次（"
                    + "、".join(e.source.where() for e in twins if e.source) + "），下面是第一条；"
                    "请手工把其余的改成未用过的编号（zr check 会列出全部重复的编号）")
    data = entry_json(org.for_year(year), entry, ledger.voided().get(entry.id))
    if json:
        output.emit_json(data)
        return
    labels = {
        "id": "编号", "date": "日期", "kind_name": "类别", "type": "类型", "by_names": "主持/发起",
        "with_names": "对象/参加", "department_names": "科室", "topic": "主题", "note": "备注",
        "to_names": "报送", "for_year": "所属年度", "replaces": "改正自",
        "recorded_at": "记录时间", "backfill": "录入情况", "source": "位置",
    }
    for key, label in labels.items():
        value = data.get(key)
        if isinstance(value, list):
            value = "、".join(value)
        if key == "recorded_at" and value:
            value = local_time(value)
        if value:
            output.say(f"{label}：{value}")
    for item in data["evidence"]:
        output.say(f"佐证：{item['path']}（SHA-256 {item['sha256'][:12]}…）")
    if data["void"]:
        output.say(f"已作废：{data['void']['reason']}（{local_time(data['void']['voided_at'] or '')}）")


@app.command("void")
def void(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(help="要作废的记录编号。", metavar="编号", show_default=False)],
    reason: Annotated[str, typer.Option("--reason", help="作废原因（必填）。", show_default=False)],
) -> None:
    """作废一条记错的记录：记录仍保留在台账中，不再计数；正确的请另记一条。"""
    from zerenqingdan.ledger.record import void_entry

    ws = workspace(ctx)
    org = ws.load_org()
    void = void_entry(ws, ws.year_of_record(entry_id, org.unit.year), entry_id.strip(), reason)
    output.say(f"已作废 {void.entry}（原因：{void.reason}）。记录仍保留在台账中，不再计入完成数。")


@app.command("fix")
def fix(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(help="要改正的记录编号。", metavar="编号", show_default=False)],
    type_: Annotated[Optional[str], typer.Option("--type", help="改正后的类型。", show_default=False)] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="改正后的主持人、谈话人。", show_default=False)] = None,
    with_: Annotated[Optional[str], typer.Option("--with", help="改正后的对象或参加人（写 \"\" 表示没有）。", show_default=False)] = None,
    dept: Annotated[Optional[str], typer.Option("--dept", help="改正后的科室（写 \"\" 表示没有）。", show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="改正后的日期。", show_default=False)] = None,
    topic: Annotated[Optional[str], typer.Option("--topic", help="改正后的主题。", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="改正后的备注。", show_default=False)] = None,
    reason: Annotated[str, typer.Option("--reason", help="改正原因（可不写，默认“改正为 新编号”）。", show_default=False)] = "",
) -> None:
    """改正一条记错的记录：原记录作废（仍保留），改正后的作为新记录，一步完成；
    只写要改的项，其余照抄原记录。在终端中不写任何选项时逐项询问。"""
    from zerenqingdan.cli import ask
    from zerenqingdan.cli.actions import _joined
    from zerenqingdan.cli.describe import entry_line
    from zerenqingdan.errors import InputError
    from zerenqingdan.ledger.record import EventInput, build_entry, fix_entry

    ws = workspace(ctx)
    org = ws.load_org()
    entry_id = entry_id.strip()
    year = ws.year_of_record(entry_id, org.unit.year)
    ledger = ws.load_ledger(year)
    old = ledger.entry(entry_id)
    if old is None:
        raise InputError(f"台账中没有编号为 {entry_id} 的记录", ["zr log list 查看全部记录"])
    if entry_id in ledger.voided():
        raise InputError(f"记录 {entry_id} 已于此前作废（原因：{ledger.voided()[entry_id].reason}），不能再改正")
    values = {"type": type_, "by": by, "with": with_, "dept": dept, "date": date, "topic": topic, "note": note}
    current = {
        "type": old.type or "", "by": ",".join(old.by), "with": ",".join(old.with_),
        "dept": ",".join(old.departments), "date": old.date.isoformat(), "topic": old.topic, "note": old.note,
    }
    if all(v is None for v in values.values()):
        if not ask.interactive():
            raise InputError("请写明要改正什么，如 --date 2026-03-06 或 --with 李娜（其余照抄原记录）")
        output.say(f"改正 {entry_id}：{entry_line(org, old)}（回车保留原值）")
        labels = {"type": "类型", "by": "主持人/谈话人", "with": "对象/参加人", "dept": "科室", "date": "日期",
                  "topic": "主题", "note": "备注"}
        shown = {**current,  # names, not ids, where a person reads them
                 "by": "、".join(org.label(p, old.date) for p in old.by),
                 "with": "、".join(org.label(p, old.date) for p in old.with_),
                 "dept": "、".join(org.department(d).name for d in old.departments)}
        for key, label in labels.items():
            answer = ask.text(f"{label}：", shown[key])
            values[key] = current[key] if answer == shown[key] else answer
    merged = {k: (current[k] if v is None else v) for k, v in values.items()}
    event = EventInput(old.kind, merged["type"] or None, _joined(merged["by"]), _joined(merged["with"]),
                       merged["dept"], merged["date"], merged["topic"], merged["note"])
    corrected = build_entry(org, ws.load_catalog(org, year), event, ws)._replace(evidence=old.evidence)
    if corrected.date.year != year:
        raise InputError(f"改正后的日期在 {corrected.date.year} 年：请先作废 {entry_id}（zr log void），"
                         f"再在 {corrected.date.year} 年度另记一条")
    same = corrected._replace(id=old.id, recorded_at=old.recorded_at, source=old.source, replaces=old.replaces) == old
    if same:
        raise InputError("改正后的记录与原记录完全相同，没有改动")
    void, new = fix_entry(ws, year, entry_id, corrected, reason)
    output.say(f"已作废 {entry_id}（{void.reason}）")
    output.say(f"已记录 {new.id}：{entry_line(org.for_year(year), new)}")


def local_time(text: str) -> str:
    """``2026-11-22T18:45:02+00:00`` as the clerk's clock shows it: 2026年11月22日 18:45."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"
