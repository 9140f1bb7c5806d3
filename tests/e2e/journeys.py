"""The product's journey through the `ocop` CLI as named steps, shared by the end-to-end
and browser tests: registration (the README's steps 1-6) to the dossier forwarded to the
province, then the province's council session to the recognition decision. Each step is
the CLI commands a person would type; `user` is the `--user` prefix (empty: the default
signed-in user, `harness.DEFAULT_USER`)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.e2e.harness import ROOT, Processes

EXAMPLES = ROOT / "services" / "registration" / "examples"
SHEETS = ROOT / "services" / "evaluation" / "examples"
PROVINCE_COUNCIL = (
    ("chu-tich", "chair"),
    ("tv-hoa", "member"),
    ("tv-minh", "member"),
    ("thu-ky", "secretary"),
)
"""The demo province council: account, council role."""


def journey(proc: Processes, received_on: str = "2026-06-01") -> dict[str, Any]:
    """One product from producer registration to a recognised 3-star result."""
    registered = forwarded(proc, received_on)
    return {**registered, **council_session(proc, registered["dossier"])}


def forwarded(proc: Processes, received_on: str = "2026-06-01") -> dict[str, Any]:
    """One product from producer registration to its dossier forwarded to the province
    (the README's steps 1-6)."""
    producer = register_producer(proc)
    product = idea_to_product(proc, producer)
    dossier = dossier_with_documents(proc, product, received_on)
    # The paper copy and the samples, then the commune's report (form 03) and forwarding.
    receive(proc, dossier, received_on)
    assess(proc, dossier, "15/BC-UBND", "2026-06-12")
    forwarded_to = proc.cli(
        "registration", "forward", "--dossier", dossier, "--forwarded-on", "2026-06-12"
    )["forwarded_to"]
    return {
        "producer": producer,
        "product": product,
        "dossier": dossier,
        "forwarded_to": forwarded_to,
    }


def catalogued(proc: Processes, product: str, timeout: float) -> Any:
    """Reporting's row of `product` once it shows the product recognised, or the last row
    read after `timeout` seconds (reporting follows the events)."""
    deadline = time.monotonic() + timeout
    while True:
        row = proc.cli("reporting", "product", product)
        if row["status"] == "recognised" or time.monotonic() > deadline:
            return row
        time.sleep(0.2)


def register_producer(proc: Processes) -> str:
    """Step 1: the coffee cooperative of Đăk Hà; its producer id."""
    return str(
        proc.cli(
            "registration", "register-producer", "--name", "HTX Cà phê Đăk Hà",
            "--kind", "cooperative", "--commune", "23500", "--legal-rep", "Y Blơi",
            "--gender", "male", "--ethnicity", "Xơ Đăng", "--brn", "6101234567",
        )["producer_id"]
    )  # fmt: skip


def idea_to_product(proc: Processes, producer: str) -> str:
    """Steps 2-4: the idea, its business plan, and the product it becomes; its id."""
    idea = proc.cli(
        "registration", "register-idea", "--producer", producer,
        "--name", "Cà phê rang xay Đăk Hà", "--set", "13", "--on", "2026-03-02",
    )["idea_id"]  # fmt: skip
    proc.cli("registration", "accept-idea", "--idea", idea, "--on", "2026-03-16")
    proc.cli(
        "registration", "submit-plan", "--idea", idea, "--on", "2026-04-01", "--text", "PA 2026"
    )
    proc.cli("registration", "approve-plan", "--idea", idea, "--on", "2026-04-15")
    return str(proc.cli("registration", "register-product", "--idea", idea)["product_id"])


def dossier_with_documents(proc: Processes, product: str, received_on: str) -> str:
    """Step 5: the dossier (form 01), its documents and self-assessment (form 02); its id."""
    dossier = str(
        proc.cli(
            "registration", "submit-dossier", "--product", product, "--received-on", received_on
        )["dossier_id"]
    )
    attach(proc, dossier, EXAMPLES / "mau-02-tu-danh-gia.pdf", "form_02")
    # a food product (set 13): its food-safety certificate is required
    attach(proc, dossier, EXAMPLES / "giay-chung-nhan-attp.pdf", "food_safety_certificate")
    self_assess_set13(proc, dossier)
    return dossier


def attach(
    proc: Processes, dossier: str, path: Path, category: str = "", user: Sequence[str] = ()
) -> Any:
    """`path` attached to `dossier` (as `category` when given)."""
    categorised = ("--category", category) if category else ()
    return proc.cli(
        *user, "registration", "attach", "--dossier", dossier, "--file", str(path), *categorised
    )


def self_assess_set13(proc: Processes, dossier: str, user: Sequence[str] = ()) -> Any:
    """The producer's self-assessment on set 13's sheet (the example's choices)."""
    choices = EXAMPLES / "self-assessment-set13.json"
    return proc.cli(
        *user, "registration", "self-assess", "--dossier", dossier, "--file", str(choices)
    )


def receive(proc: Processes, dossier: str, on: str, user: Sequence[str] = ()) -> Any:
    """The commune receives `dossier`'s paper copy and five samples on `on` (yyyy-mm-dd)."""
    return proc.cli(
        *user, "registration", "receive", "--dossier", dossier,
        "--paper-copy", "--samples", "5", "--on", on,
    )  # fmt: skip


def assess(proc: Processes, dossier: str, report_no: str, on: str, user: Sequence[str] = ()) -> Any:
    """The commune's report on `dossier` (form 03), number `report_no`, of day `on`."""
    return proc.cli(
        *user, "registration", "assess", "--dossier", dossier,
        "--report-no", report_no, "--assessed-on", on,
    )  # fmt: skip


def appoint(
    proc: Processes,
    officer: Sequence[str],
    round_id: str,
    members: Sequence[tuple[str, str]] = PROVINCE_COUNCIL,
) -> None:
    """`officer` appoints each (account, council role) of `members` to the round."""
    for member, role in members:
        proc.cli(
            *officer, "evaluation", "appoint", "--round", round_id,
            "--member", member, "--council-role", role,
        )  # fmt: skip


def council_session(proc: Processes, dossier: str) -> dict[str, Any]:
    """The province opens the round, appoints a council; members score; the result is
    adopted and the chairman signs the recognition decision (the README's walkthrough)."""
    officer = ("--user", "so-nnmt")
    round_id = proc.cli(
        *officer, "evaluation", "open-round", "--level", "province", "--on", "2026-06-12"
    )["round_id"]
    appoint(proc, officer, round_id)
    adopted = scored_and_adopted(proc, dossier, set13_sheets(66, 65, 65), "2026-06-25")
    decision = decide(
        proc, ("--user", "ct-ubnd-tinh"), "125/QĐ-UBND", "2026-06-28", "Chủ tịch UBND tỉnh", dossier
    )
    return {
        "outcome": adopted["outcome"],
        "star": decision["items"][0]["star"],
        "score": adopted["score"],
        "decision_no": decision["decision_no"],
        "round_id": round_id,
    }


def set13_sheets(*totals: int) -> dict[str, Path]:
    """The example sheets of set 13 (`SHEETS`) with these totals, for the demo council's
    members in turn (chu-tich, tv-hoa, tv-minh): member account -> sheet file."""
    members = [member for member, role in PROVINCE_COUNCIL if role != "secretary"]
    return {m: SHEETS / f"sheet-set13-{t}.yaml" for m, t in zip(members, totals, strict=True)}


def scored_and_adopted(
    proc: Processes, dossier: str, sheets: Mapping[str, Path], adopted_on: str
) -> Any:
    """Each member of `sheets` (account -> sheet file) submits the sheet on `dossier`, then
    the secretary (`thu-ky`) adopts the result on `adopted_on`; the adopted result."""
    for member, sheet in sheets.items():
        proc.cli(
            "--user", member, "evaluation", "submit-sheet", "--dossier", dossier,
            "--sheet", str(sheet),
        )  # fmt: skip
    return proc.cli(
        "--user", "thu-ky", "evaluation", "adopt", "--dossier", dossier, "--adopted-on", adopted_on
    )


def decide(
    proc: Processes, who: Sequence[str], number: str, on: str, signer: str, dossier: str
) -> Any:
    """`who` (CLI arguments naming the person) signs decision `number` of day `on`, as
    `signer`, over the adopted `dossier`; the decision."""
    return proc.cli(
        *who, "evaluation", "decide", "--decision-no", number, "--decided-on", on,
        "--signer", signer, "--dossier", dossier,
    )  # fmt: skip
