"""Issue 10, kind 4: documents are checked by content at the document store
(`services.registration.domain.documents.check_content`), not only by their leading bytes."""

from __future__ import annotations

import io
import zipfile

import pytest

from runtime.errors import CommandRejected
from services.registration.domain.documents import DOCX, XLSX, check_content
from tests.documents import pdf, png


def office(kind: str, extra: dict[str, bytes] | None = None, *, bomb: int = 0) -> bytes:
    """A DOCX or XLSX written by its own library, optionally with extra archive entries."""
    out = io.BytesIO()
    if kind == DOCX:
        import docx

        document = docx.Document()
        document.add_paragraph("Cà phê Đăk Hà")
        document.save(out)
    else:
        import openpyxl

        book = openpyxl.Workbook()
        book.create_sheet("Sản phẩm").append(["Cà phê"])
        book.save(out)
    if not extra and not bomb:
        return out.getvalue()
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
        if bomb:
            target.writestr("word/media/zeros.bin", b"\0" * bomb)
    return rebuilt.getvalue()


def refused(data: bytes) -> CommandRejected:
    with pytest.raises(CommandRejected) as error:
        check_content(data)
    assert error.value.field == "content"
    return error.value


@pytest.mark.parametrize(
    ("data", "media_type"),
    [(pdf(), "application/pdf"), (png(), "image/png"), (office(DOCX), DOCX), (office(XLSX), XLSX)],
)
def test_real_documents_are_accepted(data: bytes, media_type: str) -> None:
    assert check_content(data).media_type == media_type


@pytest.mark.parametrize(
    "fake",
    [
        b"%PDF-1.7\n" + b"1" * 1000,  # the fake PDFs: a header and nothing
        b"%PDF-",
        b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
        b"\xff\xd8\xff" + b"junk",
        pdf()[: len(pdf()) // 2],  # a truncated PDF
    ],
)
def test_files_that_only_start_like_a_document_are_refused(fake: bytes) -> None:
    refused(fake)


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    """The issue's zip bomb: a small archive unpacking to far more than it weighs."""
    bomb = office(DOCX, bomb=150 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    assert "unpacks" in refused(bomb).en


def test_a_decompression_bomb_image_is_refused() -> None:
    assert "too large" in refused(png(12_000, 10_000)).en


def test_office_macros_are_refused() -> None:
    refused(office(DOCX, {"word/vbaProject.bin": b"macro"}))


def test_pdf_active_content_is_refused() -> None:
    from pypdf import PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.add_open_action(JavaScript("app.alert('x');"))
    out = io.BytesIO()
    writer.write(out)
    assert "active content" in refused(out.getvalue()).en


def test_an_encrypted_pdf_is_refused() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    assert "encrypted" in refused(out.getvalue()).en
