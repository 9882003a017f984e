"""Staff evaluation (人員考核) of a home-care agency: the criteria, their weights and the weighted total
(seed 004 ch. 6 第三節 人員考核; NT-20).

The manual, lines 929-953 of seed 004 (004_35df1ed087b839dd.txt):

    機構應訂定考核制度，以作為人員獎懲之依據：
    一、考核方式：分平時考核與年終考核
    二、考評方式：主要分為自我評核及主管評核。
    三、考評內容：
    (一)居服督導員：1.專業知識與技能15% 2.操行與品德10% 3.溝通與協調10% 4.創新與改進成效15%
        5.工作熱忱、主動、積極10% 6.配合度10% 7.效率15% 8.精確15%
    (二)居家服務員：1.服務精神25%：包括--服務表現、責任感 2.工作品質30%：包括--工作成果、工作效率
        3.團隊精神30%：包括--團隊參與、教育訓練 4.個人學養15%：包括--操行與品德

The manual gives the weights only. Reading taken here (a decision, not the manual's words): each criterion is
scored in points from 0 up to its maximum, and its maximum is its weight (專業知識與技能 out of 15), so a
perfect score is 100. The weighted total is Σ score / maximum × weight, which with maximum = weight is the sum of
the points; the general form is kept so that a scheme with another maximum (say 0-10 per criterion) needs no new
code. The manual does not say how the self score and the manager's score combine; they are totalled separately.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.tw.supervision import add_months

SUPERVISOR = "supervisor"  # 居服督導員
CAREGIVER = "caregiver"  # 居家服務員
PERIODIC = "periodic"  # 平時考核
YEAR_END = "year_end"  # 年終考核
KINDS = (PERIODIC, YEAR_END)
SELF = "self"  # 自我評核
MANAGER = "manager"  # 主管評核
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str  # the manual's words
    weight: int  # percent of the total
    maximum: Decimal  # the most points a score may have

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "weight": self.weight, "maximum": str(self.maximum)}


def _scheme(*rows: tuple[str, str, int]) -> tuple[Criterion, ...]:
    return tuple(Criterion(code, label, weight, Decimal(weight)) for code, label, weight in rows)


CRITERIA: dict[str, tuple[Criterion, ...]] = {
    # 004 lines 937-946 「(一)居服督導員：1.專業知識與技能15% 2.操行與品德10% 3.溝通與協調10% 4.創新與改進成效15%
    # 5.工作熱忱、主動、積極10% 6.配合度10% 7.效率15% 8.精確15%」
    SUPERVISOR: _scheme(
        ("knowledge_skills", "專業知識與技能", 15),
        ("conduct", "操行與品德", 10),
        ("communication", "溝通與協調", 10),
        ("innovation", "創新與改進成效", 15),
        ("enthusiasm", "工作熱忱、主動、積極", 10),
        ("cooperation", "配合度", 10),
        ("efficiency", "效率", 15),
        ("accuracy", "精確", 15),
    ),
    # 004 lines 948-953 「(二) 居家服務員 1.服務精神25%：包括--服務表現、責任感 2.工作品質30%：包括--工作成果、工作效率
    # 3.團隊精神30%：包括--團隊參與、教育訓練 4.個人學養15%：包括--操行與品德」
    CAREGIVER: _scheme(
        ("service_spirit", "服務精神（服務表現、責任感）", 25),
        ("work_quality", "工作品質（工作成果、工作效率）", 30),
        ("teamwork", "團隊精神（團隊參與、教育訓練）", 30),
        ("personal_cultivation", "個人學養（操行與品德）", 15),
    ),
}
POSITIONS = tuple(CRITERIA)


def criteria(position: str) -> tuple[Criterion, ...]:
    if position not in CRITERIA:
        raise RuleInputError(FieldError("position", "invalid", f"Unknown position {position!r}: "
                                        f"one of {', '.join(POSITIONS)}."))  # fmt: skip
    return CRITERIA[position]


def weighted_total(position: str, scores: dict[str, object], *, field: str = "scores") -> Decimal:
    """The weighted total (0-100, two decimals) of one evaluation's per-criterion scores.

    Every criterion of the position needs a score, none may be unknown, and each must lie from 0 up to its
    criterion's maximum; all bad scores are named at once (`<field>.<code>`)."""
    scheme = criteria(position)
    errors: list[FieldError] = []
    known = {c.code for c in scheme}
    for code in sorted(set(scores) - known):
        errors.append(FieldError(f"{field}.{code}", "invalid", f"{code!r} is not a criterion of the {position}."))
    total = Decimal(0)
    for criterion in scheme:
        path = f"{field}.{criterion.code}"
        raw = scores.get(criterion.code)
        if raw is None or raw == "":
            errors.append(FieldError(path, "required", f"Give a score for {criterion.label}."))
            continue
        value = _decimal(raw)
        if value is None or not value.is_finite():
            errors.append(FieldError(path, "invalid", f"The score for {criterion.label} is not a number."))
        elif value < 0 or value > criterion.maximum:
            errors.append(FieldError(path, "out_of_range",
                                     f"The score for {criterion.label} must be from 0 to {criterion.maximum}.",
                                     {"maximum": str(criterion.maximum)}))  # fmt: skip
        else:
            total += value / criterion.maximum * criterion.weight
    if errors:
        raise RuleInputError(errors)
    return total.quantize(CENTS, rounding=ROUND_HALF_UP)


def _decimal(raw: object) -> Decimal | None:
    if isinstance(raw, bool) or isinstance(raw, float):
        return None  # never float: scores are exact
    try:
        return Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        return None


# --- new staff: individual supervision in each of their first months (004 ch. 5 §2, NT-12) --------------------
# 004 line 809 「1.新進人員前3個月須定期安排個別督導，以瞭解其工作適應情形。」 The manual says 「定期」 (regularly);
# reading taken here (a decision): at least one individual supervision in each of the first `months` months, month n
# running from the start date plus n-1 months up to (not including) the start date plus n months. The number of
# months is the parameter tw.homecare supervision_contact.new_staff_individual_months.


@dataclass(frozen=True)
class NewStaffMonth:
    number: int  # 1, 2, 3
    starts_on: date
    ends_before: date  # exclusive
    held: bool
    state: str  # "held", "due" (the month is running), "missed" (it ended without one), "future"

    @property
    def last_day(self) -> date:
        return self.ends_before - timedelta(days=1)


def new_staff_months(started_on: date, held_days: list[date] | tuple[date, ...], *, months: int,
                     today: date) -> list[NewStaffMonth]:  # fmt: skip
    """Each of the first `months` months after `started_on`: whether an individual supervision was held in it."""
    if months < 0:
        raise RuleInputError(FieldError("months", "invalid", "The number of months cannot be negative."))
    result = []
    for n in range(1, months + 1):
        starts, ends = add_months(started_on, n - 1), add_months(started_on, n)
        held = any(starts <= day < ends for day in held_days)
        if held:
            state = "held"
        elif ends <= today:
            state = "missed"
        elif starts <= today:
            state = "due"
        else:
            state = "future"
        result.append(NewStaffMonth(n, starts, ends, held, state))
    return result


# --- in-service training: at least 20 hours a calendar year (004 ch. 6 §2, NT-20) ----------------------------------
# 004 line 919 「…每年應接受至少二十小時在職訓練」; the hours are the parameter tw.homecare
# in_service_training_hours_per_year.


def training_shortfall(hours: Decimal, *, required: Decimal | int) -> Decimal:
    """How many hours are still missing this year (0 when the year's requirement is met)."""
    missing = Decimal(required) - Decimal(hours)
    return missing if missing > 0 else Decimal(0)
