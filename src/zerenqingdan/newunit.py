"""Starting a unit: settings checked against the preset, then a new workspace."""

from __future__ import annotations

from typing import NamedTuple
from pathlib import Path

from zerenqingdan import glossary
from zerenqingdan.errors import InputError
from zerenqingdan.org.chart import Unit
from zerenqingdan.org.edit import check_unit_code
from zerenqingdan.policy.presets import preset_info
from zerenqingdan.workspace import Workspace, create_workspace


class UnitSettings(NamedTuple):
    name: str
    year: int
    preset: str = "city"
    party_body: str | None = None
    discipline_body: str | None = None
    superior: str = ""
    superior_discipline: str = ""
    code: str = ""


def unit_from_settings(settings: UnitSettings) -> Unit:
    info = preset_info(settings.preset)
    if not settings.name.strip():
        raise InputError("单位名称不能为空")
    if not 2000 <= settings.year <= 2100:
        raise InputError(f"年度 {settings.year} 无效（应为四位年份，如 2026）")
    party_body = settings.party_body or info.party_body
    if party_body not in glossary.PARTY_BODIES:
        raise InputError(f"党组织类型“{party_body}”无效（应为 {'/'.join(glossary.PARTY_BODIES)}）")
    discipline_body = settings.discipline_body or info.discipline_body
    if discipline_body not in glossary.DISCIPLINE_BODIES:
        raise InputError(
            f"纪检机构类型“{discipline_body}”无效（应为 {'/'.join(glossary.DISCIPLINE_BODIES)}）"
        )
    return Unit(
        name=settings.name.strip(),
        year=settings.year,
        preset=info.name,
        party_body=party_body,
        discipline_body=discipline_body,
        superior=settings.superior.strip(),
        superior_discipline=settings.superior_discipline.strip(),
        code=check_unit_code(settings.code.strip()) if settings.code.strip() else "",
    )


def init_workspace(root: Path, settings: UnitSettings) -> Workspace:
    from zerenqingdan.policy.catalog import catalog_text
    from zerenqingdan.storage import atomic_write

    unit = unit_from_settings(settings)
    catalog = catalog_text(unit.preset)  # before anything is created
    workspace = create_workspace(root, unit)
    atomic_write(workspace.catalog_path, catalog)
    return workspace


class YearStarted(NamedTuple):
    previous: int
    year: int
    created: tuple[str, ...]  # what was made, as lines to show
    notices: tuple[str, ...]  # what the org editor had to say (an upgrade)
    outstanding: int = 0  # obligations of the year before not yet done (as of today)
    overdue: int = 0  # of those, past their due date
    report_filed: bool = False  # the unit's report on the year before is in


def start_year(workspace: Workspace, year: int) -> YearStarted:
    """Make ``year`` the working year: the org chart carries forward (posts and
    分管 are dated), the year gets its ledger, and the year before keeps its
    catalog as ``catalog-YEAR.toml`` — its ledger, report and documents stay
    exactly as they were. Nothing of the year before is changed."""
    from zerenqingdan.ledger.store import start_ledger
    from zerenqingdan.org.edit import OrgEditor
    from zerenqingdan.policy.catalog import catalog_text
    from zerenqingdan.storage import atomic_write, locked, sweep_leftovers

    with locked(workspace.lock_path):
        sweep_leftovers([workspace.root, workspace.ledger_dir])
        editor = OrgEditor(workspace)
        old = editor.org.unit.year
        if year == old:
            raise InputError(f"工作区已经是 {year} 年度", ["查看其他年度请在命令后加 --year 年度"])
        if year < old:
            raise InputError(f"{year} 早于当前年度 {old}：年度只能向前",
                             [f"查看或补记 {year} 年度，请在命令后加 --year {year}（zr log 按记录日期自动记入该年台账）"])
        if year > old + 1:
            raise InputError(f"{year} 与当前年度 {old} 之间隔了年度：请逐年开始（zr year start {old + 1}）")
        frozen = workspace.frozen_catalog_path(old)
        created = []
        if not frozen.exists() and workspace.catalog_path.is_file():
            from zerenqingdan.policy.catalog import load_catalog

            load_catalog(workspace.catalog_path)  # a catalog with errors is not frozen as last year's: fix it first
        if not frozen.exists():
            text = (workspace.catalog_path.read_bytes() if workspace.catalog_path.is_file()
                    else catalog_text(editor.org.unit.preset).encode("utf-8"))
            atomic_write(frozen, text)
            created.append(f"{frozen.name}（{old} 年度的责任清单目录，{old} 年度的报告和文书按它生成）")
        start_ledger(workspace.ledger_path(old), old)  # the year just worked keeps a ledger, even an empty one
        if start_ledger(workspace.ledger_path(year), year):
            created.append(f"ledger/{year}.toml")
        editor.set_year(year)
        editor.save()
    from zerenqingdan import dates
    from zerenqingdan.ledger.backlog import backlog

    found = backlog(workspace, workspace.load_org(), dates.today())
    rows = found.rows if found else []
    return YearStarted(old, year, tuple(created), tuple(editor.notices), len(rows),
                       sum(1 for r in rows if r.state == "overdue"), bool(found and found.report_filed))
