"""個案轉介單 — referral of a case to another organisation (seed 004, appendix; ch.3 §7).

The consent row (案家同意轉介) is an addition: the manual requires consent unless life is at risk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .layout import Blank, Box, Cell, Gap, T, Token, check_choice, label, new_form, options, roc_date_text

SEX = (("M", "男"), ("F", "女"))
ECONOMIC = (("low", "低收入戶"), ("mid_low", "中低收入戶"), ("general", "一般戶"))


@dataclass(frozen=True)
class ReferralData:
    receiving_org: str | None = None  # 受理轉介單位
    client_name: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None  # M | F
    native_place: str | None = None  # 籍貫
    national_id: str | None = None
    language: str | None = None  # 習慣語言
    address: str | None = None
    phone: str | None = None
    emergency_contact: str | None = None
    emergency_relationship: str | None = None
    emergency_phone: str | None = None
    economic_status: str | None = None  # see ECONOMIC
    situation: str | None = None  # 個案狀況簡述
    main_problems: str | None = None  # 主要問題
    handling: str | None = None  # 處理經過
    reason: str | None = None  # 轉介原因
    # consent (manual ch.3 §7 三(一)): required unless life is at risk
    consent: bool | None = None
    no_consent_reason: str | None = None
    referrer_phone: str | None = None  # 轉介單位電話
    referrer_fax: str | None = None
    referred_on: dt.date | None = None
    supervisor: str | None = None
    social_worker: str | None = None
    manager: str | None = None

    def __post_init__(self) -> None:
        check_choice("sex", self.sex, SEX)
        check_choice("economic_status", self.economic_status, ECONOMIC)


def render_referral(data: ReferralData) -> bytes:
    d = data
    title = "個案轉介單"
    pdf = new_form(title)
    pdf.title_block(title, size=17)
    W = pdf.inner_width
    lw = 30.0
    half = (W - lw) / 2
    pdf.row([label(lw, "受理轉介單位"), Cell(W - lw, [T(d.receiving_org or "")])], min_h=9)
    rows: list[tuple[str, list[Token], list[Token]]] = [
        (
            "個案姓名",
            [T(d.client_name or "")],
            [T("出生年月日："), T(roc_date_text(d.birth_date)), Gap(3), T("性別："), *options(SEX, d.sex)],
        ),
        (
            "籍　　貫",
            [T(d.native_place or "")],
            [T("身分證字號："), T(d.national_id or ""), Gap(3), T("習慣語言："), T(d.language or "")],
        ),
        ("地　　址", [T(d.address or "")], [T("電話："), T(d.phone or "")]),
        (
            "緊急連絡人",
            [T(d.emergency_contact or "")],
            [T("關係："), T(d.emergency_relationship or ""), Gap(4), T("電話："), T(d.emergency_phone or "")],
        ),
    ]
    for head, left, right in rows:
        pdf.row([label(lw, head), Cell(half - 10, left), Cell(half + 10, right)], min_h=9)
    pdf.row([label(lw, "經濟狀況"), Cell(W - lw, options(ECONOMIC, d.economic_status))], min_h=9)
    pdf.row(
        [
            Cell(
                W,
                [
                    T("個案狀況簡述：", bold=True),
                    T(
                        "（包括家系圖、經濟、健康、居住、社會心理、社會資源使用等狀況。可視案主實際情況擇要說明。）",
                        size=9,
                    ),
                ],
            )
        ],
        min_h=9,
    )
    pdf.row([Cell(W, [T(d.situation or "")], valign="T")], min_h=45)
    for head, value, h in (("主要問題", d.main_problems, 25), ("處理經過", d.handling, 25), ("轉介原因", d.reason, 25)):
        pdf.row([label(lw, head), Cell(W - lw, [T(value or "")], valign="T")], min_h=h)
    consent: list[Token] = [
        Box(d.consent is True),
        T("是"),
        Gap(2.5),
        Box(d.consent is False),
        T("否（攸關生命之情形，未經同意之理由："),
        Blank(d.no_consent_reason, 60),
        T("）"),
    ]
    pdf.row([label(lw, "案家同意轉介"), Cell(W - lw, consent)], min_h=9)
    pdf.set_y(pdf.get_y() + 3)
    pdf.paragraph(
        [
            T("轉介單位電話："),
            Blank(d.referrer_phone, 32),
            Gap(4),
            T("傳真："),
            Blank(d.referrer_fax, 30),
            Gap(4),
            T("轉介日期："),
            Blank(roc_date_text(d.referred_on), 38),
        ]
    )
    pdf.signatures(
        [d.supervisor, d.social_worker, d.manager], roles=("居服督導", "社工督導(社工員)", "單位主管"), space_before=1
    )
    return pdf.bytes()
