"""個案管理表 — case management table (seed 004, appendix): basic data, then needs summary / plan / results.

Two pages like the original: page 1 the client's data (基本資料, 緊急連絡人, 居住環境,
疾病與生理狀況, 資源管理); page 2 the case description and 需求摘要／處遇計劃／處遇結果.
Both end with the three signature lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .layout import Blank, Br, Cell, Gap, T, Token, case_header, hours, label, new_form, roc_date


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    relationship: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class CaseManagementData:
    case_no: str | None = None
    client_name: str | None = None
    area: str | None = None  # 區域
    opened_on: dt.date | None = None  # 開案日期
    updated_on: dt.date | None = None  # 填表(更新)日期
    welfare_status: str | None = None  # 社會福利身分別
    approved_hours: Decimal | None = None  # 核定時數 (per month)
    case_source: str | None = None  # 個案來源
    # 個案基本資料
    national_id: str | None = None
    phone: str | None = None
    mobile: str | None = None
    sex: str | None = None  # printed as given (男/女)
    birth_date: dt.date | None = None
    marital_status: str | None = None
    language: str | None = None
    religion: str | None = None
    education: str | None = None
    income_source: str | None = None
    registered_address: str | None = None
    insurance: str | None = None
    residence_address: str | None = None  # None + residence_same → 同上
    residence_same: bool = False
    # 緊急連絡人
    contacts: tuple[Contact, ...] = field(default_factory=tuple)
    main_caregiver: str | None = None
    # 居住環境
    living: str | None = None
    housing_type: str | None = None
    environment: str | None = None  # 評估：良好／環境不良（說明）
    ownership: str | None = None
    alone_daytime: str | None = None
    # 疾病與生理狀況
    medical_history: str | None = None
    hospitalisations: str | None = None
    usual_clinic: str | None = None
    assistive_devices: str | None = None
    tubes: str | None = None
    allergies: str | None = None
    vision: str | None = None
    hearing: str | None = None
    speech: str | None = None
    consciousness: str | None = None
    adl: str | None = None  # ADL/項數
    iadl: str | None = None
    disability_level: str | None = None  # 失能程度
    # 資源管理
    formal_resources: str | None = None
    informal_resources: str | None = None
    # page 2: 案況描述
    introduction: str | None = None
    physical: str | None = None
    psychological: str | None = None
    family: str | None = None
    economic: str | None = None
    social_support: str | None = None
    # 需求摘要／處遇計劃／處遇結果
    need_household: str | None = None
    need_body_care: str | None = None
    need_schedule: str | None = None
    plan_services: str | None = None
    result_schedule: str | None = None
    result_services: str | None = None
    late_opening_reason: str | None = None  # 未能於7日內開案之原因 (manual ch.3 §4)
    # signatures
    supervisor: str | None = None
    social_worker: str | None = None
    manager: str | None = None


def _f(head: str, value: object, width: float = 30) -> list[Token]:
    return [T(head), Blank(value, width), Gap(3)]


def render_case_management(data: CaseManagementData) -> bytes:
    d = data
    title = "個案管理表"
    pdf = new_form(title, case_header(d.case_no, d.client_name))
    pdf.title_block(title, size=17)
    pdf.paragraph([T("區域："), Blank(d.area, 30), Gap(10), T("開案日期："), *roc_date(d.opened_on, prefix="")])
    pdf.paragraph(
        [T("案號："), Blank(d.case_no, 35), Gap(10), T("填表(更新)日期："), *roc_date(d.updated_on, prefix="")]
    )
    W = pdf.inner_width
    approved = hours(d.approved_hours)
    pdf.row(
        [
            Cell(
                W,
                [
                    *_f("社會福利身分別：", d.welfare_status, 25),
                    T("核定時數："),
                    Blank(approved, 12),
                    T("小時"),
                    Gap(4),
                    *_f("個案來源：", d.case_source, 35),
                ],
            )
        ],
        min_h=9,
    )
    lw = 12.0
    rw = W - lw
    third = rw / 3
    residence = "同上" if d.residence_same and not d.residence_address else d.residence_address
    pdf.group(
        "個案基本資料",
        lw,
        [
            [
                Cell(third, _f("姓名：", d.client_name, 25)),
                Cell(third, _f("身分證統一編號：", d.national_id, 24)),
                Cell(third, _f("聯絡電話：", d.phone, 28)),
            ],
            [
                Cell(third, _f("性別：", d.sex, 25)),
                Cell(third, [T("出生日期："), Blank(d.birth_date, 32)]),
                Cell(third, _f("行動電話：", d.mobile, 28)),
            ],
            [
                Cell(
                    rw,
                    [
                        *_f("婚姻狀況：", d.marital_status, 14),
                        *_f("常用語言：", d.language, 16),
                        *_f("宗教信仰：", d.religion, 12),
                        *_f("教育程度：", d.education, 12),
                        *_f("經濟來源：", d.income_source, 16),
                    ],
                )
            ],
            [
                Cell(rw * 2 / 3, _f("戶籍地址：", d.registered_address, 80)),
                Cell(rw / 3, _f("保險種類：", d.insurance, 25)),
            ],
            [Cell(rw, _f("居住現址：", residence, 100))],
        ],
    )
    cw = (rw * 0.18, rw * 0.14, rw * 0.24, rw * 0.44)
    contact_rows: list = [
        [label(cw[0], "姓名"), label(cw[1], "關係"), label(cw[2], "聯絡/行動電話"), label(cw[3], "聯絡地址")]
    ]
    contacts = list(d.contacts) + [Contact()] * max(0, 2 - len(d.contacts))
    for c in contacts:
        contact_rows.append(
            [
                Cell(cw[0], [T(c.name or "")]),
                Cell(cw[1], [T(c.relationship or "")]),
                Cell(cw[2], [T(c.phone or "")]),
                Cell(cw[3], [T(c.address or "")]),
            ]
        )
    contact_rows.append([Cell(rw, _f("主要照顧者：", d.main_caregiver, 60))])
    pdf.group("緊急連絡人", lw, [(r, 8.0) for r in contact_rows])
    pdf.group(
        "居住環境",
        lw,
        [
            [
                Cell(
                    rw,
                    [
                        *_f("居住狀況：", d.living, 30),
                        *_f("住宅種類：", d.housing_type, 30),
                        *_f("現住房屋所有權：", d.ownership, 22),
                    ],
                )
            ],
            [
                Cell(
                    rw,
                    [
                        *_f("評估（良好／環境不良）：", d.environment, 55),
                        *_f("白天是否常單獨在家：", d.alone_daytime, 20),
                    ],
                )
            ],
        ],
    )
    pdf.group(
        "疾病與生理狀況",
        lw,
        [
            [Cell(rw, _f("疾病史：", d.medical_history, 140))],
            [Cell(rw, _f("是否曾經住院/手術(時間、原因、醫療院所)：", d.hospitalisations, 90))],
            [Cell(rw, [*_f("經常就診之醫院/診所：", d.usual_clinic, 50), *_f("輔具使用：", d.assistive_devices, 40)])],
            [
                Cell(
                    rw,
                    [
                        *_f("管路：", d.tubes, 30),
                        *_f("過敏史：", d.allergies, 30),
                        *_f("意識狀態：", d.consciousness, 30),
                    ],
                )
            ],
            [Cell(rw, [*_f("視力：", d.vision, 30), *_f("聽力：", d.hearing, 30), *_f("說話：", d.speech, 30)])],
            [
                Cell(
                    rw,
                    [
                        T("生活功能："),
                        *_f("ADL/項數：", d.adl, 28),
                        *_f("IADL：", d.iadl, 28),
                        *_f("失能程度：", d.disability_level, 22),
                    ],
                )
            ],
        ],
    )
    pdf.group(
        "資源管理",
        lw,
        [
            [Cell(rw, _f("正式資源：", d.formal_resources, 140))],
            [Cell(rw, _f("非正式資源：", d.informal_resources, 140))],
        ],
    )
    names = [d.supervisor, d.social_worker, d.manager]
    pdf.signatures(names)

    # page 2
    pdf.add_page()
    pdf.title_block(title, size=17)

    def numbered(items: list[tuple[str, str | None]]) -> list[Token]:
        out: list[Token] = []
        for n, (head, value) in enumerate(items, start=1):
            out += [T(f"{n}. {head}："), T(value or ""), Br()]
        return out

    description = numbered(
        [
            ("個人介紹", d.introduction),
            ("生理狀況", d.physical),
            ("心理狀況", d.psychological),
            ("家庭狀況", d.family),
            ("經濟狀況", d.economic),
            ("社會支持", d.social_support),
        ]
    )
    description += [
        T("　△正式資源："),
        T(d.formal_resources or ""),
        Br(),
        T("　△非正式資源："),
        T(d.informal_resources or ""),
    ]
    lw2 = 18.0
    pdf.row([label(lw2, "案況描述"), Cell(W - lw2, description, valign="T")], min_h=80)
    plan: list[Token] = [
        T("需求摘要：", bold=True),
        Br(),
        *numbered([("家務照顧", d.need_household), ("身體照顧", d.need_body_care), ("服務時間", d.need_schedule)]),
        T("處遇計畫：", bold=True),
        Br(),
        T("1. 依核定時數與案主及家屬討論每週服務頻率與時數。"),
        Br(),
        T("2. 擬定服務項目："),
        T(d.plan_services or ""),
        Br(),
        T("處遇結果：", bold=True),
        Br(),
        T("1. 居家服務的時間："),
        T(d.result_schedule or ""),
        Br(),
        T("2. 服務項目："),
        T(d.result_services or ""),
    ]
    if d.late_opening_reason:
        plan += [Br(), T("3. 未能於期限內開案之原因："), T(d.late_opening_reason)]
    pdf.row([label(lw2, "需求摘要／處遇計劃／處遇結果"), Cell(W - lw2, plan, valign="T")], min_h=110)
    pdf.signatures(names)
    return pdf.bytes()
