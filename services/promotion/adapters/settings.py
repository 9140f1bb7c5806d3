"""The promotion service's own settings (prefix OCOP_PROMOTION_): the local policy whose
targets the shares are compared with."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class PromotionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_PROMOTION_", extra="ignore")

    local_policies: tuple[str, ...] = ("kontum-district-2025",)
