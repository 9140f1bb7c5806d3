"""A producer's promotion (the seed plan II.1-II.2, III.4): its history (channels joined
and left, value chains, displays and withdrawals, fairs, support), and the forms that
record a sales channel (with the products listed on it), leave one, link or end a value
chain with a raw-material area, and grant support. The promotion service decides who
may and refuses at the field; a producer reads its own history only."""

from __future__ import annotations

from contextlib import closing
from functools import partial
from typing import Any

import grpc
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.actions import act, names
from console.forms import Field, Form, shown
from console.pages.promotion import STUB, record_form
from console.refusals import Refusal, refusal_of
from console.texts_promotion import options
from console.web import checked_form, client, redirect, render, render_form, signed_in
from contracts.rpc import promotion_pb2 as pb

router = APIRouter()
AREA_UNITS = (("ha", "pc_area_ha"), ("m2", "pc_area_m2"))
PARTNER_KINDS = tuple(
    (k, f"pc_partner_{k}") for k in ("cooperative_members", "households", "company", "cooperative")
)
_form = partial(record_form, "producer_id")


ACTIONS: dict[str, Form] = {
    "kenh": _form(
        "pr_join", "JoinChannel", pb.JoinChannelRequest,
        Field("channel_type", "pr_channel_type", "select", True, options("channel")),
        Field("partner", "pr_partner", required=True), Field("since", "pr_since", "date", True),
        Field("until", "pr_until", "date"), Field("product_ids", "pr_product_ids", "textarea"),
    ),
    "roi-kenh": _form(
        "pr_leave", "LeaveChannel", pb.LeaveChannelRequest,
        Field("channel_id", "pr_channel_id", required=True), Field("on", "pr_on", "date", True),
    ),
    "chuoi": _form(
        "pr_link", "LinkValueChain", pb.LinkValueChainRequest,
        Field("raw_material_area", "pr_raw_material_area", required=True),
        Field("area", "pr_area", required=True),
        Field("area_unit", "pr_area_unit", "select", True, AREA_UNITS),
        Field("partner_kind", "pr_partner_kind", "select", True, PARTNER_KINDS),
        Field("partner", "pr_partner", required=True), Field("contract_no", "pr_contract_no"),
        Field("since", "pr_since", "date", True), Field("until", "pr_until", "date"),
    ),
    "ket-thuc-chuoi": _form(
        "pr_end_chain", "EndValueChain", pb.EndValueChainRequest,
        Field("link_id", "pr_link_id", required=True), Field("on", "pr_on", "date", True),
    ),
    "ho-tro": _form(
        "pr_support", "GrantSupport", pb.GrantSupportRequest,
        Field("kind", "pr_support_kind", "select", True, options("support")),
        Field("amount_vnd", "pp_amount", "int", True),
        Field("funding_source", "pp_source", "select", True, options("source")),
        Field("granted_on", "pr_granted_on", "date", True),
        Field("budget_line", "pp_budget_line"), Field("activity_code", "ps_activity_code"),
        Field("note", "note"),
    ),
}  # fmt: skip


def with_products(typed: dict[str, Any]) -> dict[str, Any]:
    """The typed values with the product ids' lines as a list."""
    lines = str(typed.get("product_ids", "")).replace(",", "\n").splitlines()
    return {**typed, "product_ids": [x.strip() for x in lines if x.strip()]}


@router.get("/xuc-tien/chu-the")
def producers(request: Request, ma: str = "") -> Response:
    signed_in(request)
    if ma.strip():
        return redirect(f"/xuc-tien/chu-the/{ma.strip()}")
    return render(request, "promotion_producer_find.html")


@router.get("/xuc-tien/chu-the/{producer_id}")
def producer_page(request: Request, producer_id: str) -> Response:
    signed_in(request)
    return _page(request, producer_id)


def _page(
    request: Request, producer_id: str, failed: str = "", posted: FormData | None = None,
    refusal: Refusal | None = None,
) -> Response:  # fmt: skip
    history, unknown = None, ""
    asked = pb.ProducerHistoryRequest(producer_id=producer_id)
    with closing(client(request)) as c:
        try:
            history = c.call(STUB(c.channel("promotion")).GetProducerHistory, asked)  # type: ignore[no-untyped-call]
        except grpc.RpcError as error:
            found = refusal_of(error)
            unknown = " ".join([found.general, *found.fields.values()]).strip()
    return render_form(
        request, "promotion_producer.html", refusal, producer_id=producer_id, history=history,
        unknown=unknown, actions=ACTIONS, failed=failed, values=shown(posted, names(ACTIONS)),
    )  # fmt: skip


@router.post("/xuc-tien/chu-the/{producer_id}/{action}")
def producer_action(
    request: Request, producer_id: str, action: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    again = partial(_page, request, producer_id)
    url = f"/xuc-tien/chu-the/{producer_id}"
    derive = with_products if action == "kenh" else None
    fixed = {"producer_id": producer_id}
    return act(request, ACTIONS, action, posted, fixed, again, url, derive)
