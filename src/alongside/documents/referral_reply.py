"""個案轉介回覆單 — the receiving organisation's reply to a referral (seed 004, appendix)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .layout import Cell, T, label, new_form, roc_date_text


@dataclass(frozen=True)
class ReferralReplyData:
    client_name: str | None = None
    replied_by: str | None = None  # 回覆人
    replied_on: dt.date | None = None
    replying_org: str | None = None  # 回覆機構
    phone: str | None = None
    handling: str | None = None  # 處理情形
    remarks: str | None = None  # 備註


def render_referral_reply(data: ReferralReplyData) -> bytes:
    d = data
    title = "個案轉介回覆單"
    pdf = new_form(title)
    pdf.title_block(title, size=17)
    W = pdf.inner_width
    lw = 24.0
    third = (W - lw) / 3
    pdf.row(
        [
            label(lw, "個案姓名"),
            Cell(third, [T(d.client_name or "")]),
            Cell(third, [T("回覆人："), T(d.replied_by or "")]),
            Cell(third, [T("回覆日期："), T(roc_date_text(d.replied_on))]),
        ],
        min_h=10,
    )
    pdf.row(
        [
            label(lw, "回覆機構"),
            Cell(third * 2, [T(d.replying_org or "")]),
            Cell(third, [T("電話："), T(d.phone or "")]),
        ],
        min_h=10,
    )
    pdf.row([label(lw, "處理情形"), Cell(W - lw, [T(d.handling or "")], valign="T")], min_h=110)
    pdf.row([label(lw, "備　　註"), Cell(W - lw, [T(d.remarks or "")], valign="T")], min_h=40)
    return pdf.bytes()
