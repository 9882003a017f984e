"""The `jp.sapporo.pa.*` questions of rules-api.md: parse, look the dated parameters up, compute.

Each handler collects every bad field before refusing (inputs.Fields), looks parameters up on the date
that decides (the service month; for shifts each segment's own date, rules.md Part 3) and returns
plain data with the rule IDs it applied.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from alongside.rules import calendar
from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.inputs import Fields
from alongside.rules.jp import sapporo_pa
from alongside.rules.jp.shift import Piece, piece_amount, split_shift
from alongside.rules.reader import Reader
from alongside.rules.registry import question

PROGRAM = "jp.sapporo.pa"
COPAY_CAPS = "jp.disability.copay_caps"
SAPPORO = "jp.sapporo"
INCOME_TIERS = ("welfare", "low_income", "general_1", "general_2")
# Input sanity, not a program rule: a month of continuous care is the longest shift we price.
MAX_SHIFT = timedelta(days=31)


# --- jp.sapporo.pa.budget ---------------------------------------------------------------------------


@question("jp.sapporo.pa.budget",
          "Sapporo PA: monthly budget from heavy-care hours moved to PA, and the transfer limit (PA-03, PA-04).",
          default_jurisdiction=SAPPORO)
def budget(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    month = fields.month("month")
    approved = fields.hours("approved_hours")
    transfer = fields.hours("transfer_hours")
    rate = fields.integer("rate", minimum=1, optional=True)  # optional: hours the budget buys at this rate
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="month")
    params.require_valid(month)
    yen_per_hour = params.value("yen_per_transferred_hour", on=month)
    min_remaining = Decimal(params.value("min_remaining_heavy_care_hours", on=month))
    params.cite("D-18")  # fractional hours: the budget is floored to the yen
    maximum = sapporo_pa.max_transfer_hours(approved, min_remaining)
    if transfer > maximum:
        raise RuleInputError(FieldError(
            "transfer_hours", "transfer_above_maximum",
            f"At most {maximum} of the {approved} approved hours can move to PA: "
            f"at least {min_remaining} hour(s) must stay with heavy home-visit care.",
            {"max_transfer_hours": str(maximum)},
        ))
    result = sapporo_pa.budget_compute(approved_hours=approved, transfer_hours=transfer,
                                       yen_per_hour=yen_per_hour, min_remaining_hours=min_remaining)
    body = {
        "budget": result.budget,
        "remaining_heavy_care_hours": result.remaining_heavy_care_hours,
        "max_transfer_hours": result.max_transfer_hours,
    }
    if rate is not None:
        hours_at_rate = sapporo_pa.hours_affordable(result.budget, rate)
        body["hours_at_rate"] = hours_at_rate
        body["total_hours"] = hours_at_rate + result.remaining_heavy_care_hours
    return params.answer(body)


# --- jp.sapporo.pa.shift ----------------------------------------------------------------------------


@question("jp.sapporo.pa.shift",
          "Sapporo PA: one shift split at 05:00, 22:00 and midnight, priced per segment against the caps "
          "(D-01, D-02).",
          default_jurisdiction=SAPPORO)
def shift(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    start = fields.local_datetime("start")
    end = fields.local_datetime("end")
    pay = fields.object("pay")
    transport_included = fields.boolean("transport_included")
    if start and end and end <= start:
        fields.error("end", "not_after_start", "The shift must end after it starts.")
    elif start and end and end - start > MAX_SHIFT:
        fields.error("end", "shift_too_long", "A shift longer than 31 days cannot be priced; split it.")
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="start")
    params.require_valid(start.date(), field="start")
    params.cite("D-02", "PA-05")  # split per D-02; each amount is the actual cost at the contract rate
    pieces = split_shift(start, end, lambda day: params.value("time_bands", on=day))
    rates = _band_rates(pay, sorted({piece.band for piece in pieces}))
    pay.raise_if_errors()

    readings: set[str] = set()
    segments = [_priced_segment(piece, rates[piece.band], transport_included, params, readings)
                for piece in pieces]
    violations = _violations(segments)
    return params.answer({
        "segments": segments,
        "total": sum(segment["amount"] for segment in segments),
        "valid": not violations,
        "violations": violations,
        "pay_cap_reading": "+".join(sorted(readings)),
    })


def _band_rates(pay: Fields, bands: list[str]) -> dict[str, int]:
    """The contract's hourly pay for each band the shift touches (integer yen)."""
    return {band: pay.money(band) for band in bands}


def _priced_segment(piece: Piece, rate: int, transport_included: bool, params: Reader,
                    readings: set[str]) -> dict:
    cap, reading = _pay_cap(piece.date, piece.band, transport_included, params)
    readings.add(reading)
    rounding = params.value("shift_amount_rounding", on=piece.date)
    return {
        "date": piece.date.isoformat(),
        "band": piece.band,
        "start": piece.start_at().isoformat(timespec="minutes"),
        "end": piece.end_at().isoformat(timespec="minutes"),
        "minutes": piece.minutes,
        "hours": piece.hours,
        "rate": rate,
        "cap": cap,
        "amount": piece_amount(piece, rate, rounding["mode"], rounding["unit"]),
    }


def _pay_cap(day: date, band: str, transport_included: bool, params: Reader) -> tuple[int, str]:
    """D-01: reading A caps depend on whether pay includes transport; reading B caps the wage alone."""
    caps_by_band = params.value("pay_cap_per_hour", on=day)  # cites the rule, notes an unverified reading
    # The reading is a property of the version, not of its value; Reader.value returns only the value.
    resolved = params.store.resolve(PROGRAM, "pay_cap_per_hour", on=day, jurisdiction=params.jurisdiction,
                                    field="start")
    reading = resolved.versions[-1].reading or "A"
    caps = caps_by_band[band]
    if reading == "B":
        return caps["wage"], reading
    return caps["incl_transport" if transport_included else "excl_transport"], reading


def _violations(segments: list[dict]) -> list[dict]:
    seen: list[dict] = []
    for segment in segments:
        if segment["rate"] > segment["cap"]:
            violation = {"band": segment["band"], "rate": segment["rate"], "cap": segment["cap"]}
            if violation not in seen:
                seen.append(violation)
    return seen


# --- jp.sapporo.pa.month ----------------------------------------------------------------------------


@question("jp.sapporo.pa.month",
          "Sapporo PA: one month's available money, unused money and carry-over (D-03, PA-09).",
          default_jurisdiction=SAPPORO)
def month(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    service_month = fields.month("month")
    base_budget = fields.money("base_budget")
    carry_in = fields.money("carry_in")
    spent = fields.money("spent")
    notified = fields.boolean("carry_over_notified")
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="month")
    params.require_valid(service_month)
    params.cite("D-03")
    carry_in_max = _carry_over_max_of_previous_month(service_month, params)
    if carry_in > carry_in_max:
        raise RuleInputError(FieldError(
            "carry_in", "carry_in_above_maximum",
            f"At most {carry_in_max} yen can be carried into {service_month:%Y-%m}.",
            {"max_carry_in": carry_in_max},
        ))
    carry_max = params.value("carry_over_max", on=service_month)
    notice_required = params.value("carry_over_requires_notice", on=service_month)
    result = sapporo_pa.carry_over_compute(base_budget=base_budget, carry_in=carry_in, spent=spent,
                                           carry_over_max=carry_max, notified=notified,
                                           notice_required=notice_required)
    flags = []
    if result.unused and carry_max == 0:
        flags.append("carry_over_not_in_force")
    elif result.unused and notice_required and not notified:
        flags.append("carry_over_not_notified")
    if result.overspent:
        flags.append("overspent")
    return params.answer({
        "available": result.available,
        "unused": result.unused,
        "carry_out": result.carry_out,
        "forfeited": result.forfeited,
        "overspent": result.overspent,
        "flags": flags,
    })


def _carry_over_max_of_previous_month(service_month: date, params: Reader) -> int:
    """What the previous month could carry out: the most this month can carry in."""
    previous = sapporo_pa.add_months(service_month, -1)
    program_start, _ = params.store.program_validity(PROGRAM, params.jurisdiction)
    if program_start is not None and previous < program_start:
        return 0  # the program did not exist yet: there was nothing to carry
    return params.value("carry_over_max", on=previous)


# --- jp.sapporo.pa.copay ----------------------------------------------------------------------------


@question("jp.sapporo.pa.copay",
          "Sapporo PA: the user's co-pay with the monthly cap and the 高額PA費 refund (D-16, PA-06, J-1).",
          default_jurisdiction=SAPPORO)
def copay(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    service_month = fields.month("month")
    tier = fields.choice("income_tier", INCOME_TIERS)
    pa_spend = fields.money("pa_spend")
    welfare_copay = fields.money("welfare_copay")
    refund_applied = fields.boolean("refund_applied")
    residential_adult = fields.boolean("residential_adult", optional=True, default=False)
    child = fields.boolean("child", optional=True, default=False)
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="month")
    params.require_valid(service_month)
    caps = Reader(COPAY_CAPS, jurisdiction, field="month")
    cap = _monthly_cap(service_month, tier, residential_adult=residential_adult, child=child, caps=caps)
    if welfare_copay > cap:
        raise RuleInputError(FieldError(
            "welfare_copay", "above_monthly_cap",
            f"A welfare-service co-pay of {welfare_copay} yen is above the monthly cap of {cap} yen, "
            "which the welfare services already apply.",
            {"cap": cap},
        ))
    rounding = params.value("copay_rounding", on=service_month)
    if rounding != {"mode": "floor", "unit": 1}:
        raise ValueError(f"copay_rounding {rounding} is not supported: only floor to the yen")
    result = sapporo_pa.copay_compute(
        pa_spend=pa_spend, welfare_copay=welfare_copay, cap=cap,
        rate=params.value("copay_rate", on=service_month), refund_applied=refund_applied,
        refund_requires_application=params.value("refund_requires_application", on=service_month),
    )
    flags = []
    if cap == 0:
        flags.append("no_copay_cap_zero")
    if result.refund_due and not result.refund:
        flags.append("refund_not_applied")
    answer = params.answer({
        "pa_copay": result.pa_copay,
        "cap": cap,
        "refund_due": result.refund_due,
        "refund": result.refund,
        "net_burden": result.net_burden,
        "flags": flags,
    })
    answer["rule_ids"] = sorted(set(answer["rule_ids"]) | caps.rule_ids)
    return answer


def _monthly_cap(on: date, tier: str, *, residential_adult: bool, child: bool, caps: Reader) -> int:
    """J-1..J-3: the cap by tier; 一般1 is 4,600 for a child and does not apply to adults in residence."""
    if tier == "general_1" and residential_adult and caps.value("general_1_excludes_residential_adults", on=on):
        tier = "general_2"
    elif tier == "general_1" and child:
        return caps.value("monthly_cap_general_1_child", on=on)
    return caps.value("monthly_cap", on=on)[tier]


# --- jp.sapporo.pa.proxy_fee ------------------------------------------------------------------------


@question("jp.sapporo.pa.proxy_fee",
          "Sapporo PA: the management-by-proxy fee for a month (D-17, PA-12).",
          default_jurisdiction=SAPPORO)
def proxy_fee(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    service_month = fields.month("month")
    assistants = fields.integer("assistants_under_contract", minimum=0)
    user_can_self_manage = fields.boolean("user_can_self_manage")
    family_can_manage = fields.boolean("family_can_manage")
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="month")
    params.require_valid(service_month)
    fee = params.value("proxy_fee", on=service_month)
    eligible, amount = sapporo_pa.proxy_fee_compute(
        assistants_under_contract=assistants, user_can_self_manage=user_can_self_manage,
        family_can_manage=family_can_manage, yen_per_assistant=fee["yen_per_assistant_per_month"],
    )
    reason = ("proxy_allowed" if eligible
              else "user_can_self_manage" if user_can_self_manage else "family_can_manage")
    return params.answer({"eligible": eligible, "fee": amount, "uses_budget": fee["uses_budget"],
                          "reason": reason})


# --- jp.sapporo.pa.deadlines ------------------------------------------------------------------------


@question("jp.sapporo.pa.deadlines",
          "Sapporo PA: application, claim, payment and proof-of-payment deadlines of a service month "
          "(PA-13, PA-14, D-15).",
          default_jurisdiction=SAPPORO)
def deadlines(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    service_month = fields.month("month")
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="month")
    params.require_valid(service_month)
    days = params.value("deadlines", on=service_month)
    if days["on_non_working_day"] != "next_working_day":
        raise ValueError(f"deadlines.on_non_working_day {days['on_non_working_day']!r} is not supported")
    result = sapporo_pa.deadlines_compute(
        service_month, days, lambda day: calendar.next_working_day(day, jurisdiction))
    return params.answer({
        "apply_by": result.apply_by.isoformat(),
        "claim_by": result.claim_by.isoformat(),
        "pay_by": result.pay_by.isoformat(),
        "payment_proof_by": result.payment_proof_by.isoformat(),
    })


# --- jp.sapporo.pa.assistant_allowed -----------------------------------------------------------------


@question("jp.sapporo.pa.assistant_allowed",
          "Sapporo PA: may this relative of the user be their paid assistant? (D-04, PA-08)",
          default_jurisdiction=SAPPORO)
def assistant_allowed(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    relation = fields.choice("relation", tuple(sapporo_pa.RELATIONS))
    on = fields.date("date", optional=True)  # optional: without it, the latest recorded rule
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="date")
    excluded = params.value("excluded_assistants", on=on or _latest_start(params, "excluded_assistants"))
    params.cite("J-5", "J-6")
    kind = sapporo_pa.RELATIONS[relation]
    return params.answer({
        "allowed": sapporo_pa.assistant_allowed(relation, excluded),
        "degree": kind.degree,
        "kind": kind.kind,
    })


def _latest_start(params: Reader, key: str) -> date:
    """The start of the newest dated version of `key`: "the rule as currently recorded"."""
    starts = [version.start for layer in params.store.layers(PROGRAM, params.jurisdiction)
              for version in layer.parameters.get(key, ()) if version.start is not None]
    return max(starts)

