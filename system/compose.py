"""The container image and the compose file of the distributed mode, generated from the one
list of processes (`runtime.topology`) and the typed settings.

    python -m system.compose            # write deploy/Dockerfile and deploy/compose/*
    python -m system.compose --check    # exit 1 when a committed file is stale (make lint)

One image for every process (the compose service's `command` chooses it), a non-root user
and a read-only root file system; compose runs Kafka (KRaft), PostgreSQL with a database
per service, a one-shot topic creation from `deploy/kafka/topics.yaml`, every process of
the list with the settings it reads, its gRPC port and a health check
(`python -m runtime.probe`), the web console (`python -m console`: one gRPC address per
service, its session key a compose secret), and Prometheus scraping every process's
/metrics.
No container engine runs where this is generated: `tests/unit/system/test_compose.py`
parses the files and checks them against the list.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import yaml

from runtime.topology import Process, processes, running
from system.compose_infrastructure import (
    POSTGRES_INIT,
    PROMETHEUS_FILE,
    infrastructure,
    setting_value,
)
from system.image import (
    CONSOLE_PORT,
    DOCKERFILE,
    GENERATED,
    IMAGE,
    METRICS_PORT,
    PACKAGES,
    UID,
    render_dockerfile,
)

__all__ = [
    "COMPOSE_FILE",
    "CONSOLE_PORT",
    "CONSOLE_SECRET",
    "DOCKERFILE",
    "IMAGE",
    "METRICS_PORT",
    "PACKAGES",
    "POSTGRES_INIT",
    "PROMETHEUS_FILE",
    "UID",
    "grpc_addresses",
    "main",
    "render",
    "setting_value",
    "stale",
]

ROOT: Final = Path(__file__).resolve().parent.parent
COMPOSE_FILE: Final = Path("deploy/compose/compose.yaml")


def locked_down() -> dict[str, Any]:
    """Every process's container and the console's: the image's non-root user, a read-only
    root file system with /tmp in memory, no capability, and the data volume (new lists
    each time: shared ones would be written as YAML anchors)."""
    return {
        "user": str(UID),
        "read_only": True,
        "tmpfs": ["/tmp"],
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges:true"],
        "volumes": ["ocop-data:/data"],
    }


def probe(process: Process) -> list[str]:
    """The health check command of `process`: gRPC health on its port, else its /readyz
    (`runtime.health`) on its health port."""
    if process.port is not None:
        return ["CMD", "python", "-m", "runtime.probe", "grpc", f"127.0.0.1:{process.port}"]
    url = f"http://127.0.0.1:{process.health_port}/readyz"
    return ["CMD", "python", "-m", "runtime.probe", "http", url]


def process_service(process: Process) -> dict[str, Any]:
    settings = ("delivery", *process.settings)
    service: dict[str, Any] = {
        "image": IMAGE,
        "build": {"context": "../..", "dockerfile": DOCKERFILE.as_posix()},
        "command": ["python", "-m", process.module],
        "environment": {
            f"OCOP_{name.upper()}": (
                str(process.health_port) if name == "health_port" else setting_value(name)
            )
            for name in settings
        },
        **locked_down(),
        "depends_on": {"postgres": {"condition": "service_healthy"}},
        "healthcheck": {
            "test": probe(process),
            "interval": "10s",
            "timeout": "5s",
            "retries": 5,
            "start_period": "30s",
        },
        "restart": "unless-stopped",
    }
    if process.port is not None:
        service["ports"] = [f"{process.port}:{process.port}"]
    if {"stream", "relay"} & set(process.kinds):
        service["depends_on"]["topics"] = {"condition": "service_completed_successfully"}
    return service


CONSOLE_SECRET: Final = "console-session-key"
"""The compose secret holding the console's session key (a Fernet key, base64): the file
`deploy/compose/console-session.key`, made before the first `up` (docs/operators/console.md)."""


def grpc_addresses(host_of: Any) -> str:
    """OCOP_CONSOLE_GRPC_ADDRESSES: each gRPC server's `host_of(process)`:port, as JSON."""
    servers = {p.service: f"{host_of(p)}:{p.port}" for p in processes() if p.port is not None}
    return json.dumps(servers, sort_keys=True)


def console_service() -> dict[str, Any]:
    """The console, its own process: every service at its own compose host."""
    servers = [p.name for p in processes() if p.port is not None]
    return {
        "image": IMAGE,
        "build": {"context": "../..", "dockerfile": DOCKERFILE.as_posix()},
        "command": ["python", "-m", "console"],
        "environment": {
            "OCOP_CONSOLE_HOST": "0.0.0.0",
            "OCOP_CONSOLE_PORT": str(CONSOLE_PORT),
            "OCOP_CONSOLE_PUBLIC_URL": f"http://127.0.0.1:{CONSOLE_PORT}",
            "OCOP_CONSOLE_GRPC_ADDRESSES": grpc_addresses(lambda p: p.name),
            "OCOP_CONSOLE_SECRET_FILE": f"/run/secrets/{CONSOLE_SECRET}",
            "OCOP_DATA_DIR": "/data",
            "OCOP_OIDC_ISSUER": setting_value("oidc_issuer"),
        },
        "secrets": [CONSOLE_SECRET],
        **locked_down(),
        "depends_on": {name: {"condition": "service_healthy"} for name in servers},
        "healthcheck": {
            "test": [
                "CMD",
                "python",
                "-m",
                "runtime.probe",
                "http",
                f"http://127.0.0.1:{CONSOLE_PORT}/healthz",
            ],
            "interval": "10s",
            "timeout": "5s",
            "retries": 5,
            "start_period": "10s",
        },
        "restart": "unless-stopped",
        "ports": [f"{CONSOLE_PORT}:{CONSOLE_PORT}"],
    }


def render_compose() -> str:
    document = {
        "name": "ocop",
        "services": {
            **infrastructure(),
            **{p.name: process_service(p) for p in processes()},
            "console": console_service(),
        },
        "volumes": {"kafka-data": {}, "pg-data": {}, "ocop-data": {}},
        "secrets": {CONSOLE_SECRET: {"file": "./console-session.key"}},
    }
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    usage = (
        "# The distributed mode: `docker compose -f deploy/compose/compose.yaml up --build`.\n"
        "# First the console's session key (never committed): .venv/bin/python -c 'from "
        "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' > "
        "deploy/compose/console-session.key"
    )
    return f"{usage}\n# {GENERATED}\n{body}"


def render_prometheus() -> str:
    document = {
        "global": {"scrape_interval": "15s"},
        "scrape_configs": [
            {
                "job_name": "ocop",
                "static_configs": [
                    {
                        "targets": [f"{p.name}:{METRICS_PORT}"],
                        "labels": {"process": p.name, "service": p.service},
                    }
                    for p in processes()
                ],
            }
        ],
    }
    return f"# {GENERATED}\n" + yaml.safe_dump(document, sort_keys=False, width=100)


def render_postgres_init() -> str:
    prefix = setting_value("pg_db_prefix")
    lines = [f'CREATE DATABASE "{prefix}{s.name}";' for s in running() if not s.stand_in]
    return f"-- {GENERATED}\n" + "\n".join(lines) + "\n"


def render() -> dict[Path, str]:
    """Every generated file, repo-relative path -> text."""
    return {
        DOCKERFILE: render_dockerfile(),
        COMPOSE_FILE: render_compose(),
        PROMETHEUS_FILE: render_prometheus(),
        POSTGRES_INIT: render_postgres_init(),
    }


def stale(root: Path) -> list[str]:
    """The generated files under `root` that are missing or differ."""
    problems = []
    for path, text in render().items():
        target = root / path
        if not target.is_file():
            problems.append(f"missing: {path.as_posix()}")
        elif target.read_text(encoding="utf-8") != text:
            problems.append(f"differs: {path.as_posix()}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m system.compose", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale(ROOT)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        if problems:
            print("regenerate with: .venv/bin/python -m system.compose", file=sys.stderr)
            return 1
        print("deployment files are up to date")
        return 0
    for path, text in render().items():
        target = ROOT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"written: {path.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
