"""Commands on inspection plans: generate the plan of a period, add a product by hand,
schedule (or reschedule) a product's inspection with its date, lead agency and team.

Who is due: every product of the jurisdiction whose certificate is in force on the
period's first day and whose star the actor's level inspects under the certificate's
rule set (`rules` authorities). A product certified during a period is first due in the
next one; one whose certificate ended is not due (and leaves plans already made)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from rules import Tier
from runtime.commands import CommandContext
from runtime.errors import forbidden, precondition
from services.inspection.application import rulebook
from services.inspection.application.checks import lead, official_tier, team_of
from services.inspection.application.core import InspectionStore, entry_of
from services.inspection.domain.inspection import Inspection
from services.inspection.domain.plan import InspectionPlan
from services.inspection.domain.products import CertifiedProduct
from services.inspection.domain.values import Period

DEFAULT_TEAM: tuple[tuple[str, str], ...] = ()


class PlanCommands:
    """Plans per period (kế hoạch kiểm tra định kỳ)."""

    def __init__(self, store: InspectionStore) -> None:
        self.store = store

    def period_of(self, on: date) -> tuple[Period, str]:
        found = rulebook.cadence(self.store.deployment, on)
        if found is None:
            raise precondition(
                "period",
                f"Không có quy định về tần suất kiểm tra định kỳ áp dụng ngày {on:%d/%m/%Y}.",
                f"No periodic-inspection cadence applies on {on:%d/%m/%Y}.",
            )
        months, source = found
        return Period.containing(on, months), source

    def due(self, tier: Tier, jurisdiction: str, period: Period) -> list[CertifiedProduct]:
        """Products of `jurisdiction` under certificate on the period's first day that
        `tier` inspects and whose rule set (with the local policies) inspects periodically."""
        found = []
        for product in self.store.all_products():
            cert = product.in_force_on(period.starts_on)
            if cert is None:
                continue
            if tier != Tier.CENTRAL and not product.located_in(jurisdiction):
                continue
            rule_set_id, star = cert["rule_set_id"], cert["star"]
            if (
                rulebook.periodic(self.store.deployment, rule_set_id, star, period.starts_on)
                is None
            ):
                continue  # its rule set and the policies set no periodic inspection
            if tier in rulebook.inspectors(rule_set_id, star, period.starts_on):
                found.append(product)
        return sorted(found, key=lambda p: (p.name, str(p.product_id)))

    def generate(
        self,
        ctx: CommandContext,
        *,
        on: date,
        lead_agency: str = "agriculture",
        team: Sequence[tuple[str, str]] = DEFAULT_TEAM,
    ) -> InspectionPlan:
        """The plan of the actor's jurisdiction for the period containing `on`.

        Refused: an actor with no inspecting level (actor.role), or whose level inspects
        nothing on the period's first day (actor); no cadence for the date (period); a
        plan already made for that period (period)."""
        tier = official_tier(ctx.actor)
        jurisdiction = ctx.actor.jurisdiction.strip()
        period, source = self.period_of(on)
        if not rulebook.inspects_any(tier, period.starts_on):
            raise forbidden(
                f"Từ {period.starts_on:%d/%m/%Y}, cấp này không còn thẩm quyền kiểm tra sản phẩm OCOP.",  # noqa: E501
                f"From {period.starts_on:%d/%m/%Y} this level inspects no OCOP product.",
            )
        agency = lead(lead_agency)
        members = team_of(team, required=False)
        plan_id = InspectionPlan.id_for(tier.value, jurisdiction, period.key)
        if self.store.get_as(plan_id, InspectionPlan) is not None:
            raise precondition(
                "period",
                f"Kế hoạch {period.label('vi')} của địa bàn này đã được lập.",
                f"The {period.label('en')} plan of this jurisdiction already exists.",
            )
        meta = ctx.meta()
        products = self.due(tier, jurisdiction, period)
        entries = []
        for product in products:
            cert = product.in_force_on(period.starts_on)
            assert cert is not None
            entries.append(entry_of(product, cert))
        plan = InspectionPlan(
            tier=tier.value,
            jurisdiction=jurisdiction,
            period=period.as_dict(),
            source=source,
            lead_agency=agency,
            team=members,
            entries=entries,
            meta=meta,
        )
        for product in products:
            product.planned(str(plan.id), meta)
        self.store.save(plan, *products)
        return plan

    def _own(self, ctx: CommandContext, plan: InspectionPlan) -> None:
        tier = official_tier(ctx.actor)
        if tier.value != plan.tier or ctx.actor.jurisdiction.strip() != plan.jurisdiction:
            raise forbidden(
                "Chỉ cơ quan lập kế hoạch mới được sửa kế hoạch này.",
                "Only the office that made this plan may edit it.",
            )

    def add(self, ctx: CommandContext, *, plan_id: UUID, product_id: UUID) -> InspectionPlan:
        """Add a product by hand (e.g. one certified during the period)."""
        plan = self.store.plan(plan_id)
        self._own(ctx, plan)
        product = self.store.product(product_id)
        window = plan.window
        cert = product.in_force_on(window.ends_on) or product.in_force_on(window.starts_on)
        if cert is None or product.holding() is None:
            cert = self.store.under_certificate(product, window.starts_on)
        self.store.inspector(ctx.actor, product, cert, window.starts_on)
        meta = ctx.meta()
        plan.add(entry_of(product, cert), meta)
        product.planned(str(plan.id), meta)
        self.store.save(plan, product)
        return plan

    def schedule(
        self,
        ctx: CommandContext,
        *,
        plan_id: UUID,
        product_id: UUID,
        planned_on: date,
        lead_agency: str = "agriculture",
        team: Sequence[tuple[str, str]] = (),
    ) -> Inspection:
        """Set (or change) a planned product's date, lead agency and team."""
        plan = self.store.plan(plan_id)
        self._own(ctx, plan)
        entry = plan.entry(product_id)
        agency = lead(lead_agency)
        members = team_of(team, required=False) or list(plan.team)
        inspection_id = Inspection.periodic_id(plan.id, product_id)
        meta = ctx.meta()
        plan.schedule(product_id, inspection_id, planned_on, agency, members, meta)
        inspection = self.store.get_as(inspection_id, Inspection)
        changed: list[Aggregate] = [plan]
        if inspection is None:
            inspection = Inspection(
                product={**entry, "jurisdiction": plan.jurisdiction, "tier": plan.tier},
                kind="periodic",
                trigger="",
                note="",
                plan_id=str(plan.id),
                planned_on=planned_on,
                lead_agency=agency,
                team=members,
                meta=meta,
            )
        else:
            inspection.reschedule(planned_on, agency, members, meta)
        changed.append(inspection)
        self.store.save(*changed)
        return inspection
