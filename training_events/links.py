"""Signed links in registration emails: confirm the address, cancel the place."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "events.registration.confirm"
CANCEL_SALT = "events.registration.cancel"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def registration_token(registration, *, salt: str) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=salt)


def registration_from_token(token: str, *, salt: str, max_age=None):
    """The registration a valid link names, or None."""
    from .models import Registration

    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(pk=data.get("r"), email=data.get("e")).first()


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def confirm_url(registration) -> str:
    token = registration_token(registration, salt=CONFIRM_SALT)
    return _absolute(reverse("events:registration_confirm", args=[token]))


def cancel_url(registration) -> str:
    token = registration_token(registration, salt=CANCEL_SALT)
    return _absolute(reverse("events:registration_cancel", args=[token]))
