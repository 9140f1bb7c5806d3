"""The fault suite's own servers: a second Kafka broker (deploy/kafka/kafka.sh on ports
and a state dir of its own) and a throwaway PostgreSQL cluster (initdb into a temp dir,
its own port); never the shared ones."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from tests.e2e.harness import ROOT, free_port


def _pg_bin() -> Path:
    """OCOP_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout)."""
    if given := os.environ.get("OCOP_PG_BIN"):
        return Path(given)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
DATABASES = ("registration", "evaluation", "reporting", "promotion", "inspection")


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

    def _client(self, tool: str, *args: str | Path) -> str:
        """`tool` (pg_dump, pg_restore) of the cluster's version against the cluster."""
        return run(PG_BIN / tool, "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, *args)

    def dump(self, service: str, target: Path) -> None:
        self._client("pg_dump", "-Fc", "-f", target, f"ocop_{service}")

    def restore(self, service: str, source: Path) -> None:
        self.sql("postgres", f"DROP DATABASE ocop_{service} WITH (FORCE)")
        self.sql("postgres", f"CREATE DATABASE ocop_{service}")
        self._client("pg_restore", "-d", f"ocop_{service}", source)
