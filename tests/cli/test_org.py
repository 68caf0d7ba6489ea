"""zr org: adding, naming, assigning, showing and checking the org chart."""

import json
import tomllib

from zerenqingdan.org.chart import load_org


def org_json(zr, *extra):
    result = zr("org", "show", "--json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_show_json_has_members_and_departments(zr, small_unit):
    data = org_json(zr, "--as-of", "2026-05-01")
    members = {m["id"]: m for m in data["members"]}
    assert members["P003"]["name"] == "张伟"
    assert members["P003"]["role"] == "leader"
    assert members["P003"]["oversees"] == [{"department": "D02", "since": "2026-01-01", "until": None}]
    for key in ("id", "name", "role", "department", "since", "until", "oversees"):
        assert key in members["P008"]
    depts = {d["name"]: d for d in data["departments"]}
    assert depts["财务科"] == {  # the contract: these fields as they were, and new ones beside them
        "id": "D02", "name": "财务科", "flags": ["财务"], "head": "P006",
        "overseen_by": "P003", "staff": ["P008"], "kind": "科室",
    }


def test_show_tree_prints_names_as_typed(zr, small_unit):
    assert zr("org", "add", "阿依古丽·买买提", "--role", "工作人员", "--dept", "业务科").code == 0
    assert zr("org", "add", "[李] 小明", "--role", "工作人员", "--dept", "业务科").code == 0
    result = zr("org", "show", "--as-of", "2026年3月5日")
    assert result.code == 0, result.err
    assert "阿依古丽·买买提" in result.out
    assert "[李] 小明" in result.out  # not eaten as markup
    assert "截至 2026-03-05" in result.out
    assert "书记 王书记（P001）" in result.out


def test_bad_date_is_rejected(zr, small_unit):
    result = zr("org", "show", "--as-of", "2026-13-01")
    assert result.code == 1
    assert result.err == "错误：--as-of“2026-13-01”无效：月份应为 1 至 12\n"


def test_two_people_of_one_name_must_be_named_by_id(zr, small_unit):
    result = zr("org", "assign", "张伟", "--oversees", "业务科")
    assert result.code == 1
    assert result.err.startswith("错误：在 2026年")
    assert result.err.endswith("有 2 人名叫“张伟”：张伟（P003，党委委员）、张伟（P009，业务科）；请改用编号\n")


def test_unknown_name_suggests_the_closest(zr, small_unit):
    result = zr("org", "assign", "李那", "--oversees", "业务科")
    assert result.code == 1
    assert result.err.startswith("错误：找不到人员“李那”。最接近的是：李娜（P004，党委委员）")


def test_unknown_department_suggests_the_closest(zr, small_unit):
    result = zr("org", "add", "吴敏", "--role", "工作人员", "--dept", "财务处")
    assert result.code == 1
    assert result.err.startswith("错误：找不到科室“财务处”。最接近的是：财务科")


def test_adding_a_namesake_warns_and_gives_the_id(zr, small_unit):
    result = zr("org", "add", "周明", "--role", "工作人员", "--dept", "办公室")
    assert result.code == 0
    assert "已新增办公室工作人员 周明（P010，办公室）" in result.out
    assert "已有同名人员 周明（P008，财务科）" in result.err


def test_reassigning_ends_the_previous_oversight_the_day_before(zr, small_unit):
    result = zr("org", "assign", "李娜", "--oversees", "财务科", "--since", "2026-07-01")
    assert result.code == 0, result.err
    assert "财务科：张伟 分管至 2026年6月30日" in result.out
    assert "财务科：自 2026年7月1日 起由 李娜 分管" in result.out
    before = {d["name"]: d for d in org_json(zr, "--as-of", "2026-06-30")["departments"]}
    after = {d["name"]: d for d in org_json(zr, "--as-of", "2026-07-01")["departments"]}
    assert before["财务科"]["overseen_by"] == "P003"
    assert after["财务科"]["overseen_by"] == "P004"
    assert zr("org", "check").code == 0  # no gap, no overlap


def test_assign_refuses_staff_and_may_look_ahead(zr, small_unit):
    result = zr("org", "assign", "周明", "--oversees", "业务科")
    assert result.code == 1
    assert result.err == "错误：周明（P008，财务科） 是工作人员，只有领导班子成员可以分管科室\n"
    # the working year is no wall: next year's 分管 may be set ahead
    result = zr("org", "assign", "李娜", "--oversees", "财务科", "--since", "2027-01-01")
    assert result.code == 0, result.err
    assert "财务科：张伟 分管至 2026年12月31日" in result.out


def test_check_is_silent_when_clean(zr, small_unit):
    result = zr("org", "check")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_check_reports_every_rule_with_its_source(zr, small_unit):
    assert zr("org", "add-dept", "采购中心", "--flag", "采购").code == 0
    assert zr("org", "assign", "王书记", "--oversees", "采购中心").code == 0
    assert zr("org", "add-dept", "执法科").code == 0
    assert zr("org", "assign", "刘组长", "--oversees", "执法科", "--since", "2026-04-01").code == 0
    assert zr("org", "add-dept", "法规科").code == 0
    result = zr("org", "check")
    assert result.code == 1
    out = result.out
    assert "书记 王书记（P001，党委书记） 直接分管 采购中心（采购），违反“五个不直接分管”〔依据：001 三(三)；004 三(六)〕" in out
    assert "纪委书记 刘组长（P002，纪委书记） 直接分管 执法科，违反“纪检负责人不分管业务工作”" in out
    assert "〔依据：000 二7(2)；001 纪委意见三(六)〕" in out
    assert "执法科（D06）在 2026年1月1日至2026年3月31日 没有分管领导" in out
    assert "法规科（D07）在 2026年1月1日至2026年12月31日 没有分管领导" in out
    assert result.err.strip() == "错误：组织架构有 4 处问题"
    # every finding points at its record in zr.toml
    assert all(line.startswith("zr.toml:") for line in out.splitlines())


def test_check_finds_two_overseers_and_two_secretaries(zr, small_unit):
    path = small_unit / "zr.toml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n[[oversight]]\nmember = "P004"\ndepartment = "D02"\nsince = 2026-03-01\n')
    assert zr("org", "add", "钱书记", "--role", "书记", "--since", "2026-10-01").code == 0
    out = zr("org", "check").out
    assert "财务科（D02）在 2026年3月1日至2026年12月31日 同时由 张伟（P003，党委委员） 和 李娜（P004，党委委员） 分管" in out
    assert "2026年10月1日至2026年12月31日 同时有两名书记：王书记（P001，党委书记）、钱书记（P010，党委书记）" in out


def test_leave_ends_term_and_oversight(zr, small_unit):
    result = zr("org", "leave", "李娜", "--until", "2026-06-30")
    assert result.code == 0, result.err
    org = load_org(small_unit / "zr.toml")
    assert org.member("P004").until.isoformat() == "2026-06-30"
    assert org.overseers_of("D03", __import__("datetime").date(2026, 7, 1)) == []
    assert "业务科（D03）在 2026年7月1日至2026年12月31日 没有分管领导" in zr("org", "check").out


def test_a_changed_post_reads_as_a_person_would_write_it(zr, small_unit):
    """A date set on an existing post stays inside its table, above the blank
    line, and a new post is one blank line from its neighbours."""
    assert zr("org", "leave", "李娜", "--until", "2026-06-30").code == 0
    assert zr("org", "move", "周明", "--since", "2026-08-01", "--role", "科室负责人", "--dept", "业务科").code == 0
    text = (small_unit / "zr.toml").read_text(encoding="utf-8")
    blocks = [block for block in text.split("\n\n") if block.strip()]
    for block in blocks:  # one table a block: no key strays below a blank line, no table runs into the next
        headers = [line for line in block.strip().splitlines() if line.startswith("[")]
        assert len(headers) <= 1 and block.lstrip().startswith(("[", "#")), block
    assert text.endswith("\n")
    assert any('member = "P004"' in block and "until = 2026-06-30" in block for block in blocks)


def test_comments_and_hand_edits_survive_a_change(zr, small_unit):
    path = small_unit / "zr.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('name = "财务科"', 'name = "财务科"  # 2025年由计财科更名')
    text = "# 本单位 2026 年组织架构，办公室维护\n" + text
    path.write_text(text, encoding="utf-8")
    assert zr("org", "add", "吴敏", "--role", "工作人员", "--dept", "业务科").code == 0
    after = path.read_text(encoding="utf-8")
    person = '[[member]]\nid = "P010"\nname = "吴敏"\n\n'
    post = '[[post]]\nmember = "P010"\nrole = "工作人员"\ndepartment = "D03"\n\n'
    assert person in after and post in after
    assert after.replace(person, "", 1).replace(post, "", 1) == text  # everything else byte for byte


def test_round_trip_load_save_load(zr, small_unit):
    from zerenqingdan.org.edit import OrgEditor
    from zerenqingdan.workspace import Workspace

    first = load_org(small_unit / "zr.toml")
    editor = OrgEditor(Workspace(small_unit))
    editor.changed = True
    editor.save()
    second = load_org(small_unit / "zr.toml")
    assert (first.unit, first.departments, first.members, first.oversights) == (
        second.unit, second.departments, second.members, second.oversights)


def test_depts_and_people_listings(zr, small_unit):
    data = json.loads(zr("org", "depts", "--json").out)
    assert [d["name"] for d in data["departments"]] == ["办公室", "财务科", "业务科", "纪检监察室"]
    assert data["departments"][1]["overseen_by_name"] == "张伟"
    people = json.loads(zr("org", "people", "--dept", "业务科", "--json").out)["members"]
    assert [p["id"] for p in people] == ["P007", "P009"]
    table = zr("org", "people", "--role", "班子成员").out
    assert "李娜" in table and "周明" not in table


def test_add_requires_department_for_staff_and_valid_role(zr, small_unit):
    result = zr("org", "add", "吴敏", "--role", "工作人员")
    assert result.code == 1
    assert result.err == "错误：工作人员“吴敏”需要指定科室（--dept）\n"
    result = zr("org", "add", "吴敏", "--role", "主任", "--dept", "业务科")
    assert result.code == 1
    assert result.err == "错误：角色“主任”无效（应为 书记/班子成员/纪检组长/科室负责人/工作人员/专职委员）\n"
    data = tomllib.loads((small_unit / "zr.toml").read_text(encoding="utf-8"))
    assert "吴敏" not in [m["name"] for m in data["member"]]
