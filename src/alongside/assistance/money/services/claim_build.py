"""A month's claim worked out from the records (PA-05): one line per assistant from their confirmed shifts, one
per expense, one for the proxy fee (D-17); the totals, the co-pay and refund (D-16), the carry-over (D-03) and the
deadlines (PA-14). The result is plain JSON (`figures`): what the claim page shows and, once the claim is sent,
what its papers print, unchanged by anything that happens later.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from alongside.assistance import choices as c
from alongside.assistance import rules_input
from alongside.assistance.models import PaEnrolment, ShiftSegment
from alongside.assistance.money import figures as f
from alongside.assistance.money import months
from alongside.assistance.money.services._common import name_of

FIGURES_VERSION = 1
# Figures set at sending; left out when a draft is compared with the records again.
SENT_KEYS = ("submitted_on", "submitted_by", "submitted_on_behalf_of")


@dataclass(frozen=True)
class LineSpec:
    """A ClaimLine to write."""

    assistant_id: int | None
    description: str
    minutes: int
    amount: int
    payee: str


@dataclass(frozen=True)
class Built:
    figures: dict
    lines: tuple[LineSpec, ...]
    money: f.MonthMoney


def claim_build(enrolment: PaEnrolment, month: dt.date, *, today: dt.date | None = None) -> Built:
    """Everything a claim of `month` says, from the records as they are now (Sapporo only)."""
    money = f.month_money(enrolment, month, today=today)
    zone = rules_input.household_zone(enrolment.household.jurisdiction)
    shifts = _shift_rows(enrolment, month, zone)
    fee, assistants, _flags, _rules = f.proxy_fee_of(enrolment, month)
    expenses = f.counted_expenses(enrolment, month, proxy_fee=fee)
    lines = _assistant_lines(shifts) + [
        {"kind": "expense", "expense_id": e.pk, "description": e.description, "expense_kind": e.kind,
         "date": e.spent_on.isoformat(), "receipt": e.receipt, "minutes": 0, "amount": e.amount, "payee": "user",
         "payee_name": ""}
        for e in expenses
    ]  # fmt: skip
    if fee:
        lines.append(_proxy_fee_line(enrolment, fee, assistants))
    shifts_amount = sum(line["amount"] for line in lines if line["kind"] == "assistant")
    total = sum(line["amount"] for line in lines)
    carry = _carry(enrolment, month, money, total)
    figures = {
        "version": FIGURES_VERSION,
        "month": f"{month:%Y-%m}",
        "program": enrolment.program,
        "currency": money.currency,
        "user_name": enrolment.user_person.name,
        "household": enrolment.household.name,
        "proxy_name": enrolment.proxy.person.name if enrolment.proxy_id else "",
        "budget": money.budget,
        "carry_in": money.carry_in,
        "available": money.available,
        "shifts": shifts,
        "lines": lines,
        "shifts_amount": shifts_amount,
        "expenses_amount": total - shifts_amount,
        "proxy_fee": fee,
        "proxy_fee_assistants": assistants if fee else 0,
        "total": total,
        "copay": money.copay.pa_copay,
        "copay_cap": money.copay.cap,
        "welfare_copay": money.copay.welfare_copay,
        "refund_due": money.copay.refund_due,
        "refund": money.copay.refund,
        "refund_applied": money.copay.refund_applied,
        "city_pays": total - money.copay.pa_copay,
        "carry_over_notified": carry["notified"],
        "carry_out": carry["carry_out"],
        "forfeited": carry["forfeited"],
        "overspent": carry["overspent"],
        "claim_by": money.deadlines.claim_by.isoformat(),
        "pay_by": money.deadlines.pay_by.isoformat(),
        "payment_proof_by": money.deadlines.payment_proof_by.isoformat(),
        "rule_ids": sorted(set(money.rule_ids) | set(carry["rule_ids"]) | {"PA-05", "PA-14"}),
    }
    specs = tuple(
        LineSpec(line.get("assistant_id"), line["description"], line["minutes"], line["amount"], line["payee"])
        for line in lines
    )
    return Built(figures, specs, money)


def same_claim(draft: dict, fresh: dict) -> bool:
    """Whether a draft's figures still match the records (everything but what sending adds)."""
    def core(figures: dict) -> dict:
        return {k: v for k, v in figures.items() if k not in SENT_KEYS}

    return core(draft) == core(fresh)


def _shift_rows(enrolment: PaEnrolment, month: dt.date, zone) -> list[dict]:
    """One row per confirmed shift with parts on the month's dates, in order of start (D-02)."""
    segments = (
        ShiftSegment.objects.filter(shift__enrolment=enrolment, shift__status=c.ShiftStatus.CONFIRMED,
                                    date__gte=month, date__lt=months.add(month, 1))
        .select_related("shift__assistant__person", "shift__confirmed_by__person")
        .order_by("shift__planned_start", "shift_id", "date", "id")
    )  # fmt: skip
    by_shift: dict[int, list[ShiftSegment]] = defaultdict(list)
    shifts = {}
    for segment in segments:
        by_shift[segment.shift_id].append(segment)
        shifts[segment.shift_id] = segment.shift
    rows = [_shift_row(shifts[pk], parts, zone) for pk, parts in by_shift.items()]
    return sorted(rows, key=lambda row: (row["start_at"], row["id"]))


def _shift_row(shift, parts: list[ShiftSegment], zone) -> dict:
    start = timezone.localtime(shift.start, zone)
    end = timezone.localtime(shift.end, zone)
    bands: dict[str, int] = defaultdict(int)
    for part in parts:
        bands[part.band] += part.minutes
    days_later = (end.date() - start.date()).days
    end_text = f"{end:%H:%M}" if days_later == 0 else ("翌" if days_later == 1 else f"{end:%m/%d} ") + f"{end:%H:%M}"
    return {
        "id": shift.pk,
        "assistant_id": shift.assistant_id,
        "assistant": shift.assistant.person.name,
        "paid_directly": shift.assistant.paid_directly,
        "date": min(p.date for p in parts).isoformat(),
        "start_at": start.isoformat(),
        "start": f"{start:%H:%M}",
        "end": end_text,
        "minutes": sum(p.minutes for p in parts),
        "day_minutes": bands.get("day", 0),
        "night_minutes": sum(m for band, m in bands.items() if band != "day"),
        "amount": sum(p.amount for p in parts),
        "activities": list(shift.activities or []),
        "activity_log": shift.activity_log,
        "note": shift.note,
        "confirmed_by": name_of(shift.confirmed_by),
        "confirmed_on_behalf_of": shift.confirmed_on_behalf_of,
        "confirmed_at": timezone.localtime(shift.confirmed_at, zone).isoformat() if shift.confirmed_at else "",
    }


def _assistant_lines(shifts: list[dict]) -> list[dict]:
    """A line per assistant, in the order of their names: the month's confirmed minutes and pay. A line of an
    assistant the city pays directly (proxy receipt, 代理受領) names them as payee (PA-05)."""
    totals: dict[int, dict] = {}
    for row in shifts:
        line = totals.setdefault(row["assistant_id"], {
            "kind": "assistant", "assistant_id": row["assistant_id"], "description": row["assistant"],
            "shifts": 0, "minutes": 0, "amount": 0,
            "payee": c.PayeeKind.ASSISTANT.value if row["paid_directly"] else c.PayeeKind.USER.value,
            "payee_name": row["assistant"] if row["paid_directly"] else "",
        })  # fmt: skip
        line["shifts"] += 1
        line["minutes"] += row["minutes"]
        line["amount"] += row["amount"]
    return sorted(totals.values(), key=lambda line: (line["description"], line["assistant_id"]))


def _proxy_fee_line(enrolment: PaEnrolment, fee: int, assistants: int) -> dict:
    """D-17: the fee for managing by proxy. The proxy is paid it through the user, or directly when the city
    pays the proxy directly (proxy receipt)."""
    proxy = enrolment.proxy
    direct = bool(proxy and proxy.paid_directly)
    return {
        "kind": "proxy_fee", "assistant_id": None, "description": f"介助者{assistants}名分",
        "assistants": assistants, "minutes": 0, "amount": fee,
        "payee": c.PayeeKind.ASSISTANT.value if direct else c.PayeeKind.USER.value,
        "payee_name": proxy.person.name if direct else "",
    }  # fmt: skip


def _carry(enrolment: PaEnrolment, month: dt.date, money: f.MonthMoney, total: int) -> dict:
    """D-03 on what the claim spends (the month's money view also counts shifts not confirmed yet)."""
    notified = bool(money.carry and money.carry.notified)
    answer = rules_input.month_carry(
        month=month, base_budget=money.budget, carry_in=money.carry_in, spent=total, carry_over_notified=notified,
        jurisdiction=enrolment.household.jurisdiction,
    )  # fmt: skip
    return {"notified": notified, "carry_out": answer["carry_out"], "forfeited": answer["forfeited"],
            "overspent": answer["overspent"], "rule_ids": answer["rule_ids"]}  # fmt: skip
