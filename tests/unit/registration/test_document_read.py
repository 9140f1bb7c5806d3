"""One document of a dossier read back (`GetDocument`'s application side): its facts as
recorded on upload, then its bytes in chunks; a document the dossier does not hold, and
bytes missing or altered in the store, are refused rather than served."""

from __future__ import annotations

import hashlib
from datetime import date
from uuid import UUID

import pytest

from runtime.blobs import MemoryBlobStore
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.application import RegistrationApp
from services.registration.application.bundle import CHUNK, document_of, document_parts
from tests.documents import pdf
from tests.unit.registration.helpers import product

BIG = pdf(padding=CHUNK + 1000)  # two chunks


def filed(app: RegistrationApp, actor: CommandContext) -> tuple[UUID, str]:
    dossier = app.dossiers.submit_dossier(
        actor, product_id=product(app, actor), kind="first", received_on=date(2026, 6, 1)
    )
    sha = app.dossiers.attach_document(
        actor, dossier_id=dossier, name="Phiếu kiểm nghiệm.pdf", category="lab_test", content=BIG
    )
    return dossier, sha


def test_a_document_reads_back_whole_in_chunks(app: RegistrationApp, actor: CommandContext) -> None:
    dossier, sha = filed(app, actor)
    view, data = document_of(app, dossier, sha.upper())  # the id as typed, any case
    assert view == {
        "sha256": sha,
        "size": len(BIG),
        "media_type": "application/pdf",
        "name": "Phiếu kiểm nghiệm.pdf",
        "category": "lab_test",
    }
    parts = list(document_parts(view, data))
    assert parts[0].manifest == view and not parts[0].data
    assert [p.offset for p in parts[1:]] == [0, CHUNK]
    assert [p.last for p in parts[1:]] == [False, True]
    assert b"".join(p.data for p in parts[1:]) == BIG


def test_a_document_of_another_dossier_or_none_is_not_found(
    app: RegistrationApp, actor: CommandContext
) -> None:
    dossier, _ = filed(app, actor)
    other, other_sha = filed(app, actor)
    app.dossiers.attach_document(
        actor, dossier_id=other, name="khác.pdf", category="form_02", content=pdf(7)
    )
    for asked in (hashlib.sha256(pdf(7)).hexdigest(), "", "../../etc/passwd"):
        with pytest.raises(CommandRejected) as refused:
            document_of(app, dossier, asked)
        assert (refused.value.kind, refused.value.field) == ("not_found", "document_id")
    assert other_sha == filed(app, actor)[1]  # same bytes, same id: held by each dossier


def test_bytes_altered_or_lost_in_the_store_are_not_served(
    app: RegistrationApp, actor: CommandContext
) -> None:
    dossier, sha = filed(app, actor)
    app.blobs = MemoryBlobStore()  # a store that lost the file
    with pytest.raises(CommandRejected) as lost:
        document_of(app, dossier, sha)
    assert (lost.value.kind, lost.value.field) == ("failed_precondition", "document_id")
    app.blobs.blobs[sha] = BIG[:-1] + b"!"  # and one whose file was altered
    with pytest.raises(CommandRejected) as altered:
        document_of(app, dossier, sha)
    assert altered.value.kind == "failed_precondition"
