"""Views out of the promotion service: each aggregate or query answer as its gRPC reply
message (dates ISO yyyy-mm-dd, "" when unknown)."""

from __future__ import annotations

from datetime import date
from typing import Any

from contracts.rpc import promotion_pb2 as pb
from services.promotion.application.queries import Shares
from services.promotion.domain.outreach import Campaign, SupportGrant, Training
from services.promotion.domain.plan import PromotionPlan
from services.promotion.domain.products import Producer
from services.promotion.domain.venues import Fair, Showroom


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


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


def history_view(producer: Producer, rows: list[dict[str, Any]]) -> pb.HistoryView:
    return pb.HistoryView(
        producer_id=str(producer.producer_id),
        name=producer.name,
        entries=[
            pb.HistoryEntry(
                on=_d(r["on"]),
                kind=r["kind"],
                detail=r["detail"],
                ref=r["ref"],
                reason=r.get("reason", ""),
            )
            for r in rows
        ],
    )
