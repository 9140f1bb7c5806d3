"""The registration application: one public method per command."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.eventstore import register_common_transcodings
from runtime.text import nfc
from services.registration.domain.model import (
    DOSSIER_KINDS,
    KINDS_NEEDING_REGISTRATION_NO,
    PRODUCER_KINDS,
    Dossier,
    Producer,
    Product,
    RegistrationNumberIndex,
)

# Looks up a commune code in the official list: its province code, or None if unknown.
LocateCommune = Callable[[str], str | None]
# The rule set for a dossier received on a date, and the level that evaluates it when the
# commune forwards it on another date.
RouteDossier = Callable[[date, date], tuple[str, str]]


class RegistrationApp(Application[UUID]):
    """Producers, products, dossiers and the commune assessment."""

    name = "registration"

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        locate_commune: LocateCommune,
        route_dossier: RouteDossier,
    ) -> None:
        super().__init__(env)
        self._locate_commune = locate_commune
        self._route_dossier = route_dossier

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_common_transcodings(transcoder)

    # Commands -------------------------------------------------------------------

    def register_producer(
        self,
        ctx: CommandContext,
        *,
        name: str,
        kind: str,
        commune_code: str,
        legal_representative: str,
        is_sme: bool = False,
        business_registration_no: str | None = None,
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
        province_code = self._province_of(commune_code)
        producer = Producer(
            name=name,
            kind=kind,
            is_sme=is_sme and kind == "enterprise",
            business_registration_no=number,
            legal_representative=_required("legal_representative", nfc(legal_representative)),
            commune_code=commune_code,
            province_code=province_code,
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

    def register_product(
        self, ctx: CommandContext, *, producer_id: UUID, name: str, product_set: int
    ) -> UUID:
        producer = self._get(Producer, producer_id, "producer_id")
        if not 1 <= product_set <= 26:
            raise CommandRejected(
                "invalid_argument",
                "product_set",
                f"Bộ sản phẩm {product_set} không tồn tại (1–26).",
                f"Product set {product_set} does not exist (1–26).",
            )
        product = Product(
            producer_id=producer.id,
            name=_required("name", nfc(name)),
            product_set=product_set,
            commune_code=producer.commune_code,
            province_code=producer.province_code,
            meta=ctx.meta(),
        )
        self.save(product)
        return product.id

    def submit_dossier(
        self, ctx: CommandContext, *, product_id: UUID, kind: str, received_on: date
    ) -> UUID:
        product = self._get(Product, product_id, "product_id")
        self._route_dossier(received_on, received_on)  # refuses a date no rule set governs
        if kind not in DOSSIER_KINDS:
            raise CommandRejected(
                "invalid_argument",
                "kind",
                "Loại hồ sơ phải là first (lần đầu), upgrade (nâng hạng) hoặc re_evaluation.",
                "Dossier kind must be first, upgrade or re_evaluation.",
            )
        dossier = Dossier(
            product_id=product.id,
            producer_id=product.producer_id,
            product_name=product.name,
            product_set=product.product_set,
            kind=kind,
            received_on=received_on,
            commune_code=product.commune_code,
            province_code=product.province_code,
            meta=ctx.meta(),
        )
        self.save(dossier)
        return dossier.id

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
    ) -> str:
        """Issue the commune report (form 03) and forward to the evaluating level."""
        dossier = self._get(Dossier, dossier_id, "dossier_id")
        rule_set_id, level = self._route_dossier(dossier.received_on, assessed_on)
        dossier.assess(
            report_no=_required("report_no", nfc(report_no)),
            assessed_on=assessed_on,
            criteria={
                "local_raw_material": local_raw_material,
                "local_labour": local_labour,
                "idea_origin": idea_origin,
                "local_identity": local_identity,
            },
            forwarded_to=level,
            rule_set_id=rule_set_id,
            meta=ctx.meta(),
        )
        self.save(dossier)
        return level

    # Queries --------------------------------------------------------------------

    def get_dossier(self, dossier_id: UUID) -> Dossier:
        dossier: Dossier = self._get(Dossier, dossier_id, "dossier_id")
        return dossier

    # Helpers --------------------------------------------------------------------

    def _province_of(self, commune_code: str) -> str:
        province = self._locate_commune(commune_code)
        if province is None:
            raise CommandRejected(
                "invalid_argument",
                "commune_code",
                f"Mã xã '{commune_code}' không có trong danh mục đơn vị hành chính.",
                f"Commune code '{commune_code}' is not in the official list of units.",
            )
        return province

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
