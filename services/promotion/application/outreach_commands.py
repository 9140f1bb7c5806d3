"""Commands on outreach and support (seed plan III.1-III.2, IV): a communication
campaign held, a training course held, support granted to a producer.

Support is charged to a budget line of the plan of the actor's unit for the year of the
grant when one is named; the line's amount may not be exceeded (failed_precondition,
field amount_vnd). Amounts are VND integers, positive."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from uuid import UUID

from runtime.commands import CommandContext
from runtime.errors import invalid, not_found
from services.promotion.application.core import PromotionStore, one_of, text
from services.promotion.domain.outreach import Campaign, SupportGrant, Training
from services.promotion.domain.values import (
    FUNDING_SOURCES,
    OUTREACH_CHANNELS,
    SUPPORT_KINDS,
    TRAINEE_ROLES,
)


class OutreachCommands:
    """Communication campaigns, training courses, support and funding."""

    def __init__(self, store: PromotionStore) -> None:
        self.store = store

    def campaign(
        self,
        ctx: CommandContext,
        *,
        title: str,
        channel: str,
        audience: str,
        held_on: date,
        activity_code: str = "",
    ) -> Campaign:
        unit = self.store.office(ctx.actor)
        kind = one_of("channel", channel, OUTREACH_CHANNELS)
        self.store.past("held_on", held_on)
        plan = self.store.activity_plan(unit, held_on, activity_code)
        campaign = Campaign(
            title=text("title", title),
            channel=kind,
            audience=text("audience", audience),
            held_on=held_on,
            jurisdiction=unit,
            activity_code=activity_code,
            meta=ctx.meta(),
        )
        return self.store.save_activity(campaign, plan, "campaign", ctx.meta, activity_code)

    def training(
        self,
        ctx: CommandContext,
        *,
        topic: str,
        organiser: str,
        starts_on: date,
        ends_on: date,
        participants: Mapping[str, int],
        activity_code: str = "",
    ) -> Training:
        unit = self.store.office(ctx.actor)
        self.store.past("starts_on", starts_on)
        self.store.past("ends_on", ends_on)
        self.store.span("starts_on", starts_on, "ends_on", ends_on)
        counts: dict[str, int] = {}
        for role, count in participants.items():
            one_of("participants", role, TRAINEE_ROLES)
            if count < 0:
                raise invalid("participants", "Số người âm.", "A negative count.")
            counts[role] = int(count)
        if not sum(counts.values()):
            raise invalid("participants", "Chưa có học viên.", "No participants.")
        plan = self.store.activity_plan(unit, starts_on, activity_code)
        training = Training(
            topic=text("topic", topic),
            organiser=text("organiser", organiser),
            starts_on=starts_on,
            ends_on=ends_on,
            participants=counts,
            jurisdiction=unit,
            activity_code=activity_code,
            meta=ctx.meta(),
        )
        return self.store.save_activity(training, plan, "training", ctx.meta, activity_code)

    def grant(
        self,
        ctx: CommandContext,
        *,
        producer_id: UUID,
        kind: str,
        amount_vnd: int,
        funding_source: str,
        granted_on: date,
        budget_line: str = "",
        activity_code: str = "",
        note: str = "",
    ) -> SupportGrant:
        unit = self.store.office(ctx.actor)
        producer = self.store.producer(producer_id)
        self.store.within(ctx.actor, producer)
        kind = one_of("kind", kind, SUPPORT_KINDS)
        source = one_of("funding_source", funding_source, FUNDING_SOURCES)
        if amount_vnd <= 0:
            raise invalid("amount_vnd", "Số tiền phải dương.", "The amount must be positive.")
        self.store.past("granted_on", granted_on)
        plan = self.store.activity_plan(unit, granted_on, activity_code)
        if budget_line:
            plan = plan or self.store.plan_of(unit, granted_on.year)
            if plan is None:
                raise not_found(
                    "budget_line",
                    f"Địa bàn {unit} chưa có kế hoạch năm {granted_on.year}.",
                    f"Unit {unit} has no {granted_on.year} plan.",
                )
            plan.check_grant(budget_line, amount_vnd)
        grant = SupportGrant(
            producer_id=str(producer_id),
            kind=kind,
            amount_vnd=amount_vnd,
            funding_source=source,
            granted_on=granted_on,
            jurisdiction=unit,
            plan_id=str(plan.id) if plan is not None else "",
            budget_line=budget_line,
            activity_code=activity_code,
            note=text("note", note, required=False),
            meta=ctx.meta(),
        )
        # a plan is here only for an activity or a budget line: the grant is recorded there
        return self.store.save_activity(
            grant, plan, "support", ctx.meta, activity_code, amount_vnd, budget_line
        )
