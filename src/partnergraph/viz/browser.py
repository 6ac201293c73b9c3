"""Headless Chromium for the browser tests, the screenshots and the viz benchmark.

Uses the system's Chromium and chromedriver (Debian ``chromium`` and ``chromium-driver``,
installed by ``scripts/setup.sh --browser``) through selenium; nothing downloads a browser.
External hosts are made unresolvable inside the browser, so a page that tried to reach a CDN
would fail visibly in the tests instead of silently working on a connected machine.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI
    from selenium.webdriver.remote.webdriver import WebDriver

__all__ = [
    "CHROMEDRIVER",
    "CHROMIUM",
    "Server",
    "browser_available",
    "chromium",
    "free_port",
    "network_requests",
    "serve",
]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def browser_available() -> bool:
    """True when Chromium, its driver and selenium are all installed."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    thread: threading.Thread
    server: Any

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@contextlib.contextmanager
def serve(app: FastAPI | Any, port: int | None = None) -> Iterator[Server]:
    """Run ``app`` (an ASGI app) with uvicorn on 127.0.0.1 in a background thread."""
    import uvicorn

    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    handle = Server(url=f"http://127.0.0.1:{port}", thread=thread, server=server)
    try:
        yield handle
    finally:
        handle.stop()


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[WebDriver]:
    """A headless Chromium with a fresh profile, performance logging on, no outside network."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="partnergraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--lang=pl-PL",
        # Anything but loopback is unresolvable: an external request fails, it does not leak.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def network_requests(driver: WebDriver) -> list[str]:
    """URLs the browser requested since the last call (from Chromium's performance log)."""
    urls = []
    logs: Any = driver
    for entry in logs.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def element_png(driver: WebDriver, element: Any, scale: float = 0.25, inset: int = 6) -> bytes:
    """A PNG of one element's inside (``inset`` pixels in from its border), scaled down (a
    quarter by default) so that decoding it in pure Python stays fast; strokes and nodes
    survive the scaling as grey or coloured pixels, an empty canvas is one flat colour."""
    import base64

    rect = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(), i = arguments[1];"
        "return {x: r.left + window.scrollX + i, y: r.top + window.scrollY + i,"
        " width: r.width - 2 * i, height: r.height - 2 * i};",
        element,
        inset,
    )
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": {**rect, "scale": scale}},
    )
    return base64.b64decode(shot["data"])
