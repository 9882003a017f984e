"""The papers of a Sapporo PA claim (PA-05, PA-14, PA-18): 実績記録票, 活動日誌 and 請求書, in Japanese.

002 asks the user to keep, at every visit, a usage record and an activity log (「介助者訪問の都度、実績記録票や
活動日誌等を作成します。」) and to send the claim papers by the 5th of the next month (「利用月の翌月５日までに
請求書類を作成し、サポートセンターへ送付します。」). The money services freeze a claim's figures when it is sent
and fill ``PaClaimDoc`` from them; these renderers print it. Nothing here touches Django.

- ``usage_record_pdf`` (実績記録票): one row per confirmed shift: date, assistant, start–end, hours in the day
  and night bands, amount, and who confirmed it for the user.
- ``activity_log_pdf`` (活動日誌): one entry per shift: date, assistant, what the assistance was for, the log.
- ``claim_pdf`` (請求書): to the Mayor of Sapporo: one line per assistant, each expense, the proxy fee, the
  total, the co-pay and the amount claimed; a line paid straight to the assistant (代理受領) names them.

The same data gives the same bytes (the creation date is the day the claim was sent). A document whose stated
totals contradict its lines is refused with ``ValueError``.

    from alongside.documents.pa_claim import PA_DOCUMENTS
    title, render = PA_DOCUMENTS["usage_record"]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .billing_layout import Column, Table, check_total, info_block, section
from .layout import FormPDF, T
from .pa_layout import date_ja, day_ja, hours_of, month_ja, new_pa_form, note, stamp_box, yen

USAGE_RECORD_TITLE = "実績記録票"
ACTIVITY_LOG_TITLE = "活動日誌"
CLAIM_TITLE = "請求書"
PROGRAM_NAME = "札幌市パーソナルアシスタンス制度"
ADDRESSEE = "札幌市長"
DRAFT_MARK = "【下書き・未提出】"
PROXY_RECEIPT = "代理受領"

# Activity codes (assistance.choices.Activity) as the papers print them.
ACTIVITY_LABELS = {
    "personal_care": "身体介護（入浴・排せつ・更衣・食事）",
    "household": "家事援助（本人の分）",
    "outing": "外出介助",
    "social": "社会参加（仕事・学習・会合・交友）",
    "hospital": "入院時のコミュニケーション支援",
    "night_watch": "見守り・泊まり",
    "other": "その他",
}
LINE_KIND_LABELS = {"assistant": "介助費", "expense": "その他のＰＡ費", "proxy_fee": "マネジメント代行事務費"}
EXPENSE_KIND_LABELS = {"job_ad": "求人広告費", "proxy_fee": "マネジメント代行事務費", "other": "その他"}


@dataclass(frozen=True)
class PaShiftRow:
    """One confirmed shift as the month books it (D-02: only its parts on this month's dates)."""

    day: dt.date
    assistant: str
    start: str  # "09:00"
    end: str  # "12:00", or "翌06:00" when it ends the next day
    day_minutes: int
    night_minutes: int
    amount: int
    activities: tuple[str, ...] = ()  # codes, see ACTIVITY_LABELS
    activity_log: str = ""
    note: str = ""
    confirmed_by: str = ""
    confirmed_on_behalf_of: str = ""


@dataclass(frozen=True)
class PaClaimLine:
    """A line of the claim: an assistant's month (kind 'assistant'), an expense, or the proxy fee."""

    kind: str
    description: str
    amount: int
    minutes: int = 0
    payee: str = "user"  # or "assistant": paid straight to them (代理受領)
    payee_name: str = ""


@dataclass(frozen=True)
class PaClaimDoc:
    month: dt.date
    user_name: str
    created_on: dt.date  # the day the claim was sent (or, for a draft, the first day after the month)
    shifts: tuple[PaShiftRow, ...]
    lines: tuple[PaClaimLine, ...]
    shifts_amount: int
    expenses_amount: int
    total: int
    copay: int
    refund: int
    city_pays: int
    claim_by: dt.date | None = None
    pay_by: dt.date | None = None
    submitted_on: dt.date | None = None
    draft: bool = False
    household: str = ""
    proxy_name: str = ""
    budget: int = 0
    carry_in: int = 0
    carry_out: int = 0
    addressee: str = ADDRESSEE
    rule_ids: tuple[str, ...] = ()


def usage_record_pdf(doc: PaClaimDoc) -> bytes:
    """実績記録票: every confirmed shift of the month, with its band hours, amount and confirmation."""
    _check(doc)
    pdf = _form(USAGE_RECORD_TITLE, doc)
    _who_and_when(pdf, doc)
    section(pdf, "介助の実績")
    table = Table(pdf, (
        Column("No.", 0.5, "C"), Column("日付", 1.1, "C"), Column("介助者", 1.4), Column("時間", 1.4, "C"),
        Column("日中（時間）", 0.95, "R"), Column("深夜（時間）", 0.95, "R"), Column("金額", 1.1, "R"),
        Column("利用者の確認", 1.9),
    ))  # fmt: skip
    table.header()
    for n, row in enumerate(doc.shifts, start=1):
        table.add([str(n), day_ja(row.day), row.assistant, f"{row.start}–{row.end}", hours_of(row.day_minutes),
                   hours_of(row.night_minutes), yen(row.amount), _confirmation(row)])  # fmt: skip
    day_total = sum(r.day_minutes for r in doc.shifts)
    night_total = sum(r.night_minutes for r in doc.shifts)
    table.add(["合計", f"{len(doc.shifts)}回", "", "", hours_of(day_total), hours_of(night_total),
               yen(doc.shifts_amount), ""], bold=True, fill=True)  # fmt: skip
    note(pdf, "日中は5時〜22時、深夜は22時〜翌5時。日をまたぐ介助は日ごとに分けて、その日の月に計上します（D-02）。")
    stamp_box(pdf, ("利用者", "サポートセンター"))
    return pdf.bytes()


def activity_log_pdf(doc: PaClaimDoc) -> bytes:
    """活動日誌: what each shift was for and what the assistant wrote about it."""
    _check(doc)
    pdf = _form(ACTIVITY_LOG_TITLE, doc)
    _who_and_when(pdf, doc)
    section(pdf, "活動の記録")
    table = Table(pdf, (
        Column("日付", 1.0, "C"), Column("介助者", 1.2), Column("時間", 1.2, "C"), Column("内容", 2.0),
        Column("活動日誌", 4.0),
    ))  # fmt: skip
    table.header()
    for row in doc.shifts:
        activities = "、".join(ACTIVITY_LABELS.get(code, code) for code in row.activities)
        log = row.activity_log or "（記録なし）"
        if row.note:
            log = f"{log}\n備考：{row.note}"
        table.add([day_ja(row.day), row.assistant, f"{row.start}–{row.end}", activities, log])
    stamp_box(pdf, ("利用者",))
    return pdf.bytes()


def claim_pdf(doc: PaClaimDoc) -> bytes:
    """請求書: to the Mayor of Sapporo, the month's PA spending line by line and the amount claimed."""
    _check(doc)
    pdf = _form(CLAIM_TITLE, doc)
    pdf.paragraph([T(f"{doc.addressee}　様", size=12)], size=12)
    pdf.paragraph([T(f"{PROGRAM_NAME}の費用として、下記のとおり請求します。")])
    info_block(pdf, [
        ("請求者（利用者）", doc.user_name), ("請求日", date_ja(doc.submitted_on)),
        ("利用月", month_ja(doc.month)), ("提出期限", _must_arrive(doc.claim_by)),
        ("マネジメント代行者", doc.proxy_name or "なし"), ("支払予定", _pay_by(doc.pay_by)),
    ], label_w=36)  # fmt: skip
    section(pdf, "請求の内訳")
    table = Table(pdf, (
        Column("区分", 1.8), Column("内容", 2.2), Column("時間", 0.7, "R"), Column("金額", 1.1, "R"),
        Column("受領者", 1.9),
    ))  # fmt: skip
    table.header()
    for line in doc.lines:
        table.add([LINE_KIND_LABELS.get(line.kind, line.kind), line.description, hours_of(line.minutes),
                   yen(line.amount), _payee(line, doc.user_name)])  # fmt: skip
    table.add(["合計", "", hours_of(sum(x.minutes for x in doc.lines)), yen(doc.total), ""], bold=True, fill=True)
    section(pdf, "請求額")
    sums = Table(pdf, (Column("項目", 3.0), Column("金額", 1.5, "R")), width=120)
    sums.header()
    sums.add(["介助費の計", yen(doc.shifts_amount)])
    sums.add(["その他のＰＡ費・マネジメント代行事務費の計", yen(doc.expenses_amount)])
    sums.add(["ＰＡ費の合計", yen(doc.total)])
    sums.add(["利用者負担額（1割、月額上限あり）", yen(doc.copay)])
    sums.add(["請求額（ＰＡ費の合計 − 利用者負担額）", yen(doc.city_pays)], bold=True, fill=True)
    if doc.refund:
        refund = yen(doc.refund)
        note(pdf, f"高額ＰＡ費（上限額を超えた利用者負担の返金）{refund}は、申請により別に返金されます（D-16）。")
    paid_directly = [line for line in doc.lines if line.payee == "assistant"]
    if paid_directly:
        names = "、".join(line.payee_name for line in paid_directly)
        note(pdf, f"{PROXY_RECEIPT}：{names}の分は、利用者に代わって介助者に直接お支払いください（PA-05）。")
    note(pdf, "介助者への報酬を支払ったことの分かる書類は、翌々月のＰＡ費の請求の際に提出します（PA-14）。")
    stamp_box(pdf, ("請求者印", "センター確認"))
    return pdf.bytes()


class PaDocument(NamedTuple):
    title: str
    render: Callable[[PaClaimDoc], bytes]


PA_DOCUMENTS: dict[str, PaDocument] = {
    "usage_record": PaDocument(USAGE_RECORD_TITLE, usage_record_pdf),
    "activity_log": PaDocument(ACTIVITY_LOG_TITLE, activity_log_pdf),
    "claim": PaDocument(CLAIM_TITLE, claim_pdf),
}


# --- shared parts ---------------------------------------------------------------------------------------------


def _check(doc: PaClaimDoc) -> None:
    what = f"PA claim of {doc.user_name} {doc.month:%Y-%m}"
    check_total(what, doc.total, sum(line.amount for line in doc.lines))
    check_total(f"{what} (assistance)", doc.shifts_amount,
                sum(line.amount for line in doc.lines if line.kind == "assistant"))  # fmt: skip
    check_total(f"{what} (shifts)", doc.shifts_amount, sum(row.amount for row in doc.shifts))
    check_total(f"{what} (parts)", doc.total, doc.shifts_amount + doc.expenses_amount)
    check_total(f"{what} (amount claimed)", doc.city_pays, doc.total - doc.copay)


def _form(title: str, doc: PaClaimDoc) -> FormPDF:
    header = [T(DRAFT_MARK, bold=True)] if doc.draft else []
    pdf = new_pa_form(title, doc.created_on, [*header, T(f"{PROGRAM_NAME}　{month_ja(doc.month)}")])
    pdf.title_block(title, f"{month_ja(doc.month)}分")
    return pdf


def _who_and_when(pdf: FormPDF, doc: PaClaimDoc) -> None:
    info_block(pdf, [
        ("利用者", doc.user_name), ("利用月", month_ja(doc.month)),
        ("介助の回数", f"{len(doc.shifts)}回"), ("介助費の計", yen(doc.shifts_amount)),
    ], label_w=26)  # fmt: skip


def _confirmation(row: PaShiftRow) -> str:
    if not row.confirmed_by:
        return ""
    if row.confirmed_on_behalf_of:
        return f"{row.confirmed_by}（{row.confirmed_on_behalf_of}の代理）"
    return row.confirmed_by


def _payee(line: PaClaimLine, user_name: str) -> str:
    if line.payee == "assistant":
        return f"{PROXY_RECEIPT}：{line.payee_name}"
    return f"利用者（{user_name}）"


def _must_arrive(day: dt.date | None) -> str:
    return f"{date_ja(day)}（必着）" if day else ""


def _pay_by(day: dt.date | None) -> str:
    return f"{date_ja(day)}までに区役所から" if day else ""
