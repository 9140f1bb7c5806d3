"""The public product page (no sign-in): `/san-pham/<product code>` shows the product, its
producer's name, star, certificate and its LIVE status (valid, expired, revoked) as the
reporting service folds it from the events today, with a QR code of the page's address
(segno) that producers print on labels.

Any code the product has had (a legacy `T-H-X-STT-YYYY` code, a code before re-coding)
redirects (302: a product may be re-coded again) to its current code's page; a code no
product ever had is a 404 page saying so, with the look-up form."""

from __future__ import annotations

import io
from contextlib import closing
from functools import cache
from typing import Any
from urllib.parse import quote

import grpc
import segno
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from console import i18n
from console.web import attachment, client, lang, redirect, render
from contracts.rpc import reporting_pb2 as pb
from contracts.rpc import reporting_pb2_grpc as pb_grpc
from rules import load_rule_set

router = APIRouter()

i18n.add(
    {
        "public_title": ("Sản phẩm OCOP", "OCOP product"),
        "producer": ("Chủ thể sản xuất", "Producer"),
        "product_set": ("Bộ sản phẩm", "Product set"),
        "star": ("Hạng sao", "Star rating"),
        "stars_of": ("sao", "stars"),
        "certificate_no": ("Số giấy chứng nhận", "Certificate number"),
        "decision_no": ("Quyết định công nhận", "Recognition decision"),
        "validity": ("Hiệu lực", "Valid"),
        "validity_as_issued": ("Hiệu lực ghi trên giấy", "Validity as issued"),
        "valid_from_to": ("từ {a} đến {b}", "from {a} to {b}"),
        "status": ("Tình trạng hôm nay", "Status today"),
        "status_valid": ("Còn hiệu lực", "Valid"),
        "status_expired": ("Đã hết hiệu lực", "Expired"),
        "status_revoked": ("Đã bị thu hồi", "Revoked"),
        "status_none": ("Chưa được công nhận OCOP", "Not OCOP-certified"),
        "revoked_on": (
            "Giấy chứng nhận đã bị thu hồi ngày {day} (quyết định {no}). Sản phẩm không còn "
            "được sử dụng nhãn OCOP.",
            "The certificate was revoked on {day} (decision {no}). The product may no longer "
            "carry the OCOP label.",
        ),
        "expired_on": (
            "Giấy chứng nhận đã hết hiệu lực ngày {day}.",
            "The certificate expired on {day}.",
        ),
        "qr_caption": (
            "Mã QR của trang này, để in trên nhãn sản phẩm",
            "This page's QR code, to print on the product label",
        ),
        "qr_download": ("Tải mã QR (PNG, để in)", "Download the QR code (PNG, for printing)"),
        "live_note": (
            "Tình trạng được cập nhật theo quyết định công nhận, hết hạn và thu hồi mới nhất.",
            "The status follows the latest recognition, expiry and revocation decisions.",
        ),
        "unknown_title": ("Không tìm thấy sản phẩm", "Product not found"),
        "unknown_code_is": (
            "Không có sản phẩm OCOP nào mang mã {code}. Hãy kiểm tra mã in trên nhãn và thử lại.",
            "No OCOP product has the code {code}. Check the code printed on the label and try "
            "again.",
        ),
    }
)


@router.get("/san-pham")
def look_up(request: Request, ma: str = "") -> Response:
    code = ma.strip()
    return redirect(f"/san-pham/{code}" if code else "/")


@router.get("/san-pham/{code}")
def product_page(request: Request, code: str) -> Response:
    with closing(client(request, anonymous=True)) as calls:
        stub = pb_grpc.ReportingStub(calls.channel("reporting"))  # type: ignore[no-untyped-call]
        try:
            page = calls.call(stub.GetPublicProduct, pb.GetPublicProductRequest(product_code=code))
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                raise
            return render(request, "product_unknown.html", status_code=404, code=code.strip())
    if page.product_code and page.product_code != code:
        # an earlier code (or the code typed in another case): the current code's page
        return RedirectResponse(f"/san-pham/{quote(page.product_code, safe='')}", status_code=302)
    return render(
        request,
        "product_public.html",
        page=page,
        set_name=set_name(page.product_set, lang(request)),
        url=page_url(request, page.product_code),
    )


@router.get("/san-pham/{code}/qr.svg")
def qr_svg(request: Request, code: str) -> Response:
    out = _qr(request, code, kind="svg", scale=4, border=2)
    if out is None:
        return render(request, "product_unknown.html", status_code=404, code=code.strip())
    return Response(out, media_type="image/svg+xml", headers=_cached())


@router.get("/san-pham/{code}/qr.png")
def qr_png(request: Request, code: str) -> Response:
    out = _qr(request, code, kind="png", scale=10, border=4)
    if out is None:
        return render(request, "product_unknown.html", status_code=404, code=code.strip())
    headers = {**_cached(), **attachment(f"ocop-{code.strip()}.png")}
    return Response(out, media_type="image/png", headers=headers)


def _qr(request: Request, code: str, **options: Any) -> bytes | None:
    """The QR code of `code`'s page; None when no QR code holds that much (a hostile
    "code" of thousands of characters: no product has one)."""
    out = io.BytesIO()
    try:
        segno.make(page_url(request, code), error="m").save(out, **options)
    except segno.DataOverflowError:
        return None
    return out.getvalue()


@router.get("/san-pham/{code:path}")
def unknown_path(request: Request, code: str) -> Response:
    """A "code" with a slash (no product code has one; registered after the routes above,
    so it catches only what they do not): the same 404 page, not a bare one."""
    return render(request, "product_unknown.html", status_code=404, code=code.strip())


def page_url(request: Request, code: str) -> str:
    """The public page's address as printed in the QR code (OCOP_CONSOLE_PUBLIC_URL)."""
    base = request.app.state.console.base_url(request.app.state.bound_port)
    return f"{base}/san-pham/{code.strip()}"


def _cached() -> dict[str, str]:
    return {"Cache-Control": "public, max-age=86400"}


@cache
def set_name(number: int, lang: str) -> str:
    """Product set `number`'s name (R3's catalogue), e.g. "13 — Cà phê"."""
    info = load_rule_set("R3").product_set(number)
    return f"{number} — {info.name.get(lang)}" if info else str(number)  # type: ignore[arg-type]
