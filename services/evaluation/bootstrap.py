"""Builds the evaluation service from typed settings. Nothing happens at import."""

from __future__ import annotations

from dataclasses import dataclass

from contracts import registry
from runtime.clock import Clock, SystemClock
from runtime.consumer import TrackedConsumer
from runtime.eventstore import event_store_env
from runtime.messages import Publisher
from runtime.metrics import Metrics
from runtime.outbox import Relay
from runtime.rpc import Register
from runtime.settings import Settings
from runtime.tracking import processed_events
from runtime.wiring import consumer_for, relay_for
from services.evaluation.adapters import grpc_api, outbound
from services.evaluation.adapters.settings import EvaluationSettings
from services.evaluation.application import EvaluationApp
from services.evaluation.application.scheduler import CertificateScheduler

NAME = "evaluation"


@dataclass
class EvaluationService:
    app: EvaluationApp
    metrics: Metrics
    clock: Clock
    settings: EvaluationSettings

    rpc_names = (grpc_api.SERVICE_NAME,)

    def rpc(self) -> Register:
        return grpc_api.register(self.app)

    def relay(self, publisher: Publisher, settings: Settings) -> Relay:
        return relay_for(self.app, outbound.translate, publisher, self.metrics, settings)

    def consumer(self, settings: Settings) -> TrackedConsumer:
        return consumer_for(
            NAME,
            registry.parse,
            self.app.process_event,
            processed_events(self.app.recorder),
            self.metrics,
            settings,
        )

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
