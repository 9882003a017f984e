"""個案結案表 — case closure form (seed 004, appendix; 11 reasons, reason 7 with sub-reason A/B/C)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .layout import Blank, Box, Br, Cell, Gap, T, case_header, label, new_form, options, roc_date

TITLE = "個案結案表"

SEX = (("M", "男"), ("F", "女"))

CLOSURE_REASONS: dict[int, str] = {
    1: "個案死亡。",
    2: "進入安養護機構達一個月以上。",
    3: "暫停服務超過二個月。",
    4: "案家雇用外勞照顧。",
    5: "案主遷出機構服務區域。",
    6: "自我照顧能力已改善以致於不符合補助標準。",
    7: "個案要求(案主/案家主動申請終止服務，原因",
    8: "個案缺乏求助意願甚至不願意合作(案主違反居家服務使用須知，經協調處理後仍無法改善者)。",
    9: "案主親友自行照顧。",
    10: "案主失聯達一個月以上。",
    11: "其它原因",
}
REASON7_SUBREASONS: dict[str, str] = {"A": "不願等候", "B": "費用問題", "C": "服務未能符合需求"}


@dataclass(frozen=True)
class ClosureData:
    case_no: str | None = None
    client_name: str | None = None
    sex: str | None = None  # "M" | "F"
    filled_on: dt.date | None = None
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    service_from: dt.date | None = None
    service_to: dt.date | None = None
    home_visits: str | None = None  # 訪視會談
    phone_contacts: str | None = None  # 電話聯繫
    referrals: str | None = None  # 轉介
    other_contacts: str | None = None  # 其它
    summary: str | None = None  # 重要事項概要說明
    reason: int | None = None  # 1..11
    reason7_sub: str | None = None  # "A" | "B" | "C"
    reason_other: str | None = None  # text for reason 11
    follow_up: str | None = None  # 後續追蹤
    supervisor: str | None = None
    social_worker: str | None = None
    manager: str | None = None

    def __post_init__(self) -> None:
        if self.reason is not None and self.reason not in CLOSURE_REASONS:
            raise ValueError(f"reason must be 1..11, not {self.reason!r}")
        if self.reason7_sub is not None and self.reason7_sub not in REASON7_SUBREASONS:
            raise ValueError(f"reason7_sub must be A, B or C, not {self.reason7_sub!r}")
        if self.sex is not None and self.sex not in dict(SEX):
            raise ValueError(f"sex must be M or F, not {self.sex!r}")


def render_closure(data: ClosureData) -> bytes:
    pdf = new_form(TITLE, case_header(data.case_no, data.client_name))
    pdf.title_block(TITLE)
    pdf.paragraph([T("填表日期："), *roc_date(data.filled_on, prefix="")], align="R")
    W = pdf.inner_width
    c1, c2, c3 = 26.0, 72.0, 26.0
    c4 = W - c1 - c2 - c3
    pdf.row(
        [
            label(c1, "案　號"),
            Cell(c2, [T(data.case_no or "")]),
            label(c3, "個案姓名"),
            Cell(c4 - 44, [T(data.client_name or "")]),
            label(16, "性別"),
            Cell(28, options(SEX, data.sex)),
        ],
        min_h=9,
    )
    pdf.row(
        [
            label(c1, "開案日期"),
            Cell(c2, roc_date(data.opened_on, prefix="")),
            label(c3, "結案日期"),
            Cell(c4, roc_date(data.closed_on, prefix="")),
        ],
        min_h=9,
    )
    left = c1 + c2
    pdf.row(
        [
            Cell(
                left,
                [
                    T("服務紀錄："),
                    *roc_date(data.service_from, prefix="", widths=(7, 5, 5)),
                    T("至"),
                    *roc_date(data.service_to, prefix="", widths=(7, 5, 5)),
                ],
            ),
            label(W - left, "重要事項概要說明"),
        ],
        min_h=9,
    )
    y0 = pdf.get_y()
    lh = pdf.line_height()
    rows = [
        ("訪視會談：", data.home_visits),
        ("電話聯繫：", data.phone_contacts),
        ("轉　　介：", data.referrals),
        ("其　　它：", data.other_contacts),
    ]
    for head, value in rows:
        pdf.row([Cell(left, [T(head), Blank(value, left - 28)])], min_h=lh * 2 + 2)
    y1 = pdf.get_y()
    summary = Cell(W - left, [T(data.summary or "")], valign="T")
    pdf.rect(pdf.l_margin + left, y0, W - left, y1 - y0)
    lines = pdf.layout(summary.tokens, W - left - 2.6, summary.size)
    pdf.draw_lines(lines, pdf.l_margin + left + 1.3, y0 + 1.3, W - left - 2.6, summary.size)

    reason_tokens: list = [T("結案原因：", bold=True), Br()]
    for n, wording in CLOSURE_REASONS.items():
        reason_tokens += [Box(data.reason == n), T(f"{n}.{wording}")]
        if n == 7:
            for code, sub in REASON7_SUBREASONS.items():
                sel = data.reason == 7 and data.reason7_sub == code
                reason_tokens += [Gap(1), Box(sel), T(f"{code}.{sub}")]
            reason_tokens.append(T(")。"))
        if n == 11:
            reason_tokens += [Gap(1), Blank(data.reason_other if data.reason == 11 else None, 80), T("。")]
        reason_tokens.append(Br())
    pdf.row([Cell(W, reason_tokens, valign="T")])
    pdf.row([Cell(W, [T("後續追蹤：", bold=True), Br(), T(data.follow_up or "")], valign="T")], min_h=28)
    pdf.signatures([data.supervisor, data.social_worker, data.manager])
    return pdf.bytes()
