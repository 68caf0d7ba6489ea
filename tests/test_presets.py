"""The bundled presets: each loads, and each duty cites an article that exists."""

import re
from pathlib import Path

import pytest

from zerenqingdan.policy.catalog import load_preset
from zerenqingdan.policy.presets import preset_names

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
CN = "一二三四五六七八九十"
# labels used in citations for a document bound inside another seed
LABELS = {"纪委意见": "纪委监督责任的实施意见"}
PRESETS = ["default", "renfang", "guangzhou", "city", "procuratorate", "finance"]


def test_all_six_presets_are_bundled():
    assert preset_names() == sorted(PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_preset_loads_with_ten_items_and_four_ones(name):
    catalog = load_preset(name)
    assert catalog.name == name
    secretary = catalog.for_holder("secretary")
    items = {d.item for d in secretary}
    assert items == set(range(1, 11)), f"十项清单中缺少事项：{set(range(1, 11)) - items}"
    # every action is measurable: a quota, or "each time it happens" with a note saying when
    assert all(d.count > 0 or d.note for d in secretary)
    # and all but item 7 (per appointment) carry a yearly, half-yearly or quarterly quota
    assert {d.item for d in secretary if d.count > 0} == set(range(1, 11)) - {7}
    leader = {(d.event, d.scope, d.period) for d in catalog.for_holder("leader")}
    assert {("hearing", "overseen_departments", "quarter"), ("talk", "overseen_heads", "quarter"),
            ("talk", "overseen_people", "year"), ("lecture", "self", "year")} <= leader


def _patterns(part: str):
    """Turn '第十一条6' or '二5(1)' or '§4(10)' into ordered regexes to find in the text."""
    tokens = re.findall(r"§\d+|第[一二三四五六七八九十]+条|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+|\d+|[^\s§\d（()）一二三四五六七八九十]+", part)
    out = []
    for token in tokens:
        if token.startswith("§"):
            out.append(rf"(?m)^\s*{token[1:]}[.．、]")
        elif token.startswith("第"):
            out.append(re.escape(token))
        elif token[0] in "（(":
            out.append(rf"[（(]{re.escape(token[1:-1])}[)）]")
        elif token[0] in CN:
            out.append(rf"(?m)^\s*{token}、")
        elif token.isdigit():
            out.append(rf"(?m)^\s*{token}[、.．]|[（(]{token}[)）]")
        else:
            out.append(re.escape(LABELS.get(token, token)))  # a label: must appear too
    return out


def citation_problems(citation: str) -> list[str]:
    problems = []
    for ref in re.split(r"[；;]", citation):
        ref = ref.strip()
        match = re.match(r"^(\d{3})\s+(.+)$", ref)
        if not match:
            problems.append(f"无法解析的依据“{ref}”")
            continue
        text = (SEEDS / f"{match.group(1)}.txt").read_text(encoding="utf-8")
        position = 0
        for pattern in _patterns(match.group(2)):
            found = re.compile(pattern).search(text, position)
            if not found:
                problems.append(f"{ref}：在 {match.group(1)}.txt 中找不到“{pattern}”")
                break
            position = found.end()
    return problems


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds 不在仓库旁边")
@pytest.mark.parametrize("name", PRESETS)
def test_every_duty_cites_an_existing_article(name):
    catalog = load_preset(name)
    problems = [f"{d.id}: {p}" for d in catalog.duties for p in citation_problems(d.source)]
    assert problems == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds 不在仓库旁边")
def test_citation_check_can_fail():
    assert citation_problems("003 第十一条6") == []
    assert citation_problems("003 第三十条1") != []
    assert citation_problems("002 §99") != []
    assert citation_problems("000 九(一)") != []
