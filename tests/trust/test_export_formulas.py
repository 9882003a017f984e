"""Every CSV and XLSX download shows hostile text as text: a name like =HYPERLINK("http://x","y") never becomes a
formula in the clerk's spreadsheet (OWASP CSV injection). The exports are found in the code (csv.writer,
openpyxl's Workbook), so a new export fails test_every_export_in_the_code_is_covered_here until it is added.

Fullwidth ＝＋－＠ are left as they are: spreadsheet programs evaluate only the ASCII signs when they open a file
(an IME turns ＝ into = only while typing), and rewriting them would change people's real names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from alongside.core.spreadsheet import safe_text
from alongside.testing.factories import OrganisationFactory, PersonFactory, member

SRC = Path(__file__).resolve().parents[2] / "src" / "alongside"
HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|'/C calc'!A0",
           "\t=1+1", "\r=1+1"]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Every module that writes a CSV or an XLSX, and the test below that downloads or renders it with hostile data.
EXPORTS = {
    "documents/tabular.py": "test_billing_claim_statements_and_pay_spreadsheets_neutralise_names",
    "equipment/export.py": "test_equipment_register_csv_by_page_and_api",
    "fieldwork/incident_stats.py": "test_incident_trends_csv_page",
    "govstats/presentation.py": "test_county_statistics_report_csv_and_xlsx_pages",
    "assistance/oversight/statistics.py": "test_pa_city_statistics_csv",
}


def csv_cells(body: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")) for cell in row]


def xlsx_cells(body: bytes) -> list[tuple[object, str]]:
    book = load_workbook(io.BytesIO(body))
    return [(cell.value, cell.data_type) for sheet in book for row in sheet.iter_rows() for cell in row]


def assert_csv_neutralised(body: bytes, hostile: str) -> None:
    cells = csv_cells(body)
    assert "'" + hostile in cells, f"{hostile!r} not found neutralised in {cells[:40]}"
    assert not [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)], cells


def assert_xlsx_neutralised(body: bytes, hostile: str) -> None:
    cells = xlsx_cells(body)
    assert ("'" + hostile, "s") in cells, f"{hostile!r} not found neutralised in {cells[:40]}"
    assert not [v for v, kind in cells if kind == "f"], "a formula cell in the workbook"
    assert not [v for v, _ in cells if isinstance(v, str) and v.startswith(FORMULA_STARTS)], cells


def _number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", text) is not None


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_export_in_the_code_is_covered_here():
    writers = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        and re.search(r"csv\.(writer|DictWriter)\(|\bWorkbook\(\)", path.read_text(encoding="utf-8"))
    )  # fmt: skip
    assert writers == sorted(EXPORTS), "a new CSV/XLSX export: neutralise its cells (core.spreadsheet.safe_text) " \
                                       "and add it to EXPORTS with a test that downloads it with hostile data"
    for test_name in EXPORTS.values():
        assert test_name in globals()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_safe_text_puts_an_apostrophe_before_every_formula_start(hostile):
    assert safe_text(hostile) == "'" + hostile
    assert safe_text("陳美玲") == "陳美玲"
    assert safe_text("＝HYPERLINK()") == "＝HYPERLINK()"  # fullwidth: not a formula when a file is opened


def test_billing_claim_statements_and_pay_spreadsheets_neutralise_names():
    from dataclasses import replace

    from alongside.documents import tabular
    from alongside.documents.tests import billing_samples as s

    hostile = HOSTILE[0]
    statement = s.statement(client=hostile, case="+NT-1")
    claim, pay = s.claim(), s.pay()
    claim = replace(claim, lines=tuple(replace(line, client_name=hostile) for line in claim.lines))
    pay = replace(pay, lines=tuple(replace(line, caregiver=hostile) for line in pay.lines))
    for body in (tabular.claim_csv(claim), tabular.statements_csv([statement]), tabular.pay_csv(pay)):
        assert_csv_neutralised(body, hostile)
    for body in (tabular.claim_xlsx(claim), tabular.statements_xlsx([statement]), tabular.pay_xlsx(pay)):
        assert_xlsx_neutralised(body, hostile)
    assert_csv_neutralised(tabular.statements_csv([statement]), "+NT-1")


@pytest.mark.parametrize("hostile", HOSTILE[:4])
def test_equipment_register_csv_by_page_and_api(hostile, agency, manager):
    from alongside.equipment import services

    keeper = PersonFactory(organisation=agency, kind="staff", name=hostile)
    services.item_register(actor=manager, organisation=agency, keeper=keeper, number="EQ-001", name=hostile,
                           category="office_machine", location=hostile, acquired_on=dt.date(2025, 1, 10),
                           cost=12500)  # fmt: skip
    page = signed_in(manager).get("/equipment/register.csv")
    api = signed_in(manager).get("/api/v1/equipment/items.csv")
    for response in (page, api):
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert_csv_neutralised(response.content, hostile)


def test_incident_trends_csv_page(db):
    agency = OrganisationFactory(name=HOSTILE[0], kind="agency", jurisdiction="tw.nantou")
    manager = member("manager", agency, "manager_hostile")
    response = signed_in(manager).get("/visits/incidents/trends.csv", {"year": 2025})
    assert response.status_code == 200
    assert_csv_neutralised(response.content, HOSTILE[0])


def test_county_statistics_report_csv_and_xlsx_pages(db, county):
    agency = OrganisationFactory(name=HOSTILE[0], kind="agency", jurisdiction="tw.nantou")
    officer = member("government_officer", county, "officer_hostile")
    manager = member("manager", agency, "manager_hostile")
    for user in (manager, officer):
        csv_response = signed_in(user).get(f"/statistics/agencies/{agency.pk}/2014/6/report.csv")
        xlsx_response = signed_in(user).get(f"/statistics/agencies/{agency.pk}/2014/6/report.xlsx")
        assert (csv_response.status_code, xlsx_response.status_code) == (200, 200)
        assert_csv_neutralised(csv_response.content, HOSTILE[0])
        assert_xlsx_neutralised(xlsx_response.content, HOSTILE[0])


def test_pa_city_statistics_csv(db, household):
    from alongside.testing.factories import pa_enrolment

    pa_enrolment(household, member("pa_user", household, "pa_user_hostile"))  # the city has one PA household
    city = OrganisationFactory(name=HOSTILE[0], kind="government", jurisdiction="jp.sapporo")
    officer = member("government_officer", city, "city_hostile")
    page = signed_in(officer).get(reverse("assistance:city_statistics_csv"), {"year": 2025})
    api = signed_in(officer).get("/api/v1/pa/city/statistics.csv", {"year": 2025})
    for response in (page, api):
        assert response.status_code == 200, response.content[:300]
        assert_csv_neutralised(response.content, HOSTILE[0])
