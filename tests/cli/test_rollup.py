"""The roll-up: units export bundles, the superior 纪委 imports and reads them.

Three units under three presets; every figure in ``zr rollup status --json``
is checked against what each unit's own ``zr status --json`` gives on the
same as-of day. A tampered bundle and a bundle with a changed earlier record
are caught as a 纪委 would need them caught.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from zerenqingdan.demo import demo_year
from zerenqingdan import dates

PRESETS = {"city": "某市示范局", "procuratorate": "某县人民检察院", "finance": "某县财政局"}


@pytest.fixture(scope="module")
def demos(tmp_path_factory) -> Path:
    """Three demo units, built once (through the core: the CLI's own demo) and copied per test."""
    from zerenqingdan.demo import build_demo

    root = tmp_path_factory.mktemp("demos")
    for preset in PRESETS:
        build_demo(root / preset, preset)
    return root


@pytest.fixture
def units(demos, tmp_path, zr) -> dict[str, Path]:
    out = {}
    for preset, name in PRESETS.items():
        target = tmp_path / preset
        shutil.copytree(demos / preset, target)
        assert zr("--dir", target, "org", "unit", "--name", name, "--code", f"XJ-{preset}").code == 0
        out[preset] = target
    return out


def _year() -> int:
    return demo_year(dates.today())


def _export(zr, unit: Path, name: str, as_of: str) -> Path:
    target = unit.parent / name
    result = zr("--dir", unit, "export", "bundle", "-o", target, "--as-of", as_of)
    assert result.code == 0, result.err
    return target


def _rollup(zr, tmp_path) -> Path:
    root = tmp_path / "纪委汇总"
    result = zr("rollup", "init", root, "--name", "中共某县纪委", "--year", str(_year()))
    assert result.code == 0, result.err
    return root


def test_each_units_figures_in_the_rollup_equal_its_own_status(zr, units, tmp_path):
    as_of = f"{_year()}-09-30"
    bundles = [_export(zr, unit, f"{preset}.zip", as_of) for preset, unit in units.items()]
    root = _rollup(zr, tmp_path)
    # the 纪委 expects a fourth unit, which has not submitted
    with (root / "rollup.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[unit]]\ncode = "XJ-late"\nname = "某县审计局"\n')
    result = zr("--dir", root, "rollup", "import", *bundles)
    assert result.code == 0, result.err
    assert result.out.count("✓") == 3 and "导入 3 个" in result.out

    rolled = json.loads(zr("--dir", root, "rollup", "status", "--json").out)
    assert {u["code"] for u in rolled["units"]} == {f"XJ-{p}" for p in PRESETS}
    assert rolled["missing"] == [{"code": "XJ-late", "name": "某县审计局", "year": _year(), "submitted": False}]
    for preset, unit in units.items():
        own = json.loads(zr("--dir", unit, "status", "--json", "--as-of", as_of).out)
        line = next(u for u in rolled["units"] if u["code"] == f"XJ-{preset}")
        assert line["name"] == PRESETS[preset] and line["as_of"] == as_of == own["as_of"]
        assert line["summary"] == own["summary"]  # every person's line, as the unit sees it
        assert line["required"] == sum(s["required"] for s in own["summary"])
        assert line["done"] == sum(s["done"] for s in own["summary"])
        assert line["overdue"] == sum(s["overdue"] for s in own["summary"])
        assert line["percent"] == round(100 * line["done"] / line["required"])
        assert line["overdue"] == sum(1 for r in own["rows"] if r["state"] == "overdue")
        assert line["bundles"] == 1 and line["changed"] == 0
    procuratorate = next(u for u in rolled["units"] if u["code"] == "XJ-procuratorate")
    assert procuratorate["leader_scope"] == "四个一"
    assert next(u for u in rolled["units"] if u["code"] == "XJ-city")["leader_scope"] == "一岗双责"
    assert rolled["totals"]["expected"] == 4 and rolled["totals"]["submitted"] == 3
    assert rolled["totals"]["overdue"] == sum(u["overdue"] for u in rolled["units"])

    text = zr("--dir", root, "rollup", "status")
    assert text.code == 0 and "某县人民检察院" in text.out and "未报送（1 个）：某县审计局（XJ-late）" in text.out

    # the report, through the same document writer
    report = zr("--dir", root, "rollup", "report", "-o", root / "out" / "汇总.docx")
    assert report.code == 0, report.err
    body = "\n".join(p.text for p in Document(root / "out" / "汇总.docx").paragraphs)
    assert "中共某县纪委关于" in body and "应报送单位4个，已报送3个，未报送1个" in body
    assert "未报送的单位" in body and "某县审计局" in body
    assert "逾期事项清单" in body
    for name in PRESETS.values():
        assert name in body
    document = Document(root / "out" / "汇总.docx")
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert f"{procuratorate['percent']}%" in cells

    # the workbook: one sheet per view
    result = zr("--dir", root, "rollup", "export", "xlsx", root / "out" / "汇总.xlsx")
    assert result.code == 0, result.err
    book = load_workbook(root / "out" / "汇总.xlsx")
    assert book.sheetnames == ["各单位", "逾期事项", "补记", "记录改动", "未上报"]
    sheet = book["各单位"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["XJ-procuratorate"][header.index("逾期")] == procuratorate["overdue"]
    assert rows["XJ-procuratorate"][header.index("完成率")] == pytest.approx(procuratorate["percent"] / 100)
    assert book["逾期事项"].max_row - 1 == rolled["totals"]["overdue"]
    assert [c.value for c in book["未上报"][2]] == ["XJ-late", "某县审计局"]
    assert sheet.freeze_panes == "A2" and isinstance(rows["XJ-city"][header.index("统计截至")], dt.datetime)
    # zr's own workbook and report are replaced when made again; an edited one would be kept beside
    assert zr("--dir", root, "rollup", "export", "xlsx", root / "out" / "汇总.xlsx").code == 0
    assert zr("--dir", root, "rollup", "report", "-o", root / "out" / "汇总.docx").code == 0
    assert sorted(p.name for p in (root / "out").iterdir()) == ["汇总.docx", "汇总.xlsx"]


def _rewrite(bundle: Path, name: str, change) -> None:
    """Change one file inside a bundle, keeping the manifest as it was."""
    with zipfile.ZipFile(bundle) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files[name] = change(files[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, data in files.items():
            archive.writestr(n, data)
    bundle.write_bytes(buffer.getvalue())


def _rehash(bundle: Path) -> None:
    """Make the manifest agree with the files again (what a forger would do)."""
    import hashlib

    with zipfile.ZipFile(bundle) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(files["manifest.json"])
    for item in manifest["files"]:
        item["sha256"] = hashlib.sha256(files[item["path"]]).hexdigest()
        item["bytes"] = len(files[item["path"]])
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    _rewrite(bundle, "manifest.json", lambda _: files["manifest.json"])


def _count(root: Path) -> int:
    with sqlite3.connect(root / "rollup.sqlite") as conn:
        return conn.execute("SELECT COUNT(*) FROM bundle").fetchone()[0]


def test_a_tampered_or_broken_bundle_is_refused_whole(zr, units, tmp_path):
    unit = units["city"]
    good = _export(zr, unit, "good.zip", f"{_year()}-09-30")
    root = _rollup(zr, tmp_path)

    tampered = tmp_path / "tampered.zip"
    shutil.copy(good, tampered)
    ledger = f"ledger/{_year()}.toml"

    def one_byte(data: bytes) -> bytes:  # one digit of one date changed
        at = data.index(f"date = {_year()}-0".encode()) + len("date = 2026-0")
        return data[:at] + (b"2" if data[at:at + 1] != b"2" else b"3") + data[at + 1:]

    _rewrite(tampered, ledger, one_byte)
    result = zr("--dir", root, "rollup", "import", tampered)
    assert result.code == 1
    assert f"{ledger} 与清单中的 SHA-256 不符" in result.err and "整个数据包未导入" in result.err
    assert _count(root) == 0 and not any((root / "bundles").rglob("*.zip"))

    raw = tmp_path / "raw.zip"  # one byte of the zip itself flipped in transit
    data = bytearray(good.read_bytes())
    data[len(data) // 3] ^= 0xFF
    raw.write_bytes(bytes(data))
    result = zr("--dir", root, "rollup", "import", raw)
    assert result.code == 1 and "整个数据包未导入" in result.err

    forged = tmp_path / "forged.zip"  # a file added that the manifest does not list
    shutil.copy(good, forged)
    with zipfile.ZipFile(forged, "a") as archive:
        archive.writestr("ledger/extra.toml", "x")
    result = zr("--dir", root, "rollup", "import", forged)
    assert result.code == 1 and "清单外的文件：ledger/extra.toml" in result.err

    # hashes made to agree, but a record the unit's zr could not read: refused as the unit's zr check would
    broken = tmp_path / "broken.zip"
    shutil.copy(good, broken)
    _rewrite(broken, ledger, lambda data: data + b'\n[[entry]]\nid = "2026-9999"\ndate = 2026-02-03\nkind = "fly"\n')
    _rehash(broken)
    result = zr("--dir", root, "rollup", "import", broken)
    assert result.code == 1 and "台账中有 1 处问题（如 ledger/" in result.err and "zr-bundle-" not in result.err

    # figures in the manifest that the files do not give
    boasted = tmp_path / "boasted.zip"
    shutil.copy(good, boasted)
    _rewrite(boasted, "manifest.json", lambda data: data.replace(b'"overdue": ', b'"overdue": 0, "x": ', 1))
    result = zr("--dir", root, "rollup", "import", boasted)
    assert result.code == 1 and "算出的完成情况与单位导出时不同" in result.err
    assert _count(root) == 0

    not_zip = tmp_path / "报告.zip"
    not_zip.write_text("不是压缩包", encoding="utf-8")
    result = zr("--dir", root, "rollup", "import", not_zip, good)
    assert result.code == 1 and "报告.zip：不是有效的 zip 文件" in result.err
    assert _count(root) == 1  # the good one went in, the bad one not at all
    assert "这份数据包已导入过，跳过" in zr("--dir", root, "rollup", "import", good).out
    assert _count(root) == 1


def test_a_newer_bundle_supersedes_and_lists_what_changed_since(zr, units, tmp_path):
    unit = units["finance"]
    year = _year()
    first = _export(zr, unit, "first.zip", f"{year}-08-31")
    ledger = unit / "ledger" / f"{year}.toml"
    text = ledger.read_text(encoding="utf-8")
    blocks = text.split("[[entry]]")
    # a record reported in the first bundle, then changed by hand
    target = next(b for b in blocks[1:] if f"date = {year}-0" in b and "topic" in b)
    record_id = target.split('id = "')[1].split('"')[0]
    changed = target.replace('topic = "', 'topic = "改过的', 1)
    # another reported record deleted from the file
    gone_block = next(b for b in blocks[1:] if b is not target and f"date = {year}-0" in b)
    gone = gone_block.split('id = "')[1].split('"')[0]
    text = text.replace(target, changed).replace("[[entry]]" + gone_block, "")
    ledger.write_text(text, encoding="utf-8")
    # and one typed in long after the day (补记)
    late = zr("--dir", unit, "log", "talk", "--type", "廉政谈话", "--by", "王建国", "--with", "刘红梅",
              "--date", f"{year}-03-02", "--topic", "补记的谈话")
    assert late.code == 0, late.err
    late_id = re.search(rf"{year}-\d{{4}}", late.out).group(0)
    second = _export(zr, unit, "second.zip", f"{year}-09-30")

    root = _rollup(zr, tmp_path)
    assert zr("--dir", root, "rollup", "import", first).code == 0
    result = zr("--dir", root, "rollup", "import", second)
    assert result.code == 0, result.err
    assert f"已上报的记录 {record_id} 在新上报中被修改（" in result.err and "主题“" in result.err
    assert f"已上报的记录 {gone} 在新上报中消失" in result.err
    assert f"补记：{late_id}（{year}年3月2日的廉政谈话，" in result.out

    rolled = json.loads(zr("--dir", root, "rollup", "status", "--json").out)
    (line,) = rolled["units"]
    own = json.loads(zr("--dir", unit, "status", "--json", "--as-of", f"{year}-09-30").out)
    assert line["as_of"] == f"{year}-09-30" and line["summary"] == own["summary"]  # the newer bundle's figures
    assert line["bundles"] == 2 and line["changed"] == 1 and line["disappeared"] == 1
    assert line["late"] >= 1

    # the same bundle twice is skipped; one of an earlier day, sent late, is kept but does not take over
    assert "这份数据包已导入过" in zr("--dir", root, "rollup", "import", first).out
    earlier = _export(zr, unit, "earlier.zip", f"{year}-07-31")
    result = zr("--dir", root, "rollup", "import", earlier)
    assert result.code == 0 and "比已导入的上报更早" in result.out
    line = json.loads(zr("--dir", root, "rollup", "status", "--json").out)["units"][0]
    assert line["as_of"] == f"{year}-09-30" and line["bundles"] == 3
    assert len(list((root / "bundles").rglob("*.zip"))) == 3  # every bundle kept as received


def test_the_unit_side_refuses_what_the_rollup_could_not_use(zr, units, tmp_path):
    unit = units["city"]
    result = zr("--dir", unit, "org", "unit", "--code", "某 局")
    assert result.code == 1 and "单位代码“某 局”无效" in result.err
    config = unit / "zr.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('code = "XJ-city"\n', ""), encoding="utf-8")
    result = zr("--dir", unit, "export", "bundle")
    assert result.code == 1 and "还没有单位代码" in result.err and "zr org unit --code" in result.err
    assert not list((unit / "out").glob("*.zip"))
    assert zr("--dir", unit, "org", "unit", "--code", "XJ-017").code == 0
    result = zr("--dir", unit, "export", "bundle", "--as-of", f"{_year()}-06-30")
    assert result.code == 0 and "XJ-017" in result.out
    (bundle,) = (unit / "out").glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        import hashlib

        for item in manifest["files"]:
            assert hashlib.sha256(archive.read(item["path"])).hexdigest() == item["sha256"]
    assert manifest["unit"]["code"] == "XJ-017" and manifest["as_of"] == f"{_year()}-06-30"
    assert {f["path"] for f in manifest["files"]} >= {"zr.toml", "catalog.toml", f"ledger/{_year()}.toml"}

    # the roll-up commands outside a roll-up workspace say where to start
    result = zr("--dir", tmp_path, "rollup", "status")
    assert result.code == 1 and "不是汇总工作区" in result.err and "zr rollup init" in result.err
    root = _rollup(zr, tmp_path)
    result = zr("--dir", root, "rollup", "import", tmp_path / "没有这个.zip")
    assert result.code == 1 and "找不到文件" in result.err
    result = zr("--dir", root, "rollup", "report")
    assert result.code == 1 and "还没有" in result.err
    assert zr("rollup", "init", root, "--name", "x").code == 1

    # a hand edit of rollup.toml that zr cannot take is named by file and line
    config = root / "rollup.toml"
    kept = config.read_text(encoding="utf-8")
    config.write_text(kept + '\n[[unit]]\ncode = "XJ-9"\nnmae = "某县林业局"\n', encoding="utf-8")
    lines = len(kept.splitlines())
    result = zr("--dir", root, "rollup", "status")
    assert result.code == 1 and f"rollup.toml:{lines + 2}: [[unit]] 中不认识的键 nmae（可用：code、name）" in result.err
    config.write_text(kept, encoding="utf-8")

    # a code the 纪委 gave another unit, and a bundle of another year: imported, and said aloud
    with (root / "rollup.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[unit]]\ncode = "XJ-017"\nname = "某县水利局"\n')
    last_year = tmp_path / "last-year.zip"
    assert zr("--dir", unit, "export", "bundle", "--year", str(_year() - 1), "-o", last_year).code == 0
    result = zr("--dir", root, "rollup", "import", bundle, last_year)
    assert result.code == 0
    assert "单位代码 XJ-017 在 rollup.toml 中是“某县水利局”，这份数据包是“某市示范局”" in result.err
    assert f"这是 {_year() - 1} 年度的数据包（rollup.toml 中的年度是 {_year()}）" in result.err
    assert json.loads(zr("--dir", root, "rollup", "status", "--json", "--year", str(_year() - 1)).out)["totals"]["submitted"] == 1


def test_evidence_is_listed_by_hash_and_packed_only_when_asked(zr, units, tmp_path):
    import hashlib

    unit = units["procuratorate"]
    scan = tmp_path / "谈话记录.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned minutes")
    result = zr("--dir", unit, "log", "talk", "--type", "廉政谈话", "--by", "P001", "--with", "P003",
                "--date", f"{_year()}-04-02", "--evidence", scan)
    assert result.code == 0, result.err
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()

    plain = _export(zr, unit, "plain.zip", f"{_year()}-06-30")
    with zipfile.ZipFile(plain) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert not [n for n in archive.namelist() if n.startswith("evidence/")]
    (listed,) = [e for e in manifest["evidence"] if e["sha256"] == digest]
    assert listed["included"] is False and listed["path"].startswith("evidence/")

    packed = unit.parent / "packed.zip"
    result = zr("--dir", unit, "export", "bundle", "-o", packed, "--as-of", f"{_year()}-06-30", "--with-evidence")
    assert result.code == 0 and "已打包 1 份" in result.out
    with zipfile.ZipFile(packed) as archive:
        assert archive.read(listed["path"]) == scan.read_bytes()
        manifest = json.loads(archive.read("manifest.json"))
    assert any(f["path"] == listed["path"] and f["sha256"] == digest for f in manifest["files"])

    root = _rollup(zr, tmp_path)
    result = zr("--dir", root, "rollup", "import", plain, packed)
    assert result.code == 0, result.err
    assert "这份数据包已导入过" not in result.out  # two bundles, two rows
    with sqlite3.connect(root / "rollup.sqlite") as conn:
        rows = conn.execute("SELECT evidence FROM record_talk WHERE evidence LIKE ?", (f"%{digest}%",)).fetchall()
    assert len(rows) == 2


def test_the_committee_words_its_own_report(zr, units, tmp_path):
    bundle = _export(zr, units["city"], "city.zip", f"{_year()}-09-30")
    root = _rollup(zr, tmp_path)
    assert zr("--dir", root, "rollup", "import", bundle).code == 0
    assert zr("--dir", root, "rollup", "template").code == 0
    own = root / "templates" / "rollup.j2"
    own.write_text(own.read_text(encoding="utf-8").replace("现将有关情况报告如下。", "现将有关情况通报如下。"),
                   encoding="utf-8")
    assert zr("--dir", root, "rollup", "template").code == 1  # never over the committee's own copy
    assert zr("--dir", root, "rollup", "report", "-o", root / "out" / "r.docx").code == 0
    body = "\n".join(p.text for p in Document(root / "out" / "r.docx").paragraphs)
    assert "现将有关情况通报如下。" in body
    # a unit's own template commands do not offer the committee's report
    listing = zr("--dir", units["city"], "templates", "list").out
    assert "rollup" not in listing


def test_late_entries_count_alike_in_every_time_zone(monkeypatch):
    """补记 is read on the recording machine's own clock, so a 纪委 in another zone agrees with the unit."""
    import datetime as dt
    import time

    from zerenqingdan.ledger.figures import late_days
    from zerenqingdan.ledger.store import Entry

    typed = dt.datetime(2026, 4, 2, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # just past midnight in Beijing
    entry = Entry("2026-0001", dt.date(2026, 3, 2), "talk", "廉政谈话", ("P001",), recorded_at=typed)
    seen = set()
    for zone in ("UTC", "Asia/Shanghai", "America/New_York"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        seen.add(late_days(entry))
    monkeypatch.delenv("TZ")
    time.tzset()
    assert seen == {31}


def test_a_bundle_past_the_year_end_needs_next_years_ledger_sound(zr, units, tmp_path):
    unit = units["city"]
    year = _year()
    following = unit / "ledger" / f"{year + 1}.toml"
    following.write_text(f'[[entry]]\nid = "{year + 1}-0001"\ndate = {year + 1}-01-05\nkind = "fly"\nby = ["P001"]\n',
                         encoding="utf-8")
    result = zr("--dir", unit, "export", "bundle", "--as-of", f"{year + 1}-01-20", "-o", tmp_path / "late.zip")
    assert result.code == 1 and f"{year + 1} 年度台账中有 1 处问题" in result.err and "下一年度的台账" in result.err
    assert not (tmp_path / "late.zip").exists()
    # a damaged zip where the bundle would go is not zr's: left alone, with a message, not a traceback
    (tmp_path / "damaged.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    following.unlink()
    result = zr("--dir", unit, "export", "bundle", "-o", tmp_path / "damaged.zip")
    assert result.code == 1 and "不是 zr 生成的" in result.err
