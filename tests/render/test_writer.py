"""The one writer: a structured text in, a GB/T 9704 document out."""

from docx import Document
from docx.oxml.ns import qn

from tests.docxcheck import assert_gbt9704, east_asian_font, title_runs
from zerenqingdan.documents.docx_writer import write_docx
from zerenqingdan.documents.markup import parse
from zerenqingdan.documents.model import DocumentModel

SAMPLE = """
=title 某单位2026年度党风廉政建设责任书
=to 中共某市委、市纪委：
=h1 一、责任目标
=h2 （一）总体要求
=h3 1.具体事项
=h4 （1）细目
这是一段正文，首行缩进两个字符。
=flush 不缩进的一段。
=table 序号|事项|次数
=widths 1|4|1
=row 1|听取汇报|4
=row 2|廉政谈话|4
\\=这一行以等号开头
=sign 甲方（签字）：|乙方（签字）：
=seal 中共某单位党组|2026年1月20日
"""


def test_writer_layout(tmp_path):
    model = DocumentModel(parse(SAMPLE, "sample"), title="样例", author="某单位")
    path = tmp_path / "a.docx"
    write_docx(model, path)
    document = assert_gbt9704(path)
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[0] == "某单位2026年度党风廉政建设责任书"
    assert texts[1] == ""  # one blank line under the title
    assert texts[2] == "中共某市委、市纪委："
    assert [east_asian_font(r) for r in title_runs(document)] == ["方正小标宋简体"]
    assert title_runs(document)[0].font.size.pt == 22
    fonts = {p.text: east_asian_font(p.runs[0]) for p in paragraphs if p.runs}
    assert fonts["一、责任目标"] == "黑体"
    assert fonts["（一）总体要求"] == "楷体_GB2312"
    assert fonts["1.具体事项"] == "仿宋_GB2312"
    body = next(p for p in paragraphs if p.text.startswith("这是一段正文"))
    ind = body._p.pPr.find(qn("w:ind"))
    assert (ind.get(qn("w:firstLineChars")), ind.get(qn("w:firstLine"))) == ("200", "640")
    flush = next(p for p in paragraphs if p.text == "不缩进的一段。")
    assert flush._p.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "0"
    assert "=这一行以等号开头" in texts
    # tables: header repeats, rows do not split, borders single black
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "事项", "次数"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    # side-by-side signatures: borderless two columns
    signs = document.tables[1]
    assert signs.rows[0].cells[0].text.startswith("甲方（签字）：")
    assert signs.rows[0].cells[1].text.startswith("乙方（签字）：")
    assert 'w:val="nil"' in signs._tbl.xml
    # sealed sign-off: unit above date, date right-indented 4 characters
    assert texts[-2:] == ["中共某单位党组", "2026年1月20日"]
    date_ind = paragraphs[-1]._p.pPr.find(qn("w:ind"))
    assert date_ind.get(qn("w:rightChars")) == "400"
    # the title and table cells do not snap to the grid
    assert paragraphs[0]._p.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"


def test_core_properties(tmp_path):
    path = tmp_path / "b.docx"
    write_docx(DocumentModel(parse("=title 标题\n正文", "t"), title="标题", author="某单位"), path)
    props = Document(str(path)).core_properties
    assert (props.title, props.author, props.last_modified_by, props.revision) == ("标题", "某单位", "zr", 1)
    assert props.created.year >= 2024


def test_columns_are_never_too_narrow_for_a_header_or_a_date():
    from zerenqingdan.documents.docx_writer import TABLE_PT, TEXT_WIDTH_TWIPS, column_widths, text_width

    header = ("序号", "责任事项", "计划数", "完成时限")
    rows = (("1", "与每名班子成员廉政谈话" * 2, "7", "12月31日前"),)
    widths = column_widths(header, rows, (3, 20, 1, 1))
    assert abs(sum(widths) - TEXT_WIDTH_TWIPS) <= len(widths)  # still the full width
    assert widths[2] >= text_width("计划数") * TABLE_PT * 20 + 216
    assert widths[3] >= text_width("12月31日前") * TABLE_PT * 20 + 216
    assert widths[1] > widths[0]  # the wide column gave the room, the proportions otherwise kept
    assert column_widths(header, rows, (3, 8, 4, 5)) == [int(TEXT_WIDTH_TWIPS * w / 20) for w in (3, 8, 4, 5)]
