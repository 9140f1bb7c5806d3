"""The console's session as an attacker would try it: a cookie replayed after sign-out,
a cookie planted before sign-in (fixation), an old session past its lifetime, the
cookie's flags, a pending OIDC state replayed; and password sign-in guessed many times
(throttled, the same answer for a known and an unknown username)."""

from __future__ import annotations

import http.cookiejar
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.requests import Request

from console.security import SignInThrottle
from console.session import COOKIE, EndedSessions, Sessions
from tests.console import Browser
from tests.unit.console.hostile_harness import PASSWORD, Seeded, seeded


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    with seeded(Path(tmp_path_factory.mktemp("session"))) as found:
        yield found


def cookie(browser: Browser) -> http.cookiejar.Cookie:
    return next(c for c in browser.jar if c.name == COOKIE)


def with_cookie(base: str, value: str) -> Browser:
    """A browser (another machine) holding a copy of a session cookie."""
    thief = Browser(base)
    host = base.split("//")[1].split(":", maxsplit=1)[0]
    thief.jar.set_cookie(
        http.cookiejar.Cookie(
            0, COOKIE, value, None, False, host, False, False, "/", True, False, None,
            False, None, None, {},
        )
    )  # fmt: skip
    return thief


def test_signing_out_ends_the_session_for_a_replayed_cookie_too(world: Seeded) -> None:
    officer = world.browser("tc-xa")
    stolen = cookie(officer).value or ""
    assert "tc-xa" in with_cookie(world.base, stolen).get("/ho-so").body  # the copy works...
    home = officer.get("/")
    officer.post("/dang-xuat", {"csrf_token": home.csrf()})
    replayed = with_cookie(world.base, stolen).get("/ho-so")  # ...until its owner signs out
    assert replayed.url.split("?")[0].endswith("/dang-nhap")
    assert "<strong>tc-xa</strong>" not in replayed.body


def test_a_cookie_planted_before_sign_in_is_not_the_signed_in_one(world: Seeded) -> None:
    victim = Browser(world.base)
    page = victim.get("/dang-nhap")
    planted = cookie(victim).value or ""  # what an attacker gave the victim's browser
    victim.post(
        "/dang-nhap", {"csrf_token": page.csrf(), "username": "tc-tinh", "password": PASSWORD}
    )
    assert cookie(victim).value != planted
    attacker = with_cookie(world.base, planted)
    seen = attacker.get("/ho-so")
    assert seen.url.split("?")[0].endswith("/dang-nhap") and "tc-tinh" not in seen.body
    assert attacker.get("/dang-nhap").csrf() != victim.get("/").csrf()


def test_the_session_cookie_is_httponly_and_lax(world: Seeded) -> None:
    jar = cookie(world.browser("tc-xa"))
    assert jar.has_nonstandard_attr("HttpOnly") and not jar.secure  # plain HTTP here
    assert jar.get_nonstandard_attr("SameSite", "").lower() == "lax"


def test_settings_make_the_cookie_secure_when_the_console_is_reached_over_https() -> None:
    from console.settings import ConsoleSettings

    assert ConsoleSettings(public_url="https://ocop.kontum.gov.vn").secure()
    assert not ConsoleSettings(public_url="http://127.0.0.1:50080").secure()
    assert not ConsoleSettings(public_url="https://x.vn", secure_cookie=False).secure()


def _request(value: str) -> Request:
    return Request({"type": "http", "headers": [(b"cookie", f"{COOKIE}={value}".encode())]})


def test_a_session_ends_its_lifetime_after_sign_in_however_much_it_is_used(
    tmp_path: Path,
) -> None:
    from cryptography.fernet import Fernet
    from starlette.responses import Response

    clock = [1_800_000_000.0]
    sessions = Sessions(
        Fernet.generate_key(), 8 * 3600, False, EndedSessions(tmp_path / "e.sqlite3"),
        now=lambda: clock[0],
    )  # fmt: skip
    data = sessions.begin({"token": "t"})
    for _ in range(9):  # used every hour, rewritten each time: still 8 h from sign-in
        response = Response()
        sessions.write(response, data)
        value = response.headers["set-cookie"].split(";")[0].split("=", 1)[1]
        clock[0] += 3600
        data = sessions.read(_request(value))
        if clock[0] - 1_800_000_000.0 <= 8 * 3600:
            assert data.get("token") == "t"
    assert "token" not in data  # the ninth hour: an empty session
    assert "token" not in sessions.read(_request("not-a-cookie"))


def test_the_oidc_state_is_checked_and_single_use(world: Seeded) -> None:
    browser = Browser(world.base)
    forged = browser.get("/dang-nhap/oidc?code=abc&state=forged")
    assert forged.status == 400 and "Đăng nhập không thành công" in forged.body
    sent = browser.get("/dang-nhap/sso?next=//evil.example")  # to the issuer, with a state
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(sent.url).query))
    assert query["state"] and query["code_challenge_method"] == "S256"
    back = f"/dang-nhap/oidc?code=abc&state={query['state']}"
    first = browser.get(back)  # the state matches; the issuer refuses the code
    assert first.status == 401
    again = browser.get(back)  # the same state a second time: no longer pending
    assert again.status == 400


def test_password_guessing_is_throttled_alike_for_known_and_unknown_names(
    world: Seeded,
) -> None:
    answers = {}
    for username in ("tc-huyen", "khong-ton-tai"):
        browser = Browser(world.base)
        page = browser.get("/dang-nhap")
        first = browser.post(
            "/dang-nhap", {"csrf_token": page.csrf(), "username": username, "password": "sai"}
        )
        for _ in range(4):
            browser.post(
                "/dang-nhap", {"csrf_token": page.csrf(), "username": username, "password": "x"}
            )
        right = browser.post(
            "/dang-nhap",
            {"csrf_token": page.csrf(), "username": username, "password": PASSWORD},
        )
        answers[username] = (first.status, _alert(first.body), right.status, _alert(right.body))
    known, unknown = answers["tc-huyen"], answers["khong-ton-tai"]
    assert known == unknown  # nothing tells which username exists
    assert known[0] == 401 and known[2] == 429  # even the right password waits now
    assert "Đăng nhập sai quá nhiều lần" in known[3]
    world.browser("tc-xa")  # other accounts still sign in (it asserts so)


def _alert(body: str) -> str:
    start = body.find('role="alert">')
    return body[start : body.find("<", start + 13)] if start >= 0 else ""


def test_the_throttle_lets_guesses_again_once_the_window_has_passed() -> None:
    clock = [0.0]
    throttle = SignInThrottle(per_name=3, per_address=5, window_seconds=60, now=lambda: clock[0])
    for _ in range(3):
        assert throttle.wait_seconds("tc-xa", "10.0.0.1") == 0
        throttle.failed("tc-xa", "10.0.0.1")
    assert throttle.wait_seconds("TC-XA", "10.0.0.2") == 60  # the name, any address
    assert throttle.wait_seconds("tc-tinh", "10.0.0.2") == 0
    for name in ("a", "b"):
        throttle.failed(name, "10.0.0.1")
    assert throttle.wait_seconds("tc-tinh", "10.0.0.1") == 60  # the address, any name
    clock[0] = 60.5
    assert throttle.wait_seconds("tc-xa", "10.0.0.1") == 0
