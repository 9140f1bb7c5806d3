"""A Kon Tum district's 2025 May round under R1 through the `ocop` CLI (issue 13; the core of
docs/walkthrough-district-r1.md), in the embedded and in the distributed mode: the district
opens its own round (its pre-2025 code 615) and finds its dossiers there, whatever day
after the cut-off it opens it; another district may neither appoint its council nor sign
its decision; a 72 forwarded to the province comes back (the stand-in scores 5 lower)
with the province's answer on the dossier, and the district recognises 3 stars; a date
that cannot be is refused, field named."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runtime import topology
from tests.e2e.harness import Processes, distributed, embedded
from tests.e2e.journeys import (
    EXAMPLES,
    appoint,
    assess,
    attach,
    decide,
    receive,
    scored_and_adopted,
    self_assess_set13,
    set13_sheets,
)

pytestmark = pytest.mark.e2e
STAND_IN = {"OCOP_PROVINCE_SCORE_DELTA": "-5"}

DAK_HA = ("--actor-id", "phong-nn", "--role", "district_officer", "--jurisdiction", "615")
NGOC_HOI = ("--actor-id", "phong-nn-612", "--role", "district_officer", "--jurisdiction", "612")
DAK_HA_CHAIRMAN = ("--actor-id", "ct-615", "--role", "authority", "--jurisdiction", "615")
DAK_HA_SIGNER = "Chủ tịch UBND huyện Đăk Hà"


@pytest.fixture(
    params=[
        "embedded",
        pytest.param("distributed", marks=[pytest.mark.kafka, pytest.mark.postgres]),
    ]
)
def proc(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Processes]:
    if request.param == "embedded":
        with embedded(tmp_path, STAND_IN) as processes:
            yield processes
        return
    settings = request.getfixturevalue("postgres_settings")
    prefix = request.getfixturevalue("topic_prefix")
    every = tuple(s.name for s in topology.running())
    with distributed(tmp_path, settings, prefix, every, STAND_IN) as processes:
        yield processes


def until(proc: Processes, check: Any, *args: str, timeout: float = 60) -> Any:
    """`ocop <args>` until `check(output)` holds (the distributed mode delivers later)."""
    deadline = time.monotonic() + timeout
    while True:
        found = proc.cli(*args)
        if check(found) or time.monotonic() > deadline:
            assert check(found), found
            return found
        proc.assert_alive()
        time.sleep(0.3)


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
    attach(proc, dossier, EXAMPLES / "mau-02-tu-danh-gia.pdf", "form_02")
    attach(proc, dossier, EXAMPLES / "giay-chung-nhan-attp.pdf", "food_safety_certificate")
    self_assess_set13(proc, dossier)
    receive(proc, dossier, "03/03/2025")
    assess(proc, dossier, "9/BC-UBND", "18/04/2025")
    forwarded = proc.cli(
        "registration", "forward", "--dossier", dossier, "--forwarded-on", "20/04/2025"
    )
    assert forwarded["forwarded_to"] == "district"
    return dossier


def test_a_district_runs_its_own_may_round(proc: Processes) -> None:
    coffee = district_dossier(proc, "Cà phê rang xay Đăk Hà", "6101234567")
    honey = district_dossier(proc, "Mật ong Đăk Hà", "6101234568")
    # R1 sets no commune time limit; the Kon Tum 2025 plan does (15 working days)
    filed = proc.cli("registration", "dossier", coffee)
    assert (filed["rule_set_id"], filed["check_deadline"]) == ("R1", "2025-03-24")
    dates_that_cannot_be_are_refused(proc, coffee)
    no_round_of_the_province_nor_after_the_reform(proc)
    round_id = may_round_with(proc, {coffee, honey})
    # Another district may not appoint this council
    other = refusal(proc, *NGOC_HOI, "evaluation", "appoint", "--round", round_id,
                    "--member", "x", "--council-role", "chair")  # fmt: skip
    assert (other["code"], other["field"]) == ("permission_denied", "actor.jurisdiction")
    appoint(proc, DAK_HA, round_id)
    scored_and_adopted(proc, coffee, set13_sheets(66, 65, 65), "20/05/2025")
    recognised_by_dak_ha_not_ngoc_hoi(proc, coffee)
    # The second scores 72: R1 sends it to the province, whose council (the stand-in,
    # 5 points lower) finds 67 and sends it back; the answer is on the dossier
    adopted = scored_and_adopted(proc, honey, set13_sheets(72, 72, 72), "20/05/2025")
    assert (adopted["status"], adopted["forwarded_to"]) == ("forwarded", "province")
    back = until(proc, lambda v: v["status"] == "returned", "evaluation", "show", honey)
    higher = back["higher"]
    assert (higher["level"], higher["result"], higher["score"]) == ("province", "returned", "67.00")
    assert higher["answered_by"] == "province-stand-in" and higher["answered_on"]
    assert back["returned_options"] == ["recognise", "reevaluate"]
    third = decide(proc, DAK_HA_CHAIRMAN, "46/QĐ-UBND", "12/06/2025", DAK_HA_SIGNER, honey)
    assert third["items"][0]["star"] == 3


def dates_that_cannot_be_are_refused(proc: Processes, dossier: str) -> None:
    """A date in the future, or before the programme, is refused with the field named."""
    future = refusal(proc, *DAK_HA, "--json", "evaluation", "open-round", "--level", "district",
                     "--unit", "615", "--on", "29/01/2099")  # fmt: skip
    assert (future["code"], future["field"]) == ("invalid_argument", "on")
    early = refusal(proc, "registration", "assess", "--dossier", dossier, "--report-no", "1",
                    "--assessed-on", "01/01/2018")  # fmt: skip
    assert early["field"] == "assessed_on"


def no_round_of_the_province_nor_after_the_reform(proc: Processes) -> None:
    """The province's code does not name the district's round; in November 2025 no
    district exists any more (the reform), so no district round."""
    wrong = refusal(proc, *DAK_HA, "evaluation", "open-round", "--level", "district",
                    "--unit", "51", "--on", "05/05/2025")  # fmt: skip
    assert (wrong["code"], wrong["field"]) == ("permission_denied", "actor.jurisdiction")
    gone = refusal(proc, *DAK_HA, "evaluation", "open-round", "--level", "district",
                   "--unit", "615", "--on", "05/11/2025")  # fmt: skip
    assert (gone["code"], gone["field"]) == ("failed_precondition", "level")
    assert "30/06/2025" in gone["message"] and "202/2025/QH15" in gone["message"]


def may_round_with(proc: Processes, wanted: set[str]) -> str:
    """Đăk Hà opens its round on 05/05/2025, after the 30/04 cut-off: still the May round,
    which comes to hold the `wanted` dossiers; the round's id."""
    round_ = proc.cli(*DAK_HA, "evaluation", "open-round", "--level", "district",
                      "--unit", "615", "--on", "05/05/2025")  # fmt: skip
    assert (round_["name"], round_["jurisdiction"]) == ("Đợt tháng 5", "615")
    assert (round_["forwarded_by"], round_["decided_by"]) == ("2025-04-30", "2025-05-31")
    # (the embedded mode's demo Đăk Hà dossiers are there too)
    until(
        proc, lambda r: wanted <= set(r["dossier_ids"]), "evaluation", "round", round_["round_id"]
    )
    round_id: str = round_["round_id"]
    return round_id


def recognised_by_dak_ha_not_ngoc_hoi(proc: Processes, dossier: str) -> None:
    """Another district's chairman may not sign the adopted `dossier`'s decision; Đăk
    Hà's recognises it at 3 stars."""
    decide = ("evaluation", "decide", "--decided-on", "25/05/2025", "--dossier", dossier)
    signed = refusal(proc, "--actor-id", "ct-612", "--role", "authority", "--jurisdiction",
                     "612", *decide, "--decision-no", "7/QĐ-UBND", "--signer", "X")  # fmt: skip
    assert (signed["code"], signed["field"]) == ("permission_denied", "actor.jurisdiction")
    decision = proc.cli(*DAK_HA_CHAIRMAN, *decide, "--decision-no", "45/QĐ-UBND",
                        "--signer", DAK_HA_SIGNER)  # fmt: skip
    assert decision["items"][0]["star"] == 3
    assert decision["authority"].endswith("615")
