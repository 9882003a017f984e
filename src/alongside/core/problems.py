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
