"""The e2e harness keeps the realm's demo users as they are: a test that names another
role or unit for one is refused before any issuer is asked (the shared Keycloak would keep
the change, and later tests sign in as that user)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.accounts import DEMO
from tests.e2e.harness import Processes


@pytest.mark.parametrize(
    ("user", "role", "unit"),
    [
        ("phong-nn", None, "610"),  # another district for the Đăk Hà officer
        ("ct-ubnd-huyen", "authority", "610"),
        ("so-nnmt", "district_officer", None),  # another role, the same unit
    ],
)
def test_a_demo_user_is_not_reassigned(
    tmp_path: Path, user: str, role: str | None, unit: str | None
) -> None:
    proc = Processes(tmp_path, {"OCOP_OIDC_ISSUER": "http://127.0.0.1:9/realms/ocop"})
    with pytest.raises(AssertionError, match="demo account"):
        proc.sign_in(user, role, unit, [])
    assert proc.signed_in == {}


def test_a_demo_user_named_as_the_realm_has_it_goes_on_to_the_issuer(tmp_path: Path) -> None:
    role, unit = DEMO["phong-nn"]
    proc = Processes(tmp_path, {"OCOP_OIDC_ISSUER": "http://127.0.0.1:9/realms/ocop"})
    # Past the check, the harness asks the issuer (here: no server on port 9).
    with pytest.raises(OSError):
        proc.sign_in("phong-nn", role, unit, [])
