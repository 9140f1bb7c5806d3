"""Steps 2-4 of the OCOP cycle: a product idea (accepted, or returned and resubmitted), then
its business plan (approved, or returned), before the product is registered."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from runtime.commands import CommandContext
from runtime.text import nfc
from services.registration.application.inputs import required
from services.registration.application.products import check_product_set
from services.registration.domain.idea import ProductIdea

if TYPE_CHECKING:
    from services.registration.application.app import RegistrationApp


class IdeaCommands:
    """Each step returns the idea's new status; a step out of order is FAILED_PRECONDITION."""

    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

    def register_idea(
        self,
        ctx: CommandContext,
        *,
        producer_id: UUID,
        name: str,
        product_set: int,
        submitted_on: date,
        description: str = "",
    ) -> UUID:
        self.app.not_future("submitted_on", submitted_on)
        producer = self.app.registered_producer(producer_id)  # kind only
        check_product_set(producer, product_set, submitted_on)
        idea = ProductIdea(
            producer_id=producer.id,
            name=required("name", nfc(name)),
            product_set=product_set,
            description=nfc(description),
            submitted_on=submitted_on,
            meta=ctx.meta(),
        )
        self.app.save(idea)
        return idea.id

    def accept_idea(self, ctx: CommandContext, *, idea_id: UUID, decided_on: date) -> str:
        self.app.not_future("decided_on", decided_on)
        idea = self.app.get_idea(idea_id)
        idea.advance(ProductIdea.Accepted, decided_on=decided_on, meta=ctx.meta())
        return self._save(idea)

    def return_idea(
        self, ctx: CommandContext, *, idea_id: UUID, reason: str, decided_on: date
    ) -> str:
        self.app.not_future("decided_on", decided_on)
        idea = self.app.get_idea(idea_id)
        reason = required("reason", nfc(reason))
        idea.advance(ProductIdea.Returned, reason=reason, decided_on=decided_on, meta=ctx.meta())
        return self._save(idea)

    def resubmit_idea(
        self, ctx: CommandContext, *, idea_id: UUID, submitted_on: date, description: str = ""
    ) -> str:
        self.app.not_future("submitted_on", submitted_on)
        idea = self.app.get_idea(idea_id)
        idea.advance(
            ProductIdea.Resubmitted,
            description=nfc(description),
            submitted_on=submitted_on,
            meta=ctx.meta(),
        )
        return self._save(idea)

    def submit_business_plan(
        self, ctx: CommandContext, *, idea_id: UUID, summary: str, submitted_on: date
    ) -> str:
        self.app.not_future("submitted_on", submitted_on)
        idea = self.app.get_idea(idea_id)
        summary = required("summary", nfc(summary))
        idea.advance(
            ProductIdea.PlanSubmitted, summary=summary, submitted_on=submitted_on, meta=ctx.meta()
        )
        return self._save(idea)

    def approve_business_plan(self, ctx: CommandContext, *, idea_id: UUID, decided_on: date) -> str:
        self.app.not_future("decided_on", decided_on)
        idea = self.app.get_idea(idea_id)
        idea.advance(ProductIdea.PlanApproved, decided_on=decided_on, meta=ctx.meta())
        return self._save(idea)

    def return_business_plan(
        self, ctx: CommandContext, *, idea_id: UUID, reason: str, decided_on: date
    ) -> str:
        self.app.not_future("decided_on", decided_on)
        idea = self.app.get_idea(idea_id)
        reason = required("reason", nfc(reason))
        idea.advance(
            ProductIdea.PlanReturned, reason=reason, decided_on=decided_on, meta=ctx.meta()
        )
        return self._save(idea)

    def _save(self, idea: ProductIdea) -> str:
        self.app.save(idea)
        return idea.status
