"""The audit trail and a rebuild without downtime in the distributed mode (issue 17):
registration's and reporting's processes on PostgreSQL and Kafka, the rebuild reading the
topics from offset 0 while the CLI keeps asking."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from runtime.settings import Settings
from tests.conftest import kafka_bootstrap
from tests.e2e.environments import distributed_identity, free_port, processes_of
from tests.e2e.harness import Processes, wait_serving
from tests.e2e.test_audit import AUDITOR, rebuild_while_asking
from tests.e2e.test_registration_distributed import idea_to_forwarded

pytestmark = [pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]


def test_distributed_trail_and_rebuild_from_the_topics(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    ports = {s: free_port() for s in ("REGISTRATION", "EVALUATION", "REPORTING")}
    env = {
        **distributed_identity(tmp_path),
        "OCOP_STORE": "postgres",
        "OCOP_DELIVERY": "kafka",
        "OCOP_DATA_DIR": str(tmp_path / "data"),
        "OCOP_KAFKA_BOOTSTRAP": kafka_bootstrap(),
        "OCOP_TOPIC_PREFIX": topic_prefix,
        "OCOP_PG_HOST": postgres_settings.pg_host,
        "OCOP_PG_PORT": str(postgres_settings.pg_port),
        "OCOP_PG_USER": postgres_settings.pg_user,
        "OCOP_PG_PASSWORD": postgres_settings.pg_password,
        **{f"OCOP_{s}_PORT": str(p) for s, p in ports.items()},
    }
    proc = Processes(tmp_path, env)
    for name, module in processes_of("registration", "reporting"):
        proc.start(name, "-m", module)
    try:
        for service in ("REGISTRATION", "REPORTING"):
            wait_serving(f"127.0.0.1:{ports[service]}", processes=proc)
        done = idea_to_forwarded(proc)
        product = done["product"]
        deadline = time.monotonic() + 60
        while True:
            found = proc.cli(*AUDITOR, "audit", "product", product, ok=False)
            if found.returncode == 0 and b"CommuneAssessed" in found.stdout:
                break
            assert time.monotonic() < deadline, found.stderr.decode()
            time.sleep(0.3)
        trail = proc.cli(*AUDITOR, "audit", "product", product)
        assert [e["service"] for e in trail] == ["registration"] * len(trail)
        assert {"IdeaRegistered", "ProductRegistered", "CommuneAssessed"} <= {
            e["event_type"] for e in trail
        }
        assert len({e["correlation_id"] for e in trail}) >= 1
        assert all(e["actor_id"] and e["when"][2] == "/" for e in trail)

        rebuilt = rebuild_while_asking(proc, product)
        assert rebuilt["version"] == 1 and rebuilt["replayed"] >= len(trail)
    finally:
        codes = proc.stop()
    assert all(code == 0 for code in codes.values()), codes
