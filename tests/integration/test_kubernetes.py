"""Every rendered manifest of each overlay validates: the Kubernetes resources against the
Kubernetes schemas (kubernetes-validate, strict: no unknown field), the Strimzi and
CloudNativePG resources against their CRDs' schemas (deploy/kubernetes/crd-validators)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

pytestmark = pytest.mark.tools

ROOT = Path(__file__).resolve().parents[2]
KUBERNETES = ROOT / "deploy" / "kubernetes"
CUSTOM = ("kafka.strimzi.io/", "postgresql.cnpg.io/")


def _missing(what: str) -> None:
    if os.environ.get("OCOP_REQUIRE_INFRA") == "1":
        pytest.fail(what)
    pytest.skip(what)


def render(overlay: str) -> list[dict[str, Any]]:
    """The overlay as kustomize renders it (kubectl's built-in kustomize, or kustomize)."""
    if shutil.which("kubectl"):
        command = ["kubectl", "kustomize", str(KUBERNETES / "overlays" / overlay)]
    elif shutil.which("kustomize"):
        command = ["kustomize", "build", str(KUBERNETES / "overlays" / overlay)]
    else:
        _missing("neither kubectl nor kustomize is installed")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return [d for d in yaml.safe_load_all(done.stdout) if d]


def validate_custom(resources: list[dict[str, Any]]) -> dict[str, Any]:
    fetched = subprocess.run(
        [str(KUBERNETES / "crd-validators" / "fetch.sh")],
        capture_output=True,
        text=True,
        check=False,
    )
    if fetched.returncode != 0:
        _missing(f"CRD validators not installed: {fetched.stderr[-1500:]}")
    directory = fetched.stdout.strip().splitlines()[-1]
    done = subprocess.run(
        ["node", f"{directory}/validate.mjs"],
        input=json.dumps(resources),
        capture_output=True,
        text=True,
        check=False,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("overlay", ["dev", "production"])
def test_every_manifest_validates(overlay: str) -> None:
    resources = render(overlay)
    custom = [r for r in resources if r["apiVersion"].startswith(CUSTOM)]
    core = [r for r in resources if r not in custom]
    assert {r["kind"] for r in core} >= {
        "Deployment",
        "Service",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "ConfigMap",
    }
    version = kubernetes_validate.utils.latest_version()
    for resource in core:
        kubernetes_validate.validate(resource, version, strict=True)
    assert {r["kind"] for r in custom} == {
        "KafkaTopic",
        "KafkaUser",
        "Cluster",
        "Database",
        "ScheduledBackup",
    }
    result = validate_custom(custom)
    assert result == {"checked": len(custom), "problems": []}


def test_an_invalid_custom_resource_is_refused() -> None:
    topic = next(r for r in render("dev") if r["kind"] == "KafkaTopic")
    broken = {**topic, "spec": {**topic["spec"], "partitions": "three"}}
    result = validate_custom([broken])
    assert result["checked"] == 1
    assert "partitions must be integer" in result["problems"][0]["error"]


def test_an_invalid_core_resource_is_refused() -> None:
    deployment = next(r for r in render("dev") if r["kind"] == "Deployment")
    broken = {**deployment, "spec": {**deployment["spec"], "replicas": "two"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(
            broken, kubernetes_validate.utils.latest_version(), strict=True
        )


def test_production_runs_replicated() -> None:
    resources = render("production")
    for resource in resources:
        if resource["kind"] == "KafkaTopic":
            assert resource["spec"]["replicas"] == 3
            assert resource["spec"]["config"]["min.insync.replicas"] == 2
        if resource["kind"] == "Cluster":
            assert resource["spec"]["instances"] == 3
        if resource["kind"] == "Deployment":
            scheduler = resource["metadata"]["name"].endswith("-scheduler")
            assert resource["spec"]["replicas"] == (1 if scheduler else 2)
        assert resource["metadata"].get("namespace", "ocop") == "ocop"
