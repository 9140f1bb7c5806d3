"""What every figure module shares: the servers (PostgreSQL databases, Kafka topics under a
prefix of the run's own), the facts of the machine, CPU accounting from /proc, and the
constants of the stored-events shape the limits and the system write."""

from __future__ import annotations

import json
import logging
import math
import os
import platform
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import psycopg
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from faststream.kafka import KafkaBroker
from psycopg import sql

from contracts import topics
from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.kafka import build_broker
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration
from services.reporting.bootstrap import NAME as REPORTING
from services.reporting.bootstrap import build as build_reporting

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("registration", "reporting")
PAYLOAD = json.dumps({"name": "Cà phê rang xay Đăk Hà", "pad": "x" * 420}).encode()
EVENT_TOPIC = "services.registration.domain.model:Product.Registered"
BATCH = 100
ACTOR = CommandContext(actor=Actor(id="bench", role="commune_officer", jurisdiction="23500"))


def say(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def quiet_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")


def kafka_broker(settings: Settings, client_id: str) -> KafkaBroker:
    """`runtime.kafka.build_broker` without FastStream's access log (two lines per batch on
    stdout, which would mix with the report)."""
    return build_broker(settings.kafka_bootstrap, client_id, logger=None)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# --- PostgreSQL and Kafka ------------------------------------------------------------


def pg_connect(settings: Settings, dbname: str, *, autocommit: bool = False) -> psycopg.Connection:
    return psycopg.connect(
        host=settings.pg_host,
        port=settings.pg_port,
        user=settings.pg_user,
        password=settings.pg_password,
        dbname=dbname,
        autocommit=autocommit,
        connect_timeout=5,
    )


def ensure_databases(
    settings: Settings, maintenance_db: str, services: Sequence[str] = SERVICES
) -> None:
    """Create the databases `<db-prefix><service>` that are missing (the role has CREATEDB)."""
    with pg_connect(settings, maintenance_db, autocommit=True) as conn:
        for service in services:
            name = f"{settings.pg_db_prefix}{service}"
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                continue
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def reset_database(settings: Settings, service: str) -> None:
    """Empty one service database, as the tests' `reset_databases` does."""
    with pg_connect(settings, f"{settings.pg_db_prefix}{service}", autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def create_schemas(settings: Settings) -> None:
    """Create the tables once, before the roles start: two connections running eventsourcing's
    create_table at the same moment on an empty database collide (duplicate key in pg_type)."""
    build_registration(settings).app.close()
    build_reporting(settings).app.close()


def prefixed_topics(prefix: str) -> tuple[list[str], list[str]]:
    events = sorted({topics.REGISTRATION_EVENTS, *topics.subscriptions(REPORTING)})
    return [prefix + t for t in events], [prefix + topics.dead_letter_topic(REPORTING)]


async def create_topics(bootstrap: str, prefix: str) -> None:
    """The topics a run uses, under `prefix` (3 partitions, dead letters 1, as topics.yaml)."""
    events, dead = prefixed_topics(prefix)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics(
            [NewTopic(t, num_partitions=3, replication_factor=1) for t in events]
            + [NewTopic(t, num_partitions=1, replication_factor=1) for t in dead]
        )
    finally:
        await admin.close()


async def delete_topics(bootstrap: str, prefix: str) -> None:
    events, dead = prefixed_topics(prefix)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        if names := [t for t in events + dead if t in existing]:
            await admin.delete_topics(names)
    finally:
        await admin.close()


def machine_facts(settings: Settings, limits_db: str) -> dict[str, Any]:
    status = subprocess.run(
        [str(ROOT / "deploy/kafka/kafka.sh"), "status"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = re.search(r"Kafka (\S+?),? ", status.stdout + status.stderr)
    kafka_pid = re.search(r"pid (\d+)", status.stdout + status.stderr)
    if status.returncode != 0 or found is None or kafka_pid is None:
        raise SystemExit(
            "Kafka is not running (deploy/kafka/kafka.sh status failed): run deploy/infra.sh up\n"
            + status.stdout
            + status.stderr
        )
    with pg_connect(settings, limits_db) as conn:
        pg = {}
        for name in ("server_version", "fsync", "synchronous_commit", "shared_buffers"):
            row = conn.execute(sql.SQL("SHOW {}").format(sql.Identifier(name))).fetchone()
            pg[name] = str(row[0]) if row else "?"
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()
    postmaster = parent_of(int(backend[0])) if backend else 0
    cpu = ""
    with Path("/proc/cpuinfo").open() as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0.0
    with Path("/proc/meminfo").open() as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) / 1024 / 1024
    packages = ("eventsourcing", "faststream", "aiokafka", "psycopg")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "load_at_start": [round(v, 2) for v in os.getloadavg()],
        "cpu": cpu,
        "memory_gib": round(memory, 1),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "kafka": found.group(1),
        "kafka_pid": int(kafka_pid.group(1)),
        "postmaster_pid": postmaster,
        "kafka_bootstrap": settings.kafka_bootstrap,
        "postgresql": pg["server_version"].split()[0],
        "postgresql_settings": {k: v for k, v in pg.items() if k != "server_version"},
        "packages": {p: metadata.version(p) for p in packages},
    }


# --- CPU accounting -----------------------------------------------------------------


def cpu_between(samples: Sequence[tuple[float, float]], start: float, end: float) -> float:
    """CPU seconds spent between two instants, from the samples that bracket them."""
    before = [c for t, c in samples if t <= start] or [samples[0][1]]
    after = [c for t, c in samples if t >= end] or [samples[-1][1]]
    return after[0] - before[-1]


@dataclass(frozen=True)
class Servers:
    """The processes whose CPU time is counted: the Kafka broker and the PostgreSQL
    postmaster with every process it started (backends, writers, autovacuum)."""

    kafka_pid: int
    postmaster_pid: int


def _stat(pid: str) -> tuple[int, float] | None:
    """(parent pid, CPU seconds so far) of a process, from /proc/<pid>/stat."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = text[text.rindex(")") + 2 :].split()
    return int(rest[1]), (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system, all its threads) a process has used so far; 0 if gone."""
    found = _stat(str(pid))
    return found[1] if found else 0.0


def parent_of(pid: int) -> int:
    found = _stat(str(pid))
    return found[0] if found else 0


def server_cpu(servers: Servers) -> dict[str, float]:
    """CPU seconds used so far by the Kafka broker and by the PostgreSQL cluster."""
    totals = {"kafka": 0.0, "postgres": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or (found := _stat(entry.name)) is None:
            continue
        parent, seconds = found
        if int(entry.name) == servers.kafka_pid:
            totals["kafka"] += seconds
        elif servers.postmaster_pid in (int(entry.name), parent):
            totals["postgres"] += seconds
    return totals


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    with Path("/proc/stat").open() as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / tick, sum(values[:8]) / tick


def server_seconds(dbname: str) -> float:
    """CPU seconds so far of the PostgreSQL backends connected to `dbname`."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"postgres:" not in command or f" {dbname} ".encode() not in command:
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")
