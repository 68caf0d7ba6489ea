"""The roll-up database: SQLite by default, in portable SQL.

Append-only: every imported bundle is a row of ``bundle`` and keeps its own
copy of every record (one table per record kind, keyed by unit, year, record
id and bundle), every person's line and every duty's period. The figures of
a unit and year are those of its *current* bundle — the one with the latest
as-of day (then the latest export) — and the view ``current_bundle`` says
which that is. Nothing is updated or deleted; a newer bundle supersedes the
older by being newer.

Only standard SQL types (TEXT, INTEGER), ``?`` parameters and one view, so
the same statements run on PostgreSQL (see the README) with the parameter
style changed to ``%s``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zerenqingdan.glossary import EVENT_KINDS

SCHEMA_VERSION = 1
KIND_TABLES = {kind: f"record_{kind}" for kind in EVENT_KINDS}

_RECORD_COLUMNS = (
    "unit_code", "year", "record_id", "bundle_id", "date", "type", "by_ids", "by_names", "with_ids", "with_names",
    "departments", "topic", "note", "evidence", "recorded_at", "late_days", "voided", "void_reason", "digest",
)
BUNDLE_COLUMNS = (
    "id", "unit_code", "unit_name", "year", "as_of", "exported_at", "imported_at", "preset", "zr_version",
    "bundle_schema", "sha256", "file", "stored_as", "records", "voids", "people", "departments",
    "required", "done", "percent", "overdue", "due_soon", "duty_people", "leaders", "leaders_on_track",
    "leader_required", "leader_done", "leader_percent", "leader_scope", "timed", "late", "late_percent",
)
SUMMARY_COLUMNS = ("bundle_id", "position", "holder", "name", "label", "required", "done", "percent", "overdue",
                   "due_soon")
PROGRESS_COLUMNS = ("bundle_id", "position", "holder", "holder_label", "holder_kind", "duty", "title", "item",
                    "period", "period_label", "due", "required", "done", "state", "state_label", "missing",
                    "records", "measured")
CHANGE_COLUMNS = ("bundle_id", "unit_code", "year", "record_id", "change", "previous_bundle_id", "detail")


def _ddl() -> list[str]:
    text = "TEXT"
    integer = "INTEGER"
    statements = [
        "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)",
        f"""CREATE TABLE IF NOT EXISTS bundle (
            id INTEGER PRIMARY KEY, unit_code {text} NOT NULL, unit_name {text} NOT NULL, year {integer} NOT NULL,
            as_of {text} NOT NULL, exported_at {text} NOT NULL, imported_at {text} NOT NULL, preset {text},
            zr_version {text}, bundle_schema {integer}, sha256 {text} NOT NULL UNIQUE, file {text} NOT NULL,
            stored_as {text} NOT NULL, records {integer}, voids {integer}, people {integer}, departments {integer},
            required {integer}, done {integer}, percent {integer}, overdue {integer}, due_soon {integer},
            duty_people {integer}, leaders {integer}, leaders_on_track {integer}, leader_required {integer},
            leader_done {integer}, leader_percent {integer}, leader_scope {text}, timed {integer}, late {integer},
            late_percent {integer})""",
        "CREATE INDEX IF NOT EXISTS bundle_unit_year ON bundle (unit_code, year)",
        """CREATE VIEW IF NOT EXISTS current_bundle AS
            SELECT b.* FROM bundle b WHERE NOT EXISTS (
                SELECT 1 FROM bundle n WHERE n.unit_code = b.unit_code AND n.year = b.year AND (
                    n.as_of > b.as_of OR (n.as_of = b.as_of AND n.exported_at > b.exported_at)
                    OR (n.as_of = b.as_of AND n.exported_at = b.exported_at AND n.id > b.id)))""",
        f"""CREATE TABLE IF NOT EXISTS person_summary (
            bundle_id {integer} NOT NULL REFERENCES bundle (id), position {integer} NOT NULL, holder {text} NOT NULL,
            name {text}, label {text}, required {integer}, done {integer}, percent {integer}, overdue {integer},
            due_soon {integer}, PRIMARY KEY (bundle_id, holder))""",
        f"""CREATE TABLE IF NOT EXISTS progress (
            bundle_id {integer} NOT NULL REFERENCES bundle (id), position {integer} NOT NULL, holder {text},
            holder_label {text}, holder_kind {text}, duty {text}, title {text}, item {integer}, period {text},
            period_label {text}, due {text}, required {integer}, done {integer}, state {text}, state_label {text},
            missing {text}, records {text}, measured {integer}, PRIMARY KEY (bundle_id, position))""",
        f"""CREATE TABLE IF NOT EXISTS record_change (
            bundle_id {integer} NOT NULL REFERENCES bundle (id), unit_code {text} NOT NULL, year {integer} NOT NULL,
            record_id {text} NOT NULL, change {text} NOT NULL, previous_bundle_id {integer}, detail {text},
            PRIMARY KEY (bundle_id, record_id))""",
    ]
    for table in KIND_TABLES.values():
        statements.append(f"""CREATE TABLE IF NOT EXISTS {table} (
            unit_code {text} NOT NULL, year {integer} NOT NULL, record_id {text} NOT NULL,
            bundle_id {integer} NOT NULL REFERENCES bundle (id), date {text} NOT NULL, type {text},
            by_ids {text}, by_names {text}, with_ids {text}, with_names {text}, departments {text}, topic {text},
            note {text}, evidence {text}, recorded_at {text}, late_days {integer}, voided {integer} NOT NULL,
            void_reason {text}, digest {text} NOT NULL, PRIMARY KEY (unit_code, year, record_id, bundle_id))""")
        statements.append(f"CREATE INDEX IF NOT EXISTS {table}_bundle ON {table} (bundle_id)")
    return statements


def connect(path: Path) -> sqlite3.Connection:
    """Open (and on first use create) the database."""
    from zerenqingdan.errors import ConfigError
    from zerenqingdan.storage import display_path

    new = not path.exists()
    try:
        conn = sqlite3.connect(path, isolation_level=None)  # transactions are explicit: BEGIN … COMMIT
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        if new:
            conn.execute("BEGIN")
            for statement in _ddl():
                conn.execute(statement)
            conn.execute("INSERT INTO schema_info (version) VALUES (?)", (SCHEMA_VERSION,))
            conn.execute("COMMIT")
            if hasattr(path, "chmod"):
                path.chmod(0o600)
        else:
            row = conn.execute("SELECT version FROM schema_info").fetchone()
            if not row or row[0] != SCHEMA_VERSION:
                raise ConfigError(f"{display_path(path)} 的结构版本是 {row[0] if row else '未知'}，"
                                  f"本版 zr 使用 {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as error:
        raise ConfigError(f"{display_path(path)} 无法打开：它不是 zr 的汇总数据库，或已损坏（{error}）") from None
    return conn


def insert(conn, table: str, columns, rows) -> None:
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def record_columns() -> tuple[str, ...]:
    return _RECORD_COLUMNS


def current(conn, year: int) -> list[dict]:
    """The current bundle of every unit for ``year``, as dicts, by unit code."""
    cursor = conn.execute(f"SELECT {', '.join(BUNDLE_COLUMNS)} FROM current_bundle WHERE year = ? ORDER BY unit_code",
                          (year,))
    return [dict(zip(BUNDLE_COLUMNS, row)) for row in cursor]


def current_of(conn, unit_code: str, year: int) -> dict | None:
    row = conn.execute(f"SELECT {', '.join(BUNDLE_COLUMNS)} FROM current_bundle WHERE unit_code = ? AND year = ?",
                       (unit_code, year)).fetchone()
    return dict(zip(BUNDLE_COLUMNS, row)) if row else None


def records_of(conn, bundle_id: int) -> dict[str, dict]:
    """record id → its row (and ``kind``) in one bundle."""
    out = {}
    for kind, table in KIND_TABLES.items():
        for row in conn.execute(f"SELECT {', '.join(_RECORD_COLUMNS)} FROM {table} WHERE bundle_id = ?", (bundle_id,)):
            item = dict(zip(_RECORD_COLUMNS, row))
            item["kind"] = kind
            out[item["record_id"]] = item
    return out
