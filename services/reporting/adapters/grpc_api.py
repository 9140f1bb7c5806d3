"""gRPC adapter of the reporting service (queries only)."""

from __future__ import annotations

from typing import Any

import grpc

from contracts.rpc import reporting_pb2 as pb
from contracts.rpc import reporting_pb2_grpc as pb_grpc
from runtime.identity.interceptor import current_grant
from runtime.identity.scope import scoped
from runtime.listing import matches, page, sort_vietnamese
from runtime.rpc import Register, handles_rejections
from runtime.rpc_mapping import Shape
from services.reporting.adapters import report_docx, report_text, report_xlsx, scope
from services.reporting.application import ReportingApp
from services.reporting.application.app import KpiView
from services.reporting.domain.product_status import Row

QUERY = Shape()
"""GetProduct takes the request's field as it is (product_id)."""
LIST = Shape(drop=("query", "page_size", "page_token"))
KPIS = Shape()
"""GetKpis takes period, jurisdiction, starts and ends as they are."""
REPORT = Shape(drop=("issuer", "number", "signer"))
"""GetReport's period fields go to the KPIs; issuer, number and signer to the document."""
"""ListProducts filters by status in the view; search, order and pages are the adapter's."""


@scoped(pb.DESCRIPTOR.services_by_name["Reporting"], scope.TABLE)
class ReportingService(pb_grpc.ReportingServicer):
    """Each call is checked against the caller's scope on the product or unit it names
    first (`adapters/scope.py`); listings keep the products the caller may see."""

    def __init__(self, app: ReportingApp) -> None:
        self.app = app

    @handles_rejections
    def GetProduct(
        self, request: pb.GetProductRequest, context: grpc.ServicerContext
    ) -> pb.ProductStatus:
        row = self.app.get_product(**QUERY.kwargs(request))
        return status(row, self.app.product_records().of(str(row["product_id"])))

    @handles_rejections
    def ListProducts(
        self, request: pb.ListProductsRequest, context: grpc.ServicerContext
    ) -> pb.ListProductsReply:
        rows = self.app.list_products(**LIST.kwargs(request))
        reached = scope.visible_products(self.app.audit)
        chosen = sort_vietnamese(
            (
                r
                for r in rows
                if matches(request.query, str(r["name"]), str(r["decision_no"] or ""))
                and reached(r)
            ),
            lambda r: str(r["name"]),
        )
        listed, next_token, total = page(chosen, request.page_size, request.page_token)
        records = self.app.product_records()
        return pb.ListProductsReply(
            products=[status(r, records.of(str(r["product_id"]))) for r in listed],
            next_page_token=next_token,
            total=total,
        )

    @handles_rejections
    def GetKpis(self, request: pb.GetKpisRequest, context: grpc.ServicerContext) -> pb.KpiReport:
        return kpi_report(self.app.kpis(**own_unit(KPIS.kwargs(request))))

    @handles_rejections
    def GetPublicProduct(
        self, request: pb.GetPublicProductRequest, context: grpc.ServicerContext
    ) -> pb.PublicProduct:
        return pb.PublicProduct(**self.app.public_product(**PUBLIC.kwargs(request)).__dict__)

    @handles_rejections
    def GetReport(
        self, request: pb.GetReportRequest, context: grpc.ServicerContext
    ) -> pb.ReportFiles:
        view = self.app.kpis(**own_unit(REPORT.kwargs(request)))
        head = report_text.heading(view, request.issuer, request.number, request.signer)
        stem = report_text.file_stem(view)
        return pb.ReportFiles(
            docx=report_docx.render(view, head),
            xlsx=report_xlsx.render(view, head),
            docx_name=f"{stem}.docx",
            xlsx_name=f"{stem}.xlsx",
            report_code=view.report.code if view.report else "",
            due=view.report.due.isoformat() if view.report else "",
        )


PUBLIC = Shape()
"""GetPublicProduct takes product_code as it is."""


def own_unit(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A query without a jurisdiction is about the caller's own unit (every unit for the
    central level, auditors and callers without a unit); the caller's scope and unit go
    with it, so that an office reads its own unit and the units within it only."""
    grant = current_grant()
    if grant is None:
        return kwargs
    if not kwargs.get("jurisdiction") and grant.scope != "all":
        kwargs["jurisdiction"] = grant.actor.jurisdiction
    return {**kwargs, "caller_scope": grant.scope, "caller_unit": grant.actor.jurisdiction}


def kpi_report(view: KpiView) -> pb.KpiReport:
    """The KPIs of `view` as the gRPC reply (decimals as exact text)."""
    lines = []
    for line in view.lines:
        target, figure = line.target, line.figure
        lines.append(
            pb.KpiLine(
                code=line.kpi.code,
                label_vi=line.kpi.vi,
                label_en=line.kpi.en,
                unit=line.kpi.unit,
                group=line.kpi.group,
                has_data=figure.value is not None,
                value="" if figure.value is None else str(figure.value),
                numerator=figure.numerator,
                denominator=figure.denominator,
                has_target=target is not None,
                minimum="" if target is None else str(target.minimum),
                stretch="" if target is None or target.stretch is None else str(target.stretch),
                status=line.status,
                target_source="" if target is None else target.source,
                definition=line.kpi.definition,
            )
        )
    return pb.KpiReport(
        jurisdiction=view.scope.code,
        period=view.period.code,
        starts=view.period.starts.isoformat(),
        ends=view.period.ends.isoformat(),
        kpis=lines,
        missing_sources=list(view.missing),
        report_code=view.report.code if view.report else "",
        due=view.report.due.isoformat() if view.report else "",
    )


def status(row: Row, record: dict[str, object] | None = None) -> pb.ProductStatus:
    """A catalogue row (extra keys ignored) as the reply message, with the product's
    certificate in force, dossier in progress and higher-level answer when given."""
    given = {**row, **(record or {})}
    fields = pb.ProductStatus.DESCRIPTOR.fields_by_name
    return pb.ProductStatus(**{k: v for k, v in given.items() if k in fields})


def register(app: ReportingApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_ReportingServicer_to_server(ReportingService(app), server)

    return add


SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Reporting"].full_name
