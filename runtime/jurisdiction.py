"""Whose record is it: a record's administrative unit path and the one check of an actor's
jurisdiction against it.

A dossier (and what follows from it: its evaluation, its certificate) lies in one commune.
Before 1 July 2025 that commune lay in a district of a province; since then communes lie
directly in the (merged) provinces (Resolution 202/2025/QH15, Decision 19/2025 codes). A
record keeps both, so an actor of either era is matched: `UnitPath` holds the current
commune and province codes and, where one existed, the pre-reform commune, district and
province codes.

`covers(jurisdiction, path)` is the single rule: an actor acts for a record when the
actor's jurisdiction code is one of the record's unit codes, or is the central level
(`VN`). `require_jurisdiction` raises the refusal the services return (PERMISSION_DENIED,
field `actor.jurisdiction`). The identity policy's scopes (runtime/identity/policy.yaml:
commune, district, province, national) are checked with the same function: a scope only
says which level the actor's code is at; the code must still be on the record's path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from runtime.errors import CommandRejected

CENTRAL = frozenset({"VN", "central"})
"""Jurisdiction codes of the central level (the ministry): they cover every record."""

SYSTEM_ROLES = frozenset({"system"})
"""Actors that are the services themselves (consumers of published events): not checked."""


class ActsFor(Protocol):
    """What the check needs of an actor (contracts.envelope.Actor has it)."""

    @property
    def role(self) -> str: ...

    @property
    def jurisdiction(self) -> str: ...


@dataclass(frozen=True)
class UnitPath:
    """A record's administrative units: current commune and province (Decision 19/2025)
    and, where the record predates or straddles the 2025 reform, the pre-reform commune,
    district and province (empty strings where unknown)."""

    commune: str
    province: str
    district: str = ""
    legacy_commune: str = ""
    legacy_province: str = ""

    def codes(self) -> frozenset[str]:
        """Every unit code on the path (empty ones left out)."""
        units = (self.commune, self.province, self.district, self.legacy_commune)
        return frozenset(c for c in (*units, self.legacy_province) if c)

    def as_dict(self) -> dict[str, str]:
        return {
            "commune": self.commune,
            "province": self.province,
            "district": self.district,
            "legacy_commune": self.legacy_commune,
            "legacy_province": self.legacy_province,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> UnitPath:
        data = data or {}
        return cls(**{k: str(data.get(k) or "") for k in cls.__dataclass_fields__})

    def unit_of(self, level: str) -> str:
        """The code of the unit that runs `level` for this record: the district (its
        pre-2025 code) for `district` where one existed, else the province; `VN` for the
        ministry."""
        if level == "ministry":
            return "VN"
        if level == "district" and self.district:
            return self.district
        if level == "commune":
            return self.commune
        return self.province


def canonical(code: str) -> str:
    """A unit code in its official zero-padded form where that is unambiguous: a
    one-digit code can only be a province written without its leading zero ("1" for Hà
    Nội's "01", as some stored records have it); every other code is kept as given."""
    code = code.strip()
    return code.zfill(2) if len(code) == 1 and code.isdigit() else code


def covers(jurisdiction: str, path: UnitPath) -> bool:
    """The actor's jurisdiction code reaches the record on `path` (codes compared in
    their `canonical` form)."""
    code = canonical(jurisdiction)
    return code in CENTRAL or code in {canonical(c) for c in path.codes()}


def require_jurisdiction(actor: ActsFor, path: UnitPath, record: str = "") -> None:
    """Refuses (PERMISSION_DENIED, field `actor.jurisdiction`) an actor whose jurisdiction
    does not reach the record on `path`; the services' own system actor passes."""
    if actor.role in SYSTEM_ROLES or covers(actor.jurisdiction, path):
        return
    units = ", ".join(sorted(path.codes())) or "?"
    prefix = f"{record}: " if record else ""
    raise CommandRejected(
        "permission_denied",
        "actor.jurisdiction",
        f"{prefix}người thực hiện thuộc địa bàn '{actor.jurisdiction}', hồ sơ thuộc địa bàn "
        f"{units}.",
        f"{prefix}the actor acts for '{actor.jurisdiction}'; the record belongs to {units}.",
    )
