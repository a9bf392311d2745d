"""Response headers every page carries, and the idle session timeout."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils.cache import add_never_cache_headers

LAST_ACTIVITY_KEY = "last_activity"


def _is_private(request) -> bool:
    if request.path.startswith(tuple(settings.PRIVATE_PATH_PREFIXES)):
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy; private pages are never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if _is_private(request) and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response


def idle_timeout_for(user) -> int:
    """Seconds of inactivity after which `user` is signed out."""
    if user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return settings.SESSION_IDLE_TIMEOUT_STAFF
    return settings.SESSION_IDLE_TIMEOUT_PROVIDERS


class IdleSessionTimeoutMiddleware:
    """Signs a person out after a period without requests; the next page asks them to sign in."""

    # Record activity at most this often, so not every request writes the session.
    RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_KEY)
        if last is not None and now - last > idle_timeout_for(request.user):
            logout(request)
            return
        if last is None or now - last >= self.RESOLUTION:
            request.session[LAST_ACTIVITY_KEY] = now
