"""The month's money of one PA household: what the budget is, what is used, what is left, and what the rules say
about carry-over, co-pay, the proxy fee and the deadlines (PA-03, PA-05..PA-07, PA-09, PA-12..PA-14; D-03, D-16,
D-17). A read: nothing here writes.

Spending is counted from the shifts' priced segments, each booked to its own date (D-02), so a shift across a month
end counts in both months:
- spent: segments of confirmed shifts (the user confirmed them: this is what the claim pays);
- recorded: segments of shifts the assistant recorded and the user has not confirmed yet;
- committed: segments of planned or started shifts (money the plan will use);
- expenses: the month's other PA expenses (job advertisements and the like);
- proxy fee: D-17, when a proxy manages for the user; it uses the budget.
Going over the money is reported, never refused: the month happened.

Sapporo: the budget is the month's application (once sent), plus what the previous month carried in (D-03).
Taiwan (tw.pa): the budget is the county's approved hours × rate (the application's budget); the co-pay is the
county's per-hour share of the confirmed hours; nothing carries over and Sapporo's deadlines do not apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from alongside.assistance import choices as c
from alongside.assistance import rules_input
from alongside.assistance.models import Application, Assistant, Claim, Expense, PaEnrolment, Payment, ShiftSegment
from alongside.assistance.money import months
from alongside.core.errors import DomainError

# The application counts once it has left the user's hands (the city decides on what was sent).
BUDGET_STATUSES = (c.ApplicationStatus.SUBMITTED, c.ApplicationStatus.FORWARDED, c.ApplicationStatus.APPROVED)
# A claim's figures are frozen once sent; a returned claim will change again.
FROZEN_CLAIM = (c.ClaimStatus.SUBMITTED, c.ClaimStatus.FORWARDED, c.ClaimStatus.PAID)
WARN_SHARE = Decimal("0.85")
# How far back the carry-over is recomputed when no sent claim froze it; a sent claim stops the walk much sooner.
CARRY_MONTHS_BACK = 36

# Warning codes (the pages word them; the API returns the codes).
NO_APPLICATION = "no_application"
USED_85 = "used_85_percent"
OVER_BUDGET = "over_budget"
CARRY_NOT_NOTIFIED = "carry_over_not_notified"
REFUND_NOT_APPLIED = "refund_not_applied"
PROXY_FEE_NOT_IN_FORCE = "proxy_fee_not_in_force"
PROXY_FEE_EXPENSE_NOT_COUNTED = "proxy_fee_expense_not_counted"
NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class HoursLeft:
    """How many hours the money left buys at one assistant's day rate."""

    assistant_id: int
    name: str
    day_rate: int
    hours: Decimal


@dataclass(frozen=True)
class CarryOver:
    """D-03: what this month carries to the next one, if its spending stays as it is now."""

    notified: bool
    unused: int
    carry_out: int
    forfeited: int
    overspent: int
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Copay:
    """D-16 (Sapporo) or the county's per-hour share (Taiwan) on the confirmed spending so far."""

    pa_spend: int
    pa_copay: int
    cap: int | None
    welfare_copay: int
    refund_due: int
    refund: int
    refund_applied: bool
    flags: tuple[str, ...]
    hours: Decimal | None = None  # Taiwan: the confirmed hours the share is counted on


@dataclass(frozen=True)
class Deadlines:
    """PA-13, PA-14, D-15: send the claim by (must arrive), the city pays by, proof of paying comes by."""

    apply_by: dt.date
    claim_by: dt.date
    pay_by: dt.date
    payment_proof_by: dt.date


@dataclass(frozen=True)
class ProofDue:
    """A payment to an assistant whose proof goes with this month's claim or is already late (PA-14)."""

    payment_id: int
    assistant_name: str
    service_month: dt.date
    amount: int
    proof_due: dt.date
    overdue: bool


@dataclass(frozen=True)
class Spending:
    spent: int
    recorded: int
    committed: int
    expenses: int
    proxy_fee: int
    proxy_fee_assistants: int
    proxy_fee_flags: tuple[str, ...]
    confirmed_minutes: int
    recorded_shifts: int
    rule_ids: tuple[str, ...]

    @property
    def used(self) -> int:
        return self.spent + self.recorded + self.committed + self.expenses + self.proxy_fee

    @property
    def claimable(self) -> int:
        """What a claim made now would ask for: confirmed shifts, expenses, the proxy fee."""
        return self.spent + self.expenses + self.proxy_fee


@dataclass(frozen=True)
class MonthMoney:
    enrolment_id: int
    month: dt.date
    program: str
    currency: str  # JPY or TWD
    application_id: int | None
    application_status: str  # '' when there is none
    budget: int
    carry_in: int
    carry_in_from_claim: bool
    available: int
    spent: int
    recorded: int
    committed: int
    expenses: int
    proxy_fee: int
    proxy_fee_assistants: int
    used: int
    left: int
    used_percent: int  # floored; 0 when nothing is available
    hours_left: tuple[HoursLeft, ...]
    carry: CarryOver | None  # None for Taiwan
    copay: Copay
    deadlines: Deadlines | None  # None for Taiwan
    proofs_due: tuple[ProofDue, ...]
    recorded_shifts: int
    warnings: tuple[str, ...]
    rule_ids: tuple[str, ...] = field(default=())

    @property
    def is_sapporo(self) -> bool:
        return self.program == c.Program.SAPPORO

    @property
    def claimable(self) -> int:
        return self.spent + self.expenses + self.proxy_fee

    @property
    def city_pays(self) -> int:
        """What the city pays on the claim: the total less the co-pay. The refund is paid back separately."""
        return self.claimable - self.copay.pa_copay


def month_money(enrolment: PaEnrolment, month: dt.date, *, today: dt.date | None = None) -> MonthMoney:
    """The money of `enrolment` in `month` (any day of it). Rule refusals arrive as DomainError."""
    month = months.first_of(month)
    today = today or months.today_of(enrolment)
    if enrolment.program == c.Program.TAIWAN_COUNTY:
        return _taiwan(enrolment, month, today)
    return _sapporo(enrolment, month, today)


# --- Sapporo --------------------------------------------------------------------------------------------------


def _sapporo(enrolment: PaEnrolment, month: dt.date, today: dt.date) -> MonthMoney:
    jurisdiction = enrolment.household.jurisdiction
    application = budget_application(enrolment, month)
    budget = application.budget if application else 0
    carry_in, from_claim = carry_in_of(enrolment, month)
    spending = spending_of(enrolment, month)
    available = budget + carry_in
    carry_answer = rules_input.month_carry(
        month=month, base_budget=budget, carry_in=carry_in, spent=spending.used,
        carry_over_notified=bool(application and application.carry_over_notified), jurisdiction=jurisdiction,
    )  # fmt: skip
    carry = CarryOver(
        notified=bool(application and application.carry_over_notified), unused=carry_answer["unused"],
        carry_out=carry_answer["carry_out"], forfeited=carry_answer["forfeited"],
        overspent=carry_answer["overspent"], flags=tuple(carry_answer["flags"]),
    )  # fmt: skip
    copay_answer = rules_input.copay(
        month=month, income_tier=enrolment.income_tier, pa_spend=spending.claimable,
        welfare_copay=application.welfare_copay if application else 0,
        refund_applied=bool(application and application.refund_applied), jurisdiction=jurisdiction,
    )  # fmt: skip
    copay = Copay(
        pa_spend=spending.claimable, pa_copay=copay_answer["pa_copay"], cap=copay_answer["cap"],
        welfare_copay=application.welfare_copay if application else 0, refund_due=copay_answer["refund_due"],
        refund=copay_answer["refund"], refund_applied=bool(application and application.refund_applied),
        flags=tuple(copay_answer["flags"]),
    )  # fmt: skip
    dates = rules_input.deadlines(month=month, jurisdiction=jurisdiction)
    deadlines = Deadlines(*(dt.date.fromisoformat(dates[k]) for k in ("apply_by", "claim_by", "pay_by",
                                                                        "payment_proof_by")))  # fmt: skip
    warnings = _warnings(application, available, spending)
    if carry_answer["unused"] and "carry_over_not_notified" in carry.flags:
        warnings.append(CARRY_NOT_NOTIFIED)
    if "refund_not_applied" in copay.flags:
        warnings.append(REFUND_NOT_APPLIED)
    rule_ids = set(spending.rule_ids) | set(carry_answer["rule_ids"]) | set(copay_answer["rule_ids"])
    rule_ids |= set(dates["rule_ids"])
    return _month_money(
        enrolment, month, application, budget=budget, carry_in=carry_in, from_claim=from_claim, spending=spending,
        carry=carry, copay=copay, deadlines=deadlines, proofs=proofs_due(enrolment, deadlines.claim_by, today),
        warnings=warnings, rule_ids=rule_ids,
    )  # fmt: skip


def carry_in_of(enrolment: PaEnrolment, month: dt.date) -> tuple[int, bool]:
    """D-03: what the previous month carries into `month`, and whether a sent claim froze it.

    The previous month's sent claim says it; otherwise the rules work it out from the previous month's own
    figures (its budget, what it carried in, what it used, whether its carry-over notice was filed).
    """
    if enrolment.program != c.Program.SAPPORO:
        return 0, False
    chain: list[tuple[dt.date, Application]] = []
    previous = months.add(month, -1)
    carried = 0
    from_claim = False
    for _step in range(CARRY_MONTHS_BACK):
        if previous < months.first_of(enrolment.started_on):
            break
        frozen = Claim.objects.filter(enrolment=enrolment, month=previous, status__in=FROZEN_CLAIM).first()
        if frozen is not None:
            carried, from_claim = frozen.carry_out, not chain
            break
        application = budget_application(enrolment, previous)
        if application is None:
            break  # no application: no budget and no notice, so nothing carries past this month (D-03)
        chain.append((previous, application))
        previous = months.add(previous, -1)
    for earlier, application in reversed(chain):
        answer = rules_input.month_carry(
            month=earlier, base_budget=application.budget, carry_in=carried,
            spent=spending_of(enrolment, earlier).used, carry_over_notified=application.carry_over_notified,
            jurisdiction=enrolment.household.jurisdiction,
        )  # fmt: skip
        carried = answer["carry_out"]
    return carried, from_claim


# --- Taiwan ---------------------------------------------------------------------------------------------------


def _taiwan(enrolment: PaEnrolment, month: dt.date, today: dt.date) -> MonthMoney:
    application = budget_application(enrolment, month)
    budget = application.budget if application else 0
    spending = spending_of(enrolment, month)
    hours = Decimal(spending.confirmed_minutes) / 60
    answer = rules_input.taiwan_month(
        month=month, age=_age(enrolment.user_person.birth_date, month), income=enrolment.income_tier,
        independent_living_plan=bool(enrolment.independent_living_plan_on), hours=hours,
        jurisdiction=enrolment.household.jurisdiction,
    )  # fmt: skip
    flags = () if answer["eligible"] else (NOT_ELIGIBLE, *answer["reasons"])
    copay = Copay(pa_spend=spending.claimable, pa_copay=answer["user"], cap=None, welfare_copay=0, refund_due=0,
                  refund=0, refund_applied=False, flags=flags, hours=hours)  # fmt: skip
    warnings = _warnings(application, budget, spending)
    if flags:
        warnings.append(NOT_ELIGIBLE)
    return _month_money(
        enrolment, month, application, budget=budget, carry_in=0, from_claim=False, spending=spending, carry=None,
        copay=copay, deadlines=None, proofs=(), warnings=warnings,
        rule_ids=set(spending.rule_ids) | set(answer["rule_ids"]),
    )  # fmt: skip


def _age(birth: dt.date | None, month: dt.date) -> int:
    """Whole years on the first of the month (0 when the birth date is not known: the rules then refuse)."""
    if birth is None:
        return 0
    return month.year - birth.year - ((month.month, month.day) < (birth.month, birth.day))


# --- shared parts ---------------------------------------------------------------------------------------------


def budget_application(enrolment: PaEnrolment, month: dt.date) -> Application | None:
    """The month's application when it counts for the budget (sent, forwarded or approved)."""
    return Application.objects.filter(enrolment=enrolment, month=month, status__in=BUDGET_STATUSES).first()


def any_application(enrolment: PaEnrolment, month: dt.date) -> Application | None:
    return Application.objects.filter(enrolment=enrolment, month=month).first()


def spending_of(enrolment: PaEnrolment, month: dt.date) -> Spending:
    """Shift segments of the month by shift status, the month's expenses and the proxy fee."""
    segments = ShiftSegment.objects.filter(
        shift__enrolment=enrolment, date__gte=month, date__lt=months.add(month, 1)
    )
    by_status = {
        row["shift__status"]: row
        for row in segments.values("shift__status").annotate(amount=Sum("amount"), minutes=Sum("minutes"))
    }

    def amount(*statuses: str) -> int:
        return sum(by_status.get(s, {}).get("amount") or 0 for s in statuses)

    confirmed_minutes = by_status.get(c.ShiftStatus.CONFIRMED, {}).get("minutes") or 0
    recorded_shifts = segments.filter(shift__status=c.ShiftStatus.RECORDED).values("shift").distinct().count()
    fee, assistants, fee_flags, fee_rules = proxy_fee_of(enrolment, month)
    expenses = counted_expenses(enrolment, month, proxy_fee=fee)
    if fee and Expense.objects.filter(enrolment=enrolment, month=month, kind=c.ExpenseKind.PROXY_FEE).exists():
        fee_flags = (*fee_flags, PROXY_FEE_EXPENSE_NOT_COUNTED)
    return Spending(
        spent=amount(c.ShiftStatus.CONFIRMED), recorded=amount(c.ShiftStatus.RECORDED),
        committed=amount(c.ShiftStatus.PLANNED, c.ShiftStatus.STARTED),
        expenses=sum(e.amount for e in expenses), proxy_fee=fee, proxy_fee_assistants=assistants,
        proxy_fee_flags=fee_flags, confirmed_minutes=confirmed_minutes, recorded_shifts=recorded_shifts,
        rule_ids=tuple(fee_rules),
    )  # fmt: skip


def counted_expenses(enrolment: PaEnrolment, month: dt.date, *, proxy_fee: int) -> list[Expense]:
    """The month's expenses that count: a proxy-fee expense only when the rules cannot work the fee out.

    D-17's fee comes from the rules (assistants under contract × the fee). A proxy-fee expense entered by hand
    would count it twice, so it is left out whenever the rules give the fee; until the city confirms when the
    fee applies (its start date is unknown), the expense as entered is what there is.
    """
    rows = list(Expense.objects.filter(enrolment=enrolment, month=month).order_by("spent_on", "id"))
    if proxy_fee:
        rows = [e for e in rows if e.kind != c.ExpenseKind.PROXY_FEE]
    return rows


def proxy_fee_of(enrolment: PaEnrolment, month: dt.date) -> tuple[int, int, tuple[str, ...], list[str]]:
    """D-17, PA-12: (fee, assistants under contract, flags, rule ids). Only when a proxy is named (Sapporo)."""
    if enrolment.program != c.Program.SAPPORO or enrolment.proxy_id is None:
        return 0, 0, (), []
    assistants = assistants_under_contract(enrolment, month).count()
    try:
        answer = rules_input.proxy_fee(
            month=month, assistants_under_contract=assistants, user_can_self_manage=enrolment.user_can_self_manage,
            family_can_manage=enrolment.family_can_manage, jurisdiction=enrolment.household.jurisdiction,
        )  # fmt: skip
    except DomainError as error:
        if any(p.code == "parameter_not_in_force" for p in error.problems):
            return 0, assistants, (PROXY_FEE_NOT_IN_FORCE,), ["PA-12", "D-17"]
        raise
    return answer["fee"], assistants, (), list(answer["rule_ids"])


def assistants_under_contract(enrolment: PaEnrolment, month: dt.date):
    """Assistants with a contract in force on some day of the month (contracts run [from, until)), not ended
    before the month began."""
    end = months.add(month, 1)
    return (
        Assistant.objects.filter(enrolment=enrolment, contracts__valid_from__lt=end)
        .filter(Q(contracts__valid_to__isnull=True) | Q(contracts__valid_to__gt=month))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=month))
        .exclude(status__in=(c.AssistantStatus.CANDIDATE, c.AssistantStatus.INTERVIEWED, c.AssistantStatus.NOT_HIRED))
        .select_related("person")
        .distinct()
        .order_by("person__name", "pk")
    )


def day_rates(enrolment: PaEnrolment, month: dt.date) -> list[tuple[Assistant, int]]:
    """Each assistant under contract with the day rate of their latest contract in force in the month."""
    end = months.add(month, 1)
    found = []
    for assistant in assistants_under_contract(enrolment, month):
        contract = (
            assistant.contracts.filter(valid_from__lt=end)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=month))
            .order_by("-valid_from")
            .first()
        )
        if contract is not None:
            found.append((assistant, contract.day_rate))
    return found


def hours_at(money: int, rate: int) -> Decimal:
    """Hours `money` pays for at `rate`, floored to 0.1 h (the engine's; 002: 480,000 yen at 1,200 yen = 400 h)."""
    return rules_input.hours_affordable(money=money, rate=rate) if rate > 0 else Decimal(0)


def proofs_due(enrolment: PaEnrolment, by: dt.date, today: dt.date) -> tuple[ProofDue, ...]:
    """Payments whose proof is missing and goes with the claim due on `by`, or is already late (PA-14)."""
    rows = (
        Payment.objects.filter(enrolment=enrolment, proof_received_at__isnull=True, proof_due__lte=by)
        .select_related("assistant__person")
        .order_by("proof_due", "assistant__person__name", "pk")
    )
    return tuple(
        ProofDue(p.pk, p.assistant.person.name, p.service_month, p.amount, p.proof_due, p.proof_due < today)
        for p in rows
    )


def _warnings(application: Application | None, available: int, spending: Spending) -> list[str]:
    warnings = [] if application else [NO_APPLICATION]
    used = spending.used
    if used > available:
        warnings.append(OVER_BUDGET)
    elif available and used >= available * WARN_SHARE:
        warnings.append(USED_85)
    warnings += [f for f in spending.proxy_fee_flags if f not in warnings]
    return warnings


def _month_money(enrolment, month, application, *, budget, carry_in, from_claim, spending, carry, copay, deadlines,
                 proofs, warnings, rule_ids) -> MonthMoney:
    available = budget + carry_in
    left = available - spending.used
    percent = int(Decimal(spending.used) * 100 / Decimal(available)) if available else 0
    hours = tuple(
        HoursLeft(a.pk, a.person.name, rate, hours_at(left, rate)) for a, rate in day_rates(enrolment, month)
    )
    shown = any_application(enrolment, month) if application is None else application
    return MonthMoney(
        enrolment_id=enrolment.pk, month=month, program=enrolment.program,
        currency="JPY" if enrolment.program == c.Program.SAPPORO else "TWD",
        application_id=shown.pk if shown else None, application_status=shown.status if shown else "",
        budget=budget, carry_in=carry_in, carry_in_from_claim=from_claim, available=available,
        spent=spending.spent, recorded=spending.recorded, committed=spending.committed, expenses=spending.expenses,
        proxy_fee=spending.proxy_fee, proxy_fee_assistants=spending.proxy_fee_assistants, used=spending.used,
        left=left, used_percent=percent, hours_left=hours, carry=carry, copay=copay, deadlines=deadlines,
        proofs_due=proofs, recorded_shifts=spending.recorded_shifts, warnings=tuple(warnings),
        rule_ids=tuple(sorted(rule_ids)),
    )  # fmt: skip
