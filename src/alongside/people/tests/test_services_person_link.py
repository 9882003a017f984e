import datetime as dt

import pytest

from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.people import selectors, services
from alongside.people.models import PersonLink
from alongside.testing.factories import PersonFactory, member


@pytest.mark.django_db
def test_linking_a_caregiver_lets_them_see_the_client_and_is_audited(agency):
    client = PersonFactory(organisation=agency)
    caregiver, manager = member("caregiver", agency), member("manager", agency)
    services.person_link_create(
        actor=manager, person=client, user=caregiver, role="caregiver", valid_from=dt.date(2020, 1, 1)
    )
    assert [p.pk for p in selectors.person_list(actor=caregiver)] == [client.pk]
    assert AuditEvent.objects.filter(object_type="people.personlink", action="create", actor=manager).exists()


@pytest.mark.django_db
def test_a_link_that_ends_before_it_starts_is_refused(agency):
    client = PersonFactory(organisation=agency)
    caregiver, manager = member("caregiver", agency), member("manager", agency)
    with pytest.raises(DomainError) as refused:
        services.person_link_create(
            actor=manager, person=client, user=caregiver, role="caregiver",
            valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2020, 1, 1),
        )  # fmt: skip
    assert [p.field for p in refused.value.problems] == ["valid_to"]
    assert not PersonLink.objects.exists()


@pytest.mark.django_db
def test_a_caregiver_cannot_link_themselves_to_a_client(agency):
    client, caregiver = PersonFactory(organisation=agency), member("caregiver", agency)
    with pytest.raises(NotPermitted):
        services.person_link_create(
            actor=caregiver, person=client, user=caregiver, role="caregiver", valid_from=dt.date(2020, 1, 1)
        )
    assert not PersonLink.objects.exists()
