"""The dashboard of the signed-in official's jurisdiction (titled with its name,
`runtime.units`): the stars recognised by period and the plan's KPIs of the year against
their targets (reporting's ListProducts and GetKpis, charts drawn as SVG on the server by
console/charts.py, each with its table), the dossiers by stage and
overdue (registration's ListDossiers), and the certificates that expire within 90 days
(reporting's ListProducts). Each part is what the services let the user read; a part
they refuse says so instead of failing the page."""

from __future__ import annotations

from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import grpc
from fastapi import APIRouter, Request
from fastapi.responses import Response

from console import charts, i18n
from console.web import client, render, signed_in
from contracts.rpc import registration_pb2 as rg
from contracts.rpc import registration_pb2_grpc as rg_grpc
from contracts.rpc import reporting_pb2 as rp
from contracts.rpc import reporting_pb2_grpc as rp_grpc
from runtime.units import unit_name

router = APIRouter()
EXPIRY_DAYS = 90

i18n.add(
    {
        "menu_dashboard": ("Tổng quan", "Dashboard"),
        "dashboard": ("Tổng quan địa bàn", "Jurisdiction dashboard"),
        "kpis": ("Chỉ tiêu kế hoạch năm {y}", "The plan's targets, {y}"),
        "target": ("Chỉ tiêu", "Target"),
        "actual": ("Thực hiện", "Actual"),
        "kpi_met": ("Đạt", "Met"),
        "kpi_stretch_met": ("Vượt", "Exceeded"),
        "kpi_below": ("Chưa đạt", "Below"),
        "no_data": ("Chưa có dữ liệu", "No data yet"),
        "pipeline": ("Hồ sơ theo giai đoạn", "Dossiers by stage"),
        "expiring": (
            "Giấy chứng nhận hết hạn trong 90 ngày tới",
            "Certificates expiring in the next 90 days",
        ),
        "stars_by_period": (
            "Sản phẩm OCOP theo hạng sao và kỳ công nhận",
            "OCOP products by star and period recognised",
        ),
        "stars_help": (
            "Sản phẩm đang có giấy chứng nhận, theo ngày bắt đầu hiệu lực của giấy hiện hành.",
            "Products holding a certificate, by the day their current certificate took effect.",
        ),
        "by_year": ("Theo năm", "By year"),
        "by_half": ("Theo 6 tháng", "By half-year"),
        "targets_vs_actuals": ("Chỉ tiêu và thực hiện năm {y}", "Targets and actuals, {y}"),
        "chart_table": ("Bảng số liệu", "Figures"),
        "chart_period": ("Kỳ", "Period"),
        "chart_total": ("Tổng", "Total"),
        "kpi_status": ("Đánh giá", "Status"),
        "no_recognition": ("Chưa có sản phẩm được công nhận.", "No product recognised yet."),
        "not_allowed_here": (
            "Phần này không thuộc quyền xem của bạn.",
            "This part is not yours to read.",
        ),
    }
)


@dataclass(frozen=True)
class Bar:
    """One KPI: its label, value and minimum target as text ("" without a target), and
    its status (met, stretch_met, below; "" without one)."""

    label: str
    value: str
    minimum: str
    status: str


def _bar(line: Any, lang: str) -> Bar:
    label = line.label_en if lang == "en" else line.label_vi
    value, minimum = charts.number(line.value), charts.number(line.minimum)
    return Bar(
        label,
        charts.shown(value, line.unit) if line.has_data else "",
        charts.shown(minimum, line.unit) if line.has_target else "",
        line.status,
    )


def _asked(calls: Any, method: Any, request: Any) -> Any:
    """The reply, or None when the service refuses this user (the part says so)."""
    try:
        return calls.call(method, request)
    except grpc.RpcError as error:
        if error.code() in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.INVALID_ARGUMENT):
            return None
        raise


@router.get("/bang-dieu-khien")
def dashboard(request: Request, ky: str = "nam") -> Response:
    """`ky`: the stars chart's period, `nam` (year) or `6-thang` (half-year)."""
    user = signed_in(request)
    by = "half" if ky == "6-thang" else "year"
    today = datetime.now(ZoneInfo(request.app.state.settings.time_zone)).date()
    with closing(client(request)) as calls:
        reporting = rp_grpc.ReportingStub(calls.channel("reporting"))  # type: ignore[no-untyped-call]
        registration = rg_grpc.RegistrationStub(calls.channel("registration"))  # type: ignore[no-untyped-call]
        kpis = _asked(calls, reporting.GetKpis, rp.GetKpisRequest(period=str(today.year)))
        dossiers = _asked(calls, registration.ListDossiers, rg.ListDossiersRequest(page_size=5000))
        products = _asked(
            calls, reporting.ListProducts, rp.ListProductsRequest(status="", page_size=5000)
        )
    lang = i18n.chosen(request.state.session.get("lang"))
    star_chart = charts.stars_by_period(products.products, by) if products else None
    return render(
        request,
        "dashboard.html",
        unit=unit_name(user.jurisdiction) if user.jurisdiction else "",
        by=by,
        star_chart=star_chart,
        stars_shown=charts.STARS,
        targets=charts.targets_vs_actuals(kpis.kpis, lang) if kpis else None,
        width=charts.WIDTH,
        row=charts.ROW,
        year=today.year,
        bars=sorted((_bar(k, lang) for k in kpis.kpis), key=lambda b: not b.minimum)
        if kpis
        else None,
        stages=sorted(Counter(d.status for d in dossiers.dossiers).items()) if dossiers else None,
        overdue=dossiers.overdue if dossiers else 0,
        expiring=_expiring(products.products, today) if products else None,
    )


def _expiring(products: Any, today: date) -> list[Any]:
    """Products whose certificate in force ends within `EXPIRY_DAYS` days, soonest first."""
    last = (today + timedelta(days=EXPIRY_DAYS)).isoformat()
    soon = [
        p
        for p in products
        if p.current_valid_to and today.isoformat() <= p.current_valid_to <= last
    ]
    return sorted(soon, key=lambda p: p.current_valid_to)
