"""The disability plan's fees an agency claims beside the service hours (seed 003, DP-09).

Question `tw.disability_homecare.claim_fees`: for one claim (one program, one county, one month), the
supervision fee for every case served that month (at most 550 NTD a case), the assessment fee for every case
first assessed (opened) that month (300 NTD a case) and the project management fee, at most 5% of the
government's share of the service hours, rounded down to the NTD (D-18).

The plan caps the supervision and management fees ("最高"); the agency claims the cap, and the county's officer
reviews each line. The administrative fee that DP-09 leaves to the county or the provider is not claimed.
"""

from __future__ import annotations

from alongside.rules.inputs import Fields
from alongside.rules.money import floor_to_unit
from alongside.rules.reader import Reader
from alongside.rules.registry import question

PROGRAM = "tw.disability_homecare"


@question(
    "tw.disability_homecare.claim_fees",
    "Disability-plan claim fees: supervision per case served, assessment per case opened, management share.",
    default_jurisdiction="tw.national",
)
def claim_fees(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    month = fields.month("month")
    served = fields.integer("cases_served", minimum=0)
    opened = fields.integer("cases_opened", minimum=0)
    service_government = fields.money("service_government")
    fields.raise_if_errors()
    if opened > served:
        fields.error(
            "cases_opened",
            "more_than_served",
            "A case opened this month is also served this month: cases_opened cannot exceed cases_served.",
        )
        fields.raise_if_errors()

    params = Reader(PROGRAM, jurisdiction, field="month")
    params.require_valid(month)
    supervision_per_case = params.value("supervisor_fee_max_per_case_month", on=month)
    assessment_per_case = params.value("assessment_fee_per_case", on=month)
    management_share = params.value("project_management_fee_max_share", on=month)
    params.cite("D-18")
    supervision = supervision_per_case * served
    assessment = assessment_per_case * opened
    management = floor_to_unit(management_share * service_government)
    return params.answer(
        {
            "supervision_fee_per_case": supervision_per_case,
            "assessment_fee_per_case": assessment_per_case,
            "management_fee_share": management_share,
            "supervision_fee": supervision,
            "assessment_fee": assessment,
            "management_fee": management,
            "total": supervision + assessment + management,
        }
    )
