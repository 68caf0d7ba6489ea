"""Printed pages, as LibreOffice lays them out: 22 lines a page, 28 characters
a line, page numbers in the footer. Skipped where LibreOffice is absent."""

import os
import shutil
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


def to_pdf(docx: Path, tmp_path: Path) -> Path:
    env = dict(os.environ)
    if FONTS.is_file():
        env["FONTCONFIG_FILE"] = str(FONTS)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=240, env=env,
    )
    pdf = tmp_path / (docx.stem + ".pdf")
    assert pdf.is_file()
    return pdf


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
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
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
