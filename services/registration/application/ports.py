"""What the registration application is built with besides its event store: look-ups of
administrative units, the routing of a dossier under the rule sets, and where document
bytes live. `adapters/units.py`, `application/rulebook.py` and `runtime/blobs.py` provide
them; tests can pass their own."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Protocol

LocateCommune = Callable[[str], str | None]
"""A commune code of the official list (Decision 19/2025) -> its province code, or None."""

LocateLegacyCommune = Callable[[str], Mapping[str, Any] | None]
"""A pre-July-2025 commune code -> its old district and province and its successor, or None."""

RouteDossier = Callable[[date, date], tuple[str, str]]
"""(receipt date, forwarding date) -> (the dossier's rule set, the level that evaluates it)."""


class BlobStore(Protocol):
    """Document bytes by content (sha256), each distinct file once."""

    def put(self, data: bytes) -> str:
        """Store `data` (a no-op if the same content is there) and return its sha256."""

    def get(self, sha256: str) -> bytes | None:
        """The bytes stored under `sha256`, or None."""
