"""Pages: sign-in, dashboards, language, the people pages and the audit trail, rendered by Django's client."""

import datetime as dt

from django.test import Client
from django.utils import translation

from alongside.core.i18n import roc_date
from alongside.core.models import AuditEvent
from alongside.testing.factories import PersonFactory, PersonLinkFactory, member
from alongside.web.templatetags.alongside_format import money


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pages_need_sign_in(db):
    response = Client().get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_the_sign_in_page_has_one_h1_labelled_fields_and_a_skip_link(db):
    html = Client().get("/sign-in/").content.decode()
    assert html.count("<h1") == 1
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert 'for="id_username"' in html
    assert 'for="id_password"' in html


def test_wrong_password_shows_an_error_summary_and_five_failures_lock_the_account(agency):
    member("manager", agency, username="lin")
    client = Client()
    first = client.post("/sign-in/", {"username": "lin", "password": "wrong"})
    assert "error-summary" in first.content.decode()
    for _ in range(4):
        client.post("/sign-in/", {"username": "lin", "password": "wrong"})
    locked = client.post("/sign-in/", {"username": "lin", "password": "test-password-123"})
    assert locked.status_code == 429
    assert not locked.wsgi_request.user.is_authenticated


def test_a_correct_sign_in_lands_on_the_dashboard(agency):
    member("manager", agency, username="chen")
    response = Client().post("/sign-in/", {"username": "chen", "password": "test-password-123"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert agency.name in response.content.decode()


def test_the_chosen_language_is_remembered_for_the_user(agency):
    user = member("manager", agency)
    client = signed_in(user)
    client.post("/language/", {"language": "ja", "next": "/people/"})
    user.refresh_from_db()
    assert user.language == "ja"
    assert '<html lang="ja">' in signed_in(user).get("/").content.decode()


def test_an_unknown_language_or_foreign_redirect_is_ignored(agency):
    user = member("manager", agency)
    response = signed_in(user).post("/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    user.refresh_from_db()
    assert user.language == "en"


def test_the_people_list_searches_and_answers_htmx_with_the_results_only(agency):
    PersonFactory(organisation=agency, name="王小明")
    PersonFactory(organisation=agency, name="李大華")
    client = signed_in(member("manager", agency))
    page = client.get("/people/", {"q": "小明"}).content.decode()
    assert "王小明" in page
    assert "李大華" not in page
    partial = client.get("/people/", {"q": "小明"}, HTTP_HX_REQUEST="true").content.decode()
    assert "王小明" in partial
    assert "<html" not in partial


def test_opening_a_person_is_logged(agency):
    person = PersonFactory(organisation=agency)
    user = member("supervisor", agency)
    assert signed_in(user).get(f"/people/{person.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="view", actor=user, object_id=str(person.pk)).exists()


def test_a_caregiver_gets_404_for_a_client_they_do_not_serve_and_403_on_edit(agency):
    served, other = PersonFactory(organisation=agency), PersonFactory(organisation=agency)
    caregiver = member("caregiver", agency)
    PersonLinkFactory(user=caregiver, person=served)
    client = signed_in(caregiver)
    assert client.get(f"/people/{other.pk}/").status_code == 404
    assert client.get(f"/people/{served.pk}/edit/").status_code == 403


def test_editing_with_a_bad_id_shows_every_error_and_saves_nothing(agency):
    person = PersonFactory(organisation=agency, name="張志明", sex="male")
    client = signed_in(member("manager", agency))
    form = {"version": 1, "kind": "client", "name": "張誌明", "sex": "male", "national_id": "A123456788",
            "disability_category": "none", "disability_degree": "none",
            "contacts-TOTAL_FORMS": 0, "contacts-INITIAL_FORMS": 0}  # fmt: skip
    html = client.post(f"/people/{person.pk}/edit/", form).content.decode()
    assert 'href="#id_national_id"' in html
    assert "error-summary" in html
    person.refresh_from_db()
    assert person.name == "張志明"
    fixed = client.post(f"/people/{person.pk}/edit/", form | {"national_id": "A123456789", "reason": "更正"})
    assert fixed.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.national_id, person.version) == ("張誌明", "A123456789", 2)


def test_the_audit_trail_page_is_for_managers_only(agency):
    assert signed_in(member("manager", agency)).get("/audit/").status_code == 200
    assert signed_in(member("caregiver", agency)).get("/audit/").status_code == 403


def test_roc_dates_in_chinese_and_in_other_languages():
    with translation.override("zh-hant"):
        assert roc_date(dt.date(2014, 5, 10)) == "民國103年5月10日（2014-05-10）"
    with translation.override("en"):
        assert "ROC year 103" in roc_date(dt.date(2014, 5, 10))


def test_money_is_whole_units_with_separators():
    assert money(480000, "JPY") == "¥480,000"
    with translation.override("ja"):
        assert money(480000, "JPY") == "480,000円"
    assert money(-90) == "-NT$90"


def test_local_date_shows_the_roc_year_only_on_taiwanese_records():
    from alongside.core.i18n import local_date

    with translation.override("ja"):
        assert "103" not in local_date(dt.date(2014, 5, 10), "jp")
        assert "103" in local_date(dt.date(2014, 5, 10), "tw")
