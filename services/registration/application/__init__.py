"""The registration application layer: `RegistrationApp` (`app.py`) with one module per
group of commands — `producers`, `ideas`, `products`, `dossiers` (receipt to completion),
`assessment` (form 03 and forwarding) — and their helpers (`forms`, `completeness`,
`inputs`); `ports` names what it is built with."""

from __future__ import annotations

from services.registration.application.app import RegistrationApp
from services.registration.application.ports import (
    LocateCommune,
    LocateLegacyCommune,
    RouteDossier,
)

__all__ = ["LocateCommune", "LocateLegacyCommune", "RegistrationApp", "RouteDossier"]
