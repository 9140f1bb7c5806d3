"""The rows inspection's and promotion's events set in the KPI read models (what happens
to a product after its certificate: inspections, sales channels, value chains,
showrooms); `fact_writes.writes` chooses them by the event's source. Pure."""

from __future__ import annotations

from typing import Any

from contracts import inspection as ins
from contracts import promotion as pr
from services.reporting.domain import facts
from services.reporting.domain.facts import Write, iso, row, unit_path


def inspection(event: Any, on: str) -> list[Write]:
    """What an event of inspection writes (`on`: the day it occurred, Vietnam time)."""
    match event:
        case ins.InspectionPlanned():
            return [
                Write(
                    "kpi_inspection_plans",
                    {"plan_id": str(event.aggregate_id), "product_id": str(item.product_id)},
                    {
                        "jurisdiction": event.jurisdiction,
                        "period": event.period,
                        "starts_on": iso(event.starts_on),
                        "ends_on": iso(event.ends_on),
                        "certificate_no": item.certificate_no,
                    },
                )
                for item in event.products
            ]
        case (
            ins.InspectionPassed()
            | ins.RemediationRequired()
            | ins.RemediationCompleted()
            | ins.RemediationOverdue()
            | ins.InspectionFailed()
        ):
            concluded = getattr(event, "concluded_on", None) or getattr(event, "overdue_on", None)
            values = {
                "product_id": str(event.product_id),
                "plan_id": str(event.plan_id or ""),
                "outcome": facts.INSPECTION_OUTCOMES[event.event_type],
                "inspection_kind": event.inspection_kind,
                "concluded_on": iso(concluded),
                "conclusion_no": event.conclusion_no,
            }
            return row("kpi_inspections", {"event_id": event.event_id}, **values)
    return []


def promotion(event: Any, on: str) -> list[Write]:  # noqa: PLR0911 (one branch per event)
    """What an event of promotion writes (`on`: the day it occurred, Vietnam time)."""
    match event:
        case pr.SalesChannelJoined():
            return row(
                "kpi_channels",
                {"channel_id": event.channel_id, "producer_id": event.producer_id},
                channel_type=event.channel_type,
                modern="1" if event.modern else "0",
                since=iso(event.since),
                until=iso(event.until),
            )
        case pr.SalesChannelLeft():
            key = {"channel_id": event.channel_id, "producer_id": event.producer_id}
            return row("kpi_channels", key, left_on=iso(event.left_on))
        case pr.ValueChainLinked():
            return row(
                "kpi_value_chains",
                {"link_id": event.link_id},
                producer_id=str(event.producer_id),
                since=iso(event.since),
                until=iso(event.until),
            )
        case pr.ValueChainEnded():
            ended = iso(event.ended_on)
            key = {"link_id": event.link_id}
            return row("kpi_value_chains", key, producer_id=str(event.producer_id), ended_on=ended)
        case pr.ShowroomOpened():
            return row(
                "kpi_showrooms",
                {"showroom_id": event.aggregate_id},
                name=event.name,
                units=unit_path(event),
                opened_on=iso(event.opened_on),
            )
        case pr.ShowroomClosed():
            closed = iso(event.closed_on)
            return row("kpi_showrooms", {"showroom_id": event.aggregate_id}, closed_on=closed)
    return []
