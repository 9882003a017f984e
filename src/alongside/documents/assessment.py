"""居家服務條件評估表 — screening of a home-service enquiry (seed 004, appendix, first form)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .layout import Blank, Box, Gap, T, check_choice, new_form, options, roc_date

TITLE = "居家服務條件評估表"

SEX = (("M", "1.男"), ("F", "2.女"))
LIVING = (
    ("alone", "1.獨居"),
    ("with_others", "2.固定與他人同住"),
    ("rotating", "3.輪流與他人同住"),
    ("other", "4.其他"),
)
WELFARE = (("general", "1.一般戶"), ("mid_low", "2.中低收入"), ("low", "3.低收入戶"))
CAREGIVER = (("no", "1.否"), ("yes", "2.是"), ("applying", "3.申請中"))
CAREGIVER_ORIGIN = (("domestic", "本籍"), ("foreign", "外籍"))
ROUTE = (("public", "公費補助"), ("self_pay", "自費購買"))


@dataclass(frozen=True)
class AssessmentData:
    received_by: str | None = None  # 受理人
    received_on: dt.date | None = None  # 受理日期
    # 一、服務需求者資料
    client_name: str | None = None
    age: int | None = None
    birth_year_roc: int | None = None  # 出生年民國__年
    sex: str | None = None  # M | F
    phone: str | None = None
    registered_township: str | None = None  # 戶籍鄉鎮
    residence_township: str | None = None  # 居住地
    living: str | None = None  # see LIVING
    living_other: str | None = None
    has_disability_card: bool | None = None
    disability_type: str | None = None  # 障別
    welfare_status: str | None = None  # see WELFARE
    caregiver: str | None = None  # see CAREGIVER (hired care worker)
    caregiver_origin: str | None = None  # domestic | foreign
    # 二、聯絡人資料
    contact_name: str | None = None
    contact_phone_home: str | None = None
    contact_phone_office: str | None = None
    contact_mobile: str | None = None
    contact_relationship: str | None = None
    contact_address: str | None = None
    # 三、是否符合服務對象
    eligible: bool | None = None
    route: str | None = None  # public | self_pay (when eligible)
    ineligible_reason: str | None = None
    # 四、相關說明
    notes: str | None = None

    def __post_init__(self) -> None:
        for name, choices in (
            ("sex", SEX),
            ("living", LIVING),
            ("welfare_status", WELFARE),
            ("caregiver", CAREGIVER),
            ("caregiver_origin", CAREGIVER_ORIGIN),
            ("route", ROUTE),
        ):
            check_choice(name, getattr(self, name), choices)


def render_assessment(data: AssessmentData) -> bytes:
    d = data
    pdf = new_form(TITLE)
    pdf.title_block(TITLE, size=17)
    pdf.paragraph(
        [T("受理人："), Blank(d.received_by, 35), Gap(10), T("受理日期："), *roc_date(d.received_on)],
        align="R",
        space_after=3,
    )

    def heading(s: str) -> None:
        pdf.set_y(pdf.get_y() + 1.5)
        pdf.paragraph([T(s, bold=True, size=12)], size=12, space_after=1)

    def item(n: int, tokens: list) -> None:
        pdf.paragraph([T(f"{n}. "), *tokens], indent=5, hanging=5, space_after=1.6)

    heading("一、服務需求者資料")
    item(1, [T("服務需求者姓名："), Blank(d.client_name, 40)])
    item(2, [T("年　　齡："), Blank(d.age, 12), T(" 歲（或出生年民國"), Blank(d.birth_year_roc, 12), T("年）")])
    item(3, [T("性　　別："), *options(SEX, d.sex)])
    item(4, [T("電　　話："), Blank(d.phone, 45)])
    item(
        5,
        [
            T("戶籍鄉鎮："),
            Blank(d.registered_township, 30),
            T("（鄉/鎮）　居住地："),
            Blank(d.residence_township, 30),
            T("（鄉/鎮）"),
        ],
    )
    item(6, [T("目前之居住狀況："), *options(LIVING, d.living), Blank(d.living_other, 30)])
    card: list = [
        Box(d.has_disability_card is False),
        T("1.否"),
        Gap(2.5),
        Box(d.has_disability_card is True),
        T("2.是，障別："),
        Blank(d.disability_type, 40),
    ]
    item(7, [T("目前是否領有身心障礙者手冊："), *card])
    item(8, [T("社會福利身分別："), *options(WELFARE, d.welfare_status)])
    origin = d.caregiver_origin
    hired = d.caregiver == "yes"
    applying = d.caregiver == "applying"
    item(
        9,
        [
            T("目前是否聘請看護幫忙照顧："),
            Box(d.caregiver == "no"),
            T("1.否"),
            Gap(2.5),
            Box(hired),
            T("2.是（"),
            Box(hired and origin == "domestic"),
            T("a.本籍 "),
            Box(hired and origin == "foreign"),
            T("b.外籍）"),
            Gap(2.5),
            Box(applying),
            T("3.申請中（"),
            Box(applying and origin == "domestic"),
            T("c.本籍 "),
            Box(applying and origin == "foreign"),
            T("d.外籍）"),
        ],
    )

    heading("二、聯絡人資料")
    item(1, [T("姓　　名："), Blank(d.contact_name, 40)])
    item(
        2,
        [
            T("電　　話：(H)"),
            Blank(d.contact_phone_home, 32),
            T(" (O)"),
            Blank(d.contact_phone_office, 32),
            T(" 手機："),
            Blank(d.contact_mobile, 32),
        ],
    )
    item(3, [T("與服務需求者的關係或身分："), Blank(d.contact_relationship, 50)])
    item(4, [T("通 訊 處："), Blank(d.contact_address, 120)])

    heading("三、是否符合服務對象")
    item(1, [Box(d.eligible is True), T("符合："), *options(ROUTE, d.route if d.eligible else None)])
    item(
        2,
        [
            Box(d.eligible is False),
            T("不符合，原因："),
            Blank(d.ineligible_reason if d.eligible is False else None, 110),
        ],
    )

    heading("四、相關說明")
    y0 = pdf.get_y()
    h = max(40.0, pdf.bottom - y0 - 4)
    pdf.rect(pdf.l_margin, y0, pdf.inner_width, h)
    if d.notes:
        lines = pdf.layout([T(d.notes)], pdf.inner_width - 4, 10.5)
        pdf.draw_lines(lines, pdf.l_margin + 2, y0 + 2, pdf.inner_width - 4, 10.5)
    else:
        lh = 8.0
        y = y0 + lh
        while y < y0 + h - 2:
            with pdf.local_context(draw_color=(170, 170, 170)):
                pdf.line(pdf.l_margin + 3, y, pdf.l_margin + pdf.inner_width - 3, y)
            y += lh
    pdf.set_y(y0 + h)
    return pdf.bytes()
