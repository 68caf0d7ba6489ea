"""The roll-up workspace: a folder with rollup.toml (the 纪委's name, the year
it looks at, the units expected to submit), rollup.sqlite, bundles/ (every
imported bundle, kept as received) and out/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from zerenqingdan.errors import ConfigError, WorkspaceError
from zerenqingdan.storage import display_path

CONFIG_NAME = "rollup.toml"
HOW_TO_CREATE = "用 zr rollup init 目录 --name 中共某县纪委 新建汇总工作区，或用 --dir 目录 指明"


class ExpectedUnit(NamedTuple):
    code: str
    name: str


class Settings(NamedTuple):
    name: str
    year: int
    units: tuple[ExpectedUnit, ...]


class RollupHome(NamedTuple):
    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def db_path(self) -> Path:
        return self.root / "rollup.sqlite"

    @property
    def bundles_dir(self) -> Path:
        return self.root / "bundles"

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    @property
    def templates_dir(self) -> Path:
        """The 纪委's own wording of the report (``zr rollup template``): rollup.j2 here wins."""
        return self.root / "templates"

    @property
    def lock_path(self) -> Path:
        return self.root / ".zr.lock"

    def settings(self) -> Settings:
        from zerenqingdan.storage import load_toml

        data, text = load_toml(self.config_path)
        where = display_path(self.config_path)
        numbered = list(enumerate(text.splitlines(), 1))
        head = next((n for n, line in numbered if line.strip() == "[rollup]"), None)
        at = f"{where}:{head}" if head else where
        for key in data:
            if key not in ("rollup", "unit"):
                line = next((n for n, l in numbered if l.strip().strip("[]").strip() == key
                             or l.split("=")[0].strip() == key), None)
                raise ConfigError(f"{where}:{line or 1}: 不认识的表或键 {key}（可用：[rollup]、[[unit]]）")
        table = data.get("rollup")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: 缺少 [rollup] 表（汇总单位名称和年度）")
        for key in table:
            if key not in ("name", "year"):
                raise ConfigError(f"{at}: [rollup] 中不认识的键 {key}（可用：name、year）")
        name, year = table.get("name"), table.get("year")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{at}: [rollup] 中缺少 name（如 “中共某县纪委”）")
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            raise ConfigError(f"{at}: [rollup] 的 year 应为四位年份，如 2026，现在是 {year!r}")
        units, seen = [], set()
        lines = [n for n, line in numbered if line.strip() == "[[unit]]"]
        for index, item in enumerate(data.get("unit", [])):
            line = lines[index] if index < len(lines) else None
            place = f"{where}:{line}" if line else where
            if isinstance(item, dict):
                for key in item:
                    if key not in ("code", "name"):
                        raise ConfigError(f"{place}: [[unit]] 中不认识的键 {key}（可用：code、name）")
            code = item.get("code") if isinstance(item, dict) else None
            if not isinstance(code, str) or not code.strip():
                raise ConfigError(f"{place}: [[unit]] 中缺少 code（单位代码）")
            if code in seen:
                raise ConfigError(f"{place}: 单位代码 {code} 重复")
            seen.add(code)
            label = item.get("name", "")
            units.append(ExpectedUnit(code.strip(), label.strip() if isinstance(label, str) else ""))
        return Settings(name.strip(), year, tuple(units))

    def expect(self, units: list[ExpectedUnit]) -> None:
        """Add units to the list in rollup.toml (appended: hand edits stay)."""
        from zerenqingdan.ledger.store import toml_string
        from zerenqingdan.storage import atomic_write

        if not units:
            return
        text = self.config_path.read_text(encoding="utf-8")
        if not text.endswith("\n"):
            text += "\n"
        for unit in units:
            text += f"\n[[unit]]\ncode = {toml_string(unit.code)}\nname = {toml_string(unit.name)}\n"
        atomic_write(self.config_path, text)


def initial_config(name: str, year: int) -> str:
    from zerenqingdan.ledger.store import toml_string

    return (
        "# zr 汇总工作区：上级纪委汇总所属单位用 zr export bundle 导出的上报数据包。\n"
        "# 可以手工编辑。[[unit]] 是应当上报的单位（导入时新的单位会自动加入），\n"
        "# 据此列出未上报的单位；不再归本级管的单位可以删去。\n\n"
        f"[rollup]\nname = {toml_string(name)}\nyear = {year}\n"
    )


def create_home(root: Path, name: str, year: int) -> RollupHome:
    from zerenqingdan.storage import atomic_write, ensure_dir

    root = root.expanduser()
    if (root / CONFIG_NAME).exists():
        raise WorkspaceError(f"{display_path(root)} 已经是汇总工作区（已有 {CONFIG_NAME}），不会覆盖")
    if (root / "zr.toml").exists():
        raise WorkspaceError(f"{display_path(root)} 是单位工作区（有 zr.toml），汇总工作区请另建一个目录")
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{display_path(root)} 是一个文件，不是目录")
    home = RollupHome(root.resolve() if root.exists() else root.absolute())
    for folder in (home.root, home.bundles_dir, home.out_dir, home.templates_dir):
        ensure_dir(folder)
    atomic_write(home.config_path, initial_config(name, year))
    from zerenqingdan.rollup import db

    db.connect(home.db_path).close()
    return home


def find_home(explicit: str | None = None) -> RollupHome:
    """The roll-up workspace named by ``--dir``, else the nearest one above cwd
    (a ZR_DIR that names a unit's workspace is not in the way)."""
    if explicit and not (explicit == os.environ.get("ZR_DIR") and not (Path(explicit) / CONFIG_NAME).is_file()):
        root = Path(explicit).expanduser()
        if not (root / CONFIG_NAME).is_file():
            raise WorkspaceError(f"{display_path(root)} 不是汇总工作区（没有 {CONFIG_NAME}）", [HOW_TO_CREATE])
        return RollupHome(root.resolve())
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return RollupHome(folder)
    raise WorkspaceError(f"当前目录及其上级目录中没有汇总工作区（找不到 {CONFIG_NAME}）", [HOW_TO_CREATE])
