"""Caregiver items on the dashboard.

Managers and supervisors of an agency: caregivers who cannot be assigned (no valid qualification),
qualifications ending within 60 days, caregivers below this year's 20 training hours (NT-20) and leave waiting
for a decision. A caregiver: the same about themselves, and unread notices about their leave.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core.dashboard import DashboardItem
from alongside.core.i18n import local_date
from alongside.workforce import choices as c
from alongside.workforce import rules_input, selectors
from alongside.workforce.models import CaregiverProfile, LeaveNotice

NO_HOURS = Decimal(0).quantize(Decimal("0.1"))  # what selectors.training_hours answers for a year without records


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    if not actor.is_authenticated:
        return []
    found: list[DashboardItem] = []
    managed = set(selectors.organisations_with(actor))
    caregivers = selectors.caregiver_list(actor=actor, include_inactive=False)  # qualifications prefetched
    # A fixed number of queries however many caregivers the agency has: the year's training hours of all of them
    # in one query, and the NT-20 requirement looked up once per jurisdiction.
    hours = selectors.training_hours_by_caregiver(caregivers, today.year)
    required: dict[str, Decimal] = {}
    for caregiver in caregivers:
        if caregiver.organisation_id in managed or selectors.is_self(actor=actor, caregiver=caregiver):
            found += _qualification_items(caregiver, today) + _training_items(caregiver, today, hours, required)
    found += [_leave_item(leave) for leave in selectors.leave_list(actor=actor, status=c.LeaveStatus.REQUESTED)
              if leave.caregiver.organisation_id in managed]  # fmt: skip
    found += [_notice_item(notice) for notice in selectors.notices_for(actor, unread_only=True)
              if notice.kind != c.NoticeKind.REQUESTED or not managed]  # fmt: skip
    return found


def _url(caregiver: CaregiverProfile, anchor: str) -> str:
    return reverse("workforce_caregiver_detail", args=[caregiver.pk]) + anchor


def _qualification_items(caregiver: CaregiverProfile, today: dt.date) -> list[DashboardItem]:
    country = caregiver.organisation.country
    status = selectors.qualification_status(caregiver, today)
    values = {"name": caregiver.person.name}
    if status.blocked:
        title = (_("%(name)s has no valid qualification and cannot be assigned.") % values if status.missing
                 or not status.blocked_from else
                 _("%(name)s has no valid qualification and cannot be assigned from %(date)s.")
                 % (values | {"date": local_date(status.blocked_from, country)}))  # fmt: skip
        return [DashboardItem("qualification_blocked", title, _url(caregiver, "#qualifications"), status.blocked_from,
                              True, caregiver.organisation_id)]  # fmt: skip
    found = []
    limit = today + dt.timedelta(days=selectors.EXPIRY_WARNING_DAYS)
    for q in caregiver.qualifications.all():
        if q.expires_on and today <= q.expires_on <= limit:
            item_values = values | {"kind": q.get_kind_display(), "date": local_date(q.expires_on, country)}
            if status.state == c.QualificationState.EXPIRING and status.valid_until == q.expires_on:
                title = _(
                    "%(name)s's %(kind)s expires on %(date)s; without a renewal they cannot be assigned from "
                    "%(blocked)s."
                ) % (item_values | {"blocked": local_date(status.blocked_from, country)})
            else:
                title = _("%(name)s's %(kind)s expires on %(date)s.") % item_values
            found.append(DashboardItem("qualification_expiring", title, _url(caregiver, "#qualifications"),
                                       q.expires_on, False, caregiver.organisation_id))  # fmt: skip
    return found


def _training_items(caregiver: CaregiverProfile, today: dt.date, hours: dict[int, Decimal],
                    required: dict[str, Decimal]) -> list[DashboardItem]:  # fmt: skip
    """`hours`: the year's hours by caregiver id (absent: none); `required`: the requirement by jurisdiction,
    filled as met."""
    jurisdiction = caregiver.organisation.jurisdiction
    if jurisdiction not in required:
        required[jurisdiction] = rules_input.training_hours_required(year=today.year, jurisdiction=jurisdiction)
    year = selectors.TrainingYear(today.year, hours.get(caregiver.pk, NO_HOURS), required[jurisdiction])
    if not year.below:
        return []
    title = _("%(name)s has %(hours)s of the %(required)s in-service training hours required in %(year)s (NT-20); "
              "%(missing)s hours are still missing.") % {
        "name": caregiver.person.name, "hours": year.hours, "required": year.required, "year": year.year,
        "missing": year.missing,
    }  # fmt: skip
    return [DashboardItem("training_below", title, _url(caregiver, "#training"), dt.date(today.year, 12, 31), False,
                          caregiver.organisation_id)]  # fmt: skip


def _leave_item(leave) -> DashboardItem:
    country = leave.caregiver.organisation.country
    title = _("%(name)s asks for leave from %(start)s to %(end)s: approve or refuse it.") % {
        "name": leave.caregiver.person.name, "start": local_date(leave_start_day(leave), country),
        "end": local_date(leave_end_day(leave), country),
    }  # fmt: skip
    return DashboardItem("leave_requested", title, reverse("workforce_leave_detail", args=[leave.pk]),
                         leave_start_day(leave), False, leave.caregiver.organisation_id)  # fmt: skip


def _notice_item(notice: LeaveNotice) -> DashboardItem:
    leave = notice.leave
    return DashboardItem(f"leave_{notice.kind}", notice_sentence(notice),
                         reverse("workforce_leave_detail", args=[leave.pk]), leave_start_day(leave), False,
                         leave.caregiver.organisation_id)  # fmt: skip


def notice_sentence(notice: LeaveNotice) -> str:
    """The notice in the reader's language, written when shown."""
    leave = notice.leave
    country = leave.caregiver.organisation.country
    values = {"name": leave.caregiver.person.name, "start": local_date(leave_start_day(leave), country),
              "end": local_date(leave_end_day(leave), country)}  # fmt: skip
    sentences = {
        c.NoticeKind.REQUESTED: _("Leave for %(name)s from %(start)s to %(end)s was asked for."),
        c.NoticeKind.APPROVED: _("The leave of %(name)s from %(start)s to %(end)s was approved."),
        c.NoticeKind.REFUSED: _("The leave of %(name)s from %(start)s to %(end)s was refused."),
        c.NoticeKind.CANCELLED: _("The leave of %(name)s from %(start)s to %(end)s was cancelled."),
    }
    return sentences[notice.kind] % values


def leave_start_day(leave) -> dt.date:
    return timezone.localtime(leave.starts_at).date()


def leave_end_day(leave) -> dt.date:
    """The last day touched by the leave (leave ending at midnight ends the day before)."""
    end = timezone.localtime(leave.ends_at)
    return (end - dt.timedelta(microseconds=1)).date()
