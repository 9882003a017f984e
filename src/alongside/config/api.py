"""The one JSON API, under /api/v1, with OpenAPI 3 at /api/docs.

Every error is application/problem+json: 422 names every bad field, and nothing is written.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from alongside.assistance.api import router as assistance_router
from alongside.billing.api import router as billing_router
from alongside.careplans.api import router as careplans_router
from alongside.cases.api import router as cases_router
from alongside.complaints.api import router as complaints_router
from alongside.core.api import router as core_router
from alongside.core.api_auth import API_AUTH
from alongside.core.api_parser import NoNulParser
from alongside.core.api_rules import router as rules_router
from alongside.core.errors import DomainError, ErrorCode, NotFound, NotPermitted
from alongside.core.problems import problem_response
from alongside.dispatch.api import router as dispatch_router
from alongside.equipment.api import router as equipment_router
from alongside.evaluation.api import router as evaluation_router
from alongside.familyportal.api import router as familyportal_router
from alongside.fieldwork.api import router as fieldwork_router
from alongside.govstats.api import router as govstats_router
from alongside.people.api import router as people_router
from alongside.scheduling.api import router as scheduling_router
from alongside.supervision.api import router as supervision_router
from alongside.surveys.api import router as surveys_router
from alongside.workforce.api import router as workforce_router

api = NinjaAPI(
    title="Alongside API",
    version="1",
    description="Home care and personal assistance: organisations, people, and the rules engine.",
    urls_namespace="api",
    docs_url="/docs",
    auth=API_AUTH,
    parser=NoNulParser(),  # NUL in a query or body is a 422, not PostgreSQL's ValueError
)
api.add_router("/core", core_router)
api.add_router("/people", people_router)
api.add_router("/cases", cases_router)
api.add_router("/careplans", careplans_router)
api.add_router("/supervision", supervision_router)
api.add_router("/workforce", workforce_router)
api.add_router("/scheduling", scheduling_router)
api.add_router("/dispatch", dispatch_router)
api.add_router("/fieldwork", fieldwork_router)
api.add_router("/pa", assistance_router)
api.add_router("/complaints", complaints_router)
api.add_router("/surveys", surveys_router)
api.add_router("/evaluation", evaluation_router)
api.add_router("/family", familyportal_router)
api.add_router("/statistics", govstats_router)
api.add_router("/equipment", equipment_router)
api.add_router("/billing", billing_router)
api.add_router("/rules", rules_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError):
    if any(p.code == ErrorCode.STALE_VERSION for p in error.problems):  # optimistic locking: someone came first
        return problem_response(status=409, title=_("Someone else changed this meanwhile."), detail=str(error),
                                errors=[p.as_dict() for p in error.problems])  # fmt: skip
    return problem_response(
        status=422, title=_("The request has invalid fields."), detail=str(error),
        errors=[p.as_dict() for p in error.problems],
    )  # fmt: skip


@api.exception_handler(NinjaValidationError)
def schema_error(request: HttpRequest, error: NinjaValidationError):
    errors = [
        {"field": _field_path(item.get("loc", ())), "code": item.get("type", "invalid"), "message": item.get("msg", "")}
        for item in error.errors
    ]
    return problem_response(status=422, title=_("The request has invalid fields."), errors=errors)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, error: NotFound):
    return problem_response(status=404, title=_("Not found."))


@api.exception_handler(NotPermitted)
def not_permitted(request: HttpRequest, error: NotPermitted):
    return problem_response(status=403, title=_("You are not allowed to do this."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError):
    return problem_response(status=401, title=_("Sign in or send an API token."))


@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, error: OverflowError):
    """A date the calendar cannot reach (a week before 0001-01-01) or a number past what the database holds."""
    return problem_response(
        status=422, title=_("The request has invalid fields."),
        errors=[{"field": "body", "code": "out_of_range",
                 "message": _("A date or number in the request is outside the range Alongside can handle.")}],
    )  # fmt: skip


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError):
    return problem_response(status=error.status_code, title=str(error))


def _field_path(loc) -> str:
    # ninja reports ("body", "payload", "name"); the client only knows "name".
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "data")]
    return ".".join(parts) or "body"
