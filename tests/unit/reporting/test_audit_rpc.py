"""The audit queries over gRPC and the CLI, in the embedded mode: the Kon Tum demo's events
as the services published them, read back by an auditor (issue 17)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import grpc
import pytest
from openpyxl import load_workbook

from cli.main import main
from contracts.envelope import Actor
from contracts.rpc import audit_pb2 as pb
from contracts.rpc import audit_pb2_grpc as pb_grpc
from runtime.commands import CommandContext
from system.demo import WALKTHROUGH_PRODUCT, load_demo
from tests.identity import TestIssuer, signed_channel
from tests.unit.inputs.servers import Running, running

WHEN = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Running]:
    with running(tmp_path) as r:
        load_demo(r.system)
        asyncio.run(r.system.deliver())
        yield r


def issuer(r: Running) -> TestIssuer:
    assert r.system.issuer is not None
    return TestIssuer(r.system.issuer)


def audit_stub(r: Running, who: tuple[str, str, str]) -> Any:
    channel = signed_channel(issuer(r), r.addresses["reporting"], who)
    return pb_grpc.AuditStub(channel)  # type: ignore[no-untyped-call]


def walkthrough(demo: Running) -> dict[str, Any]:
    """The demo's product with a dossier (the register's are imported certificates)."""
    products = demo.system.reporting.app.list_products()
    return next(p for p in products if p["name"] == WALKTHROUGH_PRODUCT)


def test_an_auditor_reads_a_products_trail_and_others_may_not(demo: Running) -> None:
    product = walkthrough(demo)
    trail = audit_stub(demo, ("kiem-toan", "auditor", "")).GetTrail(
        pb.GetTrailRequest(kind="product", id=product["product_id"])
    )
    types = [e.event_type for e in trail.entries]
    assert types[0] == "ProductRegistered" and "DossierSubmitted" in types
    assert all(WHEN.match(e.when) and e.actor_id and e.actor_role for e in trail.entries)
    assert [e.occurred_at for e in trail.entries] == sorted(e.occurred_at for e in trail.entries)
    assert all(e.occurred_at.endswith("+07:00") for e in trail.entries)
    # the province office may ask too; a commune officer may not
    province = audit_stub(demo, ("so-nnmt", "province_officer", "51"))
    assert province.GetTrail(pb.GetTrailRequest(kind="product", id=product["product_id"])).entries
    officer = audit_stub(demo, ("can-bo-xa", "commune_officer", "23500"))
    with pytest.raises(grpc.RpcError) as refused:
        officer.GetTrail(pb.GetTrailRequest(kind="product", id=product["product_id"]))
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.RpcError) as missing:
        province.GetTrail(pb.GetTrailRequest(kind="decision", id="1/QĐ-KHÔNG-CÓ"))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


def test_the_cli_shows_exports_and_dates_a_trail(
    demo: Running,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("OCOP_TOKEN", issuer(demo).token("kiem-toan", "auditor"))
    monkeypatch.setenv("OCOP_REPORTING_PORT", demo.addresses["reporting"].rsplit(":", 1)[1])
    product = walkthrough(demo)["product_id"]

    assert main(["--json", "audit", "product", product]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert entries[0]["event_type"] == "ProductRegistered"

    assert main(["audit", "product", product]) == 0
    table = capsys.readouterr().out
    assert "Thời điểm (giờ Việt Nam)" in table and entries[0]["actor_id"] in table

    export = tmp_path / "vet.xlsx"
    assert main(["--json", "audit", "product", product, "--xlsx", str(export)]) == 0
    assert json.loads(capsys.readouterr().out) == {"file": str(export), "events": len(entries)}
    sheet = load_workbook(export).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == f"Vết kiểm toán của product {product}"
    header = list(rows[1])
    assert len(rows) == 2 + len(entries)
    for entry, row in zip(entries, rows[2:], strict=True):
        assert row[header.index("Mã sự kiện")] == entry["event_id"]
        assert row[header.index("Người thực hiện")] == entry["actor_id"]
        assert row[header.index("Thời điểm (giờ Việt Nam)")] == entry["when"]

    today = entries[-1]["when"][:10]
    assert main(["--json", "audit", "product", product, "--as-of", today]) == 0
    then = json.loads(capsys.readouterr().out)
    assert then["product_id"] == product and then["status"] == "commune_assessed"
    assert main(["--json", "audit", "products", "--as-of", today]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 36  # the register's 35 and the walkthrough's
    assert main(["--json", "audit", "products", "--as-of", "01/01/2020"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--json", "reporting", "kpi", "--period", "2024", "--as-of", "01/01/2020"]) == 0
    then = json.loads(capsys.readouterr().out)
    assert main(["--json", "reporting", "kpi", "--period", "2024", "--as-of", today]) == 0
    assert json.loads(capsys.readouterr().out) != then  # the demo was recorded today
    assert main(["--json", "audit", "product", product, "--as-of", "01/01/2020"]) == 2
    assert json.loads(capsys.readouterr().err)["code"] == "not_found"


def register_one(system: Any) -> UUID:
    """One more producer and product, registered by Đăk Hà's commune officer."""
    registration = system.registration.app
    ctx = CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"))
    producer = registration.producers.register_producer(
        ctx,
        name="HTX Ong mật Kon Plông",
        kind="cooperative",
        commune_code="23500",
        legal_representative="A Thiên",
        business_registration_no="6101999999",
    )
    product: UUID = registration.products.register_product(
        ctx, producer_id=producer, name="Mật ong rừng Kon Plông", product_set=1
    )
    return product
