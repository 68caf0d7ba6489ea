"""Typer 0.29 coerces every option value through a pydantic TypeAdapter, and
importing pydantic for that costs more than a whole ``zr log``. zr's options
are plain text, paths, whole numbers and flags: those are coerced here
directly; any other annotation still goes to Typer's own machinery.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from pathlib import Path

_PLAIN = {str: str, Path: Path}


def _kind(annotation):
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(args[0]) if len(args) == 1 else None
    if annotation in _PLAIN or annotation in (int, bool):
        return annotation
    if origin in (list, tuple):
        args = typing.get_args(annotation)
        if len(args) == 1 and args[0] in _PLAIN:
            return (origin, args[0])
    return None


def _refuse_repeats() -> None:
    """An option that takes one value, given twice, is an error: click would
    keep the last one silently (``--date 3月5日 --date 3月6日``)."""
    try:
        from typer._click import parser
        from typer._click.exceptions import BadOptionUsage
    except ImportError:
        return
    original = parser._Option.process
    if getattr(original, "_zr_patched", False):
        return

    def process(self, value, state):
        if self.action == "store" and self.dest in state.opts:
            name = max(self._long_opts or self._short_opts or [self.dest], key=len)
            raise BadOptionUsage(name, f"选项 {name} 只能写一次（写了两次，zr 不会只取其中一个）")
        return original(self, value, state)

    process._zr_patched = True
    parser._Option.process = process


def install() -> None:
    _refuse_repeats()
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter
    except ImportError:  # another Typer: nothing to do
        return
    original = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if original is None or base is None or getattr(original, "_zr_patched", False):
        return

    @dataclass(frozen=True)
    class PlainRuntimeParam(base):
        kind: object = None

        def _coerce_value(self, value, param, ctx):
            kind = self.kind
            if isinstance(kind, tuple):
                return kind[0](_PLAIN[kind[1]](v) for v in value)
            if kind is int:
                if isinstance(value, int) and not isinstance(value, bool):
                    return value
                try:
                    return int(str(value).strip())
                except ValueError:
                    raise BadParameter(f"'{value}' is not a valid integer.", ctx=ctx, param=param) from None
            if kind is bool:
                return bool(value)
            return _PLAIN[kind](value)

    def build_runtime_param(descriptor):
        kind = _kind(descriptor.annotation) if descriptor.file_annotation is None else None
        if kind is None:
            return original(descriptor)
        return PlainRuntimeParam(annotation=descriptor.annotation, parameter_info=descriptor.parameter_info, kind=kind)

    build_runtime_param._zr_patched = True
    core.build_runtime_param = build_runtime_param
