"""What the 纪委 reads from the roll-up: one line per unit (``zr rollup
status``), the summary report (``zr rollup report``) and the workbook
(``zr rollup export xlsx``). Everything comes from the database; each
unit's figures are those its own ``zr status`` gives on the bundle's as-of day.
"""

from __future__ import annotations

from zerenqingdan.ledger.figures import LATE_DAYS
from zerenqingdan.rollup import db
from zerenqingdan.rollup.home import RollupHome


def _changes(conn, year: int) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for code, change, count in conn.execute(
            "SELECT unit_code, change, COUNT(*) FROM record_change WHERE year = ? GROUP BY unit_code, change", (year,)):
        out.setdefault(code, {})[change] = count
    return out


def _bundle_counts(conn, year: int) -> dict[str, int]:
    return dict(conn.execute("SELECT unit_code, COUNT(*) FROM bundle WHERE year = ? GROUP BY unit_code", (year,)))


def unit_rows(home: RollupHome, year: int, conn=None, with_people: bool = False) -> tuple[list[dict], list[dict]]:
    """(submitted units' lines, units expected that have not submitted for ``year``)."""
    settings = home.settings()
    own = conn is None
    conn = conn or db.connect(home.db_path)
    try:
        current = db.current(conn, year)
        changes = _changes(conn, year)
        counts = _bundle_counts(conn, year)
        people: dict[int, list[dict]] = {}
        if with_people and current:
            for row in conn.execute(
                    "SELECT s.bundle_id, s.holder, s.name, s.label, s.required, s.done, s.percent, s.overdue, s.due_soon "
                    "FROM person_summary s JOIN current_bundle c ON c.id = s.bundle_id WHERE c.year = ? "
                    "ORDER BY s.bundle_id, s.position", (year,)):
                people.setdefault(row[0], []).append(dict(zip(
                    ("holder", "name", "label", "required", "done", "percent", "overdue", "due_soon"), row[1:])))
    finally:
        if own:
            conn.close()
    rows = []
    for b in current:
        c = changes.get(b["unit_code"], {})
        item = {
            "code": b["unit_code"], "name": b["unit_name"], "year": b["year"], "submitted": True, "bundle_id": b["id"],
            "as_of": b["as_of"], "exported_at": b["exported_at"], "imported_at": b["imported_at"],
            "bundles": counts.get(b["unit_code"], 1), "preset": b["preset"], "file": b["file"],
            "required": b["required"], "done": b["done"], "percent": b["percent"], "overdue": b["overdue"],
            "due_soon": b["due_soon"], "people": b["duty_people"], "records": b["records"], "voids": b["voids"],
            "leaders": b["leaders"], "leaders_on_track": b["leaders_on_track"],
            "leader_required": b["leader_required"], "leader_done": b["leader_done"],
            "leader_percent": b["leader_percent"], "leader_scope": b["leader_scope"],
            "timed": b["timed"], "late": b["late"], "late_percent": b["late_percent"],
            "changed": c.get("modified", 0), "disappeared": c.get("disappeared", 0), "voided_since": c.get("voided", 0),
        }
        if with_people:
            item["summary"] = people.get(b["id"], [])
        rows.append(item)
    submitted = {r["code"] for r in rows}
    missing = [{"code": u.code, "name": u.name, "year": year, "submitted": False}
               for u in settings.units if u.code not in submitted]
    return rows, missing


def totals(rows: list[dict], missing: list[dict]) -> dict:
    required = sum(r["required"] for r in rows)
    done = sum(r["done"] for r in rows)
    measured = [r for r in rows if r["leader_required"]]  # units whose leaders have counted duties of their own
    leader_required = sum(r["leader_required"] for r in measured)
    leader_done = sum(r["leader_done"] for r in measured)
    timed = sum(r["timed"] for r in rows)
    late = sum(r["late"] for r in rows)
    return {
        "expected": len(rows) + len(missing), "submitted": len(rows), "missing": len(missing),
        "required": required, "done": done, "percent": round(100 * done / required) if required else 100,
        "overdue": sum(r["overdue"] for r in rows), "units_with_overdue": sum(1 for r in rows if r["overdue"]),
        "leaders": sum(r["leaders"] for r in measured), "leaders_on_track": sum(r["leaders_on_track"] for r in measured),
        "leader_required": leader_required, "leader_done": leader_done,
        "leader_percent": round(100 * leader_done / leader_required) if leader_required else 100,
        "four_ones_units": sum(1 for r in measured if r["leader_scope"] == "四个一"),
        "records": sum(r["records"] for r in rows), "timed": timed, "late": late,
        "late_percent": round(100 * late / timed) if timed else 0,
        "changed": sum(r["changed"] + r["disappeared"] for r in rows),
        "voided_since": sum(r["voided_since"] for r in rows),
    }


def unmeasured(conn, bundle_ids: list[int]) -> dict[int, int]:
    """Per bundle: duty periods not counted in the rate (the unit sets the frequency, or as needed)."""
    wanted = set(bundle_ids)
    return {b: n for b, n in conn.execute("SELECT bundle_id, COUNT(*) FROM progress WHERE measured = 0 GROUP BY bundle_id")
            if b in wanted}


def overdue_items(conn, year: int) -> list[dict]:
    """Every overdue duty period of the current bundles, by unit."""
    sql = ("SELECT c.unit_code, c.unit_name, p.holder_label, p.title, p.period_label, p.due, p.done, p.required, "
           "p.missing FROM progress p JOIN current_bundle c ON c.id = p.bundle_id "
           "WHERE c.year = ? AND p.state = 'overdue' ORDER BY c.unit_code, p.due, p.position")
    keys = ("code", "unit", "holder", "title", "period", "due", "done", "required", "missing")
    return [dict(zip(keys, row)) for row in conn.execute(sql, (year,))]


def late_records(conn, year: int, days: int = LATE_DAYS) -> list[dict]:
    out = []
    for kind, table in db.KIND_TABLES.items():
        sql = (f"SELECT r.unit_code, c.unit_name, r.record_id, r.date, r.type, r.by_names, r.with_names, "
               f"r.recorded_at, r.late_days FROM {table} r JOIN current_bundle c ON c.id = r.bundle_id "
               f"WHERE c.year = ? AND r.voided = 0 AND r.late_days > ?")
        for row in conn.execute(sql, (year, days)):
            out.append(dict(zip(("code", "unit", "id", "date", "type", "by", "with", "recorded_at", "days"), row),
                            kind=kind))
    return sorted(out, key=lambda r: (r["code"], r["date"], r["id"]))


def change_rows(conn, year: int) -> list[dict]:
    sql = ("SELECT ch.unit_code, b.unit_name, ch.record_id, ch.change, ch.detail, b.as_of, p.as_of "
           "FROM record_change ch JOIN bundle b ON b.id = ch.bundle_id LEFT JOIN bundle p ON p.id = ch.previous_bundle_id "
           "WHERE ch.year = ? ORDER BY ch.unit_code, b.id, ch.record_id")
    keys = ("code", "unit", "id", "change", "detail", "as_of", "previous_as_of")
    return [dict(zip(keys, row)) for row in conn.execute(sql, (year,))]


HOLDER_KINDS = {"party": "领导班子", "secretary": "书记", "leader": "班子成员", "head": "科室负责人",
                "discipline": "纪检机构", "function": "职能部门", "staff": "工作人员"}


def by_holder_kind(conn, bundle_ids: list[int]) -> dict[int, list[dict]]:
    """Per bundle: required/done/overdue by who holds the duty (班子、书记、班子成员…)."""
    out: dict[int, list[dict]] = {}
    if not bundle_ids:
        return out
    sql = ("SELECT bundle_id, holder_kind, SUM(required), SUM(CASE WHEN done < required THEN done ELSE required END), "
           "SUM(CASE WHEN state = 'overdue' THEN 1 ELSE 0 END), COUNT(DISTINCT holder) FROM progress "
           "WHERE measured = 1 GROUP BY bundle_id, holder_kind")
    wanted = set(bundle_ids)
    order = list(HOLDER_KINDS)
    for bundle_id, kind, required, done, overdue, holders in conn.execute(sql):
        if bundle_id in wanted:
            out.setdefault(bundle_id, []).append({
                "kind": kind, "label": HOLDER_KINDS.get(kind, kind), "holders": holders, "required": required or 0,
                "done": done or 0, "overdue": overdue or 0,
                "percent": round(100 * (done or 0) / required) if required else 100})
    for rows in out.values():
        rows.sort(key=lambda r: order.index(r["kind"]) if r["kind"] in order else len(order))
    return out
