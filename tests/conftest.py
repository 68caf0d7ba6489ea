"""Shared fixtures: every CLI test runs ``zr`` in its own temporary folder."""

from __future__ import annotations

import dataclasses
import os
import textwrap
from pathlib import Path

import pytest

from zerenqingdan.cli.main import run

LEGACY_CATALOG = Path(__file__).parent / "fixtures" / "legacy_catalog.toml"


@dataclasses.dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("ZR_DIR", raising=False)
    monkeypatch.delenv("ZR_DEBUG", raising=False)


@pytest.fixture
def zr(capsys):
    """Run ``zr ARGS`` through the real entry point (error handling included)."""

    def call(*args: str) -> Result:
        capsys.readouterr()
        try:
            run([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        else:  # run() always exits
            raise AssertionError("zr returned without exiting")
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, captured.err
        return Result(code, captured.out, captured.err)

    return call


@pytest.fixture
def unit(zr, tmp_path) -> Path:
    """An empty unit workspace in tmp_path/unit, made with zr init."""
    root = tmp_path / "unit"
    result = zr("init", root, "--name", "某县测试局", "--year", "2026", "--preset", "city",
                "--superior", "中共某县委", "--superior-discipline", "中共某县纪委")
    assert result.code == 0, result.err
    # the engine is tested on a fixed generic catalog (the one units kept before the
    # presets followed their own documents), which also keeps old catalogs working
    (root / "catalog.toml").write_bytes(LEGACY_CATALOG.read_bytes())
    os.chdir(root)
    return root


@pytest.fixture
def small_unit(zr, unit) -> Path:
    """A unit with a secretary, a discipline head, two leaders and three departments."""
    for args in (
        ("org", "add-dept", "办公室"),
        ("org", "add-dept", "财务科", "--flag", "财务"),
        ("org", "add-dept", "业务科"),
        ("org", "add-dept", "纪检监察室", "--flag", "纪检"),
        ("org", "add", "王书记", "--role", "书记"),
        ("org", "add", "刘组长", "--role", "纪检组长"),
        ("org", "add", "张伟", "--role", "班子成员"),
        ("org", "add", "李娜", "--role", "班子成员"),
        ("org", "add", "赵科长", "--role", "科室负责人", "--dept", "办公室"),
        ("org", "add", "钱科长", "--role", "科室负责人", "--dept", "财务科"),
        ("org", "add", "孙科长", "--role", "科室负责人", "--dept", "业务科"),
        ("org", "add", "周明", "--role", "工作人员", "--dept", "财务科"),
        ("org", "add", "张伟", "--role", "工作人员", "--dept", "业务科"),
        ("org", "assign", "王书记", "--oversees", "办公室"),
        ("org", "assign", "P003", "--oversees", "财务科"),
        ("org", "assign", "李娜", "--oversees", "业务科"),
        ("org", "assign", "刘组长", "--oversees", "纪检监察室"),
    ):
        result = zr(*args)
        assert result.code == 0, (args, result.err)
    return unit


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), encoding=encoding)
    return path


DEMO_DAY = __import__("datetime").date(2026, 12, 4)  # the day the shared demos are built on


@pytest.fixture(scope="session")
def _demo_builds(tmp_path_factory):
    """Each preset's demo, built once per session on DEMO_DAY (copied per test)."""
    import datetime as dt

    from zerenqingdan import dates
    from zerenqingdan.demo import build_demo

    built: dict[str, Path] = {}

    def get(preset: str) -> Path:
        if preset not in built:
            root = tmp_path_factory.mktemp(f"demo-{preset}") / "unit"
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(dates, "today", lambda: DEMO_DAY)
                patch.setenv("NO_COLOR", "1")
                build_demo(root, preset)
            built[preset] = root
        return built[preset]

    return get


@pytest.fixture
def today(monkeypatch):
    """Set the date zr believes it is (DEMO_DAY until told otherwise)."""
    import datetime as dt

    from zerenqingdan import dates
    from zerenqingdan.ledger import store

    def set_today(day) -> None:
        monkeypatch.setattr(dates, "today", lambda: day)
        # records are stamped on the same day (recorded-at decides 补记)
        monkeypatch.setattr(store, "now", lambda: dt.datetime.combine(day, dt.time(10, 0)).astimezone())

    set_today(DEMO_DAY)
    return set_today


@pytest.fixture
def demo(_demo_builds, tmp_path, today):
    """``demo("renfang")``: a fresh copy of that preset's demo in tmp_path, as cwd."""
    import shutil

    def copy(preset: str = "city") -> Path:
        target = tmp_path / f"demo-{preset}"
        shutil.copytree(_demo_builds(preset), target, ignore=shutil.ignore_patterns(".zr-cache", ".zr.lock"))
        os.chdir(target)
        return target

    return copy
