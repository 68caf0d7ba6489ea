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
from zerenqingdan.storage import FILE_MODE, Source, display_path, ensure_dir

KINDS = glossary.EVENT_KINDS
_ID = re.compile(r'^\s*id\s*=\s*"(\d{4})-(\d+)"', re.M)
_ENTRY_KEYS = {
    "id", "date", "kind", "type", "by", "with", "departments", "topic", "note", "evidence", "recorded-at",
    "to", "for-year", "replaces",
}
MAX_TEXT = 2000  # characters in a topic, note or reason


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
    to: tuple[str, ...] = ()  # a report's recipients, as the catalog names them (上级纪委, 市委…)
    for_year: int | None = None  # the year a report is on, when not its date's (a January report on last year)
    replaces: str = ""  # the record this one corrects (zr log fix): its lateness is the original's

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
    problems: tuple[str, ...]  # what could not be read, as file:line: message
    unreadable: int = 0  # records left out because of those problems

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


def start_ledger(path: Path, year: int) -> bool:
    """Create the year's empty ledger (header only); False if it exists."""
    if path.exists():
        return False
    from zerenqingdan.storage import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, _header(year))
    return True


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


_ID_NUMBER = re.compile(r"^(\d{4})-(\d+)$")


def id_number(entry_id, year: int) -> int:
    """``2026-0012`` → 12 for year 2026; 0 for anything else."""
    match = _ID_NUMBER.match(entry_id) if isinstance(entry_id, str) else None
    return int(match.group(2)) if match and int(match.group(1)) == year else 0


def mark_path(path: Path) -> Path:
    """The high-water mark beside a ledger: the last id zr ever issued in it,
    so an id survives its record being deleted or renumbered by hand."""
    return path.with_name(f".{path.stem}.last-id")


def read_mark(path: Path, year: int) -> int:
    try:
        return id_number(mark_path(path).read_text(encoding="utf-8").strip(), year)
    except (OSError, UnicodeDecodeError):
        return 0


def write_mark(path: Path, year: int, number: int) -> None:
    from zerenqingdan.storage import atomic_write

    atomic_write(mark_path(path), f"{year}-{number:04d}\n")


def append_bytes(path: Path, payload: bytes, size: int) -> None:
    """Append ``payload`` to a file of ``size`` bytes in one write and fsync
    it. If the write fails (disk full), the file is cut back to ``size``,
    so no half record is ever left behind."""
    ensure_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        if os.fstat(fd).st_size != size:
            raise ConfigError(f"{display_path(path)} 在读取后被改动过（可能有人正在编辑），请稍后再试")
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
            "to": list(entry.to),
            "for-year": entry.for_year,
            "replaces": entry.replaces or None,
            "recorded-at": entry.recorded_at,
        },
    )


def void_block(void: Void) -> str:
    return _toml_block("void", {"entry": void.entry, "reason": void.reason, "voided-at": void.voided_at})


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


# ---------------------------------------------------------------------------
# reading


_HEADERS = re.compile(rb"^[ \t]*\[\[[ \t]*(entry|void)[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$", re.M)
CACHE_FORMAT = 4
TORN = "之后有不完整的内容（可能是断电或进程被终止），请检查并修好该处后再记录"


class _State:
    """What has been read so far: records, problems, and where the text ended."""

    def __init__(self, file: str):
        self.file = file
        self.entries: list[Entry | None] = []  # None: a record that could not be read
        self.voids: list[Void | None] = []
        self.problems: list[str] = []
        self.lines = 0  # newlines consumed: the next byte is on line lines + 1
        self.top = 0  # the highest id number seen, read or not
        self.clean = True  # every header the scan found was a record tomllib saw
        self.last = (0, True)  # the last record's (line, readable)

    def add_chunk(self, text: str, path: Path, first_line: int, headers: list[tuple[str, int]]) -> None:
        """Parse one piece of the file: whole records, starting at ``first_line``.
        ``headers`` gives each [[entry]]/[[void]] header's kind and line."""
        from zerenqingdan.storage import parse_toml

        data = parse_toml(text, path, line_offset=first_line - 1)
        for key in ("entry", "void"):
            if key in data and not isinstance(data[key], list):
                raise ConfigError(f"{self.file}:{first_line}: “{key}”应写成 [[{key}]]（两层方括号），"
                                  f"不能写成 [{key}]；请改正后再试")
        for key in data:
            if key not in ("entry", "void"):
                self.problems.append(f"{self.file}:{first_line}: 未知的表或键“{key}”（台账只有 [[entry]] 和 [[void]]）")
        entry_lines = [line for kind, line in headers if kind == "entry"]
        void_lines = [line for kind, line in headers if kind == "void"]
        tables = data.get("entry", [])
        if len(entry_lines) != len(tables) or len(void_lines) != len(data.get("void", [])):
            self.clean = False
        for index, table in enumerate(tables):
            line = entry_lines[index] if len(entry_lines) == len(tables) else first_line
            src = Source(self.file, line, f"entry[{len(self.entries) + 1}]")
            if isinstance(table, dict):
                self.top = max(self.top, _number(table.get("id")))
            entry = _read_entry(table, src, self.problems)
            self.entries.append(entry)  # None keeps entry[N] numbering
            self._note_last(line, entry is not None)
        tables = data.get("void", [])
        for index, table in enumerate(tables):
            line = void_lines[index] if len(void_lines) == len(tables) else first_line
            src = Source(self.file, line, f"void[{len(self.voids) + 1}]")
            if not isinstance(table, dict) or not isinstance(table.get("entry"), str):
                self.problems.append(f"{src.where()}: {src.keypath}: 缺少 entry（被作废记录的编号）")
                self.voids.append(None)
                self._note_last(line, False)
                continue
            self.top = max(self.top, _number(table["entry"]))
            reason = table.get("reason")
            self.voids.append(Void(table["entry"], reason if isinstance(reason, str) else "",
                                   _datetime(table.get("voided-at")), src))
            self._note_last(line, True)

    def _note_last(self, line: int, readable: bool) -> None:
        if line >= self.last[0]:
            self.last = (line, readable)

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
            piece = raw[a:b].decode("utf-8")  # checked whole before
            if piece.strip():
                self.add_chunk(piece, path, first, batch)
        self.lines += raw.count(b"\n")

    def unreadable(self) -> int:
        return sum(1 for e in self.entries if e is None) + sum(1 for v in self.voids if v is None)

    def ledger(self, year: int, path: Path) -> "Ledger":
        return Ledger(year, path, tuple(e for e in self.entries if e is not None),
                      tuple(v for v in self.voids if v is not None), tuple(self.problems), self.unreadable())

    # -- the cache: plain tuples, written with marshal ------------------------
    def dump(self) -> tuple:
        def entry(e: Entry | None):
            if e is None:
                return None
            return (e.id, e.date.toordinal(), e.kind, e.type, e.by, e.with_, e.departments, e.topic, e.note,
                    tuple((x.path, x.sha256) for x in e.evidence),
                    e.recorded_at.isoformat() if e.recorded_at else None, e.source.line, e.source.keypath,
                    e.to, e.for_year, e.replaces)

        def void(v: Void | None):
            if v is None:
                return None
            return (v.entry, v.reason, v.voided_at.isoformat() if v.voided_at else None, v.source.line,
                    v.source.keypath)

        return ([entry(e) for e in self.entries], [void(v) for v in self.voids], self.problems, self.lines,
                self.top, self.clean, self.last)

    @classmethod
    def load(cls, file: str, dumped: tuple) -> "_State":
        """Rebuild a state from ``dump()``; anything out of shape raises."""
        state = cls(file)
        entries, voids, problems, lines, top, clean, last = dumped
        if not (isinstance(entries, list) and isinstance(voids, list) and isinstance(problems, list)
                and all(isinstance(p, str) for p in problems) and type(lines) is int and type(top) is int
                and type(clean) is bool and isinstance(last, tuple)):
            raise ValueError("cache out of shape")
        # tuple.__new__ directly: this runs once per record on every status
        make = tuple.__new__
        fromordinal, fromiso = dt.date.fromordinal, dt.datetime.fromisoformat
        append = state.entries.append
        for e in entries:
            if e is None:
                append(None)
                continue
            (eid, day, kind, type_, by, with_, depts, topic, note, evidence, recorded, line, keypath,
             to, for_year, replaces) = e
            if not (type(eid) is str and type(kind) is str and type(by) is tuple and type(with_) is tuple
                    and type(depts) is tuple and type(topic) is str and type(note) is str and type(line) is int
                    and type(to) is tuple and type(replaces) is str):
                raise ValueError("cache out of shape")
            append(make(Entry, (eid, fromordinal(day), kind, type_, by, with_, depts, topic, note,
                                tuple(make(Evidence, x) for x in evidence) if evidence else (),
                                fromiso(recorded) if recorded else None,
                                make(Source, (file, line, keypath)), to, for_year, replaces)))
        for v in voids:
            if v is None:
                state.voids.append(None)
                continue
            entry_id, reason, voided, line, keypath = v
            if not (type(entry_id) is str and type(reason) is str and type(line) is int):
                raise ValueError("cache out of shape")
            state.voids.append(Void(entry_id, reason, fromiso(voided) if voided else None,
                                    Source(file, line, keypath)))
        state.problems = list(problems)
        state.lines, state.top, state.clean, state.last = lines, top, clean, last
        return state


def _number(entry_id) -> int:
    """The number of a ``YEAR-N`` id of any year (ids are per ledger file)."""
    match = _ID_NUMBER.match(entry_id) if isinstance(entry_id, str) else None
    return int(match.group(2)) if match else 0


class Snapshot(NamedTuple):
    """A ledger as read: its bytes, what they hold (``state``; with
    ``full=False`` only the summary an append needs: lines, top id, whether
    clean, the last record), and what the cache holds for them."""

    raw: bytes
    digest: str  # blake2b of raw
    hasher: object  # that digest's hash object, to extend over an append
    state: _State
    full: bool
    cache: "_Cache | None"
    base: tuple[int, str] | None  # the (length, digest) the base cache was read from
    payloads: tuple[bytes, ...]  # zr's own appends since that base


class _Cache(NamedTuple):
    """Two sealed files: the base (every record read at some length) and the
    delta (zr's own appended blocks since, with the summary after them)."""

    base: Path
    delta: Path


MAX_DELTA = (50, 16_384)  # appends (count, bytes) kept as a delta before a full reader folds them in


def read_ledger(path: Path, year: int, cache_dir: Path | None = None) -> Ledger:
    """Read a ledger file. A syntax error is raised as file:line; a record
    that cannot be read is listed in ``problems`` and left out.

    With ``cache_dir``, what was read is kept there under a keyed checksum,
    with a hash of the exact bytes it came from: it is used only for those
    bytes (any other change means a full read), and a cache that is damaged,
    forged or out of shape is ignored. zr's own appends are kept beside it
    and read on top of it. A warm read is a cold read, faster.
    """
    if not path.exists():
        return Ledger(year, path, (), (), (), 0)
    return read_snapshot(path, cache_dir).state.ledger(year, path)


def _cache_paths(path: Path, cache_dir: Path | None) -> _Cache | None:
    from zerenqingdan.storage import cache_name

    if cache_dir is None:
        return None
    return _Cache(cache_dir / cache_name(f"ledger-{path.stem}.marshal"),
                  cache_dir / cache_name(f"ledger-{path.stem}.delta"))


def _read_raw(path: Path, file: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
    except OSError as exc:
        raise ConfigError(f"{file}：无法读取（{exc.strerror}）") from None


def _read_delta(cache: _Cache, raw: bytes, digest: str):
    """The delta that ends at exactly these bytes, or None."""
    from zerenqingdan.storage import read_sealed

    delta = read_sealed(cache.delta)
    try:
        fmt, base_len, base_digest, payloads, full_len, full_digest, summary = delta
        if (fmt == CACHE_FORMAT and full_len == len(raw) and full_digest == digest
                and type(base_len) is int and type(base_digest) is str and isinstance(payloads, tuple)
                and all(type(p) is bytes for p in payloads)
                and base_len + sum(map(len, payloads)) == len(raw)):
            lines, top, clean, last = summary
            if type(lines) is int and type(top) is int and type(clean) is bool and isinstance(last, tuple):
                return base_len, base_digest, payloads, summary
    except (TypeError, ValueError):
        pass
    return None


def read_snapshot(path: Path, cache_dir: Path | None, *, full: bool = True) -> Snapshot:
    """The ledger as it is now. ``full=False`` (an append) may skip loading
    the records when the cache vouches for exactly these bytes."""
    import hashlib

    from zerenqingdan.storage import read_sealed

    file = display_path(path)
    raw = _read_raw(path, file)
    hasher = hashlib.blake2b(raw)
    digest = hasher.hexdigest()
    cache = _cache_paths(path, cache_dir)
    if cache is not None:
        delta = _read_delta(cache, raw, digest)
        if delta is not None and not full:
            base_len, base_digest, payloads, (lines, top, clean, last) = delta
            state = _State(file)
            state.lines, state.top, state.clean, state.last = lines, top, clean, last
            return Snapshot(raw, digest, hasher, state, False, cache, (base_len, base_digest), payloads)
        base_len, base_digest, payloads = (delta[:3] if delta is not None else (len(raw), digest, ()))
        cached = read_sealed(cache.base)
        if (isinstance(cached, tuple) and len(cached) == 4 and cached[0] == CACHE_FORMAT
                and cached[1] == base_len and cached[2] == base_digest):
            try:
                state = _State.load(file, cached[3])
                for payload in payloads:  # zr's own blocks, read as a full read reads them
                    state.add_bytes(payload, path)
            except Exception:  # noqa: BLE001 - a cache out of shape: read the file itself
                state = None
            if state is not None:
                if len(payloads) >= MAX_DELTA[0] or sum(map(len, payloads)) >= MAX_DELTA[1]:
                    _keep(cache, raw, digest, state)
                return Snapshot(raw, digest, hasher, state, True, cache, (base_len, base_digest), payloads)
    state = _State(file)
    _check_bytes(raw, file)
    offset = 3 if raw.startswith(b"\xef\xbb\xbf") else 0  # a BOM from an editor
    try:
        state.add_bytes(raw[offset:], path)
    except ConfigError as exc:
        raise _torn_or(exc, raw, file) from None
    if cache is not None:
        _keep(cache, raw, digest, state)
    return Snapshot(raw, digest, hasher, state, True, cache, (len(raw), digest), ())


def _keep(cache: _Cache, raw: bytes, digest: str, state: _State) -> None:
    """A new base for these bytes, and an empty delta on top of it."""
    from zerenqingdan.storage import write_sealed

    write_sealed(cache.base, (CACHE_FORMAT, len(raw), digest, state.dump()))
    write_sealed(cache.delta, (CACHE_FORMAT, len(raw), digest, (), len(raw), digest,
                               (state.lines, state.top, state.clean, state.last)))


def _check_bytes(raw: bytes, file: str) -> None:
    """Damage that is not TOML's to report: NUL bytes, a cut character, GBK."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        if not raw[nul:].strip(b"\x00 \t\r\n"):
            good = raw[:nul].rstrip(b"\x00 \t\r\n").count(b"\n") + 1
            raise ConfigError(f"{file}:{good} {TORN}",
                              [f"文件末尾有 {len(raw) - nul} 个空字节（\\0）；删去第 {good} 行之后的空字节即可"])
        line = raw[:nul].count(b"\n") + 1
        raise ConfigError(f"{file}:{line}: 文件中有空字节（\\0），可能已经损坏；请检查该处")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if exc.reason == "unexpected end of data" and exc.end == len(raw):
            raise ConfigError(f"{file}:{line} {TORN}", ["最后一个字被截断了一半"]) from None
        raise ConfigError(f"{file}:{line}: 文件不是 UTF-8 编码（可能用 GBK/ANSI 另存过），请用 UTF-8 另存") from None


def _torn_or(exc: ConfigError, raw: bytes, file: str) -> ConfigError:
    """A syntax error in a last record that does not end its line is a write
    cut short (power loss, a killed process), and is said so."""
    if raw.endswith(b"\n"):
        return exc
    headers = list(_HEADERS.finditer(raw))
    start = headers[-1].start() if headers else 0
    line = raw[:start].rstrip(b" \t\r\n").count(b"\n") + 1 if start else 1
    return ConfigError(f"{file}:{line} {TORN}", [exc.message.split(": ", 1)[-1], *exc.details])


# ---------------------------------------------------------------------------
# appending, checked


def open_for_append(path: Path, cache_dir: Path | None, *, full: bool = False) -> Snapshot:
    """The ledger as it is before an append, refused when damaged: it must
    parse, and its last record must be whole (zr never writes after a torn
    record, which would bury it). Call it holding the workspace lock."""
    snapshot = read_snapshot(path, cache_dir, full=full)
    line, readable = snapshot.state.last
    if not readable:
        if not snapshot.full:
            snapshot = read_snapshot(path, None)  # for the problems to show
        problems = [p for p in snapshot.state.problems if f":{line}:" in p] or snapshot.state.problems[-1:]
        raise ConfigError(f"{snapshot.state.file}:{line} 起的记录不完整或无法读取（可能是断电或进程被终止，"
                          "也可能是手工改错了），请检查并修好该处后再记录", problems)
    return snapshot


def next_number(snapshot: Snapshot, path: Path, year: int) -> int:
    """One more than any id this ledger ever held: its records (read or not),
    its voids, and the high-water mark kept beside it."""
    return max(snapshot.state.top, read_mark(path, year)) + 1


def commit_append(path: Path, snapshot: Snapshot, block: str, year: int) -> None:
    """Append ``block`` after ``snapshot`` and keep the cache in step: zr's
    own block joins the delta, to be read on top of the base exactly as a
    full read would read it, unless the file holds anything unusual."""
    from zerenqingdan.storage import write_sealed

    data = ("" if snapshot.raw else _header(year)) + block
    if snapshot.raw and not snapshot.raw.endswith(b"\n"):
        data = "\n" + data
    payload = data.encode("utf-8")
    append_bytes(path, payload, len(snapshot.raw))
    cache = snapshot.cache
    if cache is None or not snapshot.state.clean or snapshot.base is None:
        return
    after = _State(snapshot.state.file)  # the summary after the block
    after.lines = snapshot.state.lines
    try:
        after.add_bytes(payload, path)
    except ConfigError:
        return
    hasher = snapshot.hasher.copy()
    hasher.update(payload)
    summary = (after.lines, max(snapshot.state.top, after.top), after.clean, after.last)
    write_sealed(cache.delta, (CACHE_FORMAT, *snapshot.base, (*snapshot.payloads, payload),
                               len(snapshot.raw) + len(payload), hasher.hexdigest(), summary))


def entries_on(path: Path, day: dt.date) -> list[Entry]:
    """The valid records of ``day`` only, found in the file's text without
    reading the whole ledger (for the duplicate warning before a write: a
    large ledger costs no more than a small one). A hand-written record
    laid out another way may be missed; it is a warning, not a check."""
    import re
    import tomllib

    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return []
    marker = f"\ndate = {day.isoformat()}"
    if marker not in text:
        return []
    voided, at = set(), 0
    while (at := text.find("void]", at + 1)) >= 0:  # voids are few: one forward pass
        match = re.match(r'void\]\]?[ \t]*\r?\nentry = "([^"]+)"', text[at:at + 80])
        if match:
            voided.add(match.group(1))
    found, start = [], 0
    while (at := text.find(marker, start)) >= 0:
        start = at + len(marker)
        head = text.rfind("\n[", max(0, at - 20000), at)  # the record's own header, just above
        end = text.find("\n[", at)
        block = text[head + 1:end if end >= 0 else len(text)]
        body = block.split("\n", 1)[1] if "\n" in block else ""
        try:
            table = tomllib.loads(body)
        except tomllib.TOMLDecodeError:
            continue
        entry = _read_entry(table, Source(str(path), None, "entry"), [])
        if entry is not None and entry.date == day and entry.id not in voided:
            found.append(entry)
    return found


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

    by, with_, departments, to = strings("by"), strings("with"), strings("departments"), strings("to")
    if isinstance(entry_id, str) and entry_id and not _ID_NUMBER.match(entry_id):
        bad(f"id“{_short(entry_id)}”应写作 年度-序号，如 2026-0007")
        ok = False
    evidence = []
    raw_evidence = table.get("evidence", [])
    if not isinstance(raw_evidence, list):
        bad("evidence 应为 [{path = \"…\", sha256 = \"…\"}] 的列表")
        raw_evidence = []
    for item in raw_evidence:
        if isinstance(item, dict) and isinstance(item.get("path"), str) and isinstance(item.get("sha256", ""), str):
            evidence.append(Evidence(item["path"], str(item.get("sha256", ""))))
        else:
            bad("evidence 的每一项应为 {path = \"…\", sha256 = \"…\"}")
    type_ = table.get("type")
    if type_ is not None and not isinstance(type_, str):
        bad("type 应为字符串")
        ok = False
    texts = {}
    for key, label in (("topic", "主题"), ("note", "备注"), ("type", "类型")):
        value = table.get(key, "")
        if value is None or value == "":
            texts[key] = ""
            continue
        if not isinstance(value, str):
            bad(f"{key} 应为字符串（加引号），现在是 {_short(repr(value))}")
            ok = False
            continue
        if len(value) > MAX_TEXT:
            bad(f"{key} 太长（{len(value)} 个字符，最多 {MAX_TEXT} 个）")
            ok = False
            continue
        texts[key] = value  # control characters are flagged by zr check and shown escaped
    recorded = table.get("recorded-at")
    if recorded is not None and not isinstance(recorded, dt.datetime):
        bad(f"recorded-at 应为时间（如 2026-03-05T10:00:00+08:00，不加引号），现在是 {_short(repr(recorded))}")
        ok = False
    for_year = table.get("for-year")
    if for_year is not None and (type(for_year) is not int or not isinstance(date, dt.date)
                                 or not date.year - 1 <= for_year <= date.year):
        bad(f"for-year 应为报告所属的年度（记录日期所在年度或上一年度），现在是 {_short(repr(for_year))}")
        ok = False
    replaces = table.get("replaces", "")
    if not isinstance(replaces, str) or (replaces and not _ID_NUMBER.match(replaces)):
        bad(f"replaces 应为被改正记录的编号，如 \"2026-0007\"，现在是 {_short(repr(replaces))}")
        ok = False
    if not ok:
        return None
    # ids, kinds and types repeat across thousands of records: share one string
    # each (marshal keeps the sharing in the cache), which halves the memory
    return Entry(
        id=entry_id, date=date, kind=intern(kind), type=intern(type_) if type_ else None, by=by, with_=with_,
        departments=departments, topic=intern(texts["topic"]), note=texts["note"],
        evidence=tuple(evidence), recorded_at=_datetime(recorded), source=src,
        to=to, for_year=for_year, replaces=replaces or "",
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
