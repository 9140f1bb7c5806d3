"""The console's layout, language, sessions, CSRF and sign-in, served for real (uvicorn on
a free port) against the embedded issuer the way `ocop run` serves it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console import i18n
from runtime.identity.issuer import REALM_PATH
from runtime.settings import Settings
from tests.console import Browser, running_console
from tests.identity import TestIssuer, running_issuer


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestIssuer]:
    with running_issuer(tmp_path_factory.mktemp("issuer")) as running:
        running.server.accounts.add("xa-thu", "mat-khau-thu", ("commune_officer",), "23500")
        yield running


@pytest.fixture(scope="module")
def base(issuer: TestIssuer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert issuer.url.endswith(REALM_PATH)
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        identity_port=issuer.server.port,
        grpc_host="127.0.0.1",
    )
    with running_console(settings) as url:
        yield url


def test_pages_are_vietnamese_by_default_and_english_on_request(base: str) -> None:
    browser = Browser(base)
    home = browser.get("/")
    assert home.status == 200
    assert '<html lang="vi">' in home.body
    assert "Tra cứu sản phẩm OCOP" in home.body
    english = browser.get("/ngon-ngu/en?next=/dang-nhap")
    assert english.url.endswith("/dang-nhap")
    assert '<html lang="en">' in english.body
    assert "Username" in english.body
    assert "Tra cứu" not in browser.get("/").body


def test_a_post_without_the_session_csrf_token_is_refused(base: str) -> None:
    browser = Browser(base)
    browser.get("/dang-nhap")
    refused = browser.post("/dang-nhap", {"username": "xa-thu", "password": "mat-khau-thu"})
    assert refused.status == 403
    assert "Biểu mẫu đã hết hạn" in refused.body
    other = Browser(base)  # another session's token does not do either
    other.get("/dang-nhap")
    forged = browser.post(
        "/dang-nhap",
        {"csrf_token": other.get("/dang-nhap").csrf(), "username": "xa-thu", "password": "x"},
    )
    assert forged.status == 403


def test_sign_in_with_a_wrong_password_is_refused_at_the_form(base: str) -> None:
    browser = Browser(base)
    page = browser.get("/dang-nhap")
    wrong = browser.post(
        "/dang-nhap", {"csrf_token": page.csrf(), "username": "xa-thu", "password": "sai-mat-khau"}
    )
    assert wrong.status == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in wrong.body
    assert 'value="xa-thu"' in wrong.body  # the username is kept, the password is not


def test_signing_in_and_out(base: str) -> None:
    browser = Browser(base)
    page = browser.get("/dang-nhap?next=/")
    home = browser.post(
        "/dang-nhap", {"csrf_token": page.csrf(), "username": "xa-thu", "password": "mat-khau-thu"}
    )
    assert home.status == 200
    assert "<strong>xa-thu</strong>" in home.body
    assert "Cán bộ OCOP cấp xã" in home.body and "23500" in home.body
    cookie = next(c for c in browser.jar if c.name == "ocop_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    value = cookie.value or ""
    assert "mat-khau-thu" not in value and "xa-thu" not in value  # encrypted
    out = browser.post("/dang-xuat", {"csrf_token": home.csrf()})
    assert "Đã đăng xuất." in out.body
    assert "<strong>xa-thu</strong>" not in out.body


def test_a_forged_session_cookie_is_an_empty_session(base: str) -> None:
    browser = Browser(base)
    browser.get("/")
    cookie = next(c for c in browser.jar if c.name == "ocop_session")
    cookie.value = (cookie.value or "")[:-4] + "AAAA"
    assert "Đăng nhập" in browser.get("/").body


def test_sign_in_sends_only_to_pages_of_the_site(base: str) -> None:
    browser = Browser(base)
    page = browser.get("/dang-nhap?next=https://evil.example/")
    assert 'name="next" value="/"' in page.body


def test_dates_are_dd_mm_yyyy_and_times_in_vietnam() -> None:
    assert i18n.day("2026-06-28") == "28/06/2026"
    assert i18n.day("") == ""
    assert i18n.moment("2026-06-28T17:30:00+00:00") == "29/06/2026 00:30"


def test_texts_are_defined_once_and_in_nfc(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="defined twice"):
        i18n.add({"sign_in": ("x", "y")})
    decomposed = "Đa\u0306ng"
    i18n.add({"test_nfc_key": (decomposed, "x")})
    assert i18n.text("test_nfc_key", "vi") == "Đăng"
