"""The unit's submission to the superior 纪委 (``zr export bundle``): one zip
a person can open — the unit's zr.toml, the year's catalog, the year's ledger
(and the next year's, when the as-of day is past the year's end: the report
on the year is handed in in January) and ``manifest.json``: unit name and
code, year, schema and zr version, as-of day, the SHA-256 of every file, the
counts and the figures the unit's own zr works out. Evidence files are
listed by hash; with ``--with-evidence`` they are packed too.

``zr rollup import`` checks every hash, parses the files exactly as the
unit's zr does, and refuses a bundle whose counts or figures differ.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

from zerenqingdan.errors import InputError
from zerenqingdan.outputs import BUNDLE_FORMAT, BUNDLE_MANIFEST

FORMAT = BUNDLE_FORMAT
SCHEMA = 1
MANIFEST = BUNDLE_MANIFEST


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unsafe_name(name: str) -> bool:
    """A path that must not be a member of a bundle: absolute (on any system), with a
    drive letter, a backslash or a ``..`` — anything that could point outside it."""
    from pathlib import PurePosixPath, PureWindowsPath

    windows = PureWindowsPath(name)
    return (not name or "\\" in name or PurePosixPath(name).is_absolute() or windows.is_absolute()
            or bool(windows.drive) or ".." in PurePosixPath(name).parts)


def bundle_catalog(ws, org, year: int) -> tuple[bytes, str]:
    """The catalog the year is measured against, and where it came from."""
    path = ws.catalog_file(year)
    if path is not None:
        return path.read_bytes(), path.name
    from zerenqingdan.policy.catalog import catalog_text

    return catalog_text(org.unit.preset).encode("utf-8"), f"预设 {org.unit.preset}"


def bundle_files(ws, org, year: int, as_of: dt.date) -> tuple[dict[str, bytes], str]:
    from zerenqingdan.ledger.store import _header

    files = {"zr.toml": ws.config_path.read_bytes()}
    files["catalog.toml"], source = bundle_catalog(ws, org, year)
    path = ws.ledger_path(year)
    files[f"ledger/{year}.toml"] = path.read_bytes() if path.is_file() else _header(year).encode("utf-8")
    following = ws.ledger_path(year + 1)
    if as_of.year > year and following.is_file():
        files[f"ledger/{year + 1}.toml"] = following.read_bytes()
    return files, source


def manifest(org, plan, ledger, rows, entries, as_of: dt.date, files: dict[str, bytes], catalog_source: str,
             evidence: list[dict]) -> dict:
    from zerenqingdan import __version__
    from zerenqingdan.ledger.figures import summary_json, unit_figures

    unit = org.unit
    figures = unit_figures(rows, entries, unit.year, plan.catalog)
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "zr_version": __version__,
        "unit": {"code": unit.code, "name": unit.name, "preset": unit.preset, "party_body": unit.party_body,
                 "discipline_body": unit.discipline_body, "superior": unit.superior,
                 "superior_discipline": unit.superior_discipline},
        "year": unit.year,
        "as_of": as_of.isoformat(),
        "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "catalog_source": catalog_source,
        "files": [{"path": name, "sha256": sha256(data), "bytes": len(data)} for name, data in files.items()],
        "evidence": evidence,
        "counts": {"records": len(ledger.entries), "voids": len(ledger.voids), "valid": len(ledger.valid()),
                   "people": len(org.persons), "departments": len(org.departments),
                   "duties": len(plan.catalog.duties), "obligations": len(plan.obligations)},
        "figures": figures.as_json(),
        "summary": summary_json(rows, org, as_of),
    }


def _evidence(ws, ledger, include: bool, files: dict[str, bytes]) -> tuple[list[dict], list[str]]:
    """Every evidence file the year's records name, by hash; packed with ``include``."""
    listed, missing = [], []
    for entry in ledger.entries:
        for item in entry.evidence:
            row = {"entry": entry.id, "path": item.path, "sha256": item.sha256, "included": False}
            if include:
                name = item.path.replace("\\", "/")
                source = ws.root / name
                if unsafe_name(name) or not name.startswith("evidence/") or not source.is_file():
                    missing.append(f"{entry.id} 的佐证材料 {item.path} 不在工作区的 evidence/ 中，未打包")
                else:
                    data = source.read_bytes()
                    if sha256(data) != item.sha256:
                        missing.append(f"{entry.id} 的佐证材料 {item.path} 已和登记时不同（SHA-256 不符），未打包")
                    else:
                        files.setdefault(name, data)
                        row["included"] = True
            listed.append(row)
    return listed, missing


def build_bundle(ws, plan, ledger, entries, rows, as_of: dt.date, with_evidence: bool = False) -> tuple[bytes, dict, list[str]]:
    """The zip's bytes, its manifest and the warnings (evidence left out)."""
    org = plan.org
    if not org.unit.code:
        raise InputError("zr.toml 的 [unit] 中还没有单位代码（code），上级纪委汇总时靠它识别本单位",
                         ["用 zr org unit --code 代码 填写（由上级纪委统一分配，如统一社会信用代码），再导出"])
    year = org.unit.year
    later = ws.load_ledger(year + 1) if as_of.year > year and ws.ledger_path(year + 1).is_file() else None
    for which, book in ((year, ledger), (year + 1, later)):
        if book is not None and book.problems:
            raise InputError(f"{which} 年度台账中有 {len(book.problems)} 处问题，上报前请先改正"
                             + ("（统计截至日已过年底，数据包要带上下一年度的台账）" if which > year else ""),
                             ["运行 zr check 查看并改正"])
    files, source = bundle_files(ws, org, year, as_of)
    evidence, warnings = _evidence(ws, ledger, with_evidence, files)
    body = manifest(org, plan, ledger, rows, entries, as_of, files, source, evidence)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue(), body, warnings


def default_name(org, as_of: dt.date) -> str:
    from zerenqingdan.storage import safe_filename

    return safe_filename(f"{org.unit.name}{org.unit.year}年度台账上报-{as_of.isoformat()}") + ".zip"
