"""zr init: a new workspace, and the ways it refuses."""

import tomllib

from zerenqingdan.org.chart import load_org


def test_init_creates_the_workspace_layout(zr, tmp_path):
    result = zr("init", "ws", "--name", "某市审计局", "--year", "2026", "--preset", "guangzhou")
    assert result.code == 0, result.err
    root = tmp_path / "ws"
    for folder in ("ledger", "templates", "out"):
        assert (root / folder).is_dir()
    org = load_org(root / "zr.toml")
    assert org.unit.name == "某市审计局"
    assert org.unit.year == 2026
    # the preset decides the party and discipline bodies unless told otherwise
    assert (org.unit.party_body, org.unit.discipline_body) == ("党委", "纪委")
    assert "已新建工作区" in result.out


def test_init_options_override_preset_bodies(zr, tmp_path):
    result = zr("init", "ws", "--name", "某局", "--party-body", "党组", "--discipline-body", "纪检组",
                "--superior", "中共某市委", "--superior-discipline", "中共某市纪委")
    assert result.code == 0, result.err
    data = tomllib.loads((tmp_path / "ws" / "zr.toml").read_text(encoding="utf-8"))
    assert data["unit"]["party_body"] == "党组"
    assert data["unit"]["superior"] == "中共某市委"


def test_init_refuses_to_overwrite(zr, tmp_path):
    assert zr("init", "ws", "--name", "甲单位").code == 0
    before = (tmp_path / "ws" / "zr.toml").read_bytes()
    result = zr("init", "ws", "--name", "乙单位")
    assert result.code == 1
    assert result.err.splitlines()[0] == "错误：ws 已经是 zr 工作区（已有 zr.toml），不会覆盖"
    assert (tmp_path / "ws" / "zr.toml").read_bytes() == before


def test_init_without_name_and_without_terminal_is_an_error(zr, tmp_path):
    result = zr("init", "ws")
    assert result.code == 1
    assert result.err.splitlines()[0] == "错误：缺少 --name（单位名称）"
    assert not (tmp_path / "ws").exists()


def test_init_rejects_unknown_preset_and_bodies(zr):
    result = zr("init", "ws", "--name", "某局", "--preset", "cty")
    assert result.code == 1
    assert "没有名为“cty”的预设" in result.err
    assert "city" in result.err
    result = zr("init", "ws", "--name", "某局", "--party-body", "支部")
    assert result.code == 1
    assert "党组织类型“支部”无效" in result.err
