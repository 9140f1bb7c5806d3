"""Registration in the distributed mode: its rpc and relay processes on PostgreSQL, the
real Kafka broker, and reporting's processes reading what it publishes — the cycle from
idea to forwarded dossier driven by the `ocop` CLI, the forwarding read back from Kafka."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer

from contracts import topics
from contracts.registration import CommuneAssessed
from contracts.registry import parse
from runtime.settings import Settings
from tests.conftest import kafka_bootstrap
from tests.e2e.harness import Processes, distributed
from tests.e2e.journeys import EXAMPLES, assess, attach, receive

pytestmark = [pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]

SERVICES = ("registration", "reporting")  # their processes run (runtime/topology.py)


# The commune officer of the producer's commune (23425; Tu Mơ Rông district until 2025):
# the access scope lets an officer act, and read reporting, only in its own commune.
OFFICER = ("--user", "can-bo-23425", "--role", "commune_officer", "--jurisdiction", "23425")


def idea_to_forwarded(proc: Processes) -> dict[str, str]:
    reg = (*OFFICER, "registration")
    producer = proc.cli(
        *reg,
        "register-producer",
        "--name",
        "HTX Dược liệu Tu Mơ Rông",
        "--kind",
        "cooperative",
        "--legacy-commune",
        "23425",
        "--legal-rep",
        "Y Nhung",
        "--gender",
        "female",
        "--ethnicity",
        "Xơ Đăng",
        "--brn",
        "6101112223",
    )["producer_id"]
    idea = proc.cli(
        *reg,
        "register-idea",
        "--producer",
        producer,
        "--name",
        "Trà sâm dây",
        "--set",
        "12",
        "--on",
        "2026-03-02",
    )["idea_id"]
    proc.cli(
        *reg,
        "return-idea",
        "--idea",
        idea,
        "--reason",
        "Thiếu vùng nguyên liệu",
        "--on",
        "2026-03-05",
    )
    proc.cli(*reg, "resubmit-idea", "--idea", idea, "--on", "2026-03-09")
    proc.cli(*reg, "accept-idea", "--idea", idea, "--on", "2026-03-16")
    proc.cli(*reg, "submit-plan", "--idea", idea, "--text", "PA", "--on", "2026-04-01")
    proc.cli(*reg, "approve-plan", "--idea", idea, "--on", "2026-04-15")
    product = proc.cli(*reg, "register-product", "--idea", idea)["product_id"]
    dossier = proc.cli(*reg, "submit-dossier", "--product", product, "--received-on", "2026-06-01")[
        "dossier_id"
    ]
    attach(proc, dossier, EXAMPLES / "mau-02-tu-danh-gia.pdf", user=OFFICER)
    # tea (set 12) is a food: its food-safety certificate is required
    attach(proc, dossier, EXAMPLES / "giay-chung-nhan-attp.pdf", "food_safety_certificate", OFFICER)
    choices = [f"--choice={c}=1" for c in _criteria_of_set_12()]
    proc.cli(*reg, "self-assess", "--dossier", dossier, *choices)
    receive(proc, dossier, "2026-06-02", OFFICER)
    assess(proc, dossier, "7/BC-UBND", "2026-06-15", OFFICER)
    forwarded = proc.cli(*reg, "forward", "--dossier", dossier, "--forwarded-on", "2026-06-16")
    return {"product": product, "dossier": dossier, "forwarded_to": forwarded["forwarded_to"]}


def _criteria_of_set_12() -> list[str]:
    from services.registration.application.rulebook import requirements

    return list(requirements("R3", "first", 12).sheet)


async def read_forwarding(prefix: str, dossier: str) -> CommuneAssessed:
    reader = AIOKafkaConsumer(
        prefix + topics.REGISTRATION_EVENTS,
        bootstrap_servers=kafka_bootstrap(),
        group_id=f"check-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
    )
    await reader.start()
    try:
        deadline = asyncio.get_running_loop().time() + 60
        while asyncio.get_running_loop().time() < deadline:
            for batch in (await reader.getmany(timeout_ms=1000)).values():
                for record in batch:
                    event = parse(topics.REGISTRATION_EVENTS, record.value)
                    if isinstance(event, CommuneAssessed) and str(event.aggregate_id) == dossier:
                        return event
    finally:
        await reader.stop()
    raise AssertionError("no CommuneAssessed on Kafka")


def test_idea_to_forwarded_dossier_through_kafka(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    with distributed(tmp_path, postgres_settings, topic_prefix, SERVICES) as proc:
        done = idea_to_forwarded(proc)
        assert done["forwarded_to"] == "province"
        event = asyncio.run(read_forwarding(topic_prefix, done["dossier"]))
        assert (event.rule_set_id, event.forwarded_to, event.report_no) == (
            "R3",
            "province",
            "7/BC-UBND",
        )
        assert (event.commune_code, event.province_code, event.product_code) == (
            "23425",
            "51",
            "51-23425-1-2026",
        )
        deadline = time.monotonic() + 60
        while True:
            row = proc.cli(*OFFICER, "reporting", "product", done["product"], ok=False)
            if row.returncode == 0 and b"commune_assessed" in row.stdout:
                break
            assert time.monotonic() < deadline, row.stderr.decode()
            time.sleep(0.3)
        assert list((tmp_path / "data" / "documents").rglob("*"))  # the document, by content
