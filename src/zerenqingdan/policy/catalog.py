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

HOLDERS = {"secretary": "书记", "leader": "班子成员", "head": "科室负责人", "discipline": "纪检负责人"}
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
}
PARTICIPATION = ("by", "any")
PLEDGE_TYPES = ("廉洁从政", "公开", "廉洁从业", "廉洁从检")
_DEADLINE = re.compile(r"^(\d{2})-(\d{2})$")
_DUTY_KEYS = {
    "id", "holder", "item", "title", "event", "type", "count", "period", "scope",
    "deadline", "participation", "source", "note",
}


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_month_day(month: int, day: int) -> bool:
    """A month-day that exists in every year (02-29 does not)."""
    return 1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month - 1]


class Duty(NamedTuple):
    id: str
    holder: str
    title: str
    event: str
    type: str | None
    count: int
    period: str
    scope: str
    source: str
    item: int | None = None
    deadline: tuple[int, int] | None = None  # (month, day)
    participation: str = "by"
    note: str = ""
    origin: Source | None = None

    @property
    def covers(self) -> bool:
        """True when the duty must reach each of several people or departments."""
        return self.scope != "self"

    def title_for(self, party_body: str, discipline_body: str) -> str:
        """The title with {党组}/{纪检组} replaced by the unit's own bodies."""
        return self.title.replace("{党组}", party_body).replace("{纪检组}", discipline_body)

    def quota_text(self) -> str:
        what = self.type or EVENTS[self.event]
        if self.count == 0:
            return f"{what}：按实际发生"
        scope = "" if self.scope == "self" else f"（{SCOPES[self.scope]}）"
        return f"{PERIODS[self.period]}至少{self.count}次{scope}"


class Catalog(NamedTuple):
    name: str
    title: str
    source: str
    party_body: str
    discipline_body: str
    leader_pledge: str  # the 承诺书 leaders sign by default
    staff_pledge: str  # and the one heads and staff sign
    items: dict[str, str]
    types: dict[str, tuple[str, ...]]
    duties: tuple[Duty, ...]
    path: Path | None = None

    def duty(self, duty_id: str) -> Duty:
        for duty in self.duties:
            if duty.id == duty_id:
                return duty
        raise KeyError(duty_id)

    def for_holder(self, holder: str) -> list[Duty]:
        return [d for d in self.duties if d.holder == holder]

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
    """The merged preset as a complete TOML file for a workspace."""
    import tomli_w

    data = preset_data(name)
    header = (
        f"# 本单位的责任清单目录，复制自预设 {name}（{data['preset'].get('title', '')}）。\n"
        "# 可以按本单位实际修改：增删事项、调整次数和截止日期。写法见 zr catalog show 与 README。\n"
        "# 修改后运行 zr catalog check 检查。\n\n"
    )
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
    meta_src = Source(file, None, "preset")
    for key in ("name", "title", "party_body", "discipline_body", "leader_pledge", "staff_pledge"):
        if not isinstance(meta.get(key), str) or not meta.get(key):
            problem(meta_src, f"缺少 {key}")
    for key in ("leader_pledge", "staff_pledge"):
        if isinstance(meta.get(key), str) and meta[key] not in PLEDGE_TYPES:
            problem(meta_src, f"{key} = {meta[key]!r} 无效（可用：{'、'.join(PLEDGE_TYPES)}）")
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
        for key in table:
            if key not in _DUTY_KEYS:
                problem(src, f"未知的键“{key}”（可用：{'、'.join(sorted(_DUTY_KEYS))}）")
        duty = _read_duty(table, src, types, items, problem)
        if duty is None:
            continue
        if duty.id in seen:
            problem(src, f"事项 id {duty.id} 重复（另见 {seen[duty.id].where()}）")
        seen[duty.id] = src
        duties.append(duty)
    if problems:
        raise ConfigError(f"{file} 中有 {len(problems)} 处错误：", problems)
    return Catalog(
        name=meta["name"],
        title=meta["title"],
        source=str(meta.get("source", "")),
        party_body=meta["party_body"],
        discipline_body=meta["discipline_body"],
        leader_pledge=meta["leader_pledge"],
        staff_pledge=meta["staff_pledge"],
        items=dict(items),
        types=types,
        duties=tuple(duties),
        path=path,
    )


def _read_duty(table: dict, src: Source, types, items, problem) -> Duty | None:
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

    duty_id = need("id")
    holder = need("holder", HOLDERS)
    title = need("title")
    event = need("event", EVENTS)
    count = need("count", kind=int)
    period = need("period", PERIODS)
    scope = need("scope", SCOPES)
    source = need("source")
    if count is not None and count < 0:
        problem(src, "count 不能为负数")
        ok = False
    type_ = table.get("type")
    if type_ is not None and event in EVENTS and type_ not in types.get(event, ()):
        problem(src, f"type“{type_}”不在 [types] 的 {event} 之中（可用：{'、'.join(types.get(event, ())) or '无'}）")
        ok = False
    item = table.get("item")
    if holder == "secretary" and item is None:
        problem(src, "书记的事项需要 item（属于十项清单的第几项）")
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
    participation = table.get("participation", "by")
    if participation not in PARTICIPATION:
        problem(src, f"participation 应为 by 或 any")
        ok = False
    if not ok:
        return None
    return Duty(
        id=duty_id, holder=holder, title=title, event=event, type=type_, count=count,
        period=period, scope=scope, source=source, item=item, deadline=deadline,
        participation=participation, note=str(table.get("note", "")), origin=src,
    )
