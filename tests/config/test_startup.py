"""The web entry points load the whole application, then keep it out of the collector's scans."""

import gc
import importlib

import pytest


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.asgi"])
def test_an_entry_point_loads_every_view_and_freezes_what_it_loaded(entry_point):
    gc.unfreeze()
    try:
        module = importlib.reload(importlib.import_module(entry_point))
        assert gc.get_freeze_count() > 10_000  # Django, Wagtail and every view
        assert callable(module.application)
    finally:
        gc.unfreeze()


def test_frozen_objects_are_still_freed_when_released():
    from config.startup import settle

    class Held:
        pass

    import weakref

    held = Held()
    reference = weakref.ref(held)
    try:
        settle()
        assert gc.get_freeze_count() > 0
        del held
        assert reference() is None
    finally:
        gc.unfreeze()
