"""zr org import: rosters as Excel and WPS save them."""

import json

import pytest

from tests.conftest import write

ROSTER = """\
姓名,角色,部门,分管部门,任职起始,任职结束
王建国,书记,,办公室,,
刘红梅,纪检组长,,纪检监察室,,
张伟,班子成员,,财务科、人事科,,
李娜,班子成员,,业务科,2026-03-01,
赵敏,科室负责人,办公室,,,
钱进,科室负责人,财务科,,,
孙丽,科室负责人,人事科,,,
周强,科室负责人,业务科,,,
吴芳,工作人员,财务科,,,2026/6/30
张伟,工作人员,业务科,,,
阿依古丽·买买提,工作人员,业务科,,2026年7月1日,
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_import_detects_encoding(zr, unit, encoding):
    path = write(unit / "roster.csv", ROSTER, encoding=encoding)
    result = zr("org", "import", path)
    assert result.code == 0, result.err
    assert "已导入 11 人，新建科室 5 个，分管关系 5 条" in result.out
    data = json.loads(zr("org", "show", "--json", "--as-of", "2026-08-01").out)
    names = [m["name"] for m in data["members"]]
    assert names.count("张伟") == 2
    assert "阿依古丽·买买提" in names
    depts = {d["name"]: d for d in data["departments"]}
    assert set(depts) == {"办公室", "纪检监察室", "财务科", "人事科", "业务科"}
    members = {m["name"]: m for m in data["members"] if m["name"] != "张伟"}
    assert depts["业务科"]["overseen_by"] == members["李娜"]["id"]
    assert members["吴芳"]["until"] == "2026-06-30"
    assert members["阿依古丽·买买提"]["since"] == "2026-07-01"


def test_bad_rows_are_all_reported_and_nothing_is_imported(zr, unit):
    before = (unit / "zr.toml").read_bytes()
    path = write(unit / "roster.csv", """\
        姓名,角色,部门,分管部门,任职起始,任职结束
        王建国,书记,,办公室,,
        ,工作人员,办公室,,,
        李四,主任,办公室,,,
        赵六,工作人员,,,,
        钱七,工作人员,办公室,,2026-13-01,
        孙八,工作人员,办公室,财务科,,
        """)
    result = zr("org", "import", path)
    assert result.code == 1
    assert result.err.splitlines() == [
        "错误：花名册有 5 行错误，未导入任何内容：",
        "  roster.csv:3: 姓名不能为空",
        "  roster.csv:4: 李四：角色“主任”无效（应为 书记/班子成员/纪检组长/科室负责人/工作人员/专职委员）",
        "  roster.csv:5: 赵六：工作人员必须填写部门",
        "  roster.csv:6: 任职起始“2026-13-01”无效：月份应为 1 至 12",
        "  roster.csv:7: 孙八：工作人员不能分管部门（只有领导班子成员可以）",
    ]
    assert (unit / "zr.toml").read_bytes() == before


def test_wrong_header_is_explained(zr, unit):
    path = write(unit / "roster.csv", "名字,岗位\n王建国,书记\n")
    result = zr("org", "import", path)
    assert result.code == 1
    assert result.err.splitlines()[0] == "错误：roster.csv:1: 表头不对：缺少列 姓名、角色；无法识别的列 名字、岗位"


def test_importing_twice_skips_existing_people(zr, unit):
    path = write(unit / "roster.csv", ROSTER)
    assert zr("org", "import", path).code == 0
    result = zr("org", "import", path)
    assert result.code == 0
    assert "已导入 0 人" in result.out
    assert result.out.count("跳过（已存在）") == 11


def test_missing_file(zr, unit):
    result = zr("org", "import", "nosuch.csv")
    assert result.code == 1
    assert result.err == "错误：找不到花名册文件 nosuch.csv\n"


def test_import_reads_titles_gender_and_notes_in_any_column_order(zr, unit):
    path = write(unit / "roster.csv", """\
        职务,姓名,性别,角色,部门,备注
        党委书记、局长,王建国,男,书记,,
        党委委员、副局长,张伟,男,班子成员,,分管财务
        财务科科长,钱进,女,科室负责人,财务科,
        """)
    result = zr("org", "import", path)
    assert result.code == 0, result.err
    members = {m["name"]: m for m in json.loads(zr("org", "show", "--json").out)["members"]}
    assert members["王建国"]["title"] == "党委书记、局长"
    assert (members["钱进"]["title"], members["钱进"]["gender"]) == ("财务科科长", "女")
    assert members["张伟"]["note"] == "分管财务"
    bad = write(unit / "bad.csv", "姓名,角色,部门,性别\n孙丽,科室负责人,人事科,未知\n")
    result = zr("org", "import", bad)
    assert result.code != 0 and "bad.csv:2: 孙丽：性别“未知”无效" in result.err
