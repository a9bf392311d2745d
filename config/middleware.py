"""HTTP caching for the public: shared caches may keep anonymous pages, never signed-in ones."""

import hashlib

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, quote_etag

from pages.caching import content_version, fragments_pinned


class PublicCacheMiddleware:
    """Anonymous GETs of public pages get `Cache-Control: public`, an ETag and Last-Modified
    from the content version (a publish anywhere changes them, as every page shows the menu
    and news); a matching conditional GET is answered 304 before any page is built.
    Signed-in users get `private, no-store`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The request sees one content version: its ETag, its Last-Modified and what it shows.
        with fragments_pinned():
            return self._respond(request)

    def _respond(self, request):
        cacheable = self._cacheable_request(request)
        if cacheable:
            etag = _etag(request)
            if _matches(etag, request.headers.get("If-None-Match", "")):
                return _not_modified(etag)
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        elif cacheable and _public_response(response):
            patch_cache_control(response, public=True, max_age=settings.HTTP_CACHE_MAX_AGE)
            response["ETag"] = etag
            response["Last-Modified"] = http_date(content_version()[1].timestamp())
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return False  # a session may be signed in: its pages are never shared
        path = request.path
        return path == "/" or any(
            path.startswith(prefix) for prefix in settings.HTTP_CACHE_PATHS if prefix != "/"
        )


def _signed_in(request) -> bool:
    # Without a session cookie nobody is signed in; not asking spares a session lookup.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def _etag(request) -> str:
    """The page's version: the content version, the day (entries expire by date) and the URL."""
    token = content_version()[0]
    key = f"{token}|{timezone.localdate()}|{request.get_full_path()}"
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def _matches(etag: str, if_none_match: str) -> bool:
    # Weak comparison (RFC 9110 13.1.2): compression turns the ETag into W/"...".
    return any(tag.removeprefix("W/") == etag for tag in parse_etags(if_none_match))


def _public_response(response) -> bool:
    """A plain 200 that sets no cookie and has no caching rules of its own."""
    return (
        response.status_code == 200
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def _not_modified(etag: str) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(content_version()[1].timestamp())
    patch_cache_control(response, public=True, max_age=settings.HTTP_CACHE_MAX_AGE)
    return response
