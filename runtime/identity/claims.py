"""The shape of an access token, shared by Keycloak and the embedded issuer.

Claims read (as Keycloak's `ocop` realm issues them): `preferred_username` (the
actor id recorded in events), `realm_access.roles` (realm roles; only the OCOP
roles of `ROLES` count), `jurisdiction` (administrative unit code, Decision
19/2025; `VN` for the ministry), plus the standard `iss`, `aud`, `exp`, `sub`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import ValidationError

from contracts.envelope import Actor, ActorRole
from runtime.topology import running

ROLES: tuple[str, ...] = tuple(role for role in get_args(ActorRole) if role != "system")
"""Roles a person can hold; `system` is reserved for the services' own acts."""

SERVICES: tuple[str, ...] = tuple(entry.name for entry in running("rpc"))
"""The services with a gRPC API (runtime.topology): each is a token audience."""


def audience_of(service: str) -> str:
    """The token audience (Keycloak client id) of a service, e.g. `ocop-registration`."""
    return f"ocop-{service}"


class Unauthenticated(Exception):
    """A call carries no token, or one that is expired, wrongly signed, of another
    issuer or audience, or without an OCOP role."""


class Forbidden(Exception):
    """A verified caller may not do what it asked (role, jurisdiction or a claimed actor)."""


@dataclass(frozen=True)
class Identity:
    """A verified caller: username, OCOP roles held, jurisdiction code, token subject."""

    username: str
    roles: tuple[str, ...]
    jurisdiction: str
    subject: str = ""

    def actor(self, chosen_role: str = "") -> Actor:
        """The actor recorded for this caller's commands.

        `chosen_role` selects among several roles held; with one role it may be empty.
        Raises `Forbidden` when the role is not held or the choice is ambiguous."""
        if chosen_role:
            if chosen_role not in self.roles:
                raise Forbidden(f"role {chosen_role!r} is not among the caller's roles")
            role = chosen_role
        elif len(self.roles) == 1:
            role = self.roles[0]
        else:
            raise Forbidden(f"the caller holds roles {list(self.roles)}: choose one")
        return Actor.model_validate(
            {"id": self.username, "role": role, "jurisdiction": self.jurisdiction}
        )


def identity_from_claims(claims: Mapping[str, Any]) -> Identity:
    """The identity in verified `claims`; `Unauthenticated` when it holds no OCOP role."""
    username = str(claims.get("preferred_username") or "").strip()
    if not username:
        raise Unauthenticated("token has no preferred_username")
    realm_access = claims.get("realm_access") or {}
    held = realm_access.get("roles", []) if isinstance(realm_access, Mapping) else []
    roles = tuple(role for role in ROLES if role in held)
    if not roles:
        raise Unauthenticated(f"token of {username!r} carries no OCOP role")
    identity = Identity(
        username=username,
        roles=roles,
        jurisdiction=str(claims.get("jurisdiction") or ""),
        subject=str(claims.get("sub") or ""),
    )
    try:
        identity.actor(roles[0])
    except ValidationError as error:
        raise Unauthenticated("token claims do not make a valid actor") from error
    return identity
