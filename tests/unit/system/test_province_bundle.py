"""The province stand-in fetches the dossier itself (issue 20): on ForwardedToProvince —
an R1 district council's 80, above the district's authority — it calls registration's
gRPC bundle call as a province officer, checks every document against its SHA-256 and
records the receipt with its answer; a dossier registration does not have, or a caller
outside the dossier's province, is recorded as not received, and the answer still goes."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import date
from pathlib import Path
from uuid import UUID

from contracts.envelope import Actor
from runtime.commands import CommandContext
from services.registration.application.rulebook import requirements
from system.embedded import EmbeddedSystem
from system.province_bundle import grpc_source
from tests.identity import TestIssuer
from tests.unit.evaluation.helpers import council, score_all, secretary
from tests.unit.inputs.servers import Running, running

EXAMPLES = Path(__file__).parents[3] / "services" / "registration" / "examples"
OFFICER = CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23341"))
PAPERS = {
    "form_02": "mau-02-tu-danh-gia.pdf",
    "food_safety_certificate": "giay-chung-nhan-attp.pdf",
}


def forwarded_by_the_commune(system: EmbeddedSystem) -> UUID:
    """A Đăk Glei coffee (old commune 23341, district 610) filed 03/03/2025 under R1, its two
    papers attached, assessed and forwarded to the district."""
    reg = system.registration.app
    producer = reg.producers.register_producer(
        OFFICER, name="HTX Cà phê Đăk Glei", kind="cooperative", legacy_commune_code="23341",
        legal_representative="Y Blơi", business_registration_no="6101234567",
    )  # fmt: skip
    product = reg.products.register_product(
        OFFICER, producer_id=producer, name="Cà phê rang xay Đăk Glei", product_set=13
    )
    dossier = reg.dossiers.submit_dossier(
        OFFICER, product_id=product, kind="first", received_on=date(2025, 3, 3)
    )
    sheet = requirements("R1", "first", 13).sheet
    reg.dossiers.record_self_assessment(
        OFFICER, dossier_id=dossier, choices={c: o[-1] for c, o in sheet.items()}
    )
    for category, file in PAPERS.items():
        reg.dossiers.attach_document(
            OFFICER, dossier_id=dossier, name=file, category=category,
            content=(EXAMPLES / file).read_bytes(),
        )  # fmt: skip
    reg.assessment.assess_dossier(
        OFFICER, dossier_id=dossier, report_no="9/BC-UBND", assessed_on=date(2025, 4, 18),
        local_raw_material=True, local_labour=True, idea_origin=True, local_identity=True,
    )  # fmt: skip
    reg.assessment.forward_dossier(OFFICER, dossier_id=dossier, forwarded_on=date(2025, 4, 20))
    return dossier


def district_forwards(system: EmbeddedSystem, dossier: UUID) -> None:
    """The district council scores 80 (R1: above the district's 3 stars): forwarded."""
    app = system.evaluation.app
    council(app, dossier, date(2025, 5, 5))
    score_all(app, dossier, dict.fromkeys(("chu-tich", "tv1", "tv2"), 80), 4, "R1")
    app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=date(2025, 5, 20))
    assert app.get_evaluation(dossier).status == "forwarded"


def forwarded_to_the_province(r: Running, province_unit: str) -> UUID:
    """The stand-in fetching bundles as a province officer of `province_unit` (a token of
    the system's issuer), and a dossier forwarded by the commune, then by the district."""
    issuer = TestIssuer(r.system.issuer)  # type: ignore[arg-type]
    r.system.province.app.source = grpc_source(
        r.addresses["registration"],
        None,
        lambda: issuer.token(f"so-nnmt-{province_unit}", "province_officer", province_unit),
        attempts=3,
    )
    dossier = forwarded_by_the_commune(r.system)
    asyncio.run(r.system.deliver())
    district_forwards(r.system, dossier)
    asyncio.run(r.system.deliver())
    return dossier


def test_the_stand_in_fetches_verifies_and_records_the_bundle(tmp_path: Path) -> None:
    with running(tmp_path) as r:
        province = r.system.province.app
        dossier = forwarded_to_the_province(r, "51")

        (receipt,) = province.receipts(str(dossier))
        assert (receipt.verified, receipt.problem) == (True, "")
        held = r.system.registration.app.get_dossier(dossier).documents.values()
        assert sorted(d["sha256"] for d in receipt.documents) == sorted(d["sha256"] for d in held)
        for category, file in PAPERS.items():
            digest = hashlib.sha256((EXAMPLES / file).read_bytes()).hexdigest()
            assert {"sha256": digest, "category": category} in [
                {"sha256": d["sha256"], "category": d["category"]} for d in receipt.documents
            ]
        # The lower council's result and the commune's form 03 came with it
        assert (receipt.council_score, receipt.report_no) == ("80.00", "9/BC-UBND")
        assert (receipt.level, len(receipt.manifest_sha256)) == ("province", 64)
        # The answer went too: the province recognised the district's 80 at 4 stars
        evaluation = r.system.evaluation.app.get_evaluation(dossier)
        assert (evaluation.status, evaluation.star) == ("recognised", 4)
        assert evaluation.decision_no == "1/QĐ-UBND"  # the receipt takes no number


def test_a_bundle_not_received_is_recorded_and_the_answer_still_goes(tmp_path: Path) -> None:
    """A province officer of another province (Gia Lai, 52) may not read the dossier."""
    with running(tmp_path) as r:
        province = r.system.province.app
        province.own = province.own.model_copy(update={"bundle_wait_seconds": 0})
        dossier = forwarded_to_the_province(r, "52")

        (receipt,) = province.receipts(str(dossier))
        assert receipt.verified is False and receipt.documents == []
        assert receipt.problem.startswith("PERMISSION_DENIED")
        assert r.system.evaluation.app.get_evaluation(dossier).status == "recognised"
