"""Taiwan's 2014-2015 plan subsidising home care for disabled people (seed 003; rules.md 1.3).

Questions: the assessed level (`tw.disability_homecare.level`), a client's month of visits
(`tw.disability_homecare.month`) and the supervisor staffing minimum (`tw.disability_homecare.supervisors`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from alongside.rules.errors import FieldError, RuleInputError
from alongside.rules.inputs import Fields
from alongside.rules.money import Line, priced_line
from alongside.rules.reader import Reader
from alongside.rules.registry import question

PROGRAM = "tw.disability_homecare"
GROUPS = ("general", "dementia", "chronic_mental", "intellectual", "autism")
LEVELS = ("mild", "moderate", "severe")  # D-06, least to most severe
INCOMES = ("general", "mid_low", "low", "living_allowance")
IADL_HELP_CODES = ("telephone", "shopping", "going_out", "cooking", "housekeeping", "laundry",
                   "medication", "finances")
CDR_VALUES = tuple(Decimal(v) for v in ("0", "0.5", "1", "2", "3", "4", "5"))
NO_BAND = "no_band_refer_to_assessor"  # D-08


# --- level -----------------------------------------------------------------------------------------


@question("tw.disability_homecare.level",
          "Disability-plan level (mild/moderate/severe) from the assessment scores of the client's group.",
          default_jurisdiction="tw.national")
def disability_level(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    on = fields.date("date")
    group = fields.choice("group", GROUPS)
    scores = {
        "adl": fields.integer("adl", minimum=0, maximum=100, optional=True),
        "iadl": fields.integer("iadl", minimum=0, maximum=24, optional=True),
        "cdr": fields.choice("cdr", CDR_VALUES, optional=True),
        "social_function": fields.integer("social_function", minimum=0, optional=True),
        "autism_scale": fields.integer("autism_scale", minimum=0, optional=True),
    }
    iadl_help = fields.choices_list("iadl_help", IADL_HELP_CODES, optional=True)
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="date")
    params.require_valid(on)
    bands = params.value("assessment_bands", on=on)[group]
    if iadl_help is not None:
        scores["iadl_help_items"] = _count_iadl_items(iadl_help, params.value("general_mild_iadl_items", on=on))
        params.cite("D-10")
    met, undecided = _bands_met(bands, scores)
    _refuse_if_missing_scores_could_change_the_level(bands, met, undecided)
    level = max(met, key=LEVELS.index) if met else None  # D-09: the most severe band met wins
    return params.answer({
        "level": level,
        "bands_met": sorted(met, key=LEVELS.index),
        "reason": NO_BAND if level is None else ("most_severe_band_met" if len(met) > 1 else "band_met"),
    })


def _count_iadl_items(help_codes: list[str], items: list[list[str]]) -> int:
    # D-10: an item counts once when help is needed with any of its parts (shopping or going out).
    return sum(1 for item in items if any(code in help_codes for code in item))


def _bands_met(bands: dict, scores: dict) -> tuple[list[str], dict[str, set[str]]]:
    """Levels whose some alternative holds, and per level the scores missing from undecidable alternatives."""
    met, undecided = [], defaultdict(set)
    for level in LEVELS:
        for alternative in bands[level]:
            missing = {name for name in alternative if scores.get(name) is None}
            present_hold = all(low <= scores[name] <= high
                               for name, (low, high) in alternative.items() if name not in missing)
            if not missing and present_hold:
                met.append(level)
                break
            if missing and present_hold:
                undecided[level] |= missing
    return met, undecided


def _refuse_if_missing_scores_could_change_the_level(bands: dict, met: list[str], undecided: dict) -> None:
    # Only the scores the group needs are required: a missing score matters when a band more severe
    # than the best one met could still hold with it (D-09). With no score at all, every alternative
    # is undecided, so every score of the group is named.
    best = max((LEVELS.index(level) for level in met), default=-1)
    missing = sorted({name for level, names in undecided.items() if LEVELS.index(level) > best for name in names})
    if missing:
        raise RuleInputError([
            FieldError(_request_field(name), "required", f"The field {_request_field(name)} is needed for this group.")
            for name in missing
        ])


def _request_field(score: str) -> str:
    return "iadl_help" if score == "iadl_help_items" else score


# --- month ----------------------------------------------------------------------------------------


@question("tw.disability_homecare.month",
          "Disability-plan month: daily 8-hour cap, fully/partially subsidised and self-pay hours, shares by income.",
          default_jurisdiction="tw.national")
def disability_month(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    month = fields.month("month")
    level = fields.choice("level", LEVELS)
    income = fields.choice("income", INCOMES)
    visits = [(v.date("date"), v.hours("hours"), v) for v in fields.items("visits")]
    fields.raise_if_errors()
    for index, (day, _, visit) in enumerate(visits):
        if (day.year, day.month) != (month.year, month.month):
            visit.error("date", "outside_month", f"Visit {index + 1} on {day} is not in {month:%Y-%m}.")
    fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="month")
    params.require_valid(month)
    tiers = params.value("hour_tiers", on=month)[level]
    gov_share = _gov_share(params, tiers, level, income, month, jurisdiction)
    daily_cap = params.value("max_subsidised_hours_per_day", on=month)
    params.value("beyond_partial", on=month)  # cites D-12 and marks it unverified
    params.value("rounding", on=month)
    params.cite("NT-19")  # one month mixes hour classes: full, partial, self-pay
    rate = params.value("hourly_rate", on=month)

    full, partial, self_pay = _split_hours(visits, daily_cap, tiers["free"], tiers["partial_to"])
    lines = {
        "full": priced_line(rate=rate, quantity=full, user_share=Decimal(0)),
        "partial": priced_line(rate=rate, quantity=partial, user_share=1 - gov_share),
        "self_pay": priced_line(rate=rate, quantity=self_pay, user_share=Decimal(1)),
    }
    return params.answer({
        "hours": {"full": full, "partial": partial, "self_pay": self_pay},
        "government": sum(line.government for line in lines.values()),
        "user": sum(line.user for line in lines.values()),
        "total": sum(line.total for line in lines.values()),
        "hourly_rate": rate,
        "partial_gov_share": gov_share,
        "lines": [_line_dict(name, hours, rate, lines[name])
                  for name, hours in (("full", full), ("partial", partial), ("self_pay", self_pay))],
    })


def _gov_share(params: Reader, tiers: dict, level: str, income: str, month: date, jurisdiction: str) -> Decimal:
    share = tiers["gov_share"].get(income)
    if share is None:
        # D-07: the national plan leaves low and mid-low income at mild/moderate level to the county.
        params.cite("D-07")
        raise RuleInputError(FieldError(
            "income", "county_rule_required",
            f"The national plan sets no share for {income} income at {level} level; "
            f"a county rule is required (evaluate with a county jurisdiction such as tw.nantou, not {jurisdiction}).",
            {"program": PROGRAM, "level": level, "income": income, "jurisdiction": jurisdiction},
        ))
    return share


def _split_hours(visits: list, daily_cap: int, free: int, partial_to: int) -> tuple[Decimal, Decimal, Decimal]:
    """D-11: the daily cap first (hours above it in a calendar day are self-pay), then the month's
    tiers in order of service (date, then request order); D-12: beyond partial_to is self-pay."""
    used_on_day: dict[date, Decimal] = defaultdict(Decimal)
    full = partial = self_pay = Decimal(0)
    subsidisable_so_far = Decimal(0)
    for day, hours, _ in sorted(visits, key=lambda visit: visit[0]):  # sorted() is stable: request order kept
        within_day = max(Decimal(0), min(hours, daily_cap - used_on_day[day]))
        used_on_day[day] += hours
        self_pay += hours - within_day
        start, end = subsidisable_so_far, subsidisable_so_far + within_day
        full += _overlap(start, end, Decimal(0), Decimal(free))
        partial += _overlap(start, end, Decimal(free), Decimal(partial_to))
        self_pay += max(Decimal(0), end - max(start, Decimal(partial_to)))
        subsidisable_so_far = end
    return full, partial, self_pay


def _overlap(start: Decimal, end: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(Decimal(0), min(end, high) - max(start, low))


def _line_dict(name: str, hours: Decimal, rate: int, line: Line) -> dict:
    return {"class": name, "hours": hours, "rate": rate, "total": line.total, "user": line.user,
            "government": line.government}


# --- supervisors ------------------------------------------------------------------------------------


@question("tw.disability_homecare.supervisors",
          "Minimum number of home-care supervisors for a caseload: one per 60 cases, fewer than 60 counts as 60.",
          default_jurisdiction="tw.national")
def supervisors_required(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    on = fields.date("date")
    cases = fields.integer("cases", minimum=0)
    fields.raise_if_errors()
    params = Reader(PROGRAM, jurisdiction)
    params.require_valid(on)
    per_supervisor = params.value("cases_per_supervisor", on=on)
    # DP-10 「未滿六十名…以六十名計」: ceil(cases / 60), and at least one supervisor.
    return params.answer({"supervisors_required": max(1, -(-cases // per_supervisor))})

