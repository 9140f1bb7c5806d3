"""Documents of a dossier: what is accepted, recognised by content, not by name: the bytes'
type (magic bytes) and then the whole content, opened with the format's own library (a PDF
parses with pypdf, an image decodes with Pillow, a DOCX/XLSX opens with python-docx /
openpyxl after its archive's total size, ratio and entries were checked). Encrypted files
and active content that cannot be inspected (PDF JavaScript, launch actions, embedded
files; Office macros) are refused."""

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
    "production_licence",
    "production_conditions",
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
    inspect(media_type, data)
    if declared_type and declared_type != media_type:
        raise CommandRejected(
            "invalid_argument",
            "media_type",
            f"Loại tệp khai báo '{declared_type}' không khớp nội dung ({media_type}).",
            f"Declared media type '{declared_type}' does not match the content ({media_type}).",
        )
    return Content(hashlib.sha256(data).hexdigest(), len(data), media_type)


MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""An Office archive may unpack to at most 100 MiB…"""
MAX_PACKING_RATIO = 100
"""…and at most 100 times its own size (a zip bomb unpacks to thousands of times)."""
MAX_ARCHIVE_ENTRIES = 10_000
MAX_IMAGE_PIXELS = 100_000_000  # a 10,000 x 10,000 scan; a decompression bomb has far more
PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")
OFFICE_ACTIVE = ("vbaproject.bin", "activex", "vbadata.xml")


def _refuse(vi: str, en: str) -> CommandRejected:
    return CommandRejected("invalid_argument", "content", vi, en)


def inspect(media_type: str, data: bytes) -> None:
    """Refuses (`content`) a file whose content does not open as `media_type`, is encrypted,
    carries active content, or is a decompression bomb."""
    checks = {
        "application/pdf": _inspect_pdf,
        "image/jpeg": _inspect_image,
        "image/png": _inspect_image,
        DOCX: _inspect_office,
        XLSX: _inspect_office,
    }
    try:
        checks[media_type](data, media_type)
    except CommandRejected:
        raise
    except Exception as error:
        name = ACCEPTED[media_type]
        raise _refuse(
            f"Tệp không mở được như {name} ({type(error).__name__}).",
            f"The file does not open as {name} ({type(error).__name__}).",
        ) from error


def _inspect_pdf(data: bytes, media_type: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise _refuse(
            "Tệp PDF được mã hóa; hãy nộp bản không đặt mật khẩu.",
            "The PDF is encrypted; submit a copy without a password.",
        )
    if len(reader.pages) < 1:
        raise _refuse("Tệp PDF không có trang nào.", "The PDF has no pages.")
    found = [marker.decode() for marker in PDF_ACTIVE if marker in data]
    if found:
        raise _refuse(
            f"Tệp PDF có nội dung chủ động ({', '.join(found)}), không được chấp nhận.",
            f"The PDF carries active content ({', '.join(found)}), which is refused.",
        )


def _inspect_image(data: bytes, media_type: str) -> None:
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                size = (image.width, image.height)
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError(size)
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as bomb:
        raise _refuse(
            "Ảnh quá lớn (quá nhiều điểm ảnh).", "The image is too large (too many pixels)."
        ) from bomb


def _inspect_office(data: bytes, media_type: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        unpacked = sum(e.file_size for e in entries)
        if (
            len(entries) > MAX_ARCHIVE_ENTRIES
            or unpacked > MAX_UNPACKED_BYTES
            or (unpacked > MAX_PACKING_RATIO * len(data))
        ):
            raise _refuse(
                f"Tệp nén bung ra {unpacked:,} byte trong {len(entries):,} mục: quá lớn.",
                f"The archive unpacks to {unpacked:,} bytes in {len(entries):,} entries: "
                "too large.",
            )
        if any(e.flag_bits & 0x1 for e in entries):
            raise _refuse("Tệp được mã hóa.", "The file is encrypted.")
        active = [
            e.filename for e in entries if any(a in e.filename.lower() for a in OFFICE_ACTIVE)
        ]
        if active:
            raise _refuse(
                "Tệp có macro hoặc ActiveX, không được chấp nhận.",
                "The file carries macros or ActiveX, which are refused.",
            )
    if media_type == DOCX:
        import docx

        docx.Document(io.BytesIO(data))
    else:
        import openpyxl

        openpyxl.load_workbook(io.BytesIO(data), read_only=True).close()
