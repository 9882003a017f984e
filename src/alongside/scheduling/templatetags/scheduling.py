"""Template helpers of the schedule pages."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

from alongside.documents.service_catalogue import SERVICE_BY_CODE
from alongside.scheduling import recurrence

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """The URL of another app's page, or '' while that app does not define it yet (dispatch is built alongside)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def rule_in_words(plan) -> str:
    return recurrence.in_words(plan.rrule, plan.start_time, plan.duration_minutes)


@register.filter
def service_names(codes) -> str:
    from django.utils.translation import get_language

    chinese = (get_language() or "").startswith("zh")
    names = [
        SERVICE_BY_CODE[code].name_zh if chinese else SERVICE_BY_CODE[code].name_en
        for code in codes or ()
        if code in SERVICE_BY_CODE
    ]
    return "、".join(names) if chinese else ", ".join(names)


@register.filter
def minutes_in_words(minutes: int) -> str:
    return recurrence.duration_in_words(int(minutes or 0))
