"""gRPC adapter of the registration service: requests in, application calls, replies out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import grpc

from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.errors import CommandRejected
from runtime.rpc import Register, handles_rejections, parse_date, parse_uuid, to_context
from services.registration.adapters.rulebook import requirements
from services.registration.application import RegistrationApp
from services.registration.domain.documents import MAX_DOCUMENT_BYTES
from services.registration.domain.model import Dossier, ProductIdea

IDEA_ACTIONS = ("accept", "return", "resubmit", "submit_plan", "approve_plan", "return_plan")


class RegistrationService(pb_grpc.RegistrationServicer):
    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

    # Producers, ideas, products -------------------------------------------------

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
            legacy_commune_code=request.legacy_commune_code,
            legal_representative=request.legal_representative,
            legal_rep_gender=request.legal_rep_gender,
            legal_rep_ethnicity=request.legal_rep_ethnicity,
            legal_rep_disability=request.legal_rep_disability,
            address=request.address,
        )
        return pb.RegisterProducerReply(producer_id=str(producer_id))

    @handles_rejections
    def RegisterIdea(
        self, request: pb.RegisterIdeaRequest, context: grpc.ServicerContext
    ) -> pb.IdeaView:
        idea_id = self.app.register_idea(
            to_context(request.actor),
            producer_id=parse_uuid("producer_id", request.producer_id),
            name=request.name,
            product_set=request.product_set,
            description=request.description,
            submitted_on=parse_date("submitted_on", request.submitted_on),
        )
        return _idea(self.app.get_idea(idea_id))

    @handles_rejections
    def AdvanceIdea(
        self, request: pb.AdvanceIdeaRequest, context: grpc.ServicerContext
    ) -> pb.IdeaView:
        ctx = to_context(request.actor)
        idea_id = parse_uuid("idea_id", request.idea_id)
        if request.action not in IDEA_ACTIONS:
            raise CommandRejected(
                "invalid_argument",
                "action",
                "Thao tác phải là một trong: " + ", ".join(IDEA_ACTIONS),
                "Action must be one of: " + ", ".join(IDEA_ACTIONS),
            )
        on = parse_date("on", request.on)
        app, action = self.app, request.action
        if action == "accept":
            app.accept_idea(ctx, idea_id=idea_id, decided_on=on)
        elif action == "return":
            app.return_idea(ctx, idea_id=idea_id, reason=request.reason, decided_on=on)
        elif action == "resubmit":
            app.resubmit_idea(ctx, idea_id=idea_id, submitted_on=on, description=request.text)
        elif action == "submit_plan":
            app.submit_business_plan(ctx, idea_id=idea_id, summary=request.text, submitted_on=on)
        elif action == "approve_plan":
            app.approve_business_plan(ctx, idea_id=idea_id, decided_on=on)
        else:
            app.return_business_plan(ctx, idea_id=idea_id, reason=request.reason, decided_on=on)
        return _idea(app.get_idea(idea_id))

    @handles_rejections
    def ListIdeas(self, request: pb.ListIdeasRequest, context: grpc.ServicerContext) -> pb.IdeaList:
        producer = parse_uuid("producer_id", request.producer_id) if request.producer_id else None
        return pb.IdeaList(ideas=[_idea(i) for i in self.app.list_ideas(producer_id=producer)])

    @handles_rejections
    def RegisterProduct(
        self, request: pb.RegisterProductRequest, context: grpc.ServicerContext
    ) -> pb.RegisterProductReply:
        product_id = self.app.register_product(
            to_context(request.actor),
            producer_id=(
                parse_uuid("producer_id", request.producer_id) if request.producer_id else None
            ),
            name=request.name,
            product_set=request.product_set,
            idea_id=parse_uuid("idea_id", request.idea_id) if request.idea_id else None,
            legacy_code=request.legacy_code,
        )
        return pb.RegisterProductReply(product_id=str(product_id))

    # Dossiers -------------------------------------------------------------------

    @handles_rejections
    def SubmitDossier(
        self, request: pb.SubmitDossierRequest, context: grpc.ServicerContext
    ) -> pb.SubmitDossierReply:
        dossier_id = self.app.submit_dossier(
            to_context(request.actor),
            product_id=parse_uuid("product_id", request.product_id),
            kind=request.kind,
            received_on=parse_date("received_on", request.received_on),
            contact_phone=request.contact_phone,
            contact_email=request.contact_email,
            changes_summary=request.changes_summary,
            declared_samples=request.declared_samples,
        )
        return pb.SubmitDossierReply(dossier_id=str(dossier_id))

    @handles_rejections
    def RecordSelfAssessment(
        self, request: pb.RecordSelfAssessmentRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        dossier_id = parse_uuid("dossier_id", request.dossier_id)
        self.app.record_self_assessment(
            to_context(request.actor),
            dossier_id=dossier_id,
            choices={s.criterion: s.option for s in request.scores},
            evidence={s.criterion: list(s.evidence) for s in request.scores if s.evidence},
        )
        return self._dossier(dossier_id)

    @handles_rejections
    def AttachDocument(
        self, request_iterator: Iterator[pb.DocumentChunk], context: grpc.ServicerContext
    ) -> pb.DocumentReply:
        first: pb.DocumentChunk | None = None
        parts: list[bytes] = []
        size = 0
        for chunk in request_iterator:
            first = first or chunk
            size += len(chunk.data)
            if size > MAX_DOCUMENT_BYTES:  # stop reading early; the app names the limit
                parts = [b"\0" * (MAX_DOCUMENT_BYTES + 1)]
                break
            parts.append(chunk.data)
        if first is None:
            raise CommandRejected("invalid_argument", "content", "Tệp rỗng.", "The file is empty.")
        sha = self.app.attach_document(
            to_context(first.actor),
            dossier_id=parse_uuid("dossier_id", first.dossier_id),
            name=first.name,
            category=first.category or "other",
            content=b"".join(parts),
            declared_media_type=first.media_type,
        )
        doc = self.app.get_dossier(parse_uuid("dossier_id", first.dossier_id)).documents[sha]
        return pb.DocumentReply(sha256=sha, size=doc["size"], media_type=doc["media_type"])

    @handles_rejections
    def ReceiveAtCommune(
        self, request: pb.ReceiveAtCommuneRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        ctx = to_context(request.actor)
        dossier_id = parse_uuid("dossier_id", request.dossier_id)
        on = parse_date("received_on", request.received_on)
        if not request.paper_copy and request.samples <= 0:
            raise CommandRejected(
                "invalid_argument",
                "samples",
                "Cần ghi nhận bản giấy hoặc số mẫu.",
                "Record a paper copy or a number of samples.",
            )
        if request.paper_copy:
            self.app.receive_paper_copy(ctx, dossier_id=dossier_id, received_on=on)
        if request.samples:
            self.app.receive_samples(
                ctx, dossier_id=dossier_id, count=request.samples, received_on=on
            )
        return self._dossier(dossier_id)

    @handles_rejections
    def ReturnDossier(
        self, request: pb.ReturnDossierRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        dossier_id = parse_uuid("dossier_id", request.dossier_id)
        self.app.return_dossier(
            to_context(request.actor),
            dossier_id=dossier_id,
            reason=request.reason,
            returned_on=parse_date("returned_on", request.returned_on),
        )
        return self._dossier(dossier_id)

    @handles_rejections
    def ResubmitDossier(
        self, request: pb.ResubmitDossierRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        dossier_id = parse_uuid("dossier_id", request.dossier_id)
        self.app.resubmit_dossier(
            to_context(request.actor),
            dossier_id=dossier_id,
            received_on=parse_date("received_on", request.received_on),
        )
        return self._dossier(dossier_id)

    @handles_rejections
    def AssessDossier(
        self, request: pb.AssessDossierRequest, context: grpc.ServicerContext
    ) -> pb.AssessDossierReply:
        dossier_id = parse_uuid("dossier_id", request.dossier_id)
        not_met = self.app.assess_dossier(
            to_context(request.actor),
            dossier_id=dossier_id,
            report_no=request.report_no,
            assessed_on=parse_date("assessed_on", request.assessed_on),
            local_raw_material=request.local_raw_material,
            local_labour=request.local_labour,
            idea_origin=request.idea_origin,
            local_identity=request.local_identity,
            officer=request.officer,
        )
        return pb.AssessDossierReply(
            criteria_not_met=not_met, status=self.app.get_dossier(dossier_id).status
        )

    @handles_rejections
    def ForwardDossier(
        self, request: pb.ForwardDossierRequest, context: grpc.ServicerContext
    ) -> pb.ForwardDossierReply:
        level = self.app.forward_dossier(
            to_context(request.actor),
            dossier_id=parse_uuid("dossier_id", request.dossier_id),
            forwarded_on=parse_date("forwarded_on", request.forwarded_on),
        )
        return pb.ForwardDossierReply(forwarded_to=level)

    # Queries --------------------------------------------------------------------

    @handles_rejections
    def GetDossier(
        self, request: pb.GetDossierRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        return self._dossier(parse_uuid("dossier_id", request.dossier_id))

    @handles_rejections
    def ListDossiers(
        self, request: pb.ListDossiersRequest, context: grpc.ServicerContext
    ) -> pb.DossierList:
        found = self.app.list_dossiers(
            commune_code=request.commune_code, overdue_only=request.overdue_only
        )
        views = [self._view(d, brief=True) for d in found]
        return pb.DossierList(dossiers=views, overdue=sum(v.overdue for v in views))

    @handles_rejections
    def GetProducer(
        self, request: pb.GetProducerRequest, context: grpc.ServicerContext
    ) -> pb.ProducerView:
        p = self.app.get_producer(parse_uuid("producer_id", request.producer_id))
        legacy = p.legacy_unit or {}
        return pb.ProducerView(
            producer_id=str(p.id),
            name=p.name,
            kind=p.kind,
            is_sme=p.is_sme,
            business_registration_no=p.business_registration_no or "",
            commune_code=p.commune_code,
            province_code=p.province_code,
            legacy_commune_code=legacy.get("old_commune_code", ""),
            legacy_district_code=legacy.get("old_district_code", ""),
            legacy_province_code=legacy.get("old_province_code", ""),
            legacy_valid_to=legacy.get("valid_to", ""),
            legal_rep_qualifies_3_2=p.qualifies_for_3_2,
        )

    @handles_rejections
    def GetProduct(
        self, request: pb.GetProductRequest, context: grpc.ServicerContext
    ) -> pb.ProductView:
        p = self.app.get_product(parse_uuid("product_id", request.product_id))
        legacy = p.legacy_unit or {}
        return pb.ProductView(
            product_id=str(p.id),
            producer_id=str(p.producer_id),
            name=p.name,
            product_set=p.product_set,
            commune_code=p.commune_code,
            province_code=p.province_code,
            legacy_commune_code=legacy.get("old_commune_code", ""),
            legacy_district_code=legacy.get("old_district_code", ""),
            codes=[
                pb.ProductCode(
                    code=c["code"], format=c["format"], assigned_on=_iso(c["assigned_on"])
                )
                for c in p.codes
            ],
            dossier_ids=[str(i) for i in p.dossier_ids],
            idea_id=str(p.idea_id) if p.idea_id else "",
        )

    def _dossier(self, dossier_id: object) -> pb.DossierView:
        return self._view(self.app.get_dossier(dossier_id))  # type: ignore[arg-type]

    def _view(self, d: Dossier, brief: bool = False) -> pb.DossierView:
        view = pb.DossierView(
            dossier_id=str(d.id),
            product_id=str(d.product_id),
            producer_id=str(d.producer_id),
            product_set=d.product_set,
            kind=d.kind,
            status=d.status,
            received_on=_iso(d.received_on),
            assessed_on=_iso(d.assessed_on),
            report_no=d.report_no or "",
            forwarded_to=d.forwarded_to or "",
            forwarded_on=_iso(d.forwarded_on),
            rule_set_id=d.rule_set_id,
            product_code=d.product_code or "",
            check_deadline=_iso(d.check_deadline),
            overdue=d.is_overdue(self.app.clock.today()),
            self_assessed=len(d.self_assessment),
            samples=d.samples,
            paper_copy_received_on=_iso(d.paper_copy_received_on),
        )
        if brief:
            return view
        view.criteria_on_sheet = len(requirements(d.rule_set_id, d.kind, d.product_set).sheet)
        view.documents.extend(pb.DocumentView(**doc) for doc in d.documents.values())
        view.missing.extend(vi for vi, _ in self.app.missing(d))
        view.returns.extend(f"{_iso(r['returned_on'])}: {r['reason']}" for r in d.returns)
        changes = self.app.changes_since_last_dossier(d) if d.kind != "first" else {}
        view.changes.extend(
            pb.Change(criterion=code, before=c["before"] or "", after=c["after"])
            for code, c in changes.get("criteria", {}).items()
        )
        return view


def _idea(idea: ProductIdea) -> pb.IdeaView:
    return pb.IdeaView(
        idea_id=str(idea.id),
        producer_id=str(idea.producer_id),
        name=idea.name,
        product_set=idea.product_set,
        status=idea.status,
        reason=idea.reason or "",
        product_id=str(idea.product_id) if idea.product_id else "",
    )


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def register(app: RegistrationApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_RegistrationServicer_to_server(RegistrationService(app), server)

    return add


SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Registration"].full_name
