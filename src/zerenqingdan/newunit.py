"""Starting a unit: settings checked against the preset, then a new workspace."""

from __future__ import annotations

from typing import NamedTuple
from pathlib import Path

from zerenqingdan import glossary
from zerenqingdan.errors import InputError
from zerenqingdan.org.chart import Unit
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
    )


def init_workspace(root: Path, settings: UnitSettings) -> Workspace:
    from zerenqingdan.policy.catalog import catalog_text
    from zerenqingdan.storage import atomic_write

    unit = unit_from_settings(settings)
    catalog = catalog_text(unit.preset)  # before anything is created
    workspace = create_workspace(root, unit)
    atomic_write(workspace.catalog_path, catalog)
    return workspace
