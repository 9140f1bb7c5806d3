"""The console once against the distributed mode, in a real browser: its own process
(`python -m console`) beside registration, evaluation and reporting as separate processes
on PostgreSQL (databases of the test's own, `console_browser_*`, so no lock is needed)
and Kafka, gRPC over TLS; signing in through Keycloak (authorization code + PKCE, client
`ocop-console`) as accounts of the test's own; a producer registered on the page and a
refusal at its field; a product registered and forwarded by the CLI, then its council
session and decision on the pages (council_steps.py: officer, members, secretary and
chairman each signing in through Keycloak), its public page; signing out of Keycloak
too."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from runtime.settings import Settings
from tests.browser.conftest import screenshots
from tests.browser.council_steps import Council, Login, council_session
from tests.browser.pages import (
    click_and_wait,
    error_of,
    fill,
    sign_out,
    submit,
    text,
    wait_answering,
)
from tests.conftest import SERVICES, pg_settings, reset_databases
from tests.e2e.accounts import ensure_keycloak
from tests.e2e.environments import distributed_identity, free_port
from tests.e2e.harness import Processes, distributed
from tests.e2e.journeys import forwarded

pytestmark = [pytest.mark.browser, pytest.mark.e2e, pytest.mark.kafka, pytest.mark.postgres]
PREFIX = "console_browser_"
USER = "console-can-bo-xa"
COUNCIL = Council(
    officer="console-so-nnmt",
    scorers=("console-chu-tich", "console-tv-hoa", "console-tv-minh"),
    secretary="console-thu-ky",
    authority="console-ct-ubnd-tinh",
    shots="distributed-",
)
ROLES = {
    COUNCIL.officer: "province_officer",
    **dict.fromkeys(COUNCIL.scorers, "council_member"),
    COUNCIL.secretary: "council_secretary",
    COUNCIL.authority: "authority",
}


def own_databases() -> Settings:
    """Databases of this test's own (made when missing, emptied)."""
    settings = pg_settings(pg_db_prefix=PREFIX)
    with psycopg.connect(
        host=settings.pg_host, port=settings.pg_port, user=settings.pg_user,
        password=settings.pg_password, dbname="postgres", autocommit=True,
    ) as conn:  # fmt: skip
        for service in SERVICES:
            name = f"{PREFIX}{service}"
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    reset_databases(settings)
    return settings


@pytest.fixture
def system(topic_prefix: str, tmp_path: Path) -> Iterator[tuple[Processes, str]]:
    folder = tmp_path
    identity = distributed_identity(folder)
    ensure_keycloak(identity["OCOP_OIDC_ISSUER"], USER, "commune_officer", "23500")
    for account, role in ROLES.items():  # accounts of this test's own, never the demo's
        ensure_keycloak(identity["OCOP_OIDC_ISSUER"], account, role, "51")
    settings = own_databases()
    port = free_port()
    services = ("registration", "evaluation", "reporting")
    with distributed(folder, settings, topic_prefix, services, identity) as proc:
        console = proc.start("console", "-m", "console", env={"OCOP_CONSOLE_PORT": str(port)})
        try:
            base = f"http://127.0.0.1:{port}"
            wait_answering(base)
            yield proc, base
        finally:  # the console stops cleanly too, before the services
            proc.children.remove(("console", console))
            console.send_signal(signal.SIGTERM)
            assert console.wait(timeout=30) == 0, proc.log_of("console")


def keycloak_login(base: str, issuer: str) -> Login:
    """Signing in through Keycloak's own page, as nobody before: the console's and
    Keycloak's cookies are dropped first (signing out of Keycloak without an ID token
    stops at its confirmation page, so its session would sign the last user in again)."""

    def login(driver: webdriver.Chrome, user: str) -> None:
        driver.get(f"{issuer}/.well-known/openid-configuration")  # Keycloak's cookie path
        driver.delete_all_cookies()
        driver.get(f"{base}/dang-nhap")
        driver.delete_all_cookies()
        link = driver.find_element(By.LINK_TEXT, "Đăng nhập bằng tài khoản của cơ quan")
        click_and_wait(driver, link)
        assert "/realms/ocop/" in driver.current_url  # Keycloak's own sign-in page
        fill(driver, {"username": user, "password": f"demo-{user}"})
        click_and_wait(driver, driver.find_element(By.ID, "kc-login"))
        assert f"Xin chào, {user}" in text(driver)

    return login


@pytest.mark.timeout(900)  # the council session signs in six people
def test_the_console_in_the_distributed_mode(
    driver: webdriver.Chrome, system: tuple[Processes, str]
) -> None:
    proc, base = system
    login = keycloak_login(base, proc.env["OCOP_OIDC_ISSUER"])
    login(driver, USER)
    screenshots(driver, "distributed-home")

    driver.get(f"{base}/nha-san-xuat/moi")
    fill(driver, {"name": "Hộ Nguyễn Văn A", "kind": "household_business", "commune_code": "23500"})
    submit(driver)
    assert error_of(driver, "business_registration_no")
    fill(driver, {"business_registration_no": "6101239999", "legal_representative": "A Tâm"})
    submit(driver)
    assert "Hộ Nguyễn Văn A" in driver.find_element(By.TAG_NAME, "h1").text

    registered = forwarded(proc)  # the CLI as the demo officers, to the province
    council_session(driver, base, login, registered["dossier"], COUNCIL)
    # The public page reads reporting, which learns of the decision through the relay and
    # Kafka a moment later: the page is asked again until it shows it (a minute at most)
    deadline = time.monotonic() + 60
    while True:
        driver.get(f"{base}/san-pham/51-23500-1-2026")
        status = driver.find_element(By.ID, "live-status").text
        if status == "Còn hiệu lực" or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert status == "Còn hiệu lực"
    assert "125/QĐ-UBND" in text(driver)
    screenshots(driver, "distributed-public-product")
    driver.get(f"{base}/")
    sign_out(driver)  # the console's session ends, then Keycloak's
    driver.get(f"{base}/")
    assert USER not in text(driver) and "Đăng nhập" in text(driver)
