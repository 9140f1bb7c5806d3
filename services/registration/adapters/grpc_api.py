"""gRPC adapter of the registration service: requests in, application calls, replies out.

Each request maps to its command's keyword arguments through its `Shape`
(`grpc_requests`); a command RPC whose reply needs only the command's result, or the
dossier it acted on, is one row (`runtime.rpc_mapping.command_rpc`, `on_dossier`); the
others are methods. Replies are built in `grpc_views`, streamed ones in `grpc_streams`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from uuid import UUID

import grpc

from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.errors import CommandRejected
from runtime.identity.scope import scoped, visible
from runtime.listing import matches, page, sort_vietnamese
from runtime.rpc import (
    Register,
    handles_rejections,
    parse_uuid,
    request_lang,
    row_problems,
    to_context,
)
from runtime.rpc_mapping import Shape, command_rpc
from services.registration.adapters import grpc_requests as requests
from services.registration.adapters import grpc_streams as streams
from services.registration.adapters import grpc_views as views
from services.registration.adapters import scope
from services.registration.application import RegistrationApp

Command = Callable[[RegistrationApp], Callable[..., Any]]


def on_dossier(shape: Shape, call: Command) -> Callable[..., pb.DossierView]:
    """A servicer method for a command on one dossier: the request mapped by `shape`, the
    command `call(app)` called, and the dossier's view returned in the caller's language;
    refusals become gRPC statuses."""

    @handles_rejections
    def handle(
        self: RegistrationService, request: Any, context: grpc.ServicerContext
    ) -> pb.DossierView:
        ctx, kwargs = shape.command(request)
        call(self.app)(ctx, **kwargs)
        return self._dossier(kwargs["dossier_id"], context)

    return handle


@scoped(pb.DESCRIPTOR.services_by_name["Registration"], scope.TABLE)
class RegistrationService(pb_grpc.RegistrationServicer):
    """Every method checks the caller's scope on the record it names first
    (`adapters/scope.py`); listings keep the records the caller may see."""

    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

    def _visible(self, records: Iterable[Any]) -> Callable[[UUID], bool]:
        """producer id -> whether the caller may see that producer's records."""
        seen: dict[UUID, bool] = {}
        for producer_id in {r.producer_id for r in records}:
            record = scope.producer_record(self.app.registered_producer(producer_id))
            seen[producer_id] = visible(record)
        return lambda producer_id: seen.get(producer_id, False)

    # Producers, ideas, products -------------------------------------------------

    RegisterProducer = command_rpc(
        requests.REGISTER_PRODUCER,
        lambda app: app.producers.register_producer,
        lambda producer_id: pb.RegisterProducerReply(producer_id=str(producer_id)),
    )
    RegisterProduct = command_rpc(
        requests.REGISTER_PRODUCT,
        lambda app: app.products.register_product,
        lambda product_id: pb.RegisterProductReply(product_id=str(product_id)),
    )

    @handles_rejections
    def RegisterIdea(
        self, request: pb.RegisterIdeaRequest, context: grpc.ServicerContext
    ) -> pb.IdeaView:
        ctx, kwargs = requests.REGISTER_IDEA.command(request)
        return views.idea_view(self.app.get_idea(self.app.ideas.register_idea(ctx, **kwargs)))

    @handles_rejections
    def AdvanceIdea(
        self, request: pb.AdvanceIdeaRequest, context: grpc.ServicerContext
    ) -> pb.IdeaView:
        if request.action not in requests.IDEA_ACTIONS:
            raise CommandRejected(
                "invalid_argument",
                "action",
                "Thao tác phải là một trong: " + ", ".join(requests.IDEA_ACTIONS),
                "Action must be one of: " + ", ".join(requests.IDEA_ACTIONS),
            )
        command, shape = requests.IDEA_ACTIONS[request.action]
        ctx, kwargs = shape.command(request)
        getattr(self.app.ideas, command)(ctx, **kwargs)
        return views.idea_view(self.app.get_idea(kwargs["idea_id"]))

    @handles_rejections
    def ListIdeas(self, request: pb.ListIdeasRequest, context: grpc.ServicerContext) -> pb.IdeaList:
        every = self.app.list_ideas(**requests.LIST_IDEAS.kwargs(request))
        mine = self._visible(every)
        found = [views.idea_view(i) for i in every if mine(i.producer_id)]
        chosen = sort_vietnamese(
            (v for v in found if matches(request.query, v.name)), lambda v: v.name
        )
        ideas, next_token, total = page(chosen, request.page_size, request.page_token)
        return pb.IdeaList(ideas=ideas, next_page_token=next_token, total=total)

    @handles_rejections
    def ImportPortfolio(
        self, request: pb.ImportPortfolioRequest, context: grpc.ServicerContext
    ) -> pb.ImportPortfolioReply:
        ctx = to_context(request.actor)
        fields = [f.name for f in pb.PortfolioRow.DESCRIPTOR.fields]
        done = self.app.portfolio.import_rows(
            ctx,
            [{name: getattr(row, name) for name in fields} for row in request.rows],
            source_sha256=request.source_sha256,
            dry_run=request.dry_run,
            valid_rows_only=request.valid_rows_only,
        )
        return pb.ImportPortfolioReply(
            products=[
                pb.ImportedProduct(
                    line=row.line,
                    producer_id=str(row.producer_id),
                    product_id=str(row.product_id),
                    created=row.product_created,
                    unit=pb.UnitPath(**row.unit),
                )
                for row in done.rows
            ],
            problems=row_problems(done.problems, request_lang(context)),
        )

    GetDossierBundle = streams.streamed(streams.dossier_bundle)
    GetDocument = streams.streamed(streams.document)

    # Dossiers -------------------------------------------------------------------

    SubmitDossier = command_rpc(
        requests.SUBMIT_DOSSIER,
        lambda app: app.dossiers.submit_dossier,
        lambda dossier_id: pb.SubmitDossierReply(dossier_id=str(dossier_id)),
    )
    ReturnDossier = on_dossier(requests.RETURN_DOSSIER, lambda app: app.dossiers.return_dossier)
    ResubmitDossier = on_dossier(
        requests.RESUBMIT_DOSSIER, lambda app: app.dossiers.resubmit_dossier
    )
    ForwardDossier = command_rpc(
        requests.FORWARD_DOSSIER,
        lambda app: app.assessment.forward_dossier,
        lambda level: pb.ForwardDossierReply(forwarded_to=level),
    )

    @handles_rejections
    def RecordSelfAssessment(
        self, request: pb.RecordSelfAssessmentRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        ctx, kwargs = requests.SELF_ASSESSMENT.command(request)
        self.app.dossiers.record_self_assessment(
            ctx,
            **kwargs,
            choices={s.criterion: s.option for s in request.scores},
            evidence={s.criterion: list(s.evidence) for s in request.scores if s.evidence},
        )
        return self._dossier(kwargs["dossier_id"], context)

    @handles_rejections
    def AttachDocument(
        self, request_iterator: Iterator[pb.DocumentChunk], context: grpc.ServicerContext
    ) -> pb.DocumentReply:
        first, content = requests.read_chunks(request_iterator)
        ctx, kwargs = requests.DOCUMENT.command(first)
        sha = self.app.dossiers.attach_document(ctx, **kwargs, content=content)
        doc = self.app.get_dossier(kwargs["dossier_id"]).documents[sha]
        return pb.DocumentReply(sha256=sha, size=doc["size"], media_type=doc["media_type"])

    @handles_rejections
    def ReceiveAtCommune(
        self, request: pb.ReceiveAtCommuneRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        ctx, kwargs = requests.RECEIVE_AT_COMMUNE.command(request)
        paper_copy, samples = kwargs.pop("paper_copy"), kwargs.pop("samples")
        if not paper_copy and samples <= 0:
            raise CommandRejected(
                "invalid_argument",
                "samples",
                "Cần ghi nhận bản giấy hoặc số mẫu.",
                "Record a paper copy or a number of samples.",
            )
        if paper_copy:
            self.app.dossiers.receive_paper_copy(ctx, **kwargs)
        if samples:
            self.app.dossiers.receive_samples(ctx, **kwargs, count=samples)
        return self._dossier(kwargs["dossier_id"], context)

    @handles_rejections
    def AssessDossier(
        self, request: pb.AssessDossierRequest, context: grpc.ServicerContext
    ) -> pb.AssessDossierReply:
        ctx, kwargs = requests.ASSESS_DOSSIER.command(request)
        not_met = self.app.assessment.assess_dossier(ctx, **kwargs)
        status = self.app.get_dossier(kwargs["dossier_id"]).status
        return pb.AssessDossierReply(criteria_not_met=not_met, status=status)

    # Queries --------------------------------------------------------------------

    @handles_rejections
    def GetDossier(
        self, request: pb.GetDossierRequest, context: grpc.ServicerContext
    ) -> pb.DossierView:
        return self._dossier(parse_uuid("dossier_id", request.dossier_id), context)

    @handles_rejections
    def ListDossiers(
        self, request: pb.ListDossiersRequest, context: grpc.ServicerContext
    ) -> pb.DossierList:
        found = self.app.list_dossiers(**requests.LIST_DOSSIERS.kwargs(request))
        mine = self._visible(found)
        briefs = [views.dossier_brief(self.app, d) for d in found if mine(d.producer_id)]
        chosen = [v for v in briefs if matches(request.query, v.product_code, v.status, v.kind)]
        listed, next_token, total = page(chosen, request.page_size, request.page_token)
        return pb.DossierList(
            dossiers=listed,
            overdue=sum(v.overdue for v in chosen),
            next_page_token=next_token,
            total=total,
        )

    @handles_rejections
    def GetProducer(
        self, request: pb.GetProducerRequest, context: grpc.ServicerContext
    ) -> pb.ProducerView:
        producer_id = parse_uuid("producer_id", request.producer_id)
        producer = self.app.get_producer(producer_id)
        return views.producer_view(self.app, producer, request_lang(context))

    @handles_rejections
    def ErasePersonalData(
        self, request: pb.ErasePersonalDataRequest, context: grpc.ServicerContext
    ) -> pb.ProducerView:
        ctx, kwargs = requests.ERASE_PERSONAL_DATA.command(request)
        self.app.producers.erase_personal_data(ctx, **kwargs)
        producer = self.app.get_producer(kwargs["producer_id"])
        return views.producer_view(self.app, producer, request_lang(context))

    @handles_rejections
    def GetProduct(
        self, request: pb.GetProductRequest, context: grpc.ServicerContext
    ) -> pb.ProductView:
        product_id = parse_uuid("product_id", request.product_id)
        return views.product_view(self.app.get_product(product_id))

    def _dossier(self, dossier_id: object, context: grpc.ServicerContext) -> pb.DossierView:
        """The dossier's view, what it lacks in the caller's language (`--lang`)."""
        dossier = self.app.get_dossier(dossier_id)  # type: ignore[arg-type]
        return views.dossier_view(self.app, dossier, request_lang(context))


def register(app: RegistrationApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_RegistrationServicer_to_server(RegistrationService(app), server)

    return add


SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Registration"].full_name
