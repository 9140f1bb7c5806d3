"""How registration's gRPC requests map to its commands: one `Shape` per request message
(runtime.rpc_mapping: only the fields needing conversion are named), the idea steps of
`AdvanceIdea`, and the reading of a document's chunk stream."""

from __future__ import annotations

from collections.abc import Iterator

from contracts.rpc import registration_pb2 as pb
from runtime.errors import CommandRejected
from runtime.rpc_mapping import Shape, as_uuid, dates, optional, uuids
from services.registration.domain.documents import MAX_DOCUMENT_BYTES

REGISTER_PRODUCER = Shape(convert={"business_registration_no": optional()})
REGISTER_IDEA = Shape(convert={**uuids("producer_id"), **dates("submitted_on")})
REGISTER_PRODUCT = Shape(convert={"producer_id": optional(as_uuid), "idea_id": optional(as_uuid)})
LIST_IDEAS = Shape(
    convert={"producer_id": optional(as_uuid)}, drop=("query", "page_size", "page_token")
)
LIST_DOSSIERS = Shape(drop=("query", "page_size", "page_token"))
SUBMIT_DOSSIER = Shape(convert={**uuids("product_id"), **dates("received_on")})
RETURN_DOSSIER = Shape(convert={**uuids("dossier_id"), **dates("returned_on")})
RESUBMIT_DOSSIER = Shape(convert={**uuids("dossier_id"), **dates("received_on")})
ASSESS_DOSSIER = Shape(convert={**uuids("dossier_id"), **dates("assessed_on")})
FORWARD_DOSSIER = Shape(convert={**uuids("dossier_id"), **dates("forwarded_on")})
SELF_ASSESSMENT = Shape(convert=uuids("dossier_id"), drop=("scores",))
DOCUMENT = Shape(
    convert={**uuids("dossier_id"), "category": lambda _, value: value or "other"},
    rename={"media_type": "declared_media_type"},
    drop=("data",),
)
ERASE_PERSONAL_DATA = Shape(convert=uuids("producer_id"))
RECEIVE_AT_COMMUNE = Shape(convert={**uuids("dossier_id"), **dates("received_on")})


def _advance(on: str, **keep: str) -> Shape:
    """An idea step: the idea, its date under the command's name `on`, and the free-text
    fields `keep` (proto field -> parameter) that this step takes."""
    return Shape(
        convert={**uuids("idea_id"), **dates("on")},
        rename={"on": on, **keep},
        drop={"action", "reason", "text"} - keep.keys(),
    )


IDEA_ACTIONS: dict[str, tuple[str, Shape]] = {
    "accept": ("accept_idea", _advance("decided_on")),
    "return": ("return_idea", _advance("decided_on", reason="reason")),
    "resubmit": ("resubmit_idea", _advance("submitted_on", text="description")),
    "submit_plan": ("submit_business_plan", _advance("submitted_on", text="summary")),
    "approve_plan": ("approve_business_plan", _advance("decided_on")),
    "return_plan": ("return_business_plan", _advance("decided_on", reason="reason")),
}
"""AdvanceIdeaRequest.action -> (the application's command, how the request maps to it)."""


def read_chunks(chunks: Iterator[pb.DocumentChunk]) -> tuple[pb.DocumentChunk, bytes]:
    """The first chunk (it carries the document's fields) and the content; reading stops
    past `MAX_DOCUMENT_BYTES`, leaving an over-long content for the application to refuse
    with the limit in its message. Refuses an empty stream."""
    first: pb.DocumentChunk | None = None
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        first = first or chunk
        size += len(chunk.data)
        if size > MAX_DOCUMENT_BYTES:
            parts = [b"\0" * (MAX_DOCUMENT_BYTES + 1)]
            break
        parts.append(chunk.data)
    if first is None:
        raise CommandRejected("invalid_argument", "content", "Tệp rỗng.", "The file is empty.")
    return first, b"".join(parts)
