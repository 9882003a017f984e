"""Who may use a program: the target groups of the disability plan (DP-02, DP-03) and of the LTC ten-year
plan (NT-04). Intake (004 ch. 3) asks these before any assessment.

Both answer with every reason that keeps the person out, never only the first: the supervisor tells the
family all of them at once.
"""

from __future__ import annotations

from alongside.rules.calendar import age_on
from alongside.rules.inputs import Fields
from alongside.rules.reader import Reader
from alongside.rules.registry import question

GROUPS = ("general", "dementia", "chronic_mental", "intellectual", "autism")
FUNCTIONAL_DISABILITY = ("adl", "iadl_only", "none")


@question("tw.disability_homecare.eligibility",
          "Disability plan target group: handbook, age by group (under 50, or any age for four groups), exclusions.",
          default_jurisdiction="tw.national")
def disability_homecare_eligibility(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    on = fields.date("date")
    birth = fields.date("birth_date")
    group = fields.choice("group", GROUPS)
    has_handbook = fields.boolean("disability_handbook")
    previously_subsidised = fields.boolean("previously_subsidised", optional=True, default=False)
    fields.raise_if_errors()
    params = Reader("tw.disability_homecare", jurisdiction)
    params.require_valid(on)
    ages = params.value("target_ages", on=on)
    excluded_by = params.value("exclusions", on=on)
    situations = fields.choices_list("situations", excluded_by, optional=True) or []
    fields.raise_if_errors()

    age = age_on(birth, on)
    reasons = []
    if not has_handbook:
        reasons.append("no_disability_handbook")
    # DP-02: the old plan's clients stay in whatever their age.
    if age >= ages["general_below_age"] and group not in ages["any_age_groups"] and not previously_subsidised:
        reasons.append("age_50_or_over_outside_the_listed_groups")
    reasons += [f"excluded_{situation}" for situation in situations]
    return params.answer({"eligible": not reasons, "age": age, "reasons": reasons})


@question("tw.ltc10.eligibility",
          "LTC ten-year plan target group: 65+, mountain indigenous 55+, disabled 50+, IADL-only elderly living alone.",
          default_jurisdiction="tw.national")
def ltc10_eligibility(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    on = fields.date("date")
    birth = fields.date("birth_date")
    functional = fields.choice("functional_disability", FUNCTIONAL_DISABILITY)
    mountain_indigenous = fields.boolean("mountain_indigenous", optional=True, default=False)
    has_handbook = fields.boolean("disability_handbook", optional=True, default=False)
    living_alone = fields.boolean("living_alone", optional=True, default=False)
    fields.raise_if_errors()
    params = Reader("tw.ltc10", jurisdiction)
    params.require_valid(on)
    targets = params.value("target_groups", on=on)

    age = age_on(birth, on)
    in_age_group = (
        age >= targets["elderly_min_age"]
        or (mountain_indigenous and age >= targets["mountain_indigenous_min_age"])
        or (has_handbook and age >= targets["disabled_min_age"])
    )
    reasons = [] if in_age_group else ["below_target_age"]
    if functional == "none":
        reasons.append("no_functional_disability")
    # NT-04 (四): IADL-only disability counts only for elderly people who live alone.
    elif functional == "iadl_only" and not (living_alone and age >= targets["elderly_min_age"]):
        reasons.append("iadl_only_needs_elderly_living_alone")
    return params.answer({"eligible": not reasons, "age": age, "reasons": reasons})
