"""The one writer: lays out a DocumentModel as a GB/T 9704-2012 公文 .docx.

A4; margins 37/28/26/35 mm; body 三号 仿宋_GB2312 on a 22-line grid
(exact 579 twips); title 二号 方正小标宋简体; headings 黑体 / 楷体 / 仿宋;
page numbers ``— N —`` in 四号 宋体, odd pages right, even pages left.
Every document goes through here, so a layout fix fixes all of them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.table import _Cell

from zerenqingdan.documents import model as m

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
TABLE_PT = 12  # 小四
FOOTER_PT = 14  # 四号
LINE_TWIPS = 579  # 22 lines in the 225 mm text area
TITLE_LINE_PT = 35
TABLE_LINE_PT = 18
CHAR_TWIPS = BODY_PT * 20  # one body character: 320 twips
TEXT_WIDTH_TWIPS = 11906 - 1587 - 1474


# -- low-level XML helpers -----------------------------------------------------

# child order inside w:rPr and w:pPr (ECMA-376); Word may reject another order
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def xml_text(text: str) -> str:
    """Text Word can hold: characters XML 1.0 forbids are dropped, line
    breaks become spaces (a paragraph is one line of the template)."""
    from zerenqingdan.documents.templates import DIRECTIVE_GUARD, clean_value

    return clean_value(text).replace(DIRECTIVE_GUARD, "")


def _set(parent, tag: str, **attrs: str):
    """Set the single child ``tag`` of a pPr/rPr in schema order."""
    existing = parent.find(qn(tag))
    if existing is not None:
        parent.remove(existing)
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    seq = PPR_ORDER if parent.tag == qn("w:pPr") else RPR_ORDER
    parent.insert_element_before(element, *seq[seq.index(tag) + 1 :])
    return element


def set_fonts(rpr, name: str) -> None:
    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def style_run(run, font: str, size: float, *, bold: bool = False, tighten: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    set_fonts(rpr, font)
    if tighten:  # 28 characters a line: body runs tightened by 0.25 pt
        _set(rpr, "w:spacing", val="-5")
    _set(rpr, "w:lang", val="en-US", eastAsia="zh-CN")


def _no_grid(paragraph) -> None:
    _set(paragraph._p.get_or_add_pPr(), "w:snapToGrid", val="0")


def _same_above(rows, index: int, column: int) -> bool:
    """The cell repeats the one above it, and so do the cells to its left."""
    return all(rows[index][c] == rows[index - 1][c] for c in range(column + 1))


def _indent_chars(paragraph, first: int = 0, left: int = 0, right: int = 0) -> None:
    """Indents in characters (hundredths), written both as chars and twips."""
    ppr = paragraph._p.get_or_add_pPr()
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(first * 100))
    ind.set(qn("w:firstLine"), str(first * CHAR_TWIPS))
    if left:
        ind.set(qn("w:leftChars"), str(left * 100))
        ind.set(qn("w:left"), str(left * CHAR_TWIPS))
    if right:
        ind.set(qn("w:rightChars"), str(int(right * 100)))
        ind.set(qn("w:right"), str(int(right * CHAR_TWIPS)))


def _rules(paragraph, *, top: int = 0, bottom: int = 0) -> None:
    """Rules above/below a paragraph, in eighths of a point (版记's lines)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = _set(ppr, "w:pBdr")
    for edge, size in (("top", top), ("bottom", bottom)):
        if size:
            line = OxmlElement(f"w:{edge}")
            for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "000000")):
                line.set(qn(f"w:{key}"), value)
            borders.append(line)


_FIGURE = re.compile(r"^[\d.%/　 —-]*$")
# closing formulas: lines that must not stand alone with the signatures
_FORMULA = re.compile(r"^(特此报告|此致|敬礼|附件：|本.{1,6}书一式|一式)")


def text_width(text: str) -> float:
    """Width in body characters: full-width 1, half-width (digits, Latin) ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


# what a table cell must not break inside: dates, record ids, counts, rates, periods
_UNBREAKABLE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日前?|\d{4}-\d{2}-\d{2}|\d{4}-\d{4}|"
                          r"\d+/\d+|\d+(?:\.\d+)?%|第[一二三四]季度|[上下]半年")
_CELL_MARGINS = 2 * 108 + 120  # Word's default cell margins, and some slack for the renderer


def _set_width(text: str) -> float:
    """Width in characters as set in a cell: Latin digits beside CJK text
    take about three quarters of a character as LibreOffice sets them
    (measured: 12月31日 breaks in 66 pt at 小四, not in 72 pt)."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.75 for c in text)


def column_widths(header, rows, weights) -> list[int]:
    """Column widths in twips, in proportion to ``weights`` but never so
    narrow that a header word, a date, an id or a figure breaks across lines:
    a column short of that takes it from the columns that have room."""
    total = sum(weights)
    widths = [TEXT_WIDTH_TWIPS * w / total for w in weights]
    need = []
    for column, title in enumerate(header):
        # a header of up to four characters on one line; a longer one may take two
        heading = title if text_width(title) <= 4 else title[: -(-len(title) // 2)]
        tokens = [heading] + [t for row in rows for t in _UNBREAKABLE.findall(row[column]) if column < len(row)]
        tokens += [row[column] for row in rows if column < len(row) and _FIGURE.match(row[column])]
        need.append(max(_set_width(t) for t in tokens) * TABLE_PT * 20 + _CELL_MARGINS)
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < need[i] - 1]
        if not short:
            break
        lack = sum(need[i] - widths[i] for i in short)
        spare = {i: widths[i] - need[i] for i in range(len(widths)) if i not in short and widths[i] > need[i]}
        room = sum(spare.values())
        if room <= 0:
            break
        take = min(lack, room)
        for i in short:
            widths[i] += (need[i] - widths[i]) * take / lack
        for i, extra in spare.items():
            widths[i] -= take * extra / room
    return [int(w) for w in widths]


# -- document set-up -------------------------------------------------------------


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width = Twips(11906)
    section.page_height = Twips(16838)
    section.top_margin = Twips(2098)
    section.left_margin = Twips(1587)
    section.right_margin = Twips(1474)
    section.bottom_margin = Twips(1984)
    section.footer_distance = Mm(25)
    section.header_distance = Mm(15)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))

    # docDefaults: no theme fonts, Chinese language
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        rpr = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
        if rpr is not None:
            set_fonts(rpr, FANGSONG)
            _set(rpr, "w:lang", val="en-US", eastAsia="zh-CN")

    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr(), FANGSONG)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_TWIPS)
    fmt.widow_control = False
    ppr = normal.element.get_or_add_pPr()
    _set(ppr, "w:autoSpaceDE", val="0")
    _set(ppr, "w:autoSpaceDN", val="0")

    document.settings.odd_and_even_pages_header_footer = True
    _footer(section.footer, odd=True)
    _footer(section.even_page_footer, odd=False)


def _field_run(paragraph, kind: str, text: str | None = None):
    run = paragraph.add_run()
    style_run(run, SONGTI, FOOTER_PT)
    if kind == "instr":
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = text
        run._r.append(instr)
    elif kind == "text":
        run.text = text
    else:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
    return run


def _footer(footer, *, odd: bool) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    one_char = Twips(FOOTER_PT * 20)
    if odd:
        fmt.right_indent = one_char
    else:
        fmt.left_indent = one_char
    fmt.first_line_indent = Twips(0)
    _no_grid(paragraph)
    _field_run(paragraph, "text", "— ")
    _field_run(paragraph, "begin")
    _field_run(paragraph, "instr", " PAGE ")
    _field_run(paragraph, "separate")
    _field_run(paragraph, "text", "1")
    _field_run(paragraph, "end")
    _field_run(paragraph, "text", " —")


# -- blocks ---------------------------------------------------------------------------


SMALL_TABLE_ROWS = 6  # tables of at most this many rows are kept on one page


class _Writer:
    def __init__(self, model: m.DocumentModel):
        self.model = model
        self.document = Document()
        _setup(self.document)
        body = self.document.element.body
        for paragraph in list(body.iterchildren(qn("w:p"))):
            body.remove(paragraph)  # the default template's empty first paragraph
        self.break_next = False
        self.recent: list[tuple[object, str]] = []  # body paragraphs since the last table, with their text
        self.last_table = None

    def paragraph(self, text: str = "", *, font: str = FANGSONG, size: float = BODY_PT, bold: bool = False,
                  indent: int = 2, align=None, tighten: bool = True):
        p = self.document.add_paragraph()
        if self.break_next:
            p.paragraph_format.page_break_before = True
            self.break_next = False
        if align is not None:
            p.alignment = align
        _indent_chars(p, first=indent)
        if text:
            style_run(p.add_run(xml_text(text)), font, size, bold=bold, tighten=tighten)
        return p

    def write(self) -> None:
        for block in self.model.blocks:
            getattr(self, f"_{type(block).__name__}")(block)

    def _Title(self, block: m.Title) -> None:
        for line in block.lines:
            p = self.paragraph(line, font=XIAOBIAOSONG, size=TITLE_PT, indent=0,
                               align=WD_ALIGN_PARAGRAPH.CENTER, tighten=False)
            p.paragraph_format.line_spacing = Pt(TITLE_LINE_PT)
            p.paragraph_format.keep_with_next = True
            _no_grid(p)
        self.paragraph().paragraph_format.keep_with_next = True  # one blank line under the title

    def _Addressee(self, block: m.Addressee) -> None:
        self.paragraph(block.text, indent=0)

    def _Heading(self, block: m.Heading) -> None:
        font, bold = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}[block.level]
        p = self.paragraph(block.text, font=font, bold=bold)
        p.paragraph_format.keep_with_next = True

    def _Paragraph(self, block: m.Paragraph) -> None:
        p = self.paragraph(block.text, indent=2 if block.indent else 0)
        self.recent.append((p, block.text))

    def _Blank(self, block: m.Blank) -> None:
        self.recent.append((self.paragraph(), ""))

    def _PageBreak(self, block: m.PageBreak) -> None:
        self.break_next = True

    def _DocNumber(self, block: m.DocNumber) -> None:
        """发文字号 one character from the left margin, 签发人 one from the right
        (签发人：in 仿宋, the name in 楷体), one blank line above the title."""
        from docx.enum.text import WD_TAB_ALIGNMENT

        p = self.paragraph(block.number, indent=0)
        _indent_chars(p, left=1, right=1)
        if block.signer:
            run = p.add_run()
            run.add_tab()
            style_run(run, FANGSONG, BODY_PT)
            style_run(p.add_run("签发人："), FANGSONG, BODY_PT)
            style_run(p.add_run(xml_text(block.signer)), KAITI, BODY_PT)
            p.paragraph_format.tab_stops.add_tab_stop(Twips((28 - 1) * CHAR_TWIPS), WD_TAB_ALIGNMENT.RIGHT)
        p.paragraph_format.keep_with_next = True
        self.paragraph().paragraph_format.keep_with_next = True

    def _Imprint(self, block: m.Imprint) -> None:
        """版记: 抄送 (4号 仿宋, one character in, later lines under the first
        name) and 印发机关 … 印发日期, between a thick rule above and below and
        a thin one between (GB/T 9704 7.4)."""
        from docx.enum.text import WD_TAB_ALIGNMENT

        size, thick, thin = 14, 8, 4
        self.paragraph().paragraph_format.keep_with_next = True
        lines = []
        if block.cc:
            p = self.paragraph("抄送：" + "，".join(block.cc) + "。", size=size, indent=0)
            ind = p._p.get_or_add_pPr().get_or_add_ind()
            for attr in ("w:firstLine", "w:firstLineChars"):  # a hanging indent instead
                ind.attrib.pop(qn(attr), None)
            chars = 1 + 3  # one character in, then under the name after 抄送：
            ind.set(qn("w:leftChars"), str(chars * 100))
            ind.set(qn("w:left"), str(chars * size * 20))
            ind.set(qn("w:hangingChars"), "300")
            ind.set(qn("w:hanging"), str(3 * size * 20))
            ind.set(qn("w:rightChars"), "100")
            ind.set(qn("w:right"), str(size * 20))
            lines.append(p)
        if block.issued_by:
            p = self.paragraph(block.issued_by, size=size, indent=0)
            _indent_chars(p, left=1, right=1)
            if block.date:
                run = p.add_run()
                run.add_tab()
                style_run(run, FANGSONG, size)
                style_run(p.add_run(xml_text(f"{block.date}印发")), FANGSONG, size)
                p.paragraph_format.tab_stops.add_tab_stop(Twips((28 - 1) * CHAR_TWIPS), WD_TAB_ALIGNMENT.RIGHT)
            lines.append(p)
        # the rules run the full width of the text block, so each is a paragraph of its own
        # (a paragraph's border would start at its indent)
        rules = [thick] + [thin] * (len(lines) - 1) + [thick]
        body = self.document.element.body
        for index, size_8ths in enumerate(rules):
            rule = self.paragraph(indent=0)
            rule.paragraph_format.line_spacing = Pt(2)
            _no_grid(rule)
            _rules(rule, bottom=size_8ths)
            anchor = lines[index]._p if index < len(lines) else None
            if anchor is not None:
                anchor.addprevious(rule._p)
            rule.paragraph_format.keep_with_next = index < len(lines)
        for p in lines[:-1]:
            p.paragraph_format.keep_with_next = True

    def _SectionBreak(self, block: m.SectionBreak) -> None:
        """End the section here (its properties go into its last paragraph,
        no empty line added) and start the next on a new page at page 1."""
        import copy

        body = self.document.element.body
        last = body.findall(qn("w:sectPr"))[-1]
        previous = last.getprevious()
        if previous is None or previous.tag != qn("w:p"):
            previous = self.paragraph()._p
        previous.get_or_add_pPr().append(copy.deepcopy(last))
        from docx.enum.section import WD_SECTION

        last.start_type = WD_SECTION.NEW_PAGE
        numbering = last.find(qn("w:pgNumType"))
        if numbering is None:
            numbering = OxmlElement("w:pgNumType")
            last.insert_element_before(numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                       "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                                       "w:printerSettings", "w:sectPrChange")
        numbering.set(qn("w:start"), "1")
        self.recent, self.last_table = [], None

    def _Attachments(self, block: m.Attachments) -> None:
        self.recent.append((self.paragraph(), ""))
        for index, name in enumerate(block.names):
            prefix = "附件：" if index == 0 else ""
            p = self.paragraph(prefix + name, indent=2)
            self.recent.append((p, "附件：" + name))
            if index:  # later names align under the first name
                _indent_chars(p, first=0, left=5)

    def _keep_signoff_with_body(self) -> None:
        """A page never holds only the signatures, or them with only
        特此报告。/ the copies line / the attachment note: the paragraphs before
        them are kept with them back to at least two lines that include a
        line of real body text (the last rows, when a table comes last)."""
        lines, real = 0, False
        for p, text in reversed(self.recent):
            p.paragraph_format.keep_with_next = True
            if not text:
                continue
            lines += 1
            real = real or not _FORMULA.match(text)
            if real and lines >= 2:
                return
        if self.last_table is not None:  # the table's last two rows come along
            for row in self.last_table.rows[-2:]:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        p.paragraph_format.keep_with_next = True

    def _SealedSignoff(self, block: m.SealedSignoff) -> None:
        self._keep_signoff_with_body()
        for _ in range(3):  # room for the seal
            self.paragraph().paragraph_format.keep_with_next = True
        date_right = 4
        unit_right = max(date_right + (text_width(block.date) - text_width(block.unit)) / 2, 0)
        p = self.paragraph(block.unit, indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _indent_chars(p, right=unit_right)
        p.paragraph_format.keep_with_next = True
        p = self.paragraph(block.date, indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _indent_chars(p, right=date_right)

    def _PersonalSignoff(self, block: m.PersonalSignoff) -> None:
        """承诺人（签字）：＿＿＿＿ — a real line to sign on (a tab with an
        underline leader, which no renderer drops as it drops trailing spaces),
        ending two characters from the right margin; the date below."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

        self._keep_signoff_with_body()
        for _ in range(2):
            self.paragraph().paragraph_format.keep_with_next = True
        line_chars = 7
        start = 28 - 2 - line_chars - round(text_width(block.label))
        p = self.paragraph(block.label, indent=0)
        p.runs[-1].add_tab()
        _indent_chars(p, left=max(start, 0))
        p.paragraph_format.tab_stops.add_tab_stop(Twips((28 - 2) * CHAR_TWIPS), WD_TAB_ALIGNMENT.RIGHT,
                                                   WD_TAB_LEADER.LINES)
        p.paragraph_format.keep_with_next = True
        p = self.paragraph(block.date, indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _indent_chars(p, right=2)

    def _table(self, rows: int, cols: int, widths: list[int], *, borders: bool):
        if self.break_next:  # a table cannot start a page itself: a spacer line does
            self.paragraph()
        table = self.document.add_table(rows=rows, cols=cols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        tbl_pr = table._tbl.tblPr
        old = tbl_pr.find(qn("w:tblBorders"))
        if old is not None:
            tbl_pr.remove(old)
        edges = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "single" if borders else "nil")
            if borders:
                element.set(qn("w:sz"), "4")
                element.set(qn("w:space"), "0")
                element.set(qn("w:color"), "000000")
            edges.append(element)
        tbl_pr.append(edges)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        for row in table.rows:
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            for cell, width in zip(row.cells, widths):
                cell.width = Twips(width)
        for column, width in zip(table.columns, widths):
            column.width = Twips(width)
        return table

    def _cell(self, cell, text: str, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT, size: float = TABLE_PT,
              line_pt: float = TABLE_LINE_PT) -> None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        lines = text.split("\\n") if text else [""]
        first = cell.paragraphs[0]
        for index, line in enumerate(lines):
            p = first if index == 0 else cell.add_paragraph()
            p.alignment = align
            p.paragraph_format.line_spacing = Pt(line_pt)
            _indent_chars(p, first=0)
            _no_grid(p)
            if line:
                style_run(p.add_run(xml_text(line)), HEITI if bold else FANGSONG, size)

    def _Table(self, block: m.Table) -> None:
        cols = len(block.header)
        weights = block.widths or tuple(1.0 for _ in range(cols))
        widths = column_widths(block.header, block.rows, weights)
        lead = self.document.paragraphs[-1] if self.document.paragraphs else None
        if lead is not None and lead.text.strip():  # the line that introduces a table stays with its head
            lead.paragraph_format.keep_with_next = True
        table = self._table(len(block.rows) + 1, cols, widths, borders=True)
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(header.cells, block.header):
            self._cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            for paragraph in cell.paragraphs:  # and the head with the first row
                paragraph.paragraph_format.keep_with_next = True
        for index, (row, values) in enumerate(zip(table.rows[1:], block.rows)):
            for column, (cell, text) in enumerate(zip(row.cells, values)):
                if column < block.merge and index and _same_above(block.rows, index, column):
                    continue  # merged into the cell above, written once
                centre = bool(_FIGURE.match(text))  # numbers, counts and rates are centred
                self._cell(cell, text, align=WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT)
        if len(block.rows) <= SMALL_TABLE_ROWS:  # a short table is not split over two pages
            for row in table.rows[:-1]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
        rows_xml = table._tbl.tr_lst  # each row's own cells: table.cell() rebuilds the whole grid every call
        for column in range(block.merge):  # the same department (or person) down the column: one cell
            start = 0
            for index in range(1, len(block.rows) + 1):
                if index < len(block.rows) and _same_above(block.rows, index, column):
                    continue
                if index - 1 > start:
                    top = _Cell(rows_xml[start + 1].tc_lst[column], table)
                    top.merge(_Cell(rows_xml[index].tc_lst[column], table))
                start = index
        self.last_table = table
        self.recent = [(self.paragraph(), "")]  # a body line after each table

    def _SideBySide(self, block: m.SideBySide) -> None:
        self._keep_signoff_with_body()
        self.paragraph().paragraph_format.keep_with_next = True
        half = TEXT_WIDTH_TWIPS // 2
        table = self._table(1, 2, [half, half], borders=False)
        for cell, lines in zip(table.rows[0].cells, (block.left, block.right)):
            self._cell(cell, "\\n".join(lines), size=BODY_PT, line_pt=LINE_TWIPS / 20)

    def save(self, path: Path) -> None:
        props = self.document.core_properties
        now = (self.model.created or dt.datetime.now()).replace(microsecond=0)
        props.title = xml_text(self.model.title)[:255]
        props.author = xml_text(self.model.author)[:255]
        props.last_modified_by = "zr"
        props.subject = xml_text(self.model.subject)[:255]
        props.comments = "由 zr（责任清单）生成"
        props.keywords = "党风廉政建设"
        props.created = now
        props.modified = now
        props.revision = 1
        props.category = ""
        package = self.document.part.package  # no stock thumbnail from python-docx's template
        for rid, rel in list(package.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                package.rels.pop(rid)
        self.document.save(path)


def write_docx(model: m.DocumentModel, path: Path):
    """Lay out ``model`` and save it atomically to ``path`` (checked by
    ``outputs.prepare``; ``.docx`` added when missing), sealed as zr's.
    Returns the ``outputs.Written`` file."""
    import io

    from zerenqingdan import outputs

    path = outputs.prepare(path, ".docx")
    writer = _Writer(model)
    writer.write()
    writer.document.core_properties.identifier = outputs.docx_seal(writer.document.part.blob)
    buffer = io.BytesIO()
    writer.save(buffer)  # type: ignore[arg-type]
    return outputs.write(path, buffer.getvalue())
