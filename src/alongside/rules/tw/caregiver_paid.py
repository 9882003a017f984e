"""May a caregiver be paid for serving this relative? Disability plan DP-12, D-05.

Relation codes are those of rules-api.md (shared with Sapporo's `jp.sapporo.pa.assistant_allowed`).
"""

from __future__ import annotations

from alongside.rules.inputs import Fields
from alongside.rules.reader import Reader
from alongside.rules.registry import question

RELATIONS = (
    "none", "friend", "spouse", "common_law_spouse", "former_spouse", "parent", "child", "sibling",
    "grandparent", "grandchild", "great_grandparent", "great_grandchild", "uncle_aunt", "nephew_niece",
    "cousin", "spouse_parent", "spouse_sibling", "spouse_grandparent", "spouse_uncle_aunt",
    "spouse_nephew_niece", "spouse_cousin", "child_spouse", "sibling_spouse", "grandchild_spouse",
    "spouse_sibling_spouse",
)


@question("tw.disability_homecare.caregiver_paid",
          "Whether a caregiver may be paid for serving a relative (not spouse, lineal blood or lineal in-law).",
          default_jurisdiction="tw.national")
def caregiver_paid(request: dict, *, jurisdiction: str) -> dict:
    fields = Fields(request)
    relation = fields.choice("relation", RELATIONS)
    # The relatives rule has one version for the plan's whole life; an optional date picks it.
    on = fields.date("date", optional=True)
    fields.raise_if_errors()
    params = Reader("tw.disability_homecare", jurisdiction)
    start, _ = params.store.program_validity(params.program, jurisdiction)
    unpaid = params.value("unpaid_caregiver_relations", on=on or start)
    # D-05: only the legal spouse, lineal blood relatives and lineal in-laws; siblings, common-law and
    # former spouses are not listed in DP-12, so they may be paid. NT-11's "no over-familiar relationship"
    # is a matching preference, not a block.
    params.cite("NT-11")
    barred_as = next((group for group, members in unpaid.items() if relation in members), None)
    return params.answer({"paid": barred_as is None, "barred_as": barred_as})
