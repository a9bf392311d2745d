"""Starting a real OpenSearch node or cluster for a test: skipped where it cannot start,
a failure where REQUIRE_SEARCH_ENGINE=1 says it must."""

import os

import pytest

from search.node import EngineUnavailable


def started_or_skipped(engine):
    """`engine`, started; the test skips (or fails, when required) if it cannot start."""
    try:
        engine.start()
    except EngineUnavailable as error:
        if os.environ.get("REQUIRE_SEARCH_ENGINE") == "1":
            pytest.fail(f"REQUIRE_SEARCH_ENGINE=1 but the search engine is unavailable: {error}")
        pytest.skip(f"search engine unavailable: {error}")
    return engine
