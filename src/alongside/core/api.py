"""Who am I, my organisations, and the audit trail over JSON."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from alongside.core import permissions, selectors
from alongside.core.pagination import BoundedPageNumberPagination

router = Router(tags=["core"])


class MembershipOut(Schema):
    organisation_id: int
    organisation: str
    kind: str
    jurisdiction: str
    role: str


class MeOut(Schema):
    username: str
    language: str
    memberships: list[MembershipOut]


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    jurisdiction: str


class AuditEventOut(Schema):
    id: int
    at: dt.datetime
    actor_name: str
    on_behalf_of: str
    organisation_id: int | None
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict
    reason: str
    rule_ids: list[str]


@router.get("/me", response=MeOut, summary="The signed-in user and their roles")
def me(request: HttpRequest):
    memberships = [
        {
            "organisation_id": m.organisation_id,
            "organisation": m.organisation.name,
            "kind": m.organisation.kind,
            "jurisdiction": m.organisation.jurisdiction,
            "role": m.role,
        }
        for m in permissions.active_memberships(request.user)
    ]
    return {"username": request.user.get_username(), "language": request.user.language, "memberships": memberships}


@router.get("/organisations", response=list[OrganisationOut], summary="Organisations the caller belongs to")
@paginate(BoundedPageNumberPagination, page_size=50)
def organisation_list(request: HttpRequest):
    return selectors.organisation_list(actor=request.user)


@router.get("/audit", response=list[AuditEventOut], summary="The audit trail (read-only)")
@paginate(BoundedPageNumberPagination, page_size=100)
def audit_list(request: HttpRequest, object_type: str = "", object_id: str = "", action: str = ""):
    return selectors.audit_event_list(actor=request.user, object_type=object_type, object_id=object_id, action=action)


class JobOut(Schema):
    id: int
    kind: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    result_url: str
    result: dict
    created_at: dt.datetime
    finished_at: dt.datetime | None


@router.get("/jobs/{job_id}", response=JobOut, summary="A background job's progress")
def job_detail(request: HttpRequest, job_id: int):
    from alongside.core import jobs

    return jobs.job_get(actor=request.user, job_id=job_id)
