"""The one place where promotion's domain events become published contract events.

Only what `translator`'s table maps leaves the service: the product and producer lists
it keeps (locations, certificates) and the plan's internal bookkeeping (records, amounts
drawn) stay private. Each contract's fields are read by name from the event or the entry
it carries (`runtime.outbound.contract`); what differs is given here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from contracts import promotion as c
from contracts import topics
from runtime.outbound import Translate, contract, translator_of, uuid_or_none


def _activity(entry: dict[str, Any]) -> c.PlannedActivity:
    return c.PlannedActivity(**{k: entry[k] for k in c.PlannedActivity.model_fields})


def _withdrawn(e: Any, where: c.WithdrawnFrom, place: UUID) -> c.ProductWithdrawn:
    return contract(
        c.ProductWithdrawn,
        e,
        product_id=UUID(e.product_id),
        withdrawn_from=where,
        place_id=place,
        certificate_no=getattr(e, "certificate_no", ""),
        withdrawn_on=e.on,
    )


def _participation(e: Any, entry: dict[str, Any]) -> c.FairParticipationRecorded:
    return contract(
        c.FairParticipationRecorded,
        e,
        entry,
        fair_id=e.originator_id,
        product_id=UUID(entry["product_id"]),
        producer_id=uuid_or_none(entry["producer_id"]),
        contracts=entry.get("contracts", 0),
        sales_vnd=entry.get("sales_vnd", 0),
    )


def _displayed(e: Any) -> c.ProductDisplayed:
    entry = e.entry
    return contract(
        c.ProductDisplayed,
        e,
        entry,
        product_id=UUID(entry["product_id"]),
        producer_id=uuid_or_none(entry["producer_id"]),
    )


def _left(e: Any, producer: Any) -> c.SalesChannelLeft:
    return contract(
        c.SalesChannelLeft,
        e,
        producer_id=producer.producer_id,
        channel_id=UUID(e.channel_id),
        channel_type=producer.channels[e.channel_id]["channel_type"],
        left_on=e.on,
    )


def _chain_ended(e: Any, producer: Any) -> c.ValueChainEnded:
    return contract(
        c.ValueChainEnded,
        e,
        producer_id=producer.producer_id,
        link_id=UUID(e.link_id),
        ended_on=e.on,
    )


def translator(load: Callable[[UUID, int], Any]) -> Translate:
    """The relay's translation; `load(id, version)` gives the aggregate as it was after
    an event (events on a producer or a plan need its id, unit and year)."""

    def at(event: Any) -> Any:
        return load(event.originator_id, event.originator_version)

    published: dict[str, Callable[[Any], Any]] = {
        "PromotionPlan.Adopted": lambda e: contract(
            c.PromotionPlanAdopted,
            e,
            budget_lines=[c.BudgetLine(**line) for line in e.budget_lines],
            activities=[_activity(a) for a in e.activities],
        ),
        "PromotionPlan.ActivityAdded": lambda e: contract(
            c.PromotionActivityAdded, e, at(e), activity=_activity(e.activity)
        ),
        "PromotionPlan.ActivityCompleted": lambda e: contract(
            c.PromotionActivityCompleted, e, at(e), code=e.code
        ),
        "Producer.ChannelJoined": lambda e: contract(
            c.SalesChannelJoined,
            e,
            e.channel,
            producer_id=at(e).producer_id,
            channel_id=UUID(e.channel["channel_id"]),
            product_ids=[UUID(p) for p in e.channel["products"]],
        ),
        "Producer.ChannelLeft": lambda e: _left(e, at(e)),
        "Producer.ListingWithdrawn": lambda e: _withdrawn(e, "channel", UUID(e.channel_id)),
        "Producer.ChainLinked": lambda e: contract(
            c.ValueChainLinked,
            e,
            e.link,
            producer_id=at(e).producer_id,
            link_id=UUID(e.link["link_id"]),
        ),
        "Producer.ChainEnded": lambda e: _chain_ended(e, at(e)),
        "Fair.Held": lambda e: contract(c.FairHeld, e),
        "Fair.ParticipationRecorded": lambda e: _participation(e, e.entry),
        "Fair.ResultRecorded": lambda e: _participation(e, at(e).participants[e.product_id]),
        "Fair.ProductWithdrawn": lambda e: _withdrawn(e, "fair", e.originator_id),
        "Showroom.Opened": lambda e: contract(c.ShowroomOpened, e),
        "Showroom.Closed": lambda e: contract(c.ShowroomClosed, e, closed_on=e.on),
        "Showroom.ProductDisplayed": _displayed,
        "Showroom.ProductWithdrawn": lambda e: _withdrawn(e, "showroom", e.originator_id),
        "Campaign.Held": lambda e: contract(c.CampaignHeld, e),
        "Training.Held": lambda e: contract(c.TrainingHeld, e),
        "SupportGrant.Granted": lambda e: contract(
            c.SupportGranted,
            e,
            producer_id=UUID(e.producer_id),
            plan_id=uuid_or_none(e.plan_id),
        ),
    }
    return translator_of(topics.PROMOTION_EVENTS, published)
