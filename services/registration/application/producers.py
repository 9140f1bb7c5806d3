"""Registering a producer (chủ thể OCOP): its kind, registration number, place and legal
representative, checked against the official units (current and pre-July-2025)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from eventsourcing.persistence import IntegrityError

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.identifiers import business_registration_no, ethnicity, gender, unit_code
from runtime.jurisdiction import require_jurisdiction
from runtime.text import nfc
from services.registration.application.inputs import required
from services.registration.domain.personal import qualifies_for_3_2
from services.registration.domain.producer import (
    KINDS_NEEDING_REGISTRATION_NO,
    PRODUCER_KINDS,
    Producer,
    RegistrationNumberIndex,
)

if TYPE_CHECKING:
    from services.registration.application.app import RegistrationApp


class ProducerCommands:
    """The command before everything else: a producer is registered once."""

    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

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
        account: str = "",
    ) -> UUID:
        """Returns the producer's id. Refuses an unknown kind or unit, a missing or taken
        registration number, an unknown gender, empty names."""
        name = required("name", nfc(name))
        number = _registration_number(kind, business_registration_no)
        legal_rep_gender = gender("legal_rep_gender", legal_rep_gender) if legal_rep_gender else ""
        if legal_rep_ethnicity.strip():
            legal_rep_ethnicity = ethnicity("legal_rep_ethnicity", legal_rep_ethnicity)
        if commune_code.strip():
            commune_code = unit_code("commune", "commune_code", commune_code)
        if legacy_commune_code.strip():
            legacy_commune_code = unit_code("commune", "legacy_commune_code", legacy_commune_code)
        commune_code, province_code, legacy = self._place(commune_code, legacy_commune_code)
        representative = {
            "name": required("legal_representative", nfc(legal_representative)),
            "gender": legal_rep_gender or None,
            "ethnicity": nfc(legal_rep_ethnicity) or None,
            "disability": legal_rep_disability,
        }
        producer_id = uuid4()
        sealed = self.app.personal.seal(
            str(producer_id), {"legal_representative": representative, "address": nfc(address)}
        )
        producer = Producer(
            id=producer_id,
            name=name,
            kind=kind,
            is_sme=is_sme and kind == "enterprise",
            business_registration_no=number,
            personal=sealed,
            qualifies_3_2=qualifies_for_3_2(representative),
            commune_code=commune_code,
            province_code=province_code,
            legacy_unit=legacy,
            meta=ctx.meta(),
            account=account.strip(),
        )
        self._save_claiming(producer, number)
        return producer.id

    def erase_personal_data(
        self, ctx: CommandContext, *, producer_id: UUID, reference: str = ""
    ) -> bool:
        """Crypto-shredding (Law 91/2025/QH15, right to erasure): records
        `PersonalDataErased` (the actor, `reference`: the request's document number, no
        personal data), then destroys the producer's data key, so every sealed value of
        the producer — in its events, form 01s and backups — reads as erased from then
        on; the events themselves stay (their chain still verifies). Returns whether a
        key was destroyed. Refuses an erasure already recorded (FAILED_PRECONDITION)
        unless its key outlived it (a crash between the two steps): then it finishes."""
        producer = self.app.get_producer(producer_id)
        require_jurisdiction(ctx.actor, producer.path, str(producer_id))
        if producer.personal_data_erased and not self.app.personal.erased(str(producer_id)):
            return self.app.personal.erase(str(producer_id))
        producer.erase_personal_data(nfc(reference), ctx.meta())
        self.app.save(producer)
        return self.app.personal.erase(str(producer_id))

    def _save_claiming(self, producer: Producer, number: str | None) -> None:
        """Save the producer with the claim on its number: a second claim clashes."""
        claims = [RegistrationNumberIndex(number, producer.id)] if number else []
        try:
            self.app.save(producer, *claims)
        except IntegrityError as clash:
            raise CommandRejected(
                "already_exists",
                "business_registration_no",
                f"Số đăng ký kinh doanh {number} đã được dùng cho một chủ thể khác.",
                f"Business registration number {number} is already registered.",
            ) from clash

    def _place(
        self, commune_code: str, legacy_commune_code: str
    ) -> tuple[str, str, dict[str, Any] | None]:
        """(current commune, its province, the pre-reform unit where one is given)."""
        legacy: dict[str, Any] | None = None
        if legacy_commune_code:
            legacy = self._legacy_unit(legacy_commune_code)
            successors = [str(s) for s in legacy.get("successors") or [legacy["new_commune_code"]]]
            if len(successors) > 1:
                if commune_code not in successors:
                    raise CommandRejected(
                        "invalid_argument",
                        "commune_code",
                        f"Xã cũ {legacy_commune_code} đã chia cho các xã {', '.join(successors)}:"
                        " hãy ghi mã xã hiện hành của chủ thể.",
                        f"Old commune {legacy_commune_code} was split between "
                        f"{', '.join(successors)}: give the producer's current commune code.",
                    )
                legacy = {**legacy, "new_commune_code": commune_code}
                return commune_code, self._province_of(commune_code), legacy
            successor = successors[0]
            if commune_code and commune_code != successor:
                raise CommandRejected(
                    "invalid_argument",
                    "commune_code",
                    f"Xã cũ {legacy_commune_code} nay thuộc xã {successor}, không phải"
                    f" {commune_code}.",
                    f"Old commune {legacy_commune_code} became {successor}, not {commune_code}.",
                )
            commune_code = successor
        return commune_code, self._province_of(commune_code), legacy

    def _legacy_unit(self, legacy_commune_code: str) -> dict[str, Any]:
        found = self.app.locate_legacy_commune(legacy_commune_code)
        if found is None:
            raise CommandRejected(
                "invalid_argument",
                "legacy_commune_code",
                f"Mã xã cũ '{legacy_commune_code}' không có trong bảng đơn vị trước 01/7/2025.",
                f"Pre-reform commune code '{legacy_commune_code}' is not in the legacy"
                " units table.",
            )
        return dict(found)

    def _province_of(self, commune_code: str) -> str:
        if not commune_code:
            raise CommandRejected(
                "invalid_argument",
                "commune_code",
                "Cần mã xã hiện hành (hoặc mã xã cũ).",
                "A current commune code (or a pre-reform one) is required.",
            )
        province = self.app.locate_commune(commune_code)
        if province is None:
            raise CommandRejected(
                "invalid_argument",
                "commune_code",
                f"Mã xã '{commune_code}' không có trong danh mục đơn vị hành chính.",
                f"Commune code '{commune_code}' is not in the official list of units.",
            )
        return province


def _registration_number(kind: str, given: str | None) -> str | None:
    """The business-registration number (NFC) or None; refuses an unknown kind and a
    missing number where the kind needs one."""
    if kind not in PRODUCER_KINDS:
        raise CommandRejected(
            "invalid_argument",
            "kind",
            f"Loại hình chủ thể '{kind}' không hợp lệ; chọn một trong: "
            + ", ".join(PRODUCER_KINDS),
            f"Unknown producer kind '{kind}'; expected one of: " + ", ".join(PRODUCER_KINDS),
        )
    number = (
        business_registration_no("business_registration_no", given)
        if given and given.strip()
        else None
    )
    if number is None and kind in KINDS_NEEDING_REGISTRATION_NO:
        raise CommandRejected(
            "invalid_argument",
            "business_registration_no",
            "Hộ, trang trại và tổ hợp tác phải có số đăng ký kinh doanh.",
            "Households, farms and cooperative groups need a business registration number.",
        )
    return number
