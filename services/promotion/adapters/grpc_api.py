"""gRPC adapter of the promotion service: requests in, application calls, views out.

A command RPC is one row (`runtime.rpc_mapping.command_rpc`): the request's `Shape` (only
the fields that need converting are named), the application command it calls and the
view of what it returns. Queries read more than one thing and are methods."""

from __future__ import annotations

from datetime import date
from typing import Any

import grpc

from contracts.rpc import promotion_pb2 as pb
from contracts.rpc import promotion_pb2_grpc as pb_grpc
from runtime.listing import listed
from runtime.rpc import Register, handles_rejections, parse_date, parse_uuid
from runtime.rpc_mapping import Shape, as_uuids, command_rpc, dates, optional, uuids
from services.promotion.application import PromotionApp
from services.promotion.application.queries import Shares
from services.promotion.domain.outreach import Campaign, SupportGrant, Training
from services.promotion.domain.plan import PromotionPlan
from services.promotion.domain.products import Producer
from services.promotion.domain.venues import Fair, Showroom

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Promotion"].full_name


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _rows(name: str, values: list[Any]) -> list[dict[str, Any]]:
    """Repeated messages (budget lines, activities) as plain dicts."""
    return [{f.name: getattr(v, f.name) for f in v.DESCRIPTOR.fields} for v in values]


def _row(name: str, value: Any) -> dict[str, Any]:
    return _rows(name, [value])[0]


def plan_view(plan: PromotionPlan) -> pb.PlanView:
    return pb.PlanView(
        plan_id=str(plan.id),
        jurisdiction=plan.jurisdiction,
        year=plan.year,
        title=plan.title,
        budget_lines=[
            pb.BudgetUse(**line, granted_vnd=plan.granted.get(code, 0))
            for code, line in plan.budget_lines.items()
        ],
        activities=[
            pb.Activity(
                **{
                    k: a[k]
                    for k in (
                        "code",
                        "title",
                        "kind",
                        "lead_unit",
                        "with_units",
                        "budget_line",
                        "budget_vnd",
                        "status",
                    )
                },
                records=len(a["records"]),
            )
            for a in plan.activities.values()
        ],
    )


def _display(entry: dict[str, Any]) -> pb.Display:
    return pb.Display(
        product_id=entry["product_id"],
        product_name=entry["product_name"],
        producer_id=entry["producer_id"],
        certificate_no=entry["certificate_no"],
        star=entry["star"],
        since=_d(entry["since"]),
        until=_d(entry.get("until")),
        reason=entry.get("reason", ""),
    )


def showroom_view(showroom: Showroom) -> pb.ShowroomView:
    return pb.ShowroomView(
        showroom_id=str(showroom.id),
        name=showroom.name,
        address=showroom.address,
        commune_code=showroom.commune_code,
        province_code=showroom.province_code,
        operator=showroom.operator,
        opened_on=_d(showroom.opened_on),
        closed_on=_d(showroom.closed_on),
        displayed=[_display(e) for e in showroom.displayed.values()],
        past=[_display(e) for e in showroom.past],
    )


def _participant(entry: dict[str, Any]) -> pb.Participant:
    return pb.Participant(
        product_id=entry["product_id"],
        product_name=entry["product_name"],
        producer_id=entry["producer_id"],
        certificate_no=entry["certificate_no"],
        contracts=entry.get("contracts", 0),
        sales_vnd=entry.get("sales_vnd", 0),
        reason=entry.get("reason", ""),
        withdrawn_on=_d(entry.get("on")),
    )


def fair_view(fair: Fair) -> pb.FairView:
    return pb.FairView(
        fair_id=str(fair.id),
        name=fair.name,
        place=fair.place,
        location=fair.location,
        starts_on=_d(fair.starts_on),
        ends_on=_d(fair.ends_on),
        organiser=fair.organiser,
        participants=[_participant(e) for e in fair.participants.values()],
        withdrawn=[_participant(e) for e in fair.withdrawn.values()],
    )


def producer_view(producer: Producer) -> pb.ProducerView:
    return pb.ProducerView(
        producer_id=str(producer.producer_id),
        name=producer.name,
        commune_code=producer.commune_code,
        channels=[
            pb.Channel(
                channel_id=c["channel_id"],
                channel_type=c["channel_type"],
                modern=c["modern"],
                partner=c["partner"],
                since=_d(c["since"]),
                until=_d(c["until"]),
                product_ids=c["products"],
            )
            for c in producer.channels.values()
        ],
        value_chains=[
            pb.ValueChain(
                **{k: v for k, v in link.items() if k not in ("since", "until")},
                since=_d(link["since"]),
                until=_d(link["until"]),
            )
            for link in producer.chains.values()
        ],
    )


def record_view(record: Campaign | Training | SupportGrant) -> pb.RecordView:
    if isinstance(record, Campaign):
        kind, on = "campaign", record.held_on
    elif isinstance(record, Training):
        kind, on = "training", record.starts_on
    else:
        kind, on = "support", record.granted_on
    return pb.RecordView(
        record_id=str(record.id), kind=kind, on=_d(on), jurisdiction=record.jurisdiction
    )


def shares_view(shares: Shares) -> pb.SharesView:
    return pb.SharesView(
        jurisdiction=shares.jurisdiction,
        on=_d(shares.on),
        ocop_producers=shares.ocop_producers,
        in_modern_channels=shares.in_modern_channels,
        modern_channel_share=str(shares.modern_channel_share),
        in_value_chains=shares.in_value_chains,
        value_chain_share=str(shares.value_chain_share),
        targets=[
            pb.Target(
                code=t["code"],
                label=t["label"],
                label_en=t["label_en"],
                minimum=str(t["minimum"]),
                stretch=str(t["stretch"] or ""),
                status=t["status"],
                source=t["source"],
            )
            for t in shares.targets
        ],
    )


SHOWROOM = Shape(convert=uuids("showroom_id", "product_id"))
PRODUCER = Shape(convert=uuids("producer_id"))


class PromotionServicer(pb_grpc.PromotionServicer):
    def __init__(self, app: PromotionApp) -> None:
        self.app = app

    AdoptPlan = command_rpc(
        Shape(convert={"budget_lines": _rows, "activities": _rows}),
        lambda app: app.plans.adopt,
        plan_view,
    )
    AddActivity = command_rpc(
        Shape(convert={"activity": _row}, rename={"activity": "entry"}),
        lambda app: app.plans.add_activity,
        plan_view,
    )
    CompleteActivity = command_rpc(Shape(), lambda app: app.plans.complete, plan_view)

    OpenShowroom = command_rpc(
        Shape(convert=dates("opened_on")), lambda app: app.venues.open_showroom, showroom_view
    )
    CloseShowroom = command_rpc(
        Shape(convert={**uuids("showroom_id"), **dates("closed_on")}),
        lambda app: app.venues.close_showroom,
        showroom_view,
    )
    DisplayProduct = command_rpc(
        Shape(convert={**uuids("showroom_id", "product_id"), **dates("since")}),
        lambda app: app.venues.display,
        showroom_view,
    )
    TakeDownProduct = command_rpc(
        Shape(convert={**uuids("showroom_id", "product_id"), **dates("on")}),
        lambda app: app.venues.take_down,
        showroom_view,
    )

    RecordFair = command_rpc(
        Shape(convert=dates("starts_on", "ends_on")), lambda app: app.venues.record_fair, fair_view
    )
    RecordParticipation = command_rpc(
        Shape(convert=uuids("fair_id", "product_id")), lambda app: app.venues.participate, fair_view
    )
    RecordFairResult = command_rpc(
        Shape(convert=uuids("fair_id", "product_id")),
        lambda app: app.venues.record_result,
        fair_view,
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
        producer_view,
    )
    LeaveChannel = command_rpc(
        Shape(convert={**uuids("producer_id"), **dates("on")}),
        lambda app: app.channels.leave,
        producer_view,
    )
    LinkValueChain = command_rpc(
        Shape(convert={**uuids("producer_id"), **dates("since"), "until": optional(parse_date)}),
        lambda app: app.channels.link,
        producer_view,
    )
    EndValueChain = command_rpc(
        Shape(convert={**uuids("producer_id"), **dates("on")}),
        lambda app: app.channels.end_link,
        producer_view,
    )

    RecordCampaign = command_rpc(
        Shape(convert=dates("held_on")), lambda app: app.outreach.campaign, record_view
    )
    RecordTraining = command_rpc(
        Shape(convert=dates("starts_on", "ends_on")), lambda app: app.outreach.training, record_view
    )
    GrantSupport = command_rpc(
        Shape(convert={**uuids("producer_id"), **dates("granted_on")}),
        lambda app: app.outreach.grant,
        record_view,
    )

    @handles_rejections
    def GetPlan(self, request: pb.GetPlanRequest, context: grpc.ServicerContext) -> pb.PlanView:
        return plan_view(self.app.queries.plan(request.jurisdiction, request.year))

    @handles_rejections
    def GetShares(self, request: pb.SharesRequest, context: grpc.ServicerContext) -> pb.SharesView:
        on = parse_date("on", request.on) if request.on else self.app.clock.today()
        return shares_view(self.app.queries.shares(request.jurisdiction, on))

    @handles_rejections
    def ListShowrooms(
        self, request: pb.ListShowroomsRequest, context: grpc.ServicerContext
    ) -> pb.ShowroomList:
        found = self.app.queries.showrooms(
            request.jurisdiction, include_closed=request.include_closed
        )
        rows, next_token, total = listed(
            found, request, lambda s: (s.name, s.address, s.operator), lambda s: str(s.name)
        )
        return pb.ShowroomList(
            showrooms=[showroom_view(s) for s in rows], next_page_token=next_token, total=total
        )

    @handles_rejections
    def GetProducerHistory(
        self, request: pb.ProducerHistoryRequest, context: grpc.ServicerContext
    ) -> pb.HistoryView:
        producer_id = parse_uuid("producer_id", request.producer_id)
        producer = self.app.producer(producer_id)
        return pb.HistoryView(
            producer_id=str(producer_id),
            name=producer.name,
            entries=[
                pb.HistoryEntry(
                    on=_d(r["on"]),
                    kind=r["kind"],
                    detail=r["detail"],
                    ref=r["ref"],
                    reason=r.get("reason", ""),
                )
                for r in self.app.queries.history(producer_id)
            ],
        )


def register(app: PromotionApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_PromotionServicer_to_server(PromotionServicer(app), server)

    return add
