"""A province stand-in for tests and demos: it reads the forwarded-products topic and
answers on the province's results topic, so the whole loop runs without a real province.

    python -m system.province      # Kafka; settings from OCOP_* (store: SQLite in the data dir)

Its "council" is the forwarded mean plus `OCOP_PROVINCE_SCORE_DELTA` (default 0). Below
a return path's threshold of the rule set (R1: province < 70; R3: central < 90) it sends
the dossier back; otherwise it recognises the band's star, as high as its level may
recognise. Each answer is stored with the tracking of the forwarded event (exactly
once) and published by an outbox relay, like every service.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import singledispatchmethod
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import JSONTranscoder
from eventsourcing.projection import EventSourcedProjection

from contracts import topics
from contracts.envelope import Actor, IntegrationEvent
from contracts.evaluation import ForwardedToProvince
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from runtime import logs
from runtime.commands import envelope_fields
from runtime.eventstore import event_store_env, register_common_transcodings
from runtime.messages import Publisher
from runtime.metrics import Metrics, serve_metrics
from runtime.outbox import Relay
from runtime.settings import Settings
from runtime.wiring import StoreService, relay_for
from system.province_answer import ProvinceSettings, decide
from system.province_bundle import (
    RECEIVED_TOPIC,
    BundleReceipt,
    BundleSource,
    receive,
    source_of,
)

__all__ = ["Answer", "ProvinceService", "ProvinceSettings", "ProvinceStandIn", "build", "main"]

NAME = "province"
NAMESPACE = UUID("0c9a4e27-6b13-4d58-8f0e-3a7b2c1d9e64")
log = logging.getLogger(__name__)


class Answer(Aggregate):
    """The next level's answer to one forwarded dossier."""

    @classmethod
    def create_id(cls, dossier_id: str, **kwargs: Any) -> UUID:
        return uuid5(NAMESPACE, f"answer:{dossier_id}")

    @event("Given")
    def __init__(
        self,
        dossier_id: str,
        product_id: str,
        level: str,
        result: str,
        score: Decimal,
        star: int,
        decision_no: str,
        decided_on: date,
        reason: str,
        rule_set_id: str,
        meta: dict[str, Any],
    ) -> None:
        self.result = result
        self.level = level
        self.meta = meta


class ProvinceStandIn(EventSourcedProjection[UUID]):
    name = NAME

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        settings: ProvinceSettings | None = None,
        source: BundleSource | None = None,
    ) -> None:
        super().__init__(env)
        self.own = settings or ProvinceSettings()
        self.source = source

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_common_transcodings(transcoder)

    @singledispatchmethod
    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Anything else is tracked and ignored."""

    @policy.register
    def _(self, forwarded: ForwardedToProvince, processing_event: ProcessingEvent[UUID]) -> None:
        if not self.own.enabled:  # switched off: tracked, and answered by hand instead
            return
        answer = self.answer(forwarded)
        if self.source is not None:  # the dossier itself, fetched and verified first
            receipt = receive(
                self.source,
                forwarded,
                answer.level,
                {**answer.meta, "actor": {**answer.meta["actor"], "id": self.own.user}},
                self.own.bundle_wait_seconds,
            )
            processing_event.collect_events(receipt)
        processing_event.collect_events(answer)

    def receipts(self, dossier_id: str = "") -> list[BundleReceipt]:
        """The bundles received (of `dossier_id` only, when given), oldest first."""
        found: list[BundleReceipt] = [
            self.repository.get(UUID(str(n.originator_id))) for n in self._received()
        ]
        return [r for r in found if not dossier_id or r.dossier_id == dossier_id]

    def _received(self) -> list[Any]:
        return list(
            self.recorder.select_notifications(
                start=0, limit=1_000_000, topics=[RECEIVED_TOPIC], inclusive_of_start=False
            )
        )

    def _answered(self) -> int:
        """Answers given so far: the store's events less the bundle receipts."""
        stored = self.recorder.max_notification_id() or 0
        return stored - (len(self._received()) if self.source is not None else 0)

    def answer(self, forwarded: ForwardedToProvince) -> Answer:
        """The next level's answer. Where the rule set has that level forward further at
        this score (R1: the province sends >= 90 to the ministry, 148 §1.2), the stand-in
        plays the ministry too and answers as the ministry. Decision numbers are the
        stand-in's running number, `<n>/QĐ-UBND` (province) or `<n>/QĐ-BNNMT` (ministry)."""
        verdict = decide(forwarded, self.own)
        level, score, returned = verdict.level, verdict.score, verdict.returned
        decided_on = verdict.decided_on
        jurisdiction = forwarded.province_code if level == "province" else "VN"
        return Answer(
            dossier_id=str(forwarded.dossier_id),
            product_id=str(forwarded.product_id),
            level=level,
            result="returned" if returned else "recognised",
            score=score,
            star=verdict.star,
            decision_no=""
            if returned
            else f"{self._answered() + 1}/QĐ-" + ("UBND" if level == "province" else "BNNMT"),
            decided_on=decided_on,
            reason=verdict.reason,
            rule_set_id=verdict.rule_set_id,
            meta={
                "actor": Actor(
                    id=f"{level}-stand-in",
                    role="authority" if level == "province" else "ministry",
                    jurisdiction=jurisdiction,
                ).model_dump(),
                "correlation_id": str(forwarded.correlation_id),
                "causation_id": str(forwarded.event_id),
            },
        )


def translate(domain_event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    if type(domain_event).__qualname__ != "Answer.Given":
        return ()
    e = domain_event
    common = {
        **envelope_fields(e),
        "rule_set_id": e.rule_set_id,
        "dossier_id": UUID(e.dossier_id),
        "product_id": UUID(e.product_id),
        "level": e.level,
        "score": e.score,
    }
    answer: IntegrationEvent
    if e.result == "recognised":
        answer = HigherLevelRecognized(
            **common,
            star=e.star,
            decision_no=e.decision_no,
            decided_on=e.decided_on,
            signer=f"Chủ tịch ({e.level})",
        )
    else:
        answer = ReturnedToLowerLevel(**common, returned_on=e.decided_on, reason=e.reason)
    return ((topics.PROVINCE_RESULTS, answer),)


@dataclass
class ProvinceService(StoreService):
    app: ProvinceStandIn
    service_name = NAME

    def relay(self, publisher: Publisher, settings: Settings) -> Relay:
        return relay_for(self.app, translate, publisher, self.metrics, settings)


def build(
    settings: Settings, metrics: Metrics | None = None, own: ProvinceSettings | None = None
) -> ProvinceService:
    """SQLite in the data folder (or memory): a stand-in needs no database server."""
    store = (
        settings
        if settings.store != "postgres"
        else settings.model_copy(update={"store": "sqlite"})
    )
    own = own or ProvinceSettings()
    source = source_of(settings, own.user, own.password_file, own.bundle_attempts)
    app = ProvinceStandIn(event_store_env(store, NAME), settings=own, source=source)
    return ProvinceService(app=app, metrics=metrics or Metrics(NAME))


async def _run(settings: Settings) -> None:
    from runtime.health import BrokerWatch, Health, serve_health
    from runtime.kafka import (
        KafkaDeadLetters,
        KafkaPublisher,
        build_broker,
        consumer_group,
        consumer_lag,
        subscribe,
    )
    from runtime.kafka_auth import broker_security, credentials_of

    service = build(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    credentials = credentials_of(settings.kafka_credentials_dir, NAME)
    broker = build_broker(
        settings.kafka_bootstrap, "province-stand-in", security=broker_security(credentials)
    )
    consumer = service.consumer(settings)
    subscriber = subscribe(
        broker,
        consumer,
        KafkaDeadLetters(broker, settings.topic_prefix + topics.dead_letter_topic(NAME)),
        list(topics.subscriptions(NAME)),
        consumer_group(settings.topic_prefix, NAME),
        topic_prefix=settings.topic_prefix,
    )
    health = Health(NAME)  # /healthz and /readyz on OCOP_HEALTH_PORT, like every process
    serve_health(health, settings.grpc_host, settings.health_port)
    watch = BrokerWatch(
        f"broker:{NAME}",
        broker.ping,
        service.metrics,
        settings.health_interval_seconds,
        lag=lambda: consumer_lag(subscriber),
        max_lag=settings.ready_max_lag,
    )
    health.check("broker", watch.problem)
    health.check("consumer", consumer.outage.problem)
    serve_metrics(service.metrics.registry, settings.grpc_host, settings.metrics_port)
    await broker.start()
    relay = service.relay(KafkaPublisher(broker, settings.topic_prefix), settings)
    health.check("relay", relay.problem)
    watching = asyncio.create_task(watch.run(stop))
    log.info(
        "province stand-in answering %s on %s", topics.PROVINCE_FORWARDED, topics.PROVINCE_RESULTS
    )
    try:
        await relay.run(stop, settings.relay_poll_seconds)
    finally:
        health.stopping = True
        stop.set()
        await watching
        await broker.stop()


def main() -> None:
    logs.configure("json")
    asyncio.run(_run(Settings()))


if __name__ == "__main__":
    main()
