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
import tomllib
from collections.abc import Iterator
from pathlib import Path

from zerenqingdan.errors import ConfigError, LockTimeout

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
    "Illegal character": "非法字符",
    "Found invalid character in string": "字符串中有非法字符",
}


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
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raw = str(exc)
        match = _TOML_POS.search(raw)
        detail = _TOML_POS.sub("", raw)
        where = display_path(path)
        if match:
            where += f":{int(match.group(1)) + line_offset}:{match.group(2)}"
        chinese = next((cn for en, cn in _TOML_MESSAGES.items() if detail.startswith(en)), None)
        message = f"{where}: TOML 语法错误：{chinese}" if chinese else f"{where}: TOML 语法错误"
        details = [f"（原文：{detail}）"]
        if match:
            lines = text.splitlines()
            number = int(match.group(1))
            if 1 <= number <= len(lines):
                details.insert(0, f"    {number + line_offset} | {lines[number - 1]}")
        raise ConfigError(message, details) from None


def load_toml(path: Path, cache_dir: Path | None = None) -> tuple[dict, str]:
    """Read and parse a TOML file. With ``cache_dir``, the parsed data is kept
    there keyed by a hash of the file's bytes, so it is never stale."""
    text = read_text(path)
    if cache_dir is None:
        return parse_toml(text, path), text
    import hashlib
    import marshal

    digest = hashlib.blake2b(text.encode("utf-8")).hexdigest()
    cache = cache_dir / f"{path.name}.marshal"
    try:
        stored_digest, stored = marshal.loads(cache.read_bytes())
        if stored_digest == digest:
            return _thaw(stored), text
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no usable cache: parse the file itself
    data = parse_toml(text, path)
    try:
        atomic_write(cache, marshal.dumps((digest, _freeze(data))))
    except (OSError, ValueError):
        pass  # a read-only workspace simply goes without a cache
    return data, text


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
    """
    pattern = re.compile(r"^\s*\[\[\s*" + re.escape(name) + r"\s*\]\]\s*(#.*)?$")
    return [i for i, line in enumerate(text.splitlines(), 1) if pattern.match(line)]


def ensure_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent
    ensure_dir(folder)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
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
