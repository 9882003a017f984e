"""The parameters this app asks the rules engine for (tw.homecare; NT-12, NT-20)."""

from __future__ import annotations

import datetime as dt

from alongside.core.models import Organisation
from alongside.rules import parameters

PROGRAM = "tw.homecare"


def _jurisdiction(organisation: Organisation) -> str | None:
    return organisation.jurisdiction if organisation.jurisdiction.startswith("tw") else None


def new_staff_month_count(organisation: Organisation, on: dt.date) -> int:
    """NT-12 「新進人員前3個月」: tw.homecare supervision_contact.new_staff_individual_months."""
    found = parameters.lookup(PROGRAM, "supervision_contact", on=on, jurisdiction=_jurisdiction(organisation))
    return int(found.value["new_staff_individual_months"])


def training_hours_required(organisation: Organisation, on: dt.date) -> int:
    """NT-20 「每年應接受至少二十小時在職訓練」: tw.homecare in_service_training_hours_per_year."""
    found = parameters.lookup(PROGRAM, "in_service_training_hours_per_year", on=on,
                              jurisdiction=_jurisdiction(organisation))  # fmt: skip
    return int(found.value)
