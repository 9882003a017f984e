"""Payments to assistants and their proof (PA-14): recorded by the user or the proxy (D-20), never for an assistant
the city pays directly (PA-05); proof due with the claim two months later; proof marked by the user, the proxy or
the support centre."""

from __future__ import annotations

import datetime as dt

import pytest

from alongside.assistance.models import Payment
from alongside.assistance.money import services
from alongside.assistance.tests.test_money_fixtures import JUNE, fixture_today, make_proxy, payment  # noqa: F401
from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def record(actor, enrolment, assistant, **changes) -> Payment:
    fields = {"service_month": JUNE, "amount": 3600, "paid_on": dt.date(2025, 7, 1), "proof_note": ""} | changes
    return services.payment_record(actor=actor, enrolment=enrolment, assistant=assistant, **fields)


def test_a_payment_for_june_has_its_proof_due_with_augusts_claim_deadline_PA_14(enrolment, assistant, pa_user, today):
    paid = record(pa_user, enrolment, assistant)
    assert (paid.service_month, paid.amount, paid.proof_due) == (JUNE, 3600, dt.date(2025, 8, 5))
    assert (paid.decided_by, paid.on_behalf_of, paid.proof_received_at) == (pa_user, "", None)
    event = AuditEvent.objects.get(object_type="assistance.payment")
    assert event.rule_ids == ["PA-14"]
    assert event.changes["amount"] == [None, 3600]


def test_a_proof_note_given_at_once_counts_as_received(enrolment, assistant, pa_user, today):
    paid = record(pa_user, enrolment, assistant, proof_note="振込 2025-07-01")
    assert paid.proof_received_at is not None


def test_the_proxy_records_on_the_users_behalf_D_20(enrolment, assistant, second_assistant, today):
    make_proxy(enrolment, second_assistant)
    paid = record(second_assistant.person.user, enrolment, assistant)
    assert paid.on_behalf_of == "佐藤 由美"
    assert AuditEvent.objects.get(object_type="assistance.payment").on_behalf_of == "佐藤 由美"


def test_an_assistant_the_city_pays_directly_is_refused_PA_05(enrolment, second_assistant, pa_user, today):
    second_assistant.paid_directly = True
    second_assistant.save()
    with pytest.raises(DomainError) as refused:
        record(pa_user, enrolment, second_assistant)
    assert [p.field for p in refused.value.problems] == ["assistant"]
    assert "proxy receipt" in refused.value.problems[0].message
    assert not Payment.objects.exists()


def test_every_bad_field_is_named_and_nothing_is_written(enrolment, other_enrolment, pa_user, today):
    from alongside.testing.factories import pa_assistant

    stranger = pa_assistant(other_enrolment, "assistant_elsewhere")
    with pytest.raises(DomainError) as refused:
        record(pa_user, enrolment, stranger, service_month=dt.date(2025, 9, 1), amount=0,
               paid_on=dt.date(2025, 7, 4))  # fmt: skip
    assert {p.field for p in refused.value.problems} == {"assistant", "service_month", "amount", "paid_on"}
    assert not Payment.objects.exists()
    assert not AuditEvent.objects.filter(object_type="assistance.payment").exists()


def test_paid_before_the_month_is_refused(enrolment, assistant, pa_user, today):
    with pytest.raises(DomainError) as refused:
        record(pa_user, enrolment, assistant, paid_on=dt.date(2025, 5, 31))
    assert [p.field for p in refused.value.problems] == ["paid_on"]


def test_the_centre_and_the_city_do_not_record_payments_D_20(enrolment, assistant, support_staff, city_officer,
                                                             other_enrolment, today):
    for actor in (support_staff, city_officer):
        with pytest.raises(NotPermitted):
            record(actor, enrolment, assistant)
    with pytest.raises(NotFound):
        record(other_enrolment.user_person.user, enrolment, assistant)


def test_taiwan_has_no_payments_to_record(kinmen_enrolment, kinmen_assistant, today):
    with pytest.raises(DomainError):
        record(kinmen_enrolment.user_person.user, kinmen_enrolment, kinmen_assistant)


def test_proof_is_marked_by_the_user_or_the_centre_once(enrolment, assistant, pa_user, support_staff, city_officer,
                                                        today):
    paid = payment(assistant)
    with pytest.raises(DomainError) as empty:
        services.payment_proof_receive(actor=pa_user, payment=paid, note=" ")
    assert empty.value.problems[0].field == "note"
    with pytest.raises(NotPermitted):
        services.payment_proof_receive(actor=city_officer, payment=paid, note="x")
    marked = services.payment_proof_receive(actor=support_staff, payment=paid, note="振込明細を確認")
    assert marked.proof_note == "振込明細を確認"
    assert marked.proof_received_at is not None
    with pytest.raises(DomainError):
        services.payment_proof_receive(actor=pa_user, payment=paid, note="again")
