"""Files on disk: safe reads of TOML with line numbers, atomic writes, a lock.

Every write goes to a temporary file in the same folder, is flushed and
fsync'ed, then renamed over the target, so a crash leaves either the old or the
new file. A lock file keeps a second ``zr`` process out while one writes.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from typing import NamedTuple
from pathlib import Path

from zerenqingdan.errors import ConfigError, LockTimeout


class Source(NamedTuple):
    """Where a record was read: file, line of its ``[[table]]`` header, key path."""

    file: str
    line: int | None
    keypath: str

    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


FILE_MODE = 0o600  # talks and names are personal data: owner only
DIR_MODE = 0o700

_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_MESSAGES = {
    "Invalid value": "值无效（字符串要加引号，日期写成 2026-03-05）",
    "Invalid statement": "无法识别的语句",
    "Expected '=' after a key in a key/value pair": "键后面缺少“=”",
    "Unclosed array": "数组缺少“]”",
    "Unclosed inline table": "内联表缺少“}”",
    "Unterminated string": "字符串缺少结束引号",
    "Cannot declare": "重复定义",
    "Cannot overwrite a value": "重复的键",
    "Invalid date or datetime": "日期无效",
    "Expected newline or end of document after a statement": "语句后面应换行",
    "Invalid initial character for a key part": "键名的首字符无效",
    "Illegal character": "非法字符（字符串不能跨行，换行请写成 \\n 或用三引号）",
    "Found invalid character": "字符串中有非法字符",
    "Cannot mutate immutable namespace": "不能再往已写完的内联表或数组里添加键",
    "Cannot redefine namespace": "重复定义",
    "Duplicate inline table key": "内联表中有重复的键",
    "Escaped character is not a Unicode scalar value": "转义字符无效",
    "Expected ']' at the end of a table declaration": "表头缺少“]”",
    "Expected ']]' at the end of an array declaration": "表头缺少“]]”",
    "Expected": "缺少符号",
    "Invalid hex value": "\\u 后面的十六进制值无效",
    "Unescaped '\\' in a string": "字符串中的“\\”要写成“\\\\”（或改用单引号）",
}


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(text: str, limit: int = 80) -> str:
    """A file name that Windows, macOS and Linux all accept, readable as typed."""
    name = _UNSAFE.sub("_", text).strip(" .")
    if name.upper().split(".")[0] in _RESERVED:
        name = "_" + name
    return name[:limit] or "_"


_UNSAFE_CODES = frozenset((*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029,
                           *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF))


def unsafe_chars(text: str) -> list[str]:
    """Characters no printed document or terminal should get from a value:
    control characters (ESC, CR, …), line and paragraph separators, bidi
    overrides, and what XML cannot hold; each once, as ``U+XXXX``."""
    if text.isprintable():
        return []
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(text) if ord(c) in _UNSAFE_CODES]


def display_path(path: Path) -> str:
    """A path as the user will recognise it: relative to the cwd when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{display_path(path)}：文件不存在") from None
    except OSError as exc:
        raise ConfigError(f"{display_path(path)}：无法读取（{exc.strerror}）") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{display_path(path)}:{line}: 文件不是 UTF-8 编码，请用 UTF-8 另存"
        ) from None


def parse_toml(text: str, path: Path, line_offset: int = 0) -> dict:
    """Parse TOML; a syntax error becomes ``file:line:col: 说明``. ``text`` may
    be a piece of the file starting after ``line_offset`` lines."""
    import tomllib  # only when a file is really parsed (a cached one is not)

    try:
        return tomllib.loads(text)
    except RecursionError:  # [[[[…]]]] thousands deep: refused, not a crash
        deep = next((n for n, line in enumerate(text.split("\n"), 1) if line.count("[") + line.count("{") > 100), None)
        where = display_path(path) + (f":{deep + line_offset}" if deep else "")
        raise ConfigError(f"{where}: 数组或表嵌套过深，无法读取", ["zr 的文件不会这样写：请删除这一处"]) from None
    except tomllib.TOMLDecodeError as exc:
        raw = str(exc)
        match = _TOML_POS.search(raw)
        detail = _TOML_POS.sub("", raw)
        where = display_path(path)
        if match:
            where += f":{int(match.group(1)) + line_offset}:{match.group(2)}"
        elif detail.endswith("(at end of document)"):
            # an error at the very end: name the last line, not none at all
            detail = detail.removesuffix("(at end of document)").rstrip()
            last = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
            where += f":{max(last, 1) + line_offset}"
        chinese = next((cn for en, cn in _TOML_MESSAGES.items() if detail.startswith(en)), None)
        message = f"{where}: TOML 语法错误：{chinese}" if chinese else f"{where}: TOML 语法错误"
        details = [] if chinese else ["请检查这一行的引号、等号、括号和逗号"]
        if match:
            lines = text.split("\n")  # TOML's lines, not str.splitlines()'s (U+2028 is no break)
            number = int(match.group(1))
            if 1 <= number <= len(lines):
                details.insert(0, f"    {number + line_offset} | {lines[number - 1].rstrip(chr(13))}")
        raise ConfigError(message, details) from None


def load_toml(path: Path, cache_dir: Path | None = None) -> tuple[dict, str]:
    """Read and parse a TOML file. With ``cache_dir``, the parsed data is kept
    there keyed by a hash of the file's bytes, so it is never stale; a cache
    that fails its seal or its shape is ignored and the file parsed again."""
    text = read_text(path)
    if cache_dir is None:
        return parse_toml(text, path), text
    import hashlib

    digest = hashlib.blake2b(text.encode("utf-8")).hexdigest()
    cache = cache_dir / cache_name(f"{path.name}.marshal")
    stored = read_sealed(cache)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == digest:
        try:
            data = _thaw(stored[1])
        except Exception:  # noqa: BLE001 - any damage at all: parse the file itself
            data = None
        if isinstance(data, dict):
            return data, text
    data = parse_toml(text, path)
    try:
        write_sealed(cache, (digest, _freeze(data)))
    except ValueError:
        pass  # a value marshal cannot hold (a TOML time): go without a cache
    return data, text


# ---------------------------------------------------------------------------
# sealed caches: what was parsed, kept with a keyed checksum


_KEY_BYTES = 32


def _key_folder() -> Path:
    """Where this user's cache key lives: outside every workspace, so a cache
    copied, forged or damaged inside a workspace never passes its seal."""
    base = os.environ.get("LOCALAPPDATA") if os.name == "nt" else os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "zerenqingdan" if base else Path.home() / ".cache" / "zerenqingdan"


_key_cache: list = []


def cache_key() -> bytes | None:
    """This user's secret key for sealing caches (made on first use), or None
    when it cannot be kept: then no cache is used at all."""
    if _key_cache:
        return _key_cache[0]
    key = None
    try:
        folder = _key_folder()
        path = folder / "cache.key"
        try:
            key = path.read_bytes()
        except FileNotFoundError:
            ensure_dir(folder)
            atomic_write(path, os.urandom(_KEY_BYTES), mode=FILE_MODE)
            key = path.read_bytes()
        if len(key) != _KEY_BYTES:
            key = None
    except (OSError, RuntimeError):
        key = None
    _key_cache.append(key)
    return key


def cache_name(name: str) -> str:
    """A cache file's name, per user key: two clerks sharing a workspace
    folder keep a cache each instead of spoiling each other's."""
    import hashlib

    key = cache_key()
    tag = hashlib.blake2b(key or b"", digest_size=4).hexdigest()
    return f"{name}.{tag}"


_SEAL = b"zr-cache-1\n"


def write_sealed(cache: Path, value) -> None:
    """Keep ``value`` (marshal-able) in ``cache`` behind a keyed checksum."""
    import hashlib
    import marshal

    key = cache_key()
    if key is None:
        return
    body = marshal.dumps(value)
    seal = hashlib.blake2b(body, key=key, digest_size=32).digest()
    try:
        atomic_write(cache, _SEAL + seal + body)
    except OSError:
        pass  # a read-only workspace simply goes without a cache


def read_sealed(cache: Path):
    """What ``write_sealed`` kept, or None: missing, damaged, forged, from
    another user's key or another format all read as no cache."""
    import hashlib
    import hmac
    import marshal

    key = cache_key()
    if key is None:
        return None
    try:
        raw = cache.read_bytes()
    except OSError:
        return None
    head = len(_SEAL) + 32
    if len(raw) < head or not raw.startswith(_SEAL):
        return None
    body = raw[head:]
    expected = hashlib.blake2b(body, key=key, digest_size=32).digest()
    if not hmac.compare_digest(expected, raw[len(_SEAL):head]):
        return None
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None


_DATE, _DATETIME = "\x00date", "\x00datetime"


def _freeze(value):
    """TOML data as marshal-safe values (dates tagged as strings)."""
    import datetime as dt

    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_freeze(v) for v in value]
    if isinstance(value, dt.datetime):
        return (_DATETIME, value.isoformat())
    if isinstance(value, dt.date):
        return (_DATE, value.toordinal())
    if isinstance(value, dt.time):
        raise ValueError("times are not cached")
    return value


def _thaw(value):
    import datetime as dt

    if isinstance(value, dict):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and value[0] in (_DATE, _DATETIME):
        return dt.date.fromordinal(value[1]) if value[0] == _DATE else dt.datetime.fromisoformat(value[1])
    return value


def table_lines(text: str, name: str) -> list[int]:
    """Line numbers (1-based) of each ``[[name]]`` header, in file order.

    tomllib keeps arrays of tables in file order, so the n-th record of
    ``data[name]`` starts at the n-th header: records remember their line.
    Lines are TOML's (split at LF only; CR LF works too).
    """
    pattern = re.compile(r"^[ \t]*\[\[[ \t]*" + re.escape(name) + r"[ \t]*\]\][ \t]*(#.*)?\r?$")
    return [i for i, line in enumerate(text.split("\n"), 1) if pattern.match(line)]


def ensure_dir(path: Path) -> None:
    """Make ``path`` and any missing parents, each owner-only (names and
    talks are personal data; umask and mkdir's parents would not do that)."""
    path = Path(path)
    if path.is_dir():
        return
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        with contextlib.suppress(OSError):
            os.chmod(folder, DIR_MODE)
    if not path.is_dir():
        raise NotADirectoryError(20, "不是目录", str(path))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def numbered_backup(path: Path) -> Path:
    """The first free ``NAME.N.bak`` beside ``path``: backups are never overwritten."""
    number = 1
    while (candidate := path.with_name(f"{path.name}.{number}.bak")).exists():
        number += 1
    return candidate


TEMP_SUFFIX = ".tmp"
TEMP_MARK = ".zr-"  # in every temporary file zr makes: ``.NAME.zr-XXXXXXXX.tmp``; others are the user's


def sweep_leftovers(folders: list[Path], *, min_age: float = 0.0) -> list[Path]:
    """Delete the temporary files a killed zr left behind (``.NAME.zr-*.tmp``,
    full copies of personal data), and only those: a user's own
    ``.手工备份.tmp`` is not zr's to remove. Call it holding the lock of the writers
    that make them there; ``min_age`` (seconds) spares those of writers
    that work without the lock."""
    removed = []
    now = time.time()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for item in entries:
            if not (item.name.startswith(".") and item.name.endswith(TEMP_SUFFIX) and TEMP_MARK in item.name):
                continue
            try:
                if not item.is_file(follow_symlinks=False):
                    continue
                if min_age and now - item.stat(follow_symlinks=False).st_mtime < min_age:
                    continue
                os.unlink(item.path)
                removed.append(Path(item.path))
            except OSError:
                continue
    return removed


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | str, mode: int = FILE_MODE) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent
    ensure_dir(folder)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


@contextlib.contextmanager
def locked(lock_path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created if missing)."""
    ensure_dir(lock_path.parent)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        _acquire(fd, lock_path, timeout)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


if os.name == "nt":  # pragma: no cover - exercised on Windows desktops only
    import msvcrt

    def _acquire(fd: int, lock_path: Path, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise LockTimeout(_lock_message(lock_path)) from None
                time.sleep(0.05)

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _acquire(fd: int, lock_path: Path, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeout(_lock_message(lock_path)) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _lock_message(lock_path: Path) -> str:
    return f"另一个 zr 命令正在写入本工作区（{display_path(lock_path)}），请稍后再试"
