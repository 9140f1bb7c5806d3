"""The recognition decision and the certificate as PDF: what they state (read back with
pypdf), which ones are refused (a revoked certificate, a decision not issued here)."""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import grpc
import pytest
from pypdf import PdfReader

from cli.declare import Command, request_fields
from cli.main import parser
from contracts.rpc import evaluation_pb2 as pb
from contracts.rpc import evaluation_pb2_grpc as pb_grpc
from runtime.clock import FixedClock
from runtime.errors import CommandRejected
from services.evaluation.adapters import grpc_api
from services.evaluation.adapters.documents import Pdf, certificate_pdf, decision_pdf
from services.evaluation.application import EvaluationApp
from tests.identity import TestIssuer, served
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    DISTRICT_AUTHORITY,
    OFFICER,
    R1_DISTRICT,
    assessed,
    council,
    decide,
    deliver,
    score_all,
    secretary,
)

NAMES = ("Cà phê rang xay Đăk Hà", "Sâm dây Ngọc Linh sấy khô")
CODES = {NAMES[0]: "51-23500-007-2026", NAMES[1]: "51-23500-008-2026"}
PRODUCERS = {NAMES[0]: "HTX Nông nghiệp Đăk Hà", NAMES[1]: "Hộ kinh doanh Sâm Ngọc Linh"}


def text_of(pdf: Pdf) -> str:
    """The PDF's text, whitespace folded (pypdf breaks lines where the layout does);
    written to OCOP_DOCUMENTS_DIR when set, to look at."""
    if folder := os.environ.get("OCOP_DOCUMENTS_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / pdf.file_name).write_bytes(pdf.content)
    reader = PdfReader(io.BytesIO(pdf.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def adopted(app: EvaluationApp, name: str, total: int, star: int, **kwargs: object) -> UUID:
    facts = {
        "product_name": name,
        "product_code": CODES.get(name),
        "producer_name": PRODUCERS.get(name),
    }
    event = assessed(**kwargs).model_copy(update=facts)  # type: ignore[arg-type]
    deliver(app, event)
    council(app, event.aggregate_id)
    members = ("chu-tich", "tv1", "tv2", "tv3")
    rule_set = str(kwargs.get("rule_set", "R3"))
    score_all(app, event.aggregate_id, dict.fromkeys(members, total), star, rule_set)
    adopted_on = event.assessed_on + timedelta(days=5)
    app.councils.adopt_result(secretary(), dossier_id=event.aggregate_id, adopted_on=adopted_on)
    return event.aggregate_id


def decided(app: EvaluationApp) -> list[UUID]:
    dossiers = [adopted(app, NAMES[0], 66, 3), adopted(app, NAMES[1], 75, 4)]
    decide(app, dossiers, "125/QĐ-UBND", date(2026, 6, 28), signer="Nguyễn Văn A")
    return dossiers


def test_the_decision_states_what_decree_30_and_the_rules_require(app: EvaluationApp) -> None:
    dossiers = decided(app)
    pdf = decision_pdf(app.documents.decision_of(dossiers[1]))
    assert pdf.file_name == "quyet-dinh-125-QĐ-UBND-20260628.pdf"
    text = text_of(pdf)
    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 125/QĐ-UBND",
        "Quảng Ngãi, ngày 28 tháng 6 năm 2026",
        "QUYẾT ĐỊNH Về việc công nhận sản phẩm đạt 3 sao, 4 sao",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính phủ",
        "Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.",
        "Công nhận 2 sản phẩm",
        "gồm 1 sản phẩm đạt 3 sao, 1 sản phẩm đạt 4 sao",
        NAMES[0],
        NAMES[1],
        "Chủ thể",
        PRODUCERS[NAMES[0]],
        PRODUCERS[NAMES[1]],
        "125/2026/QĐ-UBND/01",
        "125/2026/QĐ-UBND/02",
        "66,00",
        "75,00",
        "Xã Đăk Hà, Tỉnh Quảng Ngãi",
        "có giá trị 36 tháng kể từ ngày ký ban hành Quyết định này (đến hết ngày 28/06/2029)",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "Nguyễn Văn A",
    ):
        assert expected in text, expected
    # R3 Art. 7.6.a: the re-evaluation filing window, 180 to 120 days before expiry
    assert "nộp hồ sơ từ ngày 30/12/2028 đến ngày 28/02/2029" in text
    assert "thu hồi theo Quyết định" not in text


def test_the_certificate_names_product_star_decision_and_expiry(app: EvaluationApp) -> None:
    dossiers = decided(app)
    product = app.get_evaluation(dossiers[0]).product_id
    pdf = certificate_pdf(app.documents.certificate_of(product))
    assert pdf.file_name == "giay-chung-nhan-125-2026-QĐ-UBND-01.pdf"
    text = text_of(pdf)
    for expected in (
        "GIẤY CHỨNG NHẬN",
        "SẢN PHẨM ĐẠT TIÊU CHUẨN CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM (OCOP)",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI CHỨNG NHẬN",
        f"Sản phẩm: {NAMES[0]}",
        f"Chủ thể: {PRODUCERS[NAMES[0]]}",
        "Bộ sản phẩm: 13. Cà phê, ca cao",
        "Đạt hạng: 3 sao (66,00 điểm)",
        "số 125/QĐ-UBND ngày 28/06/2026 của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi",
        "Giá trị đến hết ngày: 28/06/2029",
        "nộp hồ sơ từ ngày 30/12/2028 đến ngày 28/02/2029",
        "Số: 125/2026/QĐ-UBND/01",
        "Quảng Ngãi, ngày 28 tháng 6 năm 2026",
        "Mã sản phẩm: 51-23500-007-2026",
    ):
        assert expected in text, expected
    assert NAMES[1] not in text
    assert str(product) not in text, "the internal id is not the product code"


def test_a_certificate_of_a_dossier_sent_without_a_code_prints_no_code(
    app: EvaluationApp,
) -> None:
    """A dossier forwarded without a code (or opened here before codes were kept) prints
    no code line, never the internal id in its place."""
    dossier = adopted(app, "Mật ong hoa cà phê", 66, 3)
    decide(app, dossier, "126/QĐ-UBND", date(2026, 6, 28), signer="Nguyễn Văn A")
    product = app.get_evaluation(dossier).product_id
    text = text_of(certificate_pdf(app.documents.certificate_of(product)))
    assert "Sản phẩm: Mật ong hoa cà phê" in text
    assert "Mã sản phẩm" not in text
    assert "Chủ thể:" not in text, "no producer name was published: no empty line"
    assert str(product) not in text


def test_a_revoked_certificate_is_not_printed_and_its_decision_says_so(
    app: EvaluationApp, clock: FixedClock
) -> None:
    dossiers = decided(app)
    product = app.get_evaluation(dossiers[1]).product_id
    clock.advance(datetime(2027, 3, 5, 8, tzinfo=UTC) - clock.now())
    app.certificates.open_revocation(
        OFFICER, product_id=product, ground="b", reference="KL-07/2027",
        concluded_on=date(2027, 3, 1),
    )  # fmt: skip
    app.certificates.decide_revocation(
        AUTHORITY, product_id=product, decision_no="9/QĐ-UBND", decided_on=date(2027, 3, 5),
        signer="Nguyễn Văn A",
    )  # fmt: skip
    with pytest.raises(CommandRejected) as refused:
        app.documents.certificate_of(product)
    assert refused.value.kind == "failed_precondition"
    assert refused.value.field == "certificate_no"
    assert "đã bị thu hồi theo Quyết định số 9/QĐ-UBND ngày 05/03/2027" in refused.value.vi
    text = text_of(decision_pdf(app.documents.decision_of(dossiers[0])))
    assert (
        f"Giấy chứng nhận số 125/2026/QĐ-UBND/02 ({NAMES[1]}) đã bị thu hồi theo Quyết định "
        "số 9/QĐ-UBND ngày 05/03/2027." in text
    )
    # the other product's certificate still prints
    first = app.get_evaluation(dossiers[0]).product_id
    assert "GIẤY CHỨNG NHẬN" in text_of(certificate_pdf(app.documents.certificate_of(first)))


def test_a_district_decision_of_2025_is_headed_by_the_district(app: EvaluationApp) -> None:
    dossier = adopted(app, NAMES[0], 60, 3, **R1_DISTRICT)
    decide(app, dossier, "45/QĐ-UBND", date(2025, 4, 2), by=DISTRICT_AUTHORITY, signer="Trần Thị B")
    text = text_of(decision_pdf(app.documents.decision_of(dossier)))
    for expected in (
        "ỦY BAN NHÂN DÂN HUYỆN ĐẮK GLEI",
        "Đắk Glei, ngày 02 tháng 4 năm 2025",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK GLEI",
        "Căn cứ Quyết định số 148/QĐ-TTg ngày 24 tháng 02 năm 2023",
        "Theo đề nghị của Trưởng phòng Nông nghiệp và Môi trường.",
        "Huyện Đắk Glei, Tỉnh Kon Tum",
        "- UBND tỉnh (b/c);",
    ):
        assert expected in text, expected


def test_no_document_for_a_dossier_without_a_decision_here(app: EvaluationApp) -> None:
    dossier = adopted(app, NAMES[0], 66, 3)
    with pytest.raises(CommandRejected) as refused:
        app.documents.decision_of(dossier)
    assert (refused.value.kind, refused.value.field) == ("not_found", "dossier_id")


def test_both_documents_over_grpc_as_the_console_and_cli_get_them(
    app: EvaluationApp, issuer: TestIssuer
) -> None:
    dossiers = decided(app)
    product = str(app.get_evaluation(dossiers[0]).product_id)
    with served(issuer, app, grpc_api, "evaluation", pb_grpc.EvaluationStub) as stub:
        decision = stub.GetDecisionDocument(
            pb.GetDecisionDocumentRequest(dossier_id=str(dossiers[0]))
        )
        certificate = stub.GetCertificateDocument(
            pb.GetCertificateDocumentRequest(
                product_id=product, certificate_no="125/2026/QĐ-UBND/01"
            )
        )
        with pytest.raises(grpc.RpcError) as refused:
            stub.GetCertificateDocument(
                pb.GetCertificateDocumentRequest(product_id=product, certificate_no="1/QĐ-UBND/09")
            )
    assert (decision.media_type, decision.file_name) == (
        "application/pdf",
        "quyet-dinh-125-QĐ-UBND-20260628.pdf",
    )
    assert decision.content.startswith(b"%PDF") and certificate.content.startswith(b"%PDF")
    assert NAMES[1] in text_of(Pdf(decision.file_name, decision.content))
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND


def test_the_cli_asks_for_the_document_and_writes_it(tmp_path: Path) -> None:
    args = parser().parse_args(
        ["evaluation", "certificate-pdf", "--product", "p-1", "--out", str(tmp_path)]
    )
    command: Command = args.func.args[1]
    request: Any = command.request(**request_fields(command, args))
    assert (request.product_id, request.certificate_no) == ("p-1", "")
    reply = pb.Document(file_name="giay-chung-nhan-1.pdf", content=b"%PDF-1.7 x")
    assert command.output is not None and command.output(args, reply) == 0
    assert (tmp_path / "giay-chung-nhan-1.pdf").read_bytes() == b"%PDF-1.7 x"
    args = parser().parse_args(
        ["evaluation", "decision-pdf", "--dossier", "d-1", "--out", str(tmp_path / "qd.pdf")]
    )
    command = args.func.args[1]
    assert command.request(**request_fields(command, args)).dossier_id == "d-1"  # type: ignore[attr-defined]
    assert command.output is not None and command.output(args, reply) == 0
    assert (tmp_path / "qd.pdf").exists()
