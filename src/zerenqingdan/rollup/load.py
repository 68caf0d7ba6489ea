"""``zr rollup import``: bundles into the database, each whole or not at all.

Each bundle is checked and read (``verify``; in worker processes when there
are many), then written in one transaction under the workspace lock: its
row, its copy kept in ``bundles/``, its records, people and periods, and —
when it supersedes an earlier bundle of the same unit and year — every
earlier record that changed, disappeared or was voided since. A bundle that
fails anywhere leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import NamedTuple

from zerenqingdan.glossary import EVENT_KINDS as KINDS
from zerenqingdan.ledger.figures import LATE_DAYS
from zerenqingdan.rollup import db
from zerenqingdan.rollup.home import ExpectedUnit, RollupHome
from zerenqingdan.rollup.verify import BundleError, Parsed, parse_bundle

LATE_SHOWN = 10
_FIELDS = {"date": "日期", "type": "类型", "by_names": "主持人/谈话人", "with_names": "对象/参加人",
           "departments": "科室", "topic": "主题", "note": "备注", "evidence": "佐证材料", "recorded_at": "记录时间"}


class Outcome(NamedTuple):
    file: str
    state: str  # imported, duplicate, older, refused
    message: str
    unit: str = ""
    changes: tuple[str, ...] = ()
    late: tuple[str, ...] = ()  # the first LATE_SHOWN 补记 (all of them in zr rollup export xlsx)
    late_count: int = 0
    warnings: tuple[str, ...] = ()


def _parse(path: str):
    try:
        return parse_bundle(Path(path))
    except BundleError as error:
        return error.message


def parse_all(paths: list[Path]):
    """Each path's Parsed, or the reason it was refused, in order."""
    if len(paths) < 8:
        for path in paths:
            yield path, _parse(str(path))
        return
    import os
    from concurrent.futures import ProcessPoolExecutor

    from collections import deque

    workers = max(1, min(4, os.cpu_count() or 1))
    with ProcessPoolExecutor(workers) as pool:
        waiting: deque = deque()  # a few bundles ahead of the writer, never all of them in memory
        for path in paths:
            waiting.append((path, pool.submit(_parse, str(path))))
            if len(waiting) >= 3 * workers:
                done, future = waiting.popleft()
                yield done, future.result()
        while waiting:
            done, future = waiting.popleft()
            yield done, future.result()


def _row(row: tuple) -> dict:
    """A parsed record row (the record table's columns after bundle_id) by column name."""
    return dict(zip(db.RECORD_COLUMNS[1:], row))


def _changed(old: dict, fresh: dict) -> str:
    parts = []
    for key, label in _FIELDS.items():
        if (old.get(key) or "") != (fresh.get(key) or ""):
            parts.append(f"{label}“{old.get(key) or '（空）'}”→“{fresh.get(key) or '（空）'}”")
    return "；".join(parts) or "内容"


def _changes(conn, previous: dict, parsed: Parsed) -> list[tuple[str, str, str]]:
    """(record id, change, detail) of every earlier record not the same now."""
    before = db.records_of(conn, previous["id"])
    now = {row[2]: (kind, row) for kind, rows in parsed.records.items() for row in rows}
    out = []
    for record_id, old in sorted(before.items()):
        if record_id not in now:
            who = old["with_names"] or old["by_names"]
            out.append((record_id, "disappeared", f"{_cn(old['date'])}的{old['type'] or KINDS.get(old['kind'], '记录')}"
                                                  + (f"（{who}）" if who else "")))
            continue
        row = _row(now[record_id][1])
        what = f"{_cn(old['date'])}的{old['type'] or KINDS.get(old['kind'], '记录')}"
        if row["digest"] != old["digest"]:  # the digest covers the kind too
            out.append((record_id, "modified", f"{what}，{_changed(old, row)}"))
        elif row["voided"] and not old["voided"]:
            out.append((record_id, "voided", f"{what}，作废原因：{row['void_reason'] or '未写'}"))
    return out


CHANGE_WORDS = {"modified": "修改", "disappeared": "删去", "voided": "作废"}


def change_line(record_id: str, change: str, detail: str) -> str:
    if change == "modified":
        return f"已上报的记录 {record_id} 在新上报中被修改（{detail}）"
    if change == "disappeared":
        return f"已上报的记录 {record_id} 在新上报中消失（原为{detail}）"
    return f"已上报的记录 {record_id} 在新上报中作废（{detail}）"


def _late_lines(parsed: Parsed) -> list[str]:
    out = []
    for rows in parsed.records.values():
        for row in map(_row, rows):
            days = row["late_days"]
            if days is not None and days > LATE_DAYS and not row["voided"]:
                out.append((row["date"], row["record_id"], days, row["type"] or ""))
    return [f"补记：{rid}（{_cn(d)}的{t or '记录'}，{days} 天后才录入）" for d, rid, days, t in sorted(out)]


def _cn(iso: str) -> str:
    from zerenqingdan.dates import cn_date

    try:
        return cn_date(dt.date.fromisoformat(iso))
    except (TypeError, ValueError):
        return str(iso)


def _store(home: RollupHome, conn, parsed: Parsed) -> tuple[int, str, list]:
    from zerenqingdan.storage import atomic_write, safe_filename

    b = parsed.bundle
    previous = db.current_of(conn, b["unit_code"], b["year"])
    folder = home.bundles_dir / safe_filename(b["unit_code"]) / str(b["year"])
    stored = folder / f"{b['as_of']}-{parsed.sha256[:12]}.zip"
    relative = stored.relative_to(home.root).as_posix()
    atomic_write(stored, parsed.data)
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        conn.execute("BEGIN IMMEDIATE")
        row = {**b, "imported_at": now, "stored_as": relative}
        columns = [c for c in db.BUNDLE_COLUMNS if c != "id"]
        cursor = conn.execute(f"INSERT INTO bundle ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                              [row[c] for c in columns])
        bundle_id = cursor.lastrowid
        for kind, rows in parsed.records.items():  # the kinds zr reads (a ledger of any other is refused)
            db.insert(conn, db.KIND_TABLES[kind], db.RECORD_COLUMNS, [(bundle_id, *r) for r in rows])
        db.insert(conn, "person_summary", db.SUMMARY_COLUMNS, [(bundle_id, *r) for r in parsed.summary])
        db.insert(conn, "progress", db.PROGRESS_COLUMNS, [(bundle_id, *r) for r in parsed.progress])
        changes = []
        supersedes = previous is not None and (b["as_of"], b["exported_at"]) >= (previous["as_of"], previous["exported_at"])
        if supersedes:
            changes = _changes(conn, previous, parsed)
            db.insert(conn, "record_change", db.CHANGE_COLUMNS,
                      [(bundle_id, b["unit_code"], b["year"], rid, change, previous["id"], detail)
                       for rid, change, detail in changes])
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        stored.unlink(missing_ok=True)
        raise
    state = "imported" if previous is None or supersedes else "older"
    return bundle_id, state, changes


def import_bundles(home: RollupHome, paths: list[Path]) -> list[Outcome]:
    from zerenqingdan.storage import locked

    outcomes: list[Outcome] = []
    settings = home.settings()
    known = {u.code: u.name for u in settings.units}
    added: list[ExpectedUnit] = []
    with locked(home.lock_path), db.translated(home.db_path, done=lambda: sum(
            1 for o in outcomes if o.state in ("imported", "older"))):
        conn = db.connect(home.db_path)
        try:
            seen = {row[0] for row in conn.execute("SELECT sha256 FROM bundle")}
            for path, parsed in parse_all(paths):
                if isinstance(parsed, str):
                    outcomes.append(Outcome(str(path), "refused", parsed))
                    continue
                b = parsed.bundle
                who = f"{b['unit_name']}（{b['unit_code']}）{b['year']} 年度"
                if parsed.sha256 in seen:
                    outcomes.append(Outcome(str(path), "duplicate", f"{Path(path).name}：{who}这份数据包已导入过，跳过", who))
                    continue
                try:
                    _, state, changes = _store(home, conn, parsed)
                except BundleError as error:
                    outcomes.append(Outcome(str(path), "refused", error.message))
                    continue
                seen.add(parsed.sha256)
                warnings = []
                named = known.get(b["unit_code"])
                if b["unit_code"] not in known:
                    known[b["unit_code"]] = b["unit_name"]
                    added.append(ExpectedUnit(b["unit_code"], b["unit_name"]))
                elif named and named != b["unit_name"]:
                    warnings.append(f"单位代码 {b['unit_code']} 在 rollup.toml 中是“{named}”，这份数据包是“{b['unit_name']}”："
                                    "如是同一单位改了名，改 rollup.toml 即可；否则是两个单位用了同一个代码，请核实")
                if b["year"] != settings.year:
                    warnings.append(f"这是 {b['year']} 年度的数据包（rollup.toml 中的年度是 {settings.year}），"
                                    f"用 zr rollup status --year {b['year']} 查看")
                lines = tuple(change_line(*c) for c in changes)
                text = (f"{who}，统计截至 {b['as_of']}：记录 {b['records']} 条，完成率 {b['percent']}%，"
                        f"逾期 {b['overdue']} 项")
                if state == "older":
                    text += "（比已导入的上报更早，已保存，不替代现有数字）"
                late = _late_lines(parsed)
                outcomes.append(Outcome(str(path), state, text, who, lines, tuple(late[:LATE_SHOWN]), len(late),
                                        tuple(warnings)))
        finally:
            conn.close()
            home.expect(added)  # the units committed so far, even when the database stopped us
    return outcomes


def as_json(outcome: Outcome) -> dict:
    return {**outcome._asdict(), "changes": list(outcome.changes), "late": list(outcome.late),
            "warnings": list(outcome.warnings)}
