"""What the registration application is built with besides its event store: look-ups of
administrative units and the routing of a dossier under the rule sets. Adapters provide
them (`adapters/units.py`, `adapters/rulebook.py`); tests can pass their own."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

LocateCommune = Callable[[str], str | None]
"""A commune code of the official list (Decision 19/2025) -> its province code, or None."""

LocateLegacyCommune = Callable[[str], Mapping[str, Any] | None]
"""A pre-July-2025 commune code -> its old district and province and its successor, or None."""

RouteDossier = Callable[[date, date], tuple[str, str]]
"""(receipt date, forwarding date) -> (the dossier's rule set, the level that evaluates it)."""
