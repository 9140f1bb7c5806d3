"""The embedded mode's identity: accounts and signing key under `<data_dir>/identity/`,
the issuer served on `Settings.identity_port`, demo users from the Keycloak realm export."""

from __future__ import annotations

from pathlib import Path

from runtime.identity.accounts import AccountStore
from runtime.identity.issuer import IssuerServer, load_or_create_key
from runtime.settings import Settings

REALM_FILE = Path(__file__).resolve().parents[2] / "deploy" / "keycloak" / "realm-ocop.json"


def accounts(settings: Settings) -> AccountStore:
    return AccountStore(settings.data_dir / "identity" / "accounts.sqlite3")


def issuer_server(settings: Settings) -> IssuerServer:
    """The issuer (not started) over the data dir's accounts and key."""
    key = load_or_create_key(settings.data_dir / "identity" / "signing-key.pem")
    return IssuerServer(accounts(settings), key, "127.0.0.1", settings.identity_port)
