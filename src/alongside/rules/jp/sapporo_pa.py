"""Pure calculations of Sapporo's PA program (rules.md 1.2, DECISIONS.md D-03, D-04, D-15..D-18).

Every parameter arrives as an argument (the question handlers look them up by date), so each function
can be tested with the seed's own numbers. Money is integer yen; hours are Decimal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_FLOOR, Decimal

# --- PA-03, PA-04: the monthly budget -------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    budget: int  # yen per month
    max_transfer_hours: Decimal
    remaining_heavy_care_hours: Decimal


def max_transfer_hours(approved_hours: Decimal, min_remaining_hours: Decimal) -> Decimal:
    """PA-04: approved 重度訪問介護 hours minus the hour(s) that must stay with the agency; never below 0."""
    return max(approved_hours - min_remaining_hours, Decimal(0))


def budget_compute(*, approved_hours: Decimal, transfer_hours: Decimal, yen_per_hour: int,
                   min_remaining_hours: Decimal) -> Budget:
    """PA-03: budget = transferred hours × 2,400 yen, floored to the yen when hours are fractional (D-18).

    The caller refuses a transfer above max_transfer_hours (PA-04) before calling this.
    """
    budget = int((transfer_hours * yen_per_hour).to_integral_value(rounding=ROUND_FLOOR))
    return Budget(budget, max_transfer_hours(approved_hours, min_remaining_hours), approved_hours - transfer_hours)


def hours_affordable(budget: int, yen_per_hour: int) -> Decimal:
    """Hours of assistance a budget pays for at one hourly rate, floored to 0.1 h so they never cost more.

    002's example: 480,000 yen at 1,200 yen = 400 h; rules.md: at 1,300 yen 369.2 h, at 1,500 yen 320 h.
    """
    return (Decimal(budget) / Decimal(yen_per_hour)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


# --- PA-09, D-03: carry-over ----------------------------------------------------------------------


@dataclass(frozen=True)
class CarryOver:
    available: int
    unused: int
    carry_out: int
    forfeited: int
    overspent: int


def carry_over_compute(*, base_budget: int, carry_in: int, spent: int, carry_over_max: int,
                       notified: bool, notice_required: bool) -> CarryOver:
    """D-03: carry_out = min(unused, max) with notice; the rest of the unused money is forfeited.

    Spending above the available money is reported as overspent, never refused: the month happened.
    carry_over_max is 0 before 2012-04-01 (its own dated parameter), so no carry exists then.
    """
    available = base_budget + carry_in
    unused = max(available - spent, 0)
    may_carry = notified or not notice_required
    carry_out = min(unused, carry_over_max) if may_carry else 0
    return CarryOver(available, unused, carry_out, unused - carry_out, max(spent - available, 0))


# --- PA-06, PA-07, D-16: co-pay and the 高額PA費 refund ----------------------------------------------


@dataclass(frozen=True)
class Copay:
    pa_copay: int
    refund_due: int
    refund: int
    net_burden: int


def copay_compute(*, pa_spend: int, welfare_copay: int, cap: int, rate: Decimal,
                  refund_applied: bool, refund_requires_application: bool) -> Copay:
    """D-16: 10% of the PA spend, floored to the yen; welfare + PA co-pay above the cap is refunded.

    A household whose cap is 0 pays nothing. The refund never exceeds the PA co-pay (the welfare
    services already respect the cap on their own), and is paid only once applied for.
    """
    if cap == 0:
        return Copay(0, 0, 0, welfare_copay)
    pa_copay = int((pa_spend * rate).to_integral_value(rounding=ROUND_FLOOR))
    refund_due = min(max(welfare_copay + pa_copay - cap, 0), pa_copay)
    refund = refund_due if refund_applied or not refund_requires_application else 0
    return Copay(pa_copay, refund_due, refund, welfare_copay + pa_copay - refund)


# --- PA-12, D-17: management by proxy ----------------------------------------------------------------


def proxy_fee_compute(*, assistants_under_contract: int, user_can_self_manage: bool,
                      family_can_manage: bool, yen_per_assistant: int) -> tuple[bool, int]:
    """(eligible, fee): a proxy may manage only when neither the user nor the family can (002)."""
    eligible = not user_can_self_manage and not family_can_manage
    return eligible, (assistants_under_contract * yen_per_assistant if eligible else 0)


# --- PA-08, D-04: who may not be the assistant --------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    kind: str  # "blood" | "affinity" | "spouse" | "none"
    degree: int | None  # Civil Code degree (民法726条); a spouse has none


# Degrees counted as the Civil Code counts them (J-5, J-6): generations up to the common ancestor and
# down again; an in-law has the degree of the spouse's blood relative (or of the relative's spouse).
RELATIONS: dict[str, Relation] = {
    "none": Relation("none", None),
    "friend": Relation("none", None),
    "spouse": Relation("spouse", None),
    "common_law_spouse": Relation("spouse", None),
    "former_spouse": Relation("spouse", None),
    "parent": Relation("blood", 1),
    "child": Relation("blood", 1),
    "sibling": Relation("blood", 2),
    "grandparent": Relation("blood", 2),
    "grandchild": Relation("blood", 2),
    "great_grandparent": Relation("blood", 3),
    "great_grandchild": Relation("blood", 3),
    "uncle_aunt": Relation("blood", 3),
    "nephew_niece": Relation("blood", 3),
    "cousin": Relation("blood", 4),
    "spouse_parent": Relation("affinity", 1),
    "spouse_sibling": Relation("affinity", 2),
    "spouse_grandparent": Relation("affinity", 2),
    "spouse_uncle_aunt": Relation("affinity", 3),
    "spouse_nephew_niece": Relation("affinity", 3),
    "spouse_cousin": Relation("affinity", 4),
    "child_spouse": Relation("affinity", 1),
    "sibling_spouse": Relation("affinity", 2),
    "grandchild_spouse": Relation("affinity", 2),
    # The spouse of an in-law (wife's sister's husband) is no relative at all (J-6).
    "spouse_sibling_spouse": Relation("none", None),
}

_SPOUSE_FLAG = {"spouse": "spouse", "common_law_spouse": "common_law_spouse", "former_spouse": "former_spouse"}


def assistant_allowed(relation_code: str, excluded: dict) -> bool:
    """PA-08/D-04: no spouse of any kind, no blood or in-law relative within `max_kinship_degree`."""
    relation = RELATIONS[relation_code]
    if relation.kind == "spouse":
        return not excluded[_SPOUSE_FLAG[relation_code]]
    if relation.kind in ("blood", "affinity"):
        return relation.degree > excluded["max_kinship_degree"]
    return True


# --- PA-13, PA-14, D-15: deadlines -------------------------------------------------------------------


@dataclass(frozen=True)
class Deadlines:
    apply_by: date
    claim_by: date
    pay_by: date
    payment_proof_by: date


def add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def deadlines_compute(service_month: date, days: dict, next_working_day: Callable[[date], date]) -> Deadlines:
    """Deadlines for the PA of one service month, each moved off weekends and holidays (D-15).

    Apply by the 10th of the month before; claim by the 5th of the month after (must arrive); the city
    pays by the 25th of the claim month. Proof of paying the assistants comes with the claim filed two
    months after the service month (「翌々月のＰＡ費の請求の際に」), i.e. the next month's claim.
    """
    def on(month_offset: int, day: int) -> date:
        return next_working_day(add_months(service_month, month_offset) + timedelta(days=day - 1))

    return Deadlines(
        apply_by=on(-1, days["apply_by_day_of_prior_month"]),
        claim_by=on(1, days["claim_by_day_of_next_month"]),
        pay_by=on(1, days["pay_by_day_of_claim_month"]),
        payment_proof_by=on(2, days["claim_by_day_of_next_month"]),
    )
