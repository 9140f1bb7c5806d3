"""The reporting service's own settings (prefix OCOP_REPORTING_): the local policies whose
yearly targets and reports (periods, due dates) the KPIs are compared with."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class ReportingSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_REPORTING_", extra="ignore")

    local_policies: tuple[str, ...] = ("kontum-district-2025",)
