"""The inspection service's own settings (prefix OCOP_INSPECTION_): the deployment whose
local policies give the inspection cadence, and the scheduler's period."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from rules import Deployment, Tier


class InspectionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_INSPECTION_", extra="ignore")

    jurisdiction: str = "51"
    tier: Tier = Tier.PROVINCE
    local_policies: tuple[str, ...] = ("kontum-district-2025",)
    scheduler_seconds: float = Field(default=60.0, gt=0)
    documents_folder: str = Field(default="inspection-documents", min_length=1)

    def deployment(self) -> Deployment:
        return Deployment(
            jurisdiction=self.jurisdiction, tier=self.tier, local_policies=self.local_policies
        )
