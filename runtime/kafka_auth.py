"""Kafka client security from a small JSON file: SASL/SCRAM-SHA-256 over TLS.

The file (`deploy/kafka/kafka.sh` writes one per principal when KAFKA_SECURITY=sasl_ssl)
holds `{"username", "password", "cafile"}`; `client_security` turns it into the keyword
arguments aiokafka's producers, consumers and admin client take. No file: plaintext."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aiokafka.helpers import create_ssl_context

MECHANISM = "SCRAM-SHA-256"


def client_security(config_file: Path | str | None) -> dict[str, Any]:
    if not config_file:
        return {}
    config = json.loads(Path(config_file).read_text(encoding="utf-8"))
    return {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": MECHANISM,
        "sasl_plain_username": config["username"],
        "sasl_plain_password": config["password"],
        "ssl_context": create_ssl_context(cafile=config["cafile"]),
    }
