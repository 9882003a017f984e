"""A finding of the checks before a month closes: what, about whom, and whether someone acknowledged it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from alongside.billing.models import CheckAcknowledgement


@dataclass
class Finding:
    code: str
    subject: str  # stable key of what the finding is about: "visit:12", "case:3", "caregiver:7", "organisation"
    message: str  # a whole translated sentence: who, which day, how many hours
    acknowledgeable: bool
    client_id: int | None = None
    caregiver_id: int | None = None
    visit_id: int | None = None
    day: dt.date | None = None
    hours: Decimal | None = None
    fix_url: str = ""
    acknowledged: CheckAcknowledgement | None = None

    @property
    def blocking(self) -> bool:
        return self.acknowledged is None
