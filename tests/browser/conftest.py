"""The browser layer: Playwright drives Debian's chromium; axe-core checks accessibility.

Playwright's own browser download cannot work here, so chromium is launched through
`executable_path`. Without chromium the layer skips, unless REQUIRE_BROWSER=1 (set by CI).
"""

import os
import shutil
import threading

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


# The live server shares the test's SQLite connection. A request still running while the
# database is flushed and restored between tests joins the restoring transaction, and an error
# in it silently rolls the whole restore back (groups, sites, settings gone for the next test).
# So requests take this lock, and it is held from the end of one test until the next test's
# database is restored.
_RESTORING = threading.Lock()
_REQUEST_WAIT_SECONDS = 30
_held_by_restore = []


class _PausableApp:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        with _RESTORING:
            return self.app(environ, start_response)


def _serialized_contents_kept(contents) -> bool:
    """Give the connection back the migrated contents if it lost them; say if it had.

    Django restores a serialized_rollback test's database only from a connection that holds
    them, and a flush without them also reruns post-migrate handlers. In runs spread over
    workers the test connection has been seen to lose them between browser tests, so the
    restore was silently skipped and the next test met an emptied database.
    """
    from django.db import connection

    if contents is None or hasattr(connection, "_test_serialized_contents"):
        return True
    connection._test_serialized_contents = contents
    return False


def _restore_if_skipped(contents) -> None:
    from django.core.management import call_command
    from django.db import connection

    if not _serialized_contents_kept(contents):
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _live_server_paused_while_the_database_is_restored(request):
    if "live_server" not in request.fixturenames:
        yield
        return
    server = request.getfixturevalue("live_server")
    # Requested so that it is set up before this fixture and torn down after it.
    request.getfixturevalue("_django_db_helper")
    contents = request.getfixturevalue("_migrated_contents")
    _restore_if_skipped(contents)
    httpd = server.thread.httpd
    if not isinstance(httpd.get_app(), _PausableApp):
        httpd.set_app(_PausableApp(httpd.get_app()))
    if _held_by_restore:
        _held_by_restore.clear()
        _RESTORING.release()
    yield
    if _RESTORING.acquire(timeout=_REQUEST_WAIT_SECONDS):
        _held_by_restore.append(True)
    _serialized_contents_kept(contents)  # so the flush after this test leaves migrations alone
