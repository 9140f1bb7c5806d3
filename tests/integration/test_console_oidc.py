"""The console's sign-in through Keycloak (authorization code + PKCE, client
`ocop-console`) with the ID token checked: Keycloak's own ID token passes (signature
against the realm's JWKS, issuer, audience, expiry, the nonce this sign-in sent), and a
callback replayed in another browser (its state and nonce are not that session's) signs
no one in. The account is this test's own (tests/e2e/accounts.py)."""

from __future__ import annotations

import asyncio
import html
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.server import ConsoleServer
from console.settings import ConsoleSettings
from runtime.settings import Settings
from tests.console import Browser
from tests.e2e.accounts import ensure_keycloak
from tests.integration.test_keycloak import _Loopback

pytestmark = pytest.mark.keycloak
USER = "console-oidc-test"


@pytest.fixture(scope="module")
def issuer() -> str:
    return os.environ.get("OCOP_OIDC_ISSUER", "http://127.0.0.1:18080/realms/ocop")


@pytest.fixture(scope="module")
def console(issuer: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console as `python -m console` runs it in the distributed mode (no services
    needed to sign in)."""
    ensure_keycloak(issuer, USER, "commune_officer", "23500")
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("console")), oidc_issuer=issuer)
    server = ConsoleServer(ConsoleSettings(port=0, sign_in="oidc"), settings)
    loop, stop = asyncio.new_event_loop(), asyncio.Event()
    thread = threading.Thread(target=loop.run_until_complete, args=(server.serve(stop),))
    thread.start()
    try:
        yield server.url
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=10)


def browser(base: str) -> Browser:
    """A cookie-keeping client that, like a browser, sends Keycloak's Secure cookies over
    plain HTTP to the loopback address."""
    made = Browser(base)
    made.jar.set_policy(_Loopback())
    return made


def keycloak_sign_in(browser: Browser, base: str) -> str:
    """Starts the console's SSO and answers Keycloak's form; returns the callback address
    Keycloak sent the browser back to (followed: the answer is the console's page)."""
    login = browser.get("/dang-nhap/sso")
    assert "/realms/ocop/" in login.url, login.url
    form = re.search(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', login.body)
    assert form, login.body[:2000]
    action = html.unescape(form.group(1))
    browser.base = ""
    try:
        answer = browser.post(action, {"username": USER, "password": f"demo-{USER}"})
    finally:
        browser.base = base
    assert "/realms/" not in answer.url, (
        re.findall(r"(?s)<(?:span|div)[^>]*(?:error|alert|kc-feedback)[^>]*>(.*?)</", answer.body)[
            :3
        ]
        or answer.body[-3000:]
    )
    return answer.url


def test_keycloaks_id_token_passes_and_the_officer_is_signed_in(console: str) -> None:
    officer = browser(console)
    landed = keycloak_sign_in(officer, console)
    assert urllib.parse.urlparse(landed).path == "/", landed
    assert f"Xin chào, {USER}" in officer.get("/").body


def test_a_callback_replayed_in_another_browser_signs_no_one_in(console: str) -> None:
    """The code and state of one browser's sign-in, delivered to another browser's
    session (login CSRF, a stolen callback): refused, and the other stays signed out."""
    victim = browser(console)
    victim.get("/dang-nhap/sso")  # the victim's own pending sign-in (its state, nonce)
    attacker = browser(console)
    login = attacker.get("/dang-nhap/sso")
    form = re.search(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', login.body)
    assert form

    # stop before following Keycloak's redirect: take the callback address
    class Stop(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(attacker.jar), Stop())
    data = urllib.parse.urlencode({"username": USER, "password": f"demo-{USER}"}).encode()
    try:
        opener.open(urllib.request.Request(html.unescape(form.group(1)), data=data), timeout=30)
        raise AssertionError("Keycloak did not redirect")
    except urllib.error.HTTPError as redirect:
        callback = redirect.headers["Location"]
    assert "/dang-nhap/oidc?" in callback
    refused = victim.get(callback.split(console, 1)[1])
    assert refused.status == 400 and "Xin chào" not in refused.body
    assert f"Xin chào, {USER}" not in victim.get("/").body
