"""Bundled data (config/ and templates/), found inside the installed package.

In a wheel they live at ``zerenqingdan/config`` and ``zerenqingdan/templates``;
in a source checkout (editable install, tests) at the repository's top level.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def bundled(name: str) -> Traversable:
    """The bundled folder ``name`` ("config" or "templates")."""
    packaged = files("zerenqingdan") / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"zr 安装不完整：找不到内置的 {name}/ 目录")
