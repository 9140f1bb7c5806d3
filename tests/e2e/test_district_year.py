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
from tests.conftest import kafka_bootstrap
from tests.e2e.environments import distributed_env, free_port, processes_of
from tests.e2e.harness import Processes, embedded, wait_serving
from tests.e2e.journeys import EXAMPLES, SHEETS

pytestmark = pytest.mark.e2e
STAND_IN = {"OCOP_PROVINCE_SCORE_DELTA": "-5"}

DAK_HA = ("--actor-id", "phong-nn", "--role", "district_officer", "--jurisdiction", "615")
NGOC_HOI = ("--actor-id", "phong-nn-612", "--role", "district_officer", "--jurisdiction", "612")


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
    ports = {s.name: free_port() for s in topology.running("rpc")}
    env = distributed_env(settings, prefix, tmp_path / "data", ports)
    processes = Processes(tmp_path, {**env, **STAND_IN, "OCOP_KAFKA_BOOTSTRAP": kafka_bootstrap()})
    for name, module in processes_of():
        processes.start(name, "-m", module)
    try:
        for port in ports.values():
            wait_serving(f"127.0.0.1:{port}", processes=processes)
        yield processes
    finally:
        codes = processes.stop()
        assert set(codes.values()) == {0}, {n: processes.log_of(n)[-2000:] for n in codes}


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
    proc.cli(
        "registration", "attach", "--dossier", dossier, "--category", "form_02",
        "--file", str(EXAMPLES / "mau-02-tu-danh-gia.pdf"),
    )  # fmt: skip
    proc.cli(
        "registration", "attach", "--dossier", dossier, "--category", "food_safety_certificate",
        "--file", str(EXAMPLES / "giay-chung-nhan-attp.pdf"),
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
    # R1 sets no commune time limit; the Kon Tum 2025 plan does (15 working days)
    filed = proc.cli("registration", "dossier", coffee)
    assert (filed["rule_set_id"], filed["check_deadline"]) == ("R1", "2025-03-24")
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
    # November 2025: no district exists any more (the reform), so no district round
    gone = refusal(proc, *DAK_HA, "evaluation", "open-round", "--level", "district",
                   "--unit", "615", "--on", "05/11/2025")  # fmt: skip
    assert (gone["code"], gone["field"]) == ("failed_precondition", "level")
    assert "30/06/2025" in gone["message"] and "202/2025/QH15" in gone["message"]
    # Opened on 05/05/2025, after the 30/04 cut-off: still the May round, with both dossiers
    round_ = proc.cli(*DAK_HA, "evaluation", "open-round", "--level", "district",
                      "--unit", "615", "--on", "05/05/2025")  # fmt: skip
    assert (round_["name"], round_["jurisdiction"]) == ("Đợt tháng 5", "615")
    assert (round_["forwarded_by"], round_["decided_by"]) == ("2025-04-30", "2025-05-31")
    wanted = {coffee, honey}  # (the embedded mode's demo Đăk Hà dossiers are there too)
    until(
        proc, lambda r: wanted <= set(r["dossier_ids"]), "evaluation", "round", round_["round_id"]
    )
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
    # The second scores 72: R1 sends it to the province, whose council (the stand-in,
    # 5 points lower) finds 67 and sends it back; the answer is on the dossier
    for member in ("chu-tich", "tv-hoa", "tv-minh"):
        proc.cli("--actor-id", member, "evaluation", "submit-sheet", "--dossier", honey,
                 "--sheet", str(SHEETS / "sheet-set13-72.yaml"))  # fmt: skip
    adopted = proc.cli("--actor-id", "thu-ky", "evaluation", "adopt", "--dossier", honey,
                       "--adopted-on", "20/05/2025")  # fmt: skip
    assert (adopted["status"], adopted["forwarded_to"]) == ("forwarded", "province")
    back = until(proc, lambda v: v["status"] == "returned", "evaluation", "show", honey)
    higher = back["higher"]
    assert (higher["level"], higher["result"], higher["score"]) == ("province", "returned", "67.00")
    assert higher["answered_by"] == "province-stand-in" and higher["answered_on"]
    assert back["returned_options"] == ["recognise", "reevaluate"]
    third = proc.cli("--actor-id", "ct-615", "--role", "authority", "--jurisdiction", "615",
                     "evaluation", "decide", "--decided-on", "12/06/2025", "--dossier", honey,
                     "--decision-no", "46/QĐ-UBND",
                     "--signer", "Chủ tịch UBND huyện Đăk Hà")  # fmt: skip
    assert third["items"][0]["star"] == 3
