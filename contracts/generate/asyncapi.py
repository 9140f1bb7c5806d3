"""`contracts/asyncapi.json`: the AsyncAPI 3.0.0 document FastStream generates for a
broker that declares every topic's publisher (the owner) and subscribers (consumers)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, Final

from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI

from contracts.generate import channels
from contracts.generate.channels import Channel, validate_tables
from contracts.generate.events import union_of
from contracts.generate.schemas import dump_json
from contracts.registry import TOPIC_EVENTS

ASYNCAPI_FILE: Final = Path("contracts/asyncapi.json")
ASYNCAPI_SCHEMA_VERSION: Final = "3.0.0"
ASYNCAPI_TITLE: Final = "OCOP integration events"
# Version of the published contract as a whole; bump it with any change to the artefacts.
CONTRACT_VERSION: Final = "1.1.0"
# The development broker (runtime.settings default); the document never connects to it.
KAFKA_SERVER: Final = "127.0.0.1:19092"


def _contract_handler(payload: Any, name: str) -> Callable[..., Coroutine[Any, Any, None]]:
    """A subscriber whose only job is to carry the payload type into the document."""

    async def handle(event: Any) -> None:
        """Never runs: the broker is never connected."""

    handle.__annotations__ = {"event": payload, "return": None}
    handle.__name__ = handle.__qualname__ = name
    return handle


def publisher_title(channel: Channel) -> str:
    return f"{channel.name}:{channel.owner}:publish"


def subscriber_title(channel: Channel, consumer: str) -> str:
    return f"{channel.name}:{consumer}:subscribe"


def build_broker() -> KafkaBroker:
    """A broker declaring every channel; it describes the contract and never connects."""
    validate_tables()
    broker = KafkaBroker(
        KAFKA_SERVER,
        description="Kafka (KRaft). Only a topic's owner publishes on it.",
    )
    for channel in channels.CHANNELS:
        payload = union_of(TOPIC_EVENTS[channel.name])
        broker.publisher(
            channel.name,
            schema=payload,
            title=publisher_title(channel),
            description=f"Published by {channel.owner}. {channel.description}",
        )
        for consumer in channel.consumers:
            subscriber = broker.subscriber(
                channel.name,
                group_id=consumer,
                title=subscriber_title(channel, consumer),
                description=(
                    f"Consumed by {consumer} in consumer group '{consumer}' "
                    f"(published by {channel.owner})."
                ),
            )
            subscriber(_contract_handler(payload, f"{consumer}_consumes"))
    return broker


def render_asyncapi() -> dict[Path, str]:
    """The AsyncAPI document FastStream generates for `build_broker()`."""
    with warnings.catch_warnings():
        # FastStream warns, then silently drops, on clashing channel or schema names.
        warnings.simplefilter("error", RuntimeWarning)
        specification = AsyncAPI(
            build_broker(),
            title=ASYNCAPI_TITLE,
            version=CONTRACT_VERSION,
            description=(
                "Integration events of Vietnam's OCOP programme (One Commune One Product). "
                "Payloads are JSON; see contracts/README.md for the envelope and the "
                "versioning policy."
            ),
            schema_version=ASYNCAPI_SCHEMA_VERSION,
        ).to_specification()
        document = specification.to_jsonable()
    return {ASYNCAPI_FILE: dump_json(document)}
