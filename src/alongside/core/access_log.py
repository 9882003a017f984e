"""The access log of client records: who read which person's or case's record, when, and how.

One INSERT per read (no hash chain, no lock): cheap enough for every detail page, API detail and printed form.
Reading it is for the organisation's managers and whoever holds `audit.view` there.
"""

from __future__ import annotations

from django.db.models import QuerySet

from alongside.core import permissions
from alongside.core.errors import NotPermitted
from alongside.core.models import AccessVia, Organisation, RecordAccess, User
from alongside.core.roles import Capability


def record_read(
    actor: User, *, organisation: Organisation | int, person=None, case=None, via: str = AccessVia.PAGE, view: str = ""
) -> RecordAccess:
    """Log that `actor` read the record of `person` (and/or `case`). `view` names what was read."""
    if case is not None and person is None:
        person_id = case.client_id
    else:
        person_id = getattr(person, "pk", person)
    return RecordAccess.objects.create(
        actor=actor if actor.is_authenticated else None,
        actor_name=actor.get_username() if actor.is_authenticated else "anonymous",
        organisation_id=getattr(organisation, "pk", organisation),
        person_id=person_id,
        case_id=getattr(case, "pk", case),
        via=via,
        view=view[:100],
    )


def can_read_log(actor: User, organisation: Organisation) -> bool:
    return permissions.can(actor, Capability.AUDIT_VIEW, organisation)


def person_accesses(*, actor: User, person) -> QuerySet[RecordAccess]:
    """Every read of the person's record or of their cases, newest first; NotPermitted unless allowed."""
    if not can_read_log(actor, person.organisation):
        raise NotPermitted
    return RecordAccess.objects.filter(organisation=person.organisation, person_id=person.pk).select_related("actor")
