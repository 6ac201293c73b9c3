"""The static site opened straight from disk (file://): no server, no network, still working."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from partnergraph.graph.store import GraphStore
from partnergraph.queries.search import search
from partnergraph.viz.browser import element_png
from partnergraph.viz.links import uid_file
from partnergraph.viz.pixels import decode_png
from partnergraph.viz.site import build_site
from tests.browser.conftest import Browser


@pytest.fixture(scope="module")
def site(site_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    gdansk = search(site_store, "Gdańsk", limit=1).results[0].node.uid
    neighbours = [n.node.uid for n in site_store.neighbours(gdansk)]
    out = tmp_path_factory.mktemp("site")
    build_site(site_store, out, only=[gdansk, *neighbours])
    return out


def test_static_pages_open_from_disk_offline(browser: Browser, site: Path) -> None:
    driver: Any = browser.driver
    for page in ["index.html", "erb.html", "en/erb.html", "gaps.html", "path.html"]:
        visit = browser.visit((site / page).as_uri())
        assert visit.console_errors == [], page
        assert all(u.startswith("file://") for u in visit.requests if "://" in u), page
    node_pages = sorted((site / "node").glob("*.html"))
    assert node_pages
    visit = browser.visit(node_pages[0].as_uri())
    assert visit.console_errors == []
    assert visit.external == []
    canvas = driver.find_element(By.CSS_SELECTOR, "[data-network]")
    assert decode_png(element_png(driver, canvas)).ink_ratio(step=1) > 0.01


def test_static_search_suggests_from_the_baked_index(
    browser: Browser, site: Path, site_store: GraphStore
) -> None:
    browser.visit((site / "index.html").as_uri())
    driver: Any = browser.driver
    box = driver.find_element(By.ID, "q")
    box.send_keys("GDANSK")
    WebDriverWait(driver, 10).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "#q-list li[role=option]"))
    )
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    WebDriverWait(driver, 10).until(ec.url_contains("/node/"))
    gdansk = search(site_store, "Gdańsk", limit=1).results[0].node.uid
    assert driver.current_url.endswith(uid_file(gdansk))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Gdańsk"
    # the language switch is a relative link to the English tree
    driver.find_element(By.ID, "lang-switch").click()
    WebDriverWait(driver, 10).until(ec.url_contains("/en/node/"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.collect().console_errors == []


def test_static_year_slider_and_embed(browser: Browser, site: Path) -> None:
    browser.visit((site / "erb.html").as_uri() + "?at=2010&embed=1")
    driver: Any = browser.driver
    assert not driver.find_element(By.CSS_SELECTOR, ".site-header").is_displayed()
    assert driver.find_element(By.ID, "erb-select").get_attribute("value") == "2010"
    visit = browser.collect()
    assert visit.console_errors == []


def test_static_path_page_finds_paths_in_the_browser(
    browser: Browser, site: Path, site_store: GraphStore
) -> None:
    gdansk = search(site_store, "Gdańsk", limit=1).results[0].node.uid
    target = search(site_store, "Blekinge", limit=1).results[0].node.uid
    visit = browser.visit((site / "path.html").as_uri() + f"?from={gdansk}&to={target}&k=2")
    assert visit.console_errors == []
    driver: Any = browser.driver
    headings = driver.find_elements(By.CSS_SELECTOR, "#path-results h3")
    assert 1 <= len(headings) <= 2
    hops = driver.find_elements(By.CSS_SELECTOR, "#path-results ol.hops li")
    assert hops
    assert "Gdańsk" in hops[0].text
    canvas = driver.find_element(By.ID, "pathnet")
    assert decode_png(element_png(driver, canvas)).ink_ratio(step=1) > 0.01
