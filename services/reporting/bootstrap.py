"""Builds the reporting service from typed settings. Nothing happens at import."""

from __future__ import annotations

from dataclasses import dataclass

import grpc

from contracts import registry
from runtime.clock import Clock, SystemClock
from runtime.consumer import TrackedConsumer
from runtime.eventstore import event_store_env
from runtime.metrics import Metrics
from runtime.rpc import Register
from runtime.settings import Settings
from runtime.wiring import consumer_for
from services.reporting.adapters import grpc_api, grpc_audit
from services.reporting.adapters.settings import ReportingSettings
from services.reporting.application import ReportingApp

NAME = "reporting"


@dataclass
class ReportingService:
    app: ReportingApp
    metrics: Metrics

    rpc_names = (grpc_api.SERVICE_NAME, grpc_audit.SERVICE_NAME)

    def rpc(self) -> Register:
        catalogue, audit = grpc_api.register(self.app), grpc_audit.register(self.app.audit)

        def add(server: grpc.Server) -> None:
            catalogue(server)
            audit(server)

        return add

    def consumer(self, settings: Settings) -> TrackedConsumer:
        return consumer_for(
            NAME,
            registry.parse,
            self.app.process_event,
            self.app.has_event,
            self.metrics,
            settings,
            batch_effect=self.app.process_batch,
        )


def build(
    settings: Settings,
    metrics: Metrics | None = None,
    *,
    clock: Clock | None = None,
    reporting: ReportingSettings | None = None,
) -> ReportingService:
    own = reporting or ReportingSettings()
    app = ReportingApp(
        event_store_env(settings, NAME),
        clock=clock or SystemClock(settings.time_zone),
        local_policies=own.local_policies,
        zone=settings.time_zone,
    )
    return ReportingService(app=app, metrics=metrics or Metrics(NAME))
