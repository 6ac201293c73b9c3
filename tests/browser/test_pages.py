"""Every page in a real browser: no console error, nothing fetched from elsewhere, networks
drawn, and the interactions people use (search, click a neighbour, switch language, slide the
year, embed) work."""

from __future__ import annotations

import time
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from partnergraph.viz.browser import element_png
from partnergraph.viz.pixels import decode_png
from tests.browser.conftest import Browser

PAGES = ["home", "node", "priority", "priorities", "erb", "path", "gaps", "clusters"]


def _canvas_ink(driver: Any) -> list[float]:
    """Share of non-background pixels of every visible network canvas, from a screenshot."""
    ratios = []
    for element in driver.find_elements(By.CSS_SELECTOR, "[data-network]"):
        if not element.is_displayed():
            continue
        ratios.append(decode_png(element_png(driver, element)).ink_ratio(step=1))
    return ratios


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_without_errors(
    browser: Browser, pages: dict[str, str], name: str, lang: str
) -> None:
    path = pages[name]
    if lang == "en":
        path += ("&" if "?" in path else "?") + "lang=en"
    visit = browser.visit(path)
    assert visit.console_errors == []
    assert visit.external == [], "requests left 127.0.0.1"
    assert any(u.endswith("/static/site.css") for u in visit.requests)
    driver: Any = browser.driver
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert driver.find_element(By.TAG_NAME, "h1").text.strip()
    for ratio in _canvas_ink(driver):
        assert ratio > 0.01, "a network canvas is blank"


def test_node_page_draws_its_neighbourhood(browser: Browser, pages: dict[str, str]) -> None:
    browser.visit(pages["node"])
    driver: Any = browser.driver
    canvases = list(driver.find_elements(By.CSS_SELECTOR, "[data-network]"))
    assert len(canvases) == 1
    (ratio,) = _canvas_ink(driver)
    assert ratio > 0.01
    # the table beside the picture lists the same neighbours (text alternative)
    rows = driver.find_elements(By.CSS_SELECTOR, "#rel-table tbody tr")
    drawn = driver.execute_script("return pgNetworks.net.body.data.nodes.length")
    assert len(rows) >= drawn - 1 > 0


def _node_centre(driver: Any, network: str, uid: str) -> tuple[float, float]:
    return tuple(  # type: ignore[return-value]
        driver.execute_script(
            "const n = pgNetworks[arguments[0]]; const p = n.getPosition(arguments[1]);"
            "const d = n.canvasToDOM(p); return [d.x, d.y];",
            network,
            uid,
        )
    )


def test_search_then_node_page_then_click_a_neighbour(browser: Browser) -> None:
    browser.visit("/")
    driver: Any = browser.driver
    box = driver.find_element(By.ID, "q")
    box.send_keys("gdansk")
    WebDriverWait(driver, 10).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, "#q-list li[role=option]"))
    )
    first = driver.find_element(By.CSS_SELECTOR, "#q-list li[role=option]")
    assert "Gdańsk" in first.text
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    WebDriverWait(driver, 10).until(ec.url_contains("/node/"))
    node_url = driver.current_url
    visit = browser.visit(node_url)
    assert visit.console_errors == []
    assert visit.external == []
    assert driver.find_element(By.TAG_NAME, "h1").text == "Gdańsk"

    # pick a neighbour drawn on the canvas (not a "+N" summary) and click it there
    neighbour = driver.execute_script(
        "const n = pgNetworks.net; const centre = decodeURIComponent("
        "location.pathname.split('/node/')[1]);"
        "return n.body.data.nodes.getIds().find(id => id !== centre && !id.startsWith('summary:'));"
    )
    assert neighbour
    canvas = driver.find_element(By.ID, "net")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", canvas)
    previous: tuple[float, float] | None = None
    for _ in range(30):  # small views run a little physics: wait until the node stands still
        position = _node_centre(driver, "net", neighbour)
        if previous and abs(position[0] - previous[0]) + abs(position[1] - previous[1]) < 0.5:
            break
        previous = position
        time.sleep(0.2)
    x, y = position
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()
    WebDriverWait(driver, 10).until(lambda d: d.current_url != node_url)
    assert neighbour.split(":")[-1] in driver.current_url
    visit = browser.collect()
    assert visit.console_errors == []
    assert visit.external == []


def test_language_switch(browser: Browser, pages: dict[str, str]) -> None:
    browser.visit(pages["erb"])
    driver: Any = browser.driver
    assert driver.find_element(By.TAG_NAME, "h1").text == "Euroregion Bałtyk"
    switch = driver.find_element(By.ID, "lang-switch")
    assert switch.text == "English"
    switch.click()
    WebDriverWait(driver, 10).until(ec.url_contains("lang=en"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Euroregion Baltic"
    assert driver.find_element(By.ID, "lang-switch").text == "Polski"
    driver.find_element(By.ID, "lang-switch").click()
    WebDriverWait(driver, 10).until(lambda d: "lang=en" not in d.current_url)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "pl"


def test_year_selector_shows_kaliningrad_suspended_only_after_2022(browser: Browser) -> None:
    browser.visit("/erb")
    driver: Any = browser.driver

    def kaliningrad_status() -> str:
        for row in driver.find_elements(By.CSS_SELECTOR, ".variant:not([hidden]) table tr"):
            if "kaliningrad" in row.text.lower():
                return str(row.get_attribute("class"))
        return ""

    assert "status-suspended" in kaliningrad_status()
    select = driver.find_element(By.ID, "erb-select")
    select.send_keys("2010")  # keyboard selection of an option
    WebDriverWait(driver, 5).until(lambda _: "status-active" in kaliningrad_status())
    assert "at=2010" in driver.current_url  # the state is in the URL: it can be shared
    visit = browser.collect()
    assert visit.console_errors == []
    for ratio in _canvas_ink(driver):
        assert ratio > 0.01


def test_embed_hides_the_chrome(browser: Browser, pages: dict[str, str]) -> None:
    browser.visit(pages["node"] + "?embed=1")
    driver: Any = browser.driver
    assert not driver.find_element(By.CSS_SELECTOR, ".site-header").is_displayed()
    assert driver.find_element(By.CSS_SELECTOR, "[data-full-page]").is_displayed()
    assert all(ratio > 0.01 for ratio in _canvas_ink(driver))
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a")]
    assert any("embed=1" in (href or "") for href in links)


def test_keyboard_reaches_skip_link_navigation_and_tables(browser: Browser) -> None:
    browser.visit("/erb")
    driver: Any = browser.driver
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip chrome"
    active.send_keys(Keys.ENTER)
    seen = []
    for _ in range(40):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        element = driver.switch_to.active_element
        seen.append((element.tag_name, element.get_attribute("role") or ""))
    assert ("select", "") in seen  # the year selector
    assert ("div", "region") in seen  # a scrollable table is focusable


def test_path_page_draws_and_explains_paths(browser: Browser, pages: dict[str, str]) -> None:
    browser.visit(pages["path"])
    driver: Any = browser.driver
    hops = driver.find_elements(By.CSS_SELECTOR, "ol.hops li")
    assert hops, "no hop explained"
    assert all(ratio > 0.01 for ratio in _canvas_ink(driver))
