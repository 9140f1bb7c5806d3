"""Authorisation as data: which role may call which gRPC method, and within what scope.

The table is `policy.yaml` beside this module (role x action x scope), one for every
service. Scopes say how far a role's jurisdiction reaches: `own` (a producer's own
records), `commune`, `district` (R1 only; the rule sets say so), `province`,
`national` and `all` (auditors, read-only). Rule-set authorities (who may decide,
revoke or inspect at which star level) stay in `rules/` and are checked by the
services on top of this table. Methods marked `personal` return personal data
(Decree 13/2023): every successful call is written to the access log.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from runtime.identity.claims import ROLES

POLICY_FILE = Path(__file__).with_name("policy.yaml")
SCOPES = ("own", "commune", "district", "province", "national", "all")
PUBLIC_METHODS = frozenset({"/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch"})


@dataclass(frozen=True)
class Rule:
    """Who may call one method: role -> scope, and whether it returns personal data."""

    method: str
    grants: dict[str, str]
    personal: bool = False
    public: bool = False


@dataclass(frozen=True)
class Policy:
    rules: dict[str, Rule]

    def scope(self, role: str, method: str) -> str | None:
        """The scope `role` holds on `method` (a full gRPC path), None when refused."""
        rule = self.rules.get(method)
        return rule.grants.get(role) if rule else None

    def public(self, method: str) -> bool:
        """Whether anyone may call `method`, without a token (`public: true`)."""
        rule = self.rules.get(method)
        return method in PUBLIC_METHODS or bool(rule and rule.public)

    def personal(self, method: str) -> bool:
        rule = self.rules.get(method)
        return bool(rule and rule.personal)


def parse(document: dict[str, Any]) -> Policy:
    """A policy from its YAML document; `ValueError` names an unknown role or scope."""
    groups: dict[str, dict[str, str]] = document.get("groups", {})
    rules: dict[str, Rule] = {}
    for service, methods in document["services"].items():
        for name, spec in methods.items():
            grants: dict[str, str] = {}
            for entry, scope in (spec.get("allow") or {}).items():
                for role in groups.get(entry, {entry: scope}):
                    grants[role] = groups[entry][role] if entry in groups else scope
            for role, scope in grants.items():
                if role not in ROLES or scope not in SCOPES:
                    raise ValueError(f"{service}/{name}: unknown role or scope {role}: {scope}")
            method = f"/{service}/{name}"
            public = bool(spec.get("public"))
            if public:
                grants = dict.fromkeys(ROLES, "all")
            rules[method] = Rule(method, grants, bool(spec.get("personal")), public)
    return Policy(rules)


@cache
def default_policy() -> Policy:
    return parse(yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8")))


def markdown(policy: Policy | None = None) -> str:
    """The policy as a Markdown table per service (docs/operators/access.md): one row per
    method, one column per role, the scope in each allowed cell."""
    policy = policy or default_policy()
    lines: list[str] = []
    services: dict[str, list[Rule]] = {}
    for rule in policy.rules.values():
        services.setdefault(rule.method.rsplit("/", 1)[0].lstrip("/"), []).append(rule)
    for service, rules in services.items():
        lines += [f"### `{service}`", "", "| method | " + " | ".join(ROLES) + " |"]
        lines.append("|---" * (len(ROLES) + 1) + "|")
        for rule in rules:
            name = rule.method.rsplit("/", 1)[1] + (" (personal)" if rule.personal else "")
            name += " (public, no sign-in)" if rule.public else ""
            cells = [rule.grants.get(role, "") for role in ROLES]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
