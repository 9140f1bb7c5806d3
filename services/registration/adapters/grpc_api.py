"""gRPC adapter of the registration service: requests in, application calls, replies out."""

from __future__ import annotations

from datetime import date

import grpc

from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.rpc import Register, handles_rejections, parse_date, parse_uuid, to_context
from services.registration.application import RegistrationApp


class RegistrationService(pb_grpc.RegistrationServicer):
    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

    @handles_rejections
    def RegisterProducer(
        self, request: pb.RegisterProducerRequest, context: grpc.ServicerContext
    ) -> pb.RegisterProducerReply:
        producer_id = self.app.register_producer(
            to_context(request.actor),
            name=request.name,
            kind=request.kind,
            is_sme=request.is_sme,
            business_registration_no=request.business_registration_no or None,
            commune_code=request.commune_code,
            legal_representative=request.legal_representative,
        )
        return pb.RegisterProducerReply(producer_id=str(producer_id))

    @handles_rejections
    def RegisterProduct(
        self, request: pb.RegisterProductRequest, context: grpc.ServicerContext
    ) -> pb.RegisterProductReply:
        product_id = self.app.register_product(
            to_context(request.actor),
            producer_id=parse_uuid("producer_id", request.producer_id),
            name=request.name,
            product_set=request.product_set,
        )
        return pb.RegisterProductReply(product_id=str(product_id))

    @handles_rejections
    def SubmitDossier(
        self, request: pb.SubmitDossierRequest, context: grpc.ServicerContext
    ) -> pb.SubmitDossierReply:
        dossier_id = self.app.submit_dossier(
            to_context(request.actor),
            product_id=parse_uuid("product_id", request.product_id),
            kind=request.kind,
            received_on=parse_date("received_on", request.received_on),
        )
        return pb.SubmitDossierReply(dossier_id=str(dossier_id))

    @handles_rejections
    def AssessDossier(
        self, request: pb.AssessDossierRequest, context: grpc.ServicerContext
    ) -> pb.AssessDossierReply:
        level = self.app.assess_dossier(
            to_context(request.actor),
            dossier_id=parse_uuid("dossier_id", request.dossier_id),
            report_no=request.report_no,
            assessed_on=parse_date("assessed_on", request.assessed_on),
            local_raw_material=request.local_raw_material,
            local_labour=request.local_labour,
            idea_origin=request.idea_origin,
            local_identity=request.local_identity,
        )
        return pb.AssessDossierReply(forwarded_to=level)

    @handles_rejections
    def GetDossier(
        self, request: pb.GetDossierRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        dossier = self.app.get_dossier(parse_uuid("dossier_id", request.dossier_id))
        return pb.DossierView(
            dossier_id=str(dossier.id),
            product_id=str(dossier.product_id),
            producer_id=str(dossier.producer_id),
            kind=dossier.kind,
            status=dossier.status,
            received_on=_iso(dossier.received_on),
            assessed_on=_iso(dossier.assessed_on),
            report_no=dossier.report_no or "",
            forwarded_to=dossier.forwarded_to or "",
        )


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def register(app: RegistrationApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_RegistrationServicer_to_server(RegistrationService(app), server)

    return add


SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Registration"].full_name
