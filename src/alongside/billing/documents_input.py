"""Where a closed month's rows become the plain data of the document renderers (alongside.documents.billing).

Everything printed comes from the close as it was written (a statement's `detail` froze its visits and hours), so
a document rendered again, or rendered after a correction made later, has the same bytes. Codes (program, level,
income, hour class, review) pass through: the renderers print them in Traditional Chinese. Dates printed are the
first day after the month (statements, invoices, claims), never the day of rendering.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from alongside.billing import frozen
from alongside.billing.choices import ClaimLineKind
from alongside.billing.models import Claim, CopayInvoice, MonthClose, PayLine, Statement
from alongside.core.models import Organisation
from alongside.documents import billing_data as d
from alongside.documents.service_catalogue import SERVICE_BY_CODE
from alongside.fieldwork.models import HoursCorrection, VisitRecord
from alongside.workforce.models import CaregiverProfile

# The counties and cities (rules jurisdictions) as a claim names its addressee.
COUNTY_LABELS = {
    "tw.taipei": "臺北市", "tw.new_taipei": "新北市", "tw.taoyuan": "桃園市", "tw.taichung": "臺中市",
    "tw.tainan": "臺南市", "tw.kaohsiung": "高雄市", "tw.keelung": "基隆市", "tw.hsinchu_city": "新竹市",
    "tw.hsinchu": "新竹縣", "tw.miaoli": "苗栗縣", "tw.changhua": "彰化縣", "tw.nantou": "南投縣",
    "tw.yunlin": "雲林縣", "tw.chiayi_city": "嘉義市", "tw.chiayi": "嘉義縣", "tw.pingtung": "屏東縣",
    "tw.yilan": "宜蘭縣", "tw.hualien": "花蓮縣", "tw.taitung": "臺東縣", "tw.penghu": "澎湖縣",
    "tw.kinmen": "金門縣", "tw.lienchiang": "連江縣",
}  # fmt: skip
PROGRAM_LABELS = {
    "tw.disability_homecare": "失能身心障礙者補助使用居家照顧服務計畫",
    "tw.ltc10": "長期照顧十年計畫",
    "tw.ltc2": "長期照顧2.0",
    "self_pay": "自費",
}
CHARGE_LABELS = {
    "late_cancellation": "臨時取消（未於服務前24小時通知）",
    "cancellation": "取消",
    "absence": "案主不在（逾半小時）",
}
KIND_LABELS = {
    ClaimLineKind.SERVICE: "居家照顧服務費",
    ClaimLineKind.SUPERVISION_FEE: "督導費",
    ClaimLineKind.ASSESSMENT_FEE: "評估費",
    ClaimLineKind.MANAGEMENT_FEE: "專案管理費",
    ClaimLineKind.ADJUSTMENT: "前期調整",
}


def agency(organisation: Organisation) -> d.Agency:
    return d.Agency(name=organisation.name, phone=organisation.phone, jurisdiction=organisation.jurisdiction)


def issued_on(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


# --- statements and invoices --------------------------------------------------------------------------------


def statement_doc(statement: Statement, names: dict[int, str] | None = None) -> d.StatementDoc:
    detail = statement.detail
    names = names if names is not None else caregiver_names(_caregiver_ids([statement]))
    tiers = {tier: Decimal(hours) for tier, hours in statement.hours_by_tier.items()}
    only_tier = next(iter(t for t, h in tiers.items() if h)) if sum(1 for h in tiers.values() if h) == 1 else ""
    lines = tuple(
        d.StatementLine(
            day=v.day, start=v.start, end=v.end, hours=v.hours, tier=only_tier, caregiver=names.get(v.caregiver_id, "")
        )
        for v in billed_visits(statement)
    )
    return d.StatementDoc(
        agency=agency(statement.close.organisation), month=statement.close.month, client_name=statement.client.name,
        case_number=statement.case.number if statement.case else "", program=statement.program,
        level=statement.level, income=statement.income, approved_hours=statement.approved_hours, lines=lines,
        hours_by_tier=tiers, service_total=statement.service_total, government=statement.government,
        user_share=statement.user_share,
        cancellation_fees=tuple(
            (dt.date.fromisoformat(day), CHARGE_LABELS.get(kind, kind), fee)
            for _visit, day, kind, fee in detail.get("charges", [])
        ),
        adjustments=tuple((text, amount) for text, amount in detail.get("adjustments", [])),
        amount_due=statement.amount_due, rule_ids=tuple(statement.rule_ids), issued_on=issued_on(statement.close.month),
    )  # fmt: skip


def statement_docs(close: MonthClose) -> list[d.StatementDoc]:
    statements = list(
        close.statements.select_related("client", "case", "close__organisation").order_by("client__name", "id")
    )
    names = caregiver_names(_caregiver_ids(statements))
    return [statement_doc(statement, names) for statement in statements]


def invoice_doc(invoice: CopayInvoice) -> d.InvoiceDoc:
    return d.InvoiceDoc(
        statement=statement_doc(invoice.statement), number=invoice.number, issued_on=invoice.issued_on,
        due_on=invoice.due_on, amount=invoice.amount,
    )  # fmt: skip


def _caregiver_ids(statements) -> set[int]:
    return {v.caregiver_id for statement in statements for v in billed_visits(statement)}


def billed_visits(statement: Statement) -> list[frozen.BilledVisit]:
    return frozen.decode(statement.detail.get("visits", ""))


def caregiver_names(ids) -> dict[int, str]:
    return dict(CaregiverProfile.objects.filter(pk__in=list(ids)).values_list("pk", "person__name"))


# --- claims ---------------------------------------------------------------------------------------------------


def claim_doc(claim: Claim) -> d.ClaimDoc:
    lines = claim.lines.select_related("client", "case", "statement").order_by("position")
    return d.ClaimDoc(
        agency=agency(claim.organisation), month=claim.month, number=claim.number, program=claim.program,
        program_label=PROGRAM_LABELS.get(claim.program, claim.program), county=claim.county,
        county_label=COUNTY_LABELS.get(claim.county, claim.county),
        lines=tuple(_claim_line(line) for line in lines), total=claim.total, submitted_on=issued_on(claim.month),
    )  # fmt: skip


def _claim_line(line) -> d.ClaimLineDoc:
    return d.ClaimLineDoc(
        position=line.position, kind=line.kind, kind_label=KIND_LABELS.get(line.kind, line.kind),
        client_name=line.client.name if line.client else "", case_number=line.case.number if line.case else "",
        approved_hours=line.approved_hours, hours=line.hours, amount=line.amount, description=_description(line),
        review=line.review, review_reason=line.review_reason,
    )  # fmt: skip


def _description(line) -> str:
    if line.kind == ClaimLineKind.SERVICE and line.statement is not None:
        tiers = line.statement.hours_by_tier
        return "、".join(f"{TIER_WORDS.get(t, t)} {Decimal(h):.2f}" for t, h in tiers.items() if Decimal(h))
    if line.kind == ClaimLineKind.SUPERVISION_FEE:
        return "每案每月（DP-09）"
    if line.kind == ClaimLineKind.ASSESSMENT_FEE:
        return "本月開案評估（DP-09）"
    if line.kind == ClaimLineKind.MANAGEMENT_FEE:
        return line.description.replace("DP-09", "服務費補助額 ×", 1) + "（DP-09）" if line.description else "DP-09"
    return line.description


TIER_WORDS = {"full": "全額補助", "partial": "部分補助", "subsidised": "補助", "self_pay": "自費"}


# --- pay and the hours record ---------------------------------------------------------------------------------------


def pay_doc(close: MonthClose) -> d.PayDoc:
    lines = (
        PayLine.objects.filter(close=close)
        .select_related("caregiver__person")
        .order_by("caregiver__person__name", "id")
    )
    return d.PayDoc(
        agency=agency(close.organisation), month=close.month,
        lines=tuple(
            d.PayLineDoc(
                caregiver=p.caregiver.person.name, visits=p.visits, service_minutes=p.service_minutes,
                travel_minutes=p.travel_minutes, cancelled_minutes=p.cancelled_minutes, hourly_wage=p.hourly_wage,
                pay=p.pay,
            )
            for p in lines
        ),
    )  # fmt: skip


def hours_record_doc(statement: Statement, caregiver_id: int | None = None) -> d.HoursRecordDoc:
    """The NT-15 hours record of one client's month (one caregiver's visits, or all of them): times and hours as
    billed, the client's confirmation, and the corrections made up to the close with their reasons."""
    billed = [v for v in billed_visits(statement) if caregiver_id in (None, v.caregiver_id)]
    records = {r.visit_id: r for r in VisitRecord.objects.filter(visit_id__in=[v.visit_id for v in billed])}
    corrections = list(
        HoursCorrection.objects.filter(record__visit_id__in=list(records), corrected_at__lte=statement.close.closed_at)
        .select_related("record__visit")
        .order_by("record__visit__on", "corrected_at", "id")
    )
    corrected = {c.record.visit_id for c in corrections}
    names = caregiver_names({v.caregiver_id for v in billed})
    rows = tuple(_hours_row(v, records.get(v.visit_id), v.visit_id in corrected) for v in billed)
    return d.HoursRecordDoc(
        agency=agency(statement.close.organisation), month=statement.close.month, client_name=statement.client.name,
        case_number=statement.case.number if statement.case else "",
        caregiver="、".join(names[i] for i in sorted(names, key=lambda pk: names[pk])),
        rows=rows, total_hours=sum((row.hours for row in rows), Decimal(0)),
        corrections=tuple(
            f"{c.record.visit.on:%m/%d} {c.field}: {c.original} → {c.corrected}（{c.reason}）" for c in corrections
        ),
    )  # fmt: skip


def _hours_row(visit: frozen.BilledVisit, record: VisitRecord | None, corrected: bool) -> d.HoursRecordRow:
    return d.HoursRecordRow(
        day=visit.day, check_in=visit.start, check_out=visit.end, hours=visit.hours,
        services=tuple(_service_name(code) for code in record.tasks_done) if record else (),
        confirmed_by=record.confirmed_by_name if record else "",
        confirmed_relation=record.confirmed_relation if record else "",
        confirmed_via=record.confirmed_via if record else "", corrected=corrected,
    )  # fmt: skip


def _service_name(code: str) -> str:
    item = SERVICE_BY_CODE.get(code)
    return item.name_zh if item else code
