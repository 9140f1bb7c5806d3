"""Hostile input to the console (issue 21's security review): markup in names, query
and path parameters, refusal messages and document file names (always escaped), an SVG
with a script uploaded (refused by the service), return addresses to another site,
malformed, non-UTF-8, oversized and traversing requests, hostile product codes on the
public page and its QR codes. Each answer is the console's page, never its input as
markup, a traceback or a bare server error."""

from __future__ import annotations

import http.client
import re
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.pages import PAGES
from tests.console import Answer, Browser
from tests.documents import pdf
from tests.unit.console.hostile_harness import Seeded, post, seeded
from tests.unit.console.test_hostile_routes import assert_secured

XSS = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>"
TEMPLATES = Path(__file__).resolve().parents[3] / "console" / "templates"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    with seeded(Path(tmp_path_factory.mktemp("input"))) as found:
        yield found


@pytest.fixture(scope="module")
def officer(world: Seeded) -> Browser:
    return world.browser("tc-xa")


def assert_inert(answer: Answer, where: str) -> None:
    """The payload is nowhere as markup (it may be there escaped)."""
    assert "<script>alert" not in answer.body, where
    assert "<img src=x" not in answer.body, where
    assert "Traceback" not in answer.body and "uvicorn" not in answer.body, where


def test_names_with_markup_are_shown_as_text(world: Seeded, officer: Browser) -> None:
    made = post(officer, "/nha-san-xuat/moi", {
        "name": f"HTX {XSS}", "kind": "cooperative", "commune_code": "23500",
        "business_registration_no": "6101230001", "legal_representative": XSS,
    })  # fmt: skip
    assert made.status == 200 and "/nha-san-xuat/" in made.url, made.body[-800:]
    assert_inert(made, "producer page")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in made.body
    producer = made.url.rsplit("/", 1)[1]
    idea = post(officer, "/y-tuong/moi", {
        "producer_id": producer, "name": f"Ý tưởng {XSS}", "product_set": "13",
        "submitted_on": "02/03/2026",
    })  # fmt: skip
    assert idea.status == 200, idea.body[-800:]
    for page in ("/y-tuong", f"/y-tuong?q={urllib.parse.quote('Ý tưởng')}", "/ho-so"):
        assert_inert(officer.get(page), page)


def test_a_refusal_echoing_the_input_is_shown_as_text(officer: Browser) -> None:
    refused = post(officer, "/nha-san-xuat/moi", {
        "name": XSS, "kind": XSS, "commune_code": XSS, "business_registration_no": XSS,
    })  # fmt: skip
    assert refused.status == 422 and 'role="alert"' in refused.body
    assert_inert(refused, "refused producer")


def query_names(route: object) -> list[str]:
    dependant = route.dependant  # type: ignore[attr-defined]
    return [p.alias for p in dependant.query_params]


GETS = sorted(
    (route.path, tuple(query_names(route)))  # type: ignore[attr-defined]
    for page in PAGES
    for route in page.routes
    if "GET" in route.methods  # type: ignore[attr-defined]
)


@pytest.mark.parametrize(("path", "names"), GETS, ids=[p for p, _ in GETS])
def test_markup_in_every_path_and_query_parameter_is_inert(
    world: Seeded, officer: Browser, path: str, names: tuple[str, ...]
) -> None:
    target = re.sub(r"\{[a-z_]+(:path)?\}", urllib.parse.quote(XSS, safe=""), path)
    query = urllib.parse.urlencode(dict.fromkeys((*names, "next", "q"), XSS))
    for browser in (officer, Browser(world.base)):
        answer = browser.get(f"{target}?{query}")
        assert answer.status < 500, (path, answer.status, answer.body[-600:])
        assert_inert(answer, path)
        if path == "/dang-nhap/sso":  # sent on to the issuer's sign-in page, by design
            continue
        assert_secured(answer, path)
        assert urllib.parse.urlsplit(answer.url).netloc == urllib.parse.urlsplit(world.base).netloc


def multipart(
    browser: Browser, path: str, fields: dict[str, str], file: tuple[str, bytes, str]
) -> Answer:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    name, data, media = file
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: {media}\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        browser.base + path, data=body, method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    return browser._open(request)


def test_a_document_name_with_markup_is_text_and_an_svg_with_a_script_is_refused(
    world: Seeded, officer: Browser
) -> None:
    here = f"/ho-so/{world.ids['dossier']}"
    csrf = officer.get(here).csrf()
    fields = {"csrf_token": csrf, "category": "lab_test"}
    named = "<img src=x onerror=alert(3)>.pdf"
    attached = multipart(officer, f"{here}/tai-lieu", fields, (named, pdf(), "application/pdf"))
    assert attached.status == 200 and "Đã lưu." in attached.body, attached.body[-800:]
    assert "&lt;img src=x onerror=alert(3)&gt;.pdf" in attached.body
    assert "<img src=x" not in attached.body
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(4)</script></svg>'
    refused = multipart(officer, f"{here}/tai-lieu", fields, ("nhan.png", svg, "image/png"))
    assert refused.status == 422 and 'id="e-file"' in refused.body, refused.body[-800:]
    assert "alert(4)" not in officer.get(here).body


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "https://evil.example/",
        "https:evil.example",
        "javascript:alert(1)",
        "/%0d%0aSet-Cookie:x=1",
        "http:/\\evil.example",
    ],
)
def test_return_addresses_stay_on_the_console(world: Seeded, target: str) -> None:
    browser = Browser(world.base)
    host = urllib.parse.urlsplit(world.base).netloc
    switched = browser.get("/ngon-ngu/en?next=" + urllib.parse.quote(target, safe=""))
    assert urllib.parse.urlsplit(switched.url).netloc == host
    assert "x=1" not in str(switched.headers)
    page = browser.get("/dang-nhap?next=" + urllib.parse.quote(target, safe=""))
    signed = browser.post(
        "/dang-nhap",
        {"csrf_token": page.csrf(), "username": "tc-tinh", "password": "mat-khau-tan-cong",
         "next": target},
    )  # fmt: skip
    assert urllib.parse.urlsplit(signed.url).netloc == host and signed.status < 500
    assert "<strong>tc-tinh</strong>" in browser.get("/").body


def raw(
    world: Seeded, body: bytes, headers: dict[str, str], send_body: bool = True
) -> tuple[int, dict[str, str], str]:
    host, port = urllib.parse.urlsplit(world.base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("POST", "/dang-nhap")
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.endheaders(body if send_body else None)
    answer = connection.getresponse()
    text = answer.read().decode(errors="replace")
    connection.close()
    return answer.status, {k.lower(): v for k, v in answer.getheaders()}, text


def test_malformed_bodies_get_the_consoles_page_without_echo(world: Seeded) -> None:
    form, multi = "application/x-www-form-urlencoded", "multipart/form-data"
    for body, kind in (
        (b"username=\xff\xfe%ff&password=\xc3", form),
        (b"--x\r\nContent-Disposition: form-data\r\n\r\nzzz\r\n--x--\r\n", f"{multi}; boundary=x"),
        (b"garbage", "multipart/form-data"),
        (b"&".join(b"a%d=1" % i for i in range(3000)), form),
    ):  # fmt: skip
        status, headers, text = raw(
            world, body, {"Content-Type": kind, "Content-Length": str(len(body))}
        )
        assert 400 <= status < 500, (body[:40], status, text[:300])
        assert headers["content-type"].startswith("text/html"), text[:300]
        assert "content-security-policy" in headers and "server" not in headers
        assert "zzz" not in text and "detail" not in text


def test_an_oversized_body_is_refused_before_it_is_sent(world: Seeded) -> None:
    declared = 200 * 1024 * 1024
    status, headers, text = raw(
        world, b"", {"Content-Type": "application/x-www-form-urlencoded",
                     "Content-Length": str(declared)}, send_body=False,
    )  # fmt: skip
    assert status == 413 and "quá lớn" in text
    assert "content-security-policy" in headers
    host, port = urllib.parse.urlsplit(world.base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
    chunks = (head if n < 0 else b"%" * 1024 * 1024 for n in range(-1, 40))  # 40 MiB, no length
    connection.request(
        "POST", "/dang-nhap", body=chunks, encode_chunked=True,
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )  # fmt: skip
    try:
        streamed = connection.getresponse()
        assert streamed.status == 413 and "quá lớn" in streamed.read().decode()
    except (BrokenPipeError, ConnectionResetError):
        pass  # refused, and the connection closed while the rest was being sent
    finally:
        connection.close()


def test_paths_that_climb_out_of_the_static_folder_are_not_found(world: Seeded) -> None:
    browser = Browser(world.base)
    for path in ("/static/..%2f..%2fsettings.py", "/static/%2e%2e/app.py", "/static/../app.py",
                 "/static/..%5c..%5csession.py"):  # fmt: skip
        answer = browser.get(path)
        assert answer.status == 404 and "Fernet" not in answer.body and "import" not in answer.body
        assert answer.headers.get("content-type", "").startswith("text/html"), path


@pytest.mark.parametrize(
    "code",
    ["x" * 5000, 'a"\r\nSet-Cookie: x=1', "<script>alert(1)</script>", "../../etc/passwd", "%00"],
)
def test_hostile_product_codes_on_the_public_page_and_its_qr_codes(
    world: Seeded, code: str
) -> None:
    browser = Browser(world.base)
    quoted = urllib.parse.quote(code, safe="")
    for suffix in ("", "/qr.svg", "/qr.png"):
        answer = browser.get(f"/san-pham/{quoted}{suffix}")
        assert answer.status in (200, 404, 422), (code[:20], suffix, answer.status)
        assert_inert(answer, suffix)
        assert "x=1" not in answer.headers.get("set-cookie", "")
        disposition = answer.headers.get("content-disposition", "")
        assert "\r" not in disposition and "\n" not in disposition


def test_templates_escape_everything_they_did_not_write_themselves() -> None:
    for template in sorted(TEMPLATES.glob("*.html")):
        text = template.read_text(encoding="utf-8")
        name = template.name
        assert "autoescape false" not in text, name
        for found in re.finditer(r"([^\s{(]+)\s*\|\s*safe", text):  # `|safe` on literals only
            assert found[1].endswith(("'", '"')), f"{name}: |safe on {found[1]}"
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), f"{name}: inline script (CSP)"
        assert not re.search(r"\son[a-z]+\s*=", text), f"{name}: event handler attribute (CSP)"
        for link in re.finditer(r'(?:href|src)="\{\{\s*(\w+)\s*\}\}', text):  # a path of ours
            assert f'{{% set {link[1]} = "/' in text, f"{name}: a link target from data"


def test_the_sign_in_form_reflects_a_typed_username_as_text(world: Seeded) -> None:
    browser = Browser(world.base)
    page = browser.get("/dang-nhap")
    assert 'autocomplete="current-password"' in page.body  # the template's own attributes
    refused = browser.post(
        "/dang-nhap", {"csrf_token": page.csrf(), "username": XSS, "password": "sai-mat-khau"}
    )
    assert refused.status == 401 and 'role="alert"' in refused.body
    assert_inert(refused, "sign-in")
    assert "&#34;&#39;&gt;&lt;script&gt;" in refused.body


def test_uploads_are_streamed_to_the_service_which_keeps_its_limit(
    world: Seeded, officer: Browser
) -> None:
    here = f"/ho-so/{world.ids['dossier']}"
    fields = {"csrf_token": officer.get(here).csrf(), "category": "lab_test"}
    big = pdf(padding=3 * 1024 * 1024)  # several chunks, spooled to disk by Starlette
    attached = multipart(
        officer, f"{here}/tai-lieu", fields, ("phuong-an.pdf", big, "application/pdf")
    )
    assert attached.status == 200 and "phuong-an.pdf" in attached.body, attached.body[-800:]
    over = pdf(padding=20 * 1024 * 1024 + 4096)  # over registration's 20 MiB, under 21
    refused = multipart(
        officer, f"{here}/tai-lieu", fields, ("qua-lon.pdf", over, "application/pdf")
    )
    assert refused.status == 422 and 'id="e-file"' in refused.body, refused.body[-800:]
