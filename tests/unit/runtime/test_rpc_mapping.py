"""Request shapes: a proto request becomes a command context and keyword arguments, with
ids and dates converted, empty optionals as None, lists and maps as plain Python, and a
refusal that names the offending field."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest

from contracts.rpc import common_pb2
from contracts.rpc import evaluation_pb2 as ev
from contracts.rpc import registration_pb2 as pb
from runtime.errors import CommandRejected
from runtime.rpc_mapping import Shape, as_uuid, dates, optional, uuids
from tests.identity import TestIssuer, signed_in_as

ACTOR = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23535")


def test_every_field_but_the_actor_becomes_a_keyword(issuer: TestIssuer) -> None:
    product = uuid4()
    request = pb.SubmitDossierRequest(
        actor=ACTOR, product_id=str(product), kind="first", received_on="2026-06-01"
    )
    with signed_in_as(issuer, "can-bo-xa", "commune_officer", "23535"):
        ctx, kwargs = Shape(convert={**uuids("product_id"), **dates("received_on")}).command(
            request
        )
    assert ctx.actor.id == "can-bo-xa"
    assert kwargs == {
        "product_id": product,
        "kind": "first",
        "received_on": date(2026, 6, 1),
        "contact_phone": "",
        "contact_email": "",
        "changes_summary": "",
        "declared_samples": 0,
    }


def test_optional_rename_and_drop() -> None:
    shape = Shape(
        convert={"idea_id": optional(as_uuid), "producer_id": optional(as_uuid)},
        rename={"legacy_code": "code"},
        drop=("product_set",),
    )
    idea = uuid4()
    kwargs = shape.kwargs(pb.RegisterProductRequest(idea_id=str(idea), legacy_code="X"))
    assert kwargs == {"producer_id": None, "name": "", "idea_id": idea, "code": "X"}


def test_repeated_and_map_fields_become_list_and_dict() -> None:
    request = ev.SubmitSheetRequest(choices={"A1": "3"}, knockouts=["K1", "K2"])
    kwargs = Shape(drop=("dossier_id", "scored_on")).kwargs(request)
    assert kwargs == {"choices": {"A1": "3"}, "knockouts": ["K1", "K2"]}
    assert type(kwargs["choices"]) is dict and type(kwargs["knockouts"]) is list


OTHER = common_pb2.Actor(id="ct-ubnd-tinh", role="authority", jurisdiction="51")


@pytest.mark.parametrize(
    ("request_", "kind", "field"),
    [
        (
            pb.SubmitDossierRequest(actor=ACTOR, product_id="x", received_on="2026-06-01"),
            "invalid_argument",
            "product_id",
        ),
        (
            pb.SubmitDossierRequest(actor=ACTOR, product_id=str(uuid4()), received_on="1/6"),
            "invalid_argument",
            "received_on",
        ),
        # Claiming someone other than the signed-in user is refused, whatever else is right.
        (
            pb.SubmitDossierRequest(actor=OTHER, product_id=str(uuid4()), received_on="2026-06-01"),
            "permission_denied",
            "actor",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    issuer: TestIssuer, request_: pb.SubmitDossierRequest, kind: str, field: str
) -> None:
    shape = Shape(convert={**uuids("product_id"), **dates("received_on")})
    with (
        signed_in_as(issuer, "can-bo-xa", "commune_officer", "23535"),
        pytest.raises(CommandRejected) as refused,
    ):
        shape.command(request_)
    assert (refused.value.kind, refused.value.field) == (kind, field)


def test_without_a_verified_caller_nothing_maps(issuer: TestIssuer) -> None:
    request = pb.SubmitDossierRequest(product_id=str(uuid4()), received_on="2026-06-01")
    with pytest.raises(CommandRejected) as refused:
        Shape(convert=uuids("product_id")).command(request)
    assert refused.value.kind == "unauthenticated"
    with signed_in_as(issuer, "can-bo-xa", "commune_officer", "23535"):
        ctx, _ = Shape(convert={**uuids("product_id"), **dates("received_on")}).command(request)
    assert (ctx.actor.id, ctx.actor.role) == ("can-bo-xa", "commune_officer")


def test_optional_keeps_a_given_value() -> None:
    value = str(uuid4())
    assert optional(as_uuid)("idea_id", value) == UUID(value)
    assert optional()("business_registration_no", "") is None
    assert optional()("business_registration_no", "0101") == "0101"
