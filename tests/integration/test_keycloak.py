"""Keycloak's `ocop` realm (deploy/keycloak) issues tokens the services accept: the
demo users sign in with the password grant of the CLI's client, and the same verifier
the services use reads their role and jurisdiction; a forged token is refused."""

from __future__ import annotations

import html
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from runtime.identity.claims import SERVICES, Unauthenticated, audience_of
from runtime.identity.session import Credentials, LoginFailed, password_grant, refresh_grant
from runtime.identity.verifier import TokenVerifier
from tests.e2e.accounts import ensure_keycloak

pytestmark = pytest.mark.keycloak
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def issuer() -> str:
    return os.environ.get("OCOP_OIDC_ISSUER", "http://127.0.0.1:18080/realms/ocop")


@pytest.mark.parametrize(
    ("user", "role", "jurisdiction"),
    [
        ("can-bo-xa", "commune_officer", "23500"),
        ("so-nnmt", "province_officer", "51"),
        ("ct-ubnd-tinh", "authority", "51"),
        ("bo-nnmt", "ministry", "VN"),
        ("van-hanh", "ops", ""),
    ],
)
def test_demo_users_get_tokens_every_service_verifies(
    issuer: str, user: str, role: str, jurisdiction: str
) -> None:
    token = password_grant(issuer, user, f"demo-{user}")
    for service in SERVICES:
        identity = TokenVerifier(issuer, audience_of(service)).verify(token)
        assert (identity.username, identity.roles, identity.jurisdiction) == (
            user,
            (role,),
            jurisdiction,
        )


def test_a_wrong_password_gets_no_token(issuer: str) -> None:
    with pytest.raises(LoginFailed) as failed:
        password_grant(issuer, "ct-ubnd-tinh", "not-the-password")
    assert not failed.value.unreachable


def test_a_token_re_signed_by_another_key_is_refused(issuer: str) -> None:
    token = password_grant(issuer, "tv-hoa", "demo-tv-hoa")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["realm_access"] = {"roles": ["authority"]}
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(
        claims, other, "RS256", headers={"kid": jwt.get_unverified_header(token)["kid"]}
    )
    with pytest.raises(Unauthenticated):
        TokenVerifier(issuer, audience_of("evaluation")).verify(forged)


class _Loopback(http.cookiejar.DefaultCookiePolicy):
    """Keycloak marks its cookies Secure; a browser sends them to a loopback address over
    plain HTTP (a secure context), Python's jar does not unless told."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return True


def approve_in_browser(issuer: str, url: str, user: str, password: str) -> None:
    """What the user does with the URL `ocop login --device` shows: sign in on
    Keycloak's page and grant the CLI access (the realm's own forms, posted as a browser
    would)."""
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(_Loopback()))
    )
    page = browser.open(url, timeout=30).read().decode()
    found = re.search(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', page)
    assert found, page[-500:]
    signed_in = urllib.parse.urlencode({"username": user, "password": password}).encode()
    page = browser.open(html.unescape(found.group(1)), signed_in, timeout=30).read().decode()
    consent = re.search(r'(?s)<form[^>]*action="([^"]*consent[^"]*)"[^>]*>(.*?)</form>', page)
    assert consent, page[-500:]
    hidden = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"',
                             consent.group(2)))  # fmt: skip
    action = urllib.parse.urljoin(issuer, html.unescape(consent.group(1)))
    done = browser.open(action, urllib.parse.urlencode({**hidden, "accept": "Yes"}).encode())
    assert "Device Login Successful" in done.read().decode()


def test_ocop_login_device_flow_and_the_refresh_token(issuer: str, tmp_path: Path) -> None:
    """`ocop login --device` against Keycloak (the realm enables the device grant for the
    CLI's client): it shows where to approve, waits, and keeps the access and refresh
    tokens; `ocop whoami` shows the user, the expiry and until when the sign-in renews;
    the refresh token gets a new access token every service verifies. The account is
    this test's own (tests/e2e/accounts.py), never a demo user."""
    user = "identity-device-test"
    ensure_keycloak(issuer, user, "district_officer", "615")
    env = {**os.environ, "OCOP_CONFIG_DIR": str(tmp_path / "cfg"), "OCOP_OIDC_ISSUER": issuer}
    ocop = [sys.executable, "-m", "cli.main"]
    login = subprocess.Popen(
        [*ocop, "--lang", "en", "--json", "login", "--device"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert login.stderr is not None
        shown = login.stderr.readline().decode()
        url = re.search(r"(https?://\S+)", shown)
        assert url and "confirm the code" in shown, shown
        approve_in_browser(issuer, url.group(1), user, f"demo-{user}")
        out, err = login.communicate(timeout=60)
    finally:
        if login.poll() is None:
            login.kill()
    assert login.returncode == 0, err
    signed_in = json.loads(out)
    assert (signed_in["user"], signed_in["roles"], signed_in["jurisdiction"]) == (
        user, ["district_officer"], "615",
    )  # fmt: skip
    assert signed_in["renewable_until"] >= signed_in["expires"]  # the idle limit
    who = subprocess.run([*ocop, "--json", "whoami"], cwd=REPO, env=env, capture_output=True,
                         check=True, timeout=60)  # fmt: skip
    assert json.loads(who.stdout)["user"] == user
    credentials = Credentials(tmp_path / "cfg")
    entry = json.loads(credentials.path.read_text())[issuer]["tokens"][user]
    renewed = refresh_grant(issuer, entry["refresh_token"])["access_token"]
    assert renewed != entry["access_token"]
    for service in SERVICES:
        assert TokenVerifier(issuer, audience_of(service)).verify(renewed).username == user
