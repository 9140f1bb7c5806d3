"""The embedded mode as `make run` starts it: one process, SQLite files, the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import Processes, embedded
from tests.e2e.journeys import catalogued, journey

pytestmark = pytest.mark.e2e


def test_a_product_from_registration_to_the_catalogue(tmp_path: Path) -> None:
    with embedded(tmp_path) as proc:
        done = journey(proc)
        assert done["forwarded_to"] == "province"
        assert (done["outcome"], done["star"]) == ("recognised", 3)

        row = catalogued(proc, done["product"], timeout=30)
        assert (row["status"], row["star"], row["score"]) == ("recognised", 3, "65.33")
        assert row["decision_no"] == done["decision_no"]

        demo = proc.cli("--user", "so-nnmt", "reporting", "products")  # the province (51)
        assert len(demo) == 37  # the Kon Tum register (35), the walkthroughs' product, ours
        mine = proc.cli("reporting", "products")  # the commune officer: its commune only
        assert done["product"] in [r["product_id"] for r in mine] and len(mine) < 37

        _refusals_change_nothing(proc, done)
    assert (tmp_path / "data" / "registration.sqlite").exists()


def _refusals_change_nothing(proc: Processes, done: dict[str, Any]) -> None:
    """A commune officer's decision, a second adoption and an unknown set are refused."""
    # A commune officer may not sign a recognition decision: refused, nothing changes
    refused = proc.cli(
        "--user",
        "can-bo-xa",
        "evaluation",
        "decide",
        "--decision-no",
        "126/QĐ-UBND",
        "--decided-on",
        "2026-06-28",
        "--signer",
        "X",
        "--dossier",
        done["dossier"],
        ok=False,
    )
    assert refused.returncode == 2 and "actor" in refused.stderr.decode()
    # The result is adopted once
    refused = proc.cli(
        "--user",
        "thu-ky",
        "evaluation",
        "adopt",
        "--dossier",
        done["dossier"],
        "--adopted-on",
        "2026-06-26",
        ok=False,
    )
    assert refused.returncode == 2 and "dossier_id" in refused.stderr.decode()

    refused = proc.cli(
        "registration",
        "register-product",
        "--producer",
        done["producer"],
        "--name",
        "X",
        "--set",
        "27",
        ok=False,
    )
    assert refused.returncode == 2
    assert "product_set" in refused.stderr.decode()
