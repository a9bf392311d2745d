import pytest

from pages.demo import demo_content_seed


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
