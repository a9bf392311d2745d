"""Counters that slow down password guessing and form abuse, kept in the shared cache.

Every sign-in door (the portal, the Wagtail admin, Wagtail's private-page login) reaches the
sign-in limits through `authenticate()` and the backend in `accounts.backends`; both password
reset doors reach the reset limits through the form in `accounts.forms`.
"""

from dataclasses import dataclass

from django.conf import settings
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


# Failed sign-ins. The tight limit is per account *and* client, so a stranger cannot lock a
# person out; the looser ones catch guessing spread over many clients or many accounts.
SIGN_IN_PER_ACCOUNT_CLIENT = Limit("sign-in", attempts=5, window=15 * 60)
SIGN_IN_PER_ACCOUNT = Limit("sign-in-account", attempts=50, window=60 * 60)
SIGN_IN_PER_CLIENT = Limit("sign-in-client", attempts=30, window=15 * 60)
# Password reset emails asked for.
RESETS_PER_ADDRESS_CLIENT = Limit("password-reset", attempts=5, window=60 * 60)
RESETS_PER_ADDRESS = Limit("password-reset-address", attempts=10, window=60 * 60)
RESETS_PER_CLIENT = Limit("password-reset-client", attempts=20, window=60 * 60)
# New confirmation links asked for.
CONFIRMATIONS_PER_ADDRESS_CLIENT = Limit("confirmation", attempts=3, window=60 * 60)
CONFIRMATIONS_PER_ADDRESS = Limit("confirmation-address", attempts=5, window=60 * 60)
CONFIRMATIONS_PER_CLIENT = Limit("confirmation-client", attempts=20, window=60 * 60)
REGISTRATIONS = Limit("register", attempts=5, window=60 * 60)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the one the trusted proxies saw.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For is the
    one the outermost trusted proxy received; anything left of it may be forged by the client.
    """
    if request is None:
        return ""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def _pair(account: str, client: str) -> str:
    return f"{account}|{client}"


def sign_in_blocked(*, request, account: str) -> bool:
    """True while failed sign-ins to `account` (from this client) are over a limit."""
    client = client_ip(request)
    return (
        SIGN_IN_PER_ACCOUNT_CLIENT.exceeded(_pair(account, client))
        or SIGN_IN_PER_ACCOUNT.exceeded(account)
        or SIGN_IN_PER_CLIENT.exceeded(client)
    )


def sign_in_failed(*, request, account: str) -> None:
    """Count one failed sign-in to `account` from this client."""
    client = client_ip(request)
    SIGN_IN_PER_ACCOUNT_CLIENT.hit(_pair(account, client))
    SIGN_IN_PER_ACCOUNT.hit(account)
    SIGN_IN_PER_CLIENT.hit(client)


def sign_in_succeeded(*, request, account: str) -> None:
    """Forget this client's failures on `account` once the right password is given."""
    SIGN_IN_PER_ACCOUNT_CLIENT.reset(_pair(account, client_ip(request)))


def _email_request_allowed(
    request, email: str, per_pair: Limit, per_address: Limit, per_client: Limit
) -> bool:
    client = client_ip(request)
    address = email.strip().lower()
    pair = _pair(address, client)
    if per_pair.exceeded(pair) or per_address.exceeded(address) or per_client.exceeded(client):
        return False
    per_pair.hit(pair)
    per_address.hit(address)
    per_client.hit(client)
    return True


def password_reset_allowed(*, request, email: str) -> bool:
    """Count one reset request for `email`; False once a limit is reached."""
    return _email_request_allowed(
        request, email, RESETS_PER_ADDRESS_CLIENT, RESETS_PER_ADDRESS, RESETS_PER_CLIENT
    )


def confirmation_resend_allowed(*, request, email: str) -> bool:
    """Count one request for a new confirmation link; False once a limit is reached."""
    return _email_request_allowed(
        request,
        email,
        CONFIRMATIONS_PER_ADDRESS_CLIENT,
        CONFIRMATIONS_PER_ADDRESS,
        CONFIRMATIONS_PER_CLIENT,
    )
