"""A product's public page (issue 21): its producer's name, its certificate and the live
status on the day (valid, expired, revoked, none), by the code printed on the label; and
anyone may ask over gRPC, without signing in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import grpc
import pytest
from eventsourcing.persistence import Tracking

from contracts import registration as rg
from contracts.rpc import reporting_pb2 as pb
from contracts.rpc import reporting_pb2_grpc as pb_grpc
from runtime.errors import CommandRejected
from services.reporting.application import ReportingApp
from tests.unit.inputs.servers import running
from tests.unit.reporting.kpi_year import app_with, env, uid, year_of_events


def coded(name: str, code: str, code_format: str = "current") -> Any:
    return rg.ProductCodeAssigned(
        **env(name), code=code, code_format=code_format, assigned_on=date(2025, 1, 2)
    )


CODES = {"A": "62-615-1-2025", "D": "62-615-4-2025", "E": "62-615-5-2022", "G": "62-615-6-2025"}
EARLIER = {"A": "62-615-23615-7-2023"}
"""Product A's legacy code (T-H-X-STT-YYYY), before it was re-coded to CODES["A"]."""


def every_code() -> list[Any]:
    """A's legacy code first, then each product's current code."""
    earlier = [coded(n, c, "legacy") for n, c in EARLIER.items()]
    return [*earlier, *(coded(n, c) for n, c in CODES.items())]


@pytest.fixture(scope="module")
def app() -> Iterator[ReportingApp]:
    app = app_with(year_of_events() + every_code())
    yield app
    app.close()


def test_a_product_under_a_valid_certificate(app: ReportingApp) -> None:
    page = app.public_product(" 62-615-1-2025 ")
    assert (page.name, page.producer_name, page.product_set) == ("A", "P1", 13)
    assert (page.status, page.star, page.certificate_no) == ("valid", 3, "GCN-dA")
    assert (page.valid_from, page.valid_to, page.ended_on) == ("2025-03-10", "2028-03-09", "")
    assert page.commune_code == "23615"


def test_a_revoked_product_says_so_with_the_revocation(app: ReportingApp) -> None:
    page = app.public_product("62-615-4-2025")
    assert (page.status, page.star, page.certificate_no) == ("revoked", 3, "GCN-dD")
    assert (page.ended_on, page.revocation_no) == ("2025-06-10", "QĐ-thu-hồi-D")


def test_an_expired_and_a_never_certified_product(app: ReportingApp) -> None:
    expired = app.public_product("62-615-5-2022")
    assert (expired.status, expired.ended_on, expired.revocation_no) == (
        "expired",
        "2025-06-30",
        "",
    )
    never = app.public_product("62-615-6-2025")
    assert (never.status, never.star, never.certificate_no) == ("none", 0, "")


def test_the_same_product_was_valid_before_its_revocation_day() -> None:
    earlier = app_with([*year_of_events(), coded("D", CODES["D"])], today=date(2025, 6, 9))
    try:
        assert earlier.public_product(CODES["D"]).status == "valid"
    finally:
        earlier.close()


def test_a_product_is_found_by_an_earlier_code_and_shows_its_current_one(
    app: ReportingApp,
) -> None:
    for asked in (EARLIER["A"], f" {EARLIER['A'].lower()} "):
        page = app.public_product(asked)
        assert (page.product_code, page.name, page.status) == (CODES["A"], "A", "valid")


def test_an_earlier_code_is_found_in_the_kpis_as_of_a_day_too() -> None:
    """The as-of snapshot (audit) folds the same writes: the code table is built there."""
    from services.reporting.domain.public_product import product_by_code
    from services.reporting.projections.kpi_as_of import kpi_snapshot

    snap = kpi_snapshot([*year_of_events(), *every_code()])
    assert product_by_code(snap, EARLIER["A"]) == product_by_code(snap, CODES["A"]) == str(uid("A"))


def test_an_unknown_code_is_refused_naming_the_field(app: ReportingApp) -> None:
    with pytest.raises(CommandRejected) as refused:
        app.public_product("51-99999-1-2026")
    assert (refused.value.kind, refused.value.field) == ("not_found", "product_code")


def test_anyone_may_ask_without_a_token(tmp_path: Path) -> None:
    with running(tmp_path) as edge:
        app = edge.system.reporting.app
        for n, event in enumerate([*year_of_events(), coded("D", CODES["D"])], start=1):
            app.process_event(event, Tracking("test@t#0", n))
        with grpc.insecure_channel(edge.addresses["reporting"]) as channel:
            stub = pb_grpc.ReportingStub(channel)  # type: ignore[no-untyped-call]
            page = stub.GetPublicProduct(pb.GetPublicProductRequest(product_code=CODES["D"]))
            assert (page.status, page.producer_name, page.star) == ("revoked", "P1", 3)
            with pytest.raises(grpc.RpcError) as refused:
                stub.GetProduct(pb.GetProductRequest(product_id=str(uid("D"))))
            assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
