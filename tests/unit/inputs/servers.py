"""Every service's gRPC server in process (memory stores, in-process bus, real channels on
free ports): the edge as a client meets it."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import grpc

from runtime.settings import Settings
from runtime.topology import running as running_entries
from system.embedded import EmbeddedSystem
from tests.identity import TestIssuer, signed_channel


def _stub(service: str) -> Any:
    module = importlib.import_module(f"contracts.rpc.{service}_pb2_grpc")
    return getattr(module, f"{service.capitalize()}Stub")


STUBS: dict[str, Any] = {entry.name: _stub(entry.name) for entry in running_entries("rpc")}
"""Every service with a gRPC server in the topology, and its stub."""


@dataclass
class Running:
    system: EmbeddedSystem
    channels: dict[str, grpc.Channel]
    stubs: dict[str, Any]
    addresses: dict[str, str]


@contextmanager
def running(data_dir: Path, on: date | None = None) -> Iterator[Running]:
    """The system over `data_dir`; its clock stands still on `on` (the sandbox clock, 08:00
    in Vietnam) when given, so that seeded facts whose standing changes with the date (a
    certificate's expiry) read the same on every day the suite runs; else the wall clock."""
    ports = {f"{name}_port": 0 for name in (*STUBS, "identity")}
    settings = Settings(store="memory", data_dir=data_dir, sandbox_clock=on, **ports)  # type: ignore[arg-type]
    system = EmbeddedSystem(settings)
    bound = system.start_rpc()
    # Calls are signed by the system's own issuer as the actor each request names (the
    # commune officer of Đăk Hà when it names none or an impossible one).
    assert system.issuer is not None
    issuer, officer = TestIssuer(system.issuer), ("can-bo-xa", "commune_officer", "23500")
    addresses = {name: f"127.0.0.1:{bound[name]}" for name in STUBS}
    channels = {name: signed_channel(issuer, addresses[name], officer) for name in STUBS}
    try:
        stubs = {name: STUBS[name](channels[name]) for name in STUBS}
        yield Running(system, channels, stubs, addresses)
    finally:
        for channel in channels.values():
            channel.close()
        for server in system.servers:
            server.stop(grace=0)
