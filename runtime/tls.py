"""gRPC transport security from a directory of PEM files (`Settings.tls_dir`):
`ca.pem` (the CA clients trust), `<service>.pem` and `<service>-key.pem` (a server's
certificate chain and key). `deploy/tls/make_certs.py` makes a development set;
production supplies its own files in the same layout."""

from __future__ import annotations

from pathlib import Path

import grpc


def server_credentials(tls_dir: Path | None, service: str) -> grpc.ServerCredentials | None:
    """TLS credentials of `service`'s server, or None (plaintext) without a directory."""
    if tls_dir is None:
        return None
    key = (tls_dir / f"{service}-key.pem").read_bytes()
    chain = (tls_dir / f"{service}.pem").read_bytes()
    return grpc.ssl_server_credentials([(key, chain)])


def channel(address: str, tls_dir: Path | None) -> grpc.Channel:
    """A channel to `address`: TLS trusting `ca.pem` when a directory is given."""
    if tls_dir is None:
        return grpc.insecure_channel(address)
    credentials = grpc.ssl_channel_credentials((tls_dir / "ca.pem").read_bytes())
    return grpc.secure_channel(address, credentials)
