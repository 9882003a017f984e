"""What the billing use cases share: months as date ranges, permission checks, the month's labels."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from alongside.billing import access
from alongside.billing.locks import month_of, next_month
from alongside.core.errors import DomainError, ErrorCode, NotFound, NotPermitted
from alongside.core.models import Organisation, User
from alongside.core.roles import Capability

LOCAL = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def month_range(month: dt.date) -> tuple[dt.date, dt.date]:
    """[first day, first day of the next month): half-open, like every period here."""
    return month_of(month), next_month(month)


def last_day(month: dt.date) -> dt.date:
    return next_month(month) - dt.timedelta(days=1)


def require_month(month: dt.date) -> dt.date:
    if not isinstance(month, dt.date):
        raise DomainError.single("month", ErrorCode.INVALID, _("Give the month as YYYY-MM."))
    return month_of(month)


def require_view(actor: User, organisation: Organisation) -> None:
    """Out of reach is not found: a stranger cannot tell whether the agency bills at all."""
    if not access.can(actor, Capability.BILLING_VIEW, organisation):
        raise NotFound


def require_close(actor: User, organisation: Organisation) -> None:
    """A supervisor sees the month but may not close it or book money: that is forbidden, not hidden."""
    require_view(actor, organisation)
    if not access.can(actor, Capability.BILLING_CLOSE, organisation):
        raise NotPermitted


def hours_to_minutes(hours: Decimal) -> int:
    """Whole minutes of a number of hours kept to two places (hours came from whole minutes / 60, half up)."""
    return int((Decimal(hours) * 60).to_integral_value(rounding=ROUND_HALF_UP))


def hours_text(hours: Decimal) -> str:
    """Hours as the pages print them: two decimals."""
    return f"{Decimal(hours):.2f}"


def local_hhmm(moment: dt.datetime | None) -> str:
    return moment.astimezone(LOCAL).strftime("%H:%M") if moment else ""


def month_text(month: dt.date) -> str:
    return f"{month:%Y-%m}"


def month_url(organisation_id: int, month: dt.date) -> str:
    """The month's page (helper E's view); "" while that page does not exist."""
    return url_or_blank("billing_month", organisation_id, month_text(month))


def url_or_blank(name: str, *args, query: str = "") -> str:
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return ""


class CloseRefused(Exception):
    """The month's data changed since the checks in a way the close cannot bill (the job's error says how)."""
