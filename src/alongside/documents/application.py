"""南投縣政府長期照顧管理中心個案轉介單/申請單 — the county's application / referral (seed 004, appendix).

The agency fills the top part (referrer, client, applicant, services requested, situation).
The lower part, "以下內容由照顧管理專員評估後填寫", belongs to the county's care manager:
it is printed with all its check boxes, blank, as on the paper form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .layout import Blank, Box, Br, Cell, Gap, T, Token, check_choice, label, new_form, options, roc_date, yes_no

TITLE = "南投縣政府長期照顧管理中心個案轉介單/申請單"
CENTRE_FOOTER = "南投縣長期照顧管理中心　聯絡電話：049-2209595　傳真049-2247343"

REFERRAL_SOURCE = (
    ("hospital_discharge", "醫院出院準備服務"),
    ("nursing_home", "護理之家暨安養護機構"),
    ("home_nursing", "居家護理所"),
    ("health_station", "衛生所"),
    ("township_office", "鄉鎮公所"),
    ("home_service", "居家服務單位"),
    ("other", "其他"),
)
SEX = (("M", "男"), ("F", "女"))
WELFARE = (("general", "一般"), ("mid_low", "中低收入戶"), ("low", "低收入戶"), ("other", "其他"))
DISABILITY_LEVEL = (("mild", "輕度"), ("moderate", "中度"), ("severe", "重度"), ("profound", "極重度"))
LIVING = (("alone", "獨居"), ("with_others", "固定與他人同住"), ("rotating", "輪流與他人同住"), ("other", "其他"))
LANGUAGE = (
    ("mandarin", "國語"),
    ("taiwanese", "台語"),
    ("hakka", "客家語"),
    ("indigenous", "原住民語"),
    ("other", "其他"),
)
EDUCATION = (
    ("graduate", "研究所"),
    ("college", "大專"),
    ("senior_high", "高中"),
    ("junior_high", "國中"),
    ("primary", "國小"),
    ("literate", "識字但未就學"),
    ("illiterate", "不識字"),
)
CAREGIVER = (("no", "否"), ("yes", "是"), ("applying", "申請中"))
CAREGIVER_ORIGIN = (("foreign", "外籍"), ("domestic", "本籍"))
SERVICES = (
    ("home_service", "1.居家服務"),
    ("day_care", "2.日間照顧"),
    ("family_care", "3.家庭托顧"),
    ("home_respite", "4.居家喘息服務"),
    ("institution_respite", "5.機構喘息服務"),
    ("home_nursing", "6.居家護理"),
    ("home_ot", "7.居家職能治療"),
    ("home_pt", "8.居家物理治療"),
    ("meals", "9.老人營養餐飲服務"),
    ("assistive_devices", "10.輔具購買、租借及居家無障礙環境改善"),
    ("transport", "11.交通接送服務"),
    ("other", "其他"),
)


@dataclass(frozen=True)
class ApplicationData:
    referral_source: str | None = None  # see REFERRAL_SOURCE
    referral_source_other: str | None = None
    applied_on: dt.date | None = None
    referrer: str | None = None
    referrer_phone: str | None = None
    referrer_fax: str | None = None
    # 個案基本資料
    client_name: str | None = None
    national_id: str | None = None
    sex: str | None = None
    birth_date: dt.date | None = None
    phone: str | None = None
    mobile: str | None = None
    address: str | None = None  # 現居住址
    registered_same: bool = False  # 戶籍地同上
    registered_address: str | None = None
    welfare_status: str | None = None
    health_insurance: bool | None = None
    disability_category: str | None = None
    disability_level: str | None = None
    indigenous: bool | None = None  # 山地原住民
    living: str | None = None
    languages: frozenset[str] = frozenset()
    education: str | None = None
    in_institution: bool | None = None
    institution_name: str | None = None
    hospitalised_3m: bool | None = None
    hospitalised_reason: str | None = None
    caregiver: str | None = None  # see CAREGIVER
    caregiver_origin: str | None = None
    # 申請人或代理人
    applicant_name: str | None = None
    applicant_relationship: str | None = None
    applicant_phone: str | None = None
    applicant_lives_with: bool = False  # 同住
    applicant_address: str | None = None
    services: frozenset[str] = frozenset()  # see SERVICES
    services_other: str | None = None
    situation: str | None = None  # 個案狀況簡述

    def __post_init__(self) -> None:
        object.__setattr__(self, "languages", frozenset(self.languages))
        object.__setattr__(self, "services", frozenset(self.services))
        for name, choices in (
            ("referral_source", REFERRAL_SOURCE),
            ("sex", SEX),
            ("welfare_status", WELFARE),
            ("disability_level", DISABILITY_LEVEL),
            ("living", LIVING),
            ("languages", LANGUAGE),
            ("education", EDUCATION),
            ("caregiver", CAREGIVER),
            ("caregiver_origin", CAREGIVER_ORIGIN),
            ("services", SERVICES),
        ):
            check_choice(name, getattr(self, name), choices)


def _blank_boxes(labels: str) -> list[Token]:
    out: list[Token] = []
    for s in labels.split():
        out += [Box(False), T(s, keep=True), Gap(1.5)]
    return out


def render_application(data: ApplicationData) -> bytes:
    d = data
    pdf = new_form(TITLE)
    pdf.base_size = 9.5
    pdf.title_block(TITLE, size=14.5)
    pdf.paragraph(
        [
            T("轉介單位："),
            *options(REFERRAL_SOURCE, d.referral_source),
            Blank(d.referral_source_other, 25),
        ]
    )
    pdf.paragraph(
        [
            T("申請日期："),
            *roc_date(d.applied_on, prefix=""),
            Gap(3),
            T("轉介者："),
            Blank(d.referrer, 22),
            T(" 電話："),
            Blank(d.referrer_phone, 26),
            T(" 傳真："),
            Blank(d.referrer_fax, 26),
        ],
        space_after=1.5,
    )
    W = pdf.inner_width
    lw, sub = 12.0, 24.0
    rw = W - lw
    half = (rw - 2 * sub) / 2
    birth: list[Token] = [T("出生日期：民國")]
    if d.birth_date is not None and d.birth_date.year < 1912:
        birth = [T("出生日期：民國前")]
        y = 1912 - d.birth_date.year
        birth += [Blank(y, 10), T("年"), Blank(d.birth_date.month, 7), T("月"), Blank(d.birth_date.day, 7), T("日")]
    else:
        birth += roc_date(d.birth_date, prefix="")[0:]
    registered = "" if d.registered_same else d.registered_address
    pdf.group(
        "個案基本資料\n緊急連絡人\n居住環境",
        lw,
        [
            [
                Cell(
                    rw,
                    [
                        T("個案姓名："),
                        Blank(d.client_name, 28),
                        Gap(3),
                        T("身份證字號："),
                        Blank(d.national_id, 30),
                        Gap(3),
                        T("性別："),
                        *options(SEX, d.sex),
                    ],
                )
            ],
            [Cell(rw, [*birth, Gap(4), T("電話："), Blank(d.phone, 28), T(" 手機："), Blank(d.mobile, 28)])],
            [Cell(rw, [T("現居住址："), Blank(d.address, 140)])],
            [Cell(rw, [T("戶籍地："), Box(d.registered_same), T("同上"), Gap(2), Blank(registered, 125)])],
            [
                label(sub, "身份別"),
                Cell(
                    rw - sub,
                    [
                        *options(WELFARE, d.welfare_status),
                        Gap(4),
                        T("健保"),
                        *yes_no(d.health_insurance, "有", "無", "yes_no"),
                    ],
                ),
            ],
            [
                label(sub, "障礙別"),
                Cell(
                    rw - sub,
                    [
                        T("身心障礙類別："),
                        Blank(d.disability_category, 35),
                        Gap(3),
                        *options(DISABILITY_LEVEL, d.disability_level),
                    ],
                ),
            ],
            [
                label(sub, "是否為山地原住民"),
                Cell(half, yes_no(d.indigenous)),
                label(sub, "目前居住狀況"),
                Cell(half, options(LIVING, d.living)),
            ],
            [label(sub, "常用語言"), Cell(rw - sub, options(LANGUAGE, d.languages))],
            [label(sub, "教育程度"), Cell(rw - sub, options(EDUCATION, d.education))],
            [
                label(sub, "目前是否住機構"),
                Cell(half, [*yes_no(d.in_institution), Blank(d.institution_name, 22)]),
                label(sub, "3個月內是否有住院"),
                Cell(
                    half,
                    [
                        Box(d.hospitalised_3m is False),
                        T("否"),
                        Gap(2),
                        Box(d.hospitalised_3m is True),
                        T("是，原因："),
                        Blank(d.hospitalised_reason, 18),
                    ],
                ),
            ],
            [
                label(sub, "目前是否聘請看護"),
                Cell(
                    rw - sub,
                    [
                        Box(d.caregiver == "no"),
                        T("否"),
                        Gap(2.5),
                        Box(d.caregiver == "yes"),
                        T("是（"),
                        *_origin(d, "yes"),
                        T("）"),
                        Gap(2.5),
                        Box(d.caregiver == "applying"),
                        T("申請中（"),
                        *_origin(d, "applying"),
                        T("）"),
                    ],
                ),
            ],
            [
                label(sub, "申請人或代理人簽章"),
                Cell(half - 8, [T(d.applicant_name or "")]),
                Cell(half / 2 + 4, [T("與案主關係："), T(d.applicant_relationship or "")]),
                Cell(half / 2 + 4 + sub, [T("手機/電話："), T(d.applicant_phone or "")]),
            ],
            [
                label(sub, "住址"),
                Cell(
                    rw - sub,
                    [
                        Box(d.applicant_lives_with),
                        T("同住"),
                        Gap(2),
                        Blank(None if d.applicant_lives_with else d.applicant_address, 120),
                    ],
                ),
            ],
        ],
    )
    pdf.row([Cell(W, [T("服務項目需求：", bold=True), *options(SERVICES, d.services), Blank(d.services_other, 25)])])
    pdf.row([Cell(W, [T("個案狀況簡述：", bold=True), Br(), T(d.situation or "")], valign="T")], min_h=16)
    pdf.set_y(pdf.get_y() + 1.5)
    pdf.paragraph(
        [
            T("▶ ", size=9),
            T(
                "請最後確認上述資料是否確實，如經查證以詐欺或不實之證明申請補助者，應負一切法律責任，並返還已支付之服務補助經費。",
                size=9,
            ),
        ],
        size=9,
        space_after=0.3,
    )
    pdf.paragraph([T("▶ ", size=9), T("以下內容由照顧管理專員評估後填寫，其他單位請勿填寫", bold=True, size=9)], size=9)
    small = 8.5
    health: list[Token] = [
        T("主要診斷：", bold=True, size=small),
        *_blank_boxes(
            "高血壓 心臟病 糖尿病 中風 帕金森氏症 失智症 慢性阻塞性肺疾病 氣喘 肺結核 癌症 "
            "腎臟疾病 泌尿道疾病 關節炎 免疫疾病 脊髓損傷 神經病變 其他"
        ),
        Br(),
        T("意識狀態：", bold=True),
        *_blank_boxes("清醒 嗜睡 混亂 昏迷 其他"),
        Gap(2),
        T("飲食型態：", bold=True),
        *_blank_boxes("一般飲食 軟質 流質"),
        Br(),
        T("治療飲食：", bold=True),
        *_blank_boxes("無 管灌配方飲食 糖尿病特別飲食 低鈉飲食 其他"),
        Br(),
        T("管路留置：", bold=True),
        *_blank_boxes("無 鼻胃管 導尿管 氣切 呼吸器 傷口引流 造瘻口 其他"),
        Br(),
        T("壓瘡、傷口：", bold=True),
        Box(False),
        T("無"),
        Gap(1.5),
        Box(False),
        T("破損（部位、大小、等級："),
        Blank(None, 40),
        T("）"),
        Gap(2),
        T("巴氏量表："),
        Blank(None, 12),
        T("分"),
        Br(),
        T("◎日常生活活動（ADL）失能項目：", bold=True),
        *_blank_boxes("進食 穿脫衣服 如廁 洗澡 移位 平地走動 個人衛生 上下樓梯 大便控制 小便控制"),
        Br(),
        T("◎工具性日常生活量表（IADL）失能項目：", bold=True),
        *_blank_boxes("食物烹調 家務維持 購物 外出 洗衣服 使用電話能力 服用藥物 處理財務"),
    ]
    outcome: list[Token] = [
        T("是否符合收案條件："),
        Box(False),
        T("1.不符合"),
        Gap(1.5),
        Box(False),
        T("2.符合 → 轉介服務單位："),
        Blank(None, 40),
        Br(),
        T("接案結果："),
        Box(False),
        T("提供服務項目："),
        Blank(None, 30),
        Gap(1),
        Box(False),
        T("無法提供服務原因："),
        Blank(None, 30),
        Br(),
        Box(False),
        T("轉介之建議："),
        Blank(None, 50),
        Br(),
        T("長期照顧管理中心照顧專員："),
        Blank(None, 30),
        Gap(3),
        T("日期："),
        Blank(None, 30),
    ]
    pdf.row([label(lw, "疾病與健康狀態", size=small), Cell(rw, health, size=small, valign="T")])
    pdf.row([label(lw, "評估結果", size=small), Cell(rw, outcome, size=small, valign="T")])
    pdf.set_y(pdf.get_y() + 1.5)
    pdf.paragraph([T(CENTRE_FOOTER, size=9)], size=9, align="C")
    return pdf.bytes()


def _origin(d: ApplicationData, when: str) -> list[Token]:
    out: list[Token] = []
    for code, name in CAREGIVER_ORIGIN:
        out += [Box(d.caregiver == when and d.caregiver_origin == code), T(name), Gap(1)]
    return out
