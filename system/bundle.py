"""The province stand-in's side of the dossier bundle (issue 20): fetch a forwarded
dossier's bundle over gRPC (`Registration.GetDossierBundle`), resuming after a broken
stream from the last part kept, and verify every document against the SHA-256 and size
the manifest gives. Used by the stand-in's tests and by anyone playing the province."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc

from contracts.rpc import registration_pb2 as pb

RESUMABLE = (
    grpc.StatusCode.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED,
    grpc.StatusCode.CANCELLED,
)


class BundleMismatch(Exception):
    """A document of the bundle does not match its SHA-256 or size, or is incomplete."""


@dataclass
class Bundle:
    manifest: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, bytearray] = field(default_factory=dict)
    last_sequence: int = 0
    calls: int = 0

    def take(self, part: pb.BundlePart) -> None:
        if part.sequence != self.last_sequence + 1:
            raise BundleMismatch(f"part {part.sequence} after {self.last_sequence}")
        if part.manifest_json:
            self.manifest = json.loads(part.manifest_json)
        else:
            data = self.documents.setdefault(part.sha256, bytearray())
            if len(data) != part.offset:
                raise BundleMismatch(f"{part.sha256}: chunk at {part.offset}, have {len(data)}")
            data.extend(part.data)
        self.last_sequence = part.sequence


def fetch_bundle(
    call: Callable[..., Iterator[pb.BundlePart]],
    dossier_id: str,
    *,
    metadata: tuple[tuple[str, str], ...] = (),
    attempts: int = 5,
    bundle: Bundle | None = None,
) -> Bundle:
    """The whole bundle of `dossier_id` (`call` is the stub's `GetDossierBundle`); a
    stream broken by an unavailable server or a timeout is asked again from the part
    after the last one kept, up to `attempts` calls. Then every document is verified."""
    got = bundle or Bundle()
    while True:
        got.calls += 1
        request = pb.GetDossierBundleRequest(dossier_id=dossier_id, resume_after=got.last_sequence)
        try:
            for part in call(request, metadata=metadata, timeout=60):
                got.take(part)
            break
        except grpc.RpcError as error:
            if error.code() not in RESUMABLE or got.calls >= attempts:
                raise
    verify_bundle(got)
    return got


def verify_bundle(bundle: Bundle) -> None:
    """Raises `BundleMismatch` unless every document the manifest lists arrived whole,
    with the SHA-256 and size the manifest gives."""
    for document in bundle.manifest.get("documents", []):
        data = bytes(bundle.documents.get(document["sha256"], b""))
        if len(data) != int(document["size"]):
            raise BundleMismatch(f"{document['name']}: {len(data)} of {document['size']} bytes")
        if hashlib.sha256(data).hexdigest() != document["sha256"]:
            raise BundleMismatch(f"{document['name']}: SHA-256 differs from the manifest")
