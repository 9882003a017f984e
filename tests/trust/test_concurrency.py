"""Concurrency (issue 9 point 4): two people (or two phones) doing the same thing at the same moment.

The collisions run in real threads against PostgreSQL, each thread with its own database connection, released
together by a barrier and repeated a few times. On SQLite (one writer at a time, transactions begin IMMEDIATE)
the same rules are checked one after the other.

- Two supervisors change one care plan from the same version: one wins, the other is told (409, the page says
  who changed what) and nothing of either is lost: the loser sends again from the new version.
- Two phones send the same offline queue (and overlapping ones): every action is applied once, both answers
  agree, no 500.
- Two supervisors give one caregiver two overlapping visits: one wins, the other is refused naming the visit;
  on PostgreSQL an exclusion constraint refuses it even past the services.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
import zoneinfo
from decimal import Decimal
from functools import partial

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from alongside.careplans import services as careplan_services
from alongside.careplans.models import CarePlan, NeedsChange
from alongside.cases import services as case_services
from alongside.core.errors import DomainError
from alongside.dispatch.tests import factories as f
from alongside.fieldwork.models import SyncAction, VisitRecord
from alongside.scheduling import services as scheduling_services
from alongside.scheduling.models import Visit
from alongside.scheduling.services import bookings
from alongside.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def collision(test):
    """A test whose threads see each other's commits: PostgreSQL (SQLite would serialise them), committed data."""
    reason = "collisions in threads need PostgreSQL (row locks, the exclusion constraint)"
    return pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)(
        pytest.mark.django_db(transaction=True)(test)
    )

REPEATS = 3  # collisions per scenario; each is a fresh race
JSON = "application/json"
SYNC = "/api/v1/fieldwork/sync"
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
MONDAY = dt.date(2025, 3, 3)  # no public holiday that week in Taiwan


def collide(*calls):
    """Run the calls at the same moment, one thread each, each on its own connection; their results in order
    (an exception raised is returned as the result, so a test sees a 500-to-be as a failure)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    language = translation.get_language()  # a new thread starts in the default language, not the test's

    def run(index, call):
        translation.activate(language)
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # handed to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return results


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# --- 1. two supervisors, one care plan ------------------------------------------------------------------


RECEIVED = dt.date(2014, 6, 6)
SCREENING = case_services.Screening(
    screened_on=RECEIVED, outcome="public_subsidy", answers={"hired_carer": "none"},
    program="tw.disability_homecare", approved_level="moderate", approved_hours=Decimal(40),
)  # fmt: skip


def care_case(agency, manager, supervisor, name: str):
    client = PersonFactory(organisation=agency, name=name, welfare_status="general")
    enquiry = case_services.case_intake(
        actor=manager, organisation=agency, client=client, client_data=None,
        intake=case_services.Intake(received_on=RECEIVED, source="hospital_discharge"),
    )  # fmt: skip
    screened = case_services.case_screen(actor=manager, case=enquiry, screening=SCREENING, expected_version=1)
    case = case_services.case_assign(
        actor=manager, case=screened, supervisor=supervisor, assigned_on=RECEIVED, expected_version=2
    )
    careplan_services.care_plan_create(
        actor=supervisor, case=case, valid_from=dt.date(2014, 6, 10), text=careplan_services.PlanText(),
        services=[careplan_services.ServiceLine("bathing", 2, 60)],
    )  # fmt: skip
    return case


def needs_change(version: int, code: str, reason: str) -> dict:
    return {
        "plan_version": version, "changed_on": "2014-07-01", "reason": reason, "agreed_by_name": "林阿嬌",
        "agreed_by_relation": "client", "services": [{"code": code, "times_per_week": 3, "minutes_per_visit": 45}],
    }  # fmt: skip


def plan_codes(plan: CarePlan) -> list[str]:
    return [line.service_code for line in plan.services.all()]


@collision
def test_two_supervisors_change_one_care_plan_one_wins_the_other_is_told_and_retries(agency, manager, supervisor):
    for attempt in range(REPEATS):
        case = care_case(agency, manager, supervisor, f"案主{attempt}")
        url = f"/api/v1/careplans/cases/{case.pk}/needs-changes"
        first, second = signed_in(supervisor), signed_in(manager)
        answers = collide(
            partial(first.post, url, needs_change(1, "meals", "要備餐"), content_type=JSON),
            partial(second.post, url, needs_change(1, "home_cleaning", "要家務"), content_type=JSON),
        )
        assert sorted(a.status_code for a in answers) == [201, 409], [a.content for a in answers]
        won, lost = sorted(answers, key=lambda a: a.status_code)
        winner = "meals" if won is answers[0] else "home_cleaning"
        loser = "home_cleaning" if winner == "meals" else "meals"
        loser_body = needs_change(2, loser, "再送一次")
        problem = lost.json()
        assert lost["Content-Type"].startswith("application/problem+json")
        assert [(e["field"], e["code"]) for e in problem["errors"]] == [("version", "stale_version")]
        assert "version 2" in problem["errors"][0]["message"]  # says what the other change was
        assert (CarePlan.objects.filter(case=case).count(), NeedsChange.objects.filter(case=case).count()) == (2, 1)
        assert plan_codes(CarePlan.objects.get(case=case, number=2)) == [winner]
        # Nothing lost: the refused supervisor sends the same change again from version 2.
        retry = (second if won is answers[0] else first).post(url, loser_body, content_type=JSON)
        assert retry.status_code == 201
        history = {plan.number: plan_codes(plan) for plan in CarePlan.objects.filter(case=case)}
        assert history == {1: ["bathing"], 2: [winner], 3: [loser]}


def test_the_page_of_a_refused_change_says_who_changed_what_and_keeps_the_users_entries(agency, manager, supervisor):
    """Sequential (both databases): the page was opened at version 1, someone else recorded version 2 meanwhile."""
    case = care_case(agency, manager, supervisor, "林阿嬌")
    page = signed_in(manager)
    url = reverse("careplan_change", args=[case.pk])
    assert page.get(url).status_code == 200
    careplan_services.needs_change_record(
        actor=supervisor, case=case, expected_plan=1,
        draft=careplan_services.NeedsChangeDraft(
            changed_on=dt.date(2014, 7, 1), reason="家屬要求改備餐", agreed_by_name="林阿嬌",
            agreed_by_relation="client",
            services=[careplan_services.ServiceLine("meals", 3, 30)],
        ),
    )  # fmt: skip
    form = {
        "plan_version": "1", "changed_on": "2014-07-02", "reason": "案主想要家務服務", "agreed_by_relation": "client",
        "agreed_by_name": "林阿嬌", "services-home_cleaning__times": "2", "services-home_cleaning__minutes": "60",
    }  # fmt: skip
    refused = page.post(url, form)
    assert refused.status_code == 409
    text = refused.content.decode()
    assert "Someone else changed this plan" in text
    assert "version 2" in text
    assert "家屬要求改備餐" in text  # the other change's reason
    assert "supervisor_lin" in text  # and who made it
    assert "Meal preparation" in text  # what the other change added
    assert "案主想要家務服務" in text  # the user's own entries are still on the page
    assert 'name="plan_version" value="2"' in text  # sending again starts from the new version
    assert CarePlan.objects.filter(case=case).count() == 2
    again = page.post(url, form | {"plan_version": "2"})
    assert again.status_code == 302
    assert plan_codes(CarePlan.objects.get(case=case, number=3)) == ["home_cleaning"]


# --- 2. two phones, one visit -----------------------------------------------------------------------------


def moment(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(MONDAY, dt.time(hour, minute), tzinfo=TAIPEI)


def at(hour: int, minute: int = 0) -> str:
    return moment(hour, minute).isoformat()


def fieldwork_visit(agency, name: str):
    caregiver = f.caregiver(agency, f"cg_{uuid.uuid4().hex[:8]}", "吳美惠")
    visit = f.visit(agency, f.client(agency, name), MONDAY, dt.time(9), minutes=120, caregiver=caregiver)
    Visit.objects.filter(pk=visit.pk).update(service_codes=["bathing", "meals"])
    return visit, caregiver.person.user


def queue(visit, check_in_at: str = at(9, 2)) -> list[dict]:
    def action(kind, when, **payload):
        return {"key": str(uuid.uuid4()), "kind": kind, "visit_id": visit.pk, "performed_at": when, "payload": payload}

    return [
        action("check_in", check_in_at, latitude=23.966, longitude=120.967, accuracy_m=15),
        action("tasks", at(10), tasks_done=["bathing"], notes="洗澡順利", observations=""),
        action("check_out", at(11, 1), tasks_done=["bathing", "meals"]),
    ]


def by_key(response) -> dict[str, dict]:
    assert response.status_code == 200, response.content
    return {result["key"]: result for result in response.json()["results"]}


def settled_once(one: dict, other: dict) -> str:
    """An action both phones sent: one answer is what happened, the other `duplicate` reporting the same."""
    assert other["status"] == "duplicate" or one["status"] == "duplicate", (one, other)
    assert one["stored_status"] == other["stored_status"], (one, other)
    assert one["record_id"] == other["record_id"]
    return one["stored_status"]


@collision
def test_two_phones_syncing_one_visit_apply_each_action_once_and_agree(agency):
    for attempt in range(REPEATS):
        # The same queue from two devices at once (a retry racing the original).
        visit, user = fieldwork_visit(agency, f"案主{attempt}")
        actions = queue(visit)
        phone, tablet = signed_in(user), signed_in(user)
        answers = collide(
            partial(phone.post, SYNC, {"actions": actions}, content_type=JSON),
            partial(tablet.post, SYNC, {"actions": actions}, content_type=JSON),
        )
        one, other = by_key(answers[0]), by_key(answers[1])
        assert [settled_once(one[a["key"]], other[a["key"]]) for a in actions] == ["applied"] * 3, (one, other)
        assert SyncAction.objects.filter(visit=visit).count() == 3
        record = VisitRecord.objects.get(visit=visit)
        assert (record.checked_in_at, record.checked_out_at) == (moment(9, 2), moment(11, 1))
        assert (record.notes, record.tasks_done) == ("洗澡順利", ["bathing", "meals"])

        # Overlapping queues, and each device checked the visit in under its own key.
        visit, user = fieldwork_visit(agency, f"案主{attempt}b")
        actions, tablet_check_in = queue(visit), queue(visit, check_in_at=at(9, 5))[0]
        phone, tablet = signed_in(user), signed_in(user)
        answers = collide(
            partial(phone.post, SYNC, {"actions": actions[:2]}, content_type=JSON),
            partial(tablet.post, SYNC, {"actions": [tablet_check_in, *actions]}, content_type=JSON),
        )
        one, other = by_key(answers[0]), by_key(answers[1])
        phone_check_in = settled_once(one[actions[0]["key"]], other[actions[0]["key"]])
        assert settled_once(one[actions[1]["key"]], other[actions[1]["key"]]) == "applied"
        assert other[actions[2]["key"]]["status"] == "applied"  # only the tablet sent the check-out
        # One check-in is the visit's; the other is kept as a conflict for the supervisor: nothing is dropped.
        assert sorted([phone_check_in, other[tablet_check_in["key"]]["status"]]) == ["applied", "conflict"]
        assert SyncAction.objects.filter(visit=visit).count() == 4
        record = VisitRecord.objects.get(visit=visit)
        assert record.checked_in_at == (moment(9, 2) if phone_check_in == "applied" else moment(9, 5))


# --- 3. one caregiver, two overlapping visits ------------------------------------------------------------


def two_overlapping_visits(agency, name: str):
    caregiver = f.caregiver(agency, f"cg_{uuid.uuid4().hex[:8]}", name, languages=("hakka", "mandarin"))
    first = f.visit(agency, f.client(agency, "林阿嬤"), MONDAY, dt.time(9), minutes=60, flexibility=0)
    second = f.visit(agency, f.client(agency, "王阿公"), MONDAY, dt.time(9, 30), minutes=60, flexibility=0)
    return caregiver, first, second


def give(actor, visit, caregiver):
    try:
        scheduling_services.visit_set_caregiver(actor=actor, visit=visit, caregiver=caregiver, start_time=None)
    except DomainError as error:
        return error
    return "assigned"


@collision
def test_two_supervisors_giving_one_caregiver_overlapping_visits_one_wins_the_other_is_refused(
    agency, manager, supervisor
):
    for attempt in range(REPEATS):
        caregiver, first, second = two_overlapping_visits(agency, f"照服員{attempt}")
        one, other = signed_in(supervisor), signed_in(manager)
        body = {"caregiver_id": caregiver.pk, "override_reason": "急需"}
        answers = collide(
            partial(one.post, f"/api/v1/dispatch/visits/{first.pk}/assign", body, content_type=JSON),
            partial(other.post, f"/api/v1/dispatch/visits/{second.pk}/assign", body, content_type=JSON),
        )
        assert sorted(a.status_code for a in answers) == [200, 422], [a.content for a in answers]
        refused = next(a for a in answers if a.status_code == 422).json()
        # Refused by the constraint (both read a free caregiver) or, when one committed first, by the hard rule.
        assert {e["code"] for e in refused["errors"]} & {"double_booked", "overlapping_visit"}, refused
        assert Visit.objects.filter(pk__in=[first.pk, second.pk], caregiver=caregiver).count() == 1

        # Without dispatch's hard rules in front: the service's own check races, the constraint decides.
        caregiver, first, second = two_overlapping_visits(agency, f"照服員{attempt}b")
        results = collide(partial(give, supervisor, first, caregiver), partial(give, manager, second, caregiver))
        assert results.count("assigned") == 1, results
        [error] = [r for r in results if r != "assigned"]
        assert isinstance(error, DomainError), error
        assert [p.code for p in error.problems] == ["double_booked"]
        # It names the visit in the way (the thread speaks the agency's language, so no English text here).
        assert MONDAY.isoformat() in error.problems[0].message, error.problems[0].message
        assert Visit.objects.filter(pk__in=[first.pk, second.pk], caregiver=caregiver).count() == 1

        # One visit, two caregivers, both pages showing version 1: the later choice is refused, not overwriting.
        visit = f.visit(agency, f.client(agency, f"陳阿伯{attempt}"), MONDAY, dt.time(14), minutes=60)
        wu, chen = (f.caregiver(agency, f"cg_{uuid.uuid4().hex[:8]}", name, languages=("hakka",))
                    for name in ("吳美惠", "陳淑芬"))  # fmt: skip
        url = f"/api/v1/dispatch/visits/{visit.pk}/assign"
        answers = collide(
            partial(one.post, url, {"caregiver_id": wu.pk, "version": 1}, content_type=JSON),
            partial(other.post, url, {"caregiver_id": chen.pk, "version": 1}, content_type=JSON),
        )
        assert sorted(a.status_code for a in answers) == [200, 409], [a.content for a in answers]
        won = next(a for a in answers if a.status_code == 200).json()
        lost = next(a for a in answers if a.status_code == 409).json()
        assert [e["code"] for e in lost["errors"]] == ["stale_version"]
        assert Visit.objects.get(pk=visit.pk).caregiver_id == won["caregiver_id"]
        winner_name = "吳美惠" if won["caregiver_id"] == wu.pk else "陳淑芬"
        assert f"it is now with {winner_name}" in lost["errors"][0]["message"]


@postgres_only
def test_the_database_refuses_a_double_booking_written_past_the_services(agency):
    caregiver, first, second = two_overlapping_visits(agency, "吳美惠")
    Visit.objects.filter(pk=first.pk).update(caregiver=caregiver)
    with pytest.raises(IntegrityError, match=bookings.CONSTRAINT), transaction.atomic():
        Visit.objects.filter(pk=second.pk).update(caregiver=caregiver)
    # Back to back is not an overlap ([start, end)); a cancelled visit frees the time.
    Visit.objects.filter(pk=second.pk).update(planned_start=dt.time(10), earliest_start=dt.time(10),
                                              latest_start=dt.time(10), caregiver=caregiver)  # fmt: skip
    Visit.objects.filter(pk=second.pk).update(planned_start=dt.time(9), status="cancelled")
    assert Visit.objects.filter(caregiver=caregiver).count() == 2


def test_sqlite_serialises_the_check_and_the_service_refuses_the_second_visit(agency, supervisor):
    """Both databases, one after the other: the second assignment is refused naming the first visit. On SQLite
    every transaction begins IMMEDIATE (the write lock), so the check and the write of two concurrent
    assignments cannot interleave."""
    if connection.vendor == "sqlite":
        assert connection.transaction_mode == "IMMEDIATE"
    caregiver, first, second = two_overlapping_visits(agency, "吳美惠")
    scheduling_services.visit_set_caregiver(actor=supervisor, visit=first, caregiver=caregiver, start_time=None)
    with pytest.raises(DomainError) as refused:
        scheduling_services.visit_set_caregiver(actor=supervisor, visit=second, caregiver=caregiver, start_time=None)
    [problem] = refused.value.problems
    assert (problem.field, problem.code) == ("caregiver", "double_booked")
    assert "林阿嬤 on 2025-03-03, 09:00–10:00" in problem.message
    assert Visit.objects.get(pk=second.pk).caregiver_id is None


def swap_back_one_only(actor, visit, caregiver):
    with transaction.atomic():
        bookings.defer()
        scheduling_services.visit_set_caregiver(actor=actor, visit=visit, caregiver=caregiver, start_time=None,
                                                check_overlap=False)  # fmt: skip
        bookings.check([visit.pk])


def test_a_new_schedule_may_swap_two_caregivers_visits_but_not_double_book(agency, supervisor):
    """The optimiser writes visit by visit: a swap overlaps for a moment, so the check waits for the end."""
    wu, first, _ = two_overlapping_visits(agency, "吳美惠")
    chen = f.caregiver(agency, "caregiver_chen", "陳淑芬")
    other = f.visit(agency, f.client(agency, "張阿嬤"), MONDAY, dt.time(9), minutes=60, flexibility=0, caregiver=chen)
    Visit.objects.filter(pk=first.pk).update(caregiver=wu)
    first.refresh_from_db()
    with transaction.atomic():
        bookings.defer()
        for visit, caregiver in ((first, chen), (other, wu)):
            scheduling_services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=caregiver,
                                                    start_time=None, check_overlap=False)  # fmt: skip
        bookings.check([first.pk, other.pk])
    assert (Visit.objects.get(pk=first.pk).caregiver, Visit.objects.get(pk=other.pk).caregiver) == (chen, wu)
    with pytest.raises(DomainError) as refused:
        swap_back_one_only(supervisor, first, wu)
    assert [p.code for p in refused.value.problems] == ["double_booked"]
    assert Visit.objects.get(pk=first.pk).caregiver == chen


def test_generation_leaves_a_visit_open_rather_than_double_book_the_regular_caregiver(agency, supervisor):
    caregiver = f.caregiver(agency, "caregiver_wu", "吳美惠")
    busy = f.visit(agency, f.client(agency, "王阿公"), MONDAY, dt.time(9, 30), minutes=60, caregiver=caregiver)
    data = scheduling_services.PlanData(
        client=f.client(agency, "林阿嬤"), service_codes=["meals"], rrule="FREQ=WEEKLY;BYDAY=MO,WE", starts_on=MONDAY,
        start_time=dt.time(9), duration_minutes=60, regular_caregiver=caregiver,
    )  # fmt: skip
    plan = scheduling_services.visit_plan_create(actor=supervisor, organisation=agency, data=data)
    scheduling_services.visits_generate(actor=supervisor, organisation=agency, start=MONDAY,
                                        end=MONDAY + dt.timedelta(days=2),
                                        now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    generated = {v.on: v.caregiver_id for v in Visit.objects.filter(plan=plan)}
    assert generated == {MONDAY: None, MONDAY + dt.timedelta(days=2): caregiver.pk}
    assert Visit.objects.get(pk=busy.pk).caregiver_id == caregiver.pk


def test_the_assign_page_refuses_a_choice_made_on_a_stale_page_and_shows_the_visit_now(agency, supervisor, manager):
    visit = f.visit(agency, f.client(agency, "陳阿伯"), MONDAY, dt.time(14), minutes=60)
    wu = f.caregiver(agency, "caregiver_wu", "吳美惠", languages=("hakka",))
    chen = f.caregiver(agency, "caregiver_chen", "陳淑芬", languages=("hakka",))
    page = signed_in(supervisor)
    url = reverse("dispatch_visit_match", args=[visit.pk])
    assert 'name="version" value="1"' in page.get(url).content.decode()
    signed_in(manager).post(f"/api/v1/dispatch/visits/{visit.pk}/assign", {"caregiver_id": wu.pk, "version": 1},
                            content_type=JSON)  # fmt: skip
    refused = page.post(url, {"caregiver": chen.pk, "version": 1, "override_reason": ""})
    text = refused.content.decode()
    assert "Someone else changed this visit after you opened it: it is now with 吳美惠 at 14:00." in text
    assert 'name="version" value="2"' in text
    assert Visit.objects.get(pk=visit.pk).caregiver == wu
    assert page.post(url, {"caregiver": chen.pk, "version": 2, "override_reason": ""}).status_code == 302
    assert Visit.objects.get(pk=visit.pk).caregiver == chen
