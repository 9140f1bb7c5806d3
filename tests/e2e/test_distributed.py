"""The distributed mode: every service as its own OS processes (rpc, stream, relay)
through the real Kafka broker and PostgreSQL, driven by the `ocop` CLI."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest

from runtime import topology
from runtime.settings import Settings
from tests.conftest import kafka_bootstrap
from tests.e2e.harness import (
    Processes,
    distributed_identity,
    free_port,
    journey,
    processes_of,
    wait_serving,
)

pytestmark = [pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]

PROCESSES = processes_of()  # every process of runtime/topology.py


def scrape(port: int) -> dict[str, float]:
    """Sum each metric of a process's /metrics over its labels."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
        text = reply.read().decode()
    totals: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            key = name.split("{", 1)[0]
            totals[key] = totals.get(key, 0.0) + float(value)
    return totals


def test_one_product_through_separate_processes(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    ports = {s.name.upper(): free_port() for s in topology.running("rpc")}
    env = {
        **distributed_identity(tmp_path),
        "OCOP_STORE": "postgres",
        "OCOP_DELIVERY": "kafka",
        "OCOP_KAFKA_BOOTSTRAP": kafka_bootstrap(),
        "OCOP_TOPIC_PREFIX": topic_prefix,
        "OCOP_PG_HOST": postgres_settings.pg_host,
        "OCOP_PG_PORT": str(postgres_settings.pg_port),
        "OCOP_PG_USER": postgres_settings.pg_user,
        "OCOP_PG_PASSWORD": postgres_settings.pg_password,
        "OCOP_PG_DB_PREFIX": postgres_settings.pg_db_prefix,
        "OCOP_DATA_DIR": str(tmp_path / "data"),
        **{f"OCOP_{s}_PORT": str(p) for s, p in ports.items()},
    }
    proc = Processes(tmp_path, env)
    metrics = {name: free_port() for name, _ in PROCESSES}
    for name, module in PROCESSES:
        proc.start(name, "-m", module, env={"OCOP_METRICS_PORT": str(metrics[name])})
    try:
        for port in ports.values():
            wait_serving(f"127.0.0.1:{port}", processes=proc)
        done = journey(proc)
        assert done["forwarded_to"] == "province"
        assert (done["outcome"], done["star"]) == ("recognised", 3)

        deadline = time.monotonic() + 60
        while True:
            row = proc.cli("reporting", "product", done["product"])
            if row["status"] == "recognised" or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert (row["status"], row["star"], row["score"]) == ("recognised", 3, "65.33")
        assert row["decision_no"] == done["decision_no"]
        assert [r["product_id"] for r in proc.cli("reporting", "products")] == [done["product"]]

        stream = scrape(metrics["reporting-stream"])
        assert stream["reporting_messages_in_total"] >= 6  # 4 registration + 2 evaluation events
        assert stream.get("reporting_dead_letters_total", 0) == 0
        relay = scrape(metrics["evaluation-relay"])
        assert relay["evaluation_messages_out_total"] >= 2
        assert relay["evaluation_relay_backlog_events"] == 0
        proc.assert_alive()
    finally:
        codes = proc.stop()
    assert codes == {name: 0 for name, _ in PROCESSES}, {
        name: proc.log_of(name)[-2000:] for name, code in codes.items() if code
    }
