"""Pages of the family portal: the client's side (home, a client's page, who sees what, the schedule, visit notes,
invoices with payment reports and documents, messages) and the agency's office inbox. Views parse, call one
selector or service, and render; without JavaScript. A client or scope out of reach is 404 (ADR 0002)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.core.errors import DomainError
from alongside.familyportal import access, selectors, services
from alongside.familyportal.forms import GrantForm, MessageForm, PaymentForm, ReplyForm
from alongside.familyportal.models import VIEW_SCOPES, PaymentKind, Scope
from alongside.web.form_errors import submit


@login_required
def home(request: HttpRequest) -> HttpResponse:
    clients = selectors.portal_clients(actor=request.user)
    if not clients:
        if access.office_organisation_ids(request.user):
            return redirect("familyportal:office")
        raise Http404
    return render(request, "familyportal/home.html", {"clients": clients})


@login_required
def client_page(request: HttpRequest, client_id: int) -> HttpResponse:
    portal = selectors.portal_client(actor=request.user, client_id=client_id)
    context = {
        "portal": portal,
        "client": portal.client,
        "agency_phone": selectors.agency_phone(portal.client.organisation),
    }
    return render(request, "familyportal/client.html", context)


# --- who sees what --------------------------------------------------------------------------------------------


@login_required
def access_page(request: HttpRequest, client_id: int) -> HttpResponse:
    client = selectors.decided_client(actor=request.user, client_id=client_id)
    form = _grant_form(request, client, request.POST or None)

    def save():
        data = form.cleaned_data
        grantee = next((u for u in selectors.family_members(client=client) if u.pk == data["grantee"]), None)
        return services.grant_access(actor=request.user, client=client, grantee=grantee, scope=data["scope"])

    submission = submit(request, form, save, _("The family member sees it from now on."))
    if submission.done:
        return redirect("familyportal:access", client_id=client.pk)
    return _access_page(request, client, form, submission.problems, status=422 if request.method == "POST" else 200)


def _grant_form(request, client, data=None) -> GrantForm:
    if access.controls(request.user, client.pk):
        scopes = list(VIEW_SCOPES) + ([Scope.REPRESENTATIVE] if access.is_client(request.user, client.pk) else [])
    else:
        scopes = [Scope.REPRESENTATIVE]  # the agency's office records the contract's representative only
    members = [(u.pk, selectors.member_name(u)) for u in selectors.family_members(client=client)]
    return GrantForm(data, members=members, scopes=scopes)


def _access_page(request, client, form, problems=(), status=200) -> HttpResponse:
    grants = list(selectors.grants(client=client))
    for grant in grants:
        grant.grantee_name = selectors.member_name(grant.grantee)
        grant.may_revoke = grant.active and (
            access.is_client(request.user, client.pk)
            or (access.is_representative(request.user, client.pk) and grant.scope != Scope.REPRESENTATIVE)
            or (access.is_office_of(request.user, client.organisation_id) and grant.scope == Scope.REPRESENTATIVE)
        )
    context = {
        "client": client,
        "form": form,
        "extra_problems": list(problems),
        "active": [g for g in grants if g.active],
        "revoked": [g for g in grants if not g.active],
        "controls": access.controls(request.user, client.pk),
        "has_members": bool(form.fields["grantee"].choices[1:]),
    }
    return render(request, "familyportal/access.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, client_id: int, grant_id: int) -> HttpResponse:
    client = selectors.decided_client(actor=request.user, client_id=client_id)
    grant = selectors.grant_get(actor=request.user, client=client, grant_id=grant_id)
    try:
        services.revoke_access(actor=request.user, grant=grant)
    except DomainError as error:
        return _access_page(request, client, _grant_form(request, client), error.problems, status=422)
    messages.success(request, _("The access has ended: the family member no longer sees it."))
    return redirect("familyportal:access", client_id=client.pk)


# --- what a family member sees ----------------------------------------------------------------------------------


@login_required
def schedule(request: HttpRequest, client_id: int) -> HttpResponse:
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.SCHEDULE)
    context = {
        "client": portal.client,
        "rows": selectors.upcoming_visits(client=portal.client),
        "notices": selectors.client_notices(client=portal.client),
        "agency_phone": selectors.agency_phone(portal.client.organisation),
        "days": selectors.UPCOMING_DAYS,
    }
    return render(request, "familyportal/schedule.html", context)


@login_required
def notes(request: HttpRequest, client_id: int) -> HttpResponse:
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.VISIT_NOTES)
    context = {
        "client": portal.client,
        "records": selectors.visit_notes(client=portal.client),
        "days": selectors.NOTES_DAYS,
    }
    return render(request, "familyportal/notes.html", context)


@login_required
def invoices(request: HttpRequest, client_id: int) -> HttpResponse:
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.INVOICES)
    context = {
        "client": portal.client,
        "rows": selectors.statements(client=portal.client),
        "agency_phone": selectors.agency_phone(portal.client.organisation),
    }
    return render(request, "familyportal/invoices.html", context)


@login_required
def pay(request: HttpRequest, client_id: int, invoice_id: int) -> HttpResponse:
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.INVOICES)
    invoice = selectors.invoice_get(client=portal.client, invoice_id=invoice_id)
    form = PaymentForm(request.POST or None, initial={"kind": PaymentKind.TRANSFER, "on": timezone.localdate()})

    def save():
        return services.payment_report(actor=request.user, invoice=invoice, **form.cleaned_data)

    submission = submit(request, form, save, _("Thank you: the agency has your payment report."))
    if submission.done:
        return redirect("familyportal:invoices", client_id=portal.client.pk)
    context = {
        "client": portal.client,
        "invoice": invoice,
        "form": form,
        "extra_problems": submission.problems,
        "reports": list(invoice.payment_reports.all()),
        "agency_phone": selectors.agency_phone(portal.client.organisation),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "familyportal/pay.html", context, status=status)


@login_required
def document(request: HttpRequest, client_id: int, statement_id: int, kind: str) -> HttpResponse:
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.INVOICES)
    statement = selectors.statement_get(client=portal.client, statement_id=statement_id)
    content, filename, content_type = selectors.statement_document(statement=statement, kind=kind)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def messages_page(request: HttpRequest, client_id: int) -> HttpResponse:
    portal = selectors.portal_client(actor=request.user, client_id=client_id, scope=Scope.MESSAGES)
    form = MessageForm(request.POST or None)

    def save():
        return services.message_send(actor=request.user, client=portal.client, body=form.cleaned_data["body"])

    submission = submit(request, form, save, _("Your message is sent to the agency's office."))
    if submission.done:
        return redirect("familyportal:messages", client_id=portal.client.pk)
    context = {
        "client": portal.client,
        "messages_list": selectors.thread(client=portal.client),
        "form": form,
        "extra_problems": submission.problems,
        "agency_phone": selectors.agency_phone(portal.client.organisation),
    }
    return render(request, "familyportal/messages.html", context, status=422 if request.method == "POST" else 200)


# --- the agency's office --------------------------------------------------------------------------------------


@login_required
def office(request: HttpRequest) -> HttpResponse:
    context = {
        "threads": selectors.office_threads(actor=request.user),
        "reports": selectors.office_payment_reports(actor=request.user),
    }
    return render(request, "familyportal/office.html", context)


@login_required
def office_thread(request: HttpRequest, client_id: int) -> HttpResponse:
    client = selectors.office_client(actor=request.user, client_id=client_id)
    form = ReplyForm(request.POST or None)

    def save():
        return services.office_reply(actor=request.user, client=client, body=form.cleaned_data["body"])

    submission = submit(request, form, save, _("Your reply is sent."))
    if submission.done:
        return redirect("familyportal:office_thread", client_id=client.pk)
    if request.method != "POST":
        services.thread_mark_read(actor=request.user, client=client)
    context = {
        "client": client,
        "messages_list": selectors.thread(client=client),
        "form": form,
        "extra_problems": submission.problems,
    }
    return render(request, "familyportal/office_thread.html", context, status=422 if request.method == "POST" else 200)
