"""RFC 9457 problem details, the one error shape of the API."""

from __future__ import annotations

import json

from django.http import HttpResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_body(*, status: int, title: str, detail: str = "", errors: list[dict] | None = None) -> dict:
    body = {"type": f"https://alongside.example/problems/{status}", "title": str(title), "status": status}
    if detail:
        body["detail"] = str(detail)
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(*, status: int, title: str, detail: str = "", errors: list[dict] | None = None) -> HttpResponse:
    body = problem_body(status=status, title=title, detail=detail, errors=errors)
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE)


class ApiProblemMiddleware:
    """Under /api/, an error answered outside the API's own handlers (405 for an unsupported method, 404 for an
    unknown path, a CSRF 403…) becomes a problem object too, so every API error has one shape."""

    prefix = "/api/v1/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(self.prefix)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
        ):
            problem = problem_response(status=response.status_code, title=_problem_title(response))
            if response.has_header("Allow"):
                problem["Allow"] = response["Allow"]
            return problem
        return response


def _problem_title(response: HttpResponse) -> str:
    from django.utils.translation import gettext as _

    titles = {
        403: _("You are not allowed to do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
    }
    return titles.get(response.status_code) or response.reason_phrase
