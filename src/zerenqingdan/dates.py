"""Reading the dates a clerk types, and writing dates the official way."""

from __future__ import annotations

import datetime as dt
import re

from zerenqingdan.errors import InputError

_FULL = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?\s*$")
# 二〇二六年三月五日, 三月五号, 十二月三十一日: written out in Chinese numerals
_CN_DIGITS = "〇一二三四五六七八九"
_CN_NUMBER = "[〇零一二三四五六七八九十廿卅两]+"
_CN_DATE = re.compile(rf"^\s*(?:([〇零一二三四五六七八九]{{4}}|\d{{4}})\s*年)?\s*({_CN_NUMBER}|\d{{1,2}})\s*月"
                      rf"\s*({_CN_NUMBER}|\d{{1,2}})\s*[日号]\s*$")
_RELATIVE = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2}

FORMATS_HINT = "可写作 2026-03-05、2026/3/5、2026年3月5日、3月5日、3月5号、三月五日、今天、昨天"


def _cn_int(text: str) -> int | None:
    """1 to 31 written in digits or Chinese numerals (五, 十二, 二十一, 廿一, 三十); None otherwise."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十").replace("两", "二").replace("零", "〇")
    digits = "〇一二三四五六七八九"
    if "十" not in text:
        return digits.index(text) if len(text) == 1 and text in digits else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in digits) or (ones and ones not in digits):
        return None
    value = (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return value or None


def today() -> dt.date:
    return dt.date.today()


def parse_date(text: str, *, year: int | None = None, what: str = "日期") -> dt.date:
    """Parse a date as a clerk types it; ``year`` fills in ``3月5日``."""
    raw = str(text).strip()
    if not raw:
        raise InputError(f"{what} 不能为空" + ("（不写 --date 就是今天）" if what == "--date" else ""))
    if raw in _RELATIVE:
        return today() + dt.timedelta(days=_RELATIVE[raw])
    match = _FULL.match(raw) or _COMPACT.match(raw)
    written = None if match else _CN_DATE.match(raw)
    if match:
        y, m, d = (int(g) for g in match.groups())
    elif written:
        y_text, m_text, d_text = written.groups()
        m, d = _cn_int(m_text), _cn_int(d_text)
        if m is None or d is None:
            raise InputError(f"{what}“{raw}”无法识别（{FORMATS_HINT}）")
        if y_text is None:
            y = year if year is not None else today().year
        else:
            y = int(y_text) if y_text.isdigit() else int("".join(str(_CN_DIGITS.index(c.replace("零", "〇")))
                                                                  for c in y_text))
    else:
        match = _MONTH_DAY.match(raw)
        if not match:
            raise InputError(f"{what}“{raw}”无法识别（{FORMATS_HINT}）")
        if year is None:
            year = today().year
        y, (m, d) = year, (int(g) for g in match.groups())
    if not 1 <= m <= 12:
        raise InputError(f"{what}“{raw}”无效：月份应为 1 至 12")
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise InputError(f"{what}“{raw}”无效：{y}年{m}月没有{d}日") from None


def parse_year(text, option: str = "--year") -> int:
    """A typed four-digit year (2026 or 2026年), 2000 to 2100."""
    try:
        year = int(str(text).strip().removesuffix("年"))
    except ValueError:
        raise InputError(f"{option} 应为四位年份，如 2026，现在是“{text}”") from None
    if not 2000 <= year <= 2100:
        raise InputError(f"{option} 应为 2000 到 2100 之间的年份，如 2026，现在是“{text}”")
    return year


def cn_date(day: dt.date) -> str:
    """2026年1月20日 — Arabic numerals, no leading zeros (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def short_cn_date(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_name(label: str) -> str:
    """A period as people say it: 2026 全年, 2026H1 上半年, 2026Q3 第三季度, a trigger's day 10月7日."""
    if len(label) == 10 and label[4] == "-":  # a triggered duty: the day of its trigger
        return f"{int(label[5:7])}月{int(label[8:])}日"
    tail = label[4:]
    if not tail:
        return "全年"
    if tail.startswith("H"):
        return "上半年" if tail == "H1" else "下半年"
    return "第" + "一二三四五六七八九十"[int(tail[1:]) - 1] + "季度"
