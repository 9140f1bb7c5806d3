"""Registration's aggregates, one module each: `producer` (with the registration-number
claim), `idea` (idea and business plan), `product` (with the commune's running number),
`dossier`. No I/O here.

Events stored before the aggregates had a module each name their classes under
`services.registration.domain.model`; `register_topic` points those topics at the classes
where they live now, so a store written by an earlier version still loads."""

from __future__ import annotations

from eventsourcing.utils import register_topic

from services.registration.domain.dossier import Dossier
from services.registration.domain.idea import ProductIdea
from services.registration.domain.producer import Producer, RegistrationNumberIndex
from services.registration.domain.product import CommuneSequence, Product

__all__ = [
    "CommuneSequence",
    "Dossier",
    "Producer",
    "Product",
    "ProductIdea",
    "RegistrationNumberIndex",
]

FIRST_MODULE = "services.registration.domain.model"
"""The module every registration aggregate lived in until they were split (issue 8)."""

for _aggregate in (
    Producer,
    RegistrationNumberIndex,
    ProductIdea,
    Product,
    CommuneSequence,
    Dossier,
):
    register_topic(f"{FIRST_MODULE}:{_aggregate.__qualname__}", _aggregate)
