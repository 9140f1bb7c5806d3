"""The catalogue of Kafka topics: the one place a topic is named, owned and subscribed to.

Topic names are `ocop.<owner>.<stream>.v<N>`; only the owner publishes. Everything
else that lists topics is derived from `CATALOGUE`:

* `deploy/kafka/topics.yaml` (rendered by `contracts.deploy_topics`, drift-checked by
  `python -m contracts.generate --check`), which `deploy/kafka/kafka.sh` creates;
* the AsyncAPI channels (`contracts.generate.CHANNELS`: topics that carry events);
* what each service's stream process consumes (`subscriptions(service)`);
* one dead-letter topic per consuming service (`dead_letter_topics()`);
* the tests' topics (`tests/conftest.py`).

A service that starts consuming a topic adds its name to that topic's `consumers`; a
new topic is one more `Topic(...)` entry (and, once it carries events, its union in
`contracts.registry.TOPIC_EVENTS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

REGISTRATION_EVENTS: Final = "ocop.registration.events.v1"
EVALUATION_EVENTS: Final = "ocop.evaluation.events.v1"
PROVINCE_FORWARDED: Final = "ocop.evaluation.province-forwarded.v1"
PROVINCE_RESULTS: Final = "ocop.province.results.v1"
PROMOTION_EVENTS: Final = "ocop.promotion.events.v1"
INSPECTION_EVENTS: Final = "ocop.inspection.events.v1"

FOREVER: Final = -1
"""`retention.ms` of event topics: a new consumer or a rebuilt projection replays from 0."""


@dataclass(frozen=True)
class Topic:
    """One topic: its only publisher (the owner), the services that consume it (each in
    its own consumer group, named after the service) and its broker settings.

    `reserved` topics are named and deployed but carry no events yet (no contract)."""

    name: str
    owner: str
    description: str
    consumers: tuple[str, ...] = ()
    partitions: int = 3
    retention_ms: int = FOREVER
    reserved: bool = False


CATALOGUE: Final[tuple[Topic, ...]] = (
    Topic(
        REGISTRATION_EVENTS,
        owner="registration",
        consumers=("evaluation", "reporting", "inspection", "promotion"),
        description=(
            "Registration facts: producers and products registered, dossiers submitted "
            "at the commune, and the commune assessment (form 03) that forwards a dossier "
            "to the evaluating level. Keyed by aggregate id."
        ),
    ),
    Topic(
        EVALUATION_EVENTS,
        owner="evaluation",
        consumers=("reporting", "inspection", "promotion", "registration"),
        description=(
            "Evaluation facts: the council's adopted result and outcome, recognition "
            "decisions with their certificates, forwarding and returns from the next "
            "level, certificate expiry notices, re-evaluation windows, expiry, "
            "replacement and revocation. Member score sheets never leave evaluation. "
            "Keyed by aggregate id."
        ),
    ),
    Topic(
        PROVINCE_FORWARDED,
        owner="evaluation",
        consumers=("province",),
        description=(
            "Dossiers forwarded to the province (ForwardedToProvince): the only topic "
            "the province's account may read. Keyed by aggregate id."
        ),
    ),
    Topic(
        PROVINCE_RESULTS,
        owner="province",
        consumers=("evaluation", "reporting"),
        description=(
            "The next level's answers to forwarded dossiers: recognised (its decision "
            "number and star) or returned to the lower level. Keyed by answer id."
        ),
    ),
    Topic(
        INSPECTION_EVENTS,
        owner="inspection",
        consumers=("evaluation", "reporting"),
        description=(
            "Post-certification inspection: plans per period (InspectionPlanned), "
            "inspections scheduled or opened ad hoc, and their conclusions (passed, "
            "remediation required, completed or overdue, failed). InspectionFailed opens "
            "a revocation case in evaluation. Keyed by plan or inspection id."
        ),
    ),
    Topic(
        PROMOTION_EVENTS,
        owner="promotion",
        consumers=("reporting",),
        description=(
            "Promotion of certified products: the year's plan, fairs and participation, "
            "showrooms and sales points with the products displayed or withdrawn (and why: "
            "a certificate revoked or expired withdraws automatically), sales channels "
            "(modern or traditional), value-chain links, campaigns, training and support "
            "by funding source. Keyed by aggregate id."
        ),
    ),
)

DEAD_LETTER_PARTITIONS: Final = 1


def dead_letter_topic(consumer_service: str) -> str:
    """The dead-letter topic a consuming service writes its poison messages to."""
    return f"ocop.{consumer_service}.dlq.v1"


def topic(name: str) -> Topic:
    """The catalogue entry of `name`; KeyError for a topic the catalogue does not have."""
    for entry in CATALOGUE:
        if entry.name == name:
            return entry
    raise KeyError(name)


def subscriptions(service: str) -> tuple[str, ...]:
    """The topics `service` consumes, in catalogue order (empty: it consumes nothing)."""
    return tuple(t.name for t in CATALOGUE if service in t.consumers)


def consuming_services() -> tuple[str, ...]:
    """Every service that consumes a topic, in order of first appearance."""
    return tuple(dict.fromkeys(c for t in CATALOGUE for c in t.consumers))


def dead_letter_topics() -> tuple[Topic, ...]:
    """One dead-letter topic per consuming service: the original key, payload and headers
    of each message its consumers gave up on, plus the error (`ocop-error`)."""
    return tuple(
        Topic(
            dead_letter_topic(service),
            owner=service,
            partitions=DEAD_LETTER_PARTITIONS,
            description=f"Messages the {service} consumers gave up on, with the error.",
        )
        for service in consuming_services()
    )


def every_topic() -> tuple[Topic, ...]:
    """The catalogue's event topics, then the dead-letter topics: what a broker needs."""
    return CATALOGUE + dead_letter_topics()
