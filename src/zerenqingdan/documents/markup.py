"""The structured text templates write, one block per line.

    =title 某单位2026年度党风廉政建设责任书     (repeat for a second title line)
    =to 中共某市委、市纪委：
    =h1 一、责任目标        =h2 （一）…        =h3 1.…        =h4 （1）…
    a plain line is a body paragraph, indented two characters
    =flush a paragraph without the indent
    =table 序号|责任事项|计划数      then  =row 1|…|…   and optionally  =widths 1|4|1
                                     and  =merge 2  (the same value down the first 2 columns: one cell)
    =sign 甲方（签字）：|乙方（签字）：     side-by-side signatures with dates
    =pledge 承诺人（签字）：                 an unsigned letter's sign-off
    =seal 中共某单位党组|2026年1月20日       sealed sign-off
    =attach 1.名称|2.名称
    =docnum 某党发〔2026〕12号|王建国    发文字号 and 签发人 above the title (either may be empty)
    =imprint 抄送单位一、抄送单位二|印发机关|2026年12月1日印发日期    the 版记 at the end
    =blank      =pagebreak
    =# a comment, dropped

Blank lines are ignored; ``\\=`` at the start of a line stands for a literal ``=``.
"""

from __future__ import annotations

from zerenqingdan.errors import ConfigError
from zerenqingdan.documents import model as m


def _cells(text: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in text.split("|"))


def parse(text: str, source: str) -> tuple[m.Block, ...]:
    blocks: list[m.Block] = []
    title: list[str] = []
    table: dict | None = None

    def close_table():
        nonlocal table
        if table is not None:
            blocks.append(m.Table(table["header"], tuple(table["rows"]), table["widths"], table["merge"]))
            table = None

    def fail(number: int, message: str):
        raise ConfigError(f"模板 {source} 生成的第 {number} 行有误：{message}")

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("=") or line.startswith("\\="):
            close_table()
            if title:
                blocks.append(m.Title(tuple(title)))
                title = []
            blocks.append(m.Paragraph(line[1:] if line.startswith("\\=") else line))
            continue
        directive, _, rest = line[1:].partition(" ")
        rest = rest.strip()
        if directive == "#":
            continue
        if directive == "title":
            close_table()
            title.append(rest)
            continue
        if title:
            blocks.append(m.Title(tuple(title)))
            title = []
        if directive == "row":
            if table is None:
                fail(number, "=row 前面没有 =table")
            cells = _cells(rest)
            if len(cells) != len(table["header"]):
                fail(number, f"这一行有 {len(cells)} 列，表头有 {len(table['header'])} 列")
            table["rows"].append(cells)
            continue
        if directive == "widths":
            if table is None:
                fail(number, "=widths 前面没有 =table")
            try:
                table["widths"] = tuple(float(w) for w in _cells(rest))
            except ValueError:
                fail(number, "=widths 应为数字，用 | 分隔")
            continue
        if directive == "merge":
            if table is None:
                fail(number, "=merge 前面没有 =table")
            if not rest.isdigit() or not 0 < int(rest) <= len(table["header"]):
                fail(number, f"=merge 后应为 1 到 {len(table['header'])} 的列数")
            table["merge"] = int(rest)
            continue
        close_table()
        if directive == "table":
            table = {"header": _cells(rest), "rows": [], "widths": None, "merge": 0}
        elif directive == "to":
            blocks.append(m.Addressee(rest))
        elif directive in ("h1", "h2", "h3", "h4"):
            blocks.append(m.Heading(int(directive[1]), rest))
        elif directive == "flush":
            blocks.append(m.Paragraph(rest, indent=False))
        elif directive == "sign":
            left, _, right = rest.partition("|")
            blocks.append(m.SideBySide(tuple(left.split("\\n")), tuple(right.split("\\n"))))
        elif directive == "pledge":
            blocks.append(m.PersonalSignoff(rest))
        elif directive == "seal":
            unit, _, date = rest.partition("|")
            blocks.append(m.SealedSignoff(unit.strip(), date.strip()))
        elif directive == "attach":
            blocks.append(m.Attachments(_cells(rest)))
        elif directive == "docnum":
            number, _, signer = rest.partition("|")
            if number.strip() or signer.strip():
                blocks.append(m.DocNumber(number.strip(), signer.strip()))
        elif directive == "imprint":
            parts = _cells(rest) + ("", "", "")
            cc = tuple(n for n in (c.strip() for c in parts[0].split("、")) if n)
            if cc or parts[1]:
                blocks.append(m.Imprint(cc, parts[1], parts[2]))
        elif directive == "blank":
            blocks.append(m.Blank())
        elif directive == "pagebreak":
            blocks.append(m.PageBreak())
        else:
            fail(number, f"不认识的指令 ={directive}")
    close_table()
    if title:
        blocks.append(m.Title(tuple(title)))
    return tuple(blocks)
