"""gRPC adapter of the reporting service (queries only)."""

from __future__ import annotations

import grpc

from contracts.rpc import reporting_pb2 as pb
from contracts.rpc import reporting_pb2_grpc as pb_grpc
from runtime.listing import matches, page, sort_vietnamese
from runtime.rpc import Register, handles_rejections
from runtime.rpc_mapping import Shape
from services.reporting.application import ReportingApp
from services.reporting.domain.product_status import Row

QUERY = Shape()
"""GetProduct takes the request's field as it is (product_id)."""
LIST = Shape(drop=("query", "page_size", "page_token"))
"""ListProducts filters by status in the view; search, order and pages are the adapter's."""


class ReportingService(pb_grpc.ReportingServicer):
    def __init__(self, app: ReportingApp) -> None:
        self.app = app

    @handles_rejections
    def GetProduct(
        self, request: pb.GetProductRequest, context: grpc.ServicerContext
    ) -> pb.ProductStatus:
        return status(self.app.get_product(**QUERY.kwargs(request)))

    @handles_rejections
    def ListProducts(
        self, request: pb.ListProductsRequest, context: grpc.ServicerContext
    ) -> pb.ListProductsReply:
        rows = self.app.list_products(**LIST.kwargs(request))
        chosen = sort_vietnamese(
            (
                r
                for r in rows
                if matches(request.query, str(r["name"]), str(r["decision_no"] or ""))
            ),
            lambda r: str(r["name"]),
        )
        listed, next_token, total = page(chosen, request.page_size, request.page_token)
        return pb.ListProductsReply(
            products=[status(r) for r in listed], next_page_token=next_token, total=total
        )


def status(row: Row) -> pb.ProductStatus:
    """A catalogue row (extra keys ignored) as the reply message."""
    return pb.ProductStatus(**{k: row[k] for k in pb.ProductStatus.DESCRIPTOR.fields_by_name})


def register(app: ReportingApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_ReportingServicer_to_server(ReportingService(app), server)

    return add


SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Reporting"].full_name
