"""The unit workspace: a folder with zr.toml, ledger/, templates/ and out/.

Commands find it from the current folder upwards, or from ``--dir``/``ZR_DIR``.
"""

from __future__ import annotations

import os
from typing import NamedTuple
from pathlib import Path

from zerenqingdan.errors import WorkspaceError
from zerenqingdan.org.chart import OrgChart, Unit, load_org
from zerenqingdan.storage import atomic_write, display_path, ensure_dir

CONFIG_NAME = "zr.toml"
ENV_VAR = "ZR_DIR"
HOW_TO_CREATE = "用 zr init 目录 --name 单位名称 新建工作区，或用 zr demo 生成示例单位"


class Workspace(NamedTuple):
    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def ledger_dir(self) -> Path:
        return self.root / "ledger"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.toml"

    @property
    def cache_dir(self) -> Path:
        """Parsed ledgers, keyed by the bytes they came from (safe to delete)."""
        return self.root / ".zr-cache"

    @property
    def lock_path(self) -> Path:
        return self.root / ".zr.lock"

    def sweep(self) -> None:
        """Remove temporary files an interrupted zr left here long ago (the
        writers that hold the lock sweep their own folders at once)."""
        from zerenqingdan.storage import sweep_leftovers

        sweep_leftovers([self.root, self.ledger_dir, self.cache_dir, self.out_dir], min_age=600)

    def ledger_path(self, year: int) -> Path:
        return self.ledger_dir / f"{year}.toml"

    def load_org(self) -> OrgChart:
        return load_org(self.config_path, self.cache_dir)

    def load_ledger(self, year: int):
        from zerenqingdan.ledger.store import read_ledger

        return read_ledger(self.ledger_path(year), year, cache_dir=self.cache_dir)

    def entries_until(self, year: int, until, ledger=None) -> list:
        """The valid records that count for ``year``'s plan up to ``until``:
        the year's own and, past its end, the next year's up to ``until`` (a
        report on the year is handed in next January; a meeting late in
        December is reported on in the new year)."""
        ledger = ledger if ledger is not None else self.load_ledger(year)
        entries = ledger.valid()
        if until.year > year and self.ledger_path(year + 1).is_file():
            entries = entries + [e for e in self.load_ledger(year + 1).valid() if e.date <= until]
        return entries

    def frozen_catalog_path(self, year: int) -> Path:
        """A past year's catalog, kept as it was when the next year started."""
        return self.root / f"catalog-{year}.toml"

    def catalog_file(self, year: int | None = None) -> Path | None:
        """The file ``year`` is measured against: a past year's frozen copy if
        there is one, else the unit's own catalog.toml; None: the preset's."""
        if year is not None and self.frozen_catalog_path(year).is_file():
            return self.frozen_catalog_path(year)
        return self.catalog_path if self.catalog_path.is_file() else None

    def load_catalog(self, org: OrgChart | None = None, year: int | None = None):
        """The catalog of ``year`` (``catalog_file``), else the preset named in zr.toml."""
        from zerenqingdan.policy.catalog import load_catalog, load_preset

        path = self.catalog_file(year)
        if path is not None:
            return load_catalog(path, self.cache_dir)
        return load_preset((org or self.load_org()).unit.preset)

    def years(self) -> list[int]:
        """Every year with a ledger file, in order."""
        found = []
        for path in self.ledger_dir.glob("*.toml"):
            if path.stem.isdigit() and len(path.stem) == 4:
                found.append(int(path.stem))
        return sorted(found)

    def check_year(self, year: int, working: int, what: str = "") -> None:
        """Refuse a year the workspace does not have: before its first ledger,
        or past the year after the working one (a typo such as 0001 or 1999,
        not a year the unit keeps)."""
        from zerenqingdan.errors import InputError

        if year == working:
            return
        years = sorted(set(self.years()) | {working})
        if years[0] <= year <= max(years[-1], working + 1):
            return
        shown = "、".join(str(y) for y in years)
        raise InputError(f"{what or ''}工作区没有 {year} 年度（已有年度：{shown}）",
                         ["开始新的年度请用 zr year start 年度"] if year > years[-1] else
                         ["更早的年度如确需补记，请先核对日期是否写错"])

    def year_of_record(self, entry_id: str, default: int) -> int:
        """The year a record id names (``2025-0033`` → 2025): its own year's
        ledger holds it, whatever the working year is."""
        head = entry_id.strip().split("-")[0]
        if head.isdigit() and len(head) == 4 and self.ledger_path(int(head)).is_file():
            return int(head)
        return default

    def years_naming_department(self, dept_id: str) -> list[tuple[int, int]]:
        """(year, records) for every ledger with a record that names the department."""
        found = []
        for year in self.years():
            count = sum(1 for e in self.load_ledger(year).entries if dept_id in e.departments)
            if count:
                found.append((year, count))
        return found

    def years_naming(self, member_id: str) -> list[tuple[int, int]]:
        """(year, records) for every ledger with a record — valid or voided —
        that names the person; a damaged ledger counts if its text names them."""
        found = []
        for year in self.years():
            ledger = self.load_ledger(year)
            count = sum(1 for e in ledger.entries if member_id in e.people())
            if not count and ledger.unreadable:
                text = self.ledger_path(year).read_bytes().decode("utf-8", "replace")
                count = text.count(f'"{member_id}"') + text.count(f"'{member_id}'")
            if count:
                found.append((year, count))
        return found


def find_workspace(explicit: str | os.PathLike | None = None) -> Workspace:
    """The workspace named by ``--dir``/``ZR_DIR``, else the nearest one above cwd."""
    given = explicit or os.environ.get(ENV_VAR) or None
    if given:
        root = Path(given).expanduser()
        if not (root / CONFIG_NAME).is_file():
            raise WorkspaceError(
                f"{display_path(root)} 不是 zr 工作区（--dir 或 {ENV_VAR} 指定的目录中没有 {CONFIG_NAME}）",
                [HOW_TO_CREATE],
            )
        found = Workspace(root.resolve())
        found.sweep()
        return found
    here = Path.cwd().resolve()
    for levels, folder in enumerate((here, *here.parents)):
        if (folder / CONFIG_NAME).is_file():
            found = Workspace(folder)
            found.sweep()
            if levels:
                from zerenqingdan import journal
                from zerenqingdan.policy.catalog import cn_number

                relative = "/".join([".."] * levels)
                count = "两" if levels == 2 else cn_number(levels)
                journal.found_above = f"{relative}（{folder.name}，上{count}级目录）"
            return found
    raise WorkspaceError(
        f"当前目录及其上级目录中没有 zr 工作区（找不到 {CONFIG_NAME}）",
        [HOW_TO_CREATE + "；或用 --dir 目录 / 环境变量 ZR_DIR 指明工作区"],
    )


def enclosing_workspace(root: Path) -> Path | None:
    """The workspace a new folder would sit inside (a zr.toml in a folder above it)."""
    here = root.expanduser().absolute()
    for folder in here.parents:
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def initial_config(unit: Unit) -> str:
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment("zr 单位工作区：单位信息与组织架构。"))
    doc.add(tomlkit.comment("可以手工编辑；zr 修改本文件时保留其余内容和注释。"))
    doc.add(tomlkit.comment("人员、科室都用编号（id）互相引用；日期写作 2026-03-05。"))
    doc.add(tomlkit.nl())
    table = tomlkit.table()
    table.add("name", unit.name)
    if unit.code:
        table.add("code", unit.code)
    table.add("year", unit.year)
    table.add("preset", unit.preset)
    table.add("party_body", unit.party_body)
    table.add("discipline_body", unit.discipline_body)
    table.add("superior", unit.superior)
    table.add("superior_discipline", unit.superior_discipline)
    doc.add("unit", table)
    return tomlkit.dumps(doc)


def create_workspace(root: Path, unit: Unit) -> Workspace:
    """Make a new workspace; refuses to touch an existing one."""
    root = root.expanduser()
    if (root / CONFIG_NAME).exists():
        raise WorkspaceError(
            f"{display_path(root)} 已经是 zr 工作区（已有 {CONFIG_NAME}），不会覆盖",
            ["如要重建，请换一个目录，或先自行备份并删除该目录"],
        )
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{display_path(root)} 是一个文件，不是目录")
    workspace = Workspace(root.resolve() if root.exists() else root.absolute())
    for folder in (workspace.root, workspace.ledger_dir, workspace.templates_dir, workspace.out_dir):
        ensure_dir(folder)
    atomic_write(workspace.config_path, initial_config(unit))
    return workspace
