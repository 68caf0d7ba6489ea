"""Recording an event in the ledger: check everything, then append one block."""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import hashlib
from typing import NamedTuple
from pathlib import Path

from zerenqingdan.ledger import store as L
from zerenqingdan.policy.catalog import BUILTIN_RECIPIENTS, Catalog
from zerenqingdan import dates
from zerenqingdan.dates import cn_date, parse_date
from zerenqingdan.errors import InputError
from zerenqingdan.org.names import describe, resolve_department, resolve_members
from zerenqingdan.org.chart import OrgChart
from zerenqingdan import journal
from zerenqingdan.storage import display_path, file_sha256, locked

if TYPE_CHECKING:
    from zerenqingdan.workspace import Workspace  # the facade above: a type only

from zerenqingdan.ledger.store import MAX_TEXT  # noqa: E402  (one limit for typed and hand-edited text)


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
    to: str = ""  # a report's recipients as typed (市纪委, 上级纪委, 中共某市委…)
    for_year: str | None = None  # the year a report (or a made-up record) is on


def resolve_recipients(org: OrgChart, catalog: Catalog, text: str) -> tuple[str, ...]:
    """Recipients as typed (上级纪委, 市纪委, 中共某市纪委, 党组…) → the catalog's keys."""
    from zerenqingdan.plan import recipient_name

    keys = list(dict.fromkeys((*BUILTIN_RECIPIENTS, *catalog.recipients)))
    names = {k: {k, recipient_name(org, k), recipient_name(org, k, short=True)} for k in keys}
    out = []
    for part in [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",") if p.strip()]:
        exact = [k for k in keys if part in names[k]]
        close = exact or [k for k in keys if any(part in n or (len(n) > 2 and n in part) for n in names[k])]
        if len(close) != 1:
            shown = "、".join(recipient_name(org, k, short=True) for k in keys)
            raise InputError(f"--to“{part}”" + ("不止一个报送对象相符" if close else "不是本单位的报送对象"),
                             [f"可用：{shown}"])
        if close[0] not in out:
            out.append(close[0])
    return tuple(out)


def report_year(catalog: Catalog, kind: str, type_: str | None, day: dt.date, typed: str | None) -> int | None:
    """The year a record is on: as typed (--for-year), else for a report on
    the year handed in next year (002 §11: 1月底前 on the year before) the
    year before, except in December; else none (its own date's year)."""
    if typed not in (None, ""):
        year = dates.parse_year(typed, "--for-year")
        if year not in (day.year, day.year - 1):
            raise InputError(f"--for-year {year}：记录日期是 {cn_date(day)}，只能是 {day.year - 1} 或 {day.year} 年度")
        return year
    if kind == "report" and any(d.due_next_year and d.event == "report" and d.type == type_ for d in catalog.duties):
        return day.year if day.month == 12 else day.year - 1
    return None


def clean_text(value: str, what: str) -> str:
    from zerenqingdan.storage import unsafe_chars

    value = (value or "").strip()
    bad = unsafe_chars(value)
    if bad:
        raise InputError(f"{what}中含有不可打印的控制字符（{'、'.join(sorted(bad))}），请删除后再试")
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
    if kind in catalog.default_types:
        return catalog.default_types[kind]
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
    day = parse_date(event.date, year=year, what="--date") if event.date is not None else dates.today()
    if day > dates.today():
        raise InputError(f"日期 {cn_date(day)} 还没到，不能预先记录")
    workspace.check_year(day.year, year, f"日期 {cn_date(day)}：")
    org = org.for_year(day.year)  # the record goes into the ledger of its own year
    by = resolve_members(org, event.by, day) if event.by else []
    with_ = resolve_members(org, event.with_, day) if event.with_ else []
    if not by:
        raise InputError("请用 --by 写明主持人或谈话人（姓名或编号，多人用逗号分隔）")
    if event.kind == "talk" and not with_:
        raise InputError("谈话要有谈话对象：请用 --with 写明（姓名或编号，多人用逗号分隔）")
    if event.kind == "appointment" and not with_:
        raise InputError("干部任用要写明任用（或评先评优）的人：请用 --with 写明（姓名或编号，多人用逗号分隔）")
    both = [m for m in with_ if any(b.id == m.id for b in by)]
    if both:
        names = "、".join(describe(org, m) for m in both)
        raise InputError(f"{names} 同时写在 --by 和 --with 中：一个人不能既是主持人（谈话人）又是对象，请改正其中一个")
    for member in (*by, *with_):
        if not org.person_in_post(member.id, day):
            posts = org.posts_of(member.id)
            term = []
            if posts[0].since:
                term.append(f"{cn_date(posts[0].since)}起")
            if posts[-1].until:
                term.append(f"至{cn_date(posts[-1].until)}")
            raise InputError(f"{describe(org, member)} 在 {cn_date(day)} 不在任（任职{''.join(term)}）")
    if event.kind == "hearing" and not event.departments.strip() and not with_:
        overseen = []
        for member in by:
            overseen += [org.department(d).name for d in org.overseen_by(member.id, day)]
        listing = "、".join(dict.fromkeys(overseen))
        raise InputError("听取汇报要写明听取哪个科室的汇报（--dept 科室），或谁作的汇报（--with 姓名）",
                         [f"{'、'.join(describe(org, m) for m in by)} 在 {cn_date(day)} 分管：{listing}" if listing
                          else f"{'、'.join(describe(org, m) for m in by)} 在 {cn_date(day)} 没有分管的科室"])
    departments = []
    for part in [p for p in event.departments.replace("，", ",").replace("、", ",").split(",") if p.strip()]:
        dept = resolve_department(org, part)
        if dept.id not in departments:
            departments.append(dept.id)
    evidence = tuple(_evidence_source(path) for path in event.evidence)
    to = resolve_recipients(org, catalog, event.to) if event.to.strip() else ()
    for_year = report_year(catalog, event.kind, type_, day, event.for_year)
    return L.Entry(
        id=entry_id,
        date=day,
        kind=event.kind,
        type=type_,
        by=tuple(m.id for m in by),
        with_=tuple(m.id for m in with_),
        departments=tuple(departments),
        topic=clean_text(event.topic, "主题"),
        note=clean_text(event.note, "备注"),
        evidence=evidence,
        recorded_at=now or L.now(),
        to=to,
        for_year=for_year,
    )


def _evidence_source(text: str) -> L.Evidence:
    """Check an evidence file before anything is written: a regular file,
    readable; its SHA-256 is taken now and verified again when copied."""
    import stat

    path = Path(text).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"找不到佐证材料文件 {text}") from None
    except OSError as exc:
        raise InputError(f"无法读取佐证材料 {text}（{exc.strerror}）") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"佐证材料 {text} 是一个文件夹；请逐个写出其中的文件，或先压缩成一个文件")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"佐证材料 {text} 不是普通文件（设备、管道或套接字），不能作为佐证")
    try:
        digest = file_sha256(path)
    except OSError as exc:
        raise InputError(f"无法读取佐证材料 {text}（{exc.strerror}）") from None
    return L.Evidence(str(path.resolve()), digest)




EVIDENCE_DIR = "evidence"


def store_evidence(workspace: Workspace, entry: L.Entry) -> L.Entry:
    """Copy each evidence file into ``evidence/<年>/<SHA-256 前缀>_<原名>``
    and keep that path: the record no longer depends on where the file was.
    A copy of the same content is reused; a copy is made atomically."""
    from zerenqingdan.storage import atomic_write, ensure_dir

    if not entry.evidence:
        return entry
    folder = workspace.root / EVIDENCE_DIR / str(entry.date.year)
    kept = []
    for item in entry.evidence:
        source = Path(item.path)
        name = f"{item.sha256[:12]}_{_safe_name(source.name)}"
        target = folder / name
        if not (target.is_file() and file_sha256(target) == item.sha256):
            data = source.read_bytes()
            if hashlib.sha256(data).hexdigest() != item.sha256:
                raise InputError(f"佐证材料 {source} 在记录过程中被改动了，请稍后再试")
            ensure_dir(folder)
            atomic_write(target, data)
        kept.append(L.Evidence(f"{EVIDENCE_DIR}/{entry.date.year}/{name}", item.sha256))
    return entry._replace(evidence=tuple(kept))


def _safe_name(name: str) -> str:
    from zerenqingdan.storage import safe_filename

    return safe_filename(name, limit=100)


def _leftover_folders(workspace: Workspace) -> list[Path]:
    return [workspace.root, workspace.ledger_dir]


def append_entry(workspace: Workspace, entry: L.Entry, year: int) -> L.Entry:
    """Give the entry its id and append it, under the lock."""
    return append_entries(workspace, [entry], year)[0]


def append_entries(workspace: Workspace, entries: list[L.Entry], year: int) -> list[L.Entry]:
    """Entries in one block, numbered in order after every id the ledger ever
    held; refused (nothing written) when the ledger is damaged."""
    from zerenqingdan.storage import sweep_leftovers

    path = workspace.ledger_path(year)
    with locked(workspace.lock_path):
        sweep_leftovers(_leftover_folders(workspace))
        snapshot = L.open_for_append(path, workspace.cache_dir)
        first = L.next_number(snapshot, path, year)
        entries = [store_evidence(workspace, e) for e in entries]  # the ledger is sound: now copy
        numbered = [e._replace(id=f"{year}-{first + i:04d}") for i, e in enumerate(entries)]
        L.write_mark(path, year, first + len(entries) - 1)  # first: a crash may skip an id, never reuse one
        L.commit_append(path, snapshot, "".join(L.entry_block(e) for e in numbered), year)
    ids = [e.id for e in numbered]
    journal.note(f"已记录 {ids[0]}" + (f" 至 {ids[-1]}（{len(ids)} 条）" if len(ids) > 1 else "")
                 + f"（{display_path(path)}）")
    return numbered


def void_entry(workspace: Workspace, year: int, entry_id: str, reason: str) -> L.Void:
    reason = clean_text(reason, "作废原因")
    if not reason:
        raise InputError("作废要写明原因：--reason 原因")
    path = workspace.ledger_path(year)
    with locked(workspace.lock_path):
        snapshot = L.open_for_append(path, workspace.cache_dir, full=True)
        ledger = snapshot.state.ledger(year, path)
        same = [e for e in ledger.entries if e.id == entry_id]
        if not same:
            raise InputError(f"台账中没有编号为 {entry_id} 的记录")
        if len(same) > 1:
            raise InputError(
                f"编号 {entry_id} 在台账中出现了 {len(same)} 次，无法确定要作废哪一条：",
                [*(f"{e.source.where()}：{e.date.isoformat()} {e.topic or e.kind}" for e in same),
                 "请先手工把其中一条改成未用过的编号（zr check 会列出全部重复的编号），再作废"],
            )
        if entry_id in ledger.voided():
            raise InputError(f"记录 {entry_id} 已于此前作废（原因：{ledger.voided()[entry_id].reason}）")
        void = L.Void(entry_id, reason, L.now())
        L.commit_append(path, snapshot, L.void_block(void), year)
    journal.note(f"已作废 {entry_id}（{display_path(path)}）")
    return void


def fix_entry(workspace: Workspace, year: int, entry_id: str, corrected: L.Entry, reason: str = "") -> tuple[L.Void, L.Entry]:
    """Void ``entry_id`` and record its corrected copy, in one write under the
    lock: both, or (on any failure) neither. The void names the new id."""
    from zerenqingdan.storage import sweep_leftovers

    path = workspace.ledger_path(year)
    with locked(workspace.lock_path):
        sweep_leftovers(_leftover_folders(workspace))
        snapshot = L.open_for_append(path, workspace.cache_dir, full=True)
        ledger = snapshot.state.ledger(year, path)
        same = [e for e in ledger.entries if e.id == entry_id]
        if len(same) != 1:
            raise InputError(f"台账中没有编号为 {entry_id} 的记录" if not same else
                             f"编号 {entry_id} 在台账中出现了 {len(same)} 次，请先运行 zr check 处理重复的编号")
        if entry_id in ledger.voided():
            raise InputError(f"记录 {entry_id} 已于此前作废（原因：{ledger.voided()[entry_id].reason}），不能再改正")
        first = L.next_number(snapshot, path, year)
        # its evidence is the old record's, already kept; correcting a typo is not late
        # entry: the copy keeps the original's recorded-at, and names it
        new = corrected._replace(id=f"{year}-{first:04d}", recorded_at=same[0].recorded_at or corrected.recorded_at,
                                 replaces=entry_id)
        void = L.Void(entry_id, clean_text(reason, "改正原因") or f"改正为 {new.id}", L.now())
        if reason:
            void = void._replace(reason=f"{void.reason}（改正为 {new.id}）")
        L.write_mark(path, year, first)
        L.commit_append(path, snapshot, L.void_block(void) + L.entry_block(new), year)
    journal.note(f"已作废 {entry_id} 并记录改正后的 {new.id}（{display_path(path)}）")
    return void, new
