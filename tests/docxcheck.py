"""Reading a generated .docx back, to check what a printer would see."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def east_asian_font(run) -> str | None:
    rpr = run._element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def assert_gbt9704(path) -> Document:
    """The layout rules every zr document must obey (docx-format.md)."""
    document = Document(str(path))
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4
    assert (section.top_margin.twips, section.left_margin.twips,
            section.right_margin.twips, section.bottom_margin.twips) == (2098, 1587, 1474, 1984)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) is None
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing.twips == 579
    assert normal.paragraph_format.space_after == 0
    assert normal.font.size.pt == 16
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not [a for a in fonts.attrib if a.endswith("Theme")]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer._element.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        paragraph = footer.paragraphs[0]
        assert paragraph.text.replace("1", "N") == "— N —"
        assert paragraph.alignment is not None and paragraph.alignment.name.lower() == align
    # every run names its East Asian font
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            assert east_asian_font(run), f"run without an East Asian font: {run.text!r}"
    props = document.core_properties
    assert props.author and props.author != "python-docx"
    assert props.title
    return document


def title_runs(document):
    return [r for p in document.paragraphs for r in p.runs if east_asian_font(r) == "方正小标宋简体"]
