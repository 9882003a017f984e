"""The dispatch policy in plain words: what each weight does, and the legal caps beside it (law, not policy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from alongside.core.models import Organisation
from alongside.dispatch import planning_input

# What each weight means to the person who sets it. Points are lost; the caregiver with fewest lost ranks first.
EXPLAINED = {
    "weight_language": _("Points a caregiver loses when they do not share the client's language."),
    "weight_religion": _(
        "Points a caregiver loses when both the client and the caregiver have a religion and they differ."
    ),
    "weight_diet": _("Points a caregiver loses when they do not keep the client's diet (for example vegetarian)."),
    "weight_body_build": _(
        "Points a caregiver loses for each step their body build falls short of what the client "
        "needs for lifting and transfers."
    ),
    "weight_continuity": _(
        "Points a caregiver loses when other caregivers have visited this client before and they "
        "have not; the higher it is, the more the client keeps familiar faces."
    ),
    "weight_client_choice": _(
        "Points a caregiver loses when the client asked for someone else (D-20); the client's "
        "second choice loses part of them."
    ),
    "weight_travel_minute": _(
        "Points for each minute of travel to the visit; at 1, one minute of travel weighs one point."
    ),
    "weight_waiting_minute": _("Points for each minute a caregiver waits idle between visits."),
    "detour_factor": _(
        "How much longer the road is than the straight line between two homes (1.30 means 30 per cent longer)."
    ),
    "speed_kmh": _("The average driving speed used to turn road distance into travel minutes."),
}


@dataclass(frozen=True)
class LegalCapRow:
    rule: str
    name: str
    minutes: int

    @property
    def hours(self) -> int:
        return self.minutes // 60


def legal_cap_rows(organisation: Organisation, on: dt.date) -> list[LegalCapRow]:
    """The caps the planner never crosses, read from the rules parameters in force on `on`."""
    caps = planning_input.legal_caps(organisation, on)
    return [
        LegalCapRow("NT-10", _("Hours a caregiver may work in a month, all visits"), caps.month_cap_minutes),
        LegalCapRow(
            "NT-10", _("Hours a caregiver may work in a month on publicly funded visits"), caps.month_public_cap_minutes
        ),
        LegalCapRow(
            "DP-08", _("Subsidised hours a client may receive in one day"), caps.client_day_subsidised_cap_minutes
        ),
    ]
