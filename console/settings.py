"""The console's own settings (env prefix OCOP_CONSOLE_); the services' addresses, the
token issuer and the time zone come from `runtime.settings.Settings`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from runtime.settings import Settings

DEFAULT_PORT = 50080


class ConsoleSettings(BaseSettings):
    """Where the console listens, how it keeps sessions and how it signs people in."""

    model_config = SettingsConfigDict(env_prefix="OCOP_CONSOLE_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=DEFAULT_PORT, description="HTTP port (0: any free port)")
    public_url: str = Field(
        default="",
        description="The console's address as people reach it (QR codes, OIDC redirect); "
        "empty: http://<host>:<port>",
    )
    secret_file: Path | None = Field(
        default=None,
        description="File with the session cookies' encryption key (Fernet, base64); unset: "
        "<data_dir>/console-secret.key, made on first start",
    )
    secure_cookie: bool | None = Field(
        default=None,
        description="Send the session cookie over HTTPS only; unset: when public_url is https",
    )
    session_hours: float = Field(default=8, gt=0, description="A session's lifetime")
    sign_in: Literal["auto", "password", "oidc"] = Field(
        default="auto",
        description="password: the built-in accounts' form; oidc: the authorization-code flow "
        "with PKCE; auto: oidc when OCOP_OIDC_ISSUER is set (Keycloak), else password",
    )
    oidc_client_id: str = Field(
        default="ocop-console", description="The console's OIDC client (Keycloak, PKCE)"
    )
    sign_in_failures_per_name: int = Field(
        default=5, ge=1, description="Failed password sign-ins for one username in 15 minutes"
    )
    sign_in_failures_per_address: int = Field(
        default=20,
        ge=1,
        description="Failed password sign-ins from one client address in 15 minutes (behind "
        "a proxy that is not on the loopback, every client has the proxy's address: raise it)",
    )
    max_body_mib: float = Field(
        default=21,
        gt=0,
        description="Largest request body (MiB): a 20 MiB document (registration's limit) "
        "and its form; larger is refused (413) before it is read",
    )
    wait_seconds: float = Field(
        default=10, ge=0, description="How long a page waits for data between services"
    )
    grpc_addresses: dict[str, str] = Field(
        default_factory=dict,
        description="Each service's gRPC server as host:port, by service name (JSON, e.g. "
        '{"registration": "ocop-registration:50061"}): in compose and Kubernetes every '
        "service is a host of its own; a service not named: OCOP_GRPC_HOST and its "
        "OCOP_<SERVICE>_PORT",
    )

    @field_validator("secret_file", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    def address_of(self, service: str, settings: Settings) -> str:
        """Where the console calls `service`: its `grpc_addresses` entry, else the services'
        own settings (one host, a port per service: the embedded mode)."""
        return self.grpc_addresses.get(service) or settings.address_of(service)

    def oidc(self, issuer_configured: bool) -> bool:
        """Whether people sign in through the OIDC flow (else the password form)."""
        return self.sign_in == "oidc" or (self.sign_in == "auto" and issuer_configured)

    def secure(self) -> bool:
        """Whether the session cookie is sent over HTTPS only."""
        if self.secure_cookie is None:
            return self.public_url.startswith("https://")
        return self.secure_cookie

    def base_url(self, bound_port: int | None = None) -> str:
        """The console's public address without a trailing slash."""
        if self.public_url:
            return self.public_url.rstrip("/")
        return f"http://{self.host}:{bound_port or self.port}"
