"""Documents of the monthly close (issue 6 point 5) and the NT-15 hours record: pure renderers to bytes.

The billing services fill the dataclasses of ``billing_data`` and call these; nothing here touches Django.
Every renderer returns the same bytes for the same data (creation dates are dates of the document), and
refuses data whose stated totals contradict its lines with ``ValueError``.

    from alongside.documents.billing import statement_pdf
    pdf = statement_pdf(statement_doc)

PDF (Traditional Chinese, A4, tables repeat their header on every page): ``statement_pdf`` (月結單),
``invoice_pdf`` (部分負擔繳費單), ``claim_pdf`` (居家服務補助經費請領清冊), ``hours_record_pdf``
(照顧服務員工作時數紀錄表). CSV and XLSX (see ``tabular`` for the column choices): ``claim_csv``,
``claim_xlsx``, ``statements_csv``, ``statements_xlsx``, ``pay_csv``, ``pay_xlsx``.
"""

from __future__ import annotations

from .billing_data import (
    Agency,
    ClaimDoc,
    ClaimLineDoc,
    HoursRecordDoc,
    HoursRecordRow,
    InvoiceDoc,
    PayDoc,
    PayLineDoc,
    StatementDoc,
    StatementLine,
)
from .claim import claim_pdf
from .hours_record import hours_record_pdf
from .statement import invoice_pdf, statement_pdf
from .tabular import claim_csv, claim_xlsx, pay_csv, pay_xlsx, statements_csv, statements_xlsx

__all__ = [
    "Agency",
    "ClaimDoc",
    "ClaimLineDoc",
    "HoursRecordDoc",
    "HoursRecordRow",
    "InvoiceDoc",
    "PayDoc",
    "PayLineDoc",
    "StatementDoc",
    "StatementLine",
    "claim_csv",
    "claim_pdf",
    "claim_xlsx",
    "hours_record_pdf",
    "invoice_pdf",
    "pay_csv",
    "pay_xlsx",
    "statement_pdf",
    "statements_csv",
    "statements_xlsx",
]
