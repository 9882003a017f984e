"""Printable forms of the Nantou home-care manual (seed 004, appendix) as PDF.

Pure Python, no Django: each form module has a frozen dataclass of plain data and a
``render_<form>(data) -> bytes`` function; missing values print as blank lines.
The Traditional Chinese font is vendored under ``fonts/`` and embedded (subset) in every PDF.

    from alongside.documents import FORMS
    title, data_class, render = FORMS["closure"]
    pdf_bytes = render(data_class(client_name="林阿嬌", reason=1))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .application import ApplicationData, render_application
from .assessment import AssessmentData, render_assessment
from .case_management import CaseManagementData, render_case_management
from .closure import ClosureData, render_closure
from .contract import ContractData, EmergencyContact, render_contract
from .needs_change import NeedsChangeColumn, NeedsChangeData, render_needs_change
from .referral import ReferralData, render_referral
from .referral_reply import ReferralReplyData, render_referral_reply
from .service_catalogue import SERVICE_CATALOGUE
from .supervision_record import SupervisionRecordData, render_supervision_record


class FormSpec(NamedTuple):
    title: str
    data_class: type
    render: Callable[..., bytes]


FORMS: dict[str, FormSpec] = {
    "assessment": FormSpec("居家服務條件評估表", AssessmentData, render_assessment),
    "application": FormSpec("南投縣政府長期照顧管理中心個案轉介單/申請單", ApplicationData, render_application),
    "contract": FormSpec("個案服務契約書", ContractData, render_contract),
    "case_management": FormSpec("個案管理表", CaseManagementData, render_case_management),
    "referral": FormSpec("個案轉介單", ReferralData, render_referral),
    "referral_reply": FormSpec("個案轉介回覆單", ReferralReplyData, render_referral_reply),
    "needs_change": FormSpec("居家照顧服務需求異動表", NeedsChangeData, render_needs_change),
    "closure": FormSpec("個案結案表", ClosureData, render_closure),
    "supervision_record": FormSpec("督導紀錄表", SupervisionRecordData, render_supervision_record),
}

__all__ = [
    "FORMS",
    "SERVICE_CATALOGUE",
    "ApplicationData",
    "AssessmentData",
    "CaseManagementData",
    "ClosureData",
    "ContractData",
    "EmergencyContact",
    "FormSpec",
    "NeedsChangeColumn",
    "NeedsChangeData",
    "ReferralData",
    "ReferralReplyData",
    "SupervisionRecordData",
    "render_application",
    "render_assessment",
    "render_case_management",
    "render_closure",
    "render_contract",
    "render_needs_change",
    "render_referral",
    "render_referral_reply",
    "render_supervision_record",
]
