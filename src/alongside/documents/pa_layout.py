"""What the Sapporo PA papers share: Japanese page furniture, Japanese dates, a fixed creation date.

Built on ``layout.py`` and ``billing_layout.py`` (A4, the vendored Noto Sans CJK font, which carries kana and
the ideographs of these forms). Like the billing documents, the same data always gives the same bytes: the
creation date written into the PDF is a date of the claim (the day it was sent), never the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from .billing_layout import SMALL_SIZE
from .layout import FAMILY, FormPDF, T, Token

TOKYO = dt.timezone(dt.timedelta(hours=9), "Asia/Tokyo")
WEEKDAYS_JA = "月火水木金土日"
CENT = Decimal("0.01")
# Japanese eras from the first day of each (the program began in 2010, so two are enough).
ERAS = ((dt.date(2019, 5, 1), "令和", 2018), (dt.date(1989, 1, 8), "平成", 1988))


class PaFormPDF(FormPDF):
    """A form in Japanese: the footer reads ``実績記録票　1／2 ページ``."""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(110)
        self.cell(0, 4, f"{self.form_title}　{self.page_no()}／{{nb}} ページ", align="C")
        self.set_text_color(0)
        self.set_font(FAMILY, "", self.base_size)


def new_pa_form(title: str, created: dt.date, header_tokens: Sequence[Token] | None = None,
                size: float = 9.5) -> PaFormPDF:
    """A first page with the creation date fixed (midnight in Tokyo of ``created``)."""
    pdf = PaFormPDF(title, header_tokens)
    pdf.set_lang("ja")
    pdf.set_creation_date(dt.datetime.combine(created, dt.time(), TOKYO))
    pdf.set_subject(title)
    pdf.base_size = size
    pdf.add_page()
    return pdf


def era_year(day: dt.date) -> str:
    """``令和7年`` for 2025; the Gregorian year before the Heisei era."""
    for start, name, offset in ERAS:
        if day >= start:
            year = day.year - offset
            return f"{name}{'元' if year == 1 else year}年"
    return f"{day.year}年"


def month_ja(month: dt.date) -> str:
    """``令和7年（2025年）6月``."""
    return f"{era_year(month)}（{month.year}年）{month.month}月"


def date_ja(day: dt.date | None) -> str:
    """``令和7年7月7日``; '' for no date."""
    if day is None:
        return ""
    return f"{era_year(day)}{day.month}月{day.day}日"


def day_ja(day: dt.date) -> str:
    """``6/03（火）``: a day of the month in a table of one month."""
    return f"{day.month}/{day.day:02d}（{WEEKDAYS_JA[day.weekday()]}）"


def yen(amount: int) -> str:
    return f"{amount:,}円"


def hours_of(minutes: int) -> str:
    """Minutes as hours with two decimals (``2.50``); '' for none."""
    if not minutes:
        return ""
    return str((Decimal(minutes) / 60).quantize(CENT, rounding=ROUND_HALF_UP))


def note(pdf: FormPDF, text: str) -> None:
    with pdf.local_context(text_color=(90, 90, 90)):
        pdf.paragraph([T(text)], size=SMALL_SIZE)


def stamp_box(pdf: FormPDF, labels: Sequence[str], width: float = 28.0, height: float = 18.0) -> None:
    """Empty boxes at the right for seals (印) or the centre's check, with their labels above."""
    x = pdf.l_margin + pdf.inner_width - width * len(labels)
    y = pdf.get_y() + 2
    pdf.ensure_space(height + 8)
    for n, label in enumerate(labels):
        left = x + n * width
        pdf.rect(left, y, width, 6)
        pdf.rect(left, y + 6, width, height)
        pdf.draw_lines(pdf.layout([T(label)], width - 2, SMALL_SIZE), left + 1, y + 0.8, width - 2, SMALL_SIZE, "C")
    pdf.set_y(y + 6 + height + 2)
