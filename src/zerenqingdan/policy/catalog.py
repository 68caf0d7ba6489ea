"""The duty catalog (责任清单目录): what each holder must do, as data.

A bundled preset may build on another (``base``), replacing duties by id and
dropping some; ``zr init`` writes the merged, complete catalog into the
workspace as ``catalog.toml`` so a unit can edit its own copy. The loader
checks a catalog and reports every problem with file, line and key path.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from pathlib import Path

from zerenqingdan import glossary
from zerenqingdan.errors import ConfigError
from zerenqingdan.storage import Source, display_path, load_toml, parse_toml, table_lines

HOLDERS = {"secretary": "书记", "party": "领导班子（集体）", "leader": "班子成员", "head": "科室负责人",
           "discipline": "纪检负责人", "function": "职能部门"}
EVENTS = glossary.EVENT_KINDS
PERIODS = {"year": "每年", "half": "每半年", "quarter": "每季度"}
SCOPES = {
    "self": "本人",
    "overseen_departments": "每个分管科室",
    "overseen_heads": "每个分管科室负责人",
    "overseen_people": "分管科室每个人",
    "leaders": "每名班子成员",
    "heads": "每名科室负责人",
    "leaders_and_heads": "每名班子成员和科室负责人",
    "own_people": "本科室每个人",
    "discipline_head": "纪检负责人",
    "trigger_people": "触发记录中的每个人",
}
# built-in recipients of a report: unit settings and the unit's own bodies
BUILTIN_RECIPIENTS = ("上级党委", "上级纪委", "党组", "纪检组")
LETTER_PARTIES_A = {"secretary": "书记", "overseer": "分管领导", "bodies": "党组织和纪检机构"}
LETTER_PARTIES_B = {"leaders": "每名班子成员", "overseen_heads": "所分管科室负责人", "heads": "每个科室（单位）负责人"}
PLEDGE_SIGNERS = {"secretary": "书记", "leaders": "书记和班子成员", "heads": "科室负责人", "staff": "工作人员",
                  "heads_and_staff": "科室负责人和工作人员"}
PLEDGE_COUNTERSIGN = {"head": "本科室负责人", "overseer": "分管领导"}
PARTICIPATION = ("by", "any")
# the words a document uses for "regularly" without a number (frequency may also hold its verb)
TIME_WORDS = ("定期", "适时", "及时", "经常", "不定期", "定期不定期", "定期或不定期", "经常性")
PLEDGE_TYPES = ("廉洁从政", "公开", "廉洁从业", "廉洁从检")
_DEADLINE = re.compile(r"^(\d{2})-(\d{2})$")
# the tables a catalog file may hold
_TOP_KEYS = {"preset", "items", "types", "default_types", "recipients", "duty", "letter", "pledge", "when",
             "org_rule"}
_ORG_RULE_KEYS = {"name", "holders", "flags", "business", "titles", "source"}
ORG_RULE_HOLDERS = {"secretary": "书记", "principal": "行政主要负责人", "discipline": "纪检负责人"}
_DUTY_KEYS = {
    "id", "holder", "function", "item", "title", "event", "type", "count", "frequency", "period", "scope",
    "deadline", "when", "due_next_year", "participation", "recipients", "separately", "audience",
    "trigger", "reminder", "source", "note", "year_report",
}
_TRIGGER_KEYS = {"event", "type", "within_days", "before"}
_LETTER_KEYS = {"id", "party_a", "party_b", "copies", "source", "title"}
_PLEDGE_KEYS = {"type", "signers", "countersign", "copies", "source"}
_PRESET_KEYS = {
    "name", "aliases", "title", "source", "document", "short_title", "labels", "party_body", "discipline_body",
    "discipline_stationed", "demo_superior", "demo_superior_discipline", "leader_pledge", "staff_pledge",
    "base", "drop",
}


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_month_day(month: int, day: int) -> bool:
    """A month-day that exists in every year (02-29 does not)."""
    return 1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month - 1]


class Trigger(NamedTuple):
    """The event whose every record creates an obligation of the duty."""

    event: str
    type: str | None = None
    within_days: int | None = None  # due N days after it; None: no limit given
    before: bool = False  # required on or before the triggering day

    def describe(self) -> str:
        what = self.type or EVENTS[self.event]
        if self.before:
            return f"每次{what}之前" + (f"{self.within_days}日内" if self.within_days is not None else "")
        if self.within_days is not None:
            return f"每次{what}后{self.within_days}日内"
        return f"每次{what}后"


class Duty(NamedTuple):
    id: str
    holder: str
    title: str
    event: str
    type: str | None
    count: int | None  # None: the document gives no number (frequency), 本单位自定
    period: str
    scope: str
    source: str
    item: int | None = None
    deadline: tuple[int, int] | None = None  # (month, day)
    participation: str = "by"
    note: str = ""
    origin: Source | None = None
    function: str | None = None  # holder "function": the department flag
    frequency: str = ""  # 定期 / 适时 / 及时, when the document gives no number
    when: str = ""  # the time in words (年初, 年底)
    due_next_year: bool = False  # a report on this year, due next year
    recipients: tuple[str, ...] = ()
    separately: bool = False
    audience: str = ""
    trigger: Trigger | None = None
    reminder: str = ""
    recipient_names: tuple[str, ...] = ()  # built-in keys as they are, the catalog's own as full names
    year_report: bool = False  # this duty is the unit's report on the year (主体责任 or 监督责任)
    deadline_read: bool = False  # the deadline is zr's stated reading of ``when`` (年初 → 03-31), not the document's

    @property
    def covers(self) -> bool:
        """True when the duty must reach each of several people or departments."""
        return self.scope != "self"

    @property
    def unit_defined(self) -> bool:
        """No number (or no date, nor a reading of its words) in the document:
        the unit decides; never overdue."""
        return self.count is None or (self.due_next_year and self.deadline is None)

    @property
    def as_needed(self) -> bool:
        return self.count == 0 and self.trigger is None

    def when_text(self) -> str:
        """When it is due, as a signed document says it: the document's own
        words (年初), or the date the document or the unit set."""
        if self.deadline and not self.deadline_read:
            text = f"{self.deadline[0]}月{self.deadline[1]}日前"
            return ("次年" + text) if self.due_next_year else text
        return ("次年" if self.due_next_year and self.when else "") + self.when

    def title_for(self, party_body: str, discipline_body: str) -> str:
        """The title with {党组}/{纪检组} replaced by the unit's own bodies."""
        return self.title.replace("{党组}", party_body).replace("{纪检组}", discipline_body)

    def quota_text(self) -> str:
        what = self.type or EVENTS[self.event]
        scope = "" if self.scope in ("self", "trigger_people") else f"（{SCOPES[self.scope]}）"
        if self.trigger is not None:
            people = "（每名相关人员）" if self.scope == "trigger_people" else ""
            return f"{self.trigger.describe()}{people}"
        if self.count is None:  # the document's word for how often, where it has one
            said = f"“{self.frequency}”，" if self.frequency in TIME_WORDS else ""
            return f"{said}次数由本单位确定{scope}"
        if self.count == 0:
            return f"{what}：按实际发生"
        return f"{PERIODS[self.period]}至少{self.count}次{scope}"

    def deadline_text(self) -> str:
        """When it is due, in words: 1月31日前, 次年1月31日前, 年初."""
        if self.trigger is not None:
            return ""
        if self.deadline and self.deadline_read:  # the words, and how zr reads them
            return (f"{'次年' if self.due_next_year else ''}{self.when}"
                    f"（按{self.deadline[0]}月{self.deadline[1]}日计，可在 catalog.toml 中改）")
        if self.deadline:
            text = f"{self.deadline[0]}月{self.deadline[1]}日前"
            return ("次年" + text) if self.due_next_year else text
        if self.when:
            return ("次年" if self.due_next_year else "") + self.when
        return ""


class OrgRule(NamedTuple):
    """Who must not directly oversee what, as the regime's own document says
    (004 三(六) 五个不直接分管; 001 三(三) 党政主要领导; 000 二(一)7(2) the
    纪检组长 oversees no business)."""

    name: str  # 五个不直接分管
    holders: tuple[str, ...]  # secretary, principal (the administrative head, by title), discipline
    source: str
    flags: tuple[str, ...] = ()  # departments with any of these flags
    business: bool = False  # any department not flagged 纪检
    titles: tuple[str, ...] = ()  # how the principal's title reads (局长, 主任…; 副… is not)


class LetterRule(NamedTuple):
    """Who signs a 责任书 with whom (a link of the regime's chain)."""

    id: str
    party_a: str  # secretary, overseer, bodies
    party_b: str  # leaders, overseen_heads, heads
    source: str
    copies: str = "一式两份，双方各执一份"


class PledgeRule(NamedTuple):
    """Who signs which 承诺书, and who signs with them."""

    type: str
    signers: str  # secretary, leaders, heads, staff, heads_and_staff
    source: str
    countersign: str | None = None  # head, overseer
    copies: str = ""


class Catalog(NamedTuple):
    name: str
    title: str
    source: str
    party_body: str
    discipline_body: str
    leader_pledge: str  # legacy: the 承诺书 leaders sign when there is no [[pledge]]
    staff_pledge: str  # and the one heads and staff sign
    items: dict[str, str]
    types: dict[str, tuple[str, ...]]
    duties: tuple[Duty, ...]
    path: Path | None = None
    default_types: dict[str, str] = {}  # the type a record of this kind has when --type is not given
    document: str = ""
    short_title: str = ""
    labels: dict[str, str] = {}
    discipline_stationed: bool = False
    demo_superior: str = ""
    demo_superior_discipline: str = ""
    recipients: dict[str, str] = {}
    letters: tuple[LetterRule, ...] | None = None  # None: a legacy catalog (the built-in chain)
    pledges: tuple[PledgeRule, ...] | None = None
    org_rules: tuple[OrgRule, ...] | None = None  # None: a legacy catalog (the rules it always had)

    def cite(self, source: str) -> str:
        """A citation as people read it: ``002 §12`` → 《实施意见》第十二条."""
        return readable_citation(source, self.short_title, self.labels)

    def duty(self, duty_id: str) -> Duty:
        for duty in self.duties:
            if duty.id == duty_id:
                return duty
        raise KeyError(duty_id)

    def for_holder(self, holder: str) -> list[Duty]:
        return [d for d in self.duties if d.holder == holder]

    def year_report(self, discipline: bool = False) -> Duty | None:
        """The duty that is the unit's report on the year: the 主体责任 report
        (or, with ``discipline``, the 监督责任 one) — marked ``year_report`` in
        the catalog; in a catalog without the mark, the report to the superiors
        with the most recipients."""
        holders = ("discipline",) if discipline else ("party", "secretary")
        first = "上级纪委" if discipline else "上级党委"
        mine = [d for d in self.duties if d.holder in holders and d.event == "report" and d.trigger is None]
        marked = [d for d in mine if d.year_report]
        if marked:
            return marked[0]
        if any(d.year_report for d in self.duties):
            return None
        found = [d for d in mine if first in d.recipients]
        return max(found, key=lambda d: (d.holder == holders[0], len(d.recipients)), default=None)

    def item_title(self, number: int) -> str:
        return self.items.get(str(number), f"第{number}项")


# ---------------------------------------------------------------------------
# bundled presets, merged


def preset_data(name: str, _seen: tuple[str, ...] = ()) -> dict:
    """The preset's data with its base merged in (plain dicts, ready to save)."""
    from zerenqingdan.policy.presets import preset_text

    if name in _seen:
        raise ConfigError(f"预设 {name} 的 base 形成了循环：{' → '.join((*_seen, name))}")
    data = parse_toml(preset_text(name), Path(f"config/presets/{name}.toml"))
    meta = dict(data.get("preset", {}))
    base_name = meta.pop("base", None)
    drop = set(meta.pop("drop", []))
    if not base_name:
        return data
    base = preset_data(base_name, (*_seen, name))
    merged_meta = {**base.get("preset", {}), **meta}
    items = {**base.get("items", {}), **data.get("items", {})}
    types = {**base.get("types", {}), **data.get("types", {})}
    overrides = {d["id"]: d for d in data.get("duty", [])}
    duties = []
    for duty in base.get("duty", []):
        if duty["id"] in drop:
            continue
        duties.append(overrides.pop(duty["id"], duty))
    duties.extend(overrides.values())
    return {"preset": merged_meta, "items": items, "types": types, "duty": duties}


def catalog_text(name: str) -> str:
    """The preset as a complete TOML file for a workspace: its own text, with
    its comments, when it stands alone; merged when it builds on a base."""
    import tomli_w
    from zerenqingdan.policy.presets import preset_text

    text = preset_text(name)
    data = preset_data(name)
    header = (
        f"# 本单位的责任清单目录，复制自预设 {name}（{data['preset'].get('title', '')}）。\n"
        "# 可以按本单位实际修改：增删事项、调整次数和截止日期；文件只说“定期”的事项，定下次数后写上 count。\n"
        "# 写法见 zr catalog show 与 config/catalog-schema.md；修改后运行 zr catalog check 检查。\n\n"
    )
    if "base" not in parse_toml(text, Path(f"config/presets/{name}.toml")).get("preset", {}):
        return header + text
    return header + tomli_w.dumps(data, multiline_strings=False)


def load_preset(name: str) -> Catalog:
    from zerenqingdan.policy.presets import preset_text

    preset_text(name)  # a clear error for an unknown name
    path = Path(f"config/presets/{name}.toml")
    text = catalog_text(name)
    return catalog_from_data(parse_toml(text, path), text, path)


def load_catalog(path: Path, cache_dir: Path | None = None) -> Catalog:
    data, text = load_toml(path, cache_dir)
    return catalog_from_data(data, text, path)


# ---------------------------------------------------------------------------
# validation


def catalog_from_data(data: dict, text: str, path: Path) -> Catalog:
    file = display_path(path)
    problems: list[str] = []

    def problem(source: Source, message: str) -> None:
        problems.append(f"{source.where()}: {source.keypath}: {message}")

    meta = data.get("preset")
    if not isinstance(meta, dict):
        raise ConfigError(f"{file}: 缺少 [preset] 表")
    meta_src = Source(file, _header_line(text, "preset"), "preset")
    for key in meta:
        if key not in _PRESET_KEYS:
            problem(meta_src, f"未知的键“{key}”（可用：{'、'.join(sorted(_PRESET_KEYS))}）")
    for key in ("name", "title", "party_body", "discipline_body"):
        if not isinstance(meta.get(key), str) or not meta.get(key):
            problem(meta_src, f"缺少 {key}")
    for key in ("leader_pledge", "staff_pledge"):
        if key in meta and meta[key] not in PLEDGE_TYPES:
            problem(meta_src, f"{key} = {meta[key]!r} 无效（可用：{'、'.join(PLEDGE_TYPES)}）")
    for key in ("document", "short_title", "demo_superior", "demo_superior_discipline", "source"):
        if key in meta and not isinstance(meta[key], str):
            problem(meta_src, f"{key} 应为字符串")
    labels = meta.get("labels", {})
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        problem(meta_src, "labels 应为 { 标签 = \"《简称》\" } 的表")
        labels = {}
    stationed = _flag(meta, "discipline_stationed", meta_src, problem)
    items = data.get("items", {})
    if not isinstance(items, dict) or not all(isinstance(v, str) for v in items.values()):
        problems.append(f"{file}: items: 应为 \"序号\" = \"名称\" 的表")
        items = {}
    raw_types = data.get("types", {})
    types: dict[str, tuple[str, ...]] = {}
    for kind, names in raw_types.items() if isinstance(raw_types, dict) else ():
        if kind not in EVENTS:
            problems.append(f"{file}: types.{kind}: 未知的事件类别（可用：{'、'.join(EVENTS)}）")
        elif not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(f"{file}: types.{kind}: 应为字符串列表")
        else:
            types[kind] = tuple(names)
    raw_defaults = data.get("default_types", {})
    default_types: dict[str, str] = {}
    for kind, name in raw_defaults.items() if isinstance(raw_defaults, dict) else ():
        if name not in types.get(kind, ()):
            problems.append(f"{file}: default_types.{kind}: “{name}”不在 [types] 的 {kind} 中"
                            f"（可用：{'、'.join(types.get(kind, ())) or '无'}）")
        else:
            default_types[kind] = name
    recipients = data.get("recipients", {})
    if not isinstance(recipients, dict) or not all(isinstance(v, str) and v for v in recipients.values()):
        problems.append(f"{file}: recipients: 应为 名称 = \"全称\" 的表")
        recipients = {}
    known_recipients = (*BUILTIN_RECIPIENTS, *recipients)
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(f"{file}:{_header_line(text, key) or _key_line(text, key) or '?'}: 未知的表或键“{key}”"
                            f"（可用：{'、'.join(sorted(_TOP_KEYS))}）；拼错的表会被整个忽略，请改正")
    readings = dict(time_word_readings())
    own = data.get("when", {})
    if not isinstance(own, dict):
        problems.append(f"{file}: when: 应为 说法 = \"月-日\" 的表，如 年初 = \"03-31\"")
        own = {}
    for word, value in own.items():
        day = _month_day(value)
        if day is None:
            problems.append(f"{file}:{_key_line(text, word) or '?'}: when.{word}：“{value}”应写作每年都有的 月-日，"
                            f"如 \"03-31\"")
        else:
            readings[word] = day

    raw = data.get("duty", [])
    lines = table_lines(text, "duty")
    duties: list[Duty] = []
    seen: dict[str, Source] = {}
    for index, table in enumerate(raw if isinstance(raw, list) else []):
        line = lines[index] if len(lines) == len(raw) else None
        src = Source(file, line, f"duty[{index + 1}]")
        if not isinstance(table, dict):
            problem(src, "应为 [[duty]] 表")
            continue
        if isinstance(table.get("id"), str):
            src = Source(file, line, f"duty[{index + 1}]（{table['id']}）")
        _unknown_keys(table, _DUTY_KEYS, src, problem)
        duty = _read_duty(table, src, types, items, known_recipients, problem)
        if duty is not None:
            duty = duty._replace(recipient_names=tuple(recipients.get(r, r) for r in duty.recipients))
            if (duty.deadline is None and duty.when in readings and duty.period == "year"
                    and duty.trigger is None):
                duty = duty._replace(deadline=readings[duty.when], deadline_read=True)
        if duty is None:
            continue
        if duty.id in seen:
            problem(src, f"事项 id {duty.id} 重复（另见 {seen[duty.id].where()}）")
        seen[duty.id] = src
        duties.append(duty)
    letters = _read_letters(data, text, file, problem)
    pledges = _read_pledges(data, text, file, problem)
    org_rules = _read_org_rules(data, text, file, problem)
    if problems:
        raise ConfigError(f"{file} 中有 {len(problems)} 处错误：", problems)
    # a catalog written before [[letter]] and [[pledge]] existed names its pledges in
    # [preset] and keeps the chain it always had; a new one without them has none
    legacy = "letter" not in data and "pledge" not in data and ("leader_pledge" in meta or "staff_pledge" in meta)
    return Catalog(
        name=meta["name"],
        title=meta["title"],
        source=str(meta.get("source", "")),
        party_body=meta["party_body"],
        discipline_body=meta["discipline_body"],
        leader_pledge=meta.get("leader_pledge", "廉洁从政"),
        staff_pledge=meta.get("staff_pledge", "廉洁从业"),
        items=dict(items),
        types=types,
        default_types=default_types,
        duties=tuple(duties),
        path=path,
        document=meta.get("document", ""),
        short_title=meta.get("short_title", ""),
        labels=dict(labels),
        discipline_stationed=stationed,
        demo_superior=meta.get("demo_superior", ""),
        demo_superior_discipline=meta.get("demo_superior_discipline", ""),
        recipients=dict(recipients),
        letters=None if legacy else letters,
        pledges=None if legacy else pledges,
        org_rules=org_rules if "org_rule" in data or not legacy else None,
    )


def time_word_readings() -> dict[str, tuple[int, int]]:
    """How zr reads a time given only in words (config/time-words.toml): 年初 → (3, 31)."""
    import tomllib

    from zerenqingdan.resources import bundled

    table = tomllib.loads((bundled("config") / "time-words.toml").read_text(encoding="utf-8"))["when"]
    return {word: _month_day(value) for word, value in table.items()}


def _month_day(value) -> tuple[int, int] | None:
    match = _DEADLINE.match(value) if isinstance(value, str) else None
    if not match or not valid_month_day(int(match.group(1)), int(match.group(2))):
        return None
    return int(match.group(1)), int(match.group(2))


def _key_line(text: str, key: str) -> int | None:
    """The line where a top-level key or a table's key is written."""
    pattern = re.compile(rf"^\s*\[*\s*\"?{re.escape(key)}\"?\s*[\]=.]")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def _header_line(text: str, name: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(f"[{name}]"):
            return number
    return None


def _records(data: dict, text: str, file: str, name: str, problem):
    raw = data.get(name, [])
    if not isinstance(raw, list):
        problems_src = Source(file, None, name)
        problem(problems_src, f"应写成 [[{name}]] 表的列表")
        return []
    lines = table_lines(text, name)
    out = []
    for index, table in enumerate(raw):
        line = lines[index] if len(lines) == len(raw) else None
        src = Source(file, line, f"{name}[{index + 1}]")
        if not isinstance(table, dict):
            problem(src, f"应为 [[{name}]] 表")
            continue
        out.append((table, src))
    return out


def _unknown_keys(table: dict, allowed: set[str], src: Source, problem) -> None:
    for key in table:
        if key not in allowed:
            problem(src, f"未知的键“{key}”（可用：{'、'.join(sorted(allowed))}）")


def _flag(table: dict, key: str, src: Source, problem, what: str = "") -> bool:
    """A true/false key (false when absent); anything else is reported, and read as false."""
    value = table.get(key, False)
    if isinstance(value, bool):
        return value
    problem(src, f"{what}{key} 应为 true 或 false")
    return False


def _one_of(table: dict, key: str, choices, src: Source, problem) -> bool:
    """``table[key]`` is one of ``choices`` (a tuple, or a dict of code → meaning)."""
    value = table.get(key)
    if value in choices:
        return True
    shown = "、".join(f"{k}（{v}）" for k, v in choices.items()) if isinstance(choices, dict) else "、".join(choices)
    problem(src, f"{key} = {value!r} 无效（可用：{shown}）")
    return False


def _has_source(table: dict, src: Source, problem) -> bool:
    if isinstance(table.get("source"), str) and table["source"]:
        return True
    problem(src, "缺少 source（依据）")
    return False


def _read_letters(data: dict, text: str, file: str, problem) -> tuple[LetterRule, ...]:
    out = []
    for table, src in _records(data, text, file, "letter", problem):
        _unknown_keys(table, _LETTER_KEYS, src, problem)
        a, b = table.get("party_a"), table.get("party_b")
        ok = all([_one_of(table, "party_a", LETTER_PARTIES_A, src, problem),
                  _one_of(table, "party_b", LETTER_PARTIES_B, src, problem), _has_source(table, src, problem)])
        if ok:
            out.append(LetterRule(str(table.get("id", f"letter-{len(out) + 1}")), a, b, table["source"],
                                  str(table.get("copies") or "一式两份，双方各执一份")))
    return tuple(out)


def _read_pledges(data: dict, text: str, file: str, problem) -> tuple[PledgeRule, ...]:
    out = []
    for table, src in _records(data, text, file, "pledge", problem):
        _unknown_keys(table, _PLEDGE_KEYS, src, problem)
        countersign = table.get("countersign")
        ok = all([_one_of(table, "type", PLEDGE_TYPES, src, problem),
                  _one_of(table, "signers", PLEDGE_SIGNERS, src, problem),
                  countersign is None or _one_of(table, "countersign", PLEDGE_COUNTERSIGN, src, problem),
                  _has_source(table, src, problem)])
        if ok:
            out.append(PledgeRule(table["type"], table["signers"], table["source"], countersign,
                                  str(table.get("copies", ""))))
    return tuple(out)


def _read_org_rules(data: dict, text: str, file: str, problem) -> tuple[OrgRule, ...]:
    out = []
    for table, src in _records(data, text, file, "org_rule", problem):
        _unknown_keys(table, _ORG_RULE_KEYS, src, problem)
        holders = table.get("holders")
        flags = table.get("flags", [])
        titles = table.get("titles", [])
        ok = _has_source(table, src, problem)
        if not isinstance(table.get("name"), str) or not table.get("name"):
            problem(src, "缺少 name（规定的名称，如 五个不直接分管）")
            ok = False
        if not isinstance(holders, list) or not holders or any(h not in ORG_RULE_HOLDERS for h in holders):
            problem(src, f"holders 应为列表，可用：{'、'.join(ORG_RULE_HOLDERS)}")
            ok = False
        if not isinstance(flags, list) or any(f not in glossary.DEPARTMENT_FLAGS for f in flags):
            problem(src, f"flags 应为科室性质的列表（可用：{'、'.join(glossary.DEPARTMENT_FLAGS)}）")
            ok = False
        if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
            problem(src, "titles 应为职务用字的列表，如 [\"局长\", \"主任\"]")
            ok = False
        business = _flag(table, "business", src, problem)
        if ok and not flags and not business:
            problem(src, "要写 flags（哪些性质的科室）或 business = true（纪检以外的一切业务）")
            ok = False
        if ok:
            out.append(OrgRule(table["name"], tuple(holders), table["source"], tuple(flags), bool(business),
                               tuple(titles)))
    return tuple(out)


def _read_trigger(value, src: Source, types, problem) -> Trigger | None:
    if not isinstance(value, dict):
        problem(src, "trigger 应写成 { event = \"meeting\", type = \"民主生活会\", within_days = 7 }")
        return None
    ok = True
    for key in value:
        if key not in _TRIGGER_KEYS:
            problem(src, f"trigger 中未知的键“{key}”（可用：{'、'.join(sorted(_TRIGGER_KEYS))}）")
            ok = False
    event = value.get("event")
    if event not in EVENTS:
        problem(src, f"trigger 的 event = {event!r} 不是已知的事件类别（可用：{'、'.join(EVENTS)}）")
        return None
    type_ = value.get("type")
    if type_ is not None and type_ not in types.get(event, ()):
        problem(src, f"trigger 的 type“{type_}”不在 [types] 的 {event} 之中"
                     f"（可用：{'、'.join(types.get(event, ())) or '无'}）")
        ok = False
    within = value.get("within_days")
    if within is not None and (not isinstance(within, int) or isinstance(within, bool) or not 0 <= within <= 366):
        problem(src, f"trigger 的 within_days 应为 0 到 366 的天数，现在是 {within!r}")
        ok = False
    before = _flag(value, "before", src, problem, "trigger 的 ")
    ok = ok and isinstance(value.get("before", False), bool)
    return Trigger(event, type_, within, before) if ok else None


def _read_duty(table: dict, src: Source, types, items, recipients, problem) -> Duty | None:
    ok = True

    def need(key: str, choices=None, kind=str):
        nonlocal ok
        value = table.get(key)
        if value is None:
            problem(src, f"缺少 {key}")
            ok = False
            return None
        if not isinstance(value, kind) or isinstance(value, bool):
            problem(src, f"{key} 的值 {value!r} 类型不对")
            ok = False
            return None
        if choices is not None and value not in choices:
            problem(src, f"{key} = {value!r} 无效（可用：{'、'.join(choices)}）")
            ok = False
            return None
        return value

    def optional_text(key: str) -> str:
        nonlocal ok
        value = table.get(key, "")
        if not isinstance(value, str):
            problem(src, f"{key} 应为字符串")
            ok = False
            return ""
        return value

    duty_id = need("id")
    holder = need("holder", HOLDERS)
    title = need("title")
    event = need("event", EVENTS)
    scope = need("scope", SCOPES)
    source = need("source")
    trigger = None
    if "trigger" in table:
        trigger = _read_trigger(table["trigger"], src, types, problem)
        if trigger is None:
            ok = False
        for key in ("period", "count"):
            if key in table:
                problem(src, f"触发事项不写 {key}（每次触发一次）")
                ok = False
        period, count = "year", 1
    else:
        period = need("period", PERIODS)
        count = table.get("count")
        frequency_given = "frequency" in table
        if count is None and not frequency_given:
            problem(src, "缺少 count（每期几次）；文件只说“定期”“适时”而没有次数的，写 frequency = \"定期\" 并省略 count")
            ok = False
        elif count is not None and (not isinstance(count, int) or isinstance(count, bool)):
            problem(src, f"count 的值 {count!r} 类型不对")
            ok = False
        elif count is not None and count < 0:
            problem(src, "count 不能为负数")
            ok = False
    if scope == "trigger_people" and trigger is None:
        problem(src, "scope = \"trigger_people\" 只用于有 trigger 的事项")
        ok = False
    frequency = optional_text("frequency")
    function = None
    if holder == "function":
        function = table.get("function")
        if function not in glossary.FUNCTION_FLAGS:
            problem(src, f"holder = \"function\" 时要写 function（可用：{'、'.join(glossary.FUNCTION_FLAGS)}）")
            ok = False
    elif "function" in table:
        problem(src, "function 只用于 holder = \"function\"")
        ok = False
    type_ = table.get("type")
    if type_ is not None and event in EVENTS and type_ not in types.get(event, ()):
        problem(src, f"type“{type_}”不在 [types] 的 {event} 之中（可用：{'、'.join(types.get(event, ())) or '无'}）")
        ok = False
    item = table.get("item")
    if items and holder in ("secretary", "party") and item is None:
        problem(src, "书记和领导班子的事项需要 item（属于 [items] 的第几项）")
        ok = False
    if item is not None and (not isinstance(item, int) or str(item) not in items):
        problem(src, f"item = {item!r} 不在 [items] 之中")
        ok = False
    deadline = None
    if "deadline" in table:
        match = _DEADLINE.match(str(table["deadline"]))
        if not match:
            problem(src, f"deadline“{table['deadline']}”应写作 月-日，如 \"01-31\"")
            ok = False
        elif not valid_month_day(int(match.group(1)), int(match.group(2))):
            problem(src, f"deadline“{table['deadline']}”不是每年都有的日期（{int(match.group(1))}月没有"
                         f"{int(match.group(2))}日，或只有闰年才有）；月底请写该月最后一天，如 \"02-28\"")
            ok = False
        else:
            deadline = (int(match.group(1)), int(match.group(2)))
            if period != "year" and trigger is None:
                problem(src, "deadline 只用于 period = \"year\" 的事项（每半年、每季度的以期末为截止）")
                ok = False
    due_next_year = _flag(table, "due_next_year", src, problem)
    ok = ok and isinstance(table.get("due_next_year", False), bool)
    when = optional_text("when")
    if due_next_year and (period != "year" or trigger is not None):
        problem(src, "due_next_year 只用于每年一次、不由事件触发的事项")
        ok = False
    if due_next_year and deadline is None and not when:
        problem(src, "due_next_year 的事项要写 deadline（如 \"01-31\"），文件只说“年初”的写 when = \"年初\"")
        ok = False
    participation = table.get("participation", "by")
    if participation not in PARTICIPATION:
        problem(src, "participation 应为 by 或 any")
        ok = False
    raw_recipients = table.get("recipients", [])
    if not isinstance(raw_recipients, list) or not all(isinstance(r, str) for r in raw_recipients):
        problem(src, "recipients 应为名称的列表，如 [\"上级党委\", \"上级纪委\"]")
        ok = False
        raw_recipients = []
    for name in raw_recipients:
        if name not in recipients:
            problem(src, f"报送对象“{name}”未定义（可用：{'、'.join(recipients)}；其他对象请在 [recipients] 中定义）")
            ok = False
    separately = _flag(table, "separately", src, problem)
    ok = ok and isinstance(table.get("separately", False), bool)
    year_report = _flag(table, "year_report", src, problem)
    ok = ok and isinstance(table.get("year_report", False), bool)
    if year_report and (event != "report" or holder not in ("party", "secretary", "discipline")):
        problem(src, "year_report 只用于领导班子、书记或纪检机构的报告（event = \"report\"）")
        ok = False
    audience = optional_text("audience")
    reminder = optional_text("reminder")
    note = optional_text("note")
    if not ok:
        return None
    return Duty(
        id=duty_id, holder=holder, title=title, event=event, type=type_, count=count,
        period=period, scope=scope, source=source, item=item, deadline=deadline,
        participation=participation, note=note, origin=src, function=function,
        frequency=frequency, when=when, due_next_year=due_next_year, recipients=tuple(raw_recipients),
        separately=bool(separately), audience=audience, trigger=trigger, reminder=reminder,
        year_report=bool(year_report),
    )


# ---------------------------------------------------------------------------
# citations as people read them

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """12 → 十二, 4 → 四, 20 → 二十, 105 → 一百零五, 310 → 三百一十 (for 一、 and （一） headings)."""
    n = int(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    if n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    head = _CN_DIGITS[hundreds] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _CN_DIGITS[rest]
    tens, ones = divmod(rest, 10)
    return head + _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")


_PARENS = re.compile(r"\(([^()]*)\)")


def readable_citation(source: str, short_title: str, labels: dict[str, str] | None = None) -> str:
    """``002 §12`` → ``《实施意见》第十二条``; ``003 第十一条6`` → ``《实施办法》第十一条第6项``;
    ``001 纪委意见三(一)`` → ``《纪委监督责任实施意见》三（一）``. Several, joined by “；”."""
    out = []
    for ref in re.split(r"[；;]", source):
        ref = ref.strip()
        if not ref:
            continue
        code, _, path = ref.partition(" ")
        title = short_title
        for label, label_title in (labels or {}).items():
            if path.startswith(label):
                title, path = label_title, path[len(label):]
                break
        if not title:
            out.append(("", ref))
            continue
        section = re.match(r"^§(\d+)(.*)$", path)
        if section:
            path = f"第{cn_number(int(section.group(1)))}条{section.group(2)}"
        article = re.match(r"^(第[一二三四五六七八九十百]+条)(\d+)$", path)
        if article:
            path = f"{article.group(1)}第{article.group(2)}项"
        path = _PARENS.sub(r"（\1）", path)
        if out and out[-1][0] == title:  # the same document again: 《实施意见》第十三条、第五条（6）
            out[-1] = (title, out[-1][1] + "、" + path)
        else:
            out.append((title, path))
    return "；".join(title + path for title, path in out)
