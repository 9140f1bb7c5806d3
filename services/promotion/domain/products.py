"""What promotion knows of products and producers: where they are, which certificates a
product held and when, and a producer's sales channels and value-chain links.

Promotion keeps its own list (DESIGN.md §2), fed by registration's ProducerRegistered
and ProductRegistered and evaluation's Recognized, CertificateExpired,
CertificateSuperseded and Revoked, which arrive on two topics in any order. Only a
product whose certificate is in force may be promoted under the OCOP name (R3 Art. 8;
OCOP-RULES.md §14.26)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.promotion.domain.values import CHANNEL_TYPES, Span

NAMESPACE = UUID("8d2f4c61-5e3a-4b7d-9c18-2a6e0f9b3d47")
Meta = dict[str, Any]


def _located_in(code: str, *units: str) -> bool:
    return bool(code) and code in units


class PromotedProduct(Aggregate):
    """One product: its place, its producer and every certificate it held (`certificates`
    by number: star, valid_from, valid_to, ended_on, reason), and where it is promoted."""

    @staticmethod
    def id_for(product_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"product:{product_id}")

    @classmethod
    def create_id(cls, product_id: UUID, **kwargs: Any) -> UUID:
        return cls.id_for(product_id)

    @event("Listed")
    def __init__(self, product_id: UUID, meta: Meta) -> None:
        self.product_id = product_id
        self.producer_id = ""
        self.name = ""
        self.commune_code = ""
        self.province_code = ""
        self.district_code = ""
        self.certificates: dict[str, dict[str, Any]] = {}
        self.showroom_ids: list[str] = []
        self.fair_ids: list[str] = []

    @event("Located")
    def locate(
        self,
        producer_id: str,
        name: str,
        commune_code: str,
        province_code: str,
        district_code: str,
        meta: Meta,
    ) -> None:
        self.producer_id = producer_id
        self.name = name
        self.commune_code = commune_code
        self.province_code = province_code
        self.district_code = district_code

    def certify(self, certificate: dict[str, Any], meta: Meta) -> bool:
        """Record a certificate (Recognized); False when already known."""
        if certificate["number"] in self.certificates:
            return False
        self._certified(certificate=certificate, meta=meta)
        return True

    @event("Certified")
    def _certified(self, certificate: dict[str, Any], meta: Meta) -> None:
        self.certificates[certificate["number"]] = {
            **certificate,
            "ended_on": None,
            "reason": "",
        }

    def end(self, certificate_no: str, reason: str, on: date, meta: Meta) -> bool:
        """A certificate expired, was revoked or replaced; False when already ended or
        unknown (an end that arrives before its Recognized is kept all the same)."""
        known = self.certificates.get(certificate_no)
        if known is not None and known["ended_on"] is not None:
            return False
        self._ended(certificate_no=certificate_no, reason=reason, on=on, meta=meta)
        return True

    @event("CertificateEnded")
    def _ended(self, certificate_no: str, reason: str, on: date, meta: Meta) -> None:
        known = self.certificates.setdefault(
            certificate_no,
            {"number": certificate_no, "star": 0, "valid_from": on, "valid_to": on},
        )
        known["ended_on"] = on
        known["reason"] = reason

    @event("Displayed")
    def displayed(self, showroom_id: str, meta: Meta) -> None:
        if showroom_id not in self.showroom_ids:
            self.showroom_ids.append(showroom_id)

    @event("TakenDown")
    def taken_down(self, showroom_id: str, meta: Meta) -> None:
        if showroom_id in self.showroom_ids:
            self.showroom_ids.remove(showroom_id)

    @event("Entered")
    def entered(self, fair_id: str, meta: Meta) -> None:
        if fair_id not in self.fair_ids:
            self.fair_ids.append(fair_id)

    # -- questions -----------------------------------------------------------------------

    def in_force_on(self, day: date) -> dict[str, Any] | None:
        """The certificate in force on `day` (issued by then, within its validity, not
        ended on or before it), the newest first; None when there is none."""
        found = [
            c
            for c in self.certificates.values()
            if c["valid_from"] <= day <= c["valid_to"]
            and (c["ended_on"] is None or day < c["ended_on"])
        ]
        return max(found, key=lambda c: c["valid_from"]) if found else None

    def holding(self) -> dict[str, Any] | None:
        """The newest certificate not ended, whatever the date."""
        found = [c for c in self.certificates.values() if c["ended_on"] is None]
        return max(found, key=lambda c: c["valid_from"]) if found else None

    def status(self) -> str:
        """`valid`, `none`, or how the last certificate ended (expired, revoked, ...)."""
        if self.holding() is not None:
            return "valid"
        if not self.certificates:
            return "none"
        last = max(self.certificates.values(), key=lambda c: c["ended_on"] or date.min)
        return str(last["reason"] or "none")

    def located_in(self, code: str) -> bool:
        return _located_in(code, self.province_code, self.district_code, self.commune_code)


class Producer(Aggregate):
    """A producer (chủ thể): where it is, its products, its sales channels (`channels` by
    id) and value-chain links (`chains` by id)."""

    @staticmethod
    def id_for(producer_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"producer:{producer_id}")

    @classmethod
    def create_id(cls, producer_id: UUID, **kwargs: Any) -> UUID:
        return cls.id_for(producer_id)

    @event("Listed")
    def __init__(self, producer_id: UUID, meta: Meta) -> None:
        self.producer_id = producer_id
        self.name = ""
        self.kind = ""
        self.commune_code = ""
        self.province_code = ""
        self.district_code = ""
        self.product_ids: list[str] = []
        self.channels: dict[str, dict[str, Any]] = {}
        self.chains: dict[str, dict[str, Any]] = {}

    @event("Located")
    def locate(
        self,
        name: str,
        kind: str,
        commune_code: str,
        province_code: str,
        district_code: str,
        meta: Meta,
    ) -> None:
        self.name = name
        self.kind = kind
        self.commune_code = commune_code
        self.province_code = province_code
        self.district_code = district_code

    @event("ProductAdded")
    def add_product(self, product_id: str, meta: Meta) -> None:
        if product_id not in self.product_ids:
            self.product_ids.append(product_id)

    @event("ChannelJoined")
    def join_channel(self, channel: dict[str, Any], meta: Meta) -> None:
        self.channels[channel["channel_id"]] = {**channel, "withdrawn": {}}

    @event("ChannelLeft")
    def leave_channel(self, channel_id: str, on: date, meta: Meta) -> None:
        self.channels[channel_id]["until"] = on

    @event("ListingWithdrawn")
    def withdraw_listing(
        self,
        channel_id: str,
        product_id: str,
        reason: str,
        on: date,
        certificate_no: str,
        meta: Meta,
    ) -> None:
        channel = self.channels[channel_id]
        channel["products"] = [p for p in channel["products"] if p != product_id]
        channel["withdrawn"][product_id] = {"reason": reason, "on": on}

    @event("ChainLinked")
    def link_chain(self, link: dict[str, Any], meta: Meta) -> None:
        self.chains[link["link_id"]] = dict(link)

    @event("ChainEnded")
    def end_chain(self, link_id: str, on: date, meta: Meta) -> None:
        self.chains[link_id]["until"] = on

    # -- questions -----------------------------------------------------------------------

    def located_in(self, code: str) -> bool:
        return _located_in(code, self.province_code, self.district_code, self.commune_code)

    def in_modern_channel_on(self, day: date) -> bool:
        return any(
            CHANNEL_TYPES[c["channel_type"]].modern and Span(c["since"], c["until"]).covers(day)
            for c in self.channels.values()
        )

    def in_value_chain_on(self, day: date) -> bool:
        return any(Span(c["since"], c["until"]).covers(day) for c in self.chains.values())

    def channels_listing(self, product_id: str) -> list[str]:
        """Ids of the open channels that list the product."""
        return [
            cid
            for cid, c in self.channels.items()
            if c["until"] is None and product_id in c["products"]
        ]
