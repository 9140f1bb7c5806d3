"""Per-record scope on registration, role by role over gRPC with real tokens: a producer
reaches only its own records, a commune officer only its commune's, a district office
(R1) only its district's, the province only its province's, an auditor every record; a
listing keeps what the caller may see. The policy (role x method) is the matrix test's;
this is the record half of the same decision (`runtime.identity.scope`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import grpc
import pytest

from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.identity.interceptor import DENIED_BY_METADATA
from runtime.identity.scope import scoped
from runtime.rpc import build_server
from services.registration.adapters import grpc_api, scope
from services.registration.application import RegistrationApp
from tests.identity import TestIssuer, interceptor

DAK_HA, OTHER_51, HA_NOI = "23500", "23497", "00004"  # communes: 2 in province 51, 1 in 01
OLD_DAK_HA_TOWN, DAK_HA_DISTRICT = "23500", "615"  # Thị trấn Đăk Hà, Huyện Đăk Hà (to 2025)


@dataclass
class World:
    stub: pb_grpc.RegistrationStub
    issuer: TestIssuer
    mine: str  # producer in Đăk Hà (pre-2025: district 615), signed in as htx-dak-ha
    neighbour: str  # producer in another commune of province 51
    far: str  # producer in Hà Nội

    def call(self, method: str, request: object, who: tuple[str, str, str]) -> object:
        return getattr(self.stub, method)(request, metadata=self.issuer.metadata(*who))

    def refused_by_scope(self, method: str, request: object, who: tuple[str, str, str]) -> bool:
        try:
            self.call(method, request, who)
        except grpc.RpcError as error:
            trailing = dict(error.trailing_metadata() or ())
            if trailing.get(DENIED_BY_METADATA) == "scope":
                assert error.code() == grpc.StatusCode.PERMISSION_DENIED
                return True
            raise
        return False


def officer(commune: str) -> tuple[str, str, str]:
    return (f"can-bo-{commune}", "commune_officer", commune)


@pytest.fixture
def world(app: RegistrationApp, issuer: TestIssuer) -> Iterator[World]:
    server, port = build_server(
        "127.0.0.1:0",
        [grpc_api.register(app)],
        [grpc_api.SERVICE_NAME],
        auth=interceptor(issuer, "registration"),
    )
    server.start()
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    stub = pb_grpc.RegistrationStub(channel)  # type: ignore[no-untyped-call]
    world = World(stub, issuer, "", "", "")

    def register(commune: str, name: str, legacy: str = "", account: str = "") -> str:
        request = pb.RegisterProducerRequest(
            name=name,
            kind="cooperative",
            legal_representative="A",
            legacy_commune_code=legacy,
            commune_code="" if legacy else commune,
            account=account,
        )
        reply = world.call("RegisterProducer", request, officer(commune))
        return str(reply.producer_id)  # type: ignore[attr-defined]

    world.mine = register(DAK_HA, "HTX Đăk Hà", legacy=OLD_DAK_HA_TOWN, account="htx-dak-ha")
    world.neighbour = register(OTHER_51, "HTX láng giềng", account="htx-lang-gieng")
    world.far = register(HA_NOI, "HTX Hà Nội")
    try:
        yield world
    finally:
        channel.close()
        server.stop(grace=0)


WHO = {
    "producer": ("htx-dak-ha", "producer", DAK_HA),
    "other producer": ("htx-lang-gieng", "producer", OTHER_51),
    "commune officer": officer(DAK_HA),
    "other commune officer": officer(OTHER_51),
    "district office 615": ("phong-nn", "district_officer", DAK_HA_DISTRICT),
    "district office 610": ("phong-nn-610", "district_officer", "610"),
    "province 51": ("so-nnmt", "province_officer", "51"),
    "province 01": ("so-nnmt-hn", "province_officer", "1"),
    "auditor": ("kiem-toan", "auditor", "51"),
}
# Who reaches which producer's records (mine: Đăk Hà, formerly district 615 of Kon Tum;
# neighbour: another commune of province 51 without a pre-2025 unit; far: Hà Nội).
REACHES = {
    "producer": {"mine"},
    "other producer": {"neighbour"},
    "commune officer": {"mine"},
    "other commune officer": {"neighbour"},
    "district office 615": {"mine"},
    "district office 610": set(),
    "province 51": {"mine", "neighbour"},
    "province 01": {"far"},
    "auditor": {"mine", "neighbour", "far"},
}


@pytest.mark.parametrize("who", sorted(WHO))
def test_each_role_reaches_exactly_its_records(world: World, who: str) -> None:
    caller = WHO[who]
    reached = set()
    for name in ("mine", "neighbour", "far"):
        producer = getattr(world, name)
        request = pb.GetProducerRequest(producer_id=producer)
        if not world.refused_by_scope("GetProducer", request, caller):
            reached.add(name)
    assert reached == REACHES[who]


def test_changes_follow_the_same_scope(world: World) -> None:
    idea = pb.RegisterIdeaRequest(
        producer_id=world.mine, name="Cà phê", product_set=13, submitted_on="2026-05-02"
    )
    assert world.refused_by_scope("RegisterIdea", idea, WHO["other producer"])
    assert world.refused_by_scope("RegisterIdea", idea, WHO["other commune officer"])
    own = world.call("RegisterIdea", idea, WHO["producer"])
    idea_id = own.idea_id  # type: ignore[attr-defined]
    step = pb.AdvanceIdeaRequest(idea_id=idea_id, action="accept", on="2026-05-04")
    assert world.refused_by_scope("AdvanceIdea", step, WHO["province 01"])
    world.call("AdvanceIdea", step, WHO["commune officer"])
    # A producer may not register itself in another commune, nor an officer elsewhere.
    elsewhere = pb.RegisterProducerRequest(
        name="HTX X", kind="cooperative", legal_representative="B", commune_code=HA_NOI
    )
    assert world.refused_by_scope("RegisterProducer", elsewhere, WHO["commune officer"])
    # Erasure: the committee of another commune is refused by scope.
    erase = pb.ErasePersonalDataRequest(producer_id=world.mine)
    assert world.refused_by_scope(
        "ErasePersonalData", erase, ("ubnd-khac", "commune_committee", OTHER_51)
    )


def test_listings_keep_what_the_caller_may_see(world: World) -> None:
    for name, province in (("mine", "51"), ("neighbour", "51"), ("far", "01")):
        idea = pb.RegisterIdeaRequest(
            producer_id=getattr(world, name), name="Ý", product_set=13, submitted_on="2026-05-02"
        )
        world.call("RegisterIdea", idea, WHO[f"province {province}"])
    seen = {}
    for who, caller in WHO.items():
        listed = world.call("ListIdeas", pb.ListIdeasRequest(), caller)
        seen[who] = {i.producer_id for i in listed.ideas}  # type: ignore[attr-defined]
    ids = {"mine": world.mine, "neighbour": world.neighbour, "far": world.far}
    for who, names in REACHES.items():
        assert seen[who] == {ids[n] for n in names}, who


def test_a_servicer_must_name_the_scope_of_every_method() -> None:
    descriptor = pb.DESCRIPTOR.services_by_name["Registration"]
    partial = {k: v for k, v in scope.TABLE.items() if k != "GetDossier"}
    with pytest.raises(ValueError, match="GetDossier"):
        scoped(descriptor, partial)


def test_evaluation_reads_follow_the_dossiers_units(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The same check on another service: a dossier's evaluation (Đăk Hà, province 51)
    reached by its commune and province, not by another commune, another province, or a
    producer (evaluation does not know a producer's sign-in: `own` reaches nothing)."""
    from contracts.rpc import evaluation_pb2 as ev
    from tests.unit.evaluation.helpers import arrive
    from tests.unit.inputs.servers import STUBS, running

    with running(tmp_path_factory.mktemp("scope")) as edge:
        issuer = TestIssuer(edge.system.issuer)  # type: ignore[arg-type]
        dossier = str(arrive(edge.system.evaluation.app).aggregate_id)
        stub = STUBS["evaluation"](edge.channels["evaluation"]._channel)
        request = ev.GetEvaluationRequest(dossier_id=dossier)
        outcome = {}
        for who in (
            "commune officer",
            "other commune officer",
            "province 51",
            "province 01",
            "producer",
            "auditor",
        ):
            try:
                stub.GetEvaluation(request, metadata=issuer.metadata(*WHO[who]), timeout=10)
                outcome[who] = "ok"
            except grpc.RpcError as error:
                trailing = dict(error.trailing_metadata() or ())
                outcome[who] = trailing.get(DENIED_BY_METADATA, error.code().name)
        assert outcome == {
            "commune officer": "ok",
            "other commune officer": "scope",
            "province 51": "ok",
            "province 01": "scope",
            "producer": "scope",
            "auditor": "ok",
        }
