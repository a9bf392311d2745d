"""Counters that slow down password guessing and form abuse, kept in the shared cache."""

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most `attempts` within `window` seconds for one key, then refused for the window."""

    name: str
    attempts: int
    window: int

    def _key(self, key: str) -> str:
        return f"limit:{self.name}:{key.lower()}"

    def exceeded(self, *keys: str) -> bool:
        return any((cache.get(self._key(key)) or 0) >= self.attempts for key in keys if key)

    def hit(self, *keys: str) -> None:
        for key in keys:
            if not key:
                continue
            cache_key = self._key(key)
            if cache.add(cache_key, 1, self.window):
                continue
            try:
                cache.incr(cache_key)
            except ValueError:  # expired between add and incr
                cache.set(cache_key, 1, self.window)

    def reset(self, *keys: str) -> None:
        cache.delete_many([self._key(key) for key in keys if key])


LOGIN_FAILURES = Limit("login", attempts=5, window=15 * 60)
REGISTRATIONS = Limit("register", attempts=5, window=60 * 60)
PASSWORD_RESETS = Limit("password-reset", attempts=5, window=60 * 60)


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by clients unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "")
