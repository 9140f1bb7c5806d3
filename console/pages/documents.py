"""A dossier's uploaded documents, to preview or download:
`/ho-so/<dossier>/tai-lieu/<sha256>` (inline: PDF and images) and `...?tai=1` (download).

The bytes come from registration's `GetDocument`, which authorises the read exactly as
the dossier's (the producer's own, the unit's officers, the council, leadership,
auditors); the console decides nothing. The answer is served so that a document cannot
act as a page of the console: its type is the one registration checked by content on
upload (anything else is sent as `application/octet-stream`, to download),
`X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox` (no script, no
same-origin access even if a browser rendered it as a page), a `Content-Disposition`
with the file's name (RFC 6266/5987), and no caching. More than 20 MiB is never served
(registration's upload limit)."""

from __future__ import annotations

from contextlib import closing

from fastapi import APIRouter, Request
from fastapi.responses import Response

from console.web import attachment, client, render, signed_in, t
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc

router = APIRouter()

MAX_BYTES = 20 * 1024 * 1024
"""Registration's limit per document (services/registration/domain/documents.py)."""
INLINE = frozenset({"application/pdf", "image/jpeg", "image/png"})
"""Types a browser shows itself: previewed inline; the others are downloaded."""
SERVED = INLINE | {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/ho-so/{dossier_id}/tai-lieu/{document_id}")
def document(request: Request, dossier_id: str, document_id: str, tai: str = "") -> Response:
    signed_in(request)
    asked = pb.GetDocumentRequest(dossier_id=dossier_id, document_id=document_id)
    with closing(client(request)) as calls:
        stub = pb_grpc.RegistrationStub(calls.channel("registration"))  # type: ignore[no-untyped-call]
        parts = iter(calls.call(stub.GetDocument, asked))
        facts = next(parts).document
        data = bytearray()
        for part in parts:
            data += part.data
            if len(data) > MAX_BYTES:
                message = t(request, "document_too_large")
                return render(request, "error.html", status_code=502, message=message)
    media_type = facts.media_type if facts.media_type in SERVED else "application/octet-stream"
    inline = media_type in INLINE and not tai
    return Response(bytes(data), media_type=media_type, headers=safe_headers(facts.name, inline))


def safe_headers(name: str, inline: bool) -> dict[str, str]:
    """Headers that keep a served document from acting as a console page."""
    return {
        **attachment(name, inline),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "private, no-store",
        "Cross-Origin-Resource-Policy": "same-origin",
    }
