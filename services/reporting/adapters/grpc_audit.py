"""gRPC adapter of the audit queries (`ocop.reporting.v1.Audit`), served by reporting."""

from __future__ import annotations

import grpc

from contracts.rpc import audit_pb2 as pb
from contracts.rpc import audit_pb2_grpc as pb_grpc
from runtime.identity.scope import scoped
from runtime.listing import matches, page, sort_vietnamese
from runtime.rpc import Register, handles_rejections, request_lang
from services.reporting.adapters import scope
from services.reporting.adapters.grpc_api import status
from services.reporting.application.audit import AuditQueries

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Audit"].full_name


@scoped(pb.DESCRIPTOR.services_by_name["Audit"], scope.AUDIT_TABLE)
class AuditService(pb_grpc.AuditServicer):
    """Each call is checked against the caller's scope on the record it names first
    (`adapters/scope.py`); listings keep the products the caller may see."""

    def __init__(self, audit: AuditQueries) -> None:
        self.audit = audit

    @handles_rejections
    def GetTrail(self, request: pb.GetTrailRequest, context: grpc.ServicerContext) -> pb.Trail:
        entries = self.audit.trail(request.kind, request.id, request_lang(context))
        return pb.Trail(
            kind=request.kind,
            id=request.id.strip(),
            entries=[pb.TrailEntry(**e) for e in entries],
        )

    @handles_rejections
    def GetProductAsOf(
        self, request: pb.GetProductAsOfRequest, context: grpc.ServicerContext
    ) -> pb.ProductAsOf:
        row = self.audit.product_as_of(request.product_id, request.as_of)
        certificates = [
            pb.CertificateStanding(**{k: v for k, v in c.items() if k not in _IDS})
            for c in row["certificates"]
        ]
        return pb.ProductAsOf(as_of=row["as_of"], product=status(row), certificates=certificates)

    @handles_rejections
    def ListProductsAsOf(
        self, request: pb.ListProductsAsOfRequest, context: grpc.ServicerContext
    ) -> pb.ListProductsAsOfReply:
        rows = self.audit.products_as_of(request.as_of, request.status)
        reached = scope.visible_products(self.audit)
        chosen = sort_vietnamese(
            (
                r
                for r in rows
                if matches(request.query, str(r["name"]), str(r["decision_no"])) and reached(r)
            ),
            lambda r: str(r["name"]),
        )
        listed, next_token, total = page(chosen, request.page_size, request.page_token)
        return pb.ListProductsAsOfReply(
            as_of=rows[0]["as_of"] if rows else request.as_of,
            products=[
                pb.ProductOnDate(product=status(r), valid_certificate=r["valid_certificate"])
                for r in listed
            ],
            next_page_token=next_token,
            total=total,
        )


_IDS = ("product_id", "dossier_id")


def register(audit: AuditQueries) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_AuditServicer_to_server(AuditService(audit), server)  # type: ignore[no-untyped-call]

    return add
