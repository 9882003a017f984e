"""Cases for the demo agency at every stage of the lifecycle, dated back from the day the demo is built,
so that the board, the deadlines and the dashboards have something to show.

Only long-term-care and self-pay clients get current cases: the 2014-2015 disability plan has ended, and the
rules engine rightly refuses to compute its months today.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from alongside.careplans import services as careplans
from alongside.cases import services as cases
from alongside.core.models import Organisation, User
from alongside.documents.service_catalogue import SERVICE_CATALOGUE
from alongside.people.models import Person
from alongside.rules import calendar
from alongside.supervision import services as supervision
from alongside.supervision.choices import USUAL_METHOD
from alongside.supervision.models import SupervisionContact

LTC_HOURS = {"mild": Decimal(25), "moderate": Decimal(50), "severe": Decimal(90)}
# (stage reached, working days since receipt); several open cases so supervisors have contacts to plan.
PLAN = [
    ("enquiry", 0),
    ("enquiry", 1),
    ("screened", 2),
    ("screened", 2),
    ("assigned", 2),
    ("assigned", 6),
    ("contacted", 4),
    ("open", 12),
    ("open", 25),
    ("open", 40),
    ("open", 60),
    ("suspended", 80),
    ("closed", 120),
]


def demo_cases_create(*, organisation: Organisation, users: dict[str, User], today: dt.date, seed: int) -> int:
    rng = random.Random(seed)
    manager = users["manager"]
    clients = [
        p
        for p in Person.objects.filter(organisation=organisation, kind="client").order_by("name", "id")
        if _program(p) in ("tw.ltc10", "self_pay")
    ]
    for (stage, days_back), client in zip(PLAN, clients, strict=False):
        received = _working_days_before(today, days_back, organisation.jurisdiction)
        supervisor = users[_note(client, "Supervisor") or "supervisor1"]
        _case_at(stage, client, received, today, manager, supervisor, rng)
    return min(len(PLAN), len(clients))


def _case_at(stage, client, received, today, manager, supervisor, rng) -> None:
    case = cases.case_intake(
        actor=manager,
        organisation=client.organisation,
        client=client,
        client_data=None,
        intake=cases.Intake(
            received_on=received,
            source=rng.choice(["self", "hospital_discharge", "care_management_centre", "other_agency"]),
        ),
    )
    if stage == "enquiry":
        return
    case = cases.case_screen(
        actor=manager, case=case, expected_version=case.version, screening=_screening(client, received, rng)
    )
    if stage == "screened":
        return
    case = cases.case_assign(
        actor=manager, case=case, supervisor=supervisor, assigned_on=received, expected_version=case.version
    )
    if stage == "assigned":
        return
    contacted = min(case.contact_by, today)
    case = cases.case_contact(actor=supervisor, case=case, contacted_on=contacted, expected_version=case.version)
    if stage == "contacted":
        return
    case = _open(case, supervisor, min(case.open_by, today), rng)
    supervision.supervision_schedule_generate(actor=supervisor, case=case, until=today + dt.timedelta(days=90))
    _held_contacts_record(case, supervisor, until=today - dt.timedelta(days=3))
    _barthel_record(case, supervisor, rng)
    if stage == "suspended":
        cases.case_suspend(
            actor=supervisor,
            case=case,
            reason="hospital",
            expected_version=case.version,
            starts_on=today - dt.timedelta(days=65),
        )
    elif stage == "closed":
        cases.case_close(
            actor=supervisor,
            case=case,
            expected_version=case.version,
            closure=cases.Closure(
                closed_on=today - dt.timedelta(days=10), reason="7", sub_reason="B", follow_up_notes="三個月後電話關懷"
            ),
        )


def _screening(client: Person, received: dt.date, rng: random.Random) -> cases.Screening:
    answers = {
        "hired_carer": "none",
        "living_arrangement": client.living_arrangement or "family",
        "welfare_status": client.welfare_status or "general",
    }
    if _program(client) == "self_pay":
        return cases.Screening(
            screened_on=received, outcome="self_pay", answers=answers, approved_hours=Decimal(rng.choice([8, 12, 20]))
        )
    level = rng.choice(list(LTC_HOURS))
    return cases.Screening(
        screened_on=received,
        outcome="public_subsidy",
        answers=answers,
        program="tw.ltc10",
        approved_level=level,
        approved_hours=LTC_HOURS[level],
        approval_reference=f"NT-LTC-{received:%Y%m}-{rng.randint(100, 999)}",
    )


def _open(case, supervisor: User, opened_on: dt.date, rng: random.Random):
    items = rng.sample([item for item in SERVICE_CATALOGUE if not item.code.endswith("_other")], 3)
    lines = [careplans.ServiceLine(item.code, rng.choice([1, 2, 3]), rng.choice([30, 60, 90])) for item in items]
    careplans.care_plan_create(
        actor=supervisor,
        case=case,
        valid_from=opened_on,
        services=lines,
        text=careplans.PlanText(plan_text="依核定時數與案主及家屬討論每週服務頻率與時數。"),
    )
    contract = careplans.contract_generate(
        actor=supervisor,
        case=case,
        period_start=opened_on,
        period_end=opened_on.replace(year=opened_on.year + 1) - dt.timedelta(days=1),
    )
    careplans.contract_sign(
        actor=supervisor,
        contract=contract,
        signature=careplans.Signature(
            signed_on=opened_on,
            method="screen",
            signed_by_name=case.client.name,
            signer_relation="self",
            agreed_to_terms=True,
        ),
    )
    case.refresh_from_db()
    return cases.case_open(actor=supervisor, case=case, opened_on=opened_on, expected_version=case.version)


def _held_contacts_record(case, supervisor: User, *, until: dt.date) -> None:
    """Supervisors in the demo have done their past contacts; only the last few days' are still open."""
    for contact in SupervisionContact.objects.filter(case=case, status="planned", due_on__lte=until).order_by("due_on"):
        record = supervision.ContactRecord(
            held_on=contact.due_on,
            method=USUAL_METHOD[contact.kind],
            notes="案主精神佳，服務員準時到達，服務內容符合需求。",
        )
        supervision.supervision_contact_record(
            actor=supervisor, contact=contact, record=record, expected_version=contact.version
        )


def _barthel_record(case, supervisor: User, rng: random.Random) -> None:
    """The Barthel index taken at opening: items scored by the rules engine like any other assessment."""
    answers = {
        "feeding": 5,
        "transfer": 10,
        "grooming": 0,
        "toilet_use": 5,
        "bathing": 0,
        "walking": rng.choice([5, 10]),
        "stairs": 0,
        "dressing": 5,
        "bowels": 10,
        "bladder": 5,
    }
    careplans.assessment_record(
        actor=supervisor, case=case, instrument="barthel", assessed_on=case.opened_on, answers=answers
    )


def _working_days_before(day: dt.date, count: int, jurisdiction: str) -> dt.date:
    while count > 0 or not calendar.is_working_day(day, jurisdiction):
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day, jurisdiction):
            count -= 1
    return day


def _program(person: Person) -> str:
    return _note(person, "Program")


def _note(person: Person, label: str) -> str:
    prefix = f"{label}: "
    return next((line[len(prefix) :] for line in person.notes.splitlines() if line.startswith(prefix)), "")
