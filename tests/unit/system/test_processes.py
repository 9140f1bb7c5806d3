"""The entrypoints, the embedded mode, the settings and the operators' docs agree with the
one list of processes (runtime/topology.py) and the topic catalogue (contracts/topics.py)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from pydantic_settings import BaseSettings

from contracts import topics
from runtime import topology
from runtime.settings import Settings
from system.embedded import EmbeddedSystem

ROOT = Path(__file__).resolve().parents[3]
RUNNING_DOC = ROOT / "docs" / "operators" / "running.md"


def main_called(module: str) -> set[str]:
    """The `runtime.processes` mains the entrypoint module calls."""
    path = ROOT / Path(*module.split(".")).with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "runtime.processes"
        for alias in node.names
    }
    called = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    return imported & called


def test_every_process_has_its_entrypoint_and_every_entrypoint_a_process() -> None:
    listed = {p.module for p in topology.processes()}
    found = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "services").glob("*/entrypoints/*.py")
        if path.name != "__init__.py"
    }
    assert found == {m for m in listed if m.startswith("services.")}
    for process in topology.processes():
        importlib.import_module(process.module)  # nothing runs at import
        if process.module.startswith("services."):
            (kind,) = process.kinds
            assert main_called(process.module) == {f"{kind}_main"}, process.module


def test_each_kind_has_its_main() -> None:
    processes = importlib.import_module("runtime.processes")
    for kind in topology.KINDS:
        assert callable(getattr(processes, f"{kind}_main"))


def test_consumers_run_streams_and_owners_run_relays() -> None:
    assert {s.name for s in topology.running("stream")} == set(topics.consuming_services())
    publishers = {t.owner for t in topics.CATALOGUE if not t.reserved}
    relays = {s.name for s in topology.running("relay")}
    assert relays <= publishers
    # Publishers without a relay here are outside the system (none yet).
    assert publishers == relays


def test_every_service_has_its_bootstrap_and_own_settings() -> None:
    for entry in topology.running():
        module = importlib.import_module(entry.bootstrap)
        assert entry.name == module.NAME
        assert callable(module.build)
        prefixes = {
            value.model_config.get("env_prefix")
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, BaseSettings)
            and value not in (BaseSettings, Settings)
        }
        assert prefixes == ({entry.own_settings} if entry.own_settings else set()), entry.name


def test_every_port_is_a_setting_with_the_listed_default(monkeypatch: pytest.MonkeyPatch) -> None:
    ports = [s.port for s in topology.SERVICES if s.port is not None]
    assert len(ports) == len(set(ports))
    for entry in topology.SERVICES:
        if entry.port is None:
            continue
        assert Settings.model_fields[f"{entry.name}_port"].default == entry.port
        assert Settings().port_of(entry.name) == entry.port
        monkeypatch.setenv(f"OCOP_{entry.name.upper()}_PORT", "1234")
        assert Settings().address_of(entry.name).endswith(":1234")
    for process in topology.processes():
        assert set(process.settings) <= set(Settings.model_fields), process.name
        assert ("rpc" in process.kinds) == (process.port is not None), process.name


def test_every_process_but_rpc_has_a_health_port_of_its_own() -> None:
    """gRPC health on an rpc process's port; /healthz and /readyz on the others' ports,
    each distinct, none a gRPC port, each read from OCOP_HEALTH_PORT."""
    health = [p.health_port for p in topology.processes() if p.health_port is not None]
    grpc_ports = {s.port for s in topology.SERVICES if s.port is not None}
    assert len(health) == len(set(health)) and not set(health) & grpc_ports
    for process in topology.processes():
        assert (process.health_port is None) == ("rpc" in process.kinds), process.name
        if process.health_port is not None:
            assert "health_port" in process.settings, process.name


def test_the_embedded_mode_wires_every_process(tmp_path: Path) -> None:
    system = EmbeddedSystem(Settings(store="memory", data_dir=tmp_path))
    try:
        assert list(system.services) == [s.name for s in topology.running()]
        subscribed = {
            (topic, consumer.service)
            for topic, consumers in system.bus.subscriptions.items()
            for consumer, _ in consumers
        }
        assert subscribed == {
            (topic, s.name)
            for s in topology.running("stream")
            for topic in topics.subscriptions(s.name)
        }
        assert len(system.relays) == len(topology.running("relay"))
        assert len(system.schedulers) == len(topology.running("scheduler"))
    finally:
        system.close()


def test_the_operators_table_lists_every_process() -> None:
    text = RUNNING_DOC.read_text(encoding="utf-8")
    section = text.split("## Processes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(
        r"^\| `([a-z-]+)` \| ([a-z, ]+) \| `([a-z_.]+)`[^|]*\|\s*(\d*)\s*\|[^|]*\|\s*(\d*)\s*\|",
        section,
        re.M,
    )
    assert rows == [
        (p.name, ", ".join(p.kinds), p.module, str(p.port or ""), str(p.health_port or ""))
        for p in topology.processes()
    ]
    by_hand = re.findall(r"^python -m ([a-z_.]+) &", text, re.M)
    assert by_hand == [p.module for p in topology.processes()]
