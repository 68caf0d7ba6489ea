"""The plan as an iCalendar file: one all-day event per due date of each
obligation, so the office can import the year's deadlines into a calendar."""

from __future__ import annotations

import datetime as dt

from zerenqingdan.plan import Plan


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545: lines of at most 75 octets, continued with a leading space."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def plan_ics(plan: Plan, stamp: dt.datetime | None = None) -> str:
    org = plan.org
    stamp = (stamp or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//zr//zerenqingdan//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(f'{org.unit.name}{org.unit.year}年度党风廉政建设责任清单')}",
    ]
    for o in plan.obligations:
        if o.required == 0:
            continue
        holder = org.member(o.holder)
        duty = o.duty
        title = duty.title_for(org.unit.party_body, org.unit.discipline_body)
        summary = f"{holder.name}：{title}（{o.slot.label}）"
        detail = [f"要求：{duty.quota_text()}", f"依据：{plan.catalog.cite(duty.source)}"]
        if o.targets:
            from zerenqingdan.ledger.progress import target_name

            names = [
                target_name(org, o, t)
                for t in o.targets
            ]
            detail.append(f"需覆盖（{len(names)}）：{'、'.join(names)}")
        if duty.note:
            detail.append(duty.note)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{duty.id}-{o.holder}-{o.slot.label}@zr",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{o.slot.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{o.slot.due + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(chr(10).join(detail))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    return "\r\n".join(folded) + "\r\n"
