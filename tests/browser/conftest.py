"""Browser tests: the website in a real headless Chromium, against the bundled data.

One app server (uvicorn on 127.0.0.1, a free port) and one browser serve the whole session.
Without Chromium these tests are skipped on a developer's machine, but fail under CI=true:
CI installs it (``scripts/setup.sh --browser``), so a missing browser there is a broken setup.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings
from partnergraph.stores import open_store
from partnergraph.viz.browser import Server, browser_available, chromium, serve
from partnergraph.viz.screenshots import showcase, wait_for_networks


def require_browser() -> None:
    if browser_available():
        return
    message = "Chromium, chromedriver or selenium is missing (scripts/setup.sh --browser)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def site_store() -> GraphStore:
    return open_store(Settings(store="memory"))


@pytest.fixture(scope="session")
def server(site_store: GraphStore) -> Iterator[Server]:
    require_browser()
    from partnergraph.web import create_app

    with serve(create_app(Settings(store="memory"), store=site_store)) as running:
        yield running


@pytest.fixture(scope="session")
def driver() -> Iterator[object]:
    require_browser()
    with chromium() as browser:
        browser.get("about:blank")
        browser.get_log("performance")
        browser.get_log("browser")
        yield browser


@pytest.fixture(scope="session")
def pages(site_store: GraphStore) -> dict[str, str]:
    return showcase(site_store)


@dataclass
class Visit:
    console_errors: list[str]
    requests: list[str]
    external: list[str]


class Browser:
    """The session's driver with the checks every page visit makes."""

    def __init__(self, driver: object, base: str) -> None:
        self.driver = driver
        self.base = base

    def _drain(self) -> tuple[list[str], list[str]]:
        errors = [
            entry["message"]
            for entry in self.driver.get_log("browser")  # type: ignore[attr-defined]
            if entry["level"] == "SEVERE"
        ]
        requests = []
        for entry in self.driver.get_log("performance"):  # type: ignore[attr-defined]
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                requests.append(message["params"]["request"]["url"])
        return errors, requests

    def visit(self, url: str, *, wait: bool = True) -> Visit:
        self._drain()
        self.driver.get(url if "://" in url else self.base + url)  # type: ignore[attr-defined]
        if wait:
            wait_for_networks(self.driver)
        return self.collect()

    def collect(self) -> Visit:
        errors, requests = self._drain()
        external = [
            u
            for u in requests
            if not (u.startswith(("http://127.0.0.1:", "file://", "data:", "about:", "blob:")))
        ]
        return Visit(console_errors=errors, requests=requests, external=external)


@pytest.fixture(scope="session")
def browser(driver: object, server: Server) -> Browser:
    return Browser(driver, server.url)
