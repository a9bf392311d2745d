"""The browser and axe-core, shared by every layer that drives chromium (tests/browser/,
tests/cluster/): one Playwright per test process, since a second sync Playwright in the same
process refuses to start. Registered for the whole suite in tests/conftest.py.

Playwright drives Debian's chromium; axe-core checks accessibility.

Playwright's own browser download cannot work here, so chromium is launched through
`executable_path`. Without chromium the layer skips, unless REQUIRE_BROWSER=1 (set by CI).
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by the
# test itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if not path:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is required (REQUIRE_BROWSER=1) but was not found")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def serious_violations(axe, page, *, upstream: dict[str, str] | None = None) -> list[str]:
    """axe-core violations of serious or critical impact, described for a failure message.

    `upstream` maps a rule to a CSS selector: that rule is not reported on the elements the
    selector matches, and only there. It is for markup the project does not write (Wagtail's
    own); the caller names the component and its upstream issue.
    """
    upstream = upstream or {}
    results = axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        nodes = [
            node
            for node in violation["nodes"]
            if not _matches(page, node, upstream.get(violation["id"]))
        ]
        if nodes:
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
                + "; ".join(node["target"][0] for node in nodes[:3])
            )
    return found


def _matches(page, node, selector: str | None) -> bool:
    """Whether the element axe reported matches `selector` (never inside a frame)."""
    target = node["target"][0]
    if not selector or not isinstance(target, str):
        return False
    return page.evaluate(
        "([target, selector]) => !!document.querySelector(target)?.matches(selector)",
        [target, selector],
    )
