"""Every route of the console tried as an attacker would (issue 21's security review):
anonymous, as every demo role and as an officer of another commune, without or with a
foreign CSRF token. The routes are enumerated from the app, so the pages added later are
tried too: an anonymous visitor reaches the public pages only, every POST needs the
session's CSRF token, every response carries the security headers, no page fails with
a 500 or shows personal data the service did not return to that caller."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from console import security
from console.pages import PAGES
from tests.console import Answer, Browser
from tests.unit.console.hostile_harness import (
    ACCOUNTS,
    ETHNICITY,
    REPRESENTATIVE,
    Seeded,
    seeded,
)

ROUTES = sorted(
    (method, route.path)  # type: ignore[attr-defined]
    for page in PAGES
    for route in page.routes
    for method in route.methods  # type: ignore[attr-defined]
)
PUBLIC_GET = {p for m, p in ROUTES if m == "GET" and security.public(p)}
PARAM = re.compile(r"\{([a-z_]+)\}")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    with seeded(Path(tmp_path_factory.mktemp("hostile"))) as found:
        yield found


def filled(world: Seeded, path: str) -> str:
    """`path` with the seeded records' ids (`{dossier_id}` → the dossier, ...), and a
    real value for the other parameters."""
    others = {"code": "51-23500-1-2026", "chosen": "en", "action": "tra-lai", "round_id": "x"}

    def value(found: re.Match[str]) -> str:
        name = found[1]
        return world.ids.get(name.removesuffix("_id"), others.get(name, "x"))

    return PARAM.sub(value, path)


def test_the_public_routes_are_the_product_page_sign_in_and_language_only() -> None:
    assert {
        "/",
        "/dang-nhap",
        "/dang-nhap/sso",
        "/dang-nhap/oidc",
        "/ngon-ngu/{chosen}",
        "/san-pham",
        "/san-pham/{code}",
        "/san-pham/{code}/qr.svg",
        "/san-pham/{code}/qr.png",
        "/san-pham/{code:path}",
    } == PUBLIC_GET, "a new public route: add it here only if it shows nothing a service scopes"
    assert {p for m, p in ROUTES if m == "POST" and security.public(p)} == {"/dang-nhap"}


@pytest.mark.parametrize(("method", "path"), [r for r in ROUTES if not security.public(r[1])])
def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_other_route(
    world: Seeded, method: str, path: str
) -> None:
    browser = world.browser()
    target = filled(world, path)
    answer = browser.get(target) if method == "GET" else browser.post(target, {"x": "1"})
    assert answer.url.split("?")[0].endswith("/dang-nhap"), (method, path, answer.status)
    assert answer.status == 200 and 'name="password"' in answer.body
    assert REPRESENTATIVE not in answer.body


@pytest.fixture(scope="module")
def officer_and_stranger(world: Seeded) -> tuple[Browser, str]:
    """The commune officer's browser, and the CSRF token of another signed-in session."""
    return world.browser("tc-xa"), world.browser("tc-tinh").get("/").csrf()


@pytest.mark.parametrize("path", sorted(p for m, p in ROUTES if m == "POST"))
def test_every_post_needs_the_sessions_csrf_token(
    world: Seeded, officer_and_stranger: tuple[Browser, str], path: str
) -> None:
    officer, foreign_token = officer_and_stranger
    target = filled(world, path)
    missing = officer.post(target, {"username": "tc-xa", "password": "x", "name": "X"})
    assert missing.status == 403 and "Biểu mẫu đã hết hạn" in missing.body, (path, missing.status)
    foreign = officer.post(target, {"csrf_token": foreign_token, "name": "X"})
    assert foreign.status == 403, (path, foreign.status)
    assert "<strong>tc-xa</strong>" in officer.get("/").body  # still signed in: nothing done


@pytest.mark.parametrize("username", ["", *ACCOUNTS])
def test_every_page_as_every_role_is_a_page_never_a_crash_nor_a_leak(
    world: Seeded, username: str
) -> None:
    browser = world.browser(username)
    allowed_personal = {"tc-xa", "tc-nsx", "tc-tinh", "tc-kiemtoan"}
    for method, path in ROUTES:
        if method != "GET" or path in ("/dang-nhap/sso",):  # sso: no OIDC issuer here
            continue
        target = filled(world, path)
        answer = browser.get(target)
        assert answer.status < 500, (username, target, answer.status, answer.body[-600:])
        assert_secured(answer, target)
        if answer.status >= 400:  # refused or not found: nothing of the record shows
            assert REPRESENTATIVE not in answer.body and ETHNICITY not in answer.body
        elif username not in allowed_personal:
            assert REPRESENTATIVE not in answer.body, (username, target)


def test_another_communes_officer_sees_and_changes_nothing_of_this_commune(
    world: Seeded,
) -> None:
    other = world.browser("tc-xa-khac")
    dossier, producer = world.ids["dossier"], world.ids["producer"]
    for path in (f"/ho-so/{dossier}", f"/nha-san-xuat/{producer}", f"/y-tuong/{world.ids['idea']}"):
        seen = other.get(path)
        assert seen.status in (403, 404), (path, seen.status)
        assert "Tấn Công" not in seen.body and REPRESENTATIVE not in seen.body
    assert "Tấn Công" not in other.get("/ho-so").body
    assert "Tấn Công" not in other.get("/y-tuong").body
    form = other.get("/").csrf()
    returned = other.post(
        f"/ho-so/{dossier}/tra-lai",
        {"csrf_token": form, "reason": "Tấn công", "returned_on": "05/06/2026"},
    )
    assert returned.status in (403, 404, 422), returned.status
    assert "Đã lưu." not in returned.body
    assert "Tấn công" not in world.browser("tc-xa").get(f"/ho-so/{dossier}").body


def assert_secured(answer: Answer, path: str) -> None:
    headers = {k.lower(): v for k, v in answer.headers.items()}
    policy = headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
    assert "unsafe-inline" not in policy.replace("style-src-attr 'unsafe-inline'", ""), path
    assert headers.get("x-content-type-options") == "nosniff", path
    assert headers.get("x-frame-options") == "DENY", path
    assert headers.get("referrer-policy") == "same-origin", path
    assert "server" not in headers, (path, headers.get("server"))
    if "/qr." not in path:
        assert headers.get("cache-control") == "no-store", path


def test_static_files_carry_the_headers_and_may_be_cached(world: Seeded) -> None:
    answer = Browser(world.base).get("/static/console.css")
    assert answer.status == 200
    headers = {k.lower(): v for k, v in answer.headers.items()}
    assert headers["x-content-type-options"] == "nosniff" and "server" not in headers
    assert "no-store" not in headers.get("cache-control", "")
