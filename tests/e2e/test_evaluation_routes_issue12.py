"""Issue 12's routes through Kafka with the province stand-in (`python -m system.province`):
results are forwarded by score even when a minimum of the next star is missed, and the
higher level's shortfall comes back down with no certificate until the lower level acts.

R1: a district 72 missing a 4★ minimum (no e-traceability code) is forwarded (the district
does not cap it to 3★); the stand-in (5 points lower) finds 67 and returns it; the district
recognises 3★. R3: a province 92 missing a 5★ minimum is approved and forwarded to the
ministry; the stand-in returns 87; nothing is certified until the province recognises 4★."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from rules import load_rule_set
from runtime.settings import Settings
from tests.e2e.forwarding import (
    approve_forward,
    arrived,
    council,
    evaluation_and_the_province,
    wait_status,
)
from tests.e2e.harness import Processes
from tests.e2e.journeys import decide, scored_and_adopted
from tests.unit.evaluation.helpers import assessed
from tests.unit.rules.helpers import sheet_at

pytestmark = [pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]

DISTRICT = ("--actor-id", "phong-nn-610", "--role", "district_officer", "--jurisdiction", "610")
PROVINCE = ("--actor-id", "so-nnmt", "--jurisdiction", "51")
CHAIRMAN = ("--actor-id", "ct-ubnd-tinh", "--jurisdiction", "51")
DISTRICT_CHAIRMAN = (
    "--actor-id", "ct-ubnd-huyen-610", "--role", "authority", "--jurisdiction", "610"
)  # fmt: skip


def adopt_short(
    proc: Processes, folder: Path, dossier: str, rule_set: str, total: int, missing: dict[str, str]
) -> dict[str, Any]:
    """Every member scores `total` with `missing` below the next star's minimum."""
    choices = sheet_at(load_rule_set(rule_set), 13, total, floor_star=4, overrides=missing).choices
    sheet = folder / f"short-{rule_set}-{total}.yaml"
    sheet.write_text(yaml.safe_dump({"choices": choices}))
    on = "2025-05-20" if rule_set == "R1" else "2026-06-25"
    sheets = dict.fromkeys(("chu-tich", "tv1", "tv2"), sheet)
    adopted: dict[str, Any] = scored_and_adopted(proc, dossier, sheets, on)
    return adopted


def assert_no_certificate(proc: Processes, product: str) -> None:
    done = proc.cli("evaluation", "certificates", product, ok=False)
    assert done.returncode == 2 and "chưa có giấy chứng nhận" in done.stderr.decode()


def test_forwarded_by_score_and_returned_with_no_certificate_until_the_lower_level_acts(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    with evaluation_and_the_province(postgres_settings, topic_prefix, tmp_path, {}) as proc:
        r1 = assessed(
            level="district",
            rule_set="R1",
            received=date(2025, 3, 1),
            assessed_on=date(2025, 3, 20),
        )
        r3 = assessed()
        arrived(proc, topic_prefix, [r1, r3])

        council(proc, "district", "2025-03-20", DISTRICT, unit="610")
        adopted = adopt_short(proc, tmp_path, str(r1.aggregate_id), "R1", 72, {"2.3": "2"})
        assert (adopted["status"], adopted["forwarded_to"]) == ("forwarded", "province")
        returned = wait_status(proc, str(r1.aggregate_id), "returned")
        assert returned["returned_options"] == ["recognise", "reevaluate"]
        assert_no_certificate(proc, str(r1.product_id))
        decision = decide(
            proc, DISTRICT_CHAIRMAN, "12/QĐ-UBND", "2025-06-20", "Chủ tịch UBND huyện",
            str(r1.aggregate_id),
        )  # fmt: skip
        assert decision["items"][0]["star"] == 3

        council(proc, "province", "2026-06-12", PROVINCE)
        adopted = adopt_short(proc, tmp_path, str(r3.aggregate_id), "R3", 92, {"4.1": "3"})
        assert adopted["status"] == "awaiting_approval"
        approve_forward(proc, CHAIRMAN, str(r3.aggregate_id), "2026-06-26")
        back = wait_status(proc, str(r3.aggregate_id), "returned")
        assert back["returned_options"] == ["recognise", "reevaluate"]
        assert_no_certificate(proc, str(r3.product_id))
        decision = decide(
            proc, CHAIRMAN, "302/QĐ-UBND", "2026-07-20", "Chủ tịch UBND tỉnh", str(r3.aggregate_id)
        )
        assert decision["items"][0]["star"] == 4
