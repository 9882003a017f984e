"""居家照顧服務需求異動表 — needs-change table (seed 004, appendix).

Rows: the 20 service items (1-7 household, 8-20 body care) then the two signature rows;
columns: one per change date (異動日期), ticks for the services in force from that date.
Eleven date columns fit a page, like the paper form; more columns continue on further pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .layout import Box, Cell, T, case_header, label, new_form
from .service_catalogue import BODY_CARE_ITEMS, HOUSEHOLD_ITEMS, check_codes

TITLE = "居家照顧服務需求異動表"
COLUMNS_PER_PAGE = 11


@dataclass(frozen=True)
class NeedsChangeColumn:
    date: dt.date | None = None
    services: frozenset[str] = frozenset()  # service_catalogue codes ticked from this date
    care_worker: str | None = None  # 照服員簽章
    supervisor: str | None = None  # 居服督導員簽章

    def __post_init__(self) -> None:
        object.__setattr__(self, "services", check_codes(self.services))


@dataclass(frozen=True)
class NeedsChangeData:
    case_no: str | None = None
    client_name: str | None = None
    columns: tuple[NeedsChangeColumn, ...] = field(default_factory=tuple)


def _roc_short(d: dt.date | None) -> str:
    return "" if d is None else f"{d.year - 1911}\n{d.month}/{d.day}"


def render_needs_change(data: NeedsChangeData) -> bytes:
    pdf = new_form(TITLE, case_header(data.case_no, data.client_name))
    cols = list(data.columns)
    pages = [cols[i : i + COLUMNS_PER_PAGE] for i in range(0, len(cols), COLUMNS_PER_PAGE)] or [[]]
    W = pdf.inner_width
    name_w = 44.0
    col_w = (W - name_w) / COLUMNS_PER_PAGE
    small = 8.5
    for n, page_cols in enumerate(pages):
        if n:
            pdf.add_page()
        pdf.title_block(TITLE, size=16)
        page_cols = page_cols + [NeedsChangeColumn()] * (COLUMNS_PER_PAGE - len(page_cols))
        pdf.row([label(name_w, "服務需求項目", size=small), label(W - name_w, "日期(異動日期)", size=small)], min_h=6)
        pdf.row(
            [
                label(name_w, "", size=small),
                *[Cell(col_w, [T(_roc_short(c.date), size=7.5)], align="C", size=7.5) for c in page_cols],
            ],
            min_h=7,
        )

        for group_title, items in (("一、家務服務", HOUSEHOLD_ITEMS), ("二、身體照顧服務", BODY_CARE_ITEMS)):
            pdf.row(
                [
                    Cell(name_w, [T(group_title, bold=True)], fill=True, size=small),
                    *[Cell(col_w, [], fill=True) for _ in page_cols],
                ],
                min_h=6,
            )
            for item in items:
                cells = [Cell(name_w, [T(f"{item.number}.{item.name_zh}", size=small)], size=small)]
                for c in page_cols:
                    cells.append(Cell(col_w, [Box(True)] if item.code in c.services else [], align="C", size=10))
                pdf.row(cells, min_h=7.4)
        for head, attr in (("照服員簽章", "care_worker"), ("居服督導員簽章", "supervisor")):
            pdf.row(
                [
                    label(name_w, head, size=small),
                    *[Cell(col_w, [T(getattr(c, attr) or "", size=7.5)], align="C", size=7.5) for c in page_cols],
                ],
                min_h=12,
            )
        pdf.set_y(pdf.get_y() + 2)
        pdf.paragraph([T("※請不定時檢視個案之居家照顧服務需求", size=9)], size=9, space_after=0)
        pdf.paragraph([T("※若遇服務需求有異動，請與案主或家屬溝通後知會照顧服務員", size=9)], size=9)
    return pdf.bytes()
