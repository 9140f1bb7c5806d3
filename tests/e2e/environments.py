"""The environments of the two modes' processes in end-to-end tests: the embedded mode
on ports of its own with the built-in issuer, the distributed mode on PostgreSQL, Kafka,
Keycloak and gRPC over TLS; free ports; the topology's processes of some services."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from deploy.tls.make_certs import make_certs
from runtime import topology


def processes_of(*services: str) -> tuple[tuple[str, str], ...]:
    """(name, module) of the topology's processes of `services` (every one when none)."""
    return tuple(
        (p.name, p.module) for p in topology.processes() if not services or p.service in services
    )


def distributed_env(
    settings: Any, topic_prefix: str, data_dir: Path, ports: dict[str, int]
) -> dict[str, str]:
    """The environment of the distributed mode's processes: PostgreSQL from `settings`,
    Kafka under `topic_prefix`, and the gRPC port of each service (`OCOP_<S>_PORT`)."""
    return {
        "OCOP_STORE": "postgres",
        "OCOP_DELIVERY": "kafka",
        "OCOP_KAFKA_BOOTSTRAP": os.environ.get("OCOP_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
        "OCOP_TOPIC_PREFIX": topic_prefix,
        "OCOP_PG_HOST": settings.pg_host,
        "OCOP_PG_PORT": str(settings.pg_port),
        "OCOP_PG_USER": settings.pg_user,
        "OCOP_PG_PASSWORD": settings.pg_password,
        "OCOP_PG_DB_PREFIX": settings.pg_db_prefix,
        "OCOP_DATA_DIR": str(data_dir),
        **{f"OCOP_{s.upper()}_PORT": str(p) for s, p in ports.items()},
        **distributed_identity(data_dir.parent),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


KEYCLOAK_ISSUER = "http://127.0.0.1:18080/realms/ocop"


def embedded_env(ports: dict[str, int]) -> dict[str, str]:
    """Environment of `ocop run` on `ports` and of the CLI that talks to it: the built-in
    issuer and the web console on free ports (never a Keycloak the shell may point at)."""
    return {
        **{f"OCOP_{s.upper()}_PORT": str(p) for s, p in ports.items()},
        "OCOP_IDENTITY_PORT": str(free_port()),
        "OCOP_CONSOLE_PORT": str(free_port()),
        "OCOP_OIDC_ISSUER": "",
    }


def distributed_identity(folder: Path) -> dict[str, str]:
    """Environment of the distributed processes and the CLI: Keycloak's realm (started by
    `make test`; `$OCOP_OIDC_ISSUER` from `deploy/infra.sh env`) and gRPC over TLS with a
    development CA made in `folder`."""
    tls_dir = folder / "tls"
    make_certs(tls_dir)
    return {
        "OCOP_OIDC_ISSUER": os.environ.get("OCOP_OIDC_ISSUER") or KEYCLOAK_ISSUER,
        "OCOP_TLS_DIR": str(tls_dir),
    }


def rpc_ports() -> dict[str, int]:
    """A free port for each service with a gRPC API (runtime/topology.py)."""
    return {s.name: free_port() for s in topology.running("rpc")}
