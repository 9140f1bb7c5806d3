"""What every service's event store shares: an eventsourcing `EventSourcedProjection`
with the common transcodings, aggregate look-ups by id and by creating topic, and the
intake of other services' published events declared as a table.

A service's application class names the events it consumes once, as data::

    class InspectionApp(InspectionStore):
        consumes: ClassVar[Consumes] = {
            ProductRegistered: intake.registered,
            Recognized: intake.recognised,
        }

Each handler is `handler(app, event) -> Iterable[Aggregate]` and returns the aggregates
it changed; `policy` collects their pending events on the processing event, so they are
stored with the tracking record in one transaction (exactly-once effect). An event
whose class (or a base class of it) is not in the table is tracked and otherwise
ignored."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, ProcessingEvent
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder, Tracking
from eventsourcing.projection import EventSourcedProjection

from runtime.eventstore import register_common_transcodings

A = TypeVar("A", bound=Aggregate)

# handler(app, event) -> the aggregates it changed (their pending events are collected)
IntakeHandler = Callable[[Any, Any], Iterable[Any]]
# event class -> its handler: what a service consumes, declared once on its application
Consumes = Mapping[type, IntakeHandler]


class ServiceStore(EventSourcedProjection[UUID]):
    """A service's event store: common transcodings, look-ups, and `consumes` as a table."""

    consumes: ClassVar[Consumes] = {}

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_common_transcodings(transcoder)

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Apply a published event (a contract model, not a stored domain event) from
        another service with its tracking, atomically."""
        super().process_event(domain_event, tracking)

    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Collects what the `consumes` handler of the event's class changed (nothing when
        the class is not in the table: the event is tracked and otherwise ignored)."""
        for cls in type(domain_event).__mro__:
            handler = self.consumes.get(cls)
            if handler is not None:
                processing_event.collect_events(*handler(self, domain_event))
                return

    def get_as(self, aggregate_id: UUID, cls: type[A]) -> A | None:
        """The aggregate `aggregate_id` if it exists and is a `cls`, else None."""
        try:
            found: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, cls) else None

    def ids_of(self, topic: str, batch: int = 1000) -> Iterator[UUID]:
        """Ids of the aggregates whose notification of `topic` (an eventsourcing topic,
        `module:Class.Event`) is in the log, oldest first, read `batch` at a time."""
        start = 0
        while True:
            notes = self.recorder.select_notifications(
                start=start, limit=batch, topics=[topic], inclusive_of_start=False
            )
            if not notes:
                return
            for note in notes:
                yield UUID(str(note.originator_id))
            start = notes[-1].id
