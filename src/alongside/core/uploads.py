"""Uploaded files: the type read from the file's first bytes, a size limit, and a name the server makes.

The client's content type and file name are never trusted: an HTML page renamed `scan.pdf` is refused, and the
stored name is `<prefix>-<random>.<type>` whatever the client called the file (no path, no overwrite).
Downloads go out as attachments with the type of what was stored and `X-Content-Type-Options: nosniff`.
"""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

from alongside.core.errors import ErrorCode, FieldProblem

# What a scan of a signed paper may be, recognised by its first bytes.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
TYPE_NAMES = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniffed_type(upload: UploadedFile, allowed: tuple[str, ...] = tuple(SIGNATURES)) -> str | None:
    """The file's type by its magic bytes, or None when it is none of `allowed`."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return next((kind for kind in allowed for magic in SIGNATURES[kind] if head.startswith(magic)), None)


def checked_upload(
    upload: UploadedFile | None,
    *,
    field: str,
    label: str,
    problems: list[FieldProblem],
    allowed: tuple[str, ...] = tuple(SIGNATURES),
    required: bool = True,
) -> str | None:
    """The upload's type ("pdf", "jpg", "png") when it may be stored; otherwise a problem naming the field is
    appended and None is returned. `label` is the field's translated label, shown in the message."""
    if upload is None:
        if required:
            message = _("%(field)s: attach the file.") % {"field": label}
            problems.append(FieldProblem(field, ErrorCode.REQUIRED, message))
        return None
    limit = max_upload_bytes()
    if upload.size is None or upload.size > limit:
        problems.append(FieldProblem(field, "too_large", _("%(field)s: the file may be at most %(size)s MB.") % {
            "field": label, "size": f"{limit / (1024 * 1024):g}"}))  # fmt: skip
        return None
    kind = sniffed_type(upload, allowed)
    if kind is None:
        kinds = ", ".join(TYPE_NAMES[k] for k in allowed)
        problems.append(FieldProblem(field, "file_type", _("%(field)s: the file must be one of %(types)s.") % {
            "field": label, "types": kinds}))  # fmt: skip
    return kind


def stored_name(prefix: str, kind: str) -> str:
    """A fresh server-made file name: the prefix reduced to [a-z0-9-], a random part, the sniffed type."""
    safe_prefix = re.sub(r"[^a-z0-9-]+", "-", prefix.lower()).strip("-")[:60] or "upload"
    if kind not in SIGNATURES:
        raise ValueError(f"unknown upload type {kind!r}")
    return f"{safe_prefix}-{uuid.uuid4().hex}.{kind}"


def attachment_response(field_file) -> FileResponse:
    """Serve a stored upload for download: always an attachment, typed by what was stored, never sniffed."""
    name = field_file.name.rsplit("/", 1)[-1]
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = CONTENT_TYPES.get(kind, "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
