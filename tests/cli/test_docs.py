"""zr docs: 责任书 and 承诺书, read back with python-docx."""

import json
import os
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.docxcheck import all_text, assert_gbt9704, east_asian_font
from zerenqingdan.demo import DEPARTMENTS
from zerenqingdan.documents.letters import safe_filename

DEMO_DEPARTMENTS = [name for name, _, _ in DEPARTMENTS]


@pytest.fixture
def demo(zr, tmp_path):
    """The demo under 003, whose chain has both links (书记↔班子成员, 分管领导↔科室负责人)."""
    assert zr("demo", tmp_path / "d", "--preset", "procuratorate").code == 0
    os.chdir(tmp_path / "d")
    return tmp_path / "d"


def plan_for(zr, name):
    data = json.loads(zr("plan", "--json", "--member", name).out)
    return data["holders"][0]


def test_demo_writes_every_letter_and_pledge(demo):
    out = demo / "out"
    letters = sorted(p.name for p in out.glob("*_责任书_*.docx"))
    assert any(n.endswith("_责任书_赵敏_班子成员.docx") for n in letters)
    assert len(letters) >= 5 + 10
    pledges = list((out / "承诺书").glob("*.docx"))
    assert len(pledges) >= 60  # 公开承诺书 for the 班子, 廉洁从检承诺书 for the staff (003 第九条6、7)
    assert {p.name.split("_")[1] for p in pledges} == {"公开承诺书", "廉洁从检承诺书"}
    combined = Document(str(next(out.glob("*_承诺书_合订.docx"))))
    assert len(combined.sections) == len(pledges)  # each pledge a section: a new page, its own page numbers
    for section in combined.sections[1:]:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    # handed out as the unit sits: the 班子 first, then each department, its head before its staff
    signers = [p.text for p in combined.paragraphs if p.text.startswith("本人")]
    assert "党组书记" in signers[0]
    departments = [re.search(r"示范局(.+?)工作人员", t).group(1) for t in signers if "工作人员" in t]
    assert all("党组成员" in t for t in signers[1: len(signers) - len(departments)])
    assert departments == sorted(departments, key=DEMO_DEPARTMENTS.index)


def test_leader_letter_matches_the_plan(zr, demo):
    result = zr("docs", "responsibility", "--member", "赵敏", "-o", "letters")
    assert result.code == 0, result.err
    path = demo / "letters" / f"{demo_year(zr)}_责任书_赵敏_班子成员.docx"
    document = assert_gbt9704(path)
    text = all_text(document)
    assert f"某市示范局{demo_year(zr)}年度" in text and "党风廉政建设责任书" in text
    assert "责任人（甲方）：党组书记、局长　王建国" in text  # titles (职务) as the demo sets them
    assert "被责任人（乙方）：党组成员、副局长　赵敏" in text
    plan = plan_for(zr, "赵敏")
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows[1:]]
    own_signing = [d for d in plan["duties"] if d["kind"] == "signing" and "责任书" in (d["type"] or "")]
    assert own_signing  # the plan has it; the letter, which is that signing, does not list it
    assert [r[1] for r in rows] == [d["title"] for d in plan["duties"] if d not in own_signing]
    hear = next(r for r in rows if r[1] == "听取分管部门党风廉政建设情况汇报")
    assert hear[2].startswith("每季度至少1次（每个分管科室）")
    assert "三季度至四季度：行政审批科、信息中心、执法监督科" in hear[2]
    assert hear[3] == "每季度末"
    # the side-by-side signature block
    signs = document.tables[-1]
    assert signs.rows[0].cells[0].text.startswith("甲方（签字）：")
    assert signs.rows[0].cells[1].text.startswith("乙方（签字）：")
    assert "年　　月　　日" in signs.rows[0].cells[1].text
    # fonts: title 小标宋, headings 黑体, body 仿宋
    fonts = {p.text: east_asian_font(p.runs[0]) for p in document.paragraphs if p.runs}
    assert fonts["党风廉政建设责任书"] == "方正小标宋简体"
    assert fonts["一、责任目标"] == "黑体"
    assert fonts["本责任书一式两份，双方各执一份。"] == "仿宋_GB2312"
    # and the command to record the signing
    assert "zr log sign --type 责任书 --by P001 --with P006" in result.out


def demo_year(zr):
    return json.loads(zr("org", "show", "--json").out)["unit"]["year"]


def test_head_letter_lists_talks_with_each_person_in_stroke_order(zr, demo):
    year = demo_year(zr)
    org = json.loads(zr("org", "show", "--json").out)
    finance = next(d for d in org["departments"] if d["name"] == "财务科")
    head = next(m for m in org["members"] if m["id"] == finance["head"])
    assert zr("docs", "responsibility", "--member", head["id"], "-o", "letters").code == 0
    document = Document(str(demo / "letters" / f"{year}_责任书_{head['name']}_财务科.docx"))
    text = all_text(document)
    assert head["title"] == "财务科科长"
    assert f"被责任人（乙方）：财务科科长　{head['name']}" in text
    talk = next(r for r in document.tables[0].rows if r.cells[1].text == "与本部门工作人员签订廉洁从检承诺书")
    people = [m["name"] for m in org["members"] if m["department"] == finance["id"] and m["id"] != head["id"]]
    listed = talk.cells[2].text.split("覆盖")[1].split("、")
    assert sorted(listed) == sorted(people)
    from zerenqingdan.documents.collation import stroke_key
    assert listed == sorted(listed, key=stroke_key)


def test_pledges_follow_the_preset(zr, tmp_path):
    assert zr("demo", tmp_path / "p", "--preset", "procuratorate").code == 0
    os.chdir(tmp_path / "p")
    assert zr("docs", "pledge", "--member", "王建国", "-o", "x").code == 0
    assert zr("docs", "pledge", "--all", "--type", "廉洁从检", "-o", "y").code == 0
    leader = Document(str(next((tmp_path / "p" / "x").glob("*.docx"))))
    assert leader.paragraphs[0].text.endswith("年度公开承诺书")  # the title carries the year
    assert "自愿接受组织调查，承担连带责任" in all_text(leader)
    staff = list((tmp_path / "p" / "y").glob("*.docx"))
    assert staff and all("廉洁从检承诺书" in p.name for p in staff)
    one = assert_gbt9704(staff[0])
    assert one.paragraphs[0].text.endswith("年度廉洁从检承诺书")
    assert "秉公办案" in all_text(one)
    assert "承诺人（签字）：" in all_text(one) and "科室负责人（签字）：" in all_text(one)


def test_combined_pledges_one_file(zr, demo):
    result = zr("docs", "pledge", "--all", "--type", "公开", "--combined", "all.docx")
    assert result.code == 0, result.err
    document = assert_gbt9704(demo / "all.docx")
    titles = [p for p in document.paragraphs if p.text.endswith("年度公开承诺书")]
    assert len(titles) == 8  # secretary, discipline head, five leaders and the one promoted in August
    assert len(document.sections) == 8
    # the 班子 in the order of zr.toml (by rank, 书记 first), not by strokes
    names = ("王建国", "刘红梅", "张伟", "陈静", "李强", "赵敏", "孙立军", "翟子涵")
    firsts = [p.text for p in document.paragraphs if p.text.startswith("本人")]
    order = [next(n for n in names if n in t) for t in firsts]
    assert order == list(names)


def test_combined_staff_pledges_by_department_in_stroke_order(zr, demo):
    assert zr("docs", "pledge", "--all", "--type", "廉洁从检", "--combined", "staff.docx").code == 0
    document = Document(str(demo / "staff.docx"))
    signers = [p.text for p in document.paragraphs if p.text.startswith("本人")]
    office = [re.match(r"本人(.+?)，", t).group(1) for t in signers if "示范局办公室" in t]
    # 甘(5) 阮(6) 汪(7) 苗(8, 横起) 周(8, 撇起) 温(12) 管(14)
    assert office == ["甘浩然", "阮强", "汪思远", "苗红霞", "周晓梅", "温欣怡", "管立新"]


def test_surnames_in_the_order_offices_use():
    """Stroke count, then the strokes in writing order 横竖撇点折 (ICU orders ties by radical)."""
    import random

    from zerenqingdan.documents.collation import stroke_sorted

    vector = "丁 于 马 王 石 龙 卢 叶 田 史 白 包 冯 司".split()
    for seed in range(20):
        shuffled = vector[:]
        random.Random(seed).shuffle(shuffled)
        assert stroke_sorted(shuffled) == vector
    # then the next character; a name with a character outside the data still sorts, last among its peers
    assert stroke_sorted(["王强", "王一", "阿依古丽·买买提", "王"]) == ["王", "王一", "王强", "阿依古丽·买买提"]


@pytest.mark.parametrize("name, expected", [
    ("阿依古丽·买买提", "阿依古丽·买买提"),
    ("张/伟", "张_伟"),
    ("a\\b:c*?\"<>|", "a_b_c______"),
    ("CON", "_CON"),
    (" .隐藏. ", "隐藏"),
])
def test_safe_filenames(name, expected):
    assert safe_filename(name) == expected


def test_odd_names_make_safe_files(zr, small_unit):
    assert zr("org", "add", "阿依古丽·买买提", "--role", "科室负责人", "--dept", "办公室", "--since", "2026-01-01").code == 0
    assert zr("org", "leave", "赵科长", "--until", "2025-12-31").code == 0
    assert zr("org", "add", "李/四", "--role", "科室负责人", "--dept", "业务科").code == 0
    assert zr("org", "leave", "孙科长", "--until", "2025-12-31").code == 0
    result = zr("docs", "responsibility", "--all", "-o", "out")
    assert result.code == 0, result.err
    names = {p.name for p in (small_unit / "out").iterdir()}
    assert "2026_责任书_阿依古丽·买买提_办公室.docx" in names
    assert "2026_责任书_李_四_业务科.docx" in names
    text = all_text(Document(str(small_unit / "out" / "2026_责任书_李_四_业务科.docx")))
    assert "被责任人（乙方）：业务科负责人　李/四" in text  # printed exactly as typed


def test_docs_needs_a_scope_and_a_known_type(zr, small_unit):
    assert zr("docs", "responsibility").err == "错误：请用 --member 姓名 指定一个人，或用 --all 生成全部\n"
    result = zr("docs", "pledge", "--all", "--type", "廉洁")
    assert result.err == "错误：承诺书类型“廉洁”无效（可用：廉洁从政、公开、廉洁从业、廉洁从检）\n"


def test_templates_list_copy_and_override(zr, small_unit):
    listing = zr("templates", "list").out
    assert "responsibility.j2\t党风廉政建设责任书\t内置" in listing
    assert zr("templates", "copy", "责任书").code == 0  # the Chinese name works too
    assert "responsibility.j2\t党风廉政建设责任书\t本单位改写" in zr("templates", "list").out
    ambiguous = zr("templates", "copy", "报告")
    assert ambiguous.code != 0 and "report、supervision" in ambiguous.err
    assert zr("templates", "copy", "responsibility").err.startswith("错误：templates/responsibility.j2 已存在")
    own = small_unit / "templates" / "responsibility.j2"
    own.write_text(own.read_text(encoding="utf-8").replace("=h1 四、责任期限", "=h1 四、责任期限（本单位）"),
                   encoding="utf-8")
    assert zr("docs", "responsibility", "--member", "李娜", "-o", "o").code == 0
    text = all_text(Document(str(next((small_unit / "o").glob("*李娜*")))))
    assert "四、责任期限（本单位）" in text


def test_broken_template_is_reported_with_its_line(zr, small_unit):
    own = small_unit / "templates" / "pledge.j2"
    own.write_text("=title 承诺书\n{% if type %}\n没有结束的 if\n", encoding="utf-8")
    result = zr("docs", "pledge", "--member", "李娜", "-o", "o")
    assert result.code == 1
    assert result.err.startswith("错误：模板 templates/pledge.j2（本单位） 第 3 行语法错误：模板没有写完：缺少结束标记")
    own.write_text("=title 承诺书\n{{ person.nickname }}\n", encoding="utf-8")
    result = zr("docs", "pledge", "--member", "李娜", "-o", "o")
    assert result.code == 1
    assert result.err.startswith("错误：模板 templates/pledge.j2（本单位） 第 2 行引用了不存在的内容：")
    own.write_text("=title 承诺书\n{{ person.__class__.__mro__ }}\n", encoding="utf-8")
    result = zr("docs", "pledge", "--member", "李娜", "-o", "o")
    assert result.code == 1 and "模板 templates/pledge.j2（本单位）" in result.err
    assert not (small_unit / "o").exists() or not list((small_unit / "o").glob("*.docx"))
