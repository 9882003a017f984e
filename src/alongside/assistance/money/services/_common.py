"""Who may do what with a household's money (D-20): the user or the named proxy decide (record a payment, send
a claim); the support centre checks and forwards or returns a claim; the city records its payment. Someone who
can see the household but may not do this gets NotPermitted (403); anyone else finds nothing (NotFound, 404)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from alongside.assistance import access
from alongside.assistance.models import PaEnrolment
from alongside.core.errors import DomainError, ErrorCode, NotFound, NotPermitted
from alongside.core.models import User


def sees(actor: User, enrolment: PaEnrolment) -> bool:
    return (
        access.can_run(actor, enrolment)
        or access.is_supporting(actor, enrolment)
        or access.is_overseeing(actor, enrolment)
    )


def deciding(actor: User, enrolment: PaEnrolment) -> access.Acting:
    """The user or the proxy, as they act (D-20); NotPermitted for the centre or the city, NotFound otherwise."""
    try:
        return access.acting_for(actor, enrolment)
    except NotFound:
        if sees(actor, enrolment):
            raise NotPermitted from None
        raise


def supporting(actor: User, enrolment: PaEnrolment) -> None:
    """The household's support centre; NotPermitted for the user or the city, NotFound otherwise."""
    if access.is_supporting(actor, enrolment):
        return
    if sees(actor, enrolment):
        raise NotPermitted
    raise NotFound


def overseeing(actor: User, enrolment: PaEnrolment) -> None:
    """The city that oversees the household; NotPermitted for the user or the centre, NotFound otherwise."""
    if access.is_overseeing(actor, enrolment):
        return
    if sees(actor, enrolment):
        raise NotPermitted
    raise NotFound


def check_version(row, expected_version: int | None) -> None:
    if expected_version is not None and row.version != expected_version:
        raise DomainError.single(
            "version", ErrorCode.STALE_VERSION,
            _("Someone else changed this after you opened the page. Reload, then try again."),
        )  # fmt: skip


def name_of(user: User | None) -> str:
    """A person's name for the papers: their person record's name, else their full name or user name."""
    if user is None:
        return ""
    person = getattr(user, "person", None)
    if person is not None:
        return person.name
    return user.get_full_name() or user.get_username()
