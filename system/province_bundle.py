"""The dossier the province stand-in receives (issue 20): on each ForwardedToProvince —
a lower council's result above its authority — the stand-in fetches the dossier's whole
bundle from registration, as a real province would, through the authorised, streamed and
resumable gRPC call (`Registration.GetDossierBundle`, `system.bundle.fetch_bundle`),
checks every document against the SHA-256 and size the manifest gives, and records what
it received (`BundleReceipt`) in the transaction of its answer and of the forwarded
event's tracking (exactly once).

The receipt keeps the manifest's SHA-256, the form 03 report number, the lower council's
score and each document's SHA-256, size, name and category — never form 01's personal
part, which the bundle opens for the reader. A bundle that cannot be fetched (registration
unreachable after the attempts, a refusal) or does not verify is recorded as such, with
the reason, and the stand-in answers all the same: the loop never waits on it.

The stand-in signs in as the province account `OCOP_PROVINCE_USER` (password in
`OCOP_PROVINCE_PASSWORD_FILE`) with the issuer's password grant, like `ocop login`; with
no account configured it fetches nothing."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol
from uuid import UUID, uuid5

import grpc
from eventsourcing.domain import Aggregate, event

from contracts.evaluation import ForwardedToProvince
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime import tls
from runtime.identity.interceptor import AUTHORIZATION
from runtime.identity.session import LoginFailed, password_grant, unverified_claims
from runtime.settings import Settings
from system.bundle import Bundle, BundleMismatch, fetch_bundle

NAMESPACE = UUID("5f1d2c8a-0b7e-4a39-9c64-2e8d1f3b7a50")
RECEIVED_TOPIC = "system.province_bundle:BundleReceipt.Received"
"""The stored topic of a receipt's one event (its notifications list the receipts)."""
log = logging.getLogger(__name__)


class BundleSource(Protocol):
    """Fetches the bundle of a dossier into `into` (kept even when the fetch fails)."""

    def __call__(self, dossier_id: str, into: Bundle) -> Bundle: ...


class PasswordToken:
    """A bearer token for one account from `issuer`'s password grant, reused until a
    minute before it expires. Raises `LoginFailed`."""

    def __init__(self, issuer: str, username: str, password: str) -> None:
        self.issuer, self.username, self.password = issuer, username, password
        self._token, self._expires = "", 0.0
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            if time.time() > self._expires - 60:
                self._token = password_grant(self.issuer, self.username, self.password)
                self._expires = float(unverified_claims(self._token).get("exp") or 0)
            return self._token


def grpc_source(
    address: str, tls_dir: Path | None, token: Callable[[], str], attempts: int
) -> BundleSource:
    """A `BundleSource` calling registration's gRPC API at `address` (TLS with the CA of
    `tls_dir`, when given) as the account `token` signs in."""

    def fetch(dossier_id: str, into: Bundle) -> Bundle:
        with tls.channel(address, tls_dir) as channel:
            stub = pb_grpc.RegistrationStub(channel)  # type: ignore[no-untyped-call]
            return fetch_bundle(
                stub.GetDossierBundle,
                dossier_id,
                metadata=((AUTHORIZATION, f"Bearer {token()}"),),
                attempts=attempts,
                bundle=into,
            )

    return fetch


def _fetch(source: BundleSource, dossier_id: str) -> tuple[Bundle, str]:
    """The bundle (what arrived of it) and the problem ("" when it verified)."""
    got = Bundle()
    try:
        source(dossier_id, got)
    except BundleMismatch as mismatch:
        return got, f"mismatch: {mismatch}"
    except grpc.RpcError as error:
        return got, f"{error.code().name}: {error.details()}"
    except (LoginFailed, OSError) as error:
        return got, f"sign-in: {error}"
    return got, "" if got.manifest else "no manifest"


class BundleReceipt(Aggregate):
    """What the next level received of one forwarded dossier, and whether it verified."""

    @classmethod
    def create_id(cls, forwarded_event_id: str, **kwargs: Any) -> UUID:
        return uuid5(NAMESPACE, f"bundle:{forwarded_event_id}")

    @event("Received")
    def __init__(
        self,
        forwarded_event_id: str,
        dossier_id: str,
        level: str,
        verified: bool,
        problem: str,
        manifest_sha256: str,
        report_no: str,
        council_score: str,
        documents: list[dict[str, Any]],
        calls: int,
        meta: dict[str, Any],
    ) -> None:
        self.dossier_id = dossier_id
        self.level = level
        self.report_no = report_no
        self.council_score = council_score
        self.manifest_sha256 = manifest_sha256
        self.verified = verified
        self.problem = problem
        self.documents = documents


def receive(
    source: BundleSource,
    forwarded: ForwardedToProvince,
    level: str,
    meta: dict[str, Any],
    wait_seconds: float = 10.0,
) -> BundleReceipt:
    """Fetch and verify the bundle of `forwarded`'s dossier; the receipt says what came
    and, when it did not verify or could not be fetched, why. The lower council's result
    reaches registration on its own (Scored, delivered like any event): a bundle without
    it is asked for again, once a second, for up to `wait_seconds`."""
    deadline = time.monotonic() + wait_seconds
    while True:
        got, problem = _fetch(source, str(forwarded.dossier_id))
        if problem or got.manifest.get("council_result") or time.monotonic() >= deadline:
            break
        time.sleep(1.0)
    verified = not problem
    if verified and not got.manifest.get("council_result"):
        problem = "the lower council's result is not in the bundle"
    manifest = got.manifest
    council = manifest.get("council_result") or {}
    receipt = BundleReceipt(
        forwarded_event_id=str(forwarded.event_id),
        dossier_id=str(forwarded.dossier_id),
        level=level,
        verified=verified,
        problem=problem,
        manifest_sha256=hashlib.sha256(
            json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        if manifest
        else "",
        report_no=str((manifest.get("form_03") or {}).get("report_no", "")),
        council_score=str(council.get("score", "")) if isinstance(council, dict) else "",
        documents=[
            {k: d.get(k, "") for k in ("sha256", "size", "name", "category")}
            for d in manifest.get("documents", [])
        ],
        calls=got.calls,
        meta=meta,
    )
    if problem:
        log.warning("bundle of dossier %s not received: %s", forwarded.dossier_id, problem)
    else:
        log.info(
            "bundle of dossier %s received: %d documents verified in %d call(s)",
            forwarded.dossier_id,
            len(receipt.documents),
            got.calls,
        )
    return receipt


def source_of(
    settings: Settings, user: str, password_file: Path | None, attempts: int
) -> BundleSource | None:
    """Registration's gRPC API (`settings`' address, TLS and issuer) as the province
    account `user`, signed in with the password in `password_file` (None: no account)."""
    if not user:
        return None
    password = password_file.read_text(encoding="utf-8").strip() if password_file else ""
    token = PasswordToken(settings.issuer_url(), user, password)
    return grpc_source(settings.address_of("registration"), settings.tls_dir, token, attempts)
