"""The console's resources in the Kubernetes manifests (`system.kubernetes`): its settings,
Deployment, HTTP Service, budget and network policy."""

from __future__ import annotations

from typing import Any, Final

from system.compose import CONSOLE_PORT, IMAGE, grpc_addresses
from system.kubernetes_workloads import (
    PART_OF,
    deployed,
    dns_egress,
    egress_to,
    locked_deployment,
    resource_name,
    service_name,
)

CONSOLE: Final = "ocop-console"
CONSOLE_LABELS: Final = {
    "app.kubernetes.io/name": CONSOLE,
    "app.kubernetes.io/component": "web",
    "ocop/grpc-client": "true",  # the gRPC servers' NetworkPolicies let it in
    **PART_OF,
}
SETTINGS: Final = "ocop-console-settings"
CONSOLE_SECRET: Final = ("ocop-console-session", "session.key")
"""The Secret (not generated: a key is never committed) with the console's session key, a
Fernet key every replica shares (docs/operators/console.md)."""


def console_settings() -> dict[str, Any]:
    """What an operator sets for the console: its public address and the OIDC issuer."""
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": SETTINGS, "labels": PART_OF},
        "data": {
            "OCOP_CONSOLE_PUBLIC_URL": "https://ocop.example.org",
            "OCOP_OIDC_ISSUER": "https://keycloak.example.org/realms/ocop",
        },
    }


def console_deployment() -> dict[str, Any]:
    """The console, its own Deployment: every service through its Service's name."""
    env: list[dict[str, Any]] = [
        {"name": "OCOP_CONSOLE_HOST", "value": "0.0.0.0"},
        {"name": "OCOP_CONSOLE_PORT", "value": str(CONSOLE_PORT)},
        {"name": "OCOP_CONSOLE_GRPC_ADDRESSES", "value": grpc_addresses(service_name)},
        {"name": "OCOP_CONSOLE_SECRET_FILE", "value": f"/run/secrets/console/{CONSOLE_SECRET[1]}"},
        {"name": "OCOP_DATA_DIR", "value": "/data"},
        *(
            {
                "name": key,
                "valueFrom": {"configMapKeyRef": {"name": SETTINGS, "key": key}},
            }
            for key in ("OCOP_CONSOLE_PUBLIC_URL", "OCOP_OIDC_ISSUER")
        ),
    ]
    probe = {"httpGet": {"path": "/healthz", "port": "http"}}
    container = {
        "name": "console",
        "image": IMAGE,
        "command": ["python", "-m", "console"],
        "env": env,
        "ports": [{"name": "http", "containerPort": CONSOLE_PORT}],
        "readinessProbe": {**probe, "periodSeconds": 10, "failureThreshold": 3},
        "livenessProbe": {**probe, "periodSeconds": 20, "failureThreshold": 6},
    }
    key = {"name": "session-key", "mountPath": "/run/secrets/console", "readOnly": True}
    secret = {"secretName": CONSOLE_SECRET[0], "defaultMode": 0o400}
    return locked_deployment(
        CONSOLE,
        CONSOLE_LABELS,
        container,
        mounts=[key],
        volumes=[{"name": "session-key", "secret": secret}],
    )


def console_resources() -> list[dict[str, Any]]:
    """The console's Deployment, Service (HTTP, for the ingress), budget, network policy
    (in: HTTP from anywhere, the ingress controller's; out: DNS, the gRPC servers,
    Keycloak) and its settings."""
    selector = {"app.kubernetes.io/name": CONSOLE}
    egress = [dns_egress(), egress_to({"app.kubernetes.io/name": "keycloak"}, 8443)]
    servers = {resource_name(p): p.port for p in deployed() if p.port}
    egress += [egress_to({"app.kubernetes.io/name": n}, port) for n, port in servers.items()]
    return [
        console_settings(),
        console_deployment(),
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": CONSOLE, "labels": CONSOLE_LABELS},
            "spec": {
                "selector": selector,
                "ports": [{"name": "http", "port": 80, "targetPort": "http"}],
            },
        },
        {
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": CONSOLE, "labels": CONSOLE_LABELS},
            "spec": {"maxUnavailable": 1, "selector": {"matchLabels": selector}},
        },
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": CONSOLE, "labels": CONSOLE_LABELS},
            "spec": {
                "podSelector": {"matchLabels": selector},
                "policyTypes": ["Ingress", "Egress"],
                "ingress": [{"ports": [{"protocol": "TCP", "port": CONSOLE_PORT}]}],
                "egress": egress,
            },
        },
    ]
