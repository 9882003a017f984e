"""The PA user's settings and monthly applications over JSON, and the support centre's and city's review.

Thin handlers: find the household through the selectors (404 outside reach; an assistant who is not the proxy
does not reach these), call one service, answer. A refusal is a 422 problem naming its field.
"""

from django.http import HttpRequest
from ninja import Router, Status

from alongside.assistance import access
from alongside.assistance import choices as c
from alongside.assistance.enrolment import months, selectors, services
from alongside.assistance.enrolment.schemas import (
    ApplicationIn,
    ApplicationOut,
    EnrolmentIn,
    HoursIn,
    NoteIn,
    PreviewOut,
    ReasonIn,
    SettingsIn,
    SettingsOut,
)
from alongside.assistance.models import Application, PaEnrolment
from alongside.core.errors import NotFound
from alongside.core.models import Organisation
from alongside.people.models import Person

router = Router()


# --- opening ----------------------------------------------------------------------------------------


@router.post("/enrolments", response={201: SettingsOut},
             summary="The support centre (or city) enrols a household's PA user, once admitted")  # fmt: skip
def enrolment_open(request: HttpRequest, payload: EnrolmentIn):
    household = Organisation.objects.filter(pk=payload.household_id).first()
    person = Person.objects.filter(pk=payload.user_person_id).first()
    if household is None or person is None:
        raise NotFound
    enrolment = services.enrolment_open(actor=request.user, household=household, user_person=person,
                                        income_tier=payload.income_tier, started_on=payload.started_on)  # fmt: skip
    return Status(201, settings_out(request.user, enrolment))


# --- settings ---------------------------------------------------------------------------------------


@router.get("/households/{enrolment_id}/settings", response=SettingsOut,
            summary="How the household's assistance is run: income tier, who manages it, the plan")  # fmt: skip
def settings_detail(request: HttpRequest, enrolment_id: int):
    return settings_out(request.user, selectors.enrolment_to_read(request.user, enrolment_id))


@router.put("/households/{enrolment_id}/settings", response=SettingsOut,
            summary="The user (or proxy) changes the settings; a proxy only if user and family cannot")  # fmt: skip
def settings_update(request: HttpRequest, enrolment_id: int, payload: SettingsIn):
    enrolment = selectors.enrolment_to_read(request.user, enrolment_id)
    access.acting_for(request.user, enrolment)  # support centre and city read only: not found here
    data = payload.dict()
    proxy = services.proxy_named(enrolment, data.pop("proxy_assistant_id"))
    enrolment = services.settings_update(actor=request.user, enrolment=enrolment, proxy=proxy, **data)
    return settings_out(request.user, enrolment)


# --- the month's application ------------------------------------------------------------------------


@router.get("/households/{enrolment_id}/applications", response=list[ApplicationOut],
            summary="The household's monthly applications, newest first, with their status and deadline")  # fmt: skip
def application_list(request: HttpRequest, enrolment_id: int):
    enrolment = selectors.enrolment_to_read(request.user, enrolment_id)
    return [application_out(a) for a in selectors.applications(enrolment)]


@router.get("/households/{enrolment_id}/applications/{month}", response=ApplicationOut,
            summary="One month's application (404 when there is none yet)")  # fmt: skip
def application_detail(request: HttpRequest, enrolment_id: int, month: str):
    enrolment = selectors.enrolment_to_read(request.user, enrolment_id)
    found = selectors.application_of(enrolment, months.parse(month))
    if found is None:
        raise NotFound
    return application_out(found)


@router.put("/households/{enrolment_id}/applications/{month}", response={200: ApplicationOut, 201: ApplicationOut},
            summary="Create (201) or change (200) the month's draft; the budget is the engine's answer")  # fmt: skip
def application_save(request: HttpRequest, enrolment_id: int, month: str, payload: ApplicationIn):
    enrolment = selectors.enrolment_to_read(request.user, enrolment_id)
    first = months.parse(month)
    existed = selectors.application_of(enrolment, first) is not None
    saved = services.application_save(actor=request.user, enrolment=enrolment, month=first, **payload.dict())
    return Status(200 if existed else 201, application_out(saved))


@router.post("/households/{enrolment_id}/applications/{month}/preview", response=PreviewOut,
             summary="What the hours make: budget, hours at each assistant's rate, hours left (no write)")  # fmt: skip
def application_preview(request: HttpRequest, enrolment_id: int, month: str, payload: HoursIn):
    enrolment = selectors.enrolment_to_read(request.user, enrolment_id)
    answer = services.application_preview(actor=request.user, enrolment=enrolment, month=months.parse(month),
                                          **payload.dict())  # fmt: skip
    return {**answer, "month": months.label(answer["month"])}


@router.post("/households/{enrolment_id}/applications/{month}/submit", response=ApplicationOut,
             summary="The user (or proxy) sends the application to the support centre")  # fmt: skip
def application_submit(request: HttpRequest, enrolment_id: int, month: str):
    enrolment = selectors.enrolment_to_read(request.user, enrolment_id)
    found = selectors.application_of(enrolment, months.parse(month))
    if found is None:
        raise NotFound
    return application_out(services.application_submit(actor=request.user, application=found))


@router.post("/applications/{application_id}/forward", response=ApplicationOut,
             summary="The support centre checked the application and sends it to the city")  # fmt: skip
def application_forward(request: HttpRequest, application_id: int, payload: NoteIn):
    found = selectors.application_to_review(request.user, application_id)
    return application_out(services.application_forward(actor=request.user, application=found, note=payload.note))


@router.post("/applications/{application_id}/return", response=ApplicationOut,
             summary="The support centre returns the application with a reason (422 without one)")  # fmt: skip
def application_return(request: HttpRequest, application_id: int, payload: ReasonIn):
    found = selectors.application_to_review(request.user, application_id)
    return application_out(services.application_return(actor=request.user, application=found, reason=payload.reason))


@router.post("/applications/{application_id}/approve", response=ApplicationOut,
             summary="The city approves a forwarded application")  # fmt: skip
def application_approve(request: HttpRequest, application_id: int):
    found = selectors.application_to_review(request.user, application_id)
    return application_out(services.application_approve(actor=request.user, application=found))


# --- shapes -----------------------------------------------------------------------------------------


def settings_out(actor, enrolment: PaEnrolment) -> dict:
    last = selectors.last_settings_change(enrolment)
    return {
        "enrolment_id": enrolment.pk,
        "program": enrolment.program,
        "income_tier": enrolment.income_tier,
        "income_tiers": [str(t) for t in c.TIERS_BY_PROGRAM[enrolment.program]],
        "user_can_self_manage": enrolment.user_can_self_manage,
        "family_can_manage": enrolment.family_can_manage,
        "proxy_assistant_id": enrolment.proxy_id,
        "proxy_name": enrolment.proxy.person.name if enrolment.proxy_id else None,
        "independent_living_plan": enrolment.independent_living_plan,
        "independent_living_plan_on": enrolment.independent_living_plan_on,
        "can_edit": access.can_run(actor, enrolment),
        "last_changed_by": last.actor_name if last else None,
        "last_changed_on_behalf_of": last.on_behalf_of if last else "",
        "last_changed_at": last.at if last else None,
    }


def application_out(application: Application) -> dict:
    deadline = selectors.deadline(application.enrolment, application.month)
    return {
        "id": application.pk,
        "enrolment_id": application.enrolment_id,
        "month": months.label(application.month),
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "approved_hours": application.approved_hours,
        "transfer_hours": application.transfer_hours,
        "budget": application.budget,
        "max_transfer_hours": application.max_transfer_hours,
        "remaining_heavy_care_hours": application.remaining_heavy_care_hours,
        "usage_plan": application.usage_plan,
        "carry_over_notified": application.carry_over_notified,
        "refund_applied": application.refund_applied,
        "welfare_copay": application.welfare_copay,
        "apply_by": deadline["apply_by"] if deadline else None,
        "apply_by_passed": deadline["passed"] if deadline else None,
        "submitted_at": application.submitted_at,
        "decided_by": application.decided_by.get_username(),
        "on_behalf_of": application.on_behalf_of,
        "decided_at": application.decided_at,
        "reviewed_by": application.reviewed_by.get_username() if application.reviewed_by_id else None,
        "reviewed_at": application.reviewed_at,
        "review_note": application.review_note,
        "rule_ids": application.rule_ids,
    }
