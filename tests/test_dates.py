import datetime as dt

import pytest

from zerenqingdan import dates
from zerenqingdan.errors import InputError


@pytest.mark.parametrize("text", ["2026-03-05", "2026/3/5", "2026年3月5日", "2026.3.5", "20260305", " 3月5日 ", "3-5"])
def test_accepted_forms(text):
    assert dates.parse_date(text, year=2026) == dt.date(2026, 3, 5)


def test_relative_days(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: dt.date(2026, 3, 1))
    assert dates.parse_date("昨天") == dt.date(2026, 2, 28)
    assert dates.parse_date("今天") == dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2026-13-01", "日期“2026-13-01”无效：月份应为 1 至 12"),
        ("2026-02-30", "日期“2026-02-30”无效：2026年2月没有30日"),
        ("下周一", "日期“下周一”无法识别（可写作 2026-03-05、2026/3/5、2026年3月5日、3月5日、3月5号、三月五日、今天、昨天）"),
    ],
)
def test_rejected_forms(text, message):
    with pytest.raises(InputError) as info:
        dates.parse_date(text, year=2026)
    assert info.value.message == message


def test_official_date_format():
    assert dates.cn_date(dt.date(2026, 1, 20)) == "2026年1月20日"
