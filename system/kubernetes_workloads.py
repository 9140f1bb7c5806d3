"""The workloads of the Kubernetes manifests (`system.kubernetes`): per process of the
list (`runtime.topology`), its Deployment (one locked-down container: non-root, read-only,
every capability dropped; gRPC or /readyz and /healthz probes), PodDisruptionBudget,
NetworkPolicy and gRPC Service, and the `ocop-settings` ConfigMap the processes read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from runtime.topology import Process, processes, service
from system.compose import IMAGE, METRICS_PORT, UID, setting_value

PART_OF: Final = {"app.kubernetes.io/part-of": "ocop"}
KAFKA_CLUSTER: Final = "ocop"
PG_CLUSTER: Final = "ocop-pg"
# Values inside the cluster that differ from the settings' defaults.
CLUSTER_VALUES: Final[dict[str, str]] = {
    "kafka_bootstrap": f"{KAFKA_CLUSTER}-kafka-bootstrap:9093",
    "pg_host": f"{PG_CLUSTER}-rw",
    "data_dir": "/data",
    "grpc_host": "0.0.0.0",
    "metrics_port": str(METRICS_PORT),
}
# Settings read from a Secret: setting -> (secret, key). CloudNativePG writes the
# database owner's password into `<cluster>-app` itself.
SECRETS: Final[dict[str, tuple[str, str]]] = {"pg_password": (f"{PG_CLUSTER}-app", "password")}


def deployed() -> tuple[Process, ...]:
    """The processes a cluster runs: the list's, without stand-ins (the province's is
    another organisation's system, run here only for tests and demos)."""
    return tuple(p for p in processes() if not service(p.service).stand_in)


def resource_name(process: Process) -> str:
    return f"ocop-{process.name}"


def labels_of(process: Process) -> dict[str, str]:
    return {
        "app.kubernetes.io/name": resource_name(process),
        "app.kubernetes.io/component": "-".join(process.kinds),
        "ocop/service": process.service,
        **PART_OF,
    }


def _probe(process: Process, path: str) -> dict[str, Any]:
    """gRPC health on an rpc process; `/readyz` or `/healthz` (`runtime.health`) else."""
    if process.port is not None:
        return {"grpc": {"port": process.port}}
    return {"httpGet": {"path": path, "port": process.health_port}}


def _env(process: Process) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for name in ("delivery", *process.settings):
        key = f"OCOP_{name.upper()}"
        if name == "health_port":  # each process its own
            found.append({"name": key, "value": str(process.health_port)})
            continue
        if name in SECRETS:
            secret, field = SECRETS[name]
            source = {"secretKeyRef": {"name": secret, "key": field}}
        else:
            source = {"configMapKeyRef": {"name": "ocop-settings", "key": key}}
        found.append({"name": key, "valueFrom": source})
    return found


def deployment(process: Process) -> dict[str, Any]:
    ports = [{"name": "metrics", "containerPort": METRICS_PORT}]
    if process.port is None and process.health_port is not None:
        ports.append({"name": "health", "containerPort": process.health_port})
    if process.port is not None:
        ports.insert(0, {"name": "grpc", "containerPort": process.port})
    ready, live = _probe(process, "/readyz"), _probe(process, "/healthz")
    container = {
        "name": process.name,
        "image": IMAGE,
        "command": ["python", "-m", process.module],
        "env": _env(process),
        "ports": ports,
        "readinessProbe": {**ready, "periodSeconds": 10, "failureThreshold": 3},
        "livenessProbe": {**live, "periodSeconds": 20, "failureThreshold": 6},
        "startupProbe": {**live, "periodSeconds": 5, "failureThreshold": 60},
    }
    metrics = {"prometheus.io/scrape": "true", "prometheus.io/port": str(METRICS_PORT)}
    name, labels = resource_name(process), labels_of(process)
    return locked_deployment(name, labels, container, annotations=metrics)


def locked_deployment(
    name: str,
    labels: dict[str, str],
    container: dict[str, Any],
    annotations: dict[str, str] | None = None,
    mounts: Sequence[dict[str, Any]] = (),
    volumes: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A Deployment of one locked-down container (`container` with its own fields; the
    resources, the non-root read-only securityContext and the /tmp and /data volumes are
    added here), plus `mounts` of `volumes` of its own."""
    locked = {
        **container,
        "resources": {
            "requests": {"cpu": "100m", "memory": "256Mi"},
            "limits": {"cpu": "1", "memory": "768Mi"},
        },
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        },
        "volumeMounts": [
            {"name": "tmp", "mountPath": "/tmp"},
            {"name": "data", "mountPath": "/data"},
            *mounts,
        ],
    }
    template: dict[str, Any] = {"labels": dict(labels)}  # a copy: no YAML anchor
    if annotations:
        template["annotations"] = annotations
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": labels},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "template": {
                "metadata": template,
                "spec": {
                    "automountServiceAccountToken": False,
                    "securityContext": {
                        "runAsNonRoot": True,
                        "runAsUser": UID,
                        "runAsGroup": UID,
                        "fsGroup": UID,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "containers": [locked],
                    "volumes": [
                        {"name": "tmp", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
                        {"name": "data", "emptyDir": {"sizeLimit": "1Gi"}},
                        *volumes,
                    ],
                },
            },
        },
    }


def disruption_budget(process: Process) -> dict[str, Any]:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": resource_name(process), "labels": labels_of(process)},
        "spec": {
            "maxUnavailable": 1,
            "selector": {"matchLabels": {"app.kubernetes.io/name": resource_name(process)}},
        },
    }


def egress_to(labels: dict[str, str], *ports: int) -> dict[str, Any]:
    return {
        "to": [{"podSelector": {"matchLabels": labels}}],
        "ports": [{"protocol": "TCP", "port": p} for p in ports],
    }


def dns_egress() -> dict[str, Any]:
    """Egress to the cluster's DNS."""
    return {
        "to": [{"namespaceSelector": {}, "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
        "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
    }


def network_policy(process: Process) -> dict[str, Any]:
    """Only what the process talks to: DNS, its database, Kafka (streams and relays),
    Keycloak's keys (gRPC servers); in: gRPC clients of the system, Prometheus."""
    egress = [dns_egress(), egress_to({"cnpg.io/cluster": PG_CLUSTER}, 5432)]
    if {"stream", "relay"} & set(process.kinds):
        egress.append(egress_to({"strimzi.io/cluster": KAFKA_CLUSTER}, 9093))
    ingress: list[dict[str, Any]] = [
        {
            "from": [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": "prometheus"}}}],
            "ports": [{"protocol": "TCP", "port": METRICS_PORT}],
        }
    ]
    if process.port is not None:
        egress.append(egress_to({"app.kubernetes.io/name": "keycloak"}, 8443))
        ingress.append(
            {
                "from": [{"podSelector": {"matchLabels": {"ocop/grpc-client": "true"}}}],
                "ports": [{"protocol": "TCP", "port": process.port}],
            }
        )
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": resource_name(process), "labels": labels_of(process)},
        "spec": {
            "podSelector": {"matchLabels": {"app.kubernetes.io/name": resource_name(process)}},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": ingress,
            "egress": egress,
        },
    }


def grpc_service(process: Process) -> dict[str, Any]:
    assert process.port is not None
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": service_name(process), "labels": labels_of(process)},
        "spec": {
            "selector": {"app.kubernetes.io/name": resource_name(process)},
            "ports": [{"name": "grpc", "port": process.port, "targetPort": "grpc"}],
        },
    }


def service_name(process: Process) -> str:
    return f"ocop-{process.service}"


def settings_map() -> dict[str, Any]:
    every = {n for p in deployed() for n in ("delivery", *p.settings)}
    names = sorted(every - set(SECRETS) - {"health_port"})
    values = {"delivery": "kafka", "store": "postgres", **CLUSTER_VALUES}
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "ocop-settings", "labels": PART_OF},
        "data": {f"OCOP_{n.upper()}": values.get(n, setting_value(n)) for n in names},
    }
