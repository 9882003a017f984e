"""The figures as people read them: labelled tables for the page, and the same table as CSV and XLSX.

CSV: UTF-8 with a byte-order mark and CRLF line ends (Excel on Windows shows the Chinese without an import
dialogue). Every text cell that a spreadsheet would take for a formula (a leading = + - @, tab or return) gets an
apostrophe first. XLSX: the same rows on one sheet, numbers as numeric cells.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from alongside.cases.choices import ClosureReason, Level, Program
from alongside.core.spreadsheet import safe_text
from alongside.people.choices import WelfareStatus


def program_label(code: str) -> str:
    return str(dict(Program.choices).get(code, code)) if code else _("No case with a program")


def level_label(code: str) -> str:
    return str(dict(Level.choices).get(code, code)) if code else "—"


def income_label(code: str) -> str:
    return str(dict(WelfareStatus.choices).get(code, code)) if code else _("Not recorded")


def reason_label(code: str) -> str:
    return str(dict(ClosureReason.choices).get(code, code)) if code else _("No reason recorded")


def labelled(counts: dict, label) -> list[tuple[str, int | str]]:
    return [(label(code), value) for code, value in counts.items()]


def service_rows(data: dict) -> list[dict]:
    return [
        {**row, "program_label": program_label(row["program"]), "level_label": level_label(row["level"]),
         "income_label": income_label(row["income"])}
        for row in data["service"]["rows"]
    ]  # fmt: skip


def _count_labels() -> dict[str, str]:
    """Labels of the keys the complaints and incidents apps count under, with their choices' labels."""
    from alongside.complaints.choices import Channel
    from alongside.fieldwork.choices import IncidentKind

    labels = {
        "received": _("Received in the month"), "closed": _("Closed in the month"),
        "open": _("Still open at the end of the month"), "total": _("Total"),
    }  # fmt: skip
    labels.update({f"by_channel.{code}": _("Received: %(channel)s") % {"channel": label}
                   for code, label in Channel.choices})  # fmt: skip
    labels.update({f"by_kind.{code}": str(label) for code, label in IncidentKind.choices})
    return labels


def count_items(counts: dict | None) -> list[tuple[str, object]]:
    """An app's complaint or incident counts as (label, value) lines; nested dicts give one line per entry."""
    if counts is None:
        return []
    labels = _count_labels()
    lines = []
    for key, value in counts.items():
        if isinstance(value, dict):
            lines += [(labels.get(f"{key}.{sub}", f"{key}: {sub}"), inner) for sub, inner in value.items()]
        else:
            lines.append((labels.get(str(key), str(key)), value))
    return lines


# --- the downloads ------------------------------------------------------------------------------------------------


def safe_cell(value):
    """Numbers stay numbers; text that would start a formula gets an apostrophe first (OWASP CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | Decimal):
        return value
    return safe_text(value)


def table(data: dict, *, submitted=None) -> list[list]:
    """The report as rows: particulars, then one block per part (a heading row, a header row, the lines)."""
    service = data["service"]
    workforce = data["workforce"]
    rows: list[list] = [
        [_("Monthly statistics report"), data["organisation"]["name"]],
        [_("Month"), data["month"]],
        [_("Due on"), data["due_on"]],
        [_("Submitted at"), submitted.submitted_at.isoformat(timespec="minutes") if submitted else _("Not submitted")],
        [_("Figures from"), _("the closed month's statements") if data["billing"]["closed"]
         else _("confirmed visits (the month is not closed: no amounts yet)")],
        [],
        [_("Clients served")],
        [_("Program"), _("Level"), _("Household income"), _("Clients"), _("Visits"), _("Hours"),
         _("Service total (NTD)"), _("Government (NTD)"), _("Clients' share (NTD)")],
    ]  # fmt: skip
    for row in service_rows(data):
        rows.append([
            row["program_label"], row["level_label"], row["income_label"], row["clients"], row["visits"],
            Decimal(row["hours"]), row.get("service_total"), row.get("government"), row.get("user_share"),
        ])  # fmt: skip
    totals = service["totals"]
    rows.append([_("Total"), "", "", totals["clients"], totals["visits"], Decimal(totals["hours"]),
                 totals.get("service_total"), totals.get("government"), totals.get("user_share")])  # fmt: skip
    rows += [[], [_("Cases")], [_("New cases"), data["cases"]["new"]]]
    rows += [[_("New: %(program)s") % {"program": label}, n] for label, n in
             labelled(data["cases"]["new_by_program"], program_label)]  # fmt: skip
    rows.append([_("Closed cases"), data["cases"]["closed"]])
    rows += [[_("Closed: %(reason)s") % {"reason": label}, n] for label, n in
             labelled(data["cases"]["closed_by_reason"], reason_label)]  # fmt: skip
    rows += [
        [],
        [_("Staff")],
        [_("Caregivers"), workforce["caregivers"]],
        [_("Supervisors"), workforce["supervisors"]],
        [_("Open cases at the end of the month"), workforce["caseload"]],
        [_("Supervisors required (1 per 60 cases, DP-10)"), workforce["required"]],
    ]
    for name, heading in (("complaints", _("Complaints")), ("incidents", _("Incidents"))):
        rows += [[], [heading]]
        counts = data.get(name)
        if counts is None:
            rows.append([_("Not available")])
        else:
            rows += [[label, value] for label, value in count_items(counts)]
    if data["claims"]:
        header = [_("Claim number"), _("Program"), _("Status"), _("Total (NTD)"), _("Accepted (NTD)")]
        rows += [[], [_("Claims")], header]
        rows += [[c["number"], program_label(c["program"]), c["status"], c["total"], c["accepted_total"]]
                 for c in data["claims"]]  # fmt: skip
    return rows


def filename(data: dict, extension: str) -> str:
    return f"statistics-{data['organisation']['id']}-{data['month']}.{extension}"


def as_csv(data: dict, *, submitted=None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in table(data, submitted=submitted):
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(data: dict, *, submitted=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Statistics")[:31]
    bold = Font(bold=True)
    for row in table(data, submitted=submitted):
        sheet.append([safe_cell(cell) for cell in row])
        if len(row) == 1:
            sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.column_dimensions["A"].width = 40
    for letter in "BCDEFGHI":
        sheet.column_dimensions[letter].width = 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
