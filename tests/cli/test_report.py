"""zr report: every number checked against an independent count of the records."""

import json
import os

import pytest
from docx import Document

from tests.docxcheck import all_text, assert_gbt9704

SCRIPT = [
    # (kind, options...)
    ("meeting", "--type", "专题会议", "--by", "王书记", "--date", "2026-03-12"),
    ("meeting", "--type", "专题会议", "--by", "王书记", "--date", "2026-07-08"),
    ("meeting", "--type", "专题会议", "--by", "王书记", "--date", "2026-11-20"),
    ("lecture", "--type", "廉政党课", "--by", "王书记", "--date", "2026-06-28"),
    ("talk", "--type", "廉政谈话", "--by", "王书记", "--with", "P003,李娜", "--date", "2026-02-20"),
    ("talk", "--type", "廉政谈话", "--by", "王书记", "--with", "赵科长", "--date", "2026-02-21"),
    ("report", "--type", "年度报告", "--by", "王书记", "--date", "2026-02-10"),  # due 01-31: late
    ("hearing", "--by", "P003", "--dept", "财务科", "--date", "2026-03-01"),
    ("hearing", "--by", "P003", "--dept", "财务科", "--date", "2026-05-01"),
    ("hearing", "--by", "李娜", "--dept", "业务科", "--date", "2026-02-01"),
    ("talk", "--type", "廉政谈话", "--by", "李娜", "--with", "孙科长", "--date", "2026-02-02"),
    ("lecture", "--type", "廉政党课", "--by", "李娜", "--date", "2026-04-02"),
    ("talk", "--type", "谈心谈话", "--by", "P003", "--with", "周明,钱科长", "--date", "2026-04-03"),
]


@pytest.fixture
def year_logged(zr, small_unit):
    for args in SCRIPT:
        result = zr("log", *args)
        assert result.code == 0, (args, result.err)
    assert zr("log", "meeting", "--type", "专题会议", "--by", "王书记", "--date", "2026-04-01").code == 0
    assert zr("log", "void", "2026-0014", "--reason", "会议延期，未召开").code == 0
    return small_unit


def table_rows(table):
    return [[c.text for c in r.cells] for r in table.rows]


def test_report_tables_match_an_independent_count(zr, year_logged):
    result = zr("report", "--as-of", "2026-12-31", "-o", "report.docx")
    assert result.code == 0, result.err
    document = assert_gbt9704(year_logged / "report.docx")
    text = all_text(document)
    assert document.paragraphs[0].text == "中共某县测试局党委关于2026年度履行"
    assert document.paragraphs[1].text == "党风廉政建设主体责任情况的报告"
    assert "中共某县委、某县纪委：" in text
    assert "主持召开党风廉政建设专题会议3次（3月12日、7月8日、11月20日）" in text

    ten = {row[1]: row for row in table_rows(document.tables[0])[1:]}
    # independent counts, from SCRIPT above (the voided meeting does not count)
    meetings = sum(1 for a in SCRIPT if a[0] == "meeting")
    assert ten["主持召开党风廉政建设专题会议"][2:5] == ["2", str(min(meetings, 2)), "100%"]
    assert ten["讲授廉政党课"][2:5] == ["1", "1", "100%"]
    # leaders P003, P004 and the discipline head P002: talks with P003 and 李娜 only
    assert ten["与每名班子成员廉政谈话"][2:6] == ["3", "2", "67%", "未覆盖1人次，见附件"]
    # heads 赵科长, 钱科长, 孙科长: one talked with
    assert ten["与每名科室负责人廉政谈话"][2:6] == ["3", "1", "33%", "未覆盖2人次，见附件"]
    # the names are in the attachment, one row per person and period
    attachment = {(r[0], r[1]): r for r in table_rows(document.tables[-1])[1:]}
    # the talks were typed in months after their dates: 补记, and the attachment says so
    assert attachment[("王书记", "与每名班子成员廉政谈话")][4:6] in (["2/3", "刘组长"], ["2/3（含补记2）", "刘组长"],
                                                               ["2/3（含补记1）", "刘组长"])
    assert attachment[("王书记", "与每名科室负责人廉政谈话")][5] == "孙科长、钱科长"
    hearings = [r for r in table_rows(document.tables[-1])[1:]
                if r[:2] == ["张伟（党委委员）", "听取分管科室党风廉政建设情况汇报"]]
    assert ["第三季度", "9月30日", "0/1", "财务科"] in [r[2:6] for r in hearings]
    row = ten["向上级党委和纪委书面报告履行主体责任情况"]
    assert row[2:5] == ["1", "1", "100%"] and "逾期补记1次（2月10日）" in row[5]
    assert ten["带队开展党风廉政建设调研"][2:6] == ["1", "0", "0%", "尚差1次"]

    four = {row[0]: row for row in table_rows(document.tables[1])[1:]}
    # 张伟 (P003) oversees 财务科: 4 quarterly hearings owed, 2 held (Q1, Q2)
    # (a second 张伟 works in 业务科: the report tells them apart)
    assert four["张伟（党委委员）"] == ["张伟（党委委员）", "2/4", "0/4", "2/2", "0/1"]
    # 李娜 oversees 业务科: one hearing (Q1), one head talk (Q1), no heart talks, one lecture
    assert four["李娜"] == ["李娜", "1/4", "1/4", "0/2", "1/1"]

    assert "三、存在的问题" in text
    assert "听取分管科室党风廉政建设情况汇报覆盖不全，2名班子成员尚有" in text  # grouped, not one line per slot
    assert "督促" not in text and "以后各期" not in text
    assert "附件：逐项对照表" in text
    texts = [p.text for p in document.paragraphs]
    seal = texts.index("2026年12月31日")  # the sealed sign-off, then the attachment on its own page
    assert texts[seal - 1] == "中共某县测试局党委"
    assert texts[seal + 1:].count("附件") == 1 and "逐项对照表" in texts[seal + 1:]


def test_report_agrees_with_status(zr, year_logged):
    assert zr("report", "--as-of", "2026-06-30", "-o", "mid.docx").code == 0
    status = json.loads(zr("status", "--json", "--as-of", "2026-06-30").out)
    ten = {}
    for row in table_rows(Document(str(year_logged / "mid.docx")).tables[0])[1:]:
        ten.setdefault(row[1], row)  # the secretary's rows come first; heads share some titles
    for row in status["rows"]:
        if row["holder"] != "P001" or row["required"] == 0:
            continue
        rows = [r for r in status["rows"] if r["duty"] == row["duty"] and r["holder"] == "P001"]
        planned = sum(r["required"] for r in rows)
        done = sum(min(r["done"], r["required"]) for r in rows)
        assert ten[row["title"]][2:4] == [str(planned), str(done)], row["title"]


def test_nothing_to_say_is_said_honestly(zr, small_unit):
    assert zr("report", "--as-of", "2026-01-05", "-o", "early.docx").code == 0
    text = all_text(Document(str(small_unit / "early.docx")))
    assert "应完成的事项均已完成" in text
    assert "台账中尚无计入清单事项的记录" in text
    assert "附件" not in text


def test_member_statement(zr, year_logged):
    assert zr("report", "--member", "李娜", "--as-of", "2026-12-31", "-o", "lina.docx").code == 0
    document = assert_gbt9704(year_logged / "lina.docx")
    text = all_text(document)
    assert "李娜同志2026年度" in text
    rows = {r[1]: r for r in table_rows(document.tables[0])[1:]}
    assert rows["听取分管科室党风廉政建设情况汇报"][3:5] == ["4", "1"]
    assert "第二季度未覆盖：业务科" in rows["听取分管科室党风廉政建设情况汇报"][5]
    details = table_rows(document.tables[1])
    assert details[1] == ["2月1日", "业务科", "2026-0010"]  # no 主题 column when no record has one
    texts = [p.text for p in document.paragraphs]
    assert "统计截至：2026年12月31日" in texts  # a line of its own: the date is not split
    assert any(t.startswith("本人签字：") for t in texts)
    # a topic the record gives is shown; one that only repeats the item's name is not
    assert zr("log", "lecture", "--type", "廉政党课", "--by", "李娜", "--topic", "以案促改", "--date", "2026-09-02").code == 0
    assert zr("report", "--member", "李娜", "--as-of", "2026-12-31", "-o", "lina2.docx").code == 0
    tables = [table_rows(t) for t in Document(str(year_logged / "lina2.docx")).tables]
    lectures = next(t for t in tables if t[0] == ["日期", "对象", "主题", "台账编号"])
    assert [r[2] for r in lectures[1:]] == ["—", "以案促改"]


def test_supervision_report(zr, year_logged):
    assert zr("report", "--supervision", "--as-of", "2026-12-31", "-o", "sup.docx").code == 0
    document = assert_gbt9704(year_logged / "sup.docx")
    text = all_text(document)
    assert document.paragraphs[0].text == "中共某县测试局纪委关于2026年度履行"
    assert "中共某县纪委、中共某县测试局党委：" in text
    rows = {r[1]: r for r in table_rows(document.tables[0])[1:]}
    assert rows["报送责任追究情况季报"][2:5] == ["4", "0", "0%"]


@pytest.mark.parametrize("preset, body, report_row, planned, addressee", [
    ("city", "党委", "每年年底向市委和市纪委报告责任制落实情况", "1", "中共某市委、某市纪委："),
    # the report is not work it reports on: its own duty is not a row of it
    ("guangzhou", "党委", "以正式文件向上一级党委和纪委报告履行主体责任情况", None, "中共某市委、某市纪委："),
    ("renfang", "党组", "向上级党委和纪委报告党组和本人履行主体责任情况", "自定",
     "中共某自治区委员会、某自治区纪律检查委员会："),
    ("procuratorate", "党组", "向县委、县纪委和市院报告党风廉政建设工作情况", None,
     "中共某县委、某县纪委、市人民检察院党组："),
    # 分别: a copy to each, for the first half (the second half's is this report)
    ("finance", "党组", "6月底、12月底前分别向市委和市纪委书面报告落实主体责任情况", "2",
         "中共某市委、某市纪委："),
])
def test_each_preset_report(zr, tmp_path, preset, body, report_row, planned, addressee):
    assert zr("demo", tmp_path / preset, "--preset", preset).code == 0
    os.chdir(tmp_path / preset)
    year = json.loads(zr("org", "show", "--json").out)["unit"]["year"]
    path = tmp_path / preset / "out" / f"{year}_履行党风廉政建设主体责任情况的报告.docx"
    document = assert_gbt9704(path)  # written by zr demo
    assert document.paragraphs[0].text == f"中共某市示范局{body}关于{year}年度履行"
    assert addressee in all_text(document)  # the regime's own recipients
    rows = {r[1]: r for r in table_rows(document.tables[0])[1:]}
    if planned is None:
        assert report_row not in rows
    else:
        assert rows[report_row][2] == planned


def test_year_end_report_reads_as_a_committee_writes_it(zr, year_logged):
    """§三 states each shortfall once, grouped; every gap of the §二 table is there;
    the per-person rows are the attachment's and match zr status."""
    import re

    assert zr("report", "--as-of", "2026-12-31", "-o", "r.docx").code == 0
    document = Document(str(year_logged / "r.docx"))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    body = texts[:texts.index("特此报告。")]
    first, last = body.index("三、存在的问题"), body.index("四、下一步工作措施")
    problems, measures = body[first + 2:last], body[last + 1:]
    assert 1 <= len(problems) <= 6 and len(measures) == len(problems)  # one measure per problem
    sentences = [s.strip() for t in body for s in re.split("[。；]", t) if s.strip()]
    assert len(sentences) == len(set(sentences)), "a sentence is repeated"
    assert "督促" not in "".join(body) and "以后各期" not in "".join(body)
    said = "".join(problems)
    table = table_rows(document.tables[0])[1:]
    gaps = [row[1] for row in table if row[4] not in ("100%", "—")]
    assert gaps and all(title in said for title in gaps)
    status = json.loads(zr("status", "--json", "--as-of", "2026-12-31").out)
    behind = [r for r in status["rows"] if r["state"] not in ("done", "as_needed", "unit_defined", "open")
              and r["done"] < r["required"] and r["holder"] != "P002"]  # the discipline head reports apart
    attachment = table_rows(document.tables[-1])[1:]
    assert len(attachment) == len(behind)
    assert sorted((r[1], int(r[4].split("（")[0].split("/")[1]), int(r[4].split("/")[0])) for r in attachment) == sorted(
        (r["title"], r["required"], r["done"]) for r in behind)


def test_the_office_adds_what_the_ledger_cannot_know(zr, year_logged):
    """发文字号, 签发人, 抄送 and each item's 成效 come from report-2026.toml,
    which zr report --notes starts and never overwrites; options win for one run."""
    assert zr("report", "--notes").code == 0
    notes = year_logged / "report-2026.toml"
    stub = notes.read_text(encoding="utf-8")
    assert "# 1 = \"\"  # " in stub and "[supervision]" in stub
    again = zr("report", "--notes")
    assert again.code != 0 and "已经存在" in again.err and notes.read_text(encoding="utf-8") == stub
    # a report from the empty stub says nothing the office did not write
    assert zr("report", "--as-of", "2026-12-31", "-o", "plain.docx").code == 0
    plain = all_text(Document(str(year_logged / "plain.docx")))
    assert "签发人" not in plain and "抄送" not in plain

    filled = (stub.replace('number = ""       # 发文字号', 'number = "某党发〔2027〕3号"  # 发文字号', 1)
                  .replace('signer = ""       # 签发人', 'signer = "王书记"  # 签发人', 1)
                  .replace('cc = []           # 抄送', 'cc = ["中共某县纪委第二纪检监察室", "某县委组织部"]  # 抄送', 1)
                  .replace('issued_by = ""    # 印发机关', 'issued_by = "中共某县测试局党委办公室"  # 印发机关', 1)
                  .replace('# 1 = ""', '1 = "各级党组织抓党风廉政建设的意识明显增强。"', 1)
                  .replace('petitions = ""', 'petitions = "全年受理信访举报3件，均已办结。"', 1))
    notes.write_text(filled, encoding="utf-8")
    assert zr("report", "--as-of", "2026-12-31", "-o", "full.docx").code == 0
    document = assert_gbt9704(year_logged / "full.docx")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "某党发〔2027〕3号\t签发人：王书记"  # above the title, one line
    assert texts[2] == "中共某县测试局党委关于2026年度履行"
    strands = next(t for t in texts if t.startswith("主持召开党风廉政建设专题会议"))
    assert strands.endswith("。各级党组织抓党风廉政建设的意识明显增强。")  # after the item's own work
    assert [t for t in texts if t][-2:] == ["抄送：中共某县纪委第二纪检监察室，某县委组织部。",
                                            "中共某县测试局党委办公室\t2026年12月31日印发"]  # the 版记, last
    supervision = zr("report", "--supervision", "--as-of", "2026-12-31", "-o", "sup.docx")
    assert supervision.code == 0
    text = all_text(Document(str(year_logged / "sup.docx")))
    assert "全年受理信访举报3件，均已办结。" in text and "【请填写" not in text
    # an option wins over the file, for this run only
    assert zr("report", "--as-of", "2026-12-31", "--number", "某党〔2027〕9号", "--cc", "", "-o", "opt.docx").code == 0
    texts = [p.text for p in Document(str(year_logged / "opt.docx")).paragraphs]
    assert texts[0].startswith("某党〔2027〕9号\t") and not any(t.startswith("抄送") for t in texts)
    assert notes.read_text(encoding="utf-8") == filled


def test_a_wrong_key_in_the_notes_is_named_with_its_line(zr, year_logged):
    notes = year_logged / "report-2026.toml"
    notes.write_text('[report]  # 主体责任报告\nnumber = "x"\nsinger = "王书记"\n', encoding="utf-8")
    result = zr("report", "-o", "x.docx")
    assert result.code != 0 and "report-2026.toml:3: [report] 中不认识的键 singer" in result.err
    assert "signer（签发人）" in result.err and not (year_logged / "x.docx").exists()
    notes.write_text('[report.effects]\n99 = "成效"\n', encoding="utf-8")
    result = zr("report", "-o", "x.docx")
    assert result.code != 0 and "report-2026.toml:2: 成效的键 99 不是本年度报告的事项" in result.err
    assert "1 = " in result.err and not (year_logged / "x.docx").exists()
