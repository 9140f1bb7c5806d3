"""A dossier's form 02 and papers: the self-assessment against the product set's sheet,
documents checked by content and stored once, and the papers a re-evaluation adds."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from uuid import UUID

import pytest

from runtime.clock import FixedClock
from runtime.commands import CommandContext
from services.registration.application import RegistrationApp
from services.registration.domain.documents import MAX_DOCUMENT_BYTES, sniff
from tests.unit.registration.helpers import (
    PDF,
    RECEIVED,
    assess_and_forward,
    complete,
    product,
    refused,
)


def test_the_self_assessment_follows_the_sheet(
    app: RegistrationApp, actor: CommandContext, dossier: UUID
) -> None:
    record = app.dossiers.record_self_assessment
    e = refused(lambda: record(actor, dossier_id=dossier, choices={"99.9": "1"}), app)
    assert e.field == "choices[99.9]"
    e = refused(lambda: record(actor, dossier_id=dossier, choices={"1.1": "9"}), app)
    assert (e.field, e.kind) == ("choices[1.1]", "invalid_argument")
    assert "1, 2, 3" in e.message("en")
    e = refused(
        lambda: record(actor, dossier_id=dossier, choices={"1.1": "3"}, evidence={"1.1": ["ab"]}),
        app,
    )
    assert e.field == "evidence[1.1]"
    sha = app.dossiers.attach_document(
        actor, dossier_id=dossier, name="hd.pdf", category="contracts_invoices", content=PDF
    )
    assert record(actor, dossier_id=dossier, choices={"1.1": "3"}, evidence={"1.1": [sha]}) == 1


# It counts the in-memory blob store's entries; the directory store is the SQLite tier's.
@pytest.mark.parametrize("app_settings", ["memory"], indirect=True)
def test_documents_are_checked_by_content_and_stored_once(
    app: RegistrationApp, actor: CommandContext, dossier: UUID
) -> None:
    attach = app.dossiers.attach_document
    e = refused(
        lambda: attach(
            actor, dossier_id=dossier, name="x.pdf", category="other", content=b"MZ\x90"
        ),
        app,
    )
    assert e.field == "content"  # an .exe named .pdf
    big = b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES
    e = refused(
        lambda: attach(actor, dossier_id=dossier, name="big.pdf", category="other", content=big),
        app,
    )
    assert (e.field, "20 MiB" in e.message("en")) == ("content", True)
    e = refused(
        lambda: attach(
            actor,
            dossier_id=dossier,
            name="a",
            category="other",
            content=PDF,
            declared_media_type="image/png",
        ),
        app,
    )
    assert e.field == "media_type"
    e = refused(
        lambda: attach(actor, dossier_id=dossier, name="a", category="nope", content=PDF), app
    )
    assert e.field == "category"
    sha = attach(actor, dossier_id=dossier, name="a.pdf", category="other", content=PDF)
    e = refused(
        lambda: attach(actor, dossier_id=dossier, name="b.pdf", category="other", content=PDF), app
    )
    assert e.kind == "already_exists"
    other = app.dossiers.submit_dossier(
        actor, product_id=product(app, actor), kind="first", received_on=RECEIVED
    )
    assert attach(actor, dossier_id=other, name="c.pdf", category="other", content=PDF) == sha
    assert app.document(sha) == PDF
    assert len(app.blobs.blobs) == 1  # type: ignore[attr-defined]


def test_office_files_are_recognised() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert sniff(buffer.getvalue()).endswith("spreadsheetml.sheet")  # type: ignore[union-attr]
    assert sniff(b"PK\x03\x04 not a zip") is None


def test_a_re_evaluation_needs_its_update_and_renewed_papers(
    app: RegistrationApp, actor: CommandContext, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=365 * 3))  # 2029: the re-evaluation is received 01/02/2029
    product_id = product(app, actor)
    first = app.dossiers.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=RECEIVED
    )
    complete(app, actor, first)
    assess_and_forward(app, actor, first, date(2026, 6, 5))
    again = app.dossiers.submit_dossier(
        actor, product_id=product_id, kind="re_evaluation", received_on=date(2029, 2, 1)
    )
    complete(app, actor, again)
    missing = [en for _, en in app.missing(app.get_dossier(again))]
    assert missing == ["missing the 3-year update", "missing renewed papers"]
    for name, category in (("cap-nhat.pdf", "three_year_update"), ("gcn.pdf", "renewed_papers")):
        app.dossiers.attach_document(
            actor, dossier_id=again, name=name, category=category, content=PDF + name.encode()
        )
    assert app.missing(app.get_dossier(again)) == []
