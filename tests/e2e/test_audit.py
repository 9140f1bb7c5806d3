"""The audit trail, the as-of answers and a rebuild without downtime, as users run them
(issue 17), in the embedded mode: `ocop run` on SQLite, the rebuild in a second process
beside it (the distributed mode: test_audit_distributed.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import Processes, embedded
from tests.e2e.journeys import journey

pytestmark = pytest.mark.e2e

AUDITOR = ("--user", "e2e-kiem-toan", "--role", "auditor", "--jurisdiction", "")


def answers(proc: Processes, product: str) -> tuple[Any, ...]:
    """What readers see: the catalogue and a product's trail."""
    return (
        proc.cli("reporting", "products"),
        proc.cli(*AUDITOR, "audit", "product", product),
    )


def rebuild_while_asking(proc: Processes, product: str, *rebuild: str) -> dict[str, Any]:
    """`ocop reporting rebuild` while another process keeps asking; every answer equal."""
    before = answers(proc, product)
    seen: list[Any] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            try:
                seen.append(answers(proc, product) == before)
            except AssertionError as failed:  # a CLI call that did not exit 0
                seen.append(failed)

    asker = threading.Thread(target=ask)
    asker.start()
    try:
        done: dict[str, Any] = proc.cli("reporting", "rebuild", "--no-progress", *rebuild)
    finally:
        stop.set()
        asker.join()
    assert seen and all(s is True for s in seen), seen
    assert answers(proc, product) == before
    assert done["dead"] == 0 and done["replayed"] == done["applied"] + done["duplicates"]
    return done


def test_embedded_trail_as_of_and_rebuild(tmp_path: Path) -> None:
    with embedded(tmp_path) as proc:
        done = journey(proc)
        product, decision = done["product"], done["decision_no"]
        deadline = time.monotonic() + 30
        while proc.cli("reporting", "product", product)["status"] != "recognised":
            assert time.monotonic() < deadline
            time.sleep(0.3)

        trail = proc.cli(*AUDITOR, "audit", "product", product)
        types = [e["event_type"] for e in trail]
        for expected in ("ProductRegistered", "DossierSubmitted", "CommuneAssessed"):
            assert expected in types
        assert types.index("Scored") < types.index("Recognized")
        recognised = next(e for e in trail if e["event_type"] == "Recognized")
        assert recognised["actor_id"] == "ct-ubnd-tinh" and recognised["decision_no"] == decision
        assert recognised["legal_basis"] and recognised["rule_set_id"] == "R3"
        by_decision = proc.cli(*AUDITOR, "audit", "decision", decision)
        assert {"Scored", "Recognized", "CommuneAssessed"} <= {e["event_type"] for e in by_decision}
        refused = proc.cli("audit", "product", product, ok=False)  # the commune officer
        assert refused.returncode == 2

        today = recognised["when"][:10]
        then = proc.cli(*AUDITOR, "audit", "product", product, "--as-of", today)
        assert then["status"] == "recognised"
        assert [c["standing"] for c in then["certificates"]] == ["valid"]

        assert proc.data_dir is not None
        rebuilt = rebuild_while_asking(proc, product, "--data-dir", str(proc.data_dir))
        # the demo's 36 (Kon Tum's register of 35, imported, and the walkthrough's own) + ours
        assert (rebuilt["version"], rebuilt["replaced"], rebuilt["products"]) == (1, 0, 37)
