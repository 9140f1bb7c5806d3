"""gRPC adapter of the promotion service: requests in, application calls, views out.

A command RPC is one row (`runtime.rpc_mapping.command_rpc`): the request's `Shape` (only
the fields that need converting are named), the application command it calls and the
view of what it returns. Queries read more than one thing and are methods."""

from __future__ import annotations

from typing import Any

import grpc

from contracts.rpc import promotion_pb2 as pb
from contracts.rpc import promotion_pb2_grpc as pb_grpc
from runtime.identity.scope import own_unit, scoped
from runtime.listing import listed
from runtime.rpc import Register, handles_rejections, parse_date, parse_uuid
from runtime.rpc_mapping import Shape, as_uuids, command_rpc, dates, optional, uuids
from services.promotion.adapters import grpc_views as views
from services.promotion.adapters import scope
from services.promotion.application import PromotionApp

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Promotion"].full_name


def _rows(name: str, values: list[Any]) -> list[dict[str, Any]]:
    """Repeated messages (budget lines, activities) as plain dicts."""
    return [{f.name: getattr(v, f.name) for f in v.DESCRIPTOR.fields} for v in values]


def _row(name: str, value: Any) -> dict[str, Any]:
    return _rows(name, [value])[0]


SHOWROOM = Shape(convert=uuids("showroom_id", "product_id"))
PRODUCER = Shape(convert=uuids("producer_id"))


@scoped(pb.DESCRIPTOR.services_by_name["Promotion"], scope.TABLE)
class PromotionServicer(pb_grpc.PromotionServicer):
    """Each call is checked against the caller's scope on the record it names first
    (`adapters/scope.py`); a query without a unit is about the caller's own."""

    def __init__(self, app: PromotionApp) -> None:
        self.app = app

    AdoptPlan = command_rpc(
        Shape(convert={"budget_lines": _rows, "activities": _rows}),
        lambda app: app.plans.adopt,
        views.plan_view,
    )
    AddActivity = command_rpc(
        Shape(convert={"activity": _row}, rename={"activity": "entry"}),
        lambda app: app.plans.add_activity,
        views.plan_view,
    )
    CompleteActivity = command_rpc(Shape(), lambda app: app.plans.complete, views.plan_view)

    OpenShowroom = command_rpc(
        Shape(convert=dates("opened_on")), lambda app: app.venues.open_showroom, views.showroom_view
    )
    CloseShowroom = command_rpc(
        Shape(convert={**uuids("showroom_id"), **dates("closed_on")}),
        lambda app: app.venues.close_showroom,
        views.showroom_view,
    )
    DisplayProduct = command_rpc(
        Shape(convert={**uuids("showroom_id", "product_id"), **dates("since")}),
        lambda app: app.venues.display,
        views.showroom_view,
    )
    TakeDownProduct = command_rpc(
        Shape(convert={**uuids("showroom_id", "product_id"), **dates("on")}),
        lambda app: app.venues.take_down,
        views.showroom_view,
    )

    RecordFair = command_rpc(
        Shape(convert=dates("starts_on", "ends_on")),
        lambda app: app.venues.record_fair,
        views.fair_view,
    )
    RecordParticipation = command_rpc(
        Shape(convert=uuids("fair_id", "product_id")),
        lambda app: app.venues.participate,
        views.fair_view,
    )
    RecordFairResult = command_rpc(
        Shape(convert=uuids("fair_id", "product_id")),
        lambda app: app.venues.record_result,
        views.fair_view,
    )

    JoinChannel = command_rpc(
        Shape(
            convert={
                **uuids("producer_id"),
                **dates("since"),
                "until": optional(parse_date),
                "product_ids": as_uuids,
            }
        ),
        lambda app: app.channels.join,
        views.producer_view,
    )
    LeaveChannel = command_rpc(
        Shape(convert={**uuids("producer_id"), **dates("on")}),
        lambda app: app.channels.leave,
        views.producer_view,
    )
    LinkValueChain = command_rpc(
        Shape(convert={**uuids("producer_id"), **dates("since"), "until": optional(parse_date)}),
        lambda app: app.channels.link,
        views.producer_view,
    )
    EndValueChain = command_rpc(
        Shape(convert={**uuids("producer_id"), **dates("on")}),
        lambda app: app.channels.end_link,
        views.producer_view,
    )

    RecordCampaign = command_rpc(
        Shape(convert=dates("held_on")), lambda app: app.outreach.campaign, views.record_view
    )
    RecordTraining = command_rpc(
        Shape(convert=dates("starts_on", "ends_on")),
        lambda app: app.outreach.training,
        views.record_view,
    )
    GrantSupport = command_rpc(
        Shape(convert={**uuids("producer_id"), **dates("granted_on")}),
        lambda app: app.outreach.grant,
        views.record_view,
    )

    @handles_rejections
    def GetPlan(self, request: pb.GetPlanRequest, context: grpc.ServicerContext) -> pb.PlanView:
        return views.plan_view(self.app.queries.plan(own_unit(request.jurisdiction), request.year))

    @handles_rejections
    def GetShares(self, request: pb.SharesRequest, context: grpc.ServicerContext) -> pb.SharesView:
        on = parse_date("on", request.on) if request.on else self.app.clock.today()
        return views.shares_view(self.app.queries.shares(own_unit(request.jurisdiction), on))

    @handles_rejections
    def ListShowrooms(
        self, request: pb.ListShowroomsRequest, context: grpc.ServicerContext
    ) -> pb.ShowroomList:
        found = self.app.queries.showrooms(
            own_unit(request.jurisdiction), include_closed=request.include_closed
        )
        rows, next_token, total = listed(
            found, request, lambda s: (s.name, s.address, s.operator), lambda s: str(s.name)
        )
        return pb.ShowroomList(
            showrooms=[views.showroom_view(s) for s in rows],
            next_page_token=next_token,
            total=total,
        )

    @handles_rejections
    def GetProducerHistory(
        self, request: pb.ProducerHistoryRequest, context: grpc.ServicerContext
    ) -> pb.HistoryView:
        producer_id = parse_uuid("producer_id", request.producer_id)
        producer = self.app.producer(producer_id)
        return views.history_view(producer, self.app.queries.history(producer_id))


def register(app: PromotionApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_PromotionServicer_to_server(PromotionServicer(app), server)

    return add
