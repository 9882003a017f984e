"""The family portal over JSON: grants gate every endpoint (404 without the scope, 403 to a family member who
sees the client but may not decide), the agency's office inbox, payment reports, the agency's phone only."""

import pytest
from django.test import Client
from django.utils import timezone

from alongside.familyportal import services
from alongside.familyportal.models import AccessGrant, Message
from alongside.familyportal.tests.conftest import CAREGIVER_MOBILE, OFFICE_PHONE
from alongside.testing.factories import member

pytestmark = pytest.mark.django_db
API = "/api/v1/family"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def grant(lin, lin_user, grantee, scope):
    return services.grant_access(actor=lin_user, client=lin, grantee=grantee, scope=scope)


def test_the_client_grants_by_api_and_revokes(lin, lin_user, daughter):
    api = signed_in(lin_user)
    answer = api.post(f"{API}/clients/{lin.pk}/grants", {"grantee_id": daughter.pk, "scope": "visit_notes"},
                      content_type="application/json")  # fmt: skip
    assert answer.status_code == 201
    assert answer.json()["grantee_name"] == "林美華"
    family = signed_in(daughter)
    assert family.get(f"{API}/clients/{lin.pk}/notes").status_code == 200
    grant_id = answer.json()["id"]
    revoked = api.post(f"{API}/clients/{lin.pk}/grants/{grant_id}/revoke")
    assert revoked.status_code == 200
    assert revoked.json()["revoked_by"] == "lin_self"
    assert family.get(f"{API}/clients/{lin.pk}/notes").status_code == 404


def test_a_family_member_may_not_grant_403_and_strangers_404(lin, lin_user, daughter, son, stranger):
    grant(lin, lin_user, daughter, "schedule")
    payload = {"grantee_id": son.pk, "scope": "schedule"}
    answer = signed_in(daughter).post(f"{API}/clients/{lin.pk}/grants", payload, content_type="application/json")
    assert answer.status_code == 403
    answer = signed_in(stranger).post(f"{API}/clients/{lin.pk}/grants", payload, content_type="application/json")
    assert answer.status_code == 404
    assert signed_in(daughter).get(f"{API}/clients/{lin.pk}/grants").status_code == 404
    assert AccessGrant.objects.count() == 1


def test_a_bad_grant_is_422(lin, lin_user, stranger):
    payload = {"grantee_id": stranger.pk, "scope": "all"}
    answer = signed_in(lin_user).post(f"{API}/clients/{lin.pk}/grants", payload, content_type="application/json")
    assert answer.status_code == 422
    assert {p["field"] for p in answer.json()["errors"]} == {"grantee", "scope"}


@pytest.mark.parametrize("path", ["schedule", "notes", "invoices", "messages"])
def test_every_scope_is_gated(lin, lin_user, son, other_agency, path):
    assert signed_in(son).get(f"{API}/clients/{lin.pk}/{path}").status_code == 404
    assert (
        signed_in(member("manager", other_agency, "x_manager")).get(f"{API}/clients/{lin.pk}/{path}").status_code == 404
    )
    assert signed_in(lin_user).get(f"{API}/clients/{lin.pk}/{path}").status_code == 200


def test_the_schedule_gives_arrival_and_the_agencys_phone_never_the_caregivers(lin, lin_user, son, visits):
    grant(lin, lin_user, son, "schedule")
    answer = signed_in(son).get(f"{API}/clients/{lin.pk}/schedule")
    assert answer.status_code == 200
    body = answer.json()
    assert body["agency_phone"] == OFFICE_PHONE
    assert [v["arrival"] for v in body["visits"]] == ["checked_in", "not_yet", "not_yet"]
    assert {v["caregiver_name"] for v in body["visits"]} == {"吳美惠"}
    assert CAREGIVER_MOBILE not in answer.content.decode()


def test_client_list(lin, lin_user, daughter):
    grant(lin, lin_user, daughter, "invoices")
    rows = signed_in(daughter).get(f"{API}/clients").json()
    assert rows == [{"id": lin.pk, "name": "林阿嬤", "agency": lin.organisation.name, "agency_phone": OFFICE_PHONE,
                     "scopes": ["invoices"], "is_client": False, "controls": False}]  # fmt: skip


def test_invoices_and_a_payment_report(june, lin, lin_user, daughter):
    grant(lin, lin_user, daughter, "invoices")
    family = signed_in(daughter)
    rows = family.get(f"{API}/clients/{lin.pk}/invoices").json()
    assert rows[0]["invoice_number"] == "INV-2014-06-0001"
    assert rows[0]["invoice_amount"] == 540
    payload = {"kind": "transfer", "on": timezone.localdate().isoformat(), "reference": "88123"}
    answer = family.post(f"{API}/clients/{lin.pk}/invoices/{june.invoice.pk}/payments", payload,
                         content_type="application/json")  # fmt: skip
    assert answer.status_code == 201
    assert answer.json()["amount"] == 540
    assert family.get(rows[0]["invoice_pdf_url"]).status_code == 200
    office = signed_in(lin.organisation.memberships.get(role="manager").user)
    assert [r["reference"] for r in office.get(f"{API}/office/payments").json()] == ["88123"]


def test_messages_and_the_office_inbox(lin, lin_user, manager, supervisor, other_agency):
    sent = signed_in(lin_user).post(f"{API}/clients/{lin.pk}/messages", {"body": "下週三可以改下午嗎？"},
                                    content_type="application/json")  # fmt: skip
    assert sent.status_code == 201
    threads = signed_in(supervisor).get(f"{API}/office/threads").json()
    assert threads[0]["unread"] == 1
    office = signed_in(manager)
    assert office.get(f"{API}/office/clients/{lin.pk}/messages").status_code == 200
    assert office.get(f"{API}/office/threads").json()[0]["unread"] == 0
    reply = office.post(f"{API}/office/clients/{lin.pk}/messages", {"body": "可以，改下午兩點。"},
                        content_type="application/json")  # fmt: skip
    assert reply.status_code == 201
    outsider = signed_in(member("manager", other_agency, "other_mgr"))
    assert outsider.get(f"{API}/office/clients/{lin.pk}/messages").status_code == 404
    assert signed_in(lin_user).get(f"{API}/office/threads").status_code == 404
    assert Message.objects.count() == 2
