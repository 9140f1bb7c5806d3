"""The forwarding loop end to end through Kafka: evaluation's own processes (rpc, stream,
relay) and the province stand-in (`python -m system.province`), driven by the CLI.

R1: a district council forwards >= 70 to the province; the stand-in (scoring 5 points
lower) recognises 75 at 4 stars and returns 67 to the district. R3: the province approves
>= 90 for the ministry; the stand-in recognises 90 at 5 stars and returns 87, which the
province may then recognise at 4 stars."""

from __future__ import annotations

import asyncio
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from contracts import topics
from runtime.kafka import KafkaPublisher, build_broker
from runtime.messages import HEADER_EVENT_TYPE, HEADER_NOTIFICATION_ID, HEADER_SOURCE, OutMessage
from runtime.settings import Settings
from tests.conftest import kafka_bootstrap
from tests.e2e.environments import distributed_identity, free_port, processes_of
from tests.e2e.harness import Processes, wait_serving
from tests.e2e.journeys import appoint
from tests.unit.evaluation.helpers import assessed
from tests.unit.evaluation.sheets import choices_for

pytestmark = [pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]

PROCESSES = tuple(
    p for p in processes_of("evaluation", "province") if p[0] != "evaluation-scheduler"
)


async def publish(prefix: str, events: list[Any]) -> None:
    broker = build_broker(kafka_bootstrap(), "test-registration")
    await broker.connect()
    try:
        await KafkaPublisher(broker, prefix).publish(
            [
                OutMessage(
                    topic=topics.REGISTRATION_EVENTS,
                    key=str(e.aggregate_id).encode(),
                    value=e.model_dump_json().encode(),
                    headers={
                        HEADER_SOURCE: "registration",
                        HEADER_NOTIFICATION_ID: str(n),
                        HEADER_EVENT_TYPE: e.event_type,
                    },
                )
                for n, e in enumerate(events, start=1)
            ]
        )
    finally:
        await broker.stop()


COUNCIL = (("chu-tich", "chair"), ("tv1", "member"), ("tv2", "member"), ("thu-ky", "secretary"))
"""The council of these tests' rounds: account, council role."""


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
    sheet = folder / f"sheet-{rule_set}-{total}.yaml"
    sheet.write_text(
        yaml.safe_dump({"choices": choices_for(total, keep_star=keep, rule_set=rule_set)})
    )
    for member in ("chu-tich", "tv1", "tv2"):
        proc.cli(
            "--user",
            member,
            "evaluation",
            "submit-sheet",
            "--dossier",
            dossier,
            "--sheet",
            str(sheet),
        )
    adopted: dict[str, Any] = proc.cli(
        "--user",
        "thu-ky",
        "evaluation",
        "adopt",
        "--dossier",
        dossier,
        "--adopted-on",
        adopted_on,
    )
    return adopted


def wait_status(proc: Processes, dossier: str, status: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        view: dict[str, Any] = proc.cli("evaluation", "show", dossier)
        if view["status"] == status or time.monotonic() > deadline:
            assert view["status"] == status, view
            return view
        proc.assert_alive()
        time.sleep(0.3)


def test_forwarding_and_both_answers_under_r1_and_r3(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        **distributed_identity(tmp_path),
        "OCOP_STORE": "postgres",
        "OCOP_DELIVERY": "kafka",
        "OCOP_KAFKA_BOOTSTRAP": kafka_bootstrap(),
        "OCOP_TOPIC_PREFIX": topic_prefix,
        "OCOP_PG_HOST": postgres_settings.pg_host,
        "OCOP_PG_PORT": str(postgres_settings.pg_port),
        "OCOP_PG_USER": postgres_settings.pg_user,
        "OCOP_PG_PASSWORD": postgres_settings.pg_password,
        "OCOP_DATA_DIR": str(tmp_path / "data"),
        "OCOP_EVALUATION_PORT": str(port),
        "OCOP_PROVINCE_SCORE_DELTA": "-5",
    }
    proc = Processes(tmp_path, env)
    for name, module in PROCESSES:
        proc.start(name, "-m", module)
    r1 = {
        t: assessed(
            level="district",
            rule_set="R1",
            received=date(2025, 3, 1),
            assessed_on=date(2025, 3, 20),
        )
        for t in (80, 72)
    }
    r3 = {t: assessed() for t in (95, 92)}
    try:
        wait_serving(f"127.0.0.1:{port}", processes=proc)
        asyncio.run(publish(topic_prefix, [*r1.values(), *r3.values()]))
        for event in [*r1.values(), *r3.values()]:
            proc.cli("evaluation", "show", str(event.aggregate_id))  # waits for arrival

        council(
            proc,
            "district",
            "2025-03-20",
            ("--user", "phong-nn-610"),
            unit="610",
        )
        for total, event in r1.items():
            adopted = score(proc, tmp_path, str(event.aggregate_id), total, 4, "R1", "2025-05-20")
            assert (adopted["status"], adopted["forwarded_to"]) == ("forwarded", "province")
        council(
            proc,
            "province",
            "2026-06-12",
            (
                "--user",
                "so-nnmt",
            ),
        )
        for total, event in r3.items():
            adopted = score(proc, tmp_path, str(event.aggregate_id), total, 5, "R3", "2026-06-25")
            assert adopted["status"] == "awaiting_approval"
            proc.cli(
                "--user",
                "ct-ubnd-tinh",
                "evaluation",
                "approve-forward",
                "--dossier",
                str(event.aggregate_id),
                "--on",
                "2026-06-26",
            )

        recognised = wait_status(proc, str(r1[80].aggregate_id), "recognised")
        assert (recognised["star"], recognised["score"]) == (4, "80.00")
        returned = wait_status(proc, str(r1[72].aggregate_id), "returned")
        assert returned["returned_options"] == ["recognise", "reevaluate"]
        five = wait_status(proc, str(r3[95].aggregate_id), "recognised")
        assert five["star"] == 5
        wait_status(proc, str(r3[92].aggregate_id), "returned")
        # the province recognises 4 stars on the ministry's 87 (R3 Art. 7.4.g)
        decision = proc.cli(
            "--user",
            "ct-ubnd-tinh",
            "evaluation",
            "decide",
            "--decision-no",
            "301/QĐ-UBND",
            "--decided-on",
            "2026-07-20",
            "--signer",
            "Chủ tịch UBND tỉnh",
            "--dossier",
            str(r3[92].aggregate_id),
        )
        assert decision["items"][0]["star"] == 4
        certificates = proc.cli("evaluation", "certificates", str(r3[95].product_id))
        assert certificates["certificates"][0]["issuer"] == "ministry"
        proc.assert_alive()
    finally:
        codes = proc.stop()
    assert codes == {name: 0 for name, _ in PROCESSES}, {
        name: proc.log_of(name)[-2000:] for name, code in codes.items() if code
    }
