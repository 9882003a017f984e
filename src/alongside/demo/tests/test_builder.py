"""The demo as written to the database: counts, valid IDs, determinism, reach of each role, idempotence.

A build takes a few seconds, so the module shares one, rolled back when the module ends; each test also
takes `db`, so anything a test writes is rolled back after it.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from alongside.core.models import AuditEvent, Membership, Organisation, User
from alongside.core.national_id import taiwan_id_check_digit_ok, taiwan_id_format_ok
from alongside.demo.builder import DEMO_PASSWORD, DemoDataExists, build_demo
from alongside.people import selectors
from alongside.people.models import Person, PersonLink

# The builder hashes the shared password once; MD5 makes even that instant in tests.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        yield build_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(shared_demo, db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return shared_demo


def people_rows() -> list[tuple]:
    return list(
        Person.objects.order_by("organisation__name", "name").values_list(
            "name", "sex", "birth_date", "residence_address", "phone_mobile", "main_diagnoses", "organisation__name"
        )
    )


def user(username: str) -> User:
    return User.objects.get(username=username)


def members(role: str) -> list[User]:
    return list(User.objects.filter(memberships__role=role).order_by("username"))


def visible(actor: User) -> set[str]:
    return {p.name for p in selectors.person_list(actor=actor)}


def row_counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "people": Person.objects.count(),
        "links": PersonLink.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def test_the_demo_has_the_organisations_of_the_issue(demo):
    kinds = sorted(Organisation.objects.values_list("kind", "jurisdiction"))
    assert kinds == sorted(
        [("agency", "tw.nantou"), ("government", "tw.nantou"), ("support_centre", "jp.sapporo"),
         ("government", "jp.sapporo")] + [("household", "jp.sapporo")] * 5
        + [("support_centre", "tw.kinmen"), ("household", "tw.kinmen"), ("government", "tw.kinmen")]
    )  # fmt: skip
    for centre in Organisation.objects.filter(kind="support_centre"):
        households = Organisation.objects.filter(kind="household", jurisdiction=centre.jurisdiction)
        assert set(households.values_list("supported_by", flat=True)) == {centre.pk}


def test_the_demo_has_the_cast_of_the_issue(demo):
    roles = {
        role: Membership.objects.filter(role=role).count() for role, _ in Membership._meta.get_field("role").choices
    }
    assert roles == {
        "manager": 1, "supervisor": 2, "caregiver": 20, "pa_user": 6, "pa_assistant": 16, "support_staff": 3,
        "government_officer": 3, "client_viewer": 2,
    }  # fmt: skip
    agency = Organisation.objects.get(kind="agency")
    assert Person.objects.filter(organisation=agency, kind="client").count() == 60
    assert Person.objects.filter(organisation__kind="household", kind="client").count() == 6  # 5 in Sapporo, 1 Kinmen
    assert Person.objects.filter(organisation__kind="household", kind="staff").count() == 16


def test_caregivers_are_staff_records_tied_to_their_sign_in(demo):
    for caregiver in members("caregiver"):
        assert caregiver.person.kind == "staff"
        assert caregiver.person.organisation.kind == "agency"
    assert {u.person.kind for u in members("pa_user")} == {"client"}
    assert {u.person.kind for u in members("pa_assistant")} == {"staff"}


def test_every_person_was_written_by_person_create_with_its_audit_event(demo):
    created = AuditEvent.objects.filter(object_type="people.person", action="create")
    assert created.count() == Person.objects.count() == 105
    assert set(created.values_list("actor_name", flat=True)) == {
        "manager", "kinmen_pa_user", *(f"pa_user{n}" for n in range(1, 6))
    }  # fmt: skip


def test_every_taiwanese_person_has_a_valid_nantou_id_and_nobody_in_japan_has_one(demo):
    taiwanese = Person.objects.filter(organisation__jurisdiction="tw.nantou")
    for person in taiwanese:
        number = person.national_id
        assert taiwan_id_format_ok(number), person.name
        assert taiwan_id_check_digit_ok(number), person.name
        assert number[:2] == ("M1" if person.sex == "male" else "M2"), person.name
    assert len({p.national_id for p in taiwanese}) == taiwanese.count()
    assert not [p.name for p in Person.objects.filter(organisation__jurisdiction="jp.sapporo") if p.national_id]


def test_users_see_the_interface_in_their_country_language(demo):
    languages = {(m.organisation.jurisdiction, m.user.language) for m in Membership.objects.select_related("user")}
    assert languages == {("tw.nantou", "zh-hant"), ("jp.sapporo", "ja"), ("tw.kinmen", "zh-hant")}
    assert user("caregiver07").check_password(DEMO_PASSWORD)


def test_each_caregiver_sees_only_the_clients_they_serve_and_themselves(demo):
    for caregiver in members("caregiver"):
        served = {link.person.name for link in caregiver.person_links.select_related("person")}
        assert 2 <= len(served) <= 5, caregiver.username
        assert visible(caregiver) == served | {caregiver.person.name}, caregiver.username


def test_every_agency_client_has_a_caregiver(demo):
    unserved = Person.objects.filter(organisation__kind="agency", kind="client").exclude(links__role="caregiver")
    assert list(unserved) == []


def test_a_pa_user_sees_only_their_own_household(demo):
    for pa_user in members("pa_user"):
        household = pa_user.person.organisation
        assert visible(pa_user) == set(household.people.values_list("name", flat=True))
        assert len(visible(pa_user)) == (4 if household.jurisdiction == "jp.sapporo" else 2)


def test_an_assistant_sees_the_pa_user_they_assist_and_themselves(demo):
    assistant = user("assistant01")
    assert visible(assistant) == {user("pa_user1").person.name, assistant.person.name}


def test_a_family_viewer_sees_only_their_relative(demo):
    for family in members("client_viewer"):
        relative = family.person_links.get(role="family").person
        assert visible(family) == {relative.name}
        assert relative.emergency_contacts.filter(name=family.first_name).exists()


def test_a_reset_and_rebuild_with_the_same_seed_writes_the_same_people(demo):
    before, counts = people_rows(), row_counts()
    build_demo(reset=True)  # empties the database, so the second build starts from nothing
    assert people_rows() == before
    assert row_counts() == counts


def test_a_second_run_refuses_and_changes_nothing(demo):
    before = row_counts()
    with pytest.raises(DemoDataExists):
        build_demo()
    assert row_counts() == before


def test_the_command_loads_the_demo_and_prints_every_sign_in_with_the_password(demo):
    out = StringIO()
    call_command("demo", "--reset", stdout=out)
    printed = out.getvalue()
    assert "Demo loaded from seed 2014." in printed
    for username in ("manager", "supervisor2", "caregiver20", "family2", "county", "pa_user5", "assistant15",
                     "support2", "city"):  # fmt: skip
        assert f"\n{username} " in printed
    assert "alongside-demo" in printed


def test_the_command_says_the_demo_is_already_there_and_changes_nothing(demo):
    before = row_counts()
    out = StringIO()
    call_command("demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert "caregiver01" in out.getvalue()
    assert row_counts() == before


def test_the_command_refuses_to_reload_the_demo_in_production(demo, settings):
    before = row_counts()
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo", "--reset", stdout=StringIO())
    assert row_counts() == before


def test_the_demo_agency_has_cases_at_every_stage(demo):
    from alongside.cases.models import Case

    stages = set(Case.objects.values_list("stage", flat=True))
    assert stages == {"enquiry", "screened", "assigned", "contacted", "open", "suspended", "closed"}
    assert Case.objects.filter(stage="open", contracts__status="signed", care_plans__isnull=False).exists()


def test_sapporo_runs_its_personal_assistance_through_the_services(demo):
    """Issue 7's demo: five PA users enrolled with three contracted assistants each, applications approved, past
    shifts confirmed by the user (the last two days still waiting), and last month's claims at every stage."""
    from alongside.assistance.models import Claim, PaEnrolment, Shift

    enrolments = PaEnrolment.objects.filter(program="jp.sapporo.pa")
    assert enrolments.count() == 5
    for enrolment in enrolments:
        assert enrolment.assistants.filter(status="contracted").count() == 3
        assert enrolment.applications.filter(status="approved").count() == 2
    statuses = set(Shift.objects.filter(enrolment__in=enrolments).values_list("status", flat=True))
    assert {"confirmed", "planned"} <= statuses
    assert sorted(Claim.objects.values_list("status", flat=True)) == [
        "draft", "forwarded", "paid", "submitted", "submitted"
    ]  # fmt: skip
    # Every confirmation was the user's own (D-20): no one confirmed for them.
    confirmed = Shift.objects.filter(status="confirmed").select_related("enrolment__user_person")
    assert all(shift.confirmed_by_id == shift.enrolment.user_person.user_id for shift in confirmed)


def test_kinmen_runs_its_county_personal_assistance_with_an_independent_living_plan(demo):
    """Issue 7 point 8 in the demo: the same portal, a Taiwanese county's service (000): the plan comes first
    (IL-05), the county's rate prices the shifts (T-2), outings and social participation are in scope (IL-06)."""
    from alongside.assistance.models import PaEnrolment

    kinmen = PaEnrolment.objects.get(program="tw.pa")
    assert kinmen.independent_living_plan_on is not None
    assert kinmen.applications.get().status == "approved"
    shifts = kinmen.shifts.all()
    assert shifts.exists()
    assert {"outing", "social"} <= set(shifts.first().activities)
    assert {segment.rate for shift in shifts for segment in shift.segments.all()} == {210}
