"""The document model every printed document is reduced to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Title:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Addressee:
    text: str


@dataclass(frozen=True)
class Heading:
    level: int  # 1 一、黑体  2 （一）楷体  3 1. 仿宋加粗  4 （1）仿宋
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None  # relative column widths
    merge: int = 0  # the first N columns: repeated values down a column become one cell


@dataclass(frozen=True)
class SideBySide:
    """Two parties' signatures next to each other (责任书)."""

    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass(frozen=True)
class PersonalSignoff:
    """An unsigned letter's sign-off: label right-indented 2 characters, date below."""

    label: str
    date: str = "年　　月　　日"


@dataclass(frozen=True)
class SealedSignoff:
    unit: str
    date: str


@dataclass(frozen=True)
class Attachments:
    names: tuple[str, ...]


@dataclass(frozen=True)
class Blank:
    pass


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class DocNumber:
    """发文字号 on the left and 签发人 on the right, one character from each
    margin, above the title (a 上行文's 版头, GB/T 9704 7.2.4, 7.2.5)."""

    number: str
    signer: str = ""


@dataclass(frozen=True)
class Imprint:
    """The 版记 at the end: 抄送 and 印发机关/印发日期 between rules (GB/T 9704 7.4)."""

    cc: tuple[str, ...]
    issued_by: str = ""
    date: str = ""


@dataclass(frozen=True)
class SectionBreak:
    """A new section on a new page, its page numbers starting again at 1
    (one pledge of a combined print: each signer's pages are his own)."""


Block = (Title | Addressee | Heading | Paragraph | Table | SideBySide | PersonalSignoff | SealedSignoff | Attachments
         | Blank | PageBreak | SectionBreak | DocNumber | Imprint)


@dataclass(frozen=True)
class DocumentModel:
    blocks: tuple[Block, ...]
    title: str = ""
    author: str = ""
    subject: str = ""
    created: dt.datetime | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        """All the words, for tests and quick looks."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Title):
                out.extend(block.lines)
            elif isinstance(block, (Addressee, Heading, Paragraph)):
                out.append(block.text)
            elif isinstance(block, DocNumber):
                out.append(" ".join(filter(None, (block.number, block.signer and f"签发人：{block.signer}"))))
            elif isinstance(block, Imprint):
                if block.cc:
                    out.append("抄送：" + "，".join(block.cc) + "。")
                if block.issued_by:
                    out.append(f"{block.issued_by} {block.date}印发")
            elif isinstance(block, Table):
                out.append(" | ".join(block.header))
                out.extend(" | ".join(r) for r in block.rows)
        return "\n".join(out)
