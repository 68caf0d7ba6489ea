"""Abuse: many processes at once, kills at random moments, odd input, a full
disk, a read-only ledger. Nothing is ever lost and no traceback is shown."""

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import time
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LOG = ["log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "3月5日"]


def zr_process(cwd, *args):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen([sys.executable, "-m", "zerenqingdan", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def ledger_entries(unit):
    path = unit / "ledger" / "2026.toml"
    if not path.exists():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8")).get("entry", [])


def test_fifty_processes_at_once(small_unit):
    procs = [zr_process(small_unit, *LOG, "--topic", f"并发{i}") for i in range(50)]
    codes = [p.wait(timeout=300) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert codes == [0] * 50
    entries = ledger_entries(small_unit)
    assert len(entries) == 50
    assert len({e["id"] for e in entries}) == 50
    assert {e["topic"] for e in entries} == {f"并发{i}" for i in range(50)}


def test_a_hundred_kills_at_random_moments(small_unit):
    rng = random.Random(2026)
    assert subprocess.run([sys.executable, "-m", "zerenqingdan", *LOG, "--topic", "第一条"],
                          cwd=small_unit, capture_output=True).returncode == 0
    before = ledger_entries(small_unit)
    for round_ in range(100):
        proc = zr_process(small_unit, *LOG, "--topic", f"第{round_}轮")
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        after = ledger_entries(small_unit)  # always parses
        assert after[: len(before)] == before  # every earlier record intact
        assert len(after) in (len(before), len(before) + 1)
        before = after
    ids = [e["id"] for e in before]
    assert len(ids) == len(set(ids))


TEXT = st.text(min_size=0, max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(topic=TEXT, note=st.text(max_size=50))
def test_any_text_is_stored_exactly_or_refused_clearly(zr, small_unit, topic, note):
    path = small_unit / "ledger" / "2026.toml"
    before = path.read_bytes() if path.exists() else b""
    result = zr(*LOG, "--topic", topic, "--note", note)
    if result.code == 0:
        entry_id = result.out.split("：")[0].removeprefix("已记录 ")
        import json

        shown = json.loads(zr("log", "show", entry_id, "--json").out)
        assert (shown["topic"], shown["note"]) == (topic.strip(), note.strip())
        assert path.read_bytes().startswith(before)
    else:
        assert result.code == 1
        assert result.err.startswith("错误：")
        assert (path.read_bytes() if path.exists() else b"") == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=0, max_size=80))
def test_any_name_is_added_exactly_or_refused_clearly(zr, small_unit, name):
    config = small_unit / "zr.toml"
    before = config.read_bytes()
    result = zr("org", "add", name, "--role", "工作人员", "--dept", "业务科")
    if result.code == 0:
        from zerenqingdan.org.chart import load_org

        org = load_org(config)
        assert org.members[-1].name == name.strip()
        assert zr("org", "check").code in (0, 1)  # still loads
    else:
        assert result.code in (1, 2)
        assert result.err.startswith("错误：")
        assert config.read_bytes() == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(date=st.one_of(st.text(max_size=20), st.dates().map(str), st.integers().map(str)))
def test_any_date_is_read_or_refused_clearly(zr, small_unit, date):
    result = zr(*LOG[:-1], date)
    assert result.code in (0, 1, 2)
    if result.code:
        assert result.err.startswith("错误：")


@pytest.mark.parametrize("within", ["99999999999999999999", "-5", "abc"])
def test_huge_or_bad_counts(zr, small_unit, within):
    result = zr("due", "--within", within)
    assert result.code in (1, 2)
    assert result.err.startswith("错误：")


def test_a_full_disk_leaves_the_ledger_as_it_was(zr, small_unit, monkeypatch):
    assert zr(*LOG, "--topic", "先记一条").code == 0
    path = small_unit / "ledger" / "2026.toml"
    before = path.read_bytes()
    real_write = os.write

    def half_then_full(fd, data):
        if len(data) > 20:
            real_write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", half_then_full)
        result = zr(*LOG, "--topic", "磁盘满")
    assert result.code == 1
    assert "磁盘空间已满" in result.err
    assert path.read_bytes() == before
    assert zr("check").code == 0


def test_a_read_only_ledger_is_reported(zr, small_unit, monkeypatch):
    assert zr(*LOG).code == 0
    path = small_unit / "ledger" / "2026.toml"
    before = path.read_bytes()
    real_open = os.open

    def refuse(target, flags, *args, **kwargs):
        if str(target) == str(path) and flags & os.O_WRONLY:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(target, flags, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", refuse)
        result = zr(*LOG, "--topic", "第二次")  # not the same record again (that would warn first)
    assert result.code == 1
    assert result.err.splitlines()[0] == f"错误：{path}：文件操作失败（没有权限）"
    assert path.read_bytes() == before


def test_files_are_readable_by_their_owner_only(zr, small_unit):
    assert zr(*LOG).code == 0
    assert zr("docs", "pledge", "--member", "李娜").code == 0
    for path in (small_unit / "zr.toml", small_unit / "catalog.toml", small_unit / "ledger" / "2026.toml",
                 *(small_unit / "out").glob("*.docx")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (small_unit / "ledger", small_unit / "out", small_unit / "templates"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder
