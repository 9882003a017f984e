"""Dashboard items of staff supervision and evaluation (core.dashboard), for the managers and supervisors of the
agency, and for a staff member their own self-evaluation to enter:

- new staff: a month of their first three without an individual supervision (NT-12, 004 ch. 5 §2): due while the
  month runs, overdue once it ended (shown for staff who began within the last six months);
- no group supervision recorded yet this month (004 ch. 5 §2 二「每月定期」), and last month's if it had none.

Caregivers short of the year's in-service training hours (NT-20) are the workforce app's item already; the training
page here lists them with everyone else.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.core.dashboard import DashboardItem
from alongside.core.i18n import local_date
from alongside.evaluation import access, selectors
from alongside.evaluation import choices as c
from alongside.evaluation.models import Evaluation, Meeting
from alongside.rules.tw.supervision import add_months


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    found = _own_self_evaluations(actor)
    if access.evaluator_organisation_ids(actor):
        found += _new_staff(actor, today) + _group_supervision(actor, today)
    return found


def _new_staff(actor, today: dt.date) -> list[DashboardItem]:
    result = []
    for person in selectors.staff_list(actor=actor):
        start = selectors.started_on(person)
        if start is None or start > today or add_months(start, 6) < today:
            continue
        country = person.organisation.country
        for month in selectors.new_staff_months(person, today=today):
            if month.state not in ("due", "missed"):
                continue
            values = {"person": person.name, "number": month.number, "date": local_date(month.last_day, country)}
            title = (_("%(person)s had no individual supervision in their month %(number)s as new staff "
                       "(up to %(date)s).") if month.state == "missed"
                     else _("%(person)s needs an individual supervision in their month %(number)s as new staff, "
                            "by %(date)s.")) % values  # fmt: skip
            url = reverse("evaluation:supervisions") + f"?staff={person.pk}"
            result.append(DashboardItem("new_staff_supervision", title, url, month.last_day,
                                        month.state == "missed", person.organisation_id))  # fmt: skip
    return result


def _group_supervision(actor, today: dt.date) -> list[DashboardItem]:
    result = []
    this_month = today.replace(day=1)
    last_month = add_months(this_month, -1)
    for organisation in selectors.evaluator_organisations(actor=actor):
        held = set(
            Meeting.objects.filter(organisation=organisation, kind=c.MeetingKind.GROUP_SUPERVISION,
                                   held_on__gte=last_month, held_on__lte=today)
            .values_list("held_on__year", "held_on__month")
        )  # fmt: skip
        url = reverse("evaluation:meetings")
        if (last_month.year, last_month.month) not in held:
            end = this_month - dt.timedelta(days=1)
            title = _("No group supervision was recorded in %(month)s.") % {"month": f"{end:%Y-%m}"}
            result.append(DashboardItem("group_supervision_missed", title, url, end, True, organisation.pk))
        if (this_month.year, this_month.month) not in held:
            end = add_months(this_month, 1) - dt.timedelta(days=1)
            title = _("This month's group supervision is not recorded yet (%(month)s).") % {"month": f"{end:%Y-%m}"}
            result.append(DashboardItem("group_supervision_due", title, url, end, False, organisation.pk))
    return result


def _own_self_evaluations(actor) -> list[DashboardItem]:
    if not actor.is_authenticated:
        return []
    pending = Evaluation.objects.filter(access.evaluation_reach(actor), staff__user=actor, self_total__isnull=True)
    return [DashboardItem("self_evaluation_due", _("Enter your self-evaluation: %(evaluation)s.") %
                          {"evaluation": f"{e.year} {e.get_kind_display()} {e.period}".strip()},
                          reverse("evaluation:evaluation", args=[e.pk]), None, False, e.organisation_id)
            for e in pending]  # fmt: skip


def _plain(value) -> str:
    return format(value.normalize(), "f")
