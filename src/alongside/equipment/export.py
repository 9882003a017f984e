"""The register as CSV for a spreadsheet: UTF-8 with a BOM (so that Excel reads the Chinese), every cell that
would start a formula neutralised with a leading apostrophe (OWASP's CSV injection advice)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from alongside.core.spreadsheet import safe_text as safe_cell
from alongside.equipment.models import Item


def register_csv(items: Iterable[Item]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            _("Property number"),
            _("Name"),
            _("Category"),
            _("Location"),
            _("Acquired on"),
            _("Cost (NTD)"),
            _("Keeper"),
            _("Status"),
            _("Last maintained on"),
            _("Next maintenance due"),
            _("Retired on"),
            _("Reason for retiring"),
        ]
    )
    for item in items:
        row = [
            item.number,
            item.name,
            item.get_category_display(),
            item.location,
            item.acquired_on,
            item.cost,
            item.keeper.name,
            item.get_status_display(),
            item.last_maintained_on,
            None if item.is_retired else item.next_maintenance_on,
            item.retired_on,
            item.retired_reason,
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def register_filename(organisation_id: int, on: dt.date) -> str:
    return f"equipment-register-{organisation_id}-{on.isoformat()}.csv"
