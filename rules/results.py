"""Results of the scoring engine: scored sheets and the council result."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from rules.authorities import Routing
from rules.model import ShortfallMode, Tier
from rules.rubric import PartCode


class Outcome(StrEnum):
    """What a council result means at the tier that scored it.

    ``recognised``: a 3★-5★ the scoring tier's authority decides (a certificate
    follows); ``forwarded``: the score sends the dossier up, the higher council
    decides; ``returned``: a higher council's shortfall goes back down, nothing
    is certified until the lower tier acts; ``not_recognised``: "không đạt" or a
    1★/2★ band (no decision, no certificate); ``rejected``: a knock-out.
    """

    RECOGNISED = "recognised"
    FORWARDED = "forwarded"
    RETURNED = "returned"
    NOT_RECOGNISED = "not_recognised"
    REJECTED = "rejected"


class ScoredLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    criterion: str
    part: PartCode
    option: str
    points: Decimal
    max: Decimal
    case: str | None = None
    applicable: bool = True


class ScoredSheet(BaseModel):
    """A member's sheet checked against the rubric, with subtotals."""

    model_config = ConfigDict(frozen=True)

    member: str
    rule_set_id: str
    product_set: int
    lines: tuple[ScoredLine, ...]
    parts: dict[PartCode, Decimal]
    total: Decimal
    knockouts: tuple[str, ...]

    def points(self, code: str) -> Decimal:
        """Points on a leaf criterion, or summed over a parent's sub-items."""
        prefix = code + "."
        return sum(
            (
                line.points
                for line in self.lines
                if line.criterion in (code,) or line.criterion.startswith(prefix)
            ),
            Decimal(0),
        )


class MinimumCheck(BaseModel):
    """One minimum-star marker checked against the members' answers."""

    model_config = ConfigDict(frozen=True)

    star: int
    criterion: str
    criterion_label: str
    required_option: str
    required_label: str
    required_points: Decimal
    member_points: tuple[Decimal, ...]
    met: bool


class KnockoutCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    label_vi: str
    label_en: str
    triggered: bool
    flagged_by: tuple[str, ...] = ()


class ModeOutcome(BaseModel):
    """The result under one shortfall mode (cap or reject)."""

    model_config = ConfigDict(frozen=True)

    mode: ShortfallMode
    outcome: Outcome
    awarded_star: int | None
    certificate_issued: bool
    routing: Routing


class CouncilResult(BaseModel):
    """The council's result for one product, under both shortfall modes."""

    model_config = ConfigDict(frozen=True)

    rule_set_id: str
    rule_set_version: str
    product_set: int
    tier: Tier
    mode: ShortfallMode
    members: tuple[ScoredSheet, ...]
    total: Decimal
    parts: dict[PartCode, Decimal]
    band_star: int
    minimums: tuple[MinimumCheck, ...]
    knockouts: tuple[KnockoutCheck, ...]
    by_mode: tuple[ModeOutcome, ...]

    def under(self, mode: ShortfallMode) -> ModeOutcome:
        return next(o for o in self.by_mode if o.mode == mode)

    @property
    def selected(self) -> ModeOutcome:
        return self.under(self.mode)

    @property
    def outcome(self) -> Outcome:
        return self.selected.outcome

    @property
    def awarded_star(self) -> int | None:
        return self.selected.awarded_star

    @property
    def recognised_star(self) -> int | None:
        """The certified star (3-5), or ``None`` when nothing is recognised."""
        chosen = self.selected
        return chosen.awarded_star if chosen.outcome == Outcome.RECOGNISED else None

    @property
    def certificate_issued(self) -> bool:
        return self.selected.certificate_issued

    @property
    def routing(self) -> Routing:
        return self.selected.routing

    def minimums_met(self, star: int) -> bool:
        return all(c.met for c in self.minimums if c.star == star)

    def unmet(self, star: int) -> tuple[MinimumCheck, ...]:
        return tuple(c for c in self.minimums if c.star == star and not c.met)
