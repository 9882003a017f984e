"""Caregiver records: the monthly cap (NT-10), qualifications, training (NT-20), availability and relatives (D-05)."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.testing.factories import PersonFactory, member
from alongside.workforce import services
from alongside.workforce.models import CaregiverProfile, CaregiverRelative


@pytest.mark.django_db
def test_215_hours_a_month_is_accepted(caregiver, manager):
    updated = services.caregiver_profile_update(
        actor=manager, caregiver=caregiver, data=services.ProfileData(max_month_hours=215), expected_version=1
    )
    assert (updated.max_month_hours, updated.version) == (215, 2)
    event = AuditEvent.objects.filter(object_type="workforce.caregiverprofile").latest("id")
    assert event.rule_ids == ["NT-10"]


@pytest.mark.django_db
def test_more_than_215_hours_a_month_is_refused_naming_the_field_nt_10(caregiver, manager):
    with pytest.raises(DomainError) as refused:
        services.caregiver_profile_update(
            actor=manager, caregiver=caregiver, data=services.ProfileData(max_month_hours=216), expected_version=1
        )
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == ("max_month_hours", "over_month_cap")
    assert "215" in problem.message
    assert "NT-10" in problem.message
    caregiver.refresh_from_db()
    assert (caregiver.max_month_hours, caregiver.version) == (176, 1)


@pytest.mark.django_db
def test_a_profile_is_created_only_for_staff_with_a_caregiver_sign_in(agency, manager):
    user = member("caregiver", agency, "caregiver09")
    staff = PersonFactory(organisation=agency, kind="staff", name="林雅婷", user=user)
    client = PersonFactory(organisation=agency, kind="client")
    profile = services.caregiver_profile_create(
        actor=manager, person=staff, data=services.ProfileData(max_month_hours=120, employment="part_time")
    )
    assert (profile.organisation, profile.employment) == (agency, "part_time")
    with pytest.raises(DomainError) as refused:
        services.caregiver_profile_create(actor=manager, person=client, data=services.ProfileData(max_month_hours=100))
    assert refused.value.problems[0].field == "person"
    assert CaregiverProfile.objects.count() == 1


@pytest.mark.django_db
def test_a_caregiver_cannot_edit_their_own_qualifications(caregiver):
    with pytest.raises(NotPermitted):
        services.qualification_add(
            actor=caregiver.person.user,
            caregiver=caregiver,
            data=services.QualificationData("training_certificate", dt.date(2020, 1, 1)),
        )


@pytest.mark.django_db
def test_a_qualification_cannot_expire_before_it_was_issued(caregiver, manager):
    data = services.QualificationData(
        "training_certificate", dt.date(2020, 1, 1), expires_on=dt.date(2019, 1, 1), certificate_number=""
    )
    with pytest.raises(DomainError) as refused:
        services.qualification_add(actor=manager, caregiver=caregiver, data=data)
    assert refused.value.problems[0].field == "expires_on"
    assert caregiver.qualifications.count() == 1


@pytest.mark.django_db
def test_training_hours_are_recorded_with_nt_20_and_bad_hours_are_refused(caregiver, supervisor):
    record = services.training_record_add(
        actor=supervisor,
        caregiver=caregiver,
        data=services.TrainingData(dt.date(2024, 4, 2), Decimal("3.5"), "失智症照顧", "南投縣政府"),
    )
    assert record.hours == Decimal("3.5")
    assert AuditEvent.objects.get(object_type="workforce.trainingrecord").rule_ids == ["NT-20"]
    with pytest.raises(DomainError) as refused:
        services.training_record_add(
            actor=supervisor, caregiver=caregiver, data=services.TrainingData(dt.date(2024, 4, 2), Decimal("0"), "")
        )
    assert [p.field for p in refused.value.problems] == ["hours", "title"]


@pytest.mark.django_db
def test_availability_windows_that_overlap_are_refused_and_nothing_changes(caregiver, manager):
    windows = [services.Window(0, dt.time(8), dt.time(12)), services.Window(0, dt.time(11), dt.time(15))]
    with pytest.raises(DomainError) as refused:
        services.availability_set(actor=manager, caregiver=caregiver, windows=windows)
    assert refused.value.problems[0].field == "windows[1].start"
    assert caregiver.availability.count() == 5


@pytest.mark.django_db
def test_a_client_who_is_the_caregivers_parent_in_law_is_recorded_with_d_05(caregiver, manager, agency):
    client = PersonFactory(organisation=agency, kind="client", name="陳老太太")
    services.relative_add(actor=manager, caregiver=caregiver, client=client, relation="spouse_parent")
    assert CaregiverRelative.objects.get().relation == "spouse_parent"
    event = AuditEvent.objects.get(object_type="workforce.caregiverrelative")
    assert event.changes["paid_care_barred"] == [None, True]
    assert "D-05" in event.rule_ids
