"""POST /api/v1/rules/{question}: the rules engine over HTTP, same bodies as `alongside rules eval`.

A thin edge (STYLE habit 6): read the raw JSON body, call `alongside.rules.evaluate`, write the answer with the
engine's own JSON writer (exact decimals, no float). Bad input is 422 application/problem+json carrying the
engine's problem object. No login: these are pure calculations (the lead mounts the router with rate limiting).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from alongside.rules import evaluate, jsonio, questions
from alongside.rules.errors import RuleInputError

PROBLEM_CONTENT_TYPE = "application/problem+json"

router = Router(tags=["rules"])


@router.get("/", auth=None, summary="List the rules questions")
def rules_list(request: HttpRequest) -> HttpResponse:
    body = {
        "questions": [
            {"name": q.name, "description": q.description, "default_jurisdiction": q.default_jurisdiction}
            for q in questions()
        ]
    }
    return HttpResponse(jsonio.dumps(body), content_type="application/json")


@router.post("/{question}", auth=None, summary="Answer a rules question (body: the request JSON object)")
def rules_evaluate(request: HttpRequest, question: str, jurisdiction: str | None = None) -> HttpResponse:
    try:
        answer = evaluate(question, jsonio.loads(request.body or b""), jurisdiction)
    except RuleInputError as error:
        return HttpResponse(jsonio.dumps(error.problem()), status=422, content_type=PROBLEM_CONTENT_TYPE)
    return HttpResponse(jsonio.dumps(answer), content_type="application/json")
