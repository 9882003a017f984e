"""Survey pages: the case team's list, paper entry, a response with its scores, the follow-ups and the results
by group; the client's or family's online form. Views parse, call one selector or service, and render."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.core.errors import NotFound
from alongside.rules.instruments import INSTRUMENTS
from alongside.surveys import access, charts, selectors, services
from alongside.surveys import choices as c
from alongside.surveys.forms import ChooseClientForm, FollowUpCloseForm, ResultsForm, SurveyForm
from alongside.surveys.questionnaire import BASIC_BY_CODE, SCALE_CODES, SCALE_SHORT, SCALE_TITLES
from alongside.web.form_errors import submit


def _organisation(request: HttpRequest):
    raw = request.GET.get("organisation")
    try:
        return selectors.organisation_for_team(actor=request.user, organisation_id=int(raw) if raw else None)
    except ValueError:
        raise NotFound from None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    if access.team_organisation_ids(user):
        organisation = _organisation(request)
        clients = selectors.clients_for_entry(actor=user, organisation=organisation)
        choose = ChooseClientForm(request.GET if "client" in request.GET else None, clients=clients)
        if choose.is_bound and choose.is_valid():
            return redirect("surveys:enter", client_id=choose.cleaned_data["client"])
        recent = selectors.responses(actor=user, organisation=organisation)[:50]
        open_count = selectors.follow_ups(actor=user, organisation=organisation, status=c.FollowUpStatus.OPEN).count()
        return render(request, "surveys/index.html", {
            "organisation": organisation, "organisations": selectors.team_organisations(user), "form": choose,
            "responses": recent, "open_count": open_count,
        })  # fmt: skip
    clients = selectors.answerable_clients(actor=user)
    if not clients:
        raise Http404
    return render(request, "surveys/mine.html", {"clients": clients, "answers": selectors.my_answers(actor=user)})


def _survey_page(request, *, client, paper: bool):
    form = SurveyForm(request.POST or None, paper=paper)

    def save():
        if paper:
            return services.response_enter_from_paper(
                actor=request.user, client=client, paper_dated=form.cleaned_data["paper_dated"],
                respondent=form.cleaned_data["respondent"], basic=form.basic(), scales=form.scales())  # fmt: skip
        return services.response_answer_online(actor=request.user, client=client,
                                               respondent=form.cleaned_data["respondent"], basic=form.basic(),
                                               scales=form.scales())  # fmt: skip

    submission = submit(
        request, form, save, _("The survey is saved.") if paper else _("Thank you: your answers are sent.")
    )
    if submission.done:
        return redirect("surveys:detail", response_id=submission.result.pk) if paper else redirect("surveys:index")
    return render(request, "surveys/form.html", {
        "client": client, "form": form, "paper": paper, "extra_problems": submission.problems,
    })  # fmt: skip


@login_required
def enter(request: HttpRequest, client_id: int) -> HttpResponse:
    client = selectors.survey_client_get(actor=request.user, client_id=client_id)
    return _survey_page(request, client=client, paper=True)


@login_required
def answer(request: HttpRequest, client_id: int) -> HttpResponse:
    client = selectors.answerable_client_get(actor=request.user, client_id=client_id)
    return _survey_page(request, client=client, paper=False)


# The engine's readings (rules/instruments/survey.py) in words: the mean answer's column, or the CES-D cut-off.
READINGS = {
    "strongly_agree": gettext_lazy("Strongly agree"), "agree": gettext_lazy("Agree"),
    "neutral": gettext_lazy("No opinion"), "disagree": gettext_lazy("Disagree"),
    "strongly_disagree": gettext_lazy("Strongly disagree"), "very_insufficient": gettext_lazy("Very insufficient"),
    "insufficient": gettext_lazy("Insufficient"), "average": gettext_lazy("Average"),
    "sufficient": gettext_lazy("Sufficient"), "very_sufficient": gettext_lazy("Very sufficient"),
    "not_at_all": gettext_lazy("Not at all"), "a_little": gettext_lazy("A little"), "some": gettext_lazy("Some"),
    "quite_a_lot": gettext_lazy("Quite a lot"), "a_great_deal": gettext_lazy("A great deal"),
    "possible_depression": gettext_lazy("At or above the cut-off (16): possible depression"),
    "below_cutoff": gettext_lazy("Below the cut-off (16)"),
}  # fmt: skip


@login_required
def detail(request: HttpRequest, response_id: int) -> HttpResponse:
    response = selectors.response_get(actor=request.user, response_id=response_id)
    scores = []
    for score in response.scores.all():
        labels = {item.code: item for item in INSTRUMENTS[score.instrument].items}
        answers = [(labels[code].label, _printed_answer(labels[code], v)) for code, v in score.answers.items()
                   if code in labels]  # fmt: skip
        scores.append({"score": score, "title": SCALE_TITLES[score.instrument], "answers": answers,
                       "reading": READINGS.get(score.interpretation, score.interpretation)})  # fmt: skip
    basic = [(BASIC_BY_CODE[k].label, "、".join(v) if isinstance(v, list) else v)
             for k, v in response.basic.items() if k in BASIC_BY_CODE]  # fmt: skip
    return render(request, "surveys/detail.html", {"response": response, "scores": scores, "basic": basic})


def _printed_answer(item, value) -> str:
    return next((choice.label for choice in item.choices if choice.value == Decimal(str(value))), str(value))


@login_required
def follow_ups(request: HttpRequest) -> HttpResponse:
    if not access.team_organisation_ids(request.user):
        raise Http404
    status = request.GET.get("status", c.FollowUpStatus.OPEN)
    if status not in c.FollowUpStatus.values:
        status = ""
    found = selectors.follow_ups(actor=request.user, status=status)
    return render(request, "surveys/follow_ups.html", {"follow_ups": found, "status": status})


@login_required
def follow_up(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    item = selectors.follow_up_get(actor=request.user, follow_up_id=follow_up_id)
    form = FollowUpCloseForm(request.POST or None)

    def save():
        return services.follow_up_close(actor=request.user, follow_up=item, done_on=form.cleaned_data["done_on"],
                                        action_taken=form.cleaned_data["action_taken"])  # fmt: skip

    submission = submit(request, form, save, _("The follow-up is closed."))
    if submission.done:
        return redirect("surveys:follow_ups")
    return render(request, "surveys/follow_up.html",
                  {"item": item, "form": form, "extra_problems": submission.problems})  # fmt: skip


@login_required
def results(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = ResultsForm(request.GET or None)
    by, date_from, date_to = c.Dimension.AREA, None, None
    if form.is_bound and form.is_valid():
        by = form.cleaned_data["by"] or by
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    found = selectors.results(actor=request.user, organisation=organisation, dimension=by,
                              date_from=date_from, date_to=date_to)  # fmt: skip
    shown = [g for g in found.groups if not g.suppressed]
    sections = []
    for code in SCALE_CODES:
        rows = [(g.label, g.scales[code].mean_item_score) for g in shown if g.scales[code].mean_item_score is not None]
        highest = max(choice.value for choice in INSTRUMENTS[code].items[0].choices)
        chart = (
            charts.mean_chart(
                rows,
                highest=highest,
                chart_id=f"chart-{code}",
                title=_("%(part)s: mean answer by group") % {"part": SCALE_SHORT[code]},
            )
            if rows
            else None
        )
        sections.append({"code": code, "title": SCALE_SHORT[code], "chart": chart,
                         "higher_means": INSTRUMENTS[code].higher_means, "highest": highest})  # fmt: skip
    return render(request, "surveys/results.html", {
        "results": found, "form": form, "shown": shown, "sections": sections, "codes": SCALE_CODES,
        "short": SCALE_SHORT, "dimension": dict(c.Dimension.choices)[by],
    })  # fmt: skip
