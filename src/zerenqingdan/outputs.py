"""Where generated files may go, and what an existing file there may be.

Every file zr generates on request (a document, a calendar, a workbook) goes
through ``prepare``: it adds the missing suffix, refuses the workspace's own
data (zr.toml, catalog.toml and their backups, ledger/, templates/,
evidence/, the cache and lock), refuses to replace a file zr did not write,
and keeps a file the user edited since zr wrote it as ``名称.1.docx``.

A file is known as zr's by a seal zr writes into it: for a .docx, the
SHA-256 of its body (word/document.xml) in the core property ``identifier``;
for a text file, a line ``X-ZR-SHA256:`` over its other lines. Word,
WPS and LibreOffice rewrite the body when they save, so an edit breaks the
seal; no record outside the file is needed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import NamedTuple

from zerenqingdan.errors import InputError
from zerenqingdan.storage import display_path, ensure_dir

CONFIG_NAME = "zr.toml"
PROTECTED_DIRS = ("ledger", "templates", "evidence", ".zr-cache")
PROTECTED_FILES = ("zr.toml", "catalog.toml")
SEAL_PREFIX = "zr:"
TEXT_SEAL = "X-ZR-SHA256:"
_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,5}$")
_CORE_ID = re.compile(rb"<dc:identifier[^>]*>zr:([0-9a-f]{64})</dc:identifier>")


class Written(NamedTuple):
    """A file zr wrote, and where an edited earlier version was kept."""

    path: Path
    kept: Path | None = None

    def __str__(self) -> str:
        return display_path(self.path)


def _workspace_of(folder: Path) -> Path | None:
    """The zr workspace a folder lies in (the nearest one holding zr.toml)."""
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    return None


def _protected(target: Path) -> str | None:
    """Why ``target`` (resolved) is the workspace's own data, or None."""
    root = _workspace_of(target.parent)
    if root is None:
        return None
    relative = target.relative_to(root)
    first = relative.parts[0] if relative.parts else ""
    if len(relative.parts) > 1 and first in PROTECTED_DIRS:
        return f"{first}/ 是工作区自己的数据目录"
    if len(relative.parts) == 1:
        if first in PROTECTED_DIRS:
            return f"{first}/ 是工作区自己的数据目录"
        if any(first == name or first.startswith(name + ".") for name in PROTECTED_FILES) or (
                first.startswith("catalog-") and first.endswith((".toml", ".bak"))):
            return f"{first} 是工作区自己的数据文件（或其备份）"
        if first.startswith(".zr"):
            return f"{first} 是 zr 的内部文件"
    return None


def _resolve(path: Path) -> Path:
    path = Path(path).expanduser()
    return path.parent.resolve() / path.name


def prepare(path: Path, suffix: str) -> Path:
    """The path to write a generated ``suffix`` file to, checked; raises
    InputError (nothing written) for a path zr must not write."""
    path = Path(path).expanduser()
    if not path.name or path.name in (".", ".."):
        raise InputError(f"输出文件名“{path}”无效")
    for candidate in (path, path.with_name(path.name + suffix)):
        why = _protected(_resolve(candidate))
        if why:
            raise InputError(f"不能写到 {path}：{why}，生成的文件会把它覆盖",
                             [f"请写到 out/ 或其他目录，例如 -o out/{Path(path.stem).name}{suffix}"])
    if path.suffix.lower() != suffix:
        if _SUFFIX.match(path.suffix):
            raise InputError(f"输出文件 {path} 的扩展名应为 {suffix}（现在是 {path.suffix}）",
                             [f"改为 {path.with_suffix(suffix)}，或不写扩展名（zr 会加上 {suffix}）"])
        path = path.with_name(path.name + suffix)
    target = _resolve(path)
    if target.is_symlink():
        raise InputError(f"不能写到 {path}：它是一个链接，zr 不替换链接")
    if target.exists():
        if target.is_dir():
            raise InputError(f"不能写到 {path}：这是一个目录")
        if seal_state(target) == "foreign":
            raise InputError(f"不能写到 {path}：已有同名文件，且不是 zr 生成的，zr 不会覆盖它",
                             ["请换一个文件名，或先把原文件移走"])
    return path


def prepare_dir(folder: Path) -> Path:
    """An output folder, checked and made (owner only)."""
    folder = Path(folder).expanduser()
    target = folder.resolve()
    if target.exists() and not target.is_dir():
        raise InputError(f"输出目录 {folder} 是一个已有的文件，不是目录")
    probe = target / "x"
    why = _protected(probe) if _workspace_of(target) else None
    if why or (_workspace_of(target) and target.name.startswith(".zr")):
        raise InputError(f"不能把文件写到 {folder}：{why or '这是 zr 的内部目录'}",
                         ["请写到 out/ 或其他目录"])
    ensure_dir(folder)
    return folder


def write(path: Path, data: bytes) -> Written:
    """Write ``data`` (already sealed) to a path from ``prepare``; a file the
    user edited since zr wrote it is kept beside it first, never lost."""
    from zerenqingdan import journal
    from zerenqingdan.storage import atomic_write

    kept = None
    if path.exists() and seal_state(path) == "edited":
        kept = _free_name(path)
        path.replace(kept)
    ensure_dir(path.parent)
    atomic_write(path, data)
    journal.note(f"已生成 {display_path(path)}")
    return Written(path, kept)


def _free_name(path: Path) -> Path:
    number = 1
    while True:
        candidate = path.with_name(f"{path.stem}.{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


# ---------------------------------------------------------------------------
# seals


def seal_state(path: Path) -> str:
    """``ours`` (as zr wrote it), ``edited`` (zr's, changed since) or ``foreign``."""
    if path.suffix.lower() in (".docx", ".xlsx"):
        return _zip_state(path)
    if path.suffix.lower() == ".zip":
        return _bundle_state(path)
    return _text_state(path)


def docx_seal(body: bytes) -> str:
    """The identifier that marks a .docx whose body is ``body`` as zr's."""
    return SEAL_PREFIX + hashlib.sha256(body).hexdigest()


def zip_body(archive, suffix: str) -> bytes:
    """What a seal covers: a document's body; a workbook's sheets and strings
    (what an edit in Excel or WPS changes)."""
    if suffix == ".docx":
        return archive.read("word/document.xml")
    names = sorted(n for n in archive.namelist()
                   if n.startswith("xl/worksheets/") and n.endswith(".xml") or n == "xl/sharedStrings.xml")
    if not names:
        raise KeyError("xl/worksheets")
    return b"".join(archive.read(n) for n in names)


def _zip_state(path: Path) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml")
            body = zip_body(archive, path.suffix.lower())
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return "foreign"
    match = _CORE_ID.search(core)
    if match:
        return "ours" if hashlib.sha256(body).hexdigest() == match.group(1).decode() else "edited"
    # Word keeps the other core properties: zr's note says it was zr's
    return "edited" if "由 zr（责任清单）生成".encode("utf-8") in core else "foreign"


BUNDLE_FORMAT = "zr-bundle"  # a unit's submission (exports/bundle.py)
BUNDLE_MANIFEST = "manifest.json"


def _bundle_state(path: Path) -> str:
    """A bundle is zr's while every file its manifest lists has the listed SHA-256."""
    import json
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as archive:
            body = json.loads(archive.read(BUNDLE_MANIFEST))
            if not isinstance(body, dict) or body.get("format") != BUNDLE_FORMAT:
                return "foreign"
            for item in body.get("files", []):
                if hashlib.sha256(archive.read(item["path"])).hexdigest() != item["sha256"]:
                    return "edited"
    except (OSError, KeyError, TypeError, ValueError, EOFError, NotImplementedError, zipfile.BadZipFile,
            zlib.error):
        return "foreign"
    return "ours"


def seal_text(text: str, before: str | None = None) -> str:
    """``text`` with a line that marks it as zr's: at the end, or just before
    the last line ``before`` (``END:VCALENDAR``: an X- property is valid
    iCalendar). The digest covers every other line."""
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f"{TEXT_SEAL}{hashlib.sha256(text.encode('utf-8')).hexdigest()}{newline}"
    if before and text.endswith(before + newline):
        cut = len(text) - len(before + newline)
        return text[:cut] + line + text[cut:]
    return text + line


def _text_state(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return "foreign"
    match = re.search(rb"^" + re.escape(TEXT_SEAL.encode()) + rb"([0-9a-f]{64})\r?\n", data, re.M)
    if not match:
        return "foreign"
    rest = data[:match.start()] + data[match.end():]
    return "ours" if hashlib.sha256(rest).hexdigest() == match.group(1).decode() else "edited"
