"""Shifts of personal assistance (issue 7): planning and cover by the user or the named proxy, the assistant's
Start, End and activity log on the phone, the user's confirmation and corrections. Each use case checks the
actor's reach (assistance.access: others get NotFound), validates with DomainError naming every bad field,
writes in one transaction with its audit event, and prices only through shifts.pricing (the rules engine)."""

from alongside.assistance.shifts.services.confirming import shift_confirm, shift_correct, shifts_confirm_month
from alongside.assistance.shifts.services.planning import (
    CoverOption,
    shift_cancel,
    shift_check,
    shift_cover,
    shift_cover_options,
    shift_plan,
    shift_update,
)
from alongside.assistance.shifts.services.recording import shift_end, shift_log, shift_start

__all__ = [
    "CoverOption",
    "shift_cancel",
    "shift_check",
    "shift_confirm",
    "shift_correct",
    "shift_cover",
    "shift_cover_options",
    "shift_end",
    "shift_log",
    "shift_plan",
    "shift_start",
    "shift_update",
    "shifts_confirm_month",
]
