"""An office's existing portfolio, imported (`ocop import portfolio`, issue 20): the
producers and products that were certified before this system, registered from the
register the office keeps.

Each row is checked as a registration would be (producer kind, business-registration
number, current or pre-July-2025 commune, product set, product code) and against what is
already registered: a producer is found by its business-registration number (a number
registered under another name is refused), and an imported product keeps an id derived
from its producer and its name, so importing the same file twice registers nothing new.
The certificates themselves are evaluation's (`app.earlier` there)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.identifiers import unit_code
from runtime.text import fold, nfc
from services.registration.application.inputs import required
from services.registration.application.producers import _registration_number
from services.registration.application.rulebook import check_product_set
from services.registration.domain import codes
from services.registration.domain.personal import qualifies_for_3_2
from services.registration.domain.producer import (
    Producer,
    RegistrationNumberIndex,
    check_tourism_only,
)
from services.registration.domain.product import Product

if TYPE_CHECKING:
    from services.registration.application.app import RegistrationApp

IMPORTED = UUID("3d9b7f20-6a41-4c8e-b5d2-8e0f1c7a4b63")


@dataclass(frozen=True)
class ImportedRow:
    """One accepted row: its producer and product (new or already registered) and the
    product's unit path (for the certificate's reach)."""

    line: int
    producer_id: UUID
    product_id: UUID
    product_created: bool
    unit: dict[str, str]


@dataclass
class PortfolioImport:
    rows: list[ImportedRow] = field(default_factory=list)
    problems: list[tuple[int, CommandRejected]] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.product_created)


class PortfolioCommands:
    """`app.portfolio`: producers and products of an office's existing portfolio."""

    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

    def import_rows(
        self,
        ctx: CommandContext,
        rows: list[dict[str, Any]],
        *,
        source_sha256: str,
        dry_run: bool = False,
        valid_rows_only: bool = False,
    ) -> PortfolioImport:
        """Check every row, then register them all in one transaction, or nothing when a
        row is refused (unless `valid_rows_only`); `dry_run` only checks. A row is a dict:
        line, producer_name, producer_kind, business_registration_no, commune_code,
        legacy_commune_code, legal_representative, address, product_name, product_set,
        product_code. Each refused row is returned with its line and the refusal."""
        outcome = PortfolioImport()
        new: dict[UUID, NewProducer] = {}
        sets_checked: set[int] = set()
        pending: dict[UUID, Aggregate] = {}
        seen: dict[UUID, int] = {}
        meta = {**ctx.meta(), "imported_from": {"sha256": source_sha256}}
        for row in rows:
            line = int(row.get("line") or 0)
            try:
                imported = self._row(row, line, meta, pending, new, sets_checked)
                if imported.product_id in seen:
                    raise CommandRejected(
                        "already_exists",
                        "product_name",
                        f"Trùng sản phẩm ở dòng {seen[imported.product_id]}.",
                        f"Same product as line {seen[imported.product_id]}.",
                    )
            except CommandRejected as refused:
                outcome.problems.append((line, refused))
                continue
            seen[imported.product_id] = line
            outcome.rows.append(imported)
        if dry_run or (outcome.problems and not valid_rows_only):
            return outcome
        accepted = {row.producer_id for row in outcome.rows}
        created = [a for p in new.values() if p.id in accepted for a in self._create(p)]
        if pending or created:
            self.app.save(*created, *pending.values())
        return outcome

    def _row(
        self,
        row: dict[str, Any],
        line: int,
        meta: dict[str, Any],
        pending: dict[UUID, Aggregate],
        new: dict[UUID, NewProducer],
        sets_checked: set[int],
    ) -> ImportedRow:
        producer = self._producer(row, meta, pending, new)
        name = required("product_name", nfc(str(row.get("product_name") or "")))
        product_set = int(row.get("product_set") or 0)
        if product_set not in sets_checked:  # the rule set is worked out once per set
            check_product_set(product_set, self.app.clock.today())
            sets_checked.add(product_set)
        check_tourism_only(producer.kind, product_set)
        code = nfc(str(row.get("product_code") or "")).strip()
        try:
            code_format = codes.code_format(code) if code else None
        except CommandRejected as refused:
            raise CommandRejected(
                "invalid_argument", "product_code", refused.vi, refused.en
            ) from refused
        product_id = uuid5(IMPORTED, f"product:{producer.id}:{fold(name)}")
        found = pending.get(product_id) or self.app.get_as(product_id, Product)
        unit = unit_path(producer)
        if isinstance(found, Product):
            if found.product_set != product_set:
                raise CommandRejected(
                    "already_exists",
                    "product_set",
                    f"Sản phẩm đã đăng ký với bộ {found.product_set}, không phải {product_set}.",
                    f"The product is registered in set {found.product_set}, not {product_set}.",
                )
            return ImportedRow(line, producer.id, product_id, False, unit)
        product = Product._create(
            Product.Registered,
            id=product_id,
            producer_id=producer.id,
            name=name,
            product_set=product_set,
            commune_code=producer.commune_code,
            province_code=producer.province_code,
            legacy_unit=producer.legacy_unit,
            idea_id=None,
            meta={**meta, "imported_from": {**meta["imported_from"], "line": line}},
        )
        if code and code_format:
            product.assign_code(code, code_format, self.app.clock.today(), meta)
        pending[product_id] = product
        return ImportedRow(line, producer.id, product_id, True, unit)

    def _producer(
        self,
        row: dict[str, Any],
        meta: dict[str, Any],
        pending: dict[UUID, Aggregate],
        new: dict[UUID, NewProducer],
    ) -> Producer | NewProducer:
        """The row's producer: registered already (by its number, or imported before), in
        this batch, or new. Refuses a number registered under another name."""
        name = required("producer_name", nfc(str(row.get("producer_name") or "")))
        kind = str(row.get("producer_kind") or "")
        number = _registration_number(kind, str(row.get("business_registration_no") or ""))
        commune = str(row.get("commune_code") or "").strip()
        legacy = str(row.get("legacy_commune_code") or "").strip()
        commune = unit_code("commune", "commune_code", commune) if commune else ""
        legacy = unit_code("commune", "legacy_commune_code", legacy) if legacy else ""
        commune, province, legacy_unit = self.app.producers._place(commune, legacy)
        key = f"brn:{number}" if number else f"name:{fold(name)}:{commune}"
        producer_id = uuid5(IMPORTED, f"producer:{key}")
        if number:
            claim = self.app.get_as(RegistrationNumberIndex.id_for(number), RegistrationNumberIndex)
            if isinstance(claim, RegistrationNumberIndex):
                producer_id = claim.producer_id
        known = new.get(producer_id) or self.app.get_as(producer_id, Producer)
        if known is not None:
            if fold(known.name) != fold(name):
                raise CommandRejected(
                    "already_exists",
                    "business_registration_no",
                    f"Số đăng ký kinh doanh {number} đã đăng ký cho chủ thể {known.name}.",
                    f"Business registration number {number} is registered to {known.name}.",
                )
            return known
        representative = {
            "name": required(
                "legal_representative", nfc(str(row.get("legal_representative") or ""))
            ),
            "gender": None,
            "ethnicity": None,
            "disability": False,
        }
        found = NewProducer(
            producer_id,
            name,
            kind,
            number,
            representative,
            nfc(str(row.get("address") or "")),
            commune,
            province,
            legacy_unit,
            meta,
        )
        new[producer_id] = found
        return found

    def _create(self, new: NewProducer) -> list[Aggregate]:
        """The producer (its personal data sealed with a key of its own) and its claim."""
        sealed = self.app.personal.seal(
            str(new.id), {"legal_representative": new.representative, "address": new.address}
        )
        producer = Producer(
            id=new.id,
            name=new.name,
            kind=new.kind,
            is_sme=False,
            business_registration_no=new.number,
            personal=sealed,
            qualifies_3_2=qualifies_for_3_2(new.representative),
            commune_code=new.commune_code,
            province_code=new.province_code,
            legacy_unit=new.legacy_unit,
            meta=new.meta,
        )
        claims = [RegistrationNumberIndex(new.number, new.id)] if new.number else []
        return [producer, *claims]


@dataclass(frozen=True)
class NewProducer:
    """A producer a row names that is not registered yet (created when the rows are)."""

    id: UUID
    name: str
    kind: str
    number: str | None
    representative: dict[str, Any]
    address: str
    commune_code: str
    province_code: str
    legacy_unit: dict[str, Any] | None
    meta: dict[str, Any]


def unit_path(producer: Producer | NewProducer) -> dict[str, str]:
    """The producer's units as `runtime.jurisdiction.UnitPath` fields."""
    legacy = producer.legacy_unit or {}
    return {
        "commune": producer.commune_code,
        "province": producer.province_code,
        "district": str(legacy.get("old_district_code") or ""),
        "legacy_commune": str(legacy.get("old_commune_code") or ""),
        "legacy_province": str(legacy.get("old_province_code") or ""),
    }
