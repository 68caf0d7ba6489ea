"""What the office adds to a year's reports and the ledger cannot know:
发文字号, 签发人, 抄送, its own sentence of 成效 for each item, and (for the
纪检机构's report) the 信访/问题线索 paragraph. Kept in ``report-YEAR.toml``
beside zr.toml, written by hand (``zr report --notes`` starts one); zr only
reads it. Nothing in it is ever made up by zr: what is not written is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from zerenqingdan.errors import ConfigError
from zerenqingdan.storage import display_path, parse_toml, read_text

SECTIONS = ("report", "supervision")
KEYS = {
    "number": "发文字号",
    "signer": "签发人",
    "cc": "抄送",
    "issued_by": "印发机关",
    "effects": "各项成效",
    "effect": "成效",
    "petitions": "信访举报、问题线索、执纪审查和问责情况",
}


@dataclass(frozen=True)
class ReportNotes:
    number: str = ""
    signer: str = ""
    cc: tuple[str, ...] = ()
    issued_by: str = ""
    effects: dict[str, str] = field(default_factory=dict)  # item number or title -> sentence
    effect: str = ""
    petitions: str = ""
    path: Path | None = field(default=None, compare=False)  # where it was read, for messages

    def with_options(self, number: str | None, signer: str | None, cc: str | None) -> "ReportNotes":
        """Options given on the command line win over the file, for this run."""
        changes = {}
        if number is not None:
            changes["number"] = number.strip()
        if signer is not None:
            changes["signer"] = signer.strip()
        if cc is not None:
            changes["cc"] = tuple(n.strip() for n in re.split(r"[,，、;；]", cc) if n.strip())
        return replace(self, **changes)

    def effect_of(self, number: int, title: str) -> str:
        return self.effects.get(str(number)) or self.effects.get(title, "")

    def check_effects(self, items: dict[str, str]) -> None:
        """Every 成效 names an item of the report (number -> title)."""
        for key in self.effects:
            if key not in items and key not in items.values():
                text = read_text(self.path) if self.path else ""
                line = _line_of(text, "report", key)
                where = display_path(self.path) if self.path else "report"
                raise ConfigError(f"{where}:{line}: 成效的键 {key} 不是本年度报告的事项" if line else
                                  f"{where}: 成效的键 {key} 不是本年度报告的事项",
                                  ["可用的序号和名称：" + "；".join(f"{n} = {t}" for n, t in items.items())])


def notes_path(root: Path, year: int) -> Path:
    return root / f"report-{year}.toml"


def _line_of(text: str, section: str, key: str | None = None) -> int | None:
    """The line of ``[section]`` (or of ``key`` inside it), for messages."""
    lines = text.split("\n")
    inside = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        header = re.match(r"\[+\s*([^\]]+?)\s*\]", stripped)
        if header:
            inside = header.group(1).split(".")[0].strip().strip("'\"") == section
            if inside and key is None:
                return number
            continue
        if inside and key is not None and re.match(rf"['\"]?{re.escape(key)}['\"]?\s*=", stripped):
            return number
    return None


def load_notes(path: Path, section: str) -> ReportNotes:
    """Read the ``[section]`` of ``path`` (no file: no notes)."""
    if not path.is_file():
        return ReportNotes()
    text = read_text(path)
    data = parse_toml(text, path)
    where = display_path(path)

    def fail(message: str, key: str | None = None, details: list[str] = ()):
        line = _line_of(text, section, key)
        raise ConfigError(f"{where}:{line}: {message}" if line else f"{where}: {message}", list(details))

    for name in data:
        if name not in SECTIONS:
            raise ConfigError(f"{where}: 不认识的表 [{name}]", [f"可用：{'、'.join(f'[{s}]' for s in SECTIONS)}"])
    table = data.get(section, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: {section} 应是一个表（[{section}]）")
    values: dict = {}
    allowed = [k for k in KEYS if k not in (("effect", "petitions") if section == "report" else ("effects",))]
    for key, value in table.items():
        if key not in allowed:
            fail(f"[{section}] 中不认识的键 {key}", key, [f"可用：{'、'.join(f'{k}（{KEYS[k]}）' for k in allowed)}"])
        if key == "cc":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                fail("cc（抄送）应写成 [\"单位一\", \"单位二\"]", key)
            values[key] = tuple(v.strip() for v in value if v.strip())
        elif key == "effects":
            if not isinstance(value, dict):
                fail("effects（各项成效）应是一个表：[" + section + ".effects]，每行 序号 = \"一句话\"", key)
            effects = {}
            for item, sentence in value.items():
                if not isinstance(sentence, str):
                    fail(f"成效 {item} 应是一句话（加引号）", item)
                if sentence.strip():
                    effects[item] = sentence.strip()
            values[key] = effects
        else:
            if not isinstance(value, str):
                fail(f"{key}（{KEYS[key]}）应是文字（加引号）", key)
            values[key] = value.strip()
    return ReportNotes(**values, path=path)


def notes_stub(year: int, items: dict[str, str], unit: str) -> str:
    """A ``report-YEAR.toml`` to fill in: every key present, every value empty."""
    effects = "\n".join(f'# {number} = ""  # {title}' for number, title in items.items())
    return f"""# {unit} {year} 年度报告的补充内容：台账记不到、只有本单位能写的部分。
# zr report 读取本文件；没有填写的项，报告中就不出现（zr 不代填）。
# 命令行的 --number、--signer、--cc 可临时覆盖这里的值。

[report]  # 履行主体责任情况的报告
number = ""       # 发文字号，如 "某党发〔{year}〕12号"
signer = ""       # 签发人（上行文），如 "王建国"
cc = []           # 抄送，如 ["中共某市纪委第三纪检监察室"]
issued_by = ""    # 印发机关，如 "中共某局党组办公室"（写了才印“印发”一行）

[report.effects]  # 各项成效：本单位自己的一句话，原样接在该项工作之后；键为事项序号或名称
{effects}

[supervision]     # 履行监督责任情况的报告（zr report --supervision）
number = ""
signer = ""
cc = []
issued_by = ""
effect = ""       # 成效，接在主要工作之后
petitions = ""    # 受理信访举报、处置问题线索、执纪审查和问责情况（台账不记录，留空则报告中保留填写提示）
"""
