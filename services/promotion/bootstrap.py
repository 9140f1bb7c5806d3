"""Builds the promotion service from typed settings. Nothing happens at import."""

from __future__ import annotations

from dataclasses import dataclass

from runtime.clock import Clock, SystemClock
from runtime.eventstore import event_store_env
from runtime.messages import Publisher
from runtime.metrics import Metrics
from runtime.outbox import Relay
from runtime.rpc import Register
from runtime.settings import Settings
from runtime.wiring import StoreService, relay_for
from services.promotion.adapters import grpc_api, outbound
from services.promotion.adapters.settings import PromotionSettings
from services.promotion.application import PromotionApp

NAME = "promotion"


@dataclass
class PromotionService(StoreService):
    app: PromotionApp
    service_name = NAME
    clock: Clock
    settings: PromotionSettings

    rpc_names = (grpc_api.SERVICE_NAME,)

    def rpc(self) -> Register:
        return grpc_api.register(self.app)

    def relay(self, publisher: Publisher, settings: Settings) -> Relay:
        return relay_for(
            self.app, outbound.translator(self.as_of), publisher, self.metrics, settings
        )


def build(
    settings: Settings,
    metrics: Metrics | None = None,
    *,
    clock: Clock | None = None,
    promotion: PromotionSettings | None = None,
) -> PromotionService:
    own = promotion or PromotionSettings()
    the_clock = clock or SystemClock(settings.time_zone)
    app = PromotionApp(
        event_store_env(settings, NAME), clock=the_clock, local_policies=own.local_policies
    )
    return PromotionService(
        app=app, metrics=metrics or Metrics(NAME), clock=the_clock, settings=own
    )
