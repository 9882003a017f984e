"""Grants, messages and payment reports: the client in control (issue 8), the agency's phone and never a
caregiver's own (004 contract §7: 不得留私人電話給案家); each refusal writes nothing; each write is audited."""

import datetime as dt

import pytest
from django.utils import timezone

from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from alongside.familyportal import access, services
from alongside.familyportal.models import AccessGrant, Message, PaymentReport, Scope
from alongside.familyportal.tests.conftest import CAREGIVER_MOBILE

pytestmark = pytest.mark.django_db


def grant(actor, client, grantee, scope):
    return services.grant_access(actor=actor, client=client, grantee=grantee, scope=scope)


def test_the_client_grants_and_revokes_and_both_are_audited(lin, lin_user, daughter):
    assert not access.can_see(daughter, lin.pk, Scope.VISIT_NOTES)
    given = grant(lin_user, lin, daughter, Scope.VISIT_NOTES)
    assert given.granted_by == lin_user
    assert given.granted_at is not None
    assert access.can_see(daughter, lin.pk, Scope.VISIT_NOTES)
    assert not access.can_see(daughter, lin.pk, Scope.INVOICES)

    ended = services.revoke_access(actor=lin_user, grant=given)
    assert ended.revoked_by == lin_user
    assert ended.revoked_at is not None
    assert not access.can_see(daughter, lin.pk, Scope.VISIT_NOTES)
    events = AuditEvent.objects.filter(object_type="familyportal.accessgrant", object_id=str(given.pk))
    assert sorted(events.values_list("action", flat=True)) == ["create", "update"]
    assert AccessGrant.objects.filter(pk=given.pk).exists()  # the row stays, with who ended it


def test_the_client_sees_everything_without_grants(lin, lin_user):
    assert access.scopes_for(lin_user, lin.pk) == {"schedule", "visit_notes", "invoices", "messages"}
    assert access.controls(lin_user, lin.pk)


def test_a_representative_sees_everything_and_grants_the_other_scopes(lin, lin_user, daughter, son):
    grant(lin_user, lin, daughter, Scope.REPRESENTATIVE)
    assert access.controls(daughter, lin.pk)
    assert access.scopes_for(daughter, lin.pk) == {"schedule", "visit_notes", "invoices", "messages"}
    grant(daughter, lin, son, Scope.SCHEDULE)
    assert access.can_see(son, lin.pk, Scope.SCHEDULE)
    with pytest.raises(NotPermitted):  # a representative does not name another
        grant(daughter, lin, son, Scope.REPRESENTATIVE)


def test_a_family_member_without_control_may_not_grant(lin, lin_user, daughter, son):
    grant(lin_user, lin, daughter, Scope.SCHEDULE)
    before = AccessGrant.objects.count()
    with pytest.raises(NotPermitted):
        grant(daughter, lin, son, Scope.SCHEDULE)
    with pytest.raises(NotPermitted):
        services.revoke_access(actor=daughter, grant=AccessGrant.objects.get())
    assert AccessGrant.objects.count() == before


def test_an_unlinked_user_and_another_agency_get_not_found(lin, lin_user, son, stranger, other_agency):
    from alongside.testing.factories import member

    outsider = member("manager", other_agency, "other_manager")
    for actor in (stranger, outsider):
        with pytest.raises(NotFound):
            grant(actor, lin, son, Scope.SCHEDULE)
    assert not AccessGrant.objects.exists()


def test_the_office_records_a_representative_only(lin, manager, daughter, son):
    grant(manager, lin, daughter, Scope.REPRESENTATIVE)
    assert access.is_representative(daughter, lin.pk)
    with pytest.raises(NotPermitted):
        grant(manager, lin, son, Scope.INVOICES)


def test_refusals_name_every_field_and_write_nothing(lin, lin_user, stranger, daughter):
    with pytest.raises(DomainError) as refused:
        grant(lin_user, lin, stranger, "everything")
    assert {p.field for p in refused.value.problems} == {"grantee", "scope"}
    grant(lin_user, lin, daughter, Scope.SCHEDULE)
    with pytest.raises(DomainError):
        grant(lin_user, lin, daughter, Scope.SCHEDULE)
    assert AccessGrant.objects.count() == 1


def test_a_revoke_twice_is_refused(lin, lin_user, daughter):
    given = grant(lin_user, lin, daughter, Scope.SCHEDULE)
    services.revoke_access(actor=lin_user, grant=given)
    given.refresh_from_db()
    with pytest.raises(DomainError):
        services.revoke_access(actor=lin_user, grant=given)


def test_a_grant_ends_with_the_family_link(lin, lin_user, daughter):
    grant(lin_user, lin, daughter, Scope.SCHEDULE)
    daughter.person_links.update(valid_to=timezone.localdate())
    assert not access.can_see(daughter, lin.pk, Scope.SCHEDULE)


# --- messages ------------------------------------------------------------------------------------------------


def test_family_writes_and_the_office_replies(lin, lin_user, daughter, manager):
    with pytest.raises(NotFound):  # messages not granted
        services.message_send(actor=daughter, client=lin, body="請問下週的時間？")
    grant(lin_user, lin, daughter, Scope.MESSAGES)
    asked = services.message_send(actor=daughter, client=lin, body="請問下週的時間？")
    assert asked.author_name == "林美華"
    assert not asked.from_office
    answered = services.office_reply(actor=manager, client=lin, body="下週二上午九點，照常。")
    assert answered.from_office
    asked.refresh_from_db()
    assert asked.office_read_at is not None
    assert AuditEvent.objects.filter(object_type="familyportal.message").count() == 2


def test_the_office_may_not_give_a_caregivers_own_number(lin, manager, wu):
    """004 contract §7: 不得留私人電話給案家 — the agency answers, with its own number."""
    with pytest.raises(DomainError) as refused:
        services.office_reply(
            actor=manager, client=lin, body=f"有事請直接打給吳小姐 {CAREGIVER_MOBILE.replace('-', ' ')}"
        )
    assert refused.value.problems[0].field == "body"
    assert not Message.objects.exists()
    services.office_reply(actor=manager, client=lin, body="有事請打機構電話 049-2990000")


def test_an_empty_message_is_refused(lin, lin_user):
    with pytest.raises(DomainError):
        services.message_send(actor=lin_user, client=lin, body="  ")
    assert not Message.objects.exists()


def test_another_agency_does_not_reach_the_thread(lin, other_agency):
    from alongside.testing.factories import member

    with pytest.raises(NotFound):
        services.office_reply(actor=member("supervisor", other_agency, "sup_other"), client=lin, body="hi")


# --- payment reports -----------------------------------------------------------------------------------------


def test_a_transfer_is_reported_with_its_reference(june, lin, lin_user, daughter):
    invoice = june.invoice
    with pytest.raises(NotFound):
        services.payment_report(actor=daughter, invoice=invoice, kind="transfer", on=timezone.localdate(),
                                reference="12345")  # fmt: skip
    report = services.payment_report(actor=lin_user, invoice=invoice, kind="transfer", on=timezone.localdate(),
                                     reference="12345")  # fmt: skip
    assert report.amount == invoice.amount == 540
    assert AuditEvent.objects.filter(object_type="familyportal.paymentreport", object_id=str(report.pk)).exists()


def test_payment_refusals_name_every_field(june, lin_user):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        services.payment_report(actor=lin_user, invoice=june.invoice, kind="transfer", on=tomorrow, reference="")
    assert {p.field for p in refused.value.problems} == {"on", "reference"}
    with pytest.raises(DomainError):
        services.payment_report(actor=lin_user, invoice=june.invoice, kind="intention",
                                on=timezone.localdate() - dt.timedelta(days=1))  # fmt: skip
    assert not PaymentReport.objects.exists()
    services.payment_report(actor=lin_user, invoice=june.invoice, kind="intention", on=tomorrow)
