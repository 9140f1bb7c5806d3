"""The registration servicer's streamed replies: the dossier bundle the next level
receives and one document of a dossier, each a generator of reply parts; `streamed` makes
a servicer method of one, a refusal (`CommandRejected`) aborting the stream with its
status and message."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc

from contracts.rpc import registration_pb2 as pb
from runtime.errors import CommandRejected
from runtime.jurisdiction import UnitPath, require_jurisdiction
from runtime.rpc import abort, parse_uuid, verified_actor
from services.registration.application import RegistrationApp, bundle

Stream = Callable[[RegistrationApp, Any], Iterator[Any]]


def streamed(produce: Stream) -> Callable[..., Iterator[Any]]:
    """A server-streaming servicer method yielding `produce(app, request)`'s parts."""

    def method(self: Any, request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        try:
            yield from produce(self.app, request)
        except CommandRejected as rejected:
            abort(context, rejected)

    method.__doc__ = produce.__doc__
    return method


def dossier_bundle(
    app: RegistrationApp, request: pb.GetDossierBundleRequest
) -> Iterator[pb.BundlePart]:
    """The dossier the next level receives, streamed (`application/bundle.py`)."""
    dossier_id = parse_uuid("dossier_id", request.dossier_id)
    dossier = app.get_dossier(dossier_id)
    path = UnitPath(commune=dossier.commune_code, province=dossier.province_code)
    require_jurisdiction(verified_actor(), path, str(dossier_id))
    for part in bundle.bundle_parts(app, dossier_id, max(0, request.resume_after)):
        yield pb.BundlePart(
            sequence=part.sequence,
            manifest_json=bundle.manifest_json(part.manifest) if part.manifest else "",
            sha256=part.sha256,
            offset=part.offset,
            data=part.data,
            last=part.last,
        )


def document(app: RegistrationApp, request: pb.GetDocumentRequest) -> Iterator[pb.DocumentPart]:
    """One document of a dossier: its facts, then its bytes (scope: as GetDossier)."""
    dossier_id = parse_uuid("dossier_id", request.dossier_id)
    view, data = bundle.document_of(app, dossier_id, request.document_id)
    for part in bundle.document_parts(view, data):
        if part.manifest is not None:
            yield pb.DocumentPart(document=pb.DocumentView(**part.manifest))
        else:
            yield pb.DocumentPart(offset=part.offset, data=part.data, last=part.last)
