"""Builds the evaluation service from typed settings. Nothing happens at import."""

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
from services.evaluation.adapters import grpc_api, outbound
from services.evaluation.adapters.settings import EvaluationSettings
from services.evaluation.application import EvaluationApp
from services.evaluation.application.scheduler import CertificateScheduler

NAME = "evaluation"


@dataclass
class EvaluationService(StoreService):
    app: EvaluationApp
    service_name = NAME
    clock: Clock
    settings: EvaluationSettings

    rpc_names = (grpc_api.SERVICE_NAME,)

    def rpc(self) -> Register:
        return grpc_api.register(self.app)

    def relay(self, publisher: Publisher, settings: Settings) -> Relay:
        return relay_for(self.app, outbound.translate, publisher, self.metrics, settings)

    def scheduler(self) -> CertificateScheduler:
        return CertificateScheduler(self.app, self.clock)


def build(
    settings: Settings,
    metrics: Metrics | None = None,
    *,
    clock: Clock | None = None,
    evaluation: EvaluationSettings | None = None,
) -> EvaluationService:
    own = evaluation or EvaluationSettings()
    the_clock = clock or SystemClock(settings.time_zone)
    app = EvaluationApp(
        event_store_env(settings, NAME),
        clock=the_clock,
        council=own.council(),
        deployment=own.deployment(),
    )
    return EvaluationService(
        app=app, metrics=metrics or Metrics(NAME), clock=the_clock, settings=own
    )
