import pytest

from pages.demo import demo_content_seed

# Registered here, once, so the browser and cluster layers share one Playwright per process.
from tests.browsing import axe, browser, page  # noqa: F401


@pytest.fixture(scope="session", autouse=True)
def _migrated_contents(django_db_setup):
    """What migrations loaded, as serialized when the test database was made (read at once,
    for the browser tests' restore check)."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture
def demo_site(db):
    """The full demo page tree, as `seed_demo` builds it."""
    demo_content_seed()


@pytest.fixture
def home_page(db):
    from pages.demo import home_page_get_or_create

    home, _ = home_page_get_or_create()
    return home


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost; Django sends to it for the test's duration."""
    from tests.smtp import start_smtp_server

    controller, sink = start_smtp_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    yield sink
    controller.stop()
