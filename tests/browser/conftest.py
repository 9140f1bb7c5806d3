"""The browser tier: Debian's chromium driven by Selenium through chromedriver
(deploy/browser/browser.sh installs both; `make test` runs it through deploy/infra.sh up).
Without a browser the tests skip, and under `make test` a skipped browser test fails
(tests/conftest.py, SERVER_TIERS)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

from tests.browser.pages import wait_answering
from tests.e2e.harness import Processes, embedded, free_port

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
"""Screenshots of the main pages (gitignored): <name>-desktop.png (1366 px wide) and
<name>-phone.png (390 px)."""
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}


def _binary(variable: str, *names: str) -> str | None:
    given = os.environ.get(variable)
    return given or next((found for n in names if (found := shutil.which(n))), None)


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    """A headless chromium, or a skip naming what is missing."""
    chromium = _binary("OCOP_CHROMIUM", "chromium", "chromium-browser")
    chromedriver = _binary("OCOP_CHROMEDRIVER", "chromedriver")
    if not chromium or not chromedriver:
        pytest.skip("chromium or chromedriver missing: deploy/browser/browser.sh install")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=vi"):
        options.add_argument(flag)
    options.add_argument("--window-size=1366,900")
    try:
        browser = webdriver.Chrome(service=Service(chromedriver), options=options)
    except WebDriverException as error:
        pytest.skip(f"chromium does not start: {error.msg}")
    browser.implicitly_wait(0)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def embedded_system(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[tuple[Processes, str]]:
    """The module's own system in the embedded mode (`ocop run` without demo data, in a
    folder of its own, its console on a free port), once the console answers: the
    processes and the console's base URL (`http://127.0.0.1:<port>`)."""
    port = free_port()
    folder = tmp_path_factory.mktemp(f"embedded-{request.module.__name__.rsplit('.', 1)[-1]}")
    with embedded(folder, {"OCOP_CONSOLE_PORT": str(port)}, demo=False) as proc:
        base = f"http://127.0.0.1:{port}"
        wait_answering(base)
        yield proc, base


def screenshots(driver: webdriver.Chrome, name: str) -> list[Path]:
    """The current page at desktop and phone widths, full height; the window is put back
    to the desktop width afterwards."""
    SHOTS.mkdir(exist_ok=True)
    written = []
    for label, (width, height) in WIDTHS.items():
        driver.set_window_size(width, height)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(height, int(full)))
        path = SHOTS / f"{name}-{label}.png"
        driver.save_screenshot(str(path))
        written.append(path)
    driver.set_window_size(*WIDTHS["desktop"])
    return written
