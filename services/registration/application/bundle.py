"""The dossier the next level receives (issue 20): the forwarded-products event stays
small, and the province fetches the whole dossier through an authorised, streamed and
resumable gRPC call (`GetDossierBundle`).

`bundle_parts(app, dossier_id)` yields the bundle as numbered parts: part 1 is the
manifest — form 01 (its personal part opened: the call is logged as a read of personal
data), form 02's self-assessment with its sheet's criteria, the commune's form 03
(report, four criteria, forwarding), the lower council's adopted result and
explanation when a council scored the dossier, and every document by SHA-256, size,
media type and name — then each document's bytes, from the document store, in chunks of
at most `CHUNK` bytes, in the manifest's order. The numbering is the same on every call,
so a caller that lost the stream asks again from the last part it kept; it checks each
document against its SHA-256 (`system.province.verify_bundle`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from runtime.errors import CommandRejected
from runtime.personal_data import opened_text
from services.registration.domain.documents import MAX_DOCUMENT_BYTES

if TYPE_CHECKING:
    from services.registration.application.app import RegistrationApp

CHUNK = 256 * 1024
FORMAT = "ocop-dossier-bundle/1"


@dataclass(frozen=True)
class Part:
    """One part of a bundle: the manifest (sequence 1) or a chunk of a document."""

    sequence: int
    manifest: dict[str, Any] | None = None
    sha256: str = ""
    offset: int = 0
    data: bytes = b""
    last: bool = False


def manifest(app: RegistrationApp, dossier_id: UUID) -> dict[str, Any]:
    """The bundle's first part (JSON-ready). Refuses a dossier not forwarded yet
    (FAILED_PRECONDITION): the next level receives forwarded dossiers only."""
    dossier = app.get_dossier(dossier_id)
    if dossier.status != "forwarded":
        raise CommandRejected(
            "failed_precondition",
            "dossier_id",
            f"Hồ sơ {dossier_id} chưa được chuyển lên cấp trên (trạng thái '{dossier.status}').",
            f"Dossier {dossier_id} has not been forwarded (status '{dossier.status}').",
        )
    form_01 = dict(dossier.form_01)
    sealed = form_01.get("personal")
    opened = app.personal.open(str(dossier.producer_id), sealed) if sealed else None
    form_01["personal"] = (
        opened if isinstance(opened, dict) or opened is None else opened_text(opened)
    )
    return {
        "format": FORMAT,
        "dossier_id": str(dossier.id),
        "product_id": str(dossier.product_id),
        "producer_id": str(dossier.producer_id),
        "product_name": dossier.product_name,
        "product_set": dossier.product_set,
        "product_code": dossier.product_code or "",
        "kind": dossier.kind,
        "rule_set_id": dossier.rule_set_id,
        "received_on": _iso(dossier.received_on),
        "form_01": form_01,
        "form_02": {
            "self_assessment": dossier.self_assessment,
            "criteria_on_sheet": sorted(app.requirements(dossier).sheet),
        },
        "form_03": {
            "report_no": dossier.report_no or "",
            "assessed_on": _iso(dossier.assessed_on),
            "officer": dossier.officer or "",
            "criteria": dossier.criteria,
            "forwarded_to": dossier.forwarded_to or "",
            "forwarded_on": _iso(dossier.forwarded_on),
        },
        "council_result": dossier.council_result,
        "documents": [
            {
                "sha256": d["sha256"],
                "size": d["size"],
                "media_type": d.get("media_type", ""),
                "name": d.get("name", ""),
                "category": d.get("category", ""),
            }
            for d in dossier.documents.values()
        ],
    }


def bundle_parts(app: RegistrationApp, dossier_id: UUID, resume_after: int = 0) -> Iterator[Part]:
    """The bundle's parts numbered from 1, those after `resume_after` (0: all). Raises
    `CommandRejected` (`documents`, FAILED_PRECONDITION) when a document is not in the
    store: a bundle is never sent with a hole."""
    head = manifest(app, dossier_id)
    sequence = 1
    if resume_after < sequence:
        yield Part(sequence, manifest=head)
    for document in head["documents"]:
        sha, size = document["sha256"], int(document["size"])
        chunks = max(1, -(-size // CHUNK))
        if resume_after >= sequence + chunks:  # every chunk of it was received
            sequence += chunks
            continue
        data = app.document(sha)
        if data is None:
            raise CommandRejected(
                "failed_precondition",
                "documents",
                f"Tài liệu {sha} không có trong kho tài liệu.",
                f"Document {sha} is missing from the document store.",
            )
        for index in range(chunks):
            sequence += 1
            if sequence <= resume_after:
                continue
            start = index * CHUNK
            yield Part(
                sequence,
                sha256=sha,
                offset=start,
                data=data[start : start + CHUNK],
                last=index == chunks - 1,
            )


def manifest_json(head: dict[str, Any]) -> str:
    return json.dumps(head, ensure_ascii=False, sort_keys=True, default=str)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def document_of(
    app: RegistrationApp, dossier_id: UUID, document_id: str
) -> tuple[dict[str, Any], bytes]:
    """One document of the dossier, to preview or download (`GetDocument`): its facts as
    recorded on upload (sha256, size, media type checked by content, name, category) and its
    bytes, checked against its SHA-256. Refuses a document the dossier does not hold
    (`not_found`, document_id), and bytes missing from the store, altered or over the
    20 MiB limit (`failed_precondition`, document_id): never serves what was not checked."""
    dossier = app.get_dossier(dossier_id)
    wanted = document_id.strip().lower()
    facts = dossier.documents.get(wanted) if wanted else None
    if facts is None:
        raise CommandRejected(
            "not_found",
            "document_id",
            f"Hồ sơ {dossier_id} không có tài liệu {document_id.strip()[:64]}.",
            f"Dossier {dossier_id} holds no document {document_id.strip()[:64]}.",
        )
    data = app.document(wanted)
    if data is None or len(data) > MAX_DOCUMENT_BYTES or hashlib.sha256(data).hexdigest() != wanted:
        raise CommandRejected(
            "failed_precondition",
            "document_id",
            f"Tài liệu {wanted} không có hoặc không còn nguyên vẹn trong kho tài liệu.",
            f"Document {wanted} is missing from the document store or not intact.",
        )
    view = {
        "sha256": wanted,
        "size": len(data),
        "media_type": facts.get("media_type", ""),
        "name": facts.get("name", ""),
        "category": facts.get("category", ""),
    }
    return view, data


def document_parts(view: dict[str, Any], data: bytes) -> Iterator[Part]:
    """A document as bundle-sized parts: its facts first (no bytes), then its chunks."""
    yield Part(1, manifest=view)
    chunks = max(1, -(-len(data) // CHUNK))
    for index in range(chunks):
        start = index * CHUNK
        yield Part(
            index + 2,
            sha256=view["sha256"],
            offset=start,
            data=data[start : start + CHUNK],
            last=index == chunks - 1,
        )
