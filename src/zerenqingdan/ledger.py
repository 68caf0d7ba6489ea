"""The ledger (台账): what was actually done, one TOML file per year.

``ledger/<year>.toml`` holds one ``[[entry]]`` table per event and one
``[[void]]`` table per voided entry. zr only ever *appends*: a new record is
one block written in a single ``write`` under the workspace lock, then
fsync'ed, so the user's comments and hand edits are never touched, and a
crash leaves every earlier record intact. Nothing is deleted: a mistaken
record is voided with a reason and stays in the file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from zerenqingdan.errors import ConfigError
from zerenqingdan.orgchart import Source
from zerenqingdan.storage import FILE_MODE, display_path, ensure_dir, table_lines

KINDS = {
    "talk": "谈话",
    "lecture": "党课",
    "hearing": "听取汇报",
    "meeting": "会议",
    "report": "报告",
    "signing": "签订",
    "inspection": "检查调研",
    "opinion": "廉政意见",
    "other": "其他",
}
_ID = re.compile(r'^\s*id\s*=\s*"(\d{4})-(\d+)"', re.M)
_ENTRY_KEYS = {
    "id", "date", "kind", "type", "by", "with", "departments", "topic", "note", "evidence", "recorded-at",
}


@dataclass(frozen=True)
class Evidence:
    path: str  # relative to the workspace
    sha256: str


@dataclass(frozen=True)
class Entry:
    id: str
    date: dt.date
    kind: str
    type: str | None
    by: tuple[str, ...]
    with_: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    topic: str = ""
    note: str = ""
    evidence: tuple[Evidence, ...] = ()
    recorded_at: dt.datetime | None = None
    source: Source | None = field(default=None, compare=False)

    def people(self) -> tuple[str, ...]:
        return self.by + tuple(p for p in self.with_ if p not in self.by)


@dataclass(frozen=True)
class Void:
    entry: str
    reason: str
    voided_at: dt.datetime | None = None
    source: Source | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Ledger:
    year: int
    path: Path
    entries: tuple[Entry, ...]
    voids: tuple[Void, ...]
    problems: tuple[str, ...]  # records that could not be read, as file:line: message

    def voided(self) -> dict[str, Void]:
        return {v.entry: v for v in self.voids}

    def valid(self) -> list[Entry]:
        voided = self.voided()
        return [e for e in self.entries if e.id not in voided]

    def entry(self, entry_id: str) -> Entry | None:
        for e in self.entries:
            if e.id == entry_id:
                return e
        return None


# ---------------------------------------------------------------------------
# writing


def _header(year: int) -> str:
    return (
        f"# zr 台账：{year} 年度。每条记录是一个 [[entry]]，作废标记是一个 [[void]]。\n"
        "# 可以手工补充或修改；请不要删除记录，记错了用 zr log void 编号 --reason 原因 作废，\n"
        "# 再记一条正确的。修改后运行 zr check 检查。\n"
    )


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def toml_value(value) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to the ledger")


def _toml_block(name: str, data: dict) -> str:
    """One ``[[name]]`` table, every value inline, so the block stands alone
    (arrays of tables inside it would otherwise escape to the top level)."""
    lines = [f"\n[[{name}]]"]
    for key, value in data.items():
        if value in (None, "", [], ()):
            continue
        lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def _tail_ids(path: Path, year: int) -> int:
    """The highest ``YEAR-N`` id, read from the file's tail (or all of it)."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        for chunk in (65536, size):
            handle.seek(max(0, size - chunk))
            text = handle.read().decode("utf-8", errors="replace")
            numbers = [int(n) for y, n in _ID.findall(text) if int(y) == year]
            if numbers or chunk >= size:
                return max(numbers, default=0)
    return 0


def append_block(path: Path, block: str, year: int) -> None:
    """Append ``block`` in one write; create the file with its header if new."""
    ensure_dir(path.parent)
    new = not path.exists()
    data = (_header(year) if new else "") + block
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        if not new:
            size = os.fstat(fd).st_size
            if size:
                with path.open("rb") as handle:
                    handle.seek(size - 1)
                    if handle.read(1) != b"\n":
                        data = "\n" + data
        payload = data.encode("utf-8")
        written = os.write(fd, payload)
        while written < len(payload):  # a short write: finish it
            written += os.write(fd, payload[written:])
        os.fsync(fd)
    finally:
        os.close(fd)


def next_id(path: Path, year: int) -> str:
    last = _tail_ids(path, year) if path.exists() else 0
    return f"{year}-{last + 1:04d}"


def entry_block(entry: Entry) -> str:
    return _toml_block(
        "entry",
        {
            "id": entry.id,
            "date": entry.date,
            "kind": entry.kind,
            "type": entry.type,
            "by": list(entry.by),
            "with": list(entry.with_),
            "departments": list(entry.departments),
            "topic": entry.topic,
            "note": entry.note,
            "evidence": [{"path": e.path, "sha256": e.sha256} for e in entry.evidence],
            "recorded-at": entry.recorded_at,
        },
    )


def void_block(void: Void) -> str:
    return _toml_block("void", {"entry": void.entry, "reason": void.reason, "voided-at": void.voided_at})


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


# ---------------------------------------------------------------------------
# reading


def read_ledger(path: Path, year: int) -> Ledger:
    """Parse a ledger file. A syntax error is raised (file:line); a record
    that cannot be read is listed in ``problems`` and left out."""
    from zerenqingdan.storage import load_toml

    if not path.exists():
        return Ledger(year, path, (), (), ())
    data, text = load_toml(path)
    return ledger_from_data(data, text, path, year)


def ledger_from_data(data: dict, text: str, path: Path, year: int) -> Ledger:
    file = display_path(path)
    problems: list[str] = []
    entries: list[Entry] = []
    voids: list[Void] = []
    for key in data:
        if key not in ("entry", "void"):
            problems.append(f"{file}: 未知的表或键“{key}”（台账只有 [[entry]] 和 [[void]]）")
    raw_entries = data.get("entry", [])
    lines = table_lines(text, "entry")
    for index, table in enumerate(raw_entries if isinstance(raw_entries, list) else []):
        line = lines[index] if len(lines) == len(raw_entries) else None
        src = Source(file, line, f"entry[{index + 1}]")
        entry = _read_entry(table, src, problems)
        if entry is not None:
            entries.append(entry)
    raw_voids = data.get("void", [])
    lines = table_lines(text, "void")
    for index, table in enumerate(raw_voids if isinstance(raw_voids, list) else []):
        line = lines[index] if len(lines) == len(raw_voids) else None
        src = Source(file, line, f"void[{index + 1}]")
        if not isinstance(table, dict) or not isinstance(table.get("entry"), str):
            problems.append(f"{src.where()}: {src.keypath}: 缺少 entry（被作废记录的编号）")
            continue
        reason = table.get("reason")
        voids.append(Void(table["entry"], reason if isinstance(reason, str) else "", _datetime(table.get("voided-at")), src))
    return Ledger(year, path, tuple(entries), tuple(voids), tuple(problems))


def _datetime(value) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


def _read_entry(table, src: Source, problems: list[str]) -> Entry | None:
    def bad(message: str) -> None:
        problems.append(f"{src.where()}: {src.keypath}: {message}")

    if not isinstance(table, dict):
        bad("应为 [[entry]] 表")
        return None
    if isinstance(table.get("id"), str):
        src = Source(src.file, src.line, f"{src.keypath}（{table['id']}）")
    for key in table:
        if key not in _ENTRY_KEYS:
            bad(f"未知的键“{key}”（可用：{'、'.join(sorted(_ENTRY_KEYS))}）")
    ok = True
    entry_id = table.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        bad("缺少 id")
        ok = False
    date = table.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        bad(f"date 应为日期（如 2026-03-05，不加引号），现在是 {date!r}")
        ok = False
    kind = table.get("kind")
    if kind not in KINDS:
        bad(f"kind = {kind!r} 无效（可用：{'、'.join(KINDS)}）")
        ok = False

    def strings(key: str) -> tuple[str, ...]:
        nonlocal ok
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            bad(f"{key} 应为编号列表，如 [\"P001\", \"P002\"]")
            ok = False
            return ()
        return tuple(value)

    by, with_, departments = strings("by"), strings("with"), strings("departments")
    evidence = []
    for item in table.get("evidence", []) if isinstance(table.get("evidence", []), list) else []:
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            evidence.append(Evidence(item["path"], str(item.get("sha256", ""))))
        else:
            bad("evidence 的每一项应为 {path = \"…\", sha256 = \"…\"}")
    type_ = table.get("type")
    if type_ is not None and not isinstance(type_, str):
        bad("type 应为字符串")
        ok = False
    if not ok:
        return None
    return Entry(
        id=entry_id, date=date, kind=kind, type=type_ or None, by=by, with_=with_,
        departments=departments, topic=str(table.get("topic", "")), note=str(table.get("note", "")),
        evidence=tuple(evidence), recorded_at=_datetime(table.get("recorded-at")), source=src,
    )


def ledger_error(path: Path, message: str) -> ConfigError:
    return ConfigError(f"{display_path(path)}: {message}")
