"""The commune's report on a complete dossier (form 03) and the forwarding to the level
that evaluates it under the dossier's rule set."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from runtime.commands import CommandContext
from runtime.text import nfc
from services.registration.application.inputs import required
from services.registration.domain.dossier import COMMUNE_CRITERIA

if TYPE_CHECKING:
    from services.registration.application.app import RegistrationApp


class AssessmentCommands:
    def __init__(self, app: RegistrationApp) -> None:
        self.app = app

    def assess_dossier(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        report_no: str,
        assessed_on: date,
        local_raw_material: bool,
        local_labour: bool,
        idea_origin: bool,
        local_identity: bool,
        officer: str = "",
    ) -> list[str]:
        """Issue the commune report (form 03) on the four criteria of a complete dossier.
        Returns the criteria not met; refuses an incomplete dossier, listing its gaps."""
        self.app.not_future("assessed_on", assessed_on)
        dossier = self.app.get_dossier(dossier_id)
        met = (local_raw_material, local_labour, idea_origin, local_identity)
        criteria = dict(zip(COMMUNE_CRITERIA, met, strict=True))
        dossier.assess(
            report_no=required("report_no", nfc(report_no)),
            assessed_on=assessed_on,
            officer=nfc(officer) or ctx.actor.id,
            criteria=criteria,
            missing=self.app.missing(dossier),
            meta=ctx.meta(),
        )
        self.app.save(dossier)
        return [k for k, v in criteria.items() if not v]

    def forward_dossier(self, ctx: CommandContext, *, dossier_id: UUID, forwarded_on: date) -> str:
        """Send the assessed dossier to the level that evaluates it under its rule set;
        returns that level (`district` or `province`)."""
        self.app.not_future("forwarded_on", forwarded_on)
        dossier = self.app.get_dossier(dossier_id)
        _, level = self.app.route_dossier(dossier.first_received_on, forwarded_on)
        product = self.app.get_product(dossier.product_id)
        producer = self.app.get_producer(dossier.producer_id)
        dossier.forward(forwarded_on, level, ctx.meta(), product.legacy_unit, producer.name)
        self.app.save(dossier)
        return level
