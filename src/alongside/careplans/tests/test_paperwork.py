"""The contract and the needs-change table printed as the manual's forms."""

import datetime as dt

import pypdfium2
from django.test import Client

from alongside.careplans import paperwork, services
from alongside.careplans.tests.conftest import on_screen


def pdf_text(content: bytes) -> str:
    return "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(content))


def test_the_contract_form_carries_the_snapshot_hours_and_services(draft, supervisor):
    signed = services.contract_sign(actor=supervisor, contract=draft, signature=on_screen())
    data = paperwork.contract_form(signed)
    assert data.client_name == "林阿嬌"
    assert data.national_id == "M221234563"
    assert data.services == frozenset({"bathing", "meals"})
    assert data.signed_on == dt.date(2014, 6, 12)
    # moderate level, general household: 16 h free, up to 36 h half subsidised (DP-05, DP-07); 40 approved
    assert (data.hours_full, data.hours_50, data.hours_self) == (16, 20, 4)


def test_the_contract_pdf_is_served_from_the_case_page(draft, supervisor):
    client = Client()
    client.force_login(supervisor)
    response = client.get(f"/cases/{draft.case.pk}/forms/contract.pdf")
    text = pdf_text(response.content)
    assert "個案服務契約書" in text
    assert "林阿嬌" in text


def test_the_needs_change_table_has_one_column_per_plan_version(plan, supervisor, case):
    services.needs_change_record(
        actor=supervisor,
        case=case,
        expected_plan=1,
        draft=services.NeedsChangeDraft(
            changed_on=dt.date(2014, 8, 1),
            reason="出院後需協助服藥",
            agreed_by_name="林志明",
            agreed_by_relation="family",
            services=[
                *[
                    services.ServiceLine(line.service_code, line.times_per_week, line.minutes_per_visit)
                    for line in plan.services.all()
                ],
                services.ServiceLine("medication", 7, 15),
            ],
        ),
    )
    data = paperwork.needs_change_form(case)
    assert [column.date for column in data.columns] == [dt.date(2014, 6, 10), dt.date(2014, 8, 1)]
    assert data.columns[1].services == frozenset({"bathing", "meals", "medication"})
