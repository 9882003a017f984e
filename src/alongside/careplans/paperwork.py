"""The contract and the needs-change table as the manual's paper forms (alongside.documents)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from alongside.careplans.models import CarePlan, Contract
from alongside.cases import choices as case_choices
from alongside.cases.models import Case
from alongside.documents import ContractData, EmergencyContact, NeedsChangeColumn, NeedsChangeData

# The contract's five hour classes, by the government's share of the fee (第五條).
HOUR_COLUMNS = {Decimal("1"): "hours_full", Decimal("0.9"): "hours_90", Decimal("0.7"): "hours_70",
                Decimal("0.5"): "hours_50", Decimal("0"): "hours_self"}  # fmt: skip
PROGRAM_NAMES = {
    case_choices.Program.DISABILITY_HOMECARE: "失能身心障礙者補助使用居家照顧服務計畫",
    case_choices.Program.LTC10: "長期照顧十年計畫",
    case_choices.Program.SELF_PAY: "自費",
}
LEVEL_NAMES = {"mild": "輕度", "moderate": "中度", "severe": "重度"}


def contract_form(contract: Contract) -> ContractData:
    """個案服務契約書 from the snapshot the contract was generated with."""
    terms, case = contract.terms, contract.case
    hours = {}
    for row in terms.get("hours_by_class", []):
        column = HOUR_COLUMNS.get(Decimal(str(row["government_share"])).normalize())
        if column and row["hours"] is not None:
            hours[column] = hours.get(column, Decimal(0)) + Decimal(str(row["hours"]))
    contacts = tuple(
        EmergencyContact(name=e["name"], relationship=e["relationship"], phone=e["phone"])
        for e in terms.get("emergency_contacts", [])[:2]
    )
    program = PROGRAM_NAMES.get(terms.get("program"), terms.get("program"))
    level = LEVEL_NAMES.get(terms.get("approved_level"), terms.get("approved_level") or "")
    cancellation = terms.get("cancellation", {})
    return ContractData(
        client_name=terms["client"]["name"], national_id=contract.client_national_id or None, case_no=case.number,
        agency_name=terms["agency"]["name"], approved_program=f"{program} {level}".strip(),
        services=frozenset(terms.get("services", [])), hourly_rate=terms.get("hourly_rate", 180),
        cancel_notice_hours=cancellation.get("notice_hours", 24), emergency_contacts=contacts,
        period_start=_date(terms["period"]["start"]), period_end=_date(terms["period"]["end"]),
        client_address=terms["client"].get("address") or None, signed_on=contract.signed_on, **hours,
    )  # fmt: skip


def needs_change_form(case: Case) -> NeedsChangeData:
    """居家照顧服務需求異動表: one dated column per plan version, ticking its services."""
    plans = CarePlan.objects.filter(case=case).order_by("number").prefetch_related("services")
    columns = tuple(
        NeedsChangeColumn(date=plan.valid_from, services=frozenset(s.service_code for s in plan.services.all()))
        for plan in plans
    )
    return NeedsChangeData(case_no=case.number, client_name=case.client.name, columns=columns)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
