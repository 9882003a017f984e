"""Fixtures shared by every test: a fast password hasher and the usual cast of organisations."""

import pytest


def _organisation(**fields):
    # Imported here so that the pure rules tests can run without Django (pytest -p no:django).
    from alongside.testing.factories import OrganisationFactory

    return OrganisationFactory(**fields)


@pytest.fixture(autouse=True)
def _fast_password_hashing(request):
    # Argon2 is the production hasher; tests only need a hasher, not a slow one.
    if "settings" in request.fixturenames or request.config.pluginmanager.has_plugin("django"):
        settings = request.getfixturevalue("settings")
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # Background tasks run inside the test, so a test sees the job's result without a worker.
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _english_outside_requests(request):
    # Services called directly answer in the thread's language: English here, so that tests read the source
    # sentences. Page and API requests choose their own language (cookie, browser, the user's setting); the
    # reset afterwards keeps one test's request language from leaking into the next.
    if not request.config.pluginmanager.has_plugin("django"):
        yield
        return
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def manager(agency):
    from alongside.testing.factories import member

    return member("manager", agency, "manager_chen")


@pytest.fixture
def supervisor(agency):
    from alongside.testing.factories import member

    return member("supervisor", agency, "supervisor_lin")


@pytest.fixture
def agency(db):
    return _organisation(name="南投居家服務協會", kind="agency", jurisdiction="tw.nantou")


@pytest.fixture
def other_agency(db):
    return _organisation(name="彰化居家服務中心", kind="agency", jurisdiction="tw.changhua")


@pytest.fixture
def county(db):
    return _organisation(name="南投縣政府社會及勞動處", kind="government", jurisdiction="tw.nantou")


@pytest.fixture
def support_centre(db):
    return _organisation(name="札幌PAサポートセンター", kind="support_centre", jurisdiction="jp.sapporo")


@pytest.fixture
def household(db, support_centre):
    return _organisation(
        name="佐藤家", kind="household", jurisdiction="jp.sapporo", supported_by=support_centre
    )
