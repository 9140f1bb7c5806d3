"""Decisions and certificates in the console: a decision for several dossiers (a refusal
at its field first), the decision and certificate PDFs downloaded, the certificate's
dates, a revocation opened and decided through the forms, after which the certificate
is no longer printed and the decision says so."""

from __future__ import annotations

import io
import urllib.request
from datetime import date
from uuid import UUID

from pypdf import PdfReader

from tests.console import Browser
from tests.unit.console.council_harness import Served, arrived, served, signed_in
from tests.unit.evaluation.helpers import MEMBERS, member, secretary
from tests.unit.evaluation.sheets import choices_for

__all__ = ["served"]


def adopted(served: Served, name: str, total: int, star: int) -> str:
    app = served.edge.system.evaluation.app
    dossier = arrived(served, name)
    for who in MEMBERS:
        app.councils.submit_sheet(
            member(who), dossier_id=UUID(dossier), choices=choices_for(total, keep_star=star)
        )
    app.councils.adopt_result(secretary(), dossier_id=UUID(dossier), adopted_on=date(2026, 6, 17))
    return dossier


def download(browser: Browser, path: str) -> tuple[str, bytes]:
    """The response's content type and raw bytes (the test browser reads text only)."""
    with browser.opener.open(urllib.request.Request(browser.base + path), timeout=30) as answer:
        return answer.headers["content-type"], answer.read()


def pdf_text(body: bytes) -> str:
    reader = PdfReader(io.BytesIO(body))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_a_decision_for_two_products_their_pdfs_and_a_revocation(served: Served) -> None:
    first = adopted(served, "Trà dây Đăk Tô", 66, 3)
    second = adopted(served, "Mật ong rừng Kon Plông", 75, 4)
    authority = signed_in(served.base, "ct-ubnd")
    page = authority.get(f"/quyet-dinh?ho_so={first}")
    # reporting has not heard of it here (no relay runs): the id waits in the free list
    assert page.status == 200 and f">{first}\n</textarea>" in page.body
    fields = {"csrf_token": page.csrf(), "decision_no": "125/QĐ-UBND", "decided_on": "28/06/2026"}
    refused = authority.post("/quyet-dinh", {**fields, "more": f"{first}\n{second}"})
    assert refused.status == 422 and 'id="e-signer"' in refused.body  # at its field
    issued = authority.post(
        "/quyet-dinh", {**fields, "signer": "Nguyễn Văn A", "more": f"{first}\n{second}"}
    )
    assert issued.status == 200 and "125/2026/QĐ-UBND/02" in issued.body
    kind, body = download(authority, f"/quyet-dinh/ho-so/{first}.pdf")
    assert kind == "application/pdf"
    text = pdf_text(body)
    assert "Trà dây Đăk Tô" in text and "Mật ong rừng Kon Plông" in text
    assert "Quảng Ngãi, ngày 28 tháng 6 năm 2026" in text
    product = str(served.edge.system.evaluation.app.get_evaluation(UUID(second)).product_id)
    certificates = authority.get(f"/giay-chung-nhan/{product}")
    assert "28/06/2029" in certificates.body and "30/12/2028 – 28/02/2029" in certificates.body
    kind, body = download(authority, f"/giay-chung-nhan/{product}/pdf")
    assert kind == "application/pdf" and "Đạt hạng: 4 sao" in pdf_text(body)

    officer = signed_in(served.base, "so-nn")
    form = officer.get(f"/giay-chung-nhan/{product}")
    late = {"csrf_token": form.csrf(), "ground": "b", "reference": "KL-07/2026"}
    wrong = officer.post(f"/giay-chung-nhan/{product}/mo-thu-hoi", {**late, "concluded_on": "x"})
    assert wrong.status == 422 and 'id="e-concluded_on"' in wrong.body
    opened = officer.post(
        f"/giay-chung-nhan/{product}/mo-thu-hoi", {**late, "concluded_on": "01/10/2026"}
    )
    assert "Đã mở hồ sơ thu hồi." in opened.body
    revoke = authority.get(f"/giay-chung-nhan/{product}")
    done = authority.post(
        f"/giay-chung-nhan/{product}/thu-hoi",
        {"csrf_token": revoke.csrf(), "decision_no": "9/QĐ-UBND", "decided_on": "05/10/2026",
         "signer": "Nguyễn Văn A"},
    )  # fmt: skip
    assert "Đã thu hồi giấy chứng nhận." in done.body and "Đã thu hồi</span>" in done.body
    no_pdf = authority.get(f"/giay-chung-nhan/{product}/pdf")
    assert no_pdf.status == 422 and "đã bị thu hồi theo Quyết định số 9/QĐ-UBND" in no_pdf.body
    _, body = download(authority, f"/quyet-dinh/ho-so/{first}.pdf")
    assert "đã bị thu hồi theo Quyết định số 9/QĐ-UBND ngày 05/10/2026" in pdf_text(body)
