"""The bundled presets: one catalog per source regime, as data in config/presets/."""

from __future__ import annotations

import tomllib
from typing import NamedTuple

from zerenqingdan.errors import InputError
from zerenqingdan.resources import bundled


class PresetInfo(NamedTuple):
    name: str
    title: str
    source: str
    party_body: str
    discipline_body: str


def preset_names() -> list[str]:
    folder = bundled("config") / "presets"
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def preset_text(name: str) -> str:
    names = preset_names()
    if name not in names:
        raise InputError(f"没有名为“{name}”的预设（可用：{'、'.join(names)}）")
    return (bundled("config") / "presets" / f"{name}.toml").read_text(encoding="utf-8")


def preset_info(name: str) -> PresetInfo:
    table = tomllib.loads(preset_text(name))["preset"]
    return PresetInfo(
        name=table["name"],
        title=table["title"],
        source=table["source"],
        party_body=table["party_body"],
        discipline_body=table["discipline_body"],
    )
