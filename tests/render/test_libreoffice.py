"""Printed pages, as LibreOffice lays them out: 22 lines a page, 28 characters
a line, page numbers in the footer. Skipped where LibreOffice is absent."""

import os
import shutil
import re
import subprocess
from pathlib import Path

import pytest

from zerenqingdan.documents.docx_writer import write_docx
from zerenqingdan.documents.markup import parse
from zerenqingdan.documents.model import DocumentModel

FONTS = Path(__file__).resolve().parents[2].parent / "shared" / "render" / "fonts.conf"
pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) 或 pdftotext 不在本机",
)


def _convert(docs: list[Path], outdir: Path, profile: Path) -> subprocess.Popen:
    env = dict(os.environ)
    if FONTS.is_file():
        env["FONTCONFIG_FILE"] = str(FONTS)
    return subprocess.Popen(
        ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
         "--outdir", str(outdir), *map(str, docs)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )


def to_pdf(docx: Path, tmp_path: Path) -> Path:
    assert _convert([docx], tmp_path, tmp_path / "lo-profile").wait(timeout=240) == 0
    pdf = tmp_path / (docx.stem + ".pdf")
    assert pdf.is_file()
    return pdf


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_lines(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_a_full_page_has_22_lines_of_28_characters(tmp_path):
    sentence = "这是用来检验版心行数和每行字数的正文内容每行应有二十八个汉字整整齐齐。"
    body = "\n".join(f"第{i:02d}段" + sentence * 2 for i in range(60))
    docx = tmp_path / "long.docx"
    write_docx(DocumentModel(parse("=title 版式检验\n" + body, "t"), title="版式检验", author="测试"), docx)
    pdf = to_pdf(docx, tmp_path)
    for page in (2, 3):
        lines = page_lines(pdf, page)
        footer, body_lines = lines[-1], lines[:-1]
        assert footer.replace(" ", "") == f"—{page}—"
        assert len(body_lines) == 22
        full = [line for line in body_lines if "第" not in line[:1]]
        assert max(len(line.replace(" ", "")) for line in full) == 28


def test_a_responsibility_letter_renders_with_page_numbers(zr, small_unit, tmp_path):
    assert zr("docs", "responsibility", "--member", "李娜", "-o", "letters").code == 0
    letter = next((small_unit / "letters").glob("*李娜_班子成员.docx"))
    pdf = to_pdf(letter, tmp_path)
    first = page_lines(pdf, 1)
    assert first[0].replace(" ", "") == "某县测试局2026年度"
    assert first[-1].replace(" ", "") == "—1—"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    text = text.replace(" ", "").replace("\n", "")
    assert "甲方（签字）：" in text and "乙方（签字）：" in text


def test_the_demo_report_renders_as_proper_pages(zr, tmp_path):
    import json

    assert zr("demo", tmp_path / "d").code == 0
    os.chdir(tmp_path / "d")
    year = json.loads(zr("org", "show", "--json").out)["unit"]["year"]
    report = tmp_path / "d" / "out" / f"{year}_履行党风廉政建设主体责任情况的报告.docx"
    pdf = to_pdf(report, tmp_path)
    pages = page_count(pdf)
    assert pages >= 3
    for page in range(1, pages + 1):
        lines = page_lines(pdf, page)
        assert lines[-1].replace(" ", "") == f"—{page}—"
    import re

    texts = ["".join(page_lines(pdf, page)).replace(" ", "") for page in range(1, pages + 1)]
    signed = [t for t in texts if re.search(rf"中共某市示范局党委{year}年\d+月\d+日", t)]
    # the sign-off is never alone on its page: some body text stands with it
    assert len(signed) == 1 and "特此报告。" in signed[0]
    # and the attachment (逐项对照表), when there is one, follows on pages of its own
    if "附件：逐项对照表" in signed[0]:
        assert texts[texts.index(signed[0]) + 1].startswith("附件逐项对照表")


# what may stand with the signatures but is not body text
SIGN_OFF = re.compile(r"^(特此报告。|本.{1,6}书一式.*|附件：.*|.*（签字）：.*|.*年月日.*|\d{4}年\d{1,2}月\d{1,2}日|"
                      r"中共.*(党委|党组|纪委|纪检组|纪检监察组)|—\d+—)$")
PRESETS = ("city", "renfang", "guangzhou", "procuratorate", "finance", "default")


def _every_kind(zr, root: Path, preset: str) -> list[Path]:
    """The demo's documents of every kind under ``preset``: the report, the
    supervision report, a member's data sheet, the plan, the letters, the
    combined pledges and one pledge of each kind."""
    import json

    assert zr("demo", root, "--preset", preset).code == 0
    os.chdir(root)
    out = root / "out"
    leader = next(m["id"] for m in json.loads(zr("org", "show", "--json").out)["members"] if m["role"] == "leader")
    for args in (("report", "--supervision", "-o", out / "supervision.docx"), ("plan", "--docx", out / "plan.docx"),
                 ("report", "--member", leader, "-o", out / "member.docx")):
        assert zr(*args).code == 0, args
    pledges = {}
    for path in sorted((out / "承诺书").glob("*.docx")) if (out / "承诺书").is_dir() else ():
        pledges.setdefault(path.name.split("_")[1], path)  # 2026_廉洁从检承诺书_姓名_职务.docx
    return sorted(out.glob("*.docx")) + list(pledges.values())


def test_no_page_of_any_document_holds_only_the_sign_off(zr, tmp_path):
    """Every kind of document of the demo, under every preset: no page holds
    only 特此报告。/ the copies line and the signatures."""
    docs = {preset: _every_kind(zr, tmp_path / preset, preset) for preset in PRESETS}
    jobs = [_convert(files, tmp_path / "pdf" / preset, tmp_path / f"lo-{preset}") for preset, files in docs.items()]
    assert all(job.wait(timeout=600) == 0 for job in jobs)
    lone, checked = [], 0
    for preset, files in docs.items():
        for docx in files:
            pdf = tmp_path / "pdf" / preset / (docx.stem + ".pdf")
            assert pdf.is_file(), pdf
            checked += 1
            for page in range(2, page_count(pdf) + 1):
                lines = [line.replace(" ", "") for line in page_lines(pdf, page)]
                if all(SIGN_OFF.match(line) for line in lines):
                    lone.append(f"{preset}/{docx.name} 第{page}页：{lines}")
    assert checked >= 6 * 6 and not lone, "\n".join(lone)
