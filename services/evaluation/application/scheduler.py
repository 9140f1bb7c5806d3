"""The certificate scheduler: emits an event for every certificate date that has passed.

It keeps, in memory, when each product's certificates next need attention, learnt
from the service's own notification log (so a restart simply re-reads it), and on
each `tick()` asks the application to record what is due by the injected clock's
today. The aggregate records each date once, so ticking twice, or two schedulers
racing (one loses with a conflict and retries next tick), emits nothing twice."""

from __future__ import annotations

import logging
from datetime import date
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from runtime.clock import Clock
from services.evaluation.application import EvaluationApp
from services.evaluation.domain.certificates import ProductCertification

log = logging.getLogger(__name__)
TOPIC_PREFIX = f"{ProductCertification.__module__}:{ProductCertification.__qualname__}."


class CertificateScheduler:
    def __init__(self, app: EvaluationApp, clock: Clock, batch: int = 500) -> None:
        self.app = app
        self.clock = clock
        self.batch = batch
        self.position = 0
        self.next_due: dict[UUID, date | None] = {}

    def _learn(self) -> None:
        changed: set[UUID] = set()
        while True:
            notes = self.app.recorder.select_notifications(
                start=self.position, limit=self.batch, inclusive_of_start=False
            )
            if not notes:
                break
            changed.update(
                UUID(str(n.originator_id)) for n in notes if n.topic.startswith(TOPIC_PREFIX)
            )
            self.position = notes[-1].id
        for certification_id in changed:
            found: object = self.app.repository.get(certification_id)
            if isinstance(found, ProductCertification):
                self.next_due[found.product_id] = found.next_due()

    def tick(self) -> int:
        """Record what is due today; returns the number of events emitted."""
        self._learn()
        today = self.clock.today()
        made = 0
        for product_id, due in list(self.next_due.items()):
            if due is None or due > today:
                continue
            try:
                made += self.app.certificates.advance_certificates(product_id, today)
            except IntegrityError:
                log.info("certificates of %s changed meanwhile; next tick", product_id)
        self._learn()
        return made
