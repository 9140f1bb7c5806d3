"""The year's promotion plan of the signed-in office's unit (the seed plan, OCOP-RULES.md
§11): adopt it with its budget lines and activities, add an activity, mark one done, and
read it with each line's amount granted. The promotion service decides who may."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.actions import act, fold, names
from console.forms import Field, Form, send_request, shown
from console.pages.promotion import STUB
from console.refusals import Refusal
from console.texts_promotion import options
from console.web import checked_form, redirect, render_form, signed_in, t, user
from contracts.rpc import promotion_pb2 as pb
from runtime.text import nfc

router = APIRouter()
ADOPT = Form(
    "pp_adopt", "promotion", "AdoptPlan", pb.AdoptPlanRequest,
    (
        Field("year", "pp_year", "int", True), Field("title", "pp_title", required=True),
        Field("budget_lines", "pp_budget_lines", "textarea", hint="pp_budget_hint"),
        Field("activities", "pp_activities", "textarea", hint="pp_activities_hint"),
    ),
    "pp_adopt", stub=STUB,
)  # fmt: skip
ACTIVITY = (
    Field("code", "pp_code", required=True),
    Field("kind", "pp_activity_kind", "select", True, options("activity")),
    Field("title", "pp_activity_title", required=True),
    Field("budget_line", "pp_budget_line"),
    Field("budget_vnd", "pp_budget_vnd", "int"),
    Field("lead_unit", "pp_lead_unit", "select", True, options("unit")),
    Field("with_units", "pp_with_units", hint="pp_with_hint"),
)
ACTIONS: dict[str, Form] = {
    "hoat-dong": Form(
        "pp_add_activity", "promotion", "AddActivity", pb.AddActivityRequest, ACTIVITY,
        "pp_add_activity", ("year",), STUB,
    ),
    "hoan-thanh": Form(
        "pp_complete", "promotion", "CompleteActivity", pb.CompleteActivityRequest,
        (Field("code", "pp_code", required=True),), "pp_complete", ("year",), STUB,
    ),
}  # fmt: skip


class Malformed(ValueError):
    """A typed line of a list that does not have its parts (field, message)."""


def lines_of(request: Request, field: str, text: str) -> list[list[str]]:
    """`CODE:…:Label` lines as their four parts; Malformed naming `field` otherwise."""
    found = []
    for n, line in enumerate((x for x in text.splitlines() if x.strip()), start=1):
        parts = [p.strip() for p in nfc(line).split(":", 3)]
        if len(parts) != 4 or not all(parts[:3]):
            raise Malformed(field, t(request, "pp_line_parts").format(n=n, k=4))
        found.append(parts)
    return found


def adopt_request(request: Request, posted: FormData) -> pb.AdoptPlanRequest:
    text = {k: str(posted.get(k) or "").strip() for k in ("year", "title")}
    budget = []
    for n, (code, amount, source, label) in enumerate(
        lines_of(request, "budget_lines", str(posted.get("budget_lines") or "")), start=1
    ):
        digits = amount.replace(".", "").replace(",", "")
        if not digits.isdigit():
            raise Malformed("budget_lines", t(request, "pp_line_amount").format(n=n))
        budget.append(pb.BudgetLine(code=code, amount_vnd=int(digits), funding_source=source,
                                    label=label))  # fmt: skip
    activities = [
        pb.Activity(code=code, kind=kind, budget_line=line, title=title)
        for code, kind, line, title in lines_of(
            request, "activities", str(posted.get("activities") or "")
        )
    ]
    year = int(text["year"]) if text["year"].isdigit() else 0
    return pb.AdoptPlanRequest(
        year=year, title=nfc(text["title"]), budget_lines=budget, activities=activities
    )


def this_year() -> int:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).year


@router.get("/xuc-tien/ke-hoach")
def plan_page(request: Request, nam: str = "", don_vi: str = "") -> Response:
    signed_in(request)
    return _page(request, int(nam) if nam.isdigit() else this_year(), don_vi.strip())


def _page(
    request: Request, year: int, unit: str = "", failed: str = "",
    posted: FormData | None = None, refusal: Refusal | None = None,
) -> Response:  # fmt: skip
    me = user(request)
    unit = unit or (me.jurisdiction if me else "")
    asked = pb.GetPlanRequest(jurisdiction=unit, year=year)
    plan, none = send_request(request, "promotion", STUB, "GetPlan", asked)
    missing = (none.general or t(request, "pp_none")) if none else ""
    values = shown(posted, [*names(ACTIONS), *ADOPT.names()])
    return render_form(
        request, "promotion_plan.html", refusal, plan=plan, missing=missing, year=year,
        unit=unit, adopt=ADOPT, actions={"hoat-dong": ACTIONS["hoat-dong"]}, failed=failed,
        values=values or {"year": str(year), "lead_unit": "economy_infrastructure"},
    )  # fmt: skip


@router.post("/xuc-tien/ke-hoach")
def adopt(request: Request, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    year = str(posted.get("year") or "")
    shown_year = int(year) if year.isdigit() else this_year()
    try:
        asked = adopt_request(request, posted)
    except Malformed as error:
        refusal = Refusal(fields={error.args[0]: error.args[1]})
        return _page(request, shown_year, failed="adopt", posted=posted, refusal=refusal)
    _, refusal = send_request(request, "promotion", STUB, "AdoptPlan", asked)
    if refusal:
        folded = fold(refusal, {f.name for f in ADOPT.fields})
        return _page(request, shown_year, failed="adopt", posted=posted, refusal=folded)
    return redirect(f"/xuc-tien/ke-hoach?nam={asked.year}", t(request, "done"), request)


def with_activity(typed: dict[str, Any]) -> dict[str, Any]:
    units = [u.strip() for u in str(typed.pop("with_units", "")).split(",") if u.strip()]
    entry = {f.name: typed.pop(f.name) for f in ACTIVITY if f.name != "with_units"}
    return {**typed, "activity": pb.Activity(**entry, with_units=units)}


@router.post("/xuc-tien/ke-hoach/{year}/{action}")
def plan_action(
    request: Request, year: int, action: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    again = partial(_page, request, year, "")
    derive = with_activity if action == "hoat-dong" else None
    done = f"/xuc-tien/ke-hoach?nam={year}"
    return act(request, ACTIONS, action, posted, {"year": year}, again, done, derive)
