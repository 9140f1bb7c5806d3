"""The fault suite's processes: the services' processes in the distributed mode (their
servers in `servers.py`), and a driver that sends commands with idempotency keys and
retries them until they get an answer."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

from contracts.rpc import common_pb2
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.idempotency import IDEMPOTENCY_METADATA
from tests.e2e.harness import ROOT, wait_serving

OFFICER = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")


class Fleet:
    """The services' processes; `kill` is a kill -9, `start` (re)starts one."""

    def __init__(self, logs: Path, env: dict[str, str], modules: dict[str, str]) -> None:
        self.logs = logs
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        self.modules = modules
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.kills = 0

    def start(self, name: str) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.children[name] = subprocess.Popen(
            [sys.executable, "-m", self.modules[name]],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def kill(self, name: str) -> None:
        child = self.children[name]
        child.send_signal(signal.SIGKILL)
        child.wait()
        self.kills += 1

    def stop_all(self) -> None:
        for child in self.children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in self.children.values():
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()

    def dead(self) -> list[str]:
        return [n for n, c in self.children.items() if c.poll() is not None]

    def log_of(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")


RETRIED = {
    grpc.StatusCode.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED,
    grpc.StatusCode.UNKNOWN,
    grpc.StatusCode.INTERNAL,
    grpc.StatusCode.RESOURCE_EXHAUSTED,
    grpc.StatusCode.ABORTED,
    grpc.StatusCode.CANCELLED,
}


REPLY_NOT_KEPT = object()


@dataclass
class Outcome:
    name: str
    ok: bool
    product_id: str = ""
    error: str = ""
    attempts: int = 0
    started: float = 0.0
    ended: float = 0.0


@dataclass
class Driver:
    """Sends RegisterProduct commands, one idempotency key per command, retrying on every
    answer that is not definitive (the key makes that safe) until `give_up_seconds`."""

    address: str
    authorization: Callable[[], tuple[tuple[str, str], ...]] = tuple
    producer_id: str = ""
    give_up_seconds: float = 120.0
    outcomes: list[Outcome] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    hold: threading.Event = field(default_factory=threading.Event)  # no new command
    idle: threading.Event = field(default_factory=threading.Event)  # none in flight
    rng: random.Random = field(default_factory=lambda: random.Random(11))

    def __post_init__(self) -> None:
        self.failure: BaseException | None = None
        self.channel = grpc.insecure_channel(self.address)
        self.stub = pb_grpc.RegistrationStub(self.channel)  # type: ignore[no-untyped-call]

    def call(self, method: Any, request: Any) -> tuple[Any, str, int]:
        """(reply or None, error, attempts). ALREADY_EXISTS under our own key means the
        command was carried out and only its reply was not kept: a success, no reply."""
        key = str(uuid.uuid4())
        deadline = time.monotonic() + self.give_up_seconds
        attempts = 0
        while True:
            attempts += 1
            try:
                metadata = ((IDEMPOTENCY_METADATA, key), *self.authorization())
                return method(request, metadata=metadata, timeout=5), "", attempts
            except grpc.RpcError as error:
                code = error.code()
                if code == grpc.StatusCode.ALREADY_EXISTS and attempts > 1:
                    return REPLY_NOT_KEPT, "", attempts
                if code not in RETRIED or time.monotonic() > deadline:
                    return None, f"{code.name}: {error.details()}", attempts
                time.sleep(0.3)

    def register_producer(self) -> None:
        reply, error, _ = self.call(
            self.stub.RegisterProducer,
            pb.RegisterProducerRequest(
                actor=OFFICER,
                name="HTX Đăk Hà (fault suite)",
                kind="cooperative",
                commune_code="23500",
                legal_representative="Y Blơi",
            ),
        )
        assert reply is not None, error
        self.producer_id = reply.producer_id

    def command(self, invalid: bool = False) -> Outcome:
        name = f"Sản phẩm {uuid.uuid4().hex[:12]}"
        request = pb.RegisterProductRequest(
            actor=OFFICER,
            producer_id=self.producer_id,
            name=name,
            product_set=99 if invalid else 13,
        )
        started = time.monotonic()
        reply, error, attempts = self.call(self.stub.RegisterProduct, request)
        product_id = getattr(reply, "product_id", "")
        ended = time.monotonic()
        outcome = Outcome(name, reply is not None, product_id, error, attempts, started, ended)
        self.outcomes.append(outcome)
        return outcome

    def run(self, pause: float, invalid_every: int) -> None:
        n = 0
        try:
            while not self.stop.is_set():
                if self.hold.is_set():
                    self.idle.set()
                    time.sleep(0.05)
                    continue
                self.idle.clear()
                n += 1
                self.command(invalid=n % invalid_every == 0)
                time.sleep(pause)
        except BaseException as error:
            self.failure = error
            raise

    def close(self) -> None:
        self.channel.close()


def wait_rpc(address: str, timeout: float = 180.0) -> None:
    """Until `address` answers SERVING. A fresh channel per try: on a loaded machine nine
    processes can take a minute to start, and one channel's reconnect back-off would then
    look again only long after the server is up."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            wait_serving(address, timeout=5)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
