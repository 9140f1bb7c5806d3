"""The registration application: the event store, the ports, the look-ups and queries, and
one object per group of commands (`app.producers`, `app.ideas`, `app.products`,
`app.dossiers`, `app.assessment`, `app.portfolio`), each defined in its own module of
this package."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from cachetools import LRUCache
from eventsourcing.application import AggregateNotFoundError
from eventsourcing.utils import get_topic

from contracts.evaluation import CertificateExpired, Recognized, Revoked, Scored
from runtime import handover
from runtime.clock import Clock, check_past_date
from runtime.errors import CommandRejected
from runtime.personal_data import ERASED, PersonalDataVault
from runtime.projection import Consumes, ServiceStore
from services.registration.application import completeness, intake
from services.registration.application.assessment import AssessmentCommands
from services.registration.application.dossiers import DossierCommands
from services.registration.application.ideas import IdeaCommands
from services.registration.application.portfolio import PortfolioCommands
from services.registration.application.ports import (
    BlobStore,
    LocateCommune,
    LocateLegacyCommune,
    RouteDossier,
)
from services.registration.application.producers import ProducerCommands
from services.registration.application.products import ProductCommands
from services.registration.application.rulebook import (
    Requirements,
    check_deadline,
    requirements,
    route_dossier,
)
from services.registration.domain.dossier import Dossier
from services.registration.domain.idea import ProductIdea
from services.registration.domain.producer import Producer
from services.registration.domain.product import CommuneSequence, Product
from services.registration.projections.listings import DossierRow, IdeaRow, Listings

A = TypeVar("A")


class RegistrationApp(ServiceStore):
    """Producers, product ideas and business plans, products, dossiers, commune assessment.

    Commands: `producers.register_producer`; `ideas.register_idea`, `accept_idea`, …;
    `products.register_product`; `dossiers.submit_dossier`, … `resubmit_dossier`;
    `assessment.assess_dossier`, `forward_dossier`.
    Each takes a `CommandContext` and keyword arguments and raises `CommandRejected`."""

    name = "registration"
    consumes: ClassVar[Consumes] = {
        Scored: intake.scored,
        Recognized: intake.recognised,  # RecognitionRecorded too (a Recognized)
        CertificateExpired: intake.certificate_ended,
        Revoked: intake.certificate_ended,
    }
    # A commune's running number grows by one event per product code of the year:
    # loaded from a snapshot taken every 100 versions, not by replaying the whole year.
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {CommuneSequence: 100}
    registered_cached: ClassVar[int] = 10_000
    """Producers `registered_producer` keeps (least recently used evicted)."""

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        locate_commune: LocateCommune,
        route_dossier: RouteDossier = route_dossier,
        locate_legacy_commune: LocateLegacyCommune = lambda code: None,
        clock: Clock,
        blobs: BlobStore,
        personal_data_key: bytes,
        local_policies: tuple[str, ...] = (),
    ) -> None:
        """`personal_data_key`: the 32-byte key-encryption key of the producers' personal
        data (`runtime.personal_data.key_from_settings`); their data keys live in this
        application's own store."""
        super().__init__(env)
        self.local_policies = local_policies
        """The deployment's local policies (ids): the commune's time limit where the rule
        set sets none."""
        self.locate_commune = locate_commune
        self.locate_legacy_commune = locate_legacy_commune
        self.route_dossier = route_dossier
        self.clock = clock
        self.blobs = blobs
        self.personal = PersonalDataVault(self.recorder, personal_data_key)
        self._registered: LRUCache[UUID, Producer] = LRUCache(self.registered_cached)
        self._registered_lock = threading.Lock()
        self.producers = ProducerCommands(self)
        self.ideas = IdeaCommands(self)
        self.products = ProductCommands(self)
        self.dossiers = DossierCommands(self)
        self.assessment = AssessmentCommands(self)
        self.portfolio = PortfolioCommands(self)
        self.listings = Listings(
            self.recorder,
            (f"{get_topic(Dossier)}.", f"{get_topic(ProductIdea)}."),
            (lambda i: self.get_as(i, Dossier), lambda i: self.get_as(i, ProductIdea)),
        )

    # Queries --------------------------------------------------------------------

    def get_producer(self, producer_id: UUID) -> Producer:
        return self.load(Producer, producer_id, "producer_id")

    def registered_producer(self, producer_id: UUID) -> Producer:
        """The producer for the facts fixed at its registration — id, name, kind, units
        (`commune_code`, `province_code`, `legacy_unit`, `path`) and `account` — read from
        the store once, then from a bounded cache of this process; NOT_FOUND (`producer_id`)
        when there is none. No event changes those facts (`Producer.PersonalDataErased`
        only sets a flag), so the copy stays right in every replica without a store read
        per command (issue 18, T3: the producer's read was 28 % of `RegisterProduct`'s
        busy samples). Read nothing else from it (its personal data and erasure flag:
        `get_producer`), and never change or save it: the object is shared."""
        with self._registered_lock:
            found = self._registered.get(producer_id)
        if found is None:
            try:
                found = self.repository.get(producer_id)
            except AggregateNotFoundError:
                found = None
            if not isinstance(found, Producer):
                raise _not_found("producer_id", producer_id)
            with self._registered_lock:
                self._registered[producer_id] = found
        return found

    def personal_data(self, producer: Producer) -> Any:
        """The producer's personal data {legal_representative: {name, gender, ethnicity,
        disability}, address}, or `runtime.personal_data.ERASED` once erased."""
        if producer.personal_data_erased:
            return ERASED
        return self.personal.open(str(producer.id), producer.personal)

    def get_product(self, product_id: UUID) -> Product:
        return self.load(Product, product_id, "product_id")

    def get_idea(self, idea_id: UUID) -> ProductIdea:
        return self.load(ProductIdea, idea_id, "idea_id")

    def get_dossier(self, dossier_id: UUID) -> Dossier:
        return self.load(Dossier, dossier_id, "dossier_id")

    def requirements(self, dossier: Dossier) -> Requirements:
        """What the dossier's rule set asks of a dossier of its kind and product set."""
        return requirements(dossier.rule_set_id, dossier.kind, dossier.product_set)

    def check_deadline(self, rule_set_id: str, received_on: date) -> date | None:
        """The commune's deadline for a dossier received `received_on` (rule set, else the
        deployment's local policy)."""
        return check_deadline(rule_set_id, received_on, local_policies=self.local_policies)

    def missing(self, dossier: Dossier) -> list[tuple[str, str]]:
        """What the dossier still lacks under its rule set, (vi, en) per item."""
        return completeness.missing(self.requirements(dossier), dossier)

    def changes_since_last_dossier(self, dossier: Dossier) -> dict[str, Any]:
        """For an upgrade or re-evaluation: what differs from the product's recognised
        dossier (the one its current certificate was decided on; else its previous
        forwarded dossier): self-score per criterion, documents added; {} if none."""
        product = self.get_product(dossier.product_id)
        standing = product.standing or {}
        recognised = self.get_as(UUID(standing["dossier_id"]), Dossier) if standing else None
        if recognised is not None and recognised.id != dossier.id:
            return completeness.changes_since(recognised, dossier)
        earlier = (self.get_dossier(i) for i in reversed(product.dossier_ids) if i != dossier.id)
        previous = next((d for d in earlier if d.status == "forwarded"), None)
        return completeness.changes_since(previous, dossier) if previous else {}

    def list_dossiers(
        self, *, commune_code: str = "", overdue_only: bool = False
    ) -> list[DossierRow]:
        """Dossiers (of a commune, overdue only), from the listing read model."""
        today = self.clock.today()
        self.listings.catch_up()
        rows = self.listings.rows.dossiers(commune_code)
        return [d for d in rows if not overdue_only or d.is_overdue(today)]

    def list_ideas(self, *, producer_id: UUID | None = None) -> list[IdeaRow]:
        """Product ideas (of a producer), from the listing read model."""
        self.listings.catch_up()
        return self.listings.rows.ideas(producer_id)

    def document(self, sha256: str) -> bytes | None:
        return self.blobs.get(sha256)

    # Look-ups shared by the command groups ----------------------------------------

    def not_future(self, field: str, day: date) -> None:
        """Refuses the date of a fact that has happened (`field`, `invalid_argument`) when it
        is after today in the deployment's time zone or before the programme (Decision
        490/QĐ-TTg, 07/05/2018): every dated registration command is such a fact."""
        check_past_date(field, day, self.clock)

    def load(self, cls: type[A], aggregate_id: UUID, field: str) -> A:
        """The aggregate `aggregate_id` of type `cls`; NOT_FOUND naming `field` otherwise.
        Within a gRPC call, what its scope check loaded is read once (`runtime.handover`)."""
        found = handover.taken(aggregate_id)
        if found is None:
            try:
                found = self.repository.get(aggregate_id)
            except AggregateNotFoundError:
                found = None
            if found is not None:
                handover.kept(aggregate_id, found)
        if not isinstance(found, cls):
            raise _not_found(field, aggregate_id)
        return found


def _not_found(field: str, aggregate_id: UUID) -> CommandRejected:
    return CommandRejected(
        "not_found",
        field,
        f"Không tìm thấy {field} = {aggregate_id}.",
        f"No record with {field} = {aggregate_id}.",
    )
