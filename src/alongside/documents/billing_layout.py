"""What the monthly-close documents share: fixed creation dates, number formats, labels, long tables.

Built on ``layout.py`` (A4, the vendored Traditional Chinese font). The billing documents differ from the
paper forms in two ways that need helpers of their own:

- their bytes must be identical on every rendering of the same data, so the PDF creation date is a date of
  the document (the issue date, or the first day after the month), never the clock;
- their tables can run to hundreds of lines, so ``Table`` repeats its header row on every page.

Money prints as integer NTD with thousands separators; hours always with two decimals (``2.50``), because
a column of hours is compared digit by digit with the claim.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .layout import Cell, FormPDF, T, Token

TAIPEI = dt.timezone(dt.timedelta(hours=8), "Asia/Taipei")
TABLE_SIZE = 8.5
SMALL_SIZE = 7.0
WEEKDAYS = "一二三四五六日"
CENT = Decimal("0.01")

# Codes the billing services may pass instead of printed words; anything else prints as given.
PROGRAM_LABELS = {
    "tw.disability_homecare": "身心障礙者居家照顧服務",
    "tw.ltc10": "長期照顧十年計畫",
    "tw.ltc2": "長期照顧2.0",
    "self_pay": "自費",
}
# D-06: the level codes are shared, their names are each program's own.
LEVEL_LABELS = {
    "tw.disability_homecare": {"mild": "輕度", "moderate": "中重度", "severe": "極重度"},
    "tw.ltc10": {"mild": "輕度", "moderate": "中度", "severe": "重度"},
}
INCOME_LABELS = {
    "general": "一般戶",
    "mid_low": "中低收入戶",
    "low": "低收入戶",
    "living_allowance": "領有身心障礙者生活補助",
}
# The hour classes of the rules answers (tw.disability_homecare.month, tw.ltc10.month, tw.homecare.self_pay).
TIER_LABELS = {
    "full": "全額補助",
    "partial": "部分補助",
    "subsidised": "補助",
    "self_pay": "自費",
}
TIER_ORDER = ("full", "partial", "subsidised", "self_pay")
REVIEW_LABELS = {"pending": "待審核", "accepted": "核定", "returned": "退回"}
RELATION_LABELS = {"self": "本人", "family": "家屬", "representative": "代理人"}
VIA_LABELS = {"caregiver_device": "照服員手機", "client_page": "案家線上確認", "paper": "紙本簽章"}


def label_of(labels: Mapping[str, str], value: str) -> str:
    return labels.get(value, value)


def level_label(program: str, level: str) -> str:
    return label_of(LEVEL_LABELS.get(program, {}), level)


def ordered_tiers(tiers: Sequence[str]) -> list[str]:
    """Known hour classes in billing order, then any others alphabetically (stable whatever the dict order)."""
    known = [t for t in TIER_ORDER if t in tiers]
    return known + sorted(t for t in tiers if t not in TIER_ORDER)


# ---------------------------------------------------------------- numbers and dates


def money(amount: int) -> str:
    return f"{amount:,}"


def hours2(value: Decimal | None) -> str:
    """Hours with two decimals; '' when there are none (a fee line has no hours)."""
    if value is None:
        return ""
    return str(quantize_hours(value))


def quantize_hours(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def minutes_as_hours(minutes: int) -> Decimal:
    return quantize_hours(Decimal(minutes) / 60)


def roc_month(month: dt.date) -> str:
    return f"民國{month.year - 1911}年{month.month}月"


def day_text(day: dt.date) -> str:
    """``11/03（二）``: the day of the month in a table of one month's visits."""
    return f"{day.month}/{day.day:02d}（{WEEKDAYS[day.weekday()]}）"


def first_day_after(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def created_at(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in Taipei: the fixed creation date written into a document."""
    return dt.datetime.combine(day, dt.time(), TAIPEI)


_CAPITAL_DIGITS = "零壹貳參肆伍陸柒捌玖"
_CAPITAL_SMALL = ((3, "仟"), (2, "佰"), (1, "拾"), (0, ""))
_CAPITAL_BIG = ("", "萬", "億", "兆")


def ntd_capital(amount: int) -> str:
    """An amount in the financial numerals written on Taiwanese receipts: 1260 → 壹仟貳佰陸拾元整."""
    if amount == 0:
        return "零元整"
    sign, amount = ("負", -amount) if amount < 0 else ("", amount)
    groups = []
    while amount:
        amount, group = divmod(amount, 10000)
        groups.append(group)
    if len(groups) > len(_CAPITAL_BIG):
        raise ValueError("amount too large for financial numerals")
    out = ""
    zero_pending = False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or group < 1000):
            out += "零"
        out += _capital_group(group) + _CAPITAL_BIG[index]
        zero_pending = False
    return f"{sign}{out}元整"


def _capital_group(group: int) -> str:
    out = ""
    zero_pending = False
    for power, unit in _CAPITAL_SMALL:
        digit = group // 10**power % 10
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out += "零"
            zero_pending = False
        out += _CAPITAL_DIGITS[digit] + unit
    return out


def check_total(what: str, stated: int | Decimal, computed: int | Decimal) -> None:
    """A document never prints a total that its own lines contradict."""
    if stated != computed:
        raise ValueError(f"{what}: the stated total {stated} differs from the sum of its parts {computed}")


# ---------------------------------------------------------------- pages


def new_billing_form(
    title: str, created: dt.date, header_tokens: Sequence[Token] | None = None, size: float = 9.5
) -> FormPDF:
    """A first page, with the creation date fixed so the same data always gives the same bytes."""
    pdf = FormPDF(title, header_tokens)
    pdf.set_creation_date(created_at(created))
    pdf.set_subject(title)
    pdf.base_size = size
    pdf.add_page()
    return pdf


def section(pdf: FormPDF, title: str) -> None:
    pdf.ensure_space(pdf.line_height() * 4)  # a heading never sits alone at the foot of a page
    pdf.set_y(pdf.get_y() + 1.5)
    pdf.paragraph([T(title, bold=True)], space_after=0.8)


def small_print(pdf: FormPDF, tokens: Sequence[Token]) -> None:
    with pdf.local_context(text_color=(90, 90, 90)):
        pdf.paragraph(tokens, size=SMALL_SIZE)


def info_block(pdf: FormPDF, pairs: Sequence[tuple[str, str]], label_w: float = 24.0) -> None:
    """Label/value pairs, two to a row (the header block of a statement or claim)."""
    value_w = (pdf.inner_width - 2 * label_w) / 2
    for n in range(0, len(pairs), 2):
        cells: list[Cell] = []
        for name, value in pairs[n : n + 2]:
            cells += [Cell(label_w, [T(name, bold=True)], align="C", fill=True), Cell(value_w, [T(value)])]
        if len(cells) == 2:
            cells[-1] = Cell(pdf.inner_width - label_w, cells[-1].tokens)
        pdf.row(cells, min_h=7.5)


@dataclass(frozen=True)
class Column:
    label: str
    share: float  # relative width; the table fills the page width
    align: str = "L"


class Table:
    """A bordered table whose header row is drawn again at the top of every page it runs onto."""

    def __init__(
        self, pdf: FormPDF, columns: Sequence[Column], size: float = TABLE_SIZE, width: float | None = None
    ) -> None:
        self.pdf = pdf
        self.columns = list(columns)
        self.size = size
        total = sum(c.share for c in self.columns)
        self.widths = [(width or pdf.inner_width) * c.share / total for c in self.columns]
        self._header_cells = [
            Cell(w, [T(c.label, bold=True)], align="C", fill=True, size=size)
            for c, w in zip(self.columns, self.widths, strict=True)
        ]

    def header(self) -> None:
        rows_after = self.pdf.line_height(self.size) + 2.6  # the header never ends a page without a row
        self.pdf.ensure_space(self._height(self._header_cells) + rows_after)
        self.pdf.row(self._header_cells)

    def add(self, values: Sequence[str], *, bold: bool = False, fill: bool = False) -> None:
        cells = [
            Cell(w, [T(v, bold=bold)], align=c.align, fill=fill, size=self.size)
            for c, w, v in zip(self.columns, self.widths, values, strict=True)
        ]
        height = self._height(cells)
        if self.pdf.get_y() + height > self.pdf.bottom:
            self.pdf.add_page()
            self.pdf.set_y(self.pdf.get_y() + 1.5)  # clear of the page's running header
            self.header()
        self.pdf.row(cells, min_h=height)

    def _height(self, cells: Sequence[Cell]) -> float:
        return max(self.pdf.measure_cell(c) for c in cells)
