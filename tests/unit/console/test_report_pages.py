"""The report downloads and the audit trail in the console, against the reporting
service's real gRPC server fed a year of events."""

from __future__ import annotations

import io
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from eventsourcing.persistence import Tracking

from runtime.clock import SystemClock
from tests.console import Browser
from tests.unit.console.edge_console import console_of
from tests.unit.inputs.servers import running
from tests.unit.reporting.kpi_year import uid, year_of_events

PASSWORD = "mat-khau-kiem-toan"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running(tmp_path_factory.mktemp("edge")) as edge:
        for n, event in enumerate(year_of_events(), start=1):
            edge.system.reporting.app.process_event(event, Tracking("test@t#0", n))
        issuer = edge.system.issuer
        assert issuer is not None
        issuer.accounts.add("kiem-toan-bc", PASSWORD, ("auditor",), "")
        with console_of(edge, Path(tmp_path_factory.mktemp("console"))) as url:
            yield url


def auditor(base: str) -> Browser:
    browser = Browser(base)
    page = browser.get("/dang-nhap")
    browser.post(
        "/dang-nhap", {"csrf_token": page.csrf(), "username": "kiem-toan-bc", "password": PASSWORD}
    )
    return browser


def test_the_annual_report_downloads_as_word_and_excel(base: str) -> None:
    browser = auditor(base)
    before = SystemClock().today().year  # the year in Vietnam, as the console reckons it
    page = browser.get("/bao-cao")
    after = SystemClock().today().year  # (the new year may begin between the two)
    offered = [
        f'value="{y}-H1"' in page.body and f'value="{y - 1}"' in page.body for y in {before, after}
    ]
    assert page.status == 200 and any(offered)  # this year's halves and last year's
    path = "/bao-cao/tai?period=2025&jurisdiction=615&number=12%2FBC-UBND&kind=docx"
    with browser.opener.open(urllib.request.Request(base + path), timeout=60) as answer:
        assert "wordprocessingml" in answer.headers["content-type"]
        assert "bao-cao" in answer.headers["content-disposition"]
        document = Document(io.BytesIO(answer.read()))
        cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
        text = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert "Số: 12/BC-UBND" in text and "năm 2025" in text
    xlsx = path.replace("kind=docx", "kind=xlsx")
    with browser.opener.open(urllib.request.Request(base + xlsx), timeout=60) as answer:
        assert "spreadsheetml" in answer.headers["content-type"]
        assert answer.read().startswith(b"PK")
    refused = browser.get("/bao-cao/tai?period=2025-H7")
    assert refused.status == 422 and 'class="alert"' in refused.body


def test_a_products_audit_trail(base: str) -> None:
    page = auditor(base).get(f"/nhat-ky?kind=product&id={uid('A')}")
    assert page.status == 200 and 'id="trail"' in page.body
    assert "QĐ-dA" in page.body  # the recognition, with its decision number
