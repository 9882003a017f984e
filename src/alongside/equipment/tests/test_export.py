"""The register as CSV: UTF-8 with a BOM, and no cell a spreadsheet would run as a formula."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from alongside.equipment.export import safe_cell
from alongside.equipment.tests.conftest import make_item

pytestmark = pytest.mark.django_db


def test_formula_cells_are_neutralised():
    assert [safe_cell(v) for v in ("=1+2", "+886", "-3", "@SUM(A1)", "印表機", 0, None)] == [
        "'=1+2",
        "'+886",
        "'-3",
        "'@SUM(A1)",
        "印表機",
        "0",
        "",
    ]


def test_the_register_downloads_as_csv_with_a_bom(manager, agency, keeper):
    make_item(manager, agency, keeper, number="EQ-001", name='=HYPERLINK("http://x")', location="辦公室")
    client = Client()
    client.force_login(manager)
    response = client.get(reverse("equipment:register_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Property number", "Name", "Category"]
    assert rows[1][:7] == [
        "EQ-001",
        '\'=HYPERLINK("http://x")',
        "Office machines (printer, copier, fax)",
        "辦公室",
        "2025-01-10",
        "12500",
        "王小明",
    ]
    assert rows[1][9] == "2025-07-10"
