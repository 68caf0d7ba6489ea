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


ROLLUP_TEMPLATES = ("rollup.j2",)  # the superior 纪委's, changed in a roll-up workspace, not a unit's


def builtin_dir() -> Path:
    return Path(str(bundled("templates")))


def _builtins(rollup: bool) -> list[Path]:
    return sorted(p for p in builtin_dir().glob(f"*{SUFFIX}") if (p.name in ROLLUP_TEMPLATES) == rollup)


def template_title(path: Path) -> str:
    """A template's Chinese name: the start of its opening comment
    (``{#- 党风廉政建设责任书（zr docs responsibility）`` -> 党风廉政建设责任书)."""
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
    return first.removeprefix("{#-").strip().split("（")[0].split("。")[0].strip()


def resolve_template(name: str, rollup: bool = False) -> str:
    """``responsibility``, ``responsibility.j2``, ``责任书`` -> ``responsibility.j2``;
    an unknown or ambiguous name is an error listing the templates."""
    from zerenqingdan.errors import InputError

    name = name.strip()
    file = name if name.endswith(SUFFIX) else name + SUFFIX
    paths = _builtins(rollup)
    if any(p.name == file for p in paths):
        return file
    titles = {p.name: template_title(p) for p in paths}
    hits = [f for f, title in titles.items() if name and (name in title or title == name.removesuffix(SUFFIX))]
    if len(hits) == 1:
        return hits[0]
    listing = "、".join(f"{f.removesuffix(SUFFIX)}（{t}）" for f, t in titles.items())
    if hits:
        raise InputError(f"“{name}”可以指 {'、'.join(f.removesuffix(SUFFIX) for f in hits)}，请写明是哪一个",
                         [f"可用：{listing}"])
    raise InputError(f"没有名为“{name}”的内置模板", [f"可用：{listing}"])


def copy_template(file: str, folder: Path, force: bool = False) -> Path:
    """Copy the built-in ``file`` into ``folder`` (a workspace's templates/) to be
    edited there; an existing copy is the office's own and is kept unless ``force``."""
    from zerenqingdan.errors import InputError
    from zerenqingdan.storage import atomic_write

    target = folder / file
    if target.exists() and not force:
        raise InputError(f"templates/{file} 已存在；确要用内置模板覆盖请加 --force")
    atomic_write(target, (builtin_dir() / file).read_bytes())
    return target


def list_templates(unit_dir: Path | None, rollup: bool = False) -> list[TemplateInfo]:
    out = []
    for path in _builtins(rollup):
        own = unit_dir / path.name if unit_dir else None
        if own is not None and own.is_file():
            out.append(TemplateInfo(path.name, True, own))
        else:
            out.append(TemplateInfo(path.name, False, path))
    return out


# what a template may spend: beyond these, it is stopped with its name and line
MAX_SECONDS = 10.0
MAX_OUTPUT = 20_000_000  # characters of rendered text
MAX_ITEMS = 1_000_000  # length of one string or list made by * or a filter
MAX_POWER = 10_000  # the largest exponent of **

# characters Word cannot hold (XML 1.0) or that would break a line in the
# template's own structured text: a value typed by the user stays one value
_LINE_BREAKS = {c: " " for c in (0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)}
_ILLEGAL = {c: None for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F, *range(0x80, 0x85),
                              *range(0x86, 0xA0), 0xFFFE, 0xFFFF, *range(0xD800, 0xE000))}
_ILLEGAL.update(_LINE_BREAKS)
_ILLEGAL[0x09] = " "
DIRECTIVE_GUARD = "\u2060"  # WORD JOINER: invisible; keeps a value's leading "=" from being a directive


def clean_value(value) -> str:
    """One output value, as text that stays text: no line breaks or
    characters Word rejects, and a leading ``=`` that cannot start a directive."""
    text = value if isinstance(value, str) else str(value)
    text = text.translate(_ILLEGAL)
    if text.lstrip().startswith("="):
        text = DIRECTIVE_GUARD + text
    return text


class TemplateLimit(Exception):
    """A template that ran too long or made something too large."""


def _check_size(value):
    try:
        size = len(value)
    except TypeError:
        return value
    if size > MAX_ITEMS:
        raise TemplateLimit(f"生成的内容太大（{size} 个字符或元素，最多 {MAX_ITEMS}）")
    return value


def _environment(unit_dir: Path | None):
    import operator

    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class Limited(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, op, left, right):
            if op == "**":
                if isinstance(right, (int, float)) and abs(right) > MAX_POWER:
                    raise TemplateLimit(f"乘方的指数太大（{right}）")
                return operator.pow(left, right)
            if op == "*":
                for seq, count in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                        if len(seq) * max(count, 0) > MAX_ITEMS:
                            raise TemplateLimit(f"重复生成的内容太大（{len(seq)} × {count}）")
                return operator.mul(left, right)
            return super().call_binop(context, op, left, right)

    loaders = []
    if unit_dir is not None and unit_dir.is_dir():
        loaders.append(_UnitLoader(str(unit_dir)))
    loaders.append(FileSystemLoader(str(builtin_dir())))
    env = Limited(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=clean_value,
    )
    for name, function in list(env.filters.items()):  # a filter's result is bounded too
        env.filters[name] = _bounded(function, widths=name in ("center", "indent", "wordwrap", "truncate"))
    from zerenqingdan.policy.catalog import cn_number

    env.filters["cn_number"] = cn_number
    env.filters["cells"] = lambda value: clean_value(value).replace("|", "｜")
    env.globals["range"] = _limited_range
    return env


def _bounded(function, *, widths: bool):
    """``function`` whose result is checked for size; with ``widths``, its
    width arguments too (``center(10**9)`` would fill memory first)."""
    import functools

    @functools.wraps(function)  # keeps jinja's pass_context/pass_environment marks
    def wrapper(*args, **kwargs):
        if widths:
            for value in (*args[1:], *kwargs.values()):
                if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ITEMS:
                    raise TemplateLimit(f"参数太大（{value}）")
        return _check_size(function(*args, **kwargs))

    return wrapper


def _limited_range(*args):
    values = range(*args)
    if len(values) > MAX_ITEMS:
        raise TemplateLimit(f"range 太大（{len(values)} 项，最多 {MAX_ITEMS}）")
    return values


def _unit_loader_class():
    from jinja2 import FileSystemLoader, TemplateNotFound

    class UnitLoader(FileSystemLoader):
        """The unit's templates/, never followed out of it by a link."""

        def get_source(self, environment, template):
            import os

            folder = os.path.realpath(self.searchpath[0])
            path = os.path.join(self.searchpath[0], template)
            if os.path.lexists(path):
                real = os.path.realpath(path)
                if os.path.commonpath([folder, real]) != folder:
                    raise ConfigError(f"templates/{template} 是指向工作区 templates/ 以外的链接（{real}），"
                                      "zr 不使用这样的模板；请把模板文件本身放进 templates/")
                if not os.path.isfile(real):
                    raise TemplateNotFound(template)
            return super().get_source(environment, template)

    return UnitLoader


def _UnitLoader(path: str):
    return _unit_loader_class()(path)


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
        with _deadline(MAX_SECONDS):
            parts, size = [], 0
            for piece in template.generate(**context):
                size += len(piece)
                if size > MAX_OUTPUT:
                    raise TemplateLimit(f"生成的文字太多（超过 {MAX_OUTPUT} 个字符）")
                parts.append(piece)
            return "".join(parts)
    except (UndefinedError, SecurityError, TemplateError, TypeError, ValueError, ArithmeticError, LookupError,
            AttributeError, TemplateLimit, RecursionError, MemoryError) as exc:
        line = _line_of(exc, template.filename)
        where = _where(template.filename or name, unit_dir)
        at = f"第 {line} 行" if line else ""
        if isinstance(exc, UndefinedError):
            kind = f"引用了不存在的内容：{exc}"
        elif isinstance(exc, RecursionError):
            kind = "出错：递归太深（宏或 include 调用了自己？）"
        elif isinstance(exc, MemoryError):
            kind = "出错：生成的内容太大，内存不足"
        elif isinstance(exc, TemplateLimit):
            kind = f"超出限制：{exc}"
        else:
            kind = f"出错：{exc}"
        raise ConfigError(f"模板 {where} {at}{kind}") from None


class _deadline:
    """Stop a template that runs longer than ``seconds`` (POSIX main thread;
    elsewhere the size limits alone apply)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False

    def __enter__(self):
        import signal
        import threading

        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            def stop(signum, frame):
                raise TemplateLimit(f"运行超过 {self.seconds:g} 秒（是否有很大的循环？）")

            self.previous = signal.signal(signal.SIGALRM, stop)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True
        return self

    def __exit__(self, *exc):
        if self.armed:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def _where(filename: str, unit_dir: Path | None) -> str:
    path = Path(filename)
    if unit_dir is not None and path.parent == unit_dir:
        return f"templates/{path.name}（本单位）"
    return f"{path.name}（内置）"
