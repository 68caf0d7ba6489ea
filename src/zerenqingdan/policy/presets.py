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


def preset_aliases() -> dict[str, str]:
    """Every name a preset answers to (its own, its Chinese aliases) -> its name."""
    out = {}
    for name in preset_names():
        out[name] = name
        table = tomllib.loads(_read(name)).get("preset", {})
        for alias in table.get("aliases", []):
            out.setdefault(alias, name)
    return out


def resolve_preset(name: str) -> str:
    """``人防`` -> ``renfang``; an unknown name is an error listing the choices."""
    name = name.strip()
    if name in preset_names():
        return name
    known = preset_aliases()
    if name in known:
        return known[name]
    found = {target for alias, target in known.items() if name and (name in alias or alias in name)}
    if len(found) == 1:
        return found.pop()
    choices = "、".join(f"{p}（{preset_info(p).title.split('（')[0]}）" for p in preset_names())
    raise InputError(f"没有名为“{name}”的预设", [f"可用：{choices}"])


def _read(name: str) -> str:
    return (bundled("config") / "presets" / f"{name}.toml").read_text(encoding="utf-8")


def preset_text(name: str) -> str:
    names = preset_names()
    if name not in names:
        name = resolve_preset(name)
    return _read(name)


def preset_info(name: str) -> PresetInfo:
    table = tomllib.loads(preset_text(name))["preset"]
    return PresetInfo(
        name=table["name"],
        title=table["title"],
        source=table["source"],
        party_body=table["party_body"],
        discipline_body=table["discipline_body"],
    )
