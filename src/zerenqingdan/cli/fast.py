"""The fast path: ``zr log KIND``, ``zr status``, ``zr due`` and ``zr check``
parsed without loading Typer (which costs more than the work itself).

Only plain, well-formed command lines are taken here; anything else — help,
an unknown or incomplete option, a stray argument — returns None and goes to
the Typer CLI, which gives the full help and the proper error message. The
options come from the same tables the Typer commands are checked against.
"""

from __future__ import annotations

import os

from zerenqingdan.cli import actions


def _globals(argv: list[str]) -> tuple[str | None, list[str]] | None:
    directory = None
    rest = list(argv)
    while rest and rest[0].startswith("--dir"):
        head = rest.pop(0)
        if head == "--dir":
            if not rest:
                return None
            directory = rest.pop(0)
        elif head.startswith("--dir="):
            directory = head[len("--dir="):]
        else:
            return None
    return directory or os.environ.get("ZR_DIR") or None, rest


def _options(args: list[str], table: dict) -> dict | None:
    values: dict = {}
    index = 0
    while index < len(args):
        arg = args[index]
        name, eq, inline = arg.partition("=")
        if name not in table:
            return None
        dest, takes_value, repeat = table[name]
        if not takes_value:
            if eq:
                return None
            values[dest] = True
            index += 1
            continue
        if eq:
            value = inline
            index += 1
        else:
            if index + 1 >= len(args) or args[index + 1].startswith("--") and args[index + 1][2:3].isalpha():
                return None
            value = args[index + 1]
            index += 2
        if repeat:
            values.setdefault(dest, []).append(value)
        elif dest in values:
            return None  # given twice: let the full CLI decide
        else:
            values[dest] = value
    return values


def dispatch(argv: list[str]) -> int | None:
    parsed = _globals(argv)
    if parsed is None:
        return None
    directory, rest = parsed
    if any(a in ("-h", "--help", "--version") for a in rest) or not rest:
        return None
    if rest[0] == "log" and len(rest) >= 2 and rest[1] in actions.LOG_COMMANDS:
        values = _options(rest[2:], actions.LOG_OPTIONS)
        if values is None:
            return None
        return actions.log_event(directory, actions.LOG_COMMANDS[rest[1]][0], **values)
    simple = {
        "status": (actions.STATUS_OPTIONS, actions.show_status),
        "due": (actions.DUE_OPTIONS, actions.show_due),
        "check": (actions.CHECK_OPTIONS, actions.check_all),
    }
    if rest[0] in simple:
        table, action = simple[rest[0]]
        values = _options(rest[1:], table)
        if values is None:
            return None
        return action(directory, **values)
    return None
