"""The products inspection watches: where each is made and the certificate it holds.

Inspection keeps its own list (DESIGN.md §2), fed by registration's ProductRegistered
(name and place) and evaluation's Recognized, CertificateExpired, CertificateSuperseded
and Revoked. Those arrive on two topics and several keys, so in any order: a certificate
already ended stays ended whatever arrives later, and a newer certificate replaces an
older one only by its issue date."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

NAMESPACE = UUID("0f4d7e2a-3b61-4c85-9a1e-5d2c8b7f6e13")
Meta = dict[str, Any]


class CertifiedProduct(Aggregate):
    """One product as inspection sees it; `certificate` is the newest one it learnt of."""

    @staticmethod
    def id_for(product_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"product:{product_id}")

    @classmethod
    def create_id(cls, product_id: UUID, **kwargs: Any) -> UUID:
        return cls.id_for(product_id)

    @event("Listed")
    def __init__(self, product_id: UUID, meta: Meta) -> None:
        self.product_id = product_id
        self.name = ""
        self.commune_code = ""
        self.province_code = ""
        self.district_code = ""
        self.certificate: dict[str, Any] | None = None
        self.ended: dict[str, dict[str, Any]] = {}
        self.plan_ids: list[str] = []

    # -- what other services tell us ---------------------------------------------------

    @event("Located")
    def locate(
        self, name: str, commune_code: str, province_code: str, district_code: str, meta: Meta
    ) -> None:
        self.name = name
        self.commune_code = commune_code
        self.province_code = province_code
        self.district_code = district_code

    def certify(self, certificate: dict[str, Any], meta: Meta) -> bool:
        """Record a certificate (Recognized); False when it changes nothing."""
        current = self.certificate
        if current is not None and (
            current["number"] == certificate["number"]
            or current["issued_on"] > certificate["issued_on"]
        ):
            return False
        self._certified(certificate=certificate, meta=meta)
        return True

    @event("Certified")
    def _certified(self, certificate: dict[str, Any], meta: Meta) -> None:
        self.certificate = dict(certificate)

    def end(self, certificate_no: str, reason: str, on: date, meta: Meta) -> bool:
        """A certificate expired, was revoked or replaced; False when already known."""
        if certificate_no in self.ended:
            return False
        self._ended(certificate_no=certificate_no, reason=reason, on=on, meta=meta)
        return True

    @event("CertificateEnded")
    def _ended(self, certificate_no: str, reason: str, on: date, meta: Meta) -> None:
        self.ended[certificate_no] = {"reason": reason, "on": on}

    @event("Planned")
    def planned(self, plan_id: str, meta: Meta) -> None:
        self.plan_ids.append(plan_id)

    # -- questions -----------------------------------------------------------------------

    def holding(self) -> dict[str, Any] | None:
        """The certificate in force (not ended), whatever the date."""
        cert = self.certificate
        return cert if cert is not None and cert["number"] not in self.ended else None

    def status(self) -> str:
        if self.certificate is None:
            return "none"
        ended = self.ended.get(self.certificate["number"])
        return str(ended["reason"]) if ended else "valid"

    def in_force_on(self, day: date) -> dict[str, Any] | None:
        """The certificate in force on `day`: issued by then, not past its validity, not ended."""
        cert = self.holding()
        if cert is None or not cert["issued_on"] <= day <= cert["valid_to"]:
            return None
        return cert

    def located_in(self, code: str) -> bool:
        """Whether the product lies in the unit `code` (province, legacy district or commune)."""
        return code in (self.province_code, self.district_code, self.commune_code) and bool(code)
