from __future__ import annotations

import pytest

from alongside.documents.closure import ClosureData
from alongside.documents.contract import ContractData
from alongside.documents.service_catalogue import (
    BODY_CARE_ITEMS,
    HOUSEHOLD_ITEMS,
    SERVICE_BY_CODE,
    SERVICE_CATALOGUE,
    check_codes,
)


def test_twenty_items_seven_household_thirteen_body_care():
    assert [i.number for i in SERVICE_CATALOGUE] == list(range(1, 21))
    assert len(HOUSEHOLD_ITEMS) == 7
    assert len(BODY_CARE_ITEMS) == 13
    assert len(SERVICE_BY_CODE) == 20
    assert SERVICE_BY_CODE["bathing"].name_zh == "協助沐浴"
    assert [i.code for i in SERVICE_CATALOGUE if i.is_other] == ["household_other", "body_care_other"]


def test_unknown_codes_are_refused():
    with pytest.raises(ValueError, match="massage"):
        check_codes({"bathing", "massage"})
    with pytest.raises(ValueError, match="massage"):
        ContractData(services=frozenset({"massage"}))


def test_closure_reason_is_checked():
    with pytest.raises(ValueError, match=r"1\.\.11"):
        ClosureData(reason=12)
    with pytest.raises(ValueError, match="A, B or C"):
        ClosureData(reason=7, reason7_sub="D")


def test_package_does_not_import_django():
    import subprocess
    import sys

    code = "import sys, alongside.documents; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
