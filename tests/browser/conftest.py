"""The browser layer: Playwright drives Debian's chromium; axe-core checks accessibility.

The browser, page and axe fixtures live in tests/browsing.py (shared with the cluster layer).
"""

import threading

import pytest

from tests.browsing import serious_violations

__all__ = ["serious_violations"]


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
