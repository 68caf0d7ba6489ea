"""Each preset holds exactly the measurable rules its own document states
(the tables beside this file, written from reading each seed), and every
article a preset cites is found in that document's text."""

from __future__ import annotations

import importlib
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.fidelity.rules import Letter, Pledge, rule_of
from zerenqingdan.policy.catalog import load_preset

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
PRESETS = {"renfang": "000", "guangzhou": "001", "city": "002", "procuratorate": "003", "finance": "004",
           "default": "002"}
CN = "一二三四五六七八九十"
# a document bound inside another seed starts at its own title line
LABELS = {"纪委意见": r"^关于落实党风廉政建设责任制纪委监督责任的实施意见\s*$"}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds 不在仓库旁边")


def table(name: str):
    return importlib.import_module(f"tests.fidelity.table_{name}")


@pytest.mark.parametrize("name", PRESETS)
def test_preset_holds_exactly_the_documents_rules(name):
    catalog = load_preset(name)
    held = Counter(rule_of(d) for d in catalog.duties)
    stated = Counter(table(name).RULES)
    assert not stated - held, f"文件规定而预设没有：{sorted(stated - held)}"
    assert not held - stated, f"预设有而文件没有规定：{sorted(held - stated)}"


@pytest.mark.parametrize("name", PRESETS)
def test_letters_and_pledges_are_the_documents(name):
    catalog = load_preset(name)
    letters = [Letter(r.party_a, r.party_b, r.source) for r in catalog.letters or ()]
    pledges = [Pledge(r.type, r.signers, r.countersign, r.source) for r in catalog.pledges or ()]
    assert sorted(letters) == sorted(table(name).LETTERS)
    assert sorted(pledges) == sorted(table(name).PLEDGES)
    assert catalog.letters is not None and catalog.pledges is not None  # never the legacy built-in chain


@pytest.mark.parametrize("name", PRESETS)
def test_every_citation_is_the_presets_own_document(name):
    catalog = load_preset(name)
    sources = [d.source for d in catalog.duties] + [r.source for r in (*catalog.letters, *catalog.pledges)]
    for source in sources:
        for ref in re.split(r"[；;]", source):
            assert ref.strip().startswith(PRESETS[name] + " "), f"{name} 引用了别的文件：{source}"
    assert catalog.source == PRESETS[name]


@pytest.mark.parametrize("name", PRESETS)
def test_citations_print_as_people_read_them(name):
    catalog = load_preset(name)
    assert catalog.document.startswith("《") and catalog.short_title.startswith("《")
    for duty in catalog.duties:
        text = catalog.cite(duty.source)
        assert text.startswith("《"), text
        assert "§" not in text and not re.search(r"\b00\d\b", text), text


def test_readable_citations():
    city, procuratorate, guangzhou = load_preset("city"), load_preset("procuratorate"), load_preset("guangzhou")
    assert city.cite("002 §12") == "《实施意见》第十二条"
    assert city.cite("002 §4(10)") == "《实施意见》第四条（10）"
    assert procuratorate.cite("003 第十一条6") == "《实施办法》第十一条第6项"
    assert guangzhou.cite("001 纪委意见三(一)；001 四(二)") == "《纪委监督责任实施意见》三（一）；《主体责任实施意见》四（二）"


# ---------------------------------------------------------------------------
# finding an article in the seed's text: each part inside the one before it

def _tokens(path: str) -> list[str]:
    return re.findall(rf"§\d+|第[{CN}]+条|[（(][{CN}\d]+[)）]|[{CN}]+|\d+|[^\s§\d（()）{CN}]+", path)


def _unit(token: str) -> tuple[str, str]:
    """The token's own pattern and the pattern of the next unit of its level."""
    if token.startswith("§"):
        n = int(token[1:])
        return rf"^\s*{n}[.．]", rf"^\s*{n + 1}[.．]"
    if token.startswith("第"):
        return re.escape(token), rf"^\s*第[{CN}]+条"
    if token[0] in "（(":
        inner = token[1:-1]
        kind = r"\d+" if inner.isdigit() else f"[{CN}]+"
        return rf"^\s*[（(]{re.escape(inner)}[)）]", rf"^\s*[（(]{kind}[)）]"
    if token[0] in CN:
        return rf"^\s*{token}、", rf"^\s*[{CN}]+、"
    if token.isdigit():
        return rf"^\s*{token}[、.．]", rf"^\s*\d+[、.．]"
    if token == "末段":  # the unnumbered closing paragraph after the last article
        return r"^[^\d\s（(第一二三四五六七八九十][^\n]*$(?![\s\S]*^\s*\d+[.．])", NEVER
    return LABELS.get(token, re.escape(token)), NEVER


NEVER = r"(?!)"


def article_found(text: str, path: str) -> bool:
    lo, hi = 0, len(text)
    for token in _tokens(path):
        own, sibling = _unit(token)
        match = re.compile(own, re.M).search(text, lo, hi)
        if not match:
            return False
        lo = match.end()
        nxt = re.compile(sibling, re.M).search(text, lo, hi)
        hi = nxt.start() if nxt else hi
    return True


def citation_problems(citation: str) -> list[str]:
    problems = []
    for ref in re.split(r"[；;]", citation):
        code, _, path = ref.strip().partition(" ")
        seed = SEEDS / f"{code}.txt"
        if not seed.is_file() or not path:
            problems.append(f"无法解析的依据“{ref}”")
        elif not article_found(seed.read_text(encoding="utf-8"), path):
            problems.append(f"{ref}：在 {code}.txt 中找不到")
    return problems


@needs_seeds
@pytest.mark.parametrize("name", PRESETS)
def test_every_cited_article_exists_in_its_seed(name):
    catalog = load_preset(name)
    sources = [(d.id, d.source) for d in catalog.duties]
    sources += [(r.id, r.source) for r in catalog.letters] + [(r.type, r.source) for r in catalog.pledges]
    assert [f"{what}: {p}" for what, source in sources for p in citation_problems(source)] == []


@needs_seeds
def test_the_article_locator_can_fail():
    assert citation_problems("003 第十一条6") == []
    assert citation_problems("000 二(一)5(1)") == []
    assert citation_problems("001 纪委意见三(二)") == []
    assert citation_problems("002 §4(10)") == []
    assert citation_problems("003 第三十条1") != []
    assert citation_problems("002 §99") != []
    assert citation_problems("000 九(一)") != []
    assert citation_problems("000 二(一)9") != []  # 二(一) has items 1–7 only
    assert citation_problems("002 §4(11)") != []  # §4 ends at (10)
    assert citation_problems("001 纪委意见四(一)") != []  # the 纪委 opinion has three parts
    assert citation_problems("004 七(十一)") != []
