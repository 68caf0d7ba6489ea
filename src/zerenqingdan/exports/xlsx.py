"""The 台账 as an Excel workbook (``zr export xlsx``), the way offices keep and
hand it over: sheets 台账 (every record, voids marked, evidence hashes), 进度
(each duty and period: holder, required, done, who is missing, state) and
责任清单 (the plan). Chinese headers, a frozen header row, an auto-filter,
column widths to fit, and real date cells (Excel and WPS sort them as dates).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from zerenqingdan.dates import period_name
from zerenqingdan.ledger.progress import STATES, target_labels
from zerenqingdan.ledger.store import KINDS, Ledger

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "yyyy-mm-dd hh:mm"


def _width(value) -> float:
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value or "")
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1.1 for c in text)


def _sheet(book, title: str, header: list[str], rows: list[list], dates: set[int] = frozenset(),
           times: set[int] = frozenset(), widest: int = 60):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDDDDD")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for column in dates | times:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            cell.number_format = TIME_FORMAT if column in times else DATE_FORMAT
    for index, name in enumerate(header):
        values = [name, *(row[index] for row in rows if index < len(row))]
        width = max(_width(v) for v in values) + 2
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width, 6), widest)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    return sheet


def _name(org, member_id: str, day) -> str:
    """A person as labelled on that day; the bare id when the chart does not know it then."""
    from zerenqingdan.errors import ZrError

    try:
        return org.label(member_id, day)
    except (KeyError, ZrError):
        return member_id


def _dept(org, dept_id: str) -> str:
    from zerenqingdan.errors import ZrError

    try:
        return org.department(dept_id).name
    except (KeyError, ZrError):
        return dept_id


def ledger_rows(org, ledger: Ledger, backfilled: dict[str, str] | None = None) -> list[list]:
    """``backfilled``: record id → its 补记 note, as the progress found it
    (typed in after the due date of what it counts for); else by its days alone."""
    from zerenqingdan.ledger.backfill import backfill_note

    backfilled = backfilled or {}
    voided = ledger.voided()
    rows = []
    for e in sorted(ledger.entries, key=lambda e: (e.date, e.id)):
        void = voided.get(e.id)
        recorded = e.recorded_at.astimezone().replace(tzinfo=None) if e.recorded_at and e.recorded_at.tzinfo else e.recorded_at
        rows.append([
            e.id, e.date, KINDS.get(e.kind, e.kind), e.type or "",
            "、".join(_name(org, p, e.date) for p in e.by), "、".join(_name(org, p, e.date) for p in e.with_),
            "、".join(_dept(org, d) for d in e.departments), e.topic, e.note,
            "\n".join(f"{item.path}（SHA-256 {item.sha256}）" for item in e.evidence),
            recorded, "已作废" if void else "有效", void.reason if void else "",
            backfilled.get(e.id) or backfill_note(e),
        ])
    return rows


def backfill_notes(ledger: Ledger, progress) -> dict[str, str]:
    """Each counted record typed in after the due date of what it counts for."""
    from zerenqingdan.ledger.backfill import backfill_note

    by_id = {e.id: e for e in ledger.entries}
    notes: dict[str, str] = {}
    for r in progress:
        for entry_id in r.backfilled:
            if entry_id in by_id and entry_id not in notes:
                notes[entry_id] = backfill_note(by_id[entry_id], None, r.obligation.slot.due)
    return notes


def progress_rows(org, rows) -> list[list]:
    out = []
    for r in rows:
        o = r.obligation
        holder = org.member(o.holder, o.slot.due)
        missing = target_labels(org, o, r.missing)
        measured = r.state not in ("as_needed", "unit_defined") and not o.duty.unit_defined
        out.append([
            org.label(o.holder, o.slot.due), org.role_label(holder),
            o.duty.title_for(org.unit.party_body, org.unit.discipline_body), period_name(o.slot.label), o.slot.due,
            r.required if measured else "本单位自定", r.done, "、".join(missing),
            STATES["unit_defined" if o.duty.unit_defined and r.state != "done" else r.state],
            "、".join(r.records), o.duty.source,
        ])
    return out


def plan_rows(plan) -> list[list]:
    org = plan.org
    out = []
    for member in plan.holders():
        for o in plan.for_holder(member.id):
            duty = o.duty
            out.append([
                org.label(member.id, o.slot.due), org.role_label(org.member(member.id, o.slot.due)),
                duty.title_for(org.unit.party_body, org.unit.discipline_body), duty.quota_text(),
                period_name(o.slot.label), o.slot.start, o.slot.end, o.slot.due, o.required,
                "、".join(target_labels(org, o, o.targets)),
                plan.catalog.cite(duty.source),
            ])
    return out


def write_workbook(path: Path, org, plan, ledger: Ledger, progress, as_of: dt.date):
    """Build the workbook in memory and save it atomically (``outputs``)."""
    import io
    import zipfile

    from openpyxl import Workbook

    from zerenqingdan import outputs

    path = outputs.prepare(path, ".xlsx")
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "台账", ["编号", "日期", "类别", "类型", "主持人/谈话人", "对象/参加人", "科室", "主题", "备注",
                        "佐证材料（SHA-256）", "记录时间", "状态", "作废原因", "补记"],
           ledger_rows(org, ledger, backfill_notes(ledger, progress)), dates={1}, times={10})
    _sheet(book, "进度", ["责任人", "角色", "责任事项", "期次", "截止日期", "应完成", "已完成", "未覆盖", "状态",
                        "计入的记录", "依据"], progress_rows(org, progress), dates={4})
    _sheet(book, "责任清单", ["责任人", "角色", "责任事项", "具体要求", "期次", "起始", "结束", "完成时限",
                          "计划数", "对象", "依据"], plan_rows(plan), dates={5, 6, 7})
    book.properties.title = f"{org.unit.name}{org.unit.year}年度党风廉政建设台账"
    book.properties.creator = org.unit.name
    book.properties.description = f"由 zr（责任清单）生成，统计截至 {as_of.isoformat()}"
    return save_book(book, path)


def save_book(book, path: Path):
    """Save a workbook (path from ``outputs.prepare``) sealed as zr's, atomically."""
    import io
    import zipfile

    from zerenqingdan import outputs

    book.save(io.BytesIO())  # openpyxl settles a few attributes on its first save (outlineLevelCol)
    buffer = io.BytesIO()
    book.save(buffer)  # then the sheets as they will be written, sealed with their digest
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        book.properties.identifier = outputs.docx_seal(outputs.zip_body(archive, ".xlsx"))
    buffer = io.BytesIO()
    book.save(buffer)
    return outputs.write(path, buffer.getvalue())


def stream_sheet(book, title: str, header: list[str], rows: list[list], dates: set[int] = frozenset(),
                 times: set[int] = frozenset(), percents: set[int] = frozenset(), widest: int = 60):
    """A sheet of a write-only workbook (``Workbook(write_only=True)``), for
    the roll-up's hundreds of thousands of rows: the same look as ``_sheet``
    (bold grey header, frozen, filter, widths, date cells), written row by row."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for index, name in enumerate(header):
        values = [name, *(row[index] for row in rows[:2000] if index < len(row))]
        width = max(_width(v) for v in values) + 2
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width, 6), widest)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    bold, fill, centre = Font(bold=True), PatternFill("solid", fgColor="DDDDDD"), Alignment(horizontal="center",
                                                                                          vertical="center")
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, name)
        cell.font, cell.fill, cell.alignment = bold, fill, centre
        cells.append(cell)
    sheet.append(cells)
    formats = {**{c: DATE_FORMAT for c in dates}, **{c: TIME_FORMAT for c in times}, **{c: "0%" for c in percents}}
    for row in rows:
        if formats:
            row = list(row)
            for column, number_format in formats.items():
                if column < len(row) and row[column] is not None:
                    cell = WriteOnlyCell(sheet, row[column])
                    cell.number_format = number_format
                    row[column] = cell
        sheet.append(row)
    return sheet


def save_streamed(book, path: Path):
    """Save a write-only workbook once, then seal it: the digest of its sheets
    goes into the core property ``identifier`` (as ``save_book`` does)."""
    import io
    import zipfile

    from zerenqingdan import outputs

    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        seal = outputs.docx_seal(outputs.zip_body(archive, ".xlsx"))
        parts = [(info, archive.read(info.filename)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                tag = f'<dc:identifier xmlns:dc="http://purl.org/dc/elements/1.1/">{seal}</dc:identifier>'
                data = data.replace(b"</cp:coreProperties>", tag.encode() + b"</cp:coreProperties>")
            archive.writestr(info, data)
    return outputs.write(path, out.getvalue())
