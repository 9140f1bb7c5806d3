"""Dossiers: form 01, the self-assessment (form 02), documents, paper copy and samples,
return for completion, the commune's report (form 03) and the forwarding."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.text import nfc
from services.registration.adapters.rulebook import (
    check_deadline,
)
from services.registration.base import RegistrationBase, required
from services.registration.domain import codes
from services.registration.domain.documents import CATEGORIES, check_content
from services.registration.domain.model import (
    COMMUNE_CRITERIA,
    DOSSIER_KINDS,
    Dossier,
    Producer,
    Product,
)


class DossierCommands(RegistrationBase):
    """Commands on a dossier, from commune receipt to forwarding."""

    def submit_dossier(
        self,
        ctx: CommandContext,
        *,
        product_id: UUID,
        kind: str,
        received_on: date,
        contact_phone: str = "",
        contact_email: str = "",
        changes_summary: str = "",
        declared_samples: int = 0,
    ) -> UUID:
        """The commune receives a dossier (form 01): the rule set follows from the date."""
        product = self._get(Product, product_id, "product_id")
        rule_set_id, _ = self._route_dossier(received_on, received_on)
        if kind not in DOSSIER_KINDS:
            raise CommandRejected(
                "invalid_argument",
                "kind",
                "Loại hồ sơ phải là first (lần đầu), upgrade (nâng hạng) hoặc re_evaluation.",
                "Dossier kind must be first, upgrade or re_evaluation.",
            )
        if kind != "first" and not product.dossier_ids:
            raise CommandRejected(
                "failed_precondition",
                "kind",
                "Sản phẩm chưa từng có hồ sơ: hồ sơ nâng hạng/đánh giá lại cần sản phẩm đã"
                " được công nhận.",
                "Upgrade and re-evaluation need a product with an earlier dossier.",
            )
        if kind == "upgrade" and not nfc(changes_summary):
            raise CommandRejected(
                "invalid_argument",
                "changes_summary",
                "Hồ sơ nâng hạng phải nêu các thay đổi so với sản phẩm đã được công nhận.",
                "An upgrade dossier must state the changes versus the recognised product.",
            )
        producer = self._get(Producer, product.producer_id, "producer_id")
        sequence = self._sequence(product.commune_code, received_on.year)
        sequence.take()
        legacy = product.legacy_unit
        if rule_set_id == "R1" and legacy:
            code = codes.legacy_code(
                legacy["old_province_code"],
                legacy["old_district_code"],
                legacy["old_commune_code"],
                sequence.value,
                received_on.year,
            )
            code_format = "legacy"
        else:
            code = codes.current_code(
                product.province_code, product.commune_code, sequence.value, received_on.year
            )
            code_format = "current"
        dossier = Dossier(
            product_id=product.id,
            producer_id=product.producer_id,
            product_name=product.name,
            product_set=product.product_set,
            kind=kind,
            received_on=received_on,
            commune_code=product.commune_code,
            province_code=product.province_code,
            rule_set_id=rule_set_id,
            check_deadline=check_deadline(rule_set_id, received_on),
            form_01={
                "evaluation_year": received_on.year,
                "unit_name": producer.name,
                "legal_representative": producer.legal_representative["name"],
                "address": producer.address,
                "phone": nfc(contact_phone),
                "email": nfc(contact_email),
                "classification": product.product_set,
                "changes_summary": nfc(changes_summary),
                "declared_samples": declared_samples,
            },
            product_code=code,
            meta=ctx.meta(),
        )
        product.open_dossier(dossier.id, ctx.meta())
        product.assign_code(code, code_format, received_on, ctx.meta())
        self.save(dossier, product, sequence)
        return dossier.id

    def record_self_assessment(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        choices: Mapping[str, str],
        evidence: Mapping[str, list[str]] | None = None,
    ) -> int:
        """The producer's self-score (form 02 Part III): criterion -> option of its sheet."""
        dossier = self._dossier(dossier_id)
        sheet = self._requirements(dossier).sheet
        if not choices:
            raise CommandRejected(
                "invalid_argument", "choices", "Chưa chọn tiêu chí nào.", "No criterion given."
            )
        entries: dict[str, dict[str, Any]] = {}
        for code, option in choices.items():
            if code not in sheet:
                raise CommandRejected(
                    "invalid_argument",
                    f"choices[{code}]",
                    f"Tiêu chí {code} không có trong phiếu của bộ sản phẩm {dossier.product_set}.",
                    f"Criterion {code} is not on product set {dossier.product_set}'s sheet.",
                )
            if option not in sheet[code]:
                raise CommandRejected(
                    "invalid_argument",
                    f"choices[{code}]",
                    f"Phương án '{option}' không có ở tiêu chí {code} (có: "
                    + ", ".join(sheet[code])
                    + ").",
                    f"Option '{option}' is not on criterion {code} (options: "
                    + ", ".join(sheet[code])
                    + ").",
                )
            entries[code] = {"option": option, "evidence": list((evidence or {}).get(code, []))}
        for code in evidence or {}:
            if code not in choices:
                raise CommandRejected(
                    "invalid_argument",
                    f"evidence[{code}]",
                    f"Minh chứng cho tiêu chí {code} mà không có lựa chọn.",
                    f"Evidence for criterion {code} without a choice.",
                )
        dossier.record_self_assessment(entries, ctx.meta())
        self.save(dossier)
        return len(dossier.self_assessment)

    def attach_document(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        name: str,
        category: str,
        content: bytes,
        declared_media_type: str = "",
    ) -> str:
        """Store a document by content and attach it; returns its sha256."""
        dossier = self._dossier(dossier_id)
        if category not in CATEGORIES:
            raise CommandRejected(
                "invalid_argument",
                "category",
                f"Loại tài liệu '{category}' không hợp lệ; chọn một trong: "
                + ", ".join(CATEGORIES),
                f"Unknown document category '{category}'; expected one of: "
                + ", ".join(CATEGORIES),
            )
        checked = check_content(content, declared_media_type)
        dossier.attach_document(
            checked.sha256,
            checked.size,
            checked.media_type,
            required("name", nfc(name)),
            category,
            ctx.meta(),
        )
        self.blobs.put(content)  # before the event is saved: an event never names lost bytes
        self.save(dossier)
        return checked.sha256

    def receive_paper_copy(
        self, ctx: CommandContext, *, dossier_id: UUID, received_on: date
    ) -> None:
        dossier = self._dossier(dossier_id)
        dossier.receive_paper_copy(received_on, ctx.meta())
        self.save(dossier)

    def receive_samples(
        self, ctx: CommandContext, *, dossier_id: UUID, count: int, received_on: date
    ) -> int:
        dossier = self._dossier(dossier_id)
        dossier.receive_samples(count, received_on, ctx.meta())
        self.save(dossier)
        return dossier.samples

    def return_dossier(
        self, ctx: CommandContext, *, dossier_id: UUID, reason: str, returned_on: date
    ) -> None:
        """Return for completion: same dossier id, its history kept."""
        dossier = self._dossier(dossier_id)
        meta = {**ctx.meta(), "product_id": str(dossier.product_id)}
        dossier.return_for_completion(required("reason", nfc(reason)), returned_on, meta)
        self.save(dossier)

    def resubmit_dossier(self, ctx: CommandContext, *, dossier_id: UUID, received_on: date) -> None:
        dossier = self._dossier(dossier_id)
        deadline = check_deadline(dossier.rule_set_id, received_on)
        meta = {**ctx.meta(), "product_id": str(dossier.product_id)}
        dossier.resubmit(received_on, deadline, meta)
        self.save(dossier)

    # Commune assessment (form 03) and forwarding ------------------------------------

    def assess_dossier(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        report_no: str,
        assessed_on: date,
        local_raw_material: bool,
        local_labour: bool,
        idea_origin: bool,
        local_identity: bool,
        officer: str = "",
    ) -> list[str]:
        """Issue the commune report (form 03) on the four criteria of a complete dossier."""
        dossier = self._dossier(dossier_id)
        criteria = dict(
            zip(
                COMMUNE_CRITERIA,
                (local_raw_material, local_labour, idea_origin, local_identity),
                strict=True,
            )
        )
        dossier.assess(
            report_no=required("report_no", nfc(report_no)),
            assessed_on=assessed_on,
            officer=nfc(officer) or ctx.actor.id,
            criteria=criteria,
            missing=self.missing(dossier),
            meta=ctx.meta(),
        )
        self.save(dossier)
        return [k for k, v in criteria.items() if not v]

    def forward_dossier(self, ctx: CommandContext, *, dossier_id: UUID, forwarded_on: date) -> str:
        """Send the assessed dossier to the level that evaluates it under its rule set."""
        dossier = self._dossier(dossier_id)
        _, level = self._route_dossier(dossier.first_received_on, forwarded_on)
        dossier.forward(forwarded_on, level, ctx.meta())
        self.save(dossier)
        return level
