"""A Kon Tum district's 2025 May round under R1 through the `ocop` CLI against the embedded
system (issue 13): the district opens its own round (its pre-2025 code 615) and finds its
dossiers there, whatever day after the cut-off it opens it; another district may neither
appoint its council nor sign its decision; a date that cannot be is refused, field named."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import EXAMPLES, SHEETS, Processes, embedded

pytestmark = pytest.mark.e2e

DAK_HA = ("--actor-id", "phong-nn", "--role", "district_officer", "--jurisdiction", "615")
NGOC_HOI = ("--actor-id", "phong-nn-612", "--role", "district_officer", "--jurisdiction", "612")


@pytest.fixture
def proc(tmp_path: Path) -> Iterator[Processes]:
    with embedded(tmp_path) as processes:
        yield processes


def refusal(proc: Processes, *args: str) -> dict[str, Any]:
    done = proc.cli(*args, ok=False)
    assert done.returncode == 2, done.stderr.decode()
    found: dict[str, Any] = json.loads(done.stderr)
    return found


def district_dossier(proc: Processes, name: str, brn: str) -> str:
    """A Đăk Hà product (old commune 23500 of district 615) filed 03/03/2025 under R1 and
    forwarded to the district on 20/04/2025; the dossier's id."""
    producer = proc.cli(
        "registration", "register-producer", "--name", f"HTX {name}", "--kind", "cooperative",
        "--commune", "23500", "--legacy-commune", "23500", "--legal-rep", "Y Blơi",
        "--brn", brn,
    )["producer_id"]  # fmt: skip
    product = proc.cli(
        "registration", "register-product", "--producer", producer, "--name", name, "--set", "13"
    )["product_id"]
    dossier: str = proc.cli(
        "registration", "submit-dossier", "--product", product, "--received-on", "03/03/2025"
    )["dossier_id"]
    proc.cli(
        "registration", "attach", "--dossier", dossier, "--category", "form_02",
        "--file", str(EXAMPLES / "mau-02-tu-danh-gia.pdf"),
    )  # fmt: skip
    proc.cli(
        "registration", "self-assess", "--dossier", dossier,
        "--file", str(EXAMPLES / "self-assessment-set13.json"),
    )  # fmt: skip
    proc.cli(
        "registration", "receive", "--dossier", dossier, "--paper-copy", "--samples", "5",
        "--on", "03/03/2025",
    )  # fmt: skip
    proc.cli(
        "registration", "assess", "--dossier", dossier, "--report-no", "9/BC-UBND",
        "--assessed-on", "18/04/2025",
    )  # fmt: skip
    forwarded = proc.cli(
        "registration", "forward", "--dossier", dossier, "--forwarded-on", "20/04/2025"
    )
    assert forwarded["forwarded_to"] == "district"
    return dossier


def test_a_district_runs_its_own_may_round(proc: Processes) -> None:
    coffee = district_dossier(proc, "Cà phê rang xay Đăk Hà", "6101234567")
    honey = district_dossier(proc, "Mật ong Đăk Hà", "6101234568")
    # A date that cannot be: in the future, or before the programme; the field is named
    future = refusal(proc, *DAK_HA, "--json", "evaluation", "open-round", "--level", "district",
                     "--unit", "615", "--on", "29/01/2099")  # fmt: skip
    assert (future["code"], future["field"]) == ("invalid_argument", "on")
    early = refusal(proc, "registration", "assess", "--dossier", coffee, "--report-no", "1",
                    "--assessed-on", "01/01/2018")  # fmt: skip
    assert early["field"] == "assessed_on"
    # The province's code does not name the district's round
    wrong = refusal(proc, *DAK_HA, "evaluation", "open-round", "--level", "district",
                    "--unit", "51", "--on", "05/05/2025")  # fmt: skip
    assert (wrong["code"], wrong["field"]) == ("permission_denied", "actor.jurisdiction")
    # Opened on 05/05/2025, after the 30/04 cut-off: still the May round, with both dossiers
    round_ = proc.cli(*DAK_HA, "evaluation", "open-round", "--level", "district",
                      "--unit", "615", "--on", "05/05/2025")  # fmt: skip
    assert (round_["name"], round_["jurisdiction"]) == ("Đợt tháng 5", "615")
    assert (round_["forwarded_by"], round_["decided_by"]) == ("2025-04-30", "2025-05-31")
    shown = proc.cli("evaluation", "round", round_["round_id"])
    assert {coffee, honey} <= set(shown["dossier_ids"])  # with the demo's Đăk Hà dossiers
    # Another district may not appoint this council
    other = refusal(proc, *NGOC_HOI, "evaluation", "appoint", "--round", round_["round_id"],
                    "--member", "x", "--council-role", "chair")  # fmt: skip
    assert (other["code"], other["field"]) == ("permission_denied", "actor.jurisdiction")
    for member, role in (("chu-tich", "chair"), ("tv-hoa", "member"), ("tv-minh", "member"),
                         ("thu-ky", "secretary")):  # fmt: skip
        proc.cli(*DAK_HA, "evaluation", "appoint", "--round", round_["round_id"],
                 "--member", member, "--council-role", role)  # fmt: skip
    for member, total in (("chu-tich", 66), ("tv-hoa", 65), ("tv-minh", 65)):
        proc.cli("--actor-id", member, "evaluation", "submit-sheet", "--dossier", coffee,
                 "--sheet", str(SHEETS / f"sheet-set13-{total}.yaml"))  # fmt: skip
    proc.cli("--actor-id", "thu-ky", "evaluation", "adopt", "--dossier", coffee,
             "--adopted-on", "20/05/2025")  # fmt: skip
    # Another district's chairman may not sign; Đăk Hà's does
    decide = ("evaluation", "decide", "--decided-on", "25/05/2025", "--dossier", coffee)
    signed = refusal(proc, "--actor-id", "ct-612", "--role", "authority", "--jurisdiction",
                     "612", *decide, "--decision-no", "7/QĐ-UBND", "--signer", "X")  # fmt: skip
    assert (signed["code"], signed["field"]) == ("permission_denied", "actor.jurisdiction")
    decision = proc.cli("--actor-id", "ct-615", "--role", "authority", "--jurisdiction", "615",
                        *decide, "--decision-no", "45/QĐ-UBND",
                        "--signer", "Chủ tịch UBND huyện Đăk Hà")  # fmt: skip
    assert decision["items"][0]["star"] == 3
    assert decision["authority"].endswith("615")
