"""Entering 004's 居家服務滿意度調查表 and closing its follow-ups: each part scored only by the rules engine
(IN-04..IN-08), a CES-D at or above 16 (IN-08) or a high burden reading (IN-07) makes a follow-up for the
client's supervisor, refusals write nothing, every write is audited."""

import datetime as dt

import pytest
from django.utils import timezone

from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from alongside.surveys import services
from alongside.surveys.models import SurveyFollowUp, SurveyResponse, SurveyScore

from .conftest import PAPER_DAY, answers, full_form

pytestmark = pytest.mark.django_db


def enter(actor, client, scales, **kw):
    return services.response_enter_from_paper(
        actor=actor,
        client=client,
        paper_dated=kw.get("paper_dated", PAPER_DAY),
        respondent="primary_caregiver",
        basic=kw.get("basic", {}),
        scales=scales,
    )


def test_in08_paper_form_scored_by_the_engine_with_a_depression_follow_up(supervisor, client_person, case, worker):
    response = enter(supervisor, client_person, full_form(cesd=1), basic={"area": "埔里鎮", "children": 3})
    assert (response.channel, response.paper_dated, response.entered_by, response.filled_on) == (
        "paper",
        PAPER_DAY,
        supervisor,
        PAPER_DAY,
    )
    assert (response.area, response.program, response.case) == ("埔里鎮", "tw.disability_homecare", case)
    assert list(response.caregivers.all()) == [worker]
    cesd = response.scores.get(instrument="cesd")
    assert (cesd.total, cesd.interpretation, cesd.rule_ids) == (24, "possible_depression", ["IN-08"])
    satisfaction = response.scores.get(instrument="satisfaction")
    assert (satisfaction.total, satisfaction.mean_item_score, satisfaction.interpretation) == (52, 4, "agree")
    [follow_up] = SurveyFollowUp.objects.all()
    assert (follow_up.kind, follow_up.assignee, follow_up.status, follow_up.rule_ids) == (
        "depression",
        supervisor,
        "open",
        ["IN-08"],
    )
    assert follow_up.due_on == timezone.localdate() + dt.timedelta(days=7)
    event = AuditEvent.objects.get(object_type="surveys.surveyresponse")
    assert event.rule_ids == ["IN-04", "IN-05", "IN-06", "IN-07", "IN-08"]
    assert AuditEvent.objects.filter(object_type="surveys.surveyfollowup").count() == 1


def test_in08_below_the_cut_off_makes_no_follow_up(supervisor, client_person, case):
    response = enter(supervisor, client_person, full_form(cesd=0))
    assert response.scores.get(instrument="cesd").interpretation == "below_cutoff"
    assert not SurveyFollowUp.objects.exists()


def test_in07_a_burden_read_as_agree_asks_for_a_respite_referral(supervisor, client_person, case):
    enter(supervisor, client_person, full_form(burden=4))
    assert list(SurveyFollowUp.objects.values_list("kind", flat=True)) == ["burden"]


def test_a_part_left_blank_is_not_scored_and_the_area_comes_from_the_address(supervisor, client_person):
    response = enter(supervisor, client_person, {"satisfaction": answers("satisfaction", 5)})
    assert list(response.scores.values_list("instrument", flat=True)) == ["satisfaction"]
    assert (response.area, response.program, response.case) == ("埔里鎮", "", None)


def test_every_problem_at_once_and_nothing_written(supervisor, client_person):
    half = answers("cesd", 1)
    del half["q3"]
    half["q5"] = 7
    with pytest.raises(DomainError) as refused:
        services.response_enter_from_paper(actor=supervisor, client=client_person, paper_dated=None, respondent="",
                                           basic={"area": "台北市", "nope": 1}, scales={"cesd": half})  # fmt: skip
    fields = sorted(p.field for p in refused.value.problems)
    assert fields == ["basic.area", "basic.nope", "paper_dated", "respondent", "scales.cesd.q3", "scales.cesd.q5"]
    assert not SurveyResponse.objects.exists()
    assert not SurveyScore.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_empty_form_is_refused(supervisor, client_person):
    with pytest.raises(DomainError) as refused:
        enter(supervisor, client_person, {})
    assert [p.field for p in refused.value.problems] == ["scales"]


def test_a_paper_date_in_the_future_is_refused(supervisor, client_person):
    with pytest.raises(DomainError):
        enter(supervisor, client_person, full_form(), paper_dated=timezone.localdate() + dt.timedelta(days=1))


def test_caregivers_and_other_agencies_cannot_enter(caregiver_user, stranger, daughter, client_person):
    for actor in (caregiver_user, stranger, daughter):
        with pytest.raises(NotFound):
            enter(actor, client_person, full_form())
    assert not SurveyResponse.objects.exists()


def test_the_family_answers_online_dated_today(daughter, client_person, case):
    response = services.response_answer_online(actor=daughter, client=client_person, respondent="primary_caregiver",
                                               basic={}, scales=full_form(cesd=1))  # fmt: skip
    assert (response.channel, response.paper_dated, response.filled_on) == ("online", None, timezone.localdate())
    assert SurveyFollowUp.objects.get().kind == "depression"


def test_a_family_not_linked_cannot_answer(agency, client_person):
    from alongside.testing.factories import member

    unlinked = member("client_viewer", agency, "someone.else")
    with pytest.raises(NotFound):
        services.response_answer_online(actor=unlinked, client=client_person, respondent="client", basic={},
                                        scales=full_form())  # fmt: skip


def test_the_supervisor_records_what_was_done_and_closes(supervisor, client_person, case):
    enter(supervisor, client_person, full_form(cesd=1))
    follow_up = SurveyFollowUp.objects.get()
    closed = services.follow_up_close(actor=supervisor, follow_up=follow_up, done_on=timezone.localdate(),
                                      action_taken="電話關懷，轉介心理衛生中心")  # fmt: skip
    assert (closed.status, closed.closed_by, closed.action_taken) == (
        "closed",
        supervisor,
        "電話關懷，轉介心理衛生中心",
    )
    assert AuditEvent.objects.filter(object_type="surveys.surveyfollowup", action="update").get().rule_ids == ["IN-08"]
    with pytest.raises(DomainError):
        services.follow_up_close(actor=supervisor, follow_up=closed, done_on=timezone.localdate(), action_taken="x")


def test_closing_needs_what_was_done_and_a_day(supervisor, client_person, case):
    enter(supervisor, client_person, full_form(cesd=1))
    follow_up = SurveyFollowUp.objects.get()
    with pytest.raises(DomainError) as refused:
        services.follow_up_close(actor=supervisor, follow_up=follow_up, done_on=None, action_taken=" ")
    assert sorted(p.field for p in refused.value.problems) == ["action_taken", "done_on"]
    follow_up.refresh_from_db()
    assert follow_up.status == "open"


def test_another_supervisor_sees_but_may_not_close_a_manager_may(supervisor, other_supervisor, manager, client_person,
                                                                 case):  # fmt: skip
    enter(supervisor, client_person, full_form(cesd=1))
    follow_up = SurveyFollowUp.objects.get()
    with pytest.raises(NotPermitted):
        services.follow_up_close(actor=other_supervisor, follow_up=follow_up, done_on=timezone.localdate(),
                                 action_taken="x")  # fmt: skip
    services.follow_up_close(actor=manager, follow_up=follow_up, done_on=timezone.localdate(), action_taken="已轉介")


def test_township_from_address():
    assert services.township_from_address("南投縣埔里鎮中山路一段1號") == "埔里鎮"
    assert services.township_from_address("南投縣仁愛鄉大同村") == "仁愛鄉"
    assert services.township_from_address("臺中市西屯區台灣大道") == "西屯區"
    assert services.township_from_address("") == ""
