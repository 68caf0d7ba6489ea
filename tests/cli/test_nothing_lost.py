"""Nothing is ever lost: output paths, ids, damaged ledgers, writes that
must not be reported as failed, repeated options, control characters,
backups and leftovers, templates, and counts in messages."""

import os
import time

import pytest
from docx import Document

from tests.docxcheck import all_text

HEARING = ["log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "3月5日"]


def snapshot(root):
    """Every file of the workspace but the cache, with its bytes."""
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".zr-cache" not in p.parts}


# 1. output paths ------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("report", "-o", "ledger/2026.toml"),
    ("report", "-o", "ledger/新报告.docx"),
    ("docs", "pledge", "--all", "--combined", "zr.toml"),
    ("report", "--member", "李娜", "-o", "catalog.toml"),
    ("report", "-o", "catalog.toml.1.bak"),
    ("report", "-o", "templates/报告.docx"),
    ("report", "-o", ".zr-cache/x.docx"),
    ("plan", "--ics", "ledger/日历"),
    ("plan", "--docx", "zr.toml"),
    ("docs", "responsibility", "--all", "-o", "ledger"),
])
def test_outputs_never_replace_the_workspace_data(zr, small_unit, args):
    zr(*HEARING)
    assert zr("catalog", "reset", "--force").code == 0  # so that catalog.toml and a backup exist
    before = snapshot(small_unit)
    result = zr(*args)
    assert result.code == 1, result.out
    assert "不能" in result.err and "已生成" not in result.out
    assert snapshot(small_unit) == before


def test_output_suffix_added_and_foreign_files_refused(zr, small_unit):
    assert zr("report", "-o", "年度报告").code == 0
    assert (small_unit / "年度报告.docx").is_file()
    assert zr("plan", "--ics", "日历").code == 0
    assert (small_unit / "日历.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    (small_unit / "笔记.docx").write_text("我自己的笔记", encoding="utf-8")
    result = zr("report", "-o", "笔记.docx")
    assert result.code == 1 and "不是 zr 生成的" in result.err
    assert (small_unit / "笔记.docx").read_text(encoding="utf-8") == "我自己的笔记"
    result = zr("report", "-o", "报告.txt")
    assert result.code == 1 and "扩展名应为 .docx" in result.err
    assert not (small_unit / "报告.txt").exists()


def test_a_document_edited_in_word_is_kept_not_overwritten(zr, small_unit):
    assert zr("report", "-o", "报告.docx").code == 0
    again = zr("report", "-o", "报告.docx")  # unchanged since zr wrote it: simply replaced
    assert again.code == 0 and "修改过" not in again.err
    assert not (small_unit / "报告.1.docx").exists()
    document = Document(str(small_unit / "报告.docx"))  # the clerk edits and saves
    document.add_paragraph("办公室补充的一段成效。")
    document.save(str(small_unit / "报告.docx"))
    result = zr("report", "-o", "报告.docx")
    assert result.code == 0
    assert "报告.docx 在 zr 生成后被修改过" in result.err and "报告.1.docx" in result.err
    assert "办公室补充的一段成效。" in all_text(Document(str(small_unit / "报告.1.docx")))
    assert "办公室补充的一段成效。" not in all_text(Document(str(small_unit / "报告.docx")))
    (small_unit / "日历.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    assert zr("plan", "--ics", "日历.ics").code == 1  # not zr's: refused
    assert zr("plan", "--ics", "新日历.ics").code == 0
    path = small_unit / "新日历.ics"
    path.write_text(path.read_text(encoding="utf-8").replace("SUMMARY:", "SUMMARY:改", 1), encoding="utf-8")
    assert zr("plan", "--ics", "新日历.ics").code == 0
    assert "SUMMARY:改" in (small_unit / "新日历.1.ics").read_text(encoding="utf-8")


def test_output_folders_are_owner_only(zr, small_unit):
    assert zr("docs", "pledge", "--all", "-o", "打印/承诺书").code == 0
    for folder in (small_unit / "打印", small_unit / "打印" / "承诺书"):
        assert oct(folder.stat().st_mode & 0o777) == "0o700"


# 2. ids ---------------------------------------------------------------------

def ledger(unit):
    return unit / "ledger" / "2026.toml"


def new_id(result):
    return result.out.split("：")[0].removeprefix("已记录 ")


def test_ids_come_from_every_id_ever_held(zr, small_unit):
    assert new_id(zr(*HEARING)) == "2026-0001"
    with ledger(small_unit).open("a", encoding="utf-8") as handle:  # a hand-added record, single quotes
        handle.write("\n[[entry]]\nid = '2026-0270'\ndate = 2026-03-01\nkind = 'hearing'\n"
                     "by = ['P004']\ndepartments = ['D03']\n")
    assert new_id(zr(*HEARING)) == "2026-0271"
    text = ledger(small_unit).read_text(encoding="utf-8")
    ledger(small_unit).write_text(text[: text.rindex("\n[[entry]]")] + "\n", encoding="utf-8")  # last one deleted
    assert new_id(zr(*HEARING)) == "2026-0272"


def test_ids_survive_a_reordered_long_ledger(zr, small_unit):
    import datetime as dt

    from zerenqingdan.ledger import store as L
    from zerenqingdan.ledger.record import append_entries
    from zerenqingdan.workspace import Workspace

    draft = L.Entry("", dt.date(2026, 3, 1), "hearing", "听取汇报", ("P004",), departments=("D03",))
    append_entries(Workspace(small_unit), [draft] * 400, 2026)
    text = ledger(small_unit).read_text(encoding="utf-8")
    head, *blocks = text.split("\n[[entry]]")
    ledger(small_unit).write_text(head + "".join("\n[[entry]]" + b for b in reversed(blocks)), encoding="utf-8")
    assert new_id(zr(*HEARING)) == "2026-0401"


def test_a_twice_used_id_is_reported_and_never_voided_blindly(zr, small_unit):
    zr(*HEARING)
    zr(*HEARING)
    text = ledger(small_unit).read_text(encoding="utf-8").replace('"2026-0002"', '"2026-0001"')
    ledger(small_unit).write_text(text, encoding="utf-8")
    result = zr("log", "void", "2026-0001", "--reason", "记错")
    assert result.code == 1
    assert "出现了 2 次" in result.err and result.err.count("ledger/2026.toml:") == 2
    check = zr("check")
    assert "编号重复（另见 ledger/2026.toml:" in check.out


# 4. damaged ledgers ---------------------------------------------------------

@pytest.mark.parametrize("damage", ["torn", "torn-character", "nul", "gbk"])
def test_no_append_after_damage(zr, small_unit, damage):
    zr(*HEARING)
    zr(*HEARING)
    path = ledger(small_unit)
    raw = path.read_bytes()
    if damage == "torn":
        raw = raw[:-12]
    elif damage == "torn-character":
        raw = raw.rstrip(b"\n")
        raw = raw[: raw.rindex('汇报'.encode()) + 2]  # cut inside 报
    elif damage == "nul":
        raw += b"\x00" * 64
    else:
        raw = raw.decode("utf-8").encode("gbk")
    path.write_bytes(raw)
    result = zr(*HEARING)
    assert result.code == 1
    assert path.read_bytes() == raw
    if damage == "gbk":
        assert "不是 UTF-8 编码" in result.err
    else:
        assert "之后有不完整的内容（可能是断电或进程被终止）" in result.err
        assert "UTF-8" not in result.err
        assert result.err.startswith("错误：ledger/2026.toml:")
    assert zr("status").code == 1  # readers say the same, and nothing else breaks


def test_a_record_cut_at_a_line_end_stops_the_next_append(zr, small_unit):
    zr(*HEARING)
    path = ledger(small_unit)
    path.write_text(path.read_text(encoding="utf-8") + '\n[[entry]]\nid = "2026-0002"\n', encoding="utf-8")
    before = path.read_bytes()
    result = zr(*HEARING)
    assert result.code == 1 and "起的记录不完整或无法读取" in result.err
    assert path.read_bytes() == before


# 5. validate before writing; never "nothing changed" after a write -----------

@pytest.mark.parametrize("deadline", ["04-31", "02-29", "13-01"])
def test_impossible_catalog_dates_are_refused_before_any_write(zr, small_unit, deadline):
    zr("catalog", "reset")
    path = small_unit / "catalog.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index('deadline = "')
    path.write_text(text[:first] + f'deadline = "{deadline}"' + text[first + len('deadline = "12-31"'):],
                    encoding="utf-8")
    check = zr("catalog", "check")
    assert check.code == 1 and f"deadline“{deadline}”" in check.err
    result = zr(*HEARING)
    assert result.code == 1 and "内部错误" not in result.err
    assert not ledger(small_unit).exists()


def test_a_failure_after_the_write_says_what_was_written(zr, small_unit, monkeypatch):
    from zerenqingdan.cli import output

    calls = []

    def broken(text=""):
        calls.append(text)
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(output, "say", broken)
    result = zr(*HEARING)
    assert result.code == 0
    assert "已记录 2026-0001" in result.err
    monkeypatch.setattr(output, "say", lambda text="": (_ for _ in ()).throw(RuntimeError("打印失败")))
    result = zr(*HEARING)
    assert result.code == 70
    assert "已写入的数据没有改动" not in result.err
    assert "出错之前已经完成并保存：已记录 2026-0002" in result.err
    assert ledger(small_unit).read_text(encoding="utf-8").count("\n[[entry]]") == 2


# 6. repeated options, one person twice, voided problems, control characters --

def test_repeated_list_options_keep_every_value(zr, small_unit):
    result = zr("log", "talk", "--type", "谈心谈话", "--by", "王书记", "--with", "赵科长", "--with", "钱科长",
                "--date", "3月5日")
    assert result.code == 0, result.err
    assert "赵科长" in result.out and "钱科长" in result.out
    result = zr("log", "meeting", "--type", "专题会议", "--by", "王书记", "--by", "李娜", "--date", "3月6日")
    assert result.code == 0 and "王书记" in result.out and "李娜" in result.out
    result = zr("log", "talk", "--type", "谈心谈话", "--by", "王书记", "--with", "王书记", "--date", "3月5日")
    assert result.code == 1 and "同时写在 --by 和 --with 中" in result.err
    result = zr("log", "talk", "--type", "谈心谈话", "--by", "王书记", "--with", "赵科长",
                "--date", "3月5日", "--date", "3月6日")
    assert result.code == 2 and "--date 只能写一次" in result.err
    assert ledger(small_unit).read_text(encoding="utf-8").count("\n[[entry]]") == 2


def test_a_voided_record_no_longer_fails_check(zr, small_unit):
    zr(*HEARING)
    with ledger(small_unit).open("a", encoding="utf-8") as handle:
        handle.write('\n[[entry]]\nid = "2026-0002"\ndate = 2026-03-01\nkind = "hearing"\nby = ["P999"]\n')
    check = zr("check")
    assert check.code == 1 and "人员 P999 不存在" in check.out
    assert zr("log", "void", "2026-0002", "--reason", "手工记错").code == 0
    assert zr("check").code == 0


def test_control_characters_are_flagged_shown_escaped_and_never_break_documents(zr, small_unit):
    zr(*HEARING)
    with ledger(small_unit).open("a", encoding="utf-8") as handle:
        handle.write('\n[[entry]]\nid = "2026-0002"\ndate = 2026-03-06\nkind = "hearing"\nby = ["P004"]\n'
                     'departments = ["D03"]\ntopic = "汇报\\u001b[31m红字\\u2028第二行\\u0007"\n')
    check = zr("check")
    assert check.code == 1
    assert "ledger/2026.toml:" in check.out and "U+001B" in check.out and "U+2028" in check.out
    listing = zr("log", "list")
    assert "\x1b" not in listing.out and "\u2028" not in listing.out and "\x07" not in listing.out
    assert "\\u001b" in listing.out
    assert zr("report", "--member", "李娜", "-o", "李娜.docx").code == 0
    # a value typed with a line break stays one value: never a heading of its own
    result = zr("log", "hearing", "--by", "李娜", "--dept", "业务科", "--date", "3月7日",
                "--topic", "汇报\n=h1 假标题|多一列")
    assert result.code == 0
    assert zr("report", "--member", "李娜", "-o", "李娜2.docx").code == 0
    document = Document(str(small_unit / "李娜2.docx"))
    assert not any("假标题" in p.text for p in document.paragraphs)
    assert "汇报 =h1 假标题｜多一列" in all_text(document)


# 7. backups and leftovers ---------------------------------------------------

def test_catalog_reset_keeps_every_backup(zr, small_unit):
    zr("catalog", "reset")
    path = small_unit / "catalog.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# 第一次修改\n", encoding="utf-8")
    assert zr("catalog", "reset", "--force").code == 0
    path.write_text(path.read_text(encoding="utf-8") + "\n# 第二次修改\n", encoding="utf-8")
    assert zr("catalog", "reset", "--force").code == 0
    assert "# 第一次修改" in (small_unit / "catalog.toml.1.bak").read_text(encoding="utf-8")
    assert "# 第二次修改" in (small_unit / "catalog.toml.2.bak").read_text(encoding="utf-8")


def test_leftover_temp_files_are_cleaned_up(zr, small_unit):
    fresh = small_unit / ".zr.toml.zr-abc123.tmp"
    fresh.write_text("一份含个人信息的副本", encoding="utf-8")
    assert zr("org", "add-dept", "新科室").code == 0  # holds the lock: any leftover is a crash's
    assert not fresh.exists()
    old = small_unit / "out" / ".报告.docx.zr-xyz.tmp"
    old.write_bytes(b"PK")
    young = small_unit / "out" / ".另一个.docx.zr-xyz.tmp"
    young.write_bytes(b"PK")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    assert zr("status").code == 0
    assert not old.exists() and young.exists()  # a young one may be another zr's, still writing


def test_the_users_own_temp_files_are_never_swept(zr, small_unit):
    """[1/5] 20: only temporary files zr itself names are removed."""
    own = [small_unit / "ledger" / ".手工备份.tmp", small_unit / "out" / ".draft.tmp", small_unit / ".笔记.tmp"]
    hour_ago = time.time() - 3600
    for path in own:
        path.write_text("我自己的文件", encoding="utf-8")
        os.utime(path, (hour_ago, hour_ago))
    assert zr("org", "add-dept", "新科室").code == 0
    assert zr("log", "talk", "--type", "廉政谈话", "--by", "王书记", "--with", "李娜", "--date", "2026-03-02").code == 0
    assert zr("status").code == 0
    assert all(path.read_text(encoding="utf-8") == "我自己的文件" for path in own)


# 9. templates ---------------------------------------------------------------

def test_template_links_out_of_templates_are_refused(zr, small_unit):
    (small_unit / "templates" / "pledge.j2").symlink_to("/etc/passwd")
    result = zr("docs", "pledge", "--member", "李娜")
    assert result.code == 1
    assert "templates/pledge.j2 是指向工作区 templates/ 以外的链接" in result.err
    assert "root:" not in result.out + result.err


@pytest.mark.parametrize("body", [
    "{% for i in range(10**9) %}x{% endfor %}",
    '{{ "x" * 10**9 }}',
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}",
    '{{ "a"|center(1000000000) }}',
])
def test_template_blowups_are_template_errors(zr, small_unit, body):
    (small_unit / "templates" / "pledge.j2").write_text(f"=title 承诺书\n{body}\n", encoding="utf-8")
    started = time.monotonic()
    result = zr("docs", "pledge", "--member", "李娜")
    assert time.monotonic() - started < 15
    assert result.code == 1
    assert result.err.startswith("错误：模板 templates/pledge.j2（本单位） 第 2 行")
    assert "内部错误" not in result.err


# 10. counts in messages -----------------------------------------------------

def test_counts_are_of_records_and_problems(zr, small_unit):
    zr(*HEARING)
    with ledger(small_unit).open("a", encoding="utf-8") as handle:  # one record, three problems
        handle.write('\n[[entry]]\nid = "2026-0002"\ndate = "三月"\nkind = "谈天"\nby = 5\n')
    status = zr("status")
    assert "台账中有 1 条记录无法读取" in status.err
    text = ledger(small_unit).read_text(encoding="utf-8")
    ledger(small_unit).write_text(text.replace('date = "三月"', "date = 三月"), encoding="utf-8")
    check = zr("check")
    assert check.code == 1
    assert "发现 1 处问题" in check.err


def test_crlf_ledgers_and_errors_at_the_end_have_their_lines(zr, small_unit):
    zr(*HEARING)
    path = ledger(small_unit)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n[[entry]]\nid = "2026-0002"\ndate = 2026-03-01\nkind = "hearing"\nby = ["P999"]\n')
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    lines = path.read_bytes().decode("utf-8").split("\n")
    second = [i + 1 for i, line in enumerate(lines) if line.startswith("[[entry]]")][1]
    assert f"ledger/2026.toml:{second}: 2026-0002: 人员 P999 不存在" in zr("check").out
    path.write_bytes(path.read_bytes() + b'[[entry]]\r\nby = ["P001"\r\n')
    result = zr("check")  # an error at the very end of the file names the last line
    assert f"ledger/2026.toml:{len(lines) + 1}" in result.out, result.out
    path.write_bytes(path.read_bytes().removesuffix(b"\r\n"))
    result = zr("check")  # and cut off mid-line, it is a torn write after the last whole record
    assert f"ledger/2026.toml:{len(lines) - 1} 之后有不完整的内容" in result.out, result.out
