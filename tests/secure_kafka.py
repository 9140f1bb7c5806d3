"""The secured Kafka of the tests: SASL/SCRAM over TLS with KRaft's StandardAuthorizer
(deploy/kafka/kafka.sh with KAFKA_SECURITY=sasl_ssl), a broker of its own beside the
shared plaintext one: port `$OCOP_SECURE_KAFKA_PORT` (29192; the controller on the next
one), state under `<state root>/secure` (its CA, its principals' passwords in
`kafka/scram/<principal>.json`). `deploy/infra.sh up` starts it; `running()` starts it
when it is not (and then stops it again), so a test never finds it missing."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient

from contracts import topics
from deploy.kafka.security import create_acls
from runtime.kafka_auth import client_security

REPO = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("OCOP_SECURE_KAFKA_PORT", "29192"))
STATE = Path(os.environ.get("OCOP_STATE_DIR") or REPO / ".state") / "secure"
"""As deploy/infra.sh places it: `<state root>/secure` (`$OCOP_STATE_DIR`, else `.state`)."""
ENV = {
    **os.environ,
    "KAFKA_SECURITY": "sasl_ssl",
    "KAFKA_PORT": str(PORT),
    "KAFKA_CONTROLLER_PORT": str(PORT + 1),
    "KAFKA_HEAP_OPTS": "-Xms128m -Xmx512m",
    "OCOP_STATE_DIR": str(STATE),
}
SCRAM = STATE / "kafka" / "scram"
"""`<principal>.json` per service, the province and `admin`."""
BOOTSTRAP = f"127.0.0.1:{PORT}"
KAFKA_SH = str(REPO / "deploy" / "kafka" / "kafka.sh")


@contextmanager
def running() -> Iterator[str]:
    """The secured broker's bootstrap address, started first if it is not running (and
    stopped after, then)."""
    status = subprocess.run([KAFKA_SH, "status"], check=False, env=ENV, capture_output=True)
    was_running = status.returncode == 0
    started = subprocess.run(
        [KAFKA_SH, "start"], env=ENV, check=False, capture_output=True, timeout=300
    )
    assert started.returncode == 0, started.stdout.decode()[-3000:] + started.stderr.decode()
    try:
        yield BOOTSTRAP
    finally:
        if not was_running:
            subprocess.run([KAFKA_SH, "stop"], env=ENV, check=True, capture_output=True)


def _admin() -> AIOKafkaAdminClient:
    return AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP, **client_security(SCRAM / "admin.json"))


@asynccontextmanager
async def prefixed_topics() -> AsyncIterator[str]:
    """A fresh set of the system's topics under a unique prefix on the secured broker, and
    the deployment's ACLs for them (each service writes its own, reads what it consumes in
    its own group; the province only its two); the topics are deleted after."""
    from tests.conftest import create_topics  # the same readiness wait as the plain tier

    prefix = f"s{uuid.uuid4().hex[:10]}."
    security = client_security(SCRAM / "admin.json")
    names = [prefix + t.name for t in topics.CATALOGUE]
    dead = [prefix + t.name for t in topics.dead_letter_topics()]
    await create_topics(BOOTSTRAP, names, security=security)
    await create_topics(BOOTSTRAP, dead, topics.DEAD_LETTER_PARTITIONS, security=security)
    await create_acls(BOOTSTRAP, SCRAM / "admin.json", prefix)
    try:
        yield prefix
    finally:
        admin = _admin()
        await admin.start()
        try:
            await admin.delete_topics(names + dead)
        finally:
            await admin.close()
