"""The public product page: no sign-in, the certificate's live status from the reporting
service, a QR code of the page's address; an unknown code is a 404 page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import segno
from eventsourcing.persistence import Tracking

from tests.console import Browser
from tests.unit.console.edge_console import console_of
from tests.unit.inputs.servers import running
from tests.unit.reporting.kpi_year import year_of_events
from tests.unit.reporting.test_public_product import CODES, EARLIER, every_code


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running(tmp_path_factory.mktemp("edge")) as edge:
        app = edge.system.reporting.app
        events = [*year_of_events(), *every_code()]
        for n, event in enumerate(events, start=1):
            app.process_event(event, Tracking("test@t#0", n))
        # served over plain HTTP here: the https public URL would make the cookie Secure
        public = {"public_url": "https://ocop.kontum.gov.vn", "secure_cookie": False}
        data_dir = Path(tmp_path_factory.mktemp("console"))
        with console_of(edge, data_dir, signed_in=False, **public) as url:
            yield url


def test_a_revoked_product_says_so_to_anyone(base: str) -> None:
    page = Browser(base).get(f"/san-pham/{CODES['D']}")
    assert page.status == 200
    assert 'class="status revoked"' in page.body and "Đã bị thu hồi" in page.body
    assert "10/06/2025" in page.body and "QĐ-thu-hồi-D" in page.body
    assert "P1" in page.body and "GCN-dD" in page.body


def test_a_valid_product_in_english(base: str) -> None:
    browser = Browser(base)
    browser.get("/ngon-ngu/en")
    page = browser.get(f"/san-pham/{CODES['A']}")
    assert 'class="status valid"' in page.body and ">Valid<" in page.body
    assert "from 10/03/2025 to 09/03/2028" in page.body
    assert "13 — Coffee and cocoa" in page.body


def test_the_look_up_form_and_an_unknown_code(base: str) -> None:
    browser = Browser(base)
    found = browser.get(f"/san-pham?ma=+{CODES['E']}+")
    assert found.url.endswith(f"/san-pham/{CODES['E']}") and "Đã hết hiệu lực" in found.body
    missing = browser.get("/san-pham/51-00000-9-2026")
    assert missing.status == 404
    assert "Không tìm thấy sản phẩm" in missing.body
    assert "Không có sản phẩm OCOP nào mang mã 51-00000-9-2026" in missing.body
    assert 'action="/san-pham"' in missing.body  # the look-up form, to try again


def test_an_earlier_code_redirects_to_the_current_codes_page(base: str) -> None:
    """A label printed before the product was re-coded (or with its legacy code) still
    leads to the product, at its current code's address."""
    browser = Browser(base)
    page = browser.get(f"/san-pham/{EARLIER['A']}")
    assert page.status == 200 and page.url.endswith(f"/san-pham/{CODES['A']}")
    assert 'class="status valid"' in page.body
    assert browser.get(f"/san-pham/{EARLIER['A'].lower()}").url.endswith(f"/san-pham/{CODES['A']}")


def test_an_unknown_code_in_english_and_escaped(base: str) -> None:
    browser = Browser(base)
    browser.get("/ngon-ngu/en")
    for path in ("/san-pham/%3Cb%3Ex%3Cb%3E", "/san-pham/a/%3Cb%3Ex%3C%2Fb%3E"):
        page = browser.get(path)
        assert page.status == 404 and "No OCOP product has the code" in page.body, path
        assert "<b>x" not in page.body and "&lt;b&gt;x" in page.body


def test_the_qr_code_holds_the_public_address(base: str) -> None:
    svg = Browser(base).get(f"/san-pham/{CODES['A']}/qr.svg")
    assert svg.status == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    expected = io.BytesIO()
    segno.make(f"https://ocop.kontum.gov.vn/san-pham/{CODES['A']}", error="m").save(
        expected, kind="svg", scale=4, border=2
    )
    assert svg.body == expected.getvalue().decode()
