"""Kafka client security from a small JSON file: SASL/SCRAM-SHA-256 over TLS.

The file (`deploy/kafka/kafka.sh` writes one per principal when KAFKA_SECURITY=sasl_ssl,
`<state>/kafka/scram/<principal>.json`, 0600) holds `{"username", "password", "cafile"}`.
`client_security` turns it into the keyword arguments of aiokafka's producers, consumers
and admin client; `broker_security` into FastStream's `SASLScram256`. A service's
processes find theirs as `<OCOP_KAFKA_CREDENTIALS_DIR>/<service>.json` (`credentials_of`):
each connects as its own principal, whose ACLs (`deploy/kafka/security.py`, from the topic
catalogue) let it write only its own topics and read only what it consumes. No
directory: plaintext (the shared development broker)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aiokafka.helpers import create_ssl_context
from faststream.security import SASLScram256

MECHANISM = "SCRAM-SHA-256"


def _read(config_file: Path | str) -> dict[str, str]:
    config: dict[str, str] = json.loads(Path(config_file).read_text(encoding="utf-8"))
    return config


def client_security(config_file: Path | str | None) -> dict[str, Any]:
    if not config_file:
        return {}
    config = _read(config_file)
    return {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": MECHANISM,
        "sasl_plain_username": config["username"],
        "sasl_plain_password": config["password"],
        "ssl_context": create_ssl_context(cafile=config["cafile"]),
    }


def broker_security(config_file: Path | str | None) -> SASLScram256 | None:
    """FastStream's security for a `KafkaBroker` of the principal in `config_file`; None
    (plaintext) without one."""
    if not config_file:
        return None
    config = _read(config_file)
    return SASLScram256(
        config["username"],
        config["password"],
        ssl_context=create_ssl_context(cafile=config["cafile"]),
    )


def credentials_of(credentials_dir: Path | None, principal: str) -> Path | None:
    """`<credentials_dir>/<principal>.json`, None without a directory; FileNotFoundError
    when the directory lacks the principal (a misconfigured deployment fails at start)."""
    if credentials_dir is None:
        return None
    path = credentials_dir / f"{principal}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no Kafka credentials for principal {principal!r}: {path}")
    return path
