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
from sys import intern
from typing import NamedTuple
from pathlib import Path

from zerenqingdan import glossary
from zerenqingdan.errors import ConfigError
from zerenqingdan.orgchart import Source
from zerenqingdan.storage import FILE_MODE, display_path, ensure_dir

KINDS = glossary.EVENT_KINDS
_ID = re.compile(r'^\s*id\s*=\s*"(\d{4})-(\d+)"', re.M)
_ENTRY_KEYS = {
    "id", "date", "kind", "type", "by", "with", "departments", "topic", "note", "evidence", "recorded-at",
}


class Evidence(NamedTuple):
    path: str  # relative to the workspace
    sha256: str


class Entry(NamedTuple):
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
    source: Source | None = None

    def people(self) -> tuple[str, ...]:
        return self.by + tuple(p for p in self.with_ if p not in self.by)


class Void(NamedTuple):
    entry: str
    reason: str
    voided_at: dt.datetime | None = None
    source: Source | None = None


class Ledger(NamedTuple):
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
    """Append ``block`` in one write and fsync it; create the file with its
    header if new. If the write fails (disk full), the file is cut back to
    what it was, so no half record is ever left behind."""
    ensure_dir(path.parent)
    new = not path.exists()
    data = (_header(year) if new else "") + block
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        size = os.fstat(fd).st_size
        if size:
            with path.open("rb") as handle:
                handle.seek(size - 1)
                if handle.read(1) != b"\n":
                    data = "\n" + data
        payload = data.encode("utf-8")
        try:
            written = os.write(fd, payload)
            while written < len(payload):  # a short write: finish it
                written += os.write(fd, payload[written:])
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)
            raise
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


_HEADERS = re.compile(rb"^[ \t]*\[\[[ \t]*(entry|void)[ \t]*\]\][ \t]*(?:#[^\n]*)?$", re.M)
CACHE_FORMAT = 2


class _State:
    """What has been read so far: records, problems, and where the text ended."""

    def __init__(self, file: str):
        self.file = file
        self.entries: list[Entry] = []
        self.voids: list[Void] = []
        self.problems: list[str] = []
        self.lines = 0  # lines consumed

    def add_chunk(self, text: str, path: Path, first_line: int, headers: list[tuple[str, int]]) -> None:
        """Parse one piece of the file: whole records, starting at ``first_line``.
        ``headers`` gives each [[entry]]/[[void]] header's kind and line."""
        from zerenqingdan.storage import parse_toml

        data = parse_toml(text, path, line_offset=first_line - 1)
        for key in data:
            if key not in ("entry", "void"):
                self.problems.append(f"{self.file}:{first_line}: 未知的表或键“{key}”（台账只有 [[entry]] 和 [[void]]）")
        entry_lines = [line for kind, line in headers if kind == "entry"]
        void_lines = [line for kind, line in headers if kind == "void"]
        tables = data.get("entry", []) if isinstance(data.get("entry"), list) else []
        for index, table in enumerate(tables):
            line = entry_lines[index] if len(entry_lines) == len(tables) else first_line
            src = Source(self.file, line, f"entry[{len(self.entries) + 1}]")
            self.entries.append(_read_entry(table, src, self.problems))  # None keeps entry[N] numbering
        tables = data.get("void", []) if isinstance(data.get("void"), list) else []
        for index, table in enumerate(tables):
            line = void_lines[index] if len(void_lines) == len(tables) else first_line
            src = Source(self.file, line, f"void[{len(self.voids) + 1}]")
            if not isinstance(table, dict) or not isinstance(table.get("entry"), str):
                self.problems.append(f"{src.where()}: {src.keypath}: 缺少 entry（被作废记录的编号）")
                self.voids.append(None)
                continue
            reason = table.get("reason")
            self.voids.append(Void(table["entry"], reason if isinstance(reason, str) else "",
                                   _datetime(table.get("voided-at")), src))

    BATCH = 500  # records parsed per tomllib call: bounded memory, little overhead

    def add_bytes(self, raw: bytes, path: Path) -> None:
        """Parse UTF-8 text in batches of whole records (split at each
        [[entry]]/[[void]] header), decoding one batch at a time: memory stays
        bounded, and a later read can start where this one ended."""
        headers = [(m.start(), m.group(1).decode()) for m in _HEADERS.finditer(raw)]
        line, at = self.lines + 1, 0  # the line number of raw[at]

        def line_of(position: int) -> int:
            nonlocal line, at
            line += raw.count(b"\n", at, position)
            at = position
            return line

        cuts = [0] + [pos for pos, _ in headers[self.BATCH::self.BATCH]] + [len(raw)]
        pointer = 0
        for a, b in zip(cuts, cuts[1:]):
            first = line_of(a)
            batch = []
            while pointer < len(headers) and headers[pointer][0] < b:
                position, kind = headers[pointer]
                batch.append((kind, line_of(position)))
                pointer += 1
            try:
                piece = raw[a:b].decode("utf-8")
            except UnicodeDecodeError as exc:
                bad_line = first + raw.count(b"\n", a, a + exc.start)
                raise ConfigError(f"{self.file}:{bad_line}: 文件不是 UTF-8 编码，请用 UTF-8 另存") from None
            if piece.strip():
                self.add_chunk(piece, path, first, batch)
        self.lines += raw.count(b"\n") + (0 if raw.endswith(b"\n") or not raw else 1)

    def ledger(self, year: int, path: Path) -> "Ledger":
        return Ledger(year, path, tuple(e for e in self.entries if e is not None),
                      tuple(v for v in self.voids if v is not None), tuple(self.problems))

    # -- the cache: plain tuples, written with marshal ------------------------
    def dump(self) -> tuple:
        def entry(e: Entry | None):
            if e is None:
                return None
            return (e.id, e.date.toordinal(), e.kind, e.type, e.by, e.with_, e.departments, e.topic, e.note,
                    tuple((x.path, x.sha256) for x in e.evidence),
                    e.recorded_at.isoformat() if e.recorded_at else None, e.source.line, e.source.keypath)

        def void(v: Void | None):
            if v is None:
                return None
            return (v.entry, v.reason, v.voided_at.isoformat() if v.voided_at else None, v.source.line,
                    v.source.keypath)

        return ([entry(e) for e in self.entries], [void(v) for v in self.voids], self.problems, self.lines)

    @classmethod
    def load(cls, file: str, dumped: tuple) -> "_State":
        state = cls(file)
        entries, voids, problems, lines = dumped
        # tuple.__new__ directly: this runs once per record on every status
        make = tuple.__new__
        fromordinal, fromiso = dt.date.fromordinal, dt.datetime.fromisoformat
        append = state.entries.append
        for e in entries:
            if e is None:
                append(None)
                continue
            (eid, day, kind, type_, by, with_, depts, topic, note, evidence, recorded, line, keypath) = e
            append(make(Entry, (eid, fromordinal(day), kind, type_, by, with_, depts, topic, note,
                                tuple(make(Evidence, x) for x in evidence) if evidence else (),
                                fromiso(recorded) if recorded else None,
                                make(Source, (file, line, keypath)))))
        for v in voids:
            if v is None:
                state.voids.append(None)
                continue
            entry_id, reason, voided, line, keypath = v
            state.voids.append(Void(entry_id, reason, fromiso(voided) if voided else None,
                                    Source(file, line, keypath)))
        state.problems = list(problems)
        state.lines = lines
        return state


def read_ledger(path: Path, year: int, cache_dir: Path | None = None) -> Ledger:
    """Read a ledger file. A syntax error is raised as file:line; a record
    that cannot be read is listed in ``problems`` and left out.

    With ``cache_dir``, what was read is kept there, keyed by a hash of the
    bytes it came from; a later read reuses it when the file still starts with
    exactly those bytes and parses only what was appended since. A cache can
    therefore never be stale: any other change means a full read.
    """
    import hashlib

    if not path.exists():
        return Ledger(year, path, (), (), ())
    file = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{file}：无法读取（{exc.strerror}）") from None
    digest = hashlib.blake2b(raw).hexdigest()
    state = None
    offset = 3 if raw.startswith(b"\xef\xbb\xbf") else 0  # a BOM from an editor
    cache = cache_dir / f"ledger-{year}.marshal" if cache_dir else None
    if cache is not None:
        cached = _read_cache(cache)
        if cached is not None:
            length, prefix_digest, dumped = cached
            if length == len(raw) and prefix_digest == digest:
                return _State.load(file, dumped).ledger(year, path)
            if (len(raw) > length and raw[length - 1:length] == b"\n"
                    and hashlib.blake2b(raw[:length]).hexdigest() == prefix_digest):
                first = raw[length:].lstrip(b" \t\r\n")
                # what was appended must start a new record; else read it all
                if not first or first.startswith(b"#") or first.startswith(b"[["):
                    state, offset = _State.load(file, dumped), length
    if state is None:
        state = _State(file)
    state.add_bytes(raw[offset:] if offset else raw, path)
    if cache is not None:
        _write_cache(cache, (len(raw), digest, state.dump()))
    return state.ledger(year, path)


def _read_cache(cache: Path):
    import marshal

    try:
        data = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # no cache, or an unreadable one: read the ledger itself
    if not isinstance(data, tuple) or len(data) != 4 or data[0] != CACHE_FORMAT:
        return None
    return data[1:]


def _write_cache(cache: Path, data: tuple) -> None:
    import marshal

    from zerenqingdan.storage import atomic_write

    try:
        atomic_write(cache, marshal.dumps((CACHE_FORMAT, *data)))
    except OSError:
        pass  # a read-only workspace simply goes without a cache


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
        return tuple(intern(v) for v in value)

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
    # ids, kinds and types repeat across thousands of records: share one string
    # each (marshal keeps the sharing in the cache), which halves the memory
    return Entry(
        id=entry_id, date=date, kind=intern(kind), type=intern(type_) if type_ else None, by=by, with_=with_,
        departments=departments, topic=intern(str(table.get("topic", ""))), note=str(table.get("note", "")),
        evidence=tuple(evidence), recorded_at=_datetime(table.get("recorded-at")), source=src,
    )
