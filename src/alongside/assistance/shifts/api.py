"""PA shifts over JSON (/api/v1/pa): thin handlers that reach the household or the shift through the
selectors, call one service and answer. Out of reach, or reached but not the actor's to decide (D-20: only the
user or the named proxy plans and confirms; only the shift's assistant starts and ends it), is 404; a refusal
is a 422 problem naming the field, with nothing written."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.assistance.models import Assistant, PaEnrolment, Shift
from alongside.assistance.shifts import pricing, selectors, services
from alongside.assistance.shifts.pricing import Quote
from alongside.assistance.shifts.schemas import (
    ConfirmedOut,
    CorrectIn,
    CoverIn,
    CoverOptionOut,
    EndIn,
    LogIn,
    MonthIn,
    MonthOut,
    QuoteOut,
    ShiftCancelIn,
    ShiftIn,
    ShiftOut,
    ShiftPatchIn,
    VersionIn,
)
from alongside.core.errors import DomainError, ErrorCode, NotFound

router = Router(tags=["personal assistance: shifts"])


@router.get("/households/{enrolment_id}/shifts", response=MonthOut,
            summary="A month's shifts (?assistant_id=: one assistant's), planned and confirmed totals")  # fmt: skip
def shift_list(request: HttpRequest, enrolment_id: int, month: str | None = None, assistant_id: int | None = None):
    enrolment, _capacity = selectors.household(request.user, enrolment_id)
    first = selectors.month_value(month) if month else selectors.this_month(enrolment)
    one = selectors.assistant_of(enrolment, assistant_id) if assistant_id else None
    sums = selectors.month_sums(enrolment, first)
    application = selectors.month_application(enrolment, first)
    return {
        "month": f"{first:%Y-%m}", "currency": pricing.currency(enrolment),
        "shifts": [shift_out(s) for s in selectors.month_shifts(enrolment, first, assistant=one)],
        "planned_total": sums["planned"], "confirmed_total": sums["confirmed"],
        "budget": application.budget if application else None,
    }  # fmt: skip


@router.post("/households/{enrolment_id}/shifts", response={201: ShiftOut},
             summary="Plan a shift (the user or the named proxy): checked, priced by band, stored")  # fmt: skip
def shift_create(request: HttpRequest, enrolment_id: int, payload: ShiftIn):
    enrolment, _capacity = selectors.household(request.user, enrolment_id)
    covers = _covered(enrolment, payload.covers_id)
    shift = services.shift_plan(
        actor=request.user, enrolment=enrolment, assistant=_assistant(enrolment, payload.assistant_id),
        start=payload.start, end=payload.end, activities=payload.activities, note=payload.note,
        by_car=payload.by_car, covers=covers,
    )  # fmt: skip
    return Status(201, shift_out(shift))


@router.post("/households/{enrolment_id}/shifts/price", response=QuoteOut,
             summary="Check and price a shift without saving it (segments by band and date, D-01, D-02)")  # fmt: skip
def shift_price(request: HttpRequest, enrolment_id: int, payload: ShiftIn):
    enrolment, _capacity = selectors.household(request.user, enrolment_id)
    quote = services.shift_check(
        actor=request.user, enrolment=enrolment, assistant=_assistant(enrolment, payload.assistant_id),
        start=payload.start, end=payload.end, activities=payload.activities, note=payload.note,
        by_car=payload.by_car, covers=_covered(enrolment, payload.covers_id),
    )  # fmt: skip
    return quote_out(quote)


@router.post("/households/{enrolment_id}/shifts/confirm-month", response=ConfirmedOut,
             summary="Confirm every recorded shift of a month (the user or the named proxy)")  # fmt: skip
def shift_confirm_month(request: HttpRequest, enrolment_id: int, payload: MonthIn):
    enrolment, _capacity = selectors.household(request.user, enrolment_id)
    month = selectors.month_value(payload.month)
    shifts = services.shifts_confirm_month(actor=request.user, enrolment=enrolment, month=month)
    return {"confirmed": [s.pk for s in shifts]}


@router.get("/shifts/{shift_id}", response=ShiftOut, summary="One shift with its segments and activity log")
def shift_get(request: HttpRequest, shift_id: int):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    return shift_out(shift)


@router.patch("/shifts/{shift_id}", response=ShiftOut,
              summary="Change a planned shift (send its version); checked and priced again")  # fmt: skip
def shift_patch(request: HttpRequest, shift_id: int, payload: ShiftPatchIn):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    assistant = _assistant(shift.enrolment, payload.assistant_id) if payload.assistant_id else None
    shift = services.shift_update(
        actor=request.user, shift=shift, expected_version=payload.version, assistant=assistant,
        start=payload.start, end=payload.end, activities=payload.activities, note=payload.note,
        by_car=payload.by_car,
    )  # fmt: skip
    return shift_out(_fresh(shift))


@router.post("/shifts/{shift_id}/cancel", response=ShiftOut, summary="Cancel a planned shift, saying why")
def shift_cancel(request: HttpRequest, shift_id: int, payload: ShiftCancelIn):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    shift = services.shift_cancel(actor=request.user, shift=shift, reason=payload.reason,
                                  expected_version=payload.version)  # fmt: skip
    return shift_out(_fresh(shift))


@router.post("/shifts/{shift_id}/confirm", response=ShiftOut,
             summary="The user or the named proxy confirms the recorded times (what the claim uses)")  # fmt: skip
def shift_confirm(request: HttpRequest, shift_id: int, payload: VersionIn):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    shift = services.shift_confirm(actor=request.user, shift=shift, expected_version=payload.version)
    return shift_out(_fresh(shift))


@router.post("/shifts/{shift_id}/correct", response=ShiftOut,
             summary="Correct the times with a reason before confirming; priced again, both kept")  # fmt: skip
def shift_correct(request: HttpRequest, shift_id: int, payload: CorrectIn):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    shift = services.shift_correct(
        actor=request.user, shift=shift, started_at=payload.started_at, ended_at=payload.ended_at,
        reason=payload.reason, expected_version=payload.version,
    )  # fmt: skip
    return shift_out(_fresh(shift))


@router.post("/shifts/{shift_id}/start", response=ShiftOut,
             summary="The assistant starts their shift now (at most 1 hour early, never on another day)")  # fmt: skip
def shift_start(request: HttpRequest, shift_id: int, payload: VersionIn):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    shift = services.shift_start(actor=request.user, shift=shift, expected_version=payload.version)
    return shift_out(_fresh(shift))


@router.post("/shifts/{shift_id}/end", response=ShiftOut,
             summary="The assistant ends their shift now; the amount is priced from the recorded times")  # fmt: skip
def shift_end(request: HttpRequest, shift_id: int, payload: EndIn):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    shift = services.shift_end(actor=request.user, shift=shift, activity_log=payload.activity_log,
                               expected_version=payload.version)  # fmt: skip
    return shift_out(_fresh(shift))


@router.post("/shifts/{shift_id}/log", response=ShiftOut, summary="The assistant writes the activity log")
def shift_log(request: HttpRequest, shift_id: int, payload: LogIn):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    shift = services.shift_log(actor=request.user, shift=shift, activity_log=payload.activity_log,
                               expected_version=payload.version)  # fmt: skip
    return shift_out(_fresh(shift))


@router.get("/shifts/{shift_id}/cover-options", response=list[CoverOptionOut],
            summary="The other assistants for a cancelled shift: free, contracted, trained, price (PA-17)")  # fmt: skip
def cover_options(request: HttpRequest, shift_id: int):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    return [cover_option_out(o) for o in services.shift_cover_options(actor=request.user, shift=shift)]


@router.post("/shifts/{shift_id}/cover", response={201: ShiftOut},
             summary="Plan the same shift with another assistant of the user (no city substitute, PA-17)")  # fmt: skip
def cover(request: HttpRequest, shift_id: int, payload: CoverIn):
    shift, _capacity = selectors.shift_get(request.user, shift_id)
    assistant = _assistant(shift.enrolment, payload.assistant_id)
    return Status(201, shift_out(services.shift_cover(actor=request.user, shift=shift, assistant=assistant)))


@router.get("/my-shifts", response=list[ShiftOut],
            summary="The assistant's own shifts from today, in every household they work in")  # fmt: skip
def my_shifts(request: HttpRequest):
    return [shift_out(s) for s in selectors.my_shifts(request.user)]


# --- helpers ---------------------------------------------------------------------------------------------------


def _assistant(enrolment: PaEnrolment, assistant_id: int) -> Assistant:
    assistant = Assistant.objects.filter(pk=assistant_id, enrolment=enrolment).select_related("person").first()
    if assistant is None:
        raise DomainError.single("assistant_id", ErrorCode.INVALID, _("Choose one of your own assistants."))
    return assistant


def _covered(enrolment: PaEnrolment, shift_id: int | None) -> Shift | None:
    if shift_id is None:
        return None
    shift = Shift.objects.filter(pk=shift_id, enrolment=enrolment).first()
    if shift is None:
        raise NotFound
    return shift


def _fresh(shift: Shift) -> Shift:
    """Read again with the names and segments the answer shows."""
    return Shift.objects.select_related("assistant__person", "planned_by", "confirmed_by", "enrolment").get(pk=shift.pk)


def quote_out(quote: Quote) -> dict:
    return {
        "segments": [segment_out(s) for s in quote.segments], "total": quote.total, "currency": quote.currency,
        "hours": quote.hours, "rule_ids": list(quote.rule_ids),
    }  # fmt: skip


def segment_out(segment) -> dict:
    return {"date": segment.date, "band": segment.band, "minutes": segment.minutes,
            "hours": pricing.hours_of(segment.minutes), "rate": segment.rate, "cap": segment.cap,
            "amount": segment.amount}  # fmt: skip


def shift_out(shift: Shift) -> dict:
    return {
        "id": shift.pk, "enrolment_id": shift.enrolment_id, "assistant_id": shift.assistant_id,
        "assistant_name": shift.assistant.person.name, "contract_id": shift.contract_id, "status": shift.status,
        "planned_start": shift.planned_start, "planned_end": shift.planned_end, "started_at": shift.started_at,
        "ended_at": shift.ended_at, "activities": list(shift.activities), "note": shift.note,
        "covers_id": shift.covers_id, "activity_log": shift.activity_log, "amount": shift.amount,
        "currency": pricing.currency(shift.enrolment),
        "segments": [segment_out(s) for s in shift.segments.all()],
        "planned_by": shift.planned_by.get_username(), "planned_on_behalf_of": shift.planned_on_behalf_of,
        "confirmed_by": shift.confirmed_by.get_username() if shift.confirmed_by else None,
        "confirmed_on_behalf_of": shift.confirmed_on_behalf_of, "confirmed_at": shift.confirmed_at,
        "cancelled_reason": shift.cancelled_reason, "rule_ids": list(shift.rule_ids), "version": shift.version,
    }  # fmt: skip


def cover_option_out(option: services.CoverOption) -> dict:
    return {
        "assistant_id": option.assistant.pk, "name": option.assistant.person.name, "phone": option.phone,
        "free": option.free, "contract_valid": option.contract_valid, "trained": option.trained,
        "available": option.available, "reasons": [str(r) for r in option.problems],
        "price": quote_out(option.quote) if option.quote else None,
    }  # fmt: skip
