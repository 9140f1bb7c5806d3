"""`ocop import portfolio` (issue 20) through the real gRPC servers of every service: the
Kon Tum register gives 35 products with their certificates, stars and expiry dates in
reporting and evaluation; a second import changes nothing; a bad file is refused with
every bad row listed and nothing imported; .xlsx and other layouts (a mapping) read the
same."""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from openpyxl import Workbook

from cli.client import Client
from cli.commands.imports import import_portfolio
from contracts.rpc import evaluation_pb2 as ev
from contracts.rpc import reporting_pb2 as rp
from system.demo_data import kontum_portfolio
from tests.identity import TestIssuer
from tests.unit.inputs.servers import STUBS, Running, running

KONTUM = kontum_portfolio.TARGET


@pytest.fixture
def up(tmp_path: Path) -> Iterator[Running]:
    """Every service's gRPC server over empty stores, one system per test: the tests import
    into it, so none depends on which ran before (a shared one passed in file order only)."""
    with running(tmp_path / "portfolio") as servers:
        yield servers


def client_of(up: Running, role: str = "province_officer", unit: str = "51") -> Client:
    assert up.system.issuer is not None
    token = TestIssuer(up.system.issuer).token(f"nhap-{role}", role, unit)
    return Client(up.addresses, lang="vi", wait_seconds=2, token=token)


def ocop_import(
    up: Running,
    capsys: pytest.CaptureFixture[str],
    path: Path,
    *flags: str,
    client: Client | None = None,
) -> tuple[int, dict[str, Any]]:
    args = argparse.Namespace(
        file=str(path),
        mapping=next((f.split("=", 1)[1] for f in flags if f.startswith("--mapping=")), None),
        dry_run="--dry-run" in flags,
        valid_rows_only="--valid-rows-only" in flags,
        json=True,
        quiet=False,
        lang="vi",
    )
    capsys.readouterr()
    code = import_portfolio(args, client or client_of(up))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def positions(up: Running) -> tuple[int, int]:
    return (
        up.system.registration.app.recorder.max_notification_id() or 0,
        up.system.evaluation.app.recorder.max_notification_id() or 0,
    )


def test_the_template_file_is_the_generator_s_output(tmp_path: Path) -> None:
    """The committed Kon Tum register is what `system/demo_data/kontum_portfolio.py` makes."""
    committed = KONTUM.read_text(encoding="utf-8")
    kontum_portfolio.main()
    assert KONTUM.read_text(encoding="utf-8") == committed


# 36 months from the decision: R0 for 2020-2021 (1048/2019), R1 for 2024 (148/2023)
VALID_TO = {"24/12/2020": "2023-12-24", "24/12/2021": "2024-12-24", "28/06/2024": "2027-06-28"}
RULE_SETS = {"24/12/2020": "R0", "24/12/2021": "R0", "28/06/2024": "R1"}


def check_certified_everywhere(up: Running, row: dict[str, str], shown: Any) -> None:
    """One register row's certificate as evaluation records it (valid 36 months, its rule
    set, its star), inspection and promotion consume it and reporting's catalogue shows it."""
    product_id = shown.product_id
    certificates = up.stubs["evaluation"].GetCertificates(
        ev.GetCertificatesRequest(product_id=product_id)
    )
    (only,) = certificates.certificates
    assert only.valid_to == VALID_TO[row["Ngày quyết định"]]
    assert only.rule_set_id == RULE_SETS[row["Ngày quyết định"]]
    assert only.star == int(row["Hạng sao"])
    # inspection and promotion consume them as recognitions (RecognitionRecorded)
    inspected = up.system.inspection.app.product(UUID(product_id)).certificate
    assert inspected is not None and inspected["star"] == int(row["Hạng sao"])
    promoted = up.system.promotion.app.product(UUID(product_id))
    assert [c["star"] for c in promoted.certificates.values()] == [int(row["Hạng sao"])]
    held = promoted.in_force_on(date(2026, 11, 1))
    assert (held is not None) == (row["Ngày quyết định"] == "28/06/2024")
    # reporting's catalogue: the certificate's last valid day and standing
    assert (shown.valid_until, shown.certificate_status) == (
        VALID_TO[row["Ngày quyết định"]],
        "valid",
    )


def test_kontum_gives_35_certified_products_and_a_second_import_changes_nothing(
    up: Running, capsys: pytest.CaptureFixture[str]
) -> None:
    code, first = ocop_import(up, capsys, KONTUM, "--dry-run")
    assert (code, first["refused_rows"], first["rows"]) == (0, 0, 35)
    assert positions(up) == (0, 0)  # a dry run registers nothing

    code, first = ocop_import(up, capsys, KONTUM)
    assert code == 0, first
    assert (first["products_created"], first["certificates_recorded"]) == (35, 35)
    after_first = positions(up)

    code, second = ocop_import(up, capsys, KONTUM)
    assert code == 0, second
    assert (second["products_created"], second["products_known"]) == (0, 35)
    assert (second["certificates_recorded"], second["certificates_unchanged"]) == (0, 35)
    assert positions(up) == after_first

    asyncio.run(up.system.deliver())
    # The province lists every product of its portfolio (a raw channel: this token only).
    province = TestIssuer(up.system.issuer).metadata("so-nn", "province_officer", "51")  # type: ignore[arg-type]
    reporting = STUBS["reporting"](up.channels["reporting"]._channel)
    listed = reporting.ListProducts(rp.ListProductsRequest(page_size=100), metadata=province)
    assert listed.total == 35
    by_name = {p.name: p for p in listed.products}
    with KONTUM.open(encoding="utf-8") as rows:
        register = list(csv.DictReader(rows))
    for row in register:
        shown = by_name[row["Tên sản phẩm"]]
        assert shown.star == int(row["Hạng sao"]), row["Tên sản phẩm"]
        assert shown.decision_no == row["Số quyết định"]
    for row in register:
        check_certified_everywhere(up, row, by_name[row["Tên sản phẩm"]])
    # The certificate scheduler expires those past their last day; reporting follows
    up.system.evaluation.scheduler().tick()
    asyncio.run(up.system.deliver())
    today = up.system.clock.today().isoformat()
    listed = reporting.ListProducts(rp.ListProductsRequest(page_size=100), metadata=province)
    standing = {p.name: (p.valid_until, p.certificate_status) for p in listed.products}
    assert standing == {
        row["Tên sản phẩm"]: (
            VALID_TO[row["Ngày quyết định"]],
            "expired" if VALID_TO[row["Ngày quyết định"]] < today else "valid",
        )
        for row in register
    }


def test_a_bad_file_is_refused_with_every_bad_row_and_nothing_imported(
    up: Running, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with KONTUM.open(encoding="utf-8") as rows:
        header, *body = list(csv.reader(rows))
    column = {name: i for i, name in enumerate(header)}

    def changed(source: list[str], **values: str) -> list[str]:
        row = list(source)
        for name, value in values.items():
            row[column[name]] = value
        return row

    bad = [
        body[0],  # line 2: fine, but the Vingin name is taken below
        changed(body[1], **{"Ngày quyết định": "31/02/2021"}),  # 3: no such day
        changed(body[2], **{"Mã xã cũ": "99999"}),  # 4: no such pre-2025 commune
        changed(body[3], **{"Số quyết định": "quyết định 12"}),  # 5: not a decision number
        changed(body[9], **{"Hạng sao": "2"}),  # 6: 2 stars is not certified (R0)
        body[0],  # 7: the same product as line 2
        changed(body[4], **{"Tên sản phẩm": ""}),  # 8: no product name
        changed(body[5], **{"Tên chủ thể": "Công ty khác", "Số ĐKKD": "9900000001"}),  # 9
        changed(body[6], **{"Điểm": "55", "Hạng sao": "4"}),  # 10: 55 points reach 3 stars
        changed(body[7], **{"Ngày quyết định": "01/01/2018"}),  # 11: before any rule set
        changed(body[8], **{"Bộ sản phẩm": "27"}),  # 12: no set 27
    ]
    path = tmp_path / "xau.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *bad])
    before = positions(up)
    code, report = ocop_import(up, capsys, path)
    assert code == 2
    named = [(p["line"], p["field"]) for p in report["problems"]]
    assert named == [
        (3, "decided_on"),
        (4, "legacy_commune_code"),
        (5, "decision_no"),
        (6, "star"),
        (7, "product_name"),
        (8, "product_name"),
        (9, "business_registration_no"),
        (10, "star"),
        (11, "decided_on"),
        (12, "product_set"),
    ], report["problems"]
    assert report["refused_rows"] == 10
    assert positions(up) == before  # nothing imported
    code, partly = ocop_import(up, capsys, path, "--valid-rows-only")
    assert code == 0 and partly["refused_rows"] == 10
    assert (partly["products_created"], partly["products_known"]) == (1, 0)  # line 2 only


def test_an_xlsx_register_and_another_layout_read_the_same(
    up: Running, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with KONTUM.open(encoding="utf-8") as rows:
        header, *body = list(csv.reader(rows))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in body[:5]:
        sheet.append(row)
    xlsx = tmp_path / "so-theo-doi.xlsx"
    book.save(xlsx)
    code, report = ocop_import(up, capsys, xlsx, "--dry-run")
    assert (code, report["rows"], report["refused_rows"]) == (0, 5, 0)

    english = {"Tên chủ thể": "Producer", "Tên sản phẩm": "Product", "Ngày quyết định": "Date"}
    other = tmp_path / "other.csv"
    with other.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow([english.get(h, h) for h in header])
        for row in body[:5]:
            day, month, year = row[header.index("Ngày quyết định")].split("/")
            row[header.index("Ngày quyết định")] = f"{year}-{month}-{day}"
            writer.writerow(row)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "columns: {producer_name: Producer, product_name: Product, decided_on: Date}\n"
        "date_format: '%Y-%m-%d'\n"
        "values: {producer_kind: {Company: Doanh nghiệp}}\n",
        encoding="utf-8",
    )
    code, report = ocop_import(up, capsys, other, "--dry-run", f"--mapping={mapping}")
    assert (code, report["rows"], report["refused_rows"]) == (0, 5, 0), report


def test_only_the_office_that_recognised_may_import(
    up: Running, capsys: pytest.CaptureFixture[str]
) -> None:
    import grpc

    with pytest.raises(grpc.RpcError) as refused:
        ocop_import(
            up, capsys, KONTUM, "--dry-run", client=client_of(up, "commune_officer", "23500")
        )
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
