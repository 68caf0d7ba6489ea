"""Reading a unit's bundle as its own zr would, or refusing it whole.

A bundle is accepted only when: it is a zip with ``manifest.json`` of format
``zr-bundle`` and a schema this zr reads; every file the manifest lists is
there with its SHA-256 and size, and no other file is; zr.toml, the catalog
and the ledger parse without a single problem (the same code as the unit's
``zr check``); the unit code and year agree with zr.toml; and the counts and
figures worked out here equal those the unit's zr wrote into the manifest.

What comes out is plain data (tuples and dicts), ready for the database and
cheap to send between processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

from zerenqingdan.errors import InputError, ZrError
from zerenqingdan.exports.bundle import FORMAT, MANIFEST, SCHEMA, unsafe_name


class BundleError(InputError):
    """A bundle that cannot be taken as it is."""


class Parsed(NamedTuple):
    path: str
    sha256: str
    manifest: dict
    bundle: dict  # the bundle table's row, without id/imported_at/stored_as
    records: dict  # kind → list of record rows (without bundle_id)
    summary: list  # person_summary rows (without bundle_id)
    progress: list  # progress rows (without bundle_id)
    data: bytes  # the zip as received


def _outside(line: str, root: Path) -> str:
    """A message about a file of the bundle, without the temporary folder it was read in."""
    import os

    from zerenqingdan.storage import display_path

    for prefix in {str(root), os.path.realpath(root), display_path(root)}:
        for sep in ("/", "\\", os.sep):
            line = line.replace(prefix + sep, "")
    return line


def _refuse(path: Path, why: str) -> BundleError:
    return BundleError(f"{path.name}：{why}，整个数据包未导入")


def read_bundle(path: Path) -> tuple[bytes, dict, dict[str, bytes]]:
    """The zip's bytes, its manifest and its files, every hash checked."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _refuse(path, f"无法读取（{error.strerror or error}）") from None
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if MANIFEST not in names:
            raise _refuse(path, "不是 zr 的上报数据包（没有 manifest.json）")
        try:
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise _refuse(path, f"manifest.json 无法读取（{error}）") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _refuse(path, "不是 zr 的上报数据包（manifest.json 中的格式标记不是 zr-bundle）")
        if manifest.get("schema") != SCHEMA:
            raise _refuse(path, f"数据包格式版本是 {manifest.get('schema')!r}，本版 zr 读取的是 {SCHEMA}，"
                                "请双方使用同一版本的 zr")
        listed = manifest.get("files")
        if not isinstance(listed, list) or not all(isinstance(f, dict) and isinstance(f.get("path"), str)
                                                   for f in listed):
            raise _refuse(path, "manifest.json 中没有文件清单")
        files: dict[str, bytes] = {}
        for item in listed:
            name = item["path"]
            if unsafe_name(name):
                raise _refuse(path, f"清单中的路径 {name} 不安全")
            if name not in names:
                raise _refuse(path, f"清单中的 {name} 不在数据包里")
            body = archive.read(name)
            if hashlib.sha256(body).hexdigest() != item.get("sha256") or len(body) != item.get("bytes"):
                raise _refuse(path, f"{name} 与清单中的 SHA-256 不符：数据包在导出后被改动或已损坏")
            files[name] = body
        extra = [n for n in names if n != MANIFEST and n not in files and not n.endswith("/")]
        if extra:
            raise _refuse(path, f"数据包中有清单外的文件：{'、'.join(extra[:5])}")
    except (zipfile.BadZipFile, zlib.error):
        raise _refuse(path, "不是有效的 zip 文件，或其中的文件已损坏（可能下载不完整或被改动）") from None
    except (KeyError, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as error:
        raise _refuse(path, f"zip 文件无法读取（{error}）") from None
    return data, manifest, files


def _digest(entry) -> str:
    body = [entry.date.isoformat(), entry.kind, entry.type, list(entry.by), list(entry.with_),
            list(entry.departments), entry.topic, entry.note, [list(e) for e in entry.evidence],
            entry.recorded_at.isoformat() if entry.recorded_at else None]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode("utf-8")).hexdigest()


def parse_bundle(path: Path) -> Parsed:
    """Check and read one bundle; raises BundleError with the reason."""
    from zerenqingdan.dates import period_name
    from zerenqingdan.exports.xlsx import _dept, _name
    from zerenqingdan.ledger.figures import late_days, summary_json, unit_figures
    from zerenqingdan.ledger.progress import STATES, measure_plan, target_labels
    from zerenqingdan.ledger.store import read_ledger
    from zerenqingdan.org.chart import load_org
    from zerenqingdan.plan import build_plan
    from zerenqingdan.policy.catalog import load_catalog

    path = Path(path)
    data, manifest, files = read_bundle(path)
    try:
        year = int(manifest["year"])
        as_of = dt.date.fromisoformat(manifest["as_of"])
        unit_info = manifest["unit"]
        code = unit_info["code"]
    except (KeyError, TypeError, ValueError):
        raise _refuse(path, "manifest.json 缺少年度、统计截至日或单位代码") from None
    for needed in ("zr.toml", "catalog.toml", f"ledger/{year}.toml"):
        if needed not in files:
            raise _refuse(path, f"缺少 {needed}")
    with tempfile.TemporaryDirectory(prefix="zr-bundle-") as tmp:
        root = Path(tmp)
        for name in ("zr.toml", "catalog.toml", f"ledger/{year}.toml", f"ledger/{year + 1}.toml"):
            if name in files:
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(files[name])
        try:
            org = load_org(root / "zr.toml")
            if org.unit.code != code:
                raise _refuse(path, f"manifest.json 的单位代码 {code} 与 zr.toml 中的 {org.unit.code or '（空）'} 不一致")
            org = org.for_year(year)
            catalog = load_catalog(root / "catalog.toml")
            ledger = read_ledger(root / "ledger" / f"{year}.toml", year)
            following = root / "ledger" / f"{year + 1}.toml"
            later = read_ledger(following, year + 1) if following.is_file() else None
        except BundleError:
            raise
        except ZrError as error:
            lines = [_outside(line, root) for line in error.lines()]
            raise _refuse(path, "其中的文件无法读取：" + "；".join(lines[:4])) from None
    problems = list(ledger.problems) + (list(later.problems) if later else [])
    if problems:
        raise _refuse(path, f"台账中有 {len(problems)} 处问题（如 {_outside(problems[0], root)}）")
    plan = build_plan(org, catalog)
    entries = ledger.valid()
    if later is not None and as_of.year > year:
        entries = entries + [e for e in later.valid() if e.date <= as_of]
    rows = measure_plan(plan, entries, as_of)
    figures = unit_figures(rows, entries, year, catalog)
    counts = {"records": len(ledger.entries), "voids": len(ledger.voids), "valid": len(ledger.valid()),
              "people": len(org.persons), "departments": len(org.departments),
              "duties": len(catalog.duties), "obligations": len(plan.obligations)}
    if manifest.get("counts") != counts:
        raise _refuse(path, f"条数与清单不符（清单：{manifest.get('counts')}，读出：{counts}）")
    if manifest.get("figures") != figures.as_json():
        raise _refuse(path, "按数据包中的台账算出的完成情况与单位导出时不同"
                            f"（单位 zr {manifest.get('zr_version')}，本机 zr 版本不同时请统一版本）")
    summary = summary_json(rows, org, as_of)
    if manifest.get("summary") != summary:
        raise _refuse(path, "按数据包中的台账算出的每人完成情况与单位导出时不同")

    voided = ledger.voided()
    records: dict[str, list] = {}
    for e in ledger.entries:
        void = voided.get(e.id)
        records.setdefault(e.kind, []).append((
            code, year, e.id, e.date.isoformat(), e.type,
            json.dumps(list(e.by), ensure_ascii=False), "、".join(_name(org, p, e.date) for p in e.by),
            json.dumps(list(e.with_), ensure_ascii=False), "、".join(_name(org, p, e.date) for p in e.with_),
            "、".join(_dept(org, d) for d in e.departments), e.topic, e.note,
            json.dumps([{"path": x.path, "sha256": x.sha256} for x in e.evidence], ensure_ascii=False),
            e.recorded_at.isoformat() if e.recorded_at else None, late_days(e),
            1 if void else 0, void.reason if void else None, _digest(e),
        ))
    people = [(i, s["holder"], s["name"], s["label"], s["required"], s["done"], s["percent"], s["overdue"],
               s["due_soon"]) for i, s in enumerate(summary)]
    progress = []
    for i, r in enumerate(rows):
        o = r.obligation
        measured = r.state not in ("as_needed", "unit_defined", "open") and not o.duty.unit_defined
        progress.append((
            i, o.holder, _name(org, o.holder, o.slot.due), o.duty.holder, o.duty.id,
            o.duty.title_for(org.unit.party_body, org.unit.discipline_body), o.duty.item, o.slot.label,
            period_name(o.slot.label), o.slot.due.isoformat(), r.required, r.done, r.state, STATES[r.state],
            "、".join(target_labels(org, o, r.missing)), "、".join(r.records), 1 if measured else 0,
        ))
    bundle = {
        "unit_code": code, "unit_name": org.unit.name, "year": year, "as_of": as_of.isoformat(),
        "exported_at": str(manifest.get("exported_at") or ""), "preset": org.unit.preset,
        "zr_version": str(manifest.get("zr_version") or ""), "bundle_schema": SCHEMA,
        "sha256": hashlib.sha256(data).hexdigest(), "file": path.name,
        "records": counts["records"], "voids": counts["voids"], "people": counts["people"],
        "departments": counts["departments"], "required": figures.required, "done": figures.done,
        "percent": figures.percent, "overdue": figures.overdue, "due_soon": figures.due_soon,
        "duty_people": figures.people, "leaders": figures.leaders, "leaders_on_track": figures.leaders_on_track,
        "leader_required": figures.leader_required, "leader_done": figures.leader_done,
        "leader_percent": figures.leader_percent, "leader_scope": figures.leader_scope,
        "timed": figures.timed, "late": figures.late, "late_percent": figures.late_percent,
    }
    return Parsed(str(path), bundle["sha256"], manifest, bundle, records, people, progress, data)
