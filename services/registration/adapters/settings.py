"""The registration service's own settings (prefix OCOP_REGISTRATION_): the local policies
that set what the rule sets leave open for the commune's step (its time limit under
R1/R2: the Kon Tum 2025 plan's 15 working days)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class RegistrationSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_REGISTRATION_", extra="ignore")

    local_policies: tuple[str, ...] = ("kontum-district-2025",)
