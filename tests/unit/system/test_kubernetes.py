"""The Kubernetes manifests are the generated ones, name every process of the list, and
give each only what it needs."""

from __future__ import annotations

import json
from typing import Any

from contracts.topics import CATALOGUE, dead_letter_topics
from runtime.topology import processes, service
from system import kubernetes


def _all() -> list[dict[str, Any]]:
    return [doc for docs in kubernetes.base().values() for doc in docs]


def _of(kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in _all() if d["kind"] == kind}


def test_the_committed_manifests_are_the_generated_ones() -> None:
    assert kubernetes.main(["--check"]) == 0


def test_every_process_of_the_list_runs_locked_down() -> None:
    deployments = _of("Deployment")
    expected = {f"ocop-{p.name}" for p in processes() if not service(p.service).stand_in}
    expected |= {"ocop-console"}
    assert set(deployments) == expected
    assert set(_of("PodDisruptionBudget")) == expected == set(_of("NetworkPolicy"))
    for process in kubernetes.deployed():
        pod = deployments[f"ocop-{process.name}"]["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        assert container["command"] == ["python", "-m", process.module]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["capabilities"] == {"drop": ["ALL"]}
        probe = "grpc" if process.port is not None else "httpGet"
        assert probe in container["readinessProbe"] and probe in container["livenessProbe"]
        env = {e["name"] for e in container["env"]}
        assert env == {"OCOP_DELIVERY", *process.env}


def test_network_policies_allow_only_what_each_process_talks_to() -> None:
    policies = _of("NetworkPolicy")
    for process in kubernetes.deployed():
        spec = policies[f"ocop-{process.name}"]["spec"]
        talks_to = {
            next(iter(rule["to"][0]["podSelector"]["matchLabels"].values()))
            for rule in spec["egress"]
        }
        uses_kafka = bool({"stream", "relay"} & set(process.kinds))
        assert ("ocop" in talks_to) == uses_kafka  # strimzi.io/cluster: ocop
        assert ("keycloak" in talks_to) == (process.port is not None)
        grpc_in = [r for r in spec["ingress"] if r["ports"][0]["port"] == process.port]
        assert bool(grpc_in) == (process.port is not None)


def test_topics_and_acls_follow_the_catalogue() -> None:
    topics = {t["spec"]["topicName"] for t in _of("KafkaTopic").values()}
    assert topics == {t.name for t in (*CATALOGUE, *dead_letter_topics())}
    users = _of("KafkaUser")
    for topic in CATALOGUE:
        owner = users[f"ocop-{topic.owner}"]["spec"]["authorization"]["acls"]
        assert any(
            a["resource"]["name"] == topic.name and "Write" in a["operations"] for a in owner
        )
        for consumer in topic.consumers:
            acls = users[f"ocop-{consumer}"]["spec"]["authorization"]["acls"]
            names = {(a["resource"]["type"], a["resource"]["name"]) for a in acls}
            assert ("topic", topic.name) in names and ("group", consumer) in names
            reads = [a for a in acls if a["resource"]["name"] == topic.name]
            assert all("Write" not in a["operations"] for a in reads) or consumer == topic.owner
    province = users["ocop-province"]["spec"]["authorization"]["acls"]
    assert not any(".dlq." in a["resource"]["name"] for a in province)


def test_a_database_per_service_and_daily_backups() -> None:
    databases = {d["spec"]["name"] for d in _of("Database").values()}
    assert databases == {f"ocop_{p.service}" for p in kubernetes.deployed()}
    assert _of("ScheduledBackup")


def test_the_console_is_its_own_deployment_reaching_each_service_by_its_service() -> None:
    (container,) = _of("Deployment")["ocop-console"]["spec"]["template"]["spec"]["containers"]
    pod = _of("Deployment")["ocop-console"]["spec"]["template"]["spec"]
    assert container["command"] == ["python", "-m", "console"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    env = {e["name"]: e for e in container["env"]}
    services = _of("Service")
    addresses = json.loads(env["OCOP_CONSOLE_GRPC_ADDRESSES"]["value"])
    for process in kubernetes.deployed():
        if process.port is not None:
            name = f"ocop-{process.service}"
            assert addresses[process.service] == f"{name}:{process.port}"
            assert services[name]["spec"]["ports"][0]["port"] == process.port
    assert services["ocop-console"]["spec"]["ports"][0]["targetPort"] == "http"
    # the session key from a Secret every replica shares, mounted read-only
    (volume,) = [v for v in pod["volumes"] if "secret" in v]
    assert volume["secret"]["secretName"] == "ocop-console-session"
    mount = next(m for m in container["volumeMounts"] if m["name"] == volume["name"])
    assert mount["readOnly"] is True
    assert env["OCOP_CONSOLE_SECRET_FILE"]["value"] == f"{mount['mountPath']}/session.key"
    assert not _of("Secret")  # never generated: a key is not committed
    for key in ("OCOP_CONSOLE_PUBLIC_URL", "OCOP_OIDC_ISSUER"):
        assert (
            env[key]["valueFrom"]["configMapKeyRef"]["key"]
            in _of("ConfigMap")["ocop-console-settings"]["data"]
        )
    # the gRPC servers let it in; it talks to them, Keycloak and DNS only
    labels = _of("Deployment")["ocop-console"]["spec"]["template"]["metadata"]["labels"]
    assert labels["ocop/grpc-client"] == "true"
    egress = _of("NetworkPolicy")["ocop-console"]["spec"]["egress"]
    talks_to = {next(iter(rule["to"][0]["podSelector"]["matchLabels"].values())) for rule in egress}
    rpc = {f"ocop-{p.name}" for p in kubernetes.deployed() if p.port is not None}
    assert talks_to == {"kube-dns", "keycloak", *rpc}
