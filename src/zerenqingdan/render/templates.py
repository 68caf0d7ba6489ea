"""Finding and rendering templates: the unit's own first, then the built-in ones.

Template text is the user's data, not code: it runs in jinja2's sandbox, and
every failure becomes a message naming the template and the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zerenqingdan.errors import ConfigError
from zerenqingdan.resources import bundled

SUFFIX = ".j2"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    overridden: bool
    path: Path


def builtin_dir() -> Path:
    return Path(str(bundled("templates")))


def list_templates(unit_dir: Path | None) -> list[TemplateInfo]:
    out = []
    for path in sorted(builtin_dir().glob(f"*{SUFFIX}")):
        own = unit_dir / path.name if unit_dir else None
        if own is not None and own.is_file():
            out.append(TemplateInfo(path.name, True, own))
        else:
            out.append(TemplateInfo(path.name, False, path))
    return out


def _environment(unit_dir: Path | None):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders = []
    if unit_dir is not None and unit_dir.is_dir():
        loaders.append(FileSystemLoader(str(unit_dir)))
    loaders.append(FileSystemLoader(str(builtin_dir())))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["cn_number"] = cn_number
    env.filters["cells"] = lambda value: str(value).replace("|", "｜").replace("\n", " ")
    return env


CN_DIGITS = "零一二三四五六七八九"


def cn_number(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for 一、二、 headings)."""
    value = int(value)
    if value < 10:
        return CN_DIGITS[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


_SYNTAX = [
    ("Unexpected end of template", "模板没有写完：缺少结束标记（如 {% endif %}、{% endfor %}）"),
    ("Encountered unknown tag", "不认识的标记"),
    ("unexpected end of template", "模板没有写完"),
    ("unexpected '}'", "多了一个“}”"),
    ("expected token", "缺少符号"),
]


def _explain(message: str) -> str:
    for english, chinese in _SYNTAX:
        if message.startswith(english):
            return f"{chinese}（{message}）"
    return message


def _line_of(exc: BaseException, filename: str | None) -> int | None:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if filename and tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_template(name: str, context: dict, unit_dir: Path | None = None) -> str:
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError, UndefinedError

    env = _environment(unit_dir)
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise ConfigError(f"找不到模板 {name}") from None
    except TemplateSyntaxError as exc:
        where = _where(exc.filename or name, unit_dir)
        raise ConfigError(f"模板 {where} 第 {exc.lineno} 行语法错误：{_explain(exc.message or '')}") from None
    try:
        return template.render(**context)
    except (UndefinedError, SecurityError, TemplateError, TypeError, ValueError) as exc:
        line = _line_of(exc, template.filename)
        where = _where(template.filename or name, unit_dir)
        at = f"第 {line} 行" if line else ""
        kind = "引用了不存在的内容" if isinstance(exc, UndefinedError) else "出错"
        raise ConfigError(f"模板 {where} {at}{kind}：{exc}") from None


def _where(filename: str, unit_dir: Path | None) -> str:
    path = Path(filename)
    if unit_dir is not None and path.parent == unit_dir:
        return f"templates/{path.name}（本单位）"
    return f"{path.name}（内置）"
