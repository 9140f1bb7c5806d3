"""Issue 9, kinds 6 and 8: listings in Vietnamese alphabetical order, a search ignoring case
and diacritics, and pages (size, token, total) that the CLI follows; one shared place,
`runtime.listing`, used by every list RPC."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import grpc
import pytest

from contracts.rpc import promotion_pb2, reporting_pb2
from runtime.clock import FixedClock
from runtime.errors import CommandRejected
from runtime.listing import matches, page, sort_vietnamese, vietnamese_key
from runtime.settings import Settings
from services.promotion.adapters.grpc_api import PromotionServicer
from services.promotion.bootstrap import build as build_promotion
from services.reporting.domain import product_status as ps
from services.reporting.projections.catalogue import UPSERT_PRODUCT, _values
from tests.hostile.generator import methods
from tests.unit.inputs.servers import Running, running
from tests.unit.promotion import helpers as pro


def test_the_issue_examples_sort_in_the_vietnamese_alphabet() -> None:
    """ "Điểm du lịch…" came after "Yến…", "Chuối" before "Cà phê"."""
    names = ["Yến sào Khánh Hòa", "Điểm du lịch Măng Đen", "Chuối sấy", "Cà phê Đăk Hà"]
    assert sort_vietnamese(names, str) == [
        "Cà phê Đăk Hà",
        "Chuối sấy",
        "Điểm du lịch Măng Đen",
        "Yến sào Khánh Hòa",
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("an", "ăn"),  # a < ă < â
        ("ăn", "ân"),
        ("dê", "đê"),  # d < đ < e
        ("đu", "em"),
        ("eo", "êm"),  # e < ê
        ("ong", "ông"),  # o < ô < ơ
        ("ông", "ơn"),
        ("ung", "ưng"),  # u < ư < v
        ("ưng", "vâng"),
        ("ma", "mà"),  # tones: ngang < huyền < hỏi < ngã < sắc < nặng
        ("mà", "mả"),
        ("mả", "mã"),
        ("mã", "má"),
        ("má", "mạ"),
        ("mạ", "mai"),  # letters before tones
        ("cà", "Cà"),  # case last
        ("Cà phê", "Cam"),
    ],
)
def test_vietnamese_letters_then_tones_then_case(before: str, after: str) -> None:
    assert vietnamese_key(before) < vietnamese_key(after)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ca phe dak ha", True),  # the issue's example
        ("CA PHE", True),
        ("Cà phê", True),
        ("đăk", True),
        ("dak", True),
        ("ca ph", True),  # prefixes
        ("", True),
        ("che", False),
        ("ha dak ca phe", True),  # any order
    ],
)
def test_search_ignores_case_and_diacritics(query: str, found: bool) -> None:
    assert matches(query, "Cà phê Đăk Hà") is found


def test_pages_have_a_size_a_token_and_a_total() -> None:
    rows = list(range(250))
    first, token, total = page(rows, 100, "")
    assert (first[0], len(first), token, total) == (0, 100, "100", 250)
    last, token, _ = page(rows, 100, "200")
    assert (len(last), token) == (50, "")
    for bad_size, bad_token in ((5001, ""), (-1, ""), (10, "x"), (10, "999")):
        with pytest.raises(CommandRejected):
            page(rows, bad_size, bad_token)


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(Path(tmp_path_factory.mktemp("lists"))) as up:
        yield up


def test_fifty_thousand_products_are_listed_page_by_page(edge: Running) -> None:
    """ListProducts failed with RESOURCE_EXHAUSTED from about 22,000 products (one reply
    over gRPC's 4 MiB); pages of at most 5,000 list 50,000."""
    view = edge.system.reporting.app.view
    names = ["Yến", "Điểm", "Chuối", "Cà phê Đăk Hà", "Mật ong"]
    rows = [
        {
            "product_id": f"00000000-0000-0000-0000-{n:012d}",
            "producer_id": "",
            "name": f"{names[n % 5]} {n:05d}",
            "product_set": 1,
            "commune_code": "23500",
            "registered_at": "2026-01-01T00:00:00+00:00",
        }
        for n in range(50_000)
    ]
    with view._transaction(commit=True) as cursor:  # 50,000 products as the projection has them
        cursor.executemany(
            view._sql(UPSERT_PRODUCT), [_values(r, ps.PRODUCT_COLUMNS) for r in rows]
        )
    stub = edge.stubs["reporting"]
    listed: list[str] = []
    token = ""
    started = time.perf_counter()
    while True:
        reply = stub.ListProducts(
            reporting_pb2.ListProductsRequest(page_size=5000, page_token=token)
        )
        listed += [p.name for p in reply.products]
        assert reply.total == 50_000
        token = reply.next_page_token
        if not token:
            break
    assert len(listed) == 50_000 and len(set(listed)) == 50_000
    assert listed[0].startswith("Cà phê") and listed[-1].startswith("Yến")
    assert time.perf_counter() - started < 300
    found = stub.ListProducts(reporting_pb2.ListProductsRequest(query="ca phe dak ha 00003"))
    assert [p.name for p in found.products] == ["Cà phê Đăk Hà 00003"]
    with pytest.raises(grpc.RpcError):
        stub.ListProducts(reporting_pb2.ListProductsRequest(page_size=5001))


def test_the_cli_gathers_every_page(edge: Running) -> None:
    """A CLI list command follows `next_page_token`: 250 ideas, pages of 100 by default."""
    from cli.client import Client
    from cli.declare import all_pages
    from contracts.rpc import common_pb2, registration_pb2

    officer = common_pb2.Actor(id="can-bo", role="commune_officer", jurisdiction="23500")
    stub = edge.stubs["registration"]
    producer = stub.RegisterProducer(
        registration_pb2.RegisterProducerRequest(
            actor=officer,
            name="HTX nhiều ý tưởng",
            kind="cooperative",
            commune_code="23500",
            legal_representative="A",
        )
    ).producer_id
    for n in range(250):
        stub.RegisterIdea(
            registration_pb2.RegisterIdeaRequest(
                actor=officer,
                producer_id=producer,
                name=f"Ý tưởng {n:03d}",
                product_set=13,
                submitted_on="2026-06-01",
            )
        )
    client = Client({"registration": edge.addresses["registration"]}, "vi", 1.0)
    # the stub's channel signs the calls; the client adds its idempotency key and pages
    method = stub.ListIdeas
    request = registration_pb2.ListIdeasRequest(producer_id=producer)
    first = client.call(method, request)
    assert (len(first.ideas), first.total) == (100, 250)
    every = all_pages(client, method, request, first)
    assert [i.name for i in every.ideas] == [f"Ý tưởng {n:03d}" for n in range(250)]


def list_methods() -> list[Any]:
    """Every RPC that answers a list: named List…, or replying with a …List message."""
    return [
        m
        for m in methods()
        if m.descriptor.name.startswith("List") or m.descriptor.output_type.name.endswith("List")
    ]


@pytest.mark.parametrize("method", list_methods(), ids=lambda m: m.descriptor.name)
def test_every_list_rpc_is_paged(method: Any) -> None:
    asked = method.descriptor.input_type.fields_by_name
    answered = method.descriptor.output_type.fields_by_name
    assert {"page_size", "page_token"} <= set(asked)
    assert {"next_page_token", "total"} <= set(answered)


def test_showrooms_come_in_pages_in_vietnamese_order_and_are_searched(tmp_path: Path) -> None:
    app = build_promotion(
        Settings(store="memory", data_dir=tmp_path),
        clock=FixedClock(datetime(2025, 11, 20, 8, tzinfo=UTC)),
    ).app
    names = ["Yến sào", "Điểm bán Đăk Hà", "Chuối", "Cà phê Đăk Hà", "Điểm bán Kon Plông"]
    for number, name in enumerate(names):
        app.venues.open_showroom(
            pro.OFFICE,
            name=name,
            address="Đăk Hà",
            commune_code=f"234{number:02d}",
            province_code=pro.PROVINCE,
            district_code=pro.DISTRICT,
            operator="HTX",
            opened_on=date(2025, 3, 1),
        )
    servicer = PromotionServicer(app)
    request = promotion_pb2.ListShowroomsRequest(jurisdiction=pro.DISTRICT, page_size=2)
    seen: list[str] = []
    while True:
        reply = servicer.ListShowrooms(request, None)
        assert reply.total == 5
        seen += [s.name for s in reply.showrooms]
        if not reply.next_page_token:
            break
        request.page_token = reply.next_page_token
    assert seen == ["Cà phê Đăk Hà", "Chuối", "Điểm bán Đăk Hà", "Điểm bán Kon Plông", "Yến sào"]
    found = servicer.ListShowrooms(
        promotion_pb2.ListShowroomsRequest(jurisdiction=pro.DISTRICT, query="diem ban kon"), None
    )
    assert [s.name for s in found.showrooms] == ["Điểm bán Kon Plông"]
    app.close()
