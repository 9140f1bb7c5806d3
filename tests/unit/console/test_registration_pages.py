"""The registration pages over the services' gRPC APIs (the embedded system on memory
stores): a commune officer carries a product from its producer to a forwarded dossier;
refusals are shown next to their fields; a producer sees its own records only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.console import Answer, Browser
from tests.unit.console.edge_console import console_of
from tests.unit.inputs.servers import Running, running

EXAMPLES = Path(__file__).resolve().parents[3] / "services" / "registration" / "examples"
ID = re.compile(r"/(?:nha-san-xuat|y-tuong|dang-ky/san-pham|ho-so)/([0-9a-f-]{36})$")


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Running, str]]:
    with running(tmp_path_factory.mktemp("edge")) as found:
        issuer = found.system.issuer
        assert issuer is not None
        issuer.accounts.add("xa-thu", "mat-khau-thu", ("commune_officer",), "23500")
        issuer.accounts.add("htx-thu", "mat-khau-htx", ("producer",), "23500")
        with console_of(found, tmp_path_factory.mktemp("console")) as url:
            yield found, url


def signed_in(base: str, user: str, password: str) -> Browser:
    browser = Browser(base)
    page = browser.get("/dang-nhap")
    home = browser.post(
        "/dang-nhap", {"csrf_token": page.csrf(), "username": user, "password": password}
    )
    assert f"<strong>{user}</strong>" in home.body
    return browser


def post(browser: Browser, path: str, fields: dict[str, str], form_on: str = "") -> Answer:
    """POST `fields` to `path` with the CSRF token of the page the form is on."""
    return browser.post(path, {"csrf_token": browser.get(form_on or path).csrf(), **fields})


def made_id(answer: Answer) -> str:
    found = ID.search(answer.url)
    shown = re.findall(r'role="alert">([^<]+)<', answer.body)
    assert found, f"no id in {answer.url}: {shown or answer.body[-1500:]}"
    return found[1]


def test_a_refusal_is_shown_next_to_its_field(edge: tuple[Running, str]) -> None:
    browser = signed_in(edge[1], "xa-thu", "mat-khau-thu")
    refused = post(
        browser,
        "/nha-san-xuat/moi",
        {"name": "Hộ Nguyễn Văn A", "kind": "household_business", "commune_code": "23500"},
    )
    assert refused.status == 422
    error = re.search(r'<p class="error" id="e-([a-z_]+)" role="alert">([^<]+)</p>', refused.body)
    assert error, refused.body
    assert error[1] == "business_registration_no"
    assert 'value="Hộ Nguyễn Văn A"' in refused.body  # what was typed is kept


def test_from_producer_to_a_forwarded_dossier(edge: tuple[Running, str]) -> None:
    browser = signed_in(edge[1], "xa-thu", "mat-khau-thu")
    producer = made_id(
        post(browser, "/nha-san-xuat/moi", {
            "name": "HTX Cà phê Đăk Hà", "kind": "cooperative", "commune_code": "23500",
            "legal_representative": "Y Blơi", "business_registration_no": "6101234567",
            "account": "htx-thu",
        })
    )  # fmt: skip
    idea = made_id(
        post(browser, f"/y-tuong/moi?producer={producer}", {
            "producer_id": producer, "name": "Cà phê rang xay Đăk Hà", "product_set": "13",
            "submitted_on": "02/03/2026",
        })
    )  # fmt: skip
    for action, on, text in (
        ("accept", "16/03/2026", ""),
        ("submit_plan", "01/04/2026", "Phương án SXKD 2026"),
        ("approve_plan", "15/04/2026", ""),
    ):
        done = post(browser, f"/y-tuong/{idea}", {"action": action, "on": on, "text": text})
        assert done.status == 200 and "Đã lưu." in done.body, done.body[-1500:]
    product = made_id(post(browser, f"/y-tuong/{idea}/san-pham", {}, f"/y-tuong/{idea}"))
    dossier = made_id(
        post(
            browser, f"/dang-ky/san-pham/{product}", {"kind": "first", "received_on": "01/06/2026"}
        )
    )
    here = f"/ho-so/{dossier}"
    page = browser.get(here)
    assert "51-23500-1-2026" in page.body and "22/06/2026" in page.body
    choices = json.loads((EXAMPLES / "self-assessment-set13.json").read_text(encoding="utf-8"))
    sheet = browser.get(f"/ho-so/{dossier}/tu-danh-gia")
    assert 'name="c:6.1.1"' in sheet.body and "★" in sheet.body
    assessed = browser.post(
        f"/ho-so/{dossier}/tu-danh-gia",
        {"csrf_token": sheet.csrf(), **{f"c:{k}": v for k, v in choices.items()}},
    )
    assert "34/34" in assessed.body
    refused = post(
        browser,
        f"/ho-so/{dossier}/danh-gia",
        {"report_no": "", "assessed_on": "x"},
        f"/ho-so/{dossier}",
    )
    assert refused.status == 422 and 'id="e-' in refused.body

    # The commune returns the dossier; the producer, signed in, reads why and answers.
    returned = post(
        browser,
        f"{here}/tra-lai",
        {"reason": "Thiếu phiếu kiểm nghiệm", "returned_on": "05/06/2026"},
        here,
    )
    assert "Đã trả cho chủ thể bổ sung" in returned.body
    owner = signed_in(edge[1], "htx-thu", "mat-khau-htx")
    seen = owner.get(here)
    assert "Thiếu phiếu kiểm nghiệm" in seen.body
    answered = post(owner, f"{here}/nop-lai", {"received_on": "10/06/2026"}, here)
    assert answered.status == 200 and "Đã tiếp nhận, chờ xã kiểm tra" in answered.body


def test_a_producer_sees_its_own_ideas_only(edge: tuple[Running, str]) -> None:
    officer = signed_in(edge[1], "xa-thu", "mat-khau-thu")
    other = made_id(
        post(officer, "/nha-san-xuat/moi", {
            "name": "HTX Mật ong Ngọc Hồi", "kind": "cooperative", "commune_code": "23500",
            "business_registration_no": "6109999999", "legal_representative": "A Thắng",
        })
    )  # fmt: skip
    post(officer, "/y-tuong/moi", {"producer_id": other, "name": "Mật ong rừng",
                                   "product_set": "13", "submitted_on": "02/03/2026"})  # fmt: skip
    assert "Mật ong rừng" in officer.get("/y-tuong?q=mat+ong").body  # without diacritics
    producer = signed_in(edge[1], "htx-thu", "mat-khau-htx")
    listed = producer.get("/y-tuong")
    assert "Mật ong rừng" not in listed.body
    assert producer.get(f"/nha-san-xuat/{other}").status == 403


def test_the_dashboard_of_the_officer_and_of_a_producer(edge: tuple[Running, str]) -> None:
    officer = signed_in(edge[1], "xa-thu", "mat-khau-thu")
    page = officer.get("/bang-dieu-khien")
    assert page.status == 200
    assert "Chỉ tiêu kế hoạch năm" in page.body and "Hồ sơ theo giai đoạn" in page.body
    assert "Giấy chứng nhận hết hạn trong 90 ngày tới" in page.body
    producer = signed_in(edge[1], "htx-thu", "mat-khau-htx")
    assert "Phần này không thuộc quyền xem của bạn." in producer.get("/bang-dieu-khien").body
