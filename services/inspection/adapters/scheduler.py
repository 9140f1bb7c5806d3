"""The remediation scheduler: records RemediationOverdue for every remediation whose
deadline passed by the injected clock's today.

It learns which inspections await remediation from the service's own notification log
(a restart simply re-reads it) and asks the application on each `tick()`. The aggregate
records an overdue remediation once, so ticking twice, or two schedulers racing (one
loses with a conflict and retries next tick), emits nothing twice."""

from __future__ import annotations

import logging
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

from runtime.clock import Clock
from services.inspection.application import InspectionApp
from services.inspection.domain.inspection import Inspection

log = logging.getLogger(__name__)
REQUIRED = get_topic(Inspection.RemediationRequired)  # type: ignore[attr-defined]


class RemediationScheduler:
    def __init__(self, app: InspectionApp, clock: Clock, batch: int = 500) -> None:
        self.app = app
        self.clock = clock
        self.batch = batch
        self.position = 0
        self.waiting: set[UUID] = set()

    def _learn(self) -> None:
        while True:
            notes = self.app.recorder.select_notifications(
                start=self.position, limit=self.batch, topics=[REQUIRED], inclusive_of_start=False
            )
            if not notes:
                return
            self.waiting.update(UUID(str(n.originator_id)) for n in notes)
            self.position = notes[-1].id

    def tick(self) -> int:
        """Record what is overdue today; returns the number of events recorded."""
        self._learn()
        today = self.clock.today()
        made = 0
        for inspection_id in sorted(self.waiting):
            found = self.app.get_as(inspection_id, Inspection)
            if found is None or found.status != "remediation":
                self.waiting.discard(inspection_id)
                continue
            try:
                if self.app.visits.mark_overdue(inspection_id, today):
                    made += 1
                    self.waiting.discard(inspection_id)
            except IntegrityError:
                log.info("inspection %s changed meanwhile; next tick", inspection_id)
        return made
