"""A caregiver's private iCalendar feed (RFC 5545): one VEVENT per visit.

PRIVACY: calendar apps sync subscribed feeds to third-party servers (Google, Apple, Microsoft). The feed therefore
carries only what a caregiver needs to find the day's work: the client's family name or first name with the rest
masked, and the area (county and township), never the street address, a national ID, a phone number, diagnoses or
notes. The full details are on the schedule page behind the caregiver's sign-in.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alongside.documents.service_catalogue import SERVICE_BY_CODE
from alongside.scheduling import choices as c
from alongside.scheduling.models import Visit

MAX_OCTETS = 75
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
AREA = re.compile(r"^(?P<county>\D{1,4}?[縣市都道府県])?(?P<town>\D{1,4}?[鄉鎮市區町村])")


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    pieces, current, size, limit = [], "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # continuation lines start with one space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def masked_name(name: str) -> str:
    """'林阿嬤' → '林○○'; 'Mary Smith' → 'Mary S.'. Enough to recognise on one's own schedule, no more."""
    name = (name or "").strip()
    if not name:
        return ""
    if CJK.match(name):
        return name[0] + "○" * (len(name) - 1)
    words = name.split()
    return words[0] if len(words) == 1 else f"{words[0]} {words[-1][0]}."


def area_of(address: str) -> str:
    """The county and township of a Taiwanese or Japanese address ('540南投縣埔里鎮…' → '南投縣埔里鎮')."""
    found = AREA.match(re.sub(r"^[\d\s〒-]+", "", address or ""))
    return found.group(0) if found else ""


def services_in_words(codes) -> str:
    """Service names in the caregiver's language (Chinese names for Chinese, English otherwise)."""
    chinese = (get_language() or "").startswith("zh")
    items = [SERVICE_BY_CODE[code] for code in codes if code in SERVICE_BY_CODE]
    return _(", ").join(item.name_zh if chinese else item.name_en for item in items)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(visit: Visit, *, host: str) -> list[str]:
    client = masked_name(visit.client.name)
    summary = _("Home care visit: %(client)s") % {"client": client}
    if visit.status == c.VisitStatus.CANCELLED:
        summary = _("Cancelled: home care visit: %(client)s") % {"client": client}
    description = _("Services: %(services)s") % {"services": services_in_words(visit.service_codes) or "—"}
    lines = [
        "BEGIN:VEVENT",
        f"UID:visit-{visit.pk}@{host}",
        f"SEQUENCE:{visit.version}",
        f"DTSTAMP:{_utc(visit.updated_at)}",
        f"LAST-MODIFIED:{_utc(visit.updated_at)}",
        f"DTSTART:{_utc(visit.starts_at)}",
        f"DTEND:{_utc(visit.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        f"STATUS:{'CANCELLED' if visit.status == c.VisitStatus.CANCELLED else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "CLASS:PRIVATE",
    ]
    area = area_of(visit.client.residence_address)
    if area:
        lines.insert(8, f"LOCATION:{escape(area)}")
    return [*lines, "END:VEVENT"]


def calendar(visits, *, name: str, host: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Alongside//Schedule//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for visit in visits:
        lines += event_lines(visit, host=host)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
