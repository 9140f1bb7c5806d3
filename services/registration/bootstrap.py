"""Builds the registration service from typed settings. Nothing happens at import."""

from __future__ import annotations

from dataclasses import dataclass

from runtime.blobs import blob_store
from runtime.clock import Clock, SystemClock
from runtime.eventstore import event_store_env
from runtime.messages import Publisher
from runtime.metrics import Metrics
from runtime.outbox import Relay
from runtime.personal_data import key_from_settings
from runtime.rpc import Register
from runtime.settings import Settings
from runtime.wiring import StoreService, relay_for
from services.registration.adapters import grpc_api, outbound
from services.registration.adapters.settings import RegistrationSettings
from services.registration.adapters.units import locate_commune, locate_legacy_commune
from services.registration.application import RegistrationApp
from services.registration.application.rulebook import route_dossier

NAME = "registration"


@dataclass
class Registration(StoreService):
    app: RegistrationApp
    service_name = NAME

    def rpc(self) -> Register:
        return grpc_api.register(self.app)

    rpc_names = (grpc_api.SERVICE_NAME,)

    def relay(self, publisher: Publisher, settings: Settings) -> Relay:
        return relay_for(self.app, outbound.translate, publisher, self.metrics, settings)


def build(
    settings: Settings,
    metrics: Metrics | None = None,
    clock: Clock | None = None,
    registration: RegistrationSettings | None = None,
) -> Registration:
    own = registration or RegistrationSettings()
    app = RegistrationApp(
        event_store_env(settings, NAME),
        locate_commune=locate_commune,
        locate_legacy_commune=locate_legacy_commune,
        route_dossier=route_dossier,
        clock=clock or SystemClock(settings.time_zone),
        blobs=blob_store(settings, "documents"),
        personal_data_key=key_from_settings(
            settings.store, settings.data_dir, settings.personal_data_key_file
        ),
        local_policies=own.local_policies,
    )
    return Registration(app=app, metrics=metrics or Metrics(NAME))
