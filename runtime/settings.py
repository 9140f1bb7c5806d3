"""Typed settings, read from the environment (prefix OCOP_) by the composition roots only."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from runtime.topology import default_ports

Store = Literal["memory", "sqlite", "postgres"]
Delivery = Literal["inproc", "kafka"]

DEFAULT_PORTS = default_ports()


class Settings(BaseSettings):
    """Everything a process needs to find its store, its broker and its peers."""

    model_config = SettingsConfigDict(env_prefix="OCOP_", extra="ignore")

    store: Store = "sqlite"
    delivery: Delivery = "inproc"
    data_dir: Path = Path("data")

    kafka_bootstrap: str = "127.0.0.1:19092"
    kafka_credentials_dir: Path | None = Field(
        default=None,
        description="Directory with <principal>.json SCRAM credentials: each process "
        "connects to Kafka as its service's principal over SASL_SSL (runtime/kafka_auth.py);"
        " unset: plaintext",
    )
    topic_prefix: str = Field(
        default="", description="Prepended to every topic name (isolates test runs)"
    )

    pg_host: str = "127.0.0.1"
    pg_port: int = 5432
    pg_user: str = "ocop"
    pg_password: str = "ocop"
    pg_db_prefix: str = "ocop_"
    pg_pool_size: int = 5
    pg_group_commit: bool = Field(
        default=True,
        description="Store concurrent commands' events in one transaction (runtime.group_commit)",
    )

    time_zone: str = Field(
        default="Asia/Ho_Chi_Minh",
        description="IANA time zone of the deployment: 'today' for every date rule",
    )

    grpc_host: str = "127.0.0.1"
    # One gRPC port per service of runtime.topology.SERVICES (a test keeps them in step).
    registration_port: int = DEFAULT_PORTS["registration"]
    evaluation_port: int = DEFAULT_PORTS["evaluation"]
    promotion_port: int = DEFAULT_PORTS["promotion"]
    inspection_port: int = DEFAULT_PORTS["inspection"]
    reporting_port: int = DEFAULT_PORTS["reporting"]
    metrics_port: int = Field(default=0, description="0 disables the /metrics endpoint")
    health_port: int = Field(
        default=0,
        description="/healthz and /readyz of a stream, relay or scheduler process (0: none)",
    )
    health_interval_seconds: float = Field(
        default=2.0, gt=0, description="How often a process looks at its store and broker"
    )
    ready_max_lag: int = Field(
        default=1000,
        ge=0,
        description="Ready while a stream lags (and an active relay's backlog is) at most this",
    )
    shutdown_drain_seconds: float = Field(
        default=1.0,
        ge=0,
        description="gRPC health answers NOT_SERVING this long before the server stops",
    )

    oidc_issuer: str = Field(
        default="",
        description="Token issuer URL (a Keycloak realm); empty: the embedded issuer",
    )
    identity_port: int = Field(default=50060, description="Port of the embedded token issuer")
    tls_dir: Path | None = Field(
        default=None,
        description="Directory with ca.pem, <service>.pem, <service>-key.pem: gRPC over TLS",
    )
    s3_endpoint: str = Field(
        default="",
        description="S3 API of the document store (deploy/seaweedfs); unset: documents "
        "are files under <data_dir> (runtime/blobs.py)",
    )
    s3_bucket: str = Field(default="ocop-documents", description="Bucket of the documents")
    s3_access_key: str = Field(default="", description="S3 access key id")
    s3_secret_key: str = Field(default="", description="S3 secret access key")
    s3_region: str = Field(default="us-east-1", description="S3 region (signature only)")
    personal_data_key_file: Path | None = Field(
        default=None,
        description="File with the key-encryption key of personal data (base64, 32 bytes); "
        "unset: <data_dir>/personal-data.key, made on first start (runtime/personal_data.py)",
    )
    rpc_max_workers: int = Field(default=8, ge=2, description="Threads serving gRPC calls")
    rpc_stream_idle_seconds: float = Field(
        default=30, gt=0, description="A client stream silent this long is cancelled"
    )
    rpc_stream_seconds: float = Field(
        default=300, gt=0, description="A client stream still sending after this is cancelled"
    )
    idempotency_retention_hours: float = Field(
        default=168, gt=0, description="How long a command's idempotency key and reply are kept"
    )

    production: bool = Field(
        default=False,
        description="A production deployment: no sandbox clock (runtime/sandbox.py)",
    )
    sandbox_clock: date | None = Field(
        default=None,
        description="Embedded mode: start the sandbox clock at this date (ocop admin clock)",
    )

    relay_batch_size: int = Field(default=500, ge=1)
    relay_poll_seconds: float = Field(default=0.05, gt=0)
    consumer_batch_size: int = Field(default=500, ge=1)
    consumer_max_attempts: int = Field(default=3, ge=1)
    consumer_retry_backoff_seconds: float = Field(default=0.05, ge=0)

    @field_validator("kafka_credentials_dir", "tls_dir", "personal_data_key_file", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """An empty variable (the compose file's default) means "not set"."""
        return None if value == "" else value

    def port_of(self, service: str) -> int:
        """The gRPC port of `service` (`OCOP_<SERVICE>_PORT`, else the topology's default);
        KeyError for a service without one."""
        default = DEFAULT_PORTS[service]
        port: int = getattr(self, f"{service}_port", default)
        return port

    def issuer_url(self) -> str:
        """The `iss` every token must carry, and where its keys are published."""
        return self.oidc_issuer.rstrip("/") or f"http://127.0.0.1:{self.identity_port}/realms/ocop"

    def address_of(self, service: str) -> str:
        return f"{self.grpc_host}:{self.port_of(service)}"
