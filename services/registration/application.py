"""The registration application: one public method per command, then the queries."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from runtime.clock import Clock
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.eventstore import register_common_transcodings
from runtime.text import nfc
from services.registration.adapters.blobs import BlobStore
from services.registration.adapters.rulebook import (
    Requirements,
    check_deadline,
    check_product_set,
    requirements,
    route_dossier,
)
from services.registration.domain import codes
from services.registration.domain.documents import CATEGORIES, check_content
from services.registration.domain.model import (
    COMMUNE_CRITERIA,
    DOSSIER_KINDS,
    GENDERS,
    KINDS_NEEDING_REGISTRATION_NO,
    PRODUCER_KINDS,
    TOURISM_ONLY_KINDS,
    TOURISM_SET,
    CommuneSequence,
    Dossier,
    Producer,
    Product,
    ProductIdea,
    RegistrationNumberIndex,
)

# Looks up a commune code in the official list: its province code, or None if unknown.
LocateCommune = Callable[[str], str | None]
# Looks up a pre-July-2025 commune code: its old district/province and its successor.
LocateLegacyCommune = Callable[[str], Mapping[str, Any] | None]
# The rule set for a dossier received on a date, and the level that evaluates it when the
# commune forwards it on another date.
RouteDossier = Callable[[date, date], tuple[str, str]]


class RegistrationApp(Application[UUID]):
    """Producers, product ideas and business plans, products, dossiers, commune assessment."""

    name = "registration"

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        locate_commune: LocateCommune,
        route_dossier: RouteDossier = route_dossier,
        locate_legacy_commune: LocateLegacyCommune = lambda code: None,
        clock: Clock,
        blobs: BlobStore,
    ) -> None:
        super().__init__(env)
        self._locate_commune = locate_commune
        self._locate_legacy = locate_legacy_commune
        self._route_dossier = route_dossier
        self.clock = clock
        self.blobs = blobs

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_common_transcodings(transcoder)

    # Producers ------------------------------------------------------------------

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
        name = _required("name", nfc(name))
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
                "name": _required("legal_representative", nfc(legal_representative)),
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
            name=_required("name", nfc(name)),
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
        idea.return_idea(_required("reason", nfc(reason)), decided_on, ctx.meta())
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
        idea.submit_plan(_required("summary", nfc(summary)), submitted_on, ctx.meta())
        return self._save_idea(idea)

    def approve_business_plan(self, ctx: CommandContext, *, idea_id: UUID, decided_on: date) -> str:
        idea = self._idea(idea_id)
        idea.approve_plan(decided_on, ctx.meta())
        return self._save_idea(idea)

    def return_business_plan(
        self, ctx: CommandContext, *, idea_id: UUID, reason: str, decided_on: date
    ) -> str:
        idea = self._idea(idea_id)
        idea.return_plan(_required("reason", nfc(reason)), decided_on, ctx.meta())
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
            name=_required("name", nfc(name)),
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
            _required("name", nfc(name)),
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
        dossier.return_for_completion(_required("reason", nfc(reason)), returned_on, meta)
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
            report_no=_required("report_no", nfc(report_no)),
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

    # Queries --------------------------------------------------------------------

    def get_producer(self, producer_id: UUID) -> Producer:
        producer: Producer = self._get(Producer, producer_id, "producer_id")
        return producer

    def get_product(self, product_id: UUID) -> Product:
        product: Product = self._get(Product, product_id, "product_id")
        return product

    def get_idea(self, idea_id: UUID) -> ProductIdea:
        return self._idea(idea_id)

    def get_dossier(self, dossier_id: UUID) -> Dossier:
        return self._dossier(dossier_id)

    def missing(self, dossier: Dossier) -> list[tuple[str, str]]:
        """What the dossier still lacks under its rule set, (vi, en) per item."""
        need = self._requirements(dossier)
        gaps: list[tuple[str, str]] = []
        unanswered = [c for c in need.sheet if c not in dossier.self_assessment]
        if unanswered:
            gaps.append(
                (
                    f"Mẫu 02 thiếu tự chấm điểm {len(unanswered)} tiêu chí"
                    f" ({', '.join(unanswered)})",
                    f"form 02 lacks the self-score of {len(unanswered)} criteria"
                    f" ({', '.join(unanswered)})",
                )
            )
        if need.paper_copies and dossier.paper_copy_received_on is None:
            gaps.append(("chưa nhận bản giấy", "no paper copy received"))
        if need.electronic_copies and not dossier.documents:
            gaps.append(("chưa có bản điện tử (tài liệu đính kèm)", "no electronic copy"))
        if need.samples and dossier.samples < need.samples:
            gaps.append(
                (
                    f"mới nhận {dossier.samples}/{need.samples} mẫu sản phẩm",
                    f"{dossier.samples} of {need.samples} samples received",
                )
            )
        if dossier.kind == "re_evaluation":
            categories = {d["category"] for d in dossier.documents.values()}
            for category, vi, en in (
                ("three_year_update", "cập nhật 3 năm", "the 3-year update"),
                ("renewed_papers", "giấy tờ có thời hạn đã gia hạn", "renewed papers"),
            ):
                if category not in categories:
                    gaps.append((f"thiếu {vi}", f"missing {en}"))
        return gaps

    def changes_since_last_dossier(self, dossier: Dossier) -> dict[str, Any]:
        """For an upgrade or re-evaluation: what differs from the product's previous
        forwarded dossier (self-score per criterion, documents added)."""
        product = self.get_product(dossier.product_id)
        earlier = [i for i in product.dossier_ids if i != dossier.id]
        previous = None
        for candidate in reversed(earlier):
            found = self._dossier(candidate)
            if found.status == "forwarded":
                previous = found
                break
        if previous is None:
            return {}
        criteria = {
            code: {
                "before": previous.self_assessment.get(code, {}).get("option"),
                "after": entry["option"],
            }
            for code, entry in dossier.self_assessment.items()
            if previous.self_assessment.get(code, {}).get("option") != entry["option"]
        }
        added = [d["name"] for s, d in dossier.documents.items() if s not in previous.documents]
        return {
            "previous_dossier_id": str(previous.id),
            "criteria": criteria,
            "documents_added": added,
        }

    def list_dossiers(self, *, commune_code: str = "", overdue_only: bool = False) -> list[Dossier]:
        today = self.clock.today()
        found = []
        for dossier_id in self._ids_of("Dossier.Submitted"):
            dossier = self._dossier(dossier_id)
            if commune_code and dossier.commune_code != commune_code:
                continue
            if overdue_only and not dossier.is_overdue(today):
                continue
            found.append(dossier)
        return found

    def list_ideas(self, *, producer_id: UUID | None = None) -> list[ProductIdea]:
        ideas = [self._idea(i) for i in self._ids_of("ProductIdea.Registered")]
        return [i for i in ideas if producer_id is None or i.producer_id == producer_id]

    def document(self, sha256: str) -> bytes | None:
        return self.blobs.get(sha256)

    # Helpers --------------------------------------------------------------------

    def _ids_of(self, created: str) -> Iterator[UUID]:
        """Aggregates created by the event `created`, oldest first, from the notification
        log: a commune holds tens to hundreds of dossiers, so a scan is fine here."""
        start = 1
        while True:
            batch = self.recorder.select_notifications(start=start, limit=500)
            if not batch:
                return
            for notification in batch:
                if notification.topic.endswith(":" + created):
                    yield UUID(str(notification.originator_id))
            start = batch[-1].id + 1

    def _requirements(self, dossier: Dossier) -> Requirements:
        return requirements(dossier.rule_set_id, dossier.kind, dossier.product_set)

    def _check_set(self, producer: Producer, product_set: int, on: date) -> None:
        check_product_set(product_set, on)
        if producer.kind in TOURISM_ONLY_KINDS and product_set != TOURISM_SET:
            raise CommandRejected(
                "invalid_argument",
                "product_set",
                "Hội, hiệp hội chỉ được đăng ký sản phẩm bộ 26 (du lịch).",
                "Associations may only register tourism products (set 26).",
            )

    def _place(
        self, commune_code: str, legacy_commune_code: str
    ) -> tuple[str, str, dict[str, Any] | None]:
        """Current commune and province, and the pre-reform unit where one is given."""
        legacy: dict[str, Any] | None = None
        if legacy_commune_code:
            found = self._locate_legacy(legacy_commune_code)
            if found is None:
                raise CommandRejected(
                    "invalid_argument",
                    "legacy_commune_code",
                    f"Mã xã cũ '{legacy_commune_code}' không có trong bảng đơn vị trước 01/7/2025.",
                    f"Pre-reform commune code '{legacy_commune_code}' is not in the legacy"
                    " units table.",
                )
            legacy = dict(found)
            successor = str(legacy["new_commune_code"])
            if commune_code and commune_code != successor:
                raise CommandRejected(
                    "invalid_argument",
                    "commune_code",
                    f"Xã cũ {legacy_commune_code} nay thuộc xã {successor}, không phải"
                    f" {commune_code}.",
                    f"Old commune {legacy_commune_code} became {successor}, not {commune_code}.",
                )
            commune_code = successor
        if not commune_code:
            raise CommandRejected(
                "invalid_argument",
                "commune_code",
                "Cần mã xã hiện hành (hoặc mã xã cũ).",
                "A current commune code (or a pre-reform one) is required.",
            )
        province = self._locate_commune(commune_code)
        if province is None:
            raise CommandRejected(
                "invalid_argument",
                "commune_code",
                f"Mã xã '{commune_code}' không có trong danh mục đơn vị hành chính.",
                f"Commune code '{commune_code}' is not in the official list of units.",
            )
        return commune_code, province, legacy

    def _sequence(self, commune_code: str, year: int) -> CommuneSequence:
        try:
            found: CommuneSequence = self.repository.get(CommuneSequence.id_for(commune_code, year))
            return found
        except AggregateNotFoundError:
            return CommuneSequence(commune_code, year)

    def _idea(self, idea_id: UUID | None) -> ProductIdea:
        idea: ProductIdea = self._get(ProductIdea, idea_id, "idea_id")  # type: ignore[arg-type]
        return idea

    def _save_idea(self, idea: ProductIdea) -> str:
        self.save(idea)
        return idea.status

    def _dossier(self, dossier_id: UUID) -> Dossier:
        dossier: Dossier = self._get(Dossier, dossier_id, "dossier_id")
        return dossier

    def _get(self, cls: type[Any], aggregate_id: UUID, field: str) -> Any:
        try:
            found: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            found = None
        if not isinstance(found, cls):
            raise CommandRejected(
                "not_found",
                field,
                f"Không tìm thấy {field} = {aggregate_id}.",
                f"No record with {field} = {aggregate_id}.",
            )
        return found


def _required(field: str, value: str) -> str:
    if not value:
        raise CommandRejected(
            "invalid_argument", field, "Trường này không được để trống.", "This field is required."
        )
    return value
