"""Registration through the `ocop` CLI against the embedded system: every refusal named by
its field with exit code 2, documents over gRPC in chunks, the overdue list."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.documents import pdf
from tests.e2e.harness import OCOP, ROOT, Processes, embedded
from tests.e2e.journeys import EXAMPLES, assess, attach, receive, self_assess_set13

pytestmark = pytest.mark.e2e


@pytest.fixture
def proc(tmp_path: Path) -> Iterator[Processes]:
    with embedded(tmp_path) as processes:
        yield processes


def refused(proc: Processes, field: str, *args: str) -> None:
    done = proc.cli("registration", *args, ok=False)
    assert done.returncode == 2, done.stderr.decode()
    assert field in done.stderr.decode()


def coffee(proc: Processes, producer: str) -> str:
    """A coffee product (set 13) of `producer`; its id."""
    product: str = proc.cli(
        "registration",
        "register-product",
        "--producer",
        producer,
        "--name",
        "Cà phê",
        "--set",
        "13",
    )["product_id"]
    return product


def test_refusals_name_the_field_and_documents_travel_in_chunks(
    proc: Processes, tmp_path: Path
) -> None:
    producer = _producer_refused_then_registered(proc)
    dossier = _dossier_refusals_and_a_document_in_chunks(proc, producer, tmp_path)
    _received_without_its_certificate(proc, dossier)
    _returned_resubmitted_assessed_once_and_forwarded(proc, dossier)


def _producer_refused_then_registered(proc: Processes) -> str:
    """Each refusal names its field (an unknown commune, old or new; a registration number
    taken; a set that does not exist); a producer of a pre-2025 commune lands in today's;
    its id."""
    producer_args = ("--name", "HTX A", "--kind", "cooperative", "--legal-rep", "A")
    refused(proc, "commune_code", "register-producer", *producer_args, "--commune", "99999")
    refused(
        proc,
        "legacy_commune_code",
        "register-producer",
        *producer_args,
        "--legacy-commune",
        "99999",
    )
    producer = proc.cli(
        "registration",
        "register-producer",
        *producer_args,
        "--legacy-commune",
        "23521",  # Xã Hà Mòn, Đăk Hà district (615) until 2025: now Đăk Hà, the officer's own
        "--brn",
        "6109999999",
    )["producer_id"]
    shown = proc.cli("registration", "producer", producer)
    assert (shown["commune_code"], shown["legacy_district_code"]) == ("23500", "615")
    refused(
        proc,
        "business_registration_no",
        "register-producer",
        *producer_args,
        "--commune",
        "23500",
        "--brn",
        "6109999999",
    )
    refused(
        proc,
        "product_set",
        "register-product",
        "--producer",
        producer,
        "--name",
        "X",
        "--set",
        "27",
    )
    return str(producer)


def _dossier_refusals_and_a_document_in_chunks(
    proc: Processes, producer: str, tmp_path: Path
) -> str:
    """A choice off the sheet and an executable are refused; a 5 MiB scan travels in
    chunks; a dossier not received may be neither forwarded nor assessed; its id."""
    product = coffee(proc, producer)
    dossier = proc.cli(
        "registration", "submit-dossier", "--product", product, "--received-on", "2026-06-01"
    )["dossier_id"]
    refused(proc, "choices[1.1]", "self-assess", "--dossier", dossier, "--choice", "1.1=9")
    exe = tmp_path / "virus.pdf"
    exe.write_bytes(b"MZ\x90\x00" * 10)
    refused(proc, "content", "attach", "--dossier", dossier, "--file", str(exe))
    big = tmp_path / "scan.pdf"  # over 4 MiB: needs several gRPC messages
    big.write_bytes(pdf(padding=5 * 1024 * 1024))
    stored = proc.cli("registration", "attach", "--dossier", dossier, "--file", str(big))
    assert (stored["media_type"], stored["size"]) == ("application/pdf", str(big.stat().st_size))
    refused(proc, "dossier_id", "forward", "--dossier", dossier, "--forwarded-on", "2026-06-12")
    refused(
        proc,
        "dossier_id",
        "assess",
        "--dossier",
        dossier,
        "--report-no",
        "1",
        "--assessed-on",
        "2026-06-12",
    )
    return str(dossier)


def _received_without_its_certificate(proc: Processes, dossier: str) -> None:
    """Listed overdue; received with its paper copy but without the food-safety
    certificate, it may not be assessed; then the certificate is attached."""
    listed = proc.cli("registration", "dossiers", "--overdue")
    assert listed["overdue"] == 1  # received 01/06/2026, due 22/06/2026, the clock is later
    self_assess_set13(proc, dossier)
    receive(proc, dossier, "2026-06-02")
    # Coffee is a food: without its food-safety certificate the commune may not report on
    # it (the sheets' knock-out, issue 13 item 7); `dossier` lists it as missing
    shown = proc.cli("registration", "dossier", dossier)
    assert any("food_safety_certificate" in gap for gap in shown["missing"]), shown["missing"]
    refused(proc, "food_safety_certificate", "assess", "--dossier", dossier, "--report-no", "1",
            "--assessed-on", "2026-06-12")  # fmt: skip
    attach(proc, dossier, EXAMPLES / "giay-chung-nhan-attp.pdf", "food_safety_certificate")


def _returned_resubmitted_assessed_once_and_forwarded(proc: Processes, dossier: str) -> None:
    """Returned and resubmitted, assessed once (a second report is refused), forwarded to
    the province; its returns and product code are shown."""
    proc.cli(
        "registration",
        "return-dossier",
        "--dossier",
        dossier,
        "--reason",
        "Thiếu kiểm nghiệm",
        "--on",
        "2026-06-03",
    )
    back = proc.cli(
        "registration", "resubmit-dossier", "--dossier", dossier, "--received-on", "2026-06-05"
    )
    assert (back["dossier_id"], back["status"]) == (dossier, "submitted")
    assess(proc, dossier, "2/BC", "2026-06-12")
    refused(
        proc,
        "dossier_id",
        "assess",
        "--dossier",
        dossier,
        "--report-no",
        "3/BC",
        "--assessed-on",
        "2026-06-13",
    )
    assert (
        proc.cli("registration", "forward", "--dossier", dossier, "--forwarded-on", "2026-06-12")[
            "forwarded_to"
        ]
        == "province"
    )
    view = proc.cli("registration", "dossier", dossier)
    assert view["returns"] == ["2026-06-03: Thiếu kiểm nghiệm"]
    assert view["product_code"] == "51-23500-1-2026"


def plain(proc: Processes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`ocop` without --json."""
    return subprocess.run(
        [*OCOP, *args], check=False, cwd=ROOT, env=proc.env, capture_output=True, timeout=120
    )


def test_refusals_are_json_with_json_and_dates_read_dd_mm_yyyy(proc: Processes) -> None:
    producer_args = ("--name", "HTX B", "--kind", "cooperative", "--legal-rep", "B")
    bad = ("registration", "register-producer", *producer_args, "--commune", "99999")
    done = proc.cli(*bad, ok=False)
    assert done.returncode == 2
    refusal = json.loads(done.stderr)
    assert (refusal["code"], refusal["field"]) == ("invalid_argument", "commune_code")
    assert refusal["message"] and not refusal["message"].startswith("commune_code")
    vi, en = plain(proc, *bad), plain(proc, "--lang", "en", *bad)
    assert (vi.returncode, en.returncode) == (2, 2)
    assert vi.stderr.decode().startswith("Lỗi: commune_code: ")
    assert en.stderr.decode().startswith("Error: commune_code: ")

    producer = proc.cli(
        "registration", "register-producer", *producer_args, "--legacy-commune", "23521"
    )["producer_id"]
    product = coffee(proc, producer)
    submit = ("registration", "submit-dossier", "--product", product, "--received-on")
    done = proc.cli(*submit, "31/02/2026", ok=False)
    assert done.returncode == 2
    refusal = json.loads(done.stderr)
    assert refusal["field"] == "received_on"
    assert "31/02/2026" in refusal["message"]
    dossier = proc.cli(*submit, "01/06/2026")["dossier_id"]
    assert proc.cli("registration", "dossier", dossier)["received_on"] == "2026-06-01"
    missing = proc.cli("--lang", "en", "registration", "dossier", dossier)["missing"]
    assert "no paper copy received" in missing
