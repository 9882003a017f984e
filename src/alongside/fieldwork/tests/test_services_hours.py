"""The hours record is the billing basis (NT-15): the client or their representative confirms each visit's hours;
a correction needs a reason and keeps the original; after the month is closed it is flagged for an adjustment."""

from decimal import Decimal

import pytest

from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from alongside.fieldwork import services
from alongside.fieldwork.models import HoursCorrection
from alongside.fieldwork.tests.conftest import at, close_month
from alongside.testing.factories import VisitRecordFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(visit):
    """Checked out 09:00-11:00, 2.00 hours, waiting for the client's confirmation."""
    return VisitRecordFactory(visit=visit)


def test_nt_15_the_client_confirms_on_the_caregivers_phone(record, caregiver_user):
    """NT-15: billing follows the hours record signed by both sides; the client types her name on the phone."""
    confirmed = services.hours_confirm(
        actor=caregiver_user, record=record, hours=Decimal("2"), by_name="林阿嬤", relation="self",
        via="caregiver_device",
    )  # fmt: skip
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.confirmed_hours, confirmed.confirmed_by_name, confirmed.confirmed_via) == (
        "confirmed",
        Decimal("2.00"),
        "林阿嬤",
        "caregiver_device",
    )
    assert (confirmed.confirmed_user, confirmed.version) == (caregiver_user, 2)
    event = AuditEvent.objects.filter(object_type="fieldwork.visitrecord").last()
    assert (event.on_behalf_of, event.rule_ids) == ("林阿嬤", ["NT-15"])


def test_nt_15_a_linked_family_member_confirms_later_on_her_own_page(record, daughter):
    confirmed = services.hours_confirm(
        actor=daughter, record=record, hours="2.00", by_name="林小芬", relation="family", via="client_page"
    )
    assert (confirmed.status, confirmed.confirmed_relation, confirmed.confirmed_user) == (
        "confirmed",
        "family",
        daughter,
    )


def test_a_client_viewer_not_linked_to_the_client_does_not_find_the_record(record, agency):
    neighbour = member("client_viewer", agency, "neighbour")
    with pytest.raises(NotFound):
        services.hours_confirm(
            actor=neighbour, record=record, hours="2.00", by_name="王先生", relation="family", via="client_page"
        )
    record.refresh_from_db()
    assert record.status == "done"


def test_the_family_cannot_confirm_as_if_on_the_caregivers_phone(record, daughter):
    with pytest.raises(NotPermitted):
        services.hours_confirm(
            actor=daughter, record=record, hours="2.00", by_name="林小芬", relation="family", via="caregiver_device"
        )


def test_the_supervisor_enters_the_signed_paper_record(record, supervisor):
    confirmed = services.hours_confirm(
        actor=supervisor, record=record, hours="2.00", by_name="林小芬", relation="representative", via="paper"
    )
    assert (confirmed.status, confirmed.confirmed_via) == ("confirmed", "paper")


def test_other_hours_than_the_records_are_refused_until_a_supervisor_corrects(record, daughter):
    with pytest.raises(DomainError) as refused:
        services.hours_confirm(
            actor=daughter, record=record, hours="1.50", by_name="林小芬", relation="family", via="client_page"
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [("hours", "hours_differ")]
    record.refresh_from_db()
    assert (record.status, record.confirmed_hours) == ("done", None)


def test_a_record_still_in_progress_cannot_be_confirmed(visit, caregiver_user):
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    with pytest.raises(DomainError) as refused:
        services.hours_confirm(
            actor=caregiver_user, record=record, hours="0", by_name="林阿嬤", relation="self", via="caregiver_device"
        )
    assert refused.value.problems[0].code == "not_checked_in"


def test_confirming_needs_a_name_and_a_relation(record, caregiver_user):
    with pytest.raises(DomainError) as refused:
        services.hours_confirm(
            actor=caregiver_user, record=record, hours="2", by_name=" ", relation="neighbour", via="caregiver_device"
        )
    assert [p.field for p in refused.value.problems] == ["by_name", "relation"]


# --- corrections -----------------------------------------------------------------------------------


def test_a_correction_keeps_the_original_and_the_client_confirms_again(record, supervisor):
    services.hours_confirm(
        actor=supervisor, record=record, hours="2.00", by_name="林小芬", relation="family", via="paper"
    )
    correction = services.hours_correct(
        actor=supervisor, record=record, field="hours", value="1.50", reason="案主提早就醫，服務提前結束。"
    )
    assert (correction.field, correction.original, correction.corrected, correction.after_close) == (
        "hours",
        "2.00",
        "1.50",
        False,
    )
    record.refresh_from_db()
    assert (record.hours, record.status, record.confirmed_hours, record.confirmed_by_name) == (
        Decimal("1.50"),
        "done",
        None,
        "",
    )


def test_correcting_the_check_out_time_corrects_the_hours_too_both_kept(record, supervisor):
    services.hours_correct(
        actor=supervisor, record=record, field="checked_out_at", value="2025-03-03T10:30", reason="忘記按簽退"
    )
    rows = list(HoursCorrection.objects.values_list("field", "original", "corrected", "reason"))
    assert rows == [
        ("checked_out_at", "2025-03-03T11:00+08:00", "2025-03-03T10:30+08:00", "忘記按簽退"),
        ("hours", "2.00", "1.50", "忘記按簽退"),
    ]
    record.refresh_from_db()
    assert (record.checked_out_at, record.hours) == (at(10, 30), Decimal("1.50"))


def test_a_correction_needs_a_reason_and_nothing_changes_without_one(record, supervisor):
    with pytest.raises(DomainError) as refused:
        services.hours_correct(actor=supervisor, record=record, field="hours", value="1.50", reason="  ")
    assert [(p.field, p.code) for p in refused.value.problems] == [("reason", "reason_required")]
    record.refresh_from_db()
    assert (record.hours, HoursCorrection.objects.count()) == (Decimal("2.00"), 0)


def test_a_correction_to_the_same_value_is_refused(record, supervisor):
    with pytest.raises(DomainError) as refused:
        services.hours_correct(actor=supervisor, record=record, field="hours", value="2", reason="確認")
    assert refused.value.problems[0].code == "unchanged"


def test_the_caregiver_may_not_correct_hours(record, caregiver_user):
    with pytest.raises(NotPermitted):
        services.hours_correct(actor=caregiver_user, record=record, field="hours", value="3", reason="多做一小時")


def test_after_the_month_is_closed_a_correction_is_flagged_and_the_confirmation_stays(
    record, supervisor, manager, agency
):
    """Billing books the difference as an adjustment in the next open month; the signed hours stay on file."""
    services.hours_confirm(actor=supervisor, record=record, hours="2.00", by_name="林小芬", relation="family",
                           via="paper")  # fmt: skip
    close_month(agency, manager)
    correction = services.hours_correct(
        actor=supervisor, record=record, field="hours", value="2.50", reason="紙本紀錄為兩個半小時"
    )
    assert (correction.after_close, correction.original, correction.corrected) == (True, "2.00", "2.50")
    record.refresh_from_db()
    assert (record.status, record.confirmed_hours, record.hours) == ("confirmed", Decimal("2.00"), Decimal("2.50"))


def test_a_confirmation_in_a_closed_month_is_refused(record, daughter, manager, agency):
    close_month(agency, manager)
    with pytest.raises(DomainError) as refused:
        services.hours_confirm(
            actor=daughter, record=record, hours="2.00", by_name="林小芬", relation="family", via="client_page"
        )
    assert refused.value.problems[0].code == "month_closed"
