"""The dossier the province receives (issue 20), in the distributed mode: registration's
rpc, stream and relay processes on PostgreSQL with their documents in the S3-compatible
object store (SeaweedFS, deploy/seaweedfs), the real Kafka broker carrying the small
forwarded event, and the province's side fetching the whole dossier over the gRPC bundle
call (`ocop registration bundle`, `system.bundle`) and verifying every document against
its SHA-256."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from runtime.blobs import S3BlobStore
from runtime.settings import Settings
from tests.conftest import kafka_bootstrap
from tests.e2e.harness import Processes, distributed_identity, free_port, processes_of, wait_serving
from tests.e2e.test_registration_distributed import idea_to_forwarded, read_forwarding

pytestmark = [pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
SEAWEEDFS = ROOT / "deploy" / "seaweedfs" / "seaweedfs.sh"


def object_store() -> dict[str, str]:
    """OCOP_S3_* of the running SeaweedFS (`make test` starts it; SEAWEEDFS_* and
    SEAWEEDFS_STATE_DIR name another one). Fails, never skips, when it is not running."""
    running = subprocess.run([str(SEAWEEDFS), "status"], check=False, env=os.environ.copy())
    if running.returncode != 0:
        pytest.fail("SeaweedFS is not running: deploy/seaweedfs/seaweedfs.sh start")
    out = subprocess.run(
        [str(SEAWEEDFS), "env"], check=True, capture_output=True, text=True, env=os.environ.copy()
    ).stdout
    pairs = (line.removeprefix("export ").split("=", 1) for line in out.splitlines())
    return {name: value.strip("'") for name, value in pairs}


def test_the_province_fetches_and_verifies_a_forwarded_dossier(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    s3 = object_store()
    ports = {s: free_port() for s in ("REGISTRATION", "EVALUATION", "REPORTING")}
    env = {
        **distributed_identity(tmp_path),
        **s3,
        "OCOP_STORE": "postgres",
        "OCOP_DELIVERY": "kafka",
        "OCOP_DATA_DIR": str(tmp_path / "data"),
        "OCOP_KAFKA_BOOTSTRAP": kafka_bootstrap(),
        "OCOP_TOPIC_PREFIX": topic_prefix,
        "OCOP_PG_HOST": postgres_settings.pg_host,
        "OCOP_PG_PORT": str(postgres_settings.pg_port),
        "OCOP_PG_USER": postgres_settings.pg_user,
        "OCOP_PG_PASSWORD": postgres_settings.pg_password,
        **{f"OCOP_{s}_PORT": str(p) for s, p in ports.items()},
    }
    proc = Processes(tmp_path, env)
    for name, module in processes_of("registration"):
        proc.start(name, "-m", module)
    try:
        wait_serving(f"127.0.0.1:{ports['REGISTRATION']}", processes=proc)
        done = idea_to_forwarded(proc)
        # the forwarded event on Kafka stays small: no document travels with it
        event = asyncio.run(read_forwarding(topic_prefix, done["dossier"]))
        assert len(event.model_dump_json()) < 16_000
        out = tmp_path / "bundle"
        fetched = proc.cli(
            "--user", "tinh-ho-so-e2e", "--role", "province_officer", "--jurisdiction", "51",
            "registration", "bundle", done["dossier"], "--out", str(out),
        )  # fmt: skip
        assert fetched["verified"] is True and fetched["documents"] == 2
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["dossier_id"] == done["dossier"]
        assert manifest["form_03"]["report_no"] == "7/BC-UBND"
        assert manifest["form_02"]["self_assessment"]
        store = S3BlobStore(
            s3["OCOP_S3_ENDPOINT"],
            s3["OCOP_S3_BUCKET"],
            "documents",
            access_key=s3["OCOP_S3_ACCESS_KEY"],
            secret_key=s3["OCOP_S3_SECRET_KEY"],
        )
        for document in manifest["documents"]:
            written = (out / f"{document['sha256'][:8]}-{document['name']}").read_bytes()
            assert hashlib.sha256(written).hexdigest() == document["sha256"]
            assert store.get(document["sha256"]) == written  # kept in the object store
        assert not (tmp_path / "data" / "documents").exists()  # not on a local disk
    finally:
        codes = proc.stop()
    assert all(code == 0 for code in codes.values()), codes
