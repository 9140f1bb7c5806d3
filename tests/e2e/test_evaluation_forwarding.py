"""The forwarding loop end to end through Kafka: evaluation's own processes (rpc, stream,
relay) and the province stand-in (`python -m system.province`), driven by the CLI.

R1: a district council forwards >= 70 to the province; the stand-in (scoring 5 points
lower) recognises 75 at 4 stars and returns 67 to the district. R3: the province approves
>= 90 for the ministry; the stand-in recognises 90 at 5 stars and returns 87, which the
province may then recognise at 4 stars."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from runtime.settings import Settings
from tests.e2e.environments import distributed_identity
from tests.e2e.forwarding import (
    approve_forward,
    arrived,
    council,
    evaluation_and_the_province,
    score,
    wait_status,
)
from tests.e2e.journeys import decide
from tests.unit.evaluation.helpers import assessed

pytestmark = [pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]

CHAIRMAN = ("--user", "ct-ubnd-tinh")


def test_forwarding_and_both_answers_under_r1_and_r3(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    identity = distributed_identity(tmp_path)
    with evaluation_and_the_province(postgres_settings, topic_prefix, tmp_path, identity) as proc:
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
        arrived(proc, topic_prefix, [*r1.values(), *r3.values()])

        council(proc, "district", "2025-03-20", ("--user", "phong-nn-610"), unit="610")
        for total, event in r1.items():
            adopted = score(proc, tmp_path, str(event.aggregate_id), total, 4, "R1", "2025-05-20")
            assert (adopted["status"], adopted["forwarded_to"]) == ("forwarded", "province")
        council(proc, "province", "2026-06-12", ("--user", "so-nnmt"))
        for total, event in r3.items():
            adopted = score(proc, tmp_path, str(event.aggregate_id), total, 5, "R3", "2026-06-25")
            assert adopted["status"] == "awaiting_approval"
            approve_forward(proc, CHAIRMAN, str(event.aggregate_id), "2026-06-26")

        recognised = wait_status(proc, str(r1[80].aggregate_id), "recognised")
        assert (recognised["star"], recognised["score"]) == (4, "80.00")
        returned = wait_status(proc, str(r1[72].aggregate_id), "returned")
        assert returned["returned_options"] == ["recognise", "reevaluate"]
        five = wait_status(proc, str(r3[95].aggregate_id), "recognised")
        assert five["star"] == 5
        wait_status(proc, str(r3[92].aggregate_id), "returned")
        # the province recognises 4 stars on the ministry's 87 (R3 Art. 7.4.g)
        decision = decide(
            proc,
            CHAIRMAN,
            "301/QĐ-UBND",
            "2026-07-20",
            "Chủ tịch UBND tỉnh",
            str(r3[92].aggregate_id),
        )
        assert decision["items"][0]["star"] == 4
        certificates = proc.cli("evaluation", "certificates", str(r3[95].product_id))
        assert certificates["certificates"][0]["issuer"] == "ministry"
