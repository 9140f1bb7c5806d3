"""A dossier's documents previewed and downloaded through the console: registration's
`GetDocument` serves the bytes, authorised as the dossier's read (the producer's own, the
commune's officer; another commune's officer and another producer are refused), and the
console serves them with headers that keep a document from acting as a console page."""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from contracts.envelope import Actor
from runtime.commands import CommandContext
from tests.console import Browser
from tests.documents import pdf, png
from tests.unit.console.edge_console import console_of
from tests.unit.console.test_registration_pages import signed_in
from tests.unit.inputs.servers import running
from tests.unit.registration import helpers as reg

OFFICER = CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"))
PDF, PNG = pdf(), png(40, 30)


@dataclass(frozen=True)
class Filed:
    base: str
    dossier: str
    pdf: str
    png: str


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filed]:
    with running(tmp_path_factory.mktemp("edge")) as found:
        issuer = found.system.issuer
        assert issuer is not None
        for user, role, unit in (
            ("xa-tl", "commune_officer", "23500"),
            ("xa-khac-tl", "commune_officer", "23425"),
            ("htx-tl", "producer", "23500"),
            ("htx-khac-tl", "producer", "23500"),
        ):
            issuer.accounts.add(user, "mat-khau-tl", (role,), unit)
        app = found.system.registration.app
        producer = reg.producer(
            app, OFFICER, account="htx-tl", business_registration_no="6101234567"
        )
        product = app.products.register_product(
            OFFICER, producer_id=producer, name="Cà phê rang xay", product_set=13
        )
        dossier = app.dossiers.submit_dossier(
            OFFICER, product_id=product, kind="first", received_on=date(2026, 6, 1)
        )
        shas = [
            app.dossiers.attach_document(
                OFFICER, dossier_id=dossier, name=name, category="form_02", content=content
            )
            for name, content in (("Mẫu 02 tự đánh giá.pdf", PDF), ('ảnh "bao bì".png', PNG))
        ]
        with console_of(found, tmp_path_factory.mktemp("console")) as url:
            yield Filed(url, str(dossier), *shas)


def fetch(browser: Browser, path: str) -> tuple[int, bytes, dict[str, str]]:
    """Bytes (the Browser's answers are text)."""
    try:
        with browser.opener.open(urllib.request.Request(browser.base + path), timeout=30) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_the_commune_officer_previews_a_pdf_and_an_image(filed: Filed) -> None:
    officer = signed_in(filed.base, "xa-tl", "mat-khau-tl")
    page = officer.get(f"/ho-so/{filed.dossier}")
    href = f"/ho-so/{filed.dossier}/tai-lieu"
    assert f'<img src="{href}/{filed.png}"' in page.body  # the image inline
    assert (
        f'href="{href}/{filed.pdf}"' in page.body
        and f'href="{href}/{filed.pdf}?tai=1"' in page.body
    )
    status, body, headers = fetch(officer, f"{href}/{filed.pdf}")
    assert (status, body) == (200, PDF)
    assert headers["content-type"] == "application/pdf"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"].startswith("sandbox")
    assert headers["cache-control"] == "private, no-store"
    assert headers["content-disposition"] == (
        'inline; filename="M_u 02 t_ __nh gi_.pdf"; '
        "filename*=UTF-8''M%E1%BA%ABu%2002%20t%E1%BB%B1%20%C4%91%C3%A1nh%20gi%C3%A1.pdf"
    )
    status, body, headers = fetch(officer, f"{href}/{filed.png}?tai=1")
    assert (status, hashlib.sha256(body).hexdigest()) == (200, filed.png)
    assert headers["content-type"] == "image/png"
    assert headers["content-disposition"].startswith('attachment; filename="_nh _bao b__.png";')


def test_the_producer_reads_its_own_document(filed: Filed) -> None:
    owner = signed_in(filed.base, "htx-tl", "mat-khau-tl")
    status, body, _ = fetch(owner, f"/ho-so/{filed.dossier}/tai-lieu/{filed.png}")
    assert (status, body) == (200, PNG)


@pytest.mark.parametrize("user", ["xa-khac-tl", "htx-khac-tl"])
def test_another_communes_officer_and_another_producer_are_refused(filed: Filed, user: str) -> None:
    other = signed_in(filed.base, user, "mat-khau-tl")
    for sha in (filed.pdf, filed.png):
        status, body, headers = fetch(other, f"/ho-so/{filed.dossier}/tai-lieu/{sha}")
        assert status == 403, (user, status)
        assert body not in (PDF, PNG) and headers["content-type"].startswith("text/html")
    assert other.get(f"/ho-so/{filed.dossier}").status == 403  # exactly as the dossier


def test_a_document_the_dossier_does_not_hold_and_no_sign_in(filed: Filed) -> None:
    officer = signed_in(filed.base, "xa-tl", "mat-khau-tl")
    missing = officer.get(f"/ho-so/{filed.dossier}/tai-lieu/{'0' * 64}")
    assert missing.status == 404 and "không có tài liệu" in missing.body
    anonymous = Browser(filed.base).get(f"/ho-so/{filed.dossier}/tai-lieu/{filed.pdf}")
    assert "/dang-nhap" in anonymous.url
