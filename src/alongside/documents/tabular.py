"""The monthly close as spreadsheets: the claim, all statements and the caregivers' pay, as CSV and XLSX.

Choices, for the people who open these files:

- CSV is UTF-8 with a byte-order mark and CRLF line ends, so Excel on Windows (what a county clerk or a
  payroll office opens it with) shows the Chinese correctly without an import dialogue.
- The header row is one row of Traditional Chinese labels (``請領時數``): that is what the clerk reads.
  Each column also has a stable English key (``hours``), defined in the ``*_COLUMNS`` tuples below; programs
  map labels to keys with those tuples instead of parsing the Chinese. A second header row of keys was
  rejected because Excel's filters and sorting treat it as data.
- The last row is the totals row, its first cell ``合計``; columns whose sum means nothing (approved hours of
  different clients, an hourly wage) are empty there.
- Money is integer NTD; hours are decimals with two places (``2.50``). The pay export keeps minutes exact
  (pay is computed from them: floor(minutes × wage / 60)); its hours column is for reading and its total is
  the total minutes in hours, which may differ by 0.01 from the sum of the rounded lines.
- The XLSX has the same table on its first sheet (numbers as numeric cells, header frozen) and the document's
  particulars (number, agency, month) on a second sheet ``資訊``.
- Bytes are deterministic: the workbook's created/modified properties and every zip entry's timestamp are a
  date of the document (the claim's submission date, or the first day after the month), never the clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from .billing_data import ClaimDoc, PayDoc, StatementDoc
from .billing_layout import (
    INCOME_LABELS,
    PROGRAM_LABELS,
    REVIEW_LABELS,
    TIER_LABELS,
    check_total,
    created_at,
    first_day_after,
    label_of,
    level_label,
    minutes_as_hours,
    ordered_tiers,
    quantize_hours,
    roc_month,
)
from .statement import check_statement

TOTAL_LABEL = "合計"
TEXT, INT, HOURS = "text", "int", "hours"
Value = str | int | Decimal | None


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    kind: str = TEXT
    width: float = 12


@dataclass(frozen=True)
class Sheet:
    """One table as both CSV and XLSX: header, lines, totals row, and the document's particulars."""

    title: str
    sheet_name: str
    columns: tuple[Col, ...]
    rows: list[list[Value]]
    totals: list[Value]
    particulars: list[tuple[str, str]]
    dated: dt.date


CLAIM_COLUMNS = (
    Col("position", "序號", INT, 7),
    Col("kind", "項目代碼", TEXT, 16),
    Col("kind_label", "項目", TEXT, 14),
    Col("client_name", "個案姓名", TEXT, 12),
    Col("case_number", "案號", TEXT, 16),
    Col("approved_hours", "核定時數", HOURS, 10),
    Col("hours", "請領時數", HOURS, 10),
    Col("amount", "金額", INT, 11),
    Col("description", "說明", TEXT, 30),
    Col("review", "審核結果", TEXT, 10),
    Col("review_reason", "退回原因", TEXT, 24),
)
STATEMENT_COLUMNS_HEAD = (
    Col("month", "服務月份", TEXT, 10),
    Col("client_name", "個案姓名", TEXT, 12),
    Col("case_number", "案號", TEXT, 16),
    Col("program", "補助方案", TEXT, 20),
    Col("level", "核定等級", TEXT, 9),
    Col("income", "福利身分", TEXT, 12),
    Col("approved_hours", "核定時數", HOURS, 10),
    Col("visits", "服務次數", INT, 9),
    Col("hours", "服務時數", HOURS, 10),
)
STATEMENT_COLUMNS_TAIL = (
    Col("service_total", "服務費用", INT, 11),
    Col("government", "政府補助", INT, 11),
    Col("user_share", "案主負擔", INT, 11),
    Col("cancellation_fees", "取消及未遇費用", INT, 13),
    Col("adjustments", "前期調整", INT, 11),
    Col("amount_due", "應繳金額", INT, 11),
)
PAY_COLUMNS = (
    Col("caregiver", "照顧服務員", TEXT, 14),
    Col("visits", "服務次數", INT, 9),
    Col("service_minutes", "服務時間（分）", INT, 13),
    Col("travel_minutes", "交通時間（分）", INT, 13),
    Col("cancelled_minutes", "取消時間（分）", INT, 13),
    Col("working_minutes", "工時合計（分）", INT, 13),
    Col("working_hours", "工時合計（時）", HOURS, 13),
    Col("hourly_wage", "時薪", INT, 8),
    Col("pay", "薪資", INT, 11),
)


# ---------------------------------------------------------------- public renderers


def claim_csv(doc: ClaimDoc) -> bytes:
    return to_csv(claim_sheet(doc))


def claim_xlsx(doc: ClaimDoc) -> bytes:
    return to_xlsx(claim_sheet(doc))


def statements_csv(docs: Sequence[StatementDoc]) -> bytes:
    return to_csv(statements_sheet(docs))


def statements_xlsx(docs: Sequence[StatementDoc]) -> bytes:
    return to_xlsx(statements_sheet(docs))


def pay_csv(doc: PayDoc) -> bytes:
    return to_csv(pay_sheet(doc))


def pay_xlsx(doc: PayDoc) -> bytes:
    return to_xlsx(pay_sheet(doc))


# ---------------------------------------------------------------- the tables


def claim_sheet(doc: ClaimDoc) -> Sheet:
    check_total(f"claim {doc.number}", doc.total, sum(line.amount for line in doc.lines))
    rows: list[list[Value]] = [
        [
            line.position,
            line.kind,
            line.kind_label,
            line.client_name,
            line.case_number,
            line.approved_hours,
            line.hours,
            line.amount,
            line.description,
            label_of(REVIEW_LABELS, line.review),
            line.review_reason,
        ]
        for line in doc.lines
    ]
    totals = _sum_row(CLAIM_COLUMNS, rows, skip={"position", "approved_hours"})
    return Sheet(
        title=f"居家服務補助經費請領清冊 {doc.number}",
        sheet_name="請領清冊",
        columns=CLAIM_COLUMNS,
        rows=rows,
        totals=totals,
        particulars=[
            ("請領編號", doc.number),
            ("申請單位", doc.agency.name),
            ("聯絡電話", doc.agency.phone),
            ("補助方案", doc.program_label),
            ("受理縣市", doc.county_label),
            ("服務月份", roc_month(doc.month)),
            ("申請日期", doc.submitted_on.isoformat()),
            ("請領總額", str(doc.total)),
        ],
        dated=doc.submitted_on,
    )


def statements_sheet(docs: Sequence[StatementDoc]) -> Sheet:
    tiers = ordered_tiers(sorted({tier for doc in docs for tier in doc.hours_by_tier}))
    tier_columns = tuple(Col(f"hours_{t}", f"{label_of(TIER_LABELS, t)}時數", HOURS, 11) for t in tiers)
    columns = STATEMENT_COLUMNS_HEAD + tier_columns + STATEMENT_COLUMNS_TAIL
    rows = [_statement_row(doc, tiers) for doc in docs]
    totals = _sum_row(columns, rows, skip={"approved_hours"})
    months = sorted({doc.month for doc in docs})
    agency = docs[0].agency if docs else None
    return Sheet(
        title="居家服務月結單總表",
        sheet_name="月結單",
        columns=columns,
        rows=rows,
        totals=totals,
        particulars=[
            ("服務單位", agency.name if agency else ""),
            ("服務月份", "、".join(roc_month(m) for m in months)),
            ("月結單數", str(len(docs))),
        ],
        dated=max((doc.issued_on for doc in docs), default=dt.date(1980, 1, 1)),
    )


def _statement_row(doc: StatementDoc, tiers: list[str]) -> list[Value]:
    check_statement(doc)
    fees = sum(fee for _, _, fee in doc.cancellation_fees)
    adjustments = sum(amount for _, amount in doc.adjustments)
    return [
        f"{doc.month:%Y-%m}",
        doc.client_name,
        doc.case_number,
        label_of(PROGRAM_LABELS, doc.program),
        level_label(doc.program, doc.level),
        label_of(INCOME_LABELS, doc.income),
        doc.approved_hours,
        len(doc.lines),
        sum((line.hours for line in doc.lines), start=Decimal(0)),
        *(doc.hours_by_tier.get(t, Decimal(0)) for t in tiers),
        doc.service_total,
        doc.government,
        doc.user_share,
        fees,
        adjustments,
        doc.amount_due,
    ]


def pay_sheet(doc: PayDoc) -> Sheet:
    rows: list[list[Value]] = []
    for line in doc.lines:
        minutes = line.service_minutes + line.travel_minutes + line.cancelled_minutes
        rows.append(
            [
                line.caregiver,
                line.visits,
                line.service_minutes,
                line.travel_minutes,
                line.cancelled_minutes,
                minutes,
                minutes_as_hours(minutes),
                line.hourly_wage,
                line.pay,
            ]
        )
    totals = _sum_row(PAY_COLUMNS, rows, skip={"working_hours", "hourly_wage"})
    total_minutes = totals[_index(PAY_COLUMNS, "working_minutes")]
    totals[_index(PAY_COLUMNS, "working_hours")] = minutes_as_hours(int(total_minutes or 0))
    return Sheet(
        title="照顧服務員工時及薪資",
        sheet_name="工時薪資",
        columns=PAY_COLUMNS,
        rows=rows,
        totals=totals,
        particulars=[
            ("服務單位", doc.agency.name),
            ("服務月份", roc_month(doc.month)),
            ("說明", "交通時間及取消時間均計入工作時間；薪資 = 工時合計（分）× 時薪 ÷ 60，元以下捨去。"),
        ],
        dated=first_day_after(doc.month),
    )


def _index(columns: Sequence[Col], key: str) -> int:
    return next(n for n, c in enumerate(columns) if c.key == key)


def _sum_row(columns: Sequence[Col], rows: list[list[Value]], skip: set[str]) -> list[Value]:
    """The totals row: ``合計`` first, then the sum of every numeric column not in ``skip``."""
    totals: list[Value] = []
    for index, col in enumerate(columns):
        if col.kind == TEXT or col.key in skip:
            totals.append(None)
        elif col.kind == INT:
            totals.append(sum(int(row[index] or 0) for row in rows))
        else:
            totals.append(sum((Decimal(row[index] or 0) for row in rows), start=Decimal(0)))
    totals[0] = TOTAL_LABEL
    return totals


# ---------------------------------------------------------------- writers


# A text cell starting with one of these would be read as a formula by a spreadsheet program (a client named
# '=HYPERLINK(...)'): it gets an apostrophe first, as core.spreadsheet.safe_text does (documents stays pure).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell_text(value: Value, kind: str) -> str:
    if value is None:
        return ""
    if kind == HOURS and isinstance(value, Decimal | int):
        return str(quantize_hours(Decimal(value)))
    return _safe_text(str(value)) if isinstance(value, str) else str(value)


def to_csv(sheet: Sheet) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.label for c in sheet.columns])
    for row in [*sheet.rows, sheet.totals]:
        writer.writerow([_cell_text(v, c.kind) for v, c in zip(row, sheet.columns, strict=True)])
    return out.getvalue().encode("utf-8-sig")


BOLD = Font(bold=True)
SHADE = PatternFill("solid", fgColor="EBEBEB")
NUMBER_FORMATS = {INT: "#,##0", HOURS: "0.00"}


def to_xlsx(sheet: Sheet) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.sheet_name
    ws.append([c.label for c in sheet.columns])
    for row in [*sheet.rows, sheet.totals]:
        ws.append([_xlsx_value(v, c.kind) for v, c in zip(row, sheet.columns, strict=True)])
    for index, col in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = col.width
        if col.kind in NUMBER_FORMATS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMATS[col.kind]
    for cell in (*ws[1], *ws[ws.max_row]):
        cell.font = BOLD
        cell.fill = SHADE
    ws.freeze_panes = "A2"
    info = wb.create_sheet("資訊")
    info.append(["文件", sheet.title])
    for name, value in sheet.particulars:
        info.append([name, _safe_text(value) if isinstance(value, str) else value])
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 60
    return _fixed_time_xlsx(wb, sheet.title, sheet.dated)


def _xlsx_value(value: Value, kind: str) -> Value:
    if kind == HOURS and isinstance(value, Decimal | int):
        return quantize_hours(Decimal(value))
    return _safe_text(value) if isinstance(value, str) else value


def _fixed_time_xlsx(wb: Workbook, title: str, day: dt.date) -> bytes:
    """Save, then rewrite the zip so the properties and every entry carry ``day`` instead of the clock.

    openpyxl stamps ``modified`` with the time of saving and zipfile stamps each entry with the clock; both
    would make two renderings of the same close differ.
    """
    stamp = created_at(day).astimezone(dt.UTC).replace(tzinfo=None)  # openpyxl stores naive UTC
    wb.properties.title = title
    wb.properties.creator = "Alongside"
    wb.properties.created = stamp
    raw = io.BytesIO()
    wb.save(raw)
    wb.properties.modified = stamp
    core = tostring(wb.properties.to_tree())
    out = io.BytesIO()
    date_time = (day.year, day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            data = core if entry.filename == ARC_CORE else src.read(entry)
            fixed = zipfile.ZipInfo(entry.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)
    return out.getvalue()
