"""The registration application: one public method per command (in `producers.py` and
`dossiers.py`), the queries and shared look-ups in `base.py`."""

from __future__ import annotations

from services.registration.base import LocateCommune, LocateLegacyCommune, RouteDossier
from services.registration.dossiers import DossierCommands
from services.registration.producers import ProducerCommands

__all__ = ["LocateCommune", "LocateLegacyCommune", "RegistrationApp", "RouteDossier"]


class RegistrationApp(ProducerCommands, DossierCommands):
    """Producers, product ideas and business plans, products, dossiers, commune assessment."""

    name = "registration"
