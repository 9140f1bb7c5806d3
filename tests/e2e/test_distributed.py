"""The distributed mode: every service as its own OS processes (rpc, stream, relay)
through the real Kafka broker and PostgreSQL, driven by the `ocop` CLI — as production
runs: real tokens from Keycloak, gRPC over TLS, and Kafka over SASL/SCRAM + TLS with each
service (and the province) its own principal, held to its ACLs (tests/secure_kafka.py)."""

from __future__ import annotations

import contextlib
import json
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from runtime import topology
from runtime.settings import Settings
from tests import secure_kafka
from tests.e2e.environments import distributed_identity, free_port, processes_of
from tests.e2e.harness import Processes, wait_serving
from tests.e2e.journeys import catalogued, journey

pytestmark = [pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]

PROCESSES = processes_of()  # every process of runtime/topology.py


def scrape(port: int) -> list[Sample]:
    """Every sample of a process's /metrics."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
        text = reply.read().decode()
    return [sample for family in text_string_to_metric_families(text) for sample in family.samples]


def json_lines(log: str) -> list[dict[str, Any]]:
    """The JSON log lines of a process's output (other lines, e.g. a library's, skipped)."""
    found = []
    for line in log.splitlines():
        if line.startswith("{"):
            with contextlib.suppress(ValueError):
                found.append(json.loads(line))
    return found


def total(samples: list[Sample], name: str, **labels: str) -> float:
    """The sum of `name` over the samples whose labels include `labels`."""
    return sum(
        s.value
        for s in samples
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())
    )


@pytest.fixture
async def secure_prefix() -> AsyncIterator[str]:
    """The system's topics under a prefix of this test's own on the secured broker, with
    the deployment's ACLs for them."""
    with secure_kafka.running():
        async with secure_kafka.prefixed_topics() as prefix:
            yield prefix


ADOPT = "/ocop.evaluation.v1.Evaluation/AdoptResult"


@pytest.mark.timeout(900)  # seventeen processes and the CLI's journey on a shared machine
def test_one_product_through_separate_processes(
    postgres_settings: Settings, secure_prefix: str, tmp_path: Path
) -> None:
    ports = {s.name.upper(): free_port() for s in topology.running("rpc")}
    env = {
        **distributed_identity(tmp_path),
        "OCOP_STORE": "postgres",
        "OCOP_DELIVERY": "kafka",
        "OCOP_KAFKA_BOOTSTRAP": secure_kafka.BOOTSTRAP,
        "OCOP_KAFKA_CREDENTIALS_DIR": str(secure_kafka.SCRAM),
        "OCOP_TOPIC_PREFIX": secure_prefix,
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
        for port in ports.values():  # seventeen processes start on a shared machine
            wait_serving(f"127.0.0.1:{port}", timeout=480, processes=proc)
        done = journey(proc)
        assert done["forwarded_to"] == "province"
        assert (done["outcome"], done["star"]) == ("recognised", 3)

        row = catalogued(proc, done["product"], timeout=60)
        assert (row["status"], row["star"], row["score"]) == ("recognised", 3, "65.33")
        assert row["decision_no"] == done["decision_no"]
        assert [r["product_id"] for r in proc.cli("reporting", "products")] == [done["product"]]

        _metrics_follow_the_conventions({name: scrape(port) for name, port in metrics.items()})
        _correlation_ids_in_the_logs(proc)
        proc.assert_alive()
    finally:
        codes = proc.stop()
    assert codes == {name: 0 for name, _ in PROCESSES}, {
        name: proc.log_of(name)[-2000:] for name, code in codes.items() if code
    }


def _metrics_follow_the_conventions(scraped: dict[str, Any]) -> None:
    """Each process's scraped samples (by process name) against runtime/metrics.py."""
    # Every process serves the conventions of runtime/metrics.py: one prefix, the
    # service label, build info and the process collectors; each kind its own series.
    for name, samples in scraped.items():
        assert total(samples, "ocop_build_info") == 1, name
        assert total(samples, "process_cpu_seconds_total") > 0, name
    for entry in topology.running("rpc"):
        calls = scraped[f"{entry.name}-rpc"]
        assert total(calls, "ocop_grpc_server_handled_total", service=entry.name) > 0
    rpc = scraped["evaluation-rpc"]
    assert total(rpc, "ocop_grpc_server_handled_total", method=ADOPT, code="OK") == 1
    assert total(rpc, "ocop_grpc_server_handling_seconds_count", method=ADOPT) == 1
    stream = scraped["reporting-stream"]
    # 4 registration + 2 evaluation events at least
    assert total(stream, "ocop_messages_in_total", service="reporting") >= 6
    assert total(stream, "ocop_dead_letters_total") == 0
    relay = scraped["evaluation-relay"]
    assert total(relay, "ocop_messages_out_total", service="evaluation") >= 2
    assert total(relay, "ocop_relay_backlog_events", service="evaluation") == 0
    # the business counters: the domain events published, by type
    published = "ocop_events_published_total"
    assert total(scraped["registration-relay"], published, type="DossierSubmitted") == 1
    assert total(relay, published, type="Recognized") == 1


def _correlation_ids_in_the_logs(proc: Processes) -> None:
    """The adoption's log line and the reporting consumer's lines share its correlation id."""
    # A command's log line carries its correlation id, and so do the lines of the
    # consumers that applied its events (JSON lines in the distributed mode).
    adopted = [
        line
        for line in json_lines(proc.log_of("evaluation-rpc"))
        if line.get("logger") == "ocop.rpc" and ADOPT in line["message"]
    ]
    assert adopted and adopted[0]["actor_id"], proc.log_of("evaluation-rpc")[-2000:]
    flow = adopted[0]["correlation_id"]
    applied = [
        line
        for line in json_lines(proc.log_of("reporting-stream"))
        if line.get("correlation_id") == flow
    ]
    assert applied and all(line["event_id"] for line in applied)
