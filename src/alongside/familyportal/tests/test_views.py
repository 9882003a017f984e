"""Pages of the family portal: the right people get 200, everyone else 404; a revoked family member gets 404 on
the invoices page at once; a grant posted from the page, and a refusal shown on it."""

import pytest
from django.test import Client
from django.urls import reverse

from alongside.familyportal import services
from alongside.familyportal.models import AccessGrant
from alongside.familyportal.tests.conftest import CAREGIVER_MOBILE, OFFICE_PHONE
from alongside.testing.factories import member

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name, lin, *args):
    return reverse(f"familyportal:{name}", args=[lin.pk, *args])


def test_home_lists_the_clients_and_sends_the_office_to_its_inbox(lin, lin_user, manager, stranger):
    page = signed_in(lin_user).get(reverse("familyportal:home"))
    assert page.status_code == 200
    assert "林阿嬤" in page.content.decode()
    assert signed_in(manager).get(reverse("familyportal:home")).url == reverse("familyportal:office")
    assert signed_in(stranger).get(reverse("familyportal:home")).status_code == 404


def test_a_revoked_member_gets_404_on_the_invoices_page_at_once(june, lin, lin_user, daughter):
    given = services.grant_access(actor=lin_user, client=lin, grantee=daughter, scope="invoices")
    family = signed_in(daughter)
    page = family.get(url("invoices", lin))
    assert page.status_code == 200
    assert "INV-2014-06-0001" in page.content.decode()
    services.revoke_access(actor=lin_user, grant=given)
    assert family.get(url("invoices", lin)).status_code == 404
    assert family.get(url("document", lin, june.pk, "invoice_pdf")).status_code == 404
    assert family.get(url("pay", lin, june.invoice.pk)).status_code == 404


@pytest.mark.parametrize("name", ["schedule", "notes", "invoices", "messages"])
def test_each_page_needs_its_grant(lin, lin_user, son, stranger, other_agency, name):
    assert signed_in(lin_user).get(url(name, lin)).status_code == 200
    assert signed_in(son).get(url(name, lin)).status_code == 404
    assert signed_in(stranger).get(url(name, lin)).status_code == 404
    assert signed_in(member("manager", other_agency, "far_manager")).get(url(name, lin)).status_code == 404
    services.grant_access(actor=lin_user, client=lin, grantee=son, scope={"notes": "visit_notes"}.get(name, name))
    assert signed_in(son).get(url(name, lin)).status_code == 200


def test_the_access_page_is_for_the_client_the_representative_and_the_office(lin, lin_user, daughter, son, manager):
    assert signed_in(lin_user).get(url("access", lin)).status_code == 200
    assert signed_in(daughter).get(url("access", lin)).status_code == 404
    assert signed_in(manager).get(url("access", lin)).status_code == 200
    services.grant_access(actor=lin_user, client=lin, grantee=daughter, scope="representative")
    assert signed_in(daughter).get(url("access", lin)).status_code == 200
    assert signed_in(son).get(url("access", lin)).status_code == 404


def test_the_client_grants_from_the_page_and_revokes(lin, lin_user, daughter):
    client = signed_in(lin_user)
    answer = client.post(url("access", lin), {"grantee": daughter.pk, "scope": "visit_notes"})
    assert answer.status_code == 302
    given = AccessGrant.objects.get()
    assert (given.grantee, given.scope, given.granted_by) == (daughter, "visit_notes", lin_user)
    assert client.post(url("revoke", lin, given.pk)).status_code == 302
    given.refresh_from_db()
    assert given.revoked_by == lin_user


def test_a_refused_grant_is_shown_on_the_page(lin, lin_user, daughter):
    services.grant_access(actor=lin_user, client=lin, grantee=daughter, scope="schedule")
    answer = signed_in(lin_user).post(url("access", lin), {"grantee": daughter.pk, "scope": "schedule"})
    assert answer.status_code == 422
    assert "error-summary" in answer.content.decode()
    assert AccessGrant.objects.count() == 1


def test_a_family_member_may_not_revoke(lin, lin_user, daughter):
    given = services.grant_access(actor=lin_user, client=lin, grantee=daughter, scope="schedule")
    assert signed_in(daughter).post(url("revoke", lin, given.pk)).status_code == 404
    given.refresh_from_db()
    assert given.active


def test_the_schedule_shows_the_agency_phone_never_the_caregivers(lin, lin_user, visits):
    page = signed_in(lin_user).get(url("schedule", lin)).content.decode()
    assert "吳美惠" in page
    assert OFFICE_PHONE in page
    assert CAREGIVER_MOBILE not in page


def test_visit_notes_show_the_notes(lin, lin_user, visits):
    assert "胃口很好" in signed_in(lin_user).get(url("notes", lin)).content.decode()


def test_a_payment_report_from_the_page_and_an_error(june, lin, lin_user):
    client = signed_in(lin_user)
    refused = client.post(url("pay", lin, june.invoice.pk), {"kind": "transfer", "on": "2099-01-01", "reference": ""})
    assert refused.status_code == 422
    done = client.post(url("pay", lin, june.invoice.pk), {"kind": "intention", "on": "2099-01-01"})
    assert done.status_code == 302
    assert june.invoice.payment_reports.count() == 1


def test_statement_and_invoice_documents(june, lin, lin_user):
    client = signed_in(lin_user)
    for kind in ("statement_pdf", "invoice_pdf"):
        answer = client.get(url("document", lin, june.pk, kind))
        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/pdf"
    assert client.get(url("document", lin, june.pk, "claim_csv")).status_code == 404


def test_messages_and_the_office_inbox(lin, lin_user, manager, supervisor, daughter):
    assert signed_in(lin_user).post(url("messages", lin), {"body": "請問可以改時間嗎？"}).status_code == 302
    assert signed_in(lin_user).post(url("messages", lin), {"body": ""}).status_code == 422
    inbox = signed_in(supervisor).get(reverse("familyportal:office"))
    assert inbox.status_code == 200
    assert "林阿嬤" in inbox.content.decode()
    office = signed_in(manager)
    thread = reverse("familyportal:office_thread", args=[lin.pk])
    assert "請問可以改時間嗎" in office.get(thread).content.decode()
    assert office.post(thread, {"body": "可以，請看排班。"}).status_code == 302
    assert signed_in(daughter).get(reverse("familyportal:office")).status_code == 404
    assert signed_in(daughter).get(thread).status_code == 404


def test_the_office_dashboard_counts_unread_messages(lin, lin_user, manager):
    from django.utils import timezone

    from alongside.familyportal import dashboard

    services.message_send(actor=lin_user, client=lin, body="您好")
    found = dashboard.items(actor=manager, today=timezone.localdate())
    assert [i.kind for i in found] == ["family_message"]
    assert dashboard.items(actor=lin_user, today=timezone.localdate()) == []


def test_the_client_page_links_to_hours_and_complaints_and_shows_the_office_phone(lin, daughter):
    page = signed_in(daughter).get(url("client", lin)).content.decode()
    assert reverse("fieldwork_hours") in page
    assert reverse("complaints:file") in page
    assert OFFICE_PHONE in page
