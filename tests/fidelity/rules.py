"""The measurable rules each source document states, as read from the seed
(one table per preset in ``table_<preset>.py``), and how a preset's duty is
reduced to the same shape so the two can be compared exactly."""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    source: str  # the article, e.g. "002 §12", "003 第十一条6", "000 二(一)5(1)", "001 纪委意见三(一)"
    holder: str  # secretary, party, leader, head, discipline, function:政工
    event: str  # talk, lecture, hearing, meeting, report, signing, inspection, opinion, appointment, other
    type: str | None
    count: int | None  # None: the document gives no number (frequency 定期/适时/及时, 本单位自定)
    period: str | None  # year, half, quarter; None for a triggered duty
    scope: str = "self"
    deadline: str | None = None  # "MM-DD"
    due_next_year: bool = False
    recipients: tuple[str, ...] = ()
    trigger: str | None = None  # "meeting:民主生活会+7", "appointment:before", "inspection:审计" (no limit)
    when: str | None = None  # the time in the document's words only (年初, 年底): zr reads it as a stated date


class Letter(NamedTuple):
    party_a: str
    party_b: str
    source: str


class Pledge(NamedTuple):
    type: str
    signers: str
    countersign: str | None
    source: str


def rule_of(duty) -> Rule:
    """A catalog duty in the table's shape."""
    trigger = None
    if duty.trigger is not None:
        t = duty.trigger
        trigger = f"{t.event}:{t.type}" if t.type else t.event
        if t.before:
            trigger += ":before"
        elif t.within_days is not None:
            trigger += f"+{t.within_days}"
    holder = f"function:{duty.function}" if duty.holder == "function" else duty.holder
    return Rule(
        source=duty.source,
        holder=holder,
        event=duty.event,
        type=duty.type,
        count=duty.count,
        period=None if duty.trigger is not None else duty.period,
        scope=duty.scope,
        deadline=f"{duty.deadline[0]:02d}-{duty.deadline[1]:02d}" if duty.deadline and not duty.deadline_read else None,
        due_next_year=duty.due_next_year,
        recipients=tuple(duty.recipients),
        trigger=trigger,
        when=duty.when if duty.deadline_read else None,
    )
