"""The environment a server-free test tier runs in: none of the OCOP_* variables that
`make test` exports (`deploy/infra.sh env`: the Keycloak issuer, ...) or that a developer
left set (OCOP_LANG, OCOP_TOKEN, OCOP_STORE, OCOP_TIME_ZONE, ...), and no sign-in stored
in the home directory. The unit tier ran green alone and failed under `make test` when
OCOP_OIDC_ISSUER sent the embedded console's sign-in to Keycloak; its tests must pass with
the infrastructure's environment set or unset."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

KEPT = frozenset(
    {
        # how the harness is asked to run (read at collection by tests/conftest.py)
        "OCOP_REQUIRE_INFRA",
        "OCOP_TEST_SERVERS",
        "OCOP_DOCUMENTS_DIR",
        # where the shared servers are, for a tier's own kafka/postgres variants (`matrix`)
        "OCOP_KAFKA_BOOTSTRAP",
        "OCOP_SECURE_KAFKA_PORT",
        "OCOP_PG_HOST",
        "OCOP_PG_PORT",
        "OCOP_PG_USER",
        "OCOP_PG_PASSWORD",
        "OCOP_PG_DB_PREFIX",
        "OCOP_STATE_DIR",
    }
)
"""The OCOP_* variables a server-free tier keeps: none of them changes what a memory or
SQLite service does."""


@contextmanager
def isolated_environment(config_dir: Path) -> Iterator[None]:
    """Every OCOP_* variable but `KEPT` unset, and the CLI's sign-in directory
    (OCOP_CONFIG_DIR) an empty `config_dir`; all restored on leaving."""
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("OCOP_") and n not in KEPT]:
            patch.delenv(name)
        patch.setenv("OCOP_CONFIG_DIR", str(config_dir))
        yield
