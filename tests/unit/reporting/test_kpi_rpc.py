"""GetKpis and GetReport over a real gRPC server (the embedded system in process, signed
calls) and the CLI's output of their replies: Vietnamese, English, JSON, files."""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from docx import Document
from openpyxl import load_workbook

from cli.commands import reporting as cli
from contracts.rpc import reporting_pb2 as pb
from contracts.rpc import reporting_pb2_grpc as pb_grpc
from tests.identity import TestIssuer, signed_channel
from tests.unit.inputs.servers import Running, running
from tests.unit.reporting.kpi_year import apply, promotion_and_inspection, year_of_events


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(tmp_path_factory.mktemp("kpi")) as found:
        apply(found.system.reporting.app, year_of_events() + promotion_and_inspection())
        yield found


def as_caller(edge: Running, role: str, unit: str) -> Any:
    """The reporting stub signed as an official of `role` in `unit`."""
    assert edge.system.issuer is not None
    channel = signed_channel(
        TestIssuer(edge.system.issuer), edge.addresses["reporting"], (f"{role}-{unit}", role, unit)
    )
    return pb_grpc.ReportingStub(channel)  # type: ignore[no-untyped-call]


def args(**given: object) -> argparse.Namespace:
    return argparse.Namespace(**{"json": False, "lang": "vi", **given})


def test_kpis_over_grpc(edge: Running, capsys: pytest.CaptureFixture[str]) -> None:
    stub = as_caller(edge, "district_officer", "615")
    reply = stub.GetKpis(pb.GetKpisRequest(period="2025-H1", jurisdiction="615"))
    lines = {k.code: k for k in reply.kpis}
    assert (lines["new_3_star"].value, lines["new_3_star"].minimum) == ("2", "10")
    assert lines["new_3_star"].status == "below"
    assert (lines["cooperative_share"].value, lines["cooperative_share"].denominator) == (
        "0.3333",
        3,
    )
    assert (reply.starts, reply.ends, reply.due) == ("2025-01-01", "2025-06-30", "2025-07-15")
    assert "Recognized" in lines["new_3_star"].definition
    cli._kpis(args(), reply)
    shown = capsys.readouterr().out
    assert "Kỳ 2025-H1 (01/01/2025 - 30/06/2025), địa bàn 615; hạn gửi báo cáo 15/07/2025" in shown
    assert "Tỷ lệ chủ thể là hợp tác xã" in shown and "33,33 % (1/3)" in shown
    assert "≥ 40 %" in shown and "chưa đạt" in shown
    cli._kpis(args(lang="en"), reply)
    shown = capsys.readouterr().out
    assert "Period 2025-H1 (01/01/2025 - 30/06/2025), unit 615; report due 15/07/2025" in shown
    assert "Share of producers that are cooperatives" in shown and "33.33 % (1/3)" in shown
    cli._kpis(args(json=True), reply)
    assert json.loads(capsys.readouterr().out)["kpis"][0]["code"] == "new_3_star"


def test_a_caller_without_a_jurisdiction_gets_their_own_unit(edge: Running) -> None:
    # the edge's calls are signed as the commune officer of 23500 (no product there)
    reply = edge.stubs["reporting"].GetKpis(pb.GetKpisRequest(period="2025-H1"))
    assert reply.jurisdiction == "23500"
    assert {k.code: k.value for k in reply.kpis}["new_3_star"] == "0"


def test_an_office_reads_its_own_unit_and_the_units_within_it(edge: Running) -> None:
    district = as_caller(edge, "district_officer", "615")
    commune = district.GetKpis(pb.GetKpisRequest(period="2025-H1", jurisdiction="23615"))
    assert {k.code: k.value for k in commune.kpis}["new_3_star"] == "2"
    province = as_caller(edge, "province_officer", "51")
    assert province.GetKpis(pb.GetKpisRequest(period="2025", jurisdiction="612")).kpis
    for unit in ("612", "51", "VN", "62"):  # another district, its province, every unit
        with pytest.raises(grpc.RpcError) as refused:
            district.GetKpis(pb.GetKpisRequest(period="2025-H1", jurisdiction=unit))
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED, unit
    auditor = as_caller(edge, "auditor", "")
    assert auditor.GetKpis(pb.GetKpisRequest(period="2025", jurisdiction="VN")).kpis


def test_an_unknown_period_is_refused_with_its_field(edge: Running) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        edge.stubs["reporting"].GetKpis(pb.GetKpisRequest(period="2025-H3"))
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "2025-H3" in str(refused.value.details())


def test_the_report_over_grpc_and_the_cli_writes_both_files(
    edge: Running, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = pb.GetReportRequest(
        period="2025-H1", jurisdiction="615", issuer="UBND huyện Đăk Hà", number="125/BC-UBND"
    )
    reply = as_caller(edge, "province_officer", "51").GetReport(request)
    assert (reply.report_code, reply.due) == ("six_month", "2025-07-15")
    assert reply.docx_name == "bao-cao-ocop-2025-H1-615.docx"
    cli._report(args(out=str(tmp_path / "out")), reply)
    out = capsys.readouterr().out
    assert "Hạn gửi báo cáo: 15/07/2025" in out
    docx = Document(io.BytesIO((tmp_path / "out" / reply.docx_name).read_bytes()))
    assert "Số: 125/BC-UBND" in docx.tables[0].rows[0].cells[0].text
    book = load_workbook(tmp_path / "out" / reply.xlsx_name)
    row = next(r for r in book["Chỉ tiêu"].iter_rows(values_only=True) if r[0] == "new_4_star")
    assert row[3] == 1


def test_a_products_row_shows_its_certificate_in_force(
    edge: Running, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.unit.reporting.kpi_year import uid

    # The products lie in province 51 (the edge's own commune officer reaches none).
    province = as_caller(edge, "province_officer", "51")
    reply = province.GetProduct(pb.GetProductRequest(product_id=str(uid("C"))))
    assert (reply.current_star, reply.current_certificate_no) == (4, "GCN-dC")
    assert reply.current_valid_to == "2028-05-14"
    cli._record(args(), reply)
    shown = capsys.readouterr().out
    assert "Hạng sao đang có hiệu lực: 4" in shown and "Hiệu lực đến: 14/05/2028" in shown
    listed = province.ListProducts(pb.ListProductsRequest(query="H"))
    returned = next(p for p in listed.products if p.name == "H")
    assert (returned.higher_outcome, returned.higher_score) == ("returned", "68")
