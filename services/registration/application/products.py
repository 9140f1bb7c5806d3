"""Registering a product: from an idea whose business plan is approved, or directly for a
product that already exists (upgrade, re-evaluation, migrated records), with its code."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.text import nfc
from services.registration.application.inputs import required
from services.registration.application.rulebook import check_product_set as check_in_rule_set
from services.registration.domain import codes
from services.registration.domain.idea import ProductIdea
from services.registration.domain.producer import Producer, check_tourism_only
from services.registration.domain.product import Product

if TYPE_CHECKING:
    from services.registration.application.app import RegistrationApp


def check_product_set(producer: Producer, product_set: int, on: date) -> None:
    """Refuses (`product_set`) a set the rule set in force on `on` does not have, and an
    association's product outside set 26 (tourism)."""
    check_in_rule_set(product_set, on)
    check_tourism_only(producer.kind, product_set)


class ProductCommands:
    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

    def register_product(
        self,
        ctx: CommandContext,
        *,
        producer_id: UUID | None = None,
        name: str = "",
        product_set: int = 0,
        idea_id: UUID | None = None,
        legacy_code: str = "",
    ) -> UUID:
        """A product, either from an idea whose business plan is approved (its producer,
        name and set come from the idea unless given) or directly, for products that
        already exist (upgrade, re-evaluation, migrated records)."""
        idea = self.app.get_idea(idea_id) if idea_id else None
        if idea is not None:
            producer_id = producer_id or idea.producer_id
            name = name or idea.name
            product_set = product_set or idea.product_set
        producer = self._producer(producer_id, idea)
        check_product_set(producer, product_set, self.app.clock.today())
        code = nfc(legacy_code)
        code_format = codes.code_format(code) if code else None
        product = Product(
            producer_id=producer.id,
            name=required("name", nfc(name)),
            product_set=product_set,
            commune_code=producer.commune_code,
            province_code=producer.province_code,
            legacy_unit=producer.legacy_unit,
            idea_id=idea.id if idea else None,
            meta=ctx.meta(),
        )
        if code and code_format:
            product.assign_code(code, code_format, self.app.clock.today(), ctx.meta())
        if idea is not None:
            idea.advance(ProductIdea.BecameProduct, product_id=product.id, meta=ctx.meta())
        self.app.save(product, *([idea] if idea else []))
        return product.id

    def _producer(self, producer_id: UUID | None, idea: ProductIdea | None) -> Producer:
        """The product's producer; refuses none given, or one that is not the idea's."""
        if idea is not None and producer_id != idea.producer_id:
            raise CommandRejected(
                "invalid_argument",
                "producer_id",
                "Ý tưởng thuộc về một chủ thể khác.",
                "The idea belongs to another producer.",
            )
        if producer_id is None:
            raise CommandRejected(
                "invalid_argument",
                "producer_id",
                "Cần mã chủ thể hoặc mã ý tưởng.",
                "A producer id or an idea id is required.",
            )
        return self.app.registered_producer(producer_id)  # kind and units only
