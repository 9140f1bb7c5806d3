"""The evaluation service's own settings (prefix OCOP_EVALUATION_): the council regulation
and the deployment's switches. Defaults and their sources are in the service README."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from rules import Deployment, LastDayConvention, ShortfallMode, Tier
from services.evaluation.domain.council import CouncilRules


class EvaluationSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_EVALUATION_", extra="ignore")

    quorum_fraction: Decimal = Field(default=Decimal("0.75"), gt=0, le=1)
    quorum_requires_chair: bool = True
    divergence_points: Decimal = Field(default=Decimal(10), ge=0)
    written_opinion_rule_sets: tuple[str, ...] = ("R3",)

    jurisdiction: str = "51"
    tier: Tier = Tier.PROVINCE
    minimum_shortfall: ShortfallMode | None = None
    valid_to_convention: LastDayConvention | None = None
    extra_days_off: tuple[date, ...] = ()
    local_policies: tuple[str, ...] = ("kontum-district-2025",)
    scheduler_seconds: float = Field(default=60.0, gt=0)

    def council(self) -> CouncilRules:
        return CouncilRules(
            quorum_fraction=self.quorum_fraction,
            quorum_requires_chair=self.quorum_requires_chair,
            divergence_points=self.divergence_points,
            written_opinion_rule_sets=self.written_opinion_rule_sets,
        )

    def deployment(self) -> Deployment:
        return Deployment(
            jurisdiction=self.jurisdiction,
            tier=self.tier,
            minimum_shortfall=self.minimum_shortfall,
            valid_to_convention=self.valid_to_convention,
            extra_days_off=self.extra_days_off,
            local_policies=self.local_policies,
        )
