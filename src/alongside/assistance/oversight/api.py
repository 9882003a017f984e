"""The support centre's desk, the PA user's requests to it, and the city's view over JSON (under /api/v1/pa).

Thin handlers: find the rows through selectors (404 out of reach: the desk is for the centre's staff, the city's
view for officers whose jurisdiction holds PA households), call one service, answer. Refusals are 422 problems
naming their field.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Router, Status

from alongside.assistance import selectors as household_selectors
from alongside.assistance.models import Application, CentreItem, Claim, PaEnrolment
from alongside.assistance.oversight import selectors, services, statistics
from alongside.assistance.oversight.schemas import (
    AgeSexOut,
    ApplicationWaitingOut,
    AskCentreIn,
    CentreItemIn,
    CentreItemOut,
    CentreItemPatch,
    CentreQueueOut,
    CityMonthOut,
    ClaimWaitingOut,
    StatisticsOut,
)
from alongside.core.errors import DomainError, ErrorCode
from alongside.core.models import User

router = Router(tags=["personal assistance: support centre and city"])
CURRENCY = {"jp": "JPY", "tw": "TWD"}
STATISTICS_RULES = ["PA-21"]


# --- the support centre's desk --------------------------------------------------------------------------------


@router.get("/centre/queue", response=CentreQueueOut,
            summary="The support centre's desk: consultations, trainings, applications, claims, disputes")  # fmt: skip
def centre_queue(request: HttpRequest):
    queue = selectors.centre_queue(request.user)
    centre = selectors.centres(request.user).first()
    return {
        "opening_hours": selectors.opening_info(centre),
        "consultations": [item_out(i) for i in queue.consultations],
        "trainings": [item_out(i) for i in queue.trainings],
        "missing_trainings": [_missing_out(m) for m in queue.missing_trainings],
        "applications": [application_out(w) for w in queue.applications],
        "claims": [claim_out(w, "claim_check") for w in queue.claims],
        "disputes": [item_out(i) for i in queue.disputes],
        "others": [item_out(i) for i in queue.others],
    }


@router.get("/centre/items", response=list[CentreItemOut],
            summary="The centre's items (?status=open, scheduled or done), appointments first")  # fmt: skip
def centre_item_list(request: HttpRequest, status: str | None = None):
    selectors.centres(request.user)
    items = selectors.centre_items(request.user).order_by("scheduled_at", "created_at", "pk")
    return [item_out(i) for i in (items.filter(status=status) if status else items)]


@router.post("/centre/items", response={201: CentreItemOut},
             summary="Put an item on the desk: a consultation, a training, a disagreement, a request")  # fmt: skip
def centre_item_create(request: HttpRequest, payload: CentreItemIn):
    centre = selectors.centre_for(request.user, payload.centre_id)
    item = services.centre_item_create(
        actor=request.user, centre=centre, kind=payload.kind,
        enrolment=_centre_enrolment(request.user, payload.enrolment_id), person_name=payload.person_name,
        scheduled_at=payload.scheduled_at, hours=payload.hours, notes=payload.notes,
    )  # fmt: skip
    return Status(201, item_out(item))


@router.get("/centre/items/{item_id}", response=CentreItemOut, summary="One item of the centre's desk")
def centre_item_detail(request: HttpRequest, item_id: int):
    return item_out(selectors.centre_item_for(request.user, item_id))


@router.patch("/centre/items/{item_id}", response=CentreItemOut,
              summary="Change an item (who, appointment, hours, notes) or mark it done with notes")  # fmt: skip
def centre_item_change(request: HttpRequest, item_id: int, payload: CentreItemPatch):
    item = selectors.centre_item_for(request.user, item_id)
    changes = payload.model_dump(exclude_unset=True)
    if changes.pop("done", False):
        item = services.centre_item_done(actor=request.user, item=item, notes=changes.get("notes") or "")
    else:
        item = services.centre_item_update(actor=request.user, item=item, changes=changes)
    return item_out(item)


# --- the PA user asks their centre ------------------------------------------------------------------------------


@router.post("/households/{enrolment_id}/ask-centre", response={201: CentreItemOut},
             summary="Ask your support centre for help (a question, or a disagreement with an assistant)")  # fmt: skip
def ask_centre(request: HttpRequest, enrolment_id: int, payload: AskCentreIn):
    enrolment, _acting = household_selectors.enrolment_to_run(request.user, enrolment_id)
    item = services.centre_ask(actor=request.user, enrolment=enrolment, kind=payload.kind, message=payload.message)
    return Status(201, item_out(item))


@router.get("/households/{enrolment_id}/centre-requests", response=list[CentreItemOut],
            summary="What the household asked its support centre, newest first")  # fmt: skip
def centre_requests(request: HttpRequest, enrolment_id: int):
    enrolment, _acting = household_selectors.enrolment_to_run(request.user, enrolment_id)
    return [item_out(i) for i in selectors.requests_of(enrolment)]


# --- the city ---------------------------------------------------------------------------------------------------


@router.get("/city/households", response=CityMonthOut,
            summary="The city's PA households in a month (?month=YYYY-MM) and what waits on the city")  # fmt: skip
def city_households(request: HttpRequest, month: str | None = None):
    enrolments = selectors.city_enrolments(request.user)
    country = selectors.city_country(request.user)
    first = selectors.parse_month(month, default=selectors.city_today(request.user).replace(day=1))
    start, end = statistics.fiscal_year_bounds(statistics.fiscal_year_of(first, country), country)
    totals = selectors.year_totals(enrolments, start, end)
    return {
        "month": f"{first:%Y-%m}",
        "currency": CURRENCY.get(country, "JPY"),
        "households": [_household_out(row) for row in selectors.household_months(enrolments, first)],
        "claims_waiting_payment": [claim_out(w, "claim_pay") for w in selectors.claims_waiting_payment(enrolments)],
        "applications_waiting_approval": [
            application_out(w) for w in selectors.applications_waiting_approval(enrolments)
        ],
        "year": _totals_out(totals),
    }


@router.get("/city/statistics", response=StatisticsOut,
            summary="PA statistics of a fiscal year (?year=, April to March in Japan): 001 §5, PA-21")  # fmt: skip
def city_statistics(request: HttpRequest, year: str | None = None):
    stats = selectors.city_statistics(request.user, year)
    return {
        "fiscal_year": stats.year, "start": stats.start, "end": stats.end,
        "users": age_sex_out(stats.users),
        "registered_assistants": age_sex_out(stats.registered),
        "contracted_assistants": age_sex_out(stats.contracted),
        "contract_share": stats.contract_share,
        "user_months": stats.user_months,
        "average_transfer_hours": stats.average_transfer_hours,
        "average_use_hours": stats.average_use_hours,
        "use_to_transfer_ratio": stats.use_to_transfer_ratio,
        "assistants_per_user_mean": stats.assistants_per_user_mean,
        "assistants_per_user_max": stats.assistants_per_user_max,
        "rule_ids": STATISTICS_RULES,
    }  # fmt: skip


@router.get("/city/statistics.csv", summary="The same statistics as CSV (UTF-8 with BOM) for a spreadsheet")
def city_statistics_csv(request: HttpRequest, year: str | None = None):
    stats = selectors.city_statistics(request.user, year)
    content = statistics.statistics_csv(stats, place=", ".join(selectors.city_names(request.user)))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, statistics.csv_filename(stats))
    return response


# --- shapes -------------------------------------------------------------------------------------------------------


def item_out(item: CentreItem) -> dict:
    return {
        "id": item.pk, "centre_id": item.centre_id, "kind": item.kind, "kind_label": item.get_kind_display(),
        "status": item.status, "status_label": item.get_status_display(), "enrolment_id": item.enrolment_id,
        "person_name": item.person_name, "scheduled_at": item.scheduled_at, "hours": item.hours,
        "notes": item.notes, "created_by": item.created_by.get_username(), "created_at": item.created_at,
        "done_at": item.done_at,
    }  # fmt: skip


def application_out(waiting: selectors.Waiting) -> dict:
    application: Application = waiting.row
    return ApplicationWaitingOut(
        id=application.pk, enrolment_id=application.enrolment_id, user_name=application.enrolment.user_person.name,
        month=f"{application.month:%Y-%m}", status=application.status, budget=application.budget,
        transfer_hours=application.transfer_hours, sent_at=waiting.sent_at, due=waiting.due,
        url=selectors.link("application_review", application.pk),
    ).model_dump()  # fmt: skip


def claim_out(waiting: selectors.Waiting, page: str) -> dict:
    claim: Claim = waiting.row
    return ClaimWaitingOut(
        id=claim.pk, enrolment_id=claim.enrolment_id, user_name=claim.enrolment.user_person.name,
        month=f"{claim.month:%Y-%m}", status=claim.status, total=claim.total, city_pays=claim.city_pays,
        sent_at=waiting.sent_at, due=waiting.due, url=selectors.link(page, claim.pk),
    ).model_dump()  # fmt: skip


def age_sex_out(table: statistics.AgeSexTable) -> dict:
    bands = [
        {"band": code, "label": label, **{row.sex: row.counts[i] for row in table.rows},
         "total": table.totals[i], "share": table.shares[i]}
        for i, (code, label) in enumerate(table.bands)
    ]  # fmt: skip
    return AgeSexOut(bands=bands, total=table.total).model_dump()


def _missing_out(missing: selectors.MissingTraining) -> dict:
    return {
        "enrolment_id": missing.enrolment.pk, "user_name": missing.enrolment.user_person.name, "kind": missing.kind,
        "assistant_id": missing.assistant.pk if missing.assistant else None, "who": missing.who,
    }  # fmt: skip


def _totals_out(totals: selectors.YearTotals) -> dict:
    return {
        "fiscal_year_start": totals.start, "fiscal_year_end": totals.end, "budget": totals.budget,
        "claimed": totals.claimed, "city_pays": totals.city_pays, "paid": totals.paid, "waiting": totals.waiting,
    }  # fmt: skip


def _household_out(row: selectors.HouseholdMonth) -> dict:
    application, claim = row.application, row.claim
    return {
        "enrolment_id": row.enrolment.pk, "household": row.enrolment.household.name,
        "user_name": row.enrolment.user_person.name, "program": row.enrolment.program,
        "application_id": application.pk if application else None,
        "application_status": application.status if application else None,
        "budget": application.budget if application else None,
        "transfer_hours": application.transfer_hours if application else None,
        "spent": row.spent,
        "claim_id": claim.pk if claim else None, "claim_status": claim.status if claim else None,
        "claim_total": claim.total if claim else None,
    }  # fmt: skip


def _centre_enrolment(actor: User, enrolment_id: int | None) -> PaEnrolment | None:
    """A household of the actor's centres; any other id is the same plain refusal, whether it exists or not."""
    if enrolment_id is None:
        return None
    found = selectors.centre_enrolments(actor).filter(pk=enrolment_id).first()
    if found is None:
        raise DomainError.single(
            "enrolment_id", ErrorCode.INVALID, _("Choose one of the households your centre supports.")
        )
    return found
