"""The fault suite's own servers and processes: a second Kafka broker (deploy/kafka/kafka.sh
on ports and a state dir of its own), a throwaway PostgreSQL cluster (initdb into a temp
dir, its own port), the services' processes in the distributed mode, and a driver that
sends commands with idempotency keys and retries them until they get an answer."""

from __future__ import annotations

import os
import random
import shutil
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
import psycopg

from contracts.rpc import common_pb2
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.idempotency import IDEMPOTENCY_METADATA
from tests.e2e.harness import ROOT, free_port, wait_serving


def _pg_bin() -> Path:
    """OCOP_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout)."""
    if given := os.environ.get("OCOP_PG_BIN"):
        return Path(given)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
DATABASES = ("registration", "evaluation", "reporting", "promotion", "inspection")
OFFICER = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")


def run(*args: str | Path, env: dict[str, str] | None = None, user: str | None = None) -> str:
    command = [str(a) for a in args]
    if user and os.geteuid() == 0:
        command = ["runuser", "-u", user, "--", *command]
    done = subprocess.run(
        command, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


class OwnKafka:
    """A second broker from the project's own script, never the shared one."""

    def __init__(self, state: Path) -> None:
        self.port, self.controller = free_port(), free_port()
        self.env = {
            "KAFKA_PORT": str(self.port),
            "KAFKA_CONTROLLER_PORT": str(self.controller),
            "OCOP_STATE_DIR": str(state),
            "KAFKA_HEAP_OPTS": "-Xms128m -Xmx384m",
            "KAFKA_STOP_TIMEOUT": "20",
            "OCOP_PYTHON": sys.executable,
        }
        self.bootstrap = f"127.0.0.1:{self.port}"

    def _script(self, command: str) -> str:
        return run(ROOT / "deploy/kafka/kafka.sh", command, env=self.env)

    def start(self) -> None:
        self._script("start")

    def stop(self) -> None:
        self._script("stop")


class OwnPostgres:
    """A throwaway cluster: initdb into a temp dir, its own port, trust authentication."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.data = base / "data"
        self.port = free_port()
        self.user = "ocop"
        self.owner = "postgres" if os.geteuid() == 0 else None

    def init(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        if self.owner:
            shutil.chown(self.base, self.owner)
        run(
            PG_BIN / "initdb",
            "-D",
            self.data,
            "-U",
            self.user,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            user=self.owner,
        )
        self.start()
        for name in DATABASES:
            self.sql("postgres", f"CREATE DATABASE ocop_{name}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.base / "server.log",
            "-o",
            options,
            "-w",
            "start",
            user=self.owner,
        )

    def stop(self, mode: str = "fast") -> None:
        run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", user=self.owner)

    def connect(self, db: str) -> psycopg.Connection[Any]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname=db, autocommit=True
        )

    def sql(self, db: str, statement: str) -> list[tuple[Any, ...]]:
        with self.connect(db) as conn:
            cursor = conn.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def dump(self, service: str, target: Path) -> None:
        run(
            PG_BIN / "pg_dump",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            self.user,
            "-Fc",
            "-f",
            target,
            f"ocop_{service}",
        )

    def restore(self, service: str, source: Path) -> None:
        self.sql("postgres", f"DROP DATABASE ocop_{service} WITH (FORCE)")
        self.sql("postgres", f"CREATE DATABASE ocop_{service}")
        run(
            PG_BIN / "pg_restore",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            self.user,
            "-d",
            f"ocop_{service}",
            source,
        )


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
