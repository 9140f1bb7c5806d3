"""Starting processes and driving the `ocop` CLI from end-to-end tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from runtime import topology

ROOT = Path(__file__).resolve().parents[2]
OCOP = [sys.executable, "-m", "cli.main"]


def processes_of(*services: str) -> tuple[tuple[str, str], ...]:
    """(name, module) of the topology's processes of `services` (every one when none)."""
    return tuple(
        (p.name, p.module) for p in topology.processes() if not services or p.service in services
    )


def distributed_env(
    settings: Any, topic_prefix: str, data_dir: Path, ports: dict[str, int]
) -> dict[str, str]:
    """The environment of the distributed mode's processes: PostgreSQL from `settings`,
    Kafka under `topic_prefix`, and the gRPC port of each service (`OCOP_<S>_PORT`)."""
    return {
        "OCOP_STORE": "postgres",
        "OCOP_DELIVERY": "kafka",
        "OCOP_KAFKA_BOOTSTRAP": os.environ.get("OCOP_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
        "OCOP_TOPIC_PREFIX": topic_prefix,
        "OCOP_PG_HOST": settings.pg_host,
        "OCOP_PG_PORT": str(settings.pg_port),
        "OCOP_PG_USER": settings.pg_user,
        "OCOP_PG_PASSWORD": settings.pg_password,
        "OCOP_PG_DB_PREFIX": settings.pg_db_prefix,
        "OCOP_DATA_DIR": str(data_dir),
        **{f"OCOP_{s.upper()}_PORT": str(p) for s, p in ports.items()},
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Processes:
    """Child processes with their logs in a folder; all stopped (and checked) at the end."""

    def __init__(self, logs: Path, env: dict[str, str]) -> None:
        self.logs = logs
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        self.children: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(
        self, name: str, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        child = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.children.append((name, child))
        return child

    def log_of(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def assert_alive(self) -> None:
        for name, child in self.children:
            if child.poll() is not None:
                raise AssertionError(f"{name} exited {child.returncode}:\n{self.log_of(name)}")

    def stop(self) -> dict[str, int]:
        codes: dict[str, int] = {}
        for _, child in self.children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for name, child in self.children:
            try:
                codes[name] = child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
                codes[name] = child.wait()
        return codes

    def cli(self, *args: str, ok: bool = True) -> Any:
        """Run `ocop --json ...`; returns the parsed output (or the completed process)."""
        done = subprocess.run(
            [*OCOP, "--json", *args],
            check=False,
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            timeout=120,
        )
        if not ok:
            return done
        if done.returncode != 0:
            self.assert_alive()
            raise AssertionError(
                f"ocop {' '.join(args)} exited {done.returncode}: {done.stderr.decode()}"
            )
        return json.loads(done.stdout)


@contextmanager
def embedded(folder: Path, env: dict[str, str] | None = None) -> Iterator[Processes]:
    """`ocop run` (the embedded mode) on ports of its own with its data under `folder`
    (and `env` besides), serving when entered; stopped on exit, and it must stop cleanly."""
    ports = {
        s: free_port()
        for s in ("REGISTRATION", "EVALUATION", "REPORTING", "INSPECTION", "PROMOTION")
    }
    ports_env = {f"OCOP_{s}_PORT": str(p) for s, p in ports.items()}
    processes = Processes(folder, {**ports_env, **(env or {})})
    processes.start("embedded", "-m", "cli.main", "run", "--data-dir", str(folder / "data"))
    try:
        for port in ports.values():
            wait_serving(f"127.0.0.1:{port}", processes=processes)
        yield processes
    finally:
        codes = processes.stop()
        assert codes == {"embedded": 0}, processes.log_of("embedded")


def wait_serving(address: str, timeout: float = 60.0, processes: Processes | None = None) -> None:
    """Block until the gRPC health service at `address` answers SERVING."""
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while True:
            try:
                reply = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=2)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            if processes is not None:
                processes.assert_alive()
            if time.monotonic() > deadline:
                raise AssertionError(f"{address} not serving after {timeout}s")
            time.sleep(0.2)


EXAMPLES = ROOT / "services" / "registration" / "examples"


def journey(proc: Processes, received_on: str = "2026-06-01") -> dict[str, Any]:
    """One product from producer registration to a recognised 3-star result."""
    producer = proc.cli(
        "registration",
        "register-producer",
        "--name",
        "HTX Cà phê Đăk Hà",
        "--kind",
        "cooperative",
        "--commune",
        "23500",
        "--legal-rep",
        "Y Blơi",
        "--gender",
        "male",
        "--ethnicity",
        "Xơ Đăng",
        "--brn",
        "6101234567",
    )["producer_id"]
    # Steps 2-4: the idea, its business plan, and the product it becomes.
    idea = proc.cli(
        "registration",
        "register-idea",
        "--producer",
        producer,
        "--name",
        "Cà phê rang xay Đăk Hà",
        "--set",
        "13",
        "--on",
        "2026-03-02",
    )["idea_id"]
    proc.cli("registration", "accept-idea", "--idea", idea, "--on", "2026-03-16")
    proc.cli(
        "registration", "submit-plan", "--idea", idea, "--on", "2026-04-01", "--text", "PA 2026"
    )
    proc.cli("registration", "approve-plan", "--idea", idea, "--on", "2026-04-15")
    product = proc.cli("registration", "register-product", "--idea", idea)["product_id"]
    # Step 5: the dossier (form 01), its documents and self-assessment (form 02), the
    # paper copy and the samples, then the commune's report (form 03) and the forwarding.
    dossier = proc.cli(
        "registration",
        "submit-dossier",
        "--product",
        product,
        "--received-on",
        received_on,
    )["dossier_id"]
    proc.cli(
        "registration",
        "attach",
        "--dossier",
        dossier,
        "--file",
        str(EXAMPLES / "mau-02-tu-danh-gia.pdf"),
        "--category",
        "form_02",
    )
    proc.cli(
        "registration",
        "self-assess",
        "--dossier",
        dossier,
        "--file",
        str(EXAMPLES / "self-assessment-set13.json"),
    )
    proc.cli(
        "registration",
        "receive",
        "--dossier",
        dossier,
        "--paper-copy",
        "--samples",
        "5",
        "--on",
        received_on,
    )
    proc.cli(
        "registration",
        "assess",
        "--dossier",
        dossier,
        "--report-no",
        "15/BC-UBND",
        "--assessed-on",
        "2026-06-12",
    )
    forwarded = proc.cli(
        "registration", "forward", "--dossier", dossier, "--forwarded-on", "2026-06-12"
    )["forwarded_to"]
    result = council_session(proc, dossier)
    return {
        "producer": producer,
        "product": product,
        "dossier": dossier,
        "forwarded_to": forwarded,
        **result,
    }


SHEETS = ROOT / "services" / "evaluation" / "examples"


def council_session(proc: Processes, dossier: str, jurisdiction: str = "51") -> dict[str, Any]:
    """The province opens the round, appoints a council; members score; the result is
    adopted and the chairman signs the recognition decision (the README's walkthrough)."""
    officer = ("--actor-id", "so-nnmt", "--jurisdiction", jurisdiction)
    round_id = proc.cli(
        *officer, "evaluation", "open-round", "--level", "province", "--on", "2026-06-12"
    )["round_id"]
    for member, role in (
        ("chu-tich", "chair"),
        ("tv-hoa", "member"),
        ("tv-minh", "member"),
        ("thu-ky", "secretary"),
    ):
        proc.cli(
            *officer,
            "evaluation",
            "appoint",
            "--round",
            round_id,
            "--member",
            member,
            "--council-role",
            role,
        )
    for member, total in (("chu-tich", 66), ("tv-hoa", 65), ("tv-minh", 65)):
        proc.cli(
            "--actor-id",
            member,
            "evaluation",
            "submit-sheet",
            "--dossier",
            dossier,
            "--sheet",
            str(SHEETS / f"sheet-set13-{total}.yaml"),
        )
    adopted = proc.cli(
        "--actor-id",
        "thu-ky",
        "evaluation",
        "adopt",
        "--dossier",
        dossier,
        "--adopted-on",
        "2026-06-25",
    )
    decision = proc.cli(
        "--actor-id",
        "ct-ubnd-tinh",
        "--jurisdiction",
        jurisdiction,
        "evaluation",
        "decide",
        "--decision-no",
        "125/QĐ-UBND",
        "--decided-on",
        "2026-06-28",
        "--signer",
        "Chủ tịch UBND tỉnh",
        "--dossier",
        dossier,
    )
    return {
        "outcome": adopted["outcome"],
        "star": decision["items"][0]["star"],
        "score": adopted["score"],
        "decision_no": decision["decision_no"],
        "round_id": round_id,
    }
