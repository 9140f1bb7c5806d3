"""Builds the inspection service from typed settings. Nothing happens at import."""

from __future__ import annotations

from dataclasses import dataclass

from runtime.blobs import blob_store
from runtime.clock import Clock, SystemClock
from runtime.eventstore import event_store_env
from runtime.messages import Publisher
from runtime.metrics import Metrics
from runtime.outbox import Relay
from runtime.rpc import Register
from runtime.settings import Settings
from runtime.wiring import StoreService, relay_for
from services.inspection.adapters import grpc_api, outbound
from services.inspection.adapters.scheduler import RemediationScheduler
from services.inspection.adapters.settings import InspectionSettings
from services.inspection.application import InspectionApp

NAME = "inspection"


@dataclass
class InspectionService(StoreService):
    app: InspectionApp
    service_name = NAME
    clock: Clock
    settings: InspectionSettings

    rpc_names = (grpc_api.SERVICE_NAME,)

    def rpc(self) -> Register:
        return grpc_api.register(self.app)

    def relay(self, publisher: Publisher, settings: Settings) -> Relay:
        return relay_for(
            self.app, outbound.translator(self.as_of), publisher, self.metrics, settings
        )

    def scheduler(self) -> RemediationScheduler:
        return RemediationScheduler(self.app, self.clock)


def build(
    settings: Settings,
    metrics: Metrics | None = None,
    *,
    clock: Clock | None = None,
    inspection: InspectionSettings | None = None,
) -> InspectionService:
    own = inspection or InspectionSettings()
    the_clock = clock or SystemClock(settings.time_zone)
    app = InspectionApp(
        event_store_env(settings, NAME),
        clock=the_clock,
        deployment=own.deployment(),
        blobs=blob_store(settings, own.documents_folder),
    )
    return InspectionService(
        app=app, metrics=metrics or Metrics(NAME), clock=the_clock, settings=own
    )
