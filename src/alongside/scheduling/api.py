"""The schedule over JSON: thin handlers that parse, authorise through selectors/services, and answer."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status

from alongside.people.models import Person
from alongside.scheduling import recurrence, selectors, services
from alongside.scheduling.models import Visit, VisitPlan, VisitPlanException
from alongside.scheduling.schemas import (
    CancelIn,
    ChangeOut,
    ExceptionIn,
    ExceptionOut,
    FeedIn,
    FeedOut,
    GenerateIn,
    GenerateOut,
    LockIn,
    MyVisitOut,
    OneOffIn,
    PlanIn,
    PlanOut,
    PlanUpdateIn,
    ReadIn,
    VisitOut,
)

router = Router(tags=["scheduling"])


@router.get("/plans", response=list[PlanOut], summary="Visit plans of the agencies the caller manages")
def plan_list(request: HttpRequest, client_id: int | None = None, active: bool | None = None):
    return [plan_out(p) for p in selectors.plan_list(actor=request.user, client_id=client_id, active=active)]


@router.post("/plans", response={201: PlanOut}, summary="Create a visit plan (422 names every bad field)")
def plan_create(request: HttpRequest, payload: PlanIn, organisation_id: int | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    plan = services.visit_plan_create(
        actor=request.user, organisation=organisation, data=_plan_data(request, organisation, payload)
    )
    return Status(201, plan_out(plan))


@router.get("/plans/{plan_id}", response=PlanOut, summary="One visit plan")
def plan_get(request: HttpRequest, plan_id: int):
    return plan_out(selectors.plan_get(actor=request.user, plan_id=plan_id))


@router.put(
    "/plans/{plan_id}", response=PlanOut, summary="Change a visit plan; its visits follow at the next generation"
)
def plan_update(request: HttpRequest, plan_id: int, payload: PlanUpdateIn):
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    plan = services.visit_plan_update(
        actor=request.user,
        plan=plan,
        expected_version=payload.version,
        data=_plan_data(request, plan.organisation, payload),
    )
    return plan_out(plan)


@router.delete("/plans/{plan_id}", response=PlanOut, summary="End a visit plan (kept for the record)")
def plan_end(request: HttpRequest, plan_id: int, version: int):
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    return plan_out(services.visit_plan_deactivate(actor=request.user, plan=plan, expected_version=version))


@router.get("/plans/{plan_id}/exceptions", response=list[ExceptionOut], summary="One-off changes of a plan")
def plan_exception_list(request: HttpRequest, plan_id: int):
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    return [exception_out(x) for x in plan.exceptions.all()]


@router.post(
    "/plans/{plan_id}/exceptions",
    response={201: ExceptionOut},
    summary="Skip or move the plan's visit on one day, with a reason (replaces that day's change)",
)
def plan_exception_set(request: HttpRequest, plan_id: int, payload: ExceptionIn):
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    exception = services.visit_plan_exception_set(
        actor=request.user,
        plan=plan,
        on=payload.on,
        kind=payload.kind,
        reason=payload.reason,
        new_start_time=payload.new_start_time,
    )
    return Status(201, exception_out(exception))


@router.delete(
    "/plans/{plan_id}/exceptions",
    response={204: None},
    summary="Remove the one-off change on a day (?on=YYYY-MM-DD); the plan applies again at the next generation",
)
def plan_exception_remove(request: HttpRequest, plan_id: int, on: dt.date):
    exception = selectors.plan_exception_get(actor=request.user, plan_id=plan_id, on=on)
    services.visit_plan_exception_remove(actor=request.user, exception=exception)
    return HttpResponse(status=204)


@router.post("/generate", response=GenerateOut, summary="Generate visits from the plans for [start, end]; idempotent")
def generate(request: HttpRequest, payload: GenerateIn):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=payload.organisation_id)
    result = services.visits_generate(
        actor=request.user, organisation=organisation, start=payload.start, end=payload.end
    )
    return result.as_dict()


@router.get("/visits", response=list[VisitOut], summary="Visits of a period (caregivers see only their own)")
def visit_list(
    request: HttpRequest,
    start: dt.date,
    end: dt.date,
    caregiver_id: int | None = None,
    client_id: int | None = None,
    unassigned: bool = False,
):
    visits = selectors.visit_list(
        actor=request.user, start=start, end=end, caregiver=caregiver_id, client=client_id, unassigned=unassigned
    )
    return [visit_out(v) for v in visits]


@router.post("/visits", response={201: VisitOut}, summary="Add a one-off visit (422 names every bad field)")
def visit_create(request: HttpRequest, payload: OneOffIn, organisation_id: int | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    client = Person.objects.filter(pk=payload.client_id, organisation=organisation).first()
    visit = services.visit_one_off_create(
        actor=request.user,
        organisation=organisation,
        client=client,
        on=payload.on,
        start_time=payload.start_time,
        duration_minutes=payload.duration_minutes,
        service_codes=payload.service_codes,
        flexibility_minutes=payload.flexibility_minutes,
        publicly_funded=payload.publicly_funded,
        intimate_care=payload.intimate_care,
        reason=payload.reason.strip(),
    )
    return Status(201, visit_out(visit))


@router.post(
    "/visits/{visit_id}/cancel",
    response=VisitOut,
    summary="Cancel a visit by hand with a reason; the caregiver is told and generation does not bring it back",
)
def visit_cancel(request: HttpRequest, visit_id: int, payload: CancelIn):
    visit = selectors.managed_visit_get(actor=request.user, visit_id=visit_id)
    return visit_out(services.visit_cancel(actor=request.user, visit=visit, reason=payload.reason))


@router.post("/visits/{visit_id}/lock", response=VisitOut, summary="Lock or unlock a visit")
def visit_lock(request: HttpRequest, visit_id: int, payload: LockIn):
    visit = selectors.visit_get(actor=request.user, visit_id=visit_id)
    return visit_out(services.visit_lock(actor=request.user, visit=visit, locked=payload.locked))


@router.get("/my-schedule", response=list[MyVisitOut], summary="The caller's own visits, today and the next 6 days")
def my_schedule(request: HttpRequest, start: dt.date | None = None):
    days = selectors.my_days(actor=request.user, today=start or timezone.localdate())
    return [
        visit_out(v)
        | {"address": v.client.residence_address, "client_phone": v.client.phone_mobile or v.client.phone_home}
        for _day, visits in days
        for v in visits
    ]


@router.get("/my-changes", response=list[ChangeOut], summary="Changes to the caller's schedule, newest first")
def my_changes(request: HttpRequest, unread: bool = False):
    return [
        {
            "id": x.pk,
            "visit_id": x.visit_id,
            "kind": x.kind,
            "text": x.text,
            "created_at": x.created_at,
            "read_at": x.read_at,
        }
        for x in selectors.schedule_changes(actor=request.user, unread_only=unread, limit=100)
    ]


@router.post("/my-changes/read", response=dict, summary="Mark the caller's changes read (all when no ids)")
def my_changes_read(request: HttpRequest, payload: ReadIn):
    return {"marked": services.schedule_changes_mark_read(actor=request.user, change_ids=payload.ids)}


@router.post("/feed/reissue", response=FeedOut, summary="A new private calendar link; the old one stops working")
def feed_reissue(request: HttpRequest, payload: FeedIn):
    feed = services.feed_issue(actor=request.user, caregiver=_caregiver(request, payload.caregiver_id))
    return {"active": True, "url": request.build_absolute_uri(reverse("scheduling_feed", args=[feed.token]))}


@router.post("/feed/revoke", response=FeedOut, summary="Turn the private calendar link off")
def feed_revoke(request: HttpRequest, payload: FeedIn):
    services.feed_revoke(actor=request.user, caregiver=_caregiver(request, payload.caregiver_id))
    return {"active": False, "url": None}


def _caregiver(request: HttpRequest, caregiver_id: int | None):
    if caregiver_id is None:
        return selectors.own_caregiver(actor=request.user)
    return selectors.caregiver_get(actor=request.user, caregiver_id=caregiver_id)


def _plan_data(request: HttpRequest, organisation, payload: PlanIn) -> services.PlanData:
    """Resolve the ids inside the agency; an id out of reach is the same 422 as a wrong one."""
    from alongside.careplans.models import CarePlan
    from alongside.workforce.models import CaregiverProfile

    values = payload.dict(exclude={"client_id", "regular_caregiver_id", "care_plan_id", "version"})
    client = Person.objects.filter(pk=payload.client_id, organisation=organisation).first()
    caregiver = care_plan = None
    if payload.regular_caregiver_id is not None:
        caregiver = CaregiverProfile.objects.filter(pk=payload.regular_caregiver_id).first()
    if payload.care_plan_id is not None:
        care_plan = CarePlan.objects.select_related("case").filter(pk=payload.care_plan_id).first()
    data = services.PlanData(client=client, regular_caregiver=caregiver, care_plan=care_plan, **values)
    if payload.regular_caregiver_id is not None and caregiver is None:
        data.regular_caregiver = _Missing(organisation_id=None, active=False)
    if payload.care_plan_id is not None and care_plan is None:
        data.care_plan = _Missing(case=_Missing(organisation_id=None, client_id=None))
    return data


class _Missing:
    """Stands for an id that does not exist, so that the service names the field (422), not a 404."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


def plan_out(plan: VisitPlan) -> dict:
    return {
        **{
            name: getattr(plan, name)
            for name in (
                "id",
                "organisation_id",
                "client_id",
                "care_plan_id",
                "service_codes",
                "rrule",
                "starts_on",
                "ends_on",
                "start_time",
                "duration_minutes",
                "flexibility_minutes",
                "intimate_care",
                "publicly_funded",
                "continues_on_holidays",
                "regular_caregiver_id",
                "active",
                "version",
            )
        },
        "client_name": plan.client.name,
        "rule_in_words": recurrence.in_words(plan.rrule, plan.start_time, plan.duration_minutes),
    }


def exception_out(exception: VisitPlanException) -> dict:
    return {name: getattr(exception, name) for name in ("id", "plan_id", "on", "kind", "new_start_time", "reason")}


def visit_out(visit: Visit) -> dict:
    return {
        **{
            name: getattr(visit, name)
            for name in (
                "id",
                "plan_id",
                "client_id",
                "on",
                "earliest_start",
                "latest_start",
                "planned_start",
                "duration_minutes",
                "service_codes",
                "intimate_care",
                "publicly_funded",
                "caregiver_id",
                "route_order",
                "locked",
                "status",
                "cancelled_reason",
                "source",
                "version",
            )
        },
        "client_name": visit.client.name,
        "caregiver_name": visit.caregiver.person.name if visit.caregiver else None,
    }
