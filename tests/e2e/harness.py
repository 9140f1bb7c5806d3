"""Starting processes and driving the `ocop` CLI from end-to-end tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from runtime import tls
from tests.e2e.accounts import DEMO, default_role, ensure_embedded, ensure_keycloak, split_actor
from tests.e2e.environments import distributed_env, embedded_env, free_port, processes_of, rpc_ports

__all__ = [
    "DEFAULT_USER",
    "OCOP",
    "ROOT",
    "Processes",
    "distributed",
    "embedded",
    "free_port",
    "modules",
    "running",
    "wait_serving",
]

ROOT = Path(__file__).resolve().parents[2]
OCOP = [sys.executable, "-m", "cli.main"]
DEFAULT_USER = "can-bo-xa"
"""Who runs a CLI command that names no `--user`: the commune officer of Đăk Hà."""


class Processes:
    """Child processes with their logs in a folder; all stopped (and checked) at the end."""

    def __init__(self, logs: Path, env: dict[str, str]) -> None:
        self.logs = logs
        # The CLI keeps its sign-ins in a config dir of the test's own.
        config = str(logs / "cli-config")
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1", "OCOP_CONFIG_DIR": config}
        self.children: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.signed_in: dict[str, tuple[str | None, str | None]] = {}
        self.data_dir: Path | None = None

    def start(
        self, name: str, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        if "--data-dir" in args:  # `ocop run`: its accounts live there
            self.data_dir = Path(args[args.index("--data-dir") + 1])
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
            try:  # a loaded machine (seventeen processes stopping at once) needs the time
                codes[name] = child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.kill()
                codes[name] = child.wait()
        return codes

    def sign_in(self, user: str, role: str | None, unit: str | None, rest: list[str]) -> None:
        """Sign in as `user` (`ocop login`, a real password grant against the issuer in
        use), first making sure the account exists with `role` and `unit` when the test
        names them, or when it is not one of the realm's demo users (tests/e2e/accounts.py).

        A demo user keeps the realm's role and unit: naming others for it is refused
        (AssertionError) — the issuer is shared, and later tests sign in as that user."""
        wanted = (role, unit)
        if self.signed_in.get(user) == wanted:
            return
        if role is not None or unit is not None or user not in DEMO:
            role = role or (DEMO[user][0] if user in DEMO else default_role(rest))
            unit = unit if unit is not None else (DEMO[user][1] if user in DEMO else "")
            if user in DEMO and (role, unit) != DEMO[user]:
                raise AssertionError(
                    f"{user} is a demo account ({DEMO[user][0]}, unit {DEMO[user][1] or '—'}): "
                    f"a test may not make it {role} of {unit or '—'} (later tests sign in "
                    "as it); name an account of the test's own (`--actor-id NEW --role R "
                    "--jurisdiction J` creates it)"
                )
            if self.env.get("OCOP_OIDC_ISSUER"):
                ensure_keycloak(self.env["OCOP_OIDC_ISSUER"], user, role, unit)
            else:
                assert self.data_dir is not None, "start `ocop run --data-dir …` first"
                ensure_embedded(OCOP, self.env, self.data_dir, user, role, unit)
        done = subprocess.run(
            [*OCOP, "login", user, "--password-stdin"],
            input=f"demo-{user}\n".encode(),
            check=False,
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            timeout=120,
        )
        if done.returncode != 0:
            self.assert_alive()
            raise AssertionError(f"ocop login {user} exited {done.returncode}: {done.stderr!r}")
        self.signed_in[user] = wanted

    def seed_demo_accounts(self, data_dir: Path) -> None:
        """The demo accounts in `data_dir`, for an `ocop run --no-demo` (which has none)."""
        subprocess.run(
            [*OCOP, "admin", "users", "--data-dir", str(data_dir), "seed-demo"],
            check=True,
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            timeout=300,
        )

    def cli(self, *args: str, ok: bool = True) -> Any:
        """Run `ocop --json ...` as the person the command line names (`--actor-id` or
        `--user`, with `--role` and `--jurisdiction` if given; default `DEFAULT_USER`),
        signed in first; returns the parsed output (or the completed process)."""
        rest, user, role, unit = split_actor(args)
        user = user or DEFAULT_USER
        self.sign_in(user, role, unit, rest)
        done = subprocess.run(
            [*OCOP, "--json", "--user", user, *rest],
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
def running(
    proc: Processes,
    processes: Sequence[tuple[str, Sequence[str]]],
    serving: Iterable[int] = (),
    env_of: Mapping[str, dict[str, str]] | None = None,
) -> Iterator[Processes]:
    """`processes` ((name, python arguments) each, with `env_of[name]` besides) started
    under `proc`, entered once the gRPC ports `serving` answer SERVING. When the body
    returns every process must still be alive; on exit all are stopped and each must
    exit 0 (the assertion shows the last lines of the logs of those that did not)."""
    for name, argv in processes:
        proc.start(name, *argv, env=(env_of or {}).get(name))
    try:
        for port in serving:
            wait_serving(f"127.0.0.1:{port}", processes=proc)
        yield proc
        proc.assert_alive()
    finally:
        codes = proc.stop()
    assert codes == {name: 0 for name, _ in processes}, {
        name: proc.log_of(name)[-2000:] for name, code in codes.items() if code
    }


def modules(processes: Iterable[tuple[str, str]]) -> tuple[tuple[str, Sequence[str]], ...]:
    """(name, module) rows as (name, python arguments) for `running`: `-m module`."""
    return tuple((name, ("-m", module)) for name, module in processes)


@contextmanager
def distributed(
    folder: Path,
    settings: Any,
    topic_prefix: str,
    services: Sequence[str],
    env: dict[str, str] | None = None,
) -> Iterator[Processes]:
    """The processes of `services` (runtime/topology.py) on PostgreSQL and Kafka
    (`distributed_env`, `env` besides), entered once their gRPC APIs serve; they must
    stay alive and stop cleanly."""
    ports = rpc_ports()
    proc = Processes(
        folder, {**distributed_env(settings, topic_prefix, folder / "data", ports), **(env or {})}
    )
    serving = [ports[s] for s in services if s in ports]
    with running(proc, modules(processes_of(*services)), serving) as started:
        yield started


@contextmanager
def embedded(
    folder: Path, env: dict[str, str] | None = None, *, demo: bool = True
) -> Iterator[Processes]:
    """`ocop run` (the embedded mode) on ports of its own with its data under `folder`
    (and `env` besides), serving when entered; stopped on exit, and it must stop cleanly.
    `demo=False`: `--no-demo`, with the demo accounts only (`seed_demo_accounts`)."""
    ports = rpc_ports()
    processes = Processes(folder, {**embedded_env(ports), **(env or {})})
    data = folder / "data"
    if not demo:
        processes.seed_demo_accounts(data)
    argv = ("-m", "cli.main", "run", *(() if demo else ("--no-demo",)), "--data-dir", str(data))
    with running(processes, (("embedded", argv),), ports.values()) as started:
        yield started


def wait_serving(address: str, timeout: float = 180.0, processes: Processes | None = None) -> None:
    """Block until the gRPC health service at `address` answers SERVING (over TLS when
    the processes were given an `OCOP_TLS_DIR`)."""
    deadline = time.monotonic() + timeout
    tls_dir = processes.env.get("OCOP_TLS_DIR") if processes else None
    with tls.channel(address, Path(tls_dir) if tls_dir else None) as channel:
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
