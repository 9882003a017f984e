"""Staff records pages: 200 for managers and supervisors, 404 for others, POST happy paths and errors shown."""

import pytest
from django.test import Client
from django.urls import reverse

from alongside.evaluation import services
from alongside.evaluation.models import IndividualSupervision, Meeting
from alongside.testing.factories import member

PAGES = ["evaluation:index", "evaluation:supervisions", "evaluation:meetings", "evaluation:evaluations",
         "evaluation:training"]  # fmt: skip


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_pages_open_for_the_supervisor_and_are_not_found_for_others(name, caregiver, supervisor, other_agency):
    assert signed_in(supervisor).get(reverse(name)).status_code == 200
    assert signed_in(member("manager", other_agency, "stranger")).get(reverse(name)).status_code in (200, 404)
    assert signed_in(caregiver.person.user).get(reverse(name)).status_code == 404


@pytest.mark.django_db
def test_the_other_agencys_manager_sees_none_of_our_staff(caregiver, other_agency):
    page = signed_in(member("manager", other_agency, "stranger")).get(reverse("evaluation:index"))
    assert "王小美" not in page.content.decode()


@pytest.mark.django_db
def test_recording_a_supervision_through_the_form(caregiver, supervisor):
    form = {"staff": caregiver.person.pk, "held_on": "2025-01-20", "method": "face_to_face", "topics": "適應",
            "guidance": "說明"}  # fmt: skip
    response = signed_in(supervisor).post(reverse("evaluation:supervisions"), form)
    record = IndividualSupervision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:supervision", args=[record.pk])
    assert signed_in(supervisor).get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_supervision_without_guidance_shows_the_error_summary(caregiver, supervisor):
    form = {"staff": caregiver.person.pk, "held_on": "2025-01-20", "method": "phone", "topics": "適應"}
    response = signed_in(supervisor).post(reverse("evaluation:supervisions"), form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Write the guidance given." in html
    assert not IndividualSupervision.objects.exists()


@pytest.mark.django_db
def test_recording_a_meeting_with_attendance_through_the_form(agency, caregiver, paper_caregiver, manager):
    form = {"organisation": agency.pk, "kind": "group_supervision", "held_on": "2025-02-12", "chair": "陳主任",
            "recorder": "林督導", "agenda": "個案討論", f"attend_{caregiver.person.pk}": "present",
            f"attend_{paper_caregiver.person.pk}": "absent"}  # fmt: skip
    response = signed_in(manager).post(reverse("evaluation:meetings"), form)
    assert response.status_code == 302
    page = signed_in(manager).get(response["Location"]).content.decode()
    assert "王小美" in page
    assert "李大同" in page
    assert Meeting.objects.get().attendance.count() == 2


@pytest.mark.django_db
def test_the_caregiver_enters_their_self_score_on_the_evaluation_page(caregiver, supervisor):
    evaluation = services.evaluation_create(actor=supervisor, staff=caregiver.person, kind="year_end", year=2025)
    own = signed_in(caregiver.person.user)
    url = reverse("evaluation:evaluation", args=[evaluation.pk])
    page = own.get(url).content.decode()
    assert "Your self-evaluation" in page
    assert "Manager&#x27;s evaluation" not in page
    bad = own.post(url, {"which": "self", "self-version": 1, "self-service_spirit": "26", "self-work_quality": "30",
                         "self-teamwork": "30", "self-personal_cultivation": "15"})  # fmt: skip
    assert bad.status_code == 200
    assert "must be from 0 to 25" in bad.content.decode()
    good = own.post(url, {"which": "self", "self-version": 1, "self-service_spirit": "20", "self-work_quality": "30",
                          "self-teamwork": "30", "self-personal_cultivation": "15"})  # fmt: skip
    assert good.status_code == 302
    evaluation.refresh_from_db()
    assert str(evaluation.self_total) == "95.00"
    assert own.post(url, {"which": "manager"}).status_code == 403
    assert signed_in(caregiver.person.user).get(reverse("evaluation:evaluations")).status_code == 200


@pytest.mark.django_db
def test_position_page_sets_the_supervisors_position(supervisor_staff, manager):
    url = reverse("evaluation:staff_position", args=[supervisor_staff.pk])
    assert signed_in(manager).post(url, {"position": "supervisor", "started_on": "2020-05-01"}).status_code == 302
    supervisor_staff.refresh_from_db()
    assert supervisor_staff.staff_position.position == "supervisor"
