"""Asking at a terminal instead of failing: pick-lists, text, yes/no.

Uses questionary (on prompt_toolkit): a numbered list that filters as one
types (Chinese too), a text line with a default to edit, a yes/no. Loaded only
when a question is really asked, so complete command lines stay as fast as
before. Ctrl-C (or Ctrl-D) at any question cancels the command before anything
is written (KeyboardInterrupt: ``zr`` prints 已取消 and exits 130).
"""

from __future__ import annotations

import os
import sys

# prompt_toolkit would print an English warning on terminals that do not
# answer its cursor-position request (tmux, some Windows consoles)
os.environ.setdefault("PROMPT_TOOLKIT_NO_CPR", "1")


def interactive() -> bool:
    """A person at a terminal, who can be asked (not a script or a pipe)."""
    return sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("ZR_NO_PROMPT") != "1"


def _filter_any_script(question) -> None:
    """questionary's type-to-filter takes only ASCII keys: let Chinese
    characters (from an input method) filter the list too."""
    from prompt_toolkit.keys import Keys

    bindings = question.application.key_bindings
    handler = next((b.handler for b in getattr(bindings, "bindings", []) if b.keys == ("a",)), None)
    if handler is None:
        return

    def any_character(event):
        if event.data and event.data.isprintable() and not event.data.isascii():
            handler(event)

    bindings.add(Keys.Any, eager=True)(any_character)


def _answer(question):
    answer = question.unsafe_ask()  # raises KeyboardInterrupt on Ctrl-C
    if answer is None:
        raise KeyboardInterrupt
    return answer


def pick(message: str, choices: list[tuple[str, object]], *, default=None):
    """One of ``choices`` (label, value): arrows or the number, typing filters."""
    import questionary

    if not choices:
        raise KeyboardInterrupt
    items = [questionary.Choice(title=f"{label}", value=value) for label, value in choices]
    start = next((item for item in items if item.value == default), None)
    question = questionary.select(
        message, choices=items, default=start, use_shortcuts=len(items) <= 9 and len(items) > 1,
        use_search_filter=len(items) > 9, use_jk_keys=False,
        instruction="（↑↓ 选择，回车确定" + ("，输入文字筛选" if len(items) > 9 else "") + "，Ctrl-C 取消）",
    )
    if len(items) > 9:
        _filter_any_script(question)
    return _answer(question)


def pick_many(message: str, choices: list[tuple[str, object]], *, checked=()) -> list:
    """Several of ``choices``: space ticks, enter confirms."""
    import questionary

    items = [questionary.Choice(title=label, value=value, checked=value in checked) for label, value in choices]
    question = questionary.checkbox(message, choices=items, use_search_filter=len(items) > 9, use_jk_keys=False,
                                    instruction="（空格勾选，回车确定" + ("，输入文字筛选" if len(items) > 9 else "")
                                    + "，Ctrl-C 取消）")
    if len(items) > 9:
        _filter_any_script(question)
    return _answer(question)


def text(message: str, default: str = "", *, required: bool = False) -> str:
    import questionary

    while True:
        value = _answer(questionary.text(message, default=default)).strip()
        if value or not required:
            return value


def confirm(message: str, default: bool = False) -> bool:
    import questionary

    return bool(_answer(questionary.confirm(message, default=default, auto_enter=False)))
