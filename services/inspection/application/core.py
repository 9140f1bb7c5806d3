"""What every command group of inspection shares: the store (an eventsourcing
`EventSourcedProjection`), the ports it is built with (clock, deployment, evidence
store), aggregate look-ups, and the check of who may inspect a product."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from contracts.envelope import Actor
from rules import Deployment, Tier
from rules.i18n import TIER_AUTHORITY
from runtime.blobs import BlobStore
from runtime.clock import Clock, check_past_date
from runtime.errors import forbidden, not_found, precondition
from runtime.projection import ServiceStore
from services.inspection.application import rulebook
from services.inspection.domain.inspection import Inspection
from services.inspection.domain.plan import InspectionPlan
from services.inspection.domain.products import CertifiedProduct
from services.inspection.domain.values import tier_of

SYSTEM = Actor(id="inspection", role="system", jurisdiction="")
LISTED = get_topic(CertifiedProduct.Listed)  # type: ignore[attr-defined]
SCHEDULED = get_topic(Inspection.Scheduled)  # type: ignore[attr-defined]
GENERATED = get_topic(InspectionPlan.Generated)  # type: ignore[attr-defined]


def authority_name(tier: Tier, jurisdiction: str) -> str:
    """The inspecting authority as recorded on events: 'Ủy ban nhân dân tỉnh 51'."""
    return f"{TIER_AUTHORITY[tier]['vi']} {jurisdiction}".strip()


def entry_of(product: CertifiedProduct, cert: dict[str, Any]) -> dict[str, Any]:
    """What an inspection plan and an inspection record of the product: its name, commune
    and the certificate in force (`cert`, as `InspectionStore.under_certificate` gives it)."""
    return {
        "product_id": str(product.product_id),
        "product_name": product.name,
        "commune_code": product.commune_code,
        "certificate_no": cert["number"],
        "star": cert["star"],
        "rule_set_id": cert["rule_set_id"],
    }


class InspectionStore(ServiceStore):
    """The inspection service's event store and the state every command group reads."""

    name = "inspection"

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        clock: Clock,
        deployment: Deployment,
        blobs: BlobStore,
    ) -> None:
        super().__init__(env)
        self.clock = clock
        self.deployment = deployment
        self.blobs = blobs

    # -- look-ups ------------------------------------------------------------------------

    def product(self, product_id: UUID) -> CertifiedProduct:
        found = self.get_as(CertifiedProduct.id_for(product_id), CertifiedProduct)
        if found is None or found.certificate is None:
            raise not_found(
                "product_id",
                f"Sản phẩm {product_id} chưa từng được công nhận OCOP.",
                f"Product {product_id} was never OCOP-certified.",
            )
        return found

    def plan(self, plan_id: UUID) -> InspectionPlan:
        found = self.get_as(plan_id, InspectionPlan)
        if found is None:
            raise not_found(
                "plan_id", f"Không có kế hoạch {plan_id}.", f"No inspection plan {plan_id}."
            )
        return found

    def inspection(self, inspection_id: UUID) -> Inspection:
        found = self.get_as(inspection_id, Inspection)
        if found is None:
            raise not_found(
                "inspection_id",
                f"Không có cuộc kiểm tra {inspection_id}.",
                f"No inspection {inspection_id}.",
            )
        return found

    def all_products(self) -> Iterator[CertifiedProduct]:
        for aggregate_id in self.ids_of(LISTED):
            found = self.get_as(aggregate_id, CertifiedProduct)
            if found is not None:
                yield found

    def all_inspections(self) -> Iterator[Inspection]:
        for aggregate_id in self.ids_of(SCHEDULED):
            found = self.get_as(aggregate_id, Inspection)
            if found is not None:
                yield found

    def all_plans(self) -> Iterator[InspectionPlan]:
        for aggregate_id in self.ids_of(GENERATED):
            found = self.get_as(aggregate_id, InspectionPlan)
            if found is not None:
                yield found

    # -- checks --------------------------------------------------------------------------

    def not_future(self, field: str, day: date) -> None:
        """Refuses a past fact's date after today (local date) or before the programme."""
        check_past_date(field, day, self.clock)

    def under_certificate(self, product: CertifiedProduct, on: date) -> dict[str, Any]:
        """The certificate in force on `on` (and still today), or a refusal."""
        cert = product.in_force_on(on)
        if cert is None:
            raise precondition(
                "product_id",
                f"Sản phẩm không có giấy chứng nhận OCOP còn hiệu lực vào ngày {on:%d/%m/%Y}.",
                f"The product holds no valid OCOP certificate on {on:%d/%m/%Y}.",
            )
        return cert

    def inspector(
        self, actor: Actor, product: CertifiedProduct, cert: dict[str, Any], on: date
    ) -> Tier:
        """The actor's tier if the rule set lets it inspect this product on `on`, or a refusal.

        The tier must be one of the rule set's `inspect` authorities for the certificate's
        star, and (below the central level) the actor's unit must be the product's."""
        tier = tier_of(actor)
        allowed = rulebook.inspectors(cert["rule_set_id"], cert["star"], on)
        if tier is None or tier not in allowed:
            names = ", ".join(TIER_AUTHORITY[t]["vi"] for t in allowed) or "—"
            names_en = ", ".join(TIER_AUTHORITY[t]["en"] for t in allowed) or "—"
            raise forbidden(
                f"Theo {cert['rule_set_id']}, sản phẩm {cert['star']} sao do {names} kiểm tra.",
                f"Under {cert['rule_set_id']}, a {cert['star']}-star product is inspected by {names_en}.",  # noqa: E501
            )
        if tier != Tier.CENTRAL and not product.located_in(actor.jurisdiction):
            raise forbidden(
                f"Sản phẩm không thuộc địa bàn {actor.jurisdiction or '—'}.",
                f"The product is not in unit {actor.jurisdiction or '—'}.",
                field="actor.jurisdiction",
            )
        return tier
