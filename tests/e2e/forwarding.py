"""The forwarding tests' system and steps: evaluation's own processes (rpc, stream, relay)
with the province stand-in (`python -m system.province`, scoring 5 points lower) on
PostgreSQL and Kafka; registration's events published to it; a council opened for a round,
its members' sheets and the adoption; waiting for a dossier's status."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from contracts import topics
from contracts.envelope import IntegrationEvent
from runtime.settings import Settings
from tests.conftest import kafka_bootstrap
from tests.e2e.environments import free_port, processes_of
from tests.e2e.harness import Processes, modules, running
from tests.e2e.journeys import appoint, scored_and_adopted
from tests.integration.steps import contract_message, kafka_publisher
from tests.unit.evaluation.sheets import choices_for

PROCESSES = tuple(
    p for p in processes_of("evaluation", "province") if p[0] != "evaluation-scheduler"
)
COUNCIL = (("chu-tich", "chair"), ("tv1", "member"), ("tv2", "member"), ("thu-ky", "secretary"))
"""The council of these tests' rounds: account, council role."""


@contextmanager
def evaluation_and_the_province(
    settings: Settings, topic_prefix: str, folder: Path, env: dict[str, str]
) -> Iterator[Processes]:
    """`PROCESSES` on the PostgreSQL of `settings` and Kafka under `topic_prefix`, their
    data and logs under `folder`, `env` besides; entered once evaluation's gRPC API serves;
    they must stay alive and stop cleanly."""
    port = free_port()
    env = {
        "OCOP_STORE": "postgres",
        "OCOP_DELIVERY": "kafka",
        "OCOP_KAFKA_BOOTSTRAP": kafka_bootstrap(),
        "OCOP_TOPIC_PREFIX": topic_prefix,
        "OCOP_PG_HOST": settings.pg_host,
        "OCOP_PG_PORT": str(settings.pg_port),
        "OCOP_PG_USER": settings.pg_user,
        "OCOP_PG_PASSWORD": settings.pg_password,
        "OCOP_DATA_DIR": str(folder / "data"),
        "OCOP_EVALUATION_PORT": str(port),
        "OCOP_PROVINCE_SCORE_DELTA": "-5",
        **env,
    }
    with running(Processes(folder, env), modules(PROCESSES), [port]) as proc:
        yield proc


async def publish(prefix: str, events: list[Any]) -> None:
    """`events` published as registration's relay does, numbered from 1."""
    async with kafka_publisher(prefix, "test-registration") as publisher:
        await publisher.publish(
            [
                contract_message(e, topics.REGISTRATION_EVENTS, "registration", n)
                for n, e in enumerate(events, start=1)
            ]
        )


def arrived(proc: Processes, prefix: str, events: list[IntegrationEvent]) -> None:
    """Registration's `events` (CommuneAssessed) published; each dossier then shown by
    evaluation, which waits for its arrival."""
    asyncio.run(publish(prefix, events))
    for event in events:
        proc.cli("evaluation", "show", str(event.aggregate_id))  # waits for arrival


def council(
    proc: Processes, level: str, on: str, officer: tuple[str, ...], unit: str = "51"
) -> None:
    """Opens the round of `level` for `unit` (a district's own code, a province's) and
    appoints its council."""
    round_id = proc.cli(
        *officer, "evaluation", "open-round", "--level", level, "--unit", unit, "--on", on
    )["round_id"]
    appoint(proc, officer, round_id, COUNCIL)


def score(
    proc: Processes,
    folder: Path,
    dossier: str,
    total: int,
    keep: int,
    rule_set: str,
    adopted_on: str,
) -> dict[str, Any]:
    """Every member of `COUNCIL` scores `dossier` `total` under `rule_set` (keeping star
    `keep`'s minimums); the secretary adopts on `adopted_on`; the adopted result."""
    sheet = folder / f"sheet-{rule_set}-{total}.yaml"
    sheet.write_text(
        yaml.safe_dump({"choices": choices_for(total, keep_star=keep, rule_set=rule_set)})
    )
    adopted: dict[str, Any] = scored_and_adopted(
        proc, dossier, dict.fromkeys(("chu-tich", "tv1", "tv2"), sheet), adopted_on
    )
    return adopted


def wait_status(proc: Processes, dossier: str, status: str, timeout: float = 60) -> dict[str, Any]:
    """`dossier`'s view once its status is `status` (fails after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        view: dict[str, Any] = proc.cli("evaluation", "show", dossier)
        if view["status"] == status or time.monotonic() > deadline:
            assert view["status"] == status, view
            return view
        proc.assert_alive()
        time.sleep(0.3)


def approve_forward(proc: Processes, who: tuple[str, ...], dossier: str, on: str) -> None:
    """The province chairman (`who`) approves forwarding `dossier` to the ministry on `on`."""
    proc.cli(*who, "evaluation", "approve-forward", "--dossier", dossier, "--on", on)
