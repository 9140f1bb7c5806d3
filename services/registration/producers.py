"""Producers, product ideas with their business plans (cycle steps 2-4), and products."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.text import nfc
from services.registration.base import RegistrationBase, required
from services.registration.domain import codes
from services.registration.domain.model import (
    GENDERS,
    KINDS_NEEDING_REGISTRATION_NO,
    PRODUCER_KINDS,
    Producer,
    Product,
    ProductIdea,
    RegistrationNumberIndex,
)


class ProducerCommands(RegistrationBase):
    """Commands before the dossier."""

    def register_producer(
        self,
        ctx: CommandContext,
        *,
        name: str,
        kind: str,
        legal_representative: str,
        commune_code: str = "",
        legacy_commune_code: str = "",
        is_sme: bool = False,
        business_registration_no: str | None = None,
        legal_rep_gender: str = "",
        legal_rep_ethnicity: str = "",
        legal_rep_disability: bool = False,
        address: str = "",
    ) -> UUID:
        name = required("name", nfc(name))
        if kind not in PRODUCER_KINDS:
            raise CommandRejected(
                "invalid_argument",
                "kind",
                f"Loại hình chủ thể '{kind}' không hợp lệ; chọn một trong: "
                + ", ".join(PRODUCER_KINDS),
                f"Unknown producer kind '{kind}'; expected one of: " + ", ".join(PRODUCER_KINDS),
            )
        number = nfc(business_registration_no or "") or None
        if number is None and kind in KINDS_NEEDING_REGISTRATION_NO:
            raise CommandRejected(
                "invalid_argument",
                "business_registration_no",
                "Hộ, trang trại và tổ hợp tác phải có số đăng ký kinh doanh.",
                "Households, farms and cooperative groups need a business registration number.",
            )
        if legal_rep_gender and legal_rep_gender not in GENDERS:
            raise CommandRejected(
                "invalid_argument",
                "legal_rep_gender",
                "Giới tính phải là female, male hoặc other.",
                "Gender must be female, male or other.",
            )
        commune_code, province_code, legacy = self._place(commune_code, legacy_commune_code)
        producer = Producer(
            name=name,
            kind=kind,
            is_sme=is_sme and kind == "enterprise",
            business_registration_no=number,
            legal_representative={
                "name": required("legal_representative", nfc(legal_representative)),
                "gender": legal_rep_gender or None,
                "ethnicity": nfc(legal_rep_ethnicity) or None,
                "disability": legal_rep_disability,
            },
            address=nfc(address),
            commune_code=commune_code,
            province_code=province_code,
            legacy_unit=legacy,
            meta=ctx.meta(),
        )
        claims = [RegistrationNumberIndex(number, producer.id)] if number else []
        try:
            self.save(producer, *claims)
        except IntegrityError as clash:
            raise CommandRejected(
                "already_exists",
                "business_registration_no",
                f"Số đăng ký kinh doanh {number} đã được dùng cho một chủ thể khác.",
                f"Business registration number {number} is already registered.",
            ) from clash
        return producer.id

    # Steps 2-4: idea and business plan --------------------------------------------

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
        producer = self._get(Producer, producer_id, "producer_id")
        self._check_set(producer, product_set, submitted_on)
        idea = ProductIdea(
            producer_id=producer.id,
            name=required("name", nfc(name)),
            product_set=product_set,
            description=nfc(description),
            submitted_on=submitted_on,
            meta=ctx.meta(),
        )
        self.save(idea)
        return idea.id

    def accept_idea(self, ctx: CommandContext, *, idea_id: UUID, decided_on: date) -> str:
        idea = self._idea(idea_id)
        idea.accept(decided_on, ctx.meta())
        return self._save_idea(idea)

    def return_idea(
        self, ctx: CommandContext, *, idea_id: UUID, reason: str, decided_on: date
    ) -> str:
        idea = self._idea(idea_id)
        idea.return_idea(required("reason", nfc(reason)), decided_on, ctx.meta())
        return self._save_idea(idea)

    def resubmit_idea(
        self, ctx: CommandContext, *, idea_id: UUID, submitted_on: date, description: str = ""
    ) -> str:
        idea = self._idea(idea_id)
        idea.resubmit(nfc(description), submitted_on, ctx.meta())
        return self._save_idea(idea)

    def submit_business_plan(
        self, ctx: CommandContext, *, idea_id: UUID, summary: str, submitted_on: date
    ) -> str:
        idea = self._idea(idea_id)
        idea.submit_plan(required("summary", nfc(summary)), submitted_on, ctx.meta())
        return self._save_idea(idea)

    def approve_business_plan(self, ctx: CommandContext, *, idea_id: UUID, decided_on: date) -> str:
        idea = self._idea(idea_id)
        idea.approve_plan(decided_on, ctx.meta())
        return self._save_idea(idea)

    def return_business_plan(
        self, ctx: CommandContext, *, idea_id: UUID, reason: str, decided_on: date
    ) -> str:
        idea = self._idea(idea_id)
        idea.return_plan(required("reason", nfc(reason)), decided_on, ctx.meta())
        return self._save_idea(idea)

    # Products -------------------------------------------------------------------

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
        idea: ProductIdea | None = self._idea(idea_id) if idea_id else None
        if idea is not None:
            producer_id = producer_id or idea.producer_id
            name = name or idea.name
            product_set = product_set or idea.product_set
            if producer_id != idea.producer_id:
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
        producer = self._get(Producer, producer_id, "producer_id")
        self._check_set(producer, product_set, self.clock.today())
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
            product.assign_code(code, code_format, self.clock.today(), ctx.meta())
        if idea is not None:
            idea.become_product(product.id, ctx.meta())
            self.save(product, idea)
        else:
            self.save(product)
        return product.id

    # Dossiers: form 01, form 02, documents, paper copy, samples -----------------------
