"""Fixtures shared by every test: a fast password hasher and the usual cast of organisations."""

import pytest

from alongside.testing.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher; tests only need a hasher, not a slow one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agency(db):
    return OrganisationFactory(name="南投居家服務協會", kind="agency", jurisdiction="tw.nantou")


@pytest.fixture
def other_agency(db):
    return OrganisationFactory(name="彰化居家服務中心", kind="agency", jurisdiction="tw.changhua")


@pytest.fixture
def county(db):
    return OrganisationFactory(name="南投縣政府社會及勞動處", kind="government", jurisdiction="tw.nantou")


@pytest.fixture
def support_centre(db):
    return OrganisationFactory(name="札幌PAサポートセンター", kind="support_centre", jurisdiction="jp.sapporo")


@pytest.fixture
def household(db, support_centre):
    return OrganisationFactory(
        name="佐藤家", kind="household", jurisdiction="jp.sapporo", supported_by=support_centre
    )
