"""The KPI read models as one query reads them (`Snapshot`), and jurisdictions (`Scope`):
which unit codes a row carries and whether one unit lies within another. Pure."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

__all__ = ["CENTRAL", "LIMITED_SCOPES", "Row", "Scope", "Snapshot", "codes", "within"]

Row = dict[str, str]

CENTRAL = frozenset({"", "VN", "central"})


def codes(units: str) -> frozenset[str]:
    """Every unit code of a read-model row's `units` (JSON of a unit path)."""
    if not units:
        return frozenset()
    return frozenset(str(c) for c in json.loads(units).values() if c)


@dataclass
class Snapshot:
    """The KPI read models as loaded from the store (rows of text; see `facts.TABLES`),
    and how many events each publishing service has sent (`sources`)."""

    producers: dict[str, Row] = field(default_factory=dict)
    products: dict[str, Row] = field(default_factory=dict)
    product_codes_ever: dict[str, Row] = field(default_factory=dict)
    """Every code a product has had (`kpi_product_codes`), by the code upper-cased."""
    dossiers: dict[str, Row] = field(default_factory=dict)
    certificates: dict[str, Row] = field(default_factory=dict)
    inspection_plans: list[Row] = field(default_factory=list)
    inspections: list[Row] = field(default_factory=list)
    channels: list[Row] = field(default_factory=list)
    value_chains: list[Row] = field(default_factory=list)
    showrooms: list[Row] = field(default_factory=list)
    answers: dict[str, Row] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False, compare=False)
    """Answers computed once per snapshot (recognitions per scope, certified per day)."""

    def has(self, source: str) -> bool:
        return self.sources.get(source, 0) > 0

    @cached_property
    def _by_product(self) -> dict[str, list[Row]]:
        """Each product's dossiers (built once per snapshot)."""
        found: dict[str, list[Row]] = {}
        for dossier in self.dossiers.values():
            if dossier.get("product_id"):
                found.setdefault(dossier["product_id"], []).append(dossier)
        return found

    @cached_property
    def _codes(self) -> dict[str, frozenset[str]]:
        every = set(self.products) | set(self._by_product)
        return {
            pid: frozenset(
                codes(self.products.get(pid, {}).get("units", "")).union(
                    *(codes(d.get("units", "")) for d in self._by_product.get(pid, []))
                )
            )
            for pid in every
        }

    def dossiers_of(self, product_id: str) -> list[Row]:
        return self._by_product.get(product_id, [])

    def unit_sets(self) -> Iterable[frozenset[str]]:
        """Each product's unit codes (`product_codes`), for placing a unit among others."""
        return self._codes.values()

    def product_codes(self, product_id: str) -> frozenset[str]:
        """Unit codes of a product: its registration's and its dossiers' assessments'."""
        return self._codes.get(product_id, frozenset())

    def producer_of(self, product_id: str) -> str:
        product = self.products.get(product_id)
        if product and product.get("producer_id"):
            return product["producer_id"]
        for dossier in self.dossiers_of(product_id):
            if dossier.get("producer_id"):
                return dossier["producer_id"]
        return ""


@dataclass(frozen=True)
class Scope:
    """A jurisdiction: a row is in scope when the code is one of its unit codes (current or
    pre-2025 commune, district, province; runtime.jurisdiction's rule). Empty or "VN": all."""

    code: str = ""

    def covers(self, unit_codes: Iterable[str]) -> bool:
        return self.code in CENTRAL or self.code in set(unit_codes)


LIMITED_SCOPES = frozenset({"commune", "district", "province"})
"""Access scopes tied to the caller's own unit (runtime/identity/policy.yaml)."""


def within(snap: Snapshot, unit: str, holder: str) -> bool:
    """Whether `unit` lies within `holder`'s unit: the same code, or a smaller unit (a
    longer code: provinces have 2 digits, districts 3, communes 5 in the national lists,
    before and after 2025) on the unit path of a product that also carries `holder`."""
    if unit == holder:
        return True
    if unit in CENTRAL or len(unit) <= len(holder):
        return False
    return any(unit in path and holder in path for path in snap._codes.values())
