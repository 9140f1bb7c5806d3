"""Promotion end to end, driven by the `ocop` CLI: as its own processes (rpc, stream,
relay) on PostgreSQL and Kafka beside registration and evaluation, and in the embedded
mode (`ocop run`). A Kon Tum coffee recognised 3★ by its district (R1, 2024) is displayed
in the province's OCOP showroom and listed on a supermarket channel; an uncertified
product is refused; the province revokes the certificate and promotion withdraws the
product from the showroom and the channel by itself, saying why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from runtime.settings import Settings
from tests.e2e.harness import (
    Processes,
    distributed,
    embedded,
)
from tests.e2e.test_inspection import certified_by_the_district, until

pytestmark = pytest.mark.e2e

SERVICES = ("registration", "evaluation", "promotion")  # their processes run (runtime/topology.py)
OFFICE = ("--actor-id", "so-cong-thuong", "--jurisdiction", "51")


def _display(proc: Processes, showroom: str, product: str) -> dict[str, Any] | None:
    """Display once promotion has learnt of the certificate (refused before)."""
    done = proc.cli(*OFFICE, "--wait", "0", "promotion", "display", "--showroom", showroom,
                    "--product", product, "--since", "02/07/2025", ok=False)  # fmt: skip
    if done.returncode != 0:
        assert b"product_id" in done.stderr, done.stderr
        return None
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def promotion_story(proc: Processes) -> None:
    product = certified_by_the_district(proc)
    showroom = proc.cli(
        *OFFICE, "promotion", "open-showroom", "--name",
        "Điểm giới thiệu và bán sản phẩm OCOP tỉnh", "--address", "TP Kon Tum",
        "--commune", "23500", "--province", "51", "--operator", "Trung tâm Xúc tiến",
        "--on", "01/07/2025",
    )["showroom_id"]  # fmt: skip
    shown = until(lambda: _display(proc, showroom, product))
    assert shown, "the certified product never became eligible for promotion"
    on_display = shown["displayed"][0]
    assert (on_display["product_id"], on_display["star"]) == (product, 3)
    producer = on_display["producer_id"]
    proc.cli(
        *OFFICE, "promotion", "join-channel", "--producer", producer, "--type", "supermarket",
        "--partner", "Co.opmart Kon Tum", "--since", "01/07/2025", "--product", product,
    )  # fmt: skip
    bad = proc.cli(
        *OFFICE, "promotion", "join-channel", "--producer", producer, "--type", "chợ phiên",
        "--partner", "Chợ", "--since", "01/07/2025", ok=False,
    )  # fmt: skip
    assert bad.returncode == 2 and b"channel_type" in bad.stderr

    # The province's agriculture office opens the revocation (not the economy office)
    proc.cli("--actor-id", "so-nnmt", "evaluation", "open-revocation", "--product", product,
             "--ground", "b",
             "--reference", "KL-07/2025", "--concluded-on", "12/08/2025")  # fmt: skip
    proc.cli("--actor-id", "ct-tinh", "--jurisdiction", "51", "evaluation", "revoke",
             "--product", product, "--decision-no", "402/QĐ-UBND", "--decided-on",
             "20/08/2025", "--signer", "Chủ tịch UBND tỉnh")  # fmt: skip

    def withdrawn() -> list[dict[str, Any]]:
        rows = proc.cli("promotion", "history", producer)["entries"]
        return [r for r in rows if r["kind"] == "withdrawn"]

    rows = until(lambda: len(withdrawn()) == 2 and withdrawn())
    assert rows, "the revoked product was not withdrawn"
    assert {(r["on"], r["reason"]) for r in rows} == {("2025-08-20", "revoked")}
    room = proc.cli(*OFFICE, "promotion", "showrooms", "--unit", "51")[0]
    assert room["displayed"] == []
    again = proc.cli(*OFFICE, "promotion", "display", "--showroom", showroom, "--product",
                     product, "--since", "21/08/2025", ok=False)  # fmt: skip
    assert again.returncode != 0 and b"product_id" in again.stderr
    shares = proc.cli(*OFFICE, "promotion", "shares", "--unit", "51", "--on", "15/07/2025")
    assert (shares["ocop_producers"], shares["in_modern_channels"]) == (1, 1)


@pytest.mark.kafka
@pytest.mark.postgres
def test_promotion_as_its_own_processes(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    with distributed(tmp_path, postgres_settings, topic_prefix, SERVICES) as proc:
        promotion_story(proc)


def test_promotion_in_the_embedded_mode(tmp_path: Path) -> None:
    with embedded(tmp_path, demo=False) as proc:
        promotion_story(proc)
