"""The bundled presets: six, each standalone, each loading into a catalog the
engine can use. What each holds is checked against its own document in
``tests/fidelity/``."""

import pytest

from zerenqingdan.errors import ConfigError
from zerenqingdan.policy.catalog import catalog_from_data, load_preset, preset_data
from zerenqingdan.policy.presets import preset_names
from zerenqingdan.storage import parse_toml

PRESETS = ["default", "renfang", "guangzhou", "city", "procuratorate", "finance"]


def test_all_six_presets_are_bundled():
    assert preset_names() == sorted(PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_no_preset_inherits_another(name):
    meta = preset_data(name)["preset"]
    assert "base" not in meta and "drop" not in meta
    assert "leader_pledge" not in meta and "staff_pledge" not in meta  # pledges are [[pledge]] rules


def test_the_four_ones_are_the_procuratorates_only():
    four = {"L-hear", "L-talk-heads", "L-heart", "L-lecture"}
    procuratorate = load_preset("procuratorate")
    assert four <= {d.id for d in procuratorate.duties}
    assert {(d.event, d.scope, d.period, d.count) for d in procuratorate.duties if d.id in four} == {
        ("hearing", "overseen_departments", "quarter", 1), ("talk", "overseen_heads", "quarter", 1),
        ("talk", "overseen_people", "year", 1), ("lecture", "self", "year", 1)}
    for name in set(PRESETS) - {"procuratorate"}:
        quarterly = [d.id for d in load_preset(name).duties if d.holder == "leader" and d.period == "quarter"]
        assert quarterly == [], name


def _catalog(text: str):
    from pathlib import Path

    return catalog_from_data(parse_toml(text, Path("catalog.toml")), text, Path("catalog.toml"))


HEAD = """
[preset]
name = "x"
title = "x"
party_body = "党组"
discipline_body = "纪检组"

[types]
meeting = ["民主生活会"]
report = ["会议记录报送"]
"""


def test_check_rejects_impossible_dates_unknown_triggers_and_recipients():
    text = HEAD + """
[[duty]]
id = "A"
holder = "party"
title = "a"
event = "report"
type = "会议记录报送"
count = 1
period = "year"
scope = "self"
deadline = "02-30"
source = "002 §11"

[[duty]]
id = "B"
holder = "party"
title = "b"
event = "report"
type = "会议记录报送"
trigger = { event = "meeting", type = "党代会", within_days = 7 }
scope = "self"
recipients = ["县委宣传部"]
source = "002 §12"

[[duty]]
id = "C"
holder = "party"
title = "c"
event = "report"
trigger = { event = "meeting", within_days = 7 }
period = "year"
scope = "self"
source = "002 §12"
"""
    with pytest.raises(ConfigError) as caught:
        _catalog(text)
    details = "\n".join(caught.value.details)
    assert "catalog.toml:12: duty[1]（A）: deadline“02-30”不是每年都有的日期" in details
    assert "duty[2]（B）: trigger 的 type“党代会”不在 [types] 的 meeting 之中（可用：民主生活会）" in details
    assert "duty[2]（B）: 报送对象“县委宣传部”未定义" in details
    assert "duty[3]（C）: 触发事项不写 period" in details


def test_a_number_the_document_does_not_give_is_never_overdue():
    catalog = _catalog(HEAD + """
[[duty]]
id = "M"
holder = "party"
title = "定期召开专题会议"
event = "meeting"
type = "民主生活会"
frequency = "定期"
period = "year"
scope = "self"
source = "002 §4(1)"
""")
    duty = catalog.duty("M")
    assert duty.count is None and duty.unit_defined
    assert duty.quota_text() == "“定期”，次数由本单位确定"
    with pytest.raises(ConfigError) as caught:  # and without either, the loader asks for one
        _catalog(HEAD.replace("[types]", "[types]") + """
[[duty]]
id = "N"
holder = "party"
title = "n"
event = "meeting"
period = "year"
scope = "self"
source = "002 §4(1)"
""")
    assert "缺少 count" in "\n".join(caught.value.details)
