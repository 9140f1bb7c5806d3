"""The container image and the compose file name every process, port, setting and health
check of the process list (runtime/topology.py); no container engine runs here, so the
files are parsed and the health probe they use is run against real servers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import CollectorRegistry

from console.settings import ConsoleSettings
from runtime.metrics import serve_metrics
from runtime.rpc import build_server
from runtime.settings import Settings
from runtime.topology import processes, running
from services.reporting.bootstrap import build
from system import compose
from tests.e2e.harness import free_port
from tests.identity import TestIssuer, interceptor

ROOT = Path(__file__).resolve().parents[3]


def compose_services() -> dict[str, Any]:
    document = yaml.safe_load((ROOT / compose.COMPOSE_FILE).read_text(encoding="utf-8"))
    services: dict[str, Any] = document["services"]
    return services


def test_the_committed_files_are_current() -> None:
    assert compose.stale(ROOT) == []


def test_every_process_runs_with_its_settings_port_and_health_check() -> None:
    services = compose_services()
    for process in processes():
        service = services[process.name]
        assert service["command"] == ["python", "-m", process.module]
        environment = service["environment"]
        assert set(process.env) <= set(environment), process.name
        assert environment["OCOP_STORE"] == "postgres"
        assert environment["OCOP_METRICS_PORT"] == str(compose.METRICS_PORT)
        test = service["healthcheck"]["test"]
        assert test[:4] == ["CMD", "python", "-m", "runtime.probe"], process.name
        if process.port is not None:
            assert service["ports"] == [f"{process.port}:{process.port}"]
            assert environment[f"OCOP_{process.service.upper()}_PORT"] == str(process.port)
            assert test[4:] == ["grpc", f"127.0.0.1:{process.port}"]
        else:
            assert "ports" not in service
            assert environment["OCOP_HEALTH_PORT"] == str(process.health_port)
            assert test[4:] == ["http", f"http://127.0.0.1:{process.health_port}/readyz"]
        assert service["read_only"] is True
        assert service["user"] == str(compose.UID)
        assert service["cap_drop"] == ["ALL"]
    ocop = {name for name, s in services.items() if s.get("image") == compose.IMAGE}
    assert ocop == {p.name for p in processes()} | {"topics", "console"}


def test_the_console_reaches_each_service_at_its_own_host_and_keeps_its_key_secret() -> None:
    document = yaml.safe_load((ROOT / compose.COMPOSE_FILE).read_text(encoding="utf-8"))
    console = document["services"]["console"]
    assert console["command"] == ["python", "-m", "console"]
    environment = console["environment"]
    servers = {p.service: p for p in processes() if p.port is not None}
    addresses = json.loads(environment["OCOP_CONSOLE_GRPC_ADDRESSES"])
    assert addresses == {s: f"{p.name}:{p.port}" for s, p in servers.items()}
    assert all(
        host in document["services"] for host, _ in (a.split(":") for a in addresses.values())
    )
    assert set(console["depends_on"]) == {p.name for p in servers.values()}
    # the parsed settings give the console exactly those addresses
    settings = ConsoleSettings(grpc_addresses=addresses)
    for name, process in servers.items():
        assert settings.address_of(name, Settings()) == f"{process.name}:{process.port}"
    assert environment["OCOP_CONSOLE_HOST"] == "0.0.0.0"
    assert console["ports"] == [f"{compose.CONSOLE_PORT}:{compose.CONSOLE_PORT}"]
    secret = environment["OCOP_CONSOLE_SECRET_FILE"]
    assert secret == f"/run/secrets/{compose.CONSOLE_SECRET}"
    assert console["secrets"] == [compose.CONSOLE_SECRET]
    assert document["secrets"][compose.CONSOLE_SECRET] == {"file": "./console-session.key"}
    assert (console["read_only"], console["user"], console["cap_drop"]) == (True, "10001", ["ALL"])
    assert console["healthcheck"]["test"][4:] == ["http", "http://127.0.0.1:50080/healthz"]
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "/deploy/compose/console-session.key" in ignored  # a key is never committed


def test_the_console_reads_one_address_per_service_from_its_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OCOP_CONSOLE_GRPC_ADDRESSES", '{"registration": "ocop-registration:50061"}')
    console = ConsoleSettings()
    settings = Settings(grpc_host="10.0.0.9")
    assert console.address_of("registration", settings) == "ocop-registration:50061"
    assert console.address_of("reporting", settings) == "10.0.0.9:50065"  # not named: as before


def test_the_infrastructure_is_there_for_every_process() -> None:
    services = compose_services()
    assert {"kafka", "postgres", "topics", "prometheus"} <= set(services)
    init = (ROOT / compose.POSTGRES_INIT).read_text(encoding="utf-8")
    for entry in running():
        if not entry.stand_in:
            assert f'CREATE DATABASE "ocop_{entry.name}";' in init
    scraped = yaml.safe_load((ROOT / compose.PROMETHEUS_FILE).read_text(encoding="utf-8"))
    targets = {
        target
        for config in scraped["scrape_configs"][0]["static_configs"]
        for target in config["targets"]
    }
    assert targets == {f"{p.name}:{compose.METRICS_PORT}" for p in processes()}


def test_the_image_exposes_every_port_and_runs_as_a_user() -> None:
    text = (ROOT / compose.DOCKERFILE).read_text(encoding="utf-8")
    (exposed,) = re.findall(r"^EXPOSE (.+)$", text, re.M)
    ports = {p.port for p in processes() if p.port is not None}
    ports |= {compose.METRICS_PORT, compose.CONSOLE_PORT}
    assert {int(p) for p in exposed.split()} == ports
    (user,) = re.findall(r"^USER (\S+)$", text, re.M)
    assert user == str(compose.UID) != "0"
    assert "uv sync --frozen --no-dev" in text
    copied = set(re.findall(r"^COPY (\w+) \./\1$", text, re.M))
    assert {p.module.split(".")[0] for p in processes()} <= copied
    assert copied == set(compose.PACKAGES)


def probe(*args: str) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "runtime.probe", *args, "--timeout", "5"],
        cwd=ROOT,
        check=False,
        capture_output=True,
        timeout=60,
    )
    return done.returncode


def test_the_grpc_probe_passes_on_a_serving_process_only(
    tmp_path: Path, issuer: TestIssuer
) -> None:
    service = build(Settings(store="memory", data_dir=tmp_path))
    port = free_port()
    server, bound = build_server(
        f"127.0.0.1:{port}",
        [service.rpc()],
        service.rpc_names,
        auth=interceptor(issuer, "registration"),  # the probe is a health check: no token
    )
    server.start()
    try:
        assert probe("grpc", f"127.0.0.1:{bound}") == 0
    finally:
        server.stop(grace=None).wait()
        service.app.close()
    assert probe("grpc", f"127.0.0.1:{bound}") == 1


@pytest.mark.timeout(60)
def test_the_http_probe_passes_on_a_metrics_endpoint_only() -> None:
    port = free_port()
    serve_metrics(CollectorRegistry(), "127.0.0.1", port)
    assert probe("http", f"http://127.0.0.1:{port}/metrics") == 0
    assert probe("http", f"http://127.0.0.1:{free_port()}/metrics") == 1
