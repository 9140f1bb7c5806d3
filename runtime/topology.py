"""The list of the system's services and processes: the one place a process is named.

Everything else that lists processes is derived from `SERVICES`, or checked against it
by `tests/unit/system/test_processes.py`:

* the distributed mode's process mains (`services/<s>/entrypoints/<kind>.py`, each a
  call of `runtime.processes.<kind>_main`);
* the embedded mode (`system/embedded.py` builds every service of the list and wires
  its kinds: gRPC server, consumers on the in-process bus, relay, scheduler);
* the default gRPC ports (`runtime.settings`), the process table of
  `docs/operators/running.md` and the end-to-end tests' processes;
* the health ports: an rpc process answers gRPC health on its gRPC port; every other
  process answers `/healthz` and `/readyz` over HTTP on its `health_port`
  (`OCOP_HEALTH_PORT`, `runtime.health`), which the compose file's health checks probe.

What each stream process consumes is the topic catalogue's business
(`contracts.topics.subscriptions`). A new service registers itself with one `Service`
entry here (its kinds, its port); it then provides `services/<name>/bootstrap.py`
(`NAME`, `build(settings, metrics)`) and one entrypoint module per kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["rpc", "stream", "relay", "scheduler"]
KINDS: Final[tuple[Kind, ...]] = ("rpc", "stream", "relay", "scheduler")

# The settings (runtime.settings.Settings fields, env OCOP_<FIELD>) each kind reads, besides
# the store's (`STORE_SETTINGS`) and the host and port of the /metrics every process serves.
STORE_SETTINGS: Final = (
    "store",
    "data_dir",
    "pg_host",
    "pg_port",
    "pg_user",
    "pg_password",
    "pg_db_prefix",
)
KIND_SETTINGS: Final[dict[Kind, tuple[str, ...]]] = {
    "rpc": ("grpc_host",),
    "stream": (
        "kafka_bootstrap",
        "kafka_credentials_dir",
        "topic_prefix",
        "consumer_batch_size",
        "consumer_max_attempts",
        "consumer_retry_backoff_seconds",
    ),
    "relay": (
        "kafka_bootstrap",
        "kafka_credentials_dir",
        "topic_prefix",
        "relay_batch_size",
        "relay_poll_seconds",
    ),
    "scheduler": (),
}
# How each process kind reports its health (besides its store): gRPC health for rpc, an
# HTTP /healthz and /readyz on `health_port` for the others.
HEALTH_SETTINGS: Final[dict[Kind, tuple[str, ...]]] = {
    "rpc": ("health_interval_seconds", "shutdown_drain_seconds"),
    "stream": ("health_port", "health_interval_seconds", "ready_max_lag"),
    "relay": ("health_port", "health_interval_seconds", "ready_max_lag"),
    "scheduler": ("health_port", "health_interval_seconds"),
}
HEALTH_PORT_STEP: Final = 100  # kind k of KINDS (k > 0): the service's base port + k * 100


@dataclass(frozen=True)
class Service:
    """One service of the system: the kinds of process it runs and its gRPC port.

    `own_settings` is the env prefix of the service's own settings class, if it has one.
    `health_base` numbers its other processes' health ports (default: its gRPC port).
    A `stand_in` (the province's, for tests and demos) runs all its kinds in one process,
    `python -m system.<name>`, and keeps its store in SQLite."""

    name: str
    kinds: tuple[Kind, ...]
    port: int | None = None
    own_settings: str | None = None
    stand_in: bool = False
    health_base: int | None = None

    @property
    def bootstrap(self) -> str:
        """The module with `NAME` and `build(settings, metrics)`."""
        return f"system.{self.name}" if self.stand_in else f"services.{self.name}.bootstrap"


@dataclass(frozen=True)
class Process:
    """One OS process of the distributed mode: `python -m <module>`."""

    name: str
    service: str
    kinds: tuple[Kind, ...]
    module: str
    port: int | None
    settings: tuple[str, ...]
    health_port: int | None = None  # /healthz and /readyz (None: gRPC health on `port`)

    @property
    def env(self) -> tuple[str, ...]:
        """The environment variables of its settings (`OCOP_<FIELD>`, upper case)."""
        return tuple(f"OCOP_{name.upper()}" for name in self.settings)


SERVICES: Final[tuple[Service, ...]] = (
    Service(
        "registration", ("rpc", "stream", "relay"), port=50061, own_settings="OCOP_REGISTRATION_"
    ),
    Service(
        "evaluation",
        ("rpc", "stream", "relay", "scheduler"),
        port=50062,
        own_settings="OCOP_EVALUATION_",
    ),
    Service("promotion", ("rpc", "stream", "relay"), port=50063, own_settings="OCOP_PROMOTION_"),
    Service(
        "inspection",
        ("rpc", "stream", "relay", "scheduler"),
        port=50064,
        own_settings="OCOP_INSPECTION_",
    ),
    Service("reporting", ("rpc", "stream"), port=50065, own_settings="OCOP_REPORTING_"),
    Service(
        "province",
        ("stream", "relay"),
        own_settings="OCOP_PROVINCE_",
        stand_in=True,
        health_base=50066,
    ),
)


def service(name: str) -> Service:
    """The entry of `name`; KeyError for a service the list does not have."""
    for entry in SERVICES:
        if entry.name == name:
            return entry
    raise KeyError(name)


def running(kind: Kind | None = None) -> tuple[Service, ...]:
    """The services that run processes (of `kind`, when given), in list order."""
    return tuple(s for s in SERVICES if s.kinds and (kind is None or kind in s.kinds))


def _settings(entry: Service, kinds: tuple[Kind, ...]) -> tuple[str, ...]:
    names = list(STORE_SETTINGS) if not entry.stand_in else ["store", "data_dir"]
    for kind in kinds:
        names += KIND_SETTINGS[kind]
        names += HEALTH_SETTINGS[kind]
        if kind == "rpc":
            names.append(f"{entry.name}_port")
    names += ["grpc_host", "metrics_port"]  # every process serves /metrics on grpc_host
    return tuple(dict.fromkeys(names))


def health_port(entry: Service, kinds: tuple[Kind, ...]) -> int | None:
    """The /healthz and /readyz port of the process running `kinds` of `entry` (None for an
    rpc process: gRPC health on its own port)."""
    if "rpc" in kinds:
        return None
    base = entry.health_base or entry.port
    if base is None:
        raise ValueError(f"{entry.name}: a port or a health_base is needed")
    return base + HEALTH_PORT_STEP * KINDS.index(kinds[0])


def processes() -> tuple[Process, ...]:
    """Every process of the distributed mode, in list order."""
    found: list[Process] = []
    for entry in running():
        if entry.stand_in:
            found.append(
                Process(
                    entry.name,
                    entry.name,
                    entry.kinds,
                    entry.bootstrap,
                    entry.port,
                    _settings(entry, entry.kinds),
                    health_port(entry, entry.kinds),
                )
            )
            continue
        for kind in entry.kinds:
            found.append(
                Process(
                    f"{entry.name}-{kind}",
                    entry.name,
                    (kind,),
                    f"services.{entry.name}.entrypoints.{kind}",
                    entry.port if kind == "rpc" else None,
                    _settings(entry, (kind,)),
                    health_port(entry, (kind,)),
                )
            )
    return tuple(found)


def default_ports() -> dict[str, int]:
    """service -> its default gRPC port."""
    return {s.name: s.port for s in SERVICES if s.port is not None}
