"""The 20 services of the contract and the needs-change table, as the documents app defines them."""

from __future__ import annotations

from django.utils.translation import get_language

from alongside.documents.service_catalogue import (
    BODY_CARE_ITEMS,
    GROUPS,
    HOUSEHOLD_ITEMS,
    SERVICE_BY_CODE,
    SERVICE_CATALOGUE,
    ServiceItem,
)

__all__ = ["BODY_CARE_ITEMS", "HOUSEHOLD_ITEMS", "SERVICE_BY_CODE", "SERVICE_CATALOGUE", "group_label", "label"]


def label(code: str) -> str:
    """The service's name in the active language (the catalogue carries Chinese and English)."""
    item = SERVICE_BY_CODE.get(code)
    if item is None:
        return code
    return f"{item.number}. {_name(item)}"


def group_label(group: str) -> str:
    words = GROUPS[group]
    return words["zh"] if _chinese() else words["en"]


def _name(item: ServiceItem) -> str:
    return item.name_zh if _chinese() else item.name_en


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")
