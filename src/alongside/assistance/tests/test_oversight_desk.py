"""The support centre's desk (/pa/centre/, issue 7 point 5): one queue of first consultations (about 2 h, PA-15),
trainings to hold and who still lacks the mandatory training (PA-15, derived from Training rows), applications
and claims sent to the centre with the date each is due (PA-13, PA-14), disagreements between a user and an
assistant (PA-20: they settle it, the centre helps) and other requests; the centre's opening hours (PA-19).
Only the staff of the centre see it, and only their own households: another centre's are absent.

The other oversight tests import the small cast and row helpers below.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.assistance.models import Application, CentreItem, Claim, Shift, ShiftSegment, Training
from alongside.assistance.oversight import selectors
from alongside.testing.factories import OrganisationFactory, member, pa_enrolment

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
JUNE = dt.date(2025, 6, 1)


# --- the cast: a second centre with its own household; row helpers ---------------------------------------------


@pytest.fixture(name="far_centre")
def fixture_far_centre(db):
    return OrganisationFactory(name="手稲PAサポートセンター", kind="support_centre", jurisdiction="jp.sapporo")


@pytest.fixture(name="far_staff")
def fixture_far_staff(far_centre):
    return member("support_staff", far_centre, "support_ito")


@pytest.fixture(name="far_enrolment")
def fixture_far_enrolment(far_centre):
    household = OrganisationFactory(name="山口家", kind="household", jurisdiction="jp.sapporo", supported_by=far_centre)
    return pa_enrolment(household, member("pa_user", household, "pa_user_yamaguchi"), name="山口 修")


@pytest.fixture(name="nantou_officer")
def fixture_nantou_officer(county):
    return member("government_officer", county, "officer_nantou")


@pytest.fixture(name="kinmen_officer")
def fixture_kinmen_officer(db):
    county = OrganisationFactory(name="金門縣政府社會處", kind="government", jurisdiction="tw.kinmen")
    return member("government_officer", county, "officer_kinmen")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def tokyo(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def link(name: str, pk: int) -> str:
    """Another slice's page for a row (application_review, claim_check, claim_pay)."""
    return reverse(f"assistance:{name}", args=[pk])


def item(centre, created_by, kind: str, person_name: str, *, enrolment=None, **fields) -> CentreItem:
    return CentreItem.objects.create(centre=centre, created_by=created_by, kind=kind, person_name=person_name,
                                     enrolment=enrolment, **fields)  # fmt: skip


def application(enrolment, month=JUNE, *, status="approved", approved="330", transfer="200", budget=480_000,
                submitted_at=None) -> Application:  # fmt: skip
    return Application.objects.create(
        enrolment=enrolment, month=month, approved_hours=Decimal(approved), transfer_hours=Decimal(transfer),
        budget=budget, status=status, submitted_at=submitted_at, decided_by=enrolment.user_person.user,
    )  # fmt: skip


def claim(enrolment, month=JUNE, *, status="submitted", total=300_000, city_pays=290_700, **fields) -> Claim:
    fields.setdefault("claim_by", dt.date(2025, 7, 7))
    fields.setdefault("pay_by", dt.date(2025, 7, 25))
    return Claim.objects.create(enrolment=enrolment, month=month, status=status, total=total, city_pays=city_pays,
                                submitted_by=enrolment.user_person.user, **fields)  # fmt: skip


def shift(assistant, day: dt.date, minutes: int, amount: int, *, status="confirmed", segment_day=None) -> Shift:
    """A shift of `minutes` starting at 09:00 on `day`, with one segment (booked to `segment_day` or `day`)."""
    start = dt.datetime.combine(day, dt.time(9), tzinfo=TOKYO)
    row = Shift.objects.create(
        enrolment=assistant.enrolment, assistant=assistant, contract=assistant.contracts.first(), status=status,
        planned_start=start, planned_end=start + dt.timedelta(minutes=minutes), amount=amount,
        planned_by=assistant.enrolment.user_person.user,
    )  # fmt: skip
    ShiftSegment.objects.create(shift=row, date=segment_day or day, band="day", minutes=minutes, rate=1200,
                                amount=amount)  # fmt: skip
    return row


# --- the queue -------------------------------------------------------------------------------------------------


@pytest.fixture(name="desk")
def fixture_desk(
    support_staff, support_centre, enrolment, assistant, other_enrolment, far_centre, far_staff, far_enrolment
):
    """Every kind of item on the centre's desk, and the same on the far centre's."""
    item(support_centre, support_staff, "consultation", "中村 聡", scheduled_at=tokyo(2025, 6, 2), status="scheduled",
         hours=Decimal(2))  # fmt: skip
    item(support_centre, support_staff, "training", "田中 誠", enrolment=other_enrolment)
    user = enrolment.user_person.user
    item(support_centre, support_staff, "dispute", "佐藤 由美", enrolment=enrolment, notes="シフトの変更で意見が違う")
    item(support_centre, user, "other", "佐藤 由美", enrolment=enrolment, notes="求人広告の出し方")
    item(support_centre, support_staff, "other", "終わった 件", status="done", done_at=timezone.now())
    application(enrolment, status="submitted", submitted_at=tokyo(2025, 5, 8))
    claim(enrolment, dt.date(2025, 5, 1), submitted_at=tokyo(2025, 6, 3), claim_by=dt.date(2025, 6, 5))
    item(far_centre, far_staff, "consultation", "遠藤 亮")
    item(far_centre, far_staff, "dispute", "山口 修", enrolment=far_enrolment)
    application(far_enrolment, status="submitted")
    claim(far_enrolment, dt.date(2025, 5, 1))


def test_the_queue_has_every_kind_for_the_centres_own_households_only(desk, support_staff):
    queue = selectors.centre_queue(support_staff)
    assert [i.person_name for i in queue.consultations] == ["中村 聡"]
    assert [i.person_name for i in queue.trainings] == ["田中 誠"]
    assert [i.person_name for i in queue.disputes] == ["佐藤 由美"]
    assert [i.notes for i in queue.others] == ["求人広告の出し方"]
    assert [w.row.enrolment.user_person.name for w in queue.applications] == ["佐藤 由美"]
    assert [w.row.enrolment.user_person.name for w in queue.claims] == ["佐藤 由美"]
    assert [i.person_name for i in queue.done] == ["終わった 件"]


def test_applications_are_due_by_the_10th_of_the_month_before_on_a_working_day_PA_13_D_15(desk, support_staff):
    # June 2025's application: the 10th of May is a Saturday, so the next working day, Monday 12 May.
    [waiting] = selectors.centre_queue(support_staff).applications
    assert (waiting.due, waiting.sent_at) == (dt.date(2025, 5, 12), tokyo(2025, 5, 8))


def test_claims_are_due_by_their_claim_by_date_PA_14(desk, support_staff):
    [waiting] = selectors.centre_queue(support_staff).claims
    assert waiting.due == dt.date(2025, 6, 5)


def test_the_user_without_a_user_training_and_the_untrained_assistant_are_listed_PA_15(
    support_staff, enrolment, assistant, other_enrolment, far_enrolment
):
    # 佐藤 由美 and 高橋 健一 are trained (conftest); 田中 誠 has no user training; a new assistant of 佐藤 has none;
    # a candidate needs none yet; the far centre's untrained user is not this centre's.
    from alongside.testing.factories import pa_assistant

    untrained = pa_assistant(enrolment, "assistant_kimura", name="木村 舞", trained=False)
    candidate = pa_assistant(enrolment, "assistant_ikeda", name="池田 剛", trained=False)
    candidate.status = "candidate"
    candidate.save()
    missing = selectors.centre_queue(support_staff).missing_trainings
    assert [(m.who, m.kind) for m in missing] == [("田中 誠", "user"), ("木村 舞", "assistant")]
    assert missing[1].assistant == untrained


def test_a_user_training_recorded_for_the_household_takes_it_off_the_list_PA_15(support_staff, other_enrolment):
    Training.objects.create(enrolment=other_enrolment, kind="user", hours=4, held_on=dt.date(2025, 5, 1),
                            recorded_by=support_staff)  # fmt: skip
    assert selectors.centre_queue(support_staff).missing_trainings == []


def test_the_desk_page_shows_each_section_and_none_of_the_other_centres_rows(desk, support_staff):
    page = signed_in(support_staff).get(reverse("assistance:centre"))
    html = page.content.decode()
    assert page.status_code == 200
    for text in ("中村 聡", "2025-06-02", "田中 誠", "シフトの変更", "求人広告", "2025-05-12", "2025-06-05",
                 "First consultations", "Trainings to hold", "Applications to check", "Claims to check",
                 "Disagreements between users and assistants", "settle it between themselves"):  # fmt: skip
        assert text in html, text
    for text in ("遠藤 亮", "山口 修", "山口家"):
        assert text not in html, text
    assert 'style="' not in html


def test_the_desk_links_to_the_application_and_claim_checks_of_the_other_slices(desk, support_staff, enrolment):
    html = signed_in(support_staff).get(reverse("assistance:centre")).content.decode()
    submitted = Application.objects.get(enrolment=enrolment)
    sent = Claim.objects.get(enrolment=enrolment)
    assert f'href="{link("application_review", submitted.pk)}"' in html
    assert f'href="{link("claim_check", sent.pk)}"' in html


def test_the_desk_offers_to_plan_the_missing_training_with_its_usual_hours_PA_15(support_staff, other_enrolment):
    html = signed_in(support_staff).get(reverse("assistance:centre")).content.decode()
    assert f"?kind=training&amp;enrolment={other_enrolment.pk}&amp;hours=4" in html


def test_the_desk_shows_the_opening_hours_9_to_17_on_working_days_PA_19(support_staff, support_centre, monkeypatch):
    # Monday 2 June 2025, 10:00 in Sapporo: open. Saturday 7 June: closed. 15 September (Respect for the Aged
    # Day): closed. 17:00 on a Monday: closed.
    for moment, open_now in ((tokyo(2025, 6, 2, 10), True), (tokyo(2025, 6, 7, 10), False),
                             (tokyo(2025, 9, 15, 10), False), (tokyo(2025, 6, 2, 17), False)):  # fmt: skip
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        info = selectors.opening_info(support_centre)
        assert (info["opens"], info["closes"], info["open_now"]) == ("09:00", "17:00", open_now), moment
        assert "PA-19" in info["rule_ids"]
    html = signed_in(support_staff).get(reverse("assistance:centre")).content.decode()
    assert "is open from 09:00 to 17:00, Monday to Friday" in html


def test_only_support_staff_reach_the_desk(pa_user, city_officer, assistant, enrolment):
    for user in (pa_user, city_officer, enrolment.user_person.user, assistant.person.user):
        assert signed_in(user).get(reverse("assistance:centre")).status_code == 404


def test_a_centre_without_items_still_has_its_desk(support_staff):
    html = signed_in(support_staff).get(reverse("assistance:centre")).content.decode()
    assert "No first consultation is waiting." in html
    assert "No claim is waiting to be checked." in html
