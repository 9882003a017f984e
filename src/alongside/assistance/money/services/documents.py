"""The papers of a claim as PDF (実績記録票, 活動日誌, 請求書), printed from its frozen figures."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from alongside.assistance.models import Claim
from alongside.assistance.money.documents_input import claim_doc
from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.documents.pa_claim import PA_DOCUMENTS

KINDS = tuple(PA_DOCUMENTS)


@dataclass(frozen=True)
class Document:
    content: bytes
    filename: str
    content_type: str = "application/pdf"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def claim_document(*, claim: Claim, kind: str) -> Document:
    """One paper of `claim` (its reach is checked by the caller's selector). NotFound for an unknown kind."""
    if kind not in PA_DOCUMENTS:
        raise NotFound
    if not claim.figures:
        raise DomainError.single("claim", ErrorCode.INVALID, _("Prepare the claim first: it has no figures yet."))
    title, render = PA_DOCUMENTS[kind]
    return Document(render(claim_doc(claim)), f"{title}_{claim.month:%Y-%m}.pdf")
