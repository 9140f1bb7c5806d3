"""The content of the forms a dossier carries, built from what the commune and the producer
give: form 01's fields, the product code on the receipt, form 02's self-assessment."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from runtime.errors import CommandRejected
from runtime.text import nfc
from services.registration.domain import codes
from services.registration.domain.producer import Producer
from services.registration.domain.product import Product


def form_01(
    producer: Producer,
    product: Product,
    received_on: date,
    *,
    personal: dict[str, str] | None,
    changes_summary: str,
    declared_samples: int,
) -> dict[str, Any]:
    """Mẫu 01 (registration form) as recorded with the dossier; text in NFC. `personal`
    is its sealed part (`form_01_personal`, sealed under the producer's key), None when
    the producer's personal data was erased before."""
    return {
        "evaluation_year": received_on.year,
        "unit_name": producer.name,
        "personal": personal,
        "classification": product.product_set,
        "changes_summary": nfc(changes_summary),
        "declared_samples": declared_samples,
    }


def form_01_personal(producer_data: Any, phone: str, email: str) -> dict[str, str] | None:
    """Form 01's personal fields (`domain.personal.FORM_01_PERSONAL`) from the producer's
    opened personal data and the contact given, before sealing; None when the producer's
    data is erased (`producer_data` is not a dict) and no contact is given. Refuses a
    contact for an erased producer (`contact_phone`, FAILED_PRECONDITION)."""
    if not isinstance(producer_data, dict):
        if phone.strip() or email.strip():
            raise CommandRejected(
                "failed_precondition",
                "contact_phone",
                "Dữ liệu cá nhân của chủ thể đã bị xoá: không ghi thêm liên hệ cá nhân.",
                "The producer's personal data was erased: no personal contact is recorded.",
            )
        return None
    return {
        "legal_representative": producer_data["legal_representative"]["name"],
        "address": producer_data["address"],
        "phone": nfc(phone),
        "email": nfc(email),
    }


def product_code(product: Product, rule_set_id: str, number: int, year: int) -> tuple[str, str]:
    """(code, format) for the commune's running `number` in `year`: the legacy format
    `T-H-X-STT-YYYY` for an R1 dossier of a product with a pre-reform unit, else the
    current `T-X-STT-YYYY` (OCOP-RULES §9)."""
    legacy = product.legacy_unit
    if rule_set_id == "R1" and legacy:
        code = codes.legacy_code(
            legacy["old_province_code"],
            legacy["old_district_code"],
            legacy["old_commune_code"],
            number,
            year,
        )
        return code, "legacy"
    return codes.current_code(product.province_code, product.commune_code, number, year), "current"


def self_assessment(
    sheet: Mapping[str, Any],
    product_set: int,
    choices: Mapping[str, str],
    evidence: Mapping[str, list[str]],
) -> dict[str, dict[str, Any]]:
    """Form 02 Part III entries, criterion -> {option, evidence}, checked against the
    product set's `sheet` (criterion -> options). Refuses no choice (`choices`), a
    criterion or option not on the sheet (`choices[<code>]`), evidence without a choice
    (`evidence[<code>]`)."""
    if not choices:
        raise CommandRejected(
            "invalid_argument", "choices", "Chưa chọn tiêu chí nào.", "No criterion given."
        )
    entries: dict[str, dict[str, Any]] = {}
    for code, option in choices.items():
        _check_choice(sheet, product_set, code, option)
        entries[code] = {"option": option, "evidence": list(evidence.get(code, []))}
    for code in evidence:
        if code not in choices:
            raise CommandRejected(
                "invalid_argument",
                f"evidence[{code}]",
                f"Minh chứng cho tiêu chí {code} mà không có lựa chọn.",
                f"Evidence for criterion {code} without a choice.",
            )
    return entries


def _check_choice(sheet: Mapping[str, Any], product_set: int, code: str, option: str) -> None:
    if code not in sheet:
        raise CommandRejected(
            "invalid_argument",
            f"choices[{code}]",
            f"Tiêu chí {code} không có trong phiếu của bộ sản phẩm {product_set}.",
            f"Criterion {code} is not on product set {product_set}'s sheet.",
        )
    if option not in sheet[code]:
        options = ", ".join(sheet[code])
        raise CommandRejected(
            "invalid_argument",
            f"choices[{code}]",
            f"Phương án '{option}' không có ở tiêu chí {code} (có: {options}).",
            f"Option '{option}' is not on criterion {code} (options: {options}).",
        )
