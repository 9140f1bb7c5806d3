"""Dossiers while they are with the commune: form 01 received, the self-assessment (form 02),
documents, paper copy and samples, return for completion and resubmission."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from runtime.clock import check_not_before_any
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.text import nfc
from services.registration.application.forms import (
    form_01,
    form_01_personal,
    product_code,
    self_assessment,
)
from services.registration.application.inputs import required
from services.registration.application.rulebook import check_reevaluation_filing
from services.registration.domain.documents import CATEGORIES, check_content
from services.registration.domain.dossier import DOSSIER_KINDS, Dossier
from services.registration.domain.producer import Producer
from services.registration.domain.product import CommuneSequence, Product

if TYPE_CHECKING:
    from services.registration.application.app import RegistrationApp


class DossierCommands:
    """Commands on a dossier, from commune receipt to forwarding (the last two, form 03
    and the forwarding, are in `assessment.py`)."""

    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

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
        """The commune receives a dossier (form 01): the rule set follows from the date;
        the commune's next running number gives the product a code. Returns its id.
        Refuses (`received_on`) a date before the product's previous dossier or its
        recognition (`Product.dated_facts`)."""
        self.app.not_future("received_on", received_on)
        product = self.app.load(Product, product_id, "product_id")
        rule_set_id, _ = self.app.route_dossier(received_on, received_on)
        _check_kind(kind, product, changes_summary)
        if kind == "re_evaluation" and product.standing is not None:
            check_reevaluation_filing(product.standing, received_on)
        previous = product.dossier_ids[-1] if product.dossier_ids else None
        last = self.app.get_dossier(previous).first_received_on if previous else None
        check_not_before_any("received_on", received_on, product.dated_facts(last))
        producer = self.app.load(Producer, product.producer_id, "producer_id")
        sequence = self._sequence(product.commune_code, received_on.year)
        sequence.take()
        code, code_format = product_code(product, rule_set_id, sequence.value, received_on.year)
        contact = form_01_personal(self.app.personal_data(producer), contact_phone, contact_email)
        subject = str(producer.id)
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
            check_deadline=self.app.check_deadline(rule_set_id, received_on),
            form_01=form_01(
                producer,
                product,
                received_on,
                personal=self.app.personal.seal(subject, contact) if contact else None,
                changes_summary=changes_summary,
                declared_samples=declared_samples,
            ),
            product_code=code,
            meta=ctx.meta(),
        )
        product.open_dossier(dossier.id, ctx.meta())
        product.assign_code(code, code_format, received_on, ctx.meta())
        self.app.save(dossier, product, sequence)
        return dossier.id

    def record_self_assessment(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        choices: Mapping[str, str],
        evidence: Mapping[str, list[str]] | None = None,
    ) -> int:
        """The producer's self-score (form 02 Part III): criterion -> option of its sheet.
        Returns how many criteria are self-scored now."""
        dossier = self.app.get_dossier(dossier_id)
        sheet = self.app.requirements(dossier).sheet
        entries = self_assessment(sheet, dossier.product_set, choices, evidence or {})
        dossier.record_self_assessment(entries, ctx.meta())
        self.app.save(dossier)
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
        dossier = self.app.get_dossier(dossier_id)
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
        self.app.blobs.put(content)  # before the event is saved: an event never names lost bytes
        self.app.save(dossier)
        return checked.sha256

    def receive_paper_copy(
        self, ctx: CommandContext, *, dossier_id: UUID, received_on: date
    ) -> None:
        self.app.not_future("received_on", received_on)
        dossier = self.app.get_dossier(dossier_id)
        dossier.receive_paper_copy(received_on, ctx.meta())
        self.app.save(dossier)

    def receive_samples(
        self, ctx: CommandContext, *, dossier_id: UUID, count: int, received_on: date
    ) -> int:
        self.app.not_future("received_on", received_on)
        dossier = self.app.get_dossier(dossier_id)
        dossier.receive_samples(count, received_on, ctx.meta())
        self.app.save(dossier)
        return dossier.samples

    def return_dossier(
        self, ctx: CommandContext, *, dossier_id: UUID, reason: str, returned_on: date
    ) -> None:
        """Return for completion: same dossier id, its history kept."""
        self.app.not_future("returned_on", returned_on)
        dossier = self.app.get_dossier(dossier_id)
        meta = {**ctx.meta(), "product_id": str(dossier.product_id)}
        dossier.return_for_completion(required("reason", nfc(reason)), returned_on, meta)
        self.app.save(dossier)

    def resubmit_dossier(self, ctx: CommandContext, *, dossier_id: UUID, received_on: date) -> None:
        self.app.not_future("received_on", received_on)
        dossier = self.app.get_dossier(dossier_id)
        deadline = self.app.check_deadline(dossier.rule_set_id, received_on)
        meta = {**ctx.meta(), "product_id": str(dossier.product_id)}
        dossier.resubmit(received_on, deadline, meta)
        self.app.save(dossier)

    def _sequence(self, commune_code: str, year: int) -> CommuneSequence:
        """The commune's running number for `year`, started on its first use."""
        try:
            found: CommuneSequence = self.app.repository.get(
                CommuneSequence.id_for(commune_code, year)
            )
            return found
        except AggregateNotFoundError:
            return CommuneSequence(commune_code, year)


def _check_kind(kind: str, product: Product, changes_summary: str) -> None:
    """Refuses an unknown kind, an upgrade or re-evaluation of a product with neither an
    earlier dossier nor a recognition (one imported from an earlier decision counts), and
    an upgrade that does not say what changed."""
    if kind not in DOSSIER_KINDS:
        raise CommandRejected(
            "invalid_argument",
            "kind",
            "Loại hồ sơ phải là first (lần đầu), upgrade (nâng hạng) hoặc re_evaluation.",
            "Dossier kind must be first, upgrade or re_evaluation.",
        )
    if kind != "first" and not product.dossier_ids and product.standing is None:
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
