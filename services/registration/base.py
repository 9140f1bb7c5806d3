"""What every part of the registration application shares: the ports it is built
with, the look-ups of aggregates and units, and the queries."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder

from runtime.clock import Clock
from runtime.errors import CommandRejected
from runtime.eventstore import register_common_transcodings
from services.registration.adapters.blobs import BlobStore
from services.registration.adapters.rulebook import (
    Requirements,
    check_product_set,
    requirements,
    route_dossier,
)
from services.registration.domain.model import (
    TOURISM_ONLY_KINDS,
    TOURISM_SET,
    CommuneSequence,
    Dossier,
    Producer,
    Product,
    ProductIdea,
)

# Looks up a commune code in the official list: its province code, or None if unknown.
LocateCommune = Callable[[str], str | None]
# Looks up a pre-July-2025 commune code: its old district/province and its successor.
LocateLegacyCommune = Callable[[str], Mapping[str, Any] | None]
# The rule set for a dossier received on a date, and the level that evaluates it when the
# commune forwards it on another date.
RouteDossier = Callable[[date, date], tuple[str, str]]


class RegistrationBase(Application[UUID]):
    """The store, the ports (units, rule routing, clock, blob store) and the queries."""

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


def required(field: str, value: str) -> str:
    if not value:
        raise CommandRejected(
            "invalid_argument", field, "Trường này không được để trống.", "This field is required."
        )
    return value
