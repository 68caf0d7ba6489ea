"""zr org import: rosters as Excel and WPS save them."""

import json
import os

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


def _as_seen(zr):
    data = json.loads(zr("org", "show", "--json", "--as-of", "2026-08-01").out)
    return ([(m["name"], m["role"], m["department"], m["since"], m["until"]) for m in data["members"]],
            sorted(d["name"] for d in data["departments"]))


def test_gbk_csv_and_xlsx_with_a_title_row_and_numbers_import_identically(zr, tmp_path):
    """As offices keep them: a title row, a 序号 column, 科室 for 部门, dates as date cells."""
    import datetime as dt

    from openpyxl import Workbook

    lines = ROSTER.splitlines()
    header = lines[0].replace("部门,分管部门", "科室,分管部门")
    body = [f"{i},{line}" for i, line in enumerate(lines[1:], 1)]
    csv_text = "某局2026年花名册,,,,,,\n序号," + header + "\n" + "\n".join(body) + "\n"
    results = []
    for kind in ("csv", "xlsx"):
        root = tmp_path / kind
        assert zr("init", root, "--name", "某县测试局", "--year", "2026", "--preset", "city").code == 0
        os.chdir(root)
        if kind == "csv":
            path = write(root / "花名册.csv", csv_text, encoding="gbk")
        else:
            book = Workbook()
            sheet = book.active
            sheet.append(["某局2026年花名册"])
            sheet.append(["序号", *header.split(",")])
            for i, line in enumerate(lines[1:], 1):
                cells = line.split(",")
                for c in (4, 5):  # dates typed in Excel are date cells
                    if cells[c] in ("2026-03-01",):
                        cells[c] = dt.datetime(2026, 3, 1)
                sheet.append([i, *cells])
            path = root / "花名册.xlsx"
            book.save(path)
        result = zr("org", "import", path)
        assert result.code == 0, result.err
        results.append(_as_seen(zr))
    assert results[0] == results[1]
    assert len(results[0][0]) == 11


def test_an_unknown_department_is_a_typo_unless_new_depts(zr, small_unit):
    path = write(small_unit / "r.csv", "姓名,角色,部门\n新人甲,工作人员,财物科\n新人乙,工作人员,宣传科\n")
    before = (small_unit / "zr.toml").read_bytes()
    result = zr("org", "import", path)
    assert result.code != 0
    assert "第2行 新人甲：没有科室“财物科”，最接近的是：财务科" in result.err and "--new-depts" in result.err
    assert (small_unit / "zr.toml").read_bytes() == before
    result = zr("org", "import", path, "--new-depts")
    assert result.code == 0 and "新建科室：财物科、宣传科" in result.out


def test_a_changed_row_is_reported_and_applied_only_with_update(zr, small_unit):
    path = write(small_unit / "r.csv", "姓名,角色,部门,任职起始\n周明,科室负责人,财务科,2026-09-01\n")
    before = (small_unit / "zr.toml").read_bytes()
    result = zr("org", "import", path)
    assert result.code == 0
    assert "第2行 周明（P008）：角色 工作人员 → 科室负责人" in result.out and "--update" in result.out
    assert (small_unit / "zr.toml").read_bytes() == before  # reported, nothing changed
    result = zr("org", "import", path, "--update")
    assert result.code == 0 and "调整任职 1 人" in result.out
    data = json.loads(zr("org", "show", "--json", "--as-of", "2026-09-02").out)
    zhou = next(m for m in data["members"] if m["name"] == "周明")
    assert (zhou["role"], zhou["since"]) == ("head", "2026-09-01")


def test_an_old_xls_is_refused_with_what_to_do(zr, small_unit):
    path = small_unit / "花名册.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    result = zr("org", "import", path)
    assert result.code != 0 and "另存为 .xlsx 或 CSV" in result.err
