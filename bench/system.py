"""One repetition of the distributed system's figures, on freshly reset databases
(`<db-prefix>registration`, `<db-prefix>reporting`) and topics under a fresh prefix:
the pipelined run end to end, then each half alone on the backlog it left (the relay
drains the whole log to a second set of topics, a fresh catalogue consumes them), then
the commands alone."""

from __future__ import annotations

import asyncio
import uuid

from bench import commands, commands_pipeline, consumer, end_to_end, relay
from bench.infra import (
    SERVICES,
    Servers,
    create_schemas,
    create_topics,
    delete_topics,
    reset_database,
)
from runtime.settings import Settings


def run_system(
    settings: Settings,
    servers: Servers,
    events: int,
    paced: int,
    inproc: bool,
    seconds: float,
    pipeline_seconds: float = 60,
) -> dict[str, float]:
    """One repetition: every figure of the distributed system, by key."""
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    drain_prefix = f"{prefix[:-1]}d."
    settings = settings.model_copy(update={"topic_prefix": prefix})
    for service in SERVICES:
        reset_database(settings, service)
    create_schemas(settings)
    asyncio.run(create_topics(settings.kafka_bootstrap, prefix))
    try:
        figures = end_to_end.measure(settings, servers, events, paced, inproc)
        asyncio.run(create_topics(settings.kafka_bootstrap, drain_prefix))
        drain_settings = settings.model_copy(update={"topic_prefix": drain_prefix})
        published, relay_rate = asyncio.run(relay.relay_drain(drain_settings))
        stream_rate, drain_batch = asyncio.run(consumer.stream_drain(drain_settings, published))
        alone = commands.commands_alone(settings, seconds)
        backlog = relay.relay_backlog(settings) | consumer.backlog(settings)
        concurrent = commands.over_grpc(settings, 2 * seconds) | commands.raw_inserts(
            settings, f"{settings.pg_db_prefix}registration", 2 * seconds
        )
        concurrent |= commands_pipeline.pipeline(settings, pipeline_seconds)
    finally:
        asyncio.run(delete_topics(settings.kafka_bootstrap, prefix))
        asyncio.run(delete_topics(settings.kafka_bootstrap, drain_prefix))
    return (
        figures
        | {
            "relay_drain": relay_rate,
            "stream_drain": stream_rate,
            "stream_drain_batch": drain_batch,
            "commands_alone": alone,
        }
        | backlog
        | concurrent
    )
