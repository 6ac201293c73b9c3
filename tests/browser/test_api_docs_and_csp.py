"""The API documentation and the Content-Security-Policy in a real browser (issue 18): with
nothing but 127.0.0.1 reachable, ``/docs`` draws Swagger UI's list of operations and
``/redoc`` draws ReDoc; the main pages and both documentation pages run with no CSP violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import Browser, Visit
from tests.browser.test_pages import PAGES

#: Runs before any script of every document: records CSP violations where the test reads them.
_RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") +
    " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


@pytest.fixture
def violations(browser: Browser) -> Iterator[Any]:
    """The driver, with the recorder installed for the test's page loads (removed after)."""
    driver: Any = browser.driver
    added = driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": _RECORD_VIOLATIONS}
    )
    try:
        yield driver
    finally:
        driver.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )


def _recorded(driver: Any) -> list[str]:
    return list(driver.execute_script("return window.__cspViolations || []"))


def test_docs_draw_the_operations_offline(browser: Browser, violations: Any) -> None:
    first = browser.visit("/docs", wait=False)
    driver = violations
    WebDriverWait(driver, 20).until(
        ec.presence_of_element_located(
            (By.CSS_SELECTOR, '.opblock-summary-path[data-path="/v1/search"]')
        )
    )
    operations = driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    assert len(operations) > 10
    later = browser.collect()
    visit = Visit(
        first.console_errors + later.console_errors,
        first.requests + later.requests,
        first.external + later.external,
    )
    assert visit.external == [], "requests left 127.0.0.1"
    assert any("/docs/static/swagger-ui/swagger-ui-bundle.js" in u for u in visit.requests)
    assert _recorded(driver) == []
    assert visit.console_errors == []


def test_redoc_draws_the_reference_offline(browser: Browser, violations: Any) -> None:
    first = browser.visit("/redoc", wait=False)
    driver = violations
    WebDriverWait(driver, 20).until(
        lambda d: "/v1/search" in d.find_element(By.TAG_NAME, "body").text
    )
    later = browser.collect()
    visit = Visit(
        first.console_errors + later.console_errors,
        first.requests + later.requests,
        first.external + later.external,
    )
    assert visit.external == [], "requests left 127.0.0.1"
    assert any("/docs/static/redoc/redoc.standalone.js" in u for u in visit.requests)
    assert _recorded(driver) == []
    assert visit.console_errors == []


@pytest.mark.parametrize("name", PAGES)
def test_main_pages_run_without_a_csp_violation(
    browser: Browser, pages: dict[str, str], violations: Any, name: str
) -> None:
    visit = browser.visit(pages[name])
    driver = violations
    assert driver.execute_script("return Array.isArray(window.__cspViolations)")
    assert _recorded(driver) == []
    assert visit.console_errors == []
    # the policy was there to be violated
    assert driver.execute_script(
        "return performance.getEntriesByType('navigation')[0].name"
    ).startswith(browser.base)


def test_an_inline_script_would_be_refused(browser: Browser, violations: Any) -> None:
    """The recorder works and the policy bites: an injected inline script is blocked."""
    browser.visit("/erb")
    driver = violations
    driver.execute_script(
        "const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        "document.body.appendChild(s);"
    )
    WebDriverWait(driver, 5).until(lambda d: _recorded(d))
    assert driver.execute_script("return window.__ran === undefined")
    assert any("script-src" in v for v in _recorded(driver))
    browser.collect()  # drop the console error this test caused
