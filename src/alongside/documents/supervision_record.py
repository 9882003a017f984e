"""督導紀錄表 — record of one supervision contact with a case (home visit, phone call, hospital visit).

Seed 004 lists a 督導紀錄表 among its appendix forms but gives no layout for it (only the
staff 個別督導紀錄表 is reproduced). This is a plain design in the same style, with the content
chapter 5 §3 (訪視督導) asks for: the kind of contact (家訪 / 電訪 / 院訪, the new-case visits),
the five purposes of a visit as a checklist, whether the needs changed (→ 需求異動表),
whether a referral is needed, what was found, the client's view, follow-up and the next contact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .layout import Blank, Box, Br, Cell, Gap, T, Token, case_header, check_choice, label, new_form, options

TITLE = "督導紀錄表"

CONTACT_KIND = (
    ("home_visit", "家庭訪視"),
    ("phone", "電話訪視"),
    ("hospital", "醫院訪視"),
    ("other", "其他"),
)
CONTACT_PURPOSE = (
    ("first_visit", "新案首次服務陪同"),
    ("new_case_follow_up", "新案第一個月關懷"),
    ("regular", "定期訪視"),
    ("ad_hoc", "不定期訪視"),
)
# 訪視功能 (manual ch.5 §3 二)
CHECKS = (
    ("needs_match", "服務與個案之需求是否符合"),
    ("adjust_resources", "需求是否需進行調整與連結相關資源"),
    ("care_worker_scope", "居家服務員所提供之服務是否於合理範圍之內"),
    ("satisfaction", "個案對服務之滿意度與成效"),
    ("schedule_kept", "居家服務員是否依排班之時間前往案家服務"),
)


@dataclass(frozen=True)
class SupervisionRecordData:
    case_no: str | None = None
    client_name: str | None = None
    contact_on: dt.date | None = None
    time_from: str | None = None  # "14:00"
    time_to: str | None = None
    kind: str | None = None  # see CONTACT_KIND
    kind_other: str | None = None
    purpose: str | None = None  # see CONTACT_PURPOSE
    supervisor: str | None = None  # 督導員
    care_worker: str | None = None  # 照顧服務員
    met_with: str | None = None  # 受訪者 (案主/家屬 …)
    checks: frozenset[str] = frozenset()  # CHECKS confirmed during the contact
    findings: str | None = None  # 訪視內容
    client_feedback: str | None = None  # 案主／家屬意見
    needs_changed: bool | None = None  # → 需求異動表
    referral_needed: bool | None = None
    referral_note: str | None = None
    follow_up: str | None = None  # 處遇／後續追蹤
    next_contact_on: dt.date | None = None
    social_worker: str | None = None
    manager: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks", frozenset(self.checks))
        check_choice("kind", self.kind, CONTACT_KIND)
        check_choice("purpose", self.purpose, CONTACT_PURPOSE)
        check_choice("checks", self.checks, CHECKS)


def _roc(d: dt.date | None) -> str:
    return "" if d is None else f"民國{d.year - 1911}年{d.month}月{d.day}日"


def render_supervision_record(data: SupervisionRecordData) -> bytes:
    d = data
    pdf = new_form(TITLE, case_header(d.case_no, d.client_name))
    pdf.title_block(TITLE, size=17)
    pdf.paragraph([T("組別：居家服務組")], align="R")
    W = pdf.inner_width
    lw = 28.0
    half = (W - lw * 2) / 2
    pdf.row(
        [
            label(lw, "個案姓名"),
            Cell(half, [T(d.client_name or "")]),
            label(lw, "案　　號"),
            Cell(half, [T(d.case_no or "")]),
        ],
        min_h=9,
    )
    when: list[Token] = [T(_roc(d.contact_on)), Gap(3), Blank(d.time_from, 14), T("至"), Blank(d.time_to, 14)]
    pdf.row([label(lw, "督導日期"), Cell(W - lw, when)], min_h=9)
    pdf.row([label(lw, "督導方式"), Cell(W - lw, [*options(CONTACT_KIND, d.kind), Blank(d.kind_other, 30)])], min_h=9)
    pdf.row([label(lw, "督導種類"), Cell(W - lw, options(CONTACT_PURPOSE, d.purpose))], min_h=9)
    pdf.row(
        [
            label(lw, "督 導 員"),
            Cell(half, [T(d.supervisor or "")]),
            label(lw, "照顧服務員"),
            Cell(half, [T(d.care_worker or "")]),
        ],
        min_h=9,
    )
    pdf.row([label(lw, "受 訪 者"), Cell(W - lw, [T(d.met_with or "")])], min_h=9)
    checks: list[Token] = []
    for code, text in CHECKS:
        checks += [Box(code in d.checks), T(text), Br()]
    pdf.row([label(lw, "督導目標"), Cell(W - lw, checks[:-1], valign="T")])
    pdf.row([label(lw, "督導過程"), Cell(W - lw, [T(d.findings or "")], valign="T")], min_h=45)
    pdf.row([label(lw, "案主／家屬意見"), Cell(W - lw, [T(d.client_feedback or "")], valign="T")], min_h=22)
    needs: list[Token] = [
        T("服務需求："),
        Box(d.needs_changed is False),
        T("沒有改變，依原計畫繼續提供服務", keep=True),
        Gap(2),
        Box(d.needs_changed is True),
        T("改變（重新擬定處遇計畫，填寫需求異動表並知會照顧服務員）", keep=True),
        Br(),
        T("轉　　介："),
        Box(d.referral_needed is False),
        T("不需要", keep=True),
        Gap(2),
        Box(d.referral_needed is True),
        T("需要（經案家同意後轉介）：", keep=True),
        Blank(d.referral_note, 50),
    ]
    pdf.row([label(lw, "評　　估"), Cell(W - lw, needs, valign="T")])
    follow: list[Token] = [T(d.follow_up or ""), Br(), T("下次聯繫日期："), Blank(_roc(d.next_contact_on), 40)]
    pdf.row([label(lw, "處遇／後續追蹤"), Cell(W - lw, follow, valign="T")], min_h=26)
    pdf.signatures([d.supervisor, d.social_worker, d.manager], roles=("督導員", "社工督導(社工員)", "單位主管"))
    return pdf.bytes()
