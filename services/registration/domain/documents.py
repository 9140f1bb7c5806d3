"""Documents of a dossier: what is accepted, recognised by content (magic bytes), not by name."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from runtime.errors import CommandRejected

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # 20 MiB per file: a scanned certificate or a lab report
ACCEPTED = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Evidence categories of form 02 (Part III annex) plus the forms themselves.
CATEGORIES = (
    "form_01",
    "form_02",
    "business_registration",
    "food_safety_certificate",
    "quality_declaration",
    "lab_test",
    "raw_material_origin",
    "environment",
    "local_labour",
    "financial_statements",
    "intellectual_property",
    "contracts_invoices",
    "promotion",
    "product_story",
    "traceability",
    "quality_management",
    "awards",
    "three_year_update",
    "renewed_papers",
    "other",
)


@dataclass(frozen=True)
class Content:
    """A checked file: its digest, size and media type as found in the bytes."""

    sha256: str
    size: int
    media_type: str


MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff(data: bytes) -> str | None:
    """The media type the bytes really are, among the accepted ones (None otherwise)."""
    for magic, media_type in MAGIC:
        if data.startswith(magic):
            return media_type
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    office = {"word/": DOCX, "xl/": XLSX}
    return next(
        (t for prefix, t in office.items() if any(n.startswith(prefix) for n in names)), None
    )


def check_content(data: bytes, declared_type: str = "") -> Content:
    """Refuse empty, oversized or unaccepted files; the media type comes from the bytes."""
    if not data:
        raise CommandRejected("invalid_argument", "content", "Tệp rỗng.", "The file is empty.")
    if len(data) > MAX_DOCUMENT_BYTES:
        mib = MAX_DOCUMENT_BYTES // (1024 * 1024)
        raise CommandRejected(
            "invalid_argument",
            "content",
            f"Tệp {len(data):,} byte vượt giới hạn {mib} MiB.",
            f"The file ({len(data):,} bytes) exceeds the {mib} MiB limit.",
        )
    media_type = sniff(data)
    if media_type is None:
        kinds = ", ".join(ACCEPTED.values())
        raise CommandRejected(
            "invalid_argument",
            "content",
            f"Loại tệp không được chấp nhận (nội dung không phải {kinds}).",
            f"Refused file type: the content is not one of {kinds}.",
        )
    if declared_type and declared_type != media_type:
        raise CommandRejected(
            "invalid_argument",
            "media_type",
            f"Loại tệp khai báo '{declared_type}' không khớp nội dung ({media_type}).",
            f"Declared media type '{declared_type}' does not match the content ({media_type}).",
        )
    return Content(hashlib.sha256(data).hexdigest(), len(data), media_type)
