"""The one place where promotion's domain events become published contract events.

Only what `translator` maps leaves the service: the product and producer lists it keeps
(locations, certificates) and the plan's internal bookkeeping (records, amounts drawn)
stay private."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from contracts import promotion as c
from contracts import topics
from contracts.envelope import IntegrationEvent
from runtime.commands import envelope_fields

Out = Sequence[tuple[str, IntegrationEvent]]


def _out(event: IntegrationEvent) -> Out:
    return ((topics.PROMOTION_EVENTS, event),)


def _uuid(value: str) -> UUID | None:
    return UUID(value) if value else None


def _activity(entry: dict[str, Any]) -> c.PlannedActivity:
    return c.PlannedActivity(**{k: entry[k] for k in c.PlannedActivity.model_fields})


def translator(load: Callable[[UUID, int], Any]) -> Callable[[Any], Out]:
    """The relay's translation; `load(id, version)` gives the aggregate as it was after
    an event (events on a producer or a plan need its id, unit and year)."""

    def at(event: Any) -> Any:
        return load(event.originator_id, event.originator_version)

    def adopted(e: Any) -> Out:
        return _out(
            c.PromotionPlanAdopted(
                **envelope_fields(e),
                jurisdiction=e.jurisdiction,
                year=e.year,
                title=e.title,
                budget_lines=[c.BudgetLine(**line) for line in e.budget_lines],
                activities=[_activity(a) for a in e.activities],
            )
        )

    def activity_added(e: Any) -> Out:
        plan = at(e)
        return _out(
            c.PromotionActivityAdded(
                **envelope_fields(e),
                jurisdiction=plan.jurisdiction,
                year=plan.year,
                activity=_activity(e.activity),
            )
        )

    def activity_completed(e: Any) -> Out:
        plan = at(e)
        return _out(
            c.PromotionActivityCompleted(
                **envelope_fields(e), jurisdiction=plan.jurisdiction, year=plan.year, code=e.code
            )
        )

    def joined(e: Any) -> Out:
        ch = e.channel
        return _out(
            c.SalesChannelJoined(
                **envelope_fields(e),
                producer_id=at(e).producer_id,
                channel_id=UUID(ch["channel_id"]),
                channel_type=ch["channel_type"],
                modern=ch["modern"],
                partner=ch["partner"],
                since=ch["since"],
                until=ch["until"],
                product_ids=[UUID(p) for p in ch["products"]],
            )
        )

    def left(e: Any) -> Out:
        producer = at(e)
        return _out(
            c.SalesChannelLeft(
                **envelope_fields(e),
                producer_id=producer.producer_id,
                channel_id=UUID(e.channel_id),
                channel_type=producer.channels[e.channel_id]["channel_type"],
                left_on=e.on,
            )
        )

    def listing_withdrawn(e: Any) -> Out:
        return _withdrawn(e, "channel", UUID(e.channel_id))

    def linked(e: Any) -> Out:
        link = e.link
        return _out(
            c.ValueChainLinked(
                **envelope_fields(e),
                producer_id=at(e).producer_id,
                link_id=UUID(link["link_id"]),
                **{
                    k: link[k]
                    for k in (
                        "raw_material_area",
                        "area",
                        "area_unit",
                        "partner_kind",
                        "partner",
                        "contract_no",
                        "since",
                        "until",
                    )
                },
            )
        )

    def chain_ended(e: Any) -> Out:
        return _out(
            c.ValueChainEnded(
                **envelope_fields(e),
                producer_id=at(e).producer_id,
                link_id=UUID(e.link_id),
                ended_on=e.on,
            )
        )

    def fair_held(e: Any) -> Out:
        return _out(
            c.FairHeld(
                **envelope_fields(e),
                name=e.name,
                place=e.place,
                location=e.location,
                starts_on=e.starts_on,
                ends_on=e.ends_on,
                organiser=e.organiser,
                jurisdiction=e.jurisdiction,
                activity_code=e.activity_code,
            )
        )

    def _participation(e: Any, entry: dict[str, Any]) -> Out:
        return _out(
            c.FairParticipationRecorded(
                **envelope_fields(e),
                fair_id=e.originator_id,
                product_id=UUID(entry["product_id"]),
                producer_id=_uuid(entry["producer_id"]),
                certificate_no=entry["certificate_no"],
                contracts=entry.get("contracts", 0),
                sales_vnd=entry.get("sales_vnd", 0),
            )
        )

    def participated(e: Any) -> Out:
        return _participation(e, e.entry)

    def resulted(e: Any) -> Out:
        return _participation(e, at(e).participants[e.product_id])

    def _withdrawn(e: Any, where: c.WithdrawnFrom, place: UUID) -> Out:
        return _out(
            c.ProductWithdrawn(
                **envelope_fields(e),
                product_id=UUID(e.product_id),
                withdrawn_from=where,
                place_id=place,
                reason=e.reason,
                certificate_no=getattr(e, "certificate_no", ""),
                withdrawn_on=e.on,
            )
        )

    def opened(e: Any) -> Out:
        return _out(
            c.ShowroomOpened(
                **envelope_fields(e),
                name=e.name,
                address=e.address,
                commune_code=e.commune_code,
                province_code=e.province_code,
                district_code=e.district_code,
                operator=e.operator,
                opened_on=e.opened_on,
            )
        )

    def closed(e: Any) -> Out:
        return _out(c.ShowroomClosed(**envelope_fields(e), closed_on=e.on))

    def displayed(e: Any) -> Out:
        entry = e.entry
        return _out(
            c.ProductDisplayed(
                **envelope_fields(e),
                product_id=UUID(entry["product_id"]),
                producer_id=_uuid(entry["producer_id"]),
                certificate_no=entry["certificate_no"],
                since=entry["since"],
            )
        )

    def campaign(e: Any) -> Out:
        return _out(
            c.CampaignHeld(
                **envelope_fields(e),
                title=e.title,
                channel=e.channel,
                audience=e.audience,
                held_on=e.held_on,
                jurisdiction=e.jurisdiction,
                activity_code=e.activity_code,
            )
        )

    def training(e: Any) -> Out:
        return _out(
            c.TrainingHeld(
                **envelope_fields(e),
                topic=e.topic,
                organiser=e.organiser,
                starts_on=e.starts_on,
                ends_on=e.ends_on,
                participants=e.participants,
                jurisdiction=e.jurisdiction,
                activity_code=e.activity_code,
            )
        )

    def granted(e: Any) -> Out:
        return _out(
            c.SupportGranted(
                **envelope_fields(e),
                producer_id=UUID(e.producer_id),
                kind=e.kind,
                amount_vnd=e.amount_vnd,
                funding_source=e.funding_source,
                granted_on=e.granted_on,
                jurisdiction=e.jurisdiction,
                plan_id=_uuid(e.plan_id),
                budget_line=e.budget_line,
                activity_code=e.activity_code,
            )
        )

    published: dict[str, Callable[[Any], Out]] = {
        "PromotionPlan.Adopted": adopted,
        "PromotionPlan.ActivityAdded": activity_added,
        "PromotionPlan.ActivityCompleted": activity_completed,
        "Producer.ChannelJoined": joined,
        "Producer.ChannelLeft": left,
        "Producer.ListingWithdrawn": listing_withdrawn,
        "Producer.ChainLinked": linked,
        "Producer.ChainEnded": chain_ended,
        "Fair.Held": fair_held,
        "Fair.ParticipationRecorded": participated,
        "Fair.ResultRecorded": resulted,
        "Fair.ProductWithdrawn": lambda e: _withdrawn(e, "fair", e.originator_id),
        "Showroom.Opened": opened,
        "Showroom.Closed": closed,
        "Showroom.ProductDisplayed": displayed,
        "Showroom.ProductWithdrawn": lambda e: _withdrawn(e, "showroom", e.originator_id),
        "Campaign.Held": campaign,
        "Training.Held": training,
        "SupportGrant.Granted": granted,
    }

    def translate(event: Any) -> Out:
        make = published.get(type(event).__qualname__)
        return make(event) if make else ()

    return translate
