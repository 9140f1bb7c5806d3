"""Trade promotion, read side: the shares of OCOP producers in modern channels and value
chains against the plan's targets on a date, and the showrooms with the products they
display (the promotion service's queries); the commands have pages of their own
(promotion_plans, promotion_showrooms, promotion_fairs, promotion_producers,
promotion_outreach), linked from `_promotion_nav.html`."""

from __future__ import annotations

from contextlib import closing
from typing import Any

import grpc
from fastapi import APIRouter, Request
from fastapi.responses import Response

from console import i18n
from console import texts_promotion as _texts  # noqa: F401 (registers the texts)
from console.forms import Field, Form
from console.refusals import refusal_of
from console.web import TEMPLATES, client, render, signed_in, user
from contracts.rpc import promotion_pb2 as pb
from contracts.rpc import promotion_pb2_grpc as pb_grpc
from runtime.text import typed_day

router = APIRouter()
STUB = pb_grpc.PromotionStub


def record_form(fixed: str, title: str, method: str, request: type[Any], *fields: Field) -> Form:
    """A promotion command's form on one record's page (a fair, a showroom, a producer):
    the page fills `fixed` (the record's id); its button says its title."""
    return Form(title, "promotion", method, request, fields, title, (fixed,), STUB)


i18n.add(
    {
        "promotion": ("Xúc tiến thương mại", "Trade promotion"),
        "shares_on": ("Tỷ lệ vào ngày", "Shares on"),
        "ocop_producers": ("Chủ thể OCOP", "OCOP producers"),
        "modern_channels": ("Tham gia kênh hiện đại", "In modern channels"),
        "value_chains": ("Liên kết chuỗi giá trị", "In value chains"),
        "t_below": ("Chưa đạt", "Below"),
        "t_met": ("Đạt", "Met"),
        "t_stretch_met": ("Vượt mức phấn đấu", "Stretch met"),
        "showrooms": ("Điểm giới thiệu, bán sản phẩm", "Showrooms and sales points"),
        "displayed": ("Đang trưng bày", "Displayed"),
    }
)


def vnd(amount: int) -> str:
    """1500000 -> "1.500.000 đ" (whole đồng, Vietnamese thousands separator)."""
    return f"{amount:,} đ".replace(",", ".")


TEMPLATES.env.filters["vnd"] = vnd


def percent(fraction: str) -> str:
    """ "0.3333" -> "33,33%"."""
    try:
        return f"{float(fraction) * 100:.2f}%".replace(".", ",")
    except ValueError:
        return fraction


@router.get("/xuc-tien")
def promotion(request: Request, ngay: str = "", don_vi: str = "") -> Response:
    signed_in(request)
    found = user(request)
    unit = don_vi.strip() or (found.jurisdiction if found else "")
    general = ""
    shares = showrooms = None
    with closing(client(request)) as c:
        stub = STUB(c.channel("promotion"))  # type: ignore[no-untyped-call]
        try:
            shares = c.call(stub.GetShares, pb.SharesRequest(jurisdiction=unit, on=typed_day(ngay)))
            showrooms = c.call(
                stub.ListShowrooms, pb.ListShowroomsRequest(jurisdiction=unit, page_size=200)
            )
        except grpc.RpcError as error:
            refusal = refusal_of(error)
            general = " ".join([refusal.general, *refusal.fields.values()]).strip()
    return render(
        request, "promotion.html", shares=shares, showrooms=showrooms, general=general,
        on=ngay, unit=unit, percent=percent,
    )  # fmt: skip
