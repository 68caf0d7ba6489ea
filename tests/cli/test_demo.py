"""zr demo: the example unit a new user starts from."""

import json
import os


def test_demo_builds_a_complete_clean_unit(zr, tmp_path):
    result = zr("demo", tmp_path / "x")
    assert result.code == 0, result.err
    os.chdir(tmp_path / "x")
    check = zr("org", "check")
    assert (check.code, check.out, check.err) == (0, "", "")
    data = json.loads(zr("org", "show", "--json").out)
    roles = [m["role"] for m in data["members"]]
    assert roles.count("secretary") == 1
    assert roles.count("discipline") == 1
    assert 4 <= roles.count("leader") <= 6
    assert len(data["departments"]) >= 10
    assert roles.count("staff") >= 60
    assert [m["name"] for m in data["members"]].count("张伟") == 2
    # one mid-year change of 分管
    year = data["unit"]["year"]
    h1 = json.loads(zr("org", "depts", "--json", "--as-of", f"{year}-06-30").out)["departments"]
    h2 = json.loads(zr("org", "depts", "--json", "--as-of", f"{year}-07-01").out)["departments"]
    changed = [a["name"] for a, b in zip(h1, h2) if a["overseen_by"] != b["overseen_by"]]
    assert changed == ["信息中心"]


def test_demo_refuses_an_existing_workspace(zr, tmp_path):
    assert zr("demo", tmp_path / "x").code == 0
    result = zr("demo", tmp_path / "x")
    assert result.code == 1
    assert "已经是 zr 工作区" in result.err


def test_demo_has_a_realistic_year_of_records(zr, tmp_path):
    assert zr("demo", tmp_path / "x").code == 0
    os.chdir(tmp_path / "x")
    listing = json.loads(zr("log", "list", "--json").out)["entries"]
    assert len(listing) > 30  # 002 asks for few counted things; the rest it leaves to the unit
    assert sum(1 for e in listing if e["void"]) == 1
    status = json.loads(zr("status", "--json").out)
    states = [r["state"] for r in status["rows"]]
    assert states.count("done") > len(states) / 2
    assert states.count("overdue") >= 1
    assert zr("check").code == 0


def test_demo_year_always_has_a_history():
    import datetime as dt

    from zerenqingdan.demo import demo_year

    assert demo_year(dt.date(2027, 1, 3)) == 2026
    assert demo_year(dt.date(2026, 3, 31)) == 2025
    assert demo_year(dt.date(2026, 4, 1)) == 2026
    assert demo_year(dt.date(2026, 11, 22)) == 2026
